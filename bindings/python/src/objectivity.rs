//! Objectivity for Python: the two halves of the work, so that Dask (or any map-reduce) runs
//! the first on each partition of pupils (partitioned by school) and the second once.

use crate::errors::{guard, to_py};
use pyo3::prelude::*;
use vsoko::objectivity::{
    Analysis, FileContext, GroupSummary, ObjectivityOptions, PupilColumns, combine,
};

// The Python signatures write the core's default as a literal (a text signature needs one).
const _: () = assert!(vsoko::objectivity::MIN_COMPARED_FOR_SPEARMAN == 10);

fn options(min_compared: usize) -> ObjectivityOptions {
    ObjectivityOptions {
        min_compared,
        ..ObjectivityOptions::default()
    }
}

/// Summaries (JSON text) of one partition of pupils given column by column; a bad row raises
/// with its position in `.index`.
#[pyfunction]
#[pyo3(signature = (header, columns, min_compared = 10))]
#[expect(
    clippy::needless_pass_by_value,
    reason = "pyo3 extracts owned lists from Python"
)]
pub fn _objectivity_summaries(
    py: Python<'_>,
    header: Vec<String>,
    columns: Vec<Vec<String>>,
    min_compared: usize,
) -> PyResult<String> {
    guard(|| {
        let cols = PupilColumns::from_header(&header, FileContext::default())
            .map_err(|e| to_py(py, &e, None))?;
        let rows = columns.first().map_or(0, Vec::len);
        let result = py.detach(|| {
            let mut analysis = Analysis::new();
            let mut cells: Vec<&str> = Vec::with_capacity(columns.len());
            for i in 0..rows {
                cells.clear();
                cells.extend(columns.iter().map(|c| c.get(i).map_or("", String::as_str)));
                match cols.row_ref(&cells) {
                    Ok(Some(p)) => analysis.add_ref(p).map_err(|e| (i, e))?,
                    Ok(None) => {}
                    Err(e) => return Err((i, e)),
                }
            }
            Ok(analysis.summaries(options(min_compared)))
        });
        let summaries = result.map_err(|(i, e)| to_py(py, &e, Some(i)))?;
        Ok(serde_json::to_string(&summaries).unwrap_or_default())
    })
}

/// Flags and indices (JSON text) from the summaries of every partition (JSON text, a list).
#[pyfunction]
#[pyo3(signature = (summaries_json, min_compared = 10))]
pub fn _objectivity_combine(
    py: Python<'_>,
    summaries_json: &str,
    min_compared: usize,
) -> PyResult<String> {
    guard(|| {
        let summaries: Vec<GroupSummary> = serde_json::from_str(summaries_json).map_err(|e| {
            let e = vsoko::Error::InvalidInput {
                at: vsoko::reason::Location::Argument("summaries".into()),
                reason: vsoko::reason::InputReason::Shape {
                    detail: e.to_string(),
                },
            };
            to_py(py, &e, None)
        })?;
        Ok(serde_json::to_string(&combine(summaries, options(min_compared))).unwrap_or_default())
    })
}
