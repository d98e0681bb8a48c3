//! Industry chains: an industry is a directed graph of segments, each at one
//! stage from raw inputs (upstream) to end products and services (downstream).
use crate::{HsCode, Invalid};
use serde::{Deserialize, Serialize};
use std::fmt;

/// Where a segment sits in its chain.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    utoipa::ToSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    Upstream,
    Midstream,
    Downstream,
}

impl Stage {
    pub const ALL: [Stage; 3] = [Stage::Upstream, Stage::Midstream, Stage::Downstream];

    pub fn as_str(self) -> &'static str {
        match self {
            Stage::Upstream => "upstream",
            Stage::Midstream => "midstream",
            Stage::Downstream => "downstream",
        }
    }

    pub fn parse(field: &'static str, input: &str) -> Result<Self, Invalid> {
        crate::parse_word(field, input, &Self::ALL.map(|s| (s.as_str(), s)))
    }
}

fn parse_slug(field: &'static str, input: &str) -> Result<String, Invalid> {
    let slug = input.trim();
    let ok = !slug.is_empty()
        && slug.len() <= 64
        && slug
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if ok {
        Ok(slug.to_owned())
    } else {
        Err(Invalid::new(
            field,
            format!("{input:?} is not a slug: use 1 to 64 lowercase letters, digits and '-'"),
        ))
    }
}

macro_rules! slug_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, utoipa::ToSchema)]
        pub struct $name(String);

        impl $name {
            pub fn parse(field: &'static str, input: &str) -> Result<Self, Invalid> {
                parse_slug(field, input).map(Self)
            }
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

slug_type!(
    /// An industry chain, e.g. `photovoltaics`, `coffee`.
    IndustryId
);
slug_type!(
    /// A segment of an industry chain, e.g. `polysilicon`.
    SegmentId
);

/// An industry and its name in English and Chinese.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Industry {
    pub id: IndustryId,
    pub name: String,
    pub name_zh: String,
}

/// One segment of an industry chain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Segment {
    pub id: SegmentId,
    pub industry: IndustryId,
    pub name: String,
    pub name_zh: String,
    pub stage: Stage,
    /// HS 2022 codes of the segment's products, where it makes physical goods.
    pub hs_codes: Vec<HsCode>,
    /// The segments this one feeds (its outputs are their inputs).
    pub feeds: Vec<SegmentId>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_lowercase_words() {
        assert!(IndustryId::parse("industry", "integrated-circuits").is_ok());
        assert!(IndustryId::parse("industry", "Integrated Circuits").is_err());
        assert_eq!(
            Stage::parse("stage", "Midstream").unwrap(),
            Stage::Midstream
        );
    }
}
