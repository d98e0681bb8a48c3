use crate::{chainfair, ok};

const DB: &str = "sqlite::memory:";

#[test]
fn chains_lists_the_eleven_industries() {
    let out = ok(DB, &["chains"]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], "industry,name,area,segments,figures,file");
    assert_eq!(lines.len(), 12, "{out}");
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("coffee,\"Coffee\",green-agriculture,"))
    );
}

#[test]
fn map_writes_svg_html_and_json_in_both_languages() {
    let dir = tempfile::tempdir().unwrap();
    let svg = ok(DB, &["map", "photovoltaics"]);
    assert!(
        svg.starts_with("<svg ") && svg.contains("Polysilicon"),
        "{svg}"
    );
    let out = dir.path().join("pv.html");
    ok(
        DB,
        &[
            "map",
            "photovoltaics",
            "--lang",
            "zh",
            "--format",
            "html",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    let html = std::fs::read_to_string(&out).unwrap();
    assert!(html.contains("<html lang=\"zh-Hans\">") && html.contains("多晶硅"));
    let json: serde_json::Value =
        serde_json::from_str(&ok(DB, &["map", "coffee", "--format", "json"])).unwrap();
    assert_eq!(json["industry"], "coffee");
    assert_eq!(json["stages"].as_array().unwrap().len(), 3);
    let world = ok(
        DB,
        &[
            "map",
            "photovoltaics",
            "--world",
            "--segment",
            "polysilicon",
        ],
    );
    assert!(world.contains("Polysilicon · Photovoltaics"), "{world}");
}

#[test]
fn bad_arguments_and_templates_are_named() {
    let fails = |args: &[&str]| {
        let output = chainfair(DB, args);
        assert!(!output.status.success(), "{args:?} succeeded");
        String::from_utf8_lossy(&output.stderr).into_owned()
    };
    assert!(fails(&["map", "tea"]).contains("unknown industry \"tea\"; known: ai-servers,"));
    assert!(fails(&["map", "coffee", "--lang", "fr"]).contains("--lang \"fr\": use en or zh"));
    assert!(
        fails(&["map", "coffee", "--world", "--segment", "nope"])
            .contains("unknown segment \"nope\"")
    );
    assert!(fails(&["map", "coffee", "--psd-coffee", "x.csv"]).contains("need --year"));

    let dir = tempfile::tempdir().unwrap();
    let tea = r#"
id = "tea"
name = "Tea"
name_zh = "茶叶"
area = "green-agriculture"

[[segments]]
id = "growing"
name = "Growing"
name_zh = "种植"
stage = "upstream"
feeds = ["blending"]
hs = ["0902"]
wiod = "A01"

[[segments]]
id = "blending"
name = "Blending"
name_zh = "拼配"
stage = "midstream"
feeds = ["growing"]
wiod = "C10-C12"
"#;
    std::fs::write(dir.path().join("tea.toml"), tea).unwrap();
    let chains = dir.path().to_str().unwrap();
    let error = fails(&["map", "tea", "--chains", chains]);
    assert!(
        error
            .contains("tea.toml: segments: the feeds form a cycle: growing -> blending -> growing"),
        "{error}"
    );
    std::fs::write(
        dir.path().join("tea.toml"),
        tea.replace("feeds = [\"growing\"]\n", ""),
    )
    .unwrap();
    let svg = ok(DB, &["map", "tea", "--chains", chains]);
    assert!(svg.contains("Blending"), "{svg}");
    assert_eq!(ok(DB, &["chains", "--chains", chains]).lines().count(), 13);
}

/// With the reference data: the coffee map takes its shares from the USDA
/// PSD file (processing = green coffee output: Brazil 38.7 %).
#[test]
fn map_loads_usda_psd_coffee() {
    let Some(dir) = std::env::var_os("CHAINFAIR_REFDATA").filter(|d| !d.is_empty()) else {
        return;
    };
    let file = std::path::Path::new(&dir).join("usda-psd-coffee/psd_coffee_wide.csv");
    let json: serde_json::Value = serde_json::from_str(&ok(
        DB,
        &[
            "map",
            "coffee",
            "--format",
            "json",
            "--psd-coffee",
            file.to_str().unwrap(),
            "--year",
            "2023",
        ],
    ))
    .unwrap();
    let processing = json["segments"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == "processing")
        .unwrap();
    assert_eq!(processing["shares"][0]["code"], "BR");
    let share = processing["shares"][0]["share"].as_f64().unwrap();
    assert!((share - 38.7).abs() < 0.05, "{share}");
    assert_eq!(processing["shares_from"]["kind"], "data");
}

#[test]
fn the_promotion_report_has_the_chokepoints_and_every_map() {
    let html = ok(DB, &["report", "promotion"]);
    assert!(html.contains("<h1>Global Supply Chain Promotion Report</h1>"));
    assert!(html.contains("chokepoints across the chains"));
    // Every chain is a section with its map.
    assert_eq!(html.matches("<section class=\"chain\"").count(), 11);
    assert_eq!(html.matches("<svg ").count(), 11);
    let zh = ok(DB, &["report", "promotion", "--lang", "zh"]);
    assert!(zh.contains("全球供应链促进报告") && zh.contains("卡点一览"));

    crate::prints_pdf(DB, &["report", "promotion"]);
}
