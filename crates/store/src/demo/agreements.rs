//! Cooperation and intention agreements signed at an edition.
//!
//! Each agreement is led by an exhibitor and signed with 1 to 3 further
//! parties, mostly traders the exhibitor met (its connections), sometimes
//! another exhibitor or co-exhibitor. Its industry chain is the lead's where
//! the lead's name tells, and its currency follows the lead's country: yuan
//! for Chinese exhibitors, the home currency or US dollars for foreign ones.
use super::INDUSTRIES;
use super::amounts::{self, Currencies};
use super::names::Registry;
use super::plan::EditionPlan;
use super::roster::Roster;
use super::weighted;
use chainfair_core::{
    Agreement, AgreementId, AgreementKind, AgreementStatus, CurrencyCode, Edition, IndustryId,
    Invalid, OrganizationId,
};
use chrono::Datelike;
use rand::Rng;
use rand::seq::SliceRandom;

/// Further parties beyond the lead: 1, 2 or 3, by weight.
const FURTHER_PARTIES: &[(usize, u32)] = &[(1, 60), (2, 30), (3, 10)];
/// Signing ceremonies crowd the first days.
const SIGNING_DAYS: &[u32] = &[30, 25, 20, 15, 10];

pub(crate) fn agreements<R: Rng>(
    rng: &mut R,
    edition: &Edition,
    plan: &EditionPlan,
    year: &str,
    roster: &Roster,
    registry: &Registry,
    connections: &[Vec<usize>],
) -> Result<Vec<Agreement>, Invalid> {
    let known = Currencies::new()?;
    let rates = amounts::year_rates(edition.start_date().year());
    let days: Vec<_> = edition.days().collect();
    let day_weights: Vec<(usize, u32)> = (0..days.len())
        .map(|d| (d, SIGNING_DAYS.get(d).copied().unwrap_or(5)))
        .collect();
    let partners: Vec<usize> = roster
        .exhibitors
        .iter()
        .copied()
        .chain(roster.co_exhibitors.iter().map(|(o, _)| *o))
        .collect();

    let mut kinds: Vec<AgreementKind> = (0..plan.agreements)
        .map(|i| {
            if i < plan.cooperation {
                AgreementKind::Cooperation
            } else {
                AgreementKind::Intention
            }
        })
        .collect();
    kinds.shuffle(rng);
    let mut with_amount: Vec<bool> = (0..plan.agreements)
        .map(|i| i >= plan.agreements_without_amount)
        .collect();
    with_amount.shuffle(rng);

    let mut drafts = Vec::with_capacity(plan.agreements);
    for _ in 0..plan.agreements {
        let lead = roster.exhibitors[rng.random_range(0..roster.exhibitors.len())];
        let parties = parties(rng, lead, &connections[lead], &partners);
        let industry = parties
            .iter()
            .find_map(|&p| registry.industry(p))
            .unwrap_or_else(|| INDUSTRIES[rng.random_range(0..INDUSTRIES.len())]);
        let currency = currency(rng, registry, lead, &known);
        drafts.push((
            parties,
            industry,
            currency,
            days[weighted(rng, &day_weights)],
        ));
    }

    let signed_in: Vec<CurrencyCode> = drafts
        .iter()
        .zip(&with_amount)
        .filter(|(_, with)| **with)
        .map(|(d, _)| d.2)
        .collect();
    let mut money = amounts::amounts(rng, &signed_in, plan.total_cny, &rates, &known)?.into_iter();

    let mut out = Vec::with_capacity(plan.agreements);
    for (n, ((parties, industry, _, day), (kind, with))) in drafts
        .into_iter()
        .zip(kinds.into_iter().zip(with_amount))
        .enumerate()
    {
        let id = AgreementId::parse("id", &format!("g{year}-{:06}", n + 1))?;
        let ids: Vec<OrganizationId> = parties
            .iter()
            .map(|&p| registry.org(p).id().clone())
            .collect();
        let amount = if with { money.next() } else { None };
        out.push(
            Agreement::new(
                edition.id().clone(),
                id,
                kind,
                ids,
                amount,
                day,
                Some(IndustryId::parse("industry", industry)?),
            )?
            // Signed at the expo's ceremonies, which announce them.
            .with_lifecycle(AgreementStatus::Signed, true, 0),
        );
    }
    Ok(out)
}

/// The lead and 1 to 3 distinct further parties: a trader it is connected
/// with three times in four, else another exhibitor or co-exhibitor.
fn parties<R: Rng>(rng: &mut R, lead: usize, met: &[usize], partners: &[usize]) -> Vec<usize> {
    let wanted = 1 + weighted(rng, FURTHER_PARTIES);
    let mut parties = vec![lead];
    for _ in 0..wanted * 10 {
        if parties.len() == wanted {
            break;
        }
        let candidate = if !met.is_empty() && rng.random_ratio(3, 4) {
            met[rng.random_range(0..met.len())]
        } else {
            partners[rng.random_range(0..partners.len())]
        };
        if !parties.contains(&candidate) {
            parties.push(candidate);
        }
    }
    if parties.len() < 2 {
        parties.extend(partners.iter().find(|&&p| p != lead));
    }
    parties
}

/// Chinese exhibitors sign in yuan (a few in dollars); foreign ones in their
/// home currency where it is the euro or the yen, else in dollars, and in
/// yuan for a quarter to two fifths of their deals.
fn currency<R: Rng>(
    rng: &mut R,
    registry: &Registry,
    lead: usize,
    known: &Currencies,
) -> CurrencyCode {
    let country = registry.country(lead);
    let home = match country.info().currency {
        "CNY" => return weighted(rng, &[(known.cny, 95), (known.usd, 5)]),
        "EUR" => known.eur,
        "JPY" => known.jpy,
        _ => return weighted(rng, &[(known.usd, 60), (known.cny, 40)]),
    };
    weighted(rng, &[(home, 60), (known.cny, 25), (known.usd, 15)])
}
