//! Who is calling: a signed-in browser (session cookie plus CSRF token), an
//! integration (API token), or nobody.
//!
//! [`authenticate`] runs before every handler. It finds the caller, refuses
//! an unsafe request (POST, PUT, PATCH, DELETE) of a cookie session that
//! does not carry the session's CSRF token (header `X-CSRF-Token`, or the
//! field `csrf` of a urlencoded or multipart form), refuses writes with a
//! read-only token, and leaves the [`Caller`] in the request's extensions for
//! the handlers (and in the response's, for the error pages).
//!
//! Secrets are random 256-bit values shown once and stored as SHA-256
//! hashes; passwords are argon2id PHC strings, hashed and checked on the
//! blocking pool so that a login never stalls the async threads.
use crate::{AppError, AppState};
use argon2::Argon2;
use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use axum::body::Body;
use axum::extract::{FromRequest, FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, Method, header};
use axum::middleware::Next;
use axum::response::Response;
use chainfair_core::{Account, Viewer};
use rand::{Rng, SeedableRng};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// The session cookie's name.
pub const SESSION_COOKIE: &str = "chainfair_session";
/// How long a session lasts after login.
pub const SESSION_DAYS: i64 = 7;
/// The shortest password accepted.
pub const MIN_PASSWORD: usize = 10;
/// The largest form body the CSRF check reads.
const FORM_LIMIT: usize = 1 << 20;

/// A new secret: 32 random bytes from the operating system's generator, as hex.
pub fn secret() -> String {
    let mut bytes = [0u8; 32];
    rand::rngs::StdRng::from_os_rng().fill(&mut bytes);
    hex(&bytes)
}

/// A short random id (for records whose secret is elsewhere).
pub fn new_id() -> String {
    let mut bytes = [0u8; 8];
    rand::rngs::StdRng::from_os_rng().fill(&mut bytes);
    hex(&bytes)
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The SHA-256 of a secret, as the store keeps it.
pub fn digest(secret: &str) -> String {
    hex(&Sha256::digest(secret.as_bytes()))
}

/// The argon2id PHC string of a password (slow by design: call it through
/// [`hash_password`] from async code).
pub fn hash_password_blocking(password: &str) -> Result<String, AppError> {
    Argon2::default()
        .hash_password(password.as_bytes())
        .map(|hash| hash.to_string())
        .map_err(|e| AppError::Internal(format!("password hashing failed: {e}")))
}

/// Whether `password` matches the PHC string `hash` (blocking).
pub fn verify_password_blocking(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash).is_ok_and(|parsed| {
        Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok()
    })
}

pub async fn hash_password(password: String) -> Result<String, AppError> {
    tokio::task::spawn_blocking(move || hash_password_blocking(&password))
        .await
        .map_err(|e| AppError::Internal(format!("password hashing task: {e}")))?
}

pub async fn verify_password(password: String, hash: String) -> Result<bool, AppError> {
    tokio::task::spawn_blocking(move || verify_password_blocking(&password, &hash))
        .await
        .map_err(|e| AppError::Internal(format!("password check task: {e}")))
}

/// Checks a new password's length (in characters).
pub fn check_new_password(password: &str) -> Result<(), AppError> {
    if password.chars().count() < MIN_PASSWORD {
        return Err(AppError::BadRequest(chainfair_core::Invalid::new(
            "password",
            format!("must be at least {MIN_PASSWORD} characters"),
        )));
    }
    Ok(())
}

/// How the caller proved who they are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Via {
    /// A browser session: the hash of its cookie token, and its CSRF token.
    Session { token_hash: String, csrf: String },
    /// An API token with its scope.
    Token { id: String, write: bool },
}

/// The caller of a request.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Caller {
    #[default]
    Anonymous,
    Signed {
        account: Account,
        via: Via,
    },
}

impl Caller {
    pub fn account(&self) -> Option<&Account> {
        match self {
            Caller::Anonymous => None,
            Caller::Signed { account, .. } => Some(account),
        }
    }

    /// The signed-in account, or 401.
    pub fn signed_in(&self) -> Result<&Account, AppError> {
        self.account().ok_or(AppError::Unauthorized)
    }

    /// The organiser's account, or 401/403.
    pub fn organiser(&self) -> Result<&Account, AppError> {
        let account = self.signed_in()?;
        if account.is_organiser() {
            Ok(account)
        } else {
            Err(AppError::Forbidden("only the organiser may do this".into()))
        }
    }

    /// An account that acts for `org` (its staff, or the organiser), or 401/403.
    pub fn acting_for(&self, org: &chainfair_core::OrganizationId) -> Result<&Account, AppError> {
        let account = self.signed_in()?;
        if account.acts_for(org) {
            Ok(account)
        } else {
            Err(AppError::Forbidden(format!("you do not act for {org}")))
        }
    }

    pub fn viewer(&self) -> Viewer<'_> {
        self.account().map_or(Viewer::Public, Account::viewer)
    }

    /// How the audit log names the caller: `role:email`.
    pub fn actor(&self) -> String {
        match self.account() {
            Some(a) => format!("{}:{}", a.role.as_str(), a.email),
            None => "anonymous".to_owned(),
        }
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Caller {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(parts
            .extensions
            .get::<Caller>()
            .cloned()
            .unwrap_or_default())
    }
}

/// A cookie's value from the request's `Cookie` headers.
pub fn cookie<'h>(headers: &'h HeaderMap, name: &str) -> Option<&'h str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value)
}

fn unsafe_method(method: &Method) -> bool {
    !matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

/// Compares secrets in time independent of where they differ.
fn same(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

/// The `csrf` field of a urlencoded form body.
fn form_csrf(body: &[u8]) -> Option<String> {
    form_urlencoded::parse(body)
        .find(|(key, _)| key == "csrf")
        .map(|(_, value)| value.into_owned())
}

/// The `csrf` field of a multipart form body.
async fn multipart_csrf(content_type: &str, bytes: axum::body::Bytes) -> Option<String> {
    let request = Request::builder()
        .header(header::CONTENT_TYPE, content_type)
        .body(Body::from(bytes))
        .ok()?;
    let mut form = axum::extract::Multipart::from_request(request, &())
        .await
        .ok()?;
    while let Ok(Some(field)) = form.next_field().await {
        if field.name() == Some("csrf") {
            return field.text().await.ok();
        }
    }
    None
}

/// Finds the caller and enforces CSRF and token scopes (see the module docs).
pub async fn authenticate(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Result<Response, AppError> {
    let (mut parts, body) = request.into_parts();
    let bearer = parts
        .headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim);
    let caller = if let Some(token) = bearer {
        match state.store.api_token(&digest(token)).await? {
            Some((account, token)) => Caller::Signed {
                account,
                via: Via::Token {
                    id: token.id,
                    write: token.scope == "write",
                },
            },
            None => return Err(AppError::Unauthorized),
        }
    } else if let Some(token) = cookie(&parts.headers, SESSION_COOKIE) {
        let token_hash = digest(token);
        match state.store.session(&token_hash).await? {
            Some(session) if session.expires_at > chainfair_store::now() => Caller::Signed {
                account: session.account,
                via: Via::Session {
                    token_hash,
                    csrf: session.csrf,
                },
            },
            // Unknown or expired: as if signed out.
            _ => Caller::Anonymous,
        }
    } else {
        Caller::Anonymous
    };

    let mut body = body;
    if unsafe_method(&parts.method) {
        match &caller {
            Caller::Signed {
                via: Via::Token { write: false, .. },
                ..
            } => {
                return Err(AppError::Forbidden(
                    "this API token is read-only".to_owned(),
                ));
            }
            Caller::Signed {
                via: Via::Session { csrf, .. },
                ..
            } => {
                let header_token = parts
                    .headers
                    .get("x-csrf-token")
                    .and_then(|v| v.to_str().ok())
                    .map(str::to_owned);
                let content_type = parts
                    .headers
                    .get(header::CONTENT_TYPE)
                    .and_then(|v| v.to_str().ok())
                    .unwrap_or("")
                    .to_owned();
                let sent = match header_token {
                    Some(token) => Some(token),
                    None if content_type.starts_with("application/x-www-form-urlencoded") => {
                        let bytes = axum::body::to_bytes(body, FORM_LIMIT)
                            .await
                            .map_err(|_| AppError::PayloadTooLarge)?;
                        let sent = form_csrf(&bytes);
                        body = Body::from(bytes);
                        sent
                    }
                    // An upload form: the field is read from the body, which
                    // is then passed on whole.
                    None if content_type.starts_with("multipart/form-data") => {
                        let bytes = axum::body::to_bytes(body, state.body_limit)
                            .await
                            .map_err(|_| AppError::PayloadTooLarge)?;
                        let sent = multipart_csrf(&content_type, bytes.clone()).await;
                        body = Body::from(bytes);
                        sent
                    }
                    None => None,
                };
                if !sent.is_some_and(|sent| same(&sent, csrf)) {
                    return Err(AppError::Forbidden(
                        "missing or wrong CSRF token: reload the page and try again".to_owned(),
                    ));
                }
            }
            _ => {}
        }
    }
    parts.extensions.insert(caller.clone());
    let mut response = next.run(Request::from_parts(parts, body)).await;
    response.extensions_mut().insert(caller);
    Ok(response)
}

/// Failed logins per e-mail address and per client address: after
/// `MAX_FAILURES` for an address (`MAX_FAILURES_PER_CLIENT` for a client,
/// which may be a proxy many people share) in `WINDOW`, further attempts
/// are refused (429) until the window has passed. Kept in memory, so per
/// server process.
#[derive(Debug, Default)]
pub struct LoginLimiter {
    failures: Mutex<HashMap<String, (Instant, u32)>>,
}

impl LoginLimiter {
    pub const MAX_FAILURES: u32 = 5;
    pub const MAX_FAILURES_PER_CLIENT: u32 = 50;
    pub const WINDOW: Duration = Duration::from_secs(15 * 60);

    /// Seconds to wait when any of `keys` is over the limit.
    pub fn blocked(&self, keys: &[String]) -> Option<u64> {
        let failures = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        keys.iter()
            .filter_map(|key| {
                let limit = if key.starts_with("ip:") {
                    Self::MAX_FAILURES_PER_CLIENT
                } else {
                    Self::MAX_FAILURES
                };
                failures.get(key).filter(|(_, n)| *n >= limit)
            })
            .filter(|(since, _)| since.elapsed() < Self::WINDOW)
            .map(|(since, _)| (Self::WINDOW - since.elapsed()).as_secs().max(1))
            .max()
    }

    pub fn failed(&self, keys: &[String]) {
        let mut failures = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        failures.retain(|_, (since, _)| since.elapsed() < Self::WINDOW);
        for key in keys {
            let entry = failures.entry(key.clone()).or_insert((Instant::now(), 0));
            entry.1 += 1;
        }
    }

    pub fn succeeded(&self, keys: &[String]) {
        let mut failures = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        for key in keys {
            failures.remove(key);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_hash_to_argon2id_and_verify() {
        let hash = hash_password_blocking("correct horse battery").unwrap();
        assert!(hash.starts_with("$argon2id$"), "{hash}");
        assert!(verify_password_blocking("correct horse battery", &hash));
        assert!(!verify_password_blocking("correct horse batterY", &hash));
        assert!(!verify_password_blocking("anything", "not a hash"));
    }

    #[test]
    fn secrets_are_64_hex_digits_and_differ() {
        let (a, b) = (secret(), secret());
        assert_eq!(a.len(), 64);
        assert_ne!(a, b);
        assert_eq!(digest("abc").len(), 64);
        assert_eq!(
            digest("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn cookies_are_found_among_others() {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::COOKIE,
            "a=1; chainfair_session=xyz; b=2".parse().unwrap(),
        );
        assert_eq!(cookie(&headers, SESSION_COOKIE), Some("xyz"));
        assert_eq!(cookie(&headers, "c"), None);
    }

    #[test]
    fn the_limiter_blocks_after_five_failures_and_forgets_on_success() {
        let limiter = LoginLimiter::default();
        let keys = ["email:a@b.cn".to_owned()];
        for _ in 0..LoginLimiter::MAX_FAILURES {
            assert_eq!(limiter.blocked(&keys), None);
            limiter.failed(&keys);
        }
        assert!(limiter.blocked(&keys).is_some_and(|s| s > 0));
        limiter.succeeded(&keys);
        assert_eq!(limiter.blocked(&keys), None);
        // A client (perhaps a proxy) gets ten times the room.
        let client = ["ip:10.0.0.1".to_owned()];
        for _ in 0..LoginLimiter::MAX_FAILURES {
            limiter.failed(&client);
        }
        assert_eq!(limiter.blocked(&client), None);
        for _ in LoginLimiter::MAX_FAILURES..LoginLimiter::MAX_FAILURES_PER_CLIENT {
            limiter.failed(&client);
        }
        assert!(limiter.blocked(&client).is_some());
    }
}
