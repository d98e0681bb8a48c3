//! The audience: registration (API and form), badges, check-in at the door
//! (API and a phone page), online attendance, and sign-ups for the next
//! edition.
use super::find_edition;
use crate::auth::Caller;
use crate::{AppError, AppState, ErrorBody, badge};
use askama::Template;
use axum::Json;
use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use chainfair_core::{
    AttendanceMode, Attendee, AttendeeId, Edition, Invalid, OrganizationId, parse_date,
};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A registration as the API answers it: the badge's token and addresses.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub(crate) struct Registration {
    pub(crate) edition: String,
    pub(crate) id: String,
    pub(crate) name: String,
    pub(crate) mode: AttendanceMode,
    pub(crate) token: String,
    pub(crate) badge_svg: String,
    pub(crate) badge_png: String,
}

async fn registration(state: &AppState, a: &Attendee) -> Result<Registration, AppError> {
    let token = badge::token(state.badge_key().await?, &a.edition, &a.id);
    Ok(Registration {
        edition: a.edition.to_string(),
        id: a.id.to_string(),
        name: a.name.clone(),
        mode: a.mode,
        badge_svg: format!("/badges/{token}.svg"),
        badge_png: format!("/badges/{token}.png"),
        token,
    })
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RegisterBody {
    pub(crate) name: String,
    /// The organisation the person comes with, taking part in the edition.
    pub(crate) organization: Option<String>,
    /// `online` or `offline` (default).
    #[schema(value_type = Option<AttendanceMode>)]
    pub(crate) mode: Option<String>,
}

/// Registers a person; a signed-in visitor finds the badge under /me/badges.
pub(crate) async fn register(
    state: &AppState,
    caller: &Caller,
    edition: &Edition,
    body: RegisterBody,
) -> Result<Registration, AppError> {
    let organization = body
        .organization
        .as_deref()
        .map(str::trim)
        .filter(|o| !o.is_empty())
        .map(|o| OrganizationId::parse("organization", o))
        .transpose()?;
    super::require_taking_part(state.store.as_ref(), edition, "organization", &organization)
        .await?;
    let mode = match body.mode.as_deref() {
        None | Some("") => AttendanceMode::Offline,
        Some(mode) => AttendanceMode::parse("mode", mode)?,
    };
    let name = body.name.trim();
    if name.chars().count() > 200 {
        return Err(Invalid::new("name", "is longer than 200 characters").into());
    }
    let id = AttendeeId::parse("id", &format!("v-{}", crate::auth::new_id()))?;
    let attendee = Attendee::new(edition.id().clone(), id, name, organization, mode)?;
    let account = caller.account().map(|a| a.id.as_str());
    state.store.register_attendee(&attendee, account).await?;
    registration(state, &attendee).await
}

/// Registers a person and answers with the badge; a signed-in visitor finds
/// it again under `/api/v1/me/badges`.
#[utoipa::path(post, path = "/api/v1/editions/{id}/attendees", tag = "audience",
    params(("id" = String, Path, description = "The edition, like `cisce-2024`")),
    request_body = RegisterBody,
    responses(
        (status = 201, description = "Registered", body = Registration),
        (status = 400, description = "A field that does not parse, or an organisation not taking part", body = ErrorBody),
        (status = 404, description = "No such edition", body = ErrorBody),
    ),
    security((), ("bearer" = []), ("session" = [], "csrf" = [])),
)]
pub(crate) async fn register_api(
    State(state): State<AppState>,
    caller: Caller,
    Path(edition): Path<String>,
    body: Result<Json<RegisterBody>, JsonRejection>,
) -> Result<(StatusCode, Json<Registration>), AppError> {
    let Json(body) = body?;
    let edition = find_edition(state.store.as_ref(), &edition).await?;
    let registered = register(&state, &caller, &edition, body).await?;
    Ok((StatusCode::CREATED, Json(registered)))
}

/// The signed-in account's badges.
#[utoipa::path(get, path = "/api/v1/me/badges", tag = "audience",
    responses(
        (status = 200, description = "The badges of the people the account registered", body = Vec<Registration>),
        (status = 401, description = "Not signed in", body = ErrorBody),
    ),
    security(("bearer" = []), ("session" = [])),
)]
pub(crate) async fn my_badges(
    State(state): State<AppState>,
    caller: Caller,
) -> Result<Json<Vec<Registration>>, AppError> {
    let account = caller.signed_in()?;
    Ok(Json(badges_of(&state, account).await?))
}

/// The badges of the visitors an account registered.
pub(crate) async fn badges_of(
    state: &AppState,
    account: &chainfair_core::Account,
) -> Result<Vec<Registration>, AppError> {
    let mut badges = Vec::new();
    for attendee in state.store.attendees_of_account(&account.id).await? {
        badges.push(registration(state, &attendee).await?);
    }
    Ok(badges)
}

/// A badge: `TOKEN.svg` (name, edition and QR code) or `TOKEN.png` (the QR
/// code alone). A token the server did not sign is not found.
pub(crate) async fn badge_file(
    State(state): State<AppState>,
    Path(file): Path<String>,
) -> Result<Response, AppError> {
    let not_found = || AppError::NotFound("no such badge".to_owned());
    let (token, svg) = match (file.strip_suffix(".svg"), file.strip_suffix(".png")) {
        (Some(token), _) => (token, true),
        (_, Some(token)) => (token, false),
        _ => return Err(not_found()),
    };
    let (edition, id) = badge::verify(state.badge_key().await?, token).ok_or_else(not_found)?;
    let attendee = state
        .store
        .attendee(&edition, &id)
        .await?
        .ok_or_else(not_found)?;
    let edition = find_edition(state.store.as_ref(), edition.as_str()).await?;
    let failed = || AppError::Internal("the badge cannot be drawn".to_owned());
    if svg {
        let qr = badge::qr_svg(token, 240).ok_or_else(failed)?;
        // The edition's name fits the badge's 340 px header.
        let title_size = match edition.name().chars().count() {
            0..=28 => 17,
            29..=40 => 13,
            _ => 11,
        };
        let page = BadgeSvg {
            name: &attendee.name,
            edition: edition.name(),
            title_size,
            mode: match attendee.mode {
                AttendanceMode::Offline => "On site",
                AttendanceMode::Online => "Online",
            },
            qr: qr.trim_start_matches(r#"<?xml version="1.0" standalone="yes"?>"#),
        }
        .render()?;
        Ok(([(header::CONTENT_TYPE, "image/svg+xml")], page).into_response())
    } else {
        let png = badge::qr_png(token, 8).ok_or_else(failed)?;
        Ok(([(header::CONTENT_TYPE, "image/png")], png).into_response())
    }
}

#[derive(Template)]
#[template(path = "badge.svg", escape = "html")]
struct BadgeSvg<'a> {
    name: &'a str,
    edition: &'a str,
    title_size: u32,
    mode: &'a str,
    qr: &'a str,
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct CheckInBody {
    /// The badge's token (what its QR code holds).
    pub(crate) token: String,
    /// The day, for replaying scans made offline (default: today at the
    /// edition's place).
    #[schema(format = Date)]
    pub(crate) day: Option<String>,
}

/// What a scan did.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub(crate) struct Scan {
    pub(crate) attendee: String,
    pub(crate) name: String,
    #[schema(format = Date)]
    pub(crate) day: String,
    /// False for a second scan the same day, which counts once.
    pub(crate) first_today: bool,
}

/// Today at the edition's place, or `day`; it must be one of its days.
fn scan_day(edition: &Edition, day: Option<&str>) -> Result<NaiveDate, AppError> {
    let day = match day {
        Some(day) => parse_date("day", day)?,
        None => chrono::Utc::now()
            .with_timezone(&edition.time_zone())
            .date_naive(),
    };
    if day < edition.start_date() || day > edition.end_date() {
        return Err(AppError::Conflict(format!(
            "{} is open from {} to {}, not on {day}",
            edition.id(),
            edition.start_date(),
            edition.end_date()
        )));
    }
    Ok(day)
}

/// Checks a badge's token: the attendee it names, or a clear refusal.
async fn badge_holder(
    state: &AppState,
    edition: &Edition,
    token: &str,
) -> Result<Attendee, AppError> {
    let refused = || {
        AppError::BadRequest(Invalid::new(
            "token",
            "this badge is not valid: it was not issued by this expo or has been altered",
        ))
    };
    let (badge_edition, id) = badge::verify(state.badge_key().await?, token).ok_or_else(refused)?;
    if &badge_edition != edition.id() {
        return Err(AppError::BadRequest(Invalid::new(
            "token",
            format!("this badge is for {badge_edition}, not {}", edition.id()),
        )));
    }
    state
        .store
        .attendee(edition.id(), &id)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("attendee {id} is no longer registered")))
}

pub(crate) async fn check_in(
    state: &AppState,
    caller: &Caller,
    edition: &str,
    body: CheckInBody,
) -> Result<Scan, AppError> {
    caller.organiser()?;
    let edition = find_edition(state.store.as_ref(), edition).await?;
    let day = scan_day(&edition, body.day.as_deref())?;
    let attendee = badge_holder(state, &edition, &body.token).await?;
    let first_today = state
        .store
        .check_in(edition.id(), &attendee.id, day)
        .await?;
    Ok(Scan {
        attendee: attendee.id.to_string(),
        name: attendee.name,
        day: day.to_string(),
        first_today,
    })
}

/// A scan at the door (organiser's staff): 201 for the first scan of the
/// day, 200 for a repeat.
#[utoipa::path(post, path = "/api/v1/editions/{id}/checkins", tag = "audience",
    params(("id" = String, Path, description = "The edition, like `cisce-2024`")),
    request_body = CheckInBody,
    responses(
        (status = 201, description = "The first scan of the day", body = Scan),
        (status = 200, description = "A repeat, counted once", body = Scan),
        (status = 400, description = "A forged or altered badge, another edition's badge, or a bad day", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not the organiser", body = ErrorBody),
        (status = 404, description = "No such edition, or the attendee is no longer registered", body = ErrorBody),
        (status = 409, description = "The day is not one of the edition's", body = ErrorBody),
    ),
    security(("bearer" = []), ("session" = [], "csrf" = [])),
)]
pub(crate) async fn check_in_api(
    State(state): State<AppState>,
    caller: Caller,
    Path(edition): Path<String>,
    body: Result<Json<CheckInBody>, JsonRejection>,
) -> Result<(StatusCode, Json<Scan>), AppError> {
    let Json(body) = body?;
    let scan = check_in(&state, &caller, &edition, body).await?;
    let status = if scan.first_today {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok((status, Json(scan)))
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct OnlineBody {
    /// The badge's token.
    token: String,
    /// The streamed session's id.
    #[schema(min_length = 1, max_length = 100)]
    session: String,
    #[schema(format = Date)]
    day: Option<String>,
}

/// Records that a badge holder followed a streamed session (the streaming
/// platform calls this with the organiser's token).
#[utoipa::path(post, path = "/api/v1/editions/{id}/online", tag = "audience",
    params(("id" = String, Path, description = "The edition, like `cisce-2024`")),
    request_body = OnlineBody,
    responses(
        (status = 201, description = "Recorded"),
        (status = 200, description = "Already recorded for that session"),
        (status = 400, description = "A forged badge or a field that does not parse", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not the organiser", body = ErrorBody),
        (status = 404, description = "No such edition, or the attendee is no longer registered", body = ErrorBody),
        (status = 409, description = "The day is not one of the edition's", body = ErrorBody),
    ),
    security(("bearer" = []), ("session" = [], "csrf" = [])),
)]
pub(crate) async fn online(
    State(state): State<AppState>,
    caller: Caller,
    Path(edition): Path<String>,
    body: Result<Json<OnlineBody>, JsonRejection>,
) -> Result<StatusCode, AppError> {
    let Json(body) = body?;
    caller.organiser()?;
    let edition = find_edition(state.store.as_ref(), &edition).await?;
    let day = scan_day(&edition, body.day.as_deref())?;
    let session = body.session.trim();
    if session.is_empty() || session.len() > 100 {
        return Err(Invalid::new("session", "must be 1 to 100 characters").into());
    }
    let attendee = badge_holder(&state, &edition, &body.token).await?;
    let new = state
        .store
        .attend_online(edition.id(), &attendee.id, session, day)
        .await?;
    Ok(if new {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    })
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct SignupBody {
    organization: String,
}

/// Signs an organisation up for the next edition (its staff, or the organiser).
#[utoipa::path(post, path = "/api/v1/editions/{id}/signups", tag = "audience",
    params(("id" = String, Path, description = "The edition, like `cisce-2024`")),
    request_body = SignupBody,
    responses(
        (status = 201, description = "Signed up"),
        (status = 200, description = "Already signed up"),
        (status = 400, description = "An organisation that does not parse or does not take part", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "The caller does not act for the organisation", body = ErrorBody),
        (status = 404, description = "No such edition", body = ErrorBody),
    ),
    security(("bearer" = []), ("session" = [], "csrf" = [])),
)]
pub(crate) async fn sign_up(
    State(state): State<AppState>,
    caller: Caller,
    Path(edition): Path<String>,
    body: Result<Json<SignupBody>, JsonRejection>,
) -> Result<StatusCode, AppError> {
    let Json(body) = body?;
    let organization = OrganizationId::parse("organization", &body.organization)?;
    caller.acting_for(&organization)?;
    let edition = find_edition(state.store.as_ref(), &edition).await?;
    super::require_taking_part(
        state.store.as_ref(),
        &edition,
        "organization",
        [&organization],
    )
    .await?;
    let new = state.store.sign_up(edition.id(), &organization).await?;
    Ok(if new {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    })
}
