//! The HTTP application over a real store, driven without a socket.
use crate::import_fixtures;
use axum::body::Body;
use axum::http::{Request, StatusCode};
use chainfair_core::{Account, AccountRole};
use chainfair_web::{AppState, router};
use tower::ServiceExt;

/// An account of `role` (staff of `org` for exhibitors) with a write API
/// token, made directly in the store; its `Authorization` header value.
pub(crate) async fn bearer(state: &AppState, role: AccountRole, org: Option<&str>) -> String {
    let org = org.map(|o| chainfair_core::OrganizationId::parse("org", o).unwrap());
    let id = chainfair_web::auth::new_id();
    let email = format!("{}-{id}@test.example", role.as_str());
    let account = Account::new(id.clone(), &email, "Test", role, org, "en").unwrap();
    // "!" is no password hash: the account can only use its token.
    state
        .store
        .create_account(&account, "!", None)
        .await
        .unwrap();
    let secret = format!("cf_{}", chainfair_web::auth::secret());
    let token = chainfair_store::ApiToken {
        id: chainfair_web::auth::new_id(),
        account: id,
        name: "tests".into(),
        scope: "write".into(),
        created_at: chainfair_store::now(),
        revoked_at: None,
    };
    let hash = chainfair_web::auth::digest(&secret);
    state.store.create_api_token(&token, &hash).await.unwrap();
    format!("Bearer {secret}")
}

async fn get(state: &AppState, uri: &str) -> (StatusCode, String) {
    get_as(state, None, uri).await
}

pub(crate) async fn get_as(state: &AppState, who: Option<&str>, uri: &str) -> (StatusCode, String) {
    let mut request = Request::get(uri);
    if let Some(who) = who {
        request = request.header("authorization", who);
    }
    let response = router(state.clone())
        .oneshot(request.body(Body::empty()).unwrap())
        .await
        .unwrap();
    let status = response.status();
    let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .unwrap();
    (status, String::from_utf8(bytes.to_vec()).unwrap())
}

async fn get_json(state: &AppState, uri: &str) -> (StatusCode, serde_json::Value) {
    get_json_as(state, None, uri).await
}

pub(crate) async fn get_json_as(
    state: &AppState,
    who: Option<&str>,
    uri: &str,
) -> (StatusCode, serde_json::Value) {
    let (status, body) = get_as(state, who, uri).await;
    (
        status,
        serde_json::from_str(&body).unwrap_or_else(|e| panic!("{uri}: {e}: {body}")),
    )
}

#[tokio::test]
async fn api_lists_editions_and_searches_the_directory() {
    for test in chainfair_e2e::backends().await {
        import_fixtures(test.store.as_ref()).await;
        let state = AppState::new(test.store.clone());

        let (status, health) = get_json(&state, "/healthz").await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(health["status"], "ok");
        assert_eq!(health["backend"], test.store.backend());

        let (_, editions) = get_json(&state, "/api/v1/editions").await;
        assert_eq!(editions[1]["id"], "expo-2024");
        assert_eq!(editions[1]["previous_id"], "expo-2023");
        assert_eq!(editions[1]["time_zone"], "Asia/Shanghai");

        let (status, page) =
            get_json(&state, "/api/v1/editions/expo-2024/organizations?region=Europe&role=exhibitor&per_page=1&page=2").await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(page["total"], 2);
        assert_eq!(page["items"][0]["id"], "o-02");
        assert_eq!(page["items"][0]["roles"], serde_json::json!(["exhibitor"]));
        assert_eq!(page["items"][0]["region"], "Europe");

        let (_, found) = get_json(
            &state,
            "/api/v1/editions/expo-2024/organizations?q=%E5%8D%8E%E4%BF%A1",
        )
        .await;
        assert_eq!(
            found["items"][0]["name_zh"], "华信光伏科技有限公司",
            "search by 华信"
        );
    }
}

#[tokio::test]
async fn bad_parameters_and_unknown_editions_are_clear_errors() {
    let test = chainfair_e2e::sqlite().await;
    import_fixtures(test.store.as_ref()).await;
    let state = AppState::new(test.store.clone());
    let (status, body) = get_json(
        &state,
        "/api/v1/editions/expo-2024/organizations?country=XX",
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["error"]["field"], "country");
    assert_eq!(
        body["error"]["message"],
        "unknown country \"XX\": expected an ISO 3166 alpha-2 or alpha-3 code"
    );
    let (status, body) = get_json(
        &state,
        "/api/v1/editions/expo-2024/organizations?per_page=5000",
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(
        body["error"]["message"],
        "\"5000\" is not a whole number from 1 to 500"
    );
    let (status, body) = get_json(&state, "/api/v1/editions/expo-2099/organizations").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(body["error"]["message"], "unknown edition \"expo-2099\"");
    let (status, _) = get(&state, "/editions/expo-2099").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    // A path no route matches answers with the same error body.
    let (status, body) = get_json(&state, "/api/v1/nothing/here").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(body["error"]["code"], "not_found");
    assert_eq!(body["error"]["message"], "nothing at /api/v1/nothing/here");
}

#[tokio::test]
async fn edition_page_shows_the_headline_figures() {
    let test = chainfair_e2e::sqlite().await;
    import_fixtures(test.store.as_ref()).await;
    let state = AppState::new(test.store.clone());
    let (status, html) = get(&state, "/editions/expo-2024").await;
    assert_eq!(status, StatusCode::OK);
    for expected in [
        "<h1>Riverside Supply Chain Expo 2024</h1>",
        "<div class=\"value\">6</div>\n    <div class=\"label\">exhibiting organisations, from 6 countries</div>",
        "+100.0 % on the previous edition",
        "<div class=\"value\">83.3 %</div>",
        "agreements (2 cooperation, 3 intention)",
        "suppliers connected to exhibitors",
        "audience (4 on site, 1 online)",
        "<tr><td>CNY</td><td class=\"n\">10784702.46</td></tr>",
    ] {
        assert!(html.contains(expected), "page lacks {expected:?}:\n{html}");
    }
    let (_, home) = get(&state, "/").await;
    assert!(
        home.contains("<a href=\"/editions/expo-2024\">Riverside Supply Chain Expo 2024</a>"),
        "{home}"
    );
}

#[tokio::test]
async fn io_measures_of_loaded_tables_are_served() {
    use chainfair_chains::io::read_csv_pair;
    let test = chainfair_e2e::sqlite().await;
    let z = "code,s1,s2,s3\ns1,10,20,0\ns2,5,0,30\ns3,0,0,10\n";
    let sectors =
        "code,label,output,exports\ns1,Mining,100,50\ns2,Refining,100,\ns3,Assembly,100,\n";
    let table = read_csv_pair(z.as_bytes(), "Z.csv", sectors.as_bytes(), "sectors.csv").unwrap();
    let mut state = AppState::new(test.store.clone());
    state.io_tables = std::sync::Arc::new([("demo-3".to_owned(), table)].into_iter().collect());

    let (_, tables) = get_json(&state, "/api/v1/io/tables").await;
    assert_eq!(
        tables,
        serde_json::json!([{"name": "demo-3", "sectors": 3}])
    );
    let (status, closed) = get_json(&state, "/api/v1/io/tables/demo-3/measures").await;
    assert_eq!(status, StatusCode::OK);
    let u3 = closed[2]["upstreamness"].as_f64().unwrap();
    assert!((u3 - 1.0 / 0.9).abs() < 1e-12, "{closed}");
    assert_eq!(closed[0]["stage"], "upstream");
    assert_eq!(closed[2]["stage"], "downstream");
    let (_, open) = get_json(
        &state,
        "/api/v1/io/tables/demo-3/measures?open_economy=true",
    )
    .await;
    assert!(
        open[0]["upstreamness"].as_f64().unwrap() > closed[0]["upstreamness"].as_f64().unwrap()
    );
    let (status, extraction) = get_json(&state, "/api/v1/io/tables/demo-3/extract/s3").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(extraction["sector"], "s3");
    let (status, _) = get_json(&state, "/api/v1/io/tables/demo-3/extract/s9").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _) = get_json(&state, "/api/v1/io/tables/nope/measures").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_query_string_axum_cannot_read_is_a_json_400() {
    let test = chainfair_e2e::sqlite().await;
    import_fixtures(test.store.as_ref()).await;
    let state = AppState::new(test.store.clone());
    let (status, body) = get_json(
        &state,
        "/api/v1/editions/expo-2024/organizations?role=buyer&role=supplier",
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["error"]["field"], "query");
    assert!(
        body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("duplicate field"),
        "{body}"
    );
    let (status, body) = get_json(&state, "/api/v1/io/tables/x/measures?open_economy=1").await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
}

/// Sends `body` as JSON, as `who` (an `Authorization` value), and reads
/// the JSON answer.
async fn send_json(
    state: &AppState,
    who: &str,
    request: axum::http::request::Builder,
    body: &str,
) -> (StatusCode, serde_json::Value) {
    let request = if who.is_empty() {
        request
    } else {
        request.header("authorization", who)
    };
    let response = router(state.clone())
        .oneshot(
            request
                .header("content-type", "application/json")
                .body(Body::from(body.to_owned()))
                .unwrap(),
        )
        .await
        .unwrap();
    let status = response.status();
    let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .unwrap();
    if bytes.is_empty() {
        return (status, serde_json::Value::Null);
    }
    let json = serde_json::from_slice(&bytes);
    (
        status,
        json.unwrap_or_else(|e| panic!("{status}: {e}: {}", String::from_utf8_lossy(&bytes))),
    )
}

pub(crate) async fn put_json_pub(
    state: &AppState,
    who: &str,
    uri: &str,
    body: &str,
) -> (StatusCode, serde_json::Value) {
    put_json(state, who, uri, body).await
}

async fn put_json(
    state: &AppState,
    who: &str,
    uri: &str,
    body: &str,
) -> (StatusCode, serde_json::Value) {
    send_json(state, who, Request::put(uri), body).await
}

#[tokio::test]
async fn profiles_are_edited_and_recommendations_follow() {
    for test in chainfair_e2e::backends().await {
        import_fixtures(test.store.as_ref()).await;
        let state = AppState::new(test.store.clone());
        let organiser = bearer(&state, AccountRole::Organiser, None).await;
        let buyer = bearer(&state, AccountRole::Exhibitor, Some("o-07")).await;
        let lithium = bearer(&state, AccountRole::Exhibitor, Some("o-10")).await;
        let recs_uri = "/api/v1/editions/expo-2024/organizations/o-07/recommendations?k=5";

        let (status, profile) = get_json(&state, "/api/v1/editions/expo-2024/profiles/o-01").await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(
            profile["offers_hs"],
            serde_json::json!(["854142", "854143"])
        );

        // The battery buyer must meet the Argentine lithium refiner.
        let (status, recs) = get_json_as(&state, Some(&buyer), recs_uri).await;
        assert_eq!(status, StatusCode::OK, "{recs}");
        assert_eq!(recs[0]["organization"], "o-03", "{recs}");
        assert_eq!(recs[0]["reasons"][0]["kind"], "must_meet");
        let before = recs.as_array().unwrap().len();
        assert!(
            !recs
                .as_array()
                .unwrap()
                .iter()
                .any(|r| r["organization"] == "o-10"),
            "{recs}"
        );

        // A US lithium supplier fills in its profile: it is recommended at once.
        let (status, saved) = put_json(
            &state,
            &lithium,
            "/api/v1/editions/expo-2024/profiles/o-10",
            r#"{"offers_hs": ["283691"], "offers_segments": ["lithium-ion-batteries/lithium-refining"], "languages": ["en"]}"#,
        )
        .await;
        assert_eq!(status, StatusCode::OK, "{saved}");
        let (_, recs) = get_json_as(&state, Some(&organiser), recs_uri).await;
        let partner = recs
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["organization"] == "o-10")
            .unwrap_or_else(|| panic!("o-10 not recommended: {recs}"));
        assert!(
            partner["explanation"]
                .as_str()
                .unwrap()
                .contains("HS 283691"),
            "{partner}"
        );
        assert!(recs.as_array().unwrap().len() > before);

        // Bad profiles are named; nothing is written.
        let (status, error) = put_json(
            &state,
            &organiser,
            "/api/v1/editions/expo-2024/profiles/o-10",
            r#"{"offers_segments": ["photovoltaics/polysilicone"]}"#,
        )
        .await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert_eq!(error["error"]["field"], "offers_segments", "{error}");
        let (status, error) = put_json(
            &state,
            &organiser,
            "/api/v1/editions/expo-2024/profiles/o-10",
            r#"{"offer_hs": ["2841"]}"#,
        )
        .await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert_eq!(error["error"]["field"], "body", "{error}");
        let (status, error) = put_json(
            &state,
            &organiser,
            "/api/v1/editions/expo-2024/profiles/o-10",
            r#"{"must_meet": ["o-99"]}"#,
        )
        .await;
        assert_eq!(
            (status, &error["error"]["field"]),
            (StatusCode::BAD_REQUEST, &serde_json::json!("must_meet"))
        );
        let (status, _) = put_json(
            &state,
            &organiser,
            "/api/v1/editions/expo-2024/profiles/o-99",
            "{}",
        )
        .await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        // Only its own staff (or the organiser) edit a profile or read its
        // recommendations.
        let o10 = "/api/v1/editions/expo-2024/profiles/o-10";
        let (status, error) = put_json(&state, &buyer, o10, "{}").await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{error}");
        assert_eq!(error["error"]["code"], "forbidden");
        let (status, error) = put_json(&state, "", o10, "{}").await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{error}");
        let (status, _) = get_json_as(&state, Some(&lithium), recs_uri).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        let (status, _) = get_json(&state, recs_uri).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
        let (_, still) = get_json(&state, "/api/v1/editions/expo-2024/profiles/o-10").await;
        assert_eq!(still["offers_hs"], serde_json::json!(["283691"]));
        let (status, error) = get_json_as(
            &state,
            Some(&organiser),
            "/api/v1/editions/expo-2024/organizations/o-07/recommendations?k=0",
        )
        .await;
        assert_eq!(
            (status, &error["error"]["field"]),
            (StatusCode::BAD_REQUEST, &serde_json::json!("k"))
        );
        let (status, _) = get_json_as(
            &state,
            Some(&organiser),
            "/api/v1/editions/expo-2024/organizations/o-99/recommendations",
        )
        .await;
        assert_eq!(status, StatusCode::NOT_FOUND);
    }
}

pub(crate) async fn post_json(
    state: &AppState,
    who: &str,
    uri: &str,
    body: &str,
) -> (StatusCode, serde_json::Value) {
    send_json(state, who, Request::post(uri), body).await
}

#[tokio::test]
async fn meetings_are_requested_accepted_locked_cancelled_and_booked() {
    for test in chainfair_e2e::backends().await {
        import_fixtures(test.store.as_ref()).await;
        let state = AppState::new(test.store.clone());
        let organiser = bearer(&state, AccountRole::Organiser, None).await;
        let solar = bearer(&state, AccountRole::Exhibitor, Some("o-01")).await;
        let wind = bearer(&state, AccountRole::Exhibitor, Some("o-02")).await;
        let base = "/api/v1/editions/expo-2024/meetings";
        // Staff ask only for their own organisation.
        let (status, _) = post_json(&state, &wind, base, r#"{"a": "o-01", "b": "o-02"}"#).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        let (status, m) = post_json(
            &state,
            &solar,
            base,
            r#"{"a": "o-01", "b": "o-02", "message": "Modules for your solar parks?", "priority": 2}"#,
        )
        .await;
        assert_eq!(status, StatusCode::CREATED, "{m}");
        assert_eq!(
            (&m["id"], &m["status"]),
            (&serde_json::json!("r-1"), &serde_json::json!("requested"))
        );
        let act = |action: &str| format!("{base}/r-1/{action}");
        // The one asked accepts; the one asking cannot.
        let (status, _) = post_json(&state, &solar, &act("accept"), "").await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        let (status, m) = post_json(&state, &wind, &act("accept"), "").await;
        assert_eq!(
            (status, &m["status"]),
            (StatusCode::OK, &serde_json::json!("accepted"))
        );
        let (status, error) = post_json(&state, &wind, &act("accept"), "").await;
        assert_eq!(status, StatusCode::CONFLICT);
        assert_eq!(
            error["error"]["message"],
            "cannot accept meeting r-1: it is accepted, not requested"
        );
        // Only the organiser locks.
        let (status, _) = post_json(&state, &wind, &act("lock"), "").await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        let (_, m) = post_json(&state, &organiser, &act("lock"), "").await;
        assert_eq!(m["locked"], true);
        let (status, _) = post_json(&state, &solar, &act("cancel"), "").await;
        assert_eq!(status, StatusCode::CONFLICT);
        post_json(&state, &organiser, &act("unlock"), "").await;
        let (_, m) = post_json(&state, &solar, &act("cancel"), "").await;
        assert_eq!(
            (&m["status"], &m["sequence"]),
            (&serde_json::json!("cancelled"), &serde_json::json!(1))
        );

        // A pair with an open meeting cannot ask again; the organiser books.
        let (status, error) =
            post_json(&state, &solar, base, r#"{"a": "o-01", "b": "o-05"}"#).await;
        assert_eq!(status, StatusCode::CONFLICT, "{error}");
        let book = r#"{"a": "o-03", "b": "o-04", "book": true}"#;
        let (status, _) = post_json(&state, &solar, base, book).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "only the organiser books");
        let (status, m) = post_json(&state, &organiser, base, book).await;
        assert_eq!(status, StatusCode::CREATED);
        assert_eq!(
            (&m["id"], &m["status"], &m["booked"]),
            (
                &serde_json::json!("r-2"),
                &serde_json::json!("accepted"),
                &serde_json::json!(true)
            )
        );
        let (status, error) =
            post_json(&state, &organiser, base, r#"{"a": "o-99", "b": "o-04"}"#).await;
        assert_eq!(
            (status, &error["error"]["field"]),
            (StatusCode::BAD_REQUEST, &serde_json::json!("a"))
        );
        let (status, _) = post_json(&state, &organiser, &format!("{base}/r-2/approve"), "").await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        // Staff see their own meetings; others' are not found.
        let (status, _) = post_json(&state, &wind, &format!("{base}/r-2/cancel"), "").await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        let (status, _) = get_json_as(&state, Some(&wind), &format!("{base}?org=o-03")).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        let (_, mine) = get_json_as(&state, Some(&wind), base).await;
        assert!(
            mine["items"]
                .as_array()
                .unwrap()
                .iter()
                .all(|m| m["a"] == "o-02" || m["b"] == "o-02"),
            "{mine}"
        );
        let (status, _) = get_json(&state, base).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
        // When o-01 cannot meet, for the scheduler.
        let away = "/api/v1/editions/expo-2024/organizations/o-01/unavailability";
        let (status, error) = put_json(
            &state,
            &solar,
            away,
            r#"[{"from": "2024-11-27T12:00", "to": "2024-11-27T09:00"}]"#,
        )
        .await;
        assert_eq!(
            (status, &error["error"]["field"]),
            (StatusCode::BAD_REQUEST, &serde_json::json!("to"))
        );
        let periods = r#"[{"from": "2024-11-27T09:00", "to": "2024-11-27T12:00"}]"#;
        let (status, _) = put_json(&state, &solar, away, periods).await;
        assert_eq!(status, StatusCode::NO_CONTENT);
        let (_, stored) = get_json_as(&state, Some(&organiser), away).await;
        assert_eq!(
            stored,
            serde_json::from_str::<serde_json::Value>(periods).unwrap()
        );
        let (_, list) = get_json_as(&state, Some(&organiser), &format!("{base}?org=o-03")).await;
        let ids: Vec<&str> = list["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m["id"].as_str().unwrap())
            .collect();
        assert_eq!(ids, ["m-4", "r-2"]);
    }
}

/// What Python's icalendar package reads in a calendar file, when
/// `CHAINFAIR_ICAL_PYTHON` names a Python with it installed (`.ci/run` sets
/// it up); None otherwise.
fn parsed_by_icalendar(ics: &str) -> Option<serde_json::Value> {
    let python = std::env::var("CHAINFAIR_ICAL_PYTHON")
        .ok()
        .filter(|p| !p.is_empty())?;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("agenda.ics");
    std::fs::write(&file, ics).unwrap();
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/scripts/ical_check.py");
    let output = std::process::Command::new(python)
        .arg(script)
        .arg(&file)
        .output()
        .expect("python runs");
    assert!(
        output.status.success(),
        "icalendar rejects the file:\n{}\n{ics}",
        String::from_utf8_lossy(&output.stderr)
    );
    Some(serde_json::from_slice(&output.stdout).unwrap())
}

#[tokio::test]
async fn calendars_follow_the_schedule_at_a_private_address() {
    for test in chainfair_e2e::backends().await {
        import_fixtures(test.store.as_ref()).await;
        let state = AppState::new(test.store.clone());
        let organiser = bearer(&state, AccountRole::Organiser, None).await;
        let lithium = bearer(&state, AccountRole::Exhibitor, Some("o-10")).await;
        let (status, _) = post_json(
            &state,
            &organiser.replace("Bearer ", "Bearer x"),
            "/api/v1/editions/expo-2024/organizations/o-10/calendar",
            "",
        )
        .await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "a bad token is refused");
        let (status, body) = post_json(
            &state,
            &lithium,
            "/api/v1/editions/expo-2024/organizations/o-10/calendar",
            "",
        )
        .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let url = body["url"].as_str().unwrap().to_owned();
        assert!(
            url.starts_with("/calendars/") && url.len() == "/calendars/.ics".len() + 32,
            "{url}"
        );
        // The same address every time.
        let (_, again) = post_json(
            &state,
            &organiser,
            "/api/v1/editions/expo-2024/organizations/o-10/calendar",
            "",
        )
        .await;
        assert_eq!(again["url"], url.as_str());

        let (status, ics) = get(&state, &url).await;
        assert_eq!(status, StatusCode::OK);
        assert!(
            ics.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"),
            "{ics}"
        );
        for expected in [
            "UID:expo-2024.m-3@chainfair",
            "DTSTART;TZID=Asia/Shanghai:20241127T090000",
            "DTEND;TZID=Asia/Shanghai:20241127T092000",
            "SEQUENCE:2",
            "STATUS:CONFIRMED",
            "TZOFFSETTO:+0800",
        ] {
            assert!(ics.contains(expected), "{expected} missing:\n{ics}");
        }
        if let Some(seen) = parsed_by_icalendar(&ics) {
            assert_eq!(seen["timezones"], serde_json::json!(["Asia/Shanghai"]));
            let event = &seen["events"][0];
            assert_eq!(event["uid"], "expo-2024.m-3@chainfair");
            assert_eq!(event["start"], "2024-11-27T09:00:00+08:00");
            assert_eq!(event["sequence"], 2);
            assert_eq!(
                event["location"],
                "Table T12, Riverside Supply Chain Expo 2024"
            );
            assert_eq!(
                event["attendees"],
                serde_json::json!([
                    "urn:chainfair:organization:o-09",
                    "urn:chainfair:organization:o-10"
                ])
            );
        }

        // Cancelled (once unlocked): the same event, CANCELLED, a higher sequence.
        let base = "/api/v1/editions/expo-2024/meetings/m-3";
        post_json(&state, &organiser, &format!("{base}/unlock"), "").await;
        let (status, _) = post_json(&state, &lithium, &format!("{base}/cancel"), "").await;
        assert_eq!(status, StatusCode::OK);
        let (_, ics) = get(&state, &url).await;
        assert!(
            ics.contains("STATUS:CANCELLED") && ics.contains("SEQUENCE:3"),
            "{ics}"
        );
        if let Some(seen) = parsed_by_icalendar(&ics) {
            assert_eq!(seen["events"][0]["status"], "CANCELLED");
            assert_eq!(seen["events"][0]["sequence"], 3);
        }

        let (status, _) = get(&state, "/calendars/0123456789abcdef0123456789abcdef.ics").await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        let (status, page) =
            get_as(&state, Some(&organiser), "/editions/expo-2024/agenda/o-09").await;
        assert_eq!(status, StatusCode::OK);
        assert!(page.contains("No meeting is scheduled yet."), "{page}");
        let (status, _) = get_as(&state, Some(&lithium), "/editions/expo-2024/agenda/o-09").await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        let (status, _) = get(&state, "/editions/expo-2024/agenda/o-99").await;
        assert_eq!(status, StatusCode::NOT_FOUND);
    }
}

/// A chain page measured on a loaded table shows each segment's
/// upstreamness and stage; an unknown table is a 400 naming `io`.
#[tokio::test]
async fn chain_maps_show_upstreamness_from_a_loaded_table() {
    use chainfair_chains::io::read_csv_pair;
    let test = chainfair_e2e::sqlite().await;
    // Coffee farming (A01) sells to food processing (C10-C12), which sells
    // to retail (G47).
    let z = "code,A01,C10-C12,G47\nA01,0,60,0\nC10-C12,0,0,40\nG47,0,0,0\n";
    let sectors = "code,label,output\nA01,Crops,100\nC10-C12,Food,100\nG47,Retail,100\n";
    let table = read_csv_pair(z.as_bytes(), "Z.csv", sectors.as_bytes(), "sectors.csv").unwrap();
    let mut state = AppState::new(test.store.clone());
    state.io_tables = std::sync::Arc::new([("toy".to_owned(), table)].into_iter().collect());
    let (status, map) = get_json(&state, "/api/v1/chains/coffee?io=toy").await;
    assert_eq!(status, StatusCode::OK, "{map}");
    assert_eq!(map["measured_on"], "toy");
    let segment = |id: &str| {
        map["segments"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["id"] == id)
            .unwrap()["measured"]
            .clone()
    };
    // U(retail) = 1, U(food) = 1 + 0.4 = 1.4, U(farms) = 1 + 0.6 * 1.4 = 1.84.
    assert!((segment("arabica-growing")["upstreamness"].as_f64().unwrap() - 1.84).abs() < 1e-12);
    assert_eq!(segment("arabica-growing")["stage"], "upstream");
    let (status, page) = get(&state, "/chains/coffee?io=toy").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        page.contains("U 1.84 (Upstream)"),
        "upstreamness drawn on the map"
    );
    let (status, error) = get_json(&state, "/api/v1/chains/coffee?io=nope").await;
    assert_eq!(
        (status, &error["error"]["field"]),
        (StatusCode::BAD_REQUEST, &serde_json::json!("io"))
    );
}

/// Many clients at once: one open meeting per pair, one change per state.
#[tokio::test]
async fn simultaneous_requests_and_answers_land_once() {
    for test in chainfair_e2e::backends().await {
        import_fixtures(test.store.as_ref()).await;
        let state = AppState::new(test.store.clone());
        let backend = test.store.backend();
        let organiser = bearer(&state, AccountRole::Organiser, None).await;
        let base = "/api/v1/editions/expo-2024/meetings";
        // Twenty requests for o-03 and o-09 at once, both ways round.
        let mut requests = tokio::task::JoinSet::new();
        for i in 0..20 {
            let (state, who) = (state.clone(), organiser.clone());
            let body = if i % 2 == 0 {
                r#"{"a": "o-03", "b": "o-09", "book": true}"#
            } else {
                r#"{"a": "o-09", "b": "o-03", "book": true}"#
            };
            requests.spawn(async move { post_json(&state, &who, base, body).await });
        }
        // Meanwhile other pairs ask too: they must not be refused for an id.
        for other in ["o-04", "o-06", "o-08"] {
            let (status, m) = post_json(
                &state,
                &organiser,
                base,
                &format!(r#"{{"a": "o-02", "b": "{other}", "book": true}}"#),
            )
            .await;
            assert_eq!(status, StatusCode::CREATED, "{backend}: {m}");
        }
        let mut created = Vec::new();
        while let Some(answer) = requests.join_next().await {
            let (status, body) = answer.unwrap();
            match status {
                StatusCode::CREATED => created.push(body["id"].as_str().unwrap().to_owned()),
                StatusCode::CONFLICT => {}
                other => panic!("{backend}: {other}: {body}"),
            }
        }
        assert_eq!(created.len(), 1, "{backend}: {created:?}");

        // Ten cancel the one meeting at once: one succeeds.
        let cancel = format!("{base}/{}/cancel", created[0]);
        let mut answers = tokio::task::JoinSet::new();
        for _ in 0..10 {
            let (state, who, uri) = (state.clone(), organiser.clone(), cancel.clone());
            answers.spawn(async move { post_json(&state, &who, &uri, "").await.0 });
        }
        let mut ok = 0;
        while let Some(status) = answers.join_next().await {
            match status.unwrap() {
                StatusCode::OK => ok += 1,
                StatusCode::CONFLICT => {}
                other => panic!("{backend}: {other}"),
            }
        }
        assert_eq!(ok, 1, "{backend}");
        let (_, list) = get_json_as(&state, Some(&organiser), &format!("{base}?org=o-09")).await;
        let cancelled = list["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|m| m["id"] == created[0].as_str())
            .unwrap();
        assert_eq!(
            (&cancelled["status"], &cancelled["sequence"]),
            (&serde_json::json!("cancelled"), &serde_json::json!(1))
        );
    }
}
