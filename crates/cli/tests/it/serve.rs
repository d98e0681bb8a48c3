use crate::sqlite_url;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Command, Stdio};

/// A plain HTTP/1.1 GET: status code and body.
fn get(addr: &str, path: &str) -> (u16, String) {
    send(addr, "GET", path, "")
}

/// A plain HTTP/1.1 request with a JSON body: status code and body.
fn send(addr: &str, method: &str, path: &str, json: &str) -> (u16, String) {
    let mut stream = TcpStream::connect(addr).expect("server accepts");
    write!(
        stream,
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\
         Content-Type: application/json\r\nContent-Length: {}\r\n\r\n{json}",
        json.len()
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
        .map(|(_, b)| b.to_owned())
        .unwrap_or_default();
    (status, body)
}

#[test]
fn serve_demo_answers_and_stops_on_sigterm() {
    let dir = tempfile::tempdir().unwrap();
    let mut server = Command::new(env!("CARGO_BIN_EXE_chainfair"))
        .args([
            "--db",
            &sqlite_url(dir.path()),
            "serve",
            "--demo",
            "--demo-scale",
            "small",
            "--addr",
            "127.0.0.1:0",
        ])
        .env("CHAINFAIR_LOG", "warn")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(server.stdout.take().unwrap()).lines();
    let first = lines.next().unwrap().unwrap();
    let addr = first
        .strip_prefix("chainfair listening on http://")
        .and_then(|rest| rest.split('/').next())
        .unwrap_or_else(|| panic!("unexpected first line {first:?}"))
        .to_owned();

    // The demo organiser's credentials, printed once.
    let sign_in = lines
        .find_map(|line| {
            line.ok()?
                .strip_prefix("organiser sign-in: ")
                .map(str::to_owned)
        })
        .expect("the organiser's credentials are printed");
    let (email, rest) = sign_in.split_once(" / ").expect("email / password");
    let password = rest.split(' ').next().unwrap();
    let login = serde_json::json!({"email": email, "password": password}).to_string();
    let (status, body) = send(&addr, "POST", "/api/v1/login", &login);
    assert_eq!(status, 200, "{body}");
    assert!(body.contains("\"role\":\"organiser\""), "{body}");

    // The demo publishes the Promotion Report in both languages.
    let (status, documents) = get(&addr, "/api/v1/editions/cisce-2024/documents");
    assert_eq!(status, 200);
    let documents: serde_json::Value = serde_json::from_str(&documents).unwrap();
    let ids: Vec<&str> = documents
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["promotion-report-en", "promotion-report-zh"]);
    let (status, report) = get(&addr, "/editions/cisce-2024/documents/promotion-report-zh");
    assert_eq!(status, 200);
    assert!(
        report.contains("咖啡"),
        "the Chinese report holds the coffee chain"
    );

    // The demo's floor is laid out: every exhibitor has a booth.
    let (status, floor) = get(&addr, "/api/v1/editions/cisce-2024/floor");
    assert_eq!(status, 200);
    let floor: serde_json::Value = serde_json::from_str(&floor).unwrap();
    assert_eq!(
        floor["bookings"].as_array().unwrap().len(),
        40,
        "the small demo's 40 exhibitors"
    );
    let (status, page) = get(&addr, "/editions/cisce-2024/floor");
    assert_eq!(status, 200);
    assert!(page.contains("upstream"), "{page}");

    let (status, health) = get(&addr, "/healthz");
    assert_eq!(status, 200);
    assert!(health.contains("\"status\":\"ok\""), "{health}");
    let (status, page) = get(&addr, "/editions/cisce-2024");
    assert_eq!(status, 200);
    assert!(
        page.contains("<h1>2nd China International Supply Chain Expo</h1>"),
        "{page}"
    );
    assert!(
        page.contains("exhibiting organisations, from 8 countries"),
        "{page}"
    );

    // The chain maps, in both languages, and their JSON.
    let (status, page) = get(&addr, "/chains");
    assert_eq!(status, 200);
    assert!(page.contains("/chains/photovoltaics"), "{page}");
    let (status, page) = get(&addr, "/chains/coffee?lang=zh");
    assert_eq!(status, 200);
    assert!(page.contains("<svg") && page.contains("咖啡"), "{page}");
    let (status, json) = get(&addr, "/api/v1/chains/photovoltaics");
    assert_eq!(status, 200);
    let map: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(map["industry"], "photovoltaics");
    let (status, _) = get(&addr, "/chains/tea");
    assert_eq!(status, 404);

    let killed = Command::new("kill")
        .args(["-TERM", &server.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let status = server.wait().unwrap();
    assert!(status.success(), "graceful shutdown exits 0, got {status}");
}
