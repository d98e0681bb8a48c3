//! The store story: one backend-agnostic walk through what an organiser does,
//! run on SQLite always and on PostgreSQL when CHAINFAIR_TEST_PG is set.
use crate::{FIXTURES, import_fixtures};
use chainfair_core::{CountryCode, EditionId, Region, Role};
use chainfair_e2e::backends;
use chainfair_store::{OrgQuery, Store, edition_figures, export_csv, import_csv};

fn export_text(batch: &chainfair_store::Batch) -> String {
    let mut out = Vec::new();
    export_csv(batch, &mut out).expect("export writes");
    String::from_utf8(out).expect("export is UTF-8")
}

async fn edition(store: &dyn Store, id: &str) -> chainfair_core::Edition {
    store
        .edition(&EditionId::parse("id", id).unwrap())
        .await
        .unwrap()
        .expect("edition stored")
}

#[tokio::test]
async fn figures_come_out_of_the_imported_data() {
    for test in backends().await {
        let store = test.store.as_ref();
        import_fixtures(store).await;
        let figures = edition_figures(store, &edition(store, "expo-2024").await)
            .await
            .unwrap();
        let json = serde_json::to_value(&figures).unwrap();
        let backend = store.backend();
        assert_eq!(json["exhibitors"]["organizations"], 6, "{backend}");
        assert_eq!(json["exhibitors"]["with_co_exhibitors"], 8, "{backend}");
        assert_eq!(json["exhibitors"]["overseas"], 5, "{backend}");
        assert_eq!(json["exhibitors"]["countries"], 6, "{backend}");
        assert_eq!(
            json["exhibitors"]["overseas_by_region"],
            serde_json::json!({"Europe": 2, "Americas": 1, "Asia": 1, "Africa": 1, "Oceania": 0}),
            "{backend}"
        );
        assert_eq!(
            json["exhibitors"]["growth"], 1.0,
            "{backend}: 6 exhibitors after 3"
        );
        // o-05 (accepted with an exhibitor) and o-10 (scheduled with a co-exhibitor);
        // o-10's declined meeting and o-05's request do not connect.
        assert_eq!(json["suppliers_connected"], 2, "{backend}");
        assert_eq!(json["key_clients_engaged"], 1, "{backend}");
        assert_eq!(json["agreements"]["count"], 5, "{backend}");
        assert_eq!(json["agreements"]["cooperation"], 2, "{backend}");
        assert_eq!(json["agreements"]["intention"], 3, "{backend}");
        // 1,500,000 CNY + 250,000.50 EUR + 1,000,000 USD + 3,000,000 JPY at H.10 2024,
        // checked with Python's decimal module at 60 digits.
        assert_eq!(
            json["agreements"]["total"]["CNY"], "10784702.46",
            "{backend}"
        );
        assert_eq!(
            json["agreements"]["total"]["USD"], "1498770.44",
            "{backend}"
        );
        assert_eq!(
            json["agreements"]["rate"],
            serde_json::json!({"from": "USD", "to": "CNY", "value": "7.1957", "date": "2024-01-01",
                "source": "Federal Reserve H.10, annual average 2024"}),
            "{backend}"
        );
        // a-4 registered online but came: counted once, on site.
        assert_eq!(
            json["audience"],
            serde_json::json!({"total": 5, "offline": 4, "online": 1, "growth": 1.5}),
            "{backend}"
        );
        assert_eq!(json["next_edition_signups"], 2, "{backend}");
    }
}

#[tokio::test]
async fn export_gives_back_the_imported_files_and_imports_identically() {
    // Each backend exports, and a fresh database of the same backend imports.
    for (test, copy) in backends().await.into_iter().zip(backends().await) {
        let store = test.store.as_ref();
        import_fixtures(store).await;
        for (kind, text) in FIXTURES {
            let exported = export_text(&store.read(kind, None).await.unwrap());
            assert_eq!(exported, text, "{} export of {kind}", store.backend());
            import_csv(
                copy.store.as_ref(),
                kind,
                "exported.csv",
                exported.as_bytes(),
                &|_| {},
            )
            .await
            .unwrap();
            let again = export_text(&copy.store.read(kind, None).await.unwrap());
            assert_eq!(
                again,
                exported,
                "{kind} round trip from {}",
                store.backend()
            );
        }
    }
}

#[tokio::test]
async fn directory_filters_searches_and_pages() {
    for test in backends().await {
        let store = test.store.as_ref();
        import_fixtures(store).await;
        let backend = store.backend();
        let base = OrgQuery::new(EditionId::parse("id", "expo-2024").unwrap());
        let ids = |page: &chainfair_store::Page<chainfair_store::OrganizationEntry>| {
            page.items
                .iter()
                .map(|o| o.id.to_string())
                .collect::<Vec<_>>()
        };

        let all = store.organizations(&base).await.unwrap();
        assert_eq!(
            all.total, 10,
            "{backend}: every organisation takes part in 2024"
        );
        let o07 = all.items.iter().find(|o| o.id.as_str() == "o-07").unwrap();
        assert_eq!(o07.roles, vec![Role::CoExhibitor, Role::Buyer], "{backend}");
        assert!(o07.key_client);

        let suppliers = store
            .organizations(&OrgQuery {
                role: Some(Role::Supplier),
                ..base.clone()
            })
            .await
            .unwrap();
        assert_eq!(
            ids(&suppliers),
            ["o-05", "o-10"],
            "{backend}: sorted by name"
        );

        let europe = store
            .organizations(&OrgQuery {
                region: Some(Region::Europe),
                ..base.clone()
            })
            .await
            .unwrap();
        assert_eq!(ids(&europe), ["o-08", "o-02"], "{backend}");

        let japan = CountryCode::parse("country", "JPN").unwrap();
        let jp = store
            .organizations(&OrgQuery {
                country: Some(japan),
                ..base.clone()
            })
            .await
            .unwrap();
        assert_eq!(ids(&jp), ["o-04"], "{backend}");

        let searched = store
            .organizations(&OrgQuery {
                q: Some("LITHIUM".into()),
                ..base.clone()
            })
            .await
            .unwrap();
        assert_eq!(ids(&searched), ["o-03"], "{backend}: case-insensitive");
        let chinese = store
            .organizations(&OrgQuery {
                q: Some("光伏".into()),
                ..base.clone()
            })
            .await
            .unwrap();
        assert_eq!(
            ids(&chinese),
            ["o-01"],
            "{backend}: Chinese names are searched"
        );
        let literal = store
            .organizations(&OrgQuery {
                q: Some("%".into()),
                ..base.clone()
            })
            .await
            .unwrap();
        assert_eq!(
            literal.total, 0,
            "{backend}: % is a character, not a wildcard"
        );

        let page2 = store
            .organizations(&OrgQuery {
                page: 2,
                per_page: 4,
                ..base.clone()
            })
            .await
            .unwrap();
        assert_eq!(page2.total, 10);
        assert_eq!(ids(&page2), ids(&all)[4..8].to_vec(), "{backend}");

        let previous = OrgQuery::new(EditionId::parse("id", "expo-2023").unwrap());
        assert_eq!(
            store.organizations(&previous).await.unwrap().total,
            6,
            "{backend}"
        );
    }
}

#[tokio::test]
async fn search_folds_every_capital_and_pages_sort_by_bytes_on_every_backend() {
    let orgs = "id,name,name_zh,country,kind\n\
        d-1,MÜLLER WERKZEUGBAU GMBH,,DE,company\n\
        d-2,Zeta Handels AG,,DE,company\n\
        d-3,Østergaard Wind A/S,,DK,company\n\
        d-4,alpha-Präzision KG,,DE,company\n";
    let participations = "edition,organization,role,of,key_client\n\
        expo-2024,d-1,buyer,,false\nexpo-2024,d-2,buyer,,false\nexpo-2024,d-3,buyer,,false\nexpo-2024,d-4,buyer,,false\n";
    for test in backends().await {
        let store = test.store.as_ref();
        import_fixtures(store).await;
        import_csv(
            store,
            chainfair_store::Kind::Organizations,
            "o.csv",
            orgs.as_bytes(),
            &|_| {},
        )
        .await
        .unwrap();
        import_csv(
            store,
            chainfair_store::Kind::Participations,
            "p.csv",
            participations.as_bytes(),
            &|_| {},
        )
        .await
        .unwrap();
        let query = |q: &str| OrgQuery {
            q: Some(q.into()),
            role: Some(Role::Buyer),
            ..OrgQuery::new(EditionId::parse("id", "expo-2024").unwrap())
        };
        let found = store.organizations(&query("müller")).await.unwrap();
        assert_eq!(found.total, 1, "{}: ü matches Ü", store.backend());
        let found = store.organizations(&query("ØSTERGAARD")).await.unwrap();
        assert_eq!(found.total, 1, "{}: Ø matches ø", store.backend());
        let all = store
            .organizations(&OrgQuery {
                role: Some(Role::Buyer),
                ..OrgQuery::new(EditionId::parse("id", "expo-2024").unwrap())
            })
            .await
            .unwrap();
        let names: Vec<&str> = all.items.iter().map(|o| o.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "MÜLLER WERKZEUGBAU GMBH",
                "Suzhou Zhixin Semiconductor Co. Ltd.",
                "Zeta Handels AG",
                "alpha-Präzision KG",
                "Østergaard Wind A/S"
            ],
            "{}: byte order, capitals first",
            store.backend()
        );
    }
}

/// The closing report of the fixture edition, in both languages: every
/// number in it is one of the figures checked above.
#[tokio::test]
async fn the_closing_report_reads_the_figures_in_both_languages() {
    let test = chainfair_e2e::sqlite().await;
    let store = test.store.as_ref();
    import_fixtures(store).await;
    let figures = edition_figures(store, &edition(store, "expo-2024").await)
        .await
        .unwrap();
    use chainfair_report::{Lang, closing_markdown};
    insta::assert_snapshot!("closing-en", closing_markdown(&figures, Lang::En));
    insta::assert_snapshot!("closing-zh", closing_markdown(&figures, Lang::Zh));
}
