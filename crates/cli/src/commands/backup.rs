//! `chainfair backup|restore` (the whole SQLite database) and
//! `chainfair archive export|import` (one edition, on any backend).
use crate::{ArchiveCommand, Config, open_store};
use anyhow::{Context, bail};
use chainfair_core::{Edition, EditionId};
use chainfair_store::{export_archive, import_archive, read_all};
use std::path::{Path, PathBuf};

/// The file of a `sqlite:` URL.
fn sqlite_path(url: &str) -> anyhow::Result<PathBuf> {
    let Some(rest) = url.strip_prefix("sqlite:") else {
        bail!(
            "backup and restore copy a SQLite database; for PostgreSQL use pg_dump and \
             pg_restore, or chainfair archive (docs/operations.md)"
        )
    };
    let path = rest
        .trim_start_matches("//")
        .split('?')
        .next()
        .unwrap_or(rest);
    Ok(PathBuf::from(path))
}

pub(crate) async fn backup(config: &Config, file: &Path) -> anyhow::Result<()> {
    sqlite_path(&config.db)?;
    if file.exists() {
        bail!("{} exists already: choose a new file", file.display());
    }
    let store = open_store(&config.db).await?;
    let target = file
        .to_str()
        .context("the backup file's name is not UTF-8")?;
    store.backup(target).await?;
    chainfair_store_sqlite::check_file(file).await?;
    let size = std::fs::metadata(file)?.len();
    println!(
        "backed up to {} ({size} bytes), integrity checked",
        file.display()
    );
    Ok(())
}

pub(crate) async fn restore(config: &Config, file: &Path, force: bool) -> anyhow::Result<()> {
    let target = sqlite_path(&config.db)?;
    chainfair_store_sqlite::check_file(file)
        .await
        .with_context(|| format!("{} is not a usable backup", file.display()))?;
    if target.exists() && !force {
        let store = open_store(&config.db).await?;
        let editions = read_all::<Edition>(store.as_ref(), None).await?;
        if !editions.is_empty() {
            bail!(
                "{} holds {} editions: add --force to replace it",
                target.display(),
                editions.len()
            );
        }
    }
    // Copied beside the target, then renamed over it: never half a file.
    let staging = target.with_extension("restoring");
    std::fs::copy(file, &staging)
        .with_context(|| format!("cannot copy {} to {}", file.display(), staging.display()))?;
    for suffix in ["-wal", "-shm"] {
        let mut side = target.clone().into_os_string();
        side.push(suffix);
        let _ = std::fs::remove_file(side);
    }
    std::fs::rename(&staging, &target)
        .with_context(|| format!("cannot move the backup into {}", target.display()))?;
    // Brings an older backup's schema up to date.
    let store = open_store(&config.db).await?;
    let editions = read_all::<Edition>(store.as_ref(), None).await?;
    println!(
        "restored {} into {} ({} editions)",
        file.display(),
        target.display(),
        editions.len()
    );
    Ok(())
}

pub(crate) async fn archive(command: ArchiveCommand, config: &Config) -> anyhow::Result<()> {
    let store = open_store(&config.db).await?;
    match command {
        ArchiveCommand::Export { edition, out } => {
            let edition = EditionId::parse("--edition", &edition)?;
            // Written beside, then renamed: a failed export leaves no file.
            let staging = out.with_extension("partial");
            let file = std::fs::File::create(&staging)
                .with_context(|| format!("cannot write {}", staging.display()))?;
            let summary = export_archive(store.as_ref(), &edition, file).await?;
            std::fs::rename(&staging, &out)?;
            let rows: usize = summary.files.iter().map(|(_, n)| n).sum();
            println!(
                "wrote {} (editions {}; {} files, {rows} records)",
                out.display(),
                summary.editions.join(", "),
                summary.files.len()
            );
        }
        ArchiveCommand::Import { file } => {
            let reader = std::fs::File::open(&file)
                .with_context(|| format!("cannot read {}", file.display()))?;
            let name = file.display().to_string();
            let summary = import_archive(store.as_ref(), &name, reader).await?;
            let rows: usize = summary.files.iter().map(|(_, n)| n).sum();
            println!(
                "imported {} (editions {}; {rows} records)",
                file.display(),
                summary.editions.join(", ")
            );
        }
    }
    Ok(())
}
