use crate::{EditionId, Invalid, OrganizationId};
use serde::{Deserialize, Serialize};

/// The part an organisation plays in an edition. An organisation may hold
/// several roles in one edition (an exhibitor that also buys).
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
pub enum Role {
    Exhibitor,
    CoExhibitor,
    Supplier,
    Buyer,
}

impl Role {
    pub const ALL: [Role; 4] = [
        Role::Exhibitor,
        Role::CoExhibitor,
        Role::Supplier,
        Role::Buyer,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Exhibitor => "exhibitor",
            Role::CoExhibitor => "co_exhibitor",
            Role::Supplier => "supplier",
            Role::Buyer => "buyer",
        }
    }

    pub fn parse(field: &'static str, input: &str) -> Result<Self, Invalid> {
        crate::parse_word(field, input, &Self::ALL.map(|r| (r.as_str(), r)))
    }
}

/// An organisation's role in one edition. A co-exhibitor always names the
/// exhibitor that brought it (`of`); no other role does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Participation {
    edition: EditionId,
    organization: OrganizationId,
    role: Role,
    of: Option<OrganizationId>,
    key_client: bool,
}

impl Participation {
    pub fn new(
        edition: EditionId,
        organization: OrganizationId,
        role: Role,
        of: Option<OrganizationId>,
        key_client: bool,
    ) -> Result<Self, Invalid> {
        match (role, &of) {
            (Role::CoExhibitor, None) => {
                return Err(Invalid::new(
                    "of",
                    "co_exhibitor without `of`: name the exhibitor that brought it",
                ));
            }
            (Role::CoExhibitor, Some(of)) if *of == organization => {
                return Err(Invalid::new(
                    "of",
                    format!("{of:?} cannot be its own exhibitor"),
                ));
            }
            (role, Some(of)) if role != Role::CoExhibitor => {
                return Err(Invalid::new(
                    "of",
                    format!(
                        "{of:?} given for a {}; only a co_exhibitor has `of`",
                        role.as_str()
                    ),
                ));
            }
            _ => {}
        }
        Ok(Self {
            edition,
            organization,
            role,
            of,
            key_client,
        })
    }

    pub fn edition(&self) -> &EditionId {
        &self.edition
    }
    pub fn organization(&self) -> &OrganizationId {
        &self.organization
    }
    pub fn role(&self) -> Role {
        self.role
    }
    /// The exhibitor a co-exhibitor came with.
    pub fn of(&self) -> Option<&OrganizationId> {
        self.of.as_ref()
    }
    pub fn key_client(&self) -> bool {
        self.key_client
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(s: &str) -> OrganizationId {
        OrganizationId::parse("organization", s).unwrap()
    }

    #[test]
    fn co_exhibitor_needs_its_exhibitor_and_only_it_has_one() {
        let e = EditionId::parse("edition", "e").unwrap();
        let err =
            Participation::new(e.clone(), id("a"), Role::CoExhibitor, None, false).unwrap_err();
        assert_eq!(err.field(), "of");
        assert!(err.message().starts_with("co_exhibitor without `of`"));
        assert!(
            Participation::new(e.clone(), id("a"), Role::CoExhibitor, Some(id("a")), false)
                .is_err()
        );
        assert!(
            Participation::new(e.clone(), id("a"), Role::Supplier, Some(id("b")), false).is_err()
        );
        assert!(Participation::new(e, id("a"), Role::CoExhibitor, Some(id("b")), false).is_ok());
    }
}
