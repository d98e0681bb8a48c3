//! [`DocumentStore`] for any SQL backend.
use super::{Cells, SqlRunner, SqlStore, Step, Value};
use crate::{DocumentStore, StoreError, StoreResult};
use async_trait::async_trait;
use chainfair_core::{Document, DocumentKind, EditionId};

const COLUMNS: &str = "edition, id, title, lang, kind, file_name, content_type, published_on";

fn document<C: Cells>(row: &C) -> StoreResult<Document> {
    let id = row.text("id")?;
    let bad = |e: chainfair_core::Invalid| StoreError::Corrupt {
        table: "documents",
        key: id.clone(),
        message: e.to_string(),
    };
    Document::new(
        EditionId::parse("edition", &row.text("edition")?).map_err(bad)?,
        &id,
        &row.text("title")?,
        &row.text("lang")?,
        DocumentKind::parse("kind", &row.text("kind")?).map_err(bad)?,
        &row.text("file_name")?,
        row.date("published_on")?,
    )
    .map_err(bad)
}

fn key(edition: &EditionId, id: &str) -> Vec<Value> {
    vec![Value::Text(edition.to_string()), Value::Text(id.to_owned())]
}

/// Stores a document, replacing one of the same id.
pub(super) fn document_steps(d: &Document, content: &[u8]) -> Vec<Step> {
    let delete = "DELETE FROM documents WHERE edition = $1 AND id = $2";
    let insert = format!(
        "INSERT INTO documents ({COLUMNS}, content) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)"
    );
    let row = vec![
        Value::Text(d.edition.to_string()),
        Value::Text(d.id.clone()),
        Value::Text(d.title.clone()),
        Value::Text(d.lang.clone()),
        Value::Text(d.kind.as_str().to_owned()),
        Value::Text(d.file_name.clone()),
        Value::Text(d.content_type.clone()),
        Value::Date(d.published_on),
        Value::Bytes(content.to_vec()),
    ];
    vec![
        Step::Execute(delete.to_owned(), key(&d.edition, &d.id)),
        Step::Execute(insert, row),
    ]
}

#[async_trait]
impl<R: SqlRunner> DocumentStore for SqlStore<R> {
    async fn put_document(&self, d: &Document, content: &[u8]) -> StoreResult<()> {
        self.0.run(document_steps(d, content)).await.map(|_| ())
    }

    async fn documents(&self, edition: &EditionId) -> StoreResult<Vec<(Document, u64)>> {
        let sql = format!(
            "SELECT {COLUMNS}, CAST(LENGTH(content) AS BIGINT) AS size FROM documents \
             WHERE edition = $1 ORDER BY published_on DESC, id"
        );
        self.0
            .fetch(&sql, &[Value::Text(edition.to_string())])
            .await?
            .iter()
            .map(|row| Ok((document(row)?, u64::try_from(row.int("size")?).unwrap_or(0))))
            .collect()
    }

    async fn document(
        &self,
        edition: &EditionId,
        id: &str,
    ) -> StoreResult<Option<(Document, Vec<u8>)>> {
        let sql =
            format!("SELECT {COLUMNS}, content FROM documents WHERE edition = $1 AND id = $2");
        let rows = self.0.fetch(&sql, &key(edition, id)).await?;
        rows.first()
            .map(|row| Ok((document(row)?, row.bytes("content")?)))
            .transpose()
    }

    async fn delete_document(&self, edition: &EditionId, id: &str) -> StoreResult<bool> {
        let deleted = self
            .execute(
                "DELETE FROM documents WHERE edition = $1 AND id = $2",
                key(edition, id),
            )
            .await?;
        Ok(deleted > 0)
    }
}
