//! Top-20 recommendations for every participant of the CISCE-scale demo
//! (about 61,000 organisations), on all cores.
//!
//! Baselines: the budgets of 5 s (on 2 cores) and 1 GiB. The demo
//! is written to SQLite first; the measuring runs in a fresh process (this
//! program again), so its peak memory is that of reading the participants,
//! indexing them and ranking, not of generating the demo.
//!
//! Run: `cargo bench -p chainfair-benches --bench recommend`
use chainfair_chains::template::Chains;
use chainfair_store::demo::{Scale, generate};
use std::time::{Duration, Instant};

const CHILD: &str = "CHAINFAIR_BENCH_RECOMMEND_DB";

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
    if let Ok(url) = std::env::var(CHILD) {
        measure(&url);
        return;
    }
    let demo = generate(Scale::Cisce, 2024).expect("the cisce demo builds");
    let dir = tempfile::tempdir().expect("temporary folder");
    let url = format!("sqlite:{}", dir.path().join("chainfair.db").display());
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    runtime.block_on(async {
        let store = chainfair::open_store(&url).await.expect("store");
        store.write(&demo.batches).await.expect("write");
    });
    drop(demo);
    let status = std::process::Command::new(std::env::current_exe().expect("this program"))
        .env(CHILD, &url)
        .status()
        .expect("the measuring process runs");
    assert!(status.success(), "the measuring process failed");
}

fn measure(url: &str) {
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    let chains = Chains::built_in().expect("built-in chains");
    let (matcher, built) = runtime.block_on(async {
        let store = chainfair::open_store(url).await.expect("store");
        let id = chainfair_core::EditionId::parse("edition", "cisce-2024").expect("id");
        let edition = store.edition(&id).await.expect("read").expect("edition");
        let started = Instant::now();
        let matcher = chainfair_web::matchmaking::matcher(store.as_ref(), &edition, &chains)
            .await
            .expect("matcher");
        (matcher, started.elapsed())
    });
    let threads = std::thread::available_parallelism().map_or(1, usize::from);
    let started = Instant::now();
    let ranked = matcher.rank_all(20, false, threads);
    let ranking = started.elapsed();
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
    let explaining = started.elapsed() - ranking;
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
    println!(
        "write their reasons ({} MB of explanations, one thread, streamed): {}",
        bytes / 1_000_000,
        chainfair_benches::human(explaining)
    );
    println!(
        "memory: peak {peak:.0} MiB (reading, indexing, ranking, explaining); budget 1024 MiB, ratio {:.3}",
        peak / 1024.0
    );
    if let Some(first) = example {
        println!(
            "example: {} ({:.2}): {}",
            first.name, first.score, first.explanation
        );
    }
}
