//! What an organisation offers and seeks at an edition: the input of
//! matchmaking.
use crate::{
    CountryCode, EditionId, HsCode, IndustryId, Invalid, OrganizationId, Region, SegmentId,
};
use std::fmt;

/// A segment of an industry chain, written `industry/segment`
/// (`photovoltaics/polysilicon`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SegmentRef {
    pub industry: IndustryId,
    pub segment: SegmentId,
}

impl SegmentRef {
    pub fn parse(field: &'static str, input: &str) -> Result<Self, Invalid> {
        let (industry, segment) = input.trim().split_once('/').ok_or_else(|| {
            Invalid::new(
                field,
                format!("{input:?} is not industry/segment (e.g. photovoltaics/polysilicon)"),
            )
        })?;
        Ok(Self {
            industry: IndustryId::parse(field, industry)?,
            segment: SegmentId::parse(field, segment)?,
        })
    }
}

impl fmt::Display for SegmentRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.industry, self.segment)
    }
}

/// An ISO 639-1 language code, lowercase (`en`, `zh`, `es`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Language([u8; 2]);

impl Language {
    pub const ENGLISH: Language = Language(*b"en");

    pub fn parse(field: &'static str, input: &str) -> Result<Self, Invalid> {
        let code = input.trim().to_ascii_lowercase();
        match code.as_bytes() {
            [a, b] if a.is_ascii_lowercase() && b.is_ascii_lowercase() => Ok(Self([*a, *b])),
            _ => Err(Invalid::new(
                field,
                format!("{input:?} is not a two-letter ISO 639-1 language code"),
            )),
        }
    }

    pub fn as_str(&self) -> &str {
        // Two ASCII lowercase letters by construction.
        std::str::from_utf8(&self.0).unwrap_or("??")
    }
}

impl fmt::Display for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An organisation's matchmaking profile at one edition. Lists are sets:
/// parsed values are sorted and deduplicated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Profile {
    pub edition: EditionId,
    pub organization: OrganizationId,
    /// Products it sells, HS codes at any level.
    pub offers_hs: Vec<HsCode>,
    /// Products it buys.
    pub seeks_hs: Vec<HsCode>,
    /// Chain segments it works in (supplies).
    pub offers_segments: Vec<SegmentRef>,
    /// Chain segments it buys from.
    pub seeks_segments: Vec<SegmentRef>,
    /// Markets it sells to or sources from.
    pub target_countries: Vec<CountryCode>,
    pub target_regions: Vec<Region>,
    pub languages: Vec<Language>,
    pub description: String,
    /// Organisations it wants to meet whatever the score.
    pub must_meet: Vec<OrganizationId>,
    /// Organisations never to recommend to it.
    pub no_thanks: Vec<OrganizationId>,
}

/// Splits a list cell: items separated by spaces, commas or semicolons.
pub fn parse_list<T: Ord>(
    field: &'static str,
    input: &str,
    parse: impl Fn(&'static str, &str) -> Result<T, Invalid>,
) -> Result<Vec<T>, Invalid> {
    let mut items = input
        .split(|c: char| c.is_whitespace() || c == ',' || c == ';')
        .filter(|item| !item.is_empty())
        .map(|item| parse(field, item))
        .collect::<Result<Vec<T>, Invalid>>()?;
    items.sort();
    items.dedup();
    Ok(items)
}

/// The columns of a profile after `edition` and `organization`, in files and
/// in the database; lists are written space-separated.
pub const PROFILE_COLUMNS: [&str; 10] = [
    "offers_hs",
    "seeks_hs",
    "offers_segments",
    "seeks_segments",
    "target_countries",
    "target_regions",
    "languages",
    "description",
    "must_meet",
    "no_thanks",
];

fn join<T: fmt::Display>(items: &[T]) -> String {
    items
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(" ")
}

impl Profile {
    /// A profile from its cells, `cell` giving the text of each of
    /// [`PROFILE_COLUMNS`] (empty when absent).
    pub fn parse<'a>(
        edition: EditionId,
        organization: OrganizationId,
        cell: impl Fn(&'static str) -> &'a str,
    ) -> Result<Self, Invalid> {
        Profile {
            edition,
            organization,
            offers_hs: parse_list("offers_hs", cell("offers_hs"), HsCode::parse)?,
            seeks_hs: parse_list("seeks_hs", cell("seeks_hs"), HsCode::parse)?,
            offers_segments: parse_list(
                "offers_segments",
                cell("offers_segments"),
                SegmentRef::parse,
            )?,
            seeks_segments: parse_list(
                "seeks_segments",
                cell("seeks_segments"),
                SegmentRef::parse,
            )?,
            target_countries: parse_list(
                "target_countries",
                cell("target_countries"),
                CountryCode::parse,
            )?,
            target_regions: parse_list("target_regions", cell("target_regions"), Region::parse)?,
            languages: parse_list("languages", cell("languages"), Language::parse)?,
            description: cell("description").trim().to_owned(),
            must_meet: parse_list("must_meet", cell("must_meet"), OrganizationId::parse)?,
            no_thanks: parse_list("no_thanks", cell("no_thanks"), OrganizationId::parse)?,
        }
        .check()
    }

    /// The cells of [`PROFILE_COLUMNS`], in order.
    pub fn cells(&self) -> [String; 10] {
        [
            join(&self.offers_hs),
            join(&self.seeks_hs),
            join(&self.offers_segments),
            join(&self.seeks_segments),
            join(&self.target_countries),
            join(&self.target_regions),
            join(&self.languages),
            self.description.clone(),
            join(&self.must_meet),
            join(&self.no_thanks),
        ]
    }

    /// The rules a profile obeys beyond its fields: no preference about
    /// itself, nobody both must-meet and no-thanks.
    fn check(self) -> Result<Self, Invalid> {
        if self.must_meet.contains(&self.organization)
            || self.no_thanks.contains(&self.organization)
        {
            return Err(Invalid::new(
                "must_meet",
                format!("{} names itself", self.organization),
            ));
        }
        if let Some(both) = self.must_meet.iter().find(|o| self.no_thanks.contains(o)) {
            return Err(Invalid::new(
                "no_thanks",
                format!("{both} is both must-meet and no-thanks"),
            ));
        }
        Ok(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_segments_and_languages_parse() {
        let hs = parse_list("offers_hs", "2841; 284190,2841 85", HsCode::parse).unwrap();
        let codes: Vec<&str> = hs.iter().map(HsCode::as_str).collect();
        assert_eq!(codes, ["2841", "284190", "85"]);
        assert!(parse_list("offers_hs", "2841 28419", HsCode::parse).is_err());
        let s = SegmentRef::parse("seeks_segments", "photovoltaics/polysilicon").unwrap();
        assert_eq!(s.to_string(), "photovoltaics/polysilicon");
        assert!(SegmentRef::parse("seeks_segments", "polysilicon").is_err());
        assert_eq!(Language::parse("languages", "ZH").unwrap().as_str(), "zh");
        assert!(Language::parse("languages", "chi").is_err());
    }
}
