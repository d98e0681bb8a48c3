use chainfair_schedule::*;
use std::time::{Duration, Instant};
fn main() {
    let n = 1200usize;
    let sh = Shape {
        participants: n * 10 / 37,
        meetings: n,
        days: 1,
        slots_per_day: 16,
        tables: (n * 13).div_ceil(160),
        max_per_participant: 16,
        ..Shape::paper(1)
    };
    let p = generate(&sh, 304);
    let f = solve_parallel(&p, &Options::with_time(7, Duration::from_secs(10)), 2).unwrap();
    println!("fast {}", f.gaps);
    let t = Instant::now();
    let e = exact_with_stats(
        &p,
        &ExactLimits {
            conflicts: u64::MAX,
            time: Some(Duration::from_secs(1500)),
        },
        Some(&f),
    )
    .unwrap();
    println!(
        "exact proved {} gaps {} bound {} in {:.0} s",
        e.proved,
        e.schedule.gaps,
        e.gap_bound,
        t.elapsed().as_secs_f64()
    );
}
