//! chainfair's store on SQLite, the embedded default: one file, nothing to
//! install. WAL lets readers (the web pages) go on while an import writes;
//! `busy_timeout` makes a second writer wait instead of failing; foreign
//! keys are on, so the database itself refuses a dangling reference.
#![forbid(unsafe_code)]

use chainfair_store::StoreResult;
use chainfair_store::sql::{SqlStore, db_error};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use std::str::FromStr;
use std::time::Duration;

/// Runs chainfair's SQL on a SQLite pool.
#[derive(Debug, Clone)]
pub struct SqliteRunner {
    pool: sqlx::SqlitePool,
}

pub type SqliteStore = SqlStore<SqliteRunner>;

chainfair_store::sql_runner_impl!(
    SqliteRunner,
    sqlx::Sqlite,
    sqlx::sqlite::SqliteRow,
    "sqlite",
    ""
);

/// Opens (creating if needed) the database at a `sqlite:` URL and brings its
/// schema up to date.
pub async fn connect(url: &str) -> StoreResult<SqliteStore> {
    let options = SqliteConnectOptions::from_str(url)
        .map_err(db_error)?
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Normal)
        .busy_timeout(Duration::from_secs(10))
        .foreign_keys(true);
    let pool = SqlitePoolOptions::new()
        .max_connections(4)
        .connect_with(options)
        .await
        .map_err(db_error)?;
    sqlx::migrate!("./migrations")
        .run(&pool)
        .await
        .map_err(db_error)?;
    Ok(SqlStore(SqliteRunner { pool }))
}

/// Checks that the file at `path` is a whole chainfair database: SQLite's
/// `integrity_check` passes and it has chainfair's schema. Read-only.
pub async fn check_file(path: &std::path::Path) -> StoreResult<()> {
    use sqlx::{Connection, Row};
    let options = SqliteConnectOptions::new().filename(path).read_only(true);
    let mut db = sqlx::SqliteConnection::connect_with(&options)
        .await
        .map_err(db_error)?;
    let rows = sqlx::query("PRAGMA integrity_check")
        .fetch_all(&mut db)
        .await
        .map_err(db_error)?;
    let verdict: Vec<String> = rows
        .iter()
        .map(|r| r.try_get::<String, _>(0).unwrap_or_default())
        .collect();
    if verdict != ["ok"] {
        return Err(chainfair_store::StoreError::Database(format!(
            "{} fails SQLite's integrity check: {}",
            path.display(),
            verdict.join("; ")
        )));
    }
    sqlx::query("SELECT 1 FROM editions LIMIT 1")
        .fetch_optional(&mut db)
        .await
        .map_err(|_| {
            chainfair_store::StoreError::Database(format!(
                "{} is a SQLite file but not a chainfair database",
                path.display()
            ))
        })?;
    Ok(())
}
