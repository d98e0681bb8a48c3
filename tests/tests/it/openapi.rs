//! The OpenAPI document: as reviewed (an insta snapshot, so every change of
//! the API is a visible diff), served at `/api/openapi.json`, and complete
//! (every route of the JSON API is in it).
//!
//! After a deliberate change: `cargo insta review` (or
//! `INSTA_UPDATE=always cargo test -p chainfair-e2e --test it openapi`)
//! and commit the changed `.snap` file with the code.
use crate::authz::routes_in_source;
use axum::http::StatusCode;
use chainfair_web::AppState;
use std::collections::BTreeSet;

fn document_json() -> serde_json::Value {
    serde_json::to_value(chainfair_web::openapi_document()).expect("the document serialises")
}

#[test]
fn the_document_is_as_reviewed() {
    let text = serde_json::to_string_pretty(&document_json()).unwrap();
    insta::assert_snapshot!("openapi", text);
}

/// (method, path) of every operation in the document.
fn operations(document: &serde_json::Value) -> BTreeSet<(String, String)> {
    let mut operations = BTreeSet::new();
    for (path, item) in document["paths"].as_object().expect("paths") {
        for method in item.as_object().expect("a path item").keys() {
            if ["get", "post", "put", "delete", "patch"].contains(&method.as_str()) {
                operations.insert((method.to_uppercase(), path.clone()));
            }
        }
    }
    operations
}

#[test]
fn every_api_route_is_in_the_document_and_nothing_else() {
    let api: BTreeSet<(String, String)> = routes_in_source()
        .into_iter()
        .filter(|(_, path)| path.starts_with("/api/") || path == "/healthz")
        .collect();
    assert!(api.len() > 40, "the router's source reads: {api:?}");
    let documented = operations(&document_json());
    let missing: Vec<_> = api.difference(&documented).collect();
    assert!(
        missing.is_empty(),
        "routes without #[utoipa::path]: {missing:?}"
    );
    let stale: Vec<_> = documented.difference(&api).collect();
    assert!(stale.is_empty(), "documented, not routed: {stale:?}");
}

#[test]
fn every_operation_names_its_answers_and_errors_have_one_shape() {
    let document = document_json();
    let mut ids = BTreeSet::new();
    for (path, item) in document["paths"].as_object().unwrap() {
        for (method, operation) in item.as_object().unwrap() {
            let id = operation["operationId"].as_str().unwrap();
            assert!(ids.insert(id.to_owned()), "operationId {id} twice");
            let responses = operation["responses"].as_object().unwrap();
            let at = format!("{method} {path}");
            assert!(
                responses.keys().any(|s| s.starts_with('2')),
                "{at}: no success"
            );
            assert!(responses.contains_key("500"), "{at}: no 500");
            assert!(responses.contains_key("401"), "{at}: no 401");
            for (status, response) in responses {
                if status.starts_with('4') || status.starts_with('5') {
                    assert_eq!(
                        response["content"]["application/json"]["schema"]["$ref"],
                        "#/components/schemas/ErrorBody",
                        "{at} {status}"
                    );
                }
            }
            if method != "get" && operation.get("security").is_some() {
                let security = operation["security"].as_array().unwrap();
                for requirement in security {
                    if requirement.get("session").is_some() {
                        assert!(
                            requirement.get("csrf").is_some(),
                            "{at}: a session write without the CSRF header"
                        );
                    }
                }
            }
        }
    }
}

/// Every `$ref` anywhere in `value`.
fn references<'a>(value: &'a serde_json::Value, found: &mut Vec<&'a str>) {
    match value {
        serde_json::Value::Object(map) => {
            for (key, item) in map {
                match (key.as_str(), item.as_str()) {
                    ("$ref", Some(target)) => found.push(target),
                    _ => references(item, found),
                }
            }
        }
        serde_json::Value::Array(items) => items.iter().for_each(|i| references(i, found)),
        _ => {}
    }
}

/// A reference to a schema the document lacks made schemathesis refuse two
/// operations (the action enums of path parameters were not collected).
#[test]
fn every_reference_resolves() {
    let document = document_json();
    let mut found = Vec::new();
    references(&document, &mut found);
    assert!(found.len() > 100, "{} references", found.len());
    for target in found {
        let name = target
            .strip_prefix("#/components/schemas/")
            .unwrap_or_else(|| panic!("a reference outside the schemas: {target}"));
        assert!(
            document["components"]["schemas"].get(name).is_some(),
            "{target} does not resolve"
        );
    }
}

#[tokio::test]
async fn the_server_serves_the_document() {
    let test = chainfair_e2e::sqlite().await;
    let state = AppState::new(test.store.clone());
    let (status, served) = crate::server::get_json_as(&state, None, "/api/openapi.json").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(served, document_json());
    assert!(served["openapi"].as_str().unwrap().starts_with("3.1"));
}
