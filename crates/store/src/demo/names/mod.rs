//! Plausible, varied and unique names for the demo's organisations and people.
//!
//! A name is a mixed-radix number over parallel pools (brand, trade, city,
//! legal form ...), so each pool combination is one index. A new organisation
//! draws an index at random, each digit by its own weights, and draws again
//! while the name it gives is taken (same [`Organization::dedup_key`], i.e.
//! the same normalised name in the same country). The pools are sized so
//! that they stay at most about a quarter full, where a draw rarely needs a
//! second try; walking the index space from the first draw is the last
//! resort that makes sure a name is found whenever one is left. (Walking
//! from the start would cluster: the popular digit values fill first and
//! every later draw would walk through them.)
mod chinese;
mod foreign;
mod people;

use chainfair_core::{CountryCode, Invalid, OrgKind, Organization, OrganizationId};
use rand::Rng;
use std::collections::HashSet;

pub(crate) use people::person;

/// Language and naming custom of a country.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Lang {
    Chinese,
    English,
    SouthAsian,
    German,
    French,
    Italian,
    Spanish,
    Portuguese,
    Dutch,
    Nordic,
    Russian,
    Central,
    Turkish,
    Arabic,
    Japanese,
    Korean,
    Malay,
    Thai,
    Vietnamese,
}

#[rustfmt::skip]
pub(crate) fn lang_of(country: CountryCode) -> Lang {
    match country.alpha2() {
        "CN" | "HK" | "MO" | "TW" => Lang::Chinese,
        "IN" | "PK" | "BD" | "LK" | "NP" => Lang::SouthAsian,
        "DE" | "AT" | "CH" | "LI" | "LU" => Lang::German,
        "FR" | "MC" | "MA" | "TN" | "SN" | "CI" | "CM" | "DZ" => Lang::French,
        "IT" | "SM" => Lang::Italian,
        "ES" | "MX" | "AR" | "CL" | "CO" | "PE" | "UY" | "EC" | "VE" | "CU" | "BO" | "PY" | "CR"
        | "PA" | "DO" => Lang::Spanish,
        "BR" | "PT" | "AO" | "MZ" => Lang::Portuguese,
        "NL" | "BE" => Lang::Dutch,
        "SE" | "NO" | "DK" | "FI" | "IS" => Lang::Nordic,
        "RU" | "BY" | "KZ" | "UZ" | "KG" | "TJ" | "AZ" | "AM" | "GE" => Lang::Russian,
        "PL" | "CZ" | "SK" | "HU" | "RS" | "HR" | "SI" | "RO" | "BG" | "GR" | "UA" | "LT" | "LV"
        | "EE" | "MN" | "IR" | "CY" | "BA" | "ME" | "MK" | "AL" => Lang::Central,
        "TR" => Lang::Turkish,
        "SA" | "AE" | "QA" | "KW" | "OM" | "BH" | "EG" | "JO" | "IQ" | "LB" | "LY" | "SD" | "YE" => {
            Lang::Arabic
        }
        "JP" => Lang::Japanese,
        "KR" => Lang::Korean,
        "MY" | "ID" | "BN" => Lang::Malay,
        "TH" | "LA" => Lang::Thai,
        "VN" => Lang::Vietnamese,
        _ => Lang::English,
    }
}

/// Random draws for a free name before walking the whole index space.
const REDRAWS: usize = 32;

/// A proposed organisation name and the industry chain its trade word names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct OrgName {
    pub name: String,
    pub name_zh: Option<String>,
    pub industry: Option<&'static str>,
}

/// A mixed-radix number of up to four digits, the first varying fastest.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Digits {
    radices: [usize; 4],
}

impl Digits {
    fn new(radices: &[usize]) -> Digits {
        let mut all = [1; 4];
        all[..radices.len()].copy_from_slice(radices);
        Digits { radices: all }
    }

    pub(crate) fn capacity(&self) -> usize {
        self.radices.iter().product()
    }

    fn split(&self, mut index: usize) -> [usize; 4] {
        let mut parts = [0; 4];
        for (part, radix) in parts.iter_mut().zip(self.radices) {
            *part = index % radix;
            index /= radix;
        }
        parts
    }

    fn join(&self, parts: [usize; 4]) -> usize {
        parts
            .iter()
            .zip(self.radices)
            .rev()
            .fold(0, |index, (part, radix)| index * radix + part)
    }

    /// A random index whose digits follow `weight(digit, value)`.
    fn draw<R: Rng>(&self, rng: &mut R, weight: impl Fn(usize, usize) -> u32) -> usize {
        let mut parts = [0; 4];
        for (digit, part) in parts.iter_mut().enumerate() {
            let radix = self.radices[digit];
            let total: u32 = (0..radix).map(|value| weight(digit, value)).sum();
            let mut ticket = rng.random_range(0..total.max(1));
            *part = (0..radix)
                .find(|value| {
                    let w = weight(digit, *value);
                    if ticket < w {
                        return true;
                    }
                    ticket -= w;
                    false
                })
                .unwrap_or(0);
        }
        self.join(parts)
    }
}

/// Where a name comes from: which pools, and whether it gets a Chinese name.
#[derive(Debug, Clone, Copy)]
enum Pools {
    ChineseCompany,
    ChineseInstitution,
    ForeignCompany { lang: Lang, with_zh: bool },
    ForeignInstitution { lang: Lang, with_zh: bool },
}

impl Pools {
    fn digits(self, country: &str) -> Digits {
        match self {
            Pools::ChineseCompany => chinese::company_digits(),
            Pools::ChineseInstitution => chinese::institution_digits(),
            Pools::ForeignCompany { lang, .. } => foreign::company_digits(country, lang),
            Pools::ForeignInstitution { lang, .. } => foreign::institution_digits(lang),
        }
    }

    fn name(self, country: &str, parts: &[usize]) -> Option<OrgName> {
        match self {
            Pools::ChineseCompany => Some(chinese::company(parts)),
            Pools::ChineseInstitution => Some(chinese::institution(parts)),
            Pools::ForeignCompany { lang, with_zh } => {
                foreign::company(country, lang, parts, with_zh)
            }
            Pools::ForeignInstitution { lang, with_zh } => {
                foreign::institution(lang, parts, with_zh)
            }
        }
    }
}

/// The organisations of the demo, in id order, each with a unique dedup key.
#[derive(Debug, Default)]
pub(crate) struct Registry {
    orgs: Vec<Organization>,
    industries: Vec<Option<&'static str>>,
    keys: HashSet<String>,
}

impl Registry {
    pub(crate) fn len(&self) -> usize {
        self.orgs.len()
    }

    pub(crate) fn org(&self, index: usize) -> &Organization {
        &self.orgs[index]
    }

    pub(crate) fn country(&self, index: usize) -> CountryCode {
        self.orgs[index].country()
    }

    /// The industry chain the organisation works in, where its name tells.
    pub(crate) fn industry(&self, index: usize) -> Option<&'static str> {
        self.industries[index]
    }

    pub(crate) fn into_organizations(self) -> Vec<Organization> {
        self.orgs
    }

    /// Adds a company or an institution from `country`, named in its style;
    /// about half of the foreign ones also get a Chinese name.
    pub(crate) fn add<R: Rng>(
        &mut self,
        rng: &mut R,
        country: CountryCode,
        kind: OrgKind,
    ) -> Result<usize, Invalid> {
        let lang = lang_of(country);
        let with_zh = rng.random_ratio(1, 2);
        let institution = kind != OrgKind::Company;
        let pools = match (lang, institution) {
            (Lang::Chinese, false) => Pools::ChineseCompany,
            (Lang::Chinese, true) => Pools::ChineseInstitution,
            (lang, false) => Pools::ForeignCompany { lang, with_zh },
            (lang, true) => Pools::ForeignInstitution { lang, with_zh },
        };
        let code = country.alpha2();
        let digits = pools.digits(code);
        // Draw again while the name is taken; once the pools are nearly full
        // (never at the demo's sizes), walk the whole space so it still ends.
        let capacity = digits.capacity();
        let draw = |rng: &mut R| match pools {
            Pools::ChineseCompany => digits.draw(rng, chinese::company_weights),
            _ => digits.draw(rng, |_, _| 1),
        };
        let first = draw(rng);
        let redraws = (1..REDRAWS).map(|_| draw(rng));
        let walk = (0..capacity).map(|step| (first + step) % capacity);
        for index in std::iter::once(first).chain(redraws).chain(walk) {
            let Some(proposal) = pools.name(code, &digits.split(index)) else {
                continue;
            };
            if let Some(index) = self.try_add(proposal, country, kind)? {
                return Ok(index);
            }
        }
        Err(Invalid::new(
            "name",
            format!("the demo's name pools for {code} are used up"),
        ))
    }

    /// Adds an organisation under a given name; None when its dedup key is taken.
    pub(crate) fn try_add(
        &mut self,
        proposal: OrgName,
        country: CountryCode,
        kind: OrgKind,
    ) -> Result<Option<usize>, Invalid> {
        let index = self.orgs.len();
        let id = OrganizationId::parse("id", &format!("o-{:06}", index + 1))?;
        let org = Organization::new(
            id,
            &proposal.name,
            proposal.name_zh.as_deref(),
            country,
            kind,
        )?;
        if !self.keys.insert(org.dedup_key()) {
            return Ok(None);
        }
        self.orgs.push(org);
        self.industries.push(proposal.industry);
        Ok(Some(index))
    }
}

/// How many distinct Chinese company names the pools can make.
#[cfg(test)]
pub(crate) fn chinese_company_capacity() -> usize {
    chinese::company_digits().capacity()
}

#[cfg(test)]
pub(crate) fn chinese_company_name(index: usize) -> OrgName {
    chinese::company(&chinese::company_digits().split(index))
}

#[cfg(test)]
pub(crate) fn pool_sizes() -> [usize; 4] {
    [
        chinese::BRANDS.len(),
        chinese::TRADES.len(),
        chinese::CITIES.len(),
        chinese::FIELDS.len(),
    ]
}
