use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use chainfair_core::Invalid;
use chainfair_store::StoreError;
use serde_json::json;

/// Every way a request can fail, and the status it answers with.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// A query parameter or body field that does not parse.
    #[error("{0}")]
    BadRequest(Invalid),
    #[error("{0}")]
    NotFound(String),
    /// What the request asks contradicts the state (a meeting declined
    /// twice, a second open meeting for a pair).
    #[error("{0}")]
    Conflict(String),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("cannot render page: {0}")]
    Render(#[from] askama::Error),
    /// A computation the data does not allow (a non-productive table ...).
    #[error(transparent)]
    Io(#[from] chainfair_chains::io::IoError),
}

/// A query string axum cannot deserialise (a repeated parameter, `true`
/// spelt `1` ...) is a 400 with the same JSON body as any bad parameter.
impl From<axum::extract::rejection::QueryRejection> for AppError {
    fn from(rejection: axum::extract::rejection::QueryRejection) -> Self {
        AppError::BadRequest(Invalid::new("query", rejection.body_text()))
    }
}

impl From<Invalid> for AppError {
    fn from(invalid: Invalid) -> Self {
        AppError::BadRequest(invalid)
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let (status, body) = match &self {
            AppError::BadRequest(invalid) => (
                StatusCode::BAD_REQUEST,
                json!({"error": invalid.message(), "field": invalid.field()}),
            ),
            AppError::NotFound(what) => (StatusCode::NOT_FOUND, json!({"error": what})),
            AppError::Conflict(what) => (StatusCode::CONFLICT, json!({"error": what})),
            AppError::Io(chainfair_chains::io::IoError::UnknownSector(code)) => (
                StatusCode::NOT_FOUND,
                json!({"error": format!("unknown sector {code:?}")}),
            ),
            AppError::Io(error) => (
                StatusCode::UNPROCESSABLE_ENTITY,
                json!({"error": error.to_string()}),
            ),
            AppError::Store(_) | AppError::Render(_) => {
                // The detail may name tables or files: log it, never show it.
                tracing::error!(error = %self, "request failed");
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    json!({"error": "internal error"}),
                )
            }
        };
        (status, Json(body)).into_response()
    }
}
