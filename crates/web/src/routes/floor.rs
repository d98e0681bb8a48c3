//! The exhibition floor through the API: the plan and who has which booth
//! (public), the plan replaced by the organiser, booths booked and released
//! by exhibitors (or the organiser, who may also fix a booking so that
//! layout runs keep it).
use super::find_edition;
use super::pages::Nav;
use crate::auth::Caller;
use crate::{AppError, AppState, ErrorBody};
use axum::Json;
use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use chainfair_core::floor::{BoothId, Floor, FloorDocument};
use chainfair_core::{EditionId, Invalid, OrganizationId};
use chainfair_store::Booking;
use serde::{Deserialize, Serialize};

/// Who has a booth.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub(crate) struct BookingView {
    booth: String,
    organization: String,
    /// Fixed by the organiser: layout runs keep it.
    fixed: bool,
}

impl From<&Booking> for BookingView {
    fn from(b: &Booking) -> Self {
        Self {
            booth: b.booth.to_string(),
            organization: b.organization.to_string(),
            fixed: b.fixed,
        }
    }
}

/// The plan and every booking.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub(crate) struct FloorView {
    #[schema(value_type = FloorDocument)]
    plan: Floor,
    bookings: Vec<BookingView>,
}

/// The edition's plan, or a 404 saying there is none yet.
pub(crate) async fn plan_of(state: &AppState, edition: &EditionId) -> Result<Floor, AppError> {
    state
        .store
        .floor(edition)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("{edition} has no floor plan yet")))
}

/// The edition's floor plan (docs/formats.md, floor) and every booking.
#[utoipa::path(get, operation_id = "get_floor", path = "/api/v1/editions/{id}/floor", tag = "floor",
    params(("id" = String, Path, description = "The edition, like `cisce-2024`")),
    responses(
        (status = 200, description = "The plan and the bookings", body = FloorView),
        (status = 404, description = "No such edition, or it has no plan yet", body = ErrorBody),
    ),
)]
pub(crate) async fn get(
    State(state): State<AppState>,
    Path(edition): Path<String>,
) -> Result<Json<FloorView>, AppError> {
    let edition = find_edition(state.store.as_ref(), &edition).await?;
    let plan = plan_of(&state, edition.id()).await?;
    let bookings = state.store.bookings(edition.id()).await?;
    Ok(Json(FloorView {
        plan,
        bookings: bookings.iter().map(BookingView::from).collect(),
    }))
}

/// Replaces the plan (organiser): a JSON floor document, checked whole.
#[utoipa::path(put, operation_id = "put_floor", path = "/api/v1/editions/{id}/floor", tag = "floor",
    params(("id" = String, Path, description = "The edition, like `cisce-2024`")),
    request_body = FloorDocument,
    responses(
        (status = 200, description = "The plan as stored", body = FloorDocument),
        (status = 400, description = "The plan's problems; `field` names the first", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not the organiser", body = ErrorBody),
        (status = 404, description = "No such edition", body = ErrorBody),
    ),
    security(("bearer" = []), ("session" = [], "csrf" = [])),
)]
pub(crate) async fn put(
    State(state): State<AppState>,
    caller: Caller,
    Path(edition): Path<String>,
    body: Result<Json<FloorDocument>, JsonRejection>,
) -> Result<Json<Floor>, AppError> {
    caller.organiser()?;
    let Json(document) = body?;
    let edition = find_edition(state.store.as_ref(), &edition).await?;
    let floor = Floor::try_from(document).map_err(|problems| {
        let first = problems.0.first();
        AppError::BadRequest(Invalid::new(
            first.map_or("body", |p| p.field),
            problems.to_string(),
        ))
    })?;
    state.store.put_floor(edition.id(), &floor).await?;
    Ok(Json(floor))
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct BookBody {
    organization: String,
    /// The organiser fixes the booking: layout runs keep it.
    #[serde(default)]
    fixed: bool,
}

/// Books a booth for an organisation taking part: 201, or 409 saying who
/// has the booth (or which booth the organisation already has).
#[utoipa::path(post, path = "/api/v1/editions/{id}/booths/{booth}/booking", tag = "floor",
    params(("id" = String, Path, description = "The edition, like `cisce-2024`"), ("booth" = String, Path, description = "The booth's id")),
    request_body = BookBody,
    responses(
        (status = 201, description = "Booked", body = BookingView),
        (status = 400, description = "An organisation that does not parse or does not take part", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "The caller does not act for the organisation, or fixes without being the organiser", body = ErrorBody),
        (status = 404, description = "No such edition, plan or booth", body = ErrorBody),
        (status = 409, description = "The booth is taken, or the organisation has one", body = ErrorBody),
    ),
    security(("bearer" = []), ("session" = [], "csrf" = [])),
)]
pub(crate) async fn book(
    State(state): State<AppState>,
    caller: Caller,
    Path((edition, booth)): Path<(String, String)>,
    body: Result<Json<BookBody>, JsonRejection>,
) -> Result<(StatusCode, Json<BookingView>), AppError> {
    let Json(body) = body?;
    let organization = OrganizationId::parse("organization", &body.organization)?;
    caller.acting_for(&organization)?;
    if body.fixed {
        caller.organiser()?;
    }
    let edition = find_edition(state.store.as_ref(), &edition).await?;
    let plan = plan_of(&state, edition.id()).await?;
    let booth = plan
        .booth(&booth)
        .ok_or_else(|| AppError::NotFound(format!("{} has no booth {booth:?}", edition.id())))?
        .id()
        .clone();
    super::require_taking_part(
        state.store.as_ref(),
        &edition,
        "organization",
        [&organization],
    )
    .await?;
    let booking = Booking {
        booth,
        organization,
        fixed: body.fixed,
    };
    state.store.book_booth(edition.id(), &booking).await?;
    Ok((StatusCode::CREATED, Json(BookingView::from(&booking))))
}

/// Frees a booth: the organiser, or staff of the organisation that has it.
#[utoipa::path(delete, path = "/api/v1/editions/{id}/booths/{booth}/booking", tag = "floor",
    params(("id" = String, Path, description = "The edition, like `cisce-2024`"), ("booth" = String, Path, description = "The booth's id")),
    responses(
        (status = 204, description = "Freed"),
        (status = 400, description = "A booth id that does not parse", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Another organisation's booth, or one the organiser fixed", body = ErrorBody),
        (status = 404, description = "No such edition, or the booth is not booked", body = ErrorBody),
    ),
    security(("bearer" = []), ("session" = [], "csrf" = [])),
)]
pub(crate) async fn release(
    State(state): State<AppState>,
    caller: Caller,
    Path((edition, booth)): Path<(String, String)>,
) -> Result<StatusCode, AppError> {
    let account = caller.signed_in()?;
    let edition = find_edition(state.store.as_ref(), &edition).await?;
    let booth = BoothId::parse("booth", &booth)?;
    let holder = state
        .store
        .bookings(edition.id())
        .await?
        .into_iter()
        .find(|b| b.booth == booth)
        .ok_or_else(|| AppError::NotFound(format!("booth {booth} is not booked")))?;
    if !account.acts_for(&holder.organization) {
        return Err(AppError::Forbidden(format!(
            "booth {booth} is {}'s",
            holder.organization
        )));
    }
    if holder.fixed && !account.is_organiser() {
        return Err(AppError::Forbidden(format!(
            "the organiser fixed booth {booth}; ask them to release it"
        )));
    }
    match state.store.release_booth(edition.id(), &booth).await? {
        Some(_) => Ok(StatusCode::NO_CONTENT),
        None => Err(AppError::NotFound(format!("booth {booth} is not booked"))),
    }
}

#[derive(Debug, Deserialize)]
pub(crate) struct PlanQuery {
    /// An exhibitor's id or part of its name, to highlight its booth.
    q: Option<String>,
    lang: Option<String>,
}

#[derive(askama::Template)]
#[template(path = "floor.html")]
struct FloorPage {
    nav: Nav,
    edition: chainfair_core::Edition,
    q: String,
    found: Option<(String, String)>,
    svg: String,
}

/// The floor plan: zones coloured by area, aisles' flow, booths with their
/// exhibitors; `?q=` finds an exhibitor and highlights its booth.
pub(crate) async fn page(
    State(state): State<AppState>,
    nav: Nav,
    Path(edition): Path<String>,
    axum::extract::Query(query): axum::extract::Query<PlanQuery>,
) -> Result<axum::response::Html<String>, AppError> {
    let edition = find_edition(state.store.as_ref(), &edition).await?;
    let plan = plan_of(&state, edition.id()).await?;
    let lang = match query.lang.as_deref() {
        None => nav.lang(),
        Some(text) => chainfair_report::Lang::parse(text)
            .ok_or_else(|| Invalid::new("lang", format!("{text:?} is not en or zh")))?,
    };
    let assignments: Vec<(String, String)> = state
        .store
        .bookings(edition.id())
        .await?
        .into_iter()
        .map(|b| (b.organization.to_string(), b.booth.to_string()))
        .collect();
    let names = super::org_names(state.store.as_ref(), lang).await?;
    let q = query.q.unwrap_or_default().trim().to_owned();
    let needle = q.to_lowercase();
    let found = (!needle.is_empty())
        .then(|| {
            assignments.iter().find(|(org, _)| {
                org.to_lowercase() == needle
                    || names
                        .get(org)
                        .is_some_and(|n| n.to_lowercase().contains(&needle))
            })
        })
        .flatten()
        .map(|(org, booth)| {
            (
                names.get(org).cloned().unwrap_or_else(|| org.clone()),
                booth.clone(),
            )
        });
    let highlight = found.as_ref().and_then(|(_, booth)| {
        assignments
            .iter()
            .find(|(_, b)| b == booth)
            .map(|(org, _)| org.as_str())
    });
    let svg = chainfair_report::floor_svg(&plan, &assignments, &names, highlight, lang);
    let page = FloorPage {
        nav,
        edition,
        q,
        found,
        svg,
    };
    Ok(axum::response::Html(askama::Template::render(&page)?))
}
