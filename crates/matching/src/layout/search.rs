//! Simulated annealing over moves to free booths and swaps, each priced by
//! the terms of the one or two exhibitors it moves.
use super::LayoutParams;
use super::assignment::Assignment;
use super::cost;
use super::problem::{AREA_TOLERANCE, Fixed, Problem};

/// SplitMix64 (Steele, Lea & Flood 2014): small, fast, and the same
/// sequence for the same seed on every platform.
#[derive(Debug, Clone)]
pub(super) struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Self(seed)
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in `0..n`, `n > 0`.
    pub fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next_u64()) * n as u128) >> 64) as usize
    }
    /// Uniform in `[0, 1)`.
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// One change to a layout.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Change {
    /// Exhibitor to a free booth.
    Move(usize, usize),
    /// Two exhibitors exchange booths.
    Swap(usize, usize),
}

/// Tries worsening changes are sampled over to set the first temperature.
const WARM_UP: usize = 500;
/// The last temperature as a share of the first.
const COOLING: f64 = 1e-3;

/// The exhibitors the search may move: placed, and not on a fixed booth.
pub(super) fn movable(problem: &Problem, assignment: &Assignment) -> Vec<usize> {
    (0..problem.exhibitors.len())
        .filter(|&e| problem.exhibitors[e].fixed == Fixed::No && assignment.booth_of(e).is_some())
        .collect()
}

/// A random change that keeps the rules: `e` from `movable` to a random
/// booth of its area that fits it, free or held by a movable exhibitor who
/// fits `e`'s booth. `None` when the draw breaks a rule.
pub(super) fn propose(
    problem: &Problem,
    assignment: &Assignment,
    movable: &[usize],
    rng: &mut Rng,
) -> Option<Change> {
    let e = movable[rng.below(movable.len())];
    let b = assignment.booth_of(e)?;
    let booths = &problem.area_booths[problem.spots[b].area as usize];
    let requested = problem.exhibitors[e].requested - AREA_TOLERANCE;
    // Booths are listed smallest first: those from `start` on fit.
    let start = booths.partition_point(|&c| problem.spots[c as usize].m2 < requested);
    if start == booths.len() {
        return None;
    }
    let c = booths[start + rng.below(booths.len() - start)] as usize;
    match assignment.holder(c) {
        None => Some(Change::Move(e, c)),
        Some(f) if f != e && problem.exhibitors[f].fixed == Fixed::No && problem.fits(f, b) => {
            Some(Change::Swap(e, f))
        }
        Some(_) => None,
    }
}

/// How much the total changes with `change`.
pub(super) fn delta(problem: &Problem, assignment: &Assignment, change: Change) -> f64 {
    let at = |e: usize| assignment.booth_of(e).unwrap_or_default();
    match change {
        Change::Move(e, c) => {
            cost::local(problem, assignment, e, c, None)
                - cost::local(problem, assignment, e, at(e), None)
        }
        Change::Swap(e, f) => {
            let (b, c) = (at(e), at(f));
            cost::local(problem, assignment, e, c, Some(f))
                + cost::local(problem, assignment, f, b, Some(e))
                - cost::local(problem, assignment, e, b, Some(f))
                - cost::local(problem, assignment, f, c, Some(e))
        }
    }
}

pub(super) fn apply(assignment: &mut Assignment, change: Change) {
    match change {
        Change::Move(e, c) => assignment.place(e, c),
        Change::Swap(e, f) => assignment.swap(e, f),
    }
}

/// Improves `assignment` in place; it ends as the best layout seen.
pub(super) fn anneal(problem: &Problem, assignment: &mut Assignment, params: &LayoutParams) {
    let movable = movable(problem, assignment);
    if movable.is_empty() {
        return;
    }
    let mut rng = Rng::new(params.seed);
    let tries = movable.len() * params.moves_per_exhibitor as usize;
    let worsening: Vec<f64> = (0..WARM_UP.min(tries))
        .filter_map(|_| propose(problem, assignment, &movable, &mut rng))
        .map(|change| delta(problem, assignment, change))
        .filter(|&d| d > 0.0)
        .collect();
    // With no worsening change seen, the search is a plain descent.
    let mut temperature = match worsening.len() {
        0 => f64::MIN_POSITIVE,
        n => worsening.iter().sum::<f64>() / n as f64,
    };
    let cooling = COOLING.powf(1.0 / tries as f64);
    let mut current = cost::evaluate(problem, assignment).total;
    let mut best = (current, assignment.clone());
    for _ in 0..tries {
        temperature *= cooling;
        let Some(change) = propose(problem, assignment, &movable, &mut rng) else {
            continue;
        };
        let d = delta(problem, assignment, change);
        if d <= 0.0 || rng.unit() < (-d / temperature).exp() {
            apply(assignment, change);
            current += d;
            if current < best.0 - 1e-9 {
                best = (current, assignment.clone());
            }
        }
    }
    *assignment = best.1;
}
