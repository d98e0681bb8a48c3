//! An edition's accepted meetings into slots and tables, the places stored
//! on the meetings (`chainfair schedule --edition`, the organiser's page).
//!
//! The slots are every day of the edition from `day_start` to `day_end` in
//! steps of `slot_minutes`, less the break; the tables are `T1` to `Tn`.
//! Locked meetings keep their slot and table; scheduled ones keep theirs
//! unless `replan`; a participant is unavailable in every slot that overlaps
//! one of their unavailability periods. The scheduler's priority of a
//! meeting is 6 minus chainfair's (1 = highest becomes 5), plus 5 when
//! either party marked the other must-meet.
use crate::AppError;
use chainfair_core::{Edition, Invalid, Meeting, MeetingStatus, Placement, Profile};
use chainfair_schedule::{Assignment, Options, Problem, Schedule, Slot, Table};
use chainfair_store::{Store, read_all};
use chrono::{NaiveDate, NaiveDateTime, NaiveTime, TimeDelta};
use std::collections::{BTreeSet, HashMap};

/// How the meeting area runs, and how long the scheduler may search.
#[derive(Debug, Clone, PartialEq)]
pub struct MeetingArea {
    pub tables: u32,
    pub slot_minutes: u32,
    /// First slot of each day, `09:00`.
    pub day_start: String,
    /// When the last slot of each day ends.
    pub day_end: String,
    /// No meeting during this break, `12:00-13:00`.
    pub pause: Option<String>,
    /// Keep every participant's gap count within this of the others'.
    pub max_gap_spread: Option<u32>,
    /// Let scheduled (published) meetings move; locked ones still stay.
    pub replan: bool,
    /// Time the scheduler may search (annealing, and on two threads the exact search);
    /// `None`: [`chainfair_schedule::default_time`] for the number of meetings.
    pub seconds: Option<f64>,
    pub seed: u64,
}

impl Default for MeetingArea {
    fn default() -> Self {
        MeetingArea {
            tables: 40,
            slot_minutes: 20,
            day_start: "09:00".to_owned(),
            day_end: "17:00".to_owned(),
            pause: None,
            max_gap_spread: None,
            replan: false,
            seconds: None,
            seed: 1,
        }
    }
}

/// What a run did.
#[derive(Debug, Clone)]
pub struct ScheduleRun {
    pub schedule: Schedule,
    /// Accepted and scheduled meetings it placed (or left out).
    pub meetings: usize,
    pub slots: usize,
    /// Meetings whose place changed (stored unless a dry run).
    pub changed: usize,
}

/// A slot's start and end.
type Times = (NaiveDateTime, NaiveDateTime);

/// The edition's slots (see the module docs) with their times.
fn slots(edition: &Edition, area: &MeetingArea) -> Result<Vec<(Slot, Times)>, Invalid> {
    let time = |field: &'static str, text: &str| {
        NaiveTime::parse_from_str(text.trim(), "%H:%M")
            .map_err(|_| Invalid::new(field, format!("{text:?}: expected a time like 09:00")))
    };
    let (first, last) = (
        time("day_start", &area.day_start)?,
        time("day_end", &area.day_end)?,
    );
    let pause = match area.pause.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(text) => {
            let (from, to) = text
                .split_once('-')
                .ok_or_else(|| Invalid::new("break", format!("{text:?}: expected 12:00-13:30")))?;
            Some((time("break", from)?, time("break", to)?))
        }
    };
    if !(5..=240).contains(&area.slot_minutes) {
        return Err(Invalid::new("slot_minutes", "use 5 to 240"));
    }
    if !(1..=10_000).contains(&area.tables) {
        return Err(Invalid::new("tables", "use 1 to 10,000"));
    }
    let step = TimeDelta::minutes(i64::from(area.slot_minutes));
    let mut out = Vec::new();
    let mut day: NaiveDate = edition.start_date();
    while day <= edition.end_date() {
        let mut start = first;
        while start + step <= last && start < start + step {
            let end = start + step;
            let in_break = pause.is_some_and(|(from, to)| start < to && end > from);
            if !in_break {
                let (s, e) = (day.and_time(start), day.and_time(end));
                out.push((
                    Slot {
                        id: Placement::format(s),
                        day: day.to_string(),
                        start: start.format("%H:%M").to_string(),
                        end: end.format("%H:%M").to_string(),
                    },
                    (s, e),
                ));
            }
            start = end;
        }
        let Some(next) = day.succ_opt() else { break };
        day = next;
    }
    if out.is_empty() {
        return Err(Invalid::new(
            "day_end",
            "no slot fits between the day's start and end",
        ));
    }
    Ok(out)
}

/// The scheduler's priority of a meeting (see the module docs).
fn weight(meeting: &Meeting, must_meet: &BTreeSet<(String, String)>) -> u32 {
    let (a, b) = (meeting.a().to_string(), meeting.b().to_string());
    let must = must_meet.contains(&(a.clone(), b.clone())) || must_meet.contains(&(b, a));
    6 - u32::from(meeting.priority().get()) + if must { 5 } else { 0 }
}

/// Schedules the edition's accepted meetings and, unless `dry_run`, stores
/// their places.
pub async fn schedule_edition(
    store: &dyn Store,
    edition: &Edition,
    area: &MeetingArea,
    dry_run: bool,
) -> Result<ScheduleRun, AppError> {
    let slots = slots(edition, area)?;
    let slot_of: HashMap<String, Times> = slots
        .iter()
        .map(|(s, times)| (s.id.clone(), *times))
        .collect();
    let meetings = read_all::<Meeting>(store, Some(edition.id())).await?;
    let must_meet: BTreeSet<(String, String)> = read_all::<Profile>(store, Some(edition.id()))
        .await?
        .iter()
        .flat_map(|p| {
            p.must_meet
                .iter()
                .map(|o| (p.organization.to_string(), o.to_string()))
        })
        .collect();
    let open: Vec<&Meeting> = meetings
        .iter()
        .filter(|m| {
            matches!(
                m.status(),
                MeetingStatus::Accepted | MeetingStatus::Scheduled
            )
        })
        .collect();
    let placed_slot = |m: &Meeting| {
        m.placement()
            .map(|p| Placement::format(p.start))
            .filter(|s| slot_of.contains_key(s))
    };
    let mut problem = Problem {
        slots: slots.iter().map(|(s, _)| s.clone()).collect(),
        tables: (1..=area.tables)
            .map(|i| Table {
                id: format!("T{i}"),
                unavailable: Vec::new(),
            })
            .collect(),
        max_gap_spread: area.max_gap_spread,
        replan: area.replan,
        ..Problem::default()
    };
    let mut people = BTreeSet::new();
    for m in &open {
        people.insert(m.a().to_string());
        people.insert(m.b().to_string());
        let mut meeting =
            chainfair_schedule::Meeting::new(m.id().as_str(), m.a().as_str(), m.b().as_str());
        meeting.priority = weight(m, &must_meet);
        if let (Some(slot), Some(place)) = (placed_slot(m), m.placement()) {
            if m.locked() {
                meeting.fixed = Some(slot.clone());
                meeting.locked_table = Some(place.table.clone());
            } else {
                problem.published.push(Assignment {
                    meeting: m.id().to_string(),
                    slot,
                    table: place.table.clone(),
                });
            }
        }
        problem.meetings.push(meeting);
    }
    let periods = store.unavailability(edition.id()).await?;
    problem.participants = people
        .into_iter()
        .map(|id| chainfair_schedule::Participant {
            unavailable: slots
                .iter()
                .filter(|(_, (start, end))| {
                    periods
                        .iter()
                        .any(|p| p.organization.as_str() == id && p.overlaps(*start, *end))
                })
                .map(|(slot, _)| slot.id.clone())
                .collect(),
            id,
        })
        .collect();
    // Seconds of search on every core: off the async threads.
    let options = Options::for_seconds(&problem, area.seconds, area.seed);
    let threads = std::thread::available_parallelism().map_or(1, usize::from);
    let problem = std::sync::Arc::new(problem);
    let solving = problem.clone();
    let schedule = tokio::task::spawn_blocking(move || {
        chainfair_schedule::solve_parallel(&solving, &options, threads)
    })
    .await
    .map_err(|e| AppError::Internal(e.to_string()))?
    .map_err(|e| AppError::Conflict(e.to_string()))?;
    let assigned: HashMap<&str, &Assignment> = schedule
        .assignments
        .iter()
        .map(|a| (a.meeting.as_str(), a))
        .collect();
    let mut changed = Vec::new();
    for m in &open {
        let place = match assigned.get(m.id().as_str()) {
            Some(a) => {
                let slot = slot_of.get(&a.slot).ok_or_else(|| {
                    AppError::Internal(format!("the scheduler named an unknown slot {}", a.slot))
                })?;
                Some(Placement::new(slot.0, slot.1, &a.table)?)
            }
            None => None,
        };
        let next = m.place(place);
        if &next != *m {
            changed.push(next);
        }
    }
    if !dry_run {
        store.put_meetings(&changed).await?;
    }
    Ok(ScheduleRun {
        meetings: open.len(),
        slots: problem.slots.len(),
        changed: changed.len(),
        schedule,
    })
}
