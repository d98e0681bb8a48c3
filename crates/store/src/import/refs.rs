//! References and uniqueness: every id a row names must exist (in the store
//! or earlier in the file) and every key a row claims must be free.
use super::Errors;
use super::parse::Parsed;
use crate::{Batch, Record, Store, StoreResult, read_all};
use chainfair_core::{
    Agreement, Attendee, CheckIn, Edition, EditionId, ExchangeRate, Meeting, Organization,
    OrganizationId, Participation, Profile, Role, Signup,
};
use std::collections::{BTreeSet, HashMap, HashSet};
use std::hash::Hash;

/// Keys already taken, and where: in the store or on a line of this file.
struct Taken<K>(HashMap<K, Option<u64>>);

impl<K: Hash + Eq> Taken<K> {
    fn stored(keys: impl IntoIterator<Item = K>) -> Self {
        Self(keys.into_iter().map(|k| (k, None)).collect())
    }

    /// Claims `key` for row `i`; if it was taken, reports by what in `column`.
    fn claim(
        &mut self,
        key: K,
        parsed: &Parsed,
        i: usize,
        column: &str,
        label: String,
        errors: &mut Errors,
    ) {
        let taken_by = match self.0.insert(key, Some(parsed.lines[i])) {
            None => return,
            Some(None) => "is already stored".to_owned(),
            Some(Some(first)) => format!("is already on line {first}"),
        };
        errors.push(parsed.error(i, column, format!("{label} {taken_by}")));
    }
}

/// What the check needs to know of the store beyond the file itself.
struct Context {
    editions: HashMap<EditionId, Edition>,
    organizations: HashSet<OrganizationId>,
}

async fn per_edition<T: Record>(
    store: &dyn Store,
    editions: &BTreeSet<EditionId>,
) -> StoreResult<Vec<T>> {
    let mut rows = Vec::new();
    for edition in editions {
        rows.extend(read_all::<T>(store, Some(edition)).await?);
    }
    Ok(rows)
}

pub(crate) async fn check(
    store: &dyn Store,
    parsed: &Parsed,
    errors: &mut Errors,
) -> StoreResult<()> {
    let stored_editions = read_all::<Edition>(store, None).await?;
    let needs_orgs = !matches!(
        parsed.batch,
        Batch::Editions(_) | Batch::Rates(_) | Batch::CheckIns(_)
    );
    let ctx = Context {
        editions: stored_editions
            .iter()
            .map(|e| (e.id().clone(), e.clone()))
            .collect(),
        organizations: if needs_orgs {
            read_all::<Organization>(store, None)
                .await?
                .into_iter()
                .map(|o| o.id().clone())
                .collect()
        } else {
            HashSet::new()
        },
    };
    let edition_of = |i: usize, edition: &EditionId, errors: &mut Errors| {
        let known = ctx.editions.contains_key(edition);
        if !known {
            errors.push(parsed.error(
                i,
                "edition",
                format!("unknown edition {:?}", edition.as_str()),
            ));
        }
        known
    };
    let org_exists = |i: usize, column: &str, org: &OrganizationId, errors: &mut Errors| {
        if !ctx.organizations.contains(org) {
            errors.push(parsed.error(
                i,
                column,
                format!("unknown organisation {:?}", org.as_str()),
            ));
        }
    };
    let referenced: BTreeSet<EditionId> = match &parsed.batch {
        Batch::Participations(rows) => rows.iter().map(|r| r.edition().clone()).collect(),
        Batch::Attendees(rows) => rows.iter().map(|r| r.edition.clone()).collect(),
        Batch::CheckIns(rows) => rows.iter().map(|r| r.edition.clone()).collect(),
        Batch::Meetings(rows) => rows.iter().map(|r| r.edition().clone()).collect(),
        Batch::Agreements(rows) => rows.iter().map(|r| r.edition().clone()).collect(),
        Batch::Signups(rows) => rows.iter().map(|r| r.edition.clone()).collect(),
        Batch::Profiles(rows) => rows.iter().map(|r| r.edition.clone()).collect(),
        Batch::Editions(_) | Batch::Organizations(_) | Batch::Rates(_) => BTreeSet::new(),
    };
    let referenced: BTreeSet<EditionId> = referenced
        .into_iter()
        .filter(|e| ctx.editions.contains_key(e))
        .collect();

    match &parsed.batch {
        Batch::Editions(rows) => {
            let mut taken = Taken::stored(stored_editions.iter().map(|e| e.id().clone()));
            for (i, edition) in rows.iter().enumerate() {
                if let Some(previous) = edition.previous()
                    && !taken.0.contains_key(previous)
                {
                    let message = format!(
                        "unknown edition {:?} (list it before this one)",
                        previous.as_str()
                    );
                    errors.push(parsed.error(i, "previous_id", message));
                }
                taken.claim(
                    edition.id().clone(),
                    parsed,
                    i,
                    "id",
                    format!("edition {:?}", edition.id().as_str()),
                    errors,
                );
            }
        }
        Batch::Organizations(rows) => {
            let stored = read_all::<Organization>(store, None).await?;
            let mut ids = Taken::stored(stored.iter().map(|o| o.id().clone()));
            let mut names: HashMap<String, OrganizationId> = stored
                .iter()
                .map(|o| (o.dedup_key(), o.id().clone()))
                .collect();
            for (i, org) in rows.iter().enumerate() {
                ids.claim(
                    org.id().clone(),
                    parsed,
                    i,
                    "id",
                    format!("organisation {:?}", org.id().as_str()),
                    errors,
                );
                if let Some(other) = names.insert(org.dedup_key(), org.id().clone()) {
                    let message = format!(
                        "{:?} is the same organisation as {:?} (same name, ignoring case, punctuation and legal form, and same country)",
                        org.name(),
                        other.as_str()
                    );
                    errors.push(parsed.error(i, "name", message));
                }
            }
        }
        Batch::Participations(rows) => {
            let stored = per_edition::<Participation>(store, &referenced).await?;
            let exhibitors: HashSet<(&EditionId, &OrganizationId)> = stored
                .iter()
                .chain(rows)
                .filter(|p| p.role() == Role::Exhibitor)
                .map(|p| (p.edition(), p.organization()))
                .collect();
            let key = |p: &Participation| (p.edition().clone(), p.organization().clone(), p.role());
            let mut taken = Taken::stored(stored.iter().map(key));
            for (i, p) in rows.iter().enumerate() {
                if !edition_of(i, p.edition(), errors) {
                    continue;
                }
                org_exists(i, "organization", p.organization(), errors);
                if let Some(of) = p.of()
                    && !exhibitors.contains(&(p.edition(), of))
                {
                    let message = format!(
                        "{:?} is not an exhibitor of edition {:?}",
                        of.as_str(),
                        p.edition().as_str()
                    );
                    errors.push(parsed.error(i, "of", message));
                }
                let label = format!(
                    "role {} of {:?}",
                    p.role().as_str(),
                    p.organization().as_str()
                );
                taken.claim(key(p), parsed, i, "role", label, errors);
            }
        }
        Batch::Attendees(rows) => {
            let stored = per_edition::<Attendee>(store, &referenced).await?;
            let mut taken = Taken::stored(stored.into_iter().map(|a| (a.edition, a.id)));
            for (i, a) in rows.iter().enumerate() {
                if !edition_of(i, &a.edition, errors) {
                    continue;
                }
                if let Some(org) = &a.organization {
                    org_exists(i, "organization", org, errors);
                }
                taken.claim(
                    (a.edition.clone(), a.id.clone()),
                    parsed,
                    i,
                    "id",
                    format!("attendee {:?}", a.id.as_str()),
                    errors,
                );
            }
        }
        Batch::CheckIns(rows) => {
            let attendees: HashSet<(EditionId, _)> = per_edition::<Attendee>(store, &referenced)
                .await?
                .into_iter()
                .map(|a| (a.edition, a.id))
                .collect();
            let stored = per_edition::<CheckIn>(store, &referenced).await?;
            let mut taken = Taken::stored(stored);
            for (i, c) in rows.iter().enumerate() {
                if !edition_of(i, &c.edition, errors) {
                    continue;
                }
                if !attendees.contains(&(c.edition.clone(), c.attendee.clone())) {
                    let message = format!(
                        "unknown attendee {:?} in edition {:?}",
                        c.attendee.as_str(),
                        c.edition.as_str()
                    );
                    errors.push(parsed.error(i, "attendee", message));
                }
                let edition = &ctx.editions[&c.edition];
                if c.date < edition.start_date() || c.date > edition.end_date() {
                    let message = format!(
                        "{} is not a day of edition {:?} ({} to {})",
                        c.date,
                        c.edition.as_str(),
                        edition.start_date(),
                        edition.end_date()
                    );
                    errors.push(parsed.error(i, "date", message));
                }
                taken.claim(
                    c.clone(),
                    parsed,
                    i,
                    "date",
                    format!("check-in of {:?} on {}", c.attendee.as_str(), c.date),
                    errors,
                );
            }
        }
        Batch::Meetings(rows) => {
            let stored = per_edition::<Meeting>(store, &referenced).await?;
            let mut taken =
                Taken::stored(stored.iter().map(|m| (m.edition().clone(), m.id().clone())));
            // One open meeting per pair, as the database requires.
            let pair = |m: &Meeting| {
                let (a, b) = if m.a() < m.b() {
                    (m.a(), m.b())
                } else {
                    (m.b(), m.a())
                };
                (m.edition().clone(), a.clone(), b.clone())
            };
            let mut open_pairs =
                Taken::stored(stored.iter().filter(|m| m.status().is_open()).map(pair));
            for (i, m) in rows.iter().enumerate() {
                if !edition_of(i, m.edition(), errors) {
                    continue;
                }
                org_exists(i, "a", m.a(), errors);
                org_exists(i, "b", m.b(), errors);
                taken.claim(
                    (m.edition().clone(), m.id().clone()),
                    parsed,
                    i,
                    "id",
                    format!("meeting {:?}", m.id().as_str()),
                    errors,
                );
                if m.status().is_open() {
                    open_pairs.claim(
                        pair(m),
                        parsed,
                        i,
                        "b",
                        format!("an open meeting of {} and {}", m.a(), m.b()),
                        errors,
                    );
                }
            }
        }
        Batch::Agreements(rows) => {
            let stored = per_edition::<Agreement>(store, &referenced).await?;
            let mut taken =
                Taken::stored(stored.iter().map(|a| (a.edition().clone(), a.id().clone())));
            for (i, a) in rows.iter().enumerate() {
                if !edition_of(i, a.edition(), errors) {
                    continue;
                }
                a.parties()
                    .iter()
                    .for_each(|p| org_exists(i, "parties", p, errors));
                taken.claim(
                    (a.edition().clone(), a.id().clone()),
                    parsed,
                    i,
                    "id",
                    format!("agreement {:?}", a.id().as_str()),
                    errors,
                );
            }
        }
        Batch::Rates(rows) => {
            let key = |r: &ExchangeRate| (r.date, r.from, r.to);
            let mut taken =
                Taken::stored(read_all::<ExchangeRate>(store, None).await?.iter().map(key));
            for (i, r) in rows.iter().enumerate() {
                taken.claim(
                    key(r),
                    parsed,
                    i,
                    "date",
                    format!("rate {}/{} on {}", r.from, r.to, r.date),
                    errors,
                );
            }
        }
        Batch::Profiles(rows) => {
            // A profile is a participant's, and so are the organisations it
            // names: matchmaking happens among an edition's participants.
            let participants: HashSet<(EditionId, OrganizationId)> =
                per_edition::<Participation>(store, &referenced)
                    .await?
                    .into_iter()
                    .map(|p| (p.edition().clone(), p.organization().clone()))
                    .collect();
            let key = |p: &Profile| (p.edition.clone(), p.organization.clone());
            let mut taken = Taken::stored(
                per_edition::<Profile>(store, &referenced)
                    .await?
                    .iter()
                    .map(key),
            );
            for (i, p) in rows.iter().enumerate() {
                if !edition_of(i, &p.edition, errors) {
                    continue;
                }
                let named = std::iter::once(("organization", &p.organization))
                    .chain(p.must_meet.iter().map(|o| ("must_meet", o)))
                    .chain(p.no_thanks.iter().map(|o| ("no_thanks", o)));
                for (column, org) in named {
                    if !participants.contains(&(p.edition.clone(), org.clone())) {
                        let message = format!(
                            "{:?} does not take part in edition {:?}",
                            org.as_str(),
                            p.edition.as_str()
                        );
                        errors.push(parsed.error(i, column, message));
                    }
                }
                taken.claim(
                    key(p),
                    parsed,
                    i,
                    "organization",
                    format!("the profile of {:?}", p.organization.as_str()),
                    errors,
                );
            }
        }
        Batch::Signups(rows) => {
            let mut taken = Taken::stored(per_edition::<Signup>(store, &referenced).await?);
            for (i, s) in rows.iter().enumerate() {
                if !edition_of(i, &s.edition, errors) {
                    continue;
                }
                org_exists(i, "organization", &s.organization, errors);
                taken.claim(
                    s.clone(),
                    parsed,
                    i,
                    "organization",
                    format!("sign-up of {:?}", s.organization.as_str()),
                    errors,
                );
            }
        }
    }
    Ok(())
}
