//! Matchmaking on the store: the participants of an edition with their
//! profiles, and the pairs that met at the previous edition.
use chainfair_chains::template::Chains;
use chainfair_core::{
    Edition, Meeting, Organization, OrganizationId, Participation, Profile, SegmentRef,
};
use chainfair_matching::{Matcher, Participant};
use chainfair_store::{Store, StoreResult, read_all};
use std::collections::{BTreeMap, HashMap};

/// The edition's participants (a profile-less one gets an empty profile)
/// and the pairs with an accepted or held meeting at the previous edition.
pub async fn participants(
    store: &dyn Store,
    edition: &Edition,
) -> StoreResult<(Vec<Participant>, Vec<(OrganizationId, OrganizationId)>)> {
    let id = edition.id();
    let organizations: HashMap<OrganizationId, Organization> =
        read_all::<Organization>(store, None)
            .await?
            .into_iter()
            .map(|o| (o.id().clone(), o))
            .collect();
    let mut roles: BTreeMap<OrganizationId, Vec<chainfair_core::Role>> = BTreeMap::new();
    for p in read_all::<Participation>(store, Some(id)).await? {
        roles
            .entry(p.organization().clone())
            .or_default()
            .push(p.role());
    }
    let mut profiles: HashMap<OrganizationId, Profile> = read_all::<Profile>(store, Some(id))
        .await?
        .into_iter()
        .map(|p| (p.organization.clone(), p))
        .collect();
    let people = roles
        .into_iter()
        .filter_map(|(org, roles)| {
            let o = organizations.get(&org)?;
            let profile = profiles.remove(&org).unwrap_or_else(|| Profile {
                edition: id.clone(),
                organization: org.clone(),
                offers_hs: Vec::new(),
                seeks_hs: Vec::new(),
                offers_segments: Vec::new(),
                seeks_segments: Vec::new(),
                target_countries: Vec::new(),
                target_regions: Vec::new(),
                languages: Vec::new(),
                description: String::new(),
                must_meet: Vec::new(),
                no_thanks: Vec::new(),
            });
            Some(Participant {
                organization: org,
                name: o.name().to_owned(),
                country: o.country(),
                roles,
                profile,
            })
        })
        .collect();
    let met = match edition.previous() {
        Some(previous) => read_all::<Meeting>(store, Some(previous))
            .await?
            .into_iter()
            .filter(|m| m.status().is_connection())
            .map(|m| (m.a().clone(), m.b().clone()))
            .collect(),
        None => Vec::new(),
    };
    Ok((people, met))
}

/// The matcher of an edition, built from the store.
pub async fn matcher(
    store: &dyn Store,
    edition: &Edition,
    chains: &Chains,
) -> StoreResult<Matcher> {
    let (people, met) = participants(store, edition).await?;
    Ok(Matcher::new(people, chains, &met))
}

/// The segments of `profile` no chain template knows.
pub fn unknown_segments<'a>(
    profile: &'a Profile,
    chains: &Chains,
) -> Vec<(&'static str, &'a SegmentRef)> {
    let known = |s: &SegmentRef| {
        chains
            .get(s.industry.as_str())
            .is_some_and(|c| c.segment(s.segment.as_str()).is_some())
    };
    profile
        .offers_segments
        .iter()
        .map(|s| ("offers_segments", s))
        .chain(profile.seeks_segments.iter().map(|s| ("seeks_segments", s)))
        .filter(|(_, s)| !known(s))
        .collect()
}
