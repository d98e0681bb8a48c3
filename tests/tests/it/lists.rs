//! The large lists of the API: the same pages (`page`, `per_page`, answered
//! with `items`, `total`, `page`, `per_page`) and an `ETag` that turns a
//! repeated request into `304 Not Modified` until the list changes.
use crate::import_fixtures;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use chainfair_core::AccountRole;
use chainfair_web::{AppState, router};
use serde_json::Value;
use tower::ServiceExt;

const E: &str = "/api/v1/editions/expo-2024";

/// The status, the `ETag` and the body (Null when empty) of a GET.
async fn fetch(
    state: &AppState,
    who: Option<&str>,
    uri: &str,
    if_none_match: Option<&str>,
) -> (StatusCode, Option<String>, Value) {
    let mut request = Request::get(uri);
    if let Some(who) = who {
        request = request.header(header::AUTHORIZATION, who);
    }
    if let Some(tag) = if_none_match {
        request = request.header(header::IF_NONE_MATCH, tag);
    }
    let response = router(state.clone())
        .oneshot(request.body(Body::empty()).unwrap())
        .await
        .unwrap();
    let status = response.status();
    let tag = response
        .headers()
        .get(header::ETAG)
        .map(|v| v.to_str().unwrap().to_owned());
    let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .unwrap();
    let body = if bytes.is_empty() {
        Value::Null
    } else {
        serde_json::from_slice(&bytes).unwrap_or_else(|e| panic!("{uri}: {e}"))
    };
    (status, tag, body)
}

#[tokio::test]
async fn large_lists_page_alike_and_answer_304_until_they_change() {
    let test = chainfair_e2e::sqlite().await;
    import_fixtures(test.store.as_ref()).await;
    let state = AppState::new(test.store.clone());
    let organiser = crate::server::bearer(&state, AccountRole::Organiser, None).await;
    // Two entries in the audit log.
    let (status, _) = crate::server::post_json(
        &state,
        &organiser,
        &format!("{E}/agreements"),
        r#"{"kind":"intention","parties":["o-01","o-02"],"date":"2024-11-28"}"#,
    )
    .await;
    assert_eq!(status, StatusCode::CREATED);
    // The document allows `null` for an action's optional body.
    let publish = format!("{E}/agreements/a-1/publish");
    let (status, _) = crate::server::post_json(&state, &organiser, &publish, "null").await;
    assert_eq!(status, StatusCode::OK);

    for list in ["organizations", "meetings", "agreements", "audit"] {
        let all = format!("{E}/{list}?per_page=500");
        let (status, _, whole) = fetch(&state, Some(&organiser), &all, None).await;
        assert_eq!(status, StatusCode::OK, "{list}: {whole}");
        let total = whole["total"].as_u64().unwrap();
        assert!(total >= 2, "{list}: {whole}");
        assert_eq!(whole["items"].as_array().unwrap().len() as u64, total);

        // The second page of one is the whole list's second item.
        let second = format!("{E}/{list}?page=2&per_page=1");
        let (status, tag, page) = fetch(&state, Some(&organiser), &second, None).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(
            (&page["total"], &page["page"], &page["per_page"]),
            (&whole["total"], &Value::from(2), &Value::from(1)),
            "{list}"
        );
        assert_eq!(page["items"], Value::from(vec![whole["items"][1].clone()]));

        // Past the end: no items, the same total.
        let past = format!("{E}/{list}?page=1000&per_page=500");
        let (_, _, empty) = fetch(&state, Some(&organiser), &past, None).await;
        assert_eq!(empty["items"], Value::Array(vec![]), "{list}");
        assert_eq!(empty["total"], whole["total"]);

        // Asked again with its tag: 304, no body, the same tag.
        let tag = tag.unwrap_or_else(|| panic!("{list} has no ETag"));
        let (status, again, body) = fetch(&state, Some(&organiser), &second, Some(&tag)).await;
        assert_eq!(status, StatusCode::NOT_MODIFIED, "{list}");
        assert_eq!((again.as_deref(), body), (Some(tag.as_str()), Value::Null));
        // Another page is another answer.
        let first = format!("{E}/{list}?page=1&per_page=1");
        let (status, other, _) = fetch(&state, Some(&organiser), &first, Some(&tag)).await;
        assert_eq!(status, StatusCode::OK, "{list}");
        assert_ne!(other.as_deref(), Some(tag.as_str()));

        for (query, field) in [
            ("page=0", "page"),
            ("page=x", "page"),
            ("per_page=0", "per_page"),
            ("per_page=501", "per_page"),
        ] {
            let uri = format!("{E}/{list}?{query}");
            let (status, _, error) = fetch(&state, Some(&organiser), &uri, None).await;
            assert_eq!(status, StatusCode::BAD_REQUEST, "{uri}");
            assert_eq!(error["error"]["field"], field, "{uri}: {error}");
        }
    }

    // A change changes the tag: a new meeting is in the next answer.
    let meetings = format!("{E}/meetings?per_page=500");
    let (_, before, _) = fetch(&state, Some(&organiser), &meetings, None).await;
    let (status, _) = crate::server::post_json(
        &state,
        &organiser,
        &format!("{E}/meetings"),
        r#"{"a":"o-01","b":"o-04","book":true}"#,
    )
    .await;
    assert_eq!(status, StatusCode::CREATED);
    let (status, after, _) = fetch(&state, Some(&organiser), &meetings, before.as_deref()).await;
    assert_eq!(status, StatusCode::OK);
    assert_ne!(after, before);

    // Callers who see different agreements get different tags.
    let agreements = format!("{E}/agreements");
    let (_, public, seen) = fetch(&state, None, &agreements, None).await;
    let (_, private, _) = fetch(&state, Some(&organiser), &agreements, None).await;
    assert_ne!(public, private, "{seen}");
    let (status, _, _) = fetch(&state, None, &agreements, private.as_deref()).await;
    assert_eq!(status, StatusCode::OK);

    // The chain maps' list: not paged (eleven industries), but tagged.
    let (status, tag, chains) = fetch(&state, None, "/api/v1/chains", None).await;
    assert_eq!(status, StatusCode::OK);
    assert!(chains.as_array().unwrap().len() >= 11);
    let (status, _, _) = fetch(&state, None, "/api/v1/chains", tag.as_deref()).await;
    assert_eq!(status, StatusCode::NOT_MODIFIED);
    let (status, _, _) = fetch(&state, None, "/api/v1/chains", Some("*")).await;
    assert_eq!(status, StatusCode::NOT_MODIFIED);
}
