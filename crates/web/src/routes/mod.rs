mod accounts;
mod agreements;
mod agreements_pages;
mod api;
mod assets;
mod audience;
mod audience_pages;
mod calendars;
mod chains;
mod credentials;
mod documents;
mod error_pages;
mod floor;
mod io;
mod matching;
mod meetings;
pub(crate) mod openapi;
mod organiser;
mod pages;
mod paging;
mod portal;
mod signin;

use crate::{AppError, AppState};
use axum::Router;
use axum::routing::{delete, get, post, put};
use chainfair_core::{Edition, EditionId, OrganizationId};
use chainfair_store::Store;

pub(crate) use error_pages::html_errors;

pub(crate) fn routes() -> Router<AppState> {
    Router::new()
        .route("/healthz", get(api::healthz))
        .route("/assets/htmx-2.0.11.min.js", get(assets::htmx))
        .route("/api/openapi.json", get(openapi::openapi_json))
        .route("/api/v1/login", post(accounts::login))
        .route("/api/v1/logout", post(accounts::logout))
        .route("/api/v1/register", post(accounts::register))
        .route("/api/v1/me", get(accounts::me))
        .route("/api/v1/me/password", put(accounts::password))
        .route("/api/v1/me/lang", put(accounts::lang))
        .route(
            "/api/v1/invitations",
            get(credentials::invitations).post(credentials::invite),
        )
        .route(
            "/api/v1/tokens",
            get(credentials::tokens).post(credentials::create_token),
        )
        .route("/api/v1/tokens/{id}", delete(credentials::revoke_token))
        .route(
            "/api/v1/editions/{id}/agreements",
            get(agreements::list).post(agreements::create),
        )
        .route(
            "/api/v1/editions/{id}/agreements/{agreement}/notes",
            post(agreements::note),
        )
        .route(
            "/api/v1/editions/{id}/agreements/{agreement}/history",
            get(agreements::history),
        )
        .route(
            "/api/v1/editions/{id}/agreements/{agreement}/{action}",
            post(agreements::change),
        )
        .route("/api/v1/editions/{id}/audit", get(agreements::audit))
        .route("/api/v1/editions/{id}/documents", get(documents::list))
        .route(
            "/api/v1/editions/{id}/documents/{doc}",
            put(documents::put).delete(documents::delete),
        )
        .route("/editions/{id}/documents/{doc}", get(documents::file))
        .route("/editions/{id}/floor", get(floor::page))
        .route("/editions/{id}/organiser", get(organiser::page))
        .route("/editions/{id}/organiser/import", post(organiser::import))
        .route(
            "/editions/{id}/organiser/invitations",
            post(organiser::invite),
        )
        .route(
            "/editions/{id}/organiser/schedule",
            post(organiser::schedule),
        )
        .route("/editions/{id}/organiser/layout", post(organiser::layout))
        .route(
            "/editions/{id}/agreements",
            get(agreements_pages::page).post(agreements_pages::record_form),
        )
        .route(
            "/editions/{id}/agreements/{agreement}/{action}",
            post(agreements_pages::act_form),
        )
        .route("/floor", get(pages::newest_floor))
        .route("/editions/{id}/exhibitors", get(portal::directory))
        .route(
            "/editions/{id}/organizations/{org}",
            get(portal::organization),
        )
        .route("/editions/{id}/my/meetings", get(portal::inbox))
        .route(
            "/editions/{id}/my/recommendations",
            get(portal::my_recommendations),
        )
        .route("/editions/{id}/meetings", post(portal::request_form))
        .route(
            "/editions/{id}/meetings/{meeting}/{action}",
            post(portal::act_form),
        )
        .route("/editions/{id}/signup", post(audience_pages::sign_up_form))
        .route(
            "/api/v1/editions/{id}/attendees",
            post(audience::register_api),
        )
        .route("/api/v1/me/badges", get(audience::my_badges))
        .route("/my/badges", get(audience_pages::my_badges_page))
        .route(
            "/api/v1/editions/{id}/floor",
            get(floor::get).put(floor::put),
        )
        .route(
            "/api/v1/editions/{id}/booths/{booth}/booking",
            post(floor::book).delete(floor::release),
        )
        .route(
            "/api/v1/editions/{id}/checkins",
            post(audience::check_in_api),
        )
        .route("/api/v1/editions/{id}/online", post(audience::online))
        .route("/api/v1/editions/{id}/signups", post(audience::sign_up))
        .route("/badges/{file}", get(audience::badge_file))
        .route(
            "/editions/{id}/register",
            get(audience_pages::register_page).post(audience_pages::register_form),
        )
        .route(
            "/editions/{id}/checkin",
            get(audience_pages::check_in_page).post(audience_pages::check_in_form),
        )
        .route("/api/v1/editions", get(api::editions))
        .route("/api/v1/editions/{id}", get(api::edition))
        .route("/api/v1/editions/{id}/figures", get(api::figures))
        .route(
            "/api/v1/editions/{id}/organizations",
            get(api::organizations),
        )
        .route(
            "/api/v1/editions/{id}/profiles/{org}",
            get(matching::get_profile).put(matching::put_profile),
        )
        .route(
            "/api/v1/editions/{id}/organizations/{org}/recommendations",
            get(matching::recommendations),
        )
        .route(
            "/api/v1/editions/{id}/meetings",
            get(meetings::list).post(meetings::request),
        )
        .route(
            "/api/v1/editions/{id}/meetings/{meeting}/{action}",
            post(meetings::act),
        )
        .route(
            "/api/v1/editions/{id}/organizations/{org}/calendar",
            post(calendars::subscription),
        )
        .route(
            "/api/v1/editions/{id}/organizations/{org}/unavailability",
            get(meetings::get_unavailability).put(meetings::put_unavailability),
        )
        .route("/calendars/{file}", get(calendars::ics))
        .route("/editions/{id}/agenda/{org}", get(calendars::agenda))
        .route("/api/v1/io/tables", get(io::tables))
        .route("/api/v1/io/tables/{name}/measures", get(io::measures))
        .route(
            "/api/v1/io/tables/{name}/extract/{sector}",
            get(io::extract),
        )
        .route("/api/v1/chains", get(chains::list_json))
        .route("/api/v1/chains/{industry}", get(chains::map_json))
        .route("/chains", get(chains::list_page))
        .route("/chains/{industry}", get(chains::map_page))
        .route("/chains/{industry}/map.svg", get(chains::map_svg))
        .route("/", get(pages::home))
        .route("/login", get(signin::page).post(signin::submit))
        .route("/logout", post(accounts::logout))
        .route("/lang", post(pages::switch_lang))
        .route("/editions/{id}", get(pages::edition))
        .route("/editions/{id}/report", get(pages::report))
        .fallback(no_route)
}

/// What a path no route matches answers: the error body every error has.
async fn no_route(uri: axum::http::Uri) -> AppError {
    AppError::NotFound(format!("nothing at {}", uri.path()))
}

/// Every organisation's name in `lang` (the Chinese one where it has one),
/// by id.
async fn org_names(
    store: &dyn Store,
    lang: crate::i18n::Lang,
) -> Result<std::collections::HashMap<String, String>, AppError> {
    let words = crate::i18n::Words(lang);
    Ok(
        chainfair_store::read_all::<chainfair_core::Organization>(store, None)
            .await?
            .into_iter()
            .map(|o| {
                let name = words.pick(o.name(), o.name_zh()).to_owned();
                (o.id().to_string(), name)
            })
            .collect(),
    )
}

/// The organisations taking part in an edition (once each).
async fn participants(
    store: &dyn Store,
    edition: &Edition,
) -> Result<Vec<OrganizationId>, AppError> {
    let mut orgs: Vec<OrganizationId> =
        chainfair_store::read_all::<chainfair_core::Participation>(store, Some(edition.id()))
            .await?
            .into_iter()
            .map(|p| p.organization().clone())
            .collect();
    orgs.sort();
    orgs.dedup();
    Ok(orgs)
}

/// A 400 naming `field` unless every one of `orgs` takes part in the edition.
async fn require_taking_part<'a>(
    store: &dyn Store,
    edition: &Edition,
    field: &'static str,
    orgs: impl IntoIterator<Item = &'a OrganizationId>,
) -> Result<(), AppError> {
    let taking_part = participants(store, edition).await?;
    match orgs.into_iter().find(|org| !taking_part.contains(org)) {
        None => Ok(()),
        Some(outsider) => Err(chainfair_core::Invalid::new(
            field,
            format!("{outsider} does not take part in {}", edition.id()),
        )
        .into()),
    }
}

/// The edition a path names, or a 404.
async fn find_edition(store: &dyn Store, id: &str) -> Result<Edition, AppError> {
    let not_found = || AppError::NotFound(format!("unknown edition {id:?}"));
    let id = EditionId::parse("id", id).map_err(|_| not_found())?;
    store.edition(&id).await?.ok_or_else(not_found)
}
