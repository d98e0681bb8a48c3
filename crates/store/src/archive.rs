//! One edition in one file: a zip of CSV files in the layouts `import`
//! reads, and JSON, that imports back into an empty database with the same
//! figures and reports, on either backend.
//!
//! An archive holds the edition and the editions before it (their figures
//! give the growth), every organisation and exchange rate, and for each
//! edition its participations, attendees, check-ins, meetings, agreements,
//! sign-ups and profiles, its online attendance, floor plan, space requests,
//! bookings and published documents. Accounts, sessions and the audit log
//! stay out: they belong to the server, not to the edition.
//!
//! Layout: `manifest.json`, `editions.csv`, `organizations.csv`,
//! `rates.csv`, then per edition `EDITION/KIND.csv` (KIND as in
//! `chainfair import`), `EDITION/online.csv`, `EDITION/floor.json`,
//! `EDITION/space-requests.csv`, `EDITION/bookings.csv`,
//! `EDITION/documents.json` and `EDITION/documents/ID`.
//!
//! Every file is read and parsed first (a bad row is named by its file and
//! line); then everything is written in one transaction, so an import is
//! all there or not there at all, whatever stops it. References between the
//! files (a participation's organisation ...) and clashes with what the
//! database holds are checked by the database in that transaction: such an
//! archive imports nothing and says why.
use crate::{
    Batch, Booking, ImportError, Kind, SpaceRequest, Store, StoreError, export_csv, parse_csv,
    read_space_requests,
};
use chainfair_core::floor::{BoothId, Floor};
use chainfair_core::{
    AttendeeId, Document, DocumentKind, Edition, EditionId, Invalid, OrganizationId, parse_date,
};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::io::{Read, Seek, Write};
use zip::write::SimpleFileOptions;

/// Everything an archive holds, for [`Store::restore`] to write at once.
#[derive(Debug, Default)]
pub struct Restore {
    /// Records, in dependency order.
    pub batches: Vec<Batch>,
    /// Online attendance: edition, attendee, session, day.
    pub online: Vec<(EditionId, AttendeeId, String, NaiveDate)>,
    pub floors: Vec<(EditionId, Floor)>,
    pub space_requests: Vec<(EditionId, Vec<SpaceRequest>)>,
    pub bookings: Vec<(EditionId, Vec<Booking>)>,
    /// Documents with their content.
    pub documents: Vec<(Document, Vec<u8>)>,
}

/// The archive format this build writes and reads.
pub const ARCHIVE_FORMAT: u32 = 1;

/// The kinds kept per edition, in the order they import.
const PER_EDITION: [Kind; 7] = [
    Kind::Participations,
    Kind::Attendees,
    Kind::CheckIns,
    Kind::Meetings,
    Kind::Agreements,
    Kind::Signups,
    Kind::Profiles,
];

#[derive(Debug, thiserror::Error)]
pub enum ArchiveError {
    #[error("{0}")]
    Archive(String),
    #[error(transparent)]
    Import(#[from] ImportError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

fn broken(what: impl std::fmt::Display) -> ArchiveError {
    ArchiveError::Archive(what.to_string())
}

#[derive(Debug, Serialize, Deserialize)]
struct Manifest {
    format: u32,
    /// The edition exported.
    edition: String,
    /// It and the editions before it, oldest first.
    editions: Vec<String>,
}

#[derive(Debug, Serialize, Deserialize)]
struct DocumentEntry {
    id: String,
    title: String,
    lang: String,
    kind: String,
    file_name: String,
    published_on: String,
}

/// What an archive held, in numbers.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct ArchiveSummary {
    pub editions: Vec<String>,
    /// Rows or records per file, in the archive's order.
    pub files: Vec<(String, usize)>,
}

/// The edition and those before it, oldest first.
async fn lineage(store: &dyn Store, edition: &EditionId) -> Result<Vec<Edition>, ArchiveError> {
    let mut chain = Vec::new();
    let mut next = Some(edition.clone());
    while let Some(id) = next {
        if chain.iter().any(|e: &Edition| e.id() == &id) {
            break;
        }
        let found = store
            .edition(&id)
            .await?
            .ok_or_else(|| broken(format!("unknown edition {id}")))?;
        next = found.previous().cloned();
        chain.push(found);
    }
    chain.reverse();
    Ok(chain)
}

/// Writes the archive of `edition`.
pub async fn export_archive(
    store: &dyn Store,
    edition: &EditionId,
    out: impl Write + Seek,
) -> Result<ArchiveSummary, ArchiveError> {
    let editions = lineage(store, edition).await?;
    let mut zip = zip::ZipWriter::new(out);
    let options = SimpleFileOptions::default();
    let mut summary = ArchiveSummary {
        editions: editions.iter().map(|e| e.id().to_string()).collect(),
        files: Vec::new(),
    };
    let mut put = |zip: &mut zip::ZipWriter<_>, name: String, bytes: &[u8], rows: usize| {
        zip.start_file(name.as_str(), options).map_err(broken)?;
        zip.write_all(bytes).map_err(broken)?;
        summary.files.push((name, rows));
        Ok::<(), ArchiveError>(())
    };
    let manifest = Manifest {
        format: ARCHIVE_FORMAT,
        edition: edition.to_string(),
        editions: summary.editions.clone(),
    };
    let json = serde_json::to_vec_pretty(&manifest).map_err(broken)?;
    put(&mut zip, "manifest.json".into(), &json, 1)?;
    let csv = |batch: &Batch| -> Result<Vec<u8>, ArchiveError> {
        let mut bytes = Vec::new();
        export_csv(batch, &mut bytes).map_err(broken)?;
        Ok(bytes)
    };
    put(
        &mut zip,
        "editions.csv".into(),
        &csv(&Batch::Editions(editions.clone()))?,
        editions.len(),
    )?;
    for kind in [Kind::Organizations, Kind::Rates] {
        let batch = store.read(kind, None).await?;
        put(&mut zip, format!("{kind}.csv"), &csv(&batch)?, batch.len())?;
    }
    for e in &editions {
        let id = e.id();
        for kind in PER_EDITION {
            let batch = store.read(kind, Some(id)).await?;
            put(
                &mut zip,
                format!("{id}/{kind}.csv"),
                &csv(&batch)?,
                batch.len(),
            )?;
        }
        let online = store.online_attendance(id).await?;
        let rows = online.iter().map(|(attendee, session, day)| {
            [attendee.to_string(), session.clone(), day.to_string()]
        });
        let text = csv_file(["attendee", "session", "day"], rows)?;
        put(&mut zip, format!("{id}/online.csv"), &text, online.len())?;
        if let Some(floor) = store.floor(id).await? {
            let json = serde_json::to_vec_pretty(&floor).map_err(broken)?;
            put(
                &mut zip,
                format!("{id}/floor.json"),
                &json,
                floor.booths().len(),
            )?;
        }
        let requests = store.space_requests(id).await?;
        let rows = requests.iter().map(|r| {
            let neighbours: Vec<&str> = r.neighbours.iter().map(|n| n.as_str()).collect();
            [
                r.organization.to_string(),
                r.area_m2.to_string(),
                r.area.to_string(),
                neighbours.join(" "),
            ]
        });
        let text = csv_file(crate::SPACE_REQUEST_COLUMNS, rows)?;
        put(
            &mut zip,
            format!("{id}/space-requests.csv"),
            &text,
            requests.len(),
        )?;
        let bookings = store.bookings(id).await?;
        let rows = bookings.iter().map(|b| {
            [
                b.booth.to_string(),
                b.organization.to_string(),
                b.fixed.to_string(),
            ]
        });
        let text = csv_file(["booth", "organization", "fixed"], rows)?;
        put(
            &mut zip,
            format!("{id}/bookings.csv"),
            &text,
            bookings.len(),
        )?;
        let documents = store.documents(id).await?;
        let mut index = Vec::new();
        for (d, _) in &documents {
            let (_, content) = store
                .document(id, &d.id)
                .await?
                .ok_or_else(|| broken(format!("document {} vanished", d.id)))?;
            put(&mut zip, format!("{id}/documents/{}", d.id), &content, 1)?;
            index.push(DocumentEntry {
                id: d.id.clone(),
                title: d.title.clone(),
                lang: d.lang.clone(),
                kind: d.kind.as_str().to_owned(),
                file_name: d.file_name.clone(),
                published_on: d.published_on.to_string(),
            });
        }
        let json = serde_json::to_vec_pretty(&index).map_err(broken)?;
        put(&mut zip, format!("{id}/documents.json"), &json, index.len())?;
    }
    zip.finish().map_err(broken)?;
    Ok(summary)
}

/// A CSV file of `header` and `rows`.
fn csv_file<const N: usize>(
    header: [&str; N],
    rows: impl Iterator<Item = [String; N]>,
) -> Result<Vec<u8>, ArchiveError> {
    let mut csv = csv::Writer::from_writer(Vec::new());
    csv.write_record(header).map_err(broken)?;
    for row in rows {
        csv.write_record(&row).map_err(broken)?;
    }
    csv.into_inner().map_err(broken)
}

/// Reads an archive into the store (which must not hold its editions).
pub async fn import_archive(
    store: &dyn Store,
    file: &str,
    input: impl Read + Seek,
) -> Result<ArchiveSummary, ArchiveError> {
    let mut zip = zip::ZipArchive::new(input).map_err(|e| broken(format!("{file}: {e}")))?;
    let mut read = |name: &str| -> Result<Option<Vec<u8>>, ArchiveError> {
        match zip.by_name(name) {
            Ok(mut entry) => {
                let mut bytes = Vec::new();
                entry
                    .read_to_end(&mut bytes)
                    .map_err(|e| broken(format!("{file}: {name}: {e}")))?;
                Ok(Some(bytes))
            }
            Err(zip::result::ZipError::FileNotFound) => Ok(None),
            Err(e) => Err(broken(format!("{file}: {name}: {e}"))),
        }
    };
    let need = |name: &str, bytes: Option<Vec<u8>>| {
        bytes.ok_or_else(|| broken(format!("{file}: {name} is missing")))
    };
    let manifest: Manifest =
        serde_json::from_slice(&need("manifest.json", read("manifest.json")?)?)
            .map_err(|e| broken(format!("{file}: manifest.json: {e}")))?;
    if manifest.format != ARCHIVE_FORMAT {
        return Err(broken(format!(
            "{file}: archive format {} (this chainfair reads {ARCHIVE_FORMAT})",
            manifest.format
        )));
    }
    for id in &manifest.editions {
        let id = EditionId::parse("edition", id).map_err(|e| broken(format!("{file}: {e}")))?;
        if store.edition(&id).await?.is_some() {
            return Err(broken(format!(
                "{file}: the database already holds edition {id}; import into an empty database"
            )));
        }
    }
    let mut summary = ArchiveSummary {
        editions: manifest.editions.clone(),
        files: Vec::new(),
    };
    let mut kinds = vec![
        ("editions.csv".to_owned(), Kind::Editions),
        ("organizations.csv".to_owned(), Kind::Organizations),
        ("rates.csv".to_owned(), Kind::Rates),
    ];
    for id in &manifest.editions {
        kinds.extend(PER_EDITION.map(|kind| (format!("{id}/{kind}.csv"), kind)));
    }
    let mut contents = Restore::default();
    for (name, kind) in kinds {
        let bytes = need(&name, read(&name)?)?;
        let batch = parse_csv(kind, &name, bytes.as_slice())?;
        summary.files.push((name, batch.len()));
        contents.batches.push(batch);
    }
    for id in &manifest.editions {
        let edition = EditionId::parse("edition", id).map_err(broken)?;
        let name = format!("{id}/online.csv");
        if let Some(bytes) = read(&name)? {
            let rows = parse_online(&name, &bytes)?;
            summary.files.push((name, rows.len()));
            contents.online.extend(
                rows.into_iter()
                    .map(|(attendee, session, day)| (edition.clone(), attendee, session, day)),
            );
        }
        let name = format!("{id}/floor.json");
        if let Some(bytes) = read(&name)? {
            let floor: Floor = serde_json::from_slice(&bytes)
                .map_err(|e| broken(format!("{file}: {name}: {e}")))?;
            summary.files.push((name, floor.booths().len()));
            contents.floors.push((edition.clone(), floor));
        }
        let name = format!("{id}/space-requests.csv");
        if let Some(bytes) = read(&name)? {
            let requests: Vec<SpaceRequest> = read_space_requests(&name, bytes.as_slice())?;
            summary.files.push((name, requests.len()));
            contents.space_requests.push((edition.clone(), requests));
        }
        let name = format!("{id}/bookings.csv");
        if let Some(bytes) = read(&name)? {
            let bookings = parse_bookings(&name, &bytes)?;
            summary.files.push((name, bookings.len()));
            contents.bookings.push((edition.clone(), bookings));
        }
        let name = format!("{id}/documents.json");
        if let Some(bytes) = read(&name)? {
            let index: Vec<DocumentEntry> = serde_json::from_slice(&bytes)
                .map_err(|e| broken(format!("{file}: {name}: {e}")))?;
            for entry in &index {
                let bad = |e: Invalid| broken(format!("{file}: {name}: {}: {e}", entry.id));
                let document = Document::new(
                    edition.clone(),
                    &entry.id,
                    &entry.title,
                    &entry.lang,
                    DocumentKind::parse("kind", &entry.kind).map_err(bad)?,
                    &entry.file_name,
                    parse_date("published_on", &entry.published_on).map_err(bad)?,
                )
                .map_err(bad)?;
                let path = format!("{id}/documents/{}", entry.id);
                let content = need(&path, read(&path)?)?;
                contents.documents.push((document, content));
            }
            summary.files.push((name, index.len()));
        }
    }
    store.restore(&contents).await.map_err(|e| match e {
        StoreError::Conflict(why) | StoreError::Database(why) => {
            broken(format!("{file}: nothing was imported: {why}"))
        }
        other => ArchiveError::Store(other),
    })?;
    Ok(summary)
}

fn line_error(file: &str, line: usize, message: impl ToString) -> ArchiveError {
    ArchiveError::Import(ImportError::Rejected {
        file: file.to_owned(),
        errors: vec![crate::LineError {
            line: line as u64,
            column: None,
            message: message.to_string(),
        }],
        more: 0,
    })
}

/// The rows of an `online.csv`: attendee, session, day.
fn parse_online(
    name: &str,
    bytes: &[u8],
) -> Result<Vec<(AttendeeId, String, NaiveDate)>, ArchiveError> {
    let mut csv = csv::Reader::from_reader(bytes);
    let mut rows = Vec::new();
    for (i, record) in csv.records().enumerate() {
        let line = i + 2;
        let record = record.map_err(|e| line_error(name, line, e))?;
        let (Some(attendee), Some(session), Some(day)) =
            (record.get(0), record.get(1), record.get(2))
        else {
            return Err(line_error(name, line, "expected attendee,session,day"));
        };
        let attendee =
            AttendeeId::parse("attendee", attendee).map_err(|e| line_error(name, line, e))?;
        let day = parse_date("day", day).map_err(|e| line_error(name, line, e))?;
        rows.push((attendee, session.to_owned(), day));
    }
    Ok(rows)
}

fn parse_bookings(name: &str, bytes: &[u8]) -> Result<Vec<Booking>, ArchiveError> {
    let mut csv = csv::Reader::from_reader(bytes);
    let mut out = Vec::new();
    for (i, record) in csv.records().enumerate() {
        let line = i + 2;
        let record = record.map_err(|e| line_error(name, line, e))?;
        let cell = |n: usize| record.get(n).unwrap_or("");
        let bad = |e: Invalid| line_error(name, line, e);
        out.push(Booking {
            booth: BoothId::parse("booth", cell(0)).map_err(bad)?,
            organization: OrganizationId::parse("organization", cell(1)).map_err(bad)?,
            fixed: cell(2) == "true",
        });
    }
    Ok(out)
}
