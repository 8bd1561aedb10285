//! `vsoko.Methodology` and the module-level scoring calls: convert, call the core, convert back.

use crate::convert::{Bad, decimal, row, to_py, values};
use crate::errors::{guard, to_py as error};
use crate::held::Held;
use crate::report::Report;
use crate::table::score_table;
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyList, PyString};
use std::sync::Arc;
use vsoko::{Options, Values};

/// One school of `score_many`, converted by position when every id is known.
enum School {
    Row(Vec<(usize, vsoko::Value)>),
    Values(Values),
}

/// A scoring methodology: groups (directions, criteria) of indicators with their caps and the
/// level bands. Built in (``index-2023``, ``nocko-1547``) or loaded from JSON and validated.
#[pyclass(module = "vsoko", frozen)]
pub struct Methodology {
    held: Held,
}

impl Methodology {
    /// The Python object of a held methodology.
    pub fn new(held: Held) -> Self {
        Methodology { held }
    }

    /// The methodology it holds.
    pub fn held(&self) -> &Held {
        &self.held
    }
}

pub fn builtin(py: Python<'_>, name: &str) -> PyResult<&'static vsoko::Methodology> {
    match Held::builtin(py, name)? {
        Held::Builtin(m) => Ok(m),
        Held::Custom(_) => Err(PyValueError::new_err("not a built-in methodology")),
    }
}

fn convert(
    py: Python<'_>,
    obj: &Bound<'_, PyAny>,
    nan_is_missing: bool,
    index: Option<usize>,
) -> PyResult<Values> {
    values(obj, nan_is_missing).map_err(|bad| match bad {
        Bad::Type(e) => e,
        Bad::Value(e) => error(py, &e, index),
    })
}

/// Scores one school.
/// A Python mapping of values, converted as ``score`` reads it.
pub fn values_of(py: Python<'_>, obj: &Bound<'_, PyAny>) -> PyResult<Values> {
    convert(py, obj, false, None)
}

pub fn score_one(
    py: Python<'_>,
    m: &Held,
    obj: &Bound<'_, PyAny>,
    strict: bool,
) -> PyResult<Report> {
    guard(|| {
        let values = convert(py, obj, false, None)?;
        m.evaluate(&values, Options::new().strict(strict))
            .map(|card| Report::new(m.clone(), card))
            .map_err(|e| error(py, &e, None))
    })
}

/// Scores many schools: every input is converted first, then the loop runs without the GIL.
pub fn score_many(
    py: Python<'_>,
    m: &Held,
    schools: &Bound<'_, PyAny>,
    strict: bool,
) -> PyResult<Vec<Report>> {
    guard(|| {
        let options = Options::new().strict(strict);
        let mut all = Vec::new();
        for (i, item) in schools.try_iter()?.enumerate() {
            let item = item?;
            let school = match row(m, &item) {
                Ok(Some(r)) => School::Row(r),
                Ok(None) => School::Values(convert(py, &item, false, Some(i))?),
                Err(Bad::Type(e)) => return Err(e),
                Err(Bad::Value(e)) => return Err(error(py, &e, Some(i))),
            };
            all.push(school);
        }
        let scored: Result<Vec<_>, (usize, vsoko::Error)> = py.detach(|| {
            all.iter()
                .enumerate()
                .map(|(i, school)| {
                    let card = match school {
                        School::Row(r) => m.evaluate_row(r, options),
                        School::Values(v) => m.evaluate(v, options),
                    };
                    card.map_err(|e| (i, e))
                })
                .collect()
        });
        scored
            .map(|cards| {
                cards
                    .into_iter()
                    .map(|card| Report::new(m.clone(), card))
                    .collect()
            })
            .map_err(|(i, e)| error(py, &e, Some(i)))
    })
}

#[pymethods]
impl Methodology {
    /// A built-in methodology: ``"index-2023"`` or ``"nocko-1547"``.
    ///
    /// Raises:
    ///     MethodologyError: ``unknown_methodology`` for any other name.
    #[staticmethod]
    fn builtin(py: Python<'_>, name: &str) -> PyResult<Self> {
        Ok(Methodology {
            held: Held::Builtin(builtin(py, name)?),
        })
    }

    /// This methodology with the names of a titles file over its own (groups, indicators and
    /// inputs; caps and rules stay). ``titles`` is a mapping ``{id: title}`` or the path of a
    /// CSV file: two columns, id and title, ``;``, tab or ``,``, UTF-8 or Windows-1251 (as
    /// Russian Excel saves it), a header row allowed.
    ///
    /// Raises:
    ///     InputError: ``invalid_titles`` listing every row that names nothing in the
    ///         methodology, repeats an id or has no title (nothing is renamed then).
    fn with_titles(&self, py: Python<'_>, titles: &Bound<'_, PyAny>) -> PyResult<Self> {
        let parsed = if let Ok(map) = titles.cast::<pyo3::types::PyMapping>() {
            let mut pairs = Vec::new();
            for item in map.items()?.iter() {
                let (id, title): (String, String) = item.extract()?;
                pairs.push((id, title));
            }
            vsoko::methodology::Titles::from_pairs(pairs)
        } else {
            let path: std::path::PathBuf = titles.extract().map_err(|_| {
                PyTypeError::new_err("titles: a mapping {id: title} or the path of a CSV file")
            })?;
            let bytes = std::fs::read(&path).map_err(|e| {
                pyo3::exceptions::PyOSError::new_err(format!("{}: {e}", path.display()))
            })?;
            let text = match String::from_utf8(bytes) {
                Ok(text) => text,
                Err(e) => encoding_rs::WINDOWS_1251
                    .decode_without_bom_handling(e.as_bytes())
                    .0
                    .into_owned(),
            };
            vsoko::methodology::Titles::parse(&text).map_err(|e| error(py, &e, None))?
        };
        let m = self
            .held
            .with_titles(&parsed)
            .map_err(|e| error(py, &e, None))?;
        Ok(Methodology {
            held: Held::Custom(Arc::new(m)),
        })
    }

    /// Reads and validates a custom methodology from JSON text (``str`` or ``bytes``).
    ///
    /// Raises:
    ///     MethodologyError: ``invalid_methodology`` with every problem in ``.problems``.
    ///     InputError: ``invalid_json`` or ``empty_input``.
    #[staticmethod]
    fn from_json(py: Python<'_>, text: &Bound<'_, PyAny>) -> PyResult<Self> {
        let text: String = if let Ok(b) = text.cast::<PyBytes>() {
            String::from_utf8_lossy(b.as_bytes()).into_owned()
        } else if let Ok(s) = text.cast::<PyString>() {
            s.to_str()?.to_owned()
        } else {
            return Err(PyTypeError::new_err("from_json takes str or bytes"));
        };
        let m = vsoko::Methodology::from_json(&text).map_err(|e| error(py, &e, None))?;
        Ok(Methodology {
            held: Held::Custom(Arc::new(m)),
        })
    }

    /// Stable short name, e.g. ``"index-2023"``.
    #[getter]
    fn id(&self) -> &str {
        self.held.id()
    }

    /// Official Russian title.
    #[getter]
    fn title(&self) -> &str {
        self.held.title()
    }

    /// Short Russian name for lists and headings (not official; the title when the data gives
    /// none).
    #[getter]
    fn short_title(&self) -> &str {
        self.held.short_title()
    }

    /// The maximum total (``Decimal``).
    #[getter]
    fn max<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        decimal(py, self.held.max())
    }

    /// Every indicator as a dict: ``id``, ``group``, ``title`` (``None`` when the source does not
    /// name it), ``max`` (its cap), ``not_applicable``.
    #[getter]
    fn indicators<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.held.catalog().indicators)
    }

    /// Every input a school gives, as a dict: ``id``, ``title``, ``title_en``, ``kind``
    /// (``points``, ``count``, ``number``, ``yes_no``), ``min``, ``max``, ``not_applicable``,
    /// ``indicators`` (the ids whose rules read it). For a version-1 methodology these are the
    /// indicators themselves.
    #[getter]
    fn inputs<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.held.catalog().inputs)
    }

    /// Every group as a dict: ``id``, ``kind``, ``title``, ``parent``, ``max``.
    #[getter]
    fn groups<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.held.catalog().groups)
    }

    /// The catalogue as a dict (as ``vsoko catalog --format json``).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.held.catalog())
    }

    /// The methodology description as JSON (the format ``from_json`` reads).
    fn to_json(&self) -> String {
        self.held.to_json()
    }

    /// Scores one school; see ``vsoko.score``.
    #[pyo3(signature = (values, strict = false))]
    fn score(&self, py: Python<'_>, values: &Bound<'_, PyAny>, strict: bool) -> PyResult<Report> {
        score_one(py, &self.held, values, strict)
    }

    /// Scores many schools (the loop runs in Rust without the GIL); see ``vsoko.score_many``.
    #[pyo3(signature = (schools, strict = false))]
    fn score_many(
        &self,
        py: Python<'_>,
        schools: &Bound<'_, PyAny>,
        strict: bool,
    ) -> PyResult<Vec<Report>> {
        score_many(py, &self.held, schools, strict)
    }

    /// Every problem of the values at once, as dicts ``{code, indicator, message, message_ru}``;
    /// empty when they score. For forms that mark each bad field.
    #[pyo3(signature = (values, strict = false))]
    fn check<'py>(
        &self,
        py: Python<'py>,
        values: &Bound<'py, PyAny>,
        strict: bool,
    ) -> PyResult<Bound<'py, PyList>> {
        let values = convert(py, values, false, None)?;
        let list = PyList::empty(py);
        for e in self.held.check(&values, Options::new().strict(strict)) {
            list.append(to_py(py, &vsoko::Diagnostic::from(&e))?)?;
        }
        Ok(list)
    }

    #[pyo3(signature = (columns, strict = false, float32 = None, offset = 0, labels = None, arrow = false))]
    #[expect(
        clippy::too_many_arguments,
        reason = "mirrors the Python keyword arguments"
    )]
    fn _score_table<'py>(
        &self,
        py: Python<'py>,
        columns: &Bound<'py, PyAny>,
        strict: bool,
        float32: Option<&Bound<'py, PyAny>>,
        offset: usize,
        labels: Option<&Bound<'py, PyAny>>,
        arrow: bool,
    ) -> PyResult<Bound<'py, PyDict>> {
        let none = PyList::empty(py).into_any();
        score_table(
            py,
            &self.held,
            columns,
            strict,
            float32.unwrap_or(&none),
            offset,
            labels,
            arrow,
        )
    }

    /// The label columns of a table header as the core maps them (any of their names):
    /// ``{"school": i | None, "period": j | None, "municipality": k | None}``.
    ///
    /// Raises:
    ///     InputError: a column that is neither a label nor an input of the methodology.
    #[expect(
        clippy::needless_pass_by_value,
        reason = "pyo3 extracts an owned list from Python"
    )]
    fn _label_columns<'py>(
        &self,
        py: Python<'py>,
        header: Vec<String>,
    ) -> PyResult<Bound<'py, PyDict>> {
        let cols = vsoko::batch::Columns::from_header(&self.held, &header)
            .map_err(|e| error(py, &e, None))?;
        let (school, period, municipality) = cols.label_columns();
        let out = PyDict::new(py);
        out.set_item("school", school)?;
        out.set_item("period", period)?;
        out.set_item("municipality", municipality)?;
        Ok(out)
    }

    fn __len__(&self) -> usize {
        self.held.indicators().len()
    }

    fn __repr__(&self) -> String {
        format!(
            "<vsoko.Methodology {} indicators={} max={}>",
            self.held.id(),
            self.held.indicators().len(),
            self.held.max()
        )
    }

    /// A built-in methodology pickles as its name, a custom one as its JSON.
    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<(Bound<'py, PyAny>, (String,))> {
        let held = &slf.get().held;
        Ok(match held {
            Held::Builtin(m) => (slf.get_type().getattr("builtin")?, (m.id().to_string(),)),
            Held::Custom(m) => (slf.get_type().getattr("from_json")?, (m.to_json(),)),
        })
    }
}
