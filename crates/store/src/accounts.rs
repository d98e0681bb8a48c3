//! Accounts, sessions, API tokens and invitation codes. The store keeps
//! only hashes of secrets: the caller hashes a token or code before it asks.
use crate::StoreResult;
use async_trait::async_trait;
use chainfair_core::{Account, OrganizationId};
use serde::Serialize;

/// A signed-in browser session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    pub account: Account,
    /// The token every form and unsafe request of the session must carry.
    pub csrf: String,
    /// UTC, RFC 3339.
    pub expires_at: String,
}

/// An API token, without its secret.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct ApiToken {
    pub id: String,
    pub account: String,
    pub name: String,
    /// `read` (GET only) or `write`.
    pub scope: String,
    pub created_at: String,
    pub revoked_at: Option<String>,
}

/// An invitation code, without its secret.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Invitation {
    pub id: String,
    pub organization: OrganizationId,
    pub created_by: String,
    pub created_at: String,
    pub used_by: Option<String>,
    pub used_at: Option<String>,
}

#[async_trait]
pub trait AccountStore {
    /// Creates an account with its password hash. With `invitation` (the
    /// code's hash), the code must be unused and for the account's
    /// organisation, and is used up in the same transaction. A taken
    /// e-mail address or a bad code is a `Conflict` and nothing is written.
    async fn create_account(
        &self,
        account: &Account,
        password_hash: &str,
        invitation: Option<&str>,
    ) -> StoreResult<()>;

    /// The account with this (normalised) e-mail address, and its password hash.
    async fn account_by_email(&self, email: &str) -> StoreResult<Option<(Account, String)>>;

    /// The account with this id, and its password hash.
    async fn account(&self, id: &str) -> StoreResult<Option<(Account, String)>>;

    /// Replaces the password hash and ends every session of the account
    /// but `keep` (a session token's hash).
    async fn set_password(&self, id: &str, hash: &str, keep: Option<&str>) -> StoreResult<()>;

    async fn set_lang(&self, id: &str, lang: &str) -> StoreResult<()>;

    async fn create_session(
        &self,
        token_hash: &str,
        account: &str,
        csrf: &str,
        expires_at: &str,
    ) -> StoreResult<()>;

    /// The session of a token hash, expired or not (the caller checks).
    async fn session(&self, token_hash: &str) -> StoreResult<Option<Session>>;

    async fn end_session(&self, token_hash: &str) -> StoreResult<()>;

    async fn create_api_token(&self, token: &ApiToken, token_hash: &str) -> StoreResult<()>;

    /// The account and token of a token hash, unless revoked.
    async fn api_token(&self, token_hash: &str) -> StoreResult<Option<(Account, ApiToken)>>;

    /// The account's tokens, revoked ones too, oldest first.
    async fn api_tokens(&self, account: &str) -> StoreResult<Vec<ApiToken>>;

    /// Revokes one of the account's tokens; false when it has no such
    /// live token.
    async fn revoke_api_token(&self, account: &str, id: &str, at: &str) -> StoreResult<bool>;

    async fn create_invitation(&self, invitation: &Invitation, code_hash: &str) -> StoreResult<()>;

    /// Every invitation, newest first.
    async fn invitations(&self) -> StoreResult<Vec<Invitation>>;

    /// The invitation of a code hash.
    async fn invitation(&self, code_hash: &str) -> StoreResult<Option<Invitation>>;
}
