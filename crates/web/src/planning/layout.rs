//! Booths laid out for an edition from its data (`chainfair layout`, the
//! organiser's page), and the layout stored as its bookings.
//!
//! What the layout is given, from the edition's data:
//! - each exhibitor with a space request, with its requested m², area and
//!   preferred neighbours;
//! - its chain position: the mean over the segments it offers (else those
//!   it seeks) of 0 for upstream, 0.5 for midstream and 1 for downstream,
//!   0.5 when its profile names none;
//! - its segments and 6-digit HS offers, which make direct competitors;
//! - the organiser's fixed bookings, kept as they are;
//! - likely partners: 0.5 for a pair where one offers a segment that feeds
//!   one the other offers, or that the other seeks (chain adjacency); and
//!   each exhibitor's five best recommendations among the exhibitors laid
//!   out, weighted by score over the best score (at least chain adjacency's
//!   0.5 when both hold).
use crate::AppError;
use chainfair_chains::template::Chains;
use chainfair_core::{EditionId, HsLevel, OrganizationId, Profile, SegmentRef, Stage};
use chainfair_matching::layout::{Layout, LayoutParams, LayoutRequest, lay_out_booths};
use chainfair_store::{Booking, Store, read_all};
use std::collections::{BTreeMap, HashMap};

fn stage_value(stage: Stage) -> f64 {
    match stage {
        Stage::Upstream => 0.0,
        Stage::Midstream => 0.5,
        Stage::Downstream => 1.0,
    }
}

/// The chain position of a profile (see the module docs).
fn position(profile: Option<&Profile>, chains: &Chains) -> f64 {
    let Some(profile) = profile else { return 0.5 };
    let stages = |segments: &[SegmentRef]| -> Vec<f64> {
        segments
            .iter()
            .filter_map(|s| {
                let template = chains.get(s.industry.as_str())?;
                Some(stage_value(
                    template.segment(s.segment.as_str())?.segment.stage,
                ))
            })
            .collect()
    };
    let mut values = stages(&profile.offers_segments);
    if values.is_empty() {
        values = stages(&profile.seeks_segments);
    }
    if values.is_empty() {
        0.5
    } else {
        values.iter().sum::<f64>() / values.len() as f64
    }
}

/// A pair of organisations as a key, the smaller id first.
fn pair(a: &OrganizationId, b: &OrganizationId) -> (String, String) {
    let (first, second) = if a < b { (a, b) } else { (b, a) };
    (first.to_string(), second.to_string())
}

/// Pairs where one offers a segment feeding, or sought by, the other.
fn chain_affinity(
    profiles: &HashMap<&OrganizationId, &Profile>,
    orgs: &[OrganizationId],
    chains: &Chains,
) -> BTreeMap<(String, String), f64> {
    let mut offering: HashMap<String, Vec<&OrganizationId>> = HashMap::new();
    let mut seeking: HashMap<String, Vec<&OrganizationId>> = HashMap::new();
    for org in orgs {
        let Some(p) = profiles.get(org) else { continue };
        for s in &p.offers_segments {
            offering.entry(s.to_string()).or_default().push(org);
        }
        for s in &p.seeks_segments {
            seeking.entry(s.to_string()).or_default().push(org);
        }
    }
    let mut pairs = BTreeMap::new();
    for org in orgs {
        let Some(p) = profiles.get(org) else { continue };
        for s in &p.offers_segments {
            let fed = chains
                .get(s.industry.as_str())
                .and_then(|t| t.segment(s.segment.as_str()))
                .map(|c| c.segment.feeds.clone())
                .unwrap_or_default();
            let partners = fed
                .iter()
                .filter_map(|f| offering.get(&format!("{}/{f}", s.industry)))
                .chain(seeking.get(&s.to_string()))
                .flatten();
            for &partner in partners {
                if partner != org {
                    pairs.insert(pair(org, partner), 0.5);
                }
            }
        }
    }
    pairs
}

/// Lays out the edition's booths from its data (see the module docs).
pub async fn layout_edition(
    store: &dyn Store,
    edition: &chainfair_core::Edition,
    chains: &Chains,
    params: &LayoutParams,
) -> Result<(chainfair_core::Floor, Layout), AppError> {
    let id = edition.id();
    let Some(floor) = store.floor(id).await? else {
        return Err(AppError::Conflict(format!(
            "{id} has no floor plan: chainfair floor import --edition {id} ..."
        )));
    };
    let requests = store.space_requests(id).await?;
    if requests.is_empty() {
        return Err(AppError::Conflict(format!(
            "{id} has no space requests: chainfair floor requests --edition {id} FILE"
        )));
    }
    let profiles = read_all::<Profile>(store, Some(id)).await?;
    let profiles: HashMap<&OrganizationId, &Profile> =
        profiles.iter().map(|p| (&p.organization, p)).collect();
    let fixed: HashMap<OrganizationId, String> = store
        .bookings(id)
        .await?
        .into_iter()
        .filter(|b| b.fixed)
        .map(|b| (b.organization, b.booth.to_string()))
        .collect();
    let layout_requests: Vec<LayoutRequest> = requests
        .iter()
        .map(|r| {
            let profile = profiles.get(&r.organization).copied();
            LayoutRequest {
                org: r.organization.to_string(),
                zone_area: r.area.to_string(),
                requested_m2: r.area_m2,
                position: position(profile, chains),
                segments: profile
                    .map(|p| p.offers_segments.iter().map(ToString::to_string).collect())
                    .unwrap_or_default(),
                hs6_offers: profile
                    .map(|p| {
                        p.offers_hs
                            .iter()
                            .filter(|h| h.level() == HsLevel::Subheading)
                            .map(ToString::to_string)
                            .collect()
                    })
                    .unwrap_or_default(),
                preferred_neighbours: r.neighbours.iter().map(ToString::to_string).collect(),
                fixed_booth: fixed.get(&r.organization).cloned(),
            }
        })
        .collect();
    let orgs: Vec<OrganizationId> = requests.iter().map(|r| r.organization.clone()).collect();
    let mut affinity = chain_affinity(&profiles, &orgs, chains);
    let matcher = crate::matchmaking::matcher(store, edition, chains).await?;
    let laid_out: std::collections::HashSet<&OrganizationId> = orgs.iter().collect();
    for org in &orgs {
        let Ok(recs) = matcher.recommend(org, 5, true) else {
            continue;
        };
        let best = recs.first().map_or(1.0, |r| r.score.max(f64::EPSILON));
        for r in recs.iter().filter(|r| laid_out.contains(&r.organization)) {
            let weight = (r.score / best).clamp(0.0, 1.0);
            let entry = affinity.entry(pair(org, &r.organization)).or_insert(0.0);
            *entry = entry.max(weight);
        }
    }
    let affinity: Vec<(String, String, f64)> =
        affinity.into_iter().map(|((a, b), w)| (a, b, w)).collect();
    // Seconds of search on the largest floors: off the async threads.
    let params = params.clone();
    let (floor, layout) = tokio::task::spawn_blocking(move || {
        let layout = lay_out_booths(&floor, &layout_requests, &affinity, &params);
        (floor, layout)
    })
    .await
    .map_err(|e| AppError::Internal(e.to_string()))?;
    let layout = layout.map_err(|e| AppError::Conflict(e.to_string()))?;
    Ok((floor, layout))
}

/// Stores a layout as the edition's bookings, keeping the fixed ones; how
/// many it stored.
pub async fn store_layout(
    store: &dyn Store,
    edition: &EditionId,
    layout: &Layout,
) -> Result<usize, AppError> {
    let fixed: std::collections::HashSet<String> = store
        .bookings(edition)
        .await?
        .into_iter()
        .filter(|b| b.fixed)
        .map(|b| b.booth.to_string())
        .collect();
    let placed = layout
        .assignments
        .iter()
        .filter(|(_, booth)| !fixed.contains(booth))
        .map(|(org, booth)| {
            Ok(Booking {
                booth: chainfair_core::floor::BoothId::parse("booth", booth)?,
                organization: OrganizationId::parse("organization", org)?,
                fixed: false,
            })
        })
        .collect::<Result<Vec<_>, chainfair_core::Invalid>>()?;
    store.apply_layout(edition, &placed).await?;
    Ok(placed.len())
}
