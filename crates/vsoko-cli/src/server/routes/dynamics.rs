//! `GET /v1/dynamics` and `GET /v1/dashboard`: over the latest stored submissions the key
//! reaches, exactly as `vsoko dynamics --format json` and `vsoko dashboard` compute over files.

use super::submissions::{filter_of, scoped};
use super::{html, json};
use crate::server::Document;
use crate::server::app::{AppState, Caller};
use crate::server::body::{Body, methodology, query};
use crate::server::error::{ApiError, ErrorBody};
use crate::sheets;
use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::response::Response;
use vsoko::dynamics::{Dynamics, Panel};
use vsoko::finding::Finding;
use vsoko::{Methodology, Options, Scorecard, Values};

/// The dynamics of the stored submissions, with the panel's findings.
async fn load(
    state: &AppState,
    role: &crate::server::Role,
    raw: Option<&str>,
) -> Result<(&'static Methodology, Dynamics, Vec<Finding>), ApiError> {
    let (filter, extra) = filter_of(raw, &["by"])?;
    let mut filter = scoped(role, filter)?;
    let m = Methodology::builtin(
        filter
            .methodology
            .get_or_insert_with(|| vsoko::json::DEFAULT_METHODOLOGY.to_string()),
    )?;
    let by = extra.into_iter().find(|(k, _)| k == "by").map(|(_, v)| v);
    let rows = state.store().latest_documents(&filter).await?;
    if rows.is_empty() {
        return Err(ApiError::new(
            StatusCode::NOT_FOUND,
            "no_submissions",
            "no stored submissions match",
            "нет сохранённых данных, подходящих под запрос",
        ));
    }
    // Scoring tens of thousands of stored documents is CPU work: off the async threads, on
    // both cores; the panel then takes the cards in the stored order.
    tokio::task::spawn_blocking(move || {
        let cards = score_on_two_threads(&rows, m);
        let mut panel = Panel::new(m);
        for (i, (d, card)) in rows.iter().zip(cards).enumerate() {
            panel.add(
                "submissions",
                i + 1,
                Some(&d.school),
                d.municipality.as_deref(),
                Some(&d.period),
                &card?,
            );
        }
        let findings: Vec<Finding> = panel
            .issues()
            .iter()
            .map(vsoko::dynamics::RowIssue::finding)
            .collect();
        let d = panel.finish(by.as_deref())?;
        Ok((m, d, findings))
    })
    .await
    .map_err(|_| ApiError::unavailable("the dynamics could not be computed"))?
}

/// Each stored document scored again, the second half on another thread; in order.
fn score_on_two_threads(
    rows: &[Document],
    m: &Methodology,
) -> Vec<Result<Scorecard, vsoko::Error>> {
    let score = |part: &[Document]| -> Vec<Result<Scorecard, vsoko::Error>> {
        part.iter()
            .map(|d| Values::from_json(&d.values).and_then(|v| m.evaluate(&v, Options::default())))
            .collect()
    };
    let (first, second) = rows.split_at(rows.len() / 2);
    std::thread::scope(|scope| {
        let other = scope.spawn(|| score(second));
        let mut cards = score(first);
        match other.join() {
            Ok(rest) => cards.extend(rest),
            // A panic there is carried on, never swallowed.
            Err(e) => std::panic::resume_unwind(e),
        }
        cards
    })
}

/// Each school's change between periods, declines, municipalities and their rating.
#[utoipa::path(get, path = "/v1/dynamics", tag = "submissions",
    params(("period" = Option<String>, Query), ("municipality" = Option<String>, Query),
           ("school" = Option<String>, Query),
           ("methodology" = Option<String>, Query, description = "Default index-2023"),
           ("by" = Option<String>, Query, description = "Rate municipalities by this group's mean points")),
    responses((status = 200, description = "As `vsoko dynamics --format json`, with `input_findings`", body = Object),
              crate::server::openapi::StoreErrors,
              (status = 404, description = "No stored submission matches", body = crate::server::ErrorAnswer),
              (status = 422, body = crate::server::ErrorAnswer)),
    security(("bearer" = [])))]
pub async fn dynamics(
    State(state): State<AppState>,
    Caller(role): Caller,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    let (_, d, findings) = load(&state, &role, raw.as_deref()).await?;
    let mut value = serde_json::to_value(&d).unwrap_or_default();
    if let Some(obj) = value.as_object_mut() {
        obj.insert(
            "input_findings".into(),
            serde_json::to_value(&findings).unwrap_or_default(),
        );
    }
    Ok(json(&value))
}

/// Dynamics of one long table a client sends (CSV, JSON Lines or XLSX with `period`, and
/// optionally `municipality`, columns), as `vsoko dynamics FILE --format json`; every row
/// left out is listed in `rejected_rows` with its error.
#[utoipa::path(post, path = "/v1/dynamics", tag = "score",
    params(("methodology" = Option<String>, Query, description = "Default index-2023"),
           ("by" = Option<String>, Query, description = "Rate municipalities by this group's mean points")),
    request_body(description = "A long table: school, municipality, period and the values",
        content((String = "text/csv"), (String = "application/x-ndjson"), (String = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))),
    responses((status = 200, description = "As `vsoko dynamics FILE --format json`, with `input_findings` and `rejected_rows`", body = Object),
              crate::server::openapi::BodyErrors),
    security(("bearer" = [])))]
pub async fn dynamics_of_table(
    _: Caller,
    RawQuery(raw): RawQuery,
    body: Body,
) -> Result<Response, ApiError> {
    let q = query(raw.as_deref(), &["methodology", "by"])?;
    let m = methodology(&q)?;
    let format = body.batch_format()?;
    let by = q.get("by").cloned();
    let bytes = body.bytes.to_vec();
    tokio::task::spawn_blocking(move || -> Result<Response, ApiError> {
        let rows = sheets::read_bytes(bytes, format, "body", m)?;
        if !rows.has_period {
            return Err(ApiError::malformed(
                "the table has no period column",
                "в таблице нет столбца периода (period, «Период»): динамика сравнивает периоды",
            ));
        }
        let mut panel = Panel::new(m);
        let mut rejected = Vec::new();
        for record in rows.records {
            let row = record.row;
            match record
                .result
                .and_then(|e| e.evaluate(m, Options::default()).map(|card| (e, card)))
            {
                Ok((e, card)) => panel.add(
                    "body",
                    row,
                    e.school.as_deref(),
                    e.municipality.as_deref(),
                    e.period.as_deref(),
                    &card,
                ),
                Err(e) => {
                    let error = ErrorBody::from(vsoko::Diagnostic::from(&e));
                    rejected.push(serde_json::json!({"row": row, "error": error}));
                }
            }
        }
        let findings: Vec<Finding> = panel
            .issues()
            .iter()
            .map(vsoko::dynamics::RowIssue::finding)
            .collect();
        let d = panel.finish(by.as_deref())?;
        let mut value = serde_json::to_value(&d).unwrap_or_default();
        if let Some(obj) = value.as_object_mut() {
            obj.insert(
                "input_findings".into(),
                serde_json::to_value(&findings).unwrap_or_default(),
            );
            obj.insert("rejected_rows".into(), rejected.into());
        }
        Ok(json(&value))
    })
    .await
    .map_err(|_| {
        ApiError::malformed(
            "the table could not be read",
            "таблицу не удалось прочитать",
        )
    })?
}

/// The offline dashboard (levels, rating, declines, municipalities) as one HTML page.
#[utoipa::path(get, path = "/v1/dashboard", tag = "submissions",
    params(("period" = Option<String>, Query), ("municipality" = Option<String>, Query),
           ("school" = Option<String>, Query),
           ("methodology" = Option<String>, Query, description = "Default index-2023"),
           ("by" = Option<String>, Query, description = "Rate municipalities by this group's mean points")),
    responses((status = 200, description = "As `vsoko dashboard` writes it", body = String, content_type = "text/html"),
              crate::server::openapi::StoreErrors,
              (status = 404, body = crate::server::ErrorAnswer),
              (status = 422, body = crate::server::ErrorAnswer)),
    security(("bearer" = [])))]
pub async fn dashboard(
    State(state): State<AppState>,
    Caller(role): Caller,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    let (m, d, _) = load(&state, &role, raw.as_deref()).await?;
    Ok(html(vsoko::dynamics::dashboard(m, &d)))
}
