//! The plain CSV pair for input-output tables (docs/formats.md):
//! `Z.csv`, a square matrix with a header row of sector codes and the same
//! codes in the first column, and `sectors.csv` with
//! `code,label,output,exports,imports,inventory_change`.
use super::{IoError, IoTable, Sector};
use std::collections::HashMap;
use std::io::{Read, Write};

/// An error at a position of a named file.
pub(crate) fn read_error(
    file: &str,
    line: u64,
    column: impl Into<String>,
    message: impl Into<String>,
) -> IoError {
    IoError::Read {
        file: file.to_owned(),
        line,
        column: column.into(),
        message: message.into(),
    }
}

/// A CSV reader's own error (bad quoting, invalid UTF-8 ...), placed.
pub(crate) fn csv_error(file: &str, e: csv::Error) -> IoError {
    let line = e.position().map_or(0, |p| p.line());
    read_error(file, line, "", e.to_string())
}

/// The header row with each name trimmed.
pub(crate) fn header<R: Read>(
    reader: &mut csv::Reader<R>,
    file: &str,
) -> Result<Vec<String>, IoError> {
    Ok(reader
        .headers()
        .map_err(|e| csv_error(file, e))?
        .iter()
        .map(|h| h.trim().to_owned())
        .collect())
}

fn number(file: &str, line: u64, column: &str, text: &str) -> Result<f64, IoError> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(0.0);
    }
    text.parse::<f64>()
        .ok()
        .filter(|v| v.is_finite())
        .ok_or_else(|| read_error(file, line, column, format!("{text:?} is not a number")))
}

/// Reads a table from its `Z` matrix and its sectors file; `z_name` and
/// `sectors_name` are the file names errors quote.
pub fn read_csv_pair(
    z: impl Read,
    z_name: &str,
    sectors: impl Read,
    sectors_name: &str,
) -> Result<IoTable, IoError> {
    let mut reader = csv::ReaderBuilder::new().has_headers(true).from_reader(z);
    let codes: Vec<String> = header(&mut reader, z_name)?.into_iter().skip(1).collect();
    let n = codes.len();
    let mut flows = Vec::with_capacity(n * n);
    for (row, record) in reader.records().enumerate() {
        let record = record.map_err(|e| csv_error(z_name, e))?;
        let line = record.position().map_or(0, |p| p.line());
        let code = record.get(0).unwrap_or("").trim();
        if row >= n {
            return Err(read_error(
                z_name,
                line,
                "1",
                format!("row {code:?} is beyond the {n} sectors of the header"),
            ));
        }
        if code != codes[row] {
            return Err(read_error(
                z_name,
                line,
                "1",
                format!(
                    "row {code:?} where the header's order expects {:?}",
                    codes[row]
                ),
            ));
        }
        for (j, cell) in record.iter().skip(1).enumerate() {
            flows.push(number(
                z_name,
                line,
                &format!("{} ({})", j + 2, codes[j]),
                cell,
            )?);
        }
    }
    if flows.len() != n * n {
        return Err(read_error(
            z_name,
            0,
            "",
            format!(
                "{} rows for {n} sectors: the matrix must be square",
                flows.len() / n.max(1)
            ),
        ));
    }

    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(sectors);
    let header = header(&mut reader, sectors_name)?;
    let col = |name: &str| header.iter().position(|h| h == name);
    let code_col = col("code")
        .ok_or_else(|| read_error(sectors_name, 1, "code", "missing column \"code\""))?;
    let mut found: HashMap<String, Sector> = HashMap::new();
    for record in reader.records() {
        let record = record.map_err(|e| csv_error(sectors_name, e))?;
        let line = record.position().map_or(0, |p| p.line());
        let cell = |name: &str| col(name).and_then(|i| record.get(i)).unwrap_or("");
        let value = |name: &str| number(sectors_name, line, name, cell(name));
        let code = record.get(code_col).unwrap_or("").trim().to_owned();
        if !codes.contains(&code) {
            return Err(read_error(
                sectors_name,
                line,
                "code",
                format!("sector {code:?} is not in {z_name}"),
            ));
        }
        let sector = Sector {
            code: code.clone(),
            label: cell("label").trim().to_owned(),
            output: value("output")?,
            exports: value("exports")?,
            imports: value("imports")?,
            inventory_change: value("inventory_change")?,
        };
        if found.insert(code.clone(), sector).is_some() {
            return Err(read_error(
                sectors_name,
                line,
                "code",
                format!("sector {code:?} is listed twice"),
            ));
        }
    }
    let sectors = codes
        .iter()
        .map(|code| {
            found.remove(code).ok_or_else(|| {
                read_error(
                    sectors_name,
                    0,
                    "code",
                    format!("sector {code:?} of {z_name} is missing"),
                )
            })
        })
        .collect::<Result<Vec<_>, _>>()?;
    IoTable::new(sectors, flows)
}

/// Writes a table as the CSV pair.
pub fn write_csv_pair(table: &IoTable, z: impl Write, sectors: impl Write) -> csv::Result<()> {
    let mut out = csv::Writer::from_writer(z);
    let codes = table.sectors().iter().map(|s| s.code.as_str());
    out.write_record(std::iter::once("code").chain(codes))?;
    let n = table.len();
    for (i, s) in table.sectors().iter().enumerate() {
        let values = table.flows()[i * n..(i + 1) * n]
            .iter()
            .map(|v| v.to_string());
        out.write_record(std::iter::once(s.code.clone()).chain(values))?;
    }
    out.flush()?;
    let mut out = csv::Writer::from_writer(sectors);
    out.write_record([
        "code",
        "label",
        "output",
        "exports",
        "imports",
        "inventory_change",
    ])?;
    for s in table.sectors() {
        out.write_record([
            s.code.clone(),
            s.label.clone(),
            s.output.to_string(),
            s.exports.to_string(),
            s.imports.to_string(),
            s.inventory_change.to_string(),
        ])?;
    }
    out.flush()?;
    Ok(())
}
