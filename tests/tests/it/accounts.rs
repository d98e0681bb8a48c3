//! Accounts over HTTP: sessions with CSRF, login limits, invitations, API
//! tokens and password changes; agreements as each role sees and changes them.
use crate::import_fixtures;
use crate::server::{bearer, get_json_as, post_json};
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use chainfair_core::{Account, AccountRole};
use chainfair_web::{AppState, router};
use serde_json::{Value, json};
use tower::ServiceExt;

/// A request with optional cookie and extra headers; the status, the
/// session cookie it sets (if any) and the JSON body (Null when empty).
async fn call(
    state: &AppState,
    method: &str,
    uri: &str,
    cookie: Option<&str>,
    headers: &[(&str, &str)],
    body: &str,
) -> (StatusCode, Option<String>, Value) {
    let mut request = Request::builder().method(method).uri(uri);
    if let Some(cookie) = cookie {
        request = request.header(header::COOKIE, format!("chainfair_session={cookie}"));
    }
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    if !headers
        .iter()
        .any(|(n, _)| n.eq_ignore_ascii_case("content-type"))
    {
        request = request.header("content-type", "application/json");
    }
    let response = router(state.clone())
        .oneshot(request.body(Body::from(body.to_owned())).unwrap())
        .await
        .unwrap();
    let status = response.status();
    let set = response
        .headers()
        .get(header::SET_COOKIE)
        .map(|v| v.to_str().unwrap().to_owned());
    let session = set.as_deref().and_then(|v| {
        let value = v.strip_prefix("chainfair_session=")?.split(';').next()?;
        (!value.is_empty()).then(|| value.to_owned())
    });
    if let Some(set) = &set {
        assert!(
            set.contains("HttpOnly") && set.contains("SameSite=Lax"),
            "{set}"
        );
    }
    let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .unwrap();
    let json = if bytes.is_empty() {
        Value::Null
    } else {
        serde_json::from_slice(&bytes).unwrap()
    };
    (status, session, json)
}

async fn organiser_with_password(state: &AppState, email: &str, password: &str) {
    let account = Account::new(
        chainfair_web::auth::new_id(),
        email,
        "Organiser",
        AccountRole::Organiser,
        None,
        "en",
    )
    .unwrap();
    let hash = chainfair_web::auth::hash_password_blocking(password).unwrap();
    state
        .store
        .create_account(&account, &hash, None)
        .await
        .unwrap();
}

#[tokio::test]
async fn sessions_need_their_csrf_token_and_end_at_logout() {
    let test = chainfair_e2e::sqlite().await;
    let state = AppState::new(test.store.clone());
    organiser_with_password(&state, "chair@expo.cn", "a long secret").await;
    let login = json!({"email": " Chair@Expo.cn", "password": "a long secret"}).to_string();
    let (status, cookie, body) = call(&state, "POST", "/api/v1/login", None, &[], &login).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let cookie = cookie.expect("a session cookie");
    let csrf = body["csrf"].as_str().unwrap().to_owned();
    assert_eq!(body["account"]["role"], "organiser");

    let (status, _, me) = call(&state, "GET", "/api/v1/me", Some(&cookie), &[], "").await;
    assert_eq!(
        (status, &me["account"]["email"]),
        (StatusCode::OK, &json!("chair@expo.cn"))
    );
    assert_eq!(me["csrf"], csrf.as_str());

    // An unsafe request of the session without the token is refused.
    let lang = r#"{"lang": "zh"}"#;
    let (status, _, error) = call(&state, "PUT", "/api/v1/me/lang", Some(&cookie), &[], lang).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert!(error["error"]["message"].as_str().unwrap().contains("CSRF"));
    let wrong = [("x-csrf-token", "0".repeat(64))];
    let wrong: Vec<(&str, &str)> = wrong.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let (status, ..) = call(
        &state,
        "PUT",
        "/api/v1/me/lang",
        Some(&cookie),
        &wrong,
        lang,
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let with = [("x-csrf-token", csrf.as_str())];
    let (status, ..) = call(&state, "PUT", "/api/v1/me/lang", Some(&cookie), &with, lang).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let (_, _, me) = call(&state, "GET", "/api/v1/me", Some(&cookie), &[], "").await;
    assert_eq!(me["account"]["lang"], "zh");

    // An upload carries it as a field of the multipart form: past the
    // check, the (unknown) edition is the only problem.
    let multipart = [("content-type", "multipart/form-data; boundary=XyZ")];
    let upload = |token: &str| {
        format!(
            "--XyZ\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{token}\r\n\
             --XyZ\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\norganizations\r\n--XyZ--\r\n"
        )
    };
    let uri = "/editions/nowhere/organiser/import";
    let (status, _, error) =
        call(&state, "POST", uri, Some(&cookie), &multipart, &upload("x")).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{error}");
    assert!(error["error"]["message"].as_str().unwrap().contains("CSRF"));
    let (status, _, error) = call(
        &state,
        "POST",
        uri,
        Some(&cookie),
        &multipart,
        &upload(&csrf),
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND, "{error}");

    // A form carries the token as a field.
    let form = [("content-type", "application/x-www-form-urlencoded")];
    let (status, ..) = call(
        &state,
        "POST",
        "/api/v1/logout",
        Some(&cookie),
        &form,
        "csrf=x",
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let body = format!("csrf={csrf}");
    let (status, cleared, _) = call(
        &state,
        "POST",
        "/api/v1/logout",
        Some(&cookie),
        &form,
        &body,
    )
    .await;
    assert_eq!(
        (status, cleared),
        (StatusCode::SEE_OTHER, None),
        "a form goes back home"
    );
    let (status, ..) = call(&state, "GET", "/api/v1/me", Some(&cookie), &[], "").await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "the session ended");
}

#[tokio::test]
async fn the_sign_in_page_starts_a_session_and_returns_where_one_was_going() {
    let test = chainfair_e2e::sqlite().await;
    let state = AppState::new(test.store.clone());
    organiser_with_password(&state, "chair@expo.cn", "a long secret").await;
    let (status, page) = crate::server::get_as(&state, None, "/login?next=/chains").await;
    assert!(page.contains(r#"name="next" value="/chains""#), "{page}");
    assert_eq!(status, StatusCode::OK);
    let wrong = "email=chair%40expo.cn&password=nope&next=%2Fchains";
    let response = router(state.clone())
        .oneshot(
            Request::post("/login")
                .header("content-type", "application/x-www-form-urlencoded")
                .body(Body::from(wrong))
                .unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    let page = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .unwrap();
    let page = String::from_utf8(page.to_vec()).unwrap();
    assert!(page.contains("wrong e-mail address or password"), "{page}");
    assert!(
        page.contains(r#"value="chair@expo.cn""#),
        "the address stays filled in"
    );

    let right = "email=chair%40expo.cn&password=a+long+secret&next=%2Fchains";
    let response = router(state.clone())
        .oneshot(
            Request::post("/login")
                .header("content-type", "application/x-www-form-urlencoded")
                .body(Body::from(right))
                .unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(response.headers()[header::LOCATION], "/chains");
    let cookie = response.headers()[header::SET_COOKIE].to_str().unwrap();
    let cookie = cookie["chainfair_session=".len()..]
        .split(';')
        .next()
        .unwrap()
        .to_owned();
    // Every page's header now names the organiser and offers to sign out.
    let response = router(state.clone())
        .oneshot(
            Request::get("/chains")
                .header(header::COOKIE, format!("chainfair_session={cookie}"))
                .body(Body::empty())
                .unwrap(),
        )
        .await
        .unwrap();
    let page = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .unwrap();
    let page = String::from_utf8(page.to_vec()).unwrap();
    assert!(page.contains("Organiser (organiser)"), "{page}");
    assert!(page.contains(r#"action="/logout""#));
}

#[tokio::test]
async fn logins_are_limited_and_passwords_change() {
    let test = chainfair_e2e::sqlite().await;
    let state = AppState::new(test.store.clone());
    organiser_with_password(&state, "chair@expo.cn", "a long secret").await;
    let attempt =
        |password: &str| json!({"email": "chair@expo.cn", "password": password}).to_string();

    let (_, first, body) = call(
        &state,
        "POST",
        "/api/v1/login",
        None,
        &[],
        &attempt("a long secret"),
    )
    .await;
    let first = first.unwrap();
    let csrf = body["csrf"].as_str().unwrap().to_owned();
    let (_, second, _) = call(
        &state,
        "POST",
        "/api/v1/login",
        None,
        &[],
        &attempt("a long secret"),
    )
    .await;
    let second = second.unwrap();

    // The password changes from the first session: the second ends.
    let with = [("x-csrf-token", csrf.as_str())];
    let short = r#"{"current": "a long secret", "new": "short"}"#;
    let (status, _, error) = call(
        &state,
        "PUT",
        "/api/v1/me/password",
        Some(&first),
        &with,
        short,
    )
    .await;
    assert_eq!(
        (status, &error["error"]["field"]),
        (StatusCode::BAD_REQUEST, &json!("password"))
    );
    let change = r#"{"current": "a long secret", "new": "an even longer secret"}"#;
    let (status, ..) = call(
        &state,
        "PUT",
        "/api/v1/me/password",
        Some(&first),
        &with,
        change,
    )
    .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let (status, ..) = call(&state, "GET", "/api/v1/me", Some(&first), &[], "").await;
    assert_eq!(status, StatusCode::OK);
    let (status, ..) = call(&state, "GET", "/api/v1/me", Some(&second), &[], "").await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let (status, ..) = call(
        &state,
        "POST",
        "/api/v1/login",
        None,
        &[],
        &attempt("a long secret"),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN, "the old password is gone");

    // Five failures (the one above and four more), then even the right
    // password waits.
    for _ in 0..4 {
        let (status, _, error) = call(
            &state,
            "POST",
            "/api/v1/login",
            None,
            &[],
            &attempt("guess"),
        )
        .await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        assert_eq!(
            error["error"]["message"],
            "wrong e-mail address or password"
        );
    }
    let right = attempt("an even longer secret");
    let (status, _, error) = call(&state, "POST", "/api/v1/login", None, &[], &right).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS, "{error}");
    // An unknown address answers like a wrong password.
    let nobody = json!({"email": "nobody@expo.cn", "password": "whatever it is"}).to_string();
    let (status, ..) = call(&state, "POST", "/api/v1/login", None, &[], &nobody).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn invitations_make_staff_and_tokens_are_scoped_and_revocable() {
    let test = chainfair_e2e::sqlite().await;
    import_fixtures(test.store.as_ref()).await;
    let state = AppState::new(test.store.clone());
    let organiser = bearer(&state, AccountRole::Organiser, None).await;
    let (status, invitation) = post_json(
        &state,
        &organiser,
        "/api/v1/invitations",
        r#"{"organization": "o-03"}"#,
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{invitation}");
    let code = invitation["code"].as_str().unwrap().to_owned();
    let (status, _) = post_json(
        &state,
        &organiser,
        "/api/v1/invitations",
        r#"{"organization": "o-404"}"#,
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);

    let signup = |email: &str, code: Option<&str>| {
        json!({"email": email, "name": "Sofía", "password": "litio argentino", "code": code})
            .to_string()
    };
    let (status, cookie, body) = call(
        &state,
        "POST",
        "/api/v1/register",
        None,
        &[],
        &signup("sofia@pampas.ar", Some(&code)),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    assert_eq!(
        (&body["account"]["role"], &body["account"]["organization"]),
        (&json!("exhibitor"), &json!("o-03"))
    );
    assert!(cookie.is_some(), "signed in at once");
    let (status, _, error) = call(
        &state,
        "POST",
        "/api/v1/register",
        None,
        &[],
        &signup("other@pampas.ar", Some(&code)),
    )
    .await;
    assert_eq!(
        (status, &error["error"]["field"]),
        (StatusCode::BAD_REQUEST, &json!("code"))
    );
    let (status, _, error) = call(
        &state,
        "POST",
        "/api/v1/register",
        None,
        &[],
        &signup("sofia@pampas.ar", None),
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT, "{error}");
    let (status, _, visitor) = call(
        &state,
        "POST",
        "/api/v1/register",
        None,
        &[],
        &signup("fan@example.org", None),
    )
    .await;
    assert_eq!(
        (status, &visitor["account"]["role"]),
        (StatusCode::CREATED, &json!("visitor"))
    );
    let (_, list) = get_json_as(&state, Some(&organiser), "/api/v1/invitations").await;
    assert!(list[0]["used_by"].is_string(), "{list}");
    assert!(list[0].get("code").is_none(), "codes are shown once");

    // A read token reads and cannot write; a revoked one is refused.
    let (status, token) = post_json(
        &state,
        &organiser,
        "/api/v1/tokens",
        r#"{"name": "dashboard", "scope": "read"}"#,
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{token}");
    let reader = format!("Bearer {}", token["token"].as_str().unwrap());
    let (status, _) = get_json_as(&state, Some(&reader), "/api/v1/invitations").await;
    assert_eq!(status, StatusCode::OK);
    let (status, error) = post_json(
        &state,
        &reader,
        "/api/v1/invitations",
        r#"{"organization": "o-03"}"#,
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{error}");
    let id = token["id"].as_str().unwrap();
    let (status, _, _) = call(
        &state,
        "DELETE",
        &format!("/api/v1/tokens/{id}"),
        None,
        &[("authorization", organiser.as_str())],
        "",
    )
    .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let (status, _) = get_json_as(&state, Some(&reader), "/api/v1/me").await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn agreements_show_amounts_to_parties_and_keep_their_history() {
    for test in chainfair_e2e::backends().await {
        import_fixtures(test.store.as_ref()).await;
        let state = AppState::new(test.store.clone());
        let organiser = bearer(&state, AccountRole::Organiser, None).await;
        let lithium = bearer(&state, AccountRole::Exhibitor, Some("o-03")).await;
        let sakura = bearer(&state, AccountRole::Exhibitor, Some("o-04")).await;
        let solar = bearer(&state, AccountRole::Exhibitor, Some("o-01")).await;
        let visitor = bearer(&state, AccountRole::Visitor, None).await;
        let base = "/api/v1/editions/expo-2024/agreements";
        let seen = |page: &Value| -> Vec<(String, Option<String>)> {
            page["items"]
                .as_array()
                .unwrap()
                .iter()
                .map(|a| {
                    (
                        a["id"].as_str().unwrap().to_owned(),
                        a["amount"].as_str().map(str::to_owned),
                    )
                })
                .collect()
        };
        let (_, all) = get_json_as(&state, Some(&organiser), base).await;
        assert_eq!(all["total"], 6, "{all}");
        let (_, public) = get_json_as(&state, None, base).await;
        let published = vec![
            ("g-1".to_owned(), None),
            ("g-2".to_owned(), None),
            ("g-5".to_owned(), None),
            ("g-6".to_owned(), None),
        ];
        assert_eq!(seen(&public), published);
        let (_, as_visitor) = get_json_as(&state, Some(&visitor), base).await;
        assert_eq!(seen(&as_visitor), published);
        // o-03 is a party of g-3 (unpublished): it sees it, with its amount.
        let (_, mine) = get_json_as(&state, Some(&lithium), base).await;
        assert!(
            seen(&mine).contains(&("g-3".to_owned(), Some("1000000.00".to_owned()))),
            "{mine}"
        );
        assert!(!seen(&mine).iter().any(|(id, _)| id == "g-4"));
        let (_, paged) = get_json_as(
            &state,
            Some(&organiser),
            &format!("{base}?page=2&per_page=4"),
        )
        .await;
        assert_eq!(
            (
                paged["total"].as_u64(),
                paged["items"].as_array().unwrap().len()
            ),
            (Some(6), 2)
        );

        // o-03 records an intention with o-04; o-04 signs it.
        let new = r#"{"kind": "cooperation", "parties": ["o-03", "o-04"], "amount": "2500000.00",
                      "currency": "CNY", "date": "2024-11-28", "industry": "lithium-ion-batteries"}"#;
        let (status, _) = post_json(&state, &solar, base, new).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "not a party");
        let (status, created) = post_json(&state, &lithium, base, new).await;
        assert_eq!(status, StatusCode::CREATED, "{created}");
        assert_eq!(
            (&created["id"], &created["status"]),
            (&json!("a-1"), &json!("intention"))
        );
        let (status, _) = post_json(&state, &solar, &format!("{base}/a-1/sign"), "").await;
        assert_eq!(
            status,
            StatusCode::NOT_FOUND,
            "unpublished: o-01 does not see it"
        );
        let note = r#"{"date": "2024-11-28", "note": "Offtake of 2,000 t agreed at the booth.", "meeting": "m-4"}"#;
        let (status, _) = post_json(&state, &sakura, &format!("{base}/a-1/notes"), note).await;
        assert_eq!(status, StatusCode::CREATED);
        let sign = r#"{"date": "2024-11-29"}"#;
        let (status, signed) = post_json(&state, &sakura, &format!("{base}/a-1/sign"), sign).await;
        assert_eq!(status, StatusCode::OK, "{signed}");
        assert_eq!(
            (&signed["status"], &signed["signed_on"], &signed["revision"]),
            (&json!("signed"), &json!("2024-11-29"), &json!(1))
        );
        let (status, error) = post_json(&state, &sakura, &format!("{base}/a-1/sign"), sign).await;
        assert_eq!(status, StatusCode::CONFLICT);
        assert_eq!(
            error["error"]["message"],
            "agreement a-1 is signed; it cannot sign"
        );

        let (status, history) =
            get_json_as(&state, Some(&lithium), &format!("{base}/a-1/history")).await;
        assert_eq!(status, StatusCode::OK);
        let actions: Vec<&str> = history
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["action"].as_str().unwrap())
            .collect();
        assert_eq!(actions, ["create", "note", "sign"]);
        assert_eq!(history[1]["after"]["meeting"], "m-4");
        assert_eq!(history[2]["before"]["status"], "intention");
        assert!(
            history[2]["actor"]
                .as_str()
                .unwrap()
                .starts_with("exhibitor:")
        );
        let (status, _) =
            get_json_as(&state, Some(&lithium), "/api/v1/editions/expo-2024/audit").await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        let (_, audit) =
            get_json_as(&state, Some(&organiser), "/api/v1/editions/expo-2024/audit").await;
        assert_eq!(audit["items"].as_array().unwrap().len(), 3);
        assert_eq!((&audit["total"], &audit["page"]), (&json!(3), &json!(1)));

        // The figures follow: one more agreement, 2.5 million yuan more; a
        // cancellation takes it out again.
        let figures = "/api/v1/editions/expo-2024/figures";
        let (_, f) = get_json_as(&state, None, figures).await;
        assert_eq!(
            (&f["agreements"]["count"], &f["agreements"]["total"]["CNY"]),
            (&json!(6), &json!("13284702.46"))
        );
        let (status, _) = post_json(&state, &organiser, &format!("{base}/a-1/cancel"), "").await;
        assert_eq!(status, StatusCode::OK);
        let (_, f) = get_json_as(&state, None, figures).await;
        assert_eq!(
            (&f["agreements"]["count"], &f["agreements"]["total"]["CNY"]),
            (&json!(5), &json!("10784702.46"))
        );
    }
}

#[tokio::test]
async fn the_organiser_publishes_documents_that_everyone_reads() {
    for test in chainfair_e2e::backends().await {
        import_fixtures(test.store.as_ref()).await;
        let state = AppState::new(test.store.clone());
        let organiser = bearer(&state, AccountRole::Organiser, None).await;
        let staff = bearer(&state, AccountRole::Exhibitor, Some("o-01")).await;
        let pdf = b"%PDF-1.7\n% a real file would go on\n";
        let uri = "/api/v1/editions/expo-2024/documents/promotion-report?title=Global%20Supply%20Chain%20Promotion%20Report&lang=zh&kind=report&file_name=%E4%BF%83%E8%BF%9B%E6%8A%A5%E5%91%8A.pdf&date=2024-11-30";
        let put = |who: &str| {
            let mut request = Request::put(uri).header("content-type", "application/pdf");
            if !who.is_empty() {
                request = request.header("authorization", who);
            }
            request.body(Body::from(&pdf[..])).unwrap()
        };
        for (who, status) in [
            ("", StatusCode::UNAUTHORIZED),
            (staff.as_str(), StatusCode::FORBIDDEN),
        ] {
            let response = router(state.clone()).oneshot(put(who)).await.unwrap();
            assert_eq!(response.status(), status);
        }
        let response = router(state.clone())
            .oneshot(put(&organiser))
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::CREATED);
        let bad = uri.replace("kind=report", "kind=memo");
        let response = router(state.clone())
            .oneshot(
                Request::put(bad.as_str())
                    .header("authorization", organiser.as_str())
                    .body(Body::from(&pdf[..]))
                    .unwrap(),
            )
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::BAD_REQUEST);

        let (_, list) = get_json_as(&state, None, "/api/v1/editions/expo-2024/documents").await;
        assert_eq!(list.as_array().unwrap().len(), 1, "{list}");
        assert_eq!(
            (&list[0]["size"], &list[0]["content_type"], &list[0]["url"]),
            (
                &json!(pdf.len()),
                &json!("application/pdf"),
                &json!("/editions/expo-2024/documents/promotion-report")
            )
        );
        let response = router(state.clone())
            .oneshot(
                Request::get("/editions/expo-2024/documents/promotion-report")
                    .body(Body::empty())
                    .unwrap(),
            )
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        let headers = response.headers().clone();
        assert_eq!(headers[header::CONTENT_TYPE], "application/pdf");
        assert_eq!(headers[header::CONTENT_SECURITY_POLICY], "sandbox");
        assert_eq!(headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
        assert_eq!(
            headers[header::CONTENT_DISPOSITION],
            "inline; filename=\"____.pdf\"; filename*=UTF-8''%E4%BF%83%E8%BF%9B%E6%8A%A5%E5%91%8A.pdf"
        );
        let body = axum::body::to_bytes(response.into_body(), usize::MAX)
            .await
            .unwrap();
        assert_eq!(&body[..], &pdf[..], "the file comes back byte for byte");
        let (_, page) = crate::server::get_as(&state, None, "/editions/expo-2024").await;
        assert!(
            page.contains("Global Supply Chain Promotion Report</a> (report, zh, 2024-11-30"),
            "{page}"
        );

        let delete = |who: &str| {
            Request::delete("/api/v1/editions/expo-2024/documents/promotion-report")
                .header("authorization", who)
                .body(Body::empty())
                .unwrap()
        };
        let response = router(state.clone())
            .oneshot(delete(&organiser))
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::NO_CONTENT);
        let response = router(state.clone())
            .oneshot(delete(&organiser))
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::NOT_FOUND);
    }
}

#[tokio::test]
async fn bodies_over_the_limit_are_refused_with_413() {
    let test = chainfair_e2e::sqlite().await;
    import_fixtures(test.store.as_ref()).await;
    let mut state = AppState::new(test.store.clone());
    state.body_limit = 4096;
    let organiser = bearer(&state, AccountRole::Organiser, None).await;
    let big = "x".repeat(5000);
    let uri =
        "/api/v1/editions/expo-2024/documents/big?title=Big&lang=en&kind=other&file_name=big.txt";
    let response = router(state.clone())
        .oneshot(
            Request::put(uri)
                .header("authorization", organiser.as_str())
                .body(Body::from(big.clone()))
                .unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::PAYLOAD_TOO_LARGE);
    let (status, error) = post_json(
        &state,
        &organiser,
        "/api/v1/editions/expo-2024/attendees",
        &json!({"name": big}).to_string(),
    )
    .await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(error["error"]["code"], "too_large");
    // A CSV upload on the organiser's page too.
    let upload = format!(
        "--B\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\norganizations\r\n\
         --B\r\nContent-Disposition: form-data; name=\"file\"; filename=\"o.csv\"\r\n\r\n{big}\r\n--B--\r\n"
    );
    let response = router(state.clone())
        .oneshot(
            Request::post("/editions/expo-2024/organiser/import")
                .header("authorization", organiser.as_str())
                .header("content-type", "multipart/form-data; boundary=B")
                .body(Body::from(upload))
                .unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::PAYLOAD_TOO_LARGE);
}

/// The exhibitor's journey through the pages, with a real session and the
/// CSRF field the pages put in their forms: A finds B in the directory,
/// asks for a meeting from B's page, B accepts it in its inbox.
#[tokio::test]
async fn an_exhibitor_finds_a_partner_and_a_meeting_is_agreed_through_the_pages() {
    let test = chainfair_e2e::sqlite().await;
    import_fixtures(test.store.as_ref()).await;
    let state = AppState::new(test.store.clone());
    let staff = |email: &str, org: &str| {
        let account = Account::new(
            chainfair_web::auth::new_id(),
            email,
            "Staff",
            AccountRole::Exhibitor,
            Some(chainfair_core::OrganizationId::parse("org", org).unwrap()),
            "en",
        )
        .unwrap();
        let hash = chainfair_web::auth::hash_password_blocking("a long secret").unwrap();
        (account, hash)
    };
    for (email, org) in [("a@huaxin.cn", "o-01"), ("b@nordwind.de", "o-02")] {
        let (account, hash) = staff(email, org);
        state
            .store
            .create_account(&account, &hash, None)
            .await
            .unwrap();
    }
    // Signs in through the form; the session cookie.
    let sign_in = |email: &'static str| {
        let state = state.clone();
        async move {
            let body = format!("email={}&password=a+long+secret", email.replace('@', "%40"));
            let response = router(state)
                .oneshot(
                    Request::post("/login")
                        .header("content-type", "application/x-www-form-urlencoded")
                        .body(Body::from(body))
                        .unwrap(),
                )
                .await
                .unwrap();
            let cookie = response.headers()[header::SET_COOKIE].to_str().unwrap();
            cookie.split(';').next().unwrap().to_owned()
        }
    };
    let page = |cookie: String, uri: String| {
        let state = state.clone();
        async move {
            let response = router(state)
                .oneshot(
                    Request::get(uri)
                        .header(header::COOKIE, cookie)
                        .body(Body::empty())
                        .unwrap(),
                )
                .await
                .unwrap();
            assert_eq!(response.status(), StatusCode::OK);
            let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
                .await
                .unwrap();
            String::from_utf8(bytes.to_vec()).unwrap()
        }
    };
    let submit = |cookie: String, uri: String, form: String| {
        let state = state.clone();
        async move {
            let response = router(state)
                .oneshot(
                    Request::post(uri)
                        .header(header::COOKIE, cookie)
                        .header("content-type", "application/x-www-form-urlencoded")
                        .body(Body::from(form))
                        .unwrap(),
                )
                .await
                .unwrap();
            response.status()
        }
    };
    let csrf_in = |html: &str| {
        html.split(r#"name="csrf" value=""#)
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .unwrap()
            .to_owned()
    };

    let a = sign_in("a@huaxin.cn").await;
    let found = page(
        a.clone(),
        "/editions/expo-2024/exhibitors?q=nordwind&region=Europe".into(),
    )
    .await;
    assert!(
        found
            .contains(r#"href="/editions/expo-2024/organizations/o-02">Nordwind Energie GmbH</a>"#),
        "{found}"
    );
    assert!(found.contains("1 found"), "{found}");
    let partner = page(a.clone(), "/editions/expo-2024/organizations/o-02".into()).await;
    assert!(partner.contains("Request a meeting as o-01"), "{partner}");
    let csrf = csrf_in(&partner);
    let no_token = submit(
        a.clone(),
        "/editions/expo-2024/meetings".into(),
        "b=o-02".into(),
    )
    .await;
    assert_eq!(
        no_token,
        StatusCode::FORBIDDEN,
        "a form without its CSRF field is refused"
    );
    let asked = submit(
        a.clone(),
        "/editions/expo-2024/meetings".into(),
        format!("csrf={csrf}&b=o-02&message=Modules+for+your+parks%3F"),
    )
    .await;
    assert_eq!(asked, StatusCode::SEE_OTHER);

    let b = sign_in("b@nordwind.de").await;
    let inbox = page(b.clone(), "/editions/expo-2024/my/meetings".into()).await;
    assert!(
        inbox.contains("requested (asks you)") && inbox.contains("Modules for your parks?"),
        "{inbox}"
    );
    let accepted = submit(
        b.clone(),
        "/editions/expo-2024/meetings/r-1/accept".into(),
        format!("csrf={}", csrf_in(&inbox)),
    )
    .await;
    assert_eq!(accepted, StatusCode::SEE_OTHER);
    for cookie in [a.clone(), b] {
        let inbox = page(cookie, "/editions/expo-2024/my/meetings".into()).await;
        assert!(inbox.contains("<td>accepted</td>"), "{inbox}");
        assert!(
            inbox.contains("/calendars/"),
            "the calendar address is offered"
        );
    }
    let recommended = page(a, "/editions/expo-2024/my/recommendations".into()).await;
    assert!(recommended.contains("Partners for you"), "{recommended}");
}
