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
