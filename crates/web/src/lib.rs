//! chainfair's HTTP server: the JSON API under `/api/v1` and the
//! server-rendered pages, on one axum router over any [`Store`].
//!
//! Handlers turn query strings into domain types once (a bad value is a 400
//! that names the parameter), call the store, and render JSON or HTML.
//! Database errors are logged and answered with a bare 500.
#![forbid(unsafe_code)]

pub mod auth;
pub mod badge;
mod error;
mod i18n;
pub mod matchmaking;
pub mod planning;
mod routes;

pub use error::{AppError, ErrorBody, ErrorDetail};
pub use routes::openapi::document as openapi_document;

use axum::Router;
use chainfair_chains::io::IoTable;
use chainfair_chains::template::Chains;
use chainfair_core::EditionId;
use chainfair_matching::Matcher;
use chainfair_store::Store;
use std::collections::{BTreeMap, HashMap};
use std::future::Future;
use std::sync::Arc;
use tokio::net::TcpListener;
use tower_http::trace::TraceLayer;

/// How long a matcher serves before it is built again from the store.
pub const MATCHER_MAX_AGE: std::time::Duration = std::time::Duration::from_secs(300);

/// Each edition's matcher with the time it was built.
pub type MatcherCache = BTreeMap<EditionId, (std::time::Instant, Arc<Matcher>)>;

/// What every handler can reach.
#[derive(Debug, Clone)]
pub struct AppState {
    pub store: Arc<dyn Store>,
    /// Input-output tables loaded at start, by name.
    pub io_tables: Arc<BTreeMap<String, IoTable>>,
    /// The industry chains the maps are drawn from.
    pub chains: Arc<Chains>,
    /// Each edition's matcher and when it was built: built on first use,
    /// dropped when a profile changes through the API, and rebuilt when
    /// older than [`MATCHER_MAX_AGE`] (data imported by another process).
    pub matchers: Arc<tokio::sync::Mutex<MatcherCache>>,
    /// Failed logins, per e-mail address and client address.
    pub login_limiter: Arc<auth::LoginLimiter>,
    /// Marks the session cookie `Secure` (set when served behind TLS).
    pub secure_cookies: bool,
    /// The largest request body accepted; larger ones get 413.
    pub body_limit: usize,
    /// The badge signing key, read from the store once.
    pub badge_key: Arc<tokio::sync::OnceCell<String>>,
    /// The last number given to a new record's id, by edition and prefix
    /// (`r-` meetings, `a-` agreements): see [`AppState::next_number`].
    pub last_numbers: Arc<std::sync::Mutex<HashMap<(String, &'static str), u64>>>,
}

/// The default request body limit: 16 MiB, room for a large CSV upload.
pub const DEFAULT_BODY_LIMIT: usize = 16 << 20;

impl AppState {
    pub fn new(store: Arc<dyn Store>) -> Self {
        Self {
            store,
            io_tables: Arc::default(),
            matchers: Arc::default(),
            login_limiter: Arc::default(),
            secure_cookies: false,
            body_limit: DEFAULT_BODY_LIMIT,
            badge_key: Arc::default(),
            last_numbers: Arc::default(),
            chains: Arc::new(Chains::built_in().unwrap_or_else(|errors| {
                // The built-in templates are checked by tests; this would be
                // a build defect.
                tracing::error!(%errors, "built-in chain templates");
                Chains::default()
            })),
        }
    }
}

impl AppState {
    /// The number of a new record's id (`r-17`): one more than both the
    /// largest stored (`stored`) and the last this process gave, so that
    /// requests at the same moment get different ids; a second server
    /// process may still collide, which the store refuses and the caller
    /// retries.
    pub fn next_number(&self, edition: &EditionId, prefix: &'static str, stored: u64) -> u64 {
        let mut last = self
            .last_numbers
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let entry = last.entry((edition.to_string(), prefix)).or_insert(0);
        *entry = (*entry).max(stored) + 1;
        *entry
    }

    /// The badge signing key: made and stored on first use, then cached.
    pub async fn badge_key(&self) -> Result<&str, AppError> {
        let key = self
            .badge_key
            .get_or_try_init(|| async {
                self.store
                    .server_key(badge::BADGE_KEY, &auth::secret())
                    .await
            })
            .await?;
        Ok(key)
    }
}

/// The whole application as a router, for `serve` and for tests (`oneshot`).
pub fn router(state: AppState) -> Router {
    routes::routes()
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            auth::authenticate,
        ))
        .layer(axum::middleware::from_fn(routes::html_errors))
        .layer(axum::extract::DefaultBodyLimit::max(state.body_limit))
        .layer(TraceLayer::new_for_http())
        .with_state(state)
}

/// Serves until `shutdown` completes, then lets requests in flight finish.
pub async fn serve(
    listener: TcpListener,
    state: AppState,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let app = router(state).into_make_service_with_connect_info::<std::net::SocketAddr>();
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown)
        .await
}
