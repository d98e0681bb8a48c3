//! Shared reporting for chainfair's benchmarks: each prints what it measured
//! and its ratio to a named baseline. Timings are printed, never asserted.
#![forbid(unsafe_code)]

use std::time::Duration;

/// A duration in the unit that shows it best: 12.3 µs, 4.56 ms, 7.89 s.
pub fn human(d: Duration) -> String {
    let s = d.as_secs_f64();
    if s < 1e-3 {
        format!("{:.1} µs", s * 1e6)
    } else if s < 1.0 {
        format!("{:.2} ms", s * 1e3)
    } else {
        format!("{s:.2} s")
    }
}

/// Prints one result line: the figure, the baseline and the ratio
/// (below 1 means faster than the baseline).
pub fn report(what: &str, took: Duration, baseline_name: &str, baseline: Duration) {
    let ratio = took.as_secs_f64() / baseline.as_secs_f64();
    println!(
        "{what}: {}; baseline {baseline_name}: {}; ratio {ratio:.3}",
        human(took),
        human(baseline)
    );
}
