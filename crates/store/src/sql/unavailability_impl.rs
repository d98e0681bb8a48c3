//! [`UnavailabilityStore`] for any SQL backend.
use super::{Cells, Insert, SqlRunner, SqlStore, Step, Value};
use crate::{StoreError, StoreResult, UnavailabilityStore, Unavailable};
use async_trait::async_trait;
use chainfair_core::{EditionId, OrganizationId, Placement};

#[async_trait]
impl<R: SqlRunner> UnavailabilityStore for SqlStore<R> {
    async fn put_unavailability(
        &self,
        edition: &EditionId,
        organization: Option<&OrganizationId>,
        periods: &[Unavailable],
    ) -> StoreResult<()> {
        let delete = match organization {
            Some(org) => Step::Execute(
                "DELETE FROM unavailability WHERE edition = $1 AND organization = $2".to_owned(),
                vec![
                    Value::Text(edition.to_string()),
                    Value::Text(org.to_string()),
                ],
            ),
            None => Step::Execute(
                "DELETE FROM unavailability WHERE edition = $1".to_owned(),
                vec![Value::Text(edition.to_string())],
            ),
        };
        let rows = periods
            .iter()
            .map(|p| {
                vec![
                    Value::Text(edition.to_string()),
                    Value::Text(p.organization.to_string()),
                    Value::Text(Placement::format(p.from)),
                    Value::Text(Placement::format(p.to)),
                ]
            })
            .collect();
        let insert = Step::Insert(Insert {
            table: "unavailability",
            columns: &["edition", "organization", "starts", "ends"],
            rows,
        });
        self.0.run(vec![delete, insert]).await.map(|_| ())
    }

    async fn unavailability(&self, edition: &EditionId) -> StoreResult<Vec<Unavailable>> {
        let rows = self
            .0
            .fetch(
                "SELECT organization, starts, ends FROM unavailability WHERE edition = $1 \
                 ORDER BY organization, starts",
                &[Value::Text(edition.to_string())],
            )
            .await?;
        rows.iter()
            .map(|row| {
                let org = row.text("organization")?;
                let bad = |e: chainfair_core::Invalid| StoreError::Corrupt {
                    table: "unavailability",
                    key: org.clone(),
                    message: e.to_string(),
                };
                Unavailable::new(
                    OrganizationId::parse("organization", &org).map_err(bad)?,
                    Placement::parse_time("starts", &row.text("starts")?).map_err(bad)?,
                    Placement::parse_time("ends", &row.text("ends")?).map_err(bad)?,
                )
                .map_err(bad)
            })
            .collect()
    }
}
