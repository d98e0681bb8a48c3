//! Who takes part in each edition, and in which role.
//!
//! Organisations exist once across editions: about 70 % of the 2023
//! exhibitors exhibit again in 2024, half of the 2023 co-exhibitors come
//! back, and 60 % of the 2023 suppliers and buyers are also 2024 ones. Within
//! an edition the roles do not overlap, so "exhibitors with co-exhibitors"
//! is a plain sum and no supplier is also counted as a key client.
use super::names::Registry;
use super::plan::{self, EditionPlan, Plan};
use chainfair_core::{
    CountryCode, EditionId, Invalid, OrgKind, OrganizationId, Participation, Role,
};
use rand::Rng;
use rand::seq::SliceRandom;

/// Of the previous edition's exhibitors, the share (in %) that exhibits again.
const RETURNING_EXHIBITORS: u32 = 70;
/// Of the previous edition's co-exhibitors, suppliers and buyers, the share
/// (in %) taken from the current edition's.
const RETURNING_CO_EXHIBITORS: usize = 50;
const RETURNING_TRADERS: usize = 60;
/// Share (in %) of suppliers and buyers from the host country: the expo
/// connects foreign exhibitors with Chinese supply chains.
const DOMESTIC_SUPPLIERS: u32 = 94;
const DOMESTIC_BUYERS: u32 = 88;

/// International organisations that exhibit when their seat's country is in
/// the edition (names invented).
#[rustfmt::skip]
const INTERNATIONAL: &[(&str, &str, &str)] = &[
    ("Global Supply Chain Resilience Council", "全球供应链韧性理事会", "CH"),
    ("International Alliance for Trade Connectivity", "国际贸易互联互通联盟", "SG"),
    ("World Federation of Industrial Cooperation", "世界工业合作联合会", "AT"),
    ("Asia-Pacific Logistics Cooperation Forum", "亚太物流合作论坛", "TH"),
    ("International Council for Sustainable Sourcing", "国际可持续采购理事会", "BE"),
    ("Eurasian Supply Chain Association", "欧亚供应链协会", "KZ"),
    ("Global Association of Cross-Border Commerce", "全球跨境商贸协会", "AE"),
];

/// A buyer and whether it is a key client and connected to an exhibitor.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Buyer {
    pub org: usize,
    pub key_client: bool,
    pub connected: bool,
}

/// One edition's participants, as indices into the [`Registry`].
#[derive(Debug, Default)]
pub(crate) struct Roster {
    pub exhibitors: Vec<usize>,
    /// (co-exhibitor, the exhibitor that brought it)
    pub co_exhibitors: Vec<(usize, usize)>,
    /// (supplier, connected)
    pub suppliers: Vec<(usize, bool)>,
    pub buyers: Vec<Buyer>,
}

impl Roster {
    /// The edition's participations in one role.
    pub(crate) fn participations(
        &self,
        edition: &EditionId,
        role: Role,
        registry: &Registry,
    ) -> Result<Vec<Participation>, Invalid> {
        let id = |org: usize| -> OrganizationId { registry.org(org).id().clone() };
        let row = |org, of: Option<usize>, key_client| {
            Participation::new(edition.clone(), id(org), role, of.map(id), key_client)
        };
        match role {
            Role::Exhibitor => self
                .exhibitors
                .iter()
                .map(|&o| row(o, None, false))
                .collect(),
            Role::CoExhibitor => self
                .co_exhibitors
                .iter()
                .map(|&(o, of)| row(o, Some(of), false))
                .collect(),
            Role::Supplier => self
                .suppliers
                .iter()
                .map(|&(o, _)| row(o, None, false))
                .collect(),
            Role::Buyer => self
                .buyers
                .iter()
                .map(|b| row(b.org, None, b.key_client))
                .collect(),
        }
    }

    /// Every organisation taking part, exhibitors first.
    pub(crate) fn members(&self) -> Vec<usize> {
        let mut all = self.exhibitors.clone();
        all.extend(self.co_exhibitors.iter().map(|(o, _)| *o));
        all.extend(self.suppliers.iter().map(|(o, _)| *o));
        all.extend(self.buyers.iter().map(|b| b.org));
        all
    }
}

/// Builds the organisations of both editions and who plays which role.
pub(crate) fn build<R: Rng>(
    rng: &mut R,
    plan: &Plan,
) -> Result<(Registry, Roster, Roster), Invalid> {
    let mut cast = Casting {
        registry: Registry::default(),
        trading: plan::trading_countries()?,
        host: plan::host()?,
        international: INTERNATIONAL.to_vec(),
    };
    let mut previous = Roster::default();
    let mut current = Roster::default();
    cast.exhibitors(rng, plan, &mut previous, &mut current)?;
    cast.co_exhibitors(rng, plan, &mut previous, &mut current)?;
    cast.traders_of_both(rng, plan, &mut previous, &mut current)?;
    Ok((cast.registry, previous, current))
}

fn suppliers(plan: &EditionPlan) -> usize {
    plan.suppliers_connected + plan.suppliers_unconnected
}

fn buyers(plan: &EditionPlan) -> usize {
    plan.key_clients_connected + plan.key_clients_unconnected + plan.other_buyers
}

/// The first `suppliers_connected` (after shuffling) are connected.
fn connect_suppliers<R: Rng>(
    rng: &mut R,
    orgs: Vec<usize>,
    plan: &EditionPlan,
) -> Vec<(usize, bool)> {
    let mut connected: Vec<bool> = (0..orgs.len())
        .map(|i| i < plan.suppliers_connected)
        .collect();
    connected.shuffle(rng);
    orgs.into_iter().zip(connected).collect()
}

/// Key clients connected, key clients not connected, then other buyers, of
/// whom half are connected too (they do not count as key clients engaged).
fn connect_buyers<R: Rng>(rng: &mut R, orgs: Vec<usize>, plan: &EditionPlan) -> Vec<Buyer> {
    let key_connected = plan.key_clients_connected;
    let key = key_connected + plan.key_clients_unconnected;
    let mut order: Vec<usize> = (0..orgs.len()).collect();
    order.shuffle(rng);
    orgs.into_iter()
        .zip(order)
        .map(|(org, rank)| Buyer {
            org,
            key_client: rank < key,
            connected: rank < key_connected || (rank >= key && rng.random_ratio(1, 2)),
        })
        .collect()
}

/// Makes up the organisations the roster needs.
struct Casting {
    registry: Registry,
    trading: Vec<(CountryCode, u32)>,
    host: CountryCode,
    international: Vec<(&'static str, &'static str, &'static str)>,
}

impl Casting {
    /// The current exhibitors country by country; then the previous ones, about
    /// [`RETURNING_EXHIBITORS`] % of them from the current ones of the same country.
    fn exhibitors<R: Rng>(
        &mut self,
        rng: &mut R,
        plan: &Plan,
        previous: &mut Roster,
        current: &mut Roster,
    ) -> Result<(), Invalid> {
        let now = plan::exhibitor_countries(&plan.current)?;
        let mut by_country = Vec::with_capacity(now.len());
        for &(country, n) in &now {
            let orgs = (0..n)
                .map(|_| self.exhibitor(rng, country))
                .collect::<Result<Vec<_>, _>>()?;
            current.exhibitors.extend(&orgs);
            by_country.push((country, orgs));
        }
        for (country, n) in plan::exhibitor_countries(&plan.previous)? {
            let mut again = by_country
                .iter()
                .find(|(c, _)| *c == country)
                .map(|(_, orgs)| orgs.clone())
                .unwrap_or_default();
            let returning = (0..n)
                .filter(|_| rng.random_ratio(RETURNING_EXHIBITORS, 100))
                .count()
                .min(again.len());
            let (chosen, _) = again.partial_shuffle(rng, returning);
            previous.exhibitors.extend(chosen.iter());
            for _ in returning..n {
                previous.exhibitors.push(self.exhibitor(rng, country)?);
            }
        }
        Ok(())
    }

    /// Co-exhibitors, each brought by an exhibitor of its edition.
    fn co_exhibitors<R: Rng>(
        &mut self,
        rng: &mut R,
        plan: &Plan,
        previous: &mut Roster,
        current: &mut Roster,
    ) -> Result<(), Invalid> {
        for _ in 0..plan.current.co_exhibitors {
            let of = current.exhibitors[rng.random_range(0..current.exhibitors.len())];
            current
                .co_exhibitors
                .push((self.co_exhibitor(rng, of)?, of));
        }
        let exhibited_before = self.flags(&previous.exhibitors);
        let mut again = current.co_exhibitors.clone();
        let returning =
            (plan.previous.co_exhibitors * RETURNING_CO_EXHIBITORS / 100).min(again.len());
        let (chosen, _) = again.partial_shuffle(rng, returning);
        for &(org, of) in chosen.iter() {
            // Back with the same exhibitor when it was there too.
            let of = if exhibited_before[of] {
                of
            } else {
                previous.exhibitors[rng.random_range(0..previous.exhibitors.len())]
            };
            previous.co_exhibitors.push((org, of));
        }
        for _ in returning..plan.previous.co_exhibitors {
            let of = previous.exhibitors[rng.random_range(0..previous.exhibitors.len())];
            previous
                .co_exhibitors
                .push((self.co_exhibitor(rng, of)?, of));
        }
        Ok(())
    }

    /// Suppliers and buyers; the previous edition's partly the current ones.
    fn traders_of_both<R: Rng>(
        &mut self,
        rng: &mut R,
        plan: &Plan,
        previous: &mut Roster,
        current: &mut Roster,
    ) -> Result<(), Invalid> {
        let fresh = self.traders(rng, suppliers(&plan.current), DOMESTIC_SUPPLIERS, 0)?;
        current.suppliers = connect_suppliers(rng, fresh, &plan.current);
        let fresh = self.traders(rng, buyers(&plan.current), DOMESTIC_BUYERS, 1)?;
        current.buyers = connect_buyers(rng, fresh, &plan.current);

        let pool: Vec<usize> = current.suppliers.iter().map(|(o, _)| *o).collect();
        let orgs = self.some_again(rng, pool, suppliers(&plan.previous), DOMESTIC_SUPPLIERS, 0)?;
        previous.suppliers = connect_suppliers(rng, orgs, &plan.previous);
        let pool: Vec<usize> = current.buyers.iter().map(|b| b.org).collect();
        let orgs = self.some_again(rng, pool, buyers(&plan.previous), DOMESTIC_BUYERS, 1)?;
        previous.buyers = connect_buyers(rng, orgs, &plan.previous);
        Ok(())
    }

    /// An exhibitor from `country`: the international organisation seated
    /// there if it has not exhibited yet, else a company or (a few) an institution.
    fn exhibitor<R: Rng>(&mut self, rng: &mut R, country: CountryCode) -> Result<usize, Invalid> {
        if let Some(at) = self
            .international
            .iter()
            .position(|(_, _, c)| *c == country.alpha2())
        {
            let (name, name_zh, _) = self.international.remove(at);
            let proposal = super::names::OrgName {
                name: name.into(),
                name_zh: Some(name_zh.into()),
                industry: None,
            };
            if let Some(org) =
                self.registry
                    .try_add(proposal, country, OrgKind::InternationalOrganization)?
            {
                return Ok(org);
            }
        }
        let institutions = if country == self.host { 5 } else { 3 };
        self.org(rng, country, institutions)
    }

    /// A co-exhibitor, mostly from its exhibitor's country.
    fn co_exhibitor<R: Rng>(&mut self, rng: &mut R, of: usize) -> Result<usize, Invalid> {
        let country = match rng.random_range(0..10) {
            0..7 => self.registry.country(of),
            7..9 => self.host,
            _ => self.trading_country(rng),
        };
        self.org(rng, country, if country == self.host { 12 } else { 5 })
    }

    /// `n` new suppliers or buyers, `domestic` % of them Chinese.
    fn traders<R: Rng>(
        &mut self,
        rng: &mut R,
        n: usize,
        domestic: u32,
        institutions: u32,
    ) -> Result<Vec<usize>, Invalid> {
        (0..n)
            .map(|_| {
                let country = if rng.random_ratio(domestic, 100) {
                    self.host
                } else {
                    self.trading_country(rng)
                };
                self.org(rng, country, institutions)
            })
            .collect()
    }

    /// `n` traders of the previous edition: some from `pool`, the rest new.
    fn some_again<R: Rng>(
        &mut self,
        rng: &mut R,
        mut pool: Vec<usize>,
        n: usize,
        domestic: u32,
        institutions: u32,
    ) -> Result<Vec<usize>, Invalid> {
        let again = (n * RETURNING_TRADERS / 100).min(pool.len());
        let (chosen, _) = pool.partial_shuffle(rng, again);
        let mut orgs = chosen.to_vec();
        orgs.extend(self.traders(rng, n - again, domestic, institutions)?);
        orgs.shuffle(rng);
        Ok(orgs)
    }

    fn org<R: Rng>(
        &mut self,
        rng: &mut R,
        country: CountryCode,
        institution_percent: u32,
    ) -> Result<usize, Invalid> {
        let kind = if rng.random_ratio(institution_percent, 100) {
            OrgKind::Institution
        } else {
            OrgKind::Company
        };
        self.registry.add(rng, country, kind)
    }

    fn trading_country<R: Rng>(&self, rng: &mut R) -> CountryCode {
        super::weighted(rng, &self.trading)
    }

    /// A flag per organisation so far: whether it is in `orgs`.
    fn flags(&self, orgs: &[usize]) -> Vec<bool> {
        let mut flags = vec![false; self.registry.len()];
        for &o in orgs {
            flags[o] = true;
        }
        flags
    }
}
