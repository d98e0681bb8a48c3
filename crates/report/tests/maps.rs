//! Every built-in chain drawn in both languages: well-formed SVG holding
//! every segment; one map in each language pinned by a snapshot.
use chainfair_chains::concentration::ChokepointRule;
use chainfair_chains::map::{ChainMap, Overrides};
use chainfair_chains::template::Chains;
use chainfair_report::{Lang, chain_svg, html_page, world_svg};

fn maps() -> Vec<ChainMap> {
    let chains = Chains::built_in().unwrap_or_else(|e| panic!("{e}"));
    chains
        .iter()
        .map(|t| ChainMap::build(t, &Overrides::new(), ChokepointRule::default()).unwrap())
        .collect()
}

/// The text of every `<text>` element, tspans included.
fn texts(document: &roxmltree::Document) -> Vec<String> {
    document
        .descendants()
        .filter(|n| n.has_tag_name("text"))
        .map(|n| {
            n.descendants()
                .filter_map(|d| d.text())
                .collect::<Vec<_>>()
                .join("")
        })
        .collect()
}

#[test]
fn every_chain_map_is_well_formed_svg_with_every_segment_in_both_languages() {
    for map in maps() {
        for lang in [Lang::En, Lang::Zh] {
            let svg = chain_svg(&map, lang);
            let what = format!("{} {lang:?}", map.industry);
            let document =
                roxmltree::Document::parse(&svg).unwrap_or_else(|e| panic!("{what}: not XML: {e}"));
            assert_eq!(document.root_element().tag_name().name(), "svg", "{what}");
            let texts = texts(&document);
            for segment in &map.segments {
                let id = format!("segment-{}", segment.id);
                assert!(
                    document
                        .descendants()
                        .any(|n| n.attribute("id") == Some(id.as_str())),
                    "{what}: no box for {}",
                    segment.id
                );
                // The name, or its start when cut to fit the box.
                let name = match lang {
                    Lang::En => &segment.name,
                    Lang::Zh => &segment.name_zh,
                };
                let start: String = name.chars().take(8).collect();
                assert!(
                    texts.iter().any(|t| t.starts_with(&start)),
                    "{what}: segment name {name:?} not drawn"
                );
            }
            // Every cited source is in the footer.
            for source in &map.sources {
                assert!(
                    texts.iter().any(|t| t.contains(&source.publisher)),
                    "{what}: source {} missing",
                    source.key
                );
            }
            let page = html_page(&map, lang, &svg);
            assert!(page.contains("<table class=\"chain-figures\">"), "{what}");
        }
    }
}

#[test]
fn world_maps_colour_the_economies_with_figures() {
    for map in maps() {
        for segment in map.segments.iter().filter(|s| !s.shares.is_empty()) {
            let svg = world_svg(&map, segment.id.as_str(), Lang::En).unwrap();
            let document = roxmltree::Document::parse(&svg)
                .unwrap_or_else(|e| panic!("{} {}: {e}", map.industry, segment.id));
            let paths = document
                .descendants()
                .filter(|n| n.has_tag_name("path"))
                .count();
            assert!(paths > 150, "{}: {paths} country shapes", segment.id);
            let no_data = document
                .descendants()
                .filter(|n| n.has_tag_name("path") && n.attribute("fill") == Some("#e6e6e6"))
                .count();
            // At least one economy is coloured, unless all are off the map.
            let on_map = segment.shares.iter().any(|s| {
                s.economy
                    .code
                    .as_deref()
                    .is_some_and(|c| !["SG", "HK", "MO"].contains(&c))
            });
            assert!(
                !on_map || no_data < paths,
                "{}: nothing coloured",
                segment.id
            );
        }
    }
    let map = &maps()[0];
    let error = world_svg(map, "nope", Lang::En).unwrap_err().to_string();
    assert!(
        error.starts_with("unknown segment \"nope\"; this industry has: "),
        "{error}"
    );
}

#[test]
fn the_photovoltaics_map_in_english_and_chinese() {
    let maps = maps();
    let pv = maps
        .iter()
        .find(|m| m.industry.as_str() == "photovoltaics")
        .unwrap();
    insta::assert_snapshot!("photovoltaics-en", chain_svg(pv, Lang::En));
    insta::assert_snapshot!("photovoltaics-zh", chain_svg(pv, Lang::Zh));
}
