//! Agreements through the API: list (each caller sees what
//! [`Agreement::view`] allows), record, sign, cancel, publish, unpublish,
//! negotiation notes, and the audit log.
//!
//! The organiser and the parties may write; every write lands only against
//! the revision it was made from (a concurrent change is a 409) and adds
//! one audit entry in the same transaction.
use super::find_edition;
use crate::auth::Caller;
use crate::{AppError, AppState};
use axum::Json;
use axum::extract::rejection::{JsonRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use chainfair_core::{
    Agreement, AgreementChange, AgreementId, AgreementKind, AgreementStatus, AgreementView,
    Edition, IndustryId, Invalid, MeetingId, Money, OrganizationId, Viewer, parse_date,
};
use chainfair_store::{AuditEntry, NewAuditEntry, read_all};
use serde::{Deserialize, Serialize};
use serde_json::json;

/// How many times a new agreement retries for a free id.
const ID_ATTEMPTS: usize = 5;

#[derive(Debug, Deserialize)]
pub(crate) struct PageQuery {
    page: Option<u32>,
    per_page: Option<u32>,
}

impl PageQuery {
    /// (page from 1, per page 1..=500, default 50).
    fn bounds(&self) -> Result<(u32, u32), AppError> {
        let page = self.page.unwrap_or(1);
        let per_page = self.per_page.unwrap_or(50);
        if page == 0 {
            return Err(Invalid::new("page", "pages count from 1").into());
        }
        if !(1..=500).contains(&per_page) {
            return Err(Invalid::new("per_page", "must be 1 to 500").into());
        }
        Ok((page, per_page))
    }
}

#[derive(Debug, Serialize)]
pub(crate) struct AgreementPage {
    items: Vec<AgreementView>,
    total: usize,
    page: u32,
    per_page: u32,
}

pub(crate) async fn list(
    State(state): State<AppState>,
    caller: Caller,
    Path(edition): Path<String>,
    query: Result<Query<PageQuery>, QueryRejection>,
) -> Result<Json<AgreementPage>, AppError> {
    let Query(query) = query?;
    let (page, per_page) = query.bounds()?;
    let edition = find_edition(state.store.as_ref(), &edition).await?;
    let visible: Vec<AgreementView> =
        read_all::<Agreement>(state.store.as_ref(), Some(edition.id()))
            .await?
            .iter()
            .filter_map(|a| a.view(caller.viewer()))
            .collect();
    let total = visible.len();
    let items = visible
        .into_iter()
        .skip((page as usize - 1) * per_page as usize)
        .take(per_page as usize)
        .collect();
    Ok(Json(AgreementPage {
        items,
        total,
        page,
        per_page,
    }))
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

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct NewAgreement {
    pub(crate) kind: String,
    pub(crate) parties: Vec<String>,
    /// A decimal string, with `currency`.
    pub(crate) amount: Option<String>,
    pub(crate) currency: Option<String>,
    /// The signing date (or the intention's date).
    pub(crate) date: String,
    pub(crate) industry: Option<String>,
    /// `intention` (default) or `signed`.
    pub(crate) status: Option<String>,
    #[serde(default)]
    pub(crate) published: bool,
}

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

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ChangeBody {
    /// The signing date, for `sign` (default: today, UTC).
    date: Option<String>,
}

pub(crate) async fn change(
    State(state): State<AppState>,
    caller: Caller,
    Path((edition, id, action)): Path<(String, String, String)>,
    body: axum::body::Bytes,
) -> Result<Json<AgreementView>, AppError> {
    // The body is optional: empty, or a JSON object.
    let body: ChangeBody = if body.iter().all(u8::is_ascii_whitespace) {
        ChangeBody::default()
    } else {
        serde_json::from_slice(&body).map_err(|e| Invalid::new("body", e.to_string()))?
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
    let change = match action {
        "sign" => AgreementChange::Sign(match body.date.as_deref() {
            Some(date) => parse_date("date", date)?,
            None => chrono::Utc::now().date_naive(),
        }),
        "cancel" => AgreementChange::Cancel,
        "publish" => AgreementChange::Publish,
        "unpublish" => AgreementChange::Unpublish,
        other => return Err(AppError::NotFound(format!("no action {other:?}"))),
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

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct NoteBody {
    /// When it happened.
    date: String,
    note: String,
    /// The meeting it happened at, if any.
    meeting: Option<String>,
}

/// Adds a negotiation event to an agreement's history.
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

/// The edition's whole audit log (organiser).
pub(crate) async fn audit(
    State(state): State<AppState>,
    caller: Caller,
    Path(edition): Path<String>,
) -> Result<Json<Vec<AuditEntry>>, AppError> {
    caller.organiser()?;
    let edition = find_edition(state.store.as_ref(), &edition).await?;
    Ok(Json(state.store.audit_log(edition.id(), None).await?))
}
