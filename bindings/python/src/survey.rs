//! `vsoko.survey`: forms' exports of answers (a table of text cells per period) counted by the
//! core's `survey` module against a survey definition: the figures per question, period and
//! group with the change between the two last periods, or the НОК's survey inputs.

use crate::convert::to_py;
use crate::errors::{at_item, guard, to_py as error};
use pyo3::prelude::*;
use pyo3::types::PyDict;
use std::collections::BTreeMap;
use vsoko::survey::{Definition, Sheet, figures, nok_values};

/// One period's table: ``(period, header, rows, file)``; the header is row 1.
type SheetRows = (String, Vec<String>, Vec<Vec<String>>, String);

/// Counts `sheets` (one per period, in order) against `definition`: its JSON text (starting
/// with ``{``) or a built-in id (``nok-2019``), with the columns a school's export uses
/// (`columns`: question id → heading). Returns ``(result, findings)``: with `nok` the НОК
/// inputs ``{input id: count}``, otherwise the figures ``{"questions", "changes",
/// "open_text", "unused_columns"}``; `findings` are every sheet's (unknown answers, not
/// counted; unused columns).
///
/// Raises ``MethodologyError`` for a definition that is not valid or unknown (or a `columns`
/// id that is no question), ``InputError`` for a question's or the `by` column missing (with
/// several sheets, the sheet's position in ``.index``).
#[pyfunction]
#[pyo3(signature = (definition, sheets, by = None, columns = None, nok = false))]
#[expect(
    clippy::needless_pass_by_value,
    reason = "pyo3 extracts list and dict arguments as owned values"
)]
pub fn _survey<'py>(
    py: Python<'py>,
    definition: &str,
    sheets: Vec<SheetRows>,
    by: Option<&str>,
    columns: Option<BTreeMap<String, String>>,
    nok: bool,
) -> PyResult<(Bound<'py, PyAny>, Bound<'py, PyAny>)> {
    guard(|| {
        let d = if definition.trim_start().starts_with('{') {
            Definition::from_json(definition)
        } else {
            Definition::builtin(definition.trim())
        }
        .map_err(|e| error(py, &e, None))?;
        let d = match &columns {
            Some(map) => d.with_columns(map).map_err(|e| error(py, &e, None))?,
            None => d,
        };
        let many = sheets.len() > 1;
        let mut read = Vec::with_capacity(sheets.len());
        let mut findings = Vec::new();
        for (k, (period, header, rows, file)) in sheets.into_iter().enumerate() {
            let numbered = rows
                .into_iter()
                .enumerate()
                .map(|(i, r)| (i + 2, r))
                .collect();
            let sheet = Sheet::read(&d, &period, &header, numbered, by, &file).map_err(|e| {
                if many {
                    at_item(py, &e, "sheet", k)
                } else {
                    error(py, &e, None)
                }
            })?;
            findings.extend(sheet.findings.iter().cloned());
            read.push(sheet);
        }
        let findings = to_py(py, &findings)?;
        if nok {
            return Ok((to_py(py, &nok_values(&d, &read))?, findings));
        }
        let f = figures(&d, &read);
        let out = to_py(py, &f)?;
        // The answers in the definition's order and the open text in period order (the JSON
        // value behind `to_py` sorts an object's keys).
        let questions = out.get_item("questions")?;
        for (k, q) in f.questions.iter().enumerate() {
            questions
                .get_item(k)?
                .set_item("answers", ordered(py, &q.answers.0)?)?;
        }
        let open_text = out.get_item("open_text")?;
        for (k, o) in f.open_text.iter().enumerate() {
            open_text
                .get_item(k)?
                .set_item("answers", ordered(py, &o.answers.0)?)?;
        }
        Ok((out, findings))
    })
}

/// Counts keyed by text, as a dict in the given order.
fn ordered<'py>(py: Python<'py>, counts: &[(String, usize)]) -> PyResult<Bound<'py, PyDict>> {
    let dict = PyDict::new(py);
    for (k, n) in counts {
        dict.set_item(k, n)?;
    }
    Ok(dict)
}
