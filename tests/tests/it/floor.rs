//! The floor: plan files read whole with line-numbered errors, booths
//! booked once however many ask at once, on every backend.
use crate::import_fixtures;
use crate::server::{bearer, get_json_as, post_json};
use axum::body::Body;
use axum::http::{Request, StatusCode};
use chainfair_core::{AccountRole, EditionId};
use chainfair_store::{read_floor_csv, read_space_requests};
use chainfair_web::{AppState, router};
use tower::ServiceExt;

const HALLS: &str = include_str!("../../fixtures/floor/halls.csv");
const ZONES: &str = include_str!("../../fixtures/floor/zones.csv");
const BOOTHS: &str = include_str!("../../fixtures/floor/booths.csv");
const REQUESTS: &str = include_str!("../../fixtures/floor/space-requests.csv");

pub(crate) fn fixture_floor() -> chainfair_core::Floor {
    read_floor_csv(
        ("halls.csv", HALLS.as_bytes()),
        ("zones.csv", ZONES.as_bytes()),
        ("booths.csv", BOOTHS.as_bytes()),
    )
    .expect("the fixture floor is valid")
}

#[test]
fn floor_files_are_read_whole_and_problems_have_their_line() {
    let floor = fixture_floor();
    assert_eq!(
        (
            floor.halls().len(),
            floor.zones().len(),
            floor.booths().len()
        ),
        (1, 2, 9)
    );
    // A booth over its neighbour, and one outside its zone: both named.
    let bad =
        format!("{BOOTHS}x-1,hall-1,h1-energy,9,3,6,4,row\nx-2,hall-1,h1-energy,28,2,6,4,row\n");
    let error = read_floor_csv(
        ("halls.csv", HALLS.as_bytes()),
        ("zones.csv", ZONES.as_bytes()),
        ("booths.csv", bad.as_bytes()),
    )
    .unwrap_err()
    .to_string();
    assert!(error.starts_with("booths.csv"), "{error}");
    assert!(error.contains("line 11"), "x-1 overlaps: {error}");
    assert!(error.contains("line 12"), "x-2 leaves its zone: {error}");
    let bad = ZONES.replace("left-to-right\nh1-digital", "sideways\nh1-digital");
    let error = read_floor_csv(
        ("halls.csv", HALLS.as_bytes()),
        ("zones.csv", bad.as_bytes()),
        ("booths.csv", BOOTHS.as_bytes()),
    )
    .unwrap_err()
    .to_string();
    assert!(
        error.contains("zones.csv") && error.contains("line 2, column 10 (flow)"),
        "{error}"
    );

    let requests = read_space_requests("space-requests.csv", REQUESTS.as_bytes()).unwrap();
    assert_eq!(requests.len(), 6);
    assert_eq!(requests[0].neighbours[0].as_str(), "o-02");
    let twice = format!("{REQUESTS}o-01,9,clean-energy,\n");
    let error = read_space_requests("space-requests.csv", twice.as_bytes())
        .unwrap_err()
        .to_string();
    assert!(
        error.contains("line 8") && error.contains("already has a request on line 2"),
        "{error}"
    );
    let bad = REQUESTS.replace("o-02,24,", "o-02,-3,");
    let error = read_space_requests("r.csv", bad.as_bytes())
        .unwrap_err()
        .to_string();
    assert!(error.contains("line 3, column 2 (area_m2)"), "{error}");
}

#[tokio::test]
async fn a_booth_is_booked_once_however_many_ask() {
    for test in chainfair_e2e::backends().await {
        import_fixtures(test.store.as_ref()).await;
        let state = AppState::new(test.store.clone());
        let organiser = bearer(&state, AccountRole::Organiser, None).await;
        let solar = bearer(&state, AccountRole::Exhibitor, Some("o-01")).await;
        let wind = bearer(&state, AccountRole::Exhibitor, Some("o-02")).await;
        let book = |booth: &str| format!("/api/v1/editions/expo-2024/booths/{booth}/booking");

        let (status, _) =
            post_json(&state, &solar, &book("e-1"), r#"{"organization": "o-01"}"#).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "no plan yet");
        let expo = EditionId::parse("edition", "expo-2024").unwrap();
        test.store.put_floor(&expo, &fixture_floor()).await.unwrap();

        let (status, _) =
            post_json(&state, &wind, &book("e-1"), r#"{"organization": "o-01"}"#).await;
        assert_eq!(
            status,
            StatusCode::FORBIDDEN,
            "staff book for their own organisation"
        );
        let (status, booked) =
            post_json(&state, &solar, &book("e-1"), r#"{"organization": "o-01"}"#).await;
        assert_eq!(status, StatusCode::CREATED, "{booked}");
        let (status, error) =
            post_json(&state, &wind, &book("e-1"), r#"{"organization": "o-02"}"#).await;
        assert_eq!(status, StatusCode::CONFLICT);
        assert_eq!(
            error["error"]["message"],
            "booth e-1 is already booked by o-01"
        );
        let (status, error) =
            post_json(&state, &solar, &book("e-2"), r#"{"organization": "o-01"}"#).await;
        assert_eq!(status, StatusCode::CONFLICT);
        assert_eq!(error["error"]["message"], "o-01 already has booth e-1");
        let (status, _) =
            post_json(&state, &wind, &book("e-9"), r#"{"organization": "o-02"}"#).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        let (status, _) = post_json(
            &state,
            &wind,
            &book("e-2"),
            r#"{"organization": "o-02", "fixed": true}"#,
        )
        .await;
        assert_eq!(status, StatusCode::FORBIDDEN, "only the organiser fixes");

        // Eight other participants ask for d-1 at the same moment: one wins.
        let others = [
            "o-03", "o-04", "o-05", "o-06", "o-07", "o-08", "o-09", "o-10",
        ];
        let mut askers = tokio::task::JoinSet::new();
        for org in others {
            let (state, organiser, uri) = (state.clone(), organiser.clone(), book("d-1"));
            let body = format!(r#"{{"organization": "{org}"}}"#);
            askers.spawn(async move { post_json(&state, &organiser, &uri, &body).await });
        }
        let mut won = Vec::new();
        while let Some(answer) = askers.join_next().await {
            let (status, body) = answer.unwrap();
            match status {
                StatusCode::CREATED => won.push(body["organization"].as_str().unwrap().to_owned()),
                StatusCode::CONFLICT => assert!(
                    body["error"]["message"]
                        .as_str()
                        .unwrap()
                        .starts_with("booth d-1 is already booked by"),
                    "{body}"
                ),
                other => panic!("{other}: {body}"),
            }
        }
        assert_eq!(won.len(), 1, "{won:?}");
        let (_, floor) = get_json_as(&state, None, "/api/v1/editions/expo-2024/floor").await;
        let bookings = floor["bookings"].as_array().unwrap();
        assert_eq!(bookings.len(), 2, "{floor}");
        assert!(
            bookings
                .iter()
                .any(|b| b["booth"] == "d-1" && b["organization"] == won[0].as_str())
        );

        // Releasing: the holder or the organiser.
        let release = |who: &str, booth: &str| {
            Request::delete(book(booth))
                .header("authorization", who)
                .body(Body::empty())
                .unwrap()
        };
        let response = router(state.clone())
            .oneshot(release(&wind, "e-1"))
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::FORBIDDEN);
        let response = router(state.clone())
            .oneshot(release(&solar, "e-1"))
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::NO_CONTENT);
        let (status, _) =
            post_json(&state, &wind, &book("e-1"), r#"{"organization": "o-02"}"#).await;
        assert_eq!(status, StatusCode::CREATED, "free again");

        // The plan page finds an exhibitor by name and highlights its booth.
        let (status, page) =
            crate::server::get_as(&state, None, "/editions/expo-2024/floor?q=nordwind").await;
        assert_eq!(status, StatusCode::OK);
        assert!(
            page.contains("Nordwind Energie GmbH: booth <strong>e-1</strong>"),
            "{page}"
        );
        assert!(page.contains(r#"data-org="o-02""#), "{page}");
        let (_, page) =
            crate::server::get_as(&state, None, "/editions/expo-2024/floor?q=nobody&lang=zh").await;
        assert!(
            page.contains("没有与“nobody”匹配且有展位的参展商"),
            "{page}"
        );
        let response = router(state.clone())
            .oneshot(Request::get("/floor").body(Body::empty()).unwrap())
            .await
            .unwrap();
        assert_eq!(response.headers()["location"], "/editions/expo-2024/floor");
    }
}
