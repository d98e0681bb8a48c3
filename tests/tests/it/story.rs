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
        // g-6 is cancelled: counted nowhere.
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
        assert_eq!(
            json["agreements"]["by_industry"],
            serde_json::json!([
                {"industry": "lithium-ion-batteries", "count": 1, "CNY": "7195700.00"},
                {"industry": "wind-power", "count": 1, "CNY": "1946471.11"},
                {"industry": "photovoltaics", "count": 1, "CNY": "1500000.00"},
                {"industry": "coffee", "count": 1, "CNY": "142531.35"},
                {"industry": "integrated-circuits", "count": 1, "CNY": "0.00"},
            ]),
            "{backend}"
        );
        // a-4 registered online but came: counted once, on site; a-6
        // registered offline and never came: not counted.
        assert_eq!(
            json["audience"],
            serde_json::json!({"total": 5, "offline": 4, "online": 1, "growth": 1.5,
            "by_day": [
                {"date": "2024-11-26", "offline": 1, "online": 0},
                {"date": "2024-11-27", "offline": 2, "online": 0},
                {"date": "2024-11-28", "offline": 1, "online": 0},
                {"date": "2024-11-30", "offline": 1, "online": 0},
            ]}),
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

        // By what their profiles offer: a segment, any of a list, none.
        let offering = |segments: &[&str]| {
            let query = OrgQuery {
                offers_segments: Some(segments.iter().map(|s| s.to_string()).collect()),
                ..base.clone()
            };
            async move { store.organizations(&query).await.unwrap() }
        };
        assert_eq!(
            ids(&offering(&["photovoltaics/modules"]).await),
            ["o-01"],
            "{backend}"
        );
        let energy = offering(&[
            "wind-power/turbine-oems",
            "lithium-ion-batteries/lithium-refining",
        ]);
        assert_eq!(energy.await.total, 2, "{backend}");
        assert_eq!(offering(&[]).await.total, 0, "{backend}");
        assert_eq!(
            offering(&["photovoltaics/mod_les"]).await.total,
            0,
            "{backend}: _ is no wildcard"
        );

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
    let chains = chainfair_chains::template::Chains::built_in().unwrap();
    insta::assert_snapshot!("closing-en", closing_markdown(&figures, &chains, Lang::En));
    insta::assert_snapshot!("closing-zh", closing_markdown(&figures, &chains, Lang::Zh));
}

#[tokio::test]
async fn agreements_change_once_per_revision_and_the_audit_log_only_grows() {
    use chainfair_core::{Agreement, AgreementChange, AgreementStatus, Viewer};
    use chainfair_store::{NewAuditEntry, StoreError, read_all};
    use sqlx::Connection;

    for test in backends().await {
        let store = test.store.as_ref();
        let backend = store.backend();
        import_fixtures(store).await;
        let expo = EditionId::parse("id", "expo-2024").unwrap();
        let find = |all: Vec<Agreement>, id: &str| {
            all.into_iter()
                .find(|a| a.id().as_str() == id)
                .expect("stored")
        };
        let intention = find(read_all(store, Some(&expo)).await.unwrap(), "g-4");
        assert_eq!(intention.status(), AgreementStatus::Intention);
        let entry = |action: &str, before: &Agreement, after: &Agreement| NewAuditEntry {
            actor: "organiser:test".into(),
            edition: expo.clone(),
            entity: "agreement",
            key: after.id().to_string(),
            action: action.into(),
            before: Some(serde_json::to_value(before.view(Viewer::Organiser)).unwrap()),
            after: Some(serde_json::to_value(after.view(Viewer::Organiser)).unwrap()),
        };

        // Twenty writers hold the same revision: exactly one change lands.
        let day = chainfair_core::parse_date("date", "2024-11-30").unwrap();
        let mut writers = tokio::task::JoinSet::new();
        for i in 0..20 {
            let (store, before) = (test.store.clone(), intention.clone());
            let change = if i % 2 == 0 {
                AgreementChange::Sign(day)
            } else {
                AgreementChange::Cancel
            };
            let after = before.change(change).unwrap();
            let entry = entry(change.as_str(), &before, &after);
            writers.spawn(async move { store.save_agreement(Some(&before), &after, &entry).await });
        }
        let (mut landed, mut refused) = (0, 0);
        while let Some(result) = writers.join_next().await {
            match result.unwrap() {
                Ok(()) => landed += 1,
                Err(StoreError::Conflict(why)) => {
                    assert!(
                        why.contains("g-4 was changed meanwhile"),
                        "{backend}: {why}"
                    );
                    refused += 1;
                }
                Err(other) => panic!("{backend}: {other}"),
            }
        }
        assert_eq!((landed, refused), (1, 19), "{backend}");
        let stored = find(read_all(store, Some(&expo)).await.unwrap(), "g-4");
        assert_eq!(stored.revision(), 1, "{backend}");
        assert_ne!(stored.status(), AgreementStatus::Intention, "{backend}");

        // A new agreement under a taken id is refused whole: no parties, no entry.
        let taken = find(read_all(store, Some(&expo)).await.unwrap(), "g-1");
        let again = store
            .save_agreement(None, &taken, &entry("create", &taken, &taken))
            .await;
        assert!(
            matches!(&again, Err(StoreError::Conflict(why)) if why == "agreement g-1 already exists"),
            "{backend}: {again:?}"
        );

        let log = store
            .audit_log(&expo, Some(("agreement", "g-4")))
            .await
            .unwrap();
        assert_eq!(log.len(), 1, "{backend}: one entry per change that landed");
        assert_eq!(log[0].before.as_ref().unwrap()["status"], "intention");
        assert_eq!(
            log[0].after.as_ref().unwrap()["status"],
            stored.status().as_str()
        );
        assert_eq!(log[0].actor, "organiser:test");
        assert_eq!(
            store.audit_log(&expo, None).await.unwrap().len(),
            1,
            "{backend}"
        );

        // The database itself refuses to rewrite history.
        for sql in [
            "UPDATE audit_log SET actor = 'someone else'",
            "DELETE FROM audit_log",
        ] {
            let refused = if test.url.starts_with("sqlite:") {
                let mut db = sqlx::SqliteConnection::connect(&test.url).await.unwrap();
                sqlx::query(sql).execute(&mut db).await.map(|_| ())
            } else {
                let mut db = sqlx::PgConnection::connect(&test.url).await.unwrap();
                sqlx::query(sql).execute(&mut db).await.map(|_| ())
            };
            let why = refused.expect_err(sql).to_string();
            assert!(why.contains("append-only"), "{backend}: {why}");
        }
    }
}
