//! Matchmaking meetings between suppliers or buyers and the exhibitors.
//!
//! A connected supplier or buyer has 1 to 3 meetings with exhibitors or
//! co-exhibitors, the first of them accepted, scheduled or held (the closing
//! report's "connected"); the others may be in any state. An unconnected one
//! has only requested, declined or cancelled meetings, or none. Partners are
//! chosen within the trader's own industry chain more often than not, as the
//! expo's matchmaking is organised by chain.
use super::names::Registry;
use super::roster::Roster;
use super::{INDUSTRIES, weighted};
use chainfair_core::{EditionId, Invalid, Meeting, MeetingId, MeetingStatus, Priority};
use rand::Rng;

/// Share (in %) of meetings kept within the trader's industry chain.
const SAME_CHAIN: u32 = 60;
/// Share (in %) of meetings with an exhibitor rather than a co-exhibitor.
const WITH_EXHIBITOR: u32 = 80;

const CONNECTING: &[(MeetingStatus, u32)] = &[
    (MeetingStatus::Accepted, 20),
    (MeetingStatus::Scheduled, 25),
    (MeetingStatus::Held, 55),
];
const ANY: &[(MeetingStatus, u32)] = &[
    (MeetingStatus::Requested, 10),
    (MeetingStatus::Accepted, 15),
    (MeetingStatus::Declined, 10),
    (MeetingStatus::Cancelled, 5),
    (MeetingStatus::Scheduled, 20),
    (MeetingStatus::Held, 40),
];
const NOT_CONNECTING: &[(MeetingStatus, u32)] = &[
    (MeetingStatus::Requested, 50),
    (MeetingStatus::Declined, 35),
    (MeetingStatus::Cancelled, 15),
];
/// Priorities 1 (highest) to 5, most requests at the default 3.
const PRIORITY_WEIGHTS: [(usize, u32); 5] = [(0, 10), (1, 20), (2, 40), (3, 20), (4, 10)];

/// The meetings of one edition, and for each organisation (by registry
/// index) the traders it is connected with.
#[derive(Debug)]
pub(crate) struct Matchmaking {
    pub meetings: Vec<Meeting>,
    pub connections: Vec<Vec<usize>>,
}

pub(crate) fn meetings<R: Rng>(
    rng: &mut R,
    edition: &EditionId,
    year: &str,
    roster: &Roster,
    registry: &Registry,
) -> Result<Matchmaking, Invalid> {
    let priorities = (1..=5)
        .map(|p| Priority::parse("priority", &p.to_string()))
        .collect::<Result<Vec<_>, _>>()?;
    let partners = Partners::new(roster, registry);
    let mut out = Matchmaking {
        meetings: Vec::new(),
        connections: vec![Vec::new(); registry.len()],
    };
    let seekers = roster
        .suppliers
        .iter()
        .map(|&(org, connected)| (org, connected, true))
        .chain(roster.buyers.iter().map(|b| (b.org, b.connected, false)));
    for (seeker, connected, supplier) in seekers {
        let count = match (connected, rng.random_range(0..100usize)) {
            (true, 0..50) => 1,
            (true, 50..85) => 2,
            (true, _) => 3,
            // Suppliers asked for a meeting at least once; some buyers never did.
            (false, roll) => usize::from(supplier) + roll % (3 - usize::from(supplier)),
        };
        let mut met: Vec<usize> = Vec::with_capacity(count);
        for n in 0..count {
            let Some(partner) = (0..20)
                .map(|_| partners.pick(rng, registry.industry(seeker)))
                .find(|p| !met.contains(p))
            else {
                continue;
            };
            met.push(partner);
            let status = match (connected, n) {
                (true, 0) => weighted(rng, CONNECTING),
                (true, _) => weighted(rng, ANY),
                (false, _) => weighted(rng, NOT_CONNECTING),
            };
            if status.is_connection() {
                out.connections[partner].push(seeker);
            }
            // Suppliers mostly ask exhibitors; exhibitors invite buyers as often as not.
            let asks = if supplier {
                rng.random_ratio(7, 10)
            } else {
                rng.random_ratio(1, 2)
            };
            let (a, b) = if asks {
                (seeker, partner)
            } else {
                (partner, seeker)
            };
            let priority = priorities[weighted(rng, &PRIORITY_WEIGHTS)];
            let id = MeetingId::parse("id", &format!("m{year}-{:06}", out.meetings.len() + 1))?;
            out.meetings.push(Meeting::new(
                edition.clone(),
                id,
                registry.org(a).id().clone(),
                registry.org(b).id().clone(),
                status,
                priority,
            )?);
        }
    }
    Ok(out)
}

/// The exhibitors and co-exhibitors a trader can meet, also by industry chain.
#[derive(Debug)]
struct Partners {
    exhibitors: Vec<usize>,
    co_exhibitors: Vec<usize>,
    by_chain: Vec<Vec<usize>>,
}

impl Partners {
    fn new(roster: &Roster, registry: &Registry) -> Partners {
        let co_exhibitors: Vec<usize> = roster.co_exhibitors.iter().map(|(o, _)| *o).collect();
        let mut by_chain = vec![Vec::new(); INDUSTRIES.len()];
        for &org in roster.exhibitors.iter().chain(&co_exhibitors) {
            if let Some(chain) = chain_of(registry.industry(org)) {
                by_chain[chain].push(org);
            }
        }
        Partners {
            exhibitors: roster.exhibitors.clone(),
            co_exhibitors,
            by_chain,
        }
    }

    fn pick<R: Rng>(&self, rng: &mut R, industry: Option<&str>) -> usize {
        if let Some(same) = chain_of(industry)
            .map(|c| &self.by_chain[c])
            .filter(|l| !l.is_empty())
            && rng.random_ratio(SAME_CHAIN, 100)
        {
            return same[rng.random_range(0..same.len())];
        }
        let list = if self.co_exhibitors.is_empty() || rng.random_ratio(WITH_EXHIBITOR, 100) {
            &self.exhibitors
        } else {
            &self.co_exhibitors
        };
        list[rng.random_range(0..list.len())]
    }
}

fn chain_of(industry: Option<&str>) -> Option<usize> {
    industry.and_then(|slug| INDUSTRIES.iter().position(|i| *i == slug))
}
