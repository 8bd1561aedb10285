//! `POST /v1/plan/check?year=&as_of=`: a ВСОКО plan (its JSON, or the table it was typed in:
//! CSV or XLSX) checked as `vsoko plan check --format json` does.

use super::json;
use crate::server::app::Caller;
use crate::server::body::{Body, TableKind, query};
use crate::server::error::ApiError;
use crate::tables;
use axum::extract::RawQuery;
use axum::response::Response;
use vsoko::calendar::{AcademicYear, Date};
use vsoko::plan::{CheckOptions, Plan};
use vsoko::reason::{DateReason, InputReason, Location};

/// Checks a plan: every finding at once (periods, responsible, the objects the model needs).
#[utoipa::path(post, path = "/v1/plan/check", tag = "plan",
    params(("year" = Option<String>, Query, description = "The academic year, e.g. 2023/24"),
           ("as_of" = Option<String>, Query, description = "Check items due by this date (YYYY-MM-DD)")),
    request_body(description = "The plan: its JSON, or the table (CSV, XLSX)",
        content((String = "application/json"), (String = "text/csv"), (String = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))),
    responses((status = 200, description = "The check, as `vsoko plan check --format json`", body = Object),
              crate::server::openapi::BodyErrors),
    security(("bearer" = [])))]
pub async fn check(_: Caller, RawQuery(raw): RawQuery, body: Body) -> Result<Response, ApiError> {
    let q = query(raw.as_deref(), &["year", "as_of"])?;
    let year = q.get("year").map(|y| parse_year(y)).transpose()?;
    let as_of = q
        .get("as_of")
        .map(|d| {
            d.parse::<Date>().map_err(|_| vsoko::Error::InvalidDate {
                field: "as_of".into(),
                value: d.clone(),
                reason: DateReason::Format,
            })
        })
        .transpose()?;
    let plan = if matches!(body.media.as_deref(), None | Some("application/json")) {
        let mut plan = Plan::from_json(body.json_text()?)?;
        if let Some(y) = year {
            plan.academic_year = y;
        }
        plan
    } else {
        let rows = match body.table_kind(false)? {
            TableKind::Xlsx => tables::xlsx_table(&body.bytes, "body")?,
            _ => tables::csv_table(&body.bytes)?,
        };
        Plan::from_rows(&rows, year)?
    };
    let result = plan.check(CheckOptions {
        as_of,
        ..CheckOptions::default()
    });
    Ok(json(&result))
}

fn parse_year(text: &str) -> Result<AcademicYear, vsoko::Error> {
    text.parse().map_err(|_| vsoko::Error::InvalidInput {
        at: Location::Field("year".into()),
        reason: InputReason::WrongArgument {
            expected: "an academic year such as 2023/24".into(),
            expected_ru: "учебный год вида 2023/24".into(),
        },
    })
}
