//! Booth layout: which exhibitor takes which booth, so that every
//! exhibition area reads from upstream to downstream along its aisles,
//! likely partners stand close together and direct competitors do not stand
//! side by side.
//!
//! # Rules
//!
//! An exhibitor takes a booth in a zone of its exhibition area, with at
//! least the floor space it asked for, and a booth holds at most one
//! exhibitor. A fixed booth is kept as given, whatever it costs (a fixed
//! booth that is too small or in another area is reported, not changed).
//! When an area has fewer fitting booths than exhibitors, as many as possible
//! are placed; those left over are reported with the reason.
//!
//! # Objective
//!
//! For placed exhibitors `i`, each in booth `b(i)`, the layout minimises
//!
//! `total = w_f·F + w_p·P + w_c·C + w_w·W`
//!
//! - **flow** `F = Σ_i (p_i − q_b(i))²`: `p_i` is the exhibitor's chain
//!   position (0 upstream .. 1 downstream) and `q_b` the booth's position
//!   along its zone's aisle, its centre's distance from the zone's upstream
//!   edge rescaled over the zone's booths so the first is 0 and the last 1
//!   (0.5 for a zone of one booth);
//! - **partners** `P = Σ_{i<j} a_ij · d(b(i), b(j)) / D`: `a_ij` is the
//!   largest affinity given for the pair, 1 when either names the other as
//!   a preferred neighbour; `d` the distance between booth centres in metres
//!   (`D` for booths in different halls) and `D` the diagonal of the largest
//!   hall, so each pair adds at most `a_ij`;
//! - **competitors** `C`: the number of pairs of adjacent booths (touching,
//!   or at most 1 m apart, in the same hall) held by direct competitors, exhibitors that
//!   share a chain segment and an HS 6-digit product they offer;
//! - **waste** `W = Σ_i max(0, area(b(i)) − requested_i)`, in m² (a fixed
//!   booth smaller than asked is a violation, not negative waste).
//!
//! Defaults: `w_f = 1`, `w_p = 1`, `w_c = 20` (one competing neighbour costs
//! more than any flow or partner gain a swap can bring), `w_w = 0.03` per m²
//! (an 18 m² surplus costs about a flow error of 0.75).
//!
//! # Algorithm
//!
//! 1. **Construction**, per area: first the largest set of exhibitors that
//!    can be placed at all (requests in increasing order, each taking the
//!    smallest free booth that fits, which places the most). Then those, from
//!    the most upstream, each take the free booth where their cost so far
//!    (flow, waste, partners and competitors already placed) is lowest,
//!    provided the rest can still be placed (checked with the `k`-th largest
//!    remaining booth against the `k`-th largest remaining request).
//! 2. **Local search** by simulated annealing: a random exhibitor either
//!    moves to a random free booth of its area that fits or swaps with the
//!    holder of that booth when each fits the other's. A change costing `Δ`
//!    is taken when `Δ ≤ 0`, or with probability `exp(−Δ/T)`, `T` falling
//!    geometrically from the mean cost of a worsening change to a thousandth
//!    of it over `moves_per_exhibitor × exhibitors` tries; the best layout
//!    seen is kept. `Δ` is computed from the moved exhibitors alone: their
//!    flow and waste, their partners and the holders of the booths adjacent to
//!    theirs (each booth's neighbours are listed once, in advance), so a try
//!    costs `O(partners + neighbours)`, not `O(exhibitors)`.
//!
//! The same seed gives the same layout. See Kirkpatrick, Gelatt & Vecchi
//! (1983), "Optimization by simulated annealing", Science 220.
mod assignment;
mod construct;
mod cost;
mod problem;
mod report;
mod search;
#[cfg(test)]
mod tests;

use chainfair_core::Floor;
use serde::Serialize;
use std::fmt;

pub use report::{UnplacedReason, Violation};

/// What one exhibitor asks of the layout.
#[derive(Debug, Clone, PartialEq)]
pub struct LayoutRequest {
    pub org: String,
    /// The exhibition area it exhibits in (a zone's `area`).
    pub zone_area: String,
    /// Floor space it needs, in m².
    pub requested_m2: f64,
    /// Its place in its chain: 0.0 most upstream .. 1.0 most downstream.
    pub position: f64,
    /// Chain segments it works in (as `industry/segment` or any stable key).
    pub segments: Vec<String>,
    /// HS 6-digit codes of what it offers.
    pub hs6_offers: Vec<String>,
    /// Organisations it wants to stand near.
    pub preferred_neighbours: Vec<String>,
    /// A booth the organiser has already given it.
    pub fixed_booth: Option<String>,
}

/// The weights of the objective and the search budget.
#[derive(Debug, Clone, PartialEq)]
pub struct LayoutParams {
    /// `w_f`: per squared unit of flow position error.
    pub flow: f64,
    /// `w_p`: per unit of affinity over the largest hall's diagonal.
    pub partners: f64,
    /// `w_c`: per pair of adjacent direct competitors.
    pub competitors: f64,
    /// `w_w`: per m² of booth beyond the request.
    pub waste_per_m2: f64,
    pub seed: u64,
    /// Tries of the local search per exhibitor placed.
    pub moves_per_exhibitor: u32,
}

impl Default for LayoutParams {
    fn default() -> Self {
        Self {
            flow: 1.0,
            partners: 1.0,
            competitors: 20.0,
            waste_per_m2: 0.03,
            seed: 2024,
            moves_per_exhibitor: 1_000,
        }
    }
}

/// The objective's terms, each already weighted; `total` is their sum.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
pub struct ObjectiveBreakdown {
    pub total: f64,
    pub flow: f64,
    pub partners: f64,
    pub competitors: f64,
    pub waste: f64,
}

/// A layout: who takes which booth, what it costs, and what is still wrong.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Layout {
    /// `(org, booth id)`, in the order of the requests.
    pub assignments: Vec<(String, String)>,
    pub objective: ObjectiveBreakdown,
    pub violations: Vec<Violation>,
}

/// Input the layout cannot work with.
#[derive(Debug, Clone, PartialEq)]
pub enum LayoutError {
    DuplicateOrg(String),
    RequestedArea {
        org: String,
        value: f64,
    },
    Position {
        org: String,
        value: f64,
    },
    Affinity {
        first: String,
        second: String,
        weight: f64,
    },
    Weight {
        name: &'static str,
        value: f64,
    },
    UnknownOrg(String),
    UnknownBooth(String),
    BoothTwice(String),
}

impl fmt::Display for LayoutError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LayoutError::DuplicateOrg(org) => write!(f, "{org:?} has more than one request"),
            LayoutError::RequestedArea { org, value } => write!(
                f,
                "{org:?} asks for {value} m²; a request is a number of m² of 0 or more"
            ),
            LayoutError::Position { org, value } => write!(
                f,
                "{org:?} has chain position {value}; positions run from 0 to 1"
            ),
            LayoutError::Affinity {
                first,
                second,
                weight,
            } => write!(
                f,
                "the affinity of {first:?} and {second:?} is {weight}; weights run from 0 to 1"
            ),
            LayoutError::Weight { name, value } => {
                write!(f, "the weight {name} is {value}; weights are 0 or more")
            }
            LayoutError::UnknownOrg(org) => write!(f, "{org:?} has no layout request"),
            LayoutError::UnknownBooth(booth) => write!(f, "{booth:?} is not a booth of the floor"),
            LayoutError::BoothTwice(what) => write!(f, "{what:?} is assigned more than once"),
        }
    }
}

impl std::error::Error for LayoutError {}

/// Lays out the booths of `floor` for `requests`, `affinity` listing likely
/// partners `(org, org, weight in 0..=1)` (pairs naming an organisation
/// without a request are ignored).
pub fn lay_out_booths(
    floor: &Floor,
    requests: &[LayoutRequest],
    affinity: &[(String, String, f64)],
    params: &LayoutParams,
) -> Result<Layout, LayoutError> {
    let problem = problem::Problem::new(floor, requests, affinity, params)?;
    let mut assignment = construct::construct(&problem);
    search::anneal(&problem, &mut assignment, params);
    let objective = cost::evaluate(&problem, &assignment);
    let violations = report::violations(&problem, floor, requests, &assignment);
    let assignments = (0..requests.len())
        .filter_map(|e| {
            let booth = assignment.booth_of(e)?;
            Some((
                requests[e].org.clone(),
                floor.booths()[booth].id().to_string(),
            ))
        })
        .collect();
    Ok(Layout {
        assignments,
        objective,
        violations,
    })
}

/// The objective of a given assignment `(org, booth id)`, recomputed from
/// scratch (rules are not checked: a booth too small costs no waste).
pub fn evaluate(
    floor: &Floor,
    requests: &[LayoutRequest],
    affinity: &[(String, String, f64)],
    params: &LayoutParams,
    assignments: &[(String, String)],
) -> Result<ObjectiveBreakdown, LayoutError> {
    let problem = problem::Problem::new(floor, requests, affinity, params)?;
    let assignment = problem.assignment_of(floor, assignments)?;
    Ok(cost::evaluate(&problem, &assignment))
}
