//! The audience over HTTP: registration, badges, check-in, online
//! attendance and sign-ups, and the figures they move.
use crate::import_fixtures;
use crate::server::{bearer, get_as, get_json_as, post_json};
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use chainfair_core::AccountRole;
use chainfair_web::{AppState, router};
use serde_json::json;
use tower::ServiceExt;

async fn figures(state: &AppState) -> serde_json::Value {
    get_json_as(state, None, "/api/v1/editions/expo-2024/figures")
        .await
        .1
}

#[tokio::test]
async fn badges_let_people_in_once_a_day_and_forgeries_are_refused() {
    for test in chainfair_e2e::backends().await {
        import_fixtures(test.store.as_ref()).await;
        let state = AppState::new(test.store.clone());
        let organiser = bearer(&state, AccountRole::Organiser, None).await;
        let staff = bearer(&state, AccountRole::Exhibitor, Some("o-01")).await;
        let visitor = bearer(&state, AccountRole::Visitor, None).await;
        let before = figures(&state).await;
        assert_eq!(before["audience"]["offline"], 4);

        // A visitor registers through the API; the badge is theirs.
        let (status, me) = post_json(
            &state,
            &visitor,
            "/api/v1/editions/expo-2024/attendees",
            r#"{"name": "Ana <b>Lima</b>", "mode": "offline"}"#,
        )
        .await;
        assert_eq!(status, StatusCode::CREATED, "{me}");
        let token = me["token"].as_str().unwrap().to_owned();
        assert!(!token.contains("Ana"), "no personal data in the token");
        let (_, mine) = get_json_as(&state, Some(&visitor), "/api/v1/me/badges").await;
        assert_eq!(mine[0]["token"], token.as_str());
        let (status, svg) = get_as(&state, None, me["badge_svg"].as_str().unwrap()).await;
        assert_eq!(status, StatusCode::OK);
        assert!(
            svg.contains("Ana &#60;b&#62;Lima&#60;/b&#62;"),
            "the name, escaped: {svg}"
        );
        roxmltree::Document::parse(&svg).expect("the badge is well-formed SVG");
        let png = router(state.clone())
            .oneshot(
                Request::get(me["badge_png"].as_str().unwrap())
                    .body(Body::empty())
                    .unwrap(),
            )
            .await
            .unwrap();
        assert_eq!(png.headers()[header::CONTENT_TYPE], "image/png");
        // The token with its last digit changed.
        let last = if token.ends_with('0') { '1' } else { '0' };
        let forged = format!("{}{last}", &token[..token.len() - 1]);
        let (status, _) = get_as(&state, None, &format!("/badges/{forged}.svg")).await;
        assert_eq!(status, StatusCode::NOT_FOUND);

        // The door: the first scan of the day counts, the second does not.
        let scan = |token: &str, day: &str| json!({"token": token, "day": day}).to_string();
        let checkins = "/api/v1/editions/expo-2024/checkins";
        let (status, _) = post_json(&state, &staff, checkins, &scan(&token, "2024-11-27")).await;
        assert_eq!(
            status,
            StatusCode::FORBIDDEN,
            "only the organiser's staff scan"
        );
        let (status, first) =
            post_json(&state, &organiser, checkins, &scan(&token, "2024-11-27")).await;
        assert_eq!(status, StatusCode::CREATED, "{first}");
        assert_eq!(
            (&first["name"], &first["first_today"]),
            (&json!("Ana <b>Lima</b>"), &json!(true))
        );
        let (status, again) =
            post_json(&state, &organiser, checkins, &scan(&token, "2024-11-27")).await;
        assert_eq!(
            (status, &again["first_today"]),
            (StatusCode::OK, &json!(false))
        );
        let (status, error) =
            post_json(&state, &organiser, checkins, &scan(&forged, "2024-11-27")).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert_eq!(
            error["error"]["message"],
            "this badge is not valid: it was not issued by this expo or has been altered"
        );
        let (status, error) =
            post_json(&state, &organiser, checkins, &scan(&token, "2024-12-25")).await;
        assert_eq!(status, StatusCode::CONFLICT, "{error}");
        // A badge of another edition is named as such.
        let (_, old) = post_json(
            &state,
            "",
            "/api/v1/editions/expo-2023/attendees",
            r#"{"name": "Old Friend"}"#,
        )
        .await;
        let (status, error) = post_json(
            &state,
            &organiser,
            checkins,
            &scan(old["token"].as_str().unwrap(), "2024-11-27"),
        )
        .await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert_eq!(
            error["error"]["message"],
            "this badge is for expo-2023, not expo-2024"
        );

        // Twenty scanners read the same new badge at once: one first scan.
        let (_, rush) = post_json(
            &state,
            "",
            "/api/v1/editions/expo-2024/attendees",
            r#"{"name": "Rush Hour", "organization": "o-02"}"#,
        )
        .await;
        let rush = rush["token"].as_str().unwrap().to_owned();
        let mut scanners = tokio::task::JoinSet::new();
        for _ in 0..20 {
            let (state, organiser, body) =
                (state.clone(), organiser.clone(), scan(&rush, "2024-11-28"));
            scanners.spawn(async move { post_json(&state, &organiser, checkins, &body).await.0 });
        }
        let mut statuses = Vec::new();
        while let Some(status) = scanners.join_next().await {
            statuses.push(status.unwrap());
        }
        assert_eq!(
            statuses
                .iter()
                .filter(|s| **s == StatusCode::CREATED)
                .count(),
            1,
            "{statuses:?}"
        );
        assert!(
            statuses
                .iter()
                .all(|s| *s == StatusCode::CREATED || *s == StatusCode::OK)
        );

        // Online: a streamed session counts once per person and session.
        let online = "/api/v1/editions/expo-2024/online";
        let watch =
            json!({"token": token, "session": "opening-forum", "day": "2024-11-26"}).to_string();
        let (status, _) = post_json(&state, &organiser, online, &watch).await;
        assert_eq!(status, StatusCode::CREATED);
        let (status, _) = post_json(&state, &organiser, online, &watch).await;
        assert_eq!(status, StatusCode::OK);

        // Sign-ups for the next edition: staff for their own organisation.
        let signups = "/api/v1/editions/expo-2024/signups";
        let (status, _) = post_json(&state, &staff, signups, r#"{"organization": "o-01"}"#).await;
        assert_eq!(status, StatusCode::CREATED);
        let (status, _) = post_json(&state, &staff, signups, r#"{"organization": "o-01"}"#).await;
        assert_eq!(status, StatusCode::OK);
        let (status, _) = post_json(&state, &staff, signups, r#"{"organization": "o-02"}"#).await;
        assert_eq!(status, StatusCode::FORBIDDEN);

        let after = figures(&state).await;
        assert_eq!(
            after["audience"]["offline"], 6,
            "Ana and Rush Hour, once each"
        );
        assert_eq!(after["next_edition_signups"], 3);
        let day = |date: &str| {
            after["audience"]["by_day"]
                .as_array()
                .unwrap()
                .iter()
                .find(|d| d["date"] == date)
                .cloned()
                .unwrap()
        };
        assert_eq!(
            day("2024-11-27"),
            json!({"date": "2024-11-27", "offline": 3, "online": 0})
        );
        assert_eq!(
            day("2024-11-26"),
            json!({"date": "2024-11-26", "offline": 1, "online": 1})
        );
    }
}

#[tokio::test]
async fn the_forms_register_and_check_in() {
    let test = chainfair_e2e::sqlite().await;
    import_fixtures(test.store.as_ref()).await;
    let state = AppState::new(test.store.clone());
    let organiser = bearer(&state, AccountRole::Organiser, None).await;
    let form = |uri: &str, who: Option<&str>, body: &str| {
        let mut request =
            Request::post(uri).header("content-type", "application/x-www-form-urlencoded");
        if let Some(who) = who {
            request = request.header("authorization", who);
        }
        request.body(Body::from(body.to_owned())).unwrap()
    };
    let send = |request: Request<Body>| {
        let state = state.clone();
        async move {
            let response = router(state).oneshot(request).await.unwrap();
            let status = response.status();
            let body = axum::body::to_bytes(response.into_body(), usize::MAX)
                .await
                .unwrap();
            (status, String::from_utf8(body.to_vec()).unwrap())
        }
    };
    let (status, page) = get_as(&state, None, "/editions/expo-2024/register").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains(r#"<form method="post""#));
    let (status, page) = send(form(
        "/editions/expo-2024/register",
        None,
        "name=&mode=online",
    ))
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(page.contains("name: is empty"), "{page}");
    let (status, page) = send(form(
        "/editions/expo-2024/register",
        None,
        "name=Wang+Lei&mode=online",
    ))
    .await;
    assert_eq!(status, StatusCode::CREATED);
    assert!(page.contains("Thank you, Wang Lei"), "{page}");
    let token = page
        .split("/badges/")
        .nth(1)
        .and_then(|rest| rest.split(".svg").next())
        .unwrap()
        .to_owned();

    let (status, _) = get_as(&state, None, "/editions/expo-2024/checkin").await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let (status, page) = get_as(&state, Some(&organiser), "/editions/expo-2024/checkin").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains(r#"name="token""#));
    // Outside the edition's days the page says so (the fixture edition is over).
    let (status, page) = send(form(
        "/editions/expo-2024/checkin",
        Some(&organiser),
        &format!("token={token}"),
    ))
    .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert!(
        page.contains("expo-2024 is open from 2024-11-26 to 2024-11-30"),
        "{page}"
    );
    let (status, page) = send(form(
        "/editions/expo-2024/checkin",
        Some(&organiser),
        "token=nonsense",
    ))
    .await;
    assert_eq!(
        status,
        StatusCode::CONFLICT,
        "the day is checked first: {page}"
    );

    // Exhibitor staff sign up for the next edition from the edition's page.
    let staff = bearer(&state, AccountRole::Exhibitor, Some("o-03")).await;
    let (_, page) = get_as(&state, Some(&staff), "/editions/expo-2024").await;
    assert!(page.contains("Sign up for the next edition"), "{page}");
    let (status, _) = send(form("/editions/expo-2024/signup", Some(&staff), "")).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (_, page) = get_as(&state, Some(&staff), "/editions/expo-2024").await;
    assert!(page.contains("Your organisation has signed up"), "{page}");
    assert_eq!(figures(&state).await["next_edition_signups"], 3);
    let (status, _) = send(form("/editions/expo-2024/signup", Some(&organiser), "")).await;
    assert_eq!(
        status,
        StatusCode::FORBIDDEN,
        "the organiser has no organisation"
    );
}
