//! `POST /v1/submissions` (a school's values, scored and stored as the next version),
//! `GET /v1/submissions?period=&municipality=&school=&methodology=` (the latest of each) and
//! `GET /v1/submissions/{id}/history` (every version). A school key submits and reads only its
//! school, a municipality key only its municipality; an id out of reach is not found.

use super::json;
use crate::server::app::{AppState, Caller};
use crate::server::body::{Body, query};
use crate::server::error::ApiError;
use crate::server::keys::Role;
use crate::server::store::{Filter, NewSubmission, StoreError, Stored};
use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use vsoko::{Methodology, Options, Values};

/// What a school submits.
#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SubmissionDocument {
    /// The school's name.
    pub school: String,
    /// Its municipality.
    #[serde(default)]
    pub municipality: Option<String>,
    /// The period, e.g. `2024/25`.
    pub period: String,
    /// A built-in methodology (default `index-2023`).
    #[serde(default)]
    pub methodology: Option<String>,
    /// The indicator values, as in the input document of `vsoko score`.
    #[schema(value_type = std::collections::HashMap<String, crate::server::openapi::InputValue>)]
    pub values: Box<RawValue>,
}

/// `POST /v1/submissions`' answer.
#[derive(Serialize, utoipa::ToSchema)]
pub struct Created {
    /// The stored submission's id.
    pub id: String,
    /// Its version for the school, period and methodology (1 the first time).
    pub version: i64,
    /// The total points, exact (a decimal as a string).
    pub total: String,
    /// The level id.
    pub level: Option<String>,
}

impl From<StoreError> for ApiError {
    /// The database's own message goes to the log, not to the client.
    fn from(e: StoreError) -> Self {
        eprintln!(
            "{}",
            serde_json::json!({"error": e.to_string(), "time": crate::server::clock::now_rfc3339()})
        );
        ApiError::unavailable("the database did not answer")
    }
}

fn nonempty(field: &str, text: &str) -> Result<String, ApiError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "empty_field",
            &format!("{field:?} is empty"),
            &format!("поле «{field}» пустое"),
        ));
    }
    Ok(text.to_string())
}

/// Scores a school's values and stores them as the next version.
#[utoipa::path(post, path = "/v1/submissions", tag = "submissions",
    request_body(content = SubmissionDocument, content_type = "application/json"),
    responses((status = 201, description = "Scored and stored", body = Created),
              crate::server::openapi::BodyErrors,
              (status = 403, description = "The key does not reach this school", body = crate::server::ErrorAnswer),
              (status = 503, body = crate::server::ErrorAnswer)),
    security(("bearer" = [])))]
pub async fn create(
    State(state): State<AppState>,
    Caller(role): Caller,
    body: Body,
) -> Result<Response, ApiError> {
    let doc: SubmissionDocument = serde_json::from_str(body.json_text()?).map_err(|e| {
        ApiError::malformed(
            &format!("not a submission: {e}"),
            &format!(
                "тело не является заявкой {{\"school\", \"municipality\", \"period\", \"methodology\", \"values\"}} (строка {}, позиция {})",
                e.line(),
                e.column()
            ),
        )
    })?;
    let school = nonempty("school", &doc.school)?;
    let period = nonempty("period", &doc.period)?;
    let municipality = doc
        .municipality
        .as_deref()
        .map(|m| nonempty("municipality", m))
        .transpose()?;
    if !role.reaches(&school, municipality.as_deref()) {
        return Err(ApiError::forbidden(
            "this key may not submit for this school",
            "этим ключом нельзя подавать данные этой школы",
        ));
    }
    let m = Methodology::builtin(
        doc.methodology
            .as_deref()
            .unwrap_or(vsoko::json::DEFAULT_METHODOLOGY),
    )?;
    let values = Values::from_json(doc.values.get())?;
    let card = m.evaluate(&values, Options::default())?;
    let new = NewSubmission {
        school,
        municipality,
        period,
        methodology: m.id().to_string(),
        total: card.total.to_string(),
        level: m.level_of(card.total).map(|l| l.id.clone()),
        values: doc.values.get().to_string(),
    };
    let stored = state
        .store()
        .submit(&new, &crate::server::clock::now_rfc3339())
        .await?;
    let mut r = json(&Created {
        id: stored.id,
        version: stored.version,
        total: stored.total,
        level: stored.level,
    });
    *r.status_mut() = StatusCode::CREATED;
    Ok(r)
}

/// The filter a query asks for, narrowed to what the caller's key reaches.
///
/// # Errors
/// 403 when the query names a school or municipality out of reach.
pub fn scoped(role: &Role, mut filter: Filter) -> Result<Filter, ApiError> {
    let out_of_reach = |asked: &Option<String>, own: Option<&str>| matches!((asked.as_deref(), own), (Some(a), Some(o)) if a != o);
    if out_of_reach(&filter.municipality, role.municipality())
        || out_of_reach(&filter.school, role.school())
    {
        return Err(ApiError::forbidden(
            "this key may not read this school or municipality",
            "этим ключом нельзя читать данные этой школы или муниципалитета",
        ));
    }
    if let Some(m) = role.municipality() {
        filter.municipality = Some(m.to_string());
    }
    if let Some(s) = role.school() {
        filter.school = Some(s.to_string());
    }
    Ok(filter)
}

/// The filter of a query string.
pub fn filter_of(
    raw: Option<&str>,
    extra: &[&str],
) -> Result<(Filter, Vec<(String, String)>), ApiError> {
    let mut known = vec!["period", "municipality", "school", "methodology"];
    known.extend_from_slice(extra);
    let mut q = query(raw, &known)?;
    let filter = Filter {
        period: q.remove("period"),
        municipality: q.remove("municipality"),
        school: q.remove("school"),
        methodology: q.remove("methodology"),
    };
    Ok((filter, q.into_iter().collect()))
}

/// The latest submission of every school, period and methodology the key reaches.
#[utoipa::path(get, path = "/v1/submissions", tag = "submissions",
    params(("period" = Option<String>, Query), ("municipality" = Option<String>, Query),
           ("school" = Option<String>, Query), ("methodology" = Option<String>, Query)),
    responses((status = 200, body = Vec<Stored>),
              crate::server::openapi::StoreErrors),
    security(("bearer" = [])))]
pub async fn list(
    State(state): State<AppState>,
    Caller(role): Caller,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    let (filter, _) = filter_of(raw.as_deref(), &[])?;
    let filter = scoped(&role, filter)?;
    Ok(json(&state.store().latest(&filter).await?))
}

/// Every version of the school, period and methodology of a submission, oldest first.
#[utoipa::path(get, path = "/v1/submissions/{id}/history", tag = "submissions",
    params(("id" = String, Path, description = "A submission's id")),
    responses((status = 200, body = Vec<Stored>),
              (status = 401, body = crate::server::ErrorAnswer),
              (status = 404, description = "No such submission, or out of the key's reach", body = crate::server::ErrorAnswer),
              (status = 503, body = crate::server::ErrorAnswer)),
    security(("bearer" = [])))]
pub async fn history(
    State(state): State<AppState>,
    Caller(role): Caller,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let versions = state.store().history(&id).await?;
    match versions {
        Some(v)
            if v.first()
                .is_some_and(|s| role.reaches(&s.school, s.municipality.as_deref())) =>
        {
            Ok(json(&v))
        }
        _ => Ok(ApiError::not_found("submission", "такие данные не найдены").into_response()),
    }
}
