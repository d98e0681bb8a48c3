//! What users type comes back escaped on every page: HTML and script in
//! every field people fill in, read back through every HTML page and the
//! badge, never appear as markup.
use crate::import_fixtures;
use crate::server::{bearer, get_as, post_json};
use chainfair_core::AccountRole;
use chainfair_store::{Kind, import_csv};
use chainfair_web::AppState;

const SCRIPT: &str = r#"<script>alert("x")</script>"#;
const IMG: &str = r#""><img src=x onerror=alert(1)>"#;

/// Both payloads in one value, as a CSV cell.
fn payload(label: &str) -> String {
    format!("{label} {SCRIPT} {IMG}")
}

fn cell(text: &str) -> String {
    format!("\"{}\"", text.replace('"', "\"\""))
}

#[tokio::test]
async fn html_and_script_typed_by_users_come_back_escaped_everywhere() {
    let test = chainfair_e2e::sqlite().await;
    let store = test.store.as_ref();
    import_fixtures(store).await;
    // An organisation whose names are attacks, taking part as an exhibitor.
    let orgs = format!(
        "id,name,name_zh,country,kind\no-66,{},{},GB,company\n",
        cell(&payload("Evil Ltd")),
        cell(&payload("恶意"))
    );
    import_csv(
        store,
        Kind::Organizations,
        "orgs.csv",
        orgs.as_bytes(),
        &|_| {},
    )
    .await
    .unwrap();
    let part = "edition,organization,role,of,key_client\nexpo-2024,o-66,exhibitor,,false\n";
    import_csv(
        store,
        Kind::Participations,
        "p.csv",
        part.as_bytes(),
        &|_| {},
    )
    .await
    .unwrap();
    let state = AppState::new(test.store.clone());
    let evil = bearer(&state, AccountRole::Exhibitor, Some("o-66")).await;
    let organiser = bearer(&state, AccountRole::Organiser, None).await;
    let profile = serde_json::json!({
        "description": payload("We make"),
        "offers_segments": ["photovoltaics/modules"],
    });
    let (status, _) = crate::server::put_json_pub(
        &state,
        &evil,
        "/api/v1/editions/expo-2024/profiles/o-66",
        &profile.to_string(),
    )
    .await;
    assert_eq!(status, axum::http::StatusCode::OK);
    let meeting = serde_json::json!({"a": "o-66", "b": "o-01", "message": payload("Hello")});
    post_json(
        &state,
        &evil,
        "/api/v1/editions/expo-2024/meetings",
        &meeting.to_string(),
    )
    .await;
    let visitor = serde_json::json!({"name": payload("Visitor"), "organization": "o-66"});
    let (_, badge) = post_json(
        &state,
        "",
        "/api/v1/editions/expo-2024/attendees",
        &visitor.to_string(),
    )
    .await;
    let expo = chainfair_core::EditionId::parse("e", "expo-2024").unwrap();
    let document = chainfair_core::Document::new(
        expo.clone(),
        "evil",
        &payload("Report"),
        "en",
        chainfair_core::DocumentKind::Report,
        "evil.txt",
        chainfair_core::parse_date("d", "2024-11-30").unwrap(),
    )
    .unwrap();
    store.put_document(&document, b"text").await.unwrap();
    store
        .put_floor(&expo, &crate::floor::fixture_floor())
        .await
        .unwrap();
    post_json(
        &state,
        &evil,
        "/api/v1/editions/expo-2024/booths/e-1/booking",
        r#"{"organization": "o-66"}"#,
    )
    .await;

    let badge_svg = badge["badge_svg"].as_str().unwrap().to_owned();
    let pages = [
        (None, "/".to_owned()),
        (None, "/editions/expo-2024".to_owned()),
        (None, "/editions/expo-2024/exhibitors?q=evil".to_owned()),
        (None, "/editions/expo-2024/organizations/o-66".to_owned()),
        (
            Some(&organiser),
            "/editions/expo-2024/organizations/o-66".to_owned(),
        ),
        (Some(&evil), "/editions/expo-2024/my/meetings".to_owned()),
        (
            Some(&evil),
            "/editions/expo-2024/my/recommendations".to_owned(),
        ),
        (
            Some(&organiser),
            "/editions/expo-2024/agenda/o-66".to_owned(),
        ),
        (None, "/editions/expo-2024/floor?q=evil".to_owned()),
        (
            None,
            "/editions/expo-2024/floor?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E".to_owned(),
        ),
        (None, "/editions/expo-2024/report".to_owned()),
        (Some(&organiser), "/editions/expo-2024/organiser".to_owned()),
        (Some(&evil), "/my/badges".to_owned()),
        (
            Some(&organiser),
            "/editions/expo-2024/agreements".to_owned(),
        ),
        (None, "/editions/expo-2024/register".to_owned()),
        (Some(&organiser), "/editions/expo-2024/checkin".to_owned()),
        (
            None,
            "/login?next=%22%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E".to_owned(),
        ),
        (None, badge_svg),
    ];
    let mut shown = 0;
    for (who, uri) in &pages {
        let (status, page) = get_as(&state, who.map(String::as_str), uri).await;
        assert!(status.is_success(), "{uri}: {status}");
        for raw in ["<script>alert", "<img src=x"] {
            assert!(
                !page.contains(raw),
                "{uri} shows {raw:?} unescaped:\n{page}"
            );
        }
        if page.contains("Evil Ltd") || page.contains("We make") || page.contains("Visitor") {
            shown += 1;
        }
    }
    assert!(
        shown >= 7,
        "the fields are on the pages, escaped ({shown} pages)"
    );
}
