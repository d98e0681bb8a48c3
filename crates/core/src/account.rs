//! Accounts: who signs in, in which role, acting for which organisation.
use crate::{Invalid, OrganizationId, Viewer};
use serde::{Deserialize, Serialize};

/// What an account may do: the organiser everything; exhibitor staff what
/// concerns their one organisation; visitors the public pages and their own
/// badge.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum AccountRole {
    Organiser,
    Exhibitor,
    Visitor,
}

impl AccountRole {
    pub fn as_str(self) -> &'static str {
        match self {
            AccountRole::Organiser => "organiser",
            AccountRole::Exhibitor => "exhibitor",
            AccountRole::Visitor => "visitor",
        }
    }

    pub fn parse(field: &'static str, input: &str) -> Result<Self, Invalid> {
        crate::parse_word(
            field,
            input,
            &[
                ("organiser", AccountRole::Organiser),
                ("exhibitor", AccountRole::Exhibitor),
                ("visitor", AccountRole::Visitor),
            ],
        )
    }
}

/// A person's account. Exhibitor staff are bound to exactly one
/// organisation; organisers and visitors to none.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Account {
    pub id: String,
    pub email: String,
    pub name: String,
    pub role: AccountRole,
    pub organization: Option<OrganizationId>,
    /// The language of the pages: `en` or `zh`.
    pub lang: String,
}

impl Account {
    pub fn new(
        id: String,
        email: &str,
        name: &str,
        role: AccountRole,
        organization: Option<OrganizationId>,
        lang: &str,
    ) -> Result<Self, Invalid> {
        let name = name.trim();
        if name.is_empty() || name.chars().count() > 200 {
            return Err(Invalid::new("name", "must be 1 to 200 characters"));
        }
        match (role, &organization) {
            (AccountRole::Exhibitor, None) => {
                return Err(Invalid::new(
                    "organization",
                    "exhibitor staff act for one organisation; none given",
                ));
            }
            (AccountRole::Organiser | AccountRole::Visitor, Some(_)) => {
                return Err(Invalid::new(
                    "organization",
                    format!("a {} acts for no organisation", role.as_str()),
                ));
            }
            _ => {}
        }
        Ok(Self {
            id,
            email: normalise_email("email", email)?,
            name: name.to_owned(),
            role,
            organization,
            lang: parse_lang("lang", lang)?.to_owned(),
        })
    }

    /// How the account sees agreements and other partly private records.
    pub fn viewer(&self) -> Viewer<'_> {
        match (self.role, &self.organization) {
            (AccountRole::Organiser, _) => Viewer::Organiser,
            (AccountRole::Exhibitor, Some(org)) => Viewer::Member(org),
            _ => Viewer::Public,
        }
    }

    /// Whether the account may act for `org`: the organiser for everyone,
    /// staff for their own organisation.
    pub fn acts_for(&self, org: &OrganizationId) -> bool {
        self.role == AccountRole::Organiser || self.organization.as_ref() == Some(org)
    }

    pub fn is_organiser(&self) -> bool {
        self.role == AccountRole::Organiser
    }
}

/// An e-mail address, trimmed and lowercased (addresses are compared so).
/// Only the shape is checked: one `@` with text on both sides, no spaces.
pub fn normalise_email(field: &'static str, input: &str) -> Result<String, Invalid> {
    let email = input.trim().to_lowercase();
    let ok = email.len() <= 254
        && !email.chars().any(char::is_whitespace)
        && email.split_once('@').is_some_and(|(user, domain)| {
            !user.is_empty() && domain.contains('.') && !domain.contains('@')
        });
    if ok {
        Ok(email)
    } else {
        Err(Invalid::new(
            field,
            format!("{input:?} is not an e-mail address"),
        ))
    }
}

/// `en` or `zh`.
pub fn parse_lang(field: &'static str, input: &str) -> Result<&'static str, Invalid> {
    crate::parse_word(field, input, &[("en", "en"), ("zh", "zh")])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn staff_belong_to_one_organisation_and_others_to_none() {
        let org = OrganizationId::parse("organization", "o-1").unwrap();
        let staff = Account::new(
            "u1".into(),
            " Li.Na@Example.COM ",
            "Li Na",
            AccountRole::Exhibitor,
            Some(org.clone()),
            "zh",
        )
        .unwrap();
        assert_eq!(staff.email, "li.na@example.com");
        assert!(staff.acts_for(&org));
        assert!(!staff.acts_for(&OrganizationId::parse("o", "o-2").unwrap()));
        assert_eq!(staff.viewer(), Viewer::Member(&org));
        let no_org = Account::new(
            "u2".into(),
            "a@b.cn",
            "A",
            AccountRole::Exhibitor,
            None,
            "en",
        );
        assert_eq!(no_org.unwrap_err().field(), "organization");
        let organiser_with_org = Account::new(
            "u3".into(),
            "a@b.cn",
            "A",
            AccountRole::Organiser,
            Some(org),
            "en",
        );
        assert!(organiser_with_org.is_err());
    }

    #[test]
    fn emails_need_one_at_and_a_domain() {
        for bad in ["", "a", "a@b", "@b.cn", "a b@c.cn", "a@b@c.cn"] {
            assert!(normalise_email("email", bad).is_err(), "{bad:?}");
        }
        assert_eq!(normalise_email("email", "X@Y.cn").unwrap(), "x@y.cn");
    }
}
