//! The exact solver against exhaustive enumeration (the fast scheduler is compared with
//! the exact optimum in `fast_matches_exact_on_small_instances`).

use chainfair_schedule::{
    ExactLimits, Options, Problem, Schedule, Shape, exact, exact_with_stats, gap_lower_bound,
    generate, solve, validate,
};

/// (lost priority, spread excess, gaps) of the best schedule, by trying every slot (or
/// none) for every meeting.
fn brute_force(p: &Problem) -> (u64, u32, u64) {
    let n_slots = p.slots.len();
    let part_ix = |id: &str| p.participants.iter().position(|x| x.id == id).unwrap();
    let cap: Vec<usize> = (0..n_slots)
        .map(|s| {
            let id = &p.slots[s].id;
            p.tables
                .iter()
                .filter(|t| !t.unavailable.contains(id))
                .count()
        })
        .collect();
    let ends: Vec<(usize, usize)> = p
        .meetings
        .iter()
        .map(|m| (part_ix(&m.a), part_ix(&m.b)))
        .collect();
    let allowed: Vec<Vec<usize>> = p
        .meetings
        .iter()
        .zip(&ends)
        .map(|(m, &(a, b))| {
            (0..n_slots)
                .filter(|&s| {
                    let id = &p.slots[s].id;
                    m.slots.as_ref().is_none_or(|l| l.contains(id))
                        && !p.participants[a].unavailable.contains(id)
                        && !p.participants[b].unavailable.contains(id)
                        && cap[s] > 0
                })
                .collect()
        })
        .collect();
    let after: Vec<Vec<usize>> = p
        .meetings
        .iter()
        .map(|m| {
            m.after
                .iter()
                .map(|q| p.meetings.iter().position(|x| &x.id == q).unwrap())
                .collect()
        })
        .collect();
    let total: u64 = p.meetings.iter().map(|m| u64::from(m.priority)).sum();
    let mut best = (u64::MAX, u32::MAX, u64::MAX);
    let mut at = vec![None; p.meetings.len()];
    let mut busy = vec![vec![false; n_slots]; p.participants.len()];
    let mut count = vec![0usize; n_slots];
    #[allow(clippy::too_many_arguments)]
    fn go(
        i: usize,
        p: &Problem,
        ends: &[(usize, usize)],
        allowed: &[Vec<usize>],
        after: &[Vec<usize>],
        cap: &[usize],
        total: u64,
        at: &mut Vec<Option<usize>>,
        busy: &mut Vec<Vec<bool>>,
        count: &mut Vec<usize>,
        best: &mut (u64, u32, u64),
    ) {
        if i == at.len() {
            let placed: u64 = (0..at.len())
                .filter(|&m| at[m].is_some())
                .map(|m| u64::from(p.meetings[m].priority))
                .sum();
            // `after` holds whenever both meetings are placed.
            for m in 0..at.len() {
                for &q in &after[m] {
                    if let (Some(a), Some(b)) = (at[m], at[q])
                        && b >= a
                    {
                        return;
                    }
                }
            }
            let mut counts = Vec::new();
            for row in busy.iter() {
                let mut g = 0u64;
                for (s, _) in row.iter().enumerate().filter(|&(_, &b)| b) {
                    // A gap ends at the next busy slot of the same day after a free one.
                    let day = &p.slots[s].day;
                    if s >= 1 && !row[s - 1] && p.slots[s - 1].day == *day {
                        let earlier = (0..s - 1).any(|t| row[t] && p.slots[t].day == *day);
                        g += u64::from(earlier);
                    }
                }
                counts.push(g);
            }
            let spread = (counts.iter().max().unwrap() - counts.iter().min().unwrap()) as u32;
            let excess = p.max_gap_spread.map_or(0, |b| spread.saturating_sub(b));
            let cost = (total - placed, excess, counts.iter().sum());
            *best = (*best).min(cost);
            return;
        }
        let (a, b) = ends[i];
        for &s in &allowed[i] {
            if !busy[a][s] && !busy[b][s] && count[s] < cap[s] {
                busy[a][s] = true;
                busy[b][s] = true;
                count[s] += 1;
                at[i] = Some(s);
                go(
                    i + 1,
                    p,
                    ends,
                    allowed,
                    after,
                    cap,
                    total,
                    at,
                    busy,
                    count,
                    best,
                );
                at[i] = None;
                count[s] -= 1;
                busy[a][s] = false;
                busy[b][s] = false;
            }
        }
        go(
            i + 1,
            p,
            ends,
            allowed,
            after,
            cap,
            total,
            at,
            busy,
            count,
            best,
        );
    }
    go(
        0, p, &ends, &allowed, &after, &cap, total, &mut at, &mut busy, &mut count, &mut best,
    );
    best
}

fn tiny(i: usize) -> Shape {
    let days = 1 + i % 2;
    let per_day = if days == 1 { 5 } else { 3 };
    Shape {
        participants: 4 + i % 3,
        meetings: 7,
        days,
        slots_per_day: per_day,
        tables: 2,
        max_per_participant: days * per_day,
        tail: 1.5,
        unavailable: 0.3,
        mornings: 0.1,
        after: 0.1,
        // Tight spread bounds on some, so that the excess is sometimes positive.
        max_gap_spread: [Some(0), Some(1), None][i % 3],
    }
}

#[test]
fn exact_equals_exhaustive_enumeration() {
    let (mut above_bound, mut with_lost, mut with_excess) = (0, 0, 0);
    for i in 0..24 {
        let p = generate(&tiny(i), 40 + i as u64);
        let want = brute_force(&p);
        let x = exact(&p, 1_000_000)
            .unwrap()
            .expect("proved within the budget");
        validate(&p, &x).unwrap();
        let total: u64 = p.meetings.iter().map(|m| u64::from(m.priority)).sum();
        let cost = |s: &Schedule| {
            let excess = p
                .max_gap_spread
                .map_or(0, |b| s.gap_spread.saturating_sub(b));
            (total - s.scheduled_priority, excess, s.gaps)
        };
        let got = cost(&x);
        assert_eq!(got, want, "tiny{i}: exact {got:?}, enumeration {want:?}");
        // From the greedy construction alone, so that the gap search must improve on its
        // start (and free the participants whose days it first keeps).
        let start = solve(&p, &Options::deterministic(1, 0)).unwrap();
        let limits = ExactLimits {
            conflicts: 1_000_000,
            time: None,
        };
        let y = exact_with_stats(&p, &limits, Some(&start)).unwrap();
        assert!(y.proved, "tiny{i}: proved from the construction");
        assert_eq!(cost(&y.schedule), want, "tiny{i}: from the construction");
        if x.unscheduled.is_empty() && x.gaps > gap_lower_bound(&p).unwrap() {
            above_bound += 1;
        }
        with_lost += usize::from(want.0 > 0);
        with_excess += usize::from(want.1 > 0);
    }
    println!(
        "{above_bound} above the bound, {with_lost} losing priority, {with_excess} with excess"
    );
    // Every part of the proof is exercised: optima above the static bound (proved by
    // OLL cores), meetings that cannot all be placed, and spread bounds that cannot hold.
    assert!(above_bound > 0 && with_lost > 0 && with_excess > 0);
}
