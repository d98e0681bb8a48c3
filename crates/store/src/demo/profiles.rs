//! Matchmaking profiles for every participant of the current edition, drawn
//! from the project's chain templates: a participant works in one or two
//! segments of its industry chain (exhibitors, co-exhibitors and suppliers
//! offer them), seeks the segments that feed them, and buyers seek segments
//! of the midstream and downstream. HS codes come with the segments.
use super::names::Registry;
use super::roster::Roster;
use super::{INDUSTRIES, weighted};
use chainfair_chains::template::{ChainSegment, ChainTemplate, Chains};
use chainfair_core::{
    CountryCode, EditionId, HsCode, Invalid, Language, OrganizationId, Profile, Region, SegmentRef,
    Stage,
};
use rand::Rng;

/// Share (in %) of profiles that name one must-meet organisation.
const MUST_MEET: u32 = 3;
/// Share (in %) of profiles that name one organisation as no-thanks.
const NO_THANKS: u32 = 1;

/// The language most of a country's business people write in, besides English.
fn home_language(country: CountryCode) -> &'static str {
    match country.alpha2() {
        "CN" | "TW" | "HK" | "MO" | "SG" => "zh",
        "JP" => "ja",
        "KR" => "ko",
        "DE" | "AT" | "CH" => "de",
        "FR" | "BE" | "CI" | "SN" | "MA" | "DZ" | "TN" => "fr",
        "ES" | "MX" | "AR" | "CO" | "CL" | "PE" | "EC" | "UY" | "VE" | "BO" | "PY" | "GT" => "es",
        "BR" | "PT" | "AO" | "MZ" => "pt",
        "RU" | "KZ" | "BY" | "UZ" | "KG" => "ru",
        "IT" => "it",
        "NL" => "nl",
        "VN" => "vi",
        "TH" => "th",
        "ID" => "id",
        "MY" => "ms",
        "TR" => "tr",
        "SA" | "AE" | "EG" | "QA" | "KW" | "OM" | "JO" => "ar",
        _ => "en",
    }
}

fn segment_ref(chain: &ChainTemplate, segment: &ChainSegment) -> SegmentRef {
    SegmentRef {
        industry: chain.industry.id.clone(),
        segment: segment.segment.id.clone(),
    }
}

/// The segments that feed `segment` in its chain.
fn inputs<'a>(chain: &'a ChainTemplate, segment: &ChainSegment) -> Vec<&'a ChainSegment> {
    chain
        .segments
        .iter()
        .filter(|s| s.segment.feeds.contains(&segment.segment.id))
        .collect()
}

fn sorted<T: Ord>(mut items: Vec<T>) -> Vec<T> {
    items.sort();
    items.dedup();
    items
}

/// A profile per participant of `roster` (the current edition's).
pub(crate) fn profiles<R: Rng>(
    rng: &mut R,
    edition: &EditionId,
    roster: &Roster,
    registry: &Registry,
) -> Result<Vec<Profile>, Invalid> {
    let chains = Chains::built_in()
        .map_err(|e| Invalid::new("chains", format!("built-in chain templates: {e}")))?;
    let chain_of = |industry: &str| -> Result<&ChainTemplate, Invalid> {
        chains
            .get(industry)
            .ok_or_else(|| Invalid::new("industry", format!("no chain template {industry:?}")))
    };
    let sellers: Vec<usize> = roster
        .exhibitors
        .iter()
        .copied()
        .chain(roster.co_exhibitors.iter().map(|(o, _)| *o))
        .chain(roster.suppliers.iter().map(|(o, _)| *o))
        .collect();
    let buyers: Vec<usize> = roster.buyers.iter().map(|b| b.org).collect();
    let everyone: Vec<usize> = sellers.iter().chain(&buyers).copied().collect();
    let regions = [
        (Region::Asia, 40),
        (Region::Europe, 25),
        (Region::Americas, 20),
        (Region::Africa, 10),
        (Region::Oceania, 5),
    ];
    let mut out = Vec::with_capacity(everyone.len());
    for (n, &org) in everyone.iter().enumerate() {
        let selling = n < sellers.len();
        let industry = match registry.industry(org) {
            Some(slug) => slug,
            None => INDUSTRIES[rng.random_range(0..INDUSTRIES.len())],
        };
        let chain = chain_of(industry)?;
        let candidates: Vec<usize> = (0..chain.segments.len())
            .filter(|&i| selling || chain.segments[i].segment.stage != Stage::Upstream)
            .collect();
        let count = if rng.random_range(0..100) < 30 { 2 } else { 1 };
        let mut own: Vec<usize> = (0..count)
            .map(|_| candidates[rng.random_range(0..candidates.len())])
            .collect();
        own.sort_unstable();
        own.dedup();
        let own: Vec<&ChainSegment> = own.iter().map(|&i| &chain.segments[i]).collect();
        let (offers, seeks): (Vec<&ChainSegment>, Vec<&ChainSegment>) = if selling {
            (
                own.clone(),
                own.iter().flat_map(|s| inputs(chain, s)).collect(),
            )
        } else {
            (Vec::new(), own.clone())
        };
        let hs = |segments: &[&ChainSegment]| -> Vec<HsCode> {
            sorted(
                segments
                    .iter()
                    .flat_map(|s| s.segment.hs_codes.iter().cloned())
                    .collect(),
            )
        };
        let organization = registry.org(org);
        let country = organization.country();
        let mut languages = vec![Language::parse("languages", "en")?];
        languages.push(Language::parse("languages", home_language(country))?);
        let target_regions = sorted(vec![weighted(rng, &regions), weighted(rng, &regions)]);
        let pick_other = |rng: &mut R| -> OrganizationId {
            let other = everyone[rng.random_range(0..everyone.len())];
            registry.org(other).id().clone()
        };
        let mut must_meet = Vec::new();
        let mut no_thanks = Vec::new();
        if rng.random_range(0..100) < MUST_MEET {
            must_meet.push(pick_other(rng));
        } else if rng.random_range(0..100) < NO_THANKS {
            no_thanks.push(pick_other(rng));
        }
        let own_id = organization.id().clone();
        must_meet.retain(|o| *o != own_id);
        no_thanks.retain(|o| *o != own_id);
        let names: Vec<&str> = own.iter().map(|s| s.segment.name.as_str()).collect();
        let description = if selling {
            format!(
                "{} for the {} chain.",
                names.join(" and "),
                chain.industry.name.to_lowercase()
            )
        } else {
            format!(
                "Buys {} ({}).",
                names.join(" and ").to_lowercase(),
                chain.industry.name.to_lowercase()
            )
        };
        out.push(Profile {
            edition: edition.clone(),
            organization: own_id,
            offers_hs: hs(&offers),
            seeks_hs: hs(&seeks),
            offers_segments: sorted(offers.iter().map(|s| segment_ref(chain, s)).collect()),
            seeks_segments: sorted(seeks.iter().map(|s| segment_ref(chain, s)).collect()),
            target_countries: Vec::new(),
            target_regions,
            languages: sorted(languages),
            description,
            must_meet,
            no_thanks,
        });
    }
    // A participant listed in two roles gets one profile, its first.
    let mut seen = std::collections::HashSet::new();
    out.retain(|p| seen.insert(p.organization.clone()));
    out.sort_by(|a, b| a.organization.cmp(&b.organization));
    Ok(out)
}
