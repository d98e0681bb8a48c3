//! [`FloorStore`] for any SQL backend.
use super::{Cells, SqlRunner, SqlStore, Step, Value};
use crate::{Booking, FloorStore, SpaceRequest, StoreError, StoreResult};
use async_trait::async_trait;
use chainfair_core::floor::{BoothId, ExhibitionArea, Floor};
use chainfair_core::{EditionId, OrganizationId};

fn text(s: impl ToString) -> Value {
    Value::Text(s.to_string())
}

fn corrupt(table: &'static str, key: &str, message: impl ToString) -> StoreError {
    StoreError::Corrupt {
        table,
        key: key.to_owned(),
        message: message.to_string(),
    }
}

fn booking<C: Cells>(row: &C) -> StoreResult<Booking> {
    let booth = row.text("booth")?;
    let bad = |e: chainfair_core::Invalid| corrupt("booth_bookings", &booth, e);
    Ok(Booking {
        booth: BoothId::parse("booth", &booth).map_err(bad)?,
        organization: OrganizationId::parse("organization", &row.text("organization")?)
            .map_err(bad)?,
        fixed: row.boolean("fixed")?,
    })
}

/// Replaces an edition's plan.
pub(super) fn floor_steps(edition: &EditionId, floor: &Floor) -> StoreResult<Vec<Step>> {
    let plan = serde_json::to_string(floor).map_err(|e| StoreError::Database(e.to_string()))?;
    Ok(vec![
        Step::Execute(
            "DELETE FROM floor_plans WHERE edition = $1".to_owned(),
            vec![text(edition)],
        ),
        Step::Execute(
            "INSERT INTO floor_plans (edition, plan) VALUES ($1, $2)".to_owned(),
            vec![text(edition), text(plan)],
        ),
    ])
}

/// Replaces an edition's space requests.
pub(super) fn space_request_steps(edition: &EditionId, requests: &[SpaceRequest]) -> Vec<Step> {
    let rows = requests
        .iter()
        .map(|r| {
            let neighbours: Vec<&str> = r.neighbours.iter().map(|n| n.as_str()).collect();
            vec![
                text(edition),
                text(&r.organization),
                Value::Float(r.area_m2),
                text(&r.area),
                text(neighbours.join(" ")),
            ]
        })
        .collect();
    vec![
        Step::Execute(
            "DELETE FROM space_requests WHERE edition = $1".to_owned(),
            vec![text(edition)],
        ),
        Step::Insert(super::Insert {
            table: "space_requests",
            columns: &["edition", "organization", "area_m2", "area", "neighbours"],
            rows,
        }),
    ]
}

pub(super) fn insert_bookings(edition: &EditionId, bookings: &[Booking]) -> Step {
    Step::Insert(super::Insert {
        table: "booth_bookings",
        columns: &["edition", "booth", "organization", "fixed", "booked_at"],
        rows: bookings
            .iter()
            .map(|b| {
                vec![
                    text(edition),
                    text(&b.booth),
                    text(&b.organization),
                    Value::Bool(b.fixed),
                    text(crate::now()),
                ]
            })
            .collect(),
    })
}

#[async_trait]
impl<R: SqlRunner> FloorStore for SqlStore<R> {
    async fn put_floor(&self, edition: &EditionId, floor: &Floor) -> StoreResult<()> {
        let lost: Vec<String> = self
            .bookings(edition)
            .await?
            .into_iter()
            .filter(|b| floor.booth(b.booth.as_str()).is_none())
            .map(|b| format!("{} ({})", b.booth, b.organization))
            .collect();
        if !lost.is_empty() {
            return Err(StoreError::Conflict(format!(
                "the new plan has no booth for the bookings {}; release them first",
                lost.join(", ")
            )));
        }
        self.0.run(floor_steps(edition, floor)?).await.map(|_| ())
    }

    async fn floor(&self, edition: &EditionId) -> StoreResult<Option<Floor>> {
        let rows = self
            .0
            .fetch(
                "SELECT plan FROM floor_plans WHERE edition = $1",
                &[text(edition)],
            )
            .await?;
        rows.first()
            .map(|row| {
                serde_json::from_str(&row.text("plan")?)
                    .map_err(|e| corrupt("floor_plans", edition.as_str(), e))
            })
            .transpose()
    }

    async fn put_space_requests(
        &self,
        edition: &EditionId,
        requests: &[SpaceRequest],
    ) -> StoreResult<()> {
        self.0
            .run(space_request_steps(edition, requests))
            .await
            .map(|_| ())
    }

    async fn space_requests(&self, edition: &EditionId) -> StoreResult<Vec<SpaceRequest>> {
        let rows = self
            .0
            .fetch(
                "SELECT organization, area_m2, area, neighbours FROM space_requests \
                 WHERE edition = $1 ORDER BY organization",
                &[text(edition)],
            )
            .await?;
        rows.iter()
            .map(|row| {
                let org = row.text("organization")?;
                let bad = |e: chainfair_core::Invalid| corrupt("space_requests", &org, e);
                Ok(SpaceRequest {
                    organization: OrganizationId::parse("organization", &org).map_err(bad)?,
                    area_m2: row.float("area_m2")?,
                    area: ExhibitionArea::parse("area", &row.text("area")?).map_err(bad)?,
                    neighbours: row
                        .text("neighbours")?
                        .split_whitespace()
                        .map(|n| OrganizationId::parse("neighbours", n))
                        .collect::<Result<_, _>>()
                        .map_err(bad)?,
                })
            })
            .collect()
    }

    async fn book_booth(&self, edition: &EditionId, b: &Booking) -> StoreResult<()> {
        let insert = Step::Guard(
            "INSERT INTO booth_bookings (edition, booth, organization, fixed, booked_at) \
             VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING"
                .to_owned(),
            vec![
                text(edition),
                text(&b.booth),
                text(&b.organization),
                Value::Bool(b.fixed),
                text(crate::now()),
            ],
            String::new(),
        );
        match self.0.run(vec![insert]).await {
            Err(StoreError::Conflict(_)) => {
                // Say which key stood in the way.
                let taken =
                    self.bookings(edition).await?.into_iter().find(|other| {
                        other.booth == b.booth || other.organization == b.organization
                    });
                Err(StoreError::Conflict(match taken {
                    Some(other) if other.booth == b.booth => {
                        format!(
                            "booth {} is already booked by {}",
                            b.booth, other.organization
                        )
                    }
                    Some(other) => {
                        format!("{} already has booth {}", b.organization, other.booth)
                    }
                    None => format!("booth {} could not be booked; try again", b.booth),
                }))
            }
            other => other.map(|_| ()),
        }
    }

    async fn release_booth(
        &self,
        edition: &EditionId,
        booth: &BoothId,
    ) -> StoreResult<Option<Booking>> {
        let found = self
            .bookings(edition)
            .await?
            .into_iter()
            .find(|b| &b.booth == booth);
        let Some(found) = found else {
            return Ok(None);
        };
        let deleted = self
            .execute(
                "DELETE FROM booth_bookings WHERE edition = $1 AND booth = $2 AND organization = $3",
                vec![text(edition), text(booth), text(&found.organization)],
            )
            .await?;
        Ok((deleted > 0).then_some(found))
    }

    async fn bookings(&self, edition: &EditionId) -> StoreResult<Vec<Booking>> {
        self.0
            .fetch(
                "SELECT booth, organization, fixed FROM booth_bookings WHERE edition = $1 \
                 ORDER BY booth",
                &[text(edition)],
            )
            .await?
            .iter()
            .map(booking)
            .collect()
    }

    async fn apply_layout(&self, edition: &EditionId, placed: &[Booking]) -> StoreResult<()> {
        self.0
            .run(vec![
                Step::Execute(
                    "DELETE FROM booth_bookings WHERE edition = $1 AND fixed = FALSE".to_owned(),
                    vec![text(edition)],
                ),
                insert_bookings(edition, placed),
            ])
            .await
            .map(|_| ())
    }
}
