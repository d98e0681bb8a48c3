//! Meetings as a workflow: `GET|POST /api/v1/editions/{id}/meetings`
//! (list, optionally for one organisation; request, or book as the
//! organiser) and `POST /api/v1/editions/{id}/meetings/{meeting}/{action}`
//! (accept, decline, cancel, lock, unlock).
//!
//! Who may: staff see and request their organisation's meetings; the one
//! asked accepts or declines; either side cancels; the organiser sees all,
//! books for anyone, and alone locks and unlocks.
use super::find_edition;
use crate::auth::Caller;
use crate::{AppError, AppState};
use axum::Json;
use axum::extract::rejection::{JsonRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use chainfair_core::{
    Invalid, Meeting, MeetingAction, MeetingId, MeetingStatus, OrganizationId, Placement, Priority,
};
use chainfair_store::read_all;
use serde::{Deserialize, Serialize};

/// How many times a new meeting retries for a free id.
const ID_ATTEMPTS: usize = 5;

/// A meeting as the API shows it.
#[derive(Debug, Serialize)]
pub(crate) struct MeetingView {
    id: String,
    a: String,
    b: String,
    status: MeetingStatus,
    priority: u8,
    message: String,
    locked: bool,
    booked: bool,
    slot_start: Option<String>,
    slot_end: Option<String>,
    table: Option<String>,
    sequence: u32,
}

impl From<&Meeting> for MeetingView {
    fn from(m: &Meeting) -> Self {
        let place = m.placement();
        Self {
            id: m.id().to_string(),
            a: m.a().to_string(),
            b: m.b().to_string(),
            status: m.status(),
            priority: m.priority().get(),
            message: m.message().to_owned(),
            locked: m.locked(),
            booked: m.booked(),
            slot_start: place.map(|p| Placement::format(p.start)),
            slot_end: place.map(|p| Placement::format(p.end)),
            table: place.map(|p| p.table.clone()),
            sequence: m.sequence(),
        }
    }
}

#[derive(Debug, Deserialize)]
pub(crate) struct ListQuery {
    org: Option<String>,
}

pub(crate) async fn list(
    State(state): State<AppState>,
    caller: Caller,
    Path(edition): Path<String>,
    query: Result<Query<ListQuery>, QueryRejection>,
) -> Result<Json<Vec<MeetingView>>, AppError> {
    let Query(query) = query?;
    let account = caller.signed_in()?;
    let edition = find_edition(state.store.as_ref(), &edition).await?;
    let org = query
        .org
        .map(|o| OrganizationId::parse("org", &o))
        .transpose()?;
    // Staff see their own organisation's meetings only.
    let org = match (account.is_organiser(), org) {
        (true, org) => org,
        (false, Some(org)) => {
            caller.acting_for(&org)?;
            Some(org)
        }
        (false, None) => Some(
            account
                .organization
                .clone()
                .ok_or_else(|| AppError::Forbidden("visitors have no meetings".into()))?,
        ),
    };
    let meetings = read_all::<Meeting>(state.store.as_ref(), Some(edition.id())).await?;
    Ok(Json(
        meetings
            .iter()
            .filter(|m| org.as_ref().is_none_or(|o| m.a() == o || m.b() == o))
            .map(MeetingView::from)
            .collect(),
    ))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RequestBody {
    /// Who asks.
    pub(crate) a: String,
    /// Whom.
    pub(crate) b: String,
    #[serde(default)]
    pub(crate) message: String,
    /// 1 (highest) to 5; default 3.
    pub(crate) priority: Option<u8>,
    /// The organiser books it for both: accepted at once.
    #[serde(default)]
    pub(crate) book: bool,
}

pub(crate) async fn request(
    State(state): State<AppState>,
    caller: Caller,
    Path(edition): Path<String>,
    body: Result<Json<RequestBody>, JsonRejection>,
) -> Result<(StatusCode, Json<MeetingView>), AppError> {
    let Json(body) = body?;
    let edition = find_edition(state.store.as_ref(), &edition).await?;
    let meeting = request_meeting(&state, &caller, &edition, body).await?;
    Ok((StatusCode::CREATED, Json(MeetingView::from(&meeting))))
}

/// A meeting request (or the organiser's booking), checked and stored.
pub(crate) async fn request_meeting(
    state: &AppState,
    caller: &Caller,
    edition: &chainfair_core::Edition,
    body: RequestBody,
) -> Result<Meeting, AppError> {
    let a = OrganizationId::parse("a", &body.a)?;
    let b = OrganizationId::parse("b", &body.b)?;
    if body.book {
        caller.organiser()?;
    } else {
        caller.acting_for(&a)?;
    }
    if a == b {
        return Err(Invalid::new("b", "an organisation does not meet itself").into());
    }
    for (field, org) in [("a", &a), ("b", &b)] {
        super::require_taking_part(state.store.as_ref(), edition, field, [org]).await?;
    }
    let priority = Priority::parse(
        "priority",
        &body.priority.map(|p| p.to_string()).unwrap_or_default(),
    )?;
    let status = if body.book {
        MeetingStatus::Accepted
    } else {
        MeetingStatus::Requested
    };
    // Another request may take the next id, or ask for the same pair, at
    // the same moment: the database decides, and a taken id is retried.
    for _ in 0..ID_ATTEMPTS {
        let meetings = read_all::<Meeting>(state.store.as_ref(), Some(edition.id())).await?;
        if let Some(existing) = meetings.iter().find(|m| {
            m.status().is_open() && ((m.a() == &a && m.b() == &b) || (m.a() == &b && m.b() == &a))
        }) {
            return Err(AppError::Conflict(format!(
                "{a} and {b} already have meeting {} ({})",
                existing.id(),
                existing.status().as_str()
            )));
        }
        // Ids the API gives are r-1, r-2 ...
        let stored = meetings
            .iter()
            .filter_map(|m| m.id().as_str().strip_prefix("r-")?.parse::<u64>().ok())
            .max()
            .unwrap_or(0);
        let next = state.next_number(edition.id(), "r-", stored);
        let meeting = Meeting::new(
            edition.id().clone(),
            MeetingId::parse("id", &format!("r-{next}"))?,
            a.clone(),
            b.clone(),
            status,
            priority,
        )?
        .with_message(&body.message)
        .with_flags(false, body.book);
        match state.store.add_meeting(&meeting).await {
            Ok(()) => return Ok(meeting),
            Err(chainfair_store::StoreError::Conflict(_)) => continue,
            Err(other) => return Err(other.into()),
        }
    }
    Err(AppError::Conflict(
        "too many meetings requested at once; try again".to_owned(),
    ))
}

pub(crate) async fn act(
    State(state): State<AppState>,
    caller: Caller,
    Path((edition, meeting, action)): Path<(String, String, String)>,
) -> Result<Json<MeetingView>, AppError> {
    let edition = find_edition(state.store.as_ref(), &edition).await?;
    let next = act_on(&state, &caller, &edition, &meeting, &action).await?;
    Ok(Json(MeetingView::from(&next)))
}

/// Accepts, declines, cancels, locks or unlocks a meeting, if the caller may.
pub(crate) async fn act_on(
    state: &AppState,
    caller: &Caller,
    edition: &chainfair_core::Edition,
    meeting: &str,
    action: &str,
) -> Result<Meeting, AppError> {
    let account = caller.signed_in()?;
    let action = MeetingAction::parse("action", action)
        .map_err(|_| AppError::NotFound(format!("no action {action:?}")))?;
    let meetings = read_all::<Meeting>(state.store.as_ref(), Some(edition.id())).await?;
    let current = meetings
        .iter()
        .find(|m| m.id().as_str() == meeting)
        // Someone not party to it learns nothing more from a 404.
        .filter(|m| account.is_organiser() || account.acts_for(m.a()) || account.acts_for(m.b()))
        .ok_or_else(|| AppError::NotFound(format!("unknown meeting {meeting:?}")))?;
    let allowed = match action {
        MeetingAction::Accept | MeetingAction::Decline => {
            account.is_organiser() || account.acts_for(current.b())
        }
        MeetingAction::Cancel => true,
        MeetingAction::Lock | MeetingAction::Unlock => account.is_organiser(),
    };
    if !allowed {
        return Err(AppError::Forbidden(format!(
            "you may not {} meeting {meeting}",
            action.as_str()
        )));
    }
    let next = current
        .act(action)
        .map_err(|e| AppError::Conflict(e.message().to_owned()))?;
    state.store.change_meeting(current, &next).await?;
    Ok(next)
}

/// A period when an organisation cannot meet, as the API shows it.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct PeriodView {
    /// Local time of the edition, like 2024-11-27T09:00.
    from: String,
    /// Exclusive.
    to: String,
}

/// The organisation's periods (its staff, or the organiser).
pub(crate) async fn get_unavailability(
    State(state): State<AppState>,
    caller: Caller,
    Path((edition, org)): Path<(String, String)>,
) -> Result<Json<Vec<PeriodView>>, AppError> {
    let org = OrganizationId::parse("org", &org)?;
    caller.acting_for(&org)?;
    let edition = find_edition(state.store.as_ref(), &edition).await?;
    let periods = state.store.unavailability(edition.id()).await?;
    Ok(Json(
        periods
            .iter()
            .filter(|p| p.organization == org)
            .map(|p| PeriodView {
                from: Placement::format(p.from),
                to: Placement::format(p.to),
            })
            .collect(),
    ))
}

/// Replaces the organisation's periods; the next scheduling run keeps its
/// meetings out of them.
pub(crate) async fn put_unavailability(
    State(state): State<AppState>,
    caller: Caller,
    Path((edition, org)): Path<(String, String)>,
    body: Result<Json<Vec<PeriodView>>, JsonRejection>,
) -> Result<StatusCode, AppError> {
    let Json(body) = body?;
    let org = OrganizationId::parse("org", &org)?;
    caller.acting_for(&org)?;
    let edition = find_edition(state.store.as_ref(), &edition).await?;
    super::require_taking_part(state.store.as_ref(), &edition, "org", [&org]).await?;
    let periods = body
        .iter()
        .map(|p| {
            chainfair_store::Unavailable::new(
                org.clone(),
                Placement::parse_time("from", &p.from)?,
                Placement::parse_time("to", &p.to)?,
            )
        })
        .collect::<Result<Vec<_>, Invalid>>()?;
    state
        .store
        .put_unavailability(edition.id(), Some(&org), &periods)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}
