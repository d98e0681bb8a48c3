//! Profiles and partner recommendations:
//! `GET|PUT /api/v1/editions/{id}/profiles/{org}` and
//! `GET /api/v1/editions/{id}/organizations/{org}/recommendations?k=&include_met=`.
use super::find_edition;
use crate::auth::Caller;
use crate::matchmaking::{matcher, unknown_segments};
use crate::{AppError, AppState, ErrorBody};
use axum::Json;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use chainfair_core::{Invalid, OrganizationId, PROFILE_COLUMNS, Profile};
use chainfair_matching::Recommendation;
use chainfair_store::read_all;
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// A matchmaking profile in JSON (docs/formats.md): lists as arrays of
/// strings; a missing field is empty.
#[derive(Debug, Default, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields, default)]
pub(crate) struct ProfileBody {
    offers_hs: Vec<String>,
    seeks_hs: Vec<String>,
    offers_segments: Vec<String>,
    seeks_segments: Vec<String>,
    target_countries: Vec<String>,
    target_regions: Vec<String>,
    languages: Vec<String>,
    description: String,
    must_meet: Vec<String>,
    no_thanks: Vec<String>,
}

impl From<&Profile> for ProfileBody {
    fn from(p: &Profile) -> Self {
        let [
            offers_hs,
            seeks_hs,
            offers_segments,
            seeks_segments,
            target_countries,
            target_regions,
            languages,
            description,
            must_meet,
            no_thanks,
        ] = p.cells();
        let list =
            |cell: String| -> Vec<String> { cell.split_whitespace().map(str::to_owned).collect() };
        ProfileBody {
            offers_hs: list(offers_hs),
            seeks_hs: list(seeks_hs),
            offers_segments: list(offers_segments),
            seeks_segments: list(seeks_segments),
            target_countries: list(target_countries),
            target_regions: list(target_regions),
            languages: list(languages),
            description,
            must_meet: list(must_meet),
            no_thanks: list(no_thanks),
        }
    }
}

fn org_id(org: &str) -> Result<OrganizationId, AppError> {
    OrganizationId::parse("organization", org)
        .map_err(|_| AppError::NotFound(format!("unknown organisation {org:?}")))
}

/// A participant's matchmaking profile.
#[utoipa::path(get, path = "/api/v1/editions/{id}/profiles/{org}", tag = "matchmaking",
    params(("id" = String, Path, description = "The edition, like `cisce-2024`"), ("org" = String, Path, description = "The organisation's id")),
    responses(
        (status = 200, description = "The profile", body = ProfileBody),
        (status = 404, description = "No such edition or organisation, or it has no profile", body = ErrorBody),
    ),
)]
pub(crate) async fn get_profile(
    State(state): State<AppState>,
    Path((edition, org)): Path<(String, String)>,
) -> Result<Json<ProfileBody>, AppError> {
    let edition = find_edition(state.store.as_ref(), &edition).await?;
    let org = org_id(&org)?;
    let profile = read_all::<Profile>(state.store.as_ref(), Some(edition.id()))
        .await?
        .into_iter()
        .find(|p| p.organization == org)
        .ok_or_else(|| AppError::NotFound(format!("{org} has no profile at {}", edition.id())))?;
    Ok(Json(ProfileBody::from(&profile)))
}

/// Creates or replaces a profile: its organisation's staff, or the organiser.
#[utoipa::path(put, path = "/api/v1/editions/{id}/profiles/{org}", tag = "matchmaking",
    params(("id" = String, Path, description = "The edition, like `cisce-2024`"), ("org" = String, Path, description = "The organisation's id")),
    request_body = ProfileBody,
    responses(
        (status = 200, description = "The profile as stored", body = ProfileBody),
        (status = 400, description = "A field that does not parse; `field` names it", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "The caller does not act for the organisation", body = ErrorBody),
        (status = 404, description = "No such edition, or the organisation does not take part", body = ErrorBody),
    ),
    security(("bearer" = []), ("session" = [], "csrf" = [])),
)]
pub(crate) async fn put_profile(
    State(state): State<AppState>,
    caller: Caller,
    Path((edition, org)): Path<(String, String)>,
    body: Result<Json<ProfileBody>, axum::extract::rejection::JsonRejection>,
) -> Result<Json<ProfileBody>, AppError> {
    let Json(body) = body?;
    let edition = find_edition(state.store.as_ref(), &edition).await?;
    let org = org_id(&org)?;
    caller.acting_for(&org)?;
    let lists = [
        body.offers_hs.join(" "),
        body.seeks_hs.join(" "),
        body.offers_segments.join(" "),
        body.seeks_segments.join(" "),
        body.target_countries.join(" "),
        body.target_regions.join(" "),
        body.languages.join(" "),
        body.description.clone(),
        body.must_meet.join(" "),
        body.no_thanks.join(" "),
    ];
    let profile = Profile::parse(edition.id().clone(), org.clone(), |column| {
        PROFILE_COLUMNS
            .iter()
            .position(|c| *c == column)
            .map_or("", |i| lists[i].as_str())
    })?;
    if let Some((field, segment)) = unknown_segments(&profile, &state.chains).first() {
        return Err(AppError::BadRequest(Invalid::new(
            field,
            format!("unknown chain segment {segment} (see /api/v1/chains)"),
        )));
    }
    let participants = super::participants(state.store.as_ref(), &edition).await?;
    if !participants.contains(&org) {
        return Err(AppError::NotFound(format!(
            "{org} does not take part in {}",
            edition.id()
        )));
    }
    for (field, list) in [
        ("must_meet", &profile.must_meet),
        ("no_thanks", &profile.no_thanks),
    ] {
        super::require_taking_part(state.store.as_ref(), &edition, field, list).await?;
    }
    state.store.put_profile(&profile).await?;
    state.matchers.lock().await.remove(edition.id());
    Ok(Json(ProfileBody::from(&profile)))
}

/// The edition's matcher: cached, built again when older than
/// [`crate::MATCHER_MAX_AGE`] or after a profile changed.
pub(crate) async fn cached_matcher(
    state: &AppState,
    edition: &chainfair_core::Edition,
) -> Result<Arc<chainfair_matching::Matcher>, AppError> {
    let mut cache = state.matchers.lock().await;
    Ok(match cache.get(edition.id()) {
        Some((built, m)) if built.elapsed() < crate::MATCHER_MAX_AGE => Arc::clone(m),
        _ => {
            let m = Arc::new(matcher(state.store.as_ref(), edition, &state.chains).await?);
            let entry = (std::time::Instant::now(), Arc::clone(&m));
            cache.insert(edition.id().clone(), entry);
            m
        }
    })
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub(crate) struct RecommendQuery {
    /// How many partners, 1 to 100 (default 20).
    #[param(minimum = 1, maximum = 100)]
    k: Option<usize>,
    /// Also partners already met or asked (default false).
    include_met: Option<bool>,
}

/// An organisation's top-k partners with scores and reasons: for its staff
/// and the organiser.
#[utoipa::path(get, path = "/api/v1/editions/{id}/organizations/{org}/recommendations", tag = "matchmaking",
    params(("id" = String, Path, description = "The edition, like `cisce-2024`"), ("org" = String, Path, description = "The organisation's id"), RecommendQuery),
    responses(
        (status = 200, description = "The partners, best first", body = Vec<Recommendation>),
        (status = 400, description = "A `k` or `include_met` that does not parse", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "The caller does not act for the organisation", body = ErrorBody),
        (status = 404, description = "No such edition, or the organisation does not take part", body = ErrorBody),
    ),
    security(("bearer" = []), ("session" = [])),
)]
pub(crate) async fn recommendations(
    State(state): State<AppState>,
    caller: Caller,
    Path((edition, org)): Path<(String, String)>,
    query: Result<Query<RecommendQuery>, QueryRejection>,
) -> Result<Json<Vec<Recommendation>>, AppError> {
    let Query(query) = query?;
    let k = query.k.unwrap_or(20);
    if !(1..=100).contains(&k) {
        return Err(AppError::BadRequest(Invalid::new(
            "k",
            format!("{k} is not between 1 and 100"),
        )));
    }
    let edition = find_edition(state.store.as_ref(), &edition).await?;
    let org = org_id(&org)?;
    caller.acting_for(&org)?;
    let recs = cached_matcher(&state, &edition)
        .await?
        .recommend(&org, k, query.include_met.unwrap_or(false))
        .map_err(|e| AppError::NotFound(e.to_string()))?;
    Ok(Json(recs))
}
