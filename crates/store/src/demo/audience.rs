//! Visitors, their check-ins, and sign-ups for the next edition.
//!
//! Every offline visitor who came is checked in on 1 to 3 distinct days,
//! later days busier as the public days draw families and trade visitors;
//! some offline registrations never come, and online visitors never check in,
//! so offline + online counts each person once.
use super::names::{self, Lang, Registry};
use super::weighted;
use chainfair_core::{
    AttendanceMode, Attendee, AttendeeId, CheckIn, CountryCode, Edition, EditionId, Invalid, Signup,
};
use rand::Rng;
use rand::seq::SliceRandom;

/// Share (in %) of visitors registered on behalf of a participating organisation.
const ON_BEHALF: u32 = 30;
/// Share (in %) of visitors on their own who come from China.
const DOMESTIC_VISITORS: u32 = 90;
/// Days a visitor comes: 1, 2 or 3, by weight.
const DAYS_VISITED: &[(usize, u32)] = &[(1, 55), (2, 30), (3, 15)];
/// How busy each day of the expo is; the last days are open to the public.
const DAY_WEIGHTS: &[u32] = &[15, 20, 20, 20, 25];
/// Share (in %) of sign-ups that come from exhibitors.
const EXHIBITOR_SIGNUPS: usize = 60;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Visit {
    CheckedIn,
    NoShow,
    Online,
}

/// How many visitors of each sort an edition has.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Turnout {
    pub checked_in: usize,
    pub no_shows: usize,
    pub online: usize,
}

#[derive(Debug)]
pub(crate) struct Audience {
    pub attendees: Vec<Attendee>,
    pub check_ins: Vec<CheckIn>,
}

pub(crate) fn audience<R: Rng>(
    rng: &mut R,
    edition: &Edition,
    year: &str,
    turnout: Turnout,
    members: &[usize],
    registry: &Registry,
    trading: &[(CountryCode, u32)],
) -> Result<Audience, Invalid> {
    let mut visits: Vec<Visit> = [
        (Visit::CheckedIn, turnout.checked_in),
        (Visit::NoShow, turnout.no_shows),
        (Visit::Online, turnout.online),
    ]
    .into_iter()
    .flat_map(|(visit, n)| std::iter::repeat_n(visit, n))
    .collect();
    visits.shuffle(rng);
    let days: Vec<_> = edition.days().collect();
    let mut out = Audience {
        attendees: Vec::with_capacity(visits.len()),
        check_ins: Vec::new(),
    };
    for (n, visit) in visits.into_iter().enumerate() {
        let id = AttendeeId::parse("id", &format!("a{year}-{:06}", n + 1))?;
        let organization = (!members.is_empty() && rng.random_ratio(ON_BEHALF, 100))
            .then(|| members[rng.random_range(0..members.len())]);
        let lang = match organization {
            Some(org) => names::lang_of(registry.country(org)),
            None if rng.random_ratio(DOMESTIC_VISITORS, 100) => Lang::Chinese,
            None => names::lang_of(weighted(rng, trading)),
        };
        let mode = if visit == Visit::Online {
            AttendanceMode::Online
        } else {
            AttendanceMode::Offline
        };
        if visit == Visit::CheckedIn {
            for day in visit_days(rng, days.len()) {
                out.check_ins.push(CheckIn {
                    edition: edition.id().clone(),
                    attendee: id.clone(),
                    date: days[day],
                });
            }
        }
        out.attendees.push(Attendee::new(
            edition.id().clone(),
            id,
            &names::person(rng, lang),
            organization.map(|org| registry.org(org).id().clone()),
            mode,
        )?);
    }
    Ok(out)
}

/// Distinct days (indices, in order) a visitor comes on.
fn visit_days<R: Rng>(rng: &mut R, open: usize) -> Vec<usize> {
    let wanted = weighted(rng, DAYS_VISITED).min(open);
    let mut left: Vec<(usize, u32)> = (0..open)
        .map(|d| (d, DAY_WEIGHTS.get(d).copied().unwrap_or(20)))
        .collect();
    let mut chosen = Vec::with_capacity(wanted);
    for _ in 0..wanted {
        let day = weighted(rng, &left);
        left.retain(|(d, _)| *d != day);
        chosen.push(day);
    }
    chosen.sort_unstable();
    chosen
}

/// `count` distinct organisations signing up for the next edition, about
/// [`EXHIBITOR_SIGNUPS`] % of them exhibitors, the rest suppliers or buyers.
pub(crate) fn signups<R: Rng>(
    rng: &mut R,
    edition: &EditionId,
    count: usize,
    mut exhibitors: Vec<usize>,
    mut traders: Vec<usize>,
    registry: &Registry,
) -> Vec<Signup> {
    let mut from_exhibitors = (count * EXHIBITOR_SIGNUPS / 100).min(exhibitors.len());
    let from_traders = (count - from_exhibitors).min(traders.len());
    from_exhibitors = (count - from_traders).min(exhibitors.len());
    let mut orgs: Vec<usize> = exhibitors.partial_shuffle(rng, from_exhibitors).0.to_vec();
    orgs.extend_from_slice(traders.partial_shuffle(rng, from_traders).0);
    orgs.sort_unstable();
    orgs.into_iter()
        .map(|org| Signup {
            edition: edition.clone(),
            organization: registry.org(org).id().clone(),
        })
        .collect()
}
