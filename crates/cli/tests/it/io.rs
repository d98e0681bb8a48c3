//! `chainfair io ...` on small files and, with CHAINFAIR_REFDATA, a real WIOD table.
use crate::{chainfair, ok};

const Z: &str = "code,s1,s2,s3\ns1,10,20,0\ns2,5,0,30\ns3,0,0,10\n";
const SECTORS: &str =
    "code,label,output,exports\ns1,Mining,100,50\ns2,Refining,100,\ns3,Assembly,100,\n";

fn pair(dir: &std::path::Path) -> (String, String) {
    let (z, sectors) = (dir.join("Z.csv"), dir.join("sectors.csv"));
    std::fs::write(&z, Z).unwrap();
    std::fs::write(&sectors, SECTORS).unwrap();
    (z.display().to_string(), sectors.display().to_string())
}

fn column(csv: &str, name: &str) -> Vec<f64> {
    let mut lines = csv.lines();
    let at = lines
        .next()
        .unwrap()
        .split(',')
        .position(|h| h == name)
        .unwrap();
    lines
        .map(|l| l.split(',').nth(at).unwrap().parse().unwrap())
        .collect()
}

#[test]
fn measures_come_out_as_csv() {
    let dir = tempfile::tempdir().unwrap();
    let (z, sectors) = pair(dir.path());
    let db = "sqlite::memory:";
    let closed = ok(
        db,
        &["io", "upstreamness", "--z", &z, "--sectors", &sectors],
    );
    assert!(
        closed.starts_with("code,label,upstreamness\ns1,Mining,"),
        "{closed}"
    );
    let open = ok(
        db,
        &[
            "io",
            "upstreamness",
            "--z",
            &z,
            "--sectors",
            &sectors,
            "--open-economy",
        ],
    );
    let (closed, open) = (
        column(&closed, "upstreamness"),
        column(&open, "upstreamness"),
    );
    assert!(
        open[0] > closed[0],
        "exports raise s1's open-economy upstreamness"
    );
    assert!((closed[2] - 1.0 / 0.9).abs() < 1e-12);
    let multipliers = column(
        &ok(db, &["io", "multipliers", "--z", &z, "--sectors", &sectors]),
        "output_multiplier",
    );
    assert!(multipliers.iter().all(|m| *m >= 1.0));
    let classes = ok(db, &["io", "classify", "--z", &z, "--sectors", &sectors]);
    assert!(
        classes.contains("s1,Mining,")
            && classes.contains(",upstream\n")
            && classes.contains(",downstream\n"),
        "{classes}"
    );
    let extracted = ok(
        db,
        &[
            "io",
            "extract",
            "--z",
            &z,
            "--sectors",
            &sectors,
            "--sector",
            "s3",
        ],
    );
    assert!(
        extracted
            .starts_with("sector,backward_loss,forward_loss,backward_share,forward_share\ns3,"),
        "{extracted}"
    );
    let inverse = ok(db, &["io", "inverse", "--z", &z, "--sectors", &sectors]);
    assert_eq!(inverse.lines().count(), 4);
}

#[test]
fn bad_tables_and_graphs_are_named() {
    let dir = tempfile::tempdir().unwrap();
    let (z, sectors) = pair(dir.path());
    let bad = dir.path().join("bad.csv");
    std::fs::write(&bad, "code,s1,s2,s3\ns1,10,x,0\ns2,5,0,30\ns3,0,0,10\n").unwrap();
    let out = chainfair(
        "sqlite::memory:",
        &[
            "io",
            "multipliers",
            "--z",
            bad.to_str().unwrap(),
            "--sectors",
            &sectors,
        ],
    );
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr)
            .contains("bad.csv: line 2, column 3 (s2): \"x\" is not a number")
    );
    let out = chainfair(
        "sqlite::memory:",
        &[
            "io",
            "extract",
            "--z",
            &z,
            "--sectors",
            &sectors,
            "--sector",
            "s9",
        ],
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown sector \"s9\""));
}

#[test]
fn disruption_spreads_downstream() {
    let dir = tempfile::tempdir().unwrap();
    let (nodes, edges) = (dir.path().join("nodes.csv"), dir.path().join("edges.csv"));
    std::fs::write(&nodes, "id,label,buffer_days\nmine,Lithium mine,\nrefinery,Refinery,\ncells,Cell maker,15\nother,Other supplier,\n").unwrap();
    std::fs::write(
        &edges,
        "supplier,customer,value\nmine,refinery,30\nother,refinery,70\nrefinery,cells,5\n",
    )
    .unwrap();
    let csv = ok(
        "sqlite::memory:",
        &[
            "io",
            "disrupt",
            "--nodes",
            nodes.to_str().unwrap(),
            "--edges",
            edges.to_str().unwrap(),
            "--node",
            "mine",
            "--loss",
            "50",
        ],
    );
    // refinery: 30 % of its inputs, half lost = 15 %; cells: 15 % for half the 30 days.
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines[0], "id,label,loss");
    assert_eq!(lines[1], "mine,Lithium mine,0.5");
    assert!(lines[2].starts_with("refinery,Refinery,0.15"), "{csv}");
    assert!(lines[3].starts_with("cells,Cell maker,0.075"), "{csv}");
    assert_eq!(lines.len(), 4, "the other supplier is not hit");
}

#[test]
fn load_wiod_writes_the_csv_pair() {
    let Some(refdata) = std::env::var_os("CHAINFAIR_REFDATA").filter(|d| !d.is_empty()) else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let file = std::path::Path::new(&refdata).join("wiod2016-niot/CHN_NIOT_nov16.xlsx");
    let out = dir.path().join("chn");
    ok(
        "sqlite::memory:",
        &[
            "io",
            "load-wiod",
            file.to_str().unwrap(),
            "--year",
            "2014",
            "--out-dir",
            out.to_str().unwrap(),
        ],
    );
    let sectors = std::fs::read_to_string(out.join("sectors.csv")).unwrap();
    assert_eq!(sectors.lines().count(), 57, "56 industries and the header");
    let z = out.join("Z.csv").display().to_string();
    let s = out.join("sectors.csv").display().to_string();
    let from_pair = ok(
        "sqlite::memory:",
        &[
            "io",
            "upstreamness",
            "--open-economy",
            "--z",
            &z,
            "--sectors",
            &s,
        ],
    );
    let direct = ok(
        "sqlite::memory:",
        &[
            "io",
            "upstreamness",
            "--open-economy",
            "--wiod",
            file.to_str().unwrap(),
            "--year",
            "2014",
        ],
    );
    assert_eq!(from_pair, direct, "the written pair is the table itself");
}

#[test]
fn shares_from_a_baci_file() {
    let dir = tempfile::tempdir().unwrap();
    let flows = dir.path().join("baci.csv");
    // Two exporters of HS 0901 (coffee), one of 0902 (tea), which is left out.
    std::fs::write(&flows, "\"t\",\"i\",\"j\",\"k\",\"v\",\"q\"\n2021,76,156,90111,300.5,\"  10\"\n2021,704,156,90111,100,\"5\"\n2021,76,840,90121,99.5,\"1\"\n2021,156,76,90210,50,\"1\"\n").unwrap();
    let csv = ok(
        "sqlite::memory:",
        &["shares", "--baci", flows.to_str().unwrap(), "--hs", "0901"],
    );
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines[0], "economy,value,share");
    assert_eq!(lines[1], "76,400,0.8000");
    assert_eq!(lines[2], "704,100,0.2000");
    assert_eq!(
        lines[3],
        "# source: CEPII BACI exports of HS 0901, thousand USD; HHI 6800; top-1 80.0 %; top-3 100.0 %; chokepoint: yes"
    );
}

#[test]
fn coffee_shares_from_usda() {
    let Some(refdata) = std::env::var_os("CHAINFAIR_REFDATA").filter(|d| !d.is_empty()) else {
        return;
    };
    let file = std::path::Path::new(&refdata).join("usda-psd-coffee/psd_coffee_wide.csv");
    let json = ok(
        "sqlite::memory:",
        &[
            "shares",
            "--psd-coffee",
            file.to_str().unwrap(),
            "--year",
            "2023",
            "--json",
        ],
    );
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(value["concentration"]["shares"][0]["economy"], "Brazil");
    assert_eq!(
        value["source"],
        "USDA FAS PSD coffee, Production 2023, 1,000 bags of 60 kg"
    );
    assert_eq!(
        value["concentration"]["hhi"].as_f64().unwrap().round(),
        1919.0
    );
}
