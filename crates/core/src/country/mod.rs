//! Countries with their UN M49 regions, from a table generated once from the
//! datasets/country-codes package (ISO 3166-1, UN M49, ISO 4217; ODC-PDDL) by
//! `scripts/gen_countries.py`.
use crate::Invalid;
use serde::{Deserialize, Serialize};
use std::fmt;

mod table;

/// A UN M49 region (the top level below "World").
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    utoipa::ToSchema,
)]
pub enum Region {
    Africa,
    Americas,
    Asia,
    Europe,
    Oceania,
}

impl Region {
    pub const ALL: [Region; 5] = [
        Region::Europe,
        Region::Americas,
        Region::Asia,
        Region::Africa,
        Region::Oceania,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Region::Africa => "Africa",
            Region::Americas => "Americas",
            Region::Asia => "Asia",
            Region::Europe => "Europe",
            Region::Oceania => "Oceania",
        }
    }

    pub fn parse(field: &'static str, input: &str) -> Result<Region, Invalid> {
        crate::parse_word(field, input, &Region::ALL.map(|r| (r.as_str(), r)))
    }
}

impl fmt::Display for Region {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What chainfair knows of a country.
#[derive(Debug, PartialEq, Eq)]
pub struct CountryInfo {
    pub alpha2: &'static str,
    pub alpha3: &'static str,
    pub numeric: u16,
    /// English short name (CLDR display name).
    pub name: &'static str,
    /// Chinese short name (UNTERM), or the official Chinese name.
    pub name_zh: &'static str,
    /// None for Antarctica, which M49 puts in no region.
    pub region: Option<Region>,
    pub sub_region: &'static str,
    pub intermediate_region: &'static str,
    /// First ISO 4217 currency listed for the country; empty if none.
    pub currency: &'static str,
}

/// An ISO 3166-1 country, parsed from its alpha-2 or alpha-3 code.
#[derive(
    Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, utoipa::ToSchema,
)]
#[serde(try_from = "String", into = "String")]
#[schema(value_type = String, examples("CN", "DE"))]
pub struct CountryCode(u8);

impl CountryCode {
    pub fn parse(field: &'static str, input: &str) -> Result<Self, Invalid> {
        let code = input.trim().to_ascii_uppercase();
        let found = match code.len() {
            2 => table::COUNTRIES.iter().position(|c| c.alpha2 == code),
            3 => table::COUNTRIES.iter().position(|c| c.alpha3 == code),
            _ => None,
        };
        found
            // The table has 249 rows, so an index always fits in a u8.
            .and_then(|index| u8::try_from(index).ok())
            .map(CountryCode)
            .ok_or_else(|| {
                Invalid::new(
                    field,
                    format!(
                        "unknown country {input:?}: expected an ISO 3166 alpha-2 or alpha-3 code"
                    ),
                )
            })
    }

    pub fn info(self) -> &'static CountryInfo {
        &table::COUNTRIES[usize::from(self.0)]
    }

    pub fn alpha2(self) -> &'static str {
        self.info().alpha2
    }

    pub fn region(self) -> Option<Region> {
        self.info().region
    }

    /// Every country chainfair knows, ordered by alpha-2 code.
    pub fn all() -> impl Iterator<Item = CountryCode> {
        (0..table::COUNTRIES.len())
            .filter_map(|i| u8::try_from(i).ok())
            .map(CountryCode)
    }
}

impl fmt::Display for CountryCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.alpha2())
    }
}

impl fmt::Debug for CountryCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "CountryCode({})", self.alpha2())
    }
}

impl TryFrom<String> for CountryCode {
    type Error = Invalid;
    fn try_from(value: String) -> Result<Self, Invalid> {
        Self::parse("country", &value)
    }
}

impl From<CountryCode> for String {
    fn from(code: CountryCode) -> String {
        code.alpha2().to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_alpha2_and_alpha3_to_the_same_country() {
        let de = CountryCode::parse("country", "DE").unwrap();
        assert_eq!(CountryCode::parse("country", "deu").unwrap(), de);
        assert_eq!(de.info().name, "Germany");
        assert_eq!(de.info().name_zh, "德国");
        assert_eq!(de.region(), Some(Region::Europe));
        assert_eq!(de.info().sub_region, "Western Europe");
        assert_eq!(de.info().currency, "EUR");
    }

    #[test]
    fn knows_m49_regions() {
        let region = |code| CountryCode::parse("country", code).unwrap().region();
        assert_eq!(region("CN"), Some(Region::Asia));
        assert_eq!(region("BR"), Some(Region::Americas));
        assert_eq!(region("KE"), Some(Region::Africa));
        assert_eq!(region("AU"), Some(Region::Oceania));
        assert_eq!(region("AQ"), None);
    }

    #[test]
    fn unknown_code_names_the_value() {
        let err = CountryCode::parse("country", "XX").unwrap_err();
        assert_eq!(
            err.to_string(),
            "country: unknown country \"XX\": expected an ISO 3166 alpha-2 or alpha-3 code"
        );
    }

    #[test]
    fn every_code_names_one_country() {
        let mut alpha2: Vec<&str> = CountryCode::all().map(|c| c.info().alpha2).collect();
        let mut alpha3: Vec<&str> = CountryCode::all().map(|c| c.info().alpha3).collect();
        alpha2.dedup();
        alpha3.sort_unstable();
        alpha3.dedup();
        assert_eq!(
            (alpha2.len(), alpha3.len()),
            (249, 249),
            "sorted by alpha-2, no code twice"
        );
        assert!(CountryCode::all().all(|c| CountryCode::parse("c", c.info().alpha3) == Ok(c)));
    }
}
