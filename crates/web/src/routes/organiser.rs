//! The organiser's page of an edition: import a CSV file (every error named
//! by its line and column, nothing written unless the whole file is right),
//! issue invitation codes, run the meeting scheduler and the booth layout.
//! Each form answers with the page again and the run's outcome on top.
use super::find_edition;
use super::pages::Nav;
use crate::auth::Caller;
use crate::planning::{MeetingArea, layout_edition, schedule_edition, store_layout};
use crate::{AppError, AppState};
use askama::Template;
use axum::extract::multipart::MultipartRejection;
use axum::extract::{Form, Multipart, Path, State};
use axum::http::StatusCode;
use axum::response::Html;
use chainfair_core::{Edition, Invalid, Meeting, MeetingStatus};
use chainfair_matching::layout::LayoutParams;
use chainfair_schedule::Options;
use chainfair_store::{ImportError, Kind, LineError, import_csv, read_all};
use serde::Deserialize;

/// What a form on the page did.
enum Outcome {
    Imported {
        kind: Kind,
        rows: usize,
        notes: Vec<String>,
    },
    Rejected {
        file: String,
        errors: Vec<LineError>,
        more: usize,
    },
    Invited {
        organization: String,
        code: String,
    },
    Scheduled {
        placed: usize,
        meetings: usize,
        slots: usize,
        tables: u32,
        gaps: u64,
        spread: u32,
        changed: usize,
        dry_run: bool,
    },
    LaidOut {
        placed: usize,
        violations: Vec<String>,
        stored: Option<usize>,
        svg: String,
    },
    Refused(String),
}

#[derive(Template)]
#[template(path = "organiser.html")]
struct OrganiserPage {
    nav: Nav,
    edition: Edition,
    outcome: Option<Outcome>,
    kinds: Vec<&'static str>,
    /// (organisation id, name) of the participants, for the invitation form.
    participants: Vec<(String, String)>,
    /// (organisation name, created, used) of the invitations issued.
    invitations: Vec<(String, String, Option<String>)>,
    /// Meetings by status.
    meetings: Vec<(&'static str, usize)>,
    space_requests: usize,
    bookings: usize,
    area: MeetingArea,
}

async fn render(
    state: &AppState,
    nav: Nav,
    edition: Edition,
    outcome: Option<Outcome>,
) -> Result<Html<String>, AppError> {
    let names = super::org_names(state.store.as_ref(), nav.lang()).await?;
    let name = |id: &str| names.get(id).cloned().unwrap_or_else(|| id.to_owned());
    let participants = super::participants(state.store.as_ref(), &edition)
        .await?
        .iter()
        .map(|id| (id.to_string(), name(id.as_str())))
        .collect();
    let invitations = state
        .store
        .invitations()
        .await?
        .into_iter()
        .map(|i| (name(i.organization.as_str()), i.created_at, i.used_at))
        .collect();
    let all = read_all::<Meeting>(state.store.as_ref(), Some(edition.id())).await?;
    let meetings = [
        MeetingStatus::Requested,
        MeetingStatus::Accepted,
        MeetingStatus::Scheduled,
        MeetingStatus::Held,
        MeetingStatus::Declined,
        MeetingStatus::Cancelled,
    ]
    .into_iter()
    .map(|s| (s.as_str(), all.iter().filter(|m| m.status() == s).count()))
    .collect();
    let page = OrganiserPage {
        space_requests: state.store.space_requests(edition.id()).await?.len(),
        bookings: state.store.bookings(edition.id()).await?.len(),
        kinds: Kind::ALL.iter().map(|k| k.as_str()).collect(),
        nav,
        edition,
        outcome,
        participants,
        invitations,
        meetings,
        area: MeetingArea::default(),
    };
    Ok(Html(page.render()?))
}

/// The page after a run: 200 when it went through, the error's status with
/// its reason on the page when it was refused.
async fn answer(
    state: &AppState,
    nav: Nav,
    edition: Edition,
    outcome: Result<Outcome, AppError>,
) -> Result<(StatusCode, Html<String>), AppError> {
    let (status, outcome) = match outcome {
        Ok(outcome) => (StatusCode::OK, outcome),
        Err(error) => {
            let (status, message) = super::error_pages::refusal(error)?;
            (status, Outcome::Refused(message))
        }
    };
    Ok((status, render(state, nav, edition, Some(outcome)).await?))
}

pub(crate) async fn page(
    State(state): State<AppState>,
    caller: Caller,
    nav: Nav,
    Path(edition): Path<String>,
) -> Result<Html<String>, AppError> {
    caller.organiser()?;
    let edition = find_edition(state.store.as_ref(), &edition).await?;
    render(&state, nav, edition, None).await
}

/// A CSV upload: the multipart fields `kind` and `file`.
pub(crate) async fn import(
    State(state): State<AppState>,
    caller: Caller,
    nav: Nav,
    Path(edition): Path<String>,
    form: Result<Multipart, MultipartRejection>,
) -> Result<(StatusCode, Html<String>), AppError> {
    caller.organiser()?;
    let edition = find_edition(state.store.as_ref(), &edition).await?;
    let mut form = form.map_err(|e| AppError::BadRequest(Invalid::new("file", e.body_text())))?;
    let (mut kind, mut file) = (None, None);
    let unreadable = |e: axum::extract::multipart::MultipartError| {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            AppError::PayloadTooLarge
        } else {
            AppError::BadRequest(Invalid::new("file", e.body_text()))
        }
    };
    while let Some(field) = form.next_field().await.map_err(unreadable)? {
        match field.name() {
            Some("kind") => kind = Some(field.text().await.map_err(unreadable)?),
            Some("file") => {
                let name = field.file_name().unwrap_or("upload.csv").to_owned();
                file = Some((name, field.bytes().await.map_err(unreadable)?));
            }
            _ => {}
        }
    }
    let outcome = async {
        let kind = kind.unwrap_or_default();
        let kind = Kind::parse(&kind)
            .ok_or_else(|| Invalid::new("kind", format!("{kind:?} is not a kind of file")))?;
        let (name, bytes) = file
            .filter(|(_, bytes)| !bytes.is_empty())
            .ok_or_else(|| Invalid::new("file", "choose a CSV file"))?;
        match import_csv(state.store.as_ref(), kind, &name, &bytes[..], &|_| {}).await {
            Ok(report) => Ok(Outcome::Imported {
                kind,
                rows: report.rows,
                notes: report.notes,
            }),
            Err(ImportError::Rejected { file, errors, more }) => {
                Ok(Outcome::Rejected { file, errors, more })
            }
            Err(ImportError::Unreadable { file, message }) => Ok(Outcome::Rejected {
                file,
                errors: vec![LineError {
                    line: 1,
                    column: None,
                    message,
                }],
                more: 0,
            }),
            Err(ImportError::Store(e)) => Err(AppError::from(e)),
        }
    }
    .await;
    let rejected = matches!(outcome, Ok(Outcome::Rejected { .. }));
    let (status, page) = answer(&state, nav, edition, outcome).await?;
    Ok((
        if rejected {
            StatusCode::BAD_REQUEST
        } else {
            status
        },
        page,
    ))
}

#[derive(Debug, Deserialize)]
pub(crate) struct InviteForm {
    organization: String,
}

pub(crate) async fn invite(
    State(state): State<AppState>,
    caller: Caller,
    nav: Nav,
    Path(edition): Path<String>,
    Form(form): Form<InviteForm>,
) -> Result<(StatusCode, Html<String>), AppError> {
    caller.organiser()?;
    let edition = find_edition(state.store.as_ref(), &edition).await?;
    let outcome = super::credentials::issue_invitation(&state, &caller, &form.organization)
        .await
        .map(|(invitation, code)| Outcome::Invited {
            organization: invitation.organization.to_string(),
            code,
        });
    answer(&state, nav, edition, outcome).await
}

/// The scheduling form: the meeting area's settings as typed.
#[derive(Debug, Deserialize)]
pub(crate) struct ScheduleForm {
    tables: String,
    slot_minutes: String,
    day_start: String,
    day_end: String,
    #[serde(rename = "break", default)]
    pause: String,
    #[serde(default)]
    max_gap_spread: String,
    #[serde(default)]
    seconds: String,
    /// Checkboxes: present when ticked.
    replan: Option<String>,
    dry_run: Option<String>,
}

/// A number typed in `field`; `None` when left empty.
fn number<T: std::str::FromStr>(field: &'static str, text: &str) -> Result<Option<T>, Invalid> {
    match text.trim() {
        "" => Ok(None),
        text => text
            .parse()
            .map(Some)
            .map_err(|_| Invalid::new(field, format!("{text:?} is not a number"))),
    }
}

impl ScheduleForm {
    fn area(&self) -> Result<MeetingArea, Invalid> {
        let default = MeetingArea::default();
        Ok(MeetingArea {
            tables: number("tables", &self.tables)?.unwrap_or(default.tables),
            slot_minutes: number("slot_minutes", &self.slot_minutes)?
                .unwrap_or(default.slot_minutes),
            day_start: self.day_start.clone(),
            day_end: self.day_end.clone(),
            pause: Some(self.pause.clone()),
            max_gap_spread: number("max_gap_spread", &self.max_gap_spread)?,
            replan: self.replan.is_some(),
            seconds: number::<f64>("seconds", &self.seconds)?
                .map(|s| Options::check_seconds(s).map_err(|e| Invalid::new("seconds", e)))
                .transpose()?,
            seed: default.seed,
        })
    }
}

pub(crate) async fn schedule(
    State(state): State<AppState>,
    caller: Caller,
    nav: Nav,
    Path(edition): Path<String>,
    Form(form): Form<ScheduleForm>,
) -> Result<(StatusCode, Html<String>), AppError> {
    caller.organiser()?;
    let edition = find_edition(state.store.as_ref(), &edition).await?;
    let dry_run = form.dry_run.is_some();
    let outcome = async {
        let area = form.area()?;
        let run = schedule_edition(state.store.as_ref(), &edition, &area, dry_run).await?;
        Ok(Outcome::Scheduled {
            placed: run.schedule.assignments.len(),
            meetings: run.meetings,
            slots: run.slots,
            tables: area.tables,
            gaps: run.schedule.gaps,
            spread: run.schedule.gap_spread,
            changed: run.changed,
            dry_run,
        })
    }
    .await;
    answer(&state, nav, edition, outcome).await
}

#[derive(Debug, Deserialize)]
pub(crate) struct LayoutForm {
    #[serde(default)]
    seed: String,
    /// A checkbox: store the layout as the bookings.
    apply: Option<String>,
}

pub(crate) async fn layout(
    State(state): State<AppState>,
    caller: Caller,
    nav: Nav,
    Path(edition): Path<String>,
    Form(form): Form<LayoutForm>,
) -> Result<(StatusCode, Html<String>), AppError> {
    caller.organiser()?;
    let edition = find_edition(state.store.as_ref(), &edition).await?;
    let outcome = async {
        let params = LayoutParams {
            seed: number("seed", &form.seed)?.unwrap_or(1),
            ..LayoutParams::default()
        };
        let (floor, layout) =
            layout_edition(state.store.as_ref(), &edition, &state.chains, &params).await?;
        let stored = match form.apply {
            Some(_) => Some(store_layout(state.store.as_ref(), edition.id(), &layout).await?),
            None => None,
        };
        let names = super::org_names(state.store.as_ref(), nav.lang()).await?;
        let svg =
            chainfair_report::floor_svg(&floor, &layout.assignments, &names, None, nav.lang());
        Ok(Outcome::LaidOut {
            placed: layout.assignments.len(),
            violations: layout.violations.iter().map(ToString::to_string).collect(),
            stored,
            svg,
        })
    }
    .await;
    answer(&state, nav, edition, outcome).await
}
