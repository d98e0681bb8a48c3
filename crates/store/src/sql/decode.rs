//! Rows back into domain types. Stored rows went through the same parsers on
//! the way in, so a failure here means the database was edited by hand.
use crate::{Batch, Kind, StoreError, StoreResult};
use chainfair_core::{
    Agreement, AgreementId, AgreementKind, AgreementStatus, AttendanceMode, Attendee, AttendeeId,
    CheckIn, CountryCode, CurrencyCode, Edition, EditionId, ExchangeRate, IndustryId, Invalid,
    Meeting, MeetingId, MeetingStatus, Money, OrgKind, Organization, OrganizationId,
    PROFILE_COLUMNS, Participation, Placement, Priority, Profile, Role, Signup,
};
use chrono::NaiveDate;
use std::collections::HashMap;

/// Named cells of one result row, read with the backend's own types.
pub trait Cells {
    fn text(&self, column: &str) -> StoreResult<String>;
    fn opt_text(&self, column: &str) -> StoreResult<Option<String>>;
    fn int(&self, column: &str) -> StoreResult<i64>;
    fn opt_int(&self, column: &str) -> StoreResult<Option<i64>>;
    fn date(&self, column: &str) -> StoreResult<NaiveDate>;
    fn boolean(&self, column: &str) -> StoreResult<bool>;
    fn bytes(&self, column: &str) -> StoreResult<Vec<u8>>;
    fn float(&self, column: &str) -> StoreResult<f64>;
}

fn corrupt(table: &'static str, key: String) -> impl Fn(Invalid) -> StoreError {
    move |invalid| StoreError::Corrupt {
        table,
        key: key.clone(),
        message: invalid.to_string(),
    }
}

fn edition(row: &impl Cells) -> StoreResult<Edition> {
    let id = row.text("id")?;
    let bad = corrupt("editions", id.clone());
    let host = CountryCode::parse("host_country", &row.text("host_country")?).map_err(&bad)?;
    let previous = row
        .opt_text("previous_id")?
        .map(|p| EditionId::parse("previous_id", &p))
        .transpose()
        .map_err(&bad)?;
    Edition::new(
        EditionId::parse("id", &id).map_err(&bad)?,
        &row.text("name")?,
        host,
        row.date("start_date")?,
        row.date("end_date")?,
        Edition::parse_time_zone("time_zone", &row.text("time_zone")?).map_err(&bad)?,
        previous,
    )
    .map_err(&bad)
}

fn organization(row: &impl Cells) -> StoreResult<Organization> {
    let id = row.text("id")?;
    let bad = corrupt("organizations", id.clone());
    Organization::new(
        OrganizationId::parse("id", &id).map_err(&bad)?,
        &row.text("name")?,
        row.opt_text("name_zh")?.as_deref(),
        CountryCode::parse("country", &row.text("country")?).map_err(&bad)?,
        OrgKind::parse("kind", &row.text("kind")?).map_err(&bad)?,
    )
    .map_err(&bad)
}

fn org_id(
    row: &impl Cells,
    column: &'static str,
    bad: &impl Fn(Invalid) -> StoreError,
) -> StoreResult<OrganizationId> {
    OrganizationId::parse(column, &row.text(column)?).map_err(bad)
}

fn edition_id(row: &impl Cells, bad: &impl Fn(Invalid) -> StoreError) -> StoreResult<EditionId> {
    EditionId::parse("edition", &row.text("edition")?).map_err(bad)
}

fn participation(row: &impl Cells) -> StoreResult<Participation> {
    let bad = corrupt("participations", row.text("organization")?);
    let of = row
        .opt_text("of_org")?
        .map(|o| OrganizationId::parse("of", &o))
        .transpose()
        .map_err(&bad)?;
    Participation::new(
        edition_id(row, &bad)?,
        org_id(row, "organization", &bad)?,
        Role::parse("role", &row.text("role")?).map_err(&bad)?,
        of,
        row.boolean("key_client")?,
    )
    .map_err(&bad)
}

fn attendee(row: &impl Cells) -> StoreResult<Attendee> {
    let id = row.text("id")?;
    let bad = corrupt("attendees", id.clone());
    let organization = row
        .opt_text("organization")?
        .map(|o| OrganizationId::parse("organization", &o))
        .transpose()
        .map_err(&bad)?;
    Attendee::new(
        edition_id(row, &bad)?,
        AttendeeId::parse("id", &id).map_err(&bad)?,
        &row.text("name")?,
        organization,
        AttendanceMode::parse("mode", &row.text("mode")?).map_err(&bad)?,
    )
    .map_err(&bad)
}

fn checkin(row: &impl Cells) -> StoreResult<CheckIn> {
    let attendee = row.text("attendee")?;
    let bad = corrupt("checkins", attendee.clone());
    Ok(CheckIn {
        edition: edition_id(row, &bad)?,
        attendee: AttendeeId::parse("attendee", &attendee).map_err(&bad)?,
        date: row.date("day")?,
    })
}

fn meeting(row: &impl Cells) -> StoreResult<Meeting> {
    let id = row.text("id")?;
    let bad = corrupt("meetings", id.clone());
    let meeting = Meeting::new(
        edition_id(row, &bad)?,
        MeetingId::parse("id", &id).map_err(&bad)?,
        org_id(row, "a", &bad)?,
        org_id(row, "b", &bad)?,
        MeetingStatus::parse("status", &row.text("status")?).map_err(&bad)?,
        Priority::parse("priority", &row.int("priority")?.to_string()).map_err(&bad)?,
    )
    .map_err(&bad)?;
    let placement = match (
        row.opt_text("slot_start")?,
        row.opt_text("slot_end")?,
        row.opt_text("table_id")?,
    ) {
        (Some(start), Some(end), Some(table)) => Some(
            Placement::new(
                Placement::parse_time("slot_start", &start).map_err(&bad)?,
                Placement::parse_time("slot_end", &end).map_err(&bad)?,
                &table,
            )
            .map_err(&bad)?,
        ),
        _ => None,
    };
    Ok(meeting
        .with_message(&row.text("message")?)
        .with_flags(row.boolean("locked")?, row.boolean("booked")?)
        .with_placement(placement)
        .with_sequence(u32::try_from(row.int("sequence")?).unwrap_or(0)))
}

fn rate(row: &impl Cells) -> StoreResult<ExchangeRate> {
    let bad = corrupt("rates", row.text("from_currency")?);
    ExchangeRate::new(
        row.date("day")?,
        CurrencyCode::parse("from", &row.text("from_currency")?).map_err(&bad)?,
        CurrencyCode::parse("to", &row.text("to_currency")?).map_err(&bad)?,
        ExchangeRate::parse_rate("rate", &row.text("rate")?).map_err(&bad)?,
        &row.text("source")?,
    )
    .map_err(&bad)
}

fn signup(row: &impl Cells) -> StoreResult<Signup> {
    let bad = corrupt("signups", row.text("organization")?);
    Ok(Signup {
        edition: edition_id(row, &bad)?,
        organization: org_id(row, "organization", &bad)?,
    })
}

fn profile(row: &impl Cells) -> StoreResult<Profile> {
    let bad = corrupt("profiles", row.text("organization")?);
    let mut cells: HashMap<&str, String> = HashMap::new();
    for column in PROFILE_COLUMNS {
        cells.insert(column, row.text(column)?);
    }
    Profile::parse(
        edition_id(row, &bad)?,
        org_id(row, "organization", &bad)?,
        |column| cells.get(column).map_or("", String::as_str),
    )
    .map_err(&bad)
}

fn collect<C: Cells, T>(rows: &[C], decode: fn(&C) -> StoreResult<T>) -> StoreResult<Vec<T>> {
    rows.iter().map(decode).collect()
}

/// Decodes the rows of one kind; `parties` are the agreement_parties rows
/// when `kind` is agreements, and ignored otherwise.
pub fn decode_rows<C: Cells>(kind: Kind, rows: &[C], parties: &[C]) -> StoreResult<Batch> {
    Ok(match kind {
        Kind::Editions => Batch::Editions(collect(rows, edition)?),
        Kind::Organizations => Batch::Organizations(collect(rows, organization)?),
        Kind::Participations => Batch::Participations(collect(rows, participation)?),
        Kind::Attendees => Batch::Attendees(collect(rows, attendee)?),
        Kind::CheckIns => Batch::CheckIns(collect(rows, checkin)?),
        Kind::Meetings => Batch::Meetings(collect(rows, meeting)?),
        Kind::Rates => Batch::Rates(collect(rows, rate)?),
        Kind::Signups => Batch::Signups(collect(rows, signup)?),
        Kind::Profiles => Batch::Profiles(collect(rows, profile)?),
        Kind::Agreements => decode_with_parties(rows, parties)?,
    })
}

/// Agreements with their parties, which are stored in their own table.
fn decode_with_parties<C: Cells>(agreements: &[C], parties: &[C]) -> StoreResult<Batch> {
    let mut by_agreement: HashMap<(String, String), Vec<OrganizationId>> = HashMap::new();
    for party in parties {
        let key = (party.text("edition")?, party.text("agreement")?);
        let bad = corrupt("agreement_parties", key.1.clone());
        by_agreement
            .entry(key)
            .or_default()
            .push(org_id(party, "organization", &bad)?);
    }
    let mut rows = Vec::with_capacity(agreements.len());
    for row in agreements {
        let id = row.text("id")?;
        let bad = corrupt("agreements", id.clone());
        let amount = match (row.opt_int("amount_minor")?, row.opt_text("currency")?) {
            (Some(minor), Some(code)) => Some(Money::from_minor(
                minor,
                CurrencyCode::parse("currency", &code).map_err(&bad)?,
            )),
            _ => None,
        };
        let industry = row
            .opt_text("industry")?
            .map(|i| IndustryId::parse("industry", &i))
            .transpose()
            .map_err(&bad)?;
        let parties = by_agreement
            .remove(&(row.text("edition")?, id.clone()))
            .unwrap_or_default();
        rows.push(
            Agreement::new(
                edition_id(row, &bad)?,
                AgreementId::parse("id", &id).map_err(&bad)?,
                AgreementKind::parse("kind", &row.text("kind")?).map_err(&bad)?,
                parties,
                amount,
                row.date("signed_on")?,
                industry,
            )
            .map_err(&bad)?
            .with_lifecycle(
                AgreementStatus::parse("status", &row.text("status")?).map_err(&bad)?,
                row.boolean("published")?,
                u32::try_from(row.int("revision")?)
                    .map_err(|e| bad(Invalid::new("revision", e.to_string())))?,
            ),
        );
    }
    Ok(Batch::Agreements(rows))
}
