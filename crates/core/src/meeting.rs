use crate::{EditionId, Invalid, MeetingId, OrganizationId};
use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

/// Where a meeting between two organisations stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
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
    /// Requested, accepted or scheduled: a pair has at most one such meeting.
    pub fn is_open(self) -> bool {
        matches!(
            self,
            MeetingStatus::Requested | MeetingStatus::Accepted | MeetingStatus::Scheduled
        )
    }

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

/// When and where a scheduled meeting takes place, in the edition's local
/// time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placement {
    pub start: NaiveDateTime,
    pub end: NaiveDateTime,
    pub table: String,
}

impl Placement {
    pub fn new(start: NaiveDateTime, end: NaiveDateTime, table: &str) -> Result<Self, Invalid> {
        if end <= start {
            return Err(Invalid::new(
                "slot_end",
                format!("{end} is not after {start}"),
            ));
        }
        let table = table.trim();
        if table.is_empty() {
            return Err(Invalid::new("table", "a scheduled meeting needs a table"));
        }
        Ok(Self {
            start,
            end,
            table: table.to_owned(),
        })
    }

    /// `2024-07-16T09:00`, as files and the database write it.
    pub fn format(time: NaiveDateTime) -> String {
        time.format("%Y-%m-%dT%H:%M").to_string()
    }

    pub fn parse_time(field: &'static str, input: &str) -> Result<NaiveDateTime, Invalid> {
        NaiveDateTime::parse_from_str(input.trim(), "%Y-%m-%dT%H:%M").map_err(|_| {
            Invalid::new(
                field,
                format!("{input:?} is not a local time like 2024-07-16T09:00"),
            )
        })
    }
}

/// What a party or the organiser does to a meeting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum MeetingAction {
    Accept,
    Decline,
    Cancel,
    Lock,
    Unlock,
}

impl MeetingAction {
    pub const ALL: [MeetingAction; 5] = [
        MeetingAction::Accept,
        MeetingAction::Decline,
        MeetingAction::Cancel,
        MeetingAction::Lock,
        MeetingAction::Unlock,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            MeetingAction::Accept => "accept",
            MeetingAction::Decline => "decline",
            MeetingAction::Cancel => "cancel",
            MeetingAction::Lock => "lock",
            MeetingAction::Unlock => "unlock",
        }
    }

    pub fn parse(field: &'static str, input: &str) -> Result<Self, Invalid> {
        crate::parse_word(field, input, &Self::ALL.map(|a| (a.as_str(), a)))
    }
}

/// A meeting between two different organisations in an edition: `a`
/// requested it of `b` (or the organiser booked it for both).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Meeting {
    edition: EditionId,
    id: MeetingId,
    a: OrganizationId,
    b: OrganizationId,
    status: MeetingStatus,
    priority: Priority,
    message: String,
    /// Locked by the organiser: scheduling leaves it where it is and the
    /// parties cannot cancel it.
    locked: bool,
    /// Booked by the organiser on the parties' behalf.
    booked: bool,
    placement: Option<Placement>,
    /// Bumped on every change a calendar shows (RFC 5545 SEQUENCE).
    sequence: u32,
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
            message: String::new(),
            locked: false,
            booked: false,
            placement: None,
            sequence: 0,
        })
    }

    pub fn with_message(mut self, message: &str) -> Self {
        self.message = message.trim().to_owned();
        self
    }

    pub fn with_flags(mut self, locked: bool, booked: bool) -> Self {
        self.locked = locked;
        self.booked = booked;
        self
    }

    pub fn with_placement(mut self, placement: Option<Placement>) -> Self {
        self.placement = placement;
        self
    }

    pub fn with_sequence(mut self, sequence: u32) -> Self {
        self.sequence = sequence;
        self
    }

    pub fn message(&self) -> &str {
        &self.message
    }
    pub fn locked(&self) -> bool {
        self.locked
    }
    pub fn booked(&self) -> bool {
        self.booked
    }
    pub fn placement(&self) -> Option<&Placement> {
        self.placement.as_ref()
    }
    pub fn sequence(&self) -> u32 {
        self.sequence
    }

    /// The meeting after `action`, or why it cannot be done: only a request
    /// is accepted or declined; a declined, cancelled or held meeting is
    /// over; a locked one is not cancelled.
    pub fn act(&self, action: MeetingAction) -> Result<Meeting, Invalid> {
        use MeetingStatus::*;
        let refuse = |why: &str| {
            Err(Invalid::new(
                "action",
                format!("cannot {} meeting {}: {why}", action.as_str(), self.id),
            ))
        };
        let mut next = self.clone();
        match (action, self.status) {
            (MeetingAction::Accept, Requested) => next.status = Accepted,
            (MeetingAction::Decline, Requested) => next.status = Declined,
            (MeetingAction::Accept | MeetingAction::Decline, status) => {
                return refuse(&format!("it is {}, not requested", status.as_str()));
            }
            (MeetingAction::Cancel, _) if self.locked => {
                return refuse("the organiser locked it");
            }
            (MeetingAction::Cancel, Requested | Accepted | Scheduled) => {
                next.status = Cancelled;
                next.sequence += 1;
            }
            (MeetingAction::Lock | MeetingAction::Unlock, Requested | Accepted | Scheduled) => {
                next.locked = action == MeetingAction::Lock;
            }
            (_, status) => return refuse(&format!("it is {}", status.as_str())),
        }
        Ok(next)
    }

    /// The meeting placed at `placement` by the scheduler (or taken off the
    /// schedule with None); the sequence goes up when the place changes.
    pub fn place(&self, placement: Option<Placement>) -> Meeting {
        let mut next = self.clone();
        if next.placement != placement {
            next.sequence += 1;
        }
        next.status = match (&placement, self.status) {
            (Some(_), MeetingStatus::Accepted) => MeetingStatus::Scheduled,
            (None, MeetingStatus::Scheduled) => MeetingStatus::Accepted,
            (_, status) => status,
        };
        next.placement = placement;
        next
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

    #[test]
    fn requests_are_accepted_declined_cancelled_and_locked_by_the_rules() {
        let id = |s: &str| OrganizationId::parse("a", s).unwrap();
        let m = Meeting::new(
            EditionId::parse("edition", "e").unwrap(),
            MeetingId::parse("id", "m-1").unwrap(),
            id("a"),
            id("b"),
            MeetingStatus::Requested,
            Priority::NORMAL,
        )
        .unwrap();
        let accepted = m.act(MeetingAction::Accept).unwrap();
        assert_eq!(accepted.status(), MeetingStatus::Accepted);
        let again = accepted.act(MeetingAction::Accept).unwrap_err();
        assert_eq!(
            again.message(),
            "cannot accept meeting m-1: it is accepted, not requested"
        );
        assert_eq!(
            m.act(MeetingAction::Decline).unwrap().status(),
            MeetingStatus::Declined
        );

        let locked = accepted.act(MeetingAction::Lock).unwrap();
        assert!(locked.locked());
        assert!(locked.act(MeetingAction::Cancel).is_err());
        let cancelled = locked
            .act(MeetingAction::Unlock)
            .unwrap()
            .act(MeetingAction::Cancel)
            .unwrap();
        assert_eq!(
            (cancelled.status(), cancelled.sequence()),
            (MeetingStatus::Cancelled, 1)
        );
        assert!(cancelled.act(MeetingAction::Lock).is_err());

        // Placing schedules an accepted meeting and bumps the sequence only
        // when the place changes.
        let at = |h: u32| {
            chrono::NaiveDate::from_ymd_opt(2024, 7, 16)
                .unwrap()
                .and_hms_opt(h, 0, 0)
                .unwrap()
        };
        let place = Placement::new(at(9), at(10), "T1").unwrap();
        let placed = accepted.place(Some(place.clone()));
        assert_eq!(
            (placed.status(), placed.sequence()),
            (MeetingStatus::Scheduled, 1)
        );
        assert_eq!(placed.place(Some(place)).sequence(), 1);
        let off = placed.place(None);
        assert_eq!((off.status(), off.sequence()), (MeetingStatus::Accepted, 2));
        assert!(Placement::new(at(10), at(9), "T1").is_err());
    }
}
