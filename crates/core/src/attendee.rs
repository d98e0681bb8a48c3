use crate::{AttendeeId, EditionId, Invalid, OrganizationId};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// How a person attends: on site (counted by check-in) or online.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum AttendanceMode {
    Online,
    Offline,
}

impl AttendanceMode {
    pub fn as_str(self) -> &'static str {
        match self {
            AttendanceMode::Online => "online",
            AttendanceMode::Offline => "offline",
        }
    }

    pub fn parse(field: &'static str, input: &str) -> Result<Self, Invalid> {
        crate::parse_word(
            field,
            input,
            &[
                ("online", AttendanceMode::Online),
                ("offline", AttendanceMode::Offline),
            ],
        )
    }
}

/// A person registered for an edition, possibly on behalf of an organisation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attendee {
    pub edition: EditionId,
    pub id: AttendeeId,
    pub name: String,
    pub organization: Option<OrganizationId>,
    pub mode: AttendanceMode,
}

impl Attendee {
    pub fn new(
        edition: EditionId,
        id: AttendeeId,
        name: &str,
        organization: Option<OrganizationId>,
        mode: AttendanceMode,
    ) -> Result<Self, Invalid> {
        let name = name.trim();
        if name.is_empty() {
            return Err(Invalid::new("name", "is empty"));
        }
        Ok(Self {
            edition,
            id,
            name: name.to_owned(),
            organization,
            mode,
        })
    }
}

/// An attendee let in on one day. A second scan the same day is the same
/// check-in, so (edition, attendee, date) is its identity.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct CheckIn {
    pub edition: EditionId,
    pub attendee: AttendeeId,
    pub date: NaiveDate,
}

/// An organisation that has signed up, during an edition, for the next one.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Signup {
    pub edition: EditionId,
    pub organization: OrganizationId,
}
