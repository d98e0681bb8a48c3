//! [`AudienceStore`] for any SQL backend.
use super::{Cells, SqlRunner, SqlStore, Step, Value};
use crate::{AudienceStore, StoreError, StoreResult};
use async_trait::async_trait;
use chainfair_core::{AttendanceMode, Attendee, AttendeeId, EditionId, OrganizationId};
use chrono::NaiveDate;

const COLUMNS: &str = "edition, id, name, organization, mode";

fn attendee<C: Cells>(row: &C) -> StoreResult<Attendee> {
    let id = row.text("id")?;
    let bad = |e: chainfair_core::Invalid| StoreError::Corrupt {
        table: "attendees",
        key: id.clone(),
        message: e.to_string(),
    };
    Attendee::new(
        EditionId::parse("edition", &row.text("edition")?).map_err(bad)?,
        AttendeeId::parse("id", &id).map_err(bad)?,
        &row.text("name")?,
        row.opt_text("organization")?
            .map(|o| OrganizationId::parse("organization", &o))
            .transpose()
            .map_err(bad)?,
        AttendanceMode::parse("mode", &row.text("mode")?).map_err(bad)?,
    )
    .map_err(bad)
}

fn text(s: impl ToString) -> Value {
    Value::Text(s.to_string())
}

/// Records that an attendee followed an online session (once a session).
pub(super) fn online_step(
    edition: &EditionId,
    attendee: &AttendeeId,
    session: &str,
    day: NaiveDate,
) -> (String, Vec<Value>) {
    let sql = "INSERT INTO online_attendance (edition, attendee, session, day) \
               VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING";
    let binds = vec![
        text(edition),
        text(attendee),
        text(session),
        Value::Date(day),
    ];
    (sql.to_owned(), binds)
}

#[async_trait]
impl<R: SqlRunner> AudienceStore for SqlStore<R> {
    async fn register_attendee(&self, a: &Attendee, account: Option<&str>) -> StoreResult<()> {
        self.0
            .run(vec![Step::Guard(
                format!(
                    "INSERT INTO attendees ({COLUMNS}, account) VALUES ($1, $2, $3, $4, $5, $6) \
                     ON CONFLICT DO NOTHING"
                ),
                vec![
                    text(&a.edition),
                    text(&a.id),
                    text(&a.name),
                    Value::OptText(a.organization.as_ref().map(ToString::to_string)),
                    text(a.mode.as_str()),
                    Value::OptText(account.map(str::to_owned)),
                ],
                format!("attendee {} is already registered", a.id),
            )])
            .await
            .map(|_| ())
    }

    async fn attendee(
        &self,
        edition: &EditionId,
        id: &AttendeeId,
    ) -> StoreResult<Option<Attendee>> {
        let sql = format!("SELECT {COLUMNS} FROM attendees WHERE edition = $1 AND id = $2");
        self.0
            .fetch(&sql, &[text(edition), text(id)])
            .await?
            .first()
            .map(attendee)
            .transpose()
    }

    async fn attendees_of_account(&self, account: &str) -> StoreResult<Vec<Attendee>> {
        let sql =
            format!("SELECT {COLUMNS} FROM attendees WHERE account = $1 ORDER BY edition, id");
        self.0
            .fetch(&sql, &[text(account)])
            .await?
            .iter()
            .map(attendee)
            .collect()
    }

    async fn check_in(
        &self,
        edition: &EditionId,
        attendee: &AttendeeId,
        day: NaiveDate,
    ) -> StoreResult<bool> {
        let sql = "INSERT INTO checkins (edition, attendee, day) VALUES ($1, $2, $3) \
                   ON CONFLICT DO NOTHING";
        let new = self
            .execute(sql, vec![text(edition), text(attendee), Value::Date(day)])
            .await?;
        Ok(new > 0)
    }

    async fn attend_online(
        &self,
        edition: &EditionId,
        attendee: &AttendeeId,
        session: &str,
        day: NaiveDate,
    ) -> StoreResult<bool> {
        let (sql, binds) = online_step(edition, attendee, session, day);
        Ok(self.execute(&sql, binds).await? > 0)
    }

    async fn online_attendance(
        &self,
        edition: &EditionId,
    ) -> StoreResult<Vec<(AttendeeId, String, NaiveDate)>> {
        let rows = self
            .0
            .fetch(
                "SELECT attendee, session, day FROM online_attendance WHERE edition = $1 \
                 ORDER BY attendee, session",
                &[text(edition)],
            )
            .await?;
        rows.iter()
            .map(|row| {
                let attendee = row.text("attendee")?;
                let id =
                    AttendeeId::parse("attendee", &attendee).map_err(|e| StoreError::Corrupt {
                        table: "online_attendance",
                        key: attendee.clone(),
                        message: e.to_string(),
                    })?;
                Ok((id, row.text("session")?, row.date("day")?))
            })
            .collect()
    }

    async fn sign_up(
        &self,
        edition: &EditionId,
        organization: &OrganizationId,
    ) -> StoreResult<bool> {
        let sql = "INSERT INTO signups (edition, organization) VALUES ($1, $2) \
                   ON CONFLICT DO NOTHING";
        Ok(self
            .execute(sql, vec![text(edition), text(organization)])
            .await?
            > 0)
    }

    async fn server_key(&self, name: &str, new: &str) -> StoreResult<String> {
        self.execute(
            "INSERT INTO server_keys (name, value) VALUES ($1, $2) ON CONFLICT DO NOTHING",
            vec![text(name), text(new)],
        )
        .await?;
        let rows = self
            .0
            .fetch(
                "SELECT value FROM server_keys WHERE name = $1",
                &[text(name)],
            )
            .await?;
        match rows.first() {
            Some(row) => row.text("value"),
            None => Err(StoreError::Database(format!(
                "server key {name} not stored"
            ))),
        }
    }
}
