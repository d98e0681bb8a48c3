//! `chainfair schedule`: meetings into slots and tables, from a problem file
//! (the interchange format, docs/formats.md) or from an edition's accepted
//! meetings in the store.
use crate::{Config, ScheduleArgs, open_store};
use anyhow::{Context, bail};
use chainfair_core::EditionId;
use chainfair_schedule::{Options, Problem, Schedule};
use chainfair_store::read_all;
use chainfair_web::planning::{MeetingArea, schedule_edition};
use std::collections::BTreeSet;
use std::io::Write;

/// The scheduler on every core, each run with its own seed, the best kept.
fn solve(problem: &Problem, args: &ScheduleArgs) -> anyhow::Result<Schedule> {
    let threads = std::thread::available_parallelism().map_or(1, usize::from);
    let options = Options::for_seconds(problem, args.seconds, args.seed);
    Ok(chainfair_schedule::solve_parallel(
        problem, &options, threads,
    )?)
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

/// Schedules the edition's accepted meetings and stores the places (see
/// `chainfair_web::planning` for how the problem is made).
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
    let area = MeetingArea {
        tables: args.tables,
        slot_minutes: args.slot_minutes,
        day_start: args.day_start.clone(),
        day_end: args.day_end.clone(),
        pause: args.pause.clone(),
        max_gap_spread: args.max_gap_spread,
        replan: args.replan,
        seconds: args.seconds,
        seed: args.seed,
    };
    let run = schedule_edition(store.as_ref(), &edition, &area, args.dry_run).await?;
    let schedule = &run.schedule;
    eprintln!(
        "{}: {} of {} accepted meetings scheduled over {} slots and {} tables; {} unscheduled; {} gaps (spread {}); {} meetings {}",
        edition.id(),
        schedule.assignments.len(),
        run.meetings,
        run.slots,
        args.tables,
        schedule.unscheduled.len(),
        schedule.gaps,
        schedule.gap_spread,
        run.changed,
        if args.dry_run {
            "would change (dry run)"
        } else {
            "changed"
        }
    );
    if args.output.is_some() {
        write_out(args, schedule)?;
    }
    Ok(())
}
