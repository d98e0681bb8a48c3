//! The objective: in full, and the part of it one exhibitor's booth decides.
use super::ObjectiveBreakdown;
use super::assignment::Assignment;
use super::problem::Problem;

/// Flow and waste of exhibitor `e` in booth `b`: `w_f·(p − q)² + w_w·surplus`.
pub(super) fn own(problem: &Problem, e: usize, b: usize) -> (f64, f64) {
    let (exhibitor, spot) = (&problem.exhibitors[e], &problem.spots[b]);
    let off = exhibitor.position - spot.q;
    let surplus = (spot.m2 - exhibitor.requested).max(0.0);
    (problem.w_flow * off * off, problem.w_waste * surplus)
}

/// Every term that involves exhibitor `e` were it in booth `b`, the others
/// where `assignment` has them, leaving out its pairs with `skip` (the other
/// side of a swap, whose pair with `e` a swap does not change).
///
/// The difference of this between two booths is the change of the total
/// when `e` moves (with `skip` moving the other way in a swap), since every
/// other term stays as it is.
pub(super) fn local(
    problem: &Problem,
    assignment: &Assignment,
    e: usize,
    b: usize,
    skip: Option<usize>,
) -> f64 {
    let (flow, waste) = own(problem, e, b);
    let mut sum = flow + waste;
    for &(j, per_metre) in &problem.exhibitors[e].partners {
        let j = j as usize;
        if Some(j) == skip {
            continue;
        }
        if let Some(c) = assignment.booth_of(j) {
            sum += per_metre * problem.distance(b, c);
        }
    }
    for &n in &problem.spots[b].neighbours {
        if let Some(h) = assignment.holder(n as usize)
            && h != e
            && Some(h) != skip
            && problem.competitors(e, h)
        {
            sum += problem.w_competitors;
        }
    }
    sum
}

/// The whole objective, term by term, each pair counted once.
pub(super) fn evaluate(problem: &Problem, assignment: &Assignment) -> ObjectiveBreakdown {
    let mut total = ObjectiveBreakdown::default();
    for e in 0..problem.exhibitors.len() {
        let Some(b) = assignment.booth_of(e) else {
            continue;
        };
        let (flow, waste) = own(problem, e, b);
        total.flow += flow;
        total.waste += waste;
        for &(j, per_metre) in &problem.exhibitors[e].partners {
            let j = j as usize;
            if j > e
                && let Some(c) = assignment.booth_of(j)
            {
                total.partners += per_metre * problem.distance(b, c);
            }
        }
    }
    total.competitors =
        competing_neighbours(problem, assignment).len() as f64 * problem.w_competitors;
    total.total = total.flow + total.partners + total.competitors + total.waste;
    total
}

/// Pairs of adjacent booths `(b, c)`, `b < c`, whose holders compete.
pub(super) fn competing_neighbours(
    problem: &Problem,
    assignment: &Assignment,
) -> Vec<(usize, usize)> {
    let mut pairs = Vec::new();
    for (b, spot) in problem.spots.iter().enumerate() {
        let Some(e) = assignment.holder(b) else {
            continue;
        };
        for &c in &spot.neighbours {
            let c = c as usize;
            if c > b
                && let Some(f) = assignment.holder(c)
                && problem.competitors(e, f)
            {
                pairs.push((b, c));
            }
        }
    }
    pairs
}
