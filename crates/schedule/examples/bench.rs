//! Benchmark: `cargo run --release -p chainfair-schedule --example bench
//! [-- large|paper|family|small] [fast=SECONDS]`.
//!
//! (1) 100,000 requests over 5 days × 16 slots × 1,000 tables, 20,000 participants,
//!     budget 30 s; (2) the five paper-shaped instances, (3) a family with the paper's
//!     ratios from 150 to 2,000 requests and (4) small instances: fast scheduler
//!     (`solve_parallel` for its default time, `default_time`: 2 s and 15 ms per
//!     request, at most 20 s; it stops sooner with a proved optimum) against the exact
//!     optimum (SAT calls, at most 60 s), with the ratio of their gaps and the issue's
//!     criterion (same priority, gaps within 10 %); "not proved" when the exact search
//!     reached its limit. `fast=` gives the fast scheduler another time (small
//!     instances: a tenth of it).

use std::time::{Duration, Instant};

use chainfair_schedule::{
    ExactLimits, Options, Problem, Shape, exact_with_stats, generate, solve, solve_parallel,
    validate,
};

fn large() {
    let budget = 30.0;
    let t = Instant::now();
    let p = generate(&Shape::large(), 2024);
    let gen_s = t.elapsed().as_secs_f64();
    let total_cap: usize = p.slots.len() * p.tables.len();
    let t = Instant::now();
    // The default time (20 s here) leaves head room for generation and output.
    let threads = std::thread::available_parallelism().map_or(1, usize::from);
    let s = match solve_parallel(&p, &Options::for_problem(&p, 1), threads) {
        Ok(s) => s,
        Err(e) => {
            println!("large: error {e}");
            return;
        }
    };
    let solve_s = t.elapsed().as_secs_f64();
    let valid = validate(&p, &s).is_ok();
    let placed = s.assignments.len();
    let prio_total: u64 = p.meetings.iter().map(|m| u64::from(m.priority)).sum();
    let meets_per_part_max = {
        let mut c = std::collections::HashMap::new();
        for m in &p.meetings {
            *c.entry(&m.a).or_insert(0usize) += 1;
            *c.entry(&m.b).or_insert(0usize) += 1;
        }
        c.values().copied().max().unwrap_or(0)
    };
    println!(
        "large: {} requests, {} participants (max {} meetings each), {} slots x {} tables \
         (capacity {total_cap})",
        p.meetings.len(),
        p.participants.len(),
        meets_per_part_max,
        p.slots.len(),
        p.tables.len()
    );
    println!(
        "large: generate {gen_s:.2} s, solve {solve_s:.2} s, total {:.2} s = {:.0}% of the \
         {budget:.0} s budget",
        gen_s + solve_s,
        100.0 * (gen_s + solve_s) / budget
    );
    println!(
        "large: placed {placed} = {:.2}% of requests ({:.2}% of table capacity), priority \
         {}/{} ({:.2}%), gaps {} ({:.3} per participant), spread {}, valid {valid}",
        100.0 * placed as f64 / p.meetings.len() as f64,
        100.0 * placed as f64 / total_cap as f64,
        s.scheduled_priority,
        prio_total,
        100.0 * s.scheduled_priority as f64 / prio_total as f64,
        s.gaps,
        s.gaps as f64 / p.participants.len() as f64,
        s.gap_spread
    );
}

/// Fast scheduler (`solve_parallel` for `fast_time`, or its default time) against the
/// exact optimum, one line.
fn compare(name: &str, p: &Problem, fast_time: Option<Duration>, limits: &ExactLimits) {
    let t = Instant::now();
    let threads = std::thread::available_parallelism().map_or(1, usize::from);
    let opts = fast_time.map_or_else(|| Options::for_problem(p, 7), |f| Options::with_time(7, f));
    let f = match solve_parallel(p, &opts, threads) {
        Ok(s) => s,
        Err(e) => {
            println!("{name}: error {e}");
            return;
        }
    };
    let ft = t.elapsed().as_secs_f64();
    let valid = validate(p, &f).is_ok();
    let t = Instant::now();
    let e = match exact_with_stats(p, limits, Some(&f)) {
        Ok(e) => e,
        Err(err) => {
            println!("{name}: exact error {err}");
            return;
        }
    };
    let et = t.elapsed().as_secs_f64();
    let x = &e.schedule;
    let ratio = |opt: u64| {
        if opt == 0 {
            if f.gaps == 0 { 1.0 } else { f64::INFINITY }
        } else {
            f.gaps as f64 / opt as f64
        }
    };
    let within = |opt: u64| (f.gaps as f64) <= 1.1 * opt as f64;
    let (opt, ratio, ok) = if e.proved {
        let ok = f.scheduled_priority == x.scheduled_priority && within(x.gaps) && valid;
        (
            format!(
                "optimal (proved): prio {} gaps {}",
                x.scheduled_priority, x.gaps
            ),
            format!("{:.2}", ratio(x.gaps)),
            if ok { "yes" } else { "NO" },
        )
    } else {
        // The optimum lies between the proved bound and the best schedule found.
        let ok = if x.scheduled_priority > f.scheduled_priority || !within(x.gaps) {
            "NO"
        } else if f.unscheduled.is_empty() && within(e.gap_bound) && valid {
            "yes"
        } else {
            "unknown"
        };
        (
            format!(
                "best found, not proved (limit reached): prio {} gaps {} (bound {})",
                x.scheduled_priority, x.gaps, e.gap_bound
            ),
            format!("{:.2} to {:.2}", ratio(x.gaps), ratio(e.gap_bound)),
            ok,
        )
    };
    println!(
        "{name}: {:>3} part {:>4} meet {:>2} slots {:>3} tables | fast {ft:>5.2} s of {:>4.1} prio {} gaps \
         {} spread {} | exact {et:>6.2} s {} conflicts {} calls, {opt} | ratio {ratio} | \
         criterion {ok}",
        p.participants.len(),
        p.meetings.len(),
        p.slots.len(),
        p.tables.len(),
        opts.time_limit.map_or(0.0, |t| t.as_secs_f64()),
        f.scheduled_priority,
        f.gaps,
        f.gap_spread,
        e.conflicts,
        e.sat_calls,
    );
}

fn main() {
    let (fast, what): (Vec<String>, Vec<String>) = std::env::args()
        .skip(1)
        .partition(|a| a.starts_with("fast="));
    let fast = match fast.last().map(|f| f["fast=".len()..].parse::<f64>()) {
        None => None,
        Some(Ok(s)) if s > 0.0 && s.is_finite() => Some(Duration::from_secs_f64(s)),
        Some(_) => {
            eprintln!("fast=SECONDS: a positive number of seconds");
            std::process::exit(2);
        }
    };
    let all = what.is_empty();
    let want = |k: &str| all || what.iter().any(|w| w == k);
    if want("large") {
        let p = generate(&Shape::large(), 2024);
        let t = Instant::now();
        if let Ok(s) = solve(&p, &Options::deterministic(1, 0)) {
            println!(
                "large: construction alone {:.2} s, placed {}, gaps {}",
                t.elapsed().as_secs_f64(),
                s.assignments.len(),
                s.gaps
            );
        }
        large();
    }
    let limits = ExactLimits {
        conflicts: u64::MAX,
        time: Some(Duration::from_secs(60)),
    };
    if want("paper") {
        for i in 0..5 {
            let p = generate(&Shape::paper(i), 100 + i as u64);
            compare(&format!("paper{i}"), &p, fast, &limits);
        }
    }
    if want("family") {
        // The paper's ratios (3.7 meetings per participant, tables for 1.3 times the
        // average load) from paper size up to 2,000 requests, on one day of 16 slots (the
        // shape of the hardest paper instance) or two of 10; and 2,000 on one day too
        // (its optimum, 30, took the exact search 426 s from a 39-gap start, so here it
        // is "not proved").
        // (name, requests, days, seed); the one-day 2,000 has the two-day one's seed.
        let family = [
            ("family150", 150usize, 1usize, 300u64),
            ("family300", 300, 2, 301),
            ("family500", 500, 1, 302),
            ("family800", 800, 2, 303),
            ("family1200", 1200, 1, 304),
            ("family2000", 2000, 2, 305),
            ("family2000-1day", 2000, 1, 305),
        ];
        for (name, n, days, seed) in family {
            let slots_per_day = if days == 1 { 16 } else { 10 };
            let sh = Shape {
                participants: n * 10 / 37,
                meetings: n,
                days,
                slots_per_day,
                tables: (n * 13).div_ceil(10 * days * slots_per_day),
                max_per_participant: days * slots_per_day,
                ..Shape::paper(1)
            };
            let p = generate(&sh, seed);
            compare(name, &p, fast, &limits);
        }
    }
    if want("small") {
        for i in 0..20 {
            let p = generate(&Shape::small(i), i as u64);
            compare(&format!("small{i:02}"), &p, fast.map(|f| f / 10), &limits);
        }
    }
}
