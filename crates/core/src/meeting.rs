use crate::{EditionId, Invalid, MeetingId, OrganizationId};
use serde::{Deserialize, Serialize};

/// Where a meeting between two organisations stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MeetingStatus {
    Requested,
    Accepted,
    Declined,
    Cancelled,
    Scheduled,
    Held,
}

impl MeetingStatus {
    pub const ALL: [MeetingStatus; 6] = [
        MeetingStatus::Requested,
        MeetingStatus::Accepted,
        MeetingStatus::Declined,
        MeetingStatus::Cancelled,
        MeetingStatus::Scheduled,
        MeetingStatus::Held,
    ];

    /// Statuses that make the two parties "connected" in the closing report:
    /// an accepted request or a scheduled or held meeting.
    pub const CONNECTIONS: [MeetingStatus; 3] = [
        MeetingStatus::Accepted,
        MeetingStatus::Scheduled,
        MeetingStatus::Held,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            MeetingStatus::Requested => "requested",
            MeetingStatus::Accepted => "accepted",
            MeetingStatus::Declined => "declined",
            MeetingStatus::Cancelled => "cancelled",
            MeetingStatus::Scheduled => "scheduled",
            MeetingStatus::Held => "held",
        }
    }

    pub fn parse(field: &'static str, input: &str) -> Result<Self, Invalid> {
        crate::parse_word(field, input, &Self::ALL.map(|s| (s.as_str(), s)))
    }

    pub fn is_connection(self) -> bool {
        Self::CONNECTIONS.contains(&self)
    }
}

/// How much a meeting matters to those who asked for it: 1 (highest) to 5
/// (lowest). The scheduler places higher priorities first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Priority(u8);

impl Priority {
    pub const HIGHEST: Priority = Priority(1);
    pub const NORMAL: Priority = Priority(3);
    pub const LOWEST: Priority = Priority(5);

    pub fn parse(field: &'static str, input: &str) -> Result<Self, Invalid> {
        let input = input.trim();
        if input.is_empty() {
            return Ok(Self::NORMAL);
        }
        match input.parse::<u8>() {
            Ok(value @ 1..=5) => Ok(Priority(value)),
            _ => Err(Invalid::new(
                field,
                format!("{input:?} is not a priority from 1 (highest) to 5 (lowest)"),
            )),
        }
    }

    pub fn get(self) -> u8 {
        self.0
    }
}

/// A meeting between two different organisations in an edition.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Meeting {
    edition: EditionId,
    id: MeetingId,
    a: OrganizationId,
    b: OrganizationId,
    status: MeetingStatus,
    priority: Priority,
}

impl Meeting {
    pub fn new(
        edition: EditionId,
        id: MeetingId,
        a: OrganizationId,
        b: OrganizationId,
        status: MeetingStatus,
        priority: Priority,
    ) -> Result<Self, Invalid> {
        if a == b {
            return Err(Invalid::new("b", format!("{b:?} cannot meet itself")));
        }
        Ok(Self {
            edition,
            id,
            a,
            b,
            status,
            priority,
        })
    }

    pub fn edition(&self) -> &EditionId {
        &self.edition
    }
    pub fn id(&self) -> &MeetingId {
        &self.id
    }
    pub fn a(&self) -> &OrganizationId {
        &self.a
    }
    pub fn b(&self) -> &OrganizationId {
        &self.b
    }
    pub fn status(&self) -> MeetingStatus {
        self.status
    }
    pub fn priority(&self) -> Priority {
        self.priority
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn priority_defaults_to_normal_and_stays_in_range() {
        assert_eq!(Priority::parse("priority", "").unwrap(), Priority::NORMAL);
        assert_eq!(Priority::parse("priority", "1").unwrap(), Priority::HIGHEST);
        assert!(Priority::parse("priority", "0").is_err());
        assert!(Priority::parse("priority", "6").is_err());
    }

    #[test]
    fn only_accepted_scheduled_and_held_connect() {
        let connects = |word| {
            MeetingStatus::parse("status", word)
                .unwrap()
                .is_connection()
        };
        assert!(connects("accepted") && connects("scheduled") && connects("held"));
        assert!(!connects("requested") && !connects("declined") && !connects("cancelled"));
    }
}
