//! Random floors on which the search's running objective must equal a
//! recomputation from scratch, and every layout must keep the rules.
use super::{booth_of, request};
use crate::layout::problem::Problem;
use crate::layout::search::{self, Rng};
use crate::layout::*;
use chainfair_core::floor::{BoothRecord, FloorDocument, HallRecord, ZoneRecord};

/// A random two-hall floor with four zones over three areas, booths in rows
/// with random widths and gaps (some adjacent, some not), and requests with
/// few segments and products, so competitors abound.
fn random_case(seed: u64) -> (Floor, Vec<LayoutRequest>, Vec<(String, String, f64)>) {
    let mut rng = Rng::new(seed);
    let hall = |id: &str| HallRecord {
        id: id.into(),
        name: id.into(),
        name_zh: String::new(),
        width_m: 60.0,
        depth_m: 40.0,
    };
    let flows = [
        "left-to-right",
        "right-to-left",
        "top-to-bottom",
        "bottom-to-top",
    ];
    let zones: Vec<ZoneRecord> = [
        ("z0", "h1", "clean-energy", 0.0),
        ("z1", "h1", "digital-technology", 30.0),
        ("z2", "h2", "healthy-life", 0.0),
        ("z3", "h2", "clean-energy", 30.0),
    ]
    .into_iter()
    .map(|(id, hall, area, x)| ZoneRecord {
        id: id.into(),
        hall: hall.into(),
        area: area.into(),
        name: id.into(),
        name_zh: String::new(),
        x,
        y: 0.0,
        w: 30.0,
        h: 40.0,
        flow: flows[rng.below(4)].into(),
    })
    .collect();
    let mut booths = Vec::new();
    for zone in &zones {
        for row in 0..1 + rng.below(4) {
            let mut x = zone.x + 0.5;
            loop {
                let w = [3.0, 3.0, 6.0][rng.below(3)];
                if x + w > zone.x + zone.w - 0.5 {
                    break;
                }
                booths.push(BoothRecord {
                    id: format!("b{}", booths.len()),
                    hall: zone.hall.clone(),
                    zone: zone.id.clone(),
                    x,
                    y: 1.0 + 5.0 * row as f64,
                    w,
                    h: 3.0,
                    kind: "row".into(),
                });
                x += w + [0.0, 0.5, 2.0][rng.below(3)];
            }
        }
    }
    let count = booths.len();
    let document = FloorDocument {
        halls: vec![hall("h1"), hall("h2")],
        zones,
        booths,
    };
    let floor = Floor::try_from(document).unwrap_or_else(|e| panic!("{e}"));
    let areas = [
        "clean-energy",
        "digital-technology",
        "healthy-life",
        "smart-vehicles",
    ];
    let n = count * 4 / 5 + rng.below(count / 2 + 1);
    let mut requests: Vec<LayoutRequest> = (0..n)
        .map(|i| LayoutRequest {
            segments: vec![format!("s{}", rng.below(3))],
            hs6_offers: vec![format!("{}", 100_000 + rng.below(3))],
            fixed_booth: (rng.unit() < 0.05).then(|| format!("b{}", rng.below(count + 2))),
            ..request(
                &format!("o{i}"),
                areas[{
                    // One in twenty asks for an area with no zone.
                    let known = if rng.unit() < 0.05 { 4 } else { 3 };
                    rng.below(known)
                }],
                [0.0, 6.0, 9.0, 12.0, 18.0][rng.below(5)],
                rng.unit(),
            )
        })
        .collect();
    for request in &mut requests {
        if rng.unit() < 0.1 {
            request.preferred_neighbours = vec![format!("o{}", rng.below(n))];
        }
    }
    let affinity = (0..n)
        .map(|_| {
            (
                format!("o{}", rng.below(n)),
                format!("o{}", rng.below(n)),
                rng.unit(),
            )
        })
        .collect();
    (floor, requests, affinity)
}

#[test]
fn the_running_objective_equals_a_recomputation_after_every_change() {
    let params = LayoutParams::default();
    let (mut moves, mut swaps) = (0, 0);
    for seed in 0..20 {
        let (floor, requests, affinity) = random_case(seed);
        let problem = Problem::new(&floor, &requests, &affinity, &params).unwrap();
        let mut assignment = construct::construct(&problem);
        let mut running = cost::evaluate(&problem, &assignment).total;
        let movable = search::movable(&problem, &assignment);
        let mut rng = Rng::new(seed);
        for _ in 0..2_000 {
            let Some(change) = search::propose(&problem, &assignment, &movable, &mut rng) else {
                continue;
            };
            match change {
                search::Change::Move(..) => moves += 1,
                search::Change::Swap(..) => swaps += 1,
            }
            running += search::delta(&problem, &assignment, change);
            search::apply(&mut assignment, change);
            let full = cost::evaluate(&problem, &assignment).total;
            assert!(
                (running - full).abs() < 1e-9 * full.max(1.0),
                "seed {seed}: running {running} != recomputed {full} after {change:?}"
            );
        }
    }
    // Both kinds of change were checked, many times.
    assert!(
        moves > 1_000 && swaps > 1_000,
        "{moves} moves, {swaps} swaps"
    );
}

#[test]
fn every_layout_keeps_the_rules_and_reports_its_true_objective() {
    let params = LayoutParams {
        moves_per_exhibitor: 100,
        ..LayoutParams::default()
    };
    for seed in 0..10 {
        let (floor, requests, affinity) = random_case(seed);
        let layout = lay_out_booths(&floor, &requests, &affinity, &params).unwrap();
        let mut booths: Vec<&str> = layout.assignments.iter().map(|(_, b)| b.as_str()).collect();
        booths.sort_unstable();
        booths.dedup();
        assert_eq!(
            booths.len(),
            layout.assignments.len(),
            "seed {seed}: a booth held twice"
        );
        let mut fixed_taken = std::collections::HashSet::new();
        for request in &requests {
            let held = booth_of(&layout, &request.org);
            let fixed = request
                .fixed_booth
                .as_deref()
                .filter(|b| floor.booth(b).is_some() && fixed_taken.insert(*b));
            if fixed.is_some() {
                assert_eq!(
                    held, fixed,
                    "seed {seed}: {} moved off its fixed booth",
                    request.org
                );
                continue;
            }
            if let Some(booth) = held.and_then(|b| floor.booth(b)) {
                assert!(
                    booth.area_m2() >= request.requested_m2,
                    "seed {seed}: too small"
                );
                let area = floor.zone_of(booth).area().as_str();
                assert_eq!(
                    area, request.zone_area,
                    "seed {seed}: {} out of its area",
                    request.org
                );
            }
        }
        let recomputed =
            evaluate(&floor, &requests, &affinity, &params, &layout.assignments).unwrap();
        assert!((layout.objective.total - recomputed.total).abs() < 1e-9);
        assert_eq!(layout.objective, recomputed);
        let again = lay_out_booths(&floor, &requests, &affinity, &params).unwrap();
        assert_eq!(again, layout, "seed {seed}: not deterministic");
    }
}

#[test]
fn the_search_never_ends_worse_than_the_construction() {
    let params = LayoutParams {
        moves_per_exhibitor: 200,
        ..LayoutParams::default()
    };
    let mut improved = 0;
    for seed in 0..10 {
        let (floor, requests, affinity) = random_case(seed);
        let problem = Problem::new(&floor, &requests, &affinity, &params).unwrap();
        let mut assignment = construct::construct(&problem);
        let built = cost::evaluate(&problem, &assignment).total;
        search::anneal(&problem, &mut assignment, &params);
        let searched = cost::evaluate(&problem, &assignment).total;
        assert!(
            searched <= built + 1e-9,
            "seed {seed}: {searched} > {built}"
        );
        if searched < built - 1e-6 {
            improved += 1;
        }
    }
    assert!(
        improved >= 5,
        "the search improved only {improved} of 10 layouts"
    );
}
