//! SIGKILL in the middle of work (an import lands whole or not at all,
//! every acknowledged agreement survives, SQLite's integrity holds), and
//! many clients at once through the real server.
use crate::{ok, sqlite_url};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn kill(pid: u32) {
    let killed = Command::new("kill")
        .args(["-KILL", &pid.to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
}

fn integrity_holds(dir: &std::path::Path) {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime
        .block_on(chainfair_store_sqlite::check_file(
            &dir.join("chainfair.db"),
        ))
        .expect("the database passes SQLite's integrity check");
}

#[test]
fn an_import_killed_midway_leaves_nothing_behind() {
    let dir = tempfile::tempdir().unwrap();
    let db = sqlite_url(dir.path());
    let file = dir.path().join("organizations.csv");
    let mut csv = String::from("id,name,name_zh,country,kind\n");
    for i in 0..500_000 {
        csv.push_str(&format!("o-{i},Organisation {i},,CN,company\n"));
    }
    std::fs::write(&file, csv).unwrap();
    // The schema first, so that the kill lands in the import itself.
    ok(&db, &["export", "editions"]);
    let started = Instant::now();
    let mut import = Command::new(env!("CARGO_BIN_EXE_chainfair"))
        .args([
            "--db",
            &db,
            "import",
            "organizations",
            file.to_str().unwrap(),
        ])
        .env("CHAINFAIR_LOG", "warn")
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(1500));
    let finished = import.try_wait().unwrap().is_some();
    kill(import.id());
    let _ = import.wait();
    integrity_holds(dir.path());
    let exported = ok(&db, &["export", "organizations"]);
    let rows = exported.lines().count() - 1;
    assert!(
        rows == 0 || rows == 500_000,
        "{rows} rows after a kill {} ms in (finished before: {finished})",
        started.elapsed().as_millis()
    );
    // And the same file imports whole afterwards.
    if rows == 0 {
        ok(&db, &["import", "organizations", file.to_str().unwrap()]);
        assert_eq!(
            ok(&db, &["export", "organizations"]).lines().count(),
            500_001
        );
    }
}

/// Everything a demo leaves in a database, as text: every kind of record,
/// the floor plan, the bookings and the documents.
fn demo_state(db: &str) -> String {
    let mut state = String::new();
    for kind in chainfair_store::Kind::ALL {
        state.push_str(&ok(db, &["export", kind.as_str()]));
    }
    state.push_str(&ok(db, &["floor", "export", "--edition", "cisce-2024"]));
    state.push_str(&ok(db, &["document", "list", "--edition", "cisce-2024"]));
    state.push_str(&ok(db, &["figures", "--edition", "cisce-2024"]));
    state
}

/// `chainfair demo` killed at points spread over its run: the database
/// passes the integrity check and holds either no edition or the demo's
/// data whole; running the demo again then ends with the whole demo,
/// reports and floor included, the same as an uninterrupted run.
#[test]
fn a_demo_killed_midway_is_all_or_nothing_and_a_rerun_finishes_it() {
    let reference_dir = tempfile::tempdir().unwrap();
    let reference_db = sqlite_url(reference_dir.path());
    let started = Instant::now();
    ok(&reference_db, &["demo", "--scale", "small"]);
    let run = started.elapsed();
    let whole = demo_state(&reference_db);
    let data_only = ok(&reference_db, &["export", "meetings"]);
    let mut outcomes = Vec::new();
    for k in 1..=8u32 {
        let dir = tempfile::tempdir().unwrap();
        let db = sqlite_url(dir.path());
        let mut demo = Command::new(env!("CARGO_BIN_EXE_chainfair"))
            .args(["--db", &db, "demo", "--scale", "small"])
            .env("CHAINFAIR_LOG", "warn")
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(run * k / 8);
        kill(demo.id());
        let _ = demo.wait();
        if !dir.path().join("chainfair.db").exists() {
            outcomes.push("before the database");
            continue;
        }
        // Opening it again (as any command does) finishes a schema the kill
        // cut short; then SQLite's check.
        let editions = ok(&db, &["export", "editions"]);
        integrity_holds(dir.path());
        if editions.lines().count() > 1 {
            // The data went in whole, in its one transaction.
            assert_eq!(ok(&db, &["export", "meetings"]), data_only, "kill {k}");
        }
        let again = crate::chainfair(&db, &["demo", "--scale", "small"]);
        let said = String::from_utf8_lossy(&again.stderr).into_owned();
        outcomes.push(if said.contains("cut short") {
            "after the data"
        } else if said.contains("already holds editions") {
            "after everything"
        } else {
            assert!(again.status.success(), "kill {k}: {said}");
            "before the data"
        });
        assert_eq!(demo_state(&db), whole, "kill {k}: the demo is whole");
    }
    eprintln!("demo killed (run {:.2} s): {outcomes:?}", run.as_secs_f64());
}

/// A plain HTTP/1.1 POST with a JSON body and a cookie: status and body.
fn post(
    addr: &str,
    path: &str,
    cookie: &str,
    csrf: &str,
    json: &str,
) -> std::io::Result<(u16, String)> {
    let mut stream = TcpStream::connect(addr)?;
    write!(
        stream,
        "POST {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nCookie: {cookie}\r\n\
         X-CSRF-Token: {csrf}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{json}",
        json.len()
    )?;
    let mut response = String::new();
    stream.read_to_string(&mut response)?;
    let status = response
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let body = response
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_owned())
        .unwrap_or_default();
    Ok((status, body))
}

#[test]
fn acknowledged_agreements_survive_a_killed_server() {
    let fixtures = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures");
    let dir = tempfile::tempdir().unwrap();
    let db = sqlite_url(dir.path());
    for kind in ["editions", "organizations", "participations"] {
        ok(&db, &["import", kind, &format!("{fixtures}/{kind}.csv")]);
    }
    add_organiser(&db);
    let (server, addr) = start(&db);
    let (cookie, csrf) = sign_in(&addr);

    // Agreements are recorded one after another; the server dies midway.
    let writer = {
        let addr = addr.clone();
        std::thread::spawn(move || {
            let mut acknowledged = Vec::new();
            let body = r#"{"kind":"intention","parties":["o-01","o-02"],"amount":"1000.00","currency":"CNY","date":"2024-11-28"}"#;
            while let Ok((status, answer)) = post(
                &addr,
                "/api/v1/editions/expo-2024/agreements",
                &cookie,
                &csrf,
                body,
            ) {
                if status != 201 {
                    break;
                }
                let id = serde_json::from_str::<serde_json::Value>(&answer).unwrap()["id"]
                    .as_str()
                    .unwrap()
                    .to_owned();
                acknowledged.push(id);
            }
            acknowledged
        })
    };
    std::thread::sleep(Duration::from_millis(1500));
    stop(server);
    let acknowledged = writer.join().unwrap();
    assert!(acknowledged.len() > 5, "the stream ran: {acknowledged:?}");
    integrity_holds(dir.path());
    let stored = ok(&db, &["export", "agreements", "--edition", "expo-2024"]);
    for id in &acknowledged {
        assert!(
            stored.contains(&format!("expo-2024,{id},")),
            "{id} was acknowledged but is lost"
        );
    }
    let figures: serde_json::Value =
        serde_json::from_str(&ok(&db, &["figures", "--edition", "expo-2024"])).unwrap();
    assert!(figures["agreements"]["count"].as_u64().unwrap() >= acknowledged.len() as u64);
}

/// 200 clients at once through the real server, on SQLite and (where
/// `CHAINFAIR_TEST_PG` names a server) PostgreSQL: booking 50 free booths
/// of the demo's floor (no booth twice, every 201 stored, every failure a
/// 409 with its reason), asking for meetings of 50 pairs (at most one open
/// meeting a pair) and accepting them (each accepted once). Nothing else
/// (no "database is locked", no 500) reaches a client.
#[test]
fn two_hundred_clients_book_booths_and_agree_meetings_once_each() {
    let dir = tempfile::tempdir().unwrap();
    race(&sqlite_url(dir.path()));
    if let Some(pg) = Postgres::create() {
        race(&pg.url);
    }
}

/// A fresh PostgreSQL database on the server `CHAINFAIR_TEST_PG` names,
/// dropped at the end.
struct Postgres {
    admin: String,
    name: String,
    url: String,
}

impl Postgres {
    fn create() -> Option<Self> {
        let admin = std::env::var("CHAINFAIR_TEST_PG")
            .ok()
            .filter(|u| !u.is_empty())?;
        let name = format!("chainfair_race_{}", std::process::id());
        let psql = |sql: &str| {
            let done = Command::new("psql")
                .args([admin.as_str(), "-qc", sql])
                .status()
                .expect("psql runs (CHAINFAIR_TEST_PG is set)");
            assert!(done.success(), "psql {sql}");
        };
        psql(&format!("DROP DATABASE IF EXISTS {name}"));
        psql(&format!("CREATE DATABASE {name}"));
        let base = admin.split('?').next().unwrap_or(&admin);
        let url = format!("{}/{name}", &base[..base.rfind('/').unwrap()]);
        Some(Postgres { admin, name, url })
    }
}

impl Drop for Postgres {
    fn drop(&mut self) {
        let _ = Command::new("psql")
            .args([
                self.admin.as_str(),
                "-qc",
                &format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", self.name),
            ])
            .status();
    }
}

/// Runs `clients` at once; their answers.
fn at_once<T, F>(clients: Vec<F>) -> Vec<T>
where
    T: Send + 'static,
    F: FnOnce() -> T + Send + 'static,
{
    let threads: Vec<_> = clients.into_iter().map(std::thread::spawn).collect();
    threads.into_iter().map(|t| t.join().unwrap()).collect()
}

fn race(db: &str) {
    ok(db, &["demo", "--scale", "small"]);
    add_organiser(db);
    // The demo's exhibitors have booths; its suppliers and buyers do not.
    let participations = ok(db, &["export", "participations", "--edition", "cisce-2024"]);
    let mut askers: Vec<String> = participations
        .lines()
        .skip(1)
        .filter(|l| l.contains(",supplier,") || l.contains(",buyer,"))
        .map(|l| l.split(',').nth(1).unwrap().to_owned())
        .collect();
    askers.sort();
    askers.dedup();
    let plan: serde_json::Value =
        serde_json::from_str(&ok(db, &["floor", "export", "--edition", "cisce-2024"])).unwrap();
    let (server, addr) = start(db);
    let (cookie, csrf) = sign_in(&addr);
    let (_, floor) = get_json(&addr, "/api/v1/editions/cisce-2024/floor");
    let taken: std::collections::HashSet<String> = floor["bookings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["booth"].as_str().unwrap().to_owned())
        .collect();
    let free: Vec<String> = plan["booths"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["id"].as_str().unwrap().to_owned())
        .filter(|id| !taken.contains(id))
        .take(50)
        .collect();
    assert_eq!(free.len(), 50);
    let clients: Vec<_> = (0..200)
        .map(|i| {
            let (addr, cookie, csrf) = (addr.clone(), cookie.clone(), csrf.clone());
            let booth = free[i % 50].clone();
            let org = askers[i % askers.len()].clone();
            std::thread::spawn(move || {
                let body = format!(r#"{{"organization":"{org}"}}"#);
                let path = format!("/api/v1/editions/cisce-2024/booths/{booth}/booking");
                let (status, answer) = post(&addr, &path, &cookie, &csrf, &body).unwrap();
                (status, booth, org, answer)
            })
        })
        .collect();
    let mut won: std::collections::HashMap<String, String> = Default::default();
    for client in clients {
        let (status, booth, org, answer) = client.join().unwrap();
        match status {
            201 => {
                assert!(
                    won.insert(booth.clone(), org).is_none(),
                    "{booth} booked twice"
                );
            }
            409 => assert!(
                answer.contains("is already booked by") || answer.contains("already has booth"),
                "{answer}"
            ),
            other => panic!("{other}: {answer}"),
        }
    }
    assert!(!won.is_empty());
    let (_, floor) = get_json(&addr, "/api/v1/editions/cisce-2024/floor");
    for (booth, org) in &won {
        assert!(
            floor["bookings"]
                .as_array()
                .unwrap()
                .iter()
                .any(|b| b["booth"] == booth.as_str() && b["organization"] == org.as_str()),
            "{booth} for {org} was answered 201 but is not stored"
        );
    }

    // Meetings: four clients ask for each of 50 pairs at once (half of
    // them the other way round): at most one new meeting a pair.
    let pairs: Vec<(String, String)> = (0..50)
        .map(|i| (askers[i].clone(), askers[(i + 7) % askers.len()].clone()))
        .collect();
    let asks: Vec<_> = (0..200)
        .map(|i| {
            let (addr, cookie, csrf) = (addr.clone(), cookie.clone(), csrf.clone());
            let (a, b) = pairs[i % 50].clone();
            let (a, b) = if i % 2 == 0 { (a, b) } else { (b, a) };
            move || {
                let body = format!(r#"{{"a":"{a}","b":"{b}"}}"#);
                let (status, answer) = post(
                    &addr,
                    "/api/v1/editions/cisce-2024/meetings",
                    &cookie,
                    &csrf,
                    &body,
                )
                .unwrap();
                (status, i % 50, answer)
            }
        })
        .collect();
    let mut created: std::collections::HashMap<usize, String> = Default::default();
    for (status, pair, answer) in at_once(asks) {
        match status {
            201 => {
                let id = serde_json::from_str::<serde_json::Value>(&answer).unwrap()["id"]
                    .as_str()
                    .unwrap()
                    .to_owned();
                assert!(
                    created.insert(pair, id).is_none(),
                    "pair {pair} got two meetings"
                );
            }
            409 => assert!(answer.contains("already have"), "{answer}"),
            other => panic!("{other}: {answer}"),
        }
    }
    assert!(!created.is_empty());
    // Four clients accept each new meeting at once: each is accepted once.
    let accepts: Vec<_> = created
        .values()
        .flat_map(|id| std::iter::repeat_n(id.clone(), 4))
        .map(|id| {
            let (addr, cookie, csrf) = (addr.clone(), cookie.clone(), csrf.clone());
            move || {
                let path = format!("/api/v1/editions/cisce-2024/meetings/{id}/accept");
                let (status, answer) = post(&addr, &path, &cookie, &csrf, "").unwrap();
                (status, id, answer)
            }
        })
        .collect();
    let mut accepted: std::collections::HashMap<String, usize> = Default::default();
    for (status, id, answer) in at_once(accepts) {
        match status {
            200 => *accepted.entry(id).or_default() += 1,
            // Too late: accepted already, or being accepted as it read it.
            409 => assert!(
                answer.contains("cannot accept") || answer.contains("changed meanwhile"),
                "{answer}"
            ),
            other => panic!("{other}: {answer}"),
        }
    }
    for id in created.values() {
        assert_eq!(accepted.get(id), Some(&1), "meeting {id} accepted once");
    }
    stop(server);
    // What the clients were told is what is stored: one open meeting a
    // pair, the new ones accepted.
    let stored = ok(db, &["export", "meetings", "--edition", "cisce-2024"]);
    let rows: Vec<Vec<&str>> = stored
        .lines()
        .skip(1)
        .map(|l| l.split(',').collect())
        .collect();
    for (i, (a, b)) in pairs.iter().enumerate() {
        let open: Vec<&Vec<&str>> = rows
            .iter()
            .filter(|r| (r[2] == a && r[3] == b) || (r[2] == b && r[3] == a))
            .filter(|r| matches!(r[4], "requested" | "accepted" | "scheduled"))
            .collect();
        assert_eq!(open.len(), 1, "pair {a}-{b}: {open:?}");
        if let Some(id) = created.get(&i) {
            assert_eq!((open[0][1], open[0][4]), (id.as_str(), "accepted"));
        }
    }
}

/// Creates the organiser c@x.cn, password "a long secret".
fn add_organiser(db: &str) {
    let mut add = Command::new(env!("CARGO_BIN_EXE_chainfair"))
        .args(["--db", db, "user", "add", "--role", "organiser"])
        .args(["--email", "c@x.cn", "--name", "C", "--password-stdin"])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    add.stdin
        .take()
        .unwrap()
        .write_all(b"a long secret")
        .unwrap();
    assert!(add.wait().unwrap().success());
}

/// Starts `chainfair serve` on a free port: the process and its address.
fn start(db: &str) -> (std::process::Child, String) {
    let mut server = Command::new(env!("CARGO_BIN_EXE_chainfair"))
        .args(["--db", db, "serve", "--addr", "127.0.0.1:0"])
        .env("CHAINFAIR_LOG", "warn")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let first = BufReader::new(server.stdout.take().unwrap())
        .lines()
        .next()
        .unwrap()
        .unwrap();
    let addr = first
        .strip_prefix("chainfair listening on http://")
        .and_then(|rest| rest.split('/').next())
        .unwrap()
        .to_owned();
    (server, addr)
}

/// SIGKILL, then reap.
fn stop(mut child: std::process::Child) {
    kill(child.id());
    let _ = child.wait();
}

fn get_json(addr: &str, path: &str) -> (u16, serde_json::Value) {
    let mut stream = TcpStream::connect(addr).unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    let status = response
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let body = response
        .split_once("\r\n\r\n")
        .map(|(_, b)| b)
        .unwrap_or("");
    (status, serde_json::from_str(body).unwrap_or_default())
}

/// Signs in as c@x.cn over HTTP: the session cookie and its CSRF token.
fn sign_in(addr: &str) -> (String, String) {
    let mut stream = TcpStream::connect(addr).unwrap();
    let login = r#"{"email":"c@x.cn","password":"a long secret"}"#;
    write!(
        stream,
        "POST /api/v1/login HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\
         Content-Type: application/json\r\nContent-Length: {}\r\n\r\n{login}",
        login.len()
    )
    .unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    let cookie = response
        .lines()
        .find_map(|l| l.strip_prefix("set-cookie: "))
        .and_then(|c| c.split(';').next())
        .expect("a session cookie")
        .to_owned();
    let body = response.split_once("\r\n\r\n").unwrap().1;
    let csrf = serde_json::from_str::<serde_json::Value>(body).unwrap()["csrf"]
        .as_str()
        .unwrap()
        .to_owned();
    (cookie, csrf)
}
