//! The documents an edition publishes, stored with their files.
use crate::StoreResult;
use async_trait::async_trait;
use chainfair_core::{Document, EditionId};

#[async_trait]
pub trait DocumentStore {
    /// Publishes a document, replacing one of the same edition and id.
    async fn put_document(&self, document: &Document, content: &[u8]) -> StoreResult<()>;

    /// An edition's documents with their sizes in bytes, newest first.
    async fn documents(&self, edition: &EditionId) -> StoreResult<Vec<(Document, u64)>>;

    /// One document with its file.
    async fn document(
        &self,
        edition: &EditionId,
        id: &str,
    ) -> StoreResult<Option<(Document, Vec<u8>)>>;

    /// Withdraws a document; false when there was none.
    async fn delete_document(&self, edition: &EditionId, id: &str) -> StoreResult<bool>;
}
