//! How concentrated a segment is among economies (or firms): shares, the
//! Herfindahl-Hirschman index and a chokepoint flag.
//!
//! - share_i = value_i / sum of values;
//! - HHI = sum of (100 * share_i)^2, on the 0 to 10,000 scale (10,000 = one
//!   supplier; the US merger guidelines call above 2,500 "highly
//!   concentrated");
//! - top-1 and top-3 shares;
//! - a chokepoint when the top share reaches `top1_at_least` (default 50 %)
//!   or the HHI reaches `hhi_at_least` (default 2,500).
//!
//! Values come from curated figures or from data in real formats:
//! [`read_psd_coffee`] (USDA FAS PSD coffee), [`read_baci`] (CEPII BACI
//! trade flows, aggregated by exporter over a segment's HS codes).
use crate::io::IoError;
use crate::io::csv_pair::{csv_error, header, read_error};
use chainfair_core::HsCode;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use std::io::Read;

/// When a segment counts as a chokepoint.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ChokepointRule {
    pub top1_at_least: f64,
    pub hhi_at_least: f64,
}

impl Default for ChokepointRule {
    fn default() -> Self {
        Self {
            top1_at_least: 0.5,
            hhi_at_least: 2500.0,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Share {
    pub economy: String,
    pub value: f64,
    /// 0 to 1.
    pub share: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Concentration {
    /// Largest first; ties by name.
    pub shares: Vec<Share>,
    pub total: f64,
    /// 0 to 10,000.
    pub hhi: f64,
    pub top1: f64,
    pub top3: f64,
    pub chokepoint: bool,
}

/// Shares and concentration of `values` (economy, non-negative value);
/// values of the same economy are added up.
pub fn concentration(
    values: impl IntoIterator<Item = (String, f64)>,
    rule: ChokepointRule,
) -> Result<Concentration, IoError> {
    let mut by_economy: BTreeMap<String, f64> = BTreeMap::new();
    for (economy, value) in values {
        if !value.is_finite() || value < 0.0 {
            return Err(IoError::Shape(format!(
                "{economy}: value {value} is not a non-negative number"
            )));
        }
        *by_economy.entry(economy).or_default() += value;
    }
    let total: f64 = by_economy.values().sum();
    if total <= 0.0 {
        return Err(IoError::Shape(
            "no economy has a positive value: shares are undefined".into(),
        ));
    }
    let mut shares: Vec<Share> = by_economy
        .into_iter()
        .filter(|(_, v)| *v > 0.0)
        .map(|(economy, value)| Share {
            economy,
            value,
            share: value / total,
        })
        .collect();
    shares.sort_by(|a, b| {
        b.value
            .total_cmp(&a.value)
            .then_with(|| a.economy.cmp(&b.economy))
    });
    let hhi = shares.iter().map(|s| (100.0 * s.share).powi(2)).sum();
    let top1 = shares.first().map_or(0.0, |s| s.share);
    let top3 = shares.iter().take(3).map(|s| s.share).sum();
    let chokepoint = top1 >= rule.top1_at_least || hhi >= rule.hhi_at_least;
    Ok(Concentration {
        shares,
        total,
        hhi,
        top1,
        top3,
        chokepoint,
    })
}

/// One column of the USDA FAS PSD coffee file (`psd_coffee_wide.csv`:
/// Country, Year, Production, Bean Exports, Roast & Ground Exports, Soluble
/// Exports ...; 1,000 bags of 60 kg) for one year, by country.
pub fn read_psd_coffee(
    reader: impl Read,
    file: &str,
    year: u16,
    attribute: &str,
) -> Result<Vec<(String, f64)>, IoError> {
    let mut csv = csv::Reader::from_reader(reader);
    let header = header(&mut csv, file)?;
    let column = |name: &str| {
        header
            .iter()
            .position(|h| h == name)
            .ok_or_else(|| read_error(file, 1, name, format!("missing column {name:?}")))
    };
    let (country, year_col, value_col) = (column("Country")?, column("Year")?, column(attribute)?);
    let mut values = Vec::new();
    for record in csv.records() {
        let record = record.map_err(|e| csv_error(file, e))?;
        let line = record.position().map_or(0, |p| p.line());
        if record.get(year_col).map(str::trim) != Some(year.to_string().as_str()) {
            continue;
        }
        let text = record.get(value_col).unwrap_or("").trim();
        let value = text
            .parse::<f64>()
            .map_err(|_| read_error(file, line, attribute, format!("{text:?} is not a number")))?;
        values.push((record.get(country).unwrap_or("").trim().to_owned(), value));
    }
    if values.is_empty() {
        return Err(read_error(file, 0, "Year", format!("no row for {year}")));
    }
    Ok(values)
}

/// Exports by exporter from a BACI file (`t,i,j,k,v,q`: year, exporter,
/// importer, HS6 product, value in thousand USD, quantity in tonnes), over
/// the products under any of `hs` (codes at any level). `countries` is BACI's
/// country table (`country_code,...,iso_3digit_alpha`); exporters are named by
/// their ISO alpha-3 code when it is given, by BACI's number otherwise.
pub fn read_baci(
    flows: impl Read,
    file: &str,
    hs: &[HsCode],
    countries: Option<(impl Read, &str)>,
) -> Result<Vec<(String, f64)>, IoError> {
    let mut names: HashMap<String, String> = HashMap::new();
    if let Some((reader, name)) = countries {
        // BACI's country table is Latin-1 (Côte d'Ivoire ...); only the two
        // ASCII code columns are read, byte by byte.
        let mut csv = csv::Reader::from_reader(reader);
        let header = csv.byte_headers().map_err(|e| csv_error(name, e))?.clone();
        let column = |wanted: &str| {
            header
                .iter()
                .position(|h| h == wanted.as_bytes())
                .ok_or_else(|| read_error(name, 1, wanted, format!("missing column {wanted:?}")))
        };
        let (code, iso) = (column("country_code")?, column("iso_3digit_alpha")?);
        for record in csv.byte_records() {
            let record = record.map_err(|e| csv_error(name, e))?;
            if let (Some(c), Some(i)) = (record.get(code), record.get(iso)) {
                let text = |bytes: &[u8]| String::from_utf8_lossy(bytes).trim().to_owned();
                names.insert(text(c), text(i));
            }
        }
    }
    let mut csv = csv::Reader::from_reader(flows);
    let header = header(&mut csv, file)?;
    let column = |name: &str| {
        header
            .iter()
            .position(|h| h == name)
            .ok_or_else(|| read_error(file, 1, name, format!("missing column {name:?}")))
    };
    let (exporter, product, value) = (column("i")?, column("k")?, column("v")?);
    let mut by_exporter: BTreeMap<String, f64> = BTreeMap::new();
    for record in csv.records() {
        let record = record.map_err(|e| csv_error(file, e))?;
        let line = record.position().map_or(0, |p| p.line());
        let k = record.get(product).unwrap_or("").trim();
        // BACI writes HS6 codes as numbers: 90111 is 090111.
        let k = format!("{k:0>6}");
        let code = HsCode::parse("k", &k)
            .map_err(|e| read_error(file, line, "k", e.message().to_owned()))?;
        if !hs.iter().any(|wanted| code.is_within(wanted)) {
            continue;
        }
        let text = record.get(value).unwrap_or("").trim();
        let v = text
            .parse::<f64>()
            .map_err(|_| read_error(file, line, "v", format!("{text:?} is not a number")))?;
        let i = record.get(exporter).unwrap_or("").trim();
        let name = names.get(i).cloned().unwrap_or_else(|| i.to_owned());
        *by_exporter.entry(name).or_default() += v;
    }
    Ok(by_exporter.into_iter().collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(pairs: &[(&str, f64)]) -> Vec<(String, f64)> {
        pairs.iter().map(|(e, v)| (e.to_string(), *v)).collect()
    }

    #[test]
    fn hhi_and_top_shares_by_hand() {
        // Shares 50, 30, 20: HHI = 2,500 + 900 + 400 = 3,800.
        let c = concentration(
            values(&[("BR", 25.0), ("VN", 15.0), ("CO", 10.0)]),
            ChokepointRule::default(),
        )
        .unwrap();
        assert!((c.hhi - 3800.0).abs() < 1e-9);
        assert_eq!(c.shares[0].economy, "BR");
        assert!((c.top1 - 0.5).abs() < 1e-12 && (c.top3 - 1.0).abs() < 1e-12);
        assert!(c.chokepoint);
        // Ten equal suppliers: HHI 1,000, top share 10 %: no chokepoint.
        let even: Vec<(String, f64)> = (0..10).map(|i| (format!("e{i}"), 1.0)).collect();
        let c = concentration(even, ChokepointRule::default()).unwrap();
        assert!((c.hhi - 1000.0).abs() < 1e-9 && !c.chokepoint);
        // Two equal suppliers (top share 50 %, HHI 5,000) are a chokepoint by
        // default, not under a rule that wants 60 % and 6,000.
        let two = || values(&[("a", 1.0), ("b", 1.0)]);
        assert!(
            concentration(two(), ChokepointRule::default())
                .unwrap()
                .chokepoint
        );
        let lenient = ChokepointRule {
            top1_at_least: 0.6,
            hhi_at_least: 6000.0,
        };
        assert!(!concentration(two(), lenient).unwrap().chokepoint);
    }

    #[test]
    fn same_economy_adds_up_and_bad_values_are_refused() {
        let c = concentration(
            values(&[("CN", 1.0), ("CN", 3.0), ("US", 4.0)]),
            ChokepointRule::default(),
        )
        .unwrap();
        assert_eq!(c.shares.len(), 2);
        assert!((c.hhi - 5000.0).abs() < 1e-9);
        assert!(concentration(values(&[("CN", -1.0)]), ChokepointRule::default()).is_err());
        assert!(concentration(values(&[("CN", 0.0)]), ChokepointRule::default()).is_err());
    }
}
