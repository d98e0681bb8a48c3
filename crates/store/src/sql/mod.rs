//! The SQL both backends run, written once.
//!
//! Both schemas use the same table and column names and portable SQL
//! (`$n` placeholders, `CAST(... AS BIGINT)`, `lower(...) LIKE`), so the
//! backends differ only in their migrations and connection set-up. The
//! translation between domain types and rows lives here as plain Rust; the
//! [`sql_runner_impl!`](crate::sql_runner_impl) macro only binds [`Value`]s and
//! reads [`Cells`] with each backend's concrete sqlx types, which keeps sqlx's
//! generic database bounds out of the code.
mod accounts_impl;
mod audience_impl;
mod decode;
mod documents_impl;
mod floor_impl;
mod macros;
mod queries;
mod store_impl;
mod unavailability_impl;

pub use async_trait::async_trait;
pub use decode::{Cells, decode_rows};
pub use queries::{
    CountsSql, OrgSql, counts_sql, org_roles_sql, org_sql, select_parties_sql, select_sql,
};
pub use store_impl::{SqlRunner, SqlStore};

use crate::{Batch, StoreError};
use chainfair_core::{Agreement, Placement};
use chrono::NaiveDate;

/// One value to bind, in the few SQL types chainfair uses.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Text(String),
    OptText(Option<String>),
    Int(i64),
    OptInt(Option<i64>),
    Date(NaiveDate),
    Bool(bool),
    Bytes(Vec<u8>),
    Float(f64),
}

/// One step of a transaction: rows to insert, a statement with bound
/// values (`$1` ...), or a guard: a statement that must change a row, or
/// the whole transaction is rolled back with [`StoreError::Conflict`] and
/// the message.
#[derive(Debug)]
pub enum Step {
    Insert(Insert),
    Execute(String, Vec<Value>),
    Guard(String, Vec<Value>, String),
}

/// Rows for one table.
#[derive(Debug)]
pub struct Insert {
    pub table: &'static str,
    pub columns: &'static [&'static str],
    pub rows: Vec<Vec<Value>>,
}

impl Insert {
    /// Rows per statement: under SQLite's 32,766 and PostgreSQL's 65,535
    /// bound parameters.
    pub fn rows_per_statement(&self) -> usize {
        (30_000 / self.columns.len()).max(1)
    }

    pub fn head(&self) -> String {
        format!("INSERT INTO {} ({}) ", self.table, self.columns.join(", "))
    }
}

/// The profiles table's columns: the key, then the profile's cells.
pub(crate) const PROFILE_TABLE_COLUMNS: [&str; 12] = [
    "edition",
    "organization",
    "offers_hs",
    "seeks_hs",
    "offers_segments",
    "seeks_segments",
    "target_countries",
    "target_regions",
    "languages",
    "description",
    "must_meet",
    "no_thanks",
];

fn text(s: impl ToString) -> Value {
    Value::Text(s.to_string())
}

fn opt_text<T: ToString>(s: Option<T>) -> Value {
    Value::OptText(s.map(|s| s.to_string()))
}

/// The agreements table's columns, the key first.
pub(crate) const AGREEMENT_COLUMNS: [&str; 10] = [
    "edition",
    "id",
    "kind",
    "amount_minor",
    "currency",
    "signed_on",
    "industry",
    "status",
    "published",
    "revision",
];

pub(crate) fn agreement_row(a: &Agreement) -> Vec<Value> {
    vec![
        text(a.edition()),
        text(a.id()),
        text(a.kind().as_str()),
        Value::OptInt(a.amount().map(|m| m.minor())),
        opt_text(a.amount().map(|m| m.currency())),
        Value::Date(a.signed_on()),
        opt_text(a.industry()),
        text(a.status().as_str()),
        Value::Bool(a.published()),
        Value::Int(i64::from(a.revision())),
    ]
}

pub(crate) fn agreement_parties(rows: &[Agreement]) -> Insert {
    let rows = rows
        .iter()
        .flat_map(|a| {
            a.parties().iter().enumerate().map(|(position, party)| {
                vec![
                    text(a.edition()),
                    text(a.id()),
                    Value::Int(position as i64),
                    text(party),
                ]
            })
        })
        .collect();
    Insert {
        table: "agreement_parties",
        columns: &["edition", "agreement", "position", "organization"],
        rows,
    }
}

/// The inserts that store a batch, in the order they must run.
pub fn inserts(batch: &Batch) -> Vec<Insert> {
    match batch {
        Batch::Editions(rows) => vec![Insert {
            table: "editions",
            columns: &[
                "id",
                "name",
                "host_country",
                "start_date",
                "end_date",
                "time_zone",
                "previous_id",
            ],
            rows: rows
                .iter()
                .map(|e| {
                    vec![
                        text(e.id()),
                        text(e.name()),
                        text(e.host_country()),
                        Value::Date(e.start_date()),
                        Value::Date(e.end_date()),
                        text(e.time_zone().name()),
                        opt_text(e.previous()),
                    ]
                })
                .collect(),
        }],
        Batch::Organizations(rows) => vec![Insert {
            table: "organizations",
            columns: &[
                "id",
                "name",
                "name_zh",
                "country",
                "kind",
                "dedup_key",
                "search_key",
            ],
            rows: rows
                .iter()
                .map(|o| {
                    vec![
                        text(o.id()),
                        text(o.name()),
                        opt_text(o.name_zh()),
                        text(o.country()),
                        text(o.kind().as_str()),
                        text(o.dedup_key()),
                        // Lowercased here, fully (not only ASCII), so that
                        // search matches alike on SQLite and PostgreSQL.
                        text(
                            format!("{}\n{}\n{}", o.id(), o.name(), o.name_zh().unwrap_or(""))
                                .to_lowercase(),
                        ),
                    ]
                })
                .collect(),
        }],
        Batch::Participations(rows) => vec![Insert {
            table: "participations",
            columns: &["edition", "organization", "role", "of_org", "key_client"],
            rows: rows
                .iter()
                .map(|p| {
                    vec![
                        text(p.edition()),
                        text(p.organization()),
                        text(p.role().as_str()),
                        opt_text(p.of()),
                        Value::Bool(p.key_client()),
                    ]
                })
                .collect(),
        }],
        Batch::Attendees(rows) => vec![Insert {
            table: "attendees",
            columns: &["edition", "id", "name", "organization", "mode"],
            rows: rows
                .iter()
                .map(|a| {
                    vec![
                        text(&a.edition),
                        text(&a.id),
                        text(&a.name),
                        opt_text(a.organization.as_ref()),
                        text(a.mode.as_str()),
                    ]
                })
                .collect(),
        }],
        Batch::CheckIns(rows) => vec![Insert {
            table: "checkins",
            columns: &["edition", "attendee", "day"],
            rows: rows
                .iter()
                .map(|c| vec![text(&c.edition), text(&c.attendee), Value::Date(c.date)])
                .collect(),
        }],
        Batch::Meetings(rows) => vec![Insert {
            table: "meetings",
            columns: &[
                "edition",
                "id",
                "a",
                "b",
                "status",
                "priority",
                "message",
                "locked",
                "booked",
                "slot_start",
                "slot_end",
                "table_id",
                "sequence",
            ],
            rows: rows
                .iter()
                .map(|m| {
                    let place = m.placement();
                    vec![
                        text(m.edition()),
                        text(m.id()),
                        text(m.a()),
                        text(m.b()),
                        text(m.status().as_str()),
                        Value::Int(i64::from(m.priority().get())),
                        text(m.message()),
                        Value::Bool(m.locked()),
                        Value::Bool(m.booked()),
                        opt_text(place.map(|p| Placement::format(p.start))),
                        opt_text(place.map(|p| Placement::format(p.end))),
                        opt_text(place.map(|p| p.table.clone())),
                        Value::Int(i64::from(m.sequence())),
                    ]
                })
                .collect(),
        }],
        Batch::Agreements(rows) => vec![
            Insert {
                table: "agreements",
                columns: &AGREEMENT_COLUMNS,
                rows: rows.iter().map(agreement_row).collect(),
            },
            agreement_parties(rows),
        ],
        Batch::Rates(rows) => vec![Insert {
            table: "rates",
            columns: &["day", "from_currency", "to_currency", "rate", "source"],
            rows: rows
                .iter()
                .map(|r| {
                    vec![
                        Value::Date(r.date),
                        text(r.from),
                        text(r.to),
                        text(r.rate),
                        text(&r.source),
                    ]
                })
                .collect(),
        }],
        Batch::Profiles(rows) => vec![Insert {
            table: "profiles",
            columns: &PROFILE_TABLE_COLUMNS,
            rows: rows
                .iter()
                .map(|p| {
                    [text(&p.edition), text(&p.organization)]
                        .into_iter()
                        .chain(p.cells().into_iter().map(Value::Text))
                        .collect()
                })
                .collect(),
        }],
        Batch::Signups(rows) => vec![Insert {
            table: "signups",
            columns: &["edition", "organization"],
            rows: rows
                .iter()
                .map(|s| vec![text(&s.edition), text(&s.organization)])
                .collect(),
        }],
    }
}

/// A database error, for the logs.
pub fn db_error(error: impl std::fmt::Display) -> StoreError {
    StoreError::Database(error.to_string())
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_profiles_table_has_the_key_then_every_profile_column() {
        assert_eq!(
            super::PROFILE_TABLE_COLUMNS[..2],
            ["edition", "organization"]
        );
        assert_eq!(
            super::PROFILE_TABLE_COLUMNS[2..],
            chainfair_core::PROFILE_COLUMNS
        );
    }
}
