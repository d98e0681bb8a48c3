//! Tests on the real tables in `CHAINFAIR_REFDATA` (set by `.ci/run`, which
//! refuses to run without it). Without the variable there is nothing to read
//! and these tests return at once.
use crate::assert_close;
use chainfair_chains::io::{IoTable, Sector, UpstreamnessModel, read_wiod_niot};
use std::collections::HashMap;
use std::path::PathBuf;

fn refdata() -> Option<PathBuf> {
    std::env::var_os("CHAINFAIR_REFDATA")
        .filter(|d| !d.is_empty())
        .map(PathBuf::from)
}

/// The 43 WIOD 2016 national tables, by name.
fn wiod_files(dir: &std::path::Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir.join("wiod2016-niot"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "xlsx"))
        .collect();
    files.sort();
    files
}

fn records(path: &std::path::Path) -> Vec<HashMap<String, String>> {
    let mut reader =
        csv::Reader::from_path(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let header = reader.headers().unwrap().clone();
    reader
        .records()
        .map(|r| {
            header
                .iter()
                .map(String::from)
                .zip(r.unwrap().iter().map(String::from))
                .collect()
        })
        .collect()
}

/// Beutel's table 15.4 (Eurostat Manual of Supply, Use and Input-Output
/// Tables, 2008): 6 product groups. Expected values computed independently
/// with numpy.linalg (inv and solve) from the same file.
#[test]
fn beutel_textbook_table() {
    let Some(dir) = refdata() else { return };
    let rows = records(&dir.join("io-textbook/Beutel_15_4.csv"));
    let groups = [
        "agriculture_group",
        "manufacturing_group",
        "construction_group",
        "trade_group",
        "business_services_group",
        "other_services_group",
    ];
    let rows: Vec<_> = groups
        .iter()
        .map(|g| rows.iter().find(|r| r["iotables_row"] == *g).unwrap())
        .collect();
    let z: Vec<f64> = rows
        .iter()
        .flat_map(|r| groups.iter().map(|g| r[*g].parse::<f64>().unwrap()))
        .collect();
    let sectors = rows
        .iter()
        .map(|r| Sector {
            code: r["iotables_row"].clone(),
            label: r["t_rows2_lab"].clone(),
            output: r["output_bp"].parse().unwrap(),
            exports: r["export_goods_services"].parse().unwrap(),
            imports: 0.0,
            inventory_change: r["inventory_change"].parse().unwrap(),
        })
        .collect();
    let t = IoTable::new(sectors, z).unwrap();
    assert_close(
        &t.output_multipliers().unwrap(),
        &[
            1.70484866, 1.84135005, 1.81364087, 1.60352318, 1.59505621, 1.37825109,
        ],
        1e-8,
        "multipliers",
    );
    assert_close(
        &t.upstreamness(UpstreamnessModel::Closed).unwrap(),
        &[
            2.11263062, 1.69100278, 1.35576763, 1.58485677, 2.10371719, 1.2105924,
        ],
        1e-8,
        "upstreamness",
    );
}

/// The UK ONS 2010 product-by-product table: the output multipliers the ONS
/// published for all 127 products, from the technical coefficients.
#[test]
fn uk_ons_2010_output_multipliers() {
    let Some(dir) = refdata() else { return };
    let long = records(&dir.join("uk-ons-2010/uk_2010_coefficients_long.csv"));
    let mut codes: Vec<String> = Vec::new();
    let mut labels: HashMap<String, String> = HashMap::new();
    for r in &long {
        if !codes.contains(&r["uk_col"]) {
            codes.push(r["uk_col"].clone());
            labels.insert(r["uk_col"].clone(), r["uk_col_lab"].clone());
        }
    }
    let n = codes.len();
    assert_eq!(n, 127);
    let index: HashMap<&str, usize> = codes
        .iter()
        .enumerate()
        .map(|(i, c)| (c.as_str(), i))
        .collect();
    // A is given directly: a table with unit outputs has Z = A.
    let mut z = vec![0.0; n * n];
    for r in &long {
        let (Some(&i), Some(&j)) = (
            index.get(r["uk_row"].as_str()),
            index.get(r["uk_col"].as_str()),
        ) else {
            continue;
        };
        z[i * n + j] = r["values"].parse().unwrap();
    }
    let sectors = codes
        .iter()
        .map(|c| Sector {
            code: c.clone(),
            label: labels[c].clone(),
            output: 1.0,
            exports: 0.0,
            imports: 0.0,
            inventory_change: 0.0,
        })
        .collect();
    let t = IoTable::new(sectors, z).unwrap();
    let multipliers = t.output_multipliers().unwrap();
    let published = records(&dir.join("uk-ons-2010/uk_test_results.csv"));
    let mut checked = 0;
    for row in published
        .iter()
        .filter(|r| !r["Output multiplier"].is_empty())
    {
        let Some(j) = codes.iter().position(|c| labels[c] == row["uk_row_label"]) else {
            continue;
        };
        let expected: f64 = row["Output multiplier"].parse().unwrap();
        assert!(
            (multipliers[j] - expected).abs() < 1e-9,
            "{}: {} vs published {expected}",
            row["uk_row_label"],
            multipliers[j]
        );
        checked += 1;
    }
    assert_eq!(
        checked, 127,
        "every product's published multiplier was compared"
    );
}

/// Every WIOD 2016 national table loads for 2014 and gives an open-economy
/// upstreamness of at least 1 for every sector with output.
#[test]
fn all_43_wiod_tables_load_for_2014() {
    let Some(dir) = refdata() else { return };
    let files = wiod_files(&dir);
    assert_eq!(files.len(), 43);
    for path in files {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let file = std::fs::File::open(&path).unwrap();
        let t = read_wiod_niot(std::io::BufReader::new(file), &name, 2014)
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(t.len(), 56, "{name}");
        let u = t
            .upstreamness(UpstreamnessModel::Open)
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        for (s, u) in t.sectors().iter().zip(&u) {
            if s.output > 0.0 {
                assert!(*u >= 1.0 - 1e-12, "{name} {}: upstreamness {u}", s.code);
            }
        }
        let go: f64 = t.sectors().iter().map(|s| s.output).sum();
        assert!(go > 0.0, "{name}");
    }
}

#[test]
fn wiod_reader_names_a_missing_year() {
    let Some(dir) = refdata() else { return };
    let file = std::fs::File::open(dir.join("wiod2016-niot/AUT_NIOT_nov16.xlsx")).unwrap();
    let err =
        read_wiod_niot(std::io::BufReader::new(file), "AUT_NIOT_nov16.xlsx", 1999).unwrap_err();
    assert!(
        err.to_string()
            .starts_with("AUT_NIOT_nov16.xlsx: no table for 1999; the file has 2000, 2001"),
        "{err}"
    );
}

/// USDA PSD coffee, 2023 production: Brazil 38.7 %, Vietnam 16.0 %, HHI about
/// 1,919 (the figures the reference data's README gives, computed there
/// with independent tools).
#[test]
fn coffee_production_shares_2023() {
    use chainfair_chains::concentration::{ChokepointRule, concentration, read_psd_coffee};
    let Some(dir) = refdata() else { return };
    let file = std::fs::File::open(dir.join("usda-psd-coffee/psd_coffee_wide.csv")).unwrap();
    let values = read_psd_coffee(file, "psd_coffee_wide.csv", 2023, "Production").unwrap();
    let c = concentration(values, ChokepointRule::default()).unwrap();
    assert_eq!(c.shares[0].economy, "Brazil");
    assert_eq!(format!("{:.1}", c.shares[0].share * 100.0), "38.7");
    assert_eq!(c.shares[1].economy, "Vietnam");
    assert_eq!(format!("{:.1}", c.shares[1].share * 100.0), "16.0");
    assert!((c.hhi - 1919.0).abs() < 1.0, "HHI {}", c.hhi);
    assert!(
        !c.chokepoint,
        "38.7 % and HHI 1,919 stay under 50 % and 2,500"
    );
}

/// BACI: exports of HS 0805 (citrus fruit) aggregated by exporter, checked
/// against a sum over the raw lines done here.
#[test]
fn baci_exports_by_exporter() {
    use chainfair_chains::concentration::read_baci;
    use chainfair_core::HsCode;
    let Some(dir) = refdata() else { return };
    let path = dir.join("baci-sample/BACI_HS92_Y2021_i4_i710.csv");
    let text = std::fs::read_to_string(&path).unwrap();
    let mut expected: HashMap<String, f64> = HashMap::new();
    for line in text.lines().skip(1) {
        let cells: Vec<&str> = line.split(',').collect();
        let product = format!("{:0>6}", cells[3].trim_matches('"'));
        if product.starts_with("0805") {
            *expected.entry(cells[1].to_owned()).or_default() += cells[4].parse::<f64>().unwrap();
        }
    }
    let countries =
        std::fs::File::open(dir.join("baci-sample/baci_country_codes_V202201.csv")).unwrap();
    let hs = [HsCode::parse("hs", "0805").unwrap()];
    let got = read_baci(
        text.as_bytes(),
        "baci.csv",
        &hs,
        Some((countries, "codes.csv")),
    )
    .unwrap();
    let got: HashMap<String, f64> = got.into_iter().collect();
    assert!(expected["710"] > 0.0, "South Africa exports citrus");
    assert!(
        (got["ZAF"] - expected["710"]).abs() < 1e-6 * expected["710"],
        "{} vs {}",
        got["ZAF"],
        expected["710"]
    );
    assert_eq!(got.len(), expected.len());
}

/// The coffee map with the USDA PSD file loaded: the processing segment
/// (green coffee output, PSD "Production") has Brazil 38.7 %, Vietnam 16.0 %,
/// HHI about 1,919, and says where its shares come from.
#[test]
fn coffee_map_takes_its_shares_from_the_psd_file() {
    use chainfair_chains::concentration::ChokepointRule;
    use chainfair_chains::map::{ChainMap, SharesFrom, psd_coffee_overrides};
    use chainfair_chains::template::Chains;
    let Some(dir) = refdata() else { return };
    let bytes = std::fs::read(dir.join("usda-psd-coffee/psd_coffee_wide.csv")).unwrap();
    let chains = Chains::built_in().unwrap();
    let coffee = chains.get("coffee").unwrap();
    let overrides = psd_coffee_overrides(coffee, &bytes, "psd_coffee_wide.csv", 2023).unwrap();
    let map = ChainMap::build(coffee, &overrides, ChokepointRule::default()).unwrap();
    let processing = map.segment("processing").unwrap();
    let top: Vec<(&str, String)> = processing
        .shares
        .iter()
        .take(2)
        .map(|s| {
            (
                s.economy.code.as_deref().unwrap_or(""),
                format!("{:.1}", s.share.unwrap()),
            )
        })
        .collect();
    assert_eq!(top, [("BR", "38.7".to_owned()), ("VN", "16.0".to_owned())]);
    let c = processing.concentration.unwrap();
    assert!((c.hhi - 1919.0).abs() < 1.0, "HHI {}", c.hhi);
    assert!(
        matches!(&processing.shares_from, SharesFrom::Data { year: 2023, label } if label.contains("Production 2023"))
    );
    // Robusta: Vietnam leads; the bean-export segment is computed too.
    let robusta = map.segment("robusta-growing").unwrap();
    assert_eq!(robusta.shares[0].economy.code.as_deref(), Some("VN"));
    assert!(matches!(
        map.segment("green-coffee-trade").unwrap().shares_from,
        SharesFrom::Data { .. }
    ));
}

/// Gross output of WIOD industry C26 (computer, electronic and optical
/// products) in 2014 across the 43 national tables: the map's shares equal
/// the shares of the GO cells read here directly, summed by the test.
#[test]
fn wiod_output_shares_across_43_tables_match_an_independent_sum() {
    use calamine::{Data, Reader, Xlsx, open_workbook};
    use chainfair_chains::concentration::ChokepointRule;
    use chainfair_chains::map::{ChainMap, wiod_overrides};
    use chainfair_chains::template::Chains;
    let Some(dir) = refdata() else { return };
    let files = wiod_files(&dir);
    let mut tables = Vec::new();
    let mut by_hand: Vec<(String, f64)> = Vec::new();
    for path in &files {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let economy = name[..3].to_owned();
        let file = std::fs::File::open(path).unwrap();
        tables.push((
            economy.clone(),
            read_wiod_niot(std::io::BufReader::new(file), &name, 2014).unwrap(),
        ));
        // Independently: the GO cell of the domestic C26 row of 2014.
        let mut workbook: Xlsx<_> = open_workbook(path).unwrap();
        let sheet = workbook.worksheet_range("National IO-tables").unwrap();
        let header: Vec<String> = (0..sheet.width())
            .map(|c| sheet.get((0, c)).map(|d| d.to_string()).unwrap_or_default())
            .collect();
        let col = |n: &str| header.iter().position(|h| h == n).unwrap();
        let (code, origin, go) = (col("Code"), col("Origin"), col("GO"));
        let mut found = 0.0;
        for row in 0..sheet.height() {
            let cell = |c: usize| sheet.get((row, c)).cloned().unwrap_or(Data::Empty);
            let year = match cell(0) {
                Data::Float(y) => y,
                Data::Int(y) => y as f64,
                _ => continue,
            };
            if year == 2014.0 && cell(code) == "C26" && cell(origin) == "Domestic" {
                found += match cell(go) {
                    Data::Float(v) => v,
                    Data::Int(v) => v as f64,
                    _ => 0.0,
                };
            }
        }
        by_hand.push((economy, found));
    }
    assert_eq!(tables.len(), 43);
    let total: f64 = by_hand.iter().map(|(_, v)| v).sum();

    let chains = Chains::built_in().unwrap();
    let ic = chains.get("integrated-circuits").unwrap();
    let segment = ic.segments.iter().find(|s| s.wiod == "C26").unwrap();
    let overrides = wiod_overrides(ic, &tables, 2014);
    let map = ChainMap::build(ic, &overrides, ChokepointRule::default()).unwrap();
    let shares = &map.segment(segment.segment.id.as_str()).unwrap().shares;
    assert_eq!(
        shares.len(),
        by_hand.iter().filter(|(_, v)| *v > 0.0).count()
    );
    for share in shares {
        let alpha3 =
            chainfair_core::CountryCode::parse("economy", share.economy.code.as_deref().unwrap())
                .unwrap()
                .info()
                .alpha3;
        let (_, value) = by_hand.iter().find(|(e, _)| e == alpha3).unwrap();
        let expected = 100.0 * value / total;
        assert!(
            (share.share.unwrap() - expected).abs() < 1e-9,
            "{alpha3}: {} vs {expected}",
            share.share.unwrap()
        );
    }
    // China makes the most computer and electronic products of the 43.
    assert_eq!(shares[0].economy.code.as_deref(), Some("CN"));
}
