//! Deterministic instance generator shaped like the forums of Bofill et al. (JAIR 2022).

use std::collections::HashSet;

use crate::model::{Meeting, Participant, Problem, Slot, Table};
use crate::rng::Rng;

/// Shape of a generated instance.
#[derive(Debug, Clone, PartialEq)]
pub struct Shape {
    /// Number of participants.
    pub participants: usize,
    /// Target number of meetings (reached unless the caps make it impossible).
    pub meetings: usize,
    /// Number of days.
    pub days: usize,
    /// Slots per day.
    pub slots_per_day: usize,
    /// Number of tables.
    pub tables: usize,
    /// Maximum meetings per participant (also limited by its available slots).
    pub max_per_participant: usize,
    /// Pareto exponent of participant popularity (smaller = heavier tail).
    pub tail: f64,
    /// Fraction of participants with an unavailable block of 1-3 slots.
    pub unavailable: f64,
    /// Fraction of meetings limited to the morning (first half of each day).
    pub mornings: f64,
    /// Fraction of meetings required to come after another meeting of a participant.
    pub after: f64,
    /// Gap-spread bound written into the problem.
    pub max_gap_spread: Option<u32>,
}

impl Shape {
    /// Five shapes from the paper's range (`i % 5`): 40-80 participants, 125-300 meetings,
    /// 8-22 slots over 1-2 days, 12-27 tables, spread bound 2.
    pub fn paper(i: usize) -> Shape {
        let (p, m, d, s, t) = [
            (40, 125, 1, 10, 16),
            (50, 180, 2, 6, 19),
            (60, 220, 1, 16, 18),
            (70, 260, 2, 9, 20),
            (80, 300, 2, 11, 27),
        ][i % 5];
        Shape {
            participants: p,
            meetings: m,
            days: d,
            slots_per_day: s,
            tables: t,
            max_per_participant: d * s,
            tail: 2.0,
            unavailable: 0.2,
            mornings: 0.05,
            after: 0.0,
            max_gap_spread: Some(2),
        }
    }

    /// Small instances with the paper's ratios (about 3 meetings per participant, slot
    /// capacity ~1.3× the average load), solved exactly in well under a second.
    pub fn small(i: usize) -> Shape {
        let p = 6 + i % 4;
        let days = 1 + i % 2;
        let spd = if days == 1 { 6 + i % 3 } else { 4 };
        let meetings = p * 5 / 2 + i % 3;
        let slots = days * spd;
        let tables = (meetings * 13).div_ceil(10 * slots).max(2);
        Shape {
            participants: p,
            meetings,
            days,
            slots_per_day: spd,
            tables,
            max_per_participant: slots,
            tail: 2.0,
            unavailable: 0.2,
            mornings: 0.05,
            after: 0.05,
            max_gap_spread: Some(2),
        }
    }

    /// The large benchmark: 20,000 participants, 100,000 requests, 5 days × 16 slots,
    /// 1,000 tables, heavy-tailed meeting counts capped at 80.
    pub fn large() -> Shape {
        Shape {
            participants: 20_000,
            meetings: 100_000,
            days: 5,
            slots_per_day: 16,
            tables: 1000,
            max_per_participant: 80,
            tail: 1.3,
            unavailable: 0.2,
            mornings: 0.05,
            after: 0.0,
            max_gap_spread: None,
        }
    }
}

/// Generate a problem of the given shape; the same seed gives the same problem.
pub fn generate(shape: &Shape, seed: u64) -> Problem {
    let mut rng = Rng::new(seed);
    let n_slots = shape.days * shape.slots_per_day;
    let mut slots = Vec::with_capacity(n_slots);
    for d in 0..shape.days {
        for k in 0..shape.slots_per_day {
            let start = 9 * 60 + 20 * k;
            let end = start + 20;
            slots.push(Slot {
                id: format!("d{}-{:02}", d + 1, k + 1),
                day: format!("2024-07-{:02}", 16 + d),
                start: format!("{:02}:{:02}", start / 60, start % 60),
                end: format!("{:02}:{:02}", end / 60, end % 60),
            });
        }
    }
    let mut tables: Vec<Table> = (1..=shape.tables)
        .map(|i| Table {
            id: format!("T{i}"),
            unavailable: Vec::new(),
        })
        .collect();
    for t in &mut tables {
        if rng.chance(0.05) && n_slots > 0 {
            t.unavailable.push(slots[rng.below(n_slots)].id.clone());
        }
    }
    let mut participants = Vec::with_capacity(shape.participants);
    let mut cap = Vec::with_capacity(shape.participants);
    let mut weight = Vec::with_capacity(shape.participants);
    for i in 0..shape.participants {
        let mut unavailable = Vec::new();
        if n_slots > 2 && rng.chance(shape.unavailable) {
            let len = 1 + rng.below(3);
            let start = rng.below(n_slots - len);
            unavailable = (start..start + len).map(|s| slots[s].id.clone()).collect();
        }
        cap.push(shape.max_per_participant.min(n_slots - unavailable.len()));
        participants.push(Participant {
            id: format!("p{}", i + 1),
            unavailable,
        });
        // Pareto(tail) popularity.
        weight.push((1.0 - rng.unit()).powf(-1.0 / shape.tail));
    }
    let mut cum = Vec::with_capacity(weight.len());
    let mut acc = 0.0;
    for w in &weight {
        acc += w;
        cum.push(acc);
    }
    let pick = |rng: &mut Rng| -> usize {
        let x = rng.unit() * acc;
        cum.partition_point(|&c| c <= x)
            .min(cum.len().saturating_sub(1))
    };
    let mut deg = vec![0usize; shape.participants];
    let mut pairs: HashSet<(usize, usize)> = HashSet::new();
    let mut meetings: Vec<Meeting> = Vec::with_capacity(shape.meetings);
    let mut by_part: Vec<Vec<usize>> = vec![Vec::new(); shape.participants];
    let mut attempts = 0usize;
    let morning: Vec<String> = slots
        .iter()
        .enumerate()
        .filter(|(i, _)| i % shape.slots_per_day.max(1) < shape.slots_per_day.div_ceil(2))
        .map(|(_, s)| s.id.clone())
        .collect();
    while meetings.len() < shape.meetings
        && attempts < shape.meetings * 200
        && shape.participants >= 2
    {
        attempts += 1;
        let a = pick(&mut rng);
        let b = rng.below(shape.participants);
        if a == b || deg[a] >= cap[a] || deg[b] >= cap[b] {
            continue;
        }
        let key = (a.min(b), a.max(b));
        if !pairs.insert(key) {
            continue;
        }
        deg[a] += 1;
        deg[b] += 1;
        let id = format!("m{}", meetings.len() + 1);
        let mut mt = Meeting::new(id, participants[a].id.clone(), participants[b].id.clone());
        let r = rng.unit();
        mt.priority = if r < 0.15 {
            3
        } else if r < 0.5 {
            2
        } else {
            1
        };
        if rng.chance(shape.mornings) {
            let free_morning = morning.iter().any(|s| {
                !participants[a].unavailable.contains(s) && !participants[b].unavailable.contains(s)
            });
            if free_morning {
                mt.slots = Some(morning.clone());
            }
        }
        if rng.chance(shape.after) {
            let pool = &by_part[a];
            if !pool.is_empty() {
                let q = pool[rng.below(pool.len())];
                mt.after.push(meetings[q].id.clone());
            }
        }
        by_part[a].push(meetings.len());
        by_part[b].push(meetings.len());
        meetings.push(mt);
    }
    Problem {
        slots,
        tables,
        participants,
        meetings,
        max_gap_spread: shape.max_gap_spread,
        published: Vec::new(),
        replan: false,
    }
}
