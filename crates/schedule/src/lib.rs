//! # chainfair-schedule
//!
//! Business-to-business meeting scheduler: places an edition's accepted meeting requests
//! into its time slots and tables.
//!
//! ## Rules
//! - each participant has at most one meeting per slot, and none in its unavailable slots;
//! - each table holds at most one meeting per slot, and none in its unavailable slots;
//! - a meeting may be limited to some slots (`slots`), fixed to one (`fixed`), locked to
//!   a table (`locked_table`), or required to come `after` other meetings (strictly later
//!   slot, whenever both are scheduled);
//! - fixed meetings and published assignments (unless `replan`) are always kept.
//!
//! ## Objective (lexicographic)
//! 1. maximise the scheduled priority (sum of the priorities of scheduled meetings);
//! 2. minimise the excess of the gap spread over `max_gap_spread` (if given);
//! 3. minimise the total number of gaps.
//!
//! A *gap* is a maximal run of one or more slots without a meeting of a participant
//! between two of its meetings on the same day (a slot where the participant is
//! unavailable counts as free). Nothing is counted across days. The *gap spread* is the
//! largest minus the smallest gap count over all participants. The spread bound is never
//! traded for a lower scheduled priority, so it is checked as part of the objective rather
//! than by [`validate`].
//!
//! ## Entry points
//! - [`Problem::from_json`] / the public fields of [`Problem`]: input (format below and
//!   in `FORMAT.md`);
//! - [`solve`]: fast scheduler (construction + repair + local search);
//! - [`solve_parallel`]: the same on several threads, and with a time limit a portfolio:
//!   two threads give most of their time to the exact search;
//! - [`exact()`] / [`exact_with_stats`]: proves the optimum by SAT calls (BatSat, pure
//!   Rust), warm-started with a known schedule; the result says whether it is proved
//!   (the bench's paper-shaped instances all are, within seconds; its one-day instance
//!   of 1,200 meetings, from a 1-s annealed schedule, in 2-60 s or more, which is why
//!   [`default_time`] gives it 20 s; its one-day instance of 2,000 is not: the optimum,
//!   30 gaps, took 426 s from one start, and [`solve_parallel`] in 20 s mostly ends at
//!   37-45, see `docs/decisions.md`);
//! - [`gap_lower_bound`]: a quick bound on the gaps of any schedule placing everything;
//! - [`validate`]: checks a schedule against every rule;
//! - [`generate()`]: deterministic instance generator.
//!
//! ```
//! use chainfair_schedule::{Problem, Options, solve, validate};
//! let p = Problem::from_json(r#"{
//!   "slots": [{"id": "s1", "day": "2024-07-16", "start": "09:00", "end": "09:20"},
//!             {"id": "s2", "day": "2024-07-16", "start": "09:20", "end": "09:40"}],
//!   "tables": 1,
//!   "participants": [{"id": "a"}, {"id": "b"}, {"id": "c"}],
//!   "meetings": [{"id": "m1", "a": "a", "b": "b"}, {"id": "m2", "a": "a", "b": "c"}]
//! }"#).unwrap();
//! let s = solve(&p, &Options::deterministic(1, 10_000)).unwrap();
//! assert!(s.unscheduled.is_empty());
//! validate(&p, &s).unwrap();
//! ```
//!
//! The interchange format is described in [`mod@format`].
#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod bound;
mod cnf;
mod error;
mod exact;
mod generate;
mod heuristic;
mod model;
mod rng;
mod schedule;
mod state;

pub mod format {
    #![doc = include_str!("../FORMAT.md")]
}

pub use error::{ProblemError, Violation};
pub use generate::{Shape, generate};
pub use heuristic::{Options, default_time};
pub use model::{Assignment, Meeting, Participant, Problem, Slot, Table};
pub use rng::Rng;
pub use schedule::{Schedule, validate};

use std::sync::Arc;
use std::sync::atomic::AtomicBool;

use model::Model;

/// Largest number of (meeting, allowed slot) pairs for which [`solve_parallel`] gives two
/// threads to the exact search (the paper-shaped instances have a few thousand, the
/// bench's 2,000-request instance 40,000, its 100,000-request one 8 million). The
/// encoding's memory grows with the participants and tables of a slot: at 40,000 pairs
/// (2,500 requests on one day of 16 slots) the process peaked at 475 MB with its two
/// solvers (225 MB with one); one solver at 96,000 pairs took 912 MB.
pub const PORTFOLIO_PLACEMENTS: usize = 40_000;

/// Schedule the problem with the fast scheduler.
///
/// Fixed and published meetings are placed first; then a DSATUR-like greedy places the
/// rest (most important first, then fewest feasible slots), a tabu ejection-chain repair
/// inserts what is left by moving less or equally important meetings, and simulated
/// annealing with Kempe-chain interchanges between two slots (a single move is a chain of
/// one; half of the moves aim at an existing gap) minimises (spread excess, gaps), guided
/// also by the idle slots inside gaps. Stops at `max_iterations`, at `time_limit`, or as
/// soon as the schedule is provably optimal (everything placed, no spread excess, gaps
/// equal to [`gap_lower_bound`], or none when some meeting is optional).
pub fn solve(p: &Problem, opts: &Options) -> Result<Schedule, ProblemError> {
    let model = Model::compile(p)?;
    let slots = heuristic::run(&model, opts, None);
    Ok(schedule::build(p, &model, &slots))
}

/// [`solve`] on `threads` threads at once, with the seeds `opts.seed`,
/// `opts.seed + 1` ...: the best schedule (most priority, then least spread
/// excess, then fewest gaps; the lowest seed on a tie). The local search
/// depends much on its seed, so independent runs on the machine's cores beat
/// one run given the same wall-clock time.
///
/// With a time limit, two threads or more, and at most [`PORTFOLIO_PLACEMENTS`]
/// (meeting, allowed slot) pairs, the first two threads anneal for a fifth and a tenth
/// of the time and then run the exact search ([`exact_with_stats`]) from their
/// schedules until the time is up (the others only anneal): on one-day instances whose
/// middle is full, the solver reaches schedules that the annealing does not, and its
/// time to do so varies much with the start. The first thread to have a provably
/// optimal schedule stops the others. Without a time limit the threads only anneal, so
/// that the result depends on the options alone.
pub fn solve_parallel(
    p: &Problem,
    opts: &Options,
    threads: usize,
) -> Result<Schedule, ProblemError> {
    let model = Model::compile(p)?;
    let threads = threads.clamp(1, 64) as u64;
    let timed = opts.time_limit.is_some();
    let placements: usize = model.allowed.iter().map(Vec::len).sum();
    let stop = Arc::new(AtomicBool::new(false));
    let runs: Vec<Vec<u32>> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|i| {
                let mut mine = opts.clone();
                mine.seed = opts.seed.wrapping_add(i);
                let model = &model;
                let stop = Arc::clone(&stop);
                scope.spawn(move || {
                    if !timed {
                        heuristic::run(model, &mine, None)
                    } else if i < 2 && placements <= PORTFOLIO_PLACEMENTS {
                        exact::after_annealing(model, &mine, stop, if i == 0 { 5 } else { 10 })
                    } else {
                        heuristic::run(model, &mine, Some(&stop))
                    }
                })
            })
            .collect();
        handles
            .into_iter()
            // A panic in a worker is a bug; pass it on.
            .map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    });
    let excess = |s: &Schedule| {
        p.max_gap_spread
            .map_or(0, |bound| s.gap_spread.saturating_sub(bound))
    };
    runs.iter()
        .map(|slots| schedule::build(p, &model, slots))
        .min_by(|a, b| {
            b.scheduled_priority
                .cmp(&a.scheduled_priority)
                .then(excess(a).cmp(&excess(b)))
                .then(a.gaps.cmp(&b.gaps))
        })
        .ok_or_else(|| ProblemError::invalid("threads".into(), "no run".into()))
}

/// A lower bound on the total gaps of any schedule that places every meeting (from the
/// participants' availability and allowed slots only). When a schedule places everything
/// and reaches it, its gaps are optimal.
pub fn gap_lower_bound(p: &Problem) -> Result<u64, ProblemError> {
    let model = Model::compile(p)?;
    Ok(bound::gap_lower_bound(&model))
}

/// Budget of [`exact_with_stats`]: SAT conflicts over all its solver calls (deterministic)
/// and an optional wall-clock limit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExactLimits {
    /// Conflicts allowed over all SAT calls.
    pub conflicts: u64,
    /// Wall-clock limit; `None` = only the conflict budget counts.
    pub time: Option<std::time::Duration>,
}

/// Result of [`exact_with_stats`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExactResult {
    /// The best schedule found: the optimum when `proved`, else at worst the incumbent.
    pub schedule: Schedule,
    /// Whether `schedule` is proved optimal (every better cost shown unsatisfiable).
    pub proved: bool,
    /// Fewest gaps any schedule of `schedule`'s priority and spread can have, as far as
    /// proved: its own gaps when `proved`, else [`gap_lower_bound`] (when everything
    /// placeable is placed) or 0.
    pub gap_bound: u64,
    /// SAT conflicts used.
    pub conflicts: u64,
    /// SAT solver calls made.
    pub sat_calls: u32,
}

/// Optimal schedule (same lexicographic objective as [`solve`], including the spread
/// bound), proved by SAT calls within `conflict_limit` conflicts; `Ok(None)` when the
/// budget runs out before optimality is proved. Deterministic.
pub fn exact(p: &Problem, conflict_limit: u64) -> Result<Option<Schedule>, ProblemError> {
    let limits = ExactLimits {
        conflicts: conflict_limit,
        time: None,
    };
    let r = exact_with_stats(p, &limits, None)?;
    Ok(r.proved.then_some(r.schedule))
}

/// Like [`exact()`], with a time limit too and the search figures. The search starts from
/// `incumbent` (e.g. the result of [`solve`]) and only has to prove that nothing better
/// exists, or find what does; without one (or when it does not pass [`validate`]) it
/// starts from a short deterministic run of the fast scheduler. See the `exact` module
/// source for the encoding.
pub fn exact_with_stats(
    p: &Problem,
    limits: &ExactLimits,
    incumbent: Option<&Schedule>,
) -> Result<ExactResult, ProblemError> {
    let model = Model::compile(p)?;
    let start = match incumbent.filter(|inc| validate(p, inc).is_ok()) {
        Some(inc) => {
            let ix: std::collections::HashMap<&str, usize> = p
                .meetings
                .iter()
                .enumerate()
                .map(|(i, m)| (m.id.as_str(), i))
                .collect();
            let sx: std::collections::HashMap<&str, u32> = p
                .slots
                .iter()
                .enumerate()
                .map(|(i, s)| (s.id.as_str(), i as u32))
                .collect();
            let mut slots = vec![model::NONE; model.n_meet];
            for a in &inc.assignments {
                if let (Some(&m), Some(&s)) = (ix.get(a.meeting.as_str()), sx.get(a.slot.as_str()))
                {
                    slots[m] = s;
                }
            }
            slots
        }
        None => heuristic::run(&model, &Options::deterministic(1, 50_000), None),
    };
    let deadline = limits.time.map(|t| std::time::Instant::now() + t);
    let out = exact::solve(
        &model,
        start,
        &exact::Limits {
            conflicts: limits.conflicts,
            deadline,
            stop: None,
        },
    );
    Ok(ExactResult {
        schedule: schedule::build(p, &model, &out.slots),
        proved: out.proved,
        gap_bound: out.gap_bound,
        conflicts: out.conflicts,
        sat_calls: out.sat_calls,
    })
}
