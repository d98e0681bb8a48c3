//! A bad file is refused whole, with every error placed by line and column,
//! and the database is left exactly as it was.
use crate::import_fixtures;
use chainfair_core::Organization;
use chainfair_e2e::backends;
use chainfair_store::{ImportError, Kind, Store, import_csv, read_all};

async fn rejected(store: &dyn Store, kind: Kind, text: &str) -> Vec<String> {
    match import_csv(store, kind, "bad.csv", text.as_bytes(), &|_| {}).await {
        Err(ImportError::Rejected { file, errors, .. }) => {
            assert_eq!(file, "bad.csv");
            errors.iter().map(ToString::to_string).collect()
        }
        other => panic!("expected a rejection on {}, got {other:?}", store.backend()),
    }
}

#[tokio::test]
async fn bad_row_on_line_7_rejects_the_file_and_writes_nothing() {
    let file = "id,name,name_zh,country,kind\n\
        n-1,Alpha Robotics Co. Ltd.,阿尔法机器人,CN,company\n\
        n-2,Beta Wind GmbH,,DE,company\n\
        n-3,Gamma Coffee S.A.,,CO,company\n\
        n-4,Delta Chips Inc.,,US,company\n\
        n-5,Epsilon Cotton Ltd,,PK,company\n\
        n-6,Zeta Soy Ltda,,XX,company\n\
        n-7,Eta Devices,,FR,ngo\n";
    for test in backends().await {
        let store = test.store.as_ref();
        import_fixtures(store).await;
        let before = read_all::<Organization>(store, None).await.unwrap();
        let errors = rejected(store, Kind::Organizations, file).await;
        assert_eq!(
            errors,
            [
                "line 7, column 4 (country): unknown country \"XX\": expected an ISO 3166 alpha-2 or alpha-3 code",
                "line 8, column 5 (kind): \"ngo\" is not one of company, institution, international_organization",
            ],
            "{}",
            store.backend()
        );
        assert_eq!(
            read_all::<Organization>(store, None).await.unwrap(),
            before,
            "{}: nothing written",
            store.backend()
        );
    }
}

#[tokio::test]
async fn references_duplicates_and_amounts_are_checked() {
    for test in backends().await {
        let store = test.store.as_ref();
        import_fixtures(store).await;
        let participations = "edition,organization,role,of,key_client\n\
            expo-2024,o-17,supplier,,false\n\
            expo-2024,o-02,co_exhibitor,,false\n\
            expo-2024,o-05,supplier,,false\n\
            expo-2099,o-05,buyer,,false\n\
            expo-2024,o-10,co_exhibitor,o-05,maybe\n\
            expo-2024,o-10,co_exhibitor,o-05,false\n";
        assert_eq!(
            rejected(store, Kind::Participations, participations).await,
            [
                "line 2, column 2 (organization): unknown organisation \"o-17\"",
                "line 3, column 4 (of): co_exhibitor without `of`: name the exhibitor that brought it",
                "line 4, column 3 (role): role supplier of \"o-05\" is already stored",
                "line 5, column 1 (edition): unknown edition \"expo-2099\"",
                "line 6, column 5 (key_client): \"maybe\" is not true or false",
                "line 7, column 4 (of): \"o-05\" is not an exhibitor of edition \"expo-2024\"",
            ]
        );
        let agreements = "edition,id,kind,parties,amount,currency,signed_on,industry\n\
            expo-2024,g-9,cooperation,o-01;o-02,\"12,3.4\",CNY,2024-11-27,\n\
            expo-2024,g-1,intention,o-01;o-02,,,2024-11-27,\n\
            expo-2024,g-10,intention,o-01,,,2024-11-27,\n\
            expo-2024,g-11,intention,o-01;o-02,5,RMB,2024-11-27,\n\
            expo-2024,g-12,intention,o-01;o-02,5.5,JPY,2024-13-01,\n\
            expo-2024,g-13,intention,o-01;o-02,5,,2024-11-27,\n";
        assert_eq!(
            rejected(store, Kind::Agreements, agreements).await,
            [
                "line 2, column 5 (amount): \"12,3.4\" is not a decimal",
                "line 3, column 2 (id): agreement \"g-1\" is already stored",
                "line 4, column 4 (parties): 1 party named; an agreement needs two or more",
                "line 5, column 6 (currency): unknown currency \"RMB\": expected an ISO 4217 code such as CNY",
                "line 6, column 5 (amount): \"5.5\" has more decimals than JPY's 0",
                "line 7, column 6 (currency): is empty but an amount is given",
            ]
        );
        let checkins = "edition,attendee,date\nexpo-2024,a-1,2024-11-26\nexpo-2024,a-9,2024-11-26\nexpo-2024,a-2,2024-12-05\nexpo-2024,a-2,2024-11-29\nexpo-2024,a-2,2024-11-29\n";
        assert_eq!(
            rejected(store, Kind::CheckIns, checkins).await,
            [
                "line 2, column 3 (date): check-in of \"a-1\" on 2024-11-26 is already stored",
                "line 3, column 2 (attendee): unknown attendee \"a-9\" in edition \"expo-2024\"",
                "line 4, column 3 (date): 2024-12-05 is not a day of edition \"expo-2024\" (2024-11-26 to 2024-11-30)",
                "line 6, column 3 (date): check-in of \"a-2\" on 2024-11-29 is already on line 5",
            ]
        );
    }
}

#[tokio::test]
async fn header_problems_and_ragged_rows_are_named() {
    let store = chainfair_e2e::sqlite().await;
    let store = store.store.as_ref();
    assert_eq!(
        rejected(
            store,
            Kind::Editions,
            "id,name,contry,start_date,end_date,previous_id\n"
        )
        .await,
        [
            "line 1: missing column \"host_country\"; editions files have columns id,name,host_country,start_date,end_date,previous_id",
            "line 1, column 3 (contry): unknown column \"contry\"; editions files have columns id,name,host_country,start_date,end_date,previous_id",
        ]
    );
    let ragged = "id,name,host_country,start_date,end_date,previous_id\ne1,E,CN,2024-01-01\ne2,E2,CN,2024-01-02,2024-01-01,\n";
    assert_eq!(
        rejected(store, Kind::Editions, ragged).await,
        [
            "line 2: has 4 fields where the header has 6",
            "line 3, column 5 (end_date): 2024-01-01 is before the start date 2024-01-02",
        ]
    );
    let same_org = "id,name,name_zh,country,kind\nx-1,Huaxin Solar Co. Ltd.,,CN,company\nx-2,HUAXIN SOLAR LTD,,CHN,company\n";
    let errors = rejected(store, Kind::Organizations, same_org).await;
    assert_eq!(errors.len(), 1);
    assert!(
        errors[0].starts_with(
            "line 3, column 2 (name): \"HUAXIN SOLAR LTD\" is the same organisation as \"x-1\""
        ),
        "{errors:?}"
    );
}

#[tokio::test]
async fn many_errors_are_listed_up_to_a_limit_and_counted() {
    let store = chainfair_e2e::sqlite().await;
    let mut file = String::from("date,from,to,rate,source\n");
    for _ in 0..120 {
        file.push_str("2024-01-01,USD,CNY,-1,test\n");
    }
    let error = import_csv(
        store.store.as_ref(),
        Kind::Rates,
        "rates.csv",
        file.as_bytes(),
        &|_| {},
    )
    .await
    .unwrap_err();
    let text = error.to_string();
    assert!(
        text.starts_with("rates.csv: 120 errors found, nothing was imported\n"),
        "{text}"
    );
    assert!(
        text.contains("rates.csv: line 2, column 4 (rate): \"-1\" is not a decimal"),
        "{text}"
    );
    assert!(text.ends_with("... and 70 more"), "{text}");
}

#[tokio::test]
async fn the_errors_listed_are_those_with_the_lowest_lines() {
    let store = chainfair_e2e::sqlite().await;
    let store = store.store.as_ref();
    import_fixtures(store).await;
    // Line 2 has a duplicate id (found in the second pass), lines 3 to 61 a bad kind.
    let mut file = String::from("id,name,name_zh,country,kind\no-01,Again,,CN,company\n");
    for i in 0..60 {
        file.push_str(&format!("z-{i},Zeta {i},,CN,ngo\n"));
    }
    let errors = rejected(store, Kind::Organizations, &file).await;
    assert_eq!(errors.len(), 50);
    assert_eq!(
        errors[0],
        "line 2, column 1 (id): organisation \"o-01\" is already stored"
    );
    let repeated = rejected(store, Kind::Signups, "edition,organization,organization\n").await;
    assert_eq!(
        repeated,
        ["line 1, column 3 (organization): column \"organization\" appears twice"]
    );
}

#[tokio::test]
async fn profiles_name_participants_only_and_parse_every_list() {
    for test in backends().await {
        let store = test.store.as_ref();
        import_fixtures(store).await;
        let file = "edition,organization,offers_hs,seeks_segments,languages,must_meet,no_thanks\n\
            expo-2024,o-04,2841 28419,,en,,\n\
            expo-2024,o-06,,coffee,en,,\n\
            expo-2024,o-08,,,english,,\n\
            expo-2024,o-09,,,en,o-09,\n\
            expo-2024,o-10,,,en,o-01,o-01\n\
            expo-2024,o-05,,,en,o-03,o-99\n\
            expo-2023,o-03,,,en,,\n\
            expo-2024,o-01,,,en,,\n";
        let errors = rejected(store, Kind::Profiles, file).await;
        assert_eq!(
            errors,
            [
                "line 2, column 3 (offers_hs): HS code \"28419\" must have 2, 4 or 6 digits",
                "line 3, column 4 (seeks_segments): \"coffee\" is not industry/segment (e.g. photovoltaics/polysilicon)",
                "line 4, column 5 (languages): \"english\" is not a two-letter ISO 639-1 language code",
                "line 5, column 6 (must_meet): o-09 names itself",
                "line 6, column 7 (no_thanks): o-01 is both must-meet and no-thanks",
                "line 7, column 7 (no_thanks): \"o-99\" does not take part in edition \"expo-2024\"",
                "line 8, column 2 (organization): \"o-03\" does not take part in edition \"expo-2023\"",
                "line 9, column 2 (organization): the profile of \"o-01\" is already stored",
            ],
            "{}",
            store.backend()
        );
    }
}

/// Files with CRLF line ends (Excel's, the Federal Reserve's) are placed on
/// the same lines as LF files; the H.10 layout of exchange rates imports,
/// and its one ambiguous series is left out and said so.
#[tokio::test]
async fn crlf_files_and_federal_reserve_rates() {
    use chainfair_core::{CurrencyCode, ExchangeRate, Money, RateTable};
    for test in backends().await {
        let store = test.store.as_ref();
        let crlf =
            "id,name,name_zh,country,kind\r\nn-1,Alpha,,CN,company\r\nn-2,Beta,,XX,company\r\n";
        let errors = rejected(store, Kind::Organizations, crlf).await;
        assert_eq!(errors.len(), 1);
        assert!(
            errors[0].starts_with("line 3, column 4 (country)"),
            "{errors:?}"
        );

        let h10 = "Date,Country,Exchange rate\r\n\
            2024-01-01,China,7.1957\r\n\
            2024-01-01,Euro,0.9239\r\n\
            2024-01-01,Venezuela,36.5\r\n\
            2024-01-01,Atlantis,1.0\r\n";
        let errors = rejected(store, Kind::Rates, h10).await;
        assert_eq!(
            errors,
            ["line 5, column 2 (Country): \"Atlantis\" is not an H.10 series chainfair knows"]
        );
        let h10 = h10.replace("2024-01-01,Atlantis,1.0\r\n", "");
        let report = import_csv(store, Kind::Rates, "annual.csv", h10.as_bytes(), &|_| {})
            .await
            .unwrap();
        assert_eq!(report.rows, 2, "{}", store.backend());
        assert_eq!(report.notes.len(), 1);
        assert!(report.notes[0].starts_with("1 Venezuela rows left out"));
        let stored = read_all::<ExchangeRate>(store, None).await.unwrap();
        assert_eq!(stored.len(), 2);
        assert_eq!(stored[0].source, "Federal Reserve H.10 (annual.csv)");
        let rates = RateTable::new(stored);
        // 100 EUR in CNY, across the dollar: 100 / 0.9239 * 7.1957.
        let eur = Money::parse(
            "amount",
            "100.00",
            CurrencyCode::parse("currency", "EUR").unwrap(),
        )
        .unwrap();
        let day = chainfair_core::parse_date("date", "2024-06-30").unwrap();
        let cny = rates.convert(eur, CurrencyCode::cny(), day).unwrap();
        assert_eq!(cny.round_dp(4).to_string(), "778.8397");
    }
}

#[tokio::test]
async fn a_second_open_meeting_for_a_pair_is_named_by_its_line() {
    let test = chainfair_e2e::sqlite().await;
    import_fixtures(test.store.as_ref()).await;
    // m-1 (o-05 and o-01) is accepted; asking again the other way round is
    // a second open meeting.
    let file = "edition,id,a,b,status,priority\nexpo-2024,m-9,o-04,o-06,held,3\nexpo-2024,m-10,o-01,o-05,requested,3\n";
    let error = import_csv(
        test.store.as_ref(),
        Kind::Meetings,
        "more-meetings.csv",
        file.as_bytes(),
        &|_| {},
    )
    .await
    .unwrap_err()
    .to_string();
    assert!(
        error.contains("line 3, column 4 (b): an open meeting of o-01 and o-05 is already stored"),
        "{error}"
    );
}
