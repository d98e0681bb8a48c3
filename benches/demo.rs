//! Generation of the demo at CISCE scale, and loading it into SQLite.
//!
//! Baselines: the budget of 15 s for generation; for storing, the
//! 60 s the issue allows an import of 1,000,000 rows (the demo is 1.19
//! million rows).
//!
//! Run: `cargo bench -p chainfair-benches --bench demo`
use chainfair_store::demo::{Scale, generate};
use std::time::{Duration, Instant};

fn main() {
    let started = Instant::now();
    let demo = generate(Scale::Cisce, 2024).expect("the cisce demo builds");
    let generated = started.elapsed();
    let rows: usize = demo.batches.iter().map(|b| b.len()).sum();
    chainfair_benches::report(
        &format!("generate the cisce demo ({rows} rows)"),
        generated,
        "budget",
        Duration::from_secs(15),
    );

    let dir = tempfile::tempdir().expect("temporary folder");
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    let loaded = runtime.block_on(async {
        let url = format!("sqlite:{}", dir.path().join("chainfair.db").display());
        let store = chainfair::open_store(&url).await.expect("store");
        let started = Instant::now();
        store.write(&demo.batches).await.expect("write");
        started.elapsed()
    });
    chainfair_benches::report(
        &format!("store the cisce demo ({rows} rows, SQLite)"),
        loaded,
        "budget",
        Duration::from_secs(60),
    );
}
