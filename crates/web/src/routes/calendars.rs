//! Each participant's agenda: a private calendar subscription URL
//! (`POST /api/v1/editions/{id}/organizations/{org}/calendar` gives it;
//! `GET /calendars/{token}.ics` serves it, following every schedule change)
//! and a printable page (`GET /editions/{id}/agenda/{org}`).
use super::find_edition;
use super::pages::Nav;
use crate::auth::Caller;
use crate::i18n::Lang;
use crate::{AppError, AppState, ErrorBody};
use askama::Template;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{Html, IntoResponse, Response};
use chainfair_core::{Edition, Meeting, MeetingStatus, Organization, OrganizationId, Placement};
use chainfair_report::agenda_ics;
use chainfair_store::read_all;
use rand::{Rng, SeedableRng};
use serde::Serialize;
use std::collections::HashMap;

async fn participant(
    state: &AppState,
    edition: &Edition,
    org: &str,
) -> Result<OrganizationId, AppError> {
    let not_found =
        || AppError::NotFound(format!("{org:?} does not take part in {}", edition.id()));
    let org = OrganizationId::parse("organization", org).map_err(|_| not_found())?;
    if super::participants(state.store.as_ref(), edition)
        .await?
        .contains(&org)
    {
        Ok(org)
    } else {
        Err(not_found())
    }
}

/// Where a participant's calendar is served.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub(crate) struct CalendarAddress {
    /// `/calendars/{token}.ics`: private, follows every schedule change.
    url: String,
}

/// The private address of a participant's calendar (created on first use:
/// 128 random bits from the operating system).
#[utoipa::path(post, path = "/api/v1/editions/{id}/organizations/{org}/calendar", tag = "meetings",
    params(("id" = String, Path, description = "The edition, like `cisce-2024`"), ("org" = String, Path, description = "The organisation's id")),
    responses(
        (status = 200, description = "The address (the same on every call)", body = CalendarAddress),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "The caller does not act for the organisation", body = ErrorBody),
        (status = 404, description = "No such edition, or the organisation does not take part", body = ErrorBody),
    ),
    security(("bearer" = []), ("session" = [], "csrf" = [])),
)]
pub(crate) async fn subscription(
    State(state): State<AppState>,
    caller: Caller,
    Path((edition, org)): Path<(String, String)>,
) -> Result<Json<CalendarAddress>, AppError> {
    let edition = find_edition(state.store.as_ref(), &edition).await?;
    let org = participant(&state, &edition, &org).await?;
    caller.acting_for(&org)?;
    let url = calendar_url(&state, &edition, &org).await?;
    Ok(Json(CalendarAddress { url }))
}

/// The private address of an organisation's calendar: the stored token, or
/// a new one of 128 random bits from the operating system.
pub(crate) async fn calendar_url(
    state: &AppState,
    edition: &Edition,
    org: &OrganizationId,
) -> Result<String, AppError> {
    let mut rng = rand::rngs::StdRng::from_os_rng();
    let new = format!("{:032x}", rng.random::<u128>());
    let token = state.store.calendar_token(edition.id(), org, &new).await?;
    Ok(format!("/calendars/{token}.ics"))
}

async fn names(state: &AppState) -> Result<HashMap<OrganizationId, String>, AppError> {
    Ok(read_all::<Organization>(state.store.as_ref(), None)
        .await?
        .into_iter()
        .map(|o| (o.id().clone(), o.name().to_owned()))
        .collect())
}

pub(crate) async fn ics(
    State(state): State<AppState>,
    Path(file): Path<String>,
) -> Result<Response, AppError> {
    let unknown = || AppError::NotFound("unknown calendar".to_owned());
    let token = file.strip_suffix(".ics").ok_or_else(unknown)?;
    let (edition, org) = state
        .store
        .calendar_owner(token)
        .await?
        .ok_or_else(unknown)?;
    let edition = find_edition(state.store.as_ref(), edition.as_str()).await?;
    let meetings = read_all::<Meeting>(state.store.as_ref(), Some(edition.id())).await?;
    let body = agenda_ics(
        &edition,
        &org,
        &meetings,
        &names(&state).await?,
        chrono::Utc::now(),
    );
    Ok((
        [(header::CONTENT_TYPE, "text/calendar; charset=utf-8")],
        body,
    )
        .into_response())
}

struct AgendaRow {
    day: String,
    time: String,
    table: String,
    partner: String,
    status: &'static str,
    message: String,
}

#[derive(Template)]
#[template(path = "agenda.html")]
struct AgendaPage {
    nav: Nav,
    edition: Edition,
    name: String,
    rows: Vec<AgendaRow>,
    unscheduled: usize,
}

/// The printable agenda: for the organisation's staff and the organiser.
pub(crate) async fn agenda(
    State(state): State<AppState>,
    caller: Caller,
    nav: Nav,
    Path((edition, org)): Path<(String, String)>,
) -> Result<Html<String>, AppError> {
    let edition = find_edition(state.store.as_ref(), &edition).await?;
    let org = participant(&state, &edition, &org).await?;
    caller.acting_for(&org)?;
    let names = names(&state).await?;
    let meetings = read_all::<Meeting>(state.store.as_ref(), Some(edition.id())).await?;
    let mine: Vec<&Meeting> = meetings
        .iter()
        .filter(|m| m.a() == &org || m.b() == &org)
        .collect();
    let mut placed: Vec<(&Meeting, &Placement)> = mine
        .iter()
        .filter(|m| matches!(m.status(), MeetingStatus::Scheduled | MeetingStatus::Held))
        .filter_map(|m| Some((*m, m.placement()?)))
        .collect();
    placed.sort_by_key(|(m, p)| (p.start, m.id().clone()));
    let rows = placed
        .into_iter()
        .map(|(m, p)| {
            let other = if m.a() == &org { m.b() } else { m.a() };
            AgendaRow {
                day: match nav.lang() {
                    Lang::En => p.start.format("%a %-d %b %Y").to_string(),
                    Lang::Zh => p.start.format("%Y年%-m月%-d日").to_string(),
                },
                time: format!("{}–{}", p.start.format("%H:%M"), p.end.format("%H:%M")),
                table: p.table.clone(),
                partner: names
                    .get(other)
                    .cloned()
                    .unwrap_or_else(|| other.to_string()),
                status: m.status().as_str(),
                message: m.message().to_owned(),
            }
        })
        .collect();
    let unscheduled = mine
        .iter()
        .filter(|m| m.status() == MeetingStatus::Accepted)
        .count();
    let name = names.get(&org).cloned().unwrap_or_else(|| org.to_string());
    Ok(Html(
        AgendaPage {
            nav,
            edition,
            name,
            rows,
            unscheduled,
        }
        .render()?,
    ))
}
