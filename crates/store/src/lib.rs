//! chainfair's storage interface and what is built on it without knowing the
//! backend: CSV import and export, the edition's headline figures, and the
//! demo edition generator.
//!
//! Backends (`chainfair-store-sqlite`, `chainfair-store-postgres`) implement
//! [`Store`]; both are [`sql::SqlStore`]s over a small runner made by
//! [`sql_runner_impl!`], so the queries are written once and both databases pass the same test story.
#![forbid(unsafe_code)]

mod accounts;
mod archive;
mod audience;
mod batch;
pub mod demo;
mod documents;
mod floor;

mod export;
mod figures;
mod import;
mod query;
#[doc(hidden)]
pub mod sql;
mod unavailability;

pub use accounts::{AccountStore, ApiToken, Invitation, Session};
pub use archive::{
    ARCHIVE_FORMAT, ArchiveError, ArchiveSummary, Restore, export_archive, import_archive,
};
pub use audience::AudienceStore;
pub use batch::{Batch, Kind, Record};
pub use documents::DocumentStore;
pub use export::export_csv;
pub use figures::{
    DayFigure, EditionCounts, EditionFigures, IndustryFigure, RegionCounts, edition_figures,
};
pub use floor::{
    Booking, FloorStore, SPACE_REQUEST_COLUMNS, SpaceRequest, read_floor_csv, read_space_requests,
};
pub use import::{ImportError, ImportReport, LineError, import_csv, parse_csv, validate_csv};
pub use query::{OrgQuery, OrganizationEntry, Page};
pub use unavailability::{
    UNAVAILABILITY_COLUMNS, UnavailabilityStore, Unavailable, read_unavailability,
};

/// An entry for the audit log: who did what to which record. The store adds
/// the time and the sequence number.
#[derive(Debug, Clone, PartialEq)]
pub struct NewAuditEntry {
    pub actor: String,
    pub edition: EditionId,
    /// What kind of record: "agreement".
    pub entity: &'static str,
    pub key: String,
    /// "create", "sign", "cancel", "publish", "unpublish", "note" ...
    pub action: String,
    pub before: Option<serde_json::Value>,
    pub after: Option<serde_json::Value>,
}

/// An entry of the append-only audit log.
#[derive(Debug, Clone, PartialEq, serde::Serialize, utoipa::ToSchema)]
pub struct AuditEntry {
    pub seq: i64,
    /// UTC, RFC 3339.
    pub at: String,
    pub actor: String,
    pub edition: String,
    pub entity: String,
    pub key: String,
    pub action: String,
    pub before: Option<serde_json::Value>,
    pub after: Option<serde_json::Value>,
}

use async_trait::async_trait;
use chainfair_core::{Agreement, Edition, EditionId, Meeting, OrganizationId, Profile};

/// What went wrong in the store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The database refused or failed; the detail is for the logs.
    #[error("database error: {0}")]
    Database(String),
    /// Someone else changed the record first, or it already exists: the
    /// write was not made (the API answers 409).
    #[error("{0}")]
    Conflict(String),
    /// The backend cannot do this; the message says what to use instead.
    #[error("{0}")]
    Unsupported(String),
    /// A stored row no longer parses as its domain type (edited by hand?).
    #[error("stored {table} row {key:?} is invalid: {message}")]
    Corrupt {
        table: &'static str,
        key: String,
        message: String,
    },
}

pub type StoreResult<T> = Result<T, StoreError>;

/// The storage interface. Every write is one transaction: it lands whole or
/// not at all.
#[async_trait]
pub trait Store:
    AccountStore
    + AudienceStore
    + DocumentStore
    + FloorStore
    + UnavailabilityStore
    + Send
    + Sync
    + std::fmt::Debug
{
    /// "sqlite" or "postgres".
    fn backend(&self) -> &'static str;

    /// Writes the batches in order, all in one transaction.
    async fn write(&self, batches: &[Batch]) -> StoreResult<()>;

    /// Writes an archive's contents in one transaction: all of it, or none
    /// (see [`import_archive`]).
    async fn restore(&self, contents: &Restore) -> StoreResult<()>;

    /// Everything of one kind; per-edition kinds are limited to `edition`
    /// when given. Rows come in a stable order (by key).
    async fn read(&self, kind: Kind, edition: Option<&EditionId>) -> StoreResult<Batch>;

    async fn edition(&self, id: &EditionId) -> StoreResult<Option<Edition>>;

    /// One page of the organisations taking part in an edition.
    async fn organizations(&self, query: &OrgQuery) -> StoreResult<Page<OrganizationEntry>>;

    /// The raw counts behind an edition's headline figures.
    async fn counts(&self, edition: &EditionId) -> StoreResult<EditionCounts>;

    /// Creates or replaces one organisation's profile at an edition (the
    /// caller has checked that it and the organisations it names take part).
    async fn put_profile(&self, profile: &Profile) -> StoreResult<()>;

    /// Creates or replaces meetings (by edition and id), all in one
    /// transaction.
    async fn put_meetings(&self, meetings: &[Meeting]) -> StoreResult<()>;

    /// Records a new meeting, unless its id is taken or the pair already
    /// has an open meeting (a `Conflict`; the database decides races).
    async fn add_meeting(&self, meeting: &Meeting) -> StoreResult<()>;

    /// Replaces `before` by `after` only if the stored meeting is still
    /// `before` (status, lock and sequence); a `Conflict` otherwise.
    async fn change_meeting(&self, before: &Meeting, after: &Meeting) -> StoreResult<()>;

    /// The calendar token of an organisation at an edition: the stored one,
    /// or `new` stored now when it has none.
    async fn calendar_token(
        &self,
        edition: &EditionId,
        organization: &OrganizationId,
        new: &str,
    ) -> StoreResult<String>;

    /// Records a new agreement (`before` is `None`) or a change to a stored
    /// one, and the audit entry saying so, in one transaction. A change is
    /// written only if the stored agreement is still at `before`'s
    /// revision, and a new one only if its id is free: otherwise
    /// [`StoreError::Conflict`] and nothing is written.
    async fn save_agreement(
        &self,
        before: Option<&Agreement>,
        after: &Agreement,
        entry: &NewAuditEntry,
    ) -> StoreResult<()>;

    /// Appends an entry to the audit log on its own (a negotiation note).
    async fn append_audit(&self, entry: &NewAuditEntry) -> StoreResult<()>;

    /// The audit log of an edition, oldest first, optionally of one record
    /// (`entity`, `key`).
    async fn audit_log(
        &self,
        edition: &EditionId,
        record: Option<(&str, &str)>,
    ) -> StoreResult<Vec<AuditEntry>>;

    /// Copies the whole database, as of one moment, into a new file at
    /// `path`, while others go on reading and writing (SQLite's `VACUUM
    /// INTO`). PostgreSQL answers `Unsupported`: it is backed up with
    /// pg_dump.
    async fn backup(&self, path: &str) -> StoreResult<()>;

    /// Whose calendar a token opens.
    async fn calendar_owner(&self, token: &str)
    -> StoreResult<Option<(EditionId, OrganizationId)>>;
}

/// Now, in UTC, as the store writes times (RFC 3339 with milliseconds, so
/// that text order is time order).
pub fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

/// Reads every record of type `T` (of one edition, for per-edition kinds).
pub async fn read_all<T: Record>(
    store: &dyn Store,
    edition: Option<&EditionId>,
) -> StoreResult<Vec<T>> {
    let batch = store.read(T::KIND, edition).await?;
    let kind = batch.kind();
    T::from_batch(batch).ok_or_else(|| {
        StoreError::Database(format!("asked for {}, the store returned {kind}", T::KIND))
    })
}
