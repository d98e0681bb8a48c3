/// Implements [`SqlRunner`](crate::sql::SqlRunner) for a backend: binds
/// [`Value`](crate::sql::Value)s with the backend's sqlx types and reads its
/// rows as [`Cells`](crate::sql::Cells). The backend crate names its runner
/// type (a struct with a `pool` field), its sqlx database and row types, its
/// name and what makes text sort byte by byte.
#[macro_export]
macro_rules! sql_runner_impl {
    ($runner:ty, $db:ty, $row:ty, $backend:literal, $byte_order:literal) => {
        /// A row of this backend, read by column name.
        #[derive(Debug)]
        pub struct RowCells($row);

        fn cell<T>(row: &$row, column: &str) -> $crate::StoreResult<T>
        where
            T: for<'r> sqlx::Decode<'r, $db> + sqlx::Type<$db>,
        {
            sqlx::Row::try_get(row, column).map_err($crate::sql::db_error)
        }

        impl $crate::sql::Cells for RowCells {
            fn text(&self, column: &str) -> $crate::StoreResult<String> {
                cell(&self.0, column)
            }
            fn opt_text(&self, column: &str) -> $crate::StoreResult<Option<String>> {
                cell(&self.0, column)
            }
            fn int(&self, column: &str) -> $crate::StoreResult<i64> {
                cell(&self.0, column)
            }
            fn opt_int(&self, column: &str) -> $crate::StoreResult<Option<i64>> {
                cell(&self.0, column)
            }
            fn date(&self, column: &str) -> $crate::StoreResult<chrono::NaiveDate> {
                cell(&self.0, column)
            }
            fn boolean(&self, column: &str) -> $crate::StoreResult<bool> {
                cell(&self.0, column)
            }
            fn bytes(&self, column: &str) -> $crate::StoreResult<Vec<u8>> {
                cell(&self.0, column)
            }
            fn float(&self, column: &str) -> $crate::StoreResult<f64> {
                cell(&self.0, column)
            }
        }

        /// A statement with its values bound, in order, as `$1`, `$2` ...
        fn with_binds(
            sql: String,
            binds: &[$crate::sql::Value],
        ) -> impl sqlx::Execute<'static, $db> + use<> {
            use $crate::sql::Value;
            let mut query = sqlx::query::<$db>(sqlx::AssertSqlSafe(sql));
            for value in binds {
                query = match value.clone() {
                    Value::Text(v) => query.bind(v),
                    Value::OptText(v) => query.bind(v),
                    Value::Int(v) => query.bind(v),
                    Value::OptInt(v) => query.bind(v),
                    Value::Date(v) => query.bind(v),
                    Value::Bool(v) => query.bind(v),
                    Value::Bytes(v) => query.bind(v),
                    Value::Float(v) => query.bind(v),
                };
            }
            query
        }

        #[$crate::sql::async_trait]
        impl $crate::sql::SqlRunner for $runner {
            type Row = RowCells;
            const BACKEND: &'static str = $backend;
            const BYTE_ORDER: &'static str = $byte_order;

            async fn fetch(
                &self,
                sql: &str,
                binds: &[$crate::sql::Value],
            ) -> $crate::StoreResult<Vec<RowCells>> {
                let rows = sqlx::Executor::fetch_all(&self.pool, with_binds(sql.to_owned(), binds))
                    .await
                    .map_err($crate::sql::db_error)?;
                Ok(rows.into_iter().map(RowCells).collect())
            }

            async fn run(&self, steps: Vec<$crate::sql::Step>) -> $crate::StoreResult<Vec<u64>> {
                use $crate::sql::{Step, Value};
                let mut tx = self.pool.begin().await.map_err($crate::sql::db_error)?;
                let mut affected = Vec::with_capacity(steps.len());
                for step in &steps {
                    let insert = match step {
                        Step::Insert(insert) => insert,
                        Step::Execute(sql, binds) | Step::Guard(sql, binds, _) => {
                            let done =
                                sqlx::Executor::execute(&mut *tx, with_binds(sql.clone(), binds))
                                    .await
                                    .map_err($crate::sql::db_error)?;
                            if let Step::Guard(_, _, conflict) = step
                                && done.rows_affected() == 0
                            {
                                // Dropping the transaction rolls it back.
                                return Err($crate::StoreError::Conflict(conflict.clone()));
                            }
                            affected.push(done.rows_affected());
                            continue;
                        }
                    };
                    affected.push(insert.rows.len() as u64);
                    for chunk in insert.rows.chunks(insert.rows_per_statement()) {
                        let mut builder = sqlx::QueryBuilder::<$db>::new(insert.head());
                        builder.push_values(chunk, |mut row, values| {
                            for value in values {
                                match value.clone() {
                                    Value::Text(v) => row.push_bind(v),
                                    Value::OptText(v) => row.push_bind(v),
                                    Value::Int(v) => row.push_bind(v),
                                    Value::OptInt(v) => row.push_bind(v),
                                    Value::Date(v) => row.push_bind(v),
                                    Value::Bool(v) => row.push_bind(v),
                                    Value::Bytes(v) => row.push_bind(v),
                                    Value::Float(v) => row.push_bind(v),
                                };
                            }
                        });
                        builder
                            .build()
                            .execute(&mut *tx)
                            .await
                            .map_err($crate::sql::db_error)?;
                    }
                }
                tx.commit().await.map_err($crate::sql::db_error)?;
                Ok(affected)
            }
        }
    };
}
