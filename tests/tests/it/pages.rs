//! The pages in both languages, and the agreements page's forms.
use crate::import_fixtures;
use crate::server::{bearer, get_as};
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use chainfair_core::AccountRole;
use chainfair_web::{AppState, router};
use tower::ServiceExt;

/// Sends `request`; the status, the headers and the body as text.
async fn send(state: &AppState, request: Request<Body>) -> (StatusCode, header::HeaderMap, String) {
    let response = router(state.clone()).oneshot(request).await.unwrap();
    let (parts, body) = response.into_parts();
    let bytes = axum::body::to_bytes(body, usize::MAX).await.unwrap();
    (
        parts.status,
        parts.headers,
        String::from_utf8(bytes.to_vec()).unwrap(),
    )
}

/// Posts a urlencoded form as `who` (an `Authorization` value, or nobody).
pub(crate) async fn post_form(
    state: &AppState,
    who: Option<&str>,
    uri: &str,
    form: &str,
) -> (StatusCode, header::HeaderMap, String) {
    let mut request =
        Request::post(uri).header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
    if let Some(who) = who {
        request = request.header(header::AUTHORIZATION, who);
    }
    send(state, request.body(Body::from(form.to_owned())).unwrap()).await
}

#[tokio::test]
async fn pages_speak_the_language_of_the_browser_the_switch_or_the_account() {
    let test = chainfair_e2e::sqlite().await;
    import_fixtures(test.store.as_ref()).await;
    let state = AppState::new(test.store.clone());
    let get_with = |headers: Vec<(header::HeaderName, &'static str)>, uri: &'static str| {
        let state = state.clone();
        async move {
            let mut request = Request::get(uri);
            for (name, value) in headers {
                request = request.header(name, value);
            }
            send(&state, request.body(Body::empty()).unwrap()).await
        }
    };

    // Without a choice: English.
    let (status, _, page) = get_with(vec![], "/editions/expo-2024").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains(r#"<html lang="en">"#));
    assert!(page.contains("exhibiting organisations"), "{page}");
    // A Chinese browser: Chinese, the dashboard's charts included.
    let zh_browser = vec![(header::ACCEPT_LANGUAGE, "zh-CN,zh;q=0.9,en;q=0.5")];
    let (_, _, page) = get_with(zh_browser.clone(), "/editions/expo-2024").await;
    assert!(page.contains(r#"<html lang="zh-Hans">"#), "{page}");
    assert!(page.contains("家参展机构"), "{page}");
    assert!(
        page.contains("境外参展商地区分布"),
        "the region chart: {page}"
    );
    assert!(!page.contains("exhibiting organisations"), "{page}");
    // The switch in the header: a cookie for who has no account, and back
    // to the page (a foreign address is never followed).
    let (status, headers, _) =
        post_form(&state, None, "/lang", "lang=en&back=%2Fchains%3Fx%3D1").await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(headers[header::LOCATION], "/chains?x=1");
    let cookie = headers[header::SET_COOKIE].to_str().unwrap();
    assert!(cookie.starts_with("lang=en;"), "{cookie}");
    let (_, headers, _) = post_form(&state, None, "/lang", "lang=zh&back=%2F%2Fevil.example").await;
    assert_eq!(headers[header::LOCATION], "/");
    let (status, _, body) = post_form(&state, None, "/lang", "lang=fr&back=%2F").await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    // The cookie beats the browser.
    let mut with_cookie = zh_browser.clone();
    with_cookie.push((header::COOKIE, "lang=en"));
    let (_, _, page) = get_with(with_cookie, "/chains").await;
    assert!(page.contains("Global supply chain maps"), "{page}");
    // A signed-in account keeps its choice, whatever the browser says.
    let solar = bearer(&state, AccountRole::Exhibitor, Some("o-01")).await;
    let (status, _, _) = post_form(&state, Some(&solar), "/lang", "lang=zh&back=%2F").await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (_, page) = get_as(&state, Some(&solar), "/editions/expo-2024/my/meetings").await;
    assert!(page.contains("我的洽谈"), "{page}");
    assert!(page.contains("退出") || page.contains("主办方") || page.contains("参展商"));
    // The directory filters by the chains: industry, segment, stage.
    let (_, page) = get_as(
        &state,
        None,
        "/editions/expo-2024/exhibitors?industry=photovoltaics&stage=midstream&lang=en",
    )
    .await;
    assert!(
        page.contains("o-01") && !page.contains("organizations/o-02"),
        "{page}"
    );
    let (status, _) = get_as(
        &state,
        None,
        "/editions/expo-2024/exhibitors?segment=photovoltaics/nothing",
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    // The reasons of recommendations too.
    let (_, page) = get_as(
        &state,
        Some(&solar),
        "/editions/expo-2024/my/recommendations",
    )
    .await;
    let reasons = page.matches(r#"<span class="note">"#).count();
    assert!(reasons > 0, "{page}");
    for english in [
        "that you seek",
        "that you offer",
        "a market you target",
        "segment uses",
    ] {
        assert!(!page.contains(english), "{english:?} in Chinese: {page}");
    }
    assert!(
        [
            "供应您的",
            "提供您所需的",
            "需要您提供的",
            "环节使用您的",
            "来自"
        ]
        .iter()
        .any(|zh| page.contains(zh)),
        "{page}"
    );
    // ?lang= beats everything, and every page has a way back.
    let (_, page) = get_as(&state, Some(&solar), "/chains?lang=en").await;
    assert!(page.contains("Global supply chain maps"), "{page}");
    let (_, page) = get_as(&state, None, "/chains/coffee?lang=zh").await;
    assert!(page.contains("全部产业链"), "{page}");
    assert!(
        page.contains(r#"value="en""#),
        "the switch offers English: {page}"
    );
}

#[tokio::test]
async fn parties_record_sign_and_publish_agreements_on_the_page() {
    let test = chainfair_e2e::sqlite().await;
    import_fixtures(test.store.as_ref()).await;
    let state = AppState::new(test.store.clone());
    let solar = bearer(&state, AccountRole::Exhibitor, Some("o-01")).await;
    let wind = bearer(&state, AccountRole::Exhibitor, Some("o-02")).await;
    let visitor = bearer(&state, AccountRole::Visitor, None).await;
    let page = "/editions/expo-2024/agreements";

    // Staff record for their own organisation, whatever the form says.
    let (status, headers, body) = post_form(
        &state,
        Some(&solar),
        page,
        "a=o-05&b=o-02&kind=cooperation&status=intention&amount=1250000.50&currency=EUR&date=2024-11-28&industry=",
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    let location = headers[header::LOCATION].to_str().unwrap().to_owned();
    let id = location.rsplit_once("#agreement-").unwrap().1.to_owned();
    let (_, shown) = get_as(&state, Some(&solar), page).await;
    let row = &shown[shown.find(&format!(r#"id="agreement-{id}""#)).unwrap()..];
    let row = &row[..row.find("</tr>").unwrap()];
    assert!(row.contains("1250000.50 EUR"), "{row}");
    assert!(
        !row.contains("o-05"),
        "the form's first party is ignored: {row}"
    );
    assert!(row.contains("/sign\""), "a party may sign it: {row}");
    // Unpublished: the partner sees it, a visitor does not.
    let (_, shown) = get_as(&state, Some(&wind), page).await;
    assert!(shown.contains(&format!("agreement-{id}")));
    let (_, shown) = get_as(&state, Some(&visitor), page).await;
    assert!(!shown.contains(&format!("agreement-{id}")));
    // The partner signs it; signing twice is refused on the page, with why.
    let act = |action: &str| format!("{page}/{id}/{action}");
    let (status, _, _) = post_form(&state, Some(&wind), &act("sign"), "").await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (status, _, body) = post_form(&state, Some(&wind), &act("sign"), "").await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert!(body.contains(r#"class="error""#), "{body}");
    // Published, everyone sees it.
    let (status, _, _) = post_form(&state, Some(&solar), &act("publish"), "").await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (_, shown) = get_as(&state, None, page).await;
    let row = &shown[shown.find(&format!(r#"id="agreement-{id}""#)).unwrap()..];
    let row = &row[..row.find("</tr>").unwrap()];
    assert!(row.contains("signed"), "{row}");
    assert!(!row.contains("<form"), "nobody signed in acts on it: {row}");
    // A bad amount comes back as the form's error, naming the field.
    let (status, _, body) = post_form(
        &state,
        Some(&solar),
        page,
        "b=o-02&kind=cooperation&amount=12.345&currency=EUR&date=2024-11-28",
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(body.contains("amount"), "{body}");
}

#[tokio::test]
async fn browsers_get_errors_as_pages_and_htmx_from_the_binary() {
    let test = chainfair_e2e::sqlite().await;
    import_fixtures(test.store.as_ref()).await;
    let state = AppState::new(test.store.clone());
    let browser = |uri: &str| {
        Request::get(uri)
            .header(header::ACCEPT, "text/html,application/xhtml+xml")
            .body(Body::empty())
            .unwrap()
    };
    // A page that is not there: a page saying so, in the browser's language.
    let (status, headers, body) = send(&state, browser("/editions/nowhere")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(
        headers[header::CONTENT_TYPE]
            .to_str()
            .unwrap()
            .starts_with("text/html")
    );
    assert!(
        body.contains("Something went wrong") && body.contains("nowhere"),
        "{body}"
    );
    // The same for a program: the API's JSON.
    let (status, body) = get_as(&state, None, "/editions/nowhere").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(body.starts_with(r#"{"error":"#), "{body}");
    // A page one must sign in for: the sign-in page first, then back.
    let (status, headers, _) = send(&state, browser("/editions/expo-2024/my/meetings")).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(
        headers[header::LOCATION],
        "/login?next=%2Feditions%2Fexpo-2024%2Fmy%2Fmeetings"
    );
    // A refused htmx request shows its reason in place of the page's main.
    let solar = bearer(&state, AccountRole::Exhibitor, Some("o-01")).await;
    let request = Request::post("/editions/expo-2024/meetings/m-404/accept")
        .header("hx-request", "true")
        .header(header::AUTHORIZATION, &solar)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::empty())
        .unwrap();
    let (status, headers, body) = send(&state, request).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(headers["hx-retarget"], "main");
    assert!(body.contains("<main>") && body.contains("m-404"), "{body}");
    // htmx itself, the npm package's file, kept for a year.
    let (status, headers, body) = send(
        &state,
        Request::get("/assets/htmx-2.0.11.min.js")
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        headers[header::CACHE_CONTROL]
            .to_str()
            .unwrap()
            .contains("immutable")
    );
    assert!(body.starts_with("var htmx="), "{}", &body[..40]);
    let (_, page) = get_as(&state, None, "/editions/expo-2024/exhibitors").await;
    assert!(page.contains(r#"<script src="/assets/htmx-2.0.11.min.js" defer>"#));
    assert!(page.contains(r##"hx-target="#results""##), "{page}");
}

/// A multipart body with the fields `kind` and `file` (named `name`).
fn upload(kind: &str, name: &str, csv: &str) -> (String, String) {
    let boundary = "chainfair-test-boundary";
    let body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\n{kind}\r\n\
         --{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\n\
         Content-Type: text/csv\r\n\r\n{csv}\r\n--{boundary}--\r\n"
    );
    (format!("multipart/form-data; boundary={boundary}"), body)
}

#[tokio::test]
async fn the_organiser_imports_invites_schedules_and_lays_out_from_the_page() {
    let test = chainfair_e2e::sqlite().await;
    let store = test.store.as_ref();
    import_fixtures(store).await;
    let state = AppState::new(test.store.clone());
    let organiser = bearer(&state, AccountRole::Organiser, None).await;
    let solar = bearer(&state, AccountRole::Exhibitor, Some("o-01")).await;
    let page = "/editions/expo-2024/organiser";
    let (status, _) = get_as(&state, Some(&solar), page).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, shown) = get_as(&state, Some(&organiser), page).await;
    assert_eq!(status, StatusCode::OK, "{shown}");

    // An upload with errors: each named by line and column, nothing written.
    let post_upload = |who: String, csv: &'static str| {
        let state = state.clone();
        async move {
            let (content_type, body) = upload("organizations", "new.csv", csv);
            let request = Request::post("/editions/expo-2024/organiser/import")
                .header(header::CONTENT_TYPE, content_type)
                .header(header::AUTHORIZATION, who)
                .body(Body::from(body))
                .unwrap();
            send(&state, request).await
        }
    };
    let bad = "id,name,name_zh,country,kind\no-70,Good Ltd,,GB,company\no-71,Bad Ltd,,XX,company\n";
    let (status, _, shown) = post_upload(organiser.clone(), bad).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(
        shown.contains("new.csv: nothing was imported; errors found: 1."),
        "{shown}"
    );
    assert!(
        shown.contains(r#"<td class="n">3</td><td>4 (country)</td>"#),
        "{shown}"
    );
    let (_, orgs) = get_as(
        &state,
        None,
        "/api/v1/editions/expo-2024/organizations?q=Good",
    )
    .await;
    assert!(!orgs.contains("o-70"));
    let good = "id,name,name_zh,country,kind\no-70,Good Ltd,,GB,company\n";
    let (status, _, shown) = post_upload(organiser.clone(), good).await;
    assert_eq!(status, StatusCode::OK, "{shown}");
    assert!(
        shown.contains("Imported 1 rows of organizations."),
        "{shown}"
    );
    let (status, _, _) = post_upload(solar.clone(), good).await;
    assert_eq!(status, StatusCode::FORBIDDEN);

    // An invitation code, shown once, signs staff up for their organisation.
    let (status, _, shown) = post_form(
        &state,
        Some(&organiser),
        "/editions/expo-2024/organiser/invitations",
        "organization=o-02",
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{shown}");
    let code = shown.split(r#"id="invitation-code">"#).nth(1).unwrap();
    let code = &code[..code.find('<').unwrap()];
    let (status, account) = crate::server::post_json(
        &state,
        "",
        "/api/v1/register",
        &serde_json::json!({"email": "staff@nordwind.test", "name": "Staff",
            "password": "long enough 1", "code": code})
        .to_string(),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{account}");
    assert_eq!(account["account"]["organization"], "o-02", "{account}");

    // Scheduling: a dry run places the accepted meetings and stores nothing.
    let schedule = "tables=20&slot_minutes=30&day_start=09%3A00&day_end=12%3A00&break=&max_gap_spread=&seconds=0.2&dry_run=1";
    let path = "/editions/expo-2024/organiser/schedule";
    let (status, _, shown) = post_form(&state, Some(&organiser), path, schedule).await;
    assert_eq!(status, StatusCode::OK, "{shown}");
    assert!(shown.contains("accepted meetings placed."), "{shown}");
    assert!(shown.contains("(dry run, nothing stored)"), "{shown}");
    // No time given: the default for the number of meetings.
    let auto = schedule.replace("seconds=0.2", "seconds=");
    let (status, _, shown) = post_form(&state, Some(&organiser), path, &auto).await;
    assert_eq!(status, StatusCode::OK, "{shown}");
    assert!(shown.contains("accepted meetings placed."), "{shown}");
    // Bad fields are refused by name.
    for (from, to, expected) in [
        (
            "day_start=09%3A00",
            "day_start=nine",
            [
                "day_start: &#34;nine&#34;: expected a time like 09:00",
                "day_start: &quot;nine&quot;: expected a time like 09:00",
            ],
        ),
        (
            "seconds=0.2",
            "seconds=inf",
            ["seconds: inf is not a positive number of seconds"; 2],
        ),
    ] {
        let bad = schedule.replace(from, to);
        let (status, _, shown) = post_form(&state, Some(&organiser), path, &bad).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert!(expected.iter().any(|e| shown.contains(e)), "{shown}");
    }

    // The layout needs a plan first, and says so; then it lays out.
    let layout = "/editions/expo-2024/organiser/layout";
    let (status, _, shown) = post_form(&state, Some(&organiser), layout, "seed=1").await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert!(shown.contains("has no floor plan"), "{shown}");
    let expo = chainfair_core::EditionId::parse("e", "expo-2024").unwrap();
    store
        .put_floor(&expo, &crate::floor::fixture_floor())
        .await
        .unwrap();
    let requests = include_str!("../../fixtures/floor/space-requests.csv");
    let requests =
        chainfair_store::read_space_requests("space-requests.csv", requests.as_bytes()).unwrap();
    store.put_space_requests(&expo, &requests).await.unwrap();
    let (status, _, shown) = post_form(&state, Some(&organiser), layout, "seed=1&apply=1").await;
    assert_eq!(status, StatusCode::OK, "{shown}");
    assert!(
        shown.contains(&format!("{} exhibitors placed.", requests.len())),
        "{shown}"
    );
    assert!(shown.contains("bookings stored"), "{shown}");
    assert_eq!(store.bookings(&expo).await.unwrap().len(), requests.len());
}

#[tokio::test]
async fn a_signed_in_visitor_finds_their_badge_on_their_page() {
    let test = chainfair_e2e::sqlite().await;
    import_fixtures(test.store.as_ref()).await;
    let state = AppState::new(test.store.clone());
    let visitor = bearer(&state, AccountRole::Visitor, None).await;
    let (_, page) = get_as(&state, Some(&visitor), "/my/badges").await;
    assert!(page.contains("No badge yet"), "{page}");
    let (status, _, _) = post_form(
        &state,
        Some(&visitor),
        "/editions/expo-2024/register",
        "name=Wang+Fang&mode=online",
    )
    .await;
    assert_eq!(status, StatusCode::CREATED);
    let (_, page) = get_as(&state, Some(&visitor), "/my/badges").await;
    assert!(page.contains("Wang Fang · online"), "{page}");
    let svg = page.split(r#"<img src=""#).nth(1).unwrap();
    let svg = &svg[..svg.find('"').unwrap()];
    let (status, badge) = get_as(&state, None, svg).await;
    assert_eq!(status, StatusCode::OK);
    assert!(badge.contains("Wang Fang"), "{badge}");
}
