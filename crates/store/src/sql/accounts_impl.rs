//! [`AccountStore`] for any SQL backend.
use super::{Cells, SqlRunner, SqlStore, Step, Value};
use crate::{AccountStore, ApiToken, Invitation, Session, StoreError, StoreResult};
use async_trait::async_trait;
use chainfair_core::{Account, AccountRole, OrganizationId};

const ACCOUNT_COLUMNS: &str =
    "a.id, a.email, a.name, a.role, a.organization, a.lang, a.password_hash";
const TOKEN_COLUMNS: &str = "t.id, t.account, t.name, t.scope, t.created_at, t.revoked_at";
const INVITATION_COLUMNS: &str = "id, organization, created_by, created_at, used_by, used_at";

fn text(s: &str) -> Value {
    Value::Text(s.to_owned())
}

fn corrupt(table: &'static str, key: String) -> impl Fn(chainfair_core::Invalid) -> StoreError {
    move |e| StoreError::Corrupt {
        table,
        key: key.clone(),
        message: e.to_string(),
    }
}

fn account<C: Cells>(row: &C) -> StoreResult<(Account, String)> {
    let id = row.text("id")?;
    let bad = corrupt("accounts", id.clone());
    let organization = row
        .opt_text("organization")?
        .map(|o| OrganizationId::parse("organization", &o))
        .transpose()
        .map_err(&bad)?;
    let account = Account::new(
        id,
        &row.text("email")?,
        &row.text("name")?,
        AccountRole::parse("role", &row.text("role")?).map_err(&bad)?,
        organization,
        &row.text("lang")?,
    )
    .map_err(&bad)?;
    Ok((account, row.text("password_hash")?))
}

fn token<C: Cells>(row: &C) -> StoreResult<ApiToken> {
    Ok(ApiToken {
        id: row.text("id")?,
        account: row.text("account")?,
        name: row.text("name")?,
        scope: row.text("scope")?,
        created_at: row.text("created_at")?,
        revoked_at: row.opt_text("revoked_at")?,
    })
}

fn invitation<C: Cells>(row: &C) -> StoreResult<Invitation> {
    let id = row.text("id")?;
    Ok(Invitation {
        organization: OrganizationId::parse("organization", &row.text("organization")?)
            .map_err(corrupt("invitations", id.clone()))?,
        id,
        created_by: row.text("created_by")?,
        created_at: row.text("created_at")?,
        used_by: row.opt_text("used_by")?,
        used_at: row.opt_text("used_at")?,
    })
}

impl<R: SqlRunner> SqlStore<R> {
    async fn one_account(&self, filter: &str, key: &str) -> StoreResult<Option<(Account, String)>> {
        let sql = format!("SELECT {ACCOUNT_COLUMNS} FROM accounts a WHERE {filter} = $1");
        self.0
            .fetch(&sql, &[text(key)])
            .await?
            .first()
            .map(account)
            .transpose()
    }
}

#[async_trait]
impl<R: SqlRunner> AccountStore for SqlStore<R> {
    async fn create_account(
        &self,
        account: &Account,
        password_hash: &str,
        invitation: Option<&str>,
    ) -> StoreResult<()> {
        let mut steps = vec![Step::Guard(
            "INSERT INTO accounts (id, email, name, role, organization, lang, password_hash, \
             created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING"
                .to_owned(),
            vec![
                text(&account.id),
                text(&account.email),
                text(&account.name),
                text(account.role.as_str()),
                Value::OptText(account.organization.as_ref().map(ToString::to_string)),
                text(&account.lang),
                text(password_hash),
                text(&crate::now()),
            ],
            format!(
                "an account with the e-mail address {} already exists",
                account.email
            ),
        )];
        if let Some(code_hash) = invitation {
            steps.push(Step::Guard(
                "UPDATE invitations SET used_by = $1, used_at = $2 \
                 WHERE code_hash = $3 AND organization = $4 AND used_by IS NULL"
                    .to_owned(),
                vec![
                    text(&account.id),
                    text(&crate::now()),
                    text(code_hash),
                    Value::OptText(account.organization.as_ref().map(ToString::to_string)),
                ],
                "the invitation code is unknown or already used".to_owned(),
            ));
        }
        self.0.run(steps).await.map(|_| ())
    }

    async fn account_by_email(&self, email: &str) -> StoreResult<Option<(Account, String)>> {
        self.one_account("a.email", email).await
    }

    async fn account(&self, id: &str) -> StoreResult<Option<(Account, String)>> {
        self.one_account("a.id", id).await
    }

    async fn set_password(&self, id: &str, hash: &str, keep: Option<&str>) -> StoreResult<()> {
        self.0
            .run(vec![
                Step::Guard(
                    "UPDATE accounts SET password_hash = $1 WHERE id = $2".to_owned(),
                    vec![text(hash), text(id)],
                    format!("no account {id}"),
                ),
                Step::Execute(
                    "DELETE FROM sessions WHERE account = $1 AND token_hash <> $2".to_owned(),
                    vec![text(id), text(keep.unwrap_or(""))],
                ),
            ])
            .await
            .map(|_| ())
    }

    async fn set_lang(&self, id: &str, lang: &str) -> StoreResult<()> {
        self.execute(
            "UPDATE accounts SET lang = $1 WHERE id = $2",
            vec![text(lang), text(id)],
        )
        .await
        .map(|_| ())
    }

    async fn create_session(
        &self,
        token_hash: &str,
        account: &str,
        csrf: &str,
        expires_at: &str,
    ) -> StoreResult<()> {
        self.execute(
            "INSERT INTO sessions (token_hash, account, csrf, expires_at) VALUES ($1, $2, $3, $4)",
            vec![
                text(token_hash),
                text(account),
                text(csrf),
                text(expires_at),
            ],
        )
        .await
        .map(|_| ())
    }

    async fn session(&self, token_hash: &str) -> StoreResult<Option<Session>> {
        let sql = format!(
            "SELECT {ACCOUNT_COLUMNS}, s.csrf, s.expires_at FROM sessions s \
             JOIN accounts a ON a.id = s.account WHERE s.token_hash = $1"
        );
        let rows = self.0.fetch(&sql, &[text(token_hash)]).await?;
        let Some(row) = rows.first() else {
            return Ok(None);
        };
        Ok(Some(Session {
            account: account(row)?.0,
            csrf: row.text("csrf")?,
            expires_at: row.text("expires_at")?,
        }))
    }

    async fn end_session(&self, token_hash: &str) -> StoreResult<()> {
        self.execute(
            "DELETE FROM sessions WHERE token_hash = $1",
            vec![text(token_hash)],
        )
        .await
        .map(|_| ())
    }

    async fn create_api_token(&self, token: &ApiToken, token_hash: &str) -> StoreResult<()> {
        self.execute(
            "INSERT INTO api_tokens (id, account, name, token_hash, scope, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6)",
            vec![
                text(&token.id),
                text(&token.account),
                text(&token.name),
                text(token_hash),
                text(&token.scope),
                text(&token.created_at),
            ],
        )
        .await
        .map(|_| ())
    }

    async fn api_token(&self, token_hash: &str) -> StoreResult<Option<(Account, ApiToken)>> {
        // The token's columns are renamed apart from the account's.
        let sql = format!(
            "SELECT {ACCOUNT_COLUMNS}, t.id AS token_id, t.name AS token_name, t.scope, \
             t.created_at, t.revoked_at FROM api_tokens t JOIN accounts a ON a.id = t.account \
             WHERE t.token_hash = $1 AND t.revoked_at IS NULL"
        );
        let rows = self.0.fetch(&sql, &[text(token_hash)]).await?;
        let Some(row) = rows.first() else {
            return Ok(None);
        };
        let (account, _) = account(row)?;
        let token = ApiToken {
            id: row.text("token_id")?,
            account: account.id.clone(),
            name: row.text("token_name")?,
            scope: row.text("scope")?,
            created_at: row.text("created_at")?,
            revoked_at: row.opt_text("revoked_at")?,
        };
        Ok(Some((account, token)))
    }

    async fn api_tokens(&self, account: &str) -> StoreResult<Vec<ApiToken>> {
        let sql = format!(
            "SELECT {TOKEN_COLUMNS} FROM api_tokens t WHERE t.account = $1 ORDER BY t.created_at, t.id"
        );
        self.0
            .fetch(&sql, &[text(account)])
            .await?
            .iter()
            .map(token)
            .collect()
    }

    async fn revoke_api_token(&self, account: &str, id: &str, at: &str) -> StoreResult<bool> {
        let changed = self
            .execute(
                "UPDATE api_tokens SET revoked_at = $1 \
                 WHERE account = $2 AND id = $3 AND revoked_at IS NULL",
                vec![text(at), text(account), text(id)],
            )
            .await?;
        Ok(changed > 0)
    }

    async fn create_invitation(&self, invitation: &Invitation, code_hash: &str) -> StoreResult<()> {
        self.execute(
            "INSERT INTO invitations (id, code_hash, organization, created_by, created_at) \
             VALUES ($1, $2, $3, $4, $5)",
            vec![
                text(&invitation.id),
                text(code_hash),
                text(invitation.organization.as_str()),
                text(&invitation.created_by),
                text(&invitation.created_at),
            ],
        )
        .await
        .map(|_| ())
    }

    async fn invitations(&self) -> StoreResult<Vec<Invitation>> {
        let sql = format!(
            "SELECT {INVITATION_COLUMNS} FROM invitations ORDER BY created_at DESC, id DESC"
        );
        self.0
            .fetch(&sql, &[])
            .await?
            .iter()
            .map(invitation)
            .collect()
    }

    async fn invitation(&self, code_hash: &str) -> StoreResult<Option<Invitation>> {
        let sql = format!("SELECT {INVITATION_COLUMNS} FROM invitations WHERE code_hash = $1");
        self.0
            .fetch(&sql, &[text(code_hash)])
            .await?
            .first()
            .map(invitation)
            .transpose()
    }
}
