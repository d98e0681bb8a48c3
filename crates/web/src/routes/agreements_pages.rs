//! The agreements page: every agreement the caller may see (the organiser
//! all, a party its own, everyone the published ones), with the actions the
//! caller may take on each (sign, cancel, publish, unpublish) and a form to
//! record a new one. The forms share the API's rules and go back to the
//! page; a refusal shows the page again with the reason.
use super::agreements::{ChangeBody, NewAgreement, apply, record};
use super::find_edition;
use super::pages::Nav;
use crate::auth::Caller;
use crate::{AppError, AppState};
use askama::Template;
use axum::extract::{Form, Path, Query, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use chainfair_core::{Agreement, AgreementStatus, AgreementView, Edition};
use chainfair_store::read_all;
use serde::Deserialize;

const PER_PAGE: usize = 50;

/// An agreement as the page shows it.
struct Row {
    view: AgreementView,
    /// The parties' names, in the order of `view.parties`.
    parties: Vec<String>,
    /// Its industry's name in the page's language.
    industry: Option<String>,
    /// The actions the caller may take on it now.
    actions: Vec<&'static str>,
}

#[derive(Template)]
#[template(path = "agreements.html")]
struct AgreementsPage {
    nav: Nav,
    edition: Edition,
    rows: Vec<Row>,
    total: usize,
    page: usize,
    pages: usize,
    /// The organisation the caller records agreements for (staff), or
    /// `None` for the organiser, who names both parties.
    own: Option<String>,
    can_record: bool,
    /// Organisations taking part (id, name), for the party fields.
    participants: Vec<(String, String)>,
    /// Industries of the chain maps (id, name), for the industry field.
    industries: Vec<(String, String)>,
    error: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
pub(crate) struct PageParams {
    page: Option<usize>,
}

async fn render(
    state: &AppState,
    caller: &Caller,
    nav: Nav,
    edition: Edition,
    page: usize,
    error: Option<String>,
) -> Result<String, AppError> {
    let names = super::org_names(state.store.as_ref(), nav.lang()).await?;
    let account = caller.account();
    let visible: Vec<AgreementView> =
        read_all::<Agreement>(state.store.as_ref(), Some(edition.id()))
            .await?
            .iter()
            .filter_map(|a| a.view(caller.viewer()))
            .collect();
    let total = visible.len();
    let pages = total.div_ceil(PER_PAGE).max(1);
    let page = page.clamp(1, pages);
    let rows = visible
        .into_iter()
        .skip((page - 1) * PER_PAGE)
        .take(PER_PAGE)
        .map(|view| {
            let writes = account.is_some_and(|a| {
                a.is_organiser()
                    || a.organization
                        .as_ref()
                        .is_some_and(|o| view.parties.iter().any(|p| p == o.as_str()))
            });
            let mut actions = Vec::new();
            if writes {
                match view.status {
                    AgreementStatus::Intention => actions.extend(["sign", "cancel"]),
                    AgreementStatus::Signed => actions.push("cancel"),
                    AgreementStatus::Cancelled => {}
                }
                actions.push(if view.published {
                    "unpublish"
                } else {
                    "publish"
                });
            }
            Row {
                industry: view.industry.as_ref().map(|id| {
                    state.chains.get(id).map_or_else(
                        || id.clone(),
                        |t| {
                            let name = nav.words.pick(&t.industry.name, Some(&t.industry.name_zh));
                            name.to_owned()
                        },
                    )
                }),
                parties: view
                    .parties
                    .iter()
                    .map(|p| names.get(p).cloned().unwrap_or_else(|| p.clone()))
                    .collect(),
                actions,
                view,
            }
        })
        .collect();
    let can_record = account.is_some_and(|a| a.is_organiser() || a.organization.is_some());
    let participants = if can_record {
        super::participants(state.store.as_ref(), &edition)
            .await?
            .into_iter()
            .map(|id| {
                let name = names.get(id.as_str()).cloned().unwrap_or_default();
                (id.to_string(), name)
            })
            .collect()
    } else {
        Vec::new()
    };
    let industries = state
        .chains
        .iter()
        .map(|t| {
            let name = nav.words.pick(&t.industry.name, Some(&t.industry.name_zh));
            (t.industry.id.to_string(), name.to_owned())
        })
        .collect();
    Ok(AgreementsPage {
        own: account.and_then(|a| a.organization.as_ref().map(ToString::to_string)),
        nav,
        edition,
        rows,
        total,
        page,
        pages,
        can_record,
        participants,
        industries,
        error,
    }
    .render()?)
}

pub(crate) async fn page(
    State(state): State<AppState>,
    caller: Caller,
    nav: Nav,
    Path(edition): Path<String>,
    Query(params): Query<PageParams>,
) -> Result<Html<String>, AppError> {
    let edition = find_edition(state.store.as_ref(), &edition).await?;
    let page = params.page.unwrap_or(1);
    Ok(Html(
        render(&state, &caller, nav, edition, page, None).await?,
    ))
}

/// A refusal the page shows (the form was wrong or came too late), or an
/// error of its own.
async fn refused(
    state: &AppState,
    caller: &Caller,
    nav: Nav,
    edition: &str,
    error: AppError,
) -> Result<Response, AppError> {
    let (status, message) = super::error_pages::refusal(error)?;
    let edition = find_edition(state.store.as_ref(), edition).await?;
    let html = render(state, caller, nav, edition, 1, Some(message)).await?;
    let mut response = (status, Html(html)).into_response();
    super::error_pages::replace_main(&mut response);
    Ok(response)
}

#[derive(Debug, Deserialize)]
pub(crate) struct RecordForm {
    kind: String,
    /// The organiser names the first party; staff record for their own.
    #[serde(default)]
    a: String,
    b: String,
    #[serde(default)]
    amount: String,
    #[serde(default)]
    currency: String,
    date: String,
    #[serde(default)]
    industry: String,
    #[serde(default)]
    status: String,
    /// A checkbox: present when ticked.
    published: Option<String>,
}

/// Back to the page, at the agreement.
fn shown(view: &AgreementView) -> Response {
    Redirect::to(&format!(
        "/editions/{}/agreements#agreement-{}",
        view.edition, view.id
    ))
    .into_response()
}

/// Optional form fields: empty means absent.
fn given(value: String) -> Option<String> {
    Some(value.trim().to_owned()).filter(|v| !v.is_empty())
}

pub(crate) async fn record_form(
    State(state): State<AppState>,
    caller: Caller,
    nav: Nav,
    Path(edition): Path<String>,
    Form(form): Form<RecordForm>,
) -> Result<Response, AppError> {
    let own = caller
        .account()
        .and_then(|a| a.organization.as_ref().map(ToString::to_string));
    let a = own.unwrap_or(form.a);
    let body = NewAgreement {
        kind: form.kind,
        parties: vec![a, form.b],
        amount: given(form.amount),
        currency: given(form.currency),
        date: form.date,
        industry: given(form.industry),
        status: given(form.status),
        published: form.published.is_some(),
    };
    match record(&state, &caller, &edition, body).await {
        Ok(view) => Ok(shown(&view)),
        Err(error) => refused(&state, &caller, nav, &edition, error).await,
    }
}

pub(crate) async fn act_form(
    State(state): State<AppState>,
    caller: Caller,
    nav: Nav,
    Path((edition, id, action)): Path<(String, String, String)>,
) -> Result<Response, AppError> {
    match apply(
        &state,
        &caller,
        &edition,
        &id,
        &action,
        ChangeBody::default(),
    )
    .await
    {
        Ok(view) => Ok(shown(&view)),
        Err(error) => refused(&state, &caller, nav, &edition, error).await,
    }
}
