//! Linear algebra for `(I - M) x = b` with a non-negative `M`.
//!
//! One right-hand side never forms an inverse. It is solved by the
//! fixed-point iteration `x <- b + M x`, which converges when a norm of `M`
//! is below 1 (every coefficient table of a productive economy has column
//! sums, or row sums, below 1). With `q = ||M|| < 1` the error after a step is
//! bounded by `q / (1 - q) * ||x_k+1 - x_k||` (Banach fixed-point theorem), so
//! stopping when that bound is below `1e-12 * ||x||` guarantees a relative
//! accuracy of 1e-12 in that norm. When no norm is below 1 the system is
//! solved by LU factorisation with partial pivoting instead. The full inverse
//! is formed only when asked for, by the same LU.
//!
//! The iteration works on a sparse matrix (compressed rows), so it costs
//! O(nonzeros) per step: input-output tables of thousands of sectors are
//! mostly zeros.

/// Relative accuracy the iteration guarantees.
pub const TOLERANCE: f64 = 1e-12;
const MAX_STEPS: usize = 100_000;

/// A square matrix in compressed sparse rows.
#[derive(Debug, Clone, PartialEq)]
pub struct SparseMatrix {
    n: usize,
    row_start: Vec<usize>,
    columns: Vec<usize>,
    values: Vec<f64>,
}

impl SparseMatrix {
    /// Builds the matrix of entries `entry(i, j)`, keeping the non-zero ones.
    pub fn from_fn(n: usize, entry: impl Fn(usize, usize) -> f64) -> Self {
        let mut row_start = Vec::with_capacity(n + 1);
        let (mut columns, mut values) = (Vec::new(), Vec::new());
        row_start.push(0);
        for i in 0..n {
            for j in 0..n {
                let v = entry(i, j);
                if v != 0.0 {
                    columns.push(j);
                    values.push(v);
                }
            }
            row_start.push(columns.len());
        }
        Self {
            n,
            row_start,
            columns,
            values,
        }
    }

    pub fn n(&self) -> usize {
        self.n
    }

    pub fn nonzeros(&self) -> usize {
        self.values.len()
    }

    pub fn row_sums(&self) -> Vec<f64> {
        (0..self.n)
            .map(|i| {
                self.values[self.row_start[i]..self.row_start[i + 1]]
                    .iter()
                    .sum()
            })
            .collect()
    }

    pub fn column_sums(&self) -> Vec<f64> {
        let mut sums = vec![0.0; self.n];
        for (c, v) in self.columns.iter().zip(&self.values) {
            sums[*c] += v;
        }
        sums
    }

    /// Largest absolute row sum (the infinity norm).
    pub fn norm_inf(&self) -> f64 {
        (0..self.n)
            .map(|i| {
                self.values[self.row_start[i]..self.row_start[i + 1]]
                    .iter()
                    .map(|v| v.abs())
                    .sum::<f64>()
            })
            .fold(0.0, f64::max)
    }

    /// Largest absolute column sum (the 1-norm).
    pub fn norm_1(&self) -> f64 {
        self.transpose().norm_inf()
    }

    /// The transpose, so `x' (I - M) = b'` is solved as a column system.
    pub fn transpose(&self) -> Self {
        let mut counts = vec![0usize; self.n + 1];
        for &c in &self.columns {
            counts[c + 1] += 1;
        }
        for i in 0..self.n {
            counts[i + 1] += counts[i];
        }
        let row_start = counts.clone();
        let mut next = counts;
        let mut columns = vec![0; self.values.len()];
        let mut values = vec![0.0; self.values.len()];
        for i in 0..self.n {
            for k in self.row_start[i]..self.row_start[i + 1] {
                let c = self.columns[k];
                columns[next[c]] = i;
                values[next[c]] = self.values[k];
                next[c] += 1;
            }
        }
        Self {
            n: self.n,
            row_start,
            columns,
            values,
        }
    }

    /// `out = b + M x`.
    fn step(&self, b: &[f64], x: &[f64], out: &mut [f64]) {
        for i in 0..self.n {
            let range = self.row_start[i]..self.row_start[i + 1];
            let dot: f64 = self.columns[range.clone()]
                .iter()
                .zip(&self.values[range])
                .map(|(c, v)| v * x[*c])
                .sum();
            out[i] = b[i] + dot;
        }
    }

    /// Dense `I - M`, row-major, for factorisation.
    pub fn identity_minus(&self) -> Vec<f64> {
        let n = self.n;
        let mut dense = vec![0.0; n * n];
        for i in 0..n {
            dense[i * n + i] = 1.0;
            for k in self.row_start[i]..self.row_start[i + 1] {
                dense[i * n + self.columns[k]] -= self.values[k];
            }
        }
        dense
    }

    /// Solves `x = b + M x`, i.e. `(I - M) x = b`, for a non-negative `M`.
    /// `None` when `M` is not productive (spectral radius 1 or more).
    pub fn solve(&self, b: &[f64]) -> Option<Vec<f64>> {
        let (q_inf, q_1) = (self.norm_inf(), self.norm_1());
        let norm: fn(&[f64]) -> f64 = if q_inf <= q_1 {
            |v| v.iter().fold(0.0, |m, x| f64::max(m, x.abs()))
        } else {
            |v| v.iter().map(|x| x.abs()).sum()
        };
        let q = q_inf.min(q_1);
        if q < 1.0 {
            let mut x = b.to_vec();
            let mut next = vec![0.0; self.n];
            let mut diff = vec![0.0; self.n];
            for _ in 0..MAX_STEPS {
                self.step(b, &x, &mut next);
                for ((d, a), b) in diff.iter_mut().zip(&next).zip(&x) {
                    *d = a - b;
                }
                std::mem::swap(&mut x, &mut next);
                if q / (1.0 - q) * norm(&diff) <= TOLERANCE * norm(&x) {
                    return Some(x);
                }
            }
        }
        // No norm below 1: factorise. A non-negative M is productive exactly
        // when (I - M)^-1 >= 0, which shows as (I - M)^-1 1 >= 1.
        let lu = Lu::factor(self.identity_minus(), self.n).ok()?;
        let productive = lu
            .solve(&vec![1.0; self.n])
            .iter()
            .all(|y| *y >= 1.0 - 1e-9);
        productive.then(|| lu.solve(b))
    }
}

/// `(I - M)^-1`, dense and row-major, for a non-negative `M`; `None` when
/// `M` is not productive. A productive `M` has a non-negative inverse of
/// `I - M` (Neumann series), so a negative entry, like a singular matrix,
/// means the economy cannot be solved. With the `faer` feature the inverse
/// comes from faer's LU; otherwise from [`Lu`].
pub fn inverse_of_identity_minus(m: &SparseMatrix) -> Option<Vec<f64>> {
    let n = m.n();
    let inverse = dense_inverse(m.identity_minus(), n)?;
    inverse
        .iter()
        .all(|v| v.is_finite() && *v >= -1e-9)
        .then_some(inverse)
}

#[cfg(not(feature = "faer"))]
fn dense_inverse(a: Vec<f64>, n: usize) -> Option<Vec<f64>> {
    Lu::factor(a, n).ok().map(|lu| lu.inverse())
}

#[cfg(feature = "faer")]
fn dense_inverse(a: Vec<f64>, n: usize) -> Option<Vec<f64>> {
    use faer::linalg::solvers::DenseSolveCore;
    let matrix = faer::Mat::<f64>::from_fn(n, n, |i, j| a[i * n + j]);
    let inverse = matrix.partial_piv_lu().inverse();
    Some((0..n * n).map(|k| inverse[(k / n, k % n)]).collect())
}

/// An LU factorisation with partial pivoting, `P A = L U`, of a dense matrix.
#[derive(Debug, Clone)]
pub struct Lu {
    n: usize,
    /// L below the diagonal (unit diagonal implied), U on and above it; row-major.
    lu: Vec<f64>,
    /// Row `i` of the factors is row `pivots[i]` of the original.
    pivots: Vec<usize>,
}

impl Lu {
    /// Factors a row-major `n x n` matrix; `Err(k)` if column k has no pivot.
    pub fn factor(mut a: Vec<f64>, n: usize) -> Result<Lu, usize> {
        let mut pivots: Vec<usize> = (0..n).collect();
        let scale = a
            .iter()
            .fold(0.0f64, |m, v| m.max(v.abs()))
            .max(f64::MIN_POSITIVE);
        for k in 0..n {
            let (p, largest) = (k..n)
                .map(|i| (i, a[i * n + k].abs()))
                .fold((k, -1.0), |best, c| if c.1 > best.1 { c } else { best });
            if largest <= scale * 1e-14 {
                return Err(k);
            }
            if p != k {
                for j in 0..n {
                    a.swap(k * n + j, p * n + j);
                }
                pivots.swap(k, p);
            }
            let (top, rest) = a.split_at_mut((k + 1) * n);
            let pivot_row = &top[k * n..];
            let pivot = pivot_row[k];
            for row in rest.chunks_exact_mut(n) {
                let l = row[k] / pivot;
                row[k] = l;
                if l != 0.0 {
                    for (x, u) in row[k + 1..].iter_mut().zip(&pivot_row[k + 1..]) {
                        *x -= l * u;
                    }
                }
            }
        }
        Ok(Lu { n, lu: a, pivots })
    }

    pub fn solve(&self, b: &[f64]) -> Vec<f64> {
        let n = self.n;
        let mut x: Vec<f64> = self.pivots.iter().map(|&p| b[p]).collect();
        for i in 0..n {
            let s: f64 = self.lu[i * n..i * n + i]
                .iter()
                .zip(&x[..i])
                .map(|(l, x)| l * x)
                .sum();
            x[i] -= s;
        }
        for i in (0..n).rev() {
            let s: f64 = self.lu[i * n + i + 1..(i + 1) * n]
                .iter()
                .zip(&x[i + 1..])
                .map(|(u, x)| u * x)
                .sum();
            x[i] = (x[i] - s) / self.lu[i * n + i];
        }
        x
    }

    /// The inverse, row-major: all `n` right-hand sides at once, by rows,
    /// so the inner loops run over contiguous memory.
    pub fn inverse(&self) -> Vec<f64> {
        let n = self.n;
        // X starts as P I: row i of X is unit row pivots[i].
        let mut x = vec![0.0; n * n];
        for (i, &p) in self.pivots.iter().enumerate() {
            x[i * n + p] = 1.0;
        }
        // Forward: X_i -= sum_k<i L_ik X_k.
        for i in 0..n {
            let (done, rest) = x.split_at_mut(i * n);
            let row = &mut rest[..n];
            for k in 0..i {
                let l = self.lu[i * n + k];
                if l != 0.0 {
                    for (r, v) in row.iter_mut().zip(&done[k * n..(k + 1) * n]) {
                        *r -= l * v;
                    }
                }
            }
        }
        // Backward: X_i = (X_i - sum_k>i U_ik X_k) / U_ii.
        for i in (0..n).rev() {
            let (head, tail) = x.split_at_mut((i + 1) * n);
            let row = &mut head[i * n..];
            for k in i + 1..n {
                let u = self.lu[i * n + k];
                if u != 0.0 {
                    for (r, v) in row.iter_mut().zip(&tail[(k - i - 1) * n..(k - i) * n]) {
                        *r -= u * v;
                    }
                }
            }
            let d = self.lu[i * n + i];
            row.iter_mut().for_each(|r| *r /= d);
        }
        x
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: &[f64], b: &[f64], tol: f64) -> bool {
        a.iter()
            .zip(b)
            .all(|(x, y)| (x - y).abs() <= tol * y.abs().max(1.0))
    }

    #[test]
    fn iteration_and_lu_agree_on_a_small_system() {
        let m = [[0.2, 0.3, 0.0], [0.1, 0.0, 0.4], [0.0, 0.25, 0.1]];
        let sparse = SparseMatrix::from_fn(3, |i, j| m[i][j]);
        let b = [1.0, 2.0, 3.0];
        let iterated = sparse.solve(&b).unwrap();
        let lu = Lu::factor(sparse.identity_minus(), 3).unwrap();
        assert!(close(&iterated, &lu.solve(&b), 1e-12));
        // (I - M) x = b holds.
        for i in 0..3 {
            let lhs = iterated[i] - (0..3).map(|j| m[i][j] * iterated[j]).sum::<f64>();
            assert!((lhs - b[i]).abs() < 1e-11, "{lhs} vs {}", b[i]);
        }
    }

    #[test]
    fn inverse_times_matrix_is_identity() {
        let a = vec![4.0, -2.0, 1.0, 3.0, 6.0, -4.0, 2.0, 1.0, 8.0];
        let lu = Lu::factor(a.clone(), 3).unwrap();
        let inv = lu.inverse();
        for i in 0..3 {
            for j in 0..3 {
                let v: f64 = (0..3).map(|k| a[i * 3 + k] * inv[k * 3 + j]).sum();
                assert!(
                    (v - if i == j { 1.0 } else { 0.0 }).abs() < 1e-12,
                    "{i},{j}: {v}"
                );
            }
        }
    }

    #[test]
    fn singular_matrices_are_refused() {
        assert_eq!(Lu::factor(vec![1.0, 2.0, 2.0, 4.0], 2).unwrap_err(), 1);
        let m = SparseMatrix::from_fn(2, |i, j| if i == j { 1.0 } else { 0.0 });
        assert_eq!(m.solve(&[1.0, 1.0]), None);
    }

    #[test]
    fn transpose_swaps_rows_and_columns() {
        let m = SparseMatrix::from_fn(3, |i, j| (i * 3 + j) as f64 * 0.01);
        let t = m.transpose();
        assert_eq!(
            t,
            SparseMatrix::from_fn(3, |i, j| (j * 3 + i) as f64 * 0.01)
        );
        assert_eq!(m.norm_1(), t.norm_inf());
    }
}
