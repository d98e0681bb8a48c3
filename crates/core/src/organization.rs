use crate::{CountryCode, Invalid, OrganizationId};
use serde::{Deserialize, Serialize};

/// What sort of body an organisation is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum OrgKind {
    Company,
    Institution,
    InternationalOrganization,
}

impl OrgKind {
    pub const ALL: [OrgKind; 3] = [
        OrgKind::Company,
        OrgKind::Institution,
        OrgKind::InternationalOrganization,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            OrgKind::Company => "company",
            OrgKind::Institution => "institution",
            OrgKind::InternationalOrganization => "international_organization",
        }
    }

    pub fn parse(field: &'static str, input: &str) -> Result<Self, Invalid> {
        crate::parse_word(field, input, &Self::ALL.map(|k| (k.as_str(), k)))
    }
}

/// A company, institution or international organisation. It exists once
/// across editions and takes part in each through [`crate::Participation`]s.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Organization {
    id: OrganizationId,
    name: String,
    name_zh: Option<String>,
    country: CountryCode,
    kind: OrgKind,
}

/// Legal-form words that do not tell two organisations apart.
const LEGAL_FORMS: &[&str] = &[
    "co",
    "company",
    "corp",
    "corporation",
    "inc",
    "incorporated",
    "ltd",
    "limited",
    "llc",
    "gmbh",
    "ag",
    "sa",
    "sas",
    "spa",
    "srl",
    "bv",
    "nv",
    "plc",
    "pty",
    "kk",
    "oy",
    "ab",
    "as",
];

impl Organization {
    pub fn new(
        id: OrganizationId,
        name: &str,
        name_zh: Option<&str>,
        country: CountryCode,
        kind: OrgKind,
    ) -> Result<Self, Invalid> {
        let name = name.trim();
        if name.is_empty() {
            return Err(Invalid::new("name", "is empty"));
        }
        let name_zh = name_zh
            .map(str::trim)
            .filter(|zh| !zh.is_empty())
            .map(str::to_owned);
        Ok(Self {
            id,
            name: name.to_owned(),
            name_zh,
            country,
            kind,
        })
    }

    pub fn id(&self) -> &OrganizationId {
        &self.id
    }
    pub fn name(&self) -> &str {
        &self.name
    }
    pub fn name_zh(&self) -> Option<&str> {
        self.name_zh.as_deref()
    }
    pub fn country(&self) -> CountryCode {
        self.country
    }
    pub fn kind(&self) -> OrgKind {
        self.kind
    }

    /// The key organisations are de-duplicated by: the normalised name plus
    /// the country. Case, punctuation and legal forms ("Co., Ltd.", "GmbH")
    /// are dropped, so "Huaxin Solar Co., Ltd." and "HUAXIN SOLAR LTD" from
    /// the same country are one organisation.
    pub fn dedup_key(&self) -> String {
        let lowered: String = self
            .name
            .chars()
            .flat_map(|c| {
                if c.is_alphanumeric() {
                    c.to_lowercase().collect::<Vec<_>>()
                } else {
                    vec![' ']
                }
            })
            .collect();
        let words: Vec<&str> = lowered
            .split_whitespace()
            .filter(|w| !LEGAL_FORMS.contains(w))
            .collect();
        format!("{}|{}", words.join(" "), self.country.alpha2())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn org(id: &str, name: &str, country: &str) -> Organization {
        Organization::new(
            OrganizationId::parse("id", id).unwrap(),
            name,
            None,
            CountryCode::parse("country", country).unwrap(),
            OrgKind::Company,
        )
        .unwrap()
    }

    #[test]
    fn same_name_in_other_clothes_is_the_same_organisation() {
        let a = org("a", "Huaxin Solar Co., Ltd.", "CN");
        let b = org("b", "HUAXIN SOLAR LTD", "CHN");
        let c = org("c", "Huaxin Solar Co., Ltd.", "DE");
        // Capitals beyond ASCII fold too.
        assert_eq!(
            org("d", "MÜLLER GMBH", "DE").dedup_key(),
            org("e", "Müller GmbH", "DE").dedup_key()
        );
        assert_eq!(a.dedup_key(), b.dedup_key());
        assert_ne!(a.dedup_key(), c.dedup_key());
    }

    #[test]
    fn kind_parses_its_three_words() {
        assert_eq!(
            OrgKind::parse("kind", "international_organization").unwrap(),
            OrgKind::InternationalOrganization
        );
        let err = OrgKind::parse("kind", "ngo").unwrap_err();
        assert_eq!(
            err.message(),
            "\"ngo\" is not one of company, institution, international_organization"
        );
    }
}
