use axum::Json;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use chainfair_core::Invalid;
use chainfair_store::StoreError;
use serde::Serialize;

/// Every way a request can fail, and the status it answers with. The body
/// is always `{"error": {"code": "...", "message": "...", "field": "..."}}`
/// (`field` only when one field is at fault).
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// A query parameter or body field that does not parse.
    #[error("{0}")]
    BadRequest(Invalid),
    /// Not signed in, or a bad API token.
    #[error("sign in first")]
    Unauthorized,
    /// Signed in, but not allowed.
    #[error("{0}")]
    Forbidden(String),
    #[error("{0}")]
    NotFound(String),
    /// What the request asks contradicts the state (a meeting declined
    /// twice, a second open meeting for a pair, a stale revision).
    #[error("{0}")]
    Conflict(String),
    #[error("the request body is larger than this server accepts")]
    PayloadTooLarge,
    /// Too many failed logins: retry after this many seconds.
    #[error("too many failed attempts; try again in {0} s")]
    TooManyRequests(u64),
    #[error(transparent)]
    Store(StoreError),
    #[error("cannot render page: {0}")]
    Render(#[from] askama::Error),
    /// A computation the data does not allow (a non-productive table ...).
    #[error(transparent)]
    Io(#[from] chainfair_chains::io::IoError),
    /// A failure of the server itself; the detail is for the logs.
    #[error("{0}")]
    Internal(String),
}

/// A store conflict is the request's conflict; anything else the server's.
impl From<StoreError> for AppError {
    fn from(error: StoreError) -> Self {
        match error {
            StoreError::Conflict(why) => AppError::Conflict(why),
            other => AppError::Store(other),
        }
    }
}

/// A query string axum cannot deserialise (a repeated parameter, `true`
/// spelt `1` ...) is a 400 with the same JSON body as any bad parameter.
impl From<axum::extract::rejection::QueryRejection> for AppError {
    fn from(rejection: axum::extract::rejection::QueryRejection) -> Self {
        AppError::BadRequest(Invalid::new("query", rejection.body_text()))
    }
}

/// A JSON body that does not parse names the body as the field.
impl From<axum::extract::rejection::JsonRejection> for AppError {
    fn from(rejection: axum::extract::rejection::JsonRejection) -> Self {
        if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
            return AppError::PayloadTooLarge;
        }
        AppError::BadRequest(Invalid::new("body", rejection.body_text()))
    }
}

impl From<Invalid> for AppError {
    fn from(invalid: Invalid) -> Self {
        AppError::BadRequest(invalid)
    }
}

/// The body of every error answer.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ErrorDetail {
    /// `invalid`, `unauthorized`, `forbidden`, `not_found`, `conflict`,
    /// `too_large`, `too_many_requests`, `unprocessable` or `internal`.
    #[schema(examples("invalid"))]
    pub code: &'static str,
    /// What was wrong, for a person.
    pub message: String,
    /// The query parameter or body field at fault, when one is.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<&'static str>,
}

impl AppError {
    pub fn status(&self) -> StatusCode {
        match self {
            AppError::BadRequest(_) => StatusCode::BAD_REQUEST,
            AppError::Unauthorized => StatusCode::UNAUTHORIZED,
            AppError::Forbidden(_) => StatusCode::FORBIDDEN,
            AppError::NotFound(_) => StatusCode::NOT_FOUND,
            AppError::Conflict(_) => StatusCode::CONFLICT,
            AppError::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            AppError::TooManyRequests(_) => StatusCode::TOO_MANY_REQUESTS,
            AppError::Io(chainfair_chains::io::IoError::UnknownSector(_)) => StatusCode::NOT_FOUND,
            AppError::Io(_) => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::Store(_) | AppError::Render(_) | AppError::Internal(_) => {
                StatusCode::INTERNAL_SERVER_ERROR
            }
        }
    }

    /// The machine-readable code of the error body.
    pub fn code(&self) -> &'static str {
        match self {
            AppError::BadRequest(_) => "invalid",
            AppError::Unauthorized => "unauthorized",
            AppError::Forbidden(_) => "forbidden",
            AppError::NotFound(_) => "not_found",
            AppError::Conflict(_) => "conflict",
            AppError::PayloadTooLarge => "too_large",
            AppError::TooManyRequests(_) => "too_many_requests",
            AppError::Io(chainfair_chains::io::IoError::UnknownSector(_)) => "not_found",
            AppError::Io(_) => "unprocessable",
            AppError::Store(_) | AppError::Render(_) | AppError::Internal(_) => "internal",
        }
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let status = self.status();
        let message = match &self {
            AppError::BadRequest(invalid) => invalid.message().to_owned(),
            AppError::Io(chainfair_chains::io::IoError::UnknownSector(code)) => {
                format!("unknown sector {code:?}")
            }
            AppError::Store(_) | AppError::Render(_) | AppError::Internal(_) => {
                // The detail may name tables or files: log it, never show it.
                tracing::error!(error = %self, "request failed");
                "internal error".to_owned()
            }
            other => other.to_string(),
        };
        let field = match &self {
            AppError::BadRequest(invalid) => Some(invalid.field()),
            _ => None,
        };
        let error = ErrorDetail {
            code: self.code(),
            message,
            field,
        };
        let mut response = (status, Json(ErrorBody { error })).into_response();
        if let AppError::TooManyRequests(seconds) = self {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(seconds));
        }
        response
    }
}
