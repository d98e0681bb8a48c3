//! Small floors whose right layout is known; random floors in [`random`].
use super::*;
use chainfair_core::floor::{BoothRecord, FloorDocument, HallRecord, ZoneRecord};

mod random;

type Xywh = (f64, f64, f64, f64);
type ZoneSpec<'a> = (&'a str, &'a str, &'a str, Xywh);
type BoothSpec<'a> = (&'a str, &'a str, Xywh);

/// One 60 × 40 m hall; zones `(id, area, flow, x, y, w, h)` and booths
/// `(id, zone, (x, y, w, h))`.
fn floor(zones: &[ZoneSpec], booths: &[BoothSpec]) -> Floor {
    let hall = HallRecord {
        id: "h1".into(),
        name: "Hall 1".into(),
        name_zh: String::new(),
        width_m: 60.0,
        depth_m: 40.0,
    };
    let zone = |&(id, area, flow, (x, y, w, h)): &ZoneSpec| ZoneRecord {
        id: id.into(),
        hall: "h1".into(),
        area: area.into(),
        name: id.into(),
        name_zh: String::new(),
        x,
        y,
        w,
        h,
        flow: flow.into(),
    };
    let booth = |&(id, zone, (x, y, w, h)): &BoothSpec| BoothRecord {
        id: id.into(),
        hall: "h1".into(),
        zone: zone.into(),
        x,
        y,
        w,
        h,
        kind: "row".into(),
    };
    let document = FloorDocument {
        halls: vec![hall],
        zones: zones.iter().map(zone).collect(),
        booths: booths.iter().map(booth).collect(),
    };
    Floor::try_from(document).unwrap_or_else(|e| panic!("{e}"))
}

fn request(org: &str, area: &str, requested_m2: f64, position: f64) -> LayoutRequest {
    LayoutRequest {
        org: org.into(),
        zone_area: area.into(),
        requested_m2,
        position,
        segments: Vec::new(),
        hs6_offers: Vec::new(),
        preferred_neighbours: Vec::new(),
        fixed_booth: None,
    }
}

fn competitor(org: &str, position: f64, hs6: &str) -> LayoutRequest {
    LayoutRequest {
        segments: vec!["photovoltaics/cells".into()],
        hs6_offers: vec![hs6.into()],
        ..request(org, "clean-energy", 9.0, position)
    }
}

fn booth_of<'a>(layout: &'a Layout, org: &str) -> Option<&'a str> {
    layout
        .assignments
        .iter()
        .find(|(o, _)| o == org)
        .map(|(_, b)| b.as_str())
}

fn lay_out(floor: &Floor, requests: &[LayoutRequest]) -> Layout {
    lay_out_booths(floor, requests, &[], &LayoutParams::default()).unwrap()
}

/// Three 3 × 3 m booths along a 20 m zone.
fn three_in_a_row(flow: &str) -> Floor {
    floor(
        &[("z", "clean-energy", flow, (0.0, 0.0, 20.0, 5.0))],
        &[
            ("b1", "z", (0.0, 0.0, 3.0, 3.0)),
            ("b2", "z", (8.5, 0.0, 3.0, 3.0)),
            ("b3", "z", (17.0, 0.0, 3.0, 3.0)),
        ],
    )
}

#[test]
fn exhibitors_stand_in_chain_order_along_the_aisle() {
    let requests = [
        request("downstream", "clean-energy", 9.0, 1.0),
        request("upstream", "clean-energy", 9.0, 0.0),
        request("midstream", "clean-energy", 9.0, 0.5),
    ];
    let layout = lay_out(&three_in_a_row("left-to-right"), &requests);
    assert_eq!(booth_of(&layout, "upstream"), Some("b1"));
    assert_eq!(booth_of(&layout, "midstream"), Some("b2"));
    assert_eq!(booth_of(&layout, "downstream"), Some("b3"));
    assert!(layout.violations.is_empty(), "{:?}", layout.violations);
    assert!(layout.objective.flow < 1e-9, "{:?}", layout.objective);

    let reversed = lay_out(&three_in_a_row("right-to-left"), &requests);
    assert_eq!(booth_of(&reversed, "upstream"), Some("b3"));
    assert_eq!(booth_of(&reversed, "downstream"), Some("b1"));
}

/// b1 and b2 touch; b3 stands apart at the far end.
fn pair_and_one_apart() -> Floor {
    floor(
        &[("z", "clean-energy", "left-to-right", (0.0, 0.0, 30.0, 5.0))],
        &[
            ("b1", "z", (0.0, 0.0, 3.0, 3.0)),
            ("b2", "z", (3.0, 0.0, 3.0, 3.0)),
            ("b3", "z", (27.0, 0.0, 3.0, 3.0)),
        ],
    )
}

#[test]
fn direct_competitors_are_kept_apart_when_a_booth_allows() {
    let floor = pair_and_one_apart();
    // Different products: both upstream, side by side at the start.
    let friends = [
        competitor("a", 0.0, "854142"),
        competitor("b", 0.0, "854143"),
    ];
    let layout = lay_out(&floor, &friends);
    let mut booths: Vec<_> = layout.assignments.iter().map(|(_, b)| b.as_str()).collect();
    booths.sort_unstable();
    assert_eq!(booths, ["b1", "b2"]);

    let rivals = [
        competitor("a", 0.0, "854142"),
        competitor("b", 0.0, "854142"),
    ];
    let layout = lay_out(&floor, &rivals);
    let mut booths: Vec<_> = layout.assignments.iter().map(|(_, b)| b.as_str()).collect();
    booths.sort_unstable();
    assert_eq!(booths, ["b1", "b3"]);
    assert_eq!(layout.objective.competitors, 0.0);
    assert!(layout.violations.is_empty(), "{:?}", layout.violations);
}

#[test]
fn competitors_with_no_other_choice_are_reported() {
    let floor = pair_and_one_apart();
    let mut rivals = vec![
        competitor("a", 0.0, "854142"),
        competitor("b", 0.0, "854142"),
        competitor("c", 0.0, "854142"),
    ];
    rivals[2].fixed_booth = Some("b3".into());
    let layout = lay_out(&floor, &rivals);
    assert_eq!(layout.objective.competitors, 20.0);
    let texts: Vec<String> = layout.violations.iter().map(ToString::to_string).collect();
    assert_eq!(
        texts,
        ["a (booth b1) and b (booth b2) compete directly and stand side by side"]
    );
}

#[test]
fn fixed_booths_are_kept_even_when_they_break_a_rule() {
    let floor = three_in_a_row("left-to-right");
    let mut requests = [
        request("downstream", "clean-energy", 9.0, 1.0),
        request("upstream", "clean-energy", 12.0, 0.0),
        request("elsewhere", "digital-technology", 9.0, 0.0),
    ];
    // Upstream is fixed at the far end of the aisle in a booth too small.
    requests[1].fixed_booth = Some("b3".into());
    requests[2].fixed_booth = Some("b1".into());
    let layout = lay_out(&floor, &requests);
    assert_eq!(booth_of(&layout, "upstream"), Some("b3"));
    assert_eq!(booth_of(&layout, "elsewhere"), Some("b1"));
    assert_eq!(booth_of(&layout, "downstream"), Some("b2"));
    let texts: Vec<String> = layout.violations.iter().map(ToString::to_string).collect();
    assert_eq!(
        texts,
        [
            "upstream's fixed booth b3 has 9 m², less than the 12 m² it asks for",
            "elsewhere's fixed booth b1 is in the area clean-energy, not in its area \
             digital-technology",
        ]
    );
}

#[test]
fn booths_too_small_are_never_given_and_the_unplaced_are_told_why() {
    let floor = floor(
        &[("z", "clean-energy", "left-to-right", (0.0, 0.0, 30.0, 5.0))],
        &[
            ("small", "z", (0.0, 0.0, 3.0, 3.0)),
            ("large", "z", (10.0, 0.0, 6.0, 3.0)),
        ],
    );
    let requests = [
        request("a", "clean-energy", 12.0, 0.0),
        request("b", "clean-energy", 12.0, 0.0),
        request("huge", "clean-energy", 50.0, 0.0),
        request("lost", "healthy-life", 9.0, 0.0),
        LayoutRequest {
            fixed_booth: Some("nowhere".into()),
            ..request("ghost", "clean-energy", 9.0, 0.0)
        },
        LayoutRequest {
            fixed_booth: Some("large".into()),
            ..request("late", "clean-energy", 9.0, 0.0)
        },
    ];
    // "late" holds the large booth: nothing else fits "a" or "b".
    let layout = lay_out(&floor, &requests);
    assert_eq!(booth_of(&layout, "late"), Some("large"));
    assert_eq!(layout.assignments.len(), 1, "{:?}", layout.assignments);
    let texts: Vec<String> = layout.violations.iter().map(ToString::to_string).collect();
    assert_eq!(
        texts,
        [
            "a has no booth: the only booth of at least 12 m² in the area clean-energy is taken",
            "b has no booth: the only booth of at least 12 m² in the area clean-energy is taken",
            "huge has no booth: it asks for 50 m² and the largest booth in the area clean-energy \
             has 18 m²",
            "lost has no booth: no zone of the floor is given to the area healthy-life",
            "ghost has no booth: its fixed booth nowhere is not on the floor",
        ]
    );
}

#[test]
fn the_most_exhibitors_are_placed_and_a_second_claim_on_a_fixed_booth_is_refused() {
    let floor = floor(
        &[("z", "clean-energy", "left-to-right", (0.0, 0.0, 30.0, 5.0))],
        &[
            ("small", "z", (0.0, 0.0, 3.0, 3.0)),
            ("large", "z", (10.0, 0.0, 6.0, 3.0)),
        ],
    );
    // Taking the large booth for the most upstream (small) request would
    // leave the 18 m² request without one.
    let mut requests = vec![
        request("small-request", "clean-energy", 9.0, 0.0),
        request("large-request", "clean-energy", 18.0, 1.0),
    ];
    let layout = lay_out(&floor, &requests);
    assert_eq!(booth_of(&layout, "small-request"), Some("small"));
    assert_eq!(booth_of(&layout, "large-request"), Some("large"));

    requests[0].fixed_booth = Some("large".into());
    requests[1].fixed_booth = Some("large".into());
    let layout = lay_out(&floor, &requests);
    assert_eq!(
        layout.violations[0].to_string(),
        "large-request has no booth: its fixed booth large is already fixed for small-request"
    );
}

#[test]
fn partners_take_the_booths_nearest_each_other() {
    // Two booths for "a" at the same flow position; "b" stands by the second.
    let floor = floor(
        &[
            (
                "energy",
                "clean-energy",
                "top-to-bottom",
                (0.0, 0.0, 40.0, 5.0),
            ),
            (
                "digital",
                "digital-technology",
                "top-to-bottom",
                (40.0, 0.0, 20.0, 5.0),
            ),
        ],
        &[
            ("far", "energy", (0.0, 0.0, 3.0, 3.0)),
            ("near", "energy", (36.0, 0.0, 3.0, 3.0)),
            ("d1", "digital", (41.0, 0.0, 3.0, 3.0)),
        ],
    );
    let requests = [
        request("a", "clean-energy", 9.0, 0.5),
        request("b", "digital-technology", 9.0, 0.5),
    ];
    let alone = lay_out(&floor, &requests);
    assert_eq!(booth_of(&alone, "a"), Some("far"));
    let affinity = [("b".to_owned(), "a".to_owned(), 0.8)];
    let together = lay_out_booths(&floor, &requests, &affinity, &LayoutParams::default()).unwrap();
    assert_eq!(booth_of(&together, "a"), Some("near"));
    // 5 m between centres over the hall's 72.1 m diagonal, weighted 0.8.
    let expected = 0.8 * 5.0 / 60f64.hypot(40.0);
    assert!((together.objective.partners - expected).abs() < 1e-12);
    // A preferred neighbour counts as affinity 1.
    let mut preferring = requests.to_vec();
    preferring[0].preferred_neighbours = vec!["b".into()];
    assert_eq!(booth_of(&lay_out(&floor, &preferring), "a"), Some("near"));
}

#[test]
fn input_the_layout_cannot_use_is_refused() {
    let floor = three_in_a_row("left-to-right");
    let params = LayoutParams::default();
    let twice = [request("a", "x", 9.0, 0.0), request("a", "x", 9.0, 0.0)];
    assert_eq!(
        lay_out_booths(&floor, &twice, &[], &params).unwrap_err(),
        LayoutError::DuplicateOrg("a".into())
    );
    let off = [request("a", "x", 9.0, 1.5)];
    let err = lay_out_booths(&floor, &off, &[], &params).unwrap_err();
    assert_eq!(
        err.to_string(),
        "\"a\" has chain position 1.5; positions run from 0 to 1"
    );
    let one = [request("a", "x", 9.0, 0.5)];
    let affinity = [("a".to_owned(), "b".to_owned(), 2.0)];
    assert!(matches!(
        lay_out_booths(&floor, &one, &affinity, &params),
        Err(LayoutError::Affinity { .. })
    ));
    let given = [("a".to_owned(), "b9".to_owned())];
    assert_eq!(
        evaluate(&floor, &one, &[], &params, &given).unwrap_err(),
        LayoutError::UnknownBooth("b9".into())
    );
}
