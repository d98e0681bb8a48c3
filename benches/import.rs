//! Import of 1,000,000 attendee rows into SQLite, end to end (parse,
//! validate every row and reference, write in one transaction).
//!
//! Baselines: the budget of 60 s, and the sqlite3 shell's own
//! `.import` of the same file into a bare table (no parsing into domain
//! types, no checks) when the `sqlite3` program is installed.
//!
//! Run: `cargo bench -p chainfair-benches --bench import`
use chainfair_store::{Kind, import_csv};
use std::fmt::Write as _;
use std::time::{Duration, Instant};

const ROWS: usize = 1_000_000;

fn attendees_csv() -> String {
    let given = [
        "Wei", "Fang", "Lukas", "Sofía", "Amara", "Kenji", "Priya", "Omar", "Anna", "Mateo",
    ];
    let family = [
        "Wang", "Li", "Becker", "Álvarez", "Mwangi", "Sato", "Sharma", "Haddad", "Novak", "Silva",
    ];
    let mut csv = String::from("edition,id,name,organization,mode\n");
    for i in 0..ROWS {
        let organization = if i % 3 == 0 {
            format!("o-{}", i % 1000)
        } else {
            String::new()
        };
        let mode = if i % 5 == 0 { "online" } else { "offline" };
        let name = format!("{} {}", given[i % 10], family[(i / 10) % 10]);
        let _ = writeln!(csv, "bench-2024,a-{i:07},{name},{organization},{mode}");
    }
    csv
}

fn sqlite3_import(dir: &std::path::Path, file: &std::path::Path) -> Option<Duration> {
    let db = dir.join("baseline.db");
    let script = format!(
        "CREATE TABLE attendees (edition TEXT, id TEXT, name TEXT, organization TEXT, mode TEXT);\n.import --csv --skip 1 {} attendees\n",
        file.display()
    );
    let started = Instant::now();
    let mut child = std::process::Command::new("sqlite3")
        .arg(&db)
        .stdin(std::process::Stdio::piped())
        .spawn()
        .ok()?;
    std::io::Write::write_all(child.stdin.as_mut()?, script.as_bytes()).ok()?;
    drop(child.stdin.take());
    child.wait().ok()?.success().then(|| started.elapsed())
}

fn main() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    let csv = attendees_csv();
    let file = dir.path().join("attendees.csv");
    std::fs::write(&file, &csv).expect("write CSV");

    let took = runtime.block_on(async {
        let url = format!("sqlite:{}", dir.path().join("chainfair.db").display());
        let store = chainfair::open_store(&url).await.expect("store");
        let editions = "id,name,host_country,start_date,end_date,previous_id\nbench-2024,Bench Expo,CN,2024-11-26,2024-11-30,\n";
        import_csv(store.as_ref(), Kind::Editions, "editions.csv", editions.as_bytes(), &|_| {}).await.expect("edition");
        let mut orgs = String::from("id,name,name_zh,country,kind\n");
        for i in 0..1000 {
            let _ = writeln!(orgs, "o-{i},Bench Supplier {i} Co. Ltd.,,CN,company");
        }
        import_csv(store.as_ref(), Kind::Organizations, "organizations.csv", orgs.as_bytes(), &|_| {}).await.expect("orgs");
        let started = Instant::now();
        let reader = std::io::BufReader::new(std::fs::File::open(&file).expect("open"));
        let report = import_csv(store.as_ref(), Kind::Attendees, "attendees.csv", reader, &|_| {}).await.expect("import");
        assert_eq!(report.rows, ROWS);
        started.elapsed()
    });

    chainfair_benches::report(
        "import 1,000,000 attendees (SQLite)",
        took,
        "budget",
        Duration::from_secs(60),
    );
    match sqlite3_import(dir.path(), &file) {
        Some(baseline) => chainfair_benches::report(
            "import 1,000,000 attendees (SQLite)",
            took,
            "sqlite3 .import",
            baseline,
        ),
        None => println!("sqlite3 not installed: no shell baseline"),
    }
}
