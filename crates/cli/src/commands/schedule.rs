//! `chainfair schedule`: meetings into slots and tables, from a problem file
//! (the interchange format, docs/formats.md) or from an edition's accepted
//! meetings in the store.
use crate::{Config, ScheduleArgs, open_store};
use anyhow::{Context, bail};
use chainfair_core::{Edition, EditionId, Meeting, MeetingStatus, Placement, Profile};
use chainfair_schedule::{Assignment, Options, Problem, Schedule, Slot, Table};
use chainfair_store::read_all;
use chrono::{NaiveDate, NaiveDateTime, NaiveTime, TimeDelta};
use std::collections::{BTreeSet, HashMap};
use std::io::Write;
use std::time::Duration;

/// The scheduler on every core, each run with its own seed, the best kept.
fn solve(problem: &Problem, args: &ScheduleArgs) -> anyhow::Result<Schedule> {
    let threads = std::thread::available_parallelism().map_or(1, usize::from);
    Ok(chainfair_schedule::solve_parallel(
        problem,
        &options(args),
        threads,
    )?)
}

fn options(args: &ScheduleArgs) -> Options {
    Options {
        time_limit: Some(Duration::from_secs_f64(args.seconds.max(0.1))),
        max_iterations: u64::MAX,
        seed: args.seed,
    }
}

fn write_out(args: &ScheduleArgs, schedule: &Schedule) -> anyhow::Result<()> {
    let text = schedule.to_json_pretty() + "\n";
    match &args.output {
        Some(path) => std::fs::write(path, text)
            .with_context(|| format!("cannot write {}", path.display()))?,
        None => std::io::stdout().lock().write_all(text.as_bytes())?,
    }
    Ok(())
}

/// The problem file in, the schedule out: no database.
pub(crate) fn from_file(args: &ScheduleArgs) -> anyhow::Result<()> {
    let Some(path) = &args.input else {
        bail!("give --input problem.json, or --edition ID")
    };
    let text =
        std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    let problem = Problem::from_json(&text).with_context(|| path.display().to_string())?;
    let schedule = solve(&problem, args)?;
    write_out(args, &schedule)
}

/// The edition's slots: every day, from `--day-start` to `--day-end` in
/// steps of `--slot-minutes`, less the break.
fn slots(
    edition: &Edition,
    args: &ScheduleArgs,
) -> anyhow::Result<Vec<(Slot, (NaiveDateTime, NaiveDateTime))>> {
    let time = |field: &str, text: &str| {
        NaiveTime::parse_from_str(text, "%H:%M")
            .with_context(|| format!("--{field} {text:?}: expected a time like 09:00"))
    };
    let (first, last) = (
        time("day-start", &args.day_start)?,
        time("day-end", &args.day_end)?,
    );
    let pause = match &args.pause {
        None => None,
        Some(text) => {
            let (from, to) = text
                .split_once('-')
                .with_context(|| format!("--break {text:?}: expected 12:00-13:30"))?;
            Some((time("break", from)?, time("break", to)?))
        }
    };
    if !(5..=240).contains(&args.slot_minutes) {
        bail!("--slot-minutes {}: use 5 to 240", args.slot_minutes);
    }
    let step = TimeDelta::minutes(i64::from(args.slot_minutes));
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
        day = day.succ_opt().context("date overflow")?;
    }
    if out.is_empty() {
        bail!("no slot fits between --day-start and --day-end");
    }
    Ok(out)
}

/// The scheduler's priority of a meeting: 6 minus chainfair's (1 = highest
/// becomes 5), plus 5 when either party marked the other must-meet, so
/// must-meet > high > normal > low.
fn weight(meeting: &Meeting, must_meet: &BTreeSet<(String, String)>) -> u32 {
    let (a, b) = (meeting.a().to_string(), meeting.b().to_string());
    let must = must_meet.contains(&(a.clone(), b.clone())) || must_meet.contains(&(b, a));
    6 - u32::from(meeting.priority().get()) + if must { 5 } else { 0 }
}

/// Replaces the edition's unavailability periods from a CSV file.
pub(crate) async fn unavailability(
    config: &Config,
    edition: &str,
    file: &std::path::Path,
) -> anyhow::Result<()> {
    let store = open_store(&config.db).await?;
    let id = EditionId::parse("--edition", edition)?;
    if store.edition(&id).await?.is_none() {
        bail!("unknown edition {id}");
    }
    let name = file.display().to_string();
    let reader = std::fs::File::open(file).with_context(|| format!("cannot read {name}"))?;
    let periods = chainfair_store::read_unavailability(&name, reader)?;
    let taking_part: BTreeSet<String> =
        read_all::<chainfair_core::Participation>(store.as_ref(), Some(&id))
            .await?
            .iter()
            .map(|p| p.organization().to_string())
            .collect();
    if let Some(p) = periods
        .iter()
        .find(|p| !taking_part.contains(p.organization.as_str()))
    {
        bail!("{name}: {} does not take part in {id}", p.organization);
    }
    store.put_unavailability(&id, None, &periods).await?;
    println!("{id}: {} unavailability periods", periods.len());
    Ok(())
}

/// Schedules the edition's accepted meetings and stores the places.
pub(crate) async fn from_store(
    config: &Config,
    edition: &str,
    args: &ScheduleArgs,
) -> anyhow::Result<()> {
    let store = open_store(&config.db).await?;
    let id = EditionId::parse("edition", edition)?;
    let Some(edition) = store.edition(&id).await? else {
        bail!("unknown edition {edition:?}")
    };
    let slots = slots(&edition, args)?;
    let slot_of: HashMap<String, (NaiveDateTime, NaiveDateTime)> = slots
        .iter()
        .map(|(s, times)| (s.id.clone(), *times))
        .collect();
    let meetings = read_all::<Meeting>(store.as_ref(), Some(edition.id())).await?;
    let must_meet: BTreeSet<(String, String)> =
        read_all::<Profile>(store.as_ref(), Some(edition.id()))
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
        tables: (1..=args.tables)
            .map(|i| Table {
                id: format!("T{i}"),
                unavailable: Vec::new(),
            })
            .collect(),
        max_gap_spread: args.max_gap_spread,
        replan: args.replan,
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
    // A participant is unavailable in every slot that overlaps one of
    // their periods.
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
    problem.check()?;
    let schedule = solve(&problem, args)?;
    let assigned: HashMap<&str, &Assignment> = schedule
        .assignments
        .iter()
        .map(|a| (a.meeting.as_str(), a))
        .collect();
    let mut changed = Vec::new();
    for m in &open {
        let place = match assigned.get(m.id().as_str()) {
            Some(a) => {
                let slot = slot_of
                    .get(&a.slot)
                    .context("the scheduler named an unknown slot")?;
                Some(Placement::new(slot.0, slot.1, &a.table)?)
            }
            None => None,
        };
        let next = m.place(place);
        if &next != *m {
            changed.push(next);
        }
    }
    if !args.dry_run {
        store.put_meetings(&changed).await?;
    }
    eprintln!(
        "{}: {} of {} accepted meetings scheduled over {} slots and {} tables; {} unscheduled; {} gaps (spread {}); {} meetings {}",
        edition.id(),
        schedule.assignments.len(),
        open.len(),
        problem.slots.len(),
        args.tables,
        schedule.unscheduled.len(),
        schedule.gaps,
        schedule.gap_spread,
        changed.len(),
        if args.dry_run {
            "would change (dry run)"
        } else {
            "changed"
        }
    );
    if args.output.is_some() {
        write_out(args, &schedule)?;
    }
    Ok(())
}
