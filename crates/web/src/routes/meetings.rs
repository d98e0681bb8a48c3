//! Meetings as a workflow: `GET|POST /api/v1/editions/{id}/meetings`
//! (list, optionally for one organisation; request, or book as the
//! organiser) and `POST /api/v1/editions/{id}/meetings/{meeting}/{action}`
//! (accept, decline, cancel, lock, unlock).
//!
//! Who may: staff see and request their organisation's meetings; the one
//! asked accepts or declines; either side cancels; the organiser sees all,
//! books for anyone, and alone locks and unlocks.
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
    Invalid, Meeting, MeetingAction, MeetingId, MeetingStatus, OrganizationId, Placement, Priority,
};
use chainfair_store::{Page, read_all};
use serde::{Deserialize, Serialize};

/// How many times a new meeting retries for a free id.
const ID_ATTEMPTS: usize = 5;

/// A meeting as the API shows it.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub(crate) struct MeetingView {
    id: String,
    /// Who asked.
    a: String,
    /// Whom.
    b: String,
    status: MeetingStatus,
    /// 1 (highest) to 5.
    #[schema(minimum = 1, maximum = 5)]
    priority: u8,
    message: String,
    /// Locked by the organiser: scheduling runs keep its slot.
    locked: bool,
    /// Booked by the organiser for both.
    booked: bool,
    /// Local time of the edition, like 2024-11-27T09:00.
    slot_start: Option<String>,
    slot_end: Option<String>,
    table: Option<String>,
    /// Grows with every change (calendar clients follow it).
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

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub(crate) struct ListQuery {
    /// One organisation's meetings (staff: their own, the default).
    org: Option<String>,
}

/// Meetings, a page at a time, with an `ETag`: the organiser sees all (or
/// one organisation's), staff their own organisation's.
#[utoipa::path(get, operation_id = "list_meetings", path = "/api/v1/editions/{id}/meetings", tag = "meetings",
    params(("id" = String, Path, description = "The edition, like `cisce-2024`"), ListQuery, PageParams, ("If-None-Match" = Option<String>, Header, description = "The `ETag` of an earlier answer: 304 if unchanged")),
    responses(
        (status = 200, description = "One page of the meetings", body = Page<MeetingView>,
            headers(("ETag" = String, description = "Changes when the answer does"))),
        (status = 304, description = "Unchanged since the `If-None-Match` tag"),
        (status = 400, description = "An `org` or page that does not parse", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "A visitor, or staff asking for another organisation", body = ErrorBody),
        (status = 404, description = "No such edition", body = ErrorBody),
    ),
    security(("bearer" = []), ("session" = [])),
)]
pub(crate) async fn list(
    State(state): State<AppState>,
    caller: Caller,
    Path(edition): Path<String>,
    query: Result<Query<ListQuery>, QueryRejection>,
    pages: Result<Query<PageParams>, QueryRejection>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let Query(query) = query?;
    let Query(pages) = pages?;
    pages.bounds()?;
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
    let meetings: Vec<MeetingView> = read_all::<Meeting>(state.store.as_ref(), Some(edition.id()))
        .await?
        .iter()
        .filter(|m| org.as_ref().is_none_or(|o| m.a() == o || m.b() == o))
        .map(MeetingView::from)
        .collect();
    tagged_json(&headers, &pages.page_of(meetings)?)
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RequestBody {
    /// Who asks.
    pub(crate) a: String,
    /// Whom.
    pub(crate) b: String,
    #[serde(default)]
    pub(crate) message: String,
    /// 1 (highest) to 5; default 3.
    #[schema(minimum = 1, maximum = 5)]
    pub(crate) priority: Option<u8>,
    /// The organiser books it for both: accepted at once.
    #[serde(default)]
    pub(crate) book: bool,
}

/// Requests a meeting (staff of `a`), or books one for both (the organiser,
/// `book`: accepted at once).
#[utoipa::path(post, path = "/api/v1/editions/{id}/meetings", tag = "meetings",
    params(("id" = String, Path, description = "The edition, like `cisce-2024`")),
    request_body = RequestBody,
    responses(
        (status = 201, description = "Requested (or booked)", body = MeetingView),
        (status = 400, description = "A field that does not parse, the same organisation twice, or one not taking part", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "The caller does not act for `a`, or books without being the organiser", body = ErrorBody),
        (status = 404, description = "No such edition", body = ErrorBody),
        (status = 409, description = "The pair already has an open meeting", body = ErrorBody),
    ),
    security(("bearer" = []), ("session" = [], "csrf" = [])),
)]
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

/// Accepts or declines (the one asked, or the organiser), cancels (either
/// side) or locks and unlocks (the organiser) a meeting.
#[utoipa::path(post, path = "/api/v1/editions/{id}/meetings/{meeting}/{action}", tag = "meetings",
    params(("id" = String, Path, description = "The edition, like `cisce-2024`"),
        ("meeting" = String, Path, description = "The meeting's id"),
        ("action" = inline(MeetingAction), Path, description = "What to do")),
    responses(
        (status = 200, description = "Done", body = MeetingView),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "The caller may not do that to this meeting", body = ErrorBody),
        (status = 404, description = "No such edition, meeting (of the caller's) or action", body = ErrorBody),
        (status = 409, description = "The meeting's status forbids it", body = ErrorBody),
    ),
    security(("bearer" = []), ("session" = [], "csrf" = [])),
)]
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
#[derive(Debug, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct PeriodView {
    /// Local time of the edition, like 2024-11-27T09:00.
    #[schema(pattern = "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}$")]
    from: String,
    /// Exclusive.
    #[schema(pattern = "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}$")]
    to: String,
}

/// The periods when an organisation cannot meet (its staff, or the organiser).
#[utoipa::path(get, path = "/api/v1/editions/{id}/organizations/{org}/unavailability", tag = "meetings",
    params(("id" = String, Path, description = "The edition, like `cisce-2024`"), ("org" = String, Path, description = "The organisation's id")),
    responses(
        (status = 200, description = "The periods", body = Vec<PeriodView>),
        (status = 400, description = "An organisation id that does not parse", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "The caller does not act for the organisation", body = ErrorBody),
        (status = 404, description = "No such edition", body = ErrorBody),
    ),
    security(("bearer" = []), ("session" = [])),
)]
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
#[utoipa::path(put, path = "/api/v1/editions/{id}/organizations/{org}/unavailability", tag = "meetings",
    params(("id" = String, Path, description = "The edition, like `cisce-2024`"), ("org" = String, Path, description = "The organisation's id")),
    request_body = Vec<PeriodView>,
    responses(
        (status = 204, description = "Replaced"),
        (status = 400, description = "A period or organisation that does not parse, or one not taking part", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "The caller does not act for the organisation", body = ErrorBody),
        (status = 404, description = "No such edition", body = ErrorBody),
    ),
    security(("bearer" = []), ("session" = [], "csrf" = [])),
)]
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
