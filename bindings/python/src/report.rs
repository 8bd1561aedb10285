//! `vsoko.Report`: one school's scored result, read-only (`vsoko.Result` is its deprecated
//! alias, kept for one release by the Python package).

use crate::convert::{decimal, to_py};
use crate::errors::{guard, to_py as error};
use crate::held::Held;
use pyo3::prelude::*;
use pyo3::types::PyList;
use std::sync::OnceLock;

/// What a `Report` pickles as: `Report._from_state` and its arguments (the methodology as
/// [`Held::state`], then one value per input).
type Reduced<'py> = (
    Bound<'py, PyAny>,
    (
        bool,
        String,
        Vec<Option<String>>,
        Option<String>,
        Option<String>,
    ),
);

/// One school's result: total, maximum and level, every group and indicator, what is missing,
/// and where the points were lost. Decimals are `decimal.Decimal`.
///
/// It keeps the scorecard (numbers only) and builds the full report (titles, lists, deficits)
/// the first time something needs it, so scoring and freeing many schools stays cheap.
#[pyclass(name = "Report", module = "vsoko", frozen)]
pub struct Report {
    m: Held,
    card: vsoko::Scorecard,
    school: Option<String>,
    period: Option<String>,
    full: OnceLock<vsoko::Report>,
}

impl Report {
    pub fn new(m: Held, card: vsoko::Scorecard) -> Self {
        Report {
            m,
            card,
            school: None,
            period: None,
            full: OnceLock::new(),
        }
    }

    /// The result of a document that names its school and period.
    pub fn named(mut self, school: Option<String>, period: Option<String>) -> Self {
        self.school = school;
        self.period = period;
        self
    }

    fn full(&self) -> &vsoko::Report {
        self.full.get_or_init(|| {
            let mut r = vsoko::Report::build(&self.m, &self.card);
            r.school.clone_from(&self.school);
            r.period.clone_from(&self.period);
            r
        })
    }

    /// The full report (built on first use).
    pub fn report(&self) -> &vsoko::Report {
        self.full()
    }

    fn level_band(&self) -> Option<&vsoko::LevelBand> {
        self.m.level_of(self.card.total)
    }
}

#[pymethods]
impl Report {
    /// Methodology id, e.g. ``"index-2023"``.
    #[getter]
    fn methodology(&self) -> &str {
        self.m.id()
    }

    /// The school, when the input named it (``score_document``).
    #[getter]
    fn school(&self) -> Option<&str> {
        self.school.as_deref()
    }

    /// The period, when the input named it (``score_document``).
    #[getter]
    fn period(&self) -> Option<&str> {
        self.period.as_deref()
    }

    /// Sum of all points (``Decimal``, exact).
    #[getter]
    fn total<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        decimal(py, self.card.total)
    }

    /// Maximum total; not-applicable indicators are left out of it (``Decimal``).
    #[getter]
    fn max<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        decimal(py, self.card.max)
    }

    /// ``total / max`` to 4 places (``Decimal``), or ``None`` when nothing applies.
    #[getter]
    fn share<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        vsoko::decimal::share(self.card.total, self.card.max)
            .map(|s| decimal(py, s))
            .transpose()
    }

    /// ``total / max`` as a percentage with one decimal (``Decimal("79.5")``), rounded once
    /// from the exact ratio, or ``None`` when nothing applies.
    #[getter]
    fn percent<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        vsoko::decimal::percent(self.card.total, self.card.max)
            .map(|p| decimal(py, p))
            .transpose()
    }

    /// ``"high"``, ``"medium"``, ``"low"``, or ``None`` when the methodology has no levels.
    #[getter]
    fn level(&self) -> Option<&str> {
        self.level_band().map(|l| l.id.as_str())
    }

    /// Russian title of the level, e.g. ``"Средний уровень"``.
    #[getter]
    fn level_title(&self) -> Option<&str> {
        self.level_band().map(|l| l.title.as_str())
    }

    /// Every group (direction, criterion) as a dict, in tree order.
    #[getter]
    fn groups<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.full().groups)
    }

    /// Every indicator as a dict (points, max, status), in reading order.
    #[getter]
    fn indicators<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.full().indicators)
    }

    /// Ids of indicators with no value (they count 0).
    #[getter]
    fn missing<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        PyList::new(py, &self.full().missing)
    }

    /// Ids of indicators marked not applicable.
    #[getter]
    fn not_applicable<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        PyList::new(py, &self.full().not_applicable)
    }

    /// ``{"groups": [...], "indicators": [...]}``: points lost, most first.
    #[getter]
    fn deficits<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.full().deficits)
    }

    /// The whole result as a dict (decimals as ``Decimal``).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, self.full())
    }

    /// The whole result as JSON, identical to ``vsoko score --format json`` (decimals as strings).
    fn to_json(&self) -> String {
        self.full().to_json()
    }

    /// The report as Markdown in Russian, identical to ``vsoko score --format markdown``.
    fn to_markdown(&self) -> String {
        self.full().to_markdown(&self.m)
    }

    /// Pickles as its methodology and one value per input (decimal text, ``"n/a"`` or
    /// ``None``), so it crosses to another process (``multiprocessing``) exactly.
    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<Reduced<'py>> {
        let me = slf.get();
        let inputs = me
            .card
            .inputs
            .iter()
            .map(|given| match given {
                vsoko::methodology::Given::Number(x) => Some(x.to_string()),
                vsoko::methodology::Given::NotApplicable => Some("n/a".to_string()),
                vsoko::methodology::Given::Missing => None,
            })
            .collect();
        let (builtin, text) = me.m.state();
        Ok((
            slf.get_type().getattr("_from_state")?,
            (builtin, text, inputs, me.school.clone(), me.period.clone()),
        ))
    }

    /// The inverse of ``__reduce__``: scores the values again (exactly) with the methodology.
    #[staticmethod]
    #[pyo3(signature = (builtin, methodology, inputs, school = None, period = None))]
    fn _from_state(
        py: Python<'_>,
        builtin: bool,
        methodology: &str,
        inputs: Vec<Option<String>>,
        school: Option<String>,
        period: Option<String>,
    ) -> PyResult<Self> {
        guard(|| {
            let held = Held::from_state(py, builtin, methodology)?;
            let mut row = Vec::with_capacity(inputs.len());
            for (pos, given) in inputs.into_iter().enumerate() {
                let Some(text) = given else { continue };
                let id = held.inputs().get(pos).map_or("", |i| i.id.as_str());
                let value = vsoko::Value::parse(&text).map_err(|reason| {
                    error(
                        py,
                        &vsoko::Error::InvalidValue {
                            id: id.to_string(),
                            reason,
                        },
                        None,
                    )
                })?;
                row.push((pos, value));
            }
            let card = held
                .evaluate_row(&row, vsoko::Options::default())
                .map_err(|e| error(py, &e, None))?;
            Ok(Report::new(held, card).named(school, period))
        })
    }

    fn __repr__(&self) -> String {
        format!(
            "<vsoko.Report {} total={} max={} level={}>",
            self.m.id(),
            self.card.total,
            self.card.max,
            self.level().unwrap_or("None")
        )
    }
}
