//! Input-output measures of the tables the server loaded at start
//! (`serve --io-tables DIR`).
use crate::{AppError, AppState, ErrorBody};
use axum::Json;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use chainfair_chains::io::{Extraction, IoTable, StageThresholds, UpstreamnessModel};
use chainfair_core::Stage;
use serde::{Deserialize, Serialize};

/// A loaded input-output table.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub(crate) struct TableSummary {
    name: String,
    sectors: usize,
}

/// The input-output tables the server loaded (`serve --io-tables`).
#[utoipa::path(get, path = "/api/v1/io/tables", tag = "input-output",
    responses((status = 200, description = "The tables, by name", body = Vec<TableSummary>)),
)]
pub(crate) async fn tables(State(state): State<AppState>) -> Json<Vec<TableSummary>> {
    Json(
        state
            .io_tables
            .iter()
            .map(|(name, t)| TableSummary {
                name: name.clone(),
                sectors: t.len(),
            })
            .collect(),
    )
}

fn table<'a>(state: &'a AppState, name: &str) -> Result<&'a IoTable, AppError> {
    state
        .io_tables
        .get(name)
        .ok_or_else(|| AppError::NotFound(format!("unknown input-output table {name:?}")))
}

#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub(crate) struct MeasureParams {
    /// `true` for the open-economy upstreamness.
    open_economy: Option<bool>,
}

/// Every measure of one sector.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub(crate) struct SectorMeasures {
    code: String,
    label: String,
    output: f64,
    upstreamness: f64,
    /// Column sum of the Leontief inverse: output multiplier and downstreamness.
    output_multiplier: f64,
    /// Terciles of upstreamness among sectors with output; none without output.
    stage: Option<Stage>,
}

/// Per sector: output, upstreamness (closed or open-economy), output
/// multiplier (= downstreamness) and stage by terciles.
#[utoipa::path(get, path = "/api/v1/io/tables/{name}/measures", tag = "input-output",
    params(("name" = String, Path, description = "The table's name"), MeasureParams),
    responses(
        (status = 200, description = "Every sector's measures", body = Vec<SectorMeasures>),
        (status = 400, description = "An `open_economy` that does not parse", body = ErrorBody),
        (status = 404, description = "No such table", body = ErrorBody),
        (status = 422, description = "The table does not allow the computation (not productive ...)", body = ErrorBody),
    ),
)]
pub(crate) async fn measures(
    State(state): State<AppState>,
    Path(name): Path<String>,
    params: Result<Query<MeasureParams>, QueryRejection>,
) -> Result<Json<Vec<SectorMeasures>>, AppError> {
    let params = params?.0;
    let t = table(&state, &name)?;
    let model = if params.open_economy.unwrap_or(false) {
        UpstreamnessModel::Open
    } else {
        UpstreamnessModel::Closed
    };
    let upstreamness = t.upstreamness(model)?;
    let multipliers = t.output_multipliers()?;
    let stages: std::collections::HashMap<String, Stage> = t
        .classify(&upstreamness, StageThresholds::TERCILES)
        .into_iter()
        .map(|c| (c.code, c.stage))
        .collect();
    Ok(Json(
        t.sectors()
            .iter()
            .zip(upstreamness.iter().zip(&multipliers))
            .map(|(s, (u, m))| SectorMeasures {
                code: s.code.clone(),
                label: s.label.clone(),
                output: s.output,
                upstreamness: *u,
                output_multiplier: *m,
                stage: stages.get(&s.code).copied(),
            })
            .collect(),
    ))
}

/// Hypothetical extraction of a sector: the backward and forward output loss.
#[utoipa::path(get, path = "/api/v1/io/tables/{name}/extract/{sector}", tag = "input-output",
    params(("name" = String, Path, description = "The table's name"),
        ("sector" = String, Path, description = "The sector's code")),
    responses(
        (status = 200, description = "The losses", body = Extraction),
        (status = 404, description = "No such table or sector", body = ErrorBody),
        (status = 422, description = "The table does not allow the computation", body = ErrorBody),
    ),
)]
pub(crate) async fn extract(
    State(state): State<AppState>,
    Path((name, sector)): Path<(String, String)>,
) -> Result<Json<Extraction>, AppError> {
    Ok(Json(table(&state, &name)?.extract(&sector)?))
}
