use crate::{AgreementId, EditionId, IndustryId, Invalid, Money, OrganizationId};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A signed cooperation agreement, or an intention agreement (a letter of intent).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AgreementKind {
    Cooperation,
    Intention,
}

impl AgreementKind {
    pub fn as_str(self) -> &'static str {
        match self {
            AgreementKind::Cooperation => "cooperation",
            AgreementKind::Intention => "intention",
        }
    }

    pub fn parse(field: &'static str, input: &str) -> Result<Self, Invalid> {
        crate::parse_word(
            field,
            input,
            &[
                ("cooperation", AgreementKind::Cooperation),
                ("intention", AgreementKind::Intention),
            ],
        )
    }
}

/// An agreement between two or more organisations signed at an edition.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Agreement {
    edition: EditionId,
    id: AgreementId,
    kind: AgreementKind,
    parties: Vec<OrganizationId>,
    amount: Option<Money>,
    signed_on: NaiveDate,
    industry: Option<IndustryId>,
}

impl Agreement {
    pub fn new(
        edition: EditionId,
        id: AgreementId,
        kind: AgreementKind,
        parties: Vec<OrganizationId>,
        amount: Option<Money>,
        signed_on: NaiveDate,
        industry: Option<IndustryId>,
    ) -> Result<Self, Invalid> {
        if parties.len() < 2 {
            return Err(Invalid::new(
                "parties",
                format!(
                    "{} part{} named; an agreement needs two or more",
                    parties.len(),
                    if parties.len() == 1 { "y" } else { "ies" }
                ),
            ));
        }
        if let Some(twice) = parties
            .iter()
            .enumerate()
            .find_map(|(i, p)| parties[..i].contains(p).then_some(p))
        {
            return Err(Invalid::new("parties", format!("{twice:?} is named twice")));
        }
        if amount.is_some_and(Money::is_negative) {
            return Err(Invalid::new("amount", "is negative"));
        }
        Ok(Self {
            edition,
            id,
            kind,
            parties,
            amount,
            signed_on,
            industry,
        })
    }

    pub fn edition(&self) -> &EditionId {
        &self.edition
    }
    pub fn id(&self) -> &AgreementId {
        &self.id
    }
    pub fn kind(&self) -> AgreementKind {
        self.kind
    }
    pub fn parties(&self) -> &[OrganizationId] {
        &self.parties
    }
    pub fn amount(&self) -> Option<Money> {
        self.amount
    }
    pub fn signed_on(&self) -> NaiveDate {
        self.signed_on
    }
    pub fn industry(&self) -> Option<&IndustryId> {
        self.industry.as_ref()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn needs_two_distinct_parties() {
        let e = EditionId::parse("edition", "e").unwrap();
        let id = AgreementId::parse("id", "a1").unwrap();
        let o = |s| OrganizationId::parse("parties", s).unwrap();
        let day = crate::parse_date("signed_on", "2024-07-17").unwrap();
        let one = Agreement::new(
            e.clone(),
            id.clone(),
            AgreementKind::Intention,
            vec![o("x")],
            None,
            day,
            None,
        );
        assert_eq!(
            one.unwrap_err().message(),
            "1 party named; an agreement needs two or more"
        );
        let twice = Agreement::new(
            e.clone(),
            id.clone(),
            AgreementKind::Intention,
            vec![o("x"), o("x")],
            None,
            day,
            None,
        );
        assert!(twice.unwrap_err().message().contains("twice"));
        assert!(
            Agreement::new(
                e,
                id,
                AgreementKind::Cooperation,
                vec![o("x"), o("y"), o("z")],
                None,
                day,
                None
            )
            .is_ok()
        );
    }
}
