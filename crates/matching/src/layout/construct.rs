//! The first layout: fixed booths, then per area the most exhibitors that
//! can be placed, each from upstream to downstream in its cheapest booth.
use super::assignment::Assignment;
use super::cost;
use super::problem::{AREA_TOLERANCE, Fixed, Problem};

pub(super) fn construct(problem: &Problem) -> Assignment {
    let mut assignment = Assignment::empty(problem.exhibitors.len(), problem.spots.len());
    for (e, exhibitor) in problem.exhibitors.iter().enumerate() {
        if let Fixed::At(b) = exhibitor.fixed {
            assignment.place(e, b as usize);
        }
    }
    for (area, booths) in problem.area_booths.iter().enumerate() {
        let free: Vec<usize> = booths
            .iter()
            .map(|&b| b as usize)
            .filter(|&b| assignment.holder(b).is_none())
            .collect();
        let exhibitors: Vec<usize> = (0..problem.exhibitors.len())
            .filter(|&e| {
                let exhibitor = &problem.exhibitors[e];
                exhibitor.fixed == Fixed::No && exhibitor.area == Some(area as u32)
            })
            .collect();
        let placeable = placeable(problem, exhibitors, &free);
        place_along_flow(problem, &mut assignment, placeable, free);
    }
    assignment
}

/// The largest set of exhibitors that `free` (smallest first) can hold:
/// requests in increasing order each take the smallest free booth that fits,
/// which leaves out only requests no remaining booth can meet.
fn placeable(problem: &Problem, mut exhibitors: Vec<usize>, free: &[usize]) -> Vec<usize> {
    let requested = |e: usize| problem.exhibitors[e].requested;
    exhibitors.sort_by(|&a, &b| requested(a).total_cmp(&requested(b)).then(a.cmp(&b)));
    let mut next = 0;
    let mut chosen = Vec::with_capacity(exhibitors.len());
    for e in exhibitors {
        while next < free.len() && !problem.fits(e, free[next]) {
            next += 1;
        }
        if next == free.len() {
            break;
        }
        chosen.push(e);
        next += 1;
    }
    chosen
}

/// Places `chosen`, most upstream first, each in the free booth where its
/// cost given those already placed is lowest, among the booths that leave
/// room for all the others.
fn place_along_flow(
    problem: &Problem,
    assignment: &mut Assignment,
    mut chosen: Vec<usize>,
    mut free: Vec<usize>,
) {
    let position = |e: usize| problem.exhibitors[e].position;
    chosen.sort_by(|&a, &b| position(a).total_cmp(&position(b)).then(a.cmp(&b)));
    // Both lists largest first, for the room check.
    free.reverse();
    let mut waiting: Vec<f64> = chosen
        .iter()
        .map(|&e| problem.exhibitors[e].requested)
        .collect();
    waiting.sort_by(|a, b| b.total_cmp(a));
    for e in chosen {
        let request = problem.exhibitors[e].requested;
        if let Some(at) = waiting.iter().position(|&r| r == request) {
            waiting.remove(at);
        }
        let mut options: Vec<(f64, usize)> = free
            .iter()
            .filter(|&&b| problem.fits(e, b))
            .map(|&b| (cost::local(problem, assignment, e, b, None), b))
            .collect();
        options.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        let taken = options
            .into_iter()
            .map(|(_, b)| b)
            .find(|&b| leaves_room(problem, &waiting, &free, b));
        if let Some(b) = taken {
            assignment.place(e, b);
            free.retain(|&c| c != b);
        }
    }
}

/// Whether the booths of `free` other than `taken` can still hold the
/// requests `waiting`: with both largest first, the `k`-th largest booth must
/// be at least the `k`-th largest request, for every `k` (Hall's condition
/// when a booth fits every request up to its size).
fn leaves_room(problem: &Problem, waiting: &[f64], free: &[usize], taken: usize) -> bool {
    let mut booths = free.iter().filter(|&&b| b != taken);
    waiting.iter().all(|&request| {
        booths
            .next()
            .is_some_and(|&b| problem.spots[b].m2 >= request - AREA_TOLERANCE)
    })
}
