//! What is still wrong with a layout, in words an organiser acts on.
use super::LayoutRequest;
use super::assignment::Assignment;
use super::cost;
use super::problem::{Fixed, Problem};
use chainfair_core::Floor;
use serde::Serialize;
use std::fmt;

/// Why an exhibitor has no booth.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "reason", rename_all = "snake_case")]
pub enum UnplacedReason {
    /// No zone of the floor is given to its exhibition area.
    NoZone { area: String },
    /// Every booth of its area is smaller than its request.
    NoBoothLargeEnough { area: String, largest_m2: f64 },
    /// Booths of its area that fit exist, all taken by others.
    AllFittingBoothsTaken { area: String, fitting: usize },
    /// Its fixed booth is not on the floor.
    FixedBoothMissing { booth: String },
    /// Its fixed booth is fixed for an earlier request.
    FixedBoothTaken { booth: String, by: String },
}

/// A problem the layout could not avoid.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Violation {
    Unplaced {
        org: String,
        requested_m2: f64,
        reason: UnplacedReason,
    },
    /// Direct competitors in adjacent booths.
    AdjacentCompetitors {
        first: String,
        first_booth: String,
        second: String,
        second_booth: String,
    },
    FixedBoothTooSmall {
        org: String,
        booth: String,
        booth_m2: f64,
        requested_m2: f64,
    },
    /// A fixed booth in a zone of another exhibition area.
    FixedBoothOutsideArea {
        org: String,
        booth: String,
        booth_area: String,
        area: String,
    },
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Violation::Unplaced {
                org,
                requested_m2,
                reason,
            } => {
                write!(f, "{org} has no booth: ")?;
                match reason {
                    UnplacedReason::NoZone { area } => {
                        write!(f, "no zone of the floor is given to the area {area}")
                    }
                    UnplacedReason::NoBoothLargeEnough { area, largest_m2 } => write!(
                        f,
                        "it asks for {requested_m2} m² and the largest booth in the area \
                         {area} has {largest_m2} m²"
                    ),
                    UnplacedReason::AllFittingBoothsTaken { area, fitting: 1 } => write!(
                        f,
                        "the only booth of at least {requested_m2} m² in the area {area} is taken"
                    ),
                    UnplacedReason::AllFittingBoothsTaken { area, fitting } => write!(
                        f,
                        "all {fitting} booths of at least {requested_m2} m² in the area {area} \
                         are taken"
                    ),
                    UnplacedReason::FixedBoothMissing { booth } => {
                        write!(f, "its fixed booth {booth} is not on the floor")
                    }
                    UnplacedReason::FixedBoothTaken { booth, by } => {
                        write!(f, "its fixed booth {booth} is already fixed for {by}")
                    }
                }
            }
            Violation::AdjacentCompetitors {
                first,
                first_booth,
                second,
                second_booth,
            } => write!(
                f,
                "{first} (booth {first_booth}) and {second} (booth {second_booth}) compete \
                 directly and stand side by side"
            ),
            Violation::FixedBoothTooSmall {
                org,
                booth,
                booth_m2,
                requested_m2,
            } => write!(
                f,
                "{org}'s fixed booth {booth} has {booth_m2} m², less than the {requested_m2} m² \
                 it asks for"
            ),
            Violation::FixedBoothOutsideArea {
                org,
                booth,
                booth_area,
                area,
            } => write!(
                f,
                "{org}'s fixed booth {booth} is in the area {booth_area}, not in its area {area}"
            ),
        }
    }
}

/// Every unplaced exhibitor, every fixed booth that breaks a rule, then
/// every pair of adjacent competitors.
pub(super) fn violations(
    problem: &Problem,
    floor: &Floor,
    requests: &[LayoutRequest],
    assignment: &Assignment,
) -> Vec<Violation> {
    let booth_id = |b: usize| floor.booths()[b].id().to_string();
    let mut found = Vec::new();
    for (e, request) in requests.iter().enumerate() {
        let exhibitor = &problem.exhibitors[e];
        let org = request.org.clone();
        match (assignment.booth_of(e), exhibitor.fixed) {
            (None, _) => found.push(Violation::Unplaced {
                org,
                requested_m2: request.requested_m2,
                reason: unplaced(problem, requests, e),
            }),
            (Some(b), Fixed::At(_)) => {
                let booth = &floor.booths()[b];
                if !problem.fits(e, b) {
                    found.push(Violation::FixedBoothTooSmall {
                        org: org.clone(),
                        booth: booth_id(b),
                        booth_m2: booth.area_m2(),
                        requested_m2: request.requested_m2,
                    });
                }
                if exhibitor.area != Some(problem.spots[b].area) {
                    found.push(Violation::FixedBoothOutsideArea {
                        org,
                        booth: booth_id(b),
                        booth_area: floor.zone_of(booth).area().to_string(),
                        area: request.zone_area.clone(),
                    });
                }
            }
            (Some(_), _) => {}
        }
    }
    for (b, c) in cost::competing_neighbours(problem, assignment) {
        let holder = |b: usize| assignment.holder(b).map(|e| requests[e].org.clone());
        if let (Some(first), Some(second)) = (holder(b), holder(c)) {
            found.push(Violation::AdjacentCompetitors {
                first,
                first_booth: booth_id(b),
                second,
                second_booth: booth_id(c),
            });
        }
    }
    found
}

fn unplaced(problem: &Problem, requests: &[LayoutRequest], e: usize) -> UnplacedReason {
    let (exhibitor, request) = (&problem.exhibitors[e], &requests[e]);
    let area = request.zone_area.clone();
    let booth = || request.fixed_booth.clone().unwrap_or_default();
    match exhibitor.fixed {
        Fixed::Missing => return UnplacedReason::FixedBoothMissing { booth: booth() },
        Fixed::TakenBy(first) => {
            return UnplacedReason::FixedBoothTaken {
                booth: booth(),
                by: requests[first as usize].org.clone(),
            };
        }
        // A fixed booth is always taken; the rest is for the others.
        Fixed::At(_) | Fixed::No => {}
    }
    let Some(a) = exhibitor.area else {
        return UnplacedReason::NoZone { area };
    };
    let booths = &problem.area_booths[a as usize];
    let fitting = booths
        .iter()
        .filter(|&&b| problem.fits(e, b as usize))
        .count();
    if fitting == 0 {
        let largest_m2 = booths.last().map_or(0.0, |&b| problem.spots[b as usize].m2);
        UnplacedReason::NoBoothLargeEnough { area, largest_m2 }
    } else {
        UnplacedReason::AllFittingBoothsTaken { area, fitting }
    }
}
