//! [`crate::Store`] for any backend that can run SQL: everything but the
//! binding of parameters and the reading of cells is here, once.
use super::{
    AGREEMENT_COLUMNS, Cells, Insert, Step, Value, agreement_parties, agreement_row, counts_sql,
    decode_rows, inserts, org_roles_sql, org_sql, select_parties_sql, select_sql,
};
use crate::{
    AuditEntry, Batch, EditionCounts, Kind, NewAuditEntry, OrgQuery, OrganizationEntry, Page,
    Store, StoreError, StoreResult,
};
use async_trait::async_trait;
use chainfair_core::{
    Agreement, AgreementKind, CountryCode, CurrencyCode, Edition, EditionId, Meeting, Money,
    OrgKind, OrganizationId, Profile, Role,
};
use std::collections::BTreeMap;

/// What a backend provides: run a query with bound values, and run inserts
/// in one transaction.
#[async_trait]
pub trait SqlRunner: Send + Sync + std::fmt::Debug {
    type Row: Cells + Send + Sync;
    const BACKEND: &'static str;
    /// What makes an ORDER BY on text compare bytes: `COLLATE "C"` on
    /// PostgreSQL, nothing on SQLite (whose default already does).
    const BYTE_ORDER: &'static str;
    async fn fetch(&self, sql: &str, binds: &[Value]) -> StoreResult<Vec<Self::Row>>;
    /// Runs the steps in one transaction; the rows each one wrote or changed.
    async fn run(&self, steps: Vec<Step>) -> StoreResult<Vec<u64>>;
}

/// A [`Store`] on a SQL backend.
#[derive(Debug)]
pub struct SqlStore<R>(pub R);

impl<R: SqlRunner> SqlStore<R> {
    /// Runs one statement in its own transaction; the rows it changed.
    pub(super) async fn execute(&self, sql: &str, binds: Vec<Value>) -> StoreResult<u64> {
        let affected = self
            .0
            .run(vec![Step::Execute(sql.to_owned(), binds)])
            .await?;
        Ok(affected.first().copied().unwrap_or(0))
    }

    async fn count(&self, sql: &str, edition: &EditionId) -> StoreResult<u64> {
        let rows = self
            .0
            .fetch(sql, &[Value::Text(edition.to_string())])
            .await?;
        let n = rows.first().map(|r| r.int("n")).transpose()?.unwrap_or(0);
        Ok(u64::try_from(n).unwrap_or(0))
    }
}

/// The insert of one audit entry, stamped now.
fn audit_insert(entry: &NewAuditEntry) -> Insert {
    let json = |v: &Option<serde_json::Value>| Value::OptText(v.as_ref().map(ToString::to_string));
    Insert {
        table: "audit_log",
        columns: &[
            "at",
            "actor",
            "edition",
            "entity",
            "entity_key",
            "action",
            "before_json",
            "after_json",
        ],
        rows: vec![vec![
            Value::Text(crate::now()),
            Value::Text(entry.actor.clone()),
            Value::Text(entry.edition.to_string()),
            Value::Text(entry.entity.to_owned()),
            Value::Text(entry.key.clone()),
            Value::Text(entry.action.clone()),
            json(&entry.before),
            json(&entry.after),
        ]],
    }
}

fn corrupt(table: &'static str, key: &str, message: impl ToString) -> StoreError {
    StoreError::Corrupt {
        table,
        key: key.to_owned(),
        message: message.to_string(),
    }
}

#[async_trait]
impl<R: SqlRunner> Store for SqlStore<R> {
    fn backend(&self) -> &'static str {
        R::BACKEND
    }

    #[tracing::instrument(skip_all, fields(backend = R::BACKEND, rows = batches.iter().map(Batch::len).sum::<usize>()))]
    async fn write(&self, batches: &[Batch]) -> StoreResult<()> {
        self.0
            .run(batches.iter().flat_map(inserts).map(Step::Insert).collect())
            .await
            .map(|_| ())
    }

    async fn restore(&self, r: &crate::Restore) -> StoreResult<()> {
        let mut steps: Vec<Step> = r
            .batches
            .iter()
            .flat_map(inserts)
            .map(Step::Insert)
            .collect();
        for (edition, attendee, session, day) in &r.online {
            let (sql, binds) = super::audience_impl::online_step(edition, attendee, session, *day);
            steps.push(Step::Execute(sql, binds));
        }
        for (edition, floor) in &r.floors {
            steps.extend(super::floor_impl::floor_steps(edition, floor)?);
        }
        for (edition, requests) in &r.space_requests {
            steps.extend(super::floor_impl::space_request_steps(edition, requests));
        }
        for (edition, bookings) in &r.bookings {
            steps.push(super::floor_impl::insert_bookings(edition, bookings));
        }
        for (document, content) in &r.documents {
            steps.extend(super::documents_impl::document_steps(document, content));
        }
        self.0.run(steps).await.map(|_| ())
    }

    async fn put_meetings(&self, meetings: &[Meeting]) -> StoreResult<()> {
        let delete = "DELETE FROM meetings WHERE edition = $1 AND id = $2";
        let mut steps: Vec<Step> = meetings
            .iter()
            .map(|m| {
                let key = vec![
                    Value::Text(m.edition().to_string()),
                    Value::Text(m.id().to_string()),
                ];
                Step::Execute(delete.to_owned(), key)
            })
            .collect();
        steps.extend(
            inserts(&Batch::Meetings(meetings.to_vec()))
                .into_iter()
                .map(Step::Insert),
        );
        self.0.run(steps).await.map(|_| ())
    }

    async fn save_agreement(
        &self,
        before: Option<&Agreement>,
        after: &Agreement,
        entry: &NewAuditEntry,
    ) -> StoreResult<()> {
        let placeholders = |range: std::ops::Range<usize>| {
            range.map(|i| format!("${}", i + 1)).collect::<Vec<_>>()
        };
        let mut row = agreement_row(after);
        let mut steps = match before {
            None => vec![Step::Guard(
                format!(
                    "INSERT INTO agreements ({}) VALUES ({}) ON CONFLICT (edition, id) DO NOTHING",
                    AGREEMENT_COLUMNS.join(", "),
                    placeholders(0..AGREEMENT_COLUMNS.len()).join(", ")
                ),
                row,
                format!("agreement {} already exists", after.id()),
            )],
            Some(before) => {
                let set: Vec<String> = AGREEMENT_COLUMNS
                    .iter()
                    .zip(placeholders(0..AGREEMENT_COLUMNS.len()))
                    .skip(2)
                    .map(|(column, placeholder)| format!("{column} = {placeholder}"))
                    .collect();
                row.push(Value::Int(i64::from(before.revision())));
                let key = vec![
                    Value::Text(after.edition().to_string()),
                    Value::Text(after.id().to_string()),
                ];
                vec![
                    Step::Guard(
                        format!(
                            "UPDATE agreements SET {} WHERE edition = $1 AND id = $2 AND revision = ${}",
                            set.join(", "),
                            AGREEMENT_COLUMNS.len() + 1
                        ),
                        row,
                        format!(
                            "agreement {} was changed meanwhile (it is no longer at revision {}); \
                             read it again",
                            after.id(),
                            before.revision()
                        ),
                    ),
                    Step::Execute(
                        "DELETE FROM agreement_parties WHERE edition = $1 AND agreement = $2"
                            .to_owned(),
                        key,
                    ),
                ]
            }
        };
        steps.push(Step::Insert(agreement_parties(std::slice::from_ref(after))));
        steps.push(Step::Insert(audit_insert(entry)));
        self.0.run(steps).await.map(|_| ())
    }

    async fn backup(&self, path: &str) -> StoreResult<()> {
        if R::BACKEND != "sqlite" {
            return Err(StoreError::Unsupported(format!(
                "a {} database is backed up with its own tools: pg_dump (docs/operations.md)",
                R::BACKEND
            )));
        }
        // VACUUM cannot run in a transaction: straight on the pool.
        self.0
            .fetch("VACUUM INTO $1", &[Value::Text(path.to_owned())])
            .await
            .map(|_| ())
    }

    async fn append_audit(&self, entry: &NewAuditEntry) -> StoreResult<()> {
        self.0
            .run(vec![Step::Insert(audit_insert(entry))])
            .await
            .map(|_| ())
    }

    async fn audit_log(
        &self,
        edition: &EditionId,
        record: Option<(&str, &str)>,
    ) -> StoreResult<Vec<AuditEntry>> {
        let mut binds = vec![Value::Text(edition.to_string())];
        let mut sql = "SELECT seq, at, actor, edition, entity, entity_key, action, before_json, \
                       after_json FROM audit_log WHERE edition = $1"
            .to_owned();
        if let Some((entity, key)) = record {
            sql.push_str(" AND entity = $2 AND entity_key = $3");
            binds.extend([Value::Text(entity.to_owned()), Value::Text(key.to_owned())]);
        }
        sql.push_str(" ORDER BY seq");
        let json = |row: &R::Row, column: &str| -> StoreResult<Option<serde_json::Value>> {
            row.opt_text(column)?
                .map(|text| serde_json::from_str(&text))
                .transpose()
                .map_err(|e| corrupt("audit_log", column, e))
        };
        self.0
            .fetch(&sql, &binds)
            .await?
            .iter()
            .map(|row| {
                Ok(AuditEntry {
                    seq: row.int("seq")?,
                    at: row.text("at")?,
                    actor: row.text("actor")?,
                    edition: row.text("edition")?,
                    entity: row.text("entity")?,
                    key: row.text("entity_key")?,
                    action: row.text("action")?,
                    before: json(row, "before_json")?,
                    after: json(row, "after_json")?,
                })
            })
            .collect()
    }

    async fn add_meeting(&self, meeting: &Meeting) -> StoreResult<()> {
        let insert = inserts(&Batch::Meetings(vec![meeting.clone()]))
            .into_iter()
            .next()
            .ok_or_else(|| StoreError::Database("no insert for a meeting".into()))?;
        let placeholders: Vec<String> = (1..=insert.columns.len())
            .map(|i| format!("${i}"))
            .collect();
        let sql = format!(
            "{}VALUES ({}) ON CONFLICT DO NOTHING",
            insert.head(),
            placeholders.join(", ")
        );
        let row = insert.rows.into_iter().next().unwrap_or_default();
        self.0
            .run(vec![Step::Guard(
                sql,
                row,
                format!(
                    "{} and {} already have an open meeting (or meeting {} exists)",
                    meeting.a(),
                    meeting.b(),
                    meeting.id()
                ),
            )])
            .await
            .map(|_| ())
    }

    async fn change_meeting(&self, before: &Meeting, after: &Meeting) -> StoreResult<()> {
        let key = |m: &Meeting| {
            vec![
                Value::Text(m.edition().to_string()),
                Value::Text(m.id().to_string()),
                Value::Text(before.status().as_str().to_owned()),
                Value::Bool(before.locked()),
                Value::Int(i64::from(before.sequence())),
            ]
        };
        let mut steps = vec![Step::Guard(
            "DELETE FROM meetings WHERE edition = $1 AND id = $2 AND status = $3 \
             AND locked = $4 AND sequence = $5"
                .to_owned(),
            key(before),
            format!(
                "meeting {} was changed meanwhile; read it again",
                before.id()
            ),
        )];
        steps.extend(
            inserts(&Batch::Meetings(vec![after.clone()]))
                .into_iter()
                .map(Step::Insert),
        );
        self.0.run(steps).await.map(|_| ())
    }

    async fn calendar_token(
        &self,
        edition: &EditionId,
        organization: &OrganizationId,
        new: &str,
    ) -> StoreResult<String> {
        let key = || {
            vec![
                Value::Text(edition.to_string()),
                Value::Text(organization.to_string()),
            ]
        };
        let mut binds = key();
        binds.push(Value::Text(new.to_owned()));
        self.execute(
            "INSERT INTO calendar_tokens (edition, organization, token) VALUES ($1, $2, $3) \
             ON CONFLICT (edition, organization) DO NOTHING",
            binds,
        )
        .await?;
        let rows = self
            .0
            .fetch(
                "SELECT token FROM calendar_tokens WHERE edition = $1 AND organization = $2",
                &key(),
            )
            .await?;
        match rows.first() {
            Some(row) => row.text("token"),
            None => Err(corrupt(
                "calendar_tokens",
                organization.as_str(),
                "token not stored",
            )),
        }
    }

    async fn calendar_owner(
        &self,
        token: &str,
    ) -> StoreResult<Option<(EditionId, OrganizationId)>> {
        let rows = self
            .0
            .fetch(
                "SELECT edition, organization FROM calendar_tokens WHERE token = $1",
                &[Value::Text(token.to_owned())],
            )
            .await?;
        let Some(row) = rows.first() else {
            return Ok(None);
        };
        let (edition, organization) = (row.text("edition")?, row.text("organization")?);
        let bad = |e: chainfair_core::Invalid| corrupt("calendar_tokens", &organization, e);
        Ok(Some((
            EditionId::parse("edition", &edition).map_err(bad)?,
            OrganizationId::parse("organization", &organization).map_err(bad)?,
        )))
    }

    async fn put_profile(&self, profile: &Profile) -> StoreResult<()> {
        let key = vec![
            Value::Text(profile.edition.to_string()),
            Value::Text(profile.organization.to_string()),
        ];
        let delete = "DELETE FROM profiles WHERE edition = $1 AND organization = $2";
        let mut steps = vec![Step::Execute(delete.to_owned(), key)];
        steps.extend(
            inserts(&Batch::Profiles(vec![profile.clone()]))
                .into_iter()
                .map(Step::Insert),
        );
        self.0.run(steps).await.map(|_| ())
    }

    #[tracing::instrument(skip(self), fields(backend = R::BACKEND))]
    async fn read(&self, kind: Kind, edition: Option<&EditionId>) -> StoreResult<Batch> {
        let by_edition = edition.is_some() && kind.per_edition();
        let binds: Vec<Value> = edition
            .filter(|_| by_edition)
            .map(|e| Value::Text(e.to_string()))
            .into_iter()
            .collect();
        let rows = self
            .0
            .fetch(&select_sql(kind, by_edition, R::BYTE_ORDER), &binds)
            .await?;
        let parties = if kind == Kind::Agreements {
            self.0
                .fetch(&select_parties_sql(by_edition), &binds)
                .await?
        } else {
            Vec::new()
        };
        decode_rows(kind, &rows, &parties)
    }

    async fn edition(&self, id: &EditionId) -> StoreResult<Option<Edition>> {
        let editions = crate::read_all::<Edition>(self, None).await?;
        Ok(editions.into_iter().find(|e| e.id() == id))
    }

    #[tracing::instrument(skip(self), fields(backend = R::BACKEND))]
    async fn organizations(&self, query: &OrgQuery) -> StoreResult<Page<OrganizationEntry>> {
        let sql = org_sql(query, R::BYTE_ORDER);
        let total = self.0.fetch(&sql.count, &sql.binds).await?;
        let total =
            u64::try_from(total.first().map(|r| r.int("n")).transpose()?.unwrap_or(0)).unwrap_or(0);
        let rows = self.0.fetch(&sql.page, &sql.page_binds).await?;
        let mut items = Vec::with_capacity(rows.len());
        for row in &rows {
            let id = row.text("id")?;
            let country = CountryCode::parse("country", &row.text("country")?)
                .map_err(|e| corrupt("organizations", &id, e))?;
            items.push(OrganizationEntry {
                id: OrganizationId::parse("id", &id)
                    .map_err(|e| corrupt("organizations", &id, e))?,
                name: row.text("name")?,
                name_zh: row.opt_text("name_zh")?,
                country,
                region: country.region(),
                kind: OrgKind::parse("kind", &row.text("kind")?)
                    .map_err(|e| corrupt("organizations", &id, e))?,
                roles: Vec::new(),
                key_client: false,
            });
        }
        let mut binds = vec![Value::Text(query.edition.to_string())];
        binds.extend(items.iter().map(|o| Value::Text(o.id.to_string())));
        let roles = self.0.fetch(&org_roles_sql(items.len()), &binds).await?;
        let mut by_org: BTreeMap<String, (Vec<Role>, bool)> = BTreeMap::new();
        for row in &roles {
            let org = row.text("organization")?;
            let role = Role::parse("role", &row.text("role")?)
                .map_err(|e| corrupt("participations", &org, e))?;
            let entry = by_org.entry(org).or_default();
            entry.0.push(role);
            entry.1 |= row.boolean("key_client")?;
        }
        for item in &mut items {
            if let Some((mut roles, key_client)) = by_org.remove(item.id.as_str()) {
                roles.sort();
                item.roles = roles;
                item.key_client = key_client;
            }
        }
        Ok(Page {
            items,
            total,
            page: query.page,
            per_page: query.per_page,
        })
    }

    #[tracing::instrument(skip(self), fields(backend = R::BACKEND))]
    async fn counts(&self, edition: &EditionId) -> StoreResult<EditionCounts> {
        let sql = counts_sql();
        let bind = [Value::Text(edition.to_string())];
        let mut counts = EditionCounts::default();
        for row in self.0.fetch(sql.exhibitors_by_country, &bind).await? {
            let code = row.text("country")?;
            let country = CountryCode::parse("country", &code)
                .map_err(|e| corrupt("organizations", &code, e))?;
            counts
                .exhibitors_by_country
                .push((country, u64::try_from(row.int("n")?).unwrap_or(0)));
        }
        counts.with_co_exhibitors = self.count(sql.with_co_exhibitors, edition).await?;
        counts.suppliers_connected = self.count(&sql.suppliers_connected, edition).await?;
        counts.key_clients_engaged = self.count(&sql.key_clients_engaged, edition).await?;
        let mut by_industry: BTreeMap<Option<String>, u64> = BTreeMap::new();
        for row in self.0.fetch(sql.agreements_by_kind, &bind).await? {
            let kind = row.text("kind")?;
            let n = u64::try_from(row.int("n")?).unwrap_or(0);
            *by_industry.entry(row.opt_text("industry")?).or_default() += n;
            match AgreementKind::parse("kind", &kind)
                .map_err(|e| corrupt("agreements", &kind, e))?
            {
                AgreementKind::Cooperation => counts.cooperation += n,
                AgreementKind::Intention => counts.intention += n,
            }
        }
        counts.agreements_by_industry = by_industry.into_iter().collect();
        for row in self.0.fetch(sql.amounts, &bind).await? {
            let code = row.text("currency")?;
            let currency = CurrencyCode::parse("currency", &code)
                .map_err(|e| corrupt("agreements", &code, e))?;
            counts.amounts.push((
                row.opt_text("industry")?,
                Money::from_minor(row.int("total")?, currency),
                row.date("signed_on")?,
            ));
        }
        for (query, days) in [
            (sql.offline_by_day, &mut counts.offline_by_day),
            (sql.online_by_day, &mut counts.online_by_day),
        ] {
            for row in self.0.fetch(query, &bind).await? {
                days.push((row.date("day")?, u64::try_from(row.int("n")?).unwrap_or(0)));
            }
        }
        counts.audience_offline = self.count(sql.audience_offline, edition).await?;
        counts.audience_online = self.count(sql.audience_online, edition).await?;
        counts.signups = self.count(sql.signups, edition).await?;
        Ok(counts)
    }
}
