//! The JSON API, version 1.
use super::find_edition;
use crate::{AppError, AppState};
use axum::Json;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use chainfair_core::{CountryCode, Edition, Invalid, Region, Role};
use chainfair_store::{
    EditionFigures, OrgQuery, OrganizationEntry, Page, edition_figures, read_all,
};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

pub(crate) async fn healthz(State(state): State<AppState>) -> Result<Json<Value>, AppError> {
    // A real round trip to the database: a server that cannot read is not healthy.
    let editions = read_all::<Edition>(state.store.as_ref(), None).await?;
    Ok(Json(
        json!({"status": "ok", "backend": state.store.backend(), "editions": editions.len()}),
    ))
}

/// An edition as the API shows it.
#[derive(Debug, Serialize)]
pub(crate) struct EditionView {
    id: String,
    name: String,
    host_country: String,
    start_date: String,
    end_date: String,
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

pub(crate) async fn editions(
    State(state): State<AppState>,
) -> Result<Json<Vec<EditionView>>, AppError> {
    let editions = read_all::<Edition>(state.store.as_ref(), None).await?;
    Ok(Json(editions.iter().map(EditionView::from).collect()))
}

pub(crate) async fn edition(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<EditionView>, AppError> {
    let edition = find_edition(state.store.as_ref(), &id).await?;
    Ok(Json(EditionView::from(&edition)))
}

pub(crate) async fn figures(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<EditionFigures>, AppError> {
    let edition = find_edition(state.store.as_ref(), &id).await?;
    Ok(Json(edition_figures(state.store.as_ref(), &edition).await?))
}

/// The directory's query string, as typed; parsed into an [`OrgQuery`].
#[derive(Debug, Default, Deserialize)]
pub(crate) struct DirectoryParams {
    pub(crate) role: Option<String>,
    pub(crate) country: Option<String>,
    pub(crate) region: Option<String>,
    pub(crate) q: Option<String>,
    pub(crate) page: Option<String>,
    pub(crate) per_page: Option<String>,
}

fn non_empty(value: &Option<String>) -> Option<&str> {
    value.as_deref().map(str::trim).filter(|v| !v.is_empty())
}

fn parse_count(
    field: &'static str,
    value: &Option<String>,
    default: u32,
    max: u32,
) -> Result<u32, Invalid> {
    match non_empty(value) {
        None => Ok(default),
        Some(text) => match text.parse::<u32>() {
            Ok(n) if (1..=max).contains(&n) => Ok(n),
            _ => Err(Invalid::new(
                field,
                format!("{text:?} is not a whole number from 1 to {max}"),
            )),
        },
    }
}

impl DirectoryParams {
    pub(crate) fn into_query(self, edition: &Edition) -> Result<OrgQuery, Invalid> {
        let mut query = OrgQuery::new(edition.id().clone());
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

pub(crate) async fn organizations(
    State(state): State<AppState>,
    Path(id): Path<String>,
    params: Result<Query<DirectoryParams>, QueryRejection>,
) -> Result<Json<Page<OrganizationEntry>>, AppError> {
    let edition = find_edition(state.store.as_ref(), &id).await?;
    let query = params?.0.into_query(&edition)?;
    Ok(Json(state.store.organizations(&query).await?))
}
