//! Server-rendered pages.
use super::find_edition;
use crate::auth::{Caller, Via};
use crate::i18n::{LANG_COOKIE, Lang, Words, page_lang};
use crate::{AppError, AppState};
use askama::Template;
use axum::Form;
use axum::extract::{FromRequestParts, Path, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, Uri, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use chainfair_core::Edition;
use chainfair_store::{EditionFigures, edition_figures, read_all};
use std::borrow::Borrow;
use std::convert::Infallible;

/// What the header of every page shows of the caller (who is signed in,
/// the CSRF token of the sign-out form) and the page's language, with the
/// address the language switch comes back to. An extractor, so every page
/// handler gets it the same way.
#[derive(Debug, Clone, Default)]
pub(crate) struct Nav {
    pub(crate) name: Option<String>,
    pub(crate) role: &'static str,
    pub(crate) csrf: String,
    pub(crate) words: Words,
    /// This page's address without its `lang` parameter.
    pub(crate) here: String,
}

impl Nav {
    fn new(caller: &Caller, words: Words, here: String) -> Self {
        let (name, role, csrf) = match caller {
            Caller::Anonymous => (None, "", String::new()),
            Caller::Signed { account, via } => (
                Some(account.name.clone()),
                account.role.as_str(),
                match via {
                    Via::Session { csrf, .. } => csrf.clone(),
                    Via::Token { .. } => String::new(),
                },
            ),
        };
        Self {
            name,
            role,
            csrf,
            words,
            here,
        }
    }

    /// `en` in the page's language.
    pub(crate) fn t(&self, en: &'static str) -> &'static str {
        self.words.t(en)
    }

    /// `en` in the page's language, `{0}` replaced by `a`.
    pub(crate) fn f1(&self, en: &'static str, a: impl std::fmt::Display) -> String {
        self.words.f1(en, a)
    }

    /// `en` in the page's language, `{0}` and `{1}` replaced by `a`, `b`.
    pub(crate) fn f2(
        &self,
        en: &'static str,
        a: impl std::fmt::Display,
        b: impl std::fmt::Display,
    ) -> String {
        self.words.f2(en, a, b)
    }

    /// A country's short name in the page's language.
    pub(crate) fn country(
        &self,
        country: impl Borrow<chainfair_core::CountryCode>,
    ) -> &'static str {
        self.words.country(country.borrow())
    }

    /// A participation role in the page's language.
    pub(crate) fn role(&self, role: impl Borrow<chainfair_core::Role>) -> &'static str {
        use chainfair_core::Role;
        self.t(match role.borrow() {
            Role::Exhibitor => "exhibitor",
            Role::CoExhibitor => "co-exhibitor",
            Role::Supplier => "supplier",
            Role::Buyer => "buyer",
        })
    }

    /// The page's language for the `lang` attribute: `en` or `zh-Hans`.
    pub(crate) fn lang_attr(&self) -> &'static str {
        self.words.0.code()
    }

    /// Where the pages load htmx from.
    pub(crate) fn htmx(&self) -> &'static str {
        super::assets::HTMX_PATH
    }

    pub(crate) fn lang(&self) -> Lang {
        self.words.0
    }

    pub(crate) fn is_zh(&self) -> bool {
        self.words.0 == Lang::Zh
    }
}

impl Nav {
    /// The header of a page at `uri` for `caller`.
    pub(crate) fn build(caller: &Caller, uri: &Uri, headers: &HeaderMap) -> Self {
        let query = uri.query();
        let words = Words(page_lang(caller, query, headers));
        let kept: Vec<(String, String)> = form_urlencoded::parse(query.unwrap_or("").as_bytes())
            .filter(|(key, _)| key != "lang")
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect();
        let mut here = uri.path().to_owned();
        if !kept.is_empty() {
            here.push('?');
            here.push_str(
                &form_urlencoded::Serializer::new(String::new())
                    .extend_pairs(kept)
                    .finish(),
            );
        }
        Nav::new(caller, words, here)
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Nav {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let caller = parts
            .extensions
            .get::<Caller>()
            .cloned()
            .unwrap_or_default();
        Ok(Nav::build(&caller, &parts.uri, &parts.headers))
    }
}

#[derive(Debug, serde::Deserialize)]
pub(crate) struct LangForm {
    lang: String,
    #[serde(default)]
    back: String,
}

/// `POST /lang`, the switch in every page's header: keeps the language in
/// the account of whoever is signed in, and in a cookie for everyone, then
/// goes back to the page.
pub(crate) async fn switch_lang(
    State(state): State<AppState>,
    caller: Caller,
    Form(form): Form<LangForm>,
) -> Result<Response, AppError> {
    let lang = chainfair_core::parse_lang("lang", &form.lang)?;
    if let Some(account) = caller.account() {
        state.store.set_lang(&account.id, lang).await?;
    }
    let back = super::signin::local(Some(&form.back));
    let cookie = format!(
        "{LANG_COOKIE}={lang}; Path=/; SameSite=Lax; Max-Age={}{}",
        365 * 86_400,
        if state.secure_cookies { "; Secure" } else { "" }
    );
    let cookie = HeaderValue::from_str(&cookie).map_err(|e| AppError::Internal(e.to_string()))?;
    Ok(([(header::SET_COOKIE, cookie)], Redirect::to(&back)).into_response())
}

#[derive(Template)]
#[template(path = "home.html")]
struct HomePage {
    nav: Nav,
    editions: Vec<Edition>,
}

pub(crate) async fn home(
    State(state): State<AppState>,
    nav: Nav,
) -> Result<Html<String>, AppError> {
    let editions = read_all::<Edition>(state.store.as_ref(), None).await?;
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
    /// The closing report's charts: (title, SVG).
    charts: Vec<(String, String)>,
    documents: Vec<super::documents::DocumentEntry>,
}

impl EditionPage {
    fn percent(share: &f64) -> String {
        format!("{:.1} %", share * 100.0)
    }

    fn growth(&self, growth: &Option<f64>) -> String {
        chainfair_report::growth(*growth, self.nav.lang())
    }

    /// 152299998613.22 -> "152.30 billion" / "1,523.00亿", for the
    /// headline; the exact figure stays in the page's table and the JSON.
    fn amount(&self, total: &str) -> String {
        chainfair_report::amount_words(total, self.nav.lang())
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
    nav: Nav,
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
    let charts = chainfair_report::closing_charts(&figures, &state.chains, nav.lang());
    Ok(Html(
        EditionPage {
            nav,
            signed_up,
            organiser: account.is_some_and(|a| a.is_organiser()),
            edition,
            figures,
            charts,
            documents,
        }
        .render()?,
    ))
}

#[cfg(test)]
mod tests {
    use super::EditionPage;

    #[test]
    fn headline_counts_are_grouped() {
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
pub(crate) async fn newest_floor(State(state): State<AppState>) -> Result<Redirect, AppError> {
    let newest = read_all::<Edition>(state.store.as_ref(), None)
        .await?
        .into_iter()
        .max_by_key(|e| e.start_date())
        .ok_or_else(|| AppError::NotFound("no edition yet".to_owned()))?;
    Ok(Redirect::to(&format!("/editions/{}/floor", newest.id())))
}

/// The edition's closing report, in the page's language (`?lang=zh` for
/// Chinese; another value is a 400).
pub(crate) async fn report(
    State(state): State<AppState>,
    nav: Nav,
    Path(id): Path<String>,
    axum::extract::Query(query): axum::extract::Query<ReportQuery>,
) -> Result<Html<String>, AppError> {
    let lang = match query.lang.as_deref() {
        None => nav.lang(),
        Some(text) => Lang::parse(text).ok_or_else(|| {
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
