//! Floor files in CSV: halls, zones and booths (checked together as one
//! plan), and space requests; every problem with its file, line and column.
use super::{SPACE_REQUEST_COLUMNS, SpaceRequest};
use crate::import::{ImportError, LfLines, LineError};
use chainfair_core::Invalid;
use chainfair_core::floor::{
    BOOTH_COLUMNS, Floor, FloorRecord, HALL_COLUMNS, ZONE_COLUMNS, parse_booth_row, parse_hall_row,
    parse_zone_row,
};
use std::collections::HashMap;
use std::io::Read;

/// The rows of a CSV file with exactly `columns`, parsed by `parse`; each
/// with its line and its first cell (the record's id).
pub(crate) fn rows<T>(
    file: &str,
    reader: impl Read,
    columns: &[&'static str],
    parse: impl for<'a> Fn(&dyn Fn(&'static str) -> &'a str) -> Result<T, Invalid>,
) -> Result<Vec<(u64, String, T)>, ImportError> {
    let mut csv = csv::ReaderBuilder::new().from_reader(LfLines::new(reader));
    let unreadable = |e: csv::Error| ImportError::Unreadable {
        file: file.to_owned(),
        message: e.to_string(),
    };
    let header: Vec<String> = csv
        .headers()
        .map_err(unreadable)?
        .iter()
        .map(|h| h.trim().to_owned())
        .collect();
    let mut errors = Vec::new();
    for column in columns {
        if !header.iter().any(|h| h == column) {
            errors.push(LineError {
                line: 1,
                column: None,
                message: format!("missing column {column:?}; expected {}", columns.join(",")),
            });
        }
    }
    for (i, h) in header.iter().enumerate() {
        if !columns.contains(&h.as_str()) {
            errors.push(LineError {
                line: 1,
                column: Some((i + 1, h.clone())),
                message: format!("unknown column {h:?}; expected {}", columns.join(",")),
            });
        }
    }
    let mut out = Vec::new();
    if errors.is_empty() {
        for record in csv.records() {
            let record = match record {
                Ok(record) => record,
                Err(e) => {
                    let line = e.position().map_or(0, |p| p.line());
                    errors.push(LineError {
                        line,
                        column: None,
                        message: e.to_string(),
                    });
                    continue;
                }
            };
            let line = record.position().map_or(0, |p| p.line());
            let cell = |column: &'static str| {
                header
                    .iter()
                    .position(|h| h == column)
                    .and_then(|i| record.get(i))
                    .unwrap_or("")
                    .trim()
            };
            match parse(&cell) {
                Ok(value) => out.push((line, cell(columns[0]).to_owned(), value)),
                Err(invalid) => errors.push(LineError {
                    line,
                    column: header
                        .iter()
                        .position(|h| h == invalid.field())
                        .map(|i| (i + 1, invalid.field().to_owned())),
                    message: invalid.message().to_owned(),
                }),
            }
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(ImportError::Rejected {
            file: file.to_owned(),
            errors,
            more: 0,
        })
    }
}

/// Reads a plan from its three files (name and contents each) and checks
/// it whole; a problem between records names the file and line of the
/// record at fault.
pub fn read_floor_csv(
    halls: (&str, impl Read),
    zones: (&str, impl Read),
    booths: (&str, impl Read),
) -> Result<Floor, ImportError> {
    let hall_rows = rows(halls.0, halls.1, &HALL_COLUMNS, |c| parse_hall_row(c))?;
    let zone_rows = rows(zones.0, zones.1, &ZONE_COLUMNS, |c| parse_zone_row(c))?;
    let booth_rows = rows(booths.0, booths.1, &BOOTH_COLUMNS, |c| parse_booth_row(c))?;
    let (hall_lines, zone_lines, booth_lines) =
        (lines(&hall_rows), lines(&zone_rows), lines(&booth_rows));
    Floor::new(
        hall_rows.into_iter().map(|(.., h)| h).collect(),
        zone_rows.into_iter().map(|(.., z)| z).collect(),
        booth_rows.into_iter().map(|(.., b)| b).collect(),
    )
    .map_err(|problems| {
        // Reported against the first file with a problem, each at its line.
        let first = problems.0.first().map(|p| p.record);
        let file = match first {
            Some(FloorRecord::Hall) => halls.0,
            Some(FloorRecord::Zone) => zones.0,
            _ => booths.0,
        };
        let errors = problems
            .0
            .iter()
            .filter(|p| Some(p.record) == first)
            .map(|p| {
                let (lines, columns): (_, &[&str]) = match p.record {
                    FloorRecord::Hall => (&hall_lines, &HALL_COLUMNS),
                    FloorRecord::Zone => (&zone_lines, &ZONE_COLUMNS),
                    FloorRecord::Booth => (&booth_lines, &BOOTH_COLUMNS),
                };
                LineError {
                    line: lines.get(&p.id).copied().unwrap_or(0),
                    column: columns
                        .iter()
                        .position(|c| *c == p.field)
                        .map(|i| (i + 1, p.field.to_owned())),
                    message: format!("{} {}: {}", p.record, p.id, p.message),
                }
            })
            .collect();
        ImportError::Rejected {
            file: file.to_owned(),
            errors,
            more: 0,
        }
    })
}

/// The line of each record, by id.
fn lines<T>(rows: &[(u64, String, T)]) -> HashMap<String, u64> {
    rows.iter()
        .map(|(line, id, _)| (id.clone(), *line))
        .collect()
}

/// Reads a space requests file: `organization,area_m2,area,neighbours`.
pub fn read_space_requests(
    file: &str,
    reader: impl Read,
) -> Result<Vec<SpaceRequest>, ImportError> {
    let parsed = rows(file, reader, &SPACE_REQUEST_COLUMNS, |c| {
        SpaceRequest::parse(c)
    })?;
    let mut seen = HashMap::new();
    let mut errors = Vec::new();
    for (line, id, _) in &parsed {
        if let Some(first) = seen.insert(id.clone(), *line) {
            errors.push(LineError {
                line: *line,
                column: Some((1, "organization".to_owned())),
                message: format!("{id} already has a request on line {first}"),
            });
        }
    }
    if !errors.is_empty() {
        return Err(ImportError::Rejected {
            file: file.to_owned(),
            errors,
            more: 0,
        });
    }
    Ok(parsed.into_iter().map(|(.., r)| r).collect())
}
