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

/// Writes the demo into `store` if it holds no edition yet; says what it did.
pub(crate) async fn load_demo(store: &dyn Store, scale: Scale, seed: u64) -> anyhow::Result<bool> {
    if !read_all::<Edition>(store, None).await?.is_empty() {
        return Ok(false);
    }
    let started = Instant::now();
    let demo = generate(scale, seed).context("cannot generate the demo")?;
    let generated = started.elapsed();
    store
        .write(&demo.batches)
        .await
        .context("cannot store the demo")?;
    publish_promotion_report(store).await?;
    if let Some(edition) = store
        .edition(&chainfair_core::EditionId::parse("edition", "cisce-2024")?)
        .await?
    {
        super::demo_floor::lay_out(store, &edition)
            .await
            .context("cannot lay out the demo's floor")?;
    }
    let rows: usize = demo.batches.iter().map(|b| b.len()).sum();
    tracing::info!(
        scale = scale.as_str(),
        rows,
        generate_ms = generated.as_millis() as u64,
        total_ms = started.elapsed().as_millis() as u64,
        "demo loaded"
    );
    Ok(true)
}

/// The demo edition publishes the Promotion Report of the built-in chains,
/// in English and Chinese, as CISCE 2024 did.
async fn publish_promotion_report(store: &dyn Store) -> anyhow::Result<()> {
    let chains = chainfair_chains::template::Chains::built_in()?;
    let edition = chainfair_core::EditionId::parse("edition", "cisce-2024")?;
    let Some(found) = store.edition(&edition).await? else {
        return Ok(());
    };
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
            if !load_demo(store.as_ref(), scale, seed).await? {
                bail!(
                    "the database already holds editions; the demo goes only into an empty database"
                );
            }
            eprintln!(
                "demo ({}) loaded; editions cisce-2023 and cisce-2024",
                scale.as_str()
            );
        }
    }
    Ok(())
}
