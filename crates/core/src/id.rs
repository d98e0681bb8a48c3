//! Identifiers chosen by the organiser (`cisce-2024`, `o-17`): short, stable,
//! safe in URLs and CSV cells.
use crate::Invalid;
use std::fmt;

const MAX_LEN: usize = 64;

fn parse_id(field: &'static str, input: &str) -> Result<String, Invalid> {
    let id = input.trim();
    if id.is_empty() {
        return Err(Invalid::new(field, "is empty"));
    }
    if id.len() > MAX_LEN {
        return Err(Invalid::new(
            field,
            format!("{id:?} is longer than {MAX_LEN} characters"),
        ));
    }
    if let Some(bad) = id
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || "-_.:".contains(*c)))
    {
        return Err(Invalid::new(
            field,
            format!("{id:?} contains {bad:?}; use letters, digits, '-', '_', '.' or ':'"),
        ));
    }
    Ok(id.to_owned())
}

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
        #[serde(try_from = "String", into = "String")]
        pub struct $name(String);

        impl $name {
            pub fn parse(field: &'static str, input: &str) -> Result<Self, Invalid> {
                parse_id(field, input).map(Self)
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

        impl TryFrom<String> for $name {
            type Error = Invalid;
            fn try_from(value: String) -> Result<Self, Invalid> {
                Self::parse(stringify!($name), &value)
            }
        }

        impl From<$name> for String {
            fn from(id: $name) -> String {
                id.0
            }
        }
    };
}

id_type!(
    /// An edition of the expo, e.g. `cisce-2024`.
    EditionId
);
id_type!(
    /// An organisation, the same across editions.
    OrganizationId
);
id_type!(
    /// A person registered for an edition.
    AttendeeId
);
id_type!(
    /// A meeting between two organisations in an edition.
    MeetingId
);
id_type!(
    /// A cooperation or intention agreement in an edition.
    AgreementId
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_organiser_ids() {
        assert_eq!(
            OrganizationId::parse("id", " o-17 ").unwrap().as_str(),
            "o-17"
        );
        assert!(EditionId::parse("id", "cisce-2024").is_ok());
    }

    #[test]
    fn rejects_empty_long_and_odd_ids() {
        assert_eq!(
            OrganizationId::parse("id", "").unwrap_err().message(),
            "is empty"
        );
        assert!(OrganizationId::parse("id", &"x".repeat(65)).is_err());
        let err = OrganizationId::parse("id", "o 17").unwrap_err();
        assert!(err.message().contains("' '"), "{err}");
    }
}
