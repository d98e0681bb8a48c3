//! chainfair's domain: the types an expo is made of and the rules they obey.
//!
//! Everything here parses at the edge: a value of a type in this crate is
//! valid by construction (`CountryCode::parse`, `HsCode::parse`,
//! `Money::parse`, ...), so code further in never re-validates. The crate does
//! no I/O and knows nothing of databases or HTTP.
//!
//! Errors are [`Invalid`]: which field was wrong, the offending value and why,
//! worded for the person who typed it. Importers add the file, line and column.
#![forbid(unsafe_code)]

mod account;
mod agreement;
mod attendee;
mod chain;
mod country;
mod document;
mod edition;
pub mod floor;
mod hs;
mod id;
mod invalid;
mod meeting;
mod money;
mod organization;
mod participation;
mod profile;

pub use account::{Account, AccountRole, normalise_email, parse_lang};
pub use agreement::{
    Agreement, AgreementChange, AgreementKind, AgreementStatus, AgreementView, Viewer,
};
pub use attendee::{AttendanceMode, Attendee, CheckIn, Signup};
pub use chain::{Industry, IndustryId, Segment, SegmentId, Stage};
pub use country::{CountryCode, CountryInfo, Region};
pub use document::{DOCUMENT_TYPES, Document, DocumentKind};
pub use edition::Edition;
pub use floor::{Booth, BoothKind, Floor, FloorErrors, Flow, Hall, Rect, Zone};
pub use hs::{HsCode, HsLevel};
pub use id::{AgreementId, AttendeeId, EditionId, MeetingId, OrganizationId};
pub use invalid::Invalid;
pub use meeting::{Meeting, MeetingAction, MeetingStatus, Placement, Priority};
pub use money::{CurrencyCode, ExchangeRate, Money, RateTable, RateUsed};
pub use organization::{OrgKind, Organization};
pub use participation::{Participation, Role};
pub use profile::{Language, PROFILE_COLUMNS, Profile, SegmentRef, parse_list};

/// Parses a value that is spelt with one of a fixed set of lowercase words
/// (`exhibitor`, `online`, `cooperation` ...), case-insensitively.
pub(crate) fn parse_word<T: Copy>(
    field: &'static str,
    input: &str,
    words: &[(&str, T)],
) -> Result<T, Invalid> {
    let wanted = input.trim();
    words
        .iter()
        .find(|(word, _)| word.eq_ignore_ascii_case(wanted))
        .map(|(_, value)| *value)
        .ok_or_else(|| {
            let allowed: Vec<&str> = words.iter().map(|(word, _)| *word).collect();
            Invalid::new(
                field,
                format!("{input:?} is not one of {}", allowed.join(", ")),
            )
        })
}

/// Parses an ISO 8601 calendar date (`2024-07-16`).
pub fn parse_date(field: &'static str, input: &str) -> Result<chrono::NaiveDate, Invalid> {
    chrono::NaiveDate::parse_from_str(input.trim(), "%Y-%m-%d").map_err(|_| {
        Invalid::new(
            field,
            format!("{input:?} is not a date in the form YYYY-MM-DD"),
        )
    })
}
