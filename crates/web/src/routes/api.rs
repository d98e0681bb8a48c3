//! The JSON API, version 1: health, editions, figures and the directory.
use super::find_edition;
use super::paging::{non_empty, parse_count, tagged_json};
use crate::{AppError, AppState, ErrorBody};
use axum::Json;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::http::HeaderMap;
use axum::response::Response;
use chainfair_chains::template::Chains;
use chainfair_core::{CountryCode, Edition, Invalid, Region, Role, Stage};
use chainfair_store::{
    EditionFigures, OrgQuery, OrganizationEntry, Page, edition_figures, read_all,
};
use serde::{Deserialize, Serialize};

/// What `/healthz` answers when the database reads.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub(crate) struct Health {
    /// Always `ok`.
    status: &'static str,
    /// `sqlite` or `postgres`.
    backend: &'static str,
    /// How many editions the database holds.
    editions: usize,
}

/// The server is up and reads its database.
#[utoipa::path(get, path = "/healthz", tag = "health",
    responses(
        (status = 200, description = "Up, after a real database read", body = Health),
    ),
)]
pub(crate) async fn healthz(State(state): State<AppState>) -> Result<Json<Health>, AppError> {
    // A real round trip to the database: a server that cannot read is not healthy.
    let editions = read_all::<Edition>(state.store.as_ref(), None).await?;
    Ok(Json(Health {
        status: "ok",
        backend: state.store.backend(),
        editions: editions.len(),
    }))
}

/// An edition as the API shows it.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub(crate) struct EditionView {
    id: String,
    name: String,
    /// ISO 3166 alpha-2.
    host_country: String,
    #[schema(format = Date)]
    start_date: String,
    #[schema(format = Date)]
    end_date: String,
    /// An IANA time zone, like `Asia/Shanghai`.
    time_zone: String,
    previous_id: Option<String>,
}

impl From<&Edition> for EditionView {
    fn from(e: &Edition) -> Self {
        Self {
            id: e.id().to_string(),
            name: e.name().to_owned(),
            host_country: e.host_country().to_string(),
            start_date: e.start_date().to_string(),
            end_date: e.end_date().to_string(),
            time_zone: e.time_zone().name().to_owned(),
            previous_id: e.previous().map(ToString::to_string),
        }
    }
}

/// Every edition.
#[utoipa::path(get, path = "/api/v1/editions", tag = "editions",
    responses((status = 200, description = "All editions", body = Vec<EditionView>)),
)]
pub(crate) async fn editions(
    State(state): State<AppState>,
) -> Result<Json<Vec<EditionView>>, AppError> {
    let editions = read_all::<Edition>(state.store.as_ref(), None).await?;
    Ok(Json(editions.iter().map(EditionView::from).collect()))
}

/// One edition.
#[utoipa::path(get, path = "/api/v1/editions/{id}", tag = "editions",
    params(("id" = String, Path, description = "The edition, like `cisce-2024`")),
    responses(
        (status = 200, description = "The edition", body = EditionView),
        (status = 404, description = "No such edition", body = ErrorBody),
    ),
)]
pub(crate) async fn edition(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<EditionView>, AppError> {
    let edition = find_edition(state.store.as_ref(), &id).await?;
    Ok(Json(EditionView::from(&edition)))
}

/// The edition's headline figures (docs/formats.md).
#[utoipa::path(get, path = "/api/v1/editions/{id}/figures", tag = "editions",
    params(("id" = String, Path, description = "The edition, like `cisce-2024`")),
    responses(
        (status = 200, description = "The figures, computed from the data", body = EditionFigures),
        (status = 404, description = "No such edition", body = ErrorBody),
    ),
)]
pub(crate) async fn figures(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<EditionFigures>, AppError> {
    let edition = find_edition(state.store.as_ref(), &id).await?;
    Ok(Json(edition_figures(state.store.as_ref(), &edition).await?))
}

/// The directory's query string, as typed; parsed into an [`OrgQuery`].
/// An empty value is no filter (as a form sends it).
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub(crate) struct DirectoryParams {
    /// `exhibitor`, `co_exhibitor`, `supplier` or `buyer`.
    #[param(value_type = Option<Role>)]
    pub(crate) role: Option<String>,
    /// ISO 3166 alpha-2 or alpha-3.
    pub(crate) country: Option<String>,
    /// A UN M49 region.
    #[param(value_type = Option<Region>)]
    pub(crate) region: Option<String>,
    /// Words searched in the ids and the English and Chinese names.
    pub(crate) q: Option<String>,
    /// An industry of the chain maps, like `photovoltaics`: those whose
    /// profile offers one of its segments.
    pub(crate) industry: Option<String>,
    /// A segment, `industry/segment`: those whose profile offers it.
    pub(crate) segment: Option<String>,
    /// `upstream`, `midstream` or `downstream`: those whose profile offers
    /// a segment at that stage.
    #[param(value_type = Option<Stage>)]
    pub(crate) stage: Option<String>,
    /// The page, from 1.
    #[param(value_type = Option<u32>, minimum = 1)]
    pub(crate) page: Option<String>,
    /// Items a page, 1 to 500 (default 50).
    #[param(value_type = Option<u32>, minimum = 1, maximum = 500)]
    pub(crate) per_page: Option<String>,
}

impl DirectoryParams {
    /// The segments the chain filters (industry, segment, stage) allow, or
    /// `None` when none is given.
    fn segments(&self, chains: &Chains) -> Result<Option<Vec<String>>, Invalid> {
        let industry = non_empty(&self.industry);
        let segment = non_empty(&self.segment);
        let stage = non_empty(&self.stage)
            .map(|s| Stage::parse("stage", s))
            .transpose()?;
        if industry.is_none() && segment.is_none() && stage.is_none() {
            return Ok(None);
        }
        if let Some(industry) = industry
            && chains.get(industry).is_none()
        {
            return Err(Invalid::new(
                "industry",
                format!("unknown industry {industry:?}"),
            ));
        }
        let all: Vec<(String, &str, Stage)> = chains
            .iter()
            .flat_map(|t| {
                t.segments.iter().map(move |s| {
                    let id = format!("{}/{}", t.industry.id, s.segment.id);
                    (id, t.industry.id.as_str(), s.segment.stage)
                })
            })
            .collect();
        if let Some(segment) = segment
            && !all.iter().any(|(id, ..)| id == segment)
        {
            return Err(Invalid::new(
                "segment",
                format!("unknown segment {segment:?}: use industry/segment"),
            ));
        }
        Ok(Some(
            all.into_iter()
                .filter(|(id, i, s)| {
                    industry.is_none_or(|x| x == *i)
                        && segment.is_none_or(|x| x == id)
                        && stage.is_none_or(|x| x == *s)
                })
                .map(|(id, ..)| id)
                .collect(),
        ))
    }

    pub(crate) fn into_query(
        self,
        edition: &Edition,
        chains: &Chains,
    ) -> Result<OrgQuery, Invalid> {
        let mut query = OrgQuery::new(edition.id().clone());
        query.offers_segments = self.segments(chains)?;
        query.role = non_empty(&self.role)
            .map(|r| Role::parse("role", r))
            .transpose()?;
        query.country = non_empty(&self.country)
            .map(|c| CountryCode::parse("country", c))
            .transpose()?;
        query.region = non_empty(&self.region)
            .map(|r| Region::parse("region", r))
            .transpose()?;
        query.q = non_empty(&self.q).map(str::to_owned);
        query.page = parse_count("page", &self.page, 1, u32::MAX)?;
        query.per_page = parse_count(
            "per_page",
            &self.per_page,
            OrgQuery::DEFAULT_PER_PAGE,
            OrgQuery::MAX_PER_PAGE,
        )?;
        Ok(query)
    }
}

/// The organisations taking part, filtered, searched, sorted by name and
/// paginated; with an `ETag`.
#[utoipa::path(get, path = "/api/v1/editions/{id}/organizations", tag = "directory",
    params(("id" = String, Path, description = "The edition, like `cisce-2024`"), DirectoryParams, ("If-None-Match" = Option<String>, Header, description = "The `ETag` of an earlier answer: 304 if unchanged")),
    responses(
        (status = 200, description = "One page of the directory", body = Page<OrganizationEntry>,
            headers(("ETag" = String, description = "Changes when the answer does"))),
        (status = 304, description = "Unchanged since the `If-None-Match` tag"),
        (status = 400, description = "A filter or page that does not parse; `field` names it", body = ErrorBody),
        (status = 404, description = "No such edition", body = ErrorBody),
    ),
)]
pub(crate) async fn organizations(
    State(state): State<AppState>,
    Path(id): Path<String>,
    params: Result<Query<DirectoryParams>, QueryRejection>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let edition = find_edition(state.store.as_ref(), &id).await?;
    let query = params?.0.into_query(&edition, &state.chains)?;
    let page: Page<OrganizationEntry> = state.store.organizations(&query).await?;
    tagged_json(&headers, &page)
}
