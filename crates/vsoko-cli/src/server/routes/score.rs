//! `POST /v1/score` (the document `vsoko score` reads → its JSON report) and `POST /v1/check`
//! (every problem of the values at once).

use super::json;
use crate::server::app::Caller;
use crate::server::body::Body;
use crate::server::error::{ApiError, ErrorBody};
use axum::response::Response;
use serde::Serialize;
use vsoko::{Options, ScoreInput};

/// Scores one school: total, level, groups, indicators and where points are lost.
#[utoipa::path(post, path = "/v1/score", tag = "score",
    request_body(content = crate::server::openapi::ScoreDocument, content_type = "application/json"),
    responses((status = 200, description = "The report, as `vsoko score --format json`", body = crate::server::openapi::Report),
              crate::server::openapi::BodyErrors),
    security(("bearer" = [])))]
pub async fn score(_: Caller, body: Body) -> Result<Response, ApiError> {
    let report = vsoko::json::score_document(body.json_text()?, None, Options::default())?;
    Ok(json(&report))
}

/// `POST /v1/check`'s answer.
#[derive(Serialize, utoipa::ToSchema)]
pub struct CheckAnswer {
    /// Whether the values can be scored.
    pub ok: bool,
    /// The methodology that checked them.
    pub methodology: String,
    /// Every problem, each as the error answer's `error`.
    pub problems: Vec<ErrorBody>,
}

/// Every problem of a document's values at once (the score stops at the first).
#[utoipa::path(post, path = "/v1/check", tag = "score",
    request_body(content = crate::server::openapi::ScoreDocument, content_type = "application/json"),
    responses((status = 200, description = "Every problem (none when `ok`)", body = CheckAnswer),
              crate::server::openapi::BodyErrors),
    security(("bearer" = [])))]
pub async fn check(_: Caller, body: Body) -> Result<Response, ApiError> {
    let input = ScoreInput::from_json(body.json_text()?)?;
    let m = vsoko::json::resolve(None, &input)?;
    let problems: Vec<ErrorBody> = m
        .check(&input.values, Options::default())
        .iter()
        .map(|e| ErrorBody::from(vsoko::Diagnostic::from(e)))
        .collect();
    Ok(json(&CheckAnswer {
        ok: problems.is_empty(),
        methodology: m.id().to_string(),
        problems,
    }))
}
