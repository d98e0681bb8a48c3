use crate::{AgreementId, EditionId, IndustryId, Invalid, Money, OrganizationId};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A signed cooperation agreement, or an intention agreement (a letter of intent).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
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

/// Where an agreement is in its life: recorded as an intention, then signed,
/// or cancelled from either. A cancelled agreement counts nowhere.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum AgreementStatus {
    Intention,
    Signed,
    Cancelled,
}

impl AgreementStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            AgreementStatus::Intention => "intention",
            AgreementStatus::Signed => "signed",
            AgreementStatus::Cancelled => "cancelled",
        }
    }

    pub fn parse(field: &'static str, input: &str) -> Result<Self, Invalid> {
        crate::parse_word(
            field,
            input,
            &[
                ("intention", AgreementStatus::Intention),
                ("signed", AgreementStatus::Signed),
                ("cancelled", AgreementStatus::Cancelled),
            ],
        )
    }
}

/// A change to an agreement after it was recorded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AgreementChange {
    /// An intention is signed on this date (which becomes its date).
    Sign(NaiveDate),
    /// An intention or a signed agreement is called off.
    Cancel,
    /// Everyone may see that it exists (never its amount).
    Publish,
    Unpublish,
}

impl AgreementChange {
    /// The word of the API and the audit log.
    pub fn as_str(self) -> &'static str {
        match self {
            AgreementChange::Sign(_) => "sign",
            AgreementChange::Cancel => "cancel",
            AgreementChange::Publish => "publish",
            AgreementChange::Unpublish => "unpublish",
        }
    }
}

/// Who looks at an agreement.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Viewer<'a> {
    Organiser,
    /// Someone acting for this organisation.
    Member(&'a OrganizationId),
    Public,
}

/// An agreement between two or more organisations at an edition.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Agreement {
    edition: EditionId,
    id: AgreementId,
    kind: AgreementKind,
    parties: Vec<OrganizationId>,
    amount: Option<Money>,
    signed_on: NaiveDate,
    industry: Option<IndustryId>,
    status: AgreementStatus,
    published: bool,
    revision: u32,
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
            status: AgreementStatus::Signed,
            published: false,
            revision: 0,
        })
    }

    /// Sets where the agreement is in its life (new ones are signed,
    /// unpublished, at revision 0).
    pub fn with_lifecycle(
        mut self,
        status: AgreementStatus,
        published: bool,
        revision: u32,
    ) -> Self {
        self.status = status;
        self.published = published;
        self.revision = revision;
        self
    }

    /// The agreement after `change`, one revision on; an error when its
    /// status does not allow it (a cancelled agreement stays cancelled).
    pub fn change(&self, change: AgreementChange) -> Result<Self, Invalid> {
        let mut next = self.clone();
        match (change, self.status) {
            (AgreementChange::Sign(on), AgreementStatus::Intention) => {
                next.status = AgreementStatus::Signed;
                next.signed_on = on;
            }
            (AgreementChange::Cancel, AgreementStatus::Intention | AgreementStatus::Signed) => {
                next.status = AgreementStatus::Cancelled;
            }
            (AgreementChange::Publish, _) => next.published = true,
            (AgreementChange::Unpublish, _) => next.published = false,
            (change, status) => {
                return Err(Invalid::new(
                    "status",
                    format!(
                        "agreement {} is {}; it cannot {}",
                        self.id,
                        status.as_str(),
                        change.as_str()
                    ),
                ));
            }
        }
        next.revision = self.revision + 1;
        Ok(next)
    }

    /// What `viewer` may see: parties and organisers everything, others
    /// that it exists (kind, parties, date, industry, status) when it is
    /// published, and nothing otherwise.
    pub fn view(&self, viewer: Viewer<'_>) -> Option<AgreementView> {
        let full = match viewer {
            Viewer::Organiser => true,
            Viewer::Member(org) => self.parties.contains(org),
            Viewer::Public => false,
        };
        (full || self.published).then(|| AgreementView {
            edition: self.edition.to_string(),
            id: self.id.to_string(),
            kind: self.kind,
            status: self.status,
            parties: self.parties.iter().map(ToString::to_string).collect(),
            amount: full
                .then(|| self.amount.map(|m| m.amount_string()))
                .flatten(),
            currency: full
                .then(|| self.amount.map(|m| m.currency().to_string()))
                .flatten(),
            signed_on: self.signed_on.to_string(),
            industry: self.industry.as_ref().map(ToString::to_string),
            published: self.published,
            revision: self.revision,
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
    pub fn status(&self) -> AgreementStatus {
        self.status
    }
    pub fn published(&self) -> bool {
        self.published
    }
    /// How many changes it has had since it was recorded.
    pub fn revision(&self) -> u32 {
        self.revision
    }
}

/// An agreement as a viewer may see it (the API's and the audit log's JSON).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct AgreementView {
    pub edition: String,
    pub id: String,
    pub kind: AgreementKind,
    pub status: AgreementStatus,
    pub parties: Vec<String>,
    /// A decimal string; absent when there is none or the viewer may not see it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub amount: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
    pub signed_on: String,
    pub industry: Option<String>,
    pub published: bool,
    pub revision: u32,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::CurrencyCode;

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

    fn intention() -> Agreement {
        let o = |s| OrganizationId::parse("parties", s).unwrap();
        Agreement::new(
            EditionId::parse("edition", "e").unwrap(),
            AgreementId::parse("id", "a1").unwrap(),
            AgreementKind::Cooperation,
            vec![o("x"), o("y")],
            Some(
                Money::parse(
                    "amount",
                    "1250.50",
                    CurrencyCode::parse("currency", "EUR").unwrap(),
                )
                .unwrap(),
            ),
            crate::parse_date("signed_on", "2024-07-16").unwrap(),
            None,
        )
        .unwrap()
        .with_lifecycle(AgreementStatus::Intention, false, 0)
    }

    #[test]
    fn lifecycle_goes_from_intention_to_signed_or_cancelled_and_no_further() {
        let day = crate::parse_date("date", "2024-07-18").unwrap();
        let signed = intention().change(AgreementChange::Sign(day)).unwrap();
        assert_eq!(signed.status(), AgreementStatus::Signed);
        assert_eq!(signed.signed_on(), day);
        assert_eq!(signed.revision(), 1);
        assert_eq!(
            signed
                .change(AgreementChange::Sign(day))
                .unwrap_err()
                .message(),
            "agreement a1 is signed; it cannot sign"
        );
        let cancelled = signed.change(AgreementChange::Cancel).unwrap();
        assert_eq!(cancelled.status(), AgreementStatus::Cancelled);
        assert_eq!(cancelled.revision(), 2);
        for change in [AgreementChange::Cancel, AgreementChange::Sign(day)] {
            assert!(cancelled.change(change).is_err(), "{change:?}");
        }
        assert!(intention().change(AgreementChange::Cancel).is_ok());
    }

    #[test]
    fn amounts_show_to_parties_and_organisers_and_existence_only_when_published() {
        let x = OrganizationId::parse("o", "x").unwrap();
        let z = OrganizationId::parse("o", "z").unwrap();
        let hidden = intention();
        assert!(hidden.view(Viewer::Public).is_none());
        assert!(hidden.view(Viewer::Member(&z)).is_none());
        for viewer in [Viewer::Organiser, Viewer::Member(&x)] {
            let view = hidden.view(viewer).unwrap();
            assert_eq!(view.amount.as_deref(), Some("1250.50"), "{viewer:?}");
            assert_eq!(view.currency.as_deref(), Some("EUR"));
        }
        let published = hidden.change(AgreementChange::Publish).unwrap();
        for viewer in [Viewer::Public, Viewer::Member(&z)] {
            let view = published.view(viewer).unwrap();
            assert_eq!((view.amount, view.currency), (None, None), "{viewer:?}");
            assert_eq!(view.parties, ["x", "y"]);
        }
    }
}
