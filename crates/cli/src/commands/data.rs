//! import, export, figures.
use crate::{Config, open_store};
use anyhow::{Context, anyhow, bail};
use chainfair_core::{EditionId, OrganizationId};
use chainfair_store::{Kind, edition_figures, export_csv, import_csv};
use indicatif::{ProgressBar, ProgressStyle};
use std::io::{IsTerminal, Write};
use std::path::Path;

pub(crate) fn parse_kind(kind: &str) -> anyhow::Result<Kind> {
    Kind::parse(kind).ok_or_else(|| {
        let kinds: Vec<&str> = Kind::ALL.iter().map(|k| k.as_str()).collect();
        anyhow!("unknown kind {kind:?}: use one of {}", kinds.join(", "))
    })
}

/// A row counter on stderr, only when a person is watching it.
fn progress_bar(file: &Path) -> Option<ProgressBar> {
    std::io::stderr().is_terminal().then(|| {
        let bar = ProgressBar::new_spinner();
        let style =
            ProgressStyle::with_template("{spinner} {msg}: {human_pos} rows read ({per_sec})")
                .unwrap_or_else(|_| ProgressStyle::default_spinner());
        bar.set_style(style);
        bar.set_message(file.display().to_string());
        bar
    })
}

pub(crate) async fn import(config: &Config, kind: &str, file: &Path) -> anyhow::Result<()> {
    let kind = parse_kind(kind)?;
    let store = open_store(&config.db).await?;
    let reader =
        std::fs::File::open(file).with_context(|| format!("cannot open {}", file.display()))?;
    let reader = std::io::BufReader::with_capacity(1 << 20, reader);
    let bar = progress_bar(file);
    let progress = |rows: u64| {
        if let Some(bar) = &bar {
            bar.set_position(rows);
        }
    };
    let started = std::time::Instant::now();
    let result = import_csv(
        store.as_ref(),
        kind,
        &file.display().to_string(),
        reader,
        &progress,
    )
    .await;
    if let Some(bar) = &bar {
        bar.finish_and_clear();
    }
    let report = result?;
    eprintln!(
        "imported {} {} in {:.1} s",
        report.rows,
        report.kind,
        started.elapsed().as_secs_f64()
    );
    for note in &report.notes {
        eprintln!("note: {note}");
    }
    Ok(())
}

pub(crate) async fn export(
    config: &Config,
    kind: &str,
    edition: Option<&str>,
    out: Option<&Path>,
) -> anyhow::Result<()> {
    let kind = parse_kind(kind)?;
    let edition = edition
        .map(|e| EditionId::parse("edition", e))
        .transpose()?;
    if edition.is_some() && matches!(kind, Kind::Editions | Kind::Rates) {
        anyhow::bail!("--edition does not apply to {kind}: they are not kept per edition");
    }
    let store = open_store(&config.db).await?;
    if let Some(id) = &edition
        && store.edition(id).await?.is_none()
    {
        anyhow::bail!("unknown edition {:?}", id.as_str());
    }
    let batch = store.read(kind, edition.as_ref()).await?;
    let batch = match (&batch, &edition) {
        // An edition's organisations are those taking part in it.
        (chainfair_store::Batch::Organizations(orgs), Some(id)) => {
            let taking_part: std::collections::HashSet<_> = chainfair_store::read_all::<
                chainfair_core::Participation,
            >(store.as_ref(), Some(id))
            .await?
            .into_iter()
            .map(|p| p.organization().clone())
            .collect();
            chainfair_store::Batch::Organizations(
                orgs.iter()
                    .filter(|o| taking_part.contains(o.id()))
                    .cloned()
                    .collect(),
            )
        }
        _ => batch,
    };
    match out {
        Some(path) => {
            let file = std::fs::File::create(path)
                .with_context(|| format!("cannot create {}", path.display()))?;
            export_csv(&batch, std::io::BufWriter::new(file))?;
        }
        None => {
            let stdout = std::io::stdout().lock();
            export_csv(&batch, stdout)?;
        }
    }
    Ok(())
}

pub(crate) async fn figures(config: &Config, edition: &str) -> anyhow::Result<()> {
    let id = EditionId::parse("edition", edition)?;
    let store = open_store(&config.db).await?;
    let edition = store
        .edition(&id)
        .await?
        .ok_or_else(|| anyhow!("unknown edition {:?}", id.as_str()))?;
    let figures = edition_figures(store.as_ref(), &edition).await?;
    let mut stdout = std::io::stdout().lock();
    serde_json::to_writer_pretty(&mut stdout, &figures)?;
    writeln!(stdout)?;
    Ok(())
}

/// `chainfair recommend`: partners for one participant or for all, as CSV
/// (`organization,rank,partner,name,country,score,explanation`) or JSON.
pub(crate) async fn recommend(
    config: &Config,
    edition: &str,
    org: Option<&str>,
    k: usize,
    include_met: bool,
    json: bool,
) -> anyhow::Result<()> {
    if !(1..=100).contains(&k) {
        bail!("--k {k}: use 1 to 100");
    }
    let chains = super::map::load_chains(config.chains.as_deref())?;
    let store = open_store(&config.db).await?;
    let id = EditionId::parse("edition", edition)?;
    let Some(edition) = store.edition(&id).await? else {
        bail!("unknown edition {edition:?}")
    };
    let matcher = chainfair_web::matchmaking::matcher(store.as_ref(), &edition, &chains).await?;
    // One list at a time: the reasons of 60,000 lists are written out as
    // they are made, never all held at once.
    let lists: Box<dyn Iterator<Item = (OrganizationId, Vec<chainfair_matching::Recommendation>)>> =
        match org {
            Some(org) => {
                let org = OrganizationId::parse("org", org)?;
                let list = matcher.recommend(&org, k, include_met)?;
                Box::new(std::iter::once((org, list)))
            }
            None => {
                let threads = std::thread::available_parallelism().map_or(1, usize::from);
                let ranked = matcher.rank_all(k, include_met, threads);
                let matcher = &matcher;
                Box::new(
                    ranked
                        .into_iter()
                        .enumerate()
                        .filter_map(move |(who, list)| {
                            let org = matcher.organization(who)?.clone();
                            Some((org, matcher.explain(who, &list)))
                        }),
                )
            }
        };
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    if json {
        writeln!(out, "[")?;
        for (n, (o, list)) in lists.enumerate() {
            if n > 0 {
                writeln!(out, ",")?;
            }
            let entry = serde_json::json!({"organization": o.as_str(), "partners": list});
            serde_json::to_writer(&mut out, &entry)?;
        }
        writeln!(out, "\n]")?;
        out.flush()?;
    } else {
        let mut csv = csv::Writer::from_writer(out);
        csv.write_record([
            "organization",
            "rank",
            "partner",
            "name",
            "country",
            "score",
            "explanation",
        ])?;
        for (o, list) in lists {
            for (rank, r) in list.iter().enumerate() {
                csv.write_record([
                    o.as_str(),
                    &(rank + 1).to_string(),
                    r.organization.as_str(),
                    &r.name,
                    &r.country,
                    &format!("{:.2}", r.score),
                    &r.explanation,
                ])?;
            }
        }
        csv.flush()?;
    }
    Ok(())
}
