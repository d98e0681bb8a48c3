//! `chainfair floor ...` (the plan and the space requests) and
//! `chainfair layout` (booths laid out upstream to downstream).
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
use crate::{Config, FloorCommand, LayoutArgs, open_store};
use anyhow::{Context, bail};
use chainfair_chains::template::Chains;
use chainfair_core::floor::FloorDocument;
use chainfair_core::{EditionId, HsLevel, OrganizationId, Profile, SegmentRef, Stage};
use chainfair_matching::layout::{Layout, LayoutParams, LayoutRequest, lay_out_booths};
use chainfair_store::{Booking, Store, read_all, read_floor_csv, read_space_requests};
use std::collections::{BTreeMap, HashMap};
use std::fs::File;
use std::path::Path;

fn open(path: &Path) -> anyhow::Result<(String, File)> {
    let file = File::open(path).with_context(|| format!("cannot read {}", path.display()))?;
    Ok((path.display().to_string(), file))
}

async fn edition_of(store: &dyn Store, id: &str) -> anyhow::Result<EditionId> {
    let id = EditionId::parse("--edition", id)?;
    if store.edition(&id).await?.is_none() {
        bail!("unknown edition {id}");
    }
    Ok(id)
}

pub(crate) async fn run(command: FloorCommand, config: &Config) -> anyhow::Result<()> {
    let store = open_store(&config.db).await?;
    match command {
        FloorCommand::Import {
            edition,
            json,
            halls,
            zones,
            booths,
        } => {
            let edition = edition_of(store.as_ref(), &edition).await?;
            let floor = match (json, halls, zones, booths) {
                (Some(json), None, None, None) => {
                    let (name, file) = open(&json)?;
                    serde_json::from_reader(std::io::BufReader::new(file))
                        .map_err(|e| anyhow::anyhow!("{name}: {e}"))?
                }
                (None, Some(halls), Some(zones), Some(booths)) => {
                    let (halls, zones, booths) = (open(&halls)?, open(&zones)?, open(&booths)?);
                    read_floor_csv(
                        (&halls.0, halls.1),
                        (&zones.0, zones.1),
                        (&booths.0, booths.1),
                    )?
                }
                _ => bail!("give --json FILE, or --halls, --zones and --booths"),
            };
            store.put_floor(&edition, &floor).await?;
            println!(
                "{edition}: {} halls, {} zones, {} booths",
                floor.halls().len(),
                floor.zones().len(),
                floor.booths().len()
            );
        }
        FloorCommand::Export {
            edition,
            out,
            csv_dir,
        } => {
            let edition = edition_of(store.as_ref(), &edition).await?;
            let Some(floor) = store.floor(&edition).await? else {
                bail!("{edition} has no floor plan")
            };
            match (out, csv_dir) {
                (_, Some(dir)) => write_floor_csv(floor.into(), &dir)?,
                (Some(path), None) => {
                    let json = serde_json::to_string_pretty(&floor)? + "\n";
                    std::fs::write(&path, json)
                        .with_context(|| format!("cannot write {}", path.display()))?;
                }
                (None, None) => print!("{}", serde_json::to_string_pretty(&floor)? + "\n"),
            }
        }
        FloorCommand::Requests { edition, file } => {
            let edition = edition_of(store.as_ref(), &edition).await?;
            let (name, reader) = open(&file)?;
            let requests = read_space_requests(&name, reader)?;
            let taking_part: std::collections::HashSet<OrganizationId> =
                read_all::<chainfair_core::Participation>(store.as_ref(), Some(&edition))
                    .await?
                    .into_iter()
                    .map(|p| p.organization().clone())
                    .collect();
            if let Some(r) = requests
                .iter()
                .find(|r| !taking_part.contains(&r.organization))
            {
                bail!("{name}: {} does not take part in {edition}", r.organization);
            }
            store.put_space_requests(&edition, &requests).await?;
            println!("{edition}: {} space requests", requests.len());
        }
    }
    Ok(())
}

/// Writes a plan as the three CSV files `floor import` reads.
fn write_floor_csv(document: FloorDocument, dir: &Path) -> anyhow::Result<()> {
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    fn write<T: serde::Serialize>(dir: &Path, name: &str, rows: &[T]) -> anyhow::Result<()> {
        let path = dir.join(name);
        let mut csv = csv::Writer::from_path(&path)
            .with_context(|| format!("cannot write {}", path.display()))?;
        for row in rows {
            csv.serialize(row)?;
        }
        csv.flush()?;
        Ok(())
    }
    write(dir, "halls.csv", &document.halls)?;
    write(dir, "zones.csv", &document.zones)?;
    write(dir, "booths.csv", &document.booths)?;
    println!(
        "wrote halls.csv, zones.csv and booths.csv to {}",
        dir.display()
    );
    Ok(())
}

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
pub(crate) async fn layout_edition(
    store: &dyn Store,
    edition: &chainfair_core::Edition,
    chains: &Chains,
    params: &LayoutParams,
) -> anyhow::Result<(chainfair_core::Floor, Layout)> {
    let id = edition.id();
    let Some(floor) = store.floor(id).await? else {
        bail!("{id} has no floor plan: chainfair floor import --edition {id} ...")
    };
    let requests = store.space_requests(id).await?;
    if requests.is_empty() {
        bail!("{id} has no space requests: chainfair floor requests --edition {id} FILE");
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
    let matcher = chainfair_web::matchmaking::matcher(store, edition, chains).await?;
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
    let layout = lay_out_booths(&floor, &layout_requests, &affinity, params)
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    Ok((floor, layout))
}

/// Stores a layout as the edition's bookings, keeping the fixed ones; how
/// many it stored.
pub(crate) async fn store_layout(
    store: &dyn Store,
    edition: &EditionId,
    layout: &Layout,
) -> anyhow::Result<usize> {
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

pub(crate) async fn layout(args: LayoutArgs, config: &Config) -> anyhow::Result<()> {
    let chains = super::map::load_chains(config.chains.as_deref())?;
    let store = open_store(&config.db).await?;
    let id = edition_of(store.as_ref(), &args.edition).await?;
    let edition = store.edition(&id).await?.context("edition vanished")?;
    let params = LayoutParams {
        seed: args.seed,
        ..LayoutParams::default()
    };
    let started = std::time::Instant::now();
    let (floor, layout) = layout_edition(store.as_ref(), &edition, &chains, &params).await?;
    let o = &layout.objective;
    println!(
        "{} exhibitors placed in {:.1} s; objective {:.3} (flow {:.3}, partners {:.3}, competitors {:.3}, waste {:.3})",
        layout.assignments.len(),
        started.elapsed().as_secs_f64(),
        o.total,
        o.flow,
        o.partners,
        o.competitors,
        o.waste
    );
    println!("{} remaining violations", layout.violations.len());
    for violation in &layout.violations {
        println!("- {violation}");
    }
    if let Some(path) = &args.svg {
        let names: HashMap<String, String> =
            read_all::<chainfair_core::Organization>(store.as_ref(), None)
                .await?
                .into_iter()
                .map(|o| (o.id().to_string(), o.name().to_owned()))
                .collect();
        let svg = chainfair_report::floor_svg(
            &floor,
            &layout.assignments,
            &names,
            None,
            chainfair_report::Lang::En,
        );
        std::fs::write(path, svg).with_context(|| format!("cannot write {}", path.display()))?;
    }
    if args.apply {
        let stored = store_layout(store.as_ref(), &id, &layout).await?;
        println!("stored {stored} bookings (fixed ones kept)");
    }
    Ok(())
}
