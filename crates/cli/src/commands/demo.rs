//! The demo editions: into the database, or as CSV files.
use crate::{Config, open_store};
use anyhow::{Context, anyhow, bail};
use chainfair_core::Edition;
use chainfair_store::demo::{Scale, generate};
use chainfair_store::{Store, export_csv, read_all};
use std::path::Path;
use std::time::Instant;

pub(crate) fn parse_scale(scale: &str) -> anyhow::Result<Scale> {
    Scale::parse(scale).ok_or_else(|| anyhow!("unknown demo scale {scale:?}: use small or cisce"))
}

/// What [`load_demo`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DemoLoad {
    /// The database was empty: the demo is in it now.
    Loaded,
    /// It held a demo cut short (its process killed after the data but
    /// before the reports and the floor): the rest is in it now.
    Completed,
    /// It held editions, a whole demo or other data: nothing written.
    Untouched,
}

/// The demo's edition with the reports and the floor.
const DEMO_EDITION: &str = "cisce-2024";

/// Writes the demo into `store` if it holds no edition yet, or finishes a
/// demo that was cut short; says what it did.
///
/// The demo's data (every record) is written in one transaction, so a
/// killed load leaves all or none of it. The Promotion Report and the floor
/// come after, each write replacing what is there: when the data is there
/// and they are not (all of them), they are written again, so running the
/// demo again after a crash always ends with the whole demo.
pub(crate) async fn load_demo(
    store: &dyn Store,
    scale: Scale,
    seed: u64,
) -> anyhow::Result<DemoLoad> {
    let started = Instant::now();
    let outcome = if read_all::<Edition>(store, None).await?.is_empty() {
        let demo = generate(scale, seed).context("cannot generate the demo")?;
        store
            .write(&demo.batches)
            .await
            .context("cannot store the demo")?;
        let rows: usize = demo.batches.iter().map(|b| b.len()).sum();
        tracing::info!(scale = scale.as_str(), rows, "demo data stored");
        DemoLoad::Loaded
    } else if demo_cut_short(store).await? {
        DemoLoad::Completed
    } else {
        return Ok(DemoLoad::Untouched);
    };
    let edition = chainfair_core::EditionId::parse("edition", DEMO_EDITION)?;
    if let Some(edition) = store.edition(&edition).await? {
        publish_promotion_report(store, &edition).await?;
        super::demo_floor::lay_out(store, &edition)
            .await
            .context("cannot lay out the demo's floor")?;
    }
    tracing::info!(
        scale = scale.as_str(),
        total_ms = started.elapsed().as_millis() as u64,
        "demo loaded"
    );
    Ok(outcome)
}

/// Whether the database holds the demo's data without all of what comes
/// after it: both reports, the floor and its bookings.
async fn demo_cut_short(store: &dyn Store) -> anyhow::Result<bool> {
    let id = chainfair_core::EditionId::parse("edition", DEMO_EDITION)?;
    if store.edition(&id).await?.is_none() {
        return Ok(false);
    }
    let reports = store
        .documents(&id)
        .await?
        .iter()
        .filter(|(d, _)| d.id.starts_with("promotion-report-"))
        .count();
    let floor = store.floor(&id).await?.is_some();
    let booked = !store.bookings(&id).await?.is_empty();
    Ok(!(reports == 2 && floor && booked))
}

/// The demo edition publishes the Promotion Report of the built-in chains,
/// in English and Chinese, as CISCE 2024 did.
async fn publish_promotion_report(store: &dyn Store, found: &Edition) -> anyhow::Result<()> {
    let chains = chainfair_chains::template::Chains::built_in()?;
    let edition = found.id();
    for (lang, code, title) in [
        (
            chainfair_report::Lang::En,
            "en",
            "Global Supply Chain Promotion Report",
        ),
        (chainfair_report::Lang::Zh, "zh", "全球供应链促进报告"),
    ] {
        let html = super::report::promotion(&chains, Some(found.name()), lang)?;
        let document = chainfair_core::Document::new(
            edition.clone(),
            &format!("promotion-report-{code}"),
            title,
            code,
            chainfair_core::DocumentKind::Report,
            &format!("promotion-report-{code}.html"),
            found.end_date(),
        )?;
        store.put_document(&document, html.as_bytes()).await?;
    }
    Ok(())
}

pub(crate) async fn demo(
    config: &Config,
    scale: &str,
    seed: u64,
    out_dir: Option<&Path>,
) -> anyhow::Result<()> {
    let scale = parse_scale(scale)?;
    match out_dir {
        Some(dir) => {
            let started = Instant::now();
            let demo = generate(scale, seed).context("cannot generate the demo")?;
            std::fs::create_dir_all(dir)
                .with_context(|| format!("cannot create {}", dir.display()))?;
            for batch in &demo.batches {
                let path = dir.join(format!("{}.csv", batch.kind()));
                let file = std::fs::File::create(&path)
                    .with_context(|| format!("cannot create {}", path.display()))?;
                export_csv(batch, std::io::BufWriter::new(file))?;
                eprintln!("wrote {} rows to {}", batch.len(), path.display());
            }
            eprintln!("demo generated in {:.2} s", started.elapsed().as_secs_f64());
        }
        None => {
            let store = open_store(&config.db).await?;
            match load_demo(store.as_ref(), scale, seed).await? {
                DemoLoad::Untouched => bail!(
                    "the database already holds editions; the demo goes only into an empty database"
                ),
                DemoLoad::Loaded => eprintln!(
                    "demo ({}) loaded; editions cisce-2023 and cisce-2024",
                    scale.as_str()
                ),
                DemoLoad::Completed => eprintln!(
                    "the demo in the database had been cut short: its reports and floor are in it now"
                ),
            }
        }
    }
    Ok(())
}
