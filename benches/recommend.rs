//! Top-20 recommendations for every participant of the CISCE-scale demo
//! (about 56,000 organisations), on all cores.
//!
//! Baselines: the budgets of 5 s (on 2 cores) and 1 GiB.
//!
//! Run: `cargo bench -p chainfair-benches --bench recommend`
use chainfair_chains::template::Chains;
use chainfair_store::demo::{Scale, generate};
use std::time::{Duration, Instant};

/// Resident memory of this process now and at its peak, in MiB (Linux).
fn memory() -> (f64, f64) {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find(|l| l.starts_with(name))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|kb| kb.parse::<f64>().ok())
            .map_or(0.0, |kb| kb / 1024.0)
    };
    (field("VmRSS:"), field("VmHWM:"))
}

fn main() {
    let demo = generate(Scale::Cisce, 2024).expect("the cisce demo builds");
    let dir = tempfile::tempdir().expect("temporary folder");
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    let chains = Chains::built_in().expect("built-in chains");
    let (matcher, built) = runtime.block_on(async {
        let url = format!("sqlite:{}", dir.path().join("chainfair.db").display());
        let store = chainfair::open_store(&url).await.expect("store");
        store.write(&demo.batches).await.expect("write");
        let edition = store
            .edition(&demo.current)
            .await
            .expect("read")
            .expect("edition");
        let started = Instant::now();
        let matcher = chainfair_web::matchmaking::matcher(store.as_ref(), &edition, &chains)
            .await
            .expect("matcher");
        (matcher, started.elapsed())
    });
    drop(demo);
    let (before, _) = memory();
    let threads = std::thread::available_parallelism().map_or(1, usize::from);
    let started = Instant::now();
    let ranked = matcher.rank_all(20, false, threads);
    let ranking = started.elapsed();
    let (after, _) = memory();
    // The reasons, written for every list and dropped, as `chainfair
    // recommend` streams them out.
    let mut bytes = 0usize;
    let mut example = None;
    for (who, list) in ranked.iter().enumerate() {
        let explained = matcher.explain(who, list);
        bytes += explained.iter().map(|r| r.explanation.len()).sum::<usize>();
        if example.is_none() {
            example = explained.into_iter().next();
        }
    }
    let took = started.elapsed();
    let (_, peak) = memory();
    let partners: usize = ranked.iter().map(Vec::len).sum();
    println!(
        "read {} participants from SQLite and index them: {}",
        matcher.len(),
        chainfair_benches::human(built)
    );
    chainfair_benches::report(
        &format!(
            "rank the top 20 of every participant ({} participants, {partners} partners, {threads} threads)",
            matcher.len()
        ),
        ranking,
        "budget",
        Duration::from_secs(5),
    );
    chainfair_benches::report(
        &format!(
            "rank and explain them all ({} MB of explanations written)",
            bytes / 1_000_000
        ),
        took,
        "budget",
        Duration::from_secs(5),
    );
    println!(
        "memory: {before:.0} MiB resident with the index built, {after:.0} MiB after ranking \
         (rankings included), ratio {:.3} to the 1024 MiB budget; {peak:.0} MiB peak of the \
         whole process, demo generation and SQLite included",
        after / 1024.0
    );
    if let Some(first) = example {
        println!(
            "example: {} ({:.2}): {}",
            first.name, first.score, first.explanation
        );
    }
}
