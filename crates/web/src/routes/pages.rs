//! Server-rendered pages.
use super::find_edition;
use crate::auth::{Caller, Via};
use crate::{AppError, AppState};
use askama::Template;
use axum::extract::{Path, State};
use axum::response::Html;
use chainfair_core::Edition;
use chainfair_store::{EditionFigures, edition_figures, read_all};

/// What the header of every page shows of the caller: who is signed in,
/// and the CSRF token of the sign-out form.
#[derive(Debug, Clone, Default)]
pub(crate) struct Nav {
    pub(crate) name: Option<String>,
    pub(crate) role: &'static str,
    pub(crate) csrf: String,
}

impl Nav {
    pub(crate) fn of(caller: &Caller) -> Self {
        match caller {
            Caller::Anonymous => Self::default(),
            Caller::Signed { account, via } => Self {
                name: Some(account.name.clone()),
                role: account.role.as_str(),
                csrf: match via {
                    Via::Session { csrf, .. } => csrf.clone(),
                    Via::Token { .. } => String::new(),
                },
            },
        }
    }
}

#[derive(Template)]
#[template(path = "home.html")]
struct HomePage {
    nav: Nav,
    editions: Vec<Edition>,
}

pub(crate) async fn home(
    State(state): State<AppState>,
    caller: Caller,
) -> Result<Html<String>, AppError> {
    let editions = read_all::<Edition>(state.store.as_ref(), None).await?;
    let nav = Nav::of(&caller);
    Ok(Html(HomePage { nav, editions }.render()?))
}

#[derive(Template)]
#[template(path = "edition.html")]
struct EditionPage {
    nav: Nav,
    /// For exhibitor staff: whether their organisation has signed up for
    /// the next edition.
    signed_up: Option<bool>,
    organiser: bool,
    edition: Edition,
    figures: EditionFigures,
    documents: Vec<super::documents::DocumentEntry>,
}

impl EditionPage {
    fn percent(share: &f64) -> String {
        format!("{:.1} %", share * 100.0)
    }

    fn growth(growth: &Option<f64>) -> String {
        growth.map_or_else(String::new, |g| {
            format!("{:+.1} % on the previous edition", g * 100.0)
        })
    }

    /// 152299998613.22 -> "152.30 billion", rounded half up, for the
    /// headline; the exact figure stays in the page's table and the JSON.
    fn billions(total: &str) -> String {
        let whole = total.split('.').next().unwrap_or(total);
        match whole.parse::<u128>() {
            Ok(n) if n >= 1_000_000_000 => {
                let hundredths = (n + 5_000_000) / 10_000_000;
                format!("{}.{:02} billion", hundredths / 100, hundredths % 100)
            }
            _ => total.to_owned(),
        }
    }

    /// 37200 -> "37,200".
    fn count(n: &u64) -> String {
        let digits = n.to_string();
        let mut out = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                out.push(',');
            }
            out.push(c);
        }
        out
    }
}

pub(crate) async fn edition(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Html<String>, AppError> {
    let edition = find_edition(state.store.as_ref(), &id).await?;
    let figures = edition_figures(state.store.as_ref(), &edition).await?;
    let documents = super::documents::entries(&state, edition.id()).await?;
    let account = caller.account();
    let signed_up = match account.and_then(|a| a.organization.as_ref()) {
        Some(org) => Some(
            read_all::<chainfair_core::Signup>(state.store.as_ref(), Some(edition.id()))
                .await?
                .iter()
                .any(|s| &s.organization == org),
        ),
        None => None,
    };
    Ok(Html(
        EditionPage {
            nav: Nav::of(&caller),
            signed_up,
            organiser: account.is_some_and(|a| a.is_organiser()),
            edition,
            figures,
            documents,
        }
        .render()?,
    ))
}

#[cfg(test)]
mod tests {
    use super::EditionPage;

    #[test]
    fn headline_numbers_are_rounded_and_grouped() {
        assert_eq!(EditionPage::billions("152299998613.22"), "152.30 billion");
        assert_eq!(EditionPage::billions("1004999999.99"), "1.00 billion");
        assert_eq!(EditionPage::billions("1005000000.00"), "1.01 billion");
        assert_eq!(EditionPage::billions("999999.50"), "999999.50");
        assert_eq!(EditionPage::count(&37200), "37,200");
        assert_eq!(EditionPage::count(&620), "620");
        assert_eq!(EditionPage::count(&1000000), "1,000,000");
    }
}

#[derive(Debug, serde::Deserialize)]
pub(crate) struct ReportQuery {
    lang: Option<String>,
}

/// `/floor`: the floor plan of the newest edition.
pub(crate) async fn newest_floor(
    State(state): State<AppState>,
) -> Result<axum::response::Redirect, AppError> {
    let newest = read_all::<Edition>(state.store.as_ref(), None)
        .await?
        .into_iter()
        .max_by_key(|e| e.start_date())
        .ok_or_else(|| AppError::NotFound("no edition yet".to_owned()))?;
    Ok(axum::response::Redirect::to(&format!(
        "/editions/{}/floor",
        newest.id()
    )))
}

/// The edition's closing report (`?lang=zh` for Chinese).
pub(crate) async fn report(
    State(state): State<AppState>,
    Path(id): Path<String>,
    axum::extract::Query(query): axum::extract::Query<ReportQuery>,
) -> Result<Html<String>, AppError> {
    let lang = match query.lang.as_deref() {
        None => chainfair_report::Lang::En,
        Some(text) => chainfair_report::Lang::parse(text).ok_or_else(|| {
            AppError::BadRequest(chainfair_core::Invalid::new(
                "lang",
                format!("{text:?}: use en or zh"),
            ))
        })?,
    };
    let edition = find_edition(state.store.as_ref(), &id).await?;
    let figures = edition_figures(state.store.as_ref(), &edition).await?;
    Ok(Html(chainfair_report::closing_html(
        &figures,
        &state.chains,
        lang,
    )))
}
