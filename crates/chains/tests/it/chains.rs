//! The project's chain templates and the maps computed from them.
use chainfair_chains::concentration::ChokepointRule;
use chainfair_chains::map::{ChainMap, DataShares, Overrides, SharesFrom};
use chainfair_chains::template::{Area, Chains, parse_template};
use chainfair_core::Stage;
use std::collections::BTreeSet;

#[test]
fn eleven_industries_cover_every_area_with_8_to_20_segments_over_three_stages() {
    let chains = Chains::built_in().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(chains.len(), 11);
    for id in [
        "humanoid-robots",
        "smart-cars",
        "integrated-circuits",
        "wind-power",
        "photovoltaics",
        "coffee",
        "cotton",
    ] {
        assert!(chains.get(id).is_some(), "{id} is missing");
    }
    let areas: BTreeSet<Area> = chains.iter().map(|c| c.area).collect();
    assert_eq!(
        areas.len(),
        Area::ALL.len(),
        "every exhibition area has a chain"
    );
    for chain in chains.iter() {
        let id = chain.industry.id.as_str();
        assert!(
            (8..=20).contains(&chain.segments.len()),
            "{id}: {} segments",
            chain.segments.len()
        );
        let stages: BTreeSet<Stage> = chain.segments.iter().map(|s| s.segment.stage).collect();
        assert_eq!(stages.len(), 3, "{id}: all three stages");
        // The main segments carry sourced figures on who dominates them.
        let with_economies = chain
            .segments
            .iter()
            .filter(|s| !s.economies.is_empty())
            .count();
        assert!(
            with_economies >= 3,
            "{id}: {with_economies} segments with economies"
        );
        for source in chain.sources.values() {
            assert!(
                source.url.as_deref().is_some_and(|u| u.starts_with("http")),
                "{id}: source {} has no address",
                source.key
            );
        }
        // Every source is cited (no stray entries) and every figure is dated.
        let cited: BTreeSet<&str> = chain
            .segments
            .iter()
            .flat_map(|s| {
                s.economies
                    .iter()
                    .map(|e| &e.figure)
                    .chain(s.enterprises.iter().map(|e| &e.figure))
            })
            .map(|f| f.source.as_str())
            .collect();
        let listed: BTreeSet<&str> = chain.sources.keys().map(String::as_str).collect();
        assert_eq!(
            cited, listed,
            "{id}: sources listed but not cited, or the reverse"
        );
    }
}

const TEA: &str = r#"
id = "tea"
name = "Tea"
name_zh = "茶叶"
area = "green-agriculture"

[sources.s]
publisher = "P"
title = "T"
year = 2024

[[segments]]
id = "growing"
name = "Growing"
name_zh = "种植"
stage = "upstream"
feeds = ["blending"]
wiod = "A01"
measure = "production"

[[segments.economies]]
economy = "CN"
share = 60.0
year = 2023
source = "s"

[[segments.economies]]
economy = "IN"
share = 30.0
year = 2023
source = "s"

[[segments.enterprises]]
name = "Leaf Co"
economy = "IN"
rank = 1
year = 2023
source = "s"

[[segments]]
id = "blending"
name = "Blending"
name_zh = "拼配"
stage = "midstream"
feeds = ["retail"]
wiod = "C10-C12"

[[segments.economies]]
economy = "GB"
rank = 1
year = 2023
source = "s"

[[segments.economies]]
economy = "DE"
share = 20.0
year = 2023
source = "s"

[[segments]]
id = "retail"
name = "Retail"
name_zh = "零售"
stage = "downstream"
wiod = "G47"
"#;

#[test]
fn curated_shares_give_hhi_top_shares_and_chokepoints_by_hand() {
    let tea = parse_template("tea.toml", TEA).unwrap();
    let map = ChainMap::build(&tea, &Overrides::new(), ChokepointRule::default()).unwrap();
    let growing = map.segment("growing").unwrap();
    let c = growing.concentration.unwrap();
    // 60² + 30² = 4,500 on the listed 90 %; top share 60 % -> chokepoint.
    assert!((c.hhi - 4500.0).abs() < 1e-9);
    assert!((c.top1 - 60.0).abs() < 1e-12 && (c.top3 - 90.0).abs() < 1e-12);
    assert!((c.listed - 90.0).abs() < 1e-12 && c.chokepoint);
    assert_eq!(growing.shares_from, SharesFrom::Curated);
    assert_eq!(growing.enterprises[0].name, "Leaf Co");

    // The economy ranked first leads although only another has a share;
    // 20 % alone is no chokepoint.
    let blending = map.segment("blending").unwrap();
    assert_eq!(blending.shares[0].economy.code.as_deref(), Some("GB"));
    let c = blending.concentration.unwrap();
    assert!((c.hhi - 400.0).abs() < 1e-9 && !c.chokepoint);
    assert_eq!(map.segment("retail").unwrap().shares_from, SharesFrom::None);

    // A stricter rule (top share 70 %, HHI 5,000) clears the growing segment.
    let lenient = ChokepointRule {
        top1_at_least: 0.7,
        hhi_at_least: 5000.0,
    };
    let map2 = ChainMap::build(&tea, &Overrides::new(), lenient).unwrap();
    assert!(
        !map2
            .segment("growing")
            .unwrap()
            .concentration
            .unwrap()
            .chokepoint
    );

    // Stage summary: China leads upstream, the United Kingdom midstream.
    let leaders = |stage: Stage| -> Vec<String> {
        map.stages
            .iter()
            .find(|s| s.stage == stage)
            .unwrap()
            .leaders
            .iter()
            .filter_map(|l| l.economy.code.clone())
            .collect()
    };
    assert_eq!(leaders(Stage::Upstream), ["CN"]);
    assert_eq!(leaders(Stage::Midstream), ["GB"]);
    assert!(leaders(Stage::Downstream).is_empty());
    assert_eq!(map.stages[0].chokepoints, 1);
}

#[test]
fn loaded_data_replaces_curated_shares_and_says_so() {
    let tea = parse_template("tea.toml", TEA).unwrap();
    let mut overrides = Overrides::new();
    overrides.insert(
        "growing".into(),
        DataShares {
            label: "test data".into(),
            year: 2022,
            values: vec![
                ("CHN".into(), 50.0),
                ("Kenya".into(), 30.0),
                ("Atlantis".into(), 20.0),
            ],
        },
    );
    let map = ChainMap::build(&tea, &overrides, ChokepointRule::default()).unwrap();
    let growing = map.segment("growing").unwrap();
    let names: Vec<(Option<&str>, &str)> = growing
        .shares
        .iter()
        .map(|s| (s.economy.code.as_deref(), s.economy.name.as_str()))
        .collect();
    assert_eq!(
        names,
        [
            (Some("CN"), "China"),
            (Some("KE"), "Kenya"),
            (None, "Atlantis")
        ]
    );
    let c = growing.concentration.unwrap();
    // 50² + 30² + 20² = 3,800 over the whole (100 %).
    assert!((c.hhi - 3800.0).abs() < 1e-9 && (c.listed - 100.0).abs() < 1e-12);
    assert_eq!(
        growing.shares_from,
        SharesFrom::Data {
            label: "test data".into(),
            year: 2022
        }
    );
    // Enterprises stay curated.
    assert_eq!(growing.enterprises.len(), 1);

    overrides.get_mut("growing").unwrap().values = vec![("CHN".into(), 0.0)];
    let error = ChainMap::build(&tea, &overrides, ChokepointRule::default()).unwrap_err();
    assert!(
        error
            .to_string()
            .starts_with("segment growing: test data: "),
        "{error}"
    );
}

#[test]
fn segments_are_measured_on_an_input_output_table() {
    use chainfair_chains::io::{IoTable, Sector};
    let tea = parse_template("tea.toml", TEA).unwrap();
    let mut map = ChainMap::build(&tea, &Overrides::new(), ChokepointRule::default()).unwrap();
    // Farms sell half their output to food makers, who sell half of theirs
    // to retail, which sells only to final use: a chain of three.
    let sector = |code: &str, output: f64| Sector {
        code: code.into(),
        label: String::new(),
        output,
        exports: 0.0,
        imports: 0.0,
        inventory_change: 0.0,
    };
    let table = IoTable::new(
        vec![
            sector("A01", 100.0),
            sector("C10-C12", 100.0),
            sector("G47", 100.0),
        ],
        vec![0.0, 50.0, 0.0, 0.0, 0.0, 50.0, 0.0, 0.0, 0.0],
    )
    .unwrap();
    map.measure(&table, "hand-built").unwrap();
    assert_eq!(map.measured_on.as_deref(), Some("hand-built"));
    let u = |id: &str| map.segment(id).unwrap().measured.clone().unwrap();
    // U = 1 + Δ U: retail 1, food 1 + 0.5 * 1 = 1.5, farms 1 + 0.5 * 1.5 = 1.75.
    assert!((u("retail").upstreamness - 1.0).abs() < 1e-12);
    assert!((u("blending").upstreamness - 1.5).abs() < 1e-12);
    assert!((u("growing").upstreamness - 1.75).abs() < 1e-12);
    assert_eq!(
        [u("growing").stage, u("blending").stage, u("retail").stage],
        [Stage::Upstream, Stage::Midstream, Stage::Downstream]
    );
}
