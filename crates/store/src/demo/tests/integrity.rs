//! References, identities, names and money of the generated rows.
use super::super::{INDUSTRIES, names};
use super::{cisce, rows, small};
use chainfair_core::{
    AttendanceMode, CountryCode, CurrencyCode, MeetingStatus, OrgKind, Organization,
    OrganizationId, RateTable, Role,
};
use rust_decimal::Decimal;
use std::collections::{HashMap, HashSet};

#[test]
fn every_reference_points_at_an_existing_row() {
    for demo in [&small(), cisce()] {
        let rows = rows(demo);
        let editions: HashSet<_> = rows.editions.iter().map(|e| e.id()).collect();
        let orgs: HashSet<_> = rows.orgs.iter().map(|o| o.id()).collect();
        let mut roles: HashMap<(&str, &OrganizationId), HashSet<Role>> = HashMap::new();
        for p in rows.participations {
            assert!(
                editions.contains(p.edition()) && orgs.contains(p.organization()),
                "{p:?}"
            );
            roles
                .entry((p.edition().as_str(), p.organization()))
                .or_default()
                .insert(p.role());
        }
        let has = |edition: &str, org: &OrganizationId, role: Role| {
            roles
                .get(&(edition, org))
                .is_some_and(|r| r.contains(&role))
        };
        for p in rows
            .participations
            .iter()
            .filter(|p| p.role() == Role::CoExhibitor)
        {
            let e = p.edition().as_str();
            assert!(
                has(
                    e,
                    p.of().expect("co-exhibitor names its exhibitor"),
                    Role::Exhibitor
                ),
                "{p:?}"
            );
            assert!(
                !has(e, p.organization(), Role::Exhibitor),
                "{p:?} also exhibits"
            );
        }
        let takes_part = |edition: &str, org: &OrganizationId| roles.contains_key(&(edition, org));
        for m in rows.meetings {
            let e = m.edition().as_str();
            assert!(takes_part(e, m.a()) && takes_part(e, m.b()), "{m:?}");
        }
        for a in rows.agreements {
            let e = a.edition().as_str();
            assert!((2..=4).contains(&a.parties().len()), "{a:?}");
            assert!(a.parties().iter().all(|p| takes_part(e, p)), "{a:?}");
            assert!(
                a.parties().iter().any(|p| has(e, p, Role::Exhibitor)),
                "{a:?} has no exhibitor"
            );
        }
        let attendees: HashMap<_, _> = rows
            .attendees
            .iter()
            .map(|a| ((&a.edition, &a.id), a))
            .collect();
        for a in rows.attendees {
            assert!(
                a.organization
                    .as_ref()
                    .is_none_or(|o| takes_part(a.edition.as_str(), o)),
                "{a:?}"
            );
        }
        for c in rows.check_ins {
            let attendee = attendees
                .get(&(&c.edition, &c.attendee))
                .expect("checked-in attendee registered");
            assert_eq!(attendee.mode, AttendanceMode::Offline);
        }
        for s in rows.signups {
            assert!(takes_part(s.edition.as_str(), &s.organization), "{s:?}");
        }
    }
}

#[test]
fn ids_are_unique_and_dedup_keys_too() {
    for demo in [&small(), cisce()] {
        let rows = rows(demo);
        let unique = |ids: Vec<String>| ids.len() == ids.iter().collect::<HashSet<_>>().len();
        assert!(unique(
            rows.orgs.iter().map(|o| o.id().to_string()).collect()
        ));
        assert!(unique(
            rows.orgs.iter().map(Organization::dedup_key).collect()
        ));
        assert!(unique(
            rows.attendees.iter().map(|a| a.id.to_string()).collect()
        ));
        assert!(unique(
            rows.meetings.iter().map(|m| m.id().to_string()).collect()
        ));
        assert!(unique(
            rows.agreements.iter().map(|a| a.id().to_string()).collect()
        ));
        let participations: HashSet<_> = rows
            .participations
            .iter()
            .map(|p| (p.edition(), p.organization(), p.role()))
            .collect();
        assert_eq!(participations.len(), rows.participations.len());
        let signups: HashSet<_> = rows.signups.iter().collect();
        assert_eq!(signups.len(), rows.signups.len());
    }
}

#[test]
fn check_ins_fall_on_the_edition_days_once_a_day() {
    for demo in [&small(), cisce()] {
        let rows = rows(demo);
        let mut seen = HashSet::new();
        let mut per_attendee: HashMap<_, usize> = HashMap::new();
        for c in rows.check_ins {
            let edition = rows
                .editions
                .iter()
                .find(|e| e.id() == &c.edition)
                .expect("edition");
            assert!(edition.days().any(|d| d == c.date), "{c:?}");
            assert!(seen.insert(c), "{c:?} twice");
            *per_attendee.entry(&c.attendee).or_default() += 1;
        }
        assert!(per_attendee.values().all(|n| (1..=3).contains(n)));
        let no_shows = rows
            .attendees
            .iter()
            .filter(|a| a.mode == AttendanceMode::Offline && !per_attendee.contains_key(&a.id));
        assert!(
            no_shows.count() > 0,
            "some offline registrations never come"
        );
    }
}

#[test]
fn traders_have_one_to_three_meetings_and_some_are_not_connected() {
    for demo in [&small(), cisce()] {
        let rows = rows(demo);
        let mut per_org: HashMap<(&str, &OrganizationId), usize> = HashMap::new();
        for m in rows.meetings {
            *per_org.entry((m.edition().as_str(), m.a())).or_default() += 1;
            *per_org.entry((m.edition().as_str(), m.b())).or_default() += 1;
        }
        for p in rows
            .participations
            .iter()
            .filter(|p| matches!(p.role(), Role::Supplier | Role::Buyer))
        {
            let n = per_org
                .get(&(p.edition().as_str(), p.organization()))
                .copied()
                .unwrap_or(0);
            assert!(n <= 3, "{p:?} has {n} meetings");
        }
        let statuses: HashSet<_> = rows.meetings.iter().map(|m| m.status()).collect();
        assert_eq!(statuses.len(), MeetingStatus::ALL.len());
        let priorities: HashSet<_> = rows.meetings.iter().map(|m| m.priority().get()).collect();
        assert_eq!(priorities, (1..=5).collect());
    }
}

#[test]
fn cisce_2024_agreements_are_worth_about_152_3_billion_yuan() {
    let demo = cisce();
    let rows = rows(demo);
    let rates = RateTable::new(rows.rates.iter().cloned());
    let cny = CurrencyCode::cny();
    let mut total = Decimal::ZERO;
    let mut currencies = HashMap::new();
    let mut without = 0;
    for a in rows
        .agreements
        .iter()
        .filter(|a| a.edition() == &demo.current)
    {
        match a.amount() {
            Some(money) => {
                total += rates
                    .convert(money, cny, a.signed_on())
                    .expect("a rate for every currency");
                *currencies.entry(money.currency().code()).or_insert(0) += 1;
            }
            None => without += 1,
        }
    }
    let (low, high) = (
        Decimal::from(152_000_000_000u64),
        Decimal::from(152_600_000_000u64),
    );
    assert!(low <= total && total <= high, "{total} yuan");
    assert!((1..=60).contains(&without), "{without} without amount");
    for code in ["USD", "EUR", "JPY"] {
        assert!(
            currencies.get(code).is_some_and(|n| *n > 10),
            "{code}: {currencies:?}"
        );
    }
    let signed: usize = currencies.values().sum();
    assert!(
        currencies["CNY"] * 2 > signed,
        "mostly yuan: {currencies:?}"
    );
}

#[test]
fn agreements_are_signed_during_the_edition_in_known_chains() {
    for demo in [&small(), cisce()] {
        let rows = rows(demo);
        for a in rows.agreements {
            let edition = rows
                .editions
                .iter()
                .find(|e| e.id() == a.edition())
                .expect("edition");
            assert!(edition.days().any(|d| d == a.signed_on()), "{a:?}");
            assert!(
                a.industry()
                    .is_some_and(|i| INDUSTRIES.contains(&i.as_str())),
                "{a:?}"
            );
            assert!(a.amount().is_none_or(|m| m.minor() > 0), "{a:?}");
        }
    }
}

#[test]
fn names_are_in_both_languages_and_of_every_kind() {
    let rows = rows(cisce());
    let cn = CountryCode::parse("country", "CN").expect("CN");
    let (chinese, foreign): (Vec<&Organization>, Vec<&Organization>) =
        rows.orgs.iter().partition(|o| o.country() == cn);
    assert!(
        chinese
            .iter()
            .all(|o| o.name_zh().is_some() && o.name().is_ascii())
    );
    let with_zh = foreign.iter().filter(|o| o.name_zh().is_some()).count() * 100 / foreign.len();
    assert!(
        (40..=60).contains(&with_zh),
        "{with_zh} % of foreign names have a Chinese one"
    );
    for kind in OrgKind::ALL {
        assert!(rows.orgs.iter().any(|o| o.kind() == kind), "no {kind:?}");
    }
    let german = rows
        .orgs
        .iter()
        .find(|o| o.country().alpha2() == "DE")
        .expect("a German organisation");
    assert!(
        german.name().contains("GmbH")
            || german.name().contains("AG")
            || german.kind() != OrgKind::Company
    );
    let people: HashSet<_> = rows.attendees.iter().map(|a| a.name.as_str()).collect();
    assert!(
        people.len() > 5_000,
        "only {} distinct visitor names",
        people.len()
    );
    assert!(
        rows.attendees
            .iter()
            .any(|a| a.name.chars().all(|c| !c.is_ascii()))
    );
}

#[test]
fn chinese_name_pools_make_over_60000_distinct_names() {
    let [brands, trades, cities, fields] = names::pool_sizes();
    assert!(brands >= 60 && trades >= 30 && cities >= 15 && fields >= 10);
    let cn = CountryCode::parse("country", "CN").expect("CN");
    let mut keys = HashSet::new();
    let mut names_zh = HashSet::new();
    for index in 0..names::chinese_company_capacity() {
        let name = names::chinese_company_name(index);
        let id = OrganizationId::parse("id", "o-1").expect("id");
        let org = Organization::new(
            id,
            &name.name,
            name.name_zh.as_deref(),
            cn,
            OrgKind::Company,
        )
        .expect("valid name");
        keys.insert(org.dedup_key());
        names_zh.extend(name.name_zh);
    }
    assert!(keys.len() >= 60_000, "{} distinct", keys.len());
    assert!(
        names_zh.len() >= 60_000,
        "{} distinct in Chinese",
        names_zh.len()
    );
}
