//! Test helpers: a fresh store per test on every backend this run can reach.
//!
//! SQLite always (a file in a temporary folder); PostgreSQL when
//! `CHAINFAIR_TEST_PG` holds a server URL, as a new database per test that is
//! dropped afterwards. `.ci/run` sets the variable, so CI runs both.
#![forbid(unsafe_code)]

use chainfair_store::Store;
use sqlx::Connection;
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};

/// A store that exists for one test.
#[derive(Debug)]
pub struct TestStore {
    pub store: Arc<dyn Store>,
    pub url: String,
    _guard: Guard,
}

#[derive(Debug)]
enum Guard {
    Sqlite(#[allow(dead_code)] tempfile::TempDir),
    Postgres { admin_url: String, database: String },
}

impl Drop for Guard {
    fn drop(&mut self) {
        if let Guard::Postgres {
            admin_url,
            database,
        } = self
        {
            let (admin_url, database) = (admin_url.clone(), database.clone());
            // Drop runs outside any runtime guarantee: use a thread of its own.
            let dropped = std::thread::spawn(move || {
                let runtime = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                    .ok()?;
                runtime.block_on(async {
                    let mut admin = sqlx::PgConnection::connect(&admin_url).await.ok()?;
                    let sql = format!("DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)");
                    sqlx::query(sqlx::AssertSqlSafe(sql))
                        .execute(&mut admin)
                        .await
                        .ok()
                })
            });
            let _ = dropped.join();
        }
    }
}

/// A new SQLite store in a temporary folder.
pub async fn sqlite() -> TestStore {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let url = format!("sqlite:{}", dir.path().join("chainfair.db").display());
    let store = chainfair::open_store(&url).await.expect("SQLite opens");
    TestStore {
        store,
        url,
        _guard: Guard::Sqlite(dir),
    }
}

/// A new PostgreSQL database, if `CHAINFAIR_TEST_PG` names a server.
pub async fn postgres() -> Option<TestStore> {
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    let admin_url = std::env::var("CHAINFAIR_TEST_PG")
        .ok()
        .filter(|u| !u.is_empty())?;
    let database = format!(
        "chainfair_test_{}_{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::SeqCst)
    );
    let mut admin = sqlx::PgConnection::connect(&admin_url)
        .await
        .unwrap_or_else(|e| {
            panic!("CHAINFAIR_TEST_PG={admin_url} is set but PostgreSQL is unreachable: {e}")
        });
    let sql = format!("CREATE DATABASE \"{database}\"");
    sqlx::query(sqlx::AssertSqlSafe(sql))
        .execute(&mut admin)
        .await
        .expect("CREATE DATABASE");
    let base = admin_url.split('?').next().unwrap_or(&admin_url);
    let url = match base.rfind('/') {
        Some(slash) if slash > "postgres://".len() => format!("{}/{database}", &base[..slash]),
        _ => format!("{base}/{database}"),
    };
    let store = chainfair::open_store(&url)
        .await
        .expect("PostgreSQL test database opens");
    Some(TestStore {
        store,
        url,
        _guard: Guard::Postgres {
            admin_url,
            database,
        },
    })
}

/// One fresh store per backend this run can reach: SQLite, then PostgreSQL.
pub async fn backends() -> Vec<TestStore> {
    let mut stores = vec![sqlite().await];
    stores.extend(postgres().await);
    stores
}
