//! `vsoko.rating` over a frame's columns: each row converted and scored, then the core's
//! `rating::Rater` rates the schools (relative points, places, groups of similar conditions,
//! municipalities, regions, resilient schools).

use crate::convert::{Bad, to_py};
use crate::errors::{at_row, guard};
use crate::methodology::Methodology;
use crate::table::table_columns;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::PyList;
use vsoko::rating::{PointsTotal, Rater, RatingOptions};
use vsoko::reason::Location;

/// A label cell: trimmed, `None` when empty.
fn label(s: Option<String>) -> Option<String> {
    s.map(|s| s.trim().to_string()).filter(|s| !s.is_empty())
}

/// Scores every row of `columns` (``[(input id, [cells...]), ...]``) and rates the schools.
/// `schools`, `municipalities` and `regions` hold one text (or ``None``) per row; `context`
/// is ``[(column name, [text per row]), ...]``. Returns the rating as a dict (decimals as
/// ``Decimal``). A row that cannot be scored raises ``InputError`` with its position.
#[pyfunction]
#[pyo3(signature = (
    methodology, columns, schools, municipalities, regions, context,
    by = "total", relative = false, relative_total = None, bands = 4
))]
#[expect(
    clippy::too_many_arguments,
    reason = "the columns of one frame and the rating's options, passed as they are"
)]
#[expect(
    clippy::needless_pass_by_value,
    reason = "pyo3 extracts a list argument as an owned Vec"
)]
pub fn _rating<'py>(
    py: Python<'py>,
    methodology: &Bound<'py, Methodology>,
    columns: &Bound<'py, PyAny>,
    schools: Vec<Option<String>>,
    municipalities: Vec<Option<String>>,
    regions: Vec<Option<String>>,
    context: Vec<(String, Vec<Option<String>>)>,
    by: &str,
    relative: bool,
    relative_total: Option<&str>,
    bands: usize,
) -> PyResult<Bound<'py, PyAny>> {
    guard(|| {
        let m: &vsoko::Methodology = methodology.get().held();
        let points_total = match relative_total {
            None => None,
            Some("sum") => Some(PointsTotal::Sum),
            Some("mean") => Some(PointsTotal::Mean),
            Some(other) => {
                return Err(PyValueError::new_err(format!(
                    "relative_total must be None, \"sum\" or \"mean\", not {other:?}"
                )));
            }
        };
        let none = PyList::empty(py).into_any();
        let cols = table_columns(py, m, columns, &none)?;
        let rows = schools.len();
        if municipalities.len() != rows
            || regions.len() != rows
            || cols.iter().any(|(.., c)| c.len() != rows)
            || context.iter().any(|(_, c)| c.len() != rows)
        {
            return Err(PyValueError::new_err(
                "every column must have one cell per row",
            ));
        }
        let mut rater =
            Rater::new(m, by, points_total).map_err(|e| crate::errors::to_py(py, &e, None))?;
        let mut names = vsoko::batch::SchoolRows::default();
        let mut row = Vec::with_capacity(cols.len());
        let labels = schools.into_iter().zip(municipalities).zip(regions);
        for (k, ((school, municipality), region)) in labels.enumerate() {
            row.clear();
            for (pos, id, f32, col) in &cols {
                match col.value(id, *f32, k) {
                    Ok(vsoko::Value::Missing) => {}
                    Ok(v) => row.push((*pos, v)),
                    Err(Bad::Type(e)) => return Err(e),
                    Err(Bad::Value(e)) => return Err(at_row(py, &e, k, None)),
                }
            }
            let municipality = label(municipality);
            let school = label(school).ok_or_else(|| {
                let e = vsoko::Error::EmptySchool {
                    at: Location::Row(k),
                };
                at_row(py, &e, k, None)
            })?;
            names
                .check(k, &school, municipality.as_deref(), None)
                .map_err(|e| at_row(py, &e, k, None))?;
            let card = m
                .evaluate_row(&row, vsoko::Options::default())
                .map_err(|e| at_row(py, &e, k, None))?;
            let values = context
                .iter()
                .map(|(_, c)| {
                    c.get(k)
                        .cloned()
                        .flatten()
                        .map(|s| s.trim().to_string())
                        .unwrap_or_default()
                })
                .collect();
            rater.add(k, &school, municipality, label(region), values, &card);
        }
        let options = RatingOptions {
            relative,
            context: context.iter().map(|(name, _)| name.clone()).collect(),
            bands,
            ..rater.options()
        };
        // The rows are numbered by position, so an error naming a row gives `.index` too.
        let rating = rater.finish(&options).map_err(|e| match &e {
            vsoko::Error::InvalidInput {
                at: Location::Row(k),
                ..
            } => at_row(py, &e, *k, None),
            _ => crate::errors::to_py(py, &e, None),
        })?;
        to_py(py, &rating)
    })
}
