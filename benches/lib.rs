//! Shared reporting for chainfair's benchmarks: each prints what it measured
//! and its ratio to a named baseline. Timings are printed, never asserted.
#![forbid(unsafe_code)]

use std::time::Duration;

/// Prints one result line: the figure, the baseline and the ratio
/// (below 1 means faster than the baseline).
pub fn report(what: &str, took: Duration, baseline_name: &str, baseline: Duration) {
    let ratio = took.as_secs_f64() / baseline.as_secs_f64();
    println!(
        "{what}: {:.2} s; baseline {baseline_name}: {:.2} s; ratio {ratio:.3}",
        took.as_secs_f64(),
        baseline.as_secs_f64()
    );
}
