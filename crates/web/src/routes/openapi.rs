//! The OpenAPI 3.1 document of the JSON API, `GET /api/openapi.json`.
//!
//! It is derived from the handlers' `#[utoipa::path]` attributes and the
//! types' `ToSchema`, so it changes with the code; the snapshot test in
//! `tests/tests/it/openapi.rs` makes every change a visible diff, and
//! another test fails when a route under `/api/v1` is missing from it.
//!
//! What the `authenticate` middleware adds to every operation is written
//! here once ([`Middleware`]) instead of on each handler: an unknown API
//! token is a 401 anywhere, a write without the session's CSRF token or
//! with a read-only token is a 403, a body over the limit is a 413, and any
//! operation can fail with a 500.
use super::{accounts, agreements, api, audience, calendars, chains, credentials, documents};
use super::{floor, io, matching, meetings};
use crate::ErrorBody;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use std::sync::OnceLock;
use utoipa::OpenApi;
use utoipa::openapi::path::{HttpMethod, Operation};
use utoipa::openapi::security::{ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::openapi::{ContentBuilder, Ref, RefOr, Response as ApiResponse, ResponseBuilder};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "chainfair",
        description = "The JSON API of a chainfair server: editions, the directory, profiles and recommendations, meetings, agreements, the floor, the audience, documents, supply chain maps and input-output measures. Errors are always `{\"error\": {\"code\", \"message\", \"field\"}}`.",
        license(name = "Apache-2.0", identifier = "Apache-2.0"),
    ),
    paths(
        api::healthz,
        accounts::login,
        accounts::logout,
        accounts::register,
        accounts::me,
        accounts::password,
        accounts::lang,
        credentials::invitations,
        credentials::invite,
        credentials::tokens,
        credentials::create_token,
        credentials::revoke_token,
        agreements::list,
        agreements::create,
        agreements::note,
        agreements::history,
        agreements::change,
        agreements::audit,
        documents::list,
        documents::put,
        documents::delete,
        audience::register_api,
        audience::my_badges,
        floor::get,
        floor::put,
        floor::book,
        floor::release,
        audience::check_in_api,
        audience::online,
        audience::sign_up,
        api::editions,
        api::edition,
        api::figures,
        api::organizations,
        matching::get_profile,
        matching::put_profile,
        matching::recommendations,
        meetings::list,
        meetings::request,
        meetings::act,
        calendars::subscription,
        meetings::get_unavailability,
        meetings::put_unavailability,
        io::tables,
        io::measures,
        io::extract,
        chains::list_json,
        chains::map_json,
        openapi_json,
    ),
    components(schemas(ErrorBody)),
    modifiers(&Middleware),
)]
struct ApiDoc;

/// This document.
#[utoipa::path(get, path = "/api/openapi.json", tag = "openapi",
    responses((status = 200, description = "The OpenAPI document", content_type = "application/json")),
)]
pub(crate) async fn openapi_json() -> Response {
    static BODY: OnceLock<Result<String, String>> = OnceLock::new();
    match BODY.get_or_init(|| document().to_pretty_json().map_err(|e| e.to_string())) {
        Ok(body) => (
            [(
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/json"),
            )],
            body.clone(),
        )
            .into_response(),
        Err(error) => crate::AppError::Internal(error.clone()).into_response(),
    }
}

/// The document as the server serves it.
pub fn document() -> utoipa::openapi::OpenApi {
    ApiDoc::openapi()
}

/// The security schemes and the responses every operation shares.
struct Middleware;

impl utoipa::Modify for Middleware {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some(
                        "An API token (`cf_...`) from `POST /api/v1/tokens`; `read` tokens may only GET",
                    ))
                    .build(),
            ),
        );
        components.add_security_scheme(
            "session",
            SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::with_description(
                crate::auth::SESSION_COOKIE,
                "The session cookie `POST /api/v1/login` sets",
            ))),
        );
        components.add_security_scheme(
            "csrf",
            SecurityScheme::ApiKey(ApiKey::Header(ApiKeyValue::with_description(
                "X-CSRF-Token",
                "The session's CSRF token (from login or `GET /api/v1/me`), on every POST, PUT and DELETE of a session",
            ))),
        );
        for item in openapi.paths.paths.values_mut() {
            for (method, operation) in [
                (HttpMethod::Get, item.get.as_mut()),
                (HttpMethod::Post, item.post.as_mut()),
                (HttpMethod::Put, item.put.as_mut()),
                (HttpMethod::Delete, item.delete.as_mut()),
            ] {
                if let Some(operation) = operation {
                    shared_responses(method, operation);
                }
            }
        }
    }
}

/// A response with the error body.
fn error(description: &str) -> RefOr<ApiResponse> {
    ResponseBuilder::new()
        .description(description)
        .content(
            "application/json",
            ContentBuilder::new()
                .schema(Some(Ref::from_schema_name("ErrorBody")))
                .build(),
        )
        .build()
        .into()
}

/// Adds what the middleware answers, where the handler says nothing more
/// precise for that status.
fn shared_responses(method: HttpMethod, operation: &mut Operation) {
    let responses = &mut operation.responses.responses;
    let mut add = |status: &str, description: &str| {
        responses
            .entry(status.to_owned())
            .or_insert_with(|| error(description));
    };
    add("401", "An unknown or revoked API token");
    if method != HttpMethod::Get {
        add(
            "403",
            "A session without its CSRF token, or a read-only API token",
        );
    }
    if operation.request_body.is_some() {
        add("400", "A body that does not parse; `field` is `body`");
        add("413", "A body larger than the server accepts");
    }
    add("500", "The server failed (the detail is in its log)");
}
