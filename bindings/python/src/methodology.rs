//! `vsoko.Methodology` and the module-level scoring calls: convert, call the core, convert back.

use crate::arrays::Kind;
use crate::convert::{Bad, cell_value, decimal, row, to_py, values};
use crate::errors::{self, guard, to_py as error};
use crate::held::Held;
use crate::report::Report;
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyList, PyString};
use std::collections::HashMap;
use std::sync::Arc;
use vsoko::{Options, Values};

/// One school of `score_many`, converted by position when every id is known.
enum School {
    Row(Vec<(usize, vsoko::Value)>),
    Values(Values),
}

/// Rows converted per step of `score_table` before scoring them without the GIL.
const TABLE_CHUNK: usize = 4096;

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

/// The cells of one column of `score_table`: Python objects, or a NumPy array's bytes.
pub(crate) enum Cells<'py> {
    /// A list of Python values (object and string columns).
    List(Bound<'py, PyList>),
    /// A numeric array (see [`Kind`]), read without the GIL.
    Array(Kind, Bound<'py, PyBytes>),
}

impl Cells<'_> {
    /// Cells in the column.
    pub(crate) fn len(&self) -> usize {
        match self {
            Cells::List(l) => l.len(),
            Cells::Array(kind, b) => kind.len(b.as_bytes()),
        }
    }

    /// Cell `k` of the column of indicator `id` (read as float32 when `f32`).
    pub(crate) fn value(&self, id: &str, f32: bool, k: usize) -> Result<vsoko::Value, Bad> {
        match self {
            Cells::List(l) => cell_value(id, &l.get_item(k).map_err(Bad::Type)?, f32),
            Cells::Array(kind, b) => kind.value(b.as_bytes(), k).map_err(|reason| {
                Bad::Value(vsoko::Error::InvalidValue {
                    id: id.to_string(),
                    reason,
                })
            }),
        }
    }
}

/// One column of `score_table`: indicator position, id, float32 or not, and its cells.
pub(crate) type Column<'py> = (usize, String, bool, Cells<'py>);

/// The columns of `score_table`, each mapped to its indicator once (a repeated column first,
/// then an unknown one, is an error).
pub(crate) fn table_columns<'py>(
    py: Python<'py>,
    m: &vsoko::Methodology,
    columns: &Bound<'py, PyAny>,
    float32: &Bound<'py, PyAny>,
) -> PyResult<Vec<Column<'py>>> {
    let narrow: Vec<String> = float32
        .try_iter()?
        .map(|id| id.and_then(|id| id.extract::<String>()))
        .collect::<PyResult<_>>()?;
    let pairs: Vec<(String, Bound<'py, PyAny>)> = match columns.cast::<PyDict>() {
        Ok(d) => d
            .iter()
            .map(|(k, v)| Ok((k.extract::<String>()?, v)))
            .collect::<PyResult<_>>()?,
        Err(_) => columns
            .try_iter()?
            .map(|pair| pair.and_then(|p| p.extract::<(String, Bound<'py, PyAny>)>()))
            .collect::<PyResult<_>>()?,
    };
    // A repeated column is reported before anything else, by name.
    let mut seen = std::collections::HashSet::with_capacity(pairs.len());
    if let Some((id, _)) = pairs.iter().find(|(id, _)| !seen.insert(id.as_str())) {
        return Err(error(
            py,
            &vsoko::Error::DuplicateIndicator { id: id.clone() },
            None,
        ));
    }
    // Columns map to indicator positions once; no id is copied per cell.
    pairs
        .into_iter()
        .map(|(id, v)| {
            let Some(pos) = m.position(&id) else {
                let suggestion = m.suggest(&id).map(ToString::to_string);
                return Err(error(
                    py,
                    &vsoko::Error::UnknownIndicator { id, suggestion },
                    None,
                ));
            };
            let f32 = narrow.contains(&id);
            let cells = match v.cast_into::<PyList>() {
                Ok(list) => Cells::List(list),
                Err(e) => {
                    let (kind, bytes) = e
                        .into_inner()
                        .extract::<(String, Bound<'py, PyBytes>)>()
                        .map_err(|_| {
                        PyTypeError::new_err(format!(
                            "column '{id}' must be a list of cells or (kind, bytes) of an array"
                        ))
                    })?;
                    let kind = Kind::of(&kind).ok_or_else(|| {
                        PyValueError::new_err(format!("column '{id}': unknown array kind {kind:?}"))
                    })?;
                    Cells::Array(kind, bytes)
                }
            };
            Ok((pos, id, f32, cells))
        })
        .collect::<PyResult<_>>()
}

/// Scores a table given as columns ``[(indicator id, [values...]), ...]`` (or a dict of them; a
/// pandas frame's columns, one chunk of rows at a time); returns
/// ``{"total": [...], "level": [...], <group id>: [...]}``. `None` and NaN cells are missing;
/// columns named in `float32` read their floats as float32. A bad cell's error names its row:
/// ``.index`` is `offset` plus its position, and the message shows its label from `labels`.
#[expect(
    clippy::too_many_arguments,
    reason = "mirrors the Python keyword arguments"
)]
pub fn score_table<'py>(
    py: Python<'py>,
    m: &vsoko::Methodology,
    columns: &Bound<'py, PyAny>,
    strict: bool,
    float32: &Bound<'py, PyAny>,
    offset: usize,
    labels: Option<&Bound<'py, PyAny>>,
    arrow: bool,
) -> PyResult<Bound<'py, PyDict>> {
    guard(|| {
        let cols = table_columns(py, m, columns, float32)?;
        let rows = cols.first().map_or(0, |(_, _, _, c)| c.len());
        if let Some((_, id, _, c)) = cols.iter().find(|(_, _, _, c)| c.len() != rows) {
            return Err(PyValueError::new_err(format!(
                "column '{id}' has {} rows, the first one {rows}",
                c.len()
            )));
        }
        let at_row = |e: &vsoko::Error, k: usize| {
            let label = labels
                .and_then(|l| l.get_item(k).ok())
                .and_then(|l| {
                    // A text label quoted ('Б'), any other plainly (41, not np.int64(41)).
                    if l.is_instance_of::<PyString>() {
                        l.repr().ok()
                    } else {
                        l.str().ok()
                    }
                })
                .map(|r| r.to_string());
            errors::at_row(py, e, offset + k, label.as_deref())
        };
        let options = Options::new().strict(strict);
        let mut cards = Vec::with_capacity(rows);
        // Convert a chunk of rows with the GIL, score it without, so memory stays small.
        let mut start = 0;
        while start < rows {
            let end = (start + TABLE_CHUNK).min(rows);
            // Cells of object columns are read with the GIL; arrays are read below without it.
            let lists = cols
                .iter()
                .filter(|c| matches!(c.3, Cells::List(_)))
                .count();
            let mut chunk: Vec<Vec<(usize, vsoko::Value)>> =
                (start..end).map(|_| Vec::with_capacity(lists)).collect();
            let mut arrays = Vec::new();
            for (pos, id, f32, col) in &cols {
                let list = match col {
                    Cells::List(list) => list,
                    Cells::Array(kind, bytes) => {
                        arrays.push((*pos, id.as_str(), *kind, bytes.as_bytes()));
                        continue;
                    }
                };
                for (k, row) in chunk.iter_mut().enumerate() {
                    let cell = list.get_item(start + k)?;
                    match cell_value(id, &cell, *f32) {
                        Ok(vsoko::Value::Missing) => {}
                        Ok(v) => row.push((*pos, v)),
                        Err(Bad::Type(e)) => return Err(e),
                        Err(Bad::Value(e)) => return Err(at_row(&e, start + k)),
                    }
                }
            }
            // Arrays are read and rows scored without the GIL, on both cores.
            let scored = py.detach(|| {
                m.evaluate_filled(chunk.len(), options, |k, row| {
                    row.extend_from_slice(chunk.get(k).map_or(&[][..], Vec::as_slice));
                    for (pos, id, kind, bytes) in &arrays {
                        match kind.value(bytes, start + k) {
                            Ok(vsoko::Value::Missing) => {}
                            Ok(v) => row.push((*pos, v)),
                            Err(reason) => {
                                let id = (*id).to_string();
                                return Err(vsoko::Error::InvalidValue { id, reason });
                            }
                        }
                    }
                    Ok(())
                })
            });
            cards.extend(scored.map_err(|(k, e)| at_row(&e, start + k))?);
            start = end;
        }
        if arrow {
            return arrow_columns(py, m, &cards);
        }
        object_columns(py, m, &cards)
    })
}

/// The result columns as lists of `decimal.Decimal` (and level ids), for pandas without pyarrow.
fn object_columns<'py>(
    py: Python<'py>,
    m: &vsoko::Methodology,
    cards: &[vsoko::Scorecard],
) -> PyResult<Bound<'py, PyDict>> {
    // Few distinct numbers occur in a batch: make each Decimal object once.
    let mut made: HashMap<rust_decimal::Decimal, Bound<'py, PyAny>> = HashMap::new();
    let mut dec = |d: rust_decimal::Decimal| -> PyResult<Bound<'py, PyAny>> {
        if let Some(o) = made.get(&d) {
            return Ok(o.clone());
        }
        let o = decimal(py, d)?;
        made.insert(d, o.clone());
        Ok(o)
    };
    let out = PyDict::new(py);
    let totals = PyList::empty(py);
    let levels = PyList::empty(py);
    for c in cards {
        totals.append(dec(c.total)?)?;
        levels.append(m.level_of(c.total).map(|l| l.id.as_str()))?;
    }
    out.set_item("total", totals)?;
    out.set_item("level", levels)?;
    for (g, group) in m.groups().iter().enumerate() {
        let col = PyList::empty(py);
        for c in cards {
            col.append(dec(c.group_points.get(g).copied().unwrap_or_default())?)?;
        }
        out.set_item(&group.id, col)?;
    }
    Ok(out)
}

/// The result columns for Arrow: each decimal column as `(scale, bytes)`, the little-endian
/// 128-bit unscaled values of a `decimal128(38, scale)` array at the column's largest scale
/// (exact: a value is only ever padded with zeros), and the levels as a list of ids.
fn arrow_columns<'py>(
    py: Python<'py>,
    m: &vsoko::Methodology,
    cards: &[vsoko::Scorecard],
) -> PyResult<Bound<'py, PyDict>> {
    let column = |values: &mut dyn Iterator<Item = rust_decimal::Decimal>| {
        let values: Vec<rust_decimal::Decimal> = values.collect();
        let scale = values
            .iter()
            .map(rust_decimal::Decimal::scale)
            .max()
            .unwrap_or(0);
        let mut bytes = Vec::with_capacity(values.len() * 16);
        for mut d in values {
            d.rescale(scale);
            bytes.extend_from_slice(&d.mantissa().to_le_bytes());
        }
        (scale, PyBytes::new(py, &bytes))
    };
    let out = PyDict::new(py);
    out.set_item("total", column(&mut cards.iter().map(|c| c.total)))?;
    let levels: Vec<Option<&str>> = cards
        .iter()
        .map(|c| m.level_of(c.total).map(|l| l.id.as_str()))
        .collect();
    out.set_item("level", levels)?;
    for (g, group) in m.groups().iter().enumerate() {
        let points = &mut cards
            .iter()
            .map(|c| c.group_points.get(g).copied().unwrap_or_default());
        out.set_item(&group.id, column(points))?;
    }
    Ok(out)
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
