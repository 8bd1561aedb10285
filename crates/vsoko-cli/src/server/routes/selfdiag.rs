//! `POST /v1/selfdiag`: a school's self-diagnosis answers scored against the definition sent
//! with them, as `vsoko selfdiag --format json` does.

use super::json;
use crate::server::app::Caller;
use crate::server::body::Body;
use crate::server::error::ApiError;
use axum::response::Response;
use serde::Deserialize;
use serde_json::value::RawValue;
use vsoko::selfdiag::{Answers, Definition, diagnose};

/// What `POST /v1/selfdiag` reads.
#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SelfdiagRequest {
    /// The definition (a region's file: directions, indicators, options, levels).
    #[schema(value_type = Object)]
    pub definition: Box<RawValue>,
    /// The school's answers: `{"school", "variant", "answers": {"K1": "Да", …}}`.
    #[schema(value_type = Object)]
    pub answers: Box<RawValue>,
}

/// A school's self-diagnosis: total, level (capped by a failed critical indicator),
/// directions, critical indicators failed, the weakest directions.
#[utoipa::path(post, path = "/v1/selfdiag", tag = "score",
    request_body(content = SelfdiagRequest, content_type = "application/json"),
    responses((status = 200, description = "As `vsoko selfdiag --format json`", body = Object),
              crate::server::openapi::BodyErrors),
    security(("bearer" = [])))]
pub async fn selfdiag(_: Caller, body: Body) -> Result<Response, ApiError> {
    let request: SelfdiagRequest = serde_json::from_str(body.json_text()?).map_err(|e| {
        ApiError::malformed(
            &format!("not a self-diagnosis request: {e}"),
            &format!(
                "тело не является запросом {{\"definition\", \"answers\"}} (строка {}, позиция {})",
                e.line(),
                e.column()
            ),
        )
    })?;
    let definition = Definition::from_json(request.definition.get())?;
    let answers = Answers::from_json(request.answers.get())?;
    // An answer that is not among the options is an invalid value: 422.
    let diagnosis = diagnose(&definition, &answers).map_err(|e| {
        let mut error = ApiError::from(&e);
        error.status = axum::http::StatusCode::UNPROCESSABLE_ENTITY;
        error
    })?;
    Ok(json(&diagnosis))
}
