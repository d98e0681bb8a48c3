//! Input-output measures against hand-built cases, textbook tables, the
//! multipliers the UK ONS published, and the 43 WIOD 2016 national tables.
mod chains;
mod hand;
mod refdata;

use chainfair_chains::io::{IoTable, Sector};

/// A table from flows and outputs (no trade unless given).
pub fn table(z: &[&[f64]], x: &[f64], exports: &[f64]) -> IoTable {
    let sectors = x
        .iter()
        .enumerate()
        .map(|(i, &output)| Sector {
            code: format!("s{}", i + 1),
            label: String::new(),
            output,
            exports: exports.get(i).copied().unwrap_or(0.0),
            imports: 0.0,
            inventory_change: 0.0,
        })
        .collect();
    IoTable::new(
        sectors,
        z.iter().flat_map(|row| row.iter().copied()).collect(),
    )
    .unwrap()
}

pub fn assert_close(actual: &[f64], expected: &[f64], tolerance: f64, what: &str) {
    assert_eq!(actual.len(), expected.len(), "{what}: length");
    for (i, (a, e)) in actual.iter().zip(expected).enumerate() {
        assert!(
            (a - e).abs() <= tolerance * e.abs().max(1.0),
            "{what}[{i}]: {a} vs {e}"
        );
    }
}
