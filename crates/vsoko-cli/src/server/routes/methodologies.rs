//! `GET /v1/methodologies`, `GET /v1/methodologies/{id}` (the catalogue `vsoko catalog
//! --format json` prints) and `GET /v1/methodologies/{id}/template.xlsx` (the Excel form).

use super::json;
use crate::server::app::Caller;
use crate::server::error::ApiError;
use axum::extract::Path;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use vsoko::Methodology;

/// A built-in methodology in the list.
#[derive(Serialize, utoipa::ToSchema)]
pub struct MethodologySummary {
    /// Its id, e.g. `index-2023`.
    pub id: String,
    /// Official Russian title.
    pub title: String,
    /// Short Russian name.
    pub short_title: String,
    /// The document it comes from.
    pub source: Option<String>,
    /// Maximum total (a decimal as a string).
    pub max: String,
    /// How many indicators it has.
    pub indicators: usize,
}

/// The built-in methodologies.
#[utoipa::path(get, path = "/v1/methodologies", tag = "methodologies",
    responses((status = 200, body = Vec<MethodologySummary>),
              (status = 401, body = crate::server::ErrorAnswer)),
    security(("bearer" = [])))]
pub async fn list(_: Caller) -> Response {
    let list: Vec<MethodologySummary> = vsoko::methodology::BUILTIN
        .iter()
        .filter_map(|id| Methodology::builtin(id).ok())
        .map(|m| {
            let c = m.catalog();
            MethodologySummary {
                id: c.id,
                title: c.title,
                short_title: c.short_title,
                source: c.source,
                max: c.max.to_string(),
                indicators: c.indicators.len(),
            }
        })
        .collect();
    json(&list)
}

fn builtin(id: &str) -> Result<&'static Methodology, ApiError> {
    Methodology::builtin(id).map_err(|e| {
        let mut err = ApiError::from(&e);
        err.status = StatusCode::NOT_FOUND;
        err
    })
}

/// A methodology's catalogue: every group, indicator and input with its maximum.
#[utoipa::path(get, path = "/v1/methodologies/{id}", tag = "methodologies",
    params(("id" = String, Path, description = "A built-in methodology, e.g. index-2023")),
    responses((status = 200, description = "The catalogue, as `vsoko catalog ID --format json`", body = Object),
              (status = 401, body = crate::server::ErrorAnswer),
              (status = 404, description = "No such methodology (`unknown_methodology`)", body = crate::server::ErrorAnswer)),
    security(("bearer" = [])))]
pub async fn one(_: Caller, Path(id): Path<String>) -> Result<Response, ApiError> {
    Ok(json(&builtin(&id)?.catalog()))
}

/// The Excel form of a methodology: a sheet with checked columns for one school per row.
#[utoipa::path(get, path = "/v1/methodologies/{id}/template.xlsx", tag = "methodologies",
    params(("id" = String, Path, description = "A built-in methodology, e.g. index-2023")),
    responses((status = 200, description = "The workbook", body = Vec<u8>,
                content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
              (status = 401, body = crate::server::ErrorAnswer),
              (status = 404, body = crate::server::ErrorAnswer)),
    security(("bearer" = [])))]
pub async fn template(_: Caller, Path(id): Path<String>) -> Result<Response, ApiError> {
    let m = builtin(&id)?;
    let bytes = crate::xlsx::form(m).map_err(|e| ApiError::from(e.failure("template.xlsx")))?;
    let mut r = bytes.into_response();
    let h = r.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
    );
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{id}.xlsx\"")) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    Ok(r)
}
