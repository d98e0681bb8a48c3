//! Checks against the real reference data in `CHAINFAIR_REFDATA` (set by
//! `.ci/run`). Without the variable these tests have nothing to read and
//! return at once; `.ci/run` refuses to run without the folder.
use chainfair_core::{CountryCode, Region};
use std::path::PathBuf;

fn refdata() -> Option<PathBuf> {
    std::env::var_os("CHAINFAIR_REFDATA")
        .filter(|d| !d.is_empty())
        .map(PathBuf::from)
}

/// Splits one CSV line of the country-codes file (quoted fields allowed).
fn fields(line: &str) -> Vec<String> {
    let mut out = vec![String::new()];
    let mut quoted = false;
    for c in line.chars() {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => out.push(String::new()),
            c => out.last_mut().expect("one field at least").push(c),
        }
    }
    out
}

#[test]
fn the_country_table_agrees_with_iso_3166_and_un_m49() {
    let Some(dir) = refdata() else { return };
    let text = std::fs::read_to_string(dir.join("country-codes/country-codes.csv"))
        .expect("country-codes.csv");
    let mut lines = text.lines();
    let header = fields(lines.next().unwrap());
    let col = |name: &str| {
        header
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("column {name}"))
    };
    let (alpha2, alpha3, region, sub_region) = (
        col("ISO3166-1-Alpha-2"),
        col("ISO3166-1-Alpha-3"),
        col("Region Name"),
        col("Sub-region Name"),
    );
    let mut checked = 0;
    for line in lines {
        let row = fields(line);
        if row[alpha2].trim().is_empty() {
            continue;
        }
        let country = CountryCode::parse("country", &row[alpha2]).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            CountryCode::parse("country", &row[alpha3]).unwrap(),
            country,
            "{}",
            row[alpha3]
        );
        let expected = Some(row[region].trim())
            .filter(|r| !r.is_empty())
            .map(|r| Region::parse("region", r).unwrap());
        assert_eq!(country.region(), expected, "{}", row[alpha2]);
        assert_eq!(
            country.info().sub_region,
            row[sub_region].trim(),
            "{}",
            row[alpha2]
        );
        checked += 1;
    }
    assert_eq!(checked, 249);
}

/// The Federal Reserve H.10 files of the reference data import as they are:
/// every series but Venezuela's, with the values the data's README quotes.
#[tokio::test]
async fn federal_reserve_rates_import_from_the_reference_files() {
    use chainfair_core::ExchangeRate;
    use chainfair_store::{Kind, import_csv, read_all};
    let Some(dir) = refdata() else { return };
    for (file, expected_rows) in [("annual.csv", 962), ("monthly.csv", 12_950)] {
        let test = chainfair_e2e::sqlite().await;
        let path = dir.join("exchange-rates").join(file);
        let reader = std::fs::File::open(&path).unwrap();
        let report = import_csv(test.store.as_ref(), Kind::Rates, file, reader, &|_| {})
            .await
            .unwrap_or_else(|e| panic!("{file}: {e}"));
        assert_eq!(report.rows, expected_rows, "{file}");
        assert!(
            report
                .notes
                .iter()
                .any(|n| n.contains("Venezuela rows left out")),
            "{file}"
        );
        if file == "annual.csv" {
            let rates = read_all::<ExchangeRate>(test.store.as_ref(), None)
                .await
                .unwrap();
            let value = |day: &str, to: &str| {
                rates
                    .iter()
                    .find(|r| r.date.to_string() == day && r.to.to_string() == to)
                    .map(|r| r.rate.to_string())
            };
            assert_eq!(value("2024-01-01", "CNY").as_deref(), Some("7.1957"));
            assert_eq!(value("2008-01-01", "EUR").as_deref(), Some("0.6791"));
            assert_eq!(value("2024-01-01", "AUD").as_deref(), Some("1.5158"));
        }
    }
}
