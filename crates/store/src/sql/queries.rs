//! SQL text. Only static fragments are ever formatted into it; every value
//! from outside is bound as a parameter.
//!
//! Text is ordered byte by byte on both backends (`{c}` marks where
//! PostgreSQL needs `COLLATE "C"`; SQLite's default already is), so exports
//! and directory pages come out in the same order whatever the database's
//! locale.
use super::Value;
use crate::{Kind, OrgQuery};

fn table_of(kind: Kind) -> (&'static str, &'static str, &'static str) {
    match kind {
        Kind::Editions => (
            "editions",
            "id, name, host_country, start_date, end_date, time_zone, previous_id",
            // Editions usually follow their previous one in time, so imports
            // of an export find each `previous_id` already listed.
            "start_date, id{c}",
        ),
        Kind::Organizations => ("organizations", "id, name, name_zh, country, kind", "id{c}"),
        Kind::Participations => (
            "participations",
            "edition, organization, role, of_org, key_client",
            // Exhibitors before co-exhibitors, whose `of` must name one.
            "edition{c}, CASE role WHEN 'exhibitor' THEN 0 ELSE 1 END, organization{c}, role{c}",
        ),
        Kind::Attendees => (
            "attendees",
            "edition, id, name, organization, mode",
            "edition{c}, id{c}",
        ),
        Kind::CheckIns => (
            "checkins",
            "edition, attendee, day",
            "edition{c}, attendee{c}, day",
        ),
        Kind::Meetings => (
            "meetings",
            "edition, id, a, b, status, priority, message, locked, booked, slot_start, slot_end, \
             table_id, sequence",
            "edition{c}, id{c}",
        ),
        Kind::Agreements => (
            "agreements",
            "edition, id, kind, amount_minor, currency, signed_on, industry, status, published, \
             revision",
            "edition{c}, id{c}",
        ),
        Kind::Rates => (
            "rates",
            "day, from_currency, to_currency, rate, source",
            "day, from_currency{c}, to_currency{c}",
        ),
        Kind::Profiles => (
            "profiles",
            "edition, organization, offers_hs, seeks_hs, offers_segments, seeks_segments, \
             target_countries, target_regions, languages, description, must_meet, no_thanks",
            "edition{c}, organization{c}",
        ),
        Kind::Signups => (
            "signups",
            "edition, organization",
            "edition{c}, organization{c}",
        ),
    }
}

/// Every row of a kind, or of one edition (bound as `$1`) for per-edition kinds.
pub fn select_sql(kind: Kind, by_edition: bool, byte_order: &str) -> String {
    let (table, columns, order) = table_of(kind);
    let filter = if by_edition && kind.per_edition() {
        " WHERE edition = $1"
    } else {
        ""
    };
    let order = order.replace("{c}", byte_order);
    format!("SELECT {columns} FROM {table}{filter} ORDER BY {order}")
}

pub fn select_parties_sql(by_edition: bool) -> String {
    let filter = if by_edition {
        " WHERE edition = $1"
    } else {
        ""
    };
    format!(
        "SELECT edition, agreement, position, organization FROM agreement_parties{filter} ORDER BY edition, agreement, position"
    )
}

/// Distinct organisations of the edition matching `{selector}` (on the
/// participation `s`) with an accepted, scheduled or held meeting with an
/// exhibitor or co-exhibitor, on either side of the meeting. Written as
/// probes from each candidate into the meetings' (edition, a) and
/// (edition, b) indexes: 0.1 s on the CISCE-scale demo, where a union of all
/// meetings took 0.7 s.
fn connected(selector: &str) -> String {
    let side = |mine: &str, other: &str| {
        format!(
            "EXISTS (SELECT 1 FROM meetings m JOIN participations e ON e.edition = m.edition \
             AND e.organization = m.{other} AND e.role IN ('exhibitor', 'co_exhibitor') \
             WHERE m.edition = s.edition AND m.{mine} = s.organization \
             AND m.status IN ('accepted', 'scheduled', 'held'))"
        )
    };
    format!(
        "SELECT COUNT(DISTINCT s.organization) AS n FROM participations s \
         WHERE s.edition = $1 AND {selector} AND ({} OR {})",
        side("a", "b"),
        side("b", "a")
    )
}

/// The queries behind [`crate::EditionCounts`], each with `$1` = the edition.
#[derive(Debug)]
pub struct CountsSql {
    /// Rows (country, n).
    pub exhibitors_by_country: &'static str,
    /// Single-row counts (n), in the order of the fields of `EditionCounts`.
    pub with_co_exhibitors: &'static str,
    pub suppliers_connected: String,
    pub key_clients_engaged: String,
    /// Rows (kind, industry, n).
    pub agreements_by_kind: &'static str,
    /// Rows (industry, currency, signed_on, total).
    pub amounts: &'static str,
    /// Rows (day, n).
    pub offline_by_day: &'static str,
    /// Rows (day, n).
    pub online_by_day: &'static str,
    pub audience_offline: &'static str,
    pub audience_online: &'static str,
    pub signups: &'static str,
}

pub fn counts_sql() -> CountsSql {
    CountsSql {
        exhibitors_by_country: "SELECT o.country AS country, COUNT(*) AS n FROM participations p \
            JOIN organizations o ON o.id = p.organization \
            WHERE p.edition = $1 AND p.role = 'exhibitor' GROUP BY o.country ORDER BY o.country",
        with_co_exhibitors: "SELECT COUNT(DISTINCT organization) AS n FROM participations \
            WHERE edition = $1 AND role IN ('exhibitor', 'co_exhibitor')",
        suppliers_connected: connected("s.role = 'supplier'"),
        key_clients_engaged: connected("s.key_client = TRUE"),
        agreements_by_kind: "SELECT kind, industry, COUNT(*) AS n FROM agreements \
            WHERE edition = $1 AND status <> 'cancelled' GROUP BY kind, industry",
        amounts: "SELECT industry, currency, signed_on, CAST(SUM(amount_minor) AS BIGINT) AS total \
            FROM agreements WHERE edition = $1 AND status <> 'cancelled' AND amount_minor IS NOT NULL \
            GROUP BY industry, currency, signed_on",
        offline_by_day: "SELECT day, COUNT(DISTINCT attendee) AS n FROM checkins WHERE edition = $1 \
            GROUP BY day ORDER BY day",
        online_by_day: "SELECT day, COUNT(DISTINCT attendee) AS n FROM online_attendance \
            WHERE edition = $1 GROUP BY day ORDER BY day",
        audience_offline: "SELECT COUNT(DISTINCT attendee) AS n FROM checkins WHERE edition = $1",
        audience_online: "SELECT COUNT(*) AS n FROM attendees a WHERE a.edition = $1 AND a.mode = 'online' \
            AND NOT EXISTS (SELECT 1 FROM checkins c WHERE c.edition = a.edition AND c.attendee = a.id)",
        signups: "SELECT COUNT(*) AS n FROM signups WHERE edition = $1",
    }
}

/// The statements of an organisation search, with their parameters.
#[derive(Debug)]
pub struct OrgSql {
    pub count: String,
    pub page: String,
    pub binds: Vec<Value>,
    /// `binds` plus LIMIT and OFFSET, for `page`.
    pub page_binds: Vec<Value>,
}

pub fn org_sql(query: &OrgQuery, byte_order: &str) -> OrgSql {
    let mut binds = vec![Value::Text(query.edition.to_string())];
    let mut placeholder = |value: Value| {
        binds.push(value);
        format!("${}", binds.len())
    };
    let mut filter =
        String::from("o.id IN (SELECT organization FROM participations WHERE edition = $1");
    if let Some(role) = query.role {
        filter.push_str(&format!(
            " AND role = {}",
            placeholder(Value::Text(role.as_str().into()))
        ));
    }
    filter.push(')');
    if let Some(countries) = query.allowed_countries() {
        // An empty list (a region with no country) matches nothing.
        let list: Vec<String> = countries
            .into_iter()
            .map(|c| placeholder(Value::Text(c.into())))
            .collect();
        let list = if list.is_empty() {
            "NULL".to_owned()
        } else {
            list.join(", ")
        };
        filter.push_str(&format!(" AND o.country IN ({list})"));
    }
    if let Some(pattern) = query.like_pattern() {
        let p = placeholder(Value::Text(pattern));
        filter.push_str(&format!(" AND o.search_key LIKE {p} ESCAPE '\\'"));
    }
    if let Some(segments) = &query.offers_segments {
        // The profile keeps its segments space-separated.
        let tests: Vec<String> = segments
            .iter()
            .map(|s| {
                let p = placeholder(Value::Text(format!(
                    "% {} %",
                    crate::query::like_escaped(s)
                )));
                format!("(' ' || offers_segments || ' ') LIKE {p} ESCAPE '\\'")
            })
            .collect();
        let tests = if tests.is_empty() {
            "1 = 0".to_owned()
        } else {
            tests.join(" OR ")
        };
        filter.push_str(&format!(
            " AND o.id IN (SELECT organization FROM profiles WHERE edition = $1 AND ({tests}))"
        ));
    }
    let n = binds.len();
    let count = format!("SELECT COUNT(*) AS n FROM organizations o WHERE {filter}");
    let page = format!(
        "SELECT o.id, o.name, o.name_zh, o.country, o.kind FROM organizations o WHERE {filter} \
         ORDER BY o.name{byte_order}, o.id{byte_order} LIMIT ${} OFFSET ${}",
        n + 1,
        n + 2
    );
    let mut page_binds = binds.clone();
    page_binds.push(Value::Int(i64::from(query.per_page)));
    page_binds.push(Value::Int(query.offset()));
    OrgSql {
        count,
        page,
        binds,
        page_binds,
    }
}

/// Roles held in an edition by the listed organisations (`$2`, `$3`, ...).
pub fn org_roles_sql(organizations: usize) -> String {
    let list: Vec<String> = (2..organizations + 2).map(|i| format!("${i}")).collect();
    format!(
        "SELECT organization, role, key_client FROM participations \
         WHERE edition = $1 AND organization IN ({}) ORDER BY organization, role",
        if list.is_empty() {
            "NULL".to_owned()
        } else {
            list.join(", ")
        }
    )
}
