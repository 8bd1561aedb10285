//! `vsoko.check_selfexam`: the core's self-examination check, held as its value.

use crate::convert::to_py;
use crate::errors::{guard, to_py as error};
use pyo3::prelude::*;

/// The check of a self-examination report (order No. 462): ``complete``, ``has_errors``,
/// ``findings``, ``due`` and ``days_left``, also readable as ``check["findings"]``.
#[pyclass(name = "SelfExamCheck", module = "vsoko", frozen)]
pub struct SelfExamCheck {
    result: vsoko::selfexam::CheckResult,
}

/// The keys of [`SelfExamCheck::to_dict`], in order.
const KEYS: [&str; 5] = ["complete", "has_errors", "findings", "due", "days_left"];

#[pymethods]
impl SelfExamCheck {
    /// No findings at all.
    #[getter]
    fn complete(&self) -> bool {
        self.result.complete
    }

    /// Whether any finding is an error.
    #[getter]
    fn has_errors(&self) -> bool {
        self.result.has_errors
    }

    /// Every finding: ``{"code", "severity", "item", "section", "field", "message",
    /// "message_ru"}`` (``message`` English, ``message_ru`` Russian).
    #[getter]
    fn findings<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.result.findings)
    }

    /// The due date (``"YYYY-MM-DD"``, 20 April of the year after the reporting year).
    #[getter]
    fn due(&self) -> Option<String> {
        self.result.due.map(|d| d.to_string())
    }

    /// With an "as of" date: days until the due date (negative when late).
    #[getter]
    fn days_left(&self) -> Option<i64> {
        self.result.days_left
    }

    /// The check as a dict with the keys of the JSON form.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.result)
    }

    /// The check as JSON, as ``vsoko selfexam check --format json`` prints it.
    fn to_json(&self) -> String {
        serde_json::to_string(&self.result).unwrap_or_default()
    }

    /// ``check["findings"]`` and the other keys of [`SelfExamCheck::to_dict`].
    fn __getitem__<'py>(&self, py: Python<'py>, key: &str) -> PyResult<Bound<'py, PyAny>> {
        if !KEYS.contains(&key) {
            return Err(pyo3::exceptions::PyKeyError::new_err(key.to_string()));
        }
        self.to_dict(py)?.get_item(key)
    }

    /// The keys, as a dict's.
    #[expect(clippy::unused_self, reason = "a dict's method, called on the object")]
    fn keys(&self) -> Vec<&'static str> {
        KEYS.to_vec()
    }

    fn __repr__(&self) -> String {
        format!(
            "<vsoko.SelfExamCheck complete={} findings={}>",
            if self.result.complete {
                "True"
            } else {
                "False"
            },
            self.result.findings.len()
        )
    }
}

/// Checks a self-examination report given as JSON text.
#[pyfunction]
#[pyo3(signature = (report_json, as_of = None))]
pub fn _check_selfexam(
    py: Python<'_>,
    report_json: &str,
    as_of: Option<&str>,
) -> PyResult<SelfExamCheck> {
    guard(|| {
        vsoko::selfexam::check_json(report_json, as_of)
            .map(|result| SelfExamCheck { result })
            .map_err(|e| error(py, &e, None))
    })
}
