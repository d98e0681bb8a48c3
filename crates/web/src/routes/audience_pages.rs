//! The audience's pages: the visitor registration form (answering with the
//! badge), the door page for a phone, and the edition page's sign-up button.
use super::audience::{CheckInBody, RegisterBody, Registration, Scan, check_in, register};
use super::find_edition;
use super::pages::Nav;
use crate::auth::Caller;
use crate::{AppError, AppState};
use askama::Template;
use axum::extract::{Form, Path, State};
use axum::http::StatusCode;
use axum::response::Html;
use chainfair_core::Edition;
use serde::Deserialize;

/// The edition page's sign-up button (staff of an exhibitor): signs their
/// organisation up and goes back to the page.
pub(crate) async fn sign_up_form(
    State(state): State<AppState>,
    caller: Caller,
    Path(edition): Path<String>,
) -> Result<axum::response::Redirect, AppError> {
    let organization = caller
        .signed_in()?
        .organization
        .clone()
        .ok_or_else(|| AppError::Forbidden("only exhibitor staff sign up".to_owned()))?;
    let found = find_edition(state.store.as_ref(), &edition).await?;
    super::require_taking_part(
        state.store.as_ref(),
        &found,
        "organization",
        [&organization],
    )
    .await?;
    state.store.sign_up(found.id(), &organization).await?;
    Ok(axum::response::Redirect::to(&format!(
        "/editions/{}#next-edition",
        found.id()
    )))
}

#[derive(Template)]
#[template(path = "register.html")]
struct RegisterPage {
    nav: Nav,
    edition: Edition,
    done: Option<Registration>,
    error: Option<String>,
}

pub(crate) async fn register_page(
    State(state): State<AppState>,
    nav: Nav,
    Path(edition): Path<String>,
) -> Result<Html<String>, AppError> {
    let edition = find_edition(state.store.as_ref(), &edition).await?;
    let page = RegisterPage {
        nav,
        edition,
        done: None,
        error: None,
    };
    Ok(Html(page.render()?))
}

#[derive(Debug, Deserialize)]
pub(crate) struct RegisterForm {
    name: String,
    #[serde(default)]
    organization: String,
    #[serde(default)]
    mode: String,
}

/// The form's answer: the badge, or the form again with what was wrong.
pub(crate) async fn register_form(
    State(state): State<AppState>,
    caller: Caller,
    nav: Nav,
    Path(edition): Path<String>,
    Form(form): Form<RegisterForm>,
) -> Result<(StatusCode, Html<String>), AppError> {
    let edition = find_edition(state.store.as_ref(), &edition).await?;
    let body = RegisterBody {
        name: form.name,
        organization: Some(form.organization),
        mode: Some(form.mode),
    };
    let (status, done, error) = match register(&state, &caller, &edition, body).await {
        Ok(done) => (StatusCode::CREATED, Some(done), None),
        Err(error) => {
            let (status, message) = super::error_pages::refusal(error)?;
            (status, None, Some(message))
        }
    };
    let page = RegisterPage {
        nav,
        edition,
        done,
        error,
    };
    Ok((status, Html(page.render()?)))
}

#[derive(Template)]
#[template(path = "checkin.html")]
struct CheckInPage {
    nav: Nav,
    edition: Edition,
    scan: Option<Scan>,
    error: Option<String>,
}

/// The door page for a phone: a field a scanner types into (or the camera,
/// where the browser can read QR codes), one scan per submission.
pub(crate) async fn check_in_page(
    State(state): State<AppState>,
    caller: Caller,
    nav: Nav,
    Path(edition): Path<String>,
) -> Result<Html<String>, AppError> {
    caller.organiser()?;
    let edition = find_edition(state.store.as_ref(), &edition).await?;
    let page = CheckInPage {
        nav,
        edition,
        scan: None,
        error: None,
    };
    Ok(Html(page.render()?))
}

#[derive(Debug, Deserialize)]
pub(crate) struct CheckInForm {
    token: String,
}

pub(crate) async fn check_in_form(
    State(state): State<AppState>,
    caller: Caller,
    nav: Nav,
    Path(edition): Path<String>,
    Form(form): Form<CheckInForm>,
) -> Result<(StatusCode, Html<String>), AppError> {
    let body = CheckInBody {
        token: form.token,
        day: None,
    };
    let (status, scan, error) = match check_in(&state, &caller, &edition, body).await {
        Ok(scan) => (StatusCode::OK, Some(scan), None),
        Err(e @ (AppError::BadRequest(_) | AppError::NotFound(_) | AppError::Conflict(_))) => {
            let message = match &e {
                AppError::BadRequest(invalid) => invalid.message().to_owned(),
                other => other.to_string(),
            };
            (e.status(), None, Some(message))
        }
        Err(other) => return Err(other),
    };
    let edition = find_edition(state.store.as_ref(), &edition).await?;
    let page = CheckInPage {
        nav,
        edition,
        scan,
        error,
    };
    Ok((status, Html(page.render()?)))
}

#[derive(Template)]
#[template(path = "badges.html")]
struct BadgesPage {
    nav: Nav,
    badges: Vec<Registration>,
    /// (edition id, name) of every edition, to register for one.
    editions: Vec<(String, String)>,
}

/// `/my/badges`: the badges of the signed-in account, each with its QR
/// code, and where to register for an edition.
pub(crate) async fn my_badges_page(
    State(state): State<AppState>,
    caller: Caller,
    nav: Nav,
) -> Result<Html<String>, AppError> {
    let account = caller.signed_in()?;
    let badges = super::audience::badges_of(&state, account).await?;
    let editions = chainfair_store::read_all::<Edition>(state.store.as_ref(), None)
        .await?
        .iter()
        .map(|e| (e.id().to_string(), e.name().to_owned()))
        .collect();
    Ok(Html(
        BadgesPage {
            nav,
            badges,
            editions,
        }
        .render()?,
    ))
}
