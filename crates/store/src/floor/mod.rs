//! An edition's exhibition floor: the plan (halls, zones, booths), what
//! each exhibitor asks for (space, area, neighbours), and who has which
//! booth. The plan is kept whole, as the JSON document of
//! [`chainfair_core::floor::FloorDocument`]; requests and bookings are rows.
//!
//! A booth is booked by one organisation, and an organisation books one
//! booth: the database's keys enforce both, so two bookings of the same
//! booth can never both succeed, however many arrive at once.
pub(crate) mod files;

pub use files::{read_floor_csv, read_space_requests};

use crate::StoreResult;
use async_trait::async_trait;
use chainfair_core::floor::{BoothId, ExhibitionArea, Floor};
use chainfair_core::{EditionId, Invalid, OrganizationId};

/// What an exhibitor asks for: floor space, the exhibition area it shows
/// in, and who it would like as neighbours.
#[derive(Debug, Clone, PartialEq)]
pub struct SpaceRequest {
    pub organization: OrganizationId,
    /// Square metres, more than 0 and at most 10,000.
    pub area_m2: f64,
    pub area: ExhibitionArea,
    pub neighbours: Vec<OrganizationId>,
}

/// The columns of a space requests file.
pub const SPACE_REQUEST_COLUMNS: [&str; 4] = ["organization", "area_m2", "area", "neighbours"];

impl SpaceRequest {
    /// Parses one row: `neighbours` are organisation ids separated by
    /// spaces or `;`, and may be empty.
    pub fn parse<'a>(cell: impl Fn(&'static str) -> &'a str) -> Result<Self, Invalid> {
        let text = cell("area_m2");
        let area_m2: f64 = text
            .parse()
            .map_err(|_| Invalid::new("area_m2", format!("{text:?} is not a number")))?;
        if !(area_m2 > 0.0 && area_m2 <= 10_000.0) {
            return Err(Invalid::new(
                "area_m2",
                format!("{text} m² is not between 0 and 10,000"),
            ));
        }
        let organization = OrganizationId::parse("organization", cell("organization"))?;
        let neighbours = cell("neighbours")
            .split([' ', ';'])
            .filter(|n| !n.is_empty())
            .map(|n| OrganizationId::parse("neighbours", n))
            .collect::<Result<Vec<_>, _>>()?;
        if neighbours.contains(&organization) {
            return Err(Invalid::new("neighbours", "names the exhibitor itself"));
        }
        Ok(Self {
            organization,
            area_m2,
            area: ExhibitionArea::parse("area", cell("area"))?,
            neighbours,
        })
    }
}

/// A booth taken by an organisation; `fixed` bookings are the organiser's
/// and a layout run never moves them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Booking {
    pub booth: BoothId,
    pub organization: OrganizationId,
    pub fixed: bool,
}

#[async_trait]
pub trait FloorStore {
    /// Replaces the edition's plan. A booking of a booth the new plan no
    /// longer has is a `Conflict`, and nothing changes.
    async fn put_floor(&self, edition: &EditionId, floor: &Floor) -> StoreResult<()>;

    async fn floor(&self, edition: &EditionId) -> StoreResult<Option<Floor>>;

    /// Replaces the edition's space requests.
    async fn put_space_requests(
        &self,
        edition: &EditionId,
        requests: &[SpaceRequest],
    ) -> StoreResult<()>;

    async fn space_requests(&self, edition: &EditionId) -> StoreResult<Vec<SpaceRequest>>;

    /// Books a booth; a `Conflict` saying why when the booth is taken or
    /// the organisation already has one.
    async fn book_booth(&self, edition: &EditionId, booking: &Booking) -> StoreResult<()>;

    /// Frees a booth: the booking it had, if any.
    async fn release_booth(
        &self,
        edition: &EditionId,
        booth: &BoothId,
    ) -> StoreResult<Option<Booking>>;

    async fn bookings(&self, edition: &EditionId) -> StoreResult<Vec<Booking>>;

    /// Replaces every booking that is not fixed by `placed`, in one
    /// transaction (a layout run's result).
    async fn apply_layout(&self, edition: &EditionId, placed: &[Booking]) -> StoreResult<()>;
}
