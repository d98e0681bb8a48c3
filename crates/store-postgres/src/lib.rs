//! chainfair's store on PostgreSQL, for organisers who run several server
//! processes behind a load balancer. Same tables, same queries as SQLite.
#![forbid(unsafe_code)]

use chainfair_store::StoreResult;
use chainfair_store::sql::{SqlStore, db_error};
use sqlx::postgres::PgPoolOptions;

/// Runs chainfair's SQL on a PostgreSQL pool.
#[derive(Debug, Clone)]
pub struct PgRunner {
    pool: sqlx::PgPool,
}

pub type PgStore = SqlStore<PgRunner>;

chainfair_store::sql_runner_impl!(
    PgRunner,
    sqlx::Postgres,
    sqlx::postgres::PgRow,
    "postgres",
    " COLLATE \"C\""
);

/// Connects to a `postgres://` URL and brings the schema up to date.
pub async fn connect(url: &str) -> StoreResult<PgStore> {
    let pool = PgPoolOptions::new()
        .max_connections(8)
        .connect(url)
        .await
        .map_err(db_error)?;
    sqlx::migrate!("./migrations")
        .run(&pool)
        .await
        .map_err(db_error)?;
    Ok(SqlStore(PgRunner { pool }))
}
