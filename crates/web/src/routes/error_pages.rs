//! Errors as pages for people: a browser that asks for a page and gets an
//! error (a form refused, a page it may not see) is shown a page in its
//! language with the reason, not the API's JSON. A page it must sign in for
//! sends it to the sign-in page first. An htmx request's error replaces the
//! page's main part (the `HX-Retarget` headers), so the reason shows too.
//! It runs outside authentication, so that the refusals of authentication
//! itself (a stale CSRF token) are pages too.
use super::pages::Nav;
use crate::AppError;
use crate::auth::Caller;
use askama::Template;
use axum::body::Body;
use axum::extract::Request;
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Redirect, Response};

/// The largest JSON error body read back (they are a few hundred bytes).
const ERROR_BODY_LIMIT: usize = 64 * 1024;

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage {
    nav: Nav,
    status: u16,
    message: String,
    field: Option<String>,
    signed_in: bool,
}

/// Whether the request is a person's browser asking for a page.
fn wants_page(request: &Request) -> bool {
    let path = request.uri().path();
    let accepts_html = request
        .headers()
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("text/html"));
    let htmx = request.headers().contains_key("hx-request");
    (accepts_html || htmx) && !path.starts_with("/api/")
}

pub(crate) async fn html_errors(request: Request, next: Next) -> Response {
    if !wants_page(&request) {
        return next.run(request).await;
    }
    let (uri, headers, method) = (
        request.uri().clone(),
        request.headers().clone(),
        request.method().clone(),
    );
    let htmx = headers.contains_key("hx-request");
    let response = next.run(request).await;
    let status = response.status();
    let is_json = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"application/json"));
    if !(status.is_client_error() || status.is_server_error()) || !is_json {
        return response;
    }
    // The caller as authentication found it (none when it failed).
    let caller = response
        .extensions()
        .get::<Caller>()
        .cloned()
        .unwrap_or_default();
    let nav = Nav::build(&caller, &uri, &headers);
    if status == StatusCode::UNAUTHORIZED && method == Method::GET && !htmx {
        let next_page = form_urlencoded::Serializer::new(String::new())
            .append_pair("next", &nav.here)
            .finish();
        return Redirect::to(&format!("/login?{next_page}")).into_response();
    }
    let (parts, body) = response.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, ERROR_BODY_LIMIT).await else {
        return Response::from_parts(parts, Body::empty());
    };
    let error: serde_json::Value = serde_json::from_slice(&bytes).unwrap_or_default();
    let text = |key: &str| error["error"][key].as_str().map(str::to_owned);
    let page = ErrorPage {
        signed_in: nav.name.is_some(),
        status: status.as_u16(),
        message: text("message").unwrap_or_else(|| status.to_string()),
        field: text("field"),
        nav,
    };
    let Ok(html) = page.render() else {
        return Response::from_parts(parts, Body::from(bytes));
    };
    let mut response = (status, Html(html)).into_response();
    if let Some(seconds) = parts.headers.get(header::RETRY_AFTER) {
        response
            .headers_mut()
            .insert(header::RETRY_AFTER, seconds.clone());
    }
    if htmx {
        replace_main(&mut response);
    }
    response
}

/// A refusal a form's page shows in place (the form was wrong, not allowed,
/// or came too late): its status and its reason, the field first when one
/// is at fault. Any other error is the page's own, and comes back as is.
pub(crate) fn refusal(error: AppError) -> Result<(StatusCode, String), AppError> {
    let message = match &error {
        AppError::BadRequest(invalid) => format!("{}: {}", invalid.field(), invalid.message()),
        AppError::Forbidden(_) | AppError::Conflict(_) | AppError::NotFound(_) => error.to_string(),
        _ => return Err(error),
    };
    Ok((error.status(), message))
}

/// Tells htmx to show this response's `<main>` in place of the page's,
/// whatever the request's target was (a refusal's reason is not in the row
/// the request meant to replace).
pub(crate) fn replace_main(response: &mut Response) {
    for (name, value) in [
        ("hx-retarget", "main"),
        ("hx-reselect", "main"),
        ("hx-reswap", "outerHTML"),
    ] {
        response
            .headers_mut()
            .insert(name, HeaderValue::from_static(value));
    }
}
