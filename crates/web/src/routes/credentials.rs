//! Credentials the API issues: invitation codes (the organiser's, for an
//! organisation's staff to sign up with) and API tokens. Both secrets are
//! shown once and stored as SHA-256 hashes.
use crate::auth::{self, Caller, digest};
use crate::{AppError, AppState, ErrorBody};
use axum::Json;
use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use chainfair_core::{Invalid, OrganizationId};
use chainfair_store::{ApiToken, Invitation};
use serde::{Deserialize, Serialize};

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct InvitationBody {
    organization: String,
}

/// An invitation with its code, shown this once.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub(crate) struct InvitationIssued {
    #[serde(flatten)]
    invitation: Invitation,
    code: String,
}

/// Issues an invitation code for an organisation's staff (shown once).
#[utoipa::path(post, path = "/api/v1/invitations", tag = "accounts",
    request_body = InvitationBody,
    responses(
        (status = 201, description = "Issued", body = InvitationIssued),
        (status = 400, description = "An unknown organisation", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not the organiser", body = ErrorBody),
    ),
    security(("bearer" = []), ("session" = [], "csrf" = [])),
)]
pub(crate) async fn invite(
    State(state): State<AppState>,
    caller: Caller,
    body: Result<Json<InvitationBody>, JsonRejection>,
) -> Result<(StatusCode, Json<InvitationIssued>), AppError> {
    let Json(body) = body?;
    let (invitation, code) = issue_invitation(&state, &caller, &body.organization).await?;
    Ok((
        StatusCode::CREATED,
        Json(InvitationIssued { invitation, code }),
    ))
}

/// Issues an invitation code for staff of `organization` (organiser only;
/// the API and the organiser's page): the invitation and its code, which
/// is stored only hashed.
pub(crate) async fn issue_invitation(
    state: &AppState,
    caller: &Caller,
    organization: &str,
) -> Result<(Invitation, String), AppError> {
    let organiser = caller.organiser()?;
    let organization = OrganizationId::parse("organization", organization)?;
    let known =
        chainfair_store::read_all::<chainfair_core::Organization>(state.store.as_ref(), None)
            .await?
            .iter()
            .any(|o| o.id() == &organization);
    if !known {
        return Err(AppError::BadRequest(Invalid::new(
            "organization",
            format!("unknown organisation {organization}"),
        )));
    }
    let code = auth::secret();
    let invitation = Invitation {
        id: auth::new_id(),
        organization,
        created_by: organiser.id.clone(),
        created_at: chainfair_store::now(),
        used_by: None,
        used_at: None,
    };
    state
        .store
        .create_invitation(&invitation, &digest(&code))
        .await?;
    Ok((invitation, code))
}

/// The invitation codes issued (without their secrets).
#[utoipa::path(get, path = "/api/v1/invitations", tag = "accounts",
    responses(
        (status = 200, description = "Every invitation", body = Vec<Invitation>),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not the organiser", body = ErrorBody),
    ),
    security(("bearer" = []), ("session" = [])),
)]
pub(crate) async fn invitations(
    State(state): State<AppState>,
    caller: Caller,
) -> Result<Json<Vec<Invitation>>, AppError> {
    caller.organiser()?;
    Ok(Json(state.store.invitations().await?))
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct TokenBody {
    #[schema(min_length = 1, max_length = 100)]
    name: String,
    /// `read` or `write`.
    #[schema(pattern = "^(read|write)$")]
    scope: String,
}

/// An API token with its secret, shown this once.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub(crate) struct TokenIssued {
    #[serde(flatten)]
    api_token: ApiToken,
    /// `cf_...`: send it as `Authorization: Bearer cf_...`.
    token: String,
}

/// Creates an API token for the caller (shown once).
#[utoipa::path(post, path = "/api/v1/tokens", tag = "accounts",
    request_body = TokenBody,
    responses(
        (status = 201, description = "Created", body = TokenIssued),
        (status = 400, description = "A bad name or scope", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
    ),
    security(("bearer" = []), ("session" = [], "csrf" = [])),
)]
pub(crate) async fn create_token(
    State(state): State<AppState>,
    caller: Caller,
    body: Result<Json<TokenBody>, JsonRejection>,
) -> Result<(StatusCode, Json<TokenIssued>), AppError> {
    let Json(body) = body?;
    let account = caller.signed_in()?;
    let scope = match body.scope.as_str() {
        "read" | "write" => body.scope.clone(),
        other => {
            return Err(AppError::BadRequest(Invalid::new(
                "scope",
                format!("{other:?} is not one of read, write"),
            )));
        }
    };
    let name = body.name.trim();
    if name.is_empty() || name.chars().count() > 100 {
        return Err(AppError::BadRequest(Invalid::new(
            "name",
            "must be 1 to 100 characters",
        )));
    }
    let secret = format!("cf_{}", auth::secret());
    let token = ApiToken {
        id: auth::new_id(),
        account: account.id.clone(),
        name: name.to_owned(),
        scope,
        created_at: chainfair_store::now(),
        revoked_at: None,
    };
    state
        .store
        .create_api_token(&token, &digest(&secret))
        .await?;
    Ok((
        StatusCode::CREATED,
        Json(TokenIssued {
            api_token: token,
            token: secret,
        }),
    ))
}

/// The caller's API tokens (without their secrets).
#[utoipa::path(get, path = "/api/v1/tokens", tag = "accounts",
    responses(
        (status = 200, description = "The caller's tokens, revoked ones too", body = Vec<ApiToken>),
        (status = 401, description = "Not signed in", body = ErrorBody),
    ),
    security(("bearer" = []), ("session" = [])),
)]
pub(crate) async fn tokens(
    State(state): State<AppState>,
    caller: Caller,
) -> Result<Json<Vec<ApiToken>>, AppError> {
    let account = caller.signed_in()?;
    Ok(Json(state.store.api_tokens(&account.id).await?))
}

/// Revokes one of the caller's tokens.
#[utoipa::path(delete, path = "/api/v1/tokens/{id}", tag = "accounts",
    params(("id" = String, Path, description = "The token's id")),
    responses(
        (status = 204, description = "Revoked"),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 404, description = "The caller has no live token of that id", body = ErrorBody),
    ),
    security(("bearer" = []), ("session" = [], "csrf" = [])),
)]
pub(crate) async fn revoke_token(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<StatusCode, AppError> {
    let account = caller.signed_in()?;
    if state
        .store
        .revoke_api_token(&account.id, &id, &chainfair_store::now())
        .await?
    {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(AppError::NotFound(format!("you have no live token {id:?}")))
    }
}
