//! Input-output tables and the measures computed from them.
//!
//! A table holds the intermediate flows `Z` (row i sells to column j), and
//! for each sector its gross output `x`, exports, imports and change in
//! inventories. Values are statistical measurements (millions of US dollars
//! in WIOD), so they are `f64`; nothing here is money that changes hands.
pub(crate) mod csv_pair;
mod measures;
mod solve;
mod wiod;

pub use csv_pair::{read_csv_pair, write_csv_pair};
pub use measures::{Classification, Extraction, StageThresholds, UpstreamnessModel};
pub use solve::{Lu, SparseMatrix, inverse_of_identity_minus};
pub use wiod::{WIOD_INDUSTRIES, read_wiod_niot};

use serde::Serialize;

/// One sector (industry or product) of a table.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Sector {
    pub code: String,
    pub label: String,
    pub output: f64,
    pub exports: f64,
    /// Imports of the sector's product, as a positive number.
    pub imports: f64,
    pub inventory_change: f64,
}

/// What can be wrong with a table or a computation on it.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum IoError {
    /// A problem in a file: at a line (the header is 1) and column, or in
    /// the file as a whole when `line` is 0.
    #[error("{}", read_message(.file, *.line, .column, .message))]
    Read {
        file: String,
        line: u64,
        column: String,
        message: String,
    },
    #[error("{0}")]
    Shape(String),
    #[error("sector {sector}: {what} is not a finite number")]
    NotFinite { sector: String, what: &'static str },
    #[error("sector {sector}: output {output} is negative")]
    NegativeOutput { sector: String, output: f64 },
    #[error("sectors with no output but with inputs or sales, so no coefficient exists: {}", .sectors.join(", "))]
    ZeroOutputWithUse { sectors: Vec<String> },
    #[error("sectors whose domestic absorption (output - exports + imports - inventory change), which the open-economy upstreamness divides by, is not positive: {}", .sectors.join(", "))]
    NoAbsorption { sectors: Vec<String> },
    #[error("the table is not productive (spectral radius of the coefficients is 1 or more); sectors whose inputs or sales reach their output: {}", .sectors.join(", "))]
    NonProductive { sectors: Vec<String> },
    #[error("unknown sector {0:?}")]
    UnknownSector(String),
}

fn read_message(file: &str, line: u64, column: &str, message: &str) -> String {
    match (line, column) {
        (0, _) => format!("{file}: {message}"),
        (_, "") => format!("{file}: line {line}: {message}"),
        _ => format!("{file}: line {line}, column {column}: {message}"),
    }
}

/// An input-output table: `n` sectors and the `n x n` flows between them.
#[derive(Debug, Clone, PartialEq)]
pub struct IoTable {
    sectors: Vec<Sector>,
    /// Row-major: `z[i * n + j]` is what sector i sells to sector j.
    z: Vec<f64>,
}

impl IoTable {
    pub fn new(sectors: Vec<Sector>, z: Vec<f64>) -> Result<Self, IoError> {
        let n = sectors.len();
        if n == 0 {
            return Err(IoError::Shape("the table has no sector".into()));
        }
        if z.len() != n * n {
            return Err(IoError::Shape(format!(
                "{n} sectors need {} flows, got {}",
                n * n,
                z.len()
            )));
        }
        for (i, s) in sectors.iter().enumerate() {
            let values = [
                ("output", s.output),
                ("exports", s.exports),
                ("imports", s.imports),
                ("inventory_change", s.inventory_change),
            ];
            if let Some((what, _)) = values.iter().find(|(_, v)| !v.is_finite()) {
                return Err(IoError::NotFinite {
                    sector: s.code.clone(),
                    what,
                });
            }
            if z[i * n..(i + 1) * n].iter().any(|v| !v.is_finite()) {
                return Err(IoError::NotFinite {
                    sector: s.code.clone(),
                    what: "a flow",
                });
            }
            if s.output < 0.0 {
                return Err(IoError::NegativeOutput {
                    sector: s.code.clone(),
                    output: s.output,
                });
            }
        }
        Ok(Self { sectors, z })
    }

    pub fn len(&self) -> usize {
        self.sectors.len()
    }

    pub fn is_empty(&self) -> bool {
        self.sectors.is_empty()
    }

    pub fn sectors(&self) -> &[Sector] {
        &self.sectors
    }

    /// Flow from sector i to sector j.
    pub fn flow(&self, i: usize, j: usize) -> f64 {
        self.z[i * self.len() + j]
    }

    pub fn flows(&self) -> &[f64] {
        &self.z
    }

    pub fn index_of(&self, code: &str) -> Result<usize, IoError> {
        self.sectors
            .iter()
            .position(|s| s.code == code)
            .ok_or_else(|| IoError::UnknownSector(code.to_owned()))
    }

    /// Final demand of each sector: output less intermediate sales.
    pub fn final_demand(&self) -> Vec<f64> {
        let n = self.len();
        (0..n)
            .map(|i| self.sectors[i].output - self.z[i * n..(i + 1) * n].iter().sum::<f64>())
            .collect()
    }

    /// Value added (primary inputs) of each sector: output less intermediate purchases.
    pub fn value_added(&self) -> Vec<f64> {
        let n = self.len();
        (0..n)
            .map(|j| self.sectors[j].output - (0..n).map(|i| self.z[i * n + j]).sum::<f64>())
            .collect()
    }

    /// The table without sector k (its row and column removed).
    pub fn without(&self, k: usize) -> IoTable {
        let n = self.len();
        let keep: Vec<usize> = (0..n).filter(|&i| i != k).collect();
        let z = keep
            .iter()
            .flat_map(|&i| keep.iter().map(move |&j| (i, j)))
            .map(|(i, j)| self.z[i * n + j])
            .collect();
        let sectors = keep.iter().map(|&i| self.sectors[i].clone()).collect();
        IoTable { sectors, z }
    }
}
