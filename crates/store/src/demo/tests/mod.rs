//! The demo's promises, checked by recounting the generated rows with plain
//! set arithmetic, independently of how the generator built them.
mod integrity;

use super::{Demo, Expected, Scale, generate};
use crate::Batch;
use chainfair_core::{
    Agreement, AgreementKind, AttendanceMode, Attendee, CheckIn, Edition, EditionId, ExchangeRate,
    Meeting, Organization, OrganizationId, Participation, Profile, Region, Role, Signup,
};
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

/// The cisce demo is generated once and shared by the tests that read it.
fn cisce() -> &'static Demo {
    static DEMO: OnceLock<Demo> = OnceLock::new();
    DEMO.get_or_init(|| generate(Scale::Cisce, 2024).expect("the cisce demo builds"))
}

fn small() -> Demo {
    generate(Scale::Small, 7).expect("the small demo builds")
}

/// The rows of a demo, by kind.
#[derive(Default)]
struct Rows<'a> {
    editions: &'a [Edition],
    orgs: &'a [Organization],
    participations: &'a [Participation],
    attendees: &'a [Attendee],
    check_ins: &'a [CheckIn],
    meetings: &'a [Meeting],
    agreements: &'a [Agreement],
    rates: &'a [ExchangeRate],
    signups: &'a [Signup],
    profiles: &'a [Profile],
}

fn rows(demo: &Demo) -> Rows<'_> {
    let mut rows = Rows::default();
    for batch in &demo.batches {
        match batch {
            Batch::Editions(r) => rows.editions = r,
            Batch::Organizations(r) => rows.orgs = r,
            Batch::Participations(r) => rows.participations = r,
            Batch::Attendees(r) => rows.attendees = r,
            Batch::CheckIns(r) => rows.check_ins = r,
            Batch::Meetings(r) => rows.meetings = r,
            Batch::Agreements(r) => rows.agreements = r,
            Batch::Rates(r) => rows.rates = r,
            Batch::Signups(r) => rows.signups = r,
            Batch::Profiles(r) => rows.profiles = r,
        }
    }
    rows
}

/// Counts an edition's figures from its rows, the way the closing report defines them.
fn recount(demo: &Demo, edition: &EditionId) -> Expected {
    let rows = rows(demo);
    let host = rows
        .editions
        .iter()
        .find(|e| e.id() == edition)
        .map(|e| e.host_country())
        .expect("edition listed");
    let country: HashMap<&OrganizationId, _> =
        rows.orgs.iter().map(|o| (o.id(), o.country())).collect();
    let parts: Vec<&Participation> = rows
        .participations
        .iter()
        .filter(|p| p.edition() == edition)
        .collect();
    let with_role = |role: Role| -> HashSet<&OrganizationId> {
        parts
            .iter()
            .filter(|p| p.role() == role)
            .map(|p| p.organization())
            .collect()
    };
    let exhibitors = with_role(Role::Exhibitor);
    let co_exhibitors = with_role(Role::CoExhibitor);
    let suppliers = with_role(Role::Supplier);
    let key_clients: HashSet<&OrganizationId> = parts
        .iter()
        .filter(|p| p.key_client())
        .map(|p| p.organization())
        .collect();
    let overseas: Vec<&&OrganizationId> =
        exhibitors.iter().filter(|o| country[**o] != host).collect();
    let europe_americas = overseas
        .iter()
        .filter(|o| {
            matches!(
                country[***o].region(),
                Some(Region::Europe | Region::Americas)
            )
        })
        .count();
    let countries: HashSet<_> = exhibitors.iter().map(|o| country[*o]).collect();

    let mut connected: HashSet<&OrganizationId> = HashSet::new();
    for m in rows
        .meetings
        .iter()
        .filter(|m| m.edition() == edition && m.status().is_connection())
    {
        for (one, other) in [(m.a(), m.b()), (m.b(), m.a())] {
            if exhibitors.contains(other) || co_exhibitors.contains(other) {
                connected.insert(one);
            }
        }
    }
    let agreements: Vec<&Agreement> = rows
        .agreements
        .iter()
        .filter(|a| a.edition() == edition)
        .collect();
    let kind = |k| agreements.iter().filter(|a| a.kind() == k).count() as u64;
    let checked_in: HashSet<_> = rows
        .check_ins
        .iter()
        .filter(|c| &c.edition == edition)
        .map(|c| &c.attendee)
        .collect();
    let online = rows
        .attendees
        .iter()
        .filter(|a| {
            &a.edition == edition && a.mode == AttendanceMode::Online && !checked_in.contains(&a.id)
        })
        .count();
    Expected {
        exhibitors: exhibitors.len() as u64,
        co_exhibitors: co_exhibitors.len() as u64,
        overseas: overseas.len() as u64,
        overseas_europe_americas: europe_americas as u64,
        countries: countries.len() as u64,
        suppliers_connected: connected.intersection(&suppliers).count() as u64,
        key_clients_engaged: connected.intersection(&key_clients).count() as u64,
        agreements: agreements.len() as u64,
        cooperation: kind(AgreementKind::Cooperation),
        intention: kind(AgreementKind::Intention),
        audience_offline: checked_in.len() as u64,
        audience_online: online as u64,
        signups: rows
            .signups
            .iter()
            .filter(|s| &s.edition == edition)
            .count() as u64,
    }
}

#[test]
fn scale_names_round_trip() {
    for scale in [Scale::Small, Scale::Cisce] {
        assert_eq!(Scale::parse(scale.as_str()), Some(scale));
    }
    assert_eq!(Scale::parse("huge"), None);
}

#[test]
fn same_seed_gives_the_same_demo_and_another_seed_another() {
    let (a, b, c) = (
        generate(Scale::Small, 7).unwrap(),
        generate(Scale::Small, 7).unwrap(),
        generate(Scale::Small, 8).unwrap(),
    );
    assert_eq!(a.batches, b.batches);
    assert_eq!(a.expected, b.expected);
    assert_ne!(a.batches, c.batches);
    // The figures are fixed by the plan, whatever the seed.
    assert_eq!(a.expected, c.expected);
}

#[test]
fn small_figures_hold_for_both_editions() {
    let demo = small();
    assert_eq!(recount(&demo, &demo.current), demo.expected);
    assert_eq!(recount(&demo, &demo.previous), demo.expected_previous);
    assert_eq!(
        (
            demo.expected.exhibitors,
            demo.expected.countries,
            demo.expected.overseas
        ),
        (40, 8, 12)
    );
}

#[test]
fn cisce_figures_hold_for_both_editions() {
    let demo = cisce();
    assert_eq!(recount(demo, &demo.current), demo.expected);
    assert_eq!(recount(demo, &demo.previous), demo.expected_previous);
}

#[test]
fn cisce_2024_matches_the_closing_report() {
    let e = &cisce().expected;
    assert_eq!(
        (
            e.exhibitors,
            e.countries,
            e.overseas,
            e.overseas_europe_americas
        ),
        (620, 69, 199, 100)
    );
    assert_eq!(e.exhibitors + e.co_exhibitors, 1_020);
    // 199 of 620 is the announced 32.1 %.
    assert_eq!(e.overseas * 1000 / e.exhibitors, 320);
    assert_eq!(
        (e.suppliers_connected, e.key_clients_engaged),
        (37_200, 18_300)
    );
    assert_eq!((e.agreements, e.cooperation + e.intention), (6_750, 6_750));
    assert_eq!(e.audience_offline + e.audience_online, 200_000);
    assert_eq!(e.signups, 68);
    let p = &cisce().expected_previous;
    assert_eq!(
        (
            p.exhibitors,
            p.overseas,
            p.audience_offline + p.audience_online
        ),
        (515, 134, 150_000)
    );
}

#[test]
fn batches_come_one_per_kind_with_the_previous_edition_first() {
    for demo in [&small(), cisce()] {
        let kinds: Vec<_> = demo.batches.iter().map(Batch::kind).collect();
        assert_eq!(kinds, crate::Kind::ALL);
        let rows = rows(demo);
        let ids: Vec<_> = rows.editions.iter().map(|e| e.id().as_str()).collect();
        assert_eq!(ids, ["cisce-2023", "cisce-2024"]);
        assert_eq!(rows.editions[1].previous(), Some(&demo.previous));
        assert_eq!(rows.editions[1].time_zone().to_string(), "Asia/Shanghai");
        let first_co = rows
            .participations
            .iter()
            .position(|p| p.role() == Role::CoExhibitor)
            .expect("co-exhibitors");
        let last_exhibitor = rows
            .participations
            .iter()
            .rposition(|p| p.role() == Role::Exhibitor)
            .expect("exhibitors");
        assert!(
            last_exhibitor < first_co,
            "an exhibitor row after a co-exhibitor row"
        );
    }
}

#[test]
fn most_previous_exhibitors_exhibit_again() {
    let rows = rows(cisce());
    let exhibitors = |edition: &str| -> HashSet<&OrganizationId> {
        rows.participations
            .iter()
            .filter(|p| p.edition().as_str() == edition && p.role() == Role::Exhibitor)
            .map(|p| p.organization())
            .collect()
    };
    let (before, now) = (exhibitors("cisce-2023"), exhibitors("cisce-2024"));
    let again = before.intersection(&now).count() * 100 / before.len();
    assert!((62..=78).contains(&again), "{again} % exhibit again");
}
