//! The demo editions: two CISCE-like editions generated from a seed, so that
//! every page and figure of chainfair can be shown without real data.
//!
//! `generate(Scale::Cisce, seed)` builds the 2023 and 2024 editions at the
//! size of the real expo and hits the 2024 closing-report figures exactly
//! (620 exhibitors from 69 countries, 1,020 with co-exhibitors, 37,200
//! suppliers connected, 18,300 key clients engaged, 6,750 agreements worth
//! about 152.3 billion yuan, 200,000 visitors); `Scale::Small` builds a few
//! hundred rows for tests. [`Expected`] states, per edition, the figures the
//! data holds by construction, so a test can compare them with what the
//! store computes.
//!
//! The same seed always gives the same data: every random choice comes from
//! a ChaCha8 stream of the seed, one stream per stage (roster, then per
//! edition meetings, agreements, audience), and nothing is ever read out of
//! a hash map in its iteration order.
mod agreements;
mod amounts;
mod audience;
mod meetings;
mod names;
mod plan;
mod profiles;
mod roster;
#[cfg(test)]
mod tests;

use crate::{Batch, Kind};
use chainfair_core::{
    Agreement, Attendee, CheckIn, CountryCode, Edition, EditionId, ExchangeRate, Invalid, Meeting,
    Role, Signup,
};
use chrono::{Datelike, NaiveDate};
use names::Registry;
use plan::EditionPlan;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use roster::Roster;

/// The industry chains agreements are signed in.
pub(crate) const INDUSTRIES: [&str; 11] = [
    "humanoid-robots",
    "smart-cars",
    "integrated-circuits",
    "wind-power",
    "photovoltaics",
    "coffee",
    "cotton",
    "lithium-ion-batteries",
    "soybeans",
    "medical-devices",
    "ai-servers",
];

/// Picks a value by integer weight (the last one if all weigh nothing);
/// `choices` is one of the generator's fixed, non-empty tables.
pub(crate) fn weighted<R: Rng, T: Copy>(rng: &mut R, choices: &[(T, u32)]) -> T {
    let total: u32 = choices.iter().map(|(_, w)| w).sum();
    let mut ticket = rng.random_range(0..total.max(1));
    for (value, weight) in choices {
        if ticket < *weight {
            return *value;
        }
        ticket -= weight;
    }
    choices[choices.len() - 1].0
}

/// How big the demo is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scale {
    /// A few hundred rows, for tests.
    Small,
    /// The size of the real expo.
    Cisce,
}

impl Scale {
    pub fn parse(input: &str) -> Option<Scale> {
        match input {
            "small" => Some(Scale::Small),
            "cisce" => Some(Scale::Cisce),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Scale::Small => "small",
            Scale::Cisce => "cisce",
        }
    }
}

/// Figures the generated data holds by construction, for one edition.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expected {
    /// Distinct organisations with role exhibitor.
    pub exhibitors: u64,
    /// Distinct organisations with role co_exhibitor (none also an exhibitor).
    pub co_exhibitors: u64,
    /// Exhibitors from another country than the host (CN).
    pub overseas: u64,
    /// Of those, the ones from UN region Europe or Americas.
    pub overseas_europe_americas: u64,
    /// Distinct countries of exhibitors, host included.
    pub countries: u64,
    /// Suppliers with an accepted, scheduled or held meeting with an
    /// exhibitor or co-exhibitor of the edition.
    pub suppliers_connected: u64,
    /// Key clients connected likewise.
    pub key_clients_engaged: u64,
    pub agreements: u64,
    pub cooperation: u64,
    pub intention: u64,
    /// Distinct attendees checked in at least once.
    pub audience_offline: u64,
    /// Online attendees (never checked in).
    pub audience_online: u64,
    /// Organisations signed up for the next edition.
    pub signups: u64,
}

impl Expected {
    fn of(plan: &EditionPlan) -> Expected {
        let n = |v: usize| v as u64;
        Expected {
            exhibitors: n(plan.exhibitors),
            co_exhibitors: n(plan.co_exhibitors),
            overseas: n(plan.overseas),
            overseas_europe_americas: n(plan.europe_americas),
            countries: n(plan.foreign_countries + 1),
            suppliers_connected: n(plan.suppliers_connected),
            key_clients_engaged: n(plan.key_clients_connected),
            agreements: n(plan.agreements),
            cooperation: n(plan.cooperation),
            intention: n(plan.agreements - plan.cooperation),
            audience_offline: n(plan.offline),
            audience_online: n(plan.online),
            signups: n(plan.signups),
        }
    }
}

/// The generated editions: one batch per [`Kind`], in [`Kind::ALL`] order,
/// each holding the rows of the previous edition and then the current one.
#[derive(Debug, Clone)]
pub struct Demo {
    pub batches: Vec<Batch>,
    pub current: EditionId,
    pub previous: EditionId,
    pub expected: Expected,
    pub expected_previous: Expected,
}

/// The stages that draw random numbers, each from its own stream, so that a
/// change in one stage leaves the others' data as it was.
#[derive(Debug, Clone, Copy)]
enum Stage {
    Roster,
    Meetings,
    Agreements,
    Audience,
    Signups,
    Profiles,
}

fn stream(seed: u64, stage: Stage, edition: u64) -> ChaCha8Rng {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    rng.set_stream(stage as u64 * 2 + edition);
    rng
}

/// Generates the demo editions; the same scale and seed give the same data.
/// Every record goes through the domain's own constructors, so a pool or plan
/// that breaks a rule surfaces here as an error, never as a panic.
pub fn generate(scale: Scale, seed: u64) -> Result<Demo, Invalid> {
    let plan = plan::plan(scale);
    let previous = edition(&plan.previous, None)?;
    let current = edition(&plan.current, Some(previous.id().clone()))?;
    let (registry, rosters) = {
        let (registry, before, now) = roster::build(&mut stream(seed, Stage::Roster, 0), &plan)?;
        (registry, [before, now])
    };
    // Role by role, so every exhibitor is listed before the co-exhibitors
    // whose `of` names it; within a role the previous edition comes first.
    let mut participations = Vec::new();
    for role in Role::ALL {
        for (edition, roster) in [&previous, &current].into_iter().zip(&rosters) {
            participations.extend(roster.participations(edition.id(), role, &registry)?);
        }
    }
    let shared = Shared {
        seed,
        registry: &registry,
        rosters: &rosters,
        trading: plan::trading_countries()?,
        known: amounts::Currencies::new()?,
    };
    let mut rows = EditionRows::default();
    shared.edition_rows(0, &previous, &plan.previous, &mut rows)?;
    shared.edition_rows(1, &current, &plan.current, &mut rows)?;
    let profiles = profiles::profiles(
        &mut stream(seed, Stage::Profiles, 1),
        current.id(),
        &rosters[1],
        &registry,
    )?;

    let batches = vec![
        Batch::Editions(vec![previous.clone(), current.clone()]),
        Batch::Organizations(registry.into_organizations()),
        Batch::Participations(participations),
        Batch::Attendees(rows.attendees),
        Batch::CheckIns(rows.check_ins),
        Batch::Meetings(rows.meetings),
        Batch::Agreements(rows.agreements),
        Batch::Rates(rows.rates),
        Batch::Signups(rows.signups),
        Batch::Profiles(profiles),
    ];
    debug_assert!(batches.iter().map(Batch::kind).eq(Kind::ALL));
    Ok(Demo {
        batches,
        current: current.id().clone(),
        previous: previous.id().clone(),
        expected: Expected::of(&plan.current),
        expected_previous: Expected::of(&plan.previous),
    })
}

/// The rows that belong to one edition, gathered for both in turn.
#[derive(Debug, Default)]
struct EditionRows {
    attendees: Vec<Attendee>,
    check_ins: Vec<CheckIn>,
    meetings: Vec<Meeting>,
    agreements: Vec<Agreement>,
    rates: Vec<ExchangeRate>,
    signups: Vec<Signup>,
}

/// What both editions' rows are generated from.
struct Shared<'a> {
    seed: u64,
    registry: &'a Registry,
    rosters: &'a [Roster; 2],
    trading: Vec<(CountryCode, u32)>,
    known: amounts::Currencies,
}

impl Shared<'_> {
    /// Meetings, agreements (led by the exhibitors' connections), visitors,
    /// rates and sign-ups of edition `n` (0 = previous, 1 = current).
    fn edition_rows(
        &self,
        n: usize,
        edition: &Edition,
        plan: &EditionPlan,
        out: &mut EditionRows,
    ) -> Result<(), Invalid> {
        let (roster, registry, stage) = (&self.rosters[n], self.registry, n as u64);
        let year = &plan.id[plan.id.len() - 2..];
        let rng = |s| stream(self.seed, s, stage);
        let matched = meetings::meetings(
            &mut rng(Stage::Meetings),
            edition.id(),
            year,
            roster,
            registry,
        )?;
        out.agreements.extend(agreements::agreements(
            &mut rng(Stage::Agreements),
            edition,
            plan,
            year,
            roster,
            registry,
            &matched.connections,
        )?);
        out.meetings.extend(matched.meetings);
        let turnout = audience::Turnout {
            checked_in: plan.offline,
            no_shows: plan.no_shows,
            online: plan.online,
        };
        let crowd = audience::audience(
            &mut rng(Stage::Audience),
            edition,
            year,
            turnout,
            &roster.members(),
            registry,
            &self.trading,
        )?;
        out.attendees.extend(crowd.attendees);
        out.check_ins.extend(crowd.check_ins);
        out.rates.extend(
            self.known
                .rates(&amounts::year_rates(edition.start_date().year()))?,
        );
        let (exhibitors, traders) = signup_pools(self.rosters, n == 1);
        out.signups.extend(audience::signups(
            &mut rng(Stage::Signups),
            edition.id(),
            plan.signups,
            exhibitors,
            traders,
            registry,
        ));
        Ok(())
    }
}

fn edition(plan: &EditionPlan, previous: Option<EditionId>) -> Result<Edition, Invalid> {
    let date = |(y, m, d): (i32, u32, u32)| {
        NaiveDate::from_ymd_opt(y, m, d)
            .ok_or_else(|| Invalid::new("date", format!("{y}-{m}-{d} is not a date")))
    };
    let host = plan::host()?;
    Edition::new(
        EditionId::parse("id", plan.id)?,
        plan.name,
        host,
        date(plan.start)?,
        date(plan.end)?,
        Edition::default_time_zone(host),
        previous,
    )
}

/// Who may sign up for the next edition: in the current edition its
/// exhibitors and connected traders; in the previous one those of its
/// exhibitors and traders that did come back.
fn signup_pools(rosters: &[Roster; 2], current: bool) -> (Vec<usize>, Vec<usize>) {
    let [before, now] = rosters;
    let roster = if current { now } else { before };
    let mut exhibitors = roster.exhibitors.clone();
    let mut traders: Vec<usize> = roster
        .suppliers
        .iter()
        .filter(|(_, connected)| *connected)
        .map(|(o, _)| *o)
        .chain(roster.buyers.iter().filter(|b| b.connected).map(|b| b.org))
        .collect();
    if !current {
        let came_back = now.members();
        let mut back = vec![false; came_back.iter().max().map_or(0, |m| m + 1)];
        for o in came_back {
            back[o] = true;
        }
        let returned = |o: &usize| back.get(*o).copied().unwrap_or(false);
        exhibitors.retain(returned);
        traders.retain(returned);
    }
    (exhibitors, traders)
}
