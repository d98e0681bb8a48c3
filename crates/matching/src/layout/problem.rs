//! The layout problem in numbers: booths and exhibitors by position, each
//! booth's flow position and adjacent booths, each exhibitor's partners.
use super::assignment::Assignment;
use super::{LayoutError, LayoutParams, LayoutRequest};
use chainfair_core::Floor;
use std::collections::HashMap;

/// Booths this close (edge to edge, in metres) or closer are adjacent.
const ADJACENT_M: f64 = 1.0;
/// Floor space is compared to the square centimetre.
pub(super) const AREA_TOLERANCE: f64 = 1e-4;

/// A booth as the layout sees it.
#[derive(Debug)]
pub(super) struct Spot {
    pub hall: u32,
    pub area: u32,
    pub m2: f64,
    /// Position along its zone's flow, rescaled over the zone's booths.
    pub q: f64,
    pub centre: (f64, f64),
    /// Booths of the same hall within [`ADJACENT_M`].
    pub neighbours: Vec<u32>,
}

/// Where a request's fixed booth stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Fixed {
    No,
    At(u32),
    /// The booth is not on the floor.
    Missing,
    /// An earlier request fixed the same booth.
    TakenBy(u32),
}

/// An exhibitor as the layout sees it.
#[derive(Debug)]
pub(super) struct Exhibitor {
    /// Its area, when some zone has it.
    pub area: Option<u32>,
    pub requested: f64,
    pub position: f64,
    /// Partners and the weight of one metre between them: `w_p · a_ij / D`.
    pub partners: Vec<(u32, f64)>,
    /// Interned segments and HS codes, sorted.
    pub segments: Vec<u32>,
    pub hs6: Vec<u32>,
    pub fixed: Fixed,
}

#[derive(Debug)]
pub(super) struct Problem {
    pub spots: Vec<Spot>,
    pub exhibitors: Vec<Exhibitor>,
    /// By area: its booths, smallest first.
    pub area_booths: Vec<Vec<u32>>,
    /// `D`: the diagonal of the largest hall, the distance between halls.
    pub diagonal: f64,
    pub w_flow: f64,
    pub w_competitors: f64,
    pub w_waste: f64,
    org_index: HashMap<String, u32>,
}

/// Numbers for strings, given out on first sight.
#[derive(Default)]
struct Interner(HashMap<String, u32>);

impl Interner {
    fn of(&mut self, key: &str) -> u32 {
        let next = self.0.len() as u32;
        *self.0.entry(key.to_owned()).or_insert(next)
    }
    fn sorted(&mut self, keys: &[String]) -> Vec<u32> {
        let mut numbers: Vec<u32> = keys.iter().map(|k| self.of(k)).collect();
        numbers.sort_unstable();
        numbers.dedup();
        numbers
    }
}

fn check_weight(name: &'static str, value: f64) -> Result<(), LayoutError> {
    if value.is_finite() && value >= 0.0 {
        Ok(())
    } else {
        Err(LayoutError::Weight { name, value })
    }
}

impl Problem {
    pub fn new(
        floor: &Floor,
        requests: &[LayoutRequest],
        affinity: &[(String, String, f64)],
        params: &LayoutParams,
    ) -> Result<Self, LayoutError> {
        check_weight("flow", params.flow)?;
        check_weight("partners", params.partners)?;
        check_weight("competitors", params.competitors)?;
        check_weight("waste_per_m2", params.waste_per_m2)?;
        let mut org_index = HashMap::with_capacity(requests.len());
        for (e, request) in requests.iter().enumerate() {
            if org_index.insert(request.org.clone(), e as u32).is_some() {
                return Err(LayoutError::DuplicateOrg(request.org.clone()));
            }
            let (org, requested, position) =
                (request.org.clone(), request.requested_m2, request.position);
            if !(requested.is_finite() && requested >= 0.0) {
                return Err(LayoutError::RequestedArea {
                    org,
                    value: requested,
                });
            }
            if !(0.0..=1.0).contains(&position) {
                return Err(LayoutError::Position {
                    org,
                    value: position,
                });
            }
        }
        let diagonal = floor
            .halls()
            .iter()
            .map(|h| h.width_m().hypot(h.depth_m()))
            .fold(0.0, f64::max);
        let mut areas = Interner::default();
        let spots = spots(floor, &mut areas);
        let mut area_booths = vec![Vec::new(); areas.0.len()];
        for (b, spot) in spots.iter().enumerate() {
            area_booths[spot.area as usize].push(b as u32);
        }
        for booths in &mut area_booths {
            booths.sort_by(|&a, &b| spots[a as usize].m2.total_cmp(&spots[b as usize].m2));
        }

        let pairs = partner_pairs(requests, affinity, &org_index)?;
        let mut partners = vec![Vec::new(); requests.len()];
        let per_metre = if diagonal > 0.0 {
            params.partners / diagonal
        } else {
            0.0
        };
        for (i, j, weight) in pairs {
            partners[i as usize].push((j, weight * per_metre));
            partners[j as usize].push((i, weight * per_metre));
        }
        let booth_index: HashMap<&str, u32> = floor
            .booths()
            .iter()
            .enumerate()
            .map(|(b, booth)| (booth.id().as_str(), b as u32))
            .collect();
        let mut fixed_by: HashMap<u32, u32> = HashMap::new();
        let (mut segments, mut codes) = (Interner::default(), Interner::default());
        let exhibitors = requests
            .iter()
            .zip(partners)
            .enumerate()
            .map(|(e, (request, partners))| {
                let fixed = match &request.fixed_booth {
                    None => Fixed::No,
                    Some(id) => match booth_index.get(id.as_str()) {
                        None => Fixed::Missing,
                        Some(&b) => match fixed_by.get(&b) {
                            Some(&first) => Fixed::TakenBy(first),
                            None => {
                                fixed_by.insert(b, e as u32);
                                Fixed::At(b)
                            }
                        },
                    },
                };
                Exhibitor {
                    area: areas.0.get(&request.zone_area).copied(),
                    requested: request.requested_m2,
                    position: request.position,
                    partners,
                    segments: segments.sorted(&request.segments),
                    hs6: codes.sorted(&request.hs6_offers),
                    fixed,
                }
            })
            .collect();
        Ok(Self {
            spots,
            exhibitors,
            area_booths,
            diagonal,
            w_flow: params.flow,
            w_competitors: params.competitors,
            w_waste: params.waste_per_m2,
            org_index,
        })
    }

    /// Whether booth `b` has room for exhibitor `e`.
    pub fn fits(&self, e: usize, b: usize) -> bool {
        self.spots[b].m2 >= self.exhibitors[e].requested - AREA_TOLERANCE
    }

    /// Direct competitors share a segment and an HS 6-digit offer.
    pub fn competitors(&self, e: usize, f: usize) -> bool {
        let (a, b) = (&self.exhibitors[e], &self.exhibitors[f]);
        share(&a.segments, &b.segments) && share(&a.hs6, &b.hs6)
    }

    /// Metres between two booths' centres; `D` across halls.
    pub fn distance(&self, b: usize, c: usize) -> f64 {
        let (s, t) = (&self.spots[b], &self.spots[c]);
        if s.hall == t.hall {
            (s.centre.0 - t.centre.0).hypot(s.centre.1 - t.centre.1)
        } else {
            self.diagonal
        }
    }

    /// A given list of `(org, booth id)` as an assignment.
    pub fn assignment_of(
        &self,
        floor: &Floor,
        given: &[(String, String)],
    ) -> Result<Assignment, LayoutError> {
        let booth_index: HashMap<&str, usize> = floor
            .booths()
            .iter()
            .enumerate()
            .map(|(b, booth)| (booth.id().as_str(), b))
            .collect();
        let mut assignment = Assignment::empty(self.exhibitors.len(), self.spots.len());
        for (org, booth) in given {
            let &e = self
                .org_index
                .get(org)
                .ok_or_else(|| LayoutError::UnknownOrg(org.clone()))?;
            let &b = booth_index
                .get(booth.as_str())
                .ok_or_else(|| LayoutError::UnknownBooth(booth.clone()))?;
            if assignment.booth_of(e as usize).is_some() {
                return Err(LayoutError::BoothTwice(org.clone()));
            }
            if assignment.holder(b).is_some() {
                return Err(LayoutError::BoothTwice(booth.clone()));
            }
            assignment.place(e as usize, b);
        }
        Ok(assignment)
    }
}

/// Whether two sorted lists have an item in common.
fn share(a: &[u32], b: &[u32]) -> bool {
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => return true,
        }
    }
    false
}

/// The booths with their area, flow position and adjacent booths.
fn spots(floor: &Floor, areas: &mut Interner) -> Vec<Spot> {
    let mut halls = Interner::default();
    let along: Vec<f64> = floor
        .booths()
        .iter()
        .map(|b| floor.zone_of(b).flow_position(&b.rect()))
        .collect();
    let mut span: HashMap<&str, (f64, f64)> = HashMap::new();
    for (booth, &f) in floor.booths().iter().zip(&along) {
        let range = span
            .entry(booth.zone().as_str())
            .or_insert((f64::INFINITY, f64::NEG_INFINITY));
        *range = (range.0.min(f), range.1.max(f));
    }
    for zone in floor.zones() {
        areas.of(zone.area().as_str());
    }
    let mut spots: Vec<Spot> = floor
        .booths()
        .iter()
        .zip(&along)
        .map(|(booth, &f)| {
            let (low, high) = span[booth.zone().as_str()];
            Spot {
                hall: halls.of(booth.hall().as_str()),
                area: areas.of(floor.zone_of(booth).area().as_str()),
                m2: booth.area_m2(),
                q: if high - low > 1e-9 {
                    (f - low) / (high - low)
                } else {
                    0.5
                },
                centre: booth.rect().centre(),
                neighbours: Vec::new(),
            }
        })
        .collect();
    // Sweep along x within each hall: only booths starting before this one's
    // right edge plus the adjacency distance can be adjacent to it.
    let booths = floor.booths();
    let mut order: Vec<usize> = (0..booths.len()).collect();
    order.sort_by(|&a, &b| {
        (spots[a].hall.cmp(&spots[b].hall))
            .then(booths[a].rect().x().total_cmp(&booths[b].rect().x()))
    });
    for (i, &a) in order.iter().enumerate() {
        let reach = booths[a].rect().right() + ADJACENT_M;
        for &b in &order[i + 1..] {
            if spots[b].hall != spots[a].hall || booths[b].rect().x() > reach {
                break;
            }
            if booths[a].rect().gap(&booths[b].rect()) <= ADJACENT_M {
                spots[a].neighbours.push(b as u32);
                spots[b].neighbours.push(a as u32);
            }
        }
    }
    for spot in &mut spots {
        spot.neighbours.sort_unstable();
    }
    spots
}

/// Every pair with an affinity, by request positions, the larger weight when
/// given twice, 1 for preferred neighbours; sorted so sums are reproducible.
fn partner_pairs(
    requests: &[LayoutRequest],
    affinity: &[(String, String, f64)],
    org_index: &HashMap<String, u32>,
) -> Result<Vec<(u32, u32, f64)>, LayoutError> {
    let mut weights: HashMap<(u32, u32), f64> = HashMap::new();
    let mut add = |i: u32, j: u32, weight: f64| {
        if i != j {
            let slot = weights.entry((i.min(j), i.max(j))).or_insert(0.0);
            *slot = slot.max(weight);
        }
    };
    for (first, second, weight) in affinity {
        if !(0.0..=1.0).contains(weight) {
            return Err(LayoutError::Affinity {
                first: first.clone(),
                second: second.clone(),
                weight: *weight,
            });
        }
        if let (Some(&i), Some(&j)) = (org_index.get(first), org_index.get(second)) {
            add(i, j, *weight);
        }
    }
    for (i, request) in requests.iter().enumerate() {
        for neighbour in &request.preferred_neighbours {
            if let Some(&j) = org_index.get(neighbour) {
                add(i as u32, j, 1.0);
            }
        }
    }
    let mut pairs: Vec<(u32, u32, f64)> = weights
        .into_iter()
        .filter(|&(_, weight)| weight > 0.0)
        .map(|((i, j), weight)| (i, j, weight))
        .collect();
    pairs.sort_unstable_by_key(|&(i, j, _)| (i, j));
    Ok(pairs)
}
