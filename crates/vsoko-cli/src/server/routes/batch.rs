//! `POST /v1/batch?methodology=`: many schools from a CSV, JSON Lines or XLSX body, one
//! result row per school, as CSV or JSON Lines by `Accept` (the columns of `vsoko batch`).
//! A row that cannot be scored is never dropped silently: JSON Lines carries it as
//! `{"row", "error"}` in its place; CSV counts the rows left out in `X-Vsoko-Rejected-Rows`
//! (ask for JSON Lines to see why).

use crate::server::app::Caller;
use crate::server::body::{Body, methodology, query};
use crate::server::error::{ApiError, ErrorBody};
use crate::sheets::{self, InputFormat};
use axum::extract::RawQuery;
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponse, Response};
use vsoko::batch::{ResultRow, SchoolRows, Shape, result_columns};
use vsoko::output::csv::Line;
use vsoko::{Methodology, Options};

/// Scores every school of a table.
#[utoipa::path(post, path = "/v1/batch", tag = "score",
    params(("methodology" = Option<String>, Query, description = "A built-in methodology (default index-2023)")),
    request_body(description = "The table `vsoko batch` reads",
        content((String = "text/csv"), (String = "application/x-ndjson"), (String = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))),
    responses((status = 200, description = "One row per school: CSV (`Accept: text/csv`, the default) or JSON Lines (`Accept: application/x-ndjson`)",
                content((String = "text/csv"), (String = "application/x-ndjson"))),
              crate::server::openapi::BodyErrors),
    security(("bearer" = [])))]
pub async fn batch(
    _: Caller,
    RawQuery(raw): RawQuery,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, ApiError> {
    let q = query(raw.as_deref(), &["methodology"])?;
    let m = methodology(&q)?;
    let format = body.batch_format()?;
    let jsonl = headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("application/x-ndjson") || v.contains("application/jsonl"));
    let bytes = body.bytes.to_vec();
    // Reading and scoring are CPU work: off the async threads.
    let (text, rejected) = tokio::task::spawn_blocking(move || run(bytes, format, m, jsonl))
        .await
        .map_err(|_| {
            ApiError::malformed(
                "the table could not be read",
                "таблицу не удалось прочитать",
            )
        })??;
    let mut r = text.into_response();
    let h = r.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(if jsonl {
            "application/x-ndjson"
        } else {
            "text/csv; charset=utf-8"
        }),
    );
    h.insert("x-vsoko-rejected-rows", HeaderValue::from(rejected));
    Ok(r)
}

fn run(
    bytes: Vec<u8>,
    format: InputFormat,
    m: &'static Methodology,
    jsonl: bool,
) -> Result<(String, usize), ApiError> {
    let rows = sheets::read_bytes(bytes, format, "body", m)?;
    let shape = Shape {
        municipality: rows.has_municipality,
        period: rows.has_period,
        ranked: false,
    };
    let columns = result_columns(m, shape);
    let mut out = String::new();
    if !jsonl {
        out.push_str(&vsoko::output::csv::header(
            columns.iter().map(|c| c.id.as_str()),
        ));
    }
    let mut names = SchoolRows::default();
    let mut rejected = 0;
    let mut line = Line::new();
    for record in rows.records {
        let row = record.row;
        let scored = record.result.and_then(|e| {
            let card = e.evaluate(m, Options::default())?;
            if let Some(school) = &e.school {
                names.check(row, school, e.municipality.as_deref(), e.period.as_deref())?;
            }
            Ok(ResultRow {
                school: e.school,
                municipality: e.municipality,
                period: e.period,
                card,
                rank: None,
            })
        });
        match scored {
            Ok(s) if jsonl => {
                out.push_str(&s.to_json(m, &columns).to_string());
                out.push('\n');
            }
            Ok(s) => {
                s.write_csv(m, &columns, &mut line);
                out.push_str(line.as_str());
                out.push('\n');
            }
            Err(e) => {
                rejected += 1;
                if jsonl {
                    let error = ErrorBody::from(vsoko::Diagnostic::from(&e));
                    out.push_str(&serde_json::json!({"row": row, "error": error}).to_string());
                    out.push('\n');
                }
            }
        }
    }
    Ok((out, rejected))
}
