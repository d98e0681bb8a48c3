//! `chainfair floor ...` (the plan and the space requests) and
//! `chainfair layout` (booths laid out upstream to downstream; what the
//! layout is given is in `chainfair_web::planning`).
use crate::{Config, FloorCommand, LayoutArgs, open_store};
use anyhow::{Context, bail};
use chainfair_core::floor::FloorDocument;
use chainfair_core::{EditionId, OrganizationId};
use chainfair_matching::layout::LayoutParams;
use chainfair_store::{Store, read_all, read_floor_csv, read_space_requests};
use chainfair_web::planning::{layout_edition, store_layout};
use std::collections::HashMap;
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
