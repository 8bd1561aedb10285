//! `vsoko.selfdiag`: a school's answers (or a table of schools' answers) scored against a
//! self-diagnosis definition by the core's `selfdiag`, and the summary across schools.

use crate::convert::to_py;
use crate::errors::{at_row, guard, to_py as error};
use pyo3::prelude::*;
use pyo3::types::PyDict;
use vsoko::selfdiag::{AnswerTable, Answers, Definition, diagnose, summarize};

/// One school's answers (an answers file's JSON text) scored against the definition (its
/// JSON text): the diagnosis as a dict, decimals as ``Decimal``.
#[pyfunction]
pub fn _selfdiag<'py>(
    py: Python<'py>,
    definition: &str,
    answers: &str,
) -> PyResult<Bound<'py, PyAny>> {
    guard(|| {
        let d = Definition::from_json(definition).map_err(|e| error(py, &e, None))?;
        let a = Answers::from_json(answers).map_err(|e| error(py, &e, None))?;
        let r = diagnose(&d, &a).map_err(|e| error(py, &e, None))?;
        to_py(py, &r)
    })
}

/// Many schools' answers as a table (`header` and `rows` of text; a row of empty cells is
/// skipped) scored against the definition: ``(across, direction ids, level ids)`` where
/// `across` is ``{"id", "schools": [diagnosis...], "summary": {...}}``. A row that cannot be
/// scored raises ``InputError`` with its position in ``.index`` (and its column in the
/// message).
#[pyfunction]
#[expect(
    clippy::needless_pass_by_value,
    reason = "pyo3 extracts a list argument as an owned Vec"
)]
pub fn _selfdiag_table<'py>(
    py: Python<'py>,
    definition: &str,
    header: Vec<String>,
    rows: Vec<Vec<String>>,
) -> PyResult<(Bound<'py, PyAny>, Vec<String>, Vec<String>)> {
    guard(|| {
        let d = Definition::from_json(definition).map_err(|e| error(py, &e, None))?;
        let table = AnswerTable::from_header(&d, &header).map_err(|e| error(py, &e, None))?;
        let mut all = Vec::with_capacity(rows.len());
        for (k, cells) in rows.iter().enumerate() {
            if cells.iter().all(|c| c.trim().is_empty()) {
                continue;
            }
            let r = table
                .diagnose(&d, k, cells)
                .map_err(|e| at_row(py, &e, k, None))?;
            all.push(r);
        }
        let summary = summarize(&d, &all);
        let out = PyDict::new(py);
        out.set_item("id", &d.id)?;
        out.set_item("schools", to_py(py, &all)?)?;
        out.set_item("summary", to_py(py, &summary)?)?;
        let directions = d.directions.iter().map(|x| x.id.clone()).collect();
        let levels = d.levels.iter().map(|x| x.id.clone()).collect();
        Ok((out.into_any(), directions, levels))
    })
}
