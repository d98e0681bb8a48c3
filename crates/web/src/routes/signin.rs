//! The sign-in page: a form that starts a session and goes back to where
//! the visitor was going.
use super::accounts::{ClientAddr, check_password, new_session};
use super::pages::Nav;
use crate::{AppError, AppState};
use askama::Template;
use axum::extract::{Form, Query, State};
use axum::http::header;
use axum::response::{Html, IntoResponse, Redirect, Response};
use serde::Deserialize;

#[derive(Template)]
#[template(path = "signin.html")]
struct SignInPage {
    nav: Nav,
    next: String,
    email: String,
    error: Option<String>,
}

/// Where to go after signing in: a path of this site, never elsewhere.
pub(crate) fn local(next: Option<&str>) -> String {
    match next {
        Some(path) if path.starts_with('/') && !path.starts_with("//") && !path.contains('\\') => {
            path.to_owned()
        }
        _ => "/".to_owned(),
    }
}

#[derive(Debug, Deserialize)]
pub(crate) struct NextQuery {
    next: Option<String>,
}

pub(crate) async fn page(
    nav: Nav,
    Query(query): Query<NextQuery>,
) -> Result<Html<String>, AppError> {
    let page = SignInPage {
        nav,
        next: local(query.next.as_deref()),
        email: String::new(),
        error: None,
    };
    Ok(Html(page.render()?))
}

#[derive(Debug, Deserialize)]
pub(crate) struct SignInForm {
    email: String,
    password: String,
    next: Option<String>,
}

pub(crate) async fn submit(
    State(state): State<AppState>,
    nav: Nav,
    ClientAddr(addr): ClientAddr,
    Form(form): Form<SignInForm>,
) -> Result<Response, AppError> {
    let next = local(form.next.as_deref());
    match check_password(&state, addr, &form.email, form.password).await {
        Ok(account) => {
            let (cookie, _) = new_session(&state, &account).await?;
            let mut response = Redirect::to(&next).into_response();
            response.headers_mut().insert(header::SET_COOKIE, cookie);
            Ok(response)
        }
        Err(
            e @ (AppError::Forbidden(_) | AppError::TooManyRequests(_) | AppError::BadRequest(_)),
        ) => {
            let status = e.status();
            let message = match &e {
                AppError::BadRequest(invalid) => invalid.message().to_owned(),
                other => other.to_string(),
            };
            let page = SignInPage {
                nav,
                next,
                email: form.email,
                error: Some(message),
            };
            Ok((status, Html(page.render()?)).into_response())
        }
        Err(other) => Err(other),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn only_local_paths_are_followed() {
        assert_eq!(super::local(Some("/editions/x")), "/editions/x");
        for away in ["//evil.example", "https://evil.example", "/\\evil", "x"] {
            assert_eq!(super::local(Some(away)), "/", "{away}");
        }
        assert_eq!(super::local(None), "/");
    }
}
