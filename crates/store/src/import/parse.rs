//! Row by row: a CSV record into its domain type, or errors with positions.
use super::{Errors, ImportError, LineError};
use crate::{Batch, Kind};
use chainfair_core::{
    Agreement, AgreementId, AgreementKind, AgreementStatus, AttendanceMode, Attendee, AttendeeId,
    CheckIn, CountryCode, CurrencyCode, Edition, EditionId, ExchangeRate, IndustryId, Invalid,
    Meeting, MeetingId, MeetingStatus, Money, OrgKind, Organization, OrganizationId,
    PROFILE_COLUMNS, Participation, Placement, Priority, Profile, Role, Signup, parse_date,
};
use csv::StringRecord;
use std::io::Read;

/// The columns of each kind: all must be present; `optional` ones may be left out.
pub(crate) fn columns(kind: Kind) -> (&'static [&'static str], &'static [&'static str]) {
    match kind {
        Kind::Editions => (
            &[
                "id",
                "name",
                "host_country",
                "start_date",
                "end_date",
                "previous_id",
            ],
            &["time_zone"],
        ),
        Kind::Organizations => (&["id", "name", "name_zh", "country", "kind"], &[]),
        Kind::Participations => (
            &["edition", "organization", "role", "of", "key_client"],
            &[],
        ),
        Kind::Attendees => (&["edition", "id", "name", "organization", "mode"], &[]),
        Kind::CheckIns => (&["edition", "attendee", "date"], &[]),
        Kind::Meetings => (
            &["edition", "id", "a", "b", "status", "priority"],
            &[
                "message",
                "locked",
                "booked",
                "slot_start",
                "slot_end",
                "table",
                "sequence",
            ],
        ),
        Kind::Agreements => (
            &[
                "edition",
                "id",
                "kind",
                "parties",
                "amount",
                "currency",
                "signed_on",
                "industry",
            ],
            &["status", "published", "revision"],
        ),
        Kind::Rates => (&["date", "from", "to", "rate", "source"], &[]),
        Kind::Signups => (&["edition", "organization"], &[]),
        Kind::Profiles => (&["edition", "organization"], &PROFILE_COLUMNS),
    }
}

/// A parsed file: its batch, the line of each row, and its header.
#[derive(Debug)]
pub(crate) struct Parsed {
    pub batch: Batch,
    pub lines: Vec<u64>,
    pub header: Vec<String>,
    /// What was read but deliberately not imported, for the report.
    pub notes: Vec<String>,
}

/// The Federal Reserve H.10 layout (as in datasets/exchange-rates):
/// `Date,Country,Exchange rate`, units of the country's currency per US dollar.
const H10_HEADER: [&str; 3] = ["Date", "Country", "Exchange rate"];

/// Why an H.10 series is not imported.
const VENEZUELA: &str = "Venezuela rows left out: the H.10 series spans three currencies \
    (VEB, VEF from 2008, VES from 2018) with no marker of the change";
const REPLACED_BY_EURO: &str = "rows of currencies the euro replaced left out \
    (Austria, Belgium, Finland, France, Germany, Greece, Ireland, Italy, Netherlands, \
    Portugal, Spain): their codes are no longer in ISO 4217";

/// The currency of each H.10 series, or why it is left out.
fn h10_currency(country: &str) -> Result<Result<CurrencyCode, &'static str>, Invalid> {
    let code = match country {
        "Australia" => "AUD",
        "Brazil" => "BRL",
        "Canada" => "CAD",
        "China" => "CNY",
        "Denmark" => "DKK",
        "Euro" => "EUR",
        "Hong Kong" => "HKD",
        "India" => "INR",
        "Japan" => "JPY",
        "Malaysia" => "MYR",
        "Mexico" => "MXN",
        "New Zealand" => "NZD",
        "Norway" => "NOK",
        "Singapore" => "SGD",
        "South Africa" => "ZAR",
        "South Korea" => "KRW",
        "Sri Lanka" => "LKR",
        "Sweden" => "SEK",
        "Switzerland" => "CHF",
        "Taiwan" => "TWD",
        "Thailand" => "THB",
        "United Kingdom" => "GBP",
        "Venezuela" => return Ok(Err(VENEZUELA)),
        "Austria" | "Belgium" | "Finland" | "France" | "Germany" | "Greece" | "Ireland"
        | "Italy" | "Netherlands" | "Portugal" | "Spain" => return Ok(Err(REPLACED_BY_EURO)),
        other => {
            return Err(Invalid::new(
                "Country",
                format!("{other:?} is not an H.10 series chainfair knows"),
            ));
        }
    };
    CurrencyCode::parse("Country", code).map(Ok)
}

/// A rate, or why the row is left out.
fn h10_rate(row: &Row<'_>, source: &str) -> Result<Result<ExchangeRate, &'static str>, Invalid> {
    let currency = match h10_currency(row.cell("Country"))? {
        Ok(currency) => currency,
        Err(why) => return Ok(Err(why)),
    };
    ExchangeRate::new(
        parse_date("Date", row.cell("Date"))?,
        CurrencyCode::usd(),
        currency,
        ExchangeRate::parse_rate("Exchange rate", row.cell("Exchange rate"))?,
        source,
    )
    .map(Ok)
}

impl Parsed {
    /// An error in the named column of the `index`-th row.
    pub fn error(&self, index: usize, column: &str, message: String) -> LineError {
        LineError {
            line: self.lines[index],
            column: position(&self.header, column),
            message,
        }
    }
}

fn position(header: &[String], column: &str) -> Option<(usize, String)> {
    header
        .iter()
        .position(|h| h == column)
        .map(|i| (i + 1, column.to_owned()))
}

/// One record with its header, for reading cells by column name.
struct Row<'a> {
    record: &'a StringRecord,
    header: &'a [String],
    line: u64,
}

impl Row<'_> {
    fn cell(&self, column: &str) -> &str {
        self.header
            .iter()
            .position(|h| h == column)
            .and_then(|i| self.record.get(i))
            .unwrap_or("")
            .trim()
    }

    fn optional(&self, column: &str) -> Option<&str> {
        Some(self.cell(column)).filter(|text| !text.is_empty())
    }

    fn error(&self, invalid: Invalid) -> LineError {
        LineError {
            line: self.line,
            column: position(self.header, invalid.field()),
            message: invalid.message().to_owned(),
        }
    }
}

fn check_header(kind: Kind, header: &[String]) -> Vec<LineError> {
    let (required, optional) = columns(kind);
    let missing = required
        .iter()
        .filter(|c| !header.iter().any(|h| h == *c))
        .map(|c| LineError {
            line: 1,
            column: None,
            message: format!(
                "missing column {c:?}; {kind} files have columns {}",
                required.join(",")
            ),
        });
    let unknown = header
        .iter()
        .enumerate()
        .filter(|(_, h)| !required.contains(&h.as_str()) && !optional.contains(&h.as_str()));
    let unknown = unknown.map(|(i, h)| LineError {
        line: 1,
        column: Some((i + 1, h.clone())),
        message: format!(
            "unknown column {h:?}; {kind} files have columns {}",
            required.join(",")
        ),
    });
    let repeated = header
        .iter()
        .enumerate()
        .filter(|(i, h)| header[..*i].contains(h))
        .map(|(i, h)| LineError {
            line: 1,
            column: Some((i + 1, h.clone())),
            message: format!("column {h:?} appears twice"),
        });
    missing.chain(unknown).chain(repeated).collect()
}

/// A reader that turns CRLF and lone CR line ends into LF. The csv crate
/// counts the line of a record from its `\n`s and, after a `\r\n`
/// terminator, starts the next record before counting its `\n`: every line
/// of a CRLF file (Excel's, the Federal Reserve's) would be reported one too
/// low, and a CR-only file would be all on line 1.
pub(crate) struct LfLines<R> {
    inner: R,
    /// A `\r` at the end of the last chunk, not yet known to end a line.
    pending_cr: bool,
}

impl<R: Read> LfLines<R> {
    pub(crate) fn new(inner: R) -> Self {
        Self {
            inner,
            pending_cr: false,
        }
    }
}

impl<R: Read> Read for LfLines<R> {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        if out.len() < 2 {
            return self.inner.read(out);
        }
        // Leave room for a pending `\r` put back in front.
        let mut buffer = vec![0u8; out.len() - 1];
        let n = self.inner.read(&mut buffer)?;
        let mut written = 0;
        let mut bytes = buffer[..n].iter().copied().peekable();
        if self.pending_cr {
            self.pending_cr = false;
            if bytes.peek() != Some(&b'\n') {
                out[written] = b'\n';
                written += 1;
            }
        }
        while let Some(b) = bytes.next() {
            let b = if b == b'\r' {
                match bytes.peek() {
                    Some(b'\n') => continue,
                    None => {
                        self.pending_cr = true;
                        continue;
                    }
                    Some(_) => b'\n',
                }
            } else {
                b
            };
            out[written] = b;
            written += 1;
        }
        if written == 0 && n > 0 {
            // Only a pending `\r` was read: read on.
            return self.read(out);
        }
        Ok(written)
    }
}

pub(crate) fn parse_file(
    kind: Kind,
    file: &str,
    reader: impl Read,
    errors: &mut Errors,
    progress: &(dyn Fn(u64) + Sync),
) -> Result<Parsed, ImportError> {
    let mut csv = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(LfLines::new(reader));
    let unreadable = |e: csv::Error| ImportError::Unreadable {
        file: file.to_owned(),
        message: e.to_string(),
    };
    let header: Vec<String> = csv
        .headers()
        .map_err(unreadable)?
        .iter()
        .map(|h| h.trim().to_owned())
        .collect();
    let h10 = kind == Kind::Rates && header == H10_HEADER;
    let header_errors = if h10 {
        Vec::new()
    } else {
        check_header(kind, &header)
    };
    if !header_errors.is_empty() {
        header_errors.into_iter().for_each(|e| errors.push(e));
        return Ok(Parsed {
            batch: empty(kind),
            lines: Vec::new(),
            header,
            notes: Vec::new(),
        });
    }
    let source = format!(
        "Federal Reserve H.10 ({})",
        std::path::Path::new(file)
            .file_name()
            .map_or_else(|| file.to_owned(), |n| n.to_string_lossy().into_owned())
    );
    let mut left_out: std::collections::BTreeMap<&'static str, usize> = Default::default();
    let mut batch = empty(kind);
    let mut lines = Vec::new();
    let mut record = StringRecord::new();
    loop {
        match csv.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                errors.push(LineError {
                    line,
                    column: None,
                    message: csv_message(&e),
                });
                if matches!(e.kind(), csv::ErrorKind::Io(_)) {
                    break;
                }
                continue;
            }
        }
        let line = record.position().map_or(0, |p| p.line());
        let row = Row {
            record: &record,
            header: &header,
            line,
        };
        let pushed = match (&mut batch, h10) {
            (Batch::Rates(rates), true) => match h10_rate(&row, &source) {
                Ok(Ok(rate)) => {
                    rates.push(rate);
                    Ok(())
                }
                Ok(Err(why)) => {
                    *left_out.entry(why).or_default() += 1;
                    continue;
                }
                Err(invalid) => Err(row.error(invalid)),
            },
            _ => push_row(&mut batch, &row),
        };
        match pushed {
            Ok(()) => lines.push(line),
            Err(e) => errors.push(e),
        }
        if lines.len().is_multiple_of(10_000) {
            progress(lines.len() as u64);
        }
    }
    progress(lines.len() as u64);
    let notes = left_out
        .into_iter()
        .map(|(why, n)| format!("{n} {why}"))
        .collect();
    Ok(Parsed {
        batch,
        lines,
        header,
        notes,
    })
}

fn csv_message(error: &csv::Error) -> String {
    match error.kind() {
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => {
            format!("has {len} fields where the header has {expected_len}")
        }
        csv::ErrorKind::Utf8 { .. } => "is not valid UTF-8".to_owned(),
        _ => error.to_string(),
    }
}

fn empty(kind: Kind) -> Batch {
    match kind {
        Kind::Editions => Batch::Editions(Vec::new()),
        Kind::Organizations => Batch::Organizations(Vec::new()),
        Kind::Participations => Batch::Participations(Vec::new()),
        Kind::Attendees => Batch::Attendees(Vec::new()),
        Kind::CheckIns => Batch::CheckIns(Vec::new()),
        Kind::Meetings => Batch::Meetings(Vec::new()),
        Kind::Agreements => Batch::Agreements(Vec::new()),
        Kind::Rates => Batch::Rates(Vec::new()),
        Kind::Signups => Batch::Signups(Vec::new()),
        Kind::Profiles => Batch::Profiles(Vec::new()),
    }
}

fn push_row(batch: &mut Batch, row: &Row<'_>) -> Result<(), LineError> {
    let parsed = match batch {
        Batch::Editions(rows) => edition(row).map(|r| rows.push(r)),
        Batch::Organizations(rows) => organization(row).map(|r| rows.push(r)),
        Batch::Participations(rows) => participation(row).map(|r| rows.push(r)),
        Batch::Attendees(rows) => attendee(row).map(|r| rows.push(r)),
        Batch::CheckIns(rows) => checkin(row).map(|r| rows.push(r)),
        Batch::Meetings(rows) => meeting(row).map(|r| rows.push(r)),
        Batch::Agreements(rows) => agreement(row).map(|r| rows.push(r)),
        Batch::Rates(rows) => rate(row).map(|r| rows.push(r)),
        Batch::Signups(rows) => signup(row).map(|r| rows.push(r)),
        Batch::Profiles(rows) => profile(row).map(|r| rows.push(r)),
    };
    parsed.map_err(|invalid| row.error(invalid))
}

fn edition_id(row: &Row<'_>) -> Result<EditionId, Invalid> {
    EditionId::parse("edition", row.cell("edition"))
}

fn org(row: &Row<'_>, column: &'static str) -> Result<OrganizationId, Invalid> {
    OrganizationId::parse(column, row.cell(column))
}

fn optional_org(row: &Row<'_>, column: &'static str) -> Result<Option<OrganizationId>, Invalid> {
    row.optional(column)
        .map(|id| OrganizationId::parse(column, id))
        .transpose()
}

fn edition(row: &Row<'_>) -> Result<Edition, Invalid> {
    let host = CountryCode::parse("host_country", row.cell("host_country"))?;
    let time_zone = match row.optional("time_zone") {
        Some(tz) => Edition::parse_time_zone("time_zone", tz)?,
        None => Edition::default_time_zone(host),
    };
    Edition::new(
        EditionId::parse("id", row.cell("id"))?,
        row.cell("name"),
        host,
        parse_date("start_date", row.cell("start_date"))?,
        parse_date("end_date", row.cell("end_date"))?,
        time_zone,
        row.optional("previous_id")
            .map(|p| EditionId::parse("previous_id", p))
            .transpose()?,
    )
}

fn organization(row: &Row<'_>) -> Result<Organization, Invalid> {
    Organization::new(
        OrganizationId::parse("id", row.cell("id"))?,
        row.cell("name"),
        row.optional("name_zh"),
        CountryCode::parse("country", row.cell("country"))?,
        OrgKind::parse("kind", row.cell("kind"))?,
    )
}

fn participation(row: &Row<'_>) -> Result<Participation, Invalid> {
    let key_client = match row.cell("key_client").to_ascii_lowercase().as_str() {
        "" | "false" => false,
        "true" => true,
        other => {
            return Err(Invalid::new(
                "key_client",
                format!("{other:?} is not true or false"),
            ));
        }
    };
    Participation::new(
        edition_id(row)?,
        org(row, "organization")?,
        Role::parse("role", row.cell("role"))?,
        optional_org(row, "of")?,
        key_client,
    )
}

fn attendee(row: &Row<'_>) -> Result<Attendee, Invalid> {
    Attendee::new(
        edition_id(row)?,
        AttendeeId::parse("id", row.cell("id"))?,
        row.cell("name"),
        optional_org(row, "organization")?,
        AttendanceMode::parse("mode", row.cell("mode"))?,
    )
}

fn checkin(row: &Row<'_>) -> Result<CheckIn, Invalid> {
    Ok(CheckIn {
        edition: edition_id(row)?,
        attendee: AttendeeId::parse("attendee", row.cell("attendee"))?,
        date: parse_date("date", row.cell("date"))?,
    })
}

/// An optional true/false column; empty or absent is false.
fn flag(row: &Row<'_>, column: &'static str) -> Result<bool, Invalid> {
    match row.cell(column) {
        "" | "false" => Ok(false),
        "true" => Ok(true),
        other => Err(Invalid::new(
            column,
            format!("{other:?} is neither true nor false"),
        )),
    }
}

/// An optional whole-number column; empty or absent is 0.
fn count(row: &Row<'_>, column: &'static str) -> Result<u32, Invalid> {
    match row.optional(column) {
        None => Ok(0),
        Some(text) => text
            .parse::<u32>()
            .map_err(|_| Invalid::new(column, format!("{text:?} is not a whole number"))),
    }
}

fn meeting(row: &Row<'_>) -> Result<Meeting, Invalid> {
    let placement = match (
        row.optional("slot_start"),
        row.optional("slot_end"),
        row.optional("table"),
    ) {
        (None, None, None) => None,
        (Some(start), Some(end), Some(table)) => Some(Placement::new(
            Placement::parse_time("slot_start", start)?,
            Placement::parse_time("slot_end", end)?,
            table,
        )?),
        _ => {
            return Err(Invalid::new(
                "slot_start",
                "a placement needs slot_start, slot_end and table together",
            ));
        }
    };
    let sequence = count(row, "sequence")?;
    Ok(Meeting::new(
        edition_id(row)?,
        MeetingId::parse("id", row.cell("id"))?,
        org(row, "a")?,
        org(row, "b")?,
        MeetingStatus::parse("status", row.cell("status"))?,
        Priority::parse("priority", row.cell("priority"))?,
    )?
    .with_message(row.cell("message"))
    .with_flags(flag(row, "locked")?, flag(row, "booked")?)
    .with_placement(placement)
    .with_sequence(sequence))
}

fn agreement(row: &Row<'_>) -> Result<Agreement, Invalid> {
    let parties = row
        .cell("parties")
        .split(';')
        .filter(|p| !p.trim().is_empty())
        .map(|p| OrganizationId::parse("parties", p))
        .collect::<Result<Vec<_>, _>>()?;
    let amount = Money::parse_optional(row.optional("amount"), row.optional("currency"))?;
    let status = match row.optional("status") {
        None => AgreementStatus::Signed,
        Some(status) => AgreementStatus::parse("status", status)?,
    };
    Ok(Agreement::new(
        edition_id(row)?,
        AgreementId::parse("id", row.cell("id"))?,
        AgreementKind::parse("kind", row.cell("kind"))?,
        parties,
        amount,
        parse_date("signed_on", row.cell("signed_on"))?,
        row.optional("industry")
            .map(|i| IndustryId::parse("industry", i))
            .transpose()?,
    )?
    .with_lifecycle(status, flag(row, "published")?, count(row, "revision")?))
}

fn rate(row: &Row<'_>) -> Result<ExchangeRate, Invalid> {
    ExchangeRate::new(
        parse_date("date", row.cell("date"))?,
        CurrencyCode::parse("from", row.cell("from"))?,
        CurrencyCode::parse("to", row.cell("to"))?,
        ExchangeRate::parse_rate("rate", row.cell("rate"))?,
        row.cell("source"),
    )
}

fn signup(row: &Row<'_>) -> Result<Signup, Invalid> {
    Ok(Signup {
        edition: edition_id(row)?,
        organization: org(row, "organization")?,
    })
}

fn profile(row: &Row<'_>) -> Result<Profile, Invalid> {
    Profile::parse(edition_id(row)?, org(row, "organization")?, |column| {
        row.cell(column)
    })
}
