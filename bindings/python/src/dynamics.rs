//! `vsoko.dynamics` and `vsoko.dashboard` over a frame's columns: each row converted and scored,
//! then the core's `dynamics::Panel` compares periods and municipalities.

use crate::convert::{Bad, to_py};
use crate::errors::{at_row, guard};
use crate::methodology::Methodology;
use crate::table::table_columns;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};

/// Scores every row of `columns` (``[(input id, [cells...]), ...]``) and compares the periods.
/// `schools`, `municipalities` and `periods` hold one text (or ``None``) per row. Returns the
/// dynamics as a dict (decimals as ``Decimal``) with ``issues`` (rows left out or a spelling
/// reported, each with ``code``, ``row`` (1-based position), ``rejected``, ``message``,
/// ``message_ru``), or with `html` the dashboard.
#[pyfunction]
#[pyo3(signature = (methodology, columns, schools, municipalities, periods, by = None, html = false))]
#[expect(
    clippy::too_many_arguments,
    reason = "the columns of one frame, passed as they are"
)]
pub fn _dynamics<'py>(
    py: Python<'py>,
    methodology: &Bound<'py, Methodology>,
    columns: &Bound<'py, PyAny>,
    schools: Vec<Option<String>>,
    municipalities: Vec<Option<String>>,
    periods: Vec<Option<String>>,
    by: Option<&str>,
    html: bool,
) -> PyResult<Bound<'py, PyAny>> {
    guard(|| {
        let m: &vsoko::Methodology = methodology.get().held();
        let none = PyList::empty(py).into_any();
        let cols = table_columns(py, m, columns, &none)?;
        let rows = schools.len();
        if municipalities.len() != rows
            || periods.len() != rows
            || cols.iter().any(|(.., c)| c.len() != rows)
        {
            return Err(PyValueError::new_err(
                "every column must have one cell per row",
            ));
        }
        let mut panel = vsoko::dynamics::Panel::new(m);
        let mut row = Vec::with_capacity(cols.len());
        let labels = schools.into_iter().zip(municipalities).zip(periods);
        for (k, ((school, municipality), period)) in labels.enumerate() {
            row.clear();
            for (pos, id, f32, col) in &cols {
                match col.value(id, *f32, k) {
                    Ok(vsoko::Value::Missing) => {}
                    Ok(v) => row.push((*pos, v)),
                    Err(Bad::Type(e)) => return Err(e),
                    Err(Bad::Value(e)) => return Err(at_row(py, &e, k, None)),
                }
            }
            let card = m
                .evaluate_row(&row, vsoko::Options::default())
                .map_err(|e| at_row(py, &e, k, None))?;
            panel.add(
                "",
                k + 1,
                school.as_deref(),
                municipality.as_deref(),
                period.as_deref(),
                &card,
            );
        }
        let issues = PyList::empty(py);
        for issue in panel.issues() {
            let d = PyDict::new(py);
            d.set_item("code", issue.code().as_str())?;
            d.set_item("row", issue.row)?;
            d.set_item("rejected", issue.rejected())?;
            d.set_item("message", issue.to_string())?;
            d.set_item("message_ru", issue.ru())?;
            issues.append(d)?;
        }
        let d = panel
            .finish(by)
            .map_err(|e| crate::errors::to_py(py, &e, None))?;
        if html {
            let out = PyDict::new(py);
            out.set_item("html", vsoko::dynamics::dashboard(m, &d))?;
            out.set_item("issues", issues)?;
            return Ok(out.into_any());
        }
        let out = to_py(py, &d)?;
        out.set_item("issues", issues)?;
        Ok(out)
    })
}
