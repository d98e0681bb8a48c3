//! Upstreamness and the full Leontief-type inverse against numpy, on the
//! same matrices in the same run: n = 56 (the first WIOD 2014 table in
//! file order, Australia's),
//! n = 2,464 and n = 5,000 (block-diagonal stacks of the 43 WIOD 2014
//! tables' Δ matrices, with a small deterministic coupling between blocks).
//!
//! Goals: upstreamness at n = 5,000 at least 5x faster than
//! numpy.linalg.solve with results equal to 1e-9; the full inverse within
//! 1.5x of numpy.linalg.inv. Run with `benches/io-vs-numpy.sh`, which
//! installs numpy into a virtual environment and builds with the `faer`
//! feature (the full inverse by faer); with `CHAINFAIR_NUMPY_PYTHON` unset,
//! only chainfair's times are printed.
use chainfair_chains::io::{SparseMatrix, inverse_of_identity_minus, read_wiod_niot};
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// Δ (row shares of Z by output) of each WIOD 2014 table.
fn wiod_blocks(dir: &std::path::Path) -> Vec<Vec<f64>> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir.join("wiod2016-niot"))
        .expect("wiod2016-niot")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "xlsx"))
        .collect();
    files.sort();
    files
        .iter()
        .map(|path| {
            let file = std::io::BufReader::new(std::fs::File::open(path).expect("open"));
            let t = read_wiod_niot(file, &path.display().to_string(), 2014).expect("read");
            let n = t.len();
            (0..n * n)
                .map(|k| {
                    let (i, j) = (k / n, k % n);
                    let x = t.sectors()[i].output;
                    if x > 0.0 { t.flow(i, j) / x } else { 0.0 }
                })
                .collect()
        })
        .collect()
}

/// Blocks on the diagonal, cycling through the tables, plus for every row
/// four entries of 1e-4 in other blocks; rows are then scaled so no row sum
/// exceeds 0.95 (the stack stays productive).
fn stack(blocks: &[Vec<f64>], n: usize) -> Vec<f64> {
    let b = 56;
    let mut m = vec![0.0; n * n];
    for i in 0..n {
        let (block, r) = (i / b, i % b);
        let source = &blocks[block % blocks.len()];
        for c in 0..b {
            let j = block * b + c;
            if j < n {
                m[i * n + j] = source[r * b + c];
            }
        }
        for k in 1..=4u64 {
            let j = ((i as u64)
                .wrapping_mul(2_654_435_761)
                .wrapping_add(k * 40_503)
                % n as u64) as usize;
            if j / b != block {
                m[i * n + j] += 1e-4;
            }
        }
        let sum: f64 = m[i * n..(i + 1) * n].iter().sum();
        if sum > 0.95 {
            m[i * n..(i + 1) * n]
                .iter_mut()
                .for_each(|v| *v *= 0.95 / sum);
        }
    }
    m
}

fn numpy(
    python: &str,
    m: &[f64],
    n: usize,
    dir: &std::path::Path,
) -> Option<(Duration, Duration, Vec<f64>, Vec<f64>)> {
    let path = dir.join(format!("m{n}.f64"));
    let bytes: Vec<u8> = m.iter().flat_map(|v| v.to_le_bytes()).collect();
    std::fs::write(&path, bytes).ok()?;
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/numpy_io.py");
    let repeats = if n > 1000 { "1" } else { "5" };
    let out = std::process::Command::new(python)
        .args([script, path.to_str()?, &n.to_string(), repeats])
        .output()
        .ok()?;
    if !out.status.success() {
        eprintln!("numpy failed: {}", String::from_utf8_lossy(&out.stderr));
        return None;
    }
    let text = String::from_utf8(out.stdout).ok()?;
    let mut times = text.split_whitespace().map(|t| t.parse::<f64>().ok());
    let (solve, inverse) = (times.next()??, times.next()??);
    let read = |suffix: &str| -> Option<Vec<f64>> {
        let bytes = std::fs::read(format!("{}.{suffix}", path.display())).ok()?;
        Some(
            bytes
                .chunks_exact(8)
                .map(|c| f64::from_le_bytes(c.try_into().unwrap_or([0; 8])))
                .collect(),
        )
    };
    Some((
        Duration::from_secs_f64(solve),
        Duration::from_secs_f64(inverse),
        read("u")?,
        read("inv")?,
    ))
}

fn best<T>(repeats: usize, mut f: impl FnMut() -> T) -> (Duration, T) {
    let mut result = None;
    let mut fastest = Duration::MAX;
    for _ in 0..repeats {
        let started = Instant::now();
        result = Some(f());
        fastest = fastest.min(started.elapsed());
    }
    (fastest, result.expect("at least one run"))
}

fn max_relative_gap(a: &[f64], b: &[f64]) -> f64 {
    a.iter()
        .zip(b)
        .map(|(x, y)| (x - y).abs() / y.abs().max(1.0))
        .fold(0.0, f64::max)
}

fn main() {
    let Some(refdata) = std::env::var_os("CHAINFAIR_REFDATA").filter(|d| !d.is_empty()) else {
        eprintln!("set CHAINFAIR_REFDATA to the reference data (the WIOD tables)");
        std::process::exit(2);
    };
    let python = std::env::var("CHAINFAIR_NUMPY_PYTHON").ok();
    let blocks = wiod_blocks(std::path::Path::new(&refdata));
    let dir = tempfile::tempdir().expect("temporary folder");
    for n in [56, 2464, 5000] {
        let m = stack(&blocks, n);
        let repeats = if n > 1000 { 1 } else { 5 };
        let sparse = SparseMatrix::from_fn(n, |i, j| m[i * n + j]);
        let (solve, u) = best(repeats, || sparse.solve(&vec![1.0; n]).expect("productive"));
        let (inverse, inv) = best(repeats, || {
            inverse_of_identity_minus(&sparse).expect("productive")
        });
        let how = if cfg!(feature = "faer") {
            "faer"
        } else {
            "built-in LU"
        };
        println!(
            "n = {n}: upstreamness {:.4} s, full inverse {:.3} s (chainfair, inverse by {how})",
            solve.as_secs_f64(),
            inverse.as_secs_f64()
        );
        if let Some((np_solve, np_inverse, np_u, np_inv)) =
            python.as_deref().and_then(|p| numpy(p, &m, n, dir.path()))
        {
            chainfair_benches::report(
                &format!("n = {n} upstreamness"),
                solve,
                "numpy.linalg.solve",
                np_solve,
            );
            chainfair_benches::report(
                &format!("n = {n} full inverse"),
                inverse,
                "numpy.linalg.inv",
                np_inverse,
            );
            println!(
                "n = {n}: largest relative difference to numpy: upstreamness {:.1e}, inverse {:.1e}",
                max_relative_gap(&u, &np_u),
                max_relative_gap(&inv, &np_inv)
            );
        }
    }
}
