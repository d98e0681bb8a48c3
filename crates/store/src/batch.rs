use chainfair_core::{
    Agreement, Attendee, CheckIn, Edition, ExchangeRate, Meeting, Organization, Participation,
    Profile, Signup,
};
use std::fmt;

/// The kinds of record chainfair imports and exports, named as on the
/// command line (`chainfair import organizations FILE`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    Editions,
    Organizations,
    Participations,
    Attendees,
    CheckIns,
    Meetings,
    Agreements,
    Rates,
    Signups,
    Profiles,
}

impl Kind {
    /// In dependency order: importing in this order always satisfies references.
    pub const ALL: [Kind; 10] = [
        Kind::Editions,
        Kind::Organizations,
        Kind::Participations,
        Kind::Attendees,
        Kind::CheckIns,
        Kind::Meetings,
        Kind::Agreements,
        Kind::Rates,
        Kind::Signups,
        Kind::Profiles,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Editions => "editions",
            Kind::Organizations => "organizations",
            Kind::Participations => "participations",
            Kind::Attendees => "attendees",
            Kind::CheckIns => "checkins",
            Kind::Meetings => "meetings",
            Kind::Agreements => "agreements",
            Kind::Rates => "rates",
            Kind::Signups => "signups",
            Kind::Profiles => "profiles",
        }
    }

    pub fn parse(input: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == input)
    }

    /// Whether rows of this kind belong to one edition.
    pub fn per_edition(self) -> bool {
        !matches!(self, Kind::Editions | Kind::Organizations | Kind::Rates)
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Validated records of one kind, ready to be written together.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Batch {
    Editions(Vec<Edition>),
    Organizations(Vec<Organization>),
    Participations(Vec<Participation>),
    Attendees(Vec<Attendee>),
    CheckIns(Vec<CheckIn>),
    Meetings(Vec<Meeting>),
    Agreements(Vec<Agreement>),
    Rates(Vec<ExchangeRate>),
    Signups(Vec<Signup>),
    Profiles(Vec<Profile>),
}

impl Batch {
    pub fn kind(&self) -> Kind {
        match self {
            Batch::Editions(_) => Kind::Editions,
            Batch::Organizations(_) => Kind::Organizations,
            Batch::Participations(_) => Kind::Participations,
            Batch::Attendees(_) => Kind::Attendees,
            Batch::CheckIns(_) => Kind::CheckIns,
            Batch::Meetings(_) => Kind::Meetings,
            Batch::Agreements(_) => Kind::Agreements,
            Batch::Rates(_) => Kind::Rates,
            Batch::Signups(_) => Kind::Signups,
            Batch::Profiles(_) => Kind::Profiles,
        }
    }

    pub fn len(&self) -> usize {
        match self {
            Batch::Editions(rows) => rows.len(),
            Batch::Organizations(rows) => rows.len(),
            Batch::Participations(rows) => rows.len(),
            Batch::Attendees(rows) => rows.len(),
            Batch::CheckIns(rows) => rows.len(),
            Batch::Meetings(rows) => rows.len(),
            Batch::Agreements(rows) => rows.len(),
            Batch::Rates(rows) => rows.len(),
            Batch::Signups(rows) => rows.len(),
            Batch::Profiles(rows) => rows.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// A domain type that a [`Batch`] variant holds, so code can read "all the
/// meetings of an edition" with its type instead of matching on batches.
pub trait Record: Sized {
    const KIND: Kind;
    fn from_batch(batch: Batch) -> Option<Vec<Self>>;
    fn into_batch(rows: Vec<Self>) -> Batch;
}

macro_rules! record {
    ($type:ty, $variant:ident) => {
        impl Record for $type {
            const KIND: Kind = Kind::$variant;
            fn from_batch(batch: Batch) -> Option<Vec<Self>> {
                match batch {
                    Batch::$variant(rows) => Some(rows),
                    _ => None,
                }
            }
            fn into_batch(rows: Vec<Self>) -> Batch {
                Batch::$variant(rows)
            }
        }
    };
}

record!(Edition, Editions);
record!(Organization, Organizations);
record!(Participation, Participations);
record!(Attendee, Attendees);
record!(CheckIn, CheckIns);
record!(Meeting, Meetings);
record!(Agreement, Agreements);
record!(ExchangeRate, Rates);
record!(Signup, Signups);
record!(Profile, Profiles);
