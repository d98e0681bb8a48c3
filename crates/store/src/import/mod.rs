//! CSV import: every row is parsed into its domain type, every reference is
//! checked against the file and the store, and only a file without a single
//! error is written, in one transaction. Errors name the file, the line (the
//! header is line 1), the column and the reason; up to [`MAX_ERRORS`] of them
//! are reported, not only the first.
mod parse;
pub(crate) use parse::{LfLines, columns};
mod refs;

use crate::{Batch, Kind, Store, StoreError};
use std::fmt;
use std::io::Read;

/// How many errors of one file are listed before the rest are only counted.
pub const MAX_ERRORS: usize = 50;

/// One problem with one row (or the header) of a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineError {
    pub line: u64,
    /// 1-based column number and its header name, when the problem is in one cell.
    pub column: Option<(usize, String)>,
    pub message: String,
}

impl fmt::Display for LineError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.column {
            Some((number, name)) => write!(
                f,
                "line {}, column {number} ({name}): {}",
                self.line, self.message
            ),
            None => write!(f, "line {}: {}", self.line, self.message),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("{file}: cannot read: {message}")]
    Unreadable { file: String, message: String },
    #[error("{}", render_rejected(.file, .errors, *.more))]
    Rejected {
        file: String,
        errors: Vec<LineError>,
        more: usize,
    },
    #[error(transparent)]
    Store(#[from] StoreError),
}

fn render_rejected(file: &str, errors: &[LineError], more: usize) -> String {
    let total = errors.len() + more;
    let mut text = format!(
        "{file}: {total} error{} found, nothing was imported",
        if total == 1 { "" } else { "s" }
    );
    for error in errors {
        text.push_str(&format!("\n  {file}: {error}"));
    }
    if more > 0 {
        text.push_str(&format!("\n  ... and {more} more"));
    }
    text
}

/// What an import wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportReport {
    pub kind: Kind,
    pub rows: usize,
    /// What was read but deliberately left out, said in words.
    pub notes: Vec<String>,
}

/// Collects a file's errors and keeps the [`MAX_ERRORS`] with the lowest
/// line numbers: parse errors and reference errors arrive in two passes, so
/// the list is cut by line, not by arrival.
#[derive(Debug, Default)]
pub(crate) struct Errors {
    kept: Vec<LineError>,
    dropped: usize,
}

impl Errors {
    pub(crate) fn push(&mut self, error: LineError) {
        self.kept.push(error);
        // Trim now and then, so a file of a million bad rows stays small.
        if self.kept.len() >= 20 * MAX_ERRORS {
            self.trim();
        }
    }

    fn trim(&mut self) {
        self.kept.sort_by_key(|e| e.line);
        if self.kept.len() > MAX_ERRORS {
            self.dropped += self.kept.len() - MAX_ERRORS;
            self.kept.truncate(MAX_ERRORS);
        }
    }

    fn into_result(mut self, file: &str) -> Result<(), ImportError> {
        if self.kept.is_empty() {
            return Ok(());
        }
        self.trim();
        Err(ImportError::Rejected {
            file: file.to_owned(),
            errors: self.kept,
            more: self.dropped,
        })
    }
}

/// Parses a file on its own, without a store: every row's fields, but not
/// its references to other records (the fuzz targets' entry point).
pub fn parse_csv(kind: Kind, file: &str, reader: impl Read) -> Result<Batch, ImportError> {
    let mut errors = Errors::default();
    let parsed = parse::parse_file(kind, file, reader, &mut errors, &|_| {})?;
    errors.into_result(file)?;
    Ok(parsed.batch)
}

/// Parses and checks a file without writing anything. `progress` is told
/// how many rows have been read, every few thousand rows.
pub async fn validate_csv(
    store: &dyn Store,
    kind: Kind,
    file: &str,
    reader: impl Read,
    progress: &(dyn Fn(u64) + Sync),
) -> Result<Batch, ImportError> {
    checked(store, kind, file, reader, progress)
        .await
        .map(|parsed| parsed.batch)
}

async fn checked(
    store: &dyn Store,
    kind: Kind,
    file: &str,
    reader: impl Read,
    progress: &(dyn Fn(u64) + Sync),
) -> Result<parse::Parsed, ImportError> {
    let mut errors = Errors::default();
    let parsed = parse::parse_file(kind, file, reader, &mut errors, progress)?;
    // Rows that parsed are checked too, so one pass reports every problem.
    refs::check(store, &parsed, &mut errors).await?;
    errors.into_result(file)?;
    Ok(parsed)
}

/// Imports a file all-or-nothing.
pub async fn import_csv(
    store: &dyn Store,
    kind: Kind,
    file: &str,
    reader: impl Read,
    progress: &(dyn Fn(u64) + Sync),
) -> Result<ImportReport, ImportError> {
    let parsed = checked(store, kind, file, reader, progress).await?;
    let rows = parsed.batch.len();
    store.write(std::slice::from_ref(&parsed.batch)).await?;
    Ok(ImportReport {
        kind,
        rows,
        notes: parsed.notes,
    })
}
