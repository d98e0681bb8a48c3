//! The supply chain maps: `/chains` (every industry), `/chains/{industry}`
//! (the map, or with `?segment=S` the world map of one segment's shares),
//! `/chains/{industry}/map.svg`, and the JSON under `/api/v1/chains`.
use super::pages::Nav;
use super::paging::tagged_json;
use crate::{AppError, AppState, ErrorBody};
use askama::Template;
use axum::Json;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, header};
use axum::response::{Html, IntoResponse, Response};
use chainfair_chains::concentration::ChokepointRule;
use chainfair_chains::map::{ChainMap, Overrides};
use chainfair_chains::template::{Area, ChainTemplate};
use chainfair_core::Invalid;
use chainfair_report::{Lang, chain_svg, chain_table, world_svg};
use serde::{Deserialize, Serialize};

#[derive(Debug, Deserialize)]
pub(crate) struct MapQuery {
    lang: Option<String>,
    segment: Option<String>,
    /// A loaded input-output table to measure the segments' upstreamness on.
    io: Option<String>,
}

/// The query of the map as JSON.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub(crate) struct MapJsonQuery {
    /// A loaded input-output table to measure the segments' upstreamness on.
    io: Option<String>,
}

impl MapQuery {
    /// The language asked for, `default` when none; a 400 for another.
    fn lang(&self, default: Lang) -> Result<Lang, AppError> {
        match &self.lang {
            None => Ok(default),
            Some(text) => Lang::parse(text).ok_or_else(|| {
                AppError::BadRequest(Invalid::new("lang", format!("{text:?}: use en or zh")))
            }),
        }
    }
}

/// The map of `industry` on the curated figures (the server loads no data
/// files), measured on the input-output table `io` when one is named.
fn map_of(state: &AppState, industry: &str, io: Option<&str>) -> Result<ChainMap, AppError> {
    let template = state
        .chains
        .get(industry)
        .ok_or_else(|| AppError::NotFound(format!("unknown industry {industry:?}")))?;
    let mut map = ChainMap::build(template, &Overrides::new(), ChokepointRule::default())?;
    if let Some(name) = io {
        let table = state.io_tables.get(name).ok_or_else(|| {
            let known: Vec<&str> = state.io_tables.keys().map(String::as_str).collect();
            AppError::BadRequest(Invalid::new(
                "io",
                format!(
                    "no input-output table {name:?}; loaded: {}",
                    known.join(", ")
                ),
            ))
        })?;
        map.measure(table, name)?;
    }
    Ok(map)
}

/// The chain map, or the world map of one segment's shares.
fn drawing(map: &ChainMap, segment: Option<&str>, lang: Lang) -> Result<String, AppError> {
    match segment {
        Some(segment) => world_svg(map, segment, lang)
            .map_err(|e| AppError::BadRequest(Invalid::new("segment", e.to_string()))),
        None => Ok(chain_svg(map, lang)),
    }
}

/// An industry whose chain the server maps.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub(crate) struct IndustryItem {
    id: String,
    name: String,
    name_zh: String,
    area: Area,
    segments: usize,
}

fn item(template: &ChainTemplate) -> IndustryItem {
    IndustryItem {
        id: template.industry.id.to_string(),
        name: template.industry.name.clone(),
        name_zh: template.industry.name_zh.clone(),
        area: template.area,
        segments: template.segments.len(),
    }
}

/// Every industry with a chain map, with an `ETag`.
#[utoipa::path(get, path = "/api/v1/chains", tag = "chains",
    params(("If-None-Match" = Option<String>, Header, description = "The `ETag` of an earlier answer: 304 if unchanged")),
    responses(
        (status = 200, description = "The industries", body = Vec<IndustryItem>,
            headers(("ETag" = String, description = "Changes when the answer does"))),
        (status = 304, description = "Unchanged since the `If-None-Match` tag"),
    ),
)]
pub(crate) async fn list_json(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let items: Vec<IndustryItem> = state.chains.iter().map(item).collect();
    tagged_json(&headers, &items)
}

/// An industry's chain map: stages, segments, the dominant economies and
/// enterprises with their sources, concentration and chokepoints.
#[utoipa::path(get, path = "/api/v1/chains/{industry}", tag = "chains",
    params(("industry" = String, Path, description = "The industry, like `coffee`"), MapJsonQuery),
    responses(
        (status = 200, description = "The map", body = ChainMap),
        (status = 400, description = "No loaded table of that name", body = ErrorBody),
        (status = 404, description = "No such industry", body = ErrorBody),
        (status = 422, description = "The table does not allow the measure", body = ErrorBody),
    ),
)]
pub(crate) async fn map_json(
    State(state): State<AppState>,
    Path(industry): Path<String>,
    query: Result<Query<MapJsonQuery>, QueryRejection>,
) -> Result<Json<ChainMap>, AppError> {
    let Query(query) = query?;
    Ok(Json(map_of(&state, &industry, query.io.as_deref())?))
}

pub(crate) async fn map_svg(
    State(state): State<AppState>,
    Path(industry): Path<String>,
    Query(query): Query<MapQuery>,
) -> Result<Response, AppError> {
    let map = map_of(&state, &industry, query.io.as_deref())?;
    let lang = query.lang(Lang::En)?;
    let svg = drawing(&map, query.segment.as_deref(), lang)?;
    Ok((
        [(header::CONTENT_TYPE, "image/svg+xml; charset=utf-8")],
        svg,
    )
        .into_response())
}

/// An area of the list page, its name and its industries' names in the
/// page's language.
struct AreaGroup {
    name: &'static str,
    industries: Vec<(IndustryItem, String)>,
}

#[derive(Template)]
#[template(path = "chains.html")]
struct ChainsPage {
    nav: Nav,
    areas: Vec<AreaGroup>,
}

pub(crate) async fn list_page(
    State(state): State<AppState>,
    nav: Nav,
) -> Result<Html<String>, AppError> {
    let areas = Area::ALL
        .iter()
        .map(|&area| AreaGroup {
            name: nav.words.pick(area.name(), Some(area.name_zh())),
            industries: state
                .chains
                .iter()
                .filter(|t| t.area == area)
                .map(|t| {
                    let name = nav.words.pick(&t.industry.name, Some(&t.industry.name_zh));
                    (item(t), name.to_owned())
                })
                .collect(),
        })
        .filter(|g| !g.industries.is_empty())
        .collect();
    Ok(Html(ChainsPage { nav, areas }.render()?))
}

#[derive(Template)]
#[template(path = "chain.html")]
struct ChainPage {
    nav: Nav,
    map: ChainMap,
    lang: &'static str,
    title: String,
    /// Each segment's id and name in the map's language.
    segments: Vec<(String, String)>,
    svg: String,
    table: String,
    segment: Option<String>,
}

pub(crate) async fn map_page(
    State(state): State<AppState>,
    nav: Nav,
    Path(industry): Path<String>,
    Query(query): Query<MapQuery>,
) -> Result<Html<String>, AppError> {
    let map = map_of(&state, &industry, query.io.as_deref())?;
    let lang = query.lang(nav.lang())?;
    let svg = drawing(&map, query.segment.as_deref(), lang)?;
    let words = crate::i18n::Words(lang);
    let page = ChainPage {
        nav,
        title: words.pick(&map.name, Some(&map.name_zh)).to_owned(),
        segments: map
            .segments
            .iter()
            .map(|s| {
                (
                    s.id.to_string(),
                    words.pick(&s.name, Some(&s.name_zh)).to_owned(),
                )
            })
            .collect(),
        lang: words.code(),
        table: chain_table(&map, lang),
        svg,
        segment: query.segment.clone(),
        map,
    };
    Ok(Html(page.render()?))
}
