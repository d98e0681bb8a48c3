//! Accounts: sign in and out, who am I, password and language, sign up
//! (visitors freely, exhibitor staff with an invitation code).
use crate::ErrorBody;
use crate::auth::{
    self, Caller, SESSION_COOKIE, SESSION_DAYS, Via, check_new_password, digest, hash_password,
    verify_password,
};
use crate::{AppError, AppState};
use axum::Json;
use axum::extract::rejection::JsonRejection;
use axum::extract::{ConnectInfo, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use chainfair_core::{Account, AccountRole, Invalid, normalise_email, parse_lang};
use serde::{Deserialize, Serialize};
use std::net::SocketAddr;
use std::sync::OnceLock;

/// The client's address, when the server was started with it.
pub(crate) struct ClientAddr(pub(crate) Option<SocketAddr>);

impl<S: Send + Sync> axum::extract::FromRequestParts<S> for ClientAddr {
    type Rejection = std::convert::Infallible;
    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        _: &S,
    ) -> Result<Self, Self::Rejection> {
        Ok(ClientAddr(
            parts
                .extensions
                .get::<ConnectInfo<SocketAddr>>()
                .map(|info| info.0),
        ))
    }
}

/// Starts a session for `account`: its `Set-Cookie` value and CSRF token.
pub(crate) async fn new_session(
    state: &AppState,
    account: &Account,
) -> Result<(HeaderValue, String), AppError> {
    let (token, csrf) = (auth::secret(), auth::secret());
    let expires = chrono::Utc::now() + chrono::Duration::days(SESSION_DAYS);
    let expires = expires.to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
    state
        .store
        .create_session(&digest(&token), &account.id, &csrf, &expires)
        .await?;
    let cookie = format!(
        "{SESSION_COOKIE}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age={}{}",
        SESSION_DAYS * 86_400,
        if state.secure_cookies { "; Secure" } else { "" }
    );
    let cookie = HeaderValue::from_str(&cookie).map_err(|e| AppError::Internal(e.to_string()))?;
    Ok((cookie, csrf))
}

/// The `Set-Cookie` value that removes the session cookie.
pub(crate) fn cleared_cookie() -> HeaderValue {
    HeaderValue::from_static("chainfair_session=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0")
}

/// The signed-in account, and its session's CSRF token when signed in with
/// a session (not with an API token).
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub(crate) struct SessionView {
    account: Account,
    /// Send it as `X-CSRF-Token` on every POST, PUT and DELETE.
    #[serde(skip_serializing_if = "Option::is_none")]
    csrf: Option<String>,
}

/// Starts a session and answers with the account and its CSRF token.
async fn start_session(
    state: &AppState,
    account: &Account,
    status: StatusCode,
) -> Result<Response, AppError> {
    let (cookie, csrf) = new_session(state, account).await?;
    let body = SessionView {
        account: account.clone(),
        csrf: Some(csrf),
    };
    let mut response = (status, Json(body)).into_response();
    response.headers_mut().insert(header::SET_COOKIE, cookie);
    Ok(response)
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct LoginBody {
    #[schema(format = Email)]
    email: String,
    password: String,
}

/// A hash to check against when the e-mail is unknown, so that a login
/// takes as long whether or not the account exists.
fn dummy_hash() -> &'static str {
    static HASH: OnceLock<String> = OnceLock::new();
    HASH.get_or_init(|| auth::hash_password_blocking("no such account").unwrap_or_default())
}

/// The account whose e-mail and password these are, within the login limits.
pub(crate) async fn check_password(
    state: &AppState,
    addr: Option<SocketAddr>,
    email: &str,
    password: String,
) -> Result<Account, AppError> {
    let email = normalise_email("email", email)?;
    let mut keys = vec![format!("email:{email}")];
    keys.extend(addr.map(|a| format!("ip:{}", a.ip())));
    if let Some(wait) = state.login_limiter.blocked(&keys) {
        return Err(AppError::TooManyRequests(wait));
    }
    let found = state.store.account_by_email(&email).await?;
    let hash = found
        .as_ref()
        .map_or_else(|| dummy_hash().to_owned(), |(_, hash)| hash.clone());
    let ok = verify_password(password, hash).await?;
    match found {
        Some((account, _)) if ok => {
            state.login_limiter.succeeded(&keys[..1]);
            Ok(account)
        }
        _ => {
            state.login_limiter.failed(&keys);
            Err(AppError::Forbidden(
                "wrong e-mail address or password".to_owned(),
            ))
        }
    }
}

/// Signs in: sets the session cookie (HttpOnly, SameSite=Lax, 7 days).
#[utoipa::path(post, path = "/api/v1/login", tag = "accounts",
    request_body = LoginBody,
    responses(
        (status = 200, description = "Signed in; the cookie is set", body = SessionView,
            headers(("Set-Cookie" = String, description = "The session cookie"))),
        (status = 400, description = "The e-mail address does not parse", body = ErrorBody),
        (status = 403, description = "Wrong e-mail address or password", body = ErrorBody),
        (status = 429, description = "Too many failed attempts for the address or the client", body = ErrorBody,
            headers(("Retry-After" = u64, description = "Seconds to wait"))),
    ),
)]
pub(crate) async fn login(
    State(state): State<AppState>,
    ClientAddr(addr): ClientAddr,
    body: Result<Json<LoginBody>, JsonRejection>,
) -> Result<Response, AppError> {
    let Json(body) = body?;
    let account = check_password(&state, addr, &body.email, body.password).await?;
    start_session(&state, &account, StatusCode::OK).await
}

/// Ends the session: 204 for a script, a redirect home for a form.
#[utoipa::path(post, path = "/api/v1/logout", tag = "accounts",
    responses(
        (status = 204, description = "Signed out; the cookie is cleared"),
        (status = 303, description = "Signed out from a form: back to the home page"),
    ),
    security((), ("bearer" = []), ("session" = [], "csrf" = [])),
)]
pub(crate) async fn logout(
    State(state): State<AppState>,
    caller: Caller,
    headers: axum::http::HeaderMap,
) -> Result<Response, AppError> {
    if let Caller::Signed {
        via: Via::Session { token_hash, .. },
        ..
    } = &caller
    {
        state.store.end_session(token_hash).await?;
    }
    let form = headers.get(header::CONTENT_TYPE).is_some_and(|v| {
        v.as_bytes()
            .starts_with(b"application/x-www-form-urlencoded")
    });
    let mut response = if form {
        axum::response::Redirect::to("/").into_response()
    } else {
        StatusCode::NO_CONTENT.into_response()
    };
    response
        .headers_mut()
        .insert(header::SET_COOKIE, cleared_cookie());
    Ok(response)
}

/// Who is signed in.
#[utoipa::path(get, path = "/api/v1/me", tag = "accounts",
    responses(
        (status = 200, description = "The account (and the session's CSRF token)", body = SessionView),
        (status = 401, description = "Not signed in", body = ErrorBody),
    ),
    security(("bearer" = []), ("session" = [])),
)]
pub(crate) async fn me(caller: Caller) -> Result<Json<SessionView>, AppError> {
    let account = caller.signed_in()?.clone();
    let csrf = match &caller {
        Caller::Signed {
            via: Via::Session { csrf, .. },
            ..
        } => Some(csrf.clone()),
        _ => None,
    };
    Ok(Json(SessionView { account, csrf }))
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct PasswordBody {
    current: String,
    #[schema(min_length = 10)]
    new: String,
}

/// Changes the password; every other session of the account ends.
#[utoipa::path(put, path = "/api/v1/me/password", tag = "accounts",
    request_body = PasswordBody,
    responses(
        (status = 204, description = "Changed"),
        (status = 400, description = "The new password is too short", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "The current password is wrong", body = ErrorBody),
    ),
    security(("bearer" = []), ("session" = [], "csrf" = [])),
)]
pub(crate) async fn password(
    State(state): State<AppState>,
    caller: Caller,
    body: Result<Json<PasswordBody>, JsonRejection>,
) -> Result<StatusCode, AppError> {
    let Json(body) = body?;
    let account = caller.signed_in()?;
    check_new_password(&body.new)?;
    let (_, stored) = state
        .store
        .account(&account.id)
        .await?
        .ok_or(AppError::Unauthorized)?;
    if !verify_password(body.current, stored).await? {
        return Err(AppError::Forbidden("the current password is wrong".into()));
    }
    let keep = match &caller {
        Caller::Signed {
            via: Via::Session { token_hash, .. },
            ..
        } => Some(token_hash.as_str()),
        _ => None,
    };
    let hash = hash_password(body.new).await?;
    state.store.set_password(&account.id, &hash, keep).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct LangBody {
    /// `en` or `zh`.
    #[schema(pattern = "^(en|zh)$")]
    lang: String,
}

/// Sets the language of the account's pages.
#[utoipa::path(put, path = "/api/v1/me/lang", tag = "accounts",
    request_body = LangBody,
    responses(
        (status = 204, description = "Set"),
        (status = 400, description = "Not `en` or `zh`", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
    ),
    security(("bearer" = []), ("session" = [], "csrf" = [])),
)]
pub(crate) async fn lang(
    State(state): State<AppState>,
    caller: Caller,
    body: Result<Json<LangBody>, JsonRejection>,
) -> Result<StatusCode, AppError> {
    let Json(body) = body?;
    let account = caller.signed_in()?;
    let lang = parse_lang("lang", &body.lang)?;
    state.store.set_lang(&account.id, lang).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RegisterBody {
    #[schema(format = Email)]
    email: String,
    #[schema(min_length = 1, max_length = 200)]
    name: String,
    #[schema(min_length = 10)]
    password: String,
    /// An invitation code: the account becomes staff of its organisation.
    code: Option<String>,
    /// `en` (default) or `zh`.
    #[schema(pattern = "^(en|zh)$")]
    lang: Option<String>,
}

/// Signs up: with an invitation code as exhibitor staff, without as a
/// visitor; signed in at once.
#[utoipa::path(post, path = "/api/v1/register", tag = "accounts",
    request_body = RegisterBody,
    responses(
        (status = 201, description = "Signed up and in; the cookie is set", body = SessionView,
            headers(("Set-Cookie" = String, description = "The session cookie"))),
        (status = 400, description = "A field that does not parse, a short password or an unknown code", body = ErrorBody),
        (status = 409, description = "The e-mail address has an account", body = ErrorBody),
    ),
)]
pub(crate) async fn register(
    State(state): State<AppState>,
    body: Result<Json<RegisterBody>, JsonRejection>,
) -> Result<Response, AppError> {
    let Json(body) = body?;
    check_new_password(&body.password)?;
    let code_hash = body.code.as_deref().map(|c| digest(c.trim()));
    let organization = match &code_hash {
        None => None,
        Some(hash) => match state.store.invitation(hash).await? {
            Some(invitation) if invitation.used_by.is_none() => Some(invitation.organization),
            _ => {
                return Err(AppError::BadRequest(Invalid::new(
                    "code",
                    "this invitation code is unknown or already used",
                )));
            }
        },
    };
    let role = if organization.is_some() {
        AccountRole::Exhibitor
    } else {
        AccountRole::Visitor
    };
    let account = Account::new(
        auth::new_id(),
        &body.email,
        &body.name,
        role,
        organization,
        body.lang.as_deref().unwrap_or("en"),
    )?;
    let hash = hash_password(body.password).await?;
    state
        .store
        .create_account(&account, &hash, code_hash.as_deref())
        .await?;
    start_session(&state, &account, StatusCode::CREATED).await
}
