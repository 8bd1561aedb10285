//! Pupils' results: `POST /v1/tasks?weak_below=` (ВПР, ОГЭ, ЕГЭ by task) and `POST /v1/marks`
//! (term and year marks), each from the table schools export (CSV or XLSX), answered as
//! `vsoko tasks --format json` / `vsoko marks --format json`, plus `input_findings`: every
//! row the readers left out or warned about, so nothing is lost silently.

use super::json;
use crate::server::app::Caller;
use crate::server::body::{Body, TableKind, query};
use crate::server::error::ApiError;
use crate::tables::{self, TableRow};
use axum::extract::RawQuery;
use axum::response::Response;
use rust_decimal::Decimal;
use vsoko::finding::Finding;
use vsoko::marks::Dataset;
use vsoko::reason::{InputReason, Location};
use vsoko::tasks::{Results, ResultsTable, TasksOptions};

/// Every sheet of the body: a workbook's sheets, or a CSV as one.
fn sheets(body: &Body) -> Result<Vec<(String, Vec<TableRow>)>, ApiError> {
    Ok(match body.table_kind(false)? {
        TableKind::Xlsx => tables::xlsx_sheets(&body.bytes, "body")?,
        _ => vec![(String::new(), tables::csv_table(&body.bytes)?)],
    })
}

/// The report's JSON with the readers' findings beside it.
fn with_findings<T: serde::Serialize>(report: &T, findings: &[Finding]) -> Response {
    let mut value = serde_json::to_value(report).unwrap_or_default();
    if let Some(obj) = value.as_object_mut() {
        obj.insert(
            "input_findings".into(),
            serde_json::to_value(findings).unwrap_or_default(),
        );
    }
    json(&value)
}

/// ВПР, ОГЭ and ЕГЭ by task: completion per school and class, weak tasks, marks, the ЕГЭ
/// figures against the minimums.
#[utoipa::path(post, path = "/v1/tasks", tag = "results",
    params(("weak_below" = Option<String>, Query, description = "A task is weak below this completion, percent (default 50)")),
    request_body(description = "The results table: the federal export «Индивидуальные результаты» or a long table",
        content((String = "text/csv"), (String = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))),
    responses((status = 200, description = "As `vsoko tasks --format json`, with `input_findings`", body = Object),
              crate::server::openapi::BodyErrors),
    security(("bearer" = [])))]
pub async fn tasks(_: Caller, RawQuery(raw): RawQuery, body: Body) -> Result<Response, ApiError> {
    let q = query(raw.as_deref(), &["weak_below"])?;
    let weak_below = match q.get("weak_below") {
        Some(text) => text
            .parse::<Decimal>()
            .ok()
            .filter(|d| *d >= Decimal::ZERO && *d <= Decimal::ONE_HUNDRED)
            .ok_or_else(|| vsoko::Error::InvalidInput {
                at: Location::Field("weak_below".into()),
                reason: InputReason::WrongArgument {
                    expected: "a completion percent from 0 to 100".into(),
                    expected_ru: "процент выполнения от 0 до 100".into(),
                },
            })?,
        None => vsoko::tasks::DEFAULT_WEAK_BELOW,
    };
    let mut results = Results::new();
    let mut found = false;
    for (_, rows) in sheets(&body)? {
        let mut table = ResultsTable::default();
        for (line, cells) in &rows {
            if table.take_preamble(cells)? {
                continue;
            }
            if let Some(columns) = table.columns() {
                results.add(columns, "body", *line, cells);
            }
        }
        found |= table.columns().is_some();
    }
    if !found {
        return Err(vsoko::Error::InvalidInput {
            at: Location::File("body".into()),
            reason: InputReason::NoResultsHeader,
        }
        .into());
    }
    let report = results.finish(&TasksOptions {
        weak_below,
        ..TasksOptions::default()
    });
    Ok(with_findings(&report, results.findings()))
}

/// Term and year marks: успеваемость, качество знаний, СОУ and the mean by class, subject
/// and teacher, from the long table or the summary sheets e-journals export.
#[utoipa::path(post, path = "/v1/marks", tag = "results",
    request_body(description = "The marks: a long table or summary sheets (every sheet of a workbook)",
        content((String = "text/csv"), (String = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))),
    responses((status = 200, description = "As `vsoko marks --format json`, with `input_findings`", body = Object),
              crate::server::openapi::BodyErrors),
    security(("bearer" = [])))]
pub async fn marks(_: Caller, body: Body) -> Result<Response, ApiError> {
    let mut data = Dataset::new();
    let mut first_error = None;
    let mut read = 0;
    for (sheet, rows) in &sheets(&body)? {
        match data.add_sheet("body", sheet, rows) {
            Ok(_) => read += 1,
            Err(e) => {
                first_error.get_or_insert(e);
            }
        }
    }
    if let (0, Some(e)) = (read, first_error) {
        return Err(e.into());
    }
    let findings = data.findings().to_vec();
    let report = data.into_report(vsoko::marks::DEFAULT_QUALITY_DROP);
    Ok(with_findings(&report, &findings))
}
