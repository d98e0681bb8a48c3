//! `chainfair document add|list|remove`: an edition's published documents.
use crate::{Config, DocumentCommand, open_store};
use anyhow::{Context, bail};
use chainfair_core::{Document, DocumentKind, EditionId, parse_date};

pub(crate) async fn run(command: DocumentCommand, config: &Config) -> anyhow::Result<()> {
    let store = open_store(&config.db).await?;
    let edition_id =
        |id: &str| -> anyhow::Result<EditionId> { Ok(EditionId::parse("--edition", id)?) };
    match command {
        DocumentCommand::Add {
            edition,
            id,
            title,
            lang,
            kind,
            date,
            file,
        } => {
            let edition = edition_id(&edition)?;
            if store.edition(&edition).await?.is_none() {
                bail!("unknown edition {edition}");
            }
            let content =
                std::fs::read(&file).with_context(|| format!("cannot read {}", file.display()))?;
            if content.is_empty() {
                bail!("{} is empty", file.display());
            }
            let file_name = file
                .file_name()
                .and_then(|n| n.to_str())
                .with_context(|| format!("{} has no usable file name", file.display()))?;
            let date = match date {
                Some(date) => parse_date("--date", &date)?,
                None => chrono::Utc::now().date_naive(),
            };
            let document = Document::new(
                edition,
                &id,
                &title,
                &lang,
                DocumentKind::parse("--kind", &kind)?,
                file_name,
                date,
            )?;
            store.put_document(&document, &content).await?;
            println!(
                "published {} ({} bytes) at /editions/{}/documents/{}",
                document.file_name,
                content.len(),
                document.edition,
                document.id
            );
        }
        DocumentCommand::List { edition } => {
            let mut csv = csv::Writer::from_writer(std::io::stdout().lock());
            csv.write_record(["id", "title", "lang", "kind", "file", "date", "bytes"])?;
            for (d, size) in store.documents(&edition_id(&edition)?).await? {
                csv.write_record([
                    d.id.as_str(),
                    d.title.as_str(),
                    d.lang.as_str(),
                    d.kind.as_str(),
                    d.file_name.as_str(),
                    &d.published_on.to_string(),
                    &size.to_string(),
                ])?;
            }
            csv.flush()?;
        }
        DocumentCommand::Remove { edition, id } => {
            if !store.delete_document(&edition_id(&edition)?, &id).await? {
                bail!("no document {id:?} in {edition}");
            }
            println!("withdrew {id}");
        }
    }
    Ok(())
}
