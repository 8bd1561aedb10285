//! `POST /v1/objectivity?min_compared=`: a pupil table (the long table or a school's export,
//! CSV or XLSX) analysed as `vsoko objectivity --format json` does, with every row the reader
//! left out in `rejected_rows` (its row and the error), so nothing is lost silently.

use super::json;
use crate::server::app::Caller;
use crate::server::body::{Body, TableKind, query};
use crate::server::error::{ApiError, ErrorBody};
use crate::tables;
use axum::extract::RawQuery;
use axum::response::Response;
use vsoko::objectivity::{Analysis, ObjectivityOptions, PupilTable, combine};
use vsoko::reason::{InputReason, Location};

/// Internal marks against ВПР/ОГЭ: signs of biased results and the objectivity index.
#[utoipa::path(post, path = "/v1/objectivity", tag = "results",
    params(("min_compared" = Option<usize>, Query, description = "Compared pupils a school needs for Spearman's correlation")),
    request_body(description = "The pupil table", content((String = "text/csv"), (String = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))),
    responses((status = 200, description = "As `vsoko objectivity --format json`, with `rejected_rows`", body = Object),
              crate::server::openapi::BodyErrors),
    security(("bearer" = [])))]
pub async fn objectivity(
    _: Caller,
    RawQuery(raw): RawQuery,
    body: Body,
) -> Result<Response, ApiError> {
    let q = query(raw.as_deref(), &["min_compared"])?;
    let mut options = ObjectivityOptions::default();
    if let Some(n) = q.get("min_compared") {
        options.min_compared = n.parse().map_err(|_| vsoko::Error::InvalidInput {
            at: Location::Field("min_compared".into()),
            reason: InputReason::WrongArgument {
                expected: "a whole number of pupils".into(),
                expected_ru: "целое число обучающихся".into(),
            },
        })?;
    }
    let rows = match body.table_kind(false)? {
        TableKind::Xlsx => tables::xlsx_table(&body.bytes, "body")?,
        _ => tables::csv_table(&body.bytes)?,
    };
    let mut analysis = Analysis::new();
    let mut table = PupilTable::default();
    let mut rejected = Vec::new();
    for (line, cells) in &rows {
        let cells: Vec<&str> = cells.iter().map(String::as_str).collect();
        if table.take_preamble(&cells)? {
            continue;
        }
        let Some(columns) = table.columns() else {
            continue;
        };
        if let Err(e) = columns
            .row_ref(&cells)
            .and_then(|p| p.map_or(Ok(()), |p| analysis.add_ref(p)))
        {
            let error = ErrorBody::from(vsoko::Diagnostic::from(&e));
            rejected.push(serde_json::json!({"row": line, "error": error}));
        }
    }
    if table.columns().is_none() {
        return Err(vsoko::Error::InvalidInput {
            at: Location::File("body".into()),
            reason: InputReason::NoPupilHeader,
        }
        .into());
    }
    let result = combine(analysis.summaries(options), options);
    let mut value = serde_json::to_value(&result).unwrap_or_default();
    if let Some(obj) = value.as_object_mut() {
        obj.insert("rejected_rows".into(), rejected.into());
    }
    Ok(json(&value))
}
