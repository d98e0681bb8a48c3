//! When participants cannot meet, for the scheduler.
use crate::StoreResult;
use async_trait::async_trait;
use chainfair_core::{EditionId, Invalid, OrganizationId, Placement};
use chrono::NaiveDateTime;

/// A period, local time of the edition, `from` inclusive, `to` exclusive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unavailable {
    pub organization: OrganizationId,
    pub from: NaiveDateTime,
    pub to: NaiveDateTime,
}

impl Unavailable {
    pub fn new(
        organization: OrganizationId,
        from: NaiveDateTime,
        to: NaiveDateTime,
    ) -> Result<Self, Invalid> {
        if from >= to {
            return Err(Invalid::new(
                "to",
                format!(
                    "{} is not after {}",
                    Placement::format(to),
                    Placement::format(from)
                ),
            ));
        }
        Ok(Self {
            organization,
            from,
            to,
        })
    }

    /// Whether a slot from `start` to `end` overlaps the period.
    pub fn overlaps(&self, start: NaiveDateTime, end: NaiveDateTime) -> bool {
        start < self.to && end > self.from
    }
}

/// The columns of an unavailability file.
pub const UNAVAILABILITY_COLUMNS: [&str; 3] = ["organization", "from", "to"];

/// Reads `organization,from,to` rows (local times like 2024-11-27T09:00),
/// every problem with its line and column.
pub fn read_unavailability(
    file: &str,
    reader: impl std::io::Read,
) -> Result<Vec<Unavailable>, crate::ImportError> {
    let rows = crate::floor::files::rows(file, reader, &UNAVAILABILITY_COLUMNS, |cell| {
        Unavailable::new(
            OrganizationId::parse("organization", cell("organization"))?,
            Placement::parse_time("from", cell("from"))?,
            Placement::parse_time("to", cell("to"))?,
        )
    })?;
    Ok(rows.into_iter().map(|(.., period)| period).collect())
}

#[async_trait]
pub trait UnavailabilityStore {
    /// Replaces the periods of `organization` (every organisation's with
    /// `None`) at an edition by `periods`.
    async fn put_unavailability(
        &self,
        edition: &EditionId,
        organization: Option<&OrganizationId>,
        periods: &[Unavailable],
    ) -> StoreResult<()>;

    /// The edition's periods, by organisation and start.
    async fn unavailability(&self, edition: &EditionId) -> StoreResult<Vec<Unavailable>>;
}
