//! `vsoko.marks`: a table of term marks through the core's `marks` module. Python hands over
//! the header and the rows as text; the figures, findings and account are the core's.

use crate::errors::{guard, to_py};
use pyo3::prelude::*;

/// The report of a table of marks as JSON text (decimals as strings), and the row findings as
/// JSON text. `quality_drop` is the school's threshold of a fall of quality, in points.
#[pyfunction]
#[pyo3(signature = (header, rows, quality_drop = "10"))]
#[expect(
    clippy::needless_pass_by_value,
    reason = "pyo3 hands over owned lists converted from Python"
)]
pub fn _marks(
    py: Python<'_>,
    header: Vec<String>,
    rows: Vec<Vec<String>>,
    quality_drop: &str,
) -> PyResult<(String, String)> {
    guard(|| {
        let drop: rust_decimal::Decimal =
            vsoko::decimal::parse_decimal(quality_drop).map_err(|reason| {
                to_py(
                    py,
                    &vsoko::Error::InvalidValue {
                        id: "quality_drop".into(),
                        reason,
                    },
                    None,
                )
            })?;
        let columns =
            vsoko::marks::Columns::from_header(&header).map_err(|e| to_py(py, &e, None))?;
        let (report, findings) = py.detach(|| {
            let mut data = vsoko::marks::Dataset::new();
            for (i, row) in rows.iter().enumerate() {
                // Row 1 is the header, as in the file it came from.
                data.add(&columns, "", i + 2, row);
            }
            (data.finish_with(drop), data.findings().to_vec())
        });
        Ok((
            serde_json::to_string(&report).unwrap_or_default(),
            serde_json::to_string(&findings).unwrap_or_default(),
        ))
    })
}

/// The report of sheets of marks in either shape (a long table or summary sheets «сводная
/// ведомость»), each `(name, rows)` with every row as read (the header is one of them): as
/// `_marks`, plus the names of sheets of neither shape, left out. Raises when no sheet is read.
#[pyfunction]
#[pyo3(signature = (sheets, quality_drop = "10"))]
#[expect(
    clippy::needless_pass_by_value,
    reason = "pyo3 hands over owned lists converted from Python"
)]
pub fn _marks_sheets(
    py: Python<'_>,
    sheets: Vec<(String, Vec<Vec<String>>)>,
    quality_drop: &str,
) -> PyResult<(String, String, Vec<String>)> {
    guard(|| {
        let drop: rust_decimal::Decimal =
            vsoko::decimal::parse_decimal(quality_drop).map_err(|reason| {
                to_py(
                    py,
                    &vsoko::Error::InvalidValue {
                        id: "quality_drop".into(),
                        reason,
                    },
                    None,
                )
            })?;
        let (outcome, findings, skipped) = py.detach(|| {
            let mut data = vsoko::marks::Dataset::new();
            let mut skipped = Vec::new();
            let mut first_error = None;
            let mut read = 0;
            for (name, rows) in &sheets {
                // Rows are numbered as the sheet's, from 1.
                let numbered: Vec<(usize, &Vec<String>)> =
                    rows.iter().enumerate().map(|(i, r)| (i + 1, r)).collect();
                let numbered: Vec<(usize, Vec<&str>)> = numbered
                    .into_iter()
                    .map(|(i, r)| (i, r.iter().map(String::as_str).collect()))
                    .collect();
                match data.add_sheet("", name, &numbered) {
                    Ok(_) => read += 1,
                    Err(e) => {
                        skipped.push(name.clone());
                        first_error.get_or_insert(e);
                    }
                }
            }
            let outcome = match first_error {
                Some(e) if read == 0 => Err(e),
                _ => Ok(data.finish_with(drop)),
            };
            (outcome, data.findings().to_vec(), skipped)
        });
        let report = outcome.map_err(|e| to_py(py, &e, None))?;
        Ok((
            serde_json::to_string(&report).unwrap_or_default(),
            serde_json::to_string(&findings).unwrap_or_default(),
            skipped,
        ))
    })
}
