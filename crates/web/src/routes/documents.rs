//! An edition's published documents: listed for everyone, served as their
//! files, published and withdrawn by the organiser.
use super::find_edition;
use crate::auth::Caller;
use crate::{AppError, AppState, ErrorBody};
use axum::Json;
use axum::body::Bytes;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use chainfair_core::{Document, DocumentKind, Invalid, parse_date};
use serde::{Deserialize, Serialize};

/// A document as the list shows it.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub(crate) struct DocumentEntry {
    #[serde(flatten)]
    pub(crate) document: Document,
    /// Bytes.
    pub(crate) size: u64,
    /// Where the file itself is served.
    pub(crate) url: String,
}

impl DocumentEntry {
    pub(crate) fn new(document: Document, size: u64) -> Self {
        let url = format!("/editions/{}/documents/{}", document.edition, document.id);
        Self {
            document,
            size,
            url,
        }
    }
}

pub(crate) async fn entries(
    state: &AppState,
    edition: &chainfair_core::EditionId,
) -> Result<Vec<DocumentEntry>, AppError> {
    Ok(state
        .store
        .documents(edition)
        .await?
        .into_iter()
        .map(|(d, size)| DocumentEntry::new(d, size))
        .collect())
}

/// The edition's published documents.
#[utoipa::path(get, operation_id = "list_documents", path = "/api/v1/editions/{id}/documents", tag = "documents",
    params(("id" = String, Path, description = "The edition, like `cisce-2024`")),
    responses(
        (status = 200, description = "Every document of the edition", body = Vec<DocumentEntry>),
        (status = 404, description = "No such edition", body = ErrorBody),
    ),
)]
pub(crate) async fn list(
    State(state): State<AppState>,
    Path(edition): Path<String>,
) -> Result<Json<Vec<DocumentEntry>>, AppError> {
    let edition = find_edition(state.store.as_ref(), &edition).await?;
    Ok(Json(entries(&state, edition.id()).await?))
}

/// What a published document is, in the query string.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub(crate) struct PutQuery {
    title: String,
    /// A BCP 47 primary language subtag: `en`, `zh` ...
    lang: String,
    /// `initiative`, `report` or `other`.
    #[param(value_type = DocumentKind)]
    kind: String,
    /// Its extension gives the type: pdf, html, md, txt, docx, png or svg.
    file_name: String,
    /// Publication date (default today, UTC).
    #[param(format = Date)]
    date: Option<String>,
}

/// Publishes a document (organiser): the request body is the file, the
/// query string describes it. Replaces a document of the same id.
#[utoipa::path(put, operation_id = "put_document", path = "/api/v1/editions/{id}/documents/{doc}", tag = "documents",
    params(("id" = String, Path, description = "The edition, like `cisce-2024`"), ("doc" = String, Path, description = "The document's id: lowercase letters, digits and `-`"), PutQuery),
    request_body(content_type = "application/octet-stream", description = "The file: pdf, html, md, txt, docx, png or svg, as `file_name` says"),
    responses(
        (status = 201, description = "Published", body = DocumentEntry),
        (status = 400, description = "A parameter that does not parse, or an empty file", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not the organiser", body = ErrorBody),
        (status = 404, description = "No such edition", body = ErrorBody),
    ),
    security(("bearer" = []), ("session" = [], "csrf" = [])),
)]
pub(crate) async fn put(
    State(state): State<AppState>,
    caller: Caller,
    Path((edition, id)): Path<(String, String)>,
    query: Result<Query<PutQuery>, QueryRejection>,
    body: Bytes,
) -> Result<(StatusCode, Json<DocumentEntry>), AppError> {
    caller.organiser()?;
    let Query(query) = query?;
    let edition = find_edition(state.store.as_ref(), &edition).await?;
    if body.is_empty() {
        return Err(Invalid::new("body", "the file is empty").into());
    }
    let date = match query.date.as_deref() {
        Some(date) => parse_date("date", date)?,
        None => chrono::Utc::now().date_naive(),
    };
    let document = Document::new(
        edition.id().clone(),
        &id,
        &query.title,
        &query.lang,
        DocumentKind::parse("kind", &query.kind)?,
        &query.file_name,
        date,
    )?;
    state.store.put_document(&document, &body).await?;
    let size = body.len() as u64;
    Ok((
        StatusCode::CREATED,
        Json(DocumentEntry::new(document, size)),
    ))
}

/// Withdraws a document (organiser).
#[utoipa::path(delete, operation_id = "delete_document", path = "/api/v1/editions/{id}/documents/{doc}", tag = "documents",
    params(("id" = String, Path, description = "The edition, like `cisce-2024`"), ("doc" = String, Path, description = "The document's id")),
    responses(
        (status = 204, description = "Withdrawn"),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not the organiser", body = ErrorBody),
        (status = 404, description = "No such edition or document", body = ErrorBody),
    ),
    security(("bearer" = []), ("session" = [], "csrf" = [])),
)]
pub(crate) async fn delete(
    State(state): State<AppState>,
    caller: Caller,
    Path((edition, id)): Path<(String, String)>,
) -> Result<StatusCode, AppError> {
    caller.organiser()?;
    let edition = find_edition(state.store.as_ref(), &edition).await?;
    if state.store.delete_document(edition.id(), &id).await? {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(AppError::NotFound(format!("no document {id:?}")))
    }
}

/// The file, as its own type, shown in the browser. HTML and SVG are
/// sandboxed (no script, no access to this site) and nothing is sniffed.
pub(crate) async fn file(
    State(state): State<AppState>,
    Path((edition, id)): Path<(String, String)>,
) -> Result<Response, AppError> {
    let edition = find_edition(state.store.as_ref(), &edition).await?;
    let (document, content) = state
        .store
        .document(edition.id(), &id)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("no document {id:?}")))?;
    let header_value = |value: String| {
        HeaderValue::from_str(&value).map_err(|e| AppError::Internal(e.to_string()))
    };
    let mut response = content.into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, header_value(document.content_type)?);
    // Document::new allows no quote or line break in the name; non-ASCII
    // names also go in filename* (RFC 6266).
    let ascii: String = document
        .file_name
        .chars()
        .map(|c| if c.is_ascii() { c } else { '_' })
        .collect();
    let encoded: String = form_urlencoded::byte_serialize(document.file_name.as_bytes()).collect();
    headers.insert(
        header::CONTENT_DISPOSITION,
        header_value(format!(
            "inline; filename=\"{ascii}\"; filename*=UTF-8''{}",
            encoded.replace('+', "%20")
        ))?,
    );
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static("sandbox"),
    );
    Ok(response)
}
