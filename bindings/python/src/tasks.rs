//! `vsoko.tasks`: ВПР, ОГЭ and ЕГЭ results by task through the core's `tasks` module, in one
//! go or in two halves (per-work summaries of each part of the rows, then their combination)
//! for Dask. Python hands over the header and the rows as text; every figure is the core's.

use crate::errors::{at_item, guard, to_py};
use pyo3::prelude::*;
use rust_decimal::Decimal;
use vsoko::tasks::{
    Medallist, Results, ResultsColumns, TaskDescriptions, TasksOptions, WorkSummary,
};

/// The options `vsoko tasks` takes, checked as the CLI checks them.
struct Options {
    weak_below: Decimal,
    medallists: Option<Vec<Medallist>>,
    descriptions: Option<TaskDescriptions>,
}

impl Options {
    fn read(
        py: Python<'_>,
        weak_below: &str,
        medallists: Option<Vec<(Option<String>, String)>>,
        descriptions: Option<Vec<Vec<String>>>,
    ) -> PyResult<Options> {
        let value = vsoko::decimal::parse_decimal(weak_below).map_err(|reason| {
            to_py(
                py,
                &vsoko::Error::InvalidValue {
                    id: "weak_below".into(),
                    reason,
                },
                None,
            )
        })?;
        if value < Decimal::ZERO || value > Decimal::ONE_HUNDRED {
            let e = vsoko::Error::ValueOutOfRange {
                id: "weak_below".into(),
                value,
                min: Decimal::ZERO,
                max: Decimal::ONE_HUNDRED,
            };
            return Err(to_py(py, &e, None));
        }
        let descriptions = descriptions
            .map(|rows| TaskDescriptions::from_rows(&rows))
            .transpose()
            .map_err(|e| to_py(py, &e, None))?;
        Ok(Options {
            weak_below: value,
            medallists: medallists.map(|list| {
                list.into_iter()
                    .map(|(school, pupil)| Medallist { school, pupil })
                    .collect()
            }),
            descriptions,
        })
    }

    fn finish(&self, results: &Results) -> String {
        let report = results.finish(&TasksOptions {
            weak_below: self.weak_below,
            medallists: self.medallists.as_deref(),
            descriptions: self.descriptions.as_ref(),
            ..TasksOptions::default()
        });
        serde_json::to_string(&report).unwrap_or_default()
    }
}

/// The rows counted (row 1 is the header, as in the file they came from).
fn count(py: Python<'_>, header: &[String], rows: &[Vec<String>]) -> PyResult<Results> {
    let columns = ResultsColumns::from_header(header, vsoko::objectivity::FileContext::default())
        .map_err(|e| to_py(py, &e, None))?;
    Ok(py.detach(|| {
        let mut results = Results::new();
        for (i, row) in rows.iter().enumerate() {
            results.add(&columns, "", i + 2, row);
        }
        results
    }))
}

/// The report of a long table of results by task as JSON text (decimals as strings), and the
/// rejected rows' findings as JSON text.
#[pyfunction]
#[pyo3(signature = (header, rows, weak_below = "50", medallists = None, descriptions = None))]
#[expect(
    clippy::needless_pass_by_value,
    reason = "pyo3 hands over owned lists converted from Python"
)]
pub fn _tasks(
    py: Python<'_>,
    header: Vec<String>,
    rows: Vec<Vec<String>>,
    weak_below: &str,
    medallists: Option<Vec<(Option<String>, String)>>,
    descriptions: Option<Vec<Vec<String>>>,
) -> PyResult<(String, String)> {
    guard(|| {
        let options = Options::read(py, weak_below, medallists, descriptions)?;
        let results = count(py, &header, &rows)?;
        let report = py.detach(|| options.finish(&results));
        Ok((
            report,
            serde_json::to_string(results.findings()).unwrap_or_default(),
        ))
    })
}

/// One summary per work of these rows (JSON text each, in the core's order) and the rejected
/// rows' findings as JSON text.
#[pyfunction]
#[expect(
    clippy::needless_pass_by_value,
    reason = "pyo3 hands over owned lists converted from Python"
)]
pub fn _tasks_summaries(
    py: Python<'_>,
    header: Vec<String>,
    rows: Vec<Vec<String>>,
) -> PyResult<(Vec<String>, String)> {
    guard(|| {
        let results = count(py, &header, &rows)?;
        let summaries = results
            .summaries()
            .iter()
            .map(|s| serde_json::to_string(s).unwrap_or_default())
            .collect();
        Ok((
            summaries,
            serde_json::to_string(results.findings()).unwrap_or_default(),
        ))
    })
}

/// The report (JSON text, as `_tasks` gives it) from the summaries of every part; a malformed
/// summary raises with its position in `.index`.
#[pyfunction]
#[pyo3(signature = (summaries, weak_below = "50", medallists = None, descriptions = None))]
#[expect(
    clippy::needless_pass_by_value,
    reason = "pyo3 hands over owned lists converted from Python"
)]
pub fn _tasks_combine(
    py: Python<'_>,
    summaries: Vec<String>,
    weak_below: &str,
    medallists: Option<Vec<(Option<String>, String)>>,
    descriptions: Option<Vec<Vec<String>>>,
) -> PyResult<String> {
    guard(|| {
        let options = Options::read(py, weak_below, medallists, descriptions)?;
        let mut parsed: Vec<WorkSummary> = Vec::with_capacity(summaries.len());
        for (i, text) in summaries.iter().enumerate() {
            let s = serde_json::from_str(text).map_err(|e| {
                let e = vsoko::Error::InvalidInput {
                    at: vsoko::reason::Location::Position(i),
                    reason: vsoko::reason::InputReason::Shape {
                        detail: format!("not a summary of a work: {e}"),
                    },
                };
                at_item(py, &e, "summary", i)
            })?;
            parsed.push(s);
        }
        let results = Results::from_summaries(parsed).map_err(|e| match &e {
            vsoko::Error::InvalidInput {
                at: vsoko::reason::Location::Position(i),
                ..
            } => at_item(py, &e, "summary", *i),
            _ => to_py(py, &e, None),
        })?;
        Ok(py.detach(|| options.finish(&results)))
    })
}
