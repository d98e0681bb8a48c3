//! Booth layout at CISCE scale: 1,000 exhibitors over 1,200 booths in four
//! halls, one zone per exhibition area (seven), double rows of booths 3 m
//! deep with 3 m aisles, a few islands.
//!
//! Each area has a chain of nine segments, three per stage, each upstream
//! segment feeding the midstream ones and those the downstream ones; an
//! exhibitor works in one or two neighbouring segments, offers one or two
//! of their HS codes (so some are direct competitors), and its chain
//! position is the mean stage of its segments. Affinity pairs follow the
//! feeds (about five partners each), as the caller derives them; one in ten
//! names a preferred neighbour; one in fifty has a fixed booth.
//!
//! Baseline: the target of 10 s on this 2-core machine. The
//! construction alone is timed too, to show what the search adds.
//!
//! Run: `cargo bench -p chainfair-benches --bench layout`
use chainfair_core::Floor;
use chainfair_core::floor::{BoothRecord, FloorDocument, HallRecord, ZoneRecord};
use chainfair_matching::layout::{
    LayoutParams, LayoutRequest, Violation, evaluate, lay_out_booths,
};
use std::time::{Duration, Instant};

const AREAS: [&str; 7] = [
    "smart-vehicles",
    "clean-energy",
    "digital-technology",
    "advanced-manufacturing",
    "healthy-life",
    "green-agriculture",
    "supply-chain-services",
];
const BOOTHS: usize = 1_200;
const EXHIBITORS: usize = 1_000;

/// xorshift64*: a deterministic generator, so every run sees the same expo.
struct Rng(u64);

impl Rng {
    fn unit(&mut self) -> f64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 11) as f64 / (1u64 << 53) as f64
    }
    fn below(&mut self, n: usize) -> usize {
        ((self.unit() * n as f64) as usize).min(n - 1)
    }
    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }
}

/// Four 150 × 90 m halls, two 75 m zones each (the last hall one), their
/// booths in bands of two back-to-back rows, until 1,200 booths.
fn generate_floor(rng: &mut Rng) -> Floor {
    let halls = (1..=4)
        .map(|n| HallRecord {
            id: format!("hall-{n}"),
            name: format!("Hall {n}"),
            name_zh: format!("{n}号馆"),
            width_m: 150.0,
            depth_m: 90.0,
        })
        .collect();
    let flows = ["left-to-right", "right-to-left", "top-to-bottom"];
    let zones: Vec<ZoneRecord> = AREAS
        .iter()
        .enumerate()
        .map(|(i, area)| ZoneRecord {
            id: format!("z-{area}"),
            hall: format!("hall-{}", i / 2 + 1),
            area: (*area).into(),
            name: area.replace('-', " "),
            name_zh: String::new(),
            x: 75.0 * (i % 2) as f64,
            y: 0.0,
            w: 75.0,
            h: 90.0,
            flow: flows[i % 3].into(),
        })
        .collect();
    let mut booths: Vec<BoothRecord> = Vec::with_capacity(BOOTHS);
    for (z, zone) in zones.iter().enumerate() {
        let target = BOOTHS * (z + 1) / zones.len();
        let mut band_y = 3.0;
        while booths.len() < target && band_y + 6.0 <= zone.h - 3.0 {
            let mut x = zone.x + 3.0;
            let mut first = true;
            while booths.len() < target {
                let island = rng.unit() < 0.12;
                let w = if island {
                    rng.pick(&[6.0, 9.0])
                } else {
                    rng.pick(&[3.0, 3.0, 3.0, 6.0, 6.0, 9.0])
                };
                if x + w > zone.x + zone.w - 3.0 {
                    break;
                }
                let last = x + w + 3.0 > zone.x + zone.w - 3.0;
                let kind = match (island, first || last) {
                    (true, _) => "island",
                    (false, true) => "corner",
                    (false, false) => "row",
                };
                let rows: &[(f64, f64)] = if island {
                    &[(band_y, 6.0)]
                } else {
                    &[(band_y, 3.0), (band_y + 3.0, 3.0)]
                };
                for &(y, h) in rows {
                    if booths.len() < target {
                        booths.push(BoothRecord {
                            id: format!("b-{:04}", booths.len() + 1),
                            hall: zone.hall.clone(),
                            zone: zone.id.clone(),
                            x,
                            y,
                            w,
                            h,
                            kind: kind.into(),
                        });
                    }
                }
                // Islands stand apart; rows run on, with a cross aisle now and then.
                x += w + if island || rng.unit() < 0.08 {
                    3.0
                } else {
                    0.0
                };
                first = false;
            }
            band_y += 9.0;
        }
    }
    let document = FloorDocument {
        halls,
        zones,
        booths,
    };
    Floor::try_from(document).expect("the generated floor is valid")
}

/// 1,000 exhibitors spread over the areas, with chains, products, partners.
fn generate_requests(
    rng: &mut Rng,
    floor: &Floor,
) -> (Vec<LayoutRequest>, Vec<(String, String, f64)>) {
    // Segment `s` of an area's chain is at stage `s / 3` (0, 1, 2).
    let stage = |s: usize| (s / 3) as f64 / 2.0;
    let mut segments_of: Vec<Vec<usize>> = Vec::with_capacity(EXHIBITORS);
    let mut requests: Vec<LayoutRequest> = (0..EXHIBITORS)
        .map(|i| {
            let area = AREAS[i % AREAS.len()];
            let first = rng.below(9);
            let mut segments = vec![first];
            if first < 6 && rng.unit() < 0.4 {
                // Also in a segment of the next stage.
                segments.push(first + 3);
            }
            let position = segments.iter().map(|&s| stage(s)).sum::<f64>() / segments.len() as f64;
            let hs6_offers = segments
                .iter()
                .map(|&s| format!("{:02}{s:02}{:02}", 84 + i % AREAS.len(), rng.below(3)))
                .collect();
            let request = LayoutRequest {
                org: format!("org-{i:04}"),
                zone_area: area.into(),
                requested_m2: rng.pick(&[9.0, 9.0, 9.0, 9.0, 12.0, 18.0, 18.0, 18.0, 27.0, 36.0]),
                position,
                segments: segments.iter().map(|s| format!("{area}/s{s}")).collect(),
                hs6_offers,
                preferred_neighbours: Vec::new(),
                fixed_booth: None,
            };
            segments_of.push(segments);
            request
        })
        .collect();
    let mut affinity = Vec::new();
    for i in 0..EXHIBITORS {
        // Up to three buyers in a segment that one of its segments feeds.
        for &s in &segments_of[i] {
            if s >= 6 {
                continue;
            }
            let fed = 3 * (s / 3 + 1) + rng.below(3);
            let buyers: Vec<usize> = (0..EXHIBITORS)
                .filter(|&j| j % AREAS.len() == i % AREAS.len() && segments_of[j].contains(&fed))
                .collect();
            for _ in 0..3.min(buyers.len()) {
                let j = rng.pick(&buyers);
                let weight = 0.3 + 0.7 * rng.unit();
                affinity.push((requests[i].org.clone(), requests[j].org.clone(), weight));
            }
        }
        if rng.unit() < 0.1 {
            let j = (i + AREAS.len() * (1 + rng.below(20))) % EXHIBITORS;
            let neighbour = requests[j].org.clone();
            requests[i].preferred_neighbours.push(neighbour);
        }
    }
    // One in fifty keeps a booth the organiser already gave it.
    let mut taken = std::collections::HashSet::new();
    for i in (0..EXHIBITORS).step_by(50) {
        let request = &requests[i];
        let booth = floor.booths().iter().find(|b| {
            floor.zone_of(b).area().as_str() == request.zone_area
                && b.area_m2() >= request.requested_m2
                && !taken.contains(b.id().as_str())
        });
        if let Some(booth) = booth {
            taken.insert(booth.id().to_string());
            requests[i].fixed_booth = Some(booth.id().to_string());
        }
    }
    (requests, affinity)
}

fn main() {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let floor = generate_floor(&mut rng);
    let (requests, affinity) = generate_requests(&mut rng, &floor);
    let m2: f64 = floor.booths().iter().map(|b| b.area_m2()).sum();
    println!(
        "floor: {} halls, {} zones, {} booths, {m2:.0} m²; {} exhibitors asking {:.0} m², {} affinity pairs",
        floor.halls().len(),
        floor.zones().len(),
        floor.booths().len(),
        requests.len(),
        requests.iter().map(|r| r.requested_m2).sum::<f64>(),
        affinity.len()
    );
    let construction = LayoutParams {
        moves_per_exhibitor: 0,
        ..LayoutParams::default()
    };
    let params = LayoutParams::default();
    for (what, params) in [
        ("construction only", &construction),
        ("construction and search", &params),
    ] {
        let started = Instant::now();
        let layout = lay_out_booths(&floor, &requests, &affinity, params).expect("layout");
        let took = started.elapsed();
        chainfair_benches::report(
            &format!(
                "lay out {} exhibitors over {} booths, {what} ({} tries per exhibitor)",
                requests.len(),
                floor.booths().len(),
                params.moves_per_exhibitor
            ),
            took,
            "target",
            Duration::from_secs(10),
        );
        let o = layout.objective;
        println!(
            "  objective {:.2} = flow {:.2} + partners {:.2} + competitors {:.2} + waste {:.2}",
            o.total, o.flow, o.partners, o.competitors, o.waste
        );
        let count =
            |kind: fn(&Violation) -> bool| layout.violations.iter().filter(|v| kind(v)).count();
        println!(
            "  {} placed; {} violations: {} unplaced, {} adjacent competitor pairs, {} fixed booths breaking a rule",
            layout.assignments.len(),
            layout.violations.len(),
            count(|v| matches!(v, Violation::Unplaced { .. })),
            count(|v| matches!(v, Violation::AdjacentCompetitors { .. })),
            count(|v| matches!(
                v,
                Violation::FixedBoothTooSmall { .. } | Violation::FixedBoothOutsideArea { .. }
            )),
        );
        let check =
            evaluate(&floor, &requests, &affinity, params, &layout.assignments).expect("evaluate");
        assert!(
            (check.total - o.total).abs() < 1e-6,
            "the objective does not recompute"
        );
        if let Some(first) = layout.violations.first() {
            println!("  e.g. {first}");
        }
    }
}
