//! `vsoko.Result`: one school's scored result, read-only.

use crate::convert::{decimal, to_py};
use pyo3::prelude::*;
use pyo3::types::PyList;

/// One school's result: total, maximum and level, every group and indicator, what is missing,
/// and where the points were lost. Decimals are `decimal.Decimal`.
#[pyclass(name = "Result", module = "vsoko", frozen)]
pub struct Report {
    pub inner: vsoko::Report,
}

#[pymethods]
impl Report {
    /// Methodology id, e.g. ``"index-2023"``.
    #[getter]
    fn methodology(&self) -> &str {
        &self.inner.methodology
    }

    /// The school, when the input named it.
    #[getter]
    fn school(&self) -> Option<&str> {
        self.inner.school.as_deref()
    }

    /// Sum of all points (``Decimal``, exact).
    #[getter]
    fn total<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        decimal(py, self.inner.total)
    }

    /// Maximum total; not-applicable indicators are left out of it (``Decimal``).
    #[getter]
    fn max<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        decimal(py, self.inner.max)
    }

    /// ``total / max`` to 4 places (``Decimal``), or ``None`` when nothing applies.
    #[getter]
    fn share<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        self.inner.share.map(|s| decimal(py, s)).transpose()
    }

    /// ``"high"``, ``"medium"``, ``"low"``, or ``None`` when the methodology has no levels.
    #[getter]
    fn level(&self) -> Option<&str> {
        self.inner.level.as_deref()
    }

    /// Russian title of the level, e.g. ``"Средний уровень"``.
    #[getter]
    fn level_title(&self) -> Option<&str> {
        self.inner.level_title.as_deref()
    }

    /// Every group (direction, criterion) as a dict, in tree order.
    #[getter]
    fn groups<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.groups)
    }

    /// Every indicator as a dict (points, max, status), in reading order.
    #[getter]
    fn indicators<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.indicators)
    }

    /// Ids of indicators with no value (they count 0).
    #[getter]
    fn missing<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        PyList::new(py, &self.inner.missing)
    }

    /// Ids of indicators marked not applicable.
    #[getter]
    fn not_applicable<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        PyList::new(py, &self.inner.not_applicable)
    }

    /// ``{"groups": [...], "indicators": [...]}``: points lost, most first.
    #[getter]
    fn deficits<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.deficits)
    }

    /// The whole result as a dict (decimals as ``Decimal``).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner)
    }

    /// The whole result as JSON, identical to ``vsoko score --format json`` (decimals as strings).
    fn to_json(&self) -> String {
        self.inner.to_json()
    }

    fn __repr__(&self) -> String {
        format!(
            "<vsoko.Result {} total={} max={} level={}>",
            self.inner.methodology,
            self.inner.total,
            self.inner.max,
            self.inner.level.as_deref().unwrap_or("None")
        )
    }
}
