//! The authorisation matrix: every route of the server × every kind of
//! caller, with the status each must get. The routes are read from the
//! router's own source, so a route added without a row here fails the test.
//!
//! Each request runs on its own copy of one prepared database (fixtures, a
//! floor plan, o-01's booking of e-1, a document, a badge, a calendar), so
//! no row depends on another. Callers: nobody, a visitor, staff of o-01
//! ("A"), staff of o-05 ("B", taking part but a stranger to A's records),
//! and the organiser, each with a write API token.
use crate::import_fixtures;
use axum::body::Body;
use axum::http::Request;
use chainfair_core::{AccountRole, EditionId};
use chainfair_store::Store;
use chainfair_web::{AppState, router};
use std::collections::BTreeSet;
use tower::ServiceExt;

const ROUTES_SOURCE: &str = include_str!("../../../crates/web/src/routes/mod.rs");

/// (method, path) of every route in the router's source.
pub(crate) fn routes_in_source() -> BTreeSet<(String, String)> {
    let mut routes = BTreeSet::new();
    for chunk in ROUTES_SOURCE.split(".route(").skip(1) {
        let path = chunk.split('"').nth(1).expect("a route's path").to_owned();
        // The methods are the calls up to the route's closing parenthesis.
        let mut depth = 1;
        let end = chunk
            .char_indices()
            .find(|(_, c)| {
                match c {
                    '(' => depth += 1,
                    ')' => depth -= 1,
                    _ => {}
                }
                depth == 0
            })
            .map_or(chunk.len(), |(i, _)| i);
        for method in ["get", "post", "put", "delete"] {
            let call = format!("{method}(");
            if chunk[..end].contains(&call) {
                routes.insert((method.to_uppercase(), path.clone()));
            }
        }
    }
    routes
}

const U: u16 = 401;
const F: u16 = 403;
const N: u16 = 404;

/// One row: method, route, the request's path and body, and the statuses
/// for nobody, a visitor, A, B and the organiser.
struct Row {
    method: &'static str,
    route: &'static str,
    uri: &'static str,
    body: &'static str,
    expect: [u16; 5],
}

const fn row(
    method: &'static str,
    route: &'static str,
    uri: &'static str,
    body: &'static str,
    expect: [u16; 5],
) -> Row {
    Row {
        method,
        route,
        uri,
        body,
        expect,
    }
}

const E: &str = "/api/v1/editions/expo-2024";

#[rustfmt::skip]
const MATRIX: &[Row] = &[
    row("GET", "/healthz", "/healthz", "", [200; 5]),
    row("GET", "/assets/htmx-2.0.11.min.js", "/assets/htmx-2.0.11.min.js", "", [200; 5]),
    row("GET", "/api/openapi.json", "/api/openapi.json", "", [200; 5]),
    row("POST", "/api/v1/login", "/api/v1/login", r#"{"email":"nobody@x.cn","password":"whatever12"}"#, [F; 5]),
    row("POST", "/api/v1/logout", "/api/v1/logout", "", [204; 5]),
    row("POST", "/api/v1/register", "/api/v1/register", r#"{"email":"new@x.cn","name":"N","password":"long enough 1"}"#, [201; 5]),
    row("GET", "/api/v1/me", "/api/v1/me", "", [U, 200, 200, 200, 200]),
    // Token-only accounts have no password: the current one is always wrong.
    row("PUT", "/api/v1/me/password", "/api/v1/me/password", r#"{"current":"x","new":"long enough 2"}"#, [U, F, F, F, F]),
    row("PUT", "/api/v1/me/lang", "/api/v1/me/lang", r#"{"lang":"zh"}"#, [U, 204, 204, 204, 204]),
    row("GET", "/api/v1/invitations", "/api/v1/invitations", "", [U, F, F, F, 200]),
    row("POST", "/api/v1/invitations", "/api/v1/invitations", r#"{"organization":"o-01"}"#, [U, F, F, F, 201]),
    row("GET", "/api/v1/tokens", "/api/v1/tokens", "", [U, 200, 200, 200, 200]),
    row("POST", "/api/v1/tokens", "/api/v1/tokens", r#"{"name":"x","scope":"read"}"#, [U, 201, 201, 201, 201]),
    // A's own token: nobody else has it.
    row("DELETE", "/api/v1/tokens/{id}", "/api/v1/tokens/{a_token}", "", [U, N, 204, N, N]),
    row("GET", "/api/v1/editions/{id}/agreements", "/api/v1/editions/expo-2024/agreements", "", [200; 5]),
    row("POST", "/api/v1/editions/{id}/agreements", "/api/v1/editions/expo-2024/agreements", r#"{"kind":"intention","parties":["o-01","o-02"],"date":"2024-11-28"}"#, [U, F, 201, F, 201]),
    // g-3 (o-03 and o-01) is unpublished: strangers do not see it at all.
    row("POST", "/api/v1/editions/{id}/agreements/{agreement}/notes", "/api/v1/editions/expo-2024/agreements/g-3/notes", r#"{"date":"2024-11-28","note":"x"}"#, [U, N, 201, N, 201]),
    row("GET", "/api/v1/editions/{id}/agreements/{agreement}/history", "/api/v1/editions/expo-2024/agreements/g-3/history", "", [U, N, 200, N, 200]),
    row("POST", "/api/v1/editions/{id}/agreements/{agreement}/{action}", "/api/v1/editions/expo-2024/agreements/g-3/publish", "", [U, N, 200, N, 200]),
    row("GET", "/api/v1/editions/{id}/audit", "/api/v1/editions/expo-2024/audit", "", [U, F, F, F, 200]),
    row("GET", "/api/v1/editions/{id}/documents", "/api/v1/editions/expo-2024/documents", "", [200; 5]),
    row("PUT", "/api/v1/editions/{id}/documents/{doc}", "/api/v1/editions/expo-2024/documents/doc2?title=T&lang=en&kind=report&file_name=t.txt", "text", [U, F, F, F, 201]),
    row("DELETE", "/api/v1/editions/{id}/documents/{doc}", "/api/v1/editions/expo-2024/documents/doc1", "", [U, F, F, F, 204]),
    row("GET", "/editions/{id}/documents/{doc}", "/editions/expo-2024/documents/doc1", "", [200; 5]),
    row("GET", "/editions/{id}/floor", "/editions/expo-2024/floor", "", [200; 5]),
    row("GET", "/floor", "/floor", "", [303; 5]),
    row("GET", "/editions/{id}/agreements", "/editions/expo-2024/agreements", "", [200; 5]),
    row("GET", "/editions/{id}/organiser", "/editions/expo-2024/organiser", "", [U, F, F, F, 200]),
    // An empty upload: the organiser is told to choose a file.
    row("POST", "/editions/{id}/organiser/import", "/editions/expo-2024/organiser/import", "form:kind=organizations", [U, F, F, F, 400]),
    row("POST", "/editions/{id}/organiser/invitations", "/editions/expo-2024/organiser/invitations", "form:organization=o-01", [U, F, F, F, 200]),
    row("POST", "/editions/{id}/organiser/schedule", "/editions/expo-2024/organiser/schedule", "form:tables=20&slot_minutes=30&day_start=09%3A00&day_end=10%3A00&seconds=0.1&dry_run=1", [U, F, F, F, 200]),
    // The fixture edition has no floor plan: the organiser is told so.
    row("POST", "/editions/{id}/organiser/layout", "/editions/expo-2024/organiser/layout", "form:seed=1", [U, F, F, F, 409]),
    // Staff record for their own organisation; a visitor has none.
    row("POST", "/editions/{id}/agreements", "/editions/expo-2024/agreements", "form:a=o-01&b=o-02&kind=intention&date=2024-11-28", [U, F, 303, 303, 303]),
    row("POST", "/editions/{id}/agreements/{agreement}/{action}", "/editions/expo-2024/agreements/g-3/publish", "form:", [U, N, 303, N, 303]),
    // A form: the organiser and visitors act for no organisation.
    row("POST", "/editions/{id}/signup", "/editions/expo-2024/signup", "form:", [U, F, 303, 303, F]),
    row("POST", "/api/v1/editions/{id}/attendees", "/api/v1/editions/expo-2024/attendees", r#"{"name":"X"}"#, [201; 5]),
    row("GET", "/api/v1/me/badges", "/api/v1/me/badges", "", [U, 200, 200, 200, 200]),
    row("GET", "/my/badges", "/my/badges", "", [U, 200, 200, 200, 200]),
    row("GET", "/api/v1/editions/{id}/floor", "/api/v1/editions/expo-2024/floor", "", [200; 5]),
    row("PUT", "/api/v1/editions/{id}/floor", "/api/v1/editions/expo-2024/floor", "{floor}", [U, F, F, F, 200]),
    // o-01 has e-1 already: the booking is allowed and refused for that.
    row("POST", "/api/v1/editions/{id}/booths/{booth}/booking", "/api/v1/editions/expo-2024/booths/e-2/booking", r#"{"organization":"o-01"}"#, [U, F, 409, F, 409]),
    row("DELETE", "/api/v1/editions/{id}/booths/{booth}/booking", "/api/v1/editions/expo-2024/booths/e-1/booking", "", [U, F, 204, F, 204]),
    row("POST", "/api/v1/editions/{id}/checkins", "/api/v1/editions/expo-2024/checkins", r#"{"token":"{badge}","day":"2024-11-27"}"#, [U, F, F, F, 201]),
    row("POST", "/api/v1/editions/{id}/online", "/api/v1/editions/expo-2024/online", r#"{"token":"{badge}","session":"s","day":"2024-11-27"}"#, [U, F, F, F, 201]),
    row("POST", "/api/v1/editions/{id}/signups", "/api/v1/editions/expo-2024/signups", r#"{"organization":"o-01"}"#, [U, F, 201, F, 201]),
    row("GET", "/badges/{file}", "/badges/{badge}.svg", "", [200; 5]),
    row("GET", "/editions/{id}/register", "/editions/expo-2024/register", "", [200; 5]),
    row("POST", "/editions/{id}/register", "/editions/expo-2024/register", "form:name=X", [201; 5]),
    row("GET", "/editions/{id}/checkin", "/editions/expo-2024/checkin", "", [U, F, F, F, 200]),
    // The fixture edition is over: the organiser's scan today is refused as such.
    row("POST", "/editions/{id}/checkin", "/editions/expo-2024/checkin", "form:token={badge}", [U, F, F, F, 409]),
    row("GET", "/api/v1/editions", "/api/v1/editions", "", [200; 5]),
    row("GET", "/api/v1/editions/{id}", E, "", [200; 5]),
    row("GET", "/api/v1/editions/{id}/figures", "/api/v1/editions/expo-2024/figures", "", [200; 5]),
    row("GET", "/api/v1/editions/{id}/organizations", "/api/v1/editions/expo-2024/organizations", "", [200; 5]),
    row("GET", "/api/v1/editions/{id}/profiles/{org}", "/api/v1/editions/expo-2024/profiles/o-01", "", [200; 5]),
    row("PUT", "/api/v1/editions/{id}/profiles/{org}", "/api/v1/editions/expo-2024/profiles/o-01", "{}", [U, F, 200, F, 200]),
    row("GET", "/api/v1/editions/{id}/organizations/{org}/recommendations", "/api/v1/editions/expo-2024/organizations/o-01/recommendations", "", [U, F, 200, F, 200]),
    row("GET", "/api/v1/editions/{id}/meetings", "/api/v1/editions/expo-2024/meetings", "", [U, F, 200, 200, 200]),
    row("POST", "/api/v1/editions/{id}/meetings", "/api/v1/editions/expo-2024/meetings", r#"{"a":"o-01","b":"o-02"}"#, [U, F, 201, F, 201]),
    // m-5: o-05 asked o-04. B asked and may not accept; A is a stranger.
    row("POST", "/api/v1/editions/{id}/meetings/{meeting}/{action}", "/api/v1/editions/expo-2024/meetings/m-5/accept", "", [U, N, N, F, 200]),
    row("POST", "/api/v1/editions/{id}/organizations/{org}/calendar", "/api/v1/editions/expo-2024/organizations/o-01/calendar", "", [U, F, 200, F, 200]),
    row("GET", "/calendars/{file}", "/calendars/{calendar}.ics", "", [200; 5]),
    row("GET", "/api/v1/editions/{id}/organizations/{org}/unavailability", "/api/v1/editions/expo-2024/organizations/o-01/unavailability", "", [U, F, 200, F, 200]),
    row("PUT", "/api/v1/editions/{id}/organizations/{org}/unavailability", "/api/v1/editions/expo-2024/organizations/o-01/unavailability", r#"[{"from":"2024-11-27T09:00","to":"2024-11-27T12:00"}]"#, [U, F, 204, F, 204]),
    row("GET", "/editions/{id}/agenda/{org}", "/editions/expo-2024/agenda/o-01", "", [U, F, 200, F, 200]),
    row("GET", "/api/v1/io/tables", "/api/v1/io/tables", "", [200; 5]),
    row("GET", "/api/v1/io/tables/{name}/measures", "/api/v1/io/tables/none/measures", "", [N; 5]),
    row("GET", "/api/v1/io/tables/{name}/extract/{sector}", "/api/v1/io/tables/none/extract/A01", "", [N; 5]),
    row("GET", "/api/v1/chains", "/api/v1/chains", "", [200; 5]),
    row("GET", "/api/v1/chains/{industry}", "/api/v1/chains/coffee", "", [200; 5]),
    row("GET", "/chains", "/chains", "", [200; 5]),
    row("GET", "/chains/{industry}", "/chains/coffee", "", [200; 5]),
    row("GET", "/chains/{industry}/map.svg", "/chains/coffee/map.svg", "", [200; 5]),
    row("GET", "/", "/", "", [200; 5]),
    row("GET", "/login", "/login", "", [200; 5]),
    row("POST", "/login", "/login", "form:email=nobody%40x.cn&password=wrong", [F; 5]),
    row("POST", "/logout", "/logout", "form:", [303; 5]),
    row("POST", "/lang", "/lang", "form:lang=zh&back=%2Fchains", [303; 5]),
    row("GET", "/editions/{id}", "/editions/expo-2024", "", [200; 5]),
    row("GET", "/editions/{id}/exhibitors", "/editions/expo-2024/exhibitors?q=wind&region=Europe", "", [200; 5]),
    row("GET", "/editions/{id}/organizations/{org}", "/editions/expo-2024/organizations/o-02", "", [200; 5]),
    // Pages of one's own organisation: the organiser and visitors have none.
    row("GET", "/editions/{id}/my/meetings", "/editions/expo-2024/my/meetings", "", [U, F, 200, 200, F]),
    row("GET", "/editions/{id}/my/recommendations", "/editions/expo-2024/my/recommendations", "", [U, F, 200, 200, F]),
    row("POST", "/editions/{id}/meetings", "/editions/expo-2024/meetings", "form:b=o-02&message=hi", [U, F, 303, 303, F]),
    row("POST", "/editions/{id}/meetings/{meeting}/{action}", "/editions/expo-2024/meetings/m-5/accept", "form:", [U, N, N, F, 303]),
    row("GET", "/editions/{id}/report", "/editions/expo-2024/report", "", [200; 5]),
];

/// The prepared database (a file to copy) and the values rows refer to.
struct Prepared {
    file: std::path::PathBuf,
    _dir: tempfile::TempDir,
    tokens: [Option<String>; 5],
    a_token: String,
    badge: String,
    calendar: String,
    floor: String,
}

async fn prepare() -> Prepared {
    let test = chainfair_e2e::sqlite().await;
    let store = test.store.as_ref();
    import_fixtures(store).await;
    let expo = EditionId::parse("edition", "expo-2024").unwrap();
    let floor = crate::floor::fixture_floor();
    store.put_floor(&expo, &floor).await.unwrap();
    let state = AppState::new(test.store.clone());
    let visitor = crate::server::bearer(&state, AccountRole::Visitor, None).await;
    let a = crate::server::bearer(&state, AccountRole::Exhibitor, Some("o-01")).await;
    let b = crate::server::bearer(&state, AccountRole::Exhibitor, Some("o-05")).await;
    let organiser = crate::server::bearer(&state, AccountRole::Organiser, None).await;
    let (_, booked) = crate::server::post_json(
        &state,
        &a,
        "/api/v1/editions/expo-2024/booths/e-1/booking",
        r#"{"organization":"o-01"}"#,
    )
    .await;
    assert_eq!(booked["booth"], "e-1");
    let document = chainfair_core::Document::new(
        expo.clone(),
        "doc1",
        "Doc",
        "en",
        chainfair_core::DocumentKind::Other,
        "doc.txt",
        chainfair_core::parse_date("d", "2024-11-30").unwrap(),
    )
    .unwrap();
    store.put_document(&document, b"text").await.unwrap();
    let (_, badge) = crate::server::post_json(
        &state,
        "",
        "/api/v1/editions/expo-2024/attendees",
        r#"{"name":"Badge Holder"}"#,
    )
    .await;
    let calendar = store
        .calendar_token(
            &expo,
            &chainfair_core::OrganizationId::parse("o", "o-01").unwrap(),
            "c0ffee",
        )
        .await
        .unwrap();
    let (_, tokens) = crate::server::get_json_as(&state, Some(&a), "/api/v1/tokens").await;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("prepared.db");
    store.backup(file.to_str().unwrap()).await.unwrap();
    Prepared {
        file,
        _dir: dir,
        tokens: [None, Some(visitor), Some(a), Some(b), Some(organiser)],
        a_token: tokens[0]["id"].as_str().unwrap().to_owned(),
        badge: badge["token"].as_str().unwrap().to_owned(),
        calendar,
        floor: serde_json::to_string(&floor).unwrap(),
    }
}

async fn status_of(prepared: &Prepared, row: &Row, caller: usize) -> u16 {
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("chainfair.db");
    std::fs::copy(&prepared.file, &copy).unwrap();
    let store: std::sync::Arc<dyn Store> =
        chainfair::open_store(&format!("sqlite:{}", copy.display()))
            .await
            .unwrap();
    let fill = |text: &str| {
        text.replace("{a_token}", &prepared.a_token)
            .replace("{badge}", &prepared.badge)
            .replace("{calendar}", &prepared.calendar)
            .replace("{floor}", &prepared.floor)
    };
    let mut request = Request::builder().method(row.method).uri(fill(row.uri));
    if let Some(token) = &prepared.tokens[caller] {
        request = request.header("authorization", token);
    }
    let body = match row.body.strip_prefix("form:") {
        Some(form) => {
            request = request.header("content-type", "application/x-www-form-urlencoded");
            fill(form)
        }
        None if row.body.is_empty() => String::new(),
        None if row.uri.contains("/documents/") => row.body.to_owned(),
        None => {
            request = request.header("content-type", "application/json");
            fill(row.body)
        }
    };
    let response = router(AppState::new(store))
        .oneshot(request.body(Body::from(body)).unwrap())
        .await
        .unwrap();
    response.status().as_u16()
}

#[tokio::test]
async fn every_route_answers_every_caller_as_the_matrix_says() {
    let listed: BTreeSet<(String, String)> = MATRIX
        .iter()
        .map(|r| (r.method.to_owned(), r.route.to_owned()))
        .collect();
    let routes = routes_in_source();
    let missing: Vec<_> = routes.difference(&listed).collect();
    assert!(
        missing.is_empty(),
        "routes without a row in the matrix: {missing:?}"
    );
    let stale: Vec<_> = listed.difference(&routes).collect();
    assert!(
        stale.is_empty(),
        "rows for routes the router lacks: {stale:?}"
    );

    let prepared = prepare().await;
    let callers = ["nobody", "visitor", "A", "B", "organiser"];
    let mut wrong = Vec::new();
    for row in MATRIX {
        for (caller, expected) in row.expect.iter().enumerate() {
            let got = status_of(&prepared, row, caller).await;
            if got != *expected {
                wrong.push(format!(
                    "{} {} as {}: {got}, expected {expected}",
                    row.method, row.uri, callers[caller]
                ));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "{} mismatches:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}
