//! Measures of an input-output table (Miller & Blair, *Input-Output
//! Analysis*, 3rd ed., chapters 2, 12 and 15; Antràs, Chor, Fally and
//! Hillberry 2012, "Measuring the Upstreamness of Production and Trade
//! Flows", AER P&P).
//!
//! - technical coefficients `A = Z diag(x)^-1`; Leontief inverse
//!   `L = (I - A)^-1`; output multipliers = column sums of `L`, found from one
//!   system `(I - A)' m = 1` without forming `L`;
//! - allocation coefficients `B = diag(x)^-1 Z`; Ghosh inverse `G = (I - B)^-1`;
//! - upstreamness `U = (I - Δ)^-1 1`, `Δ_ij = Z_ij / x_i` in a closed economy,
//!   `Δ_ij = Z_ij / (x_i - exports_i + imports_i - inventory_change_i)` with
//!   the open-economy correction: the average number of production stages
//!   between a sector's output and final use (1 = sold straight to final use);
//! - downstreamness = column sums of `L` (Antràs & Chor's measure of how many
//!   stages of production are embodied upstream of a sector), equal to the
//!   output multipliers;
//! - hypothetical extraction of sector k: the fall in total output when its
//!   row and column are removed, with final demand fixed (backward, Leontief)
//!   or value added fixed (forward, Ghosh).
use super::solve::{SparseMatrix, inverse_of_identity_minus};
use super::{IoError, IoTable};
use chainfair_core::Stage;
use serde::Serialize;

/// Which upstreamness: the closed-economy formula or the open-economy one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UpstreamnessModel {
    Closed,
    Open,
}

/// Output lost when one sector is extracted.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Extraction {
    pub sector: String,
    /// Fall in total output with final demand fixed (backward linkages).
    pub backward_loss: f64,
    /// Fall in total output with value added fixed (forward linkages).
    pub forward_loss: f64,
    /// The losses as shares of total output.
    pub backward_share: f64,
    pub forward_share: f64,
}

/// Where the stage boundaries lie on the upstreamness scale.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum StageThresholds {
    /// Quantiles of the table's own upstreamness values: below `low` is
    /// downstream, above `high` upstream. Terciles are `(1/3, 2/3)`.
    Quantiles { low: f64, high: f64 },
    /// Fixed upstreamness values.
    Values { low: f64, high: f64 },
}

impl StageThresholds {
    pub const TERCILES: StageThresholds = StageThresholds::Quantiles {
        low: 1.0 / 3.0,
        high: 2.0 / 3.0,
    };
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Classification {
    pub code: String,
    pub label: String,
    pub upstreamness: f64,
    pub stage: Stage,
}

impl IoTable {
    /// Sectors with zero output whose flows a coefficient would divide.
    fn zero_output_with(
        &self,
        denominators: &[f64],
        flows: impl Fn(usize) -> bool,
    ) -> Result<(), IoError> {
        let sectors: Vec<String> = denominators
            .iter()
            .enumerate()
            .filter(|(i, d)| **d <= 0.0 && flows(*i))
            .map(|(i, _)| self.sectors[i].code.clone())
            .collect();
        if sectors.is_empty() {
            Ok(())
        } else {
            Err(IoError::ZeroOutputWithUse { sectors })
        }
    }

    fn outputs(&self) -> Vec<f64> {
        self.sectors.iter().map(|s| s.output).collect()
    }

    fn row_used(&self, i: usize) -> bool {
        let n = self.len();
        self.z[i * n..(i + 1) * n].iter().any(|v| *v != 0.0)
    }

    fn column_used(&self, j: usize) -> bool {
        (0..self.len()).any(|i| self.flow(i, j) != 0.0)
    }

    /// `A = Z diag(x)^-1`.
    pub fn coefficients(&self) -> Result<SparseMatrix, IoError> {
        let x = self.outputs();
        self.zero_output_with(&x, |j| self.column_used(j))?;
        Ok(SparseMatrix::from_fn(self.len(), |i, j| {
            if x[j] > 0.0 {
                self.flow(i, j) / x[j]
            } else {
                0.0
            }
        }))
    }

    /// Rows of `Z` divided by `denominators` (x for `B`, absorption for open Δ).
    fn row_shares(&self, denominators: &[f64]) -> Result<SparseMatrix, IoError> {
        self.zero_output_with(denominators, |i| self.row_used(i))?;
        Ok(SparseMatrix::from_fn(self.len(), |i, j| {
            if denominators[i] > 0.0 {
                self.flow(i, j) / denominators[i]
            } else {
                0.0
            }
        }))
    }

    /// `B = diag(x)^-1 Z`.
    pub fn allocation(&self) -> Result<SparseMatrix, IoError> {
        self.row_shares(&self.outputs())
    }

    /// Names the sectors that keep `m` from being productive: those whose
    /// row or column sum of coefficients reaches 1.
    fn non_productive(&self, m: &SparseMatrix) -> IoError {
        let (rows, columns) = (m.row_sums(), m.column_sums());
        let mut sectors: Vec<String> = (0..self.len())
            .filter(|&i| rows[i] >= 1.0 || columns[i] >= 1.0)
            .map(|i| self.sectors[i].code.clone())
            .collect();
        if sectors.is_empty() {
            sectors.push("(no single sector: the feedback runs through several)".into());
        }
        IoError::NonProductive { sectors }
    }

    fn solve(&self, m: &SparseMatrix, b: &[f64]) -> Result<Vec<f64>, IoError> {
        m.solve(b)
            .filter(|x| x.iter().all(|v| v.is_finite()))
            .ok_or_else(|| self.non_productive(m))
    }

    fn inverse(&self, m: &SparseMatrix) -> Result<Vec<f64>, IoError> {
        inverse_of_identity_minus(m).ok_or_else(|| self.non_productive(m))
    }

    /// `L = (I - A)^-1`, dense and row-major.
    pub fn leontief_inverse(&self) -> Result<Vec<f64>, IoError> {
        self.inverse(&self.coefficients()?)
    }

    /// `G = (I - B)^-1`, dense and row-major.
    pub fn ghosh_inverse(&self) -> Result<Vec<f64>, IoError> {
        self.inverse(&self.allocation()?)
    }

    /// Column sums of `L`: the output of the whole economy needed per unit
    /// of final demand for each sector. Solves `m = 1 + A' m` once.
    pub fn output_multipliers(&self) -> Result<Vec<f64>, IoError> {
        let at = self.coefficients()?.transpose();
        self.solve(&at, &vec![1.0; self.len()])
    }

    /// Antràs & Chor's downstreamness: the column sums of `L`.
    pub fn downstreamness(&self) -> Result<Vec<f64>, IoError> {
        self.output_multipliers()
    }

    pub fn upstreamness(&self, model: UpstreamnessModel) -> Result<Vec<f64>, IoError> {
        let denominators: Vec<f64> = match model {
            UpstreamnessModel::Closed => self.outputs(),
            UpstreamnessModel::Open => self
                .sectors
                .iter()
                .map(|s| s.output - s.exports + s.imports - s.inventory_change)
                .collect(),
        };
        let delta = self
            .row_shares(&denominators)
            .map_err(|e| match (model, e) {
                // Zero output is not the problem here: the absorption is.
                (UpstreamnessModel::Open, IoError::ZeroOutputWithUse { sectors }) => {
                    IoError::NoAbsorption { sectors }
                }
                (_, e) => e,
            })?;
        self.solve(&delta, &vec![1.0; self.len()])
    }

    /// The output lost if sector `code` disappeared.
    pub fn extract(&self, code: &str) -> Result<Extraction, IoError> {
        let k = self.index_of(code)?;
        let total: f64 = self.outputs().iter().sum();
        let rest = self.without(k);
        // Final demand and value added stay as they were; only k disappears.
        let without_k = |values: Vec<f64>| -> Vec<f64> {
            values
                .into_iter()
                .enumerate()
                .filter(|(i, _)| *i != k)
                .map(|(_, v)| v)
                .collect()
        };
        let f = without_k(self.final_demand());
        let v = without_k(self.value_added());
        let backward = self.solve(&rest.coefficients()?, &f)?.iter().sum::<f64>();
        let forward = self
            .solve(&rest.allocation()?.transpose(), &v)?
            .iter()
            .sum::<f64>();
        let share = |loss: f64| if total > 0.0 { loss / total } else { 0.0 };
        Ok(Extraction {
            sector: code.to_owned(),
            backward_loss: total - backward,
            forward_loss: total - forward,
            backward_share: share(total - backward),
            forward_share: share(total - forward),
        })
    }

    /// Upstream, midstream or downstream for every sector with output.
    pub fn classify(
        &self,
        upstreamness: &[f64],
        thresholds: StageThresholds,
    ) -> Vec<Classification> {
        let with_output: Vec<usize> = (0..self.len())
            .filter(|&i| self.sectors[i].output > 0.0)
            .collect();
        let (low, high) = match thresholds {
            StageThresholds::Values { low, high } => (low, high),
            StageThresholds::Quantiles { low, high } => {
                let mut sorted: Vec<f64> = with_output.iter().map(|&i| upstreamness[i]).collect();
                sorted.sort_by(f64::total_cmp);
                (quantile(&sorted, low), quantile(&sorted, high))
            }
        };
        with_output
            .into_iter()
            .map(|i| {
                let u = upstreamness[i];
                let stage = if u > high {
                    Stage::Upstream
                } else if u < low {
                    Stage::Downstream
                } else {
                    Stage::Midstream
                };
                let s = &self.sectors[i];
                Classification {
                    code: s.code.clone(),
                    label: s.label.clone(),
                    upstreamness: u,
                    stage,
                }
            })
            .collect()
    }
}

/// Linear interpolation between order statistics (R's type 7, numpy's default).
fn quantile(sorted: &[f64], p: f64) -> f64 {
    match sorted.len() {
        0 => f64::NAN,
        1 => sorted[0],
        n => {
            let h = (n - 1) as f64 * p.clamp(0.0, 1.0);
            let lo = h.floor() as usize;
            let hi = (lo + 1).min(n - 1);
            sorted[lo] + (h - lo as f64) * (sorted[hi] - sorted[lo])
        }
    }
}
