//! Agreements through the API: list (each caller sees what
//! [`Agreement::view`] allows), record, sign, cancel, publish, unpublish,
//! negotiation notes, and the audit log.
//!
//! The organiser and the parties may write; every write lands only against
//! the revision it was made from (a concurrent change is a 409) and adds
//! one audit entry in the same transaction.
use super::find_edition;
use super::paging::{PageParams, tagged_json};
use crate::auth::Caller;
use crate::{AppError, AppState, ErrorBody};
use axum::Json;
use axum::extract::rejection::{JsonRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use chainfair_core::{
    Agreement, AgreementChange, AgreementId, AgreementKind, AgreementStatus, AgreementView,
    Edition, IndustryId, Invalid, MeetingId, Money, OrganizationId, Viewer, parse_date,
};
use chainfair_store::{AuditEntry, NewAuditEntry, Page, read_all};
use serde::Deserialize;
use serde_json::json;

/// How many times a new agreement retries for a free id.
const ID_ATTEMPTS: usize = 5;

/// The agreements the caller may see ([`Agreement::view`]), a page at a
/// time, with an `ETag`.
#[utoipa::path(get, operation_id = "list_agreements", path = "/api/v1/editions/{id}/agreements", tag = "agreements",
    params(("id" = String, Path, description = "The edition, like `cisce-2024`"), PageParams, ("If-None-Match" = Option<String>, Header, description = "The `ETag` of an earlier answer: 304 if unchanged")),
    responses(
        (status = 200, description = "One page of the agreements the caller may see", body = Page<AgreementView>,
            headers(("ETag" = String, description = "Changes when the answer does"))),
        (status = 304, description = "Unchanged since the `If-None-Match` tag"),
        (status = 400, description = "A page that does not parse", body = ErrorBody),
        (status = 404, description = "No such edition", body = ErrorBody),
    ),
    security((), ("bearer" = []), ("session" = [])),
)]
pub(crate) async fn list(
    State(state): State<AppState>,
    caller: Caller,
    Path(edition): Path<String>,
    query: Result<Query<PageParams>, QueryRejection>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let Query(query) = query?;
    query.bounds()?;
    let edition = find_edition(state.store.as_ref(), &edition).await?;
    let visible: Vec<AgreementView> =
        read_all::<Agreement>(state.store.as_ref(), Some(edition.id()))
            .await?
            .iter()
            .filter_map(|a| a.view(caller.viewer()))
            .collect();
    tagged_json(&headers, &query.page_of(visible)?)
}

/// The agreement, if the caller may write to it (organiser or party).
async fn writable(
    state: &AppState,
    caller: &Caller,
    edition: &Edition,
    id: &str,
) -> Result<Agreement, AppError> {
    let account = caller.signed_in()?;
    let agreement = read_all::<Agreement>(state.store.as_ref(), Some(edition.id()))
        .await?
        .into_iter()
        .find(|a| a.id().as_str() == id)
        // Someone who may not see it learns nothing more from a 404.
        .filter(|a| a.view(account.viewer()).is_some())
        .ok_or_else(|| AppError::NotFound(format!("unknown agreement {id:?}")))?;
    if !account.is_organiser() && !agreement.parties().iter().any(|p| account.acts_for(p)) {
        return Err(AppError::Forbidden(format!(
            "only the organiser and the parties may change agreement {id}"
        )));
    }
    Ok(agreement)
}

fn as_json(agreement: &Agreement) -> Option<serde_json::Value> {
    serde_json::to_value(agreement.view(Viewer::Organiser)).ok()
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct NewAgreement {
    /// `cooperation` or `intention`.
    #[schema(value_type = AgreementKind)]
    pub(crate) kind: String,
    /// Two or more organisations taking part in the edition.
    #[schema(min_items = 2)]
    pub(crate) parties: Vec<String>,
    /// A decimal string, with `currency`.
    pub(crate) amount: Option<String>,
    pub(crate) currency: Option<String>,
    /// The signing date (or the intention's date).
    #[schema(format = Date)]
    pub(crate) date: String,
    pub(crate) industry: Option<String>,
    /// `intention` (default) or `signed`.
    #[schema(value_type = Option<AgreementStatus>)]
    pub(crate) status: Option<String>,
    #[serde(default)]
    pub(crate) published: bool,
}

/// Records an agreement (the organiser, or staff of a party): an intention
/// unless `status` says `signed`.
#[utoipa::path(post, path = "/api/v1/editions/{id}/agreements", tag = "agreements",
    params(("id" = String, Path, description = "The edition, like `cisce-2024`")),
    request_body = NewAgreement,
    responses(
        (status = 201, description = "Recorded", body = AgreementView),
        (status = 400, description = "A field that does not parse, or a party not taking part", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "The caller's organisation is not a party", body = ErrorBody),
        (status = 404, description = "No such edition", body = ErrorBody),
        (status = 409, description = "Too many agreements recorded at once", body = ErrorBody),
    ),
    security(("bearer" = []), ("session" = [], "csrf" = [])),
)]
pub(crate) async fn create(
    State(state): State<AppState>,
    caller: Caller,
    Path(edition): Path<String>,
    body: Result<Json<NewAgreement>, JsonRejection>,
) -> Result<(StatusCode, Json<AgreementView>), AppError> {
    let Json(body) = body?;
    let view = record(&state, &caller, &edition, body).await?;
    Ok((StatusCode::CREATED, Json(view)))
}

/// Records a new agreement for the organiser or one of its parties (the
/// API and the agreements page).
pub(crate) async fn record(
    state: &AppState,
    caller: &Caller,
    edition: &str,
    body: NewAgreement,
) -> Result<AgreementView, AppError> {
    let account = caller.signed_in()?;
    let edition = find_edition(state.store.as_ref(), edition).await?;
    let parties = body
        .parties
        .iter()
        .map(|p| OrganizationId::parse("parties", p))
        .collect::<Result<Vec<_>, _>>()?;
    if !account.is_organiser() && !parties.iter().any(|p| account.acts_for(p)) {
        return Err(AppError::Forbidden(
            "you may record agreements your organisation is a party of".to_owned(),
        ));
    }
    super::require_taking_part(state.store.as_ref(), &edition, "parties", &parties).await?;
    let amount = Money::parse_optional(body.amount.as_deref(), body.currency.as_deref())?;
    let status = match body.status.as_deref() {
        None => AgreementStatus::Intention,
        Some(s) => match AgreementStatus::parse("status", s)? {
            AgreementStatus::Cancelled => {
                return Err(Invalid::new("status", "a new agreement is not cancelled").into());
            }
            status => status,
        },
    };
    let kind = AgreementKind::parse("kind", &body.kind)?;
    let date = parse_date("date", &body.date)?;
    let industry = body
        .industry
        .as_deref()
        .map(|i| IndustryId::parse("industry", i))
        .transpose()?;
    for _ in 0..ID_ATTEMPTS {
        let existing = read_all::<Agreement>(state.store.as_ref(), Some(edition.id())).await?;
        // Ids the API gives are a-1, a-2 ...
        let stored = existing
            .iter()
            .filter_map(|a| a.id().as_str().strip_prefix("a-")?.parse::<u64>().ok())
            .max()
            .unwrap_or(0);
        let next = state.next_number(edition.id(), "a-", stored);
        let agreement = Agreement::new(
            edition.id().clone(),
            AgreementId::parse("id", &format!("a-{next}"))?,
            kind,
            parties.clone(),
            amount,
            date,
            industry.clone(),
        )?
        .with_lifecycle(status, body.published, 0);
        let entry = NewAuditEntry {
            actor: caller.actor(),
            edition: edition.id().clone(),
            entity: "agreement",
            key: agreement.id().to_string(),
            action: "create".to_owned(),
            before: None,
            after: as_json(&agreement),
        };
        match state.store.save_agreement(None, &agreement, &entry).await {
            Ok(()) => {
                return agreement.view(Viewer::Organiser).ok_or_else(|| {
                    AppError::Internal("the organiser's view is never empty".into())
                });
            }
            // Another request took the id meanwhile: take the next one.
            Err(chainfair_store::StoreError::Conflict(_)) => continue,
            Err(other) => return Err(other.into()),
        }
    }
    Err(AppError::Conflict(
        "too many agreements recorded at once; try again".to_owned(),
    ))
}

#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct ChangeBody {
    /// The signing date, for `sign` (default: today, UTC).
    #[schema(format = Date)]
    date: Option<String>,
}

/// What `POST .../agreements/{agreement}/{action}` does.
#[derive(Debug, Clone, Copy, utoipa::ToSchema)]
#[schema(rename_all = "snake_case")]
pub(crate) enum AgreementAction {
    Sign,
    Cancel,
    Publish,
    Unpublish,
}

/// Signs, cancels, publishes or unpublishes an agreement (the organiser or
/// a party), against its current revision.
#[utoipa::path(post, path = "/api/v1/editions/{id}/agreements/{agreement}/{action}", tag = "agreements",
    params(("id" = String, Path, description = "The edition, like `cisce-2024`"),
        ("agreement" = String, Path, description = "The agreement's id"),
        ("action" = inline(AgreementAction), Path, description = "What to do")),
    request_body(content = Option<ChangeBody>, description = "Optional: `sign`'s date"),
    responses(
        (status = 200, description = "Changed", body = AgreementView),
        (status = 400, description = "A body or date that does not parse", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Neither the organiser nor a party", body = ErrorBody),
        (status = 404, description = "No such edition, agreement (that the caller may see) or action", body = ErrorBody),
        (status = 409, description = "The status forbids it, or someone changed it first", body = ErrorBody),
    ),
    security(("bearer" = []), ("session" = [], "csrf" = [])),
)]
pub(crate) async fn change(
    State(state): State<AppState>,
    caller: Caller,
    Path((edition, id, action)): Path<(String, String, String)>,
    body: axum::body::Bytes,
) -> Result<Json<AgreementView>, AppError> {
    // The body is optional: empty, `null`, or a JSON object.
    let body: ChangeBody = if body.iter().all(u8::is_ascii_whitespace) {
        ChangeBody::default()
    } else {
        serde_json::from_slice::<Option<ChangeBody>>(&body)
            .map_err(|e| Invalid::new("body", e.to_string()))?
            .unwrap_or_default()
    };
    Ok(Json(
        apply(&state, &caller, &edition, &id, &action, body).await?,
    ))
}

/// Signs, cancels, publishes or unpublishes an agreement for the organiser
/// or one of its parties (the API and the agreements page).
pub(crate) async fn apply(
    state: &AppState,
    caller: &Caller,
    edition: &str,
    id: &str,
    action: &str,
    body: ChangeBody,
) -> Result<AgreementView, AppError> {
    let action = match action {
        "sign" => AgreementAction::Sign,
        "cancel" => AgreementAction::Cancel,
        "publish" => AgreementAction::Publish,
        "unpublish" => AgreementAction::Unpublish,
        other => return Err(AppError::NotFound(format!("no action {other:?}"))),
    };
    let change = match action {
        AgreementAction::Sign => AgreementChange::Sign(match body.date.as_deref() {
            Some(date) => parse_date("date", date)?,
            None => chrono::Utc::now().date_naive(),
        }),
        AgreementAction::Cancel => AgreementChange::Cancel,
        AgreementAction::Publish => AgreementChange::Publish,
        AgreementAction::Unpublish => AgreementChange::Unpublish,
    };
    let edition = find_edition(state.store.as_ref(), edition).await?;
    let before = writable(state, caller, &edition, id).await?;
    let after = before
        .change(change)
        .map_err(|e| AppError::Conflict(e.message().to_owned()))?;
    let entry = NewAuditEntry {
        actor: caller.actor(),
        edition: edition.id().clone(),
        entity: "agreement",
        key: id.to_owned(),
        action: change.as_str().to_owned(),
        before: as_json(&before),
        after: as_json(&after),
    };
    state
        .store
        .save_agreement(Some(&before), &after, &entry)
        .await?;
    after
        .view(Viewer::Organiser)
        .ok_or_else(|| AppError::Internal("the organiser's view is never empty".into()))
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct NoteBody {
    /// When it happened.
    #[schema(format = Date)]
    date: String,
    note: String,
    /// The meeting it happened at, if any.
    meeting: Option<String>,
}

/// Adds a negotiation event to an agreement's history.
#[utoipa::path(post, path = "/api/v1/editions/{id}/agreements/{agreement}/notes", tag = "agreements",
    params(("id" = String, Path, description = "The edition, like `cisce-2024`"), ("agreement" = String, Path, description = "The agreement's id")),
    request_body = NoteBody,
    responses(
        (status = 201, description = "Added to the history"),
        (status = 400, description = "A field that does not parse", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Neither the organiser nor a party", body = ErrorBody),
        (status = 404, description = "No such edition or agreement (that the caller may see)", body = ErrorBody),
    ),
    security(("bearer" = []), ("session" = [], "csrf" = [])),
)]
pub(crate) async fn note(
    State(state): State<AppState>,
    caller: Caller,
    Path((edition, id)): Path<(String, String)>,
    body: Result<Json<NoteBody>, JsonRejection>,
) -> Result<StatusCode, AppError> {
    let Json(body) = body?;
    let edition = find_edition(state.store.as_ref(), &edition).await?;
    writable(&state, &caller, &edition, &id).await?;
    let date = parse_date("date", &body.date)?;
    let note = body.note.trim();
    if note.is_empty() || note.chars().count() > 2_000 {
        return Err(Invalid::new("note", "must be 1 to 2,000 characters").into());
    }
    let meeting = body
        .meeting
        .as_deref()
        .map(|m| MeetingId::parse("meeting", m))
        .transpose()?;
    let entry = NewAuditEntry {
        actor: caller.actor(),
        edition: edition.id().clone(),
        entity: "agreement",
        key: id,
        action: "note".to_owned(),
        before: None,
        after: Some(json!({"date": date.to_string(), "note": note, "meeting": meeting})),
    };
    state.store.append_audit(&entry).await?;
    Ok(StatusCode::CREATED)
}

/// One agreement's history: its changes and negotiation notes, oldest first.
#[utoipa::path(get, path = "/api/v1/editions/{id}/agreements/{agreement}/history", tag = "agreements",
    params(("id" = String, Path, description = "The edition, like `cisce-2024`"), ("agreement" = String, Path, description = "The agreement's id")),
    responses(
        (status = 200, description = "The history", body = Vec<AuditEntry>),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Neither the organiser nor a party", body = ErrorBody),
        (status = 404, description = "No such edition or agreement (that the caller may see)", body = ErrorBody),
    ),
    security(("bearer" = []), ("session" = [])),
)]
pub(crate) async fn history(
    State(state): State<AppState>,
    caller: Caller,
    Path((edition, id)): Path<(String, String)>,
) -> Result<Json<Vec<AuditEntry>>, AppError> {
    let edition = find_edition(state.store.as_ref(), &edition).await?;
    writable(&state, &caller, &edition, &id).await?;
    Ok(Json(
        state
            .store
            .audit_log(edition.id(), Some(("agreement", &id)))
            .await?,
    ))
}

/// The edition's audit log (organiser), oldest first, a page at a time,
/// with an `ETag`.
#[utoipa::path(get, path = "/api/v1/editions/{id}/audit", tag = "agreements",
    params(("id" = String, Path, description = "The edition, like `cisce-2024`"), PageParams, ("If-None-Match" = Option<String>, Header, description = "The `ETag` of an earlier answer: 304 if unchanged")),
    responses(
        (status = 200, description = "One page of the audit log", body = Page<AuditEntry>,
            headers(("ETag" = String, description = "Changes when the answer does"))),
        (status = 304, description = "Unchanged since the `If-None-Match` tag"),
        (status = 400, description = "A page that does not parse", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not the organiser", body = ErrorBody),
        (status = 404, description = "No such edition", body = ErrorBody),
    ),
    security(("bearer" = []), ("session" = [])),
)]
pub(crate) async fn audit(
    State(state): State<AppState>,
    caller: Caller,
    Path(edition): Path<String>,
    query: Result<Query<PageParams>, QueryRejection>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let Query(query) = query?;
    caller.organiser()?;
    query.bounds()?;
    let edition = find_edition(state.store.as_ref(), &edition).await?;
    let log = state.store.audit_log(edition.id(), None).await?;
    tagged_json(&headers, &query.page_of(log)?)
}
