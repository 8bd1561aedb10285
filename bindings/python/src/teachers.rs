//! `vsoko.teachers`: a teachers' register (a table of text cells, a row per teacher or per
//! course) read by the core's `teachers` module and taken as of a day: each teacher's category
//! term, attestation and training due dates, what is overdue, the due list, the shares.

use crate::convert::to_py;
use crate::errors::{guard, to_py as error};
use pyo3::prelude::*;
use vsoko::calendar::Date;
use vsoko::teachers::{Register, Rules};

/// The register (`header` and `rows` of text; the header is row 1, so the rows are numbered
/// from 2 as in the file) as of `as_of` (``DD.MM.YYYY`` or ISO): the status as a dict
/// ``{"as_of", "teachers", "due", "shares", "by_category", "findings"}``, dates as ISO text.
/// `file` names the table in the findings (empty for a table in memory).
///
/// Raises ``InputError`` for a bad `as_of`, a date cell that is no date, an unknown category,
/// hours that are no number, a header without ФИО, a table without a teacher.
#[pyfunction]
#[pyo3(signature = (header, rows, as_of, file = ""))]
#[expect(
    clippy::needless_pass_by_value,
    reason = "pyo3 extracts a list argument as an owned Vec"
)]
pub fn _teachers<'py>(
    py: Python<'py>,
    header: Vec<String>,
    rows: Vec<Vec<String>>,
    as_of: &str,
    file: &str,
) -> PyResult<Bound<'py, PyAny>> {
    guard(|| {
        let day = Date::read(as_of).map_err(|reason| {
            let e = vsoko::Error::InvalidDate {
                field: "as_of".into(),
                value: as_of.to_string(),
                reason,
            };
            error(py, &e, None)
        })?;
        let rules = Rules::builtin().map_err(|e| error(py, &e, None))?;
        let numbered = rows
            .into_iter()
            .enumerate()
            .map(|(k, r)| (k + 2, r))
            .collect();
        let register = Register::from_table(rules, file, &header, numbered)
            .map_err(|e| error(py, &e, None))?;
        let status = register.status(rules, day);
        to_py(py, &status)
    })
}
