//! The plan of a small hall: well-formed, every booth findable, names cut
//! and whole, both languages; pinned by a snapshot.
use super::*;

/// One hall with a CISCE area and an area of the organiser's own.
const FLOOR: &str = r#"{
    "halls": [{"id": "hall-1", "name": "Hall 1", "name_zh": "1号馆", "width_m": 30, "depth_m": 16}],
    "zones": [
        {"id": "energy", "hall": "hall-1", "area": "clean-energy", "name": "Clean energy",
         "name_zh": "清洁能源链", "x": 0, "y": 0, "w": 18, "h": 16, "flow": "left-to-right"},
        {"id": "robots", "hall": "hall-1", "area": "robotics", "name": "Robotics",
         "x": 18, "y": 0, "w": 12, "h": 16, "flow": "bottom-to-top"}
    ],
    "booths": [
        {"id": "e-1", "hall": "hall-1", "zone": "energy", "x": 1, "y": 2, "w": 6, "h": 3, "kind": "corner"},
        {"id": "e-2", "hall": "hall-1", "zone": "energy", "x": 7, "y": 2, "w": 3, "h": 3, "kind": "row"},
        {"id": "e-3", "hall": "hall-1", "zone": "energy", "x": 11, "y": 2, "w": 6, "h": 6, "kind": "island"},
        {"id": "r-1", "hall": "hall-1", "zone": "robots", "x": 20, "y": 10, "w": 4.5, "h": 3, "kind": "row"}
    ]
}"#;

fn example() -> (Floor, Vec<(String, String)>, HashMap<String, String>) {
    let floor: Floor = serde_json::from_str(FLOOR).unwrap_or_else(|e| panic!("{e}"));
    let assignments = [("o-1", "e-1"), ("o-2", "e-3"), ("o-3", "r-1")]
        .map(|(o, b)| (o.to_owned(), b.to_owned()))
        .to_vec();
    let names = [
        ("o-1", "Longi Green Energy Technology Co., Ltd."),
        ("o-2", "Sun & <Wind>"),
    ]
    .map(|(o, n)| (o.to_owned(), n.to_owned()))
    .into_iter()
    .collect();
    (floor, assignments, names)
}

fn booth<'a>(document: &'a roxmltree::Document, id: &str) -> roxmltree::Node<'a, 'a> {
    let id = format!("booth-{id}");
    document
        .descendants()
        .find(|n| n.attribute("id") == Some(id.as_str()))
        .unwrap_or_else(|| panic!("no {id}"))
}

fn child_text(node: roxmltree::Node, tag: &str) -> String {
    node.children()
        .find(|n| n.has_tag_name(tag))
        .and_then(|n| n.text())
        .unwrap_or_default()
        .to_owned()
}

#[test]
fn every_booth_is_drawn_named_and_findable() {
    let (floor, assignments, names) = example();
    let svg = floor_svg(&floor, &assignments, &names, Some("o-2"), Lang::En);
    let document = roxmltree::Document::parse(&svg).unwrap_or_else(|e| panic!("{e}"));
    for b in floor.booths() {
        booth(&document, b.id().as_str());
    }
    // The long name is cut on the plan and whole in the tooltip.
    let longi = booth(&document, "e-1");
    assert_eq!(longi.attribute("data-org"), Some("o-1"));
    assert_eq!(
        child_text(longi, "title"),
        "Longi Green Energy Technology Co., Ltd. · e-1 · 18 m²"
    );
    assert!(child_text(longi, "text").ends_with('…'));
    // Escaped text reads back as written; the highlight is red.
    let sun = booth(&document, "e-3");
    assert_eq!(child_text(sun, "text"), "Sun & <Wind>");
    let fill = |node: roxmltree::Node| {
        node.children()
            .find(|n| n.has_tag_name("rect"))
            .and_then(|n| n.attribute("fill"))
            .map(str::to_owned)
    };
    assert_eq!(fill(sun).as_deref(), Some(HIGHLIGHT));
    assert_ne!(fill(longi).as_deref(), Some(HIGHLIGHT));
    // No name given: the org id; a free booth shows its own id.
    assert_eq!(child_text(booth(&document, "r-1"), "text"), "o-3");
    let free = booth(&document, "e-2");
    assert_eq!(free.attribute("data-org"), None);
    assert_eq!(child_text(free, "title"), "e-2 · 9 m² · free");
    // Both areas in the legend, each zone tinted, an arrow per zone.
    assert!(svg.contains(">Clean energy</text>") && svg.contains(">robotics</text>"));
    assert_eq!(svg.matches(r#"class="flow""#).count(), 2);
}

#[test]
fn chinese_plans_use_chinese_names_and_words() {
    let (floor, assignments, names) = example();
    let svg = floor_svg(&floor, &assignments, &names, None, Lang::Zh);
    roxmltree::Document::parse(&svg).unwrap_or_else(|e| panic!("{e}"));
    assert!(svg.contains("上游 → 下游"));
    assert!(svg.contains("1号馆 · 30 × 16 m"));
    assert!(svg.contains(">清洁能源链</text>"));
    assert!(svg.contains("e-2 · 9 m² · 空闲"));
    assert!(!svg.contains(HIGHLIGHT));
}

#[test]
fn a_tiny_floor_plan() {
    let (floor, assignments, names) = example();
    insta::assert_snapshot!(floor_svg(
        &floor,
        &assignments,
        &names,
        Some("o-2"),
        Lang::En
    ));
}
