//! How big each demo edition is, and where its exhibitors come from.
//!
//! The `cisce` figures are those announced at the close of the 2nd China
//! International Supply Chain Expo (Beijing, 26-30 November 2024): 620
//! exhibitors from 69 countries and regions, 32.1 % from overseas (half of
//! them from Europe and the Americas), 1,020 with co-exhibitors, 37,200
//! suppliers connected, 18,300 key clients engaged, 6,750 agreements worth
//! 152.3 billion yuan, and 200,000 visitors. The 2023 edition is smaller in
//! the same proportions (515 exhibitors, 26 % overseas, 150,000 visitors).
use super::Scale;
use chainfair_core::{CountryCode, Invalid};

/// What one edition holds; every figure here is hit exactly.
#[derive(Debug, Clone, Default)]
pub(crate) struct EditionPlan {
    pub id: &'static str,
    pub name: &'static str,
    pub start: (i32, u32, u32),
    pub end: (i32, u32, u32),
    pub exhibitors: usize,
    pub overseas: usize,
    pub europe_americas: usize,
    /// Countries other than the host that exhibitors come from.
    pub foreign_countries: usize,
    pub co_exhibitors: usize,
    pub suppliers_connected: usize,
    /// Suppliers whose meeting requests were never accepted.
    pub suppliers_unconnected: usize,
    pub key_clients_connected: usize,
    pub key_clients_unconnected: usize,
    /// Buyers that are not key clients (half of them connected).
    pub other_buyers: usize,
    pub agreements: usize,
    pub cooperation: usize,
    pub agreements_without_amount: usize,
    /// The agreements' total in whole yuan at the edition's exchange rates.
    pub total_cny: u64,
    /// Offline attendees who checked in at least once.
    pub offline: usize,
    /// Offline registrations that never came.
    pub no_shows: usize,
    pub online: usize,
    pub signups: usize,
}

#[derive(Debug, Clone)]
pub(crate) struct Plan {
    pub previous: EditionPlan,
    pub current: EditionPlan,
}

pub(crate) fn plan(scale: Scale) -> Plan {
    match scale {
        Scale::Cisce => Plan {
            previous: cisce_2023(),
            current: cisce_2024(),
        },
        Scale::Small => Plan {
            previous: small_2023(),
            current: small_2024(),
        },
    }
}

fn cisce_2023() -> EditionPlan {
    EditionPlan {
        exhibitors: 515,
        overseas: 134,
        europe_americas: 67,
        foreign_countries: 54,
        co_exhibitors: 300,
        suppliers_connected: 30_000,
        suppliers_unconnected: 1600,
        key_clients_connected: 15_000,
        key_clients_unconnected: 100,
        other_buyers: 2000,
        agreements: 5000,
        cooperation: 2000,
        agreements_without_amount: 25,
        offline: 120_000,
        no_shows: 6000,
        online: 30_000,
        signups: 50,
        total_cny: 150_000_000_000,
        ..first()
    }
}

fn cisce_2024() -> EditionPlan {
    EditionPlan {
        exhibitors: 620,
        overseas: 199,
        europe_americas: 100,
        foreign_countries: 68,
        co_exhibitors: 400,
        suppliers_connected: 37_200,
        suppliers_unconnected: 2000,
        key_clients_connected: 18_300,
        key_clients_unconnected: 120,
        other_buyers: 2600,
        agreements: 6750,
        cooperation: 2700,
        agreements_without_amount: 30,
        offline: 160_000,
        no_shows: 8000,
        online: 40_000,
        signups: 68,
        total_cny: 152_300_000_000,
        ..second()
    }
}

fn small_2023() -> EditionPlan {
    EditionPlan {
        exhibitors: 30,
        overseas: 8,
        europe_americas: 4,
        foreign_countries: 5,
        co_exhibitors: 15,
        suppliers_connected: 80,
        suppliers_unconnected: 8,
        key_clients_connected: 30,
        key_clients_unconnected: 2,
        other_buyers: 4,
        agreements: 40,
        cooperation: 16,
        agreements_without_amount: 1,
        offline: 120,
        no_shows: 8,
        online: 30,
        signups: 4,
        total_cny: 900_000_000,
        ..first()
    }
}

fn small_2024() -> EditionPlan {
    EditionPlan {
        exhibitors: 40,
        overseas: 12,
        europe_americas: 6,
        foreign_countries: 7,
        co_exhibitors: 20,
        suppliers_connected: 100,
        suppliers_unconnected: 10,
        key_clients_connected: 40,
        key_clients_unconnected: 3,
        other_buyers: 5,
        agreements: 60,
        cooperation: 24,
        agreements_without_amount: 2,
        offline: 150,
        no_shows: 10,
        online: 50,
        signups: 6,
        total_cny: 1_350_000_000,
        ..second()
    }
}

/// The 2023 edition's name and days; the figures are filled in by the caller.
fn first() -> EditionPlan {
    EditionPlan {
        id: "cisce-2023",
        name: "1st China International Supply Chain Expo",
        start: (2023, 11, 28),
        end: (2023, 12, 2),
        ..Default::default()
    }
}

fn second() -> EditionPlan {
    EditionPlan {
        id: "cisce-2024",
        name: "2nd China International Supply Chain Expo",
        start: (2024, 11, 26),
        end: (2024, 11, 30),
        ..Default::default()
    }
}

/// Countries in UN M49 Europe or Americas, most exhibitors first, with the
/// weight each gets of the overseas exhibitors.
#[rustfmt::skip]
pub(crate) const EUROPE_AMERICAS: &[(&str, u32)] = &[
    ("US", 30), ("DE", 18), ("FR", 8), ("IT", 6), ("GB", 6), ("RU", 5), ("NL", 4), ("BR", 4),
    ("CH", 3), ("ES", 2), ("BE", 2), ("AT", 2), ("SE", 2), ("CA", 2), ("MX", 2), ("FI", 1),
    ("DK", 1), ("NO", 1), ("PL", 1), ("HU", 1), ("CZ", 1), ("PT", 1), ("IE", 1), ("GR", 1),
    ("RS", 1), ("AR", 1), ("CL", 1), ("PE", 1), ("BY", 1), ("SK", 1), ("LU", 1), ("CO", 1),
    ("UY", 1), ("HR", 1), ("RO", 1), ("EC", 1),
];

/// Overseas countries elsewhere (Asia, Oceania, Africa), most exhibitors first.
#[rustfmt::skip]
pub(crate) const ELSEWHERE: &[(&str, u32)] = &[
    ("JP", 16), ("KR", 10), ("SG", 7), ("MY", 6), ("TH", 5), ("AU", 5), ("SA", 4), ("AE", 4),
    ("ID", 3), ("VN", 3), ("KZ", 3), ("IN", 2), ("PK", 2), ("NZ", 2), ("TR", 2), ("IL", 1),
    ("PH", 1), ("LA", 1), ("KH", 1), ("MN", 1), ("UZ", 1), ("QA", 1), ("EG", 1), ("ZA", 1),
    ("KE", 1), ("NG", 1), ("ET", 1), ("MA", 1), ("LK", 1), ("BD", 1), ("KW", 1), ("OM", 1),
    ("BN", 1), ("NP", 1), ("TZ", 1), ("GH", 1),
];

pub(crate) fn host() -> Result<CountryCode, Invalid> {
    CountryCode::parse("host_country", "CN")
}

/// Exhibitors per country, the host first. Half of the foreign countries
/// (rounded up) are taken from the head of [`EUROPE_AMERICAS`], the rest from
/// the head of [`ELSEWHERE`]; each gets one exhibitor and the remainder is
/// shared by weight (largest remainder), so the totals are exact. A smaller
/// edition takes a prefix of the same lists, so its countries are among the
/// larger edition's.
pub(crate) fn exhibitor_countries(
    plan: &EditionPlan,
) -> Result<Vec<(CountryCode, usize)>, Invalid> {
    let near = plan.foreign_countries.div_ceil(2);
    let far = plan.foreign_countries - near;
    let mut countries = vec![(host()?, plan.exhibitors - plan.overseas)];
    let shares = share(&EUROPE_AMERICAS[..near], plan.europe_americas)
        .into_iter()
        .chain(share(
            &ELSEWHERE[..far],
            plan.overseas - plan.europe_americas,
        ));
    for (code, n) in shares {
        countries.push((CountryCode::parse("country", code)?, n));
    }
    Ok(countries)
}

/// One each, then `total - len` shared by weight with the largest remainder.
fn share(list: &[(&'static str, u32)], total: usize) -> Vec<(&'static str, usize)> {
    let rest = total.saturating_sub(list.len());
    let weight: usize = list.iter().map(|(_, w)| *w as usize).sum::<usize>().max(1);
    let mut out: Vec<(&str, usize)> = list
        .iter()
        .map(|(code, w)| (*code, 1 + rest * *w as usize / weight))
        .collect();
    let mut by_remainder: Vec<usize> = (0..list.len()).collect();
    // Stable sort: equal remainders keep list order, so the result is fixed.
    by_remainder.sort_by_key(|i| std::cmp::Reverse(rest * list[*i].1 as usize % weight));
    let given: usize = out.iter().map(|(_, n)| n - 1).sum();
    for i in by_remainder.into_iter().take(rest - given) {
        out[i].1 += 1;
    }
    out
}

/// Where foreign suppliers and buyers come from: every listed country, by weight.
pub(crate) fn trading_countries() -> Result<Vec<(CountryCode, u32)>, Invalid> {
    EUROPE_AMERICAS
        .iter()
        .chain(ELSEWHERE)
        .map(|(code, w)| Ok((CountryCode::parse("country", code)?, *w)))
        .collect()
}
