//! Python values in, Python values out. Numbers go through text, never through a float on the
//! way out: decimals become `decimal.Decimal(str)`.

use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple, PyType};
use vsoko::{Value, Values};

static DECIMAL: PyOnceLock<Py<PyType>> = PyOnceLock::new();

fn decimal_class(py: Python<'_>) -> PyResult<&Bound<'_, PyType>> {
    DECIMAL
        .get_or_try_init(py, || {
            Ok::<_, PyErr>(
                py.import("decimal")?
                    .getattr("Decimal")?
                    .cast_into::<PyType>()?
                    .unbind(),
            )
        })
        .map(|c| c.bind(py))
}

/// A Rust decimal as `decimal.Decimal`.
pub fn decimal(py: Python<'_>, d: rust_decimal::Decimal) -> PyResult<Bound<'_, PyAny>> {
    decimal_class(py)?.call1((d.to_string(),))
}

/// What went wrong converting one value: a Python type error, or a value the core rejects.
pub enum Bad {
    Type(PyErr),
    Value(vsoko::Error),
}

/// Converts a mapping of indicator id → value. With `nan_is_missing`, a float NaN is an empty
/// cell (pandas); otherwise it is an invalid value.
pub fn values(obj: &Bound<'_, PyAny>, nan_is_missing: bool) -> Result<Values, Bad> {
    let py = obj.py();
    let dict = obj.cast::<PyDict>().map_err(|_| {
        Bad::Type(PyTypeError::new_err(format!(
            "values must be a dict of indicator id to points, not {}",
            type_name(obj)
        )))
    })?;
    let mut out = Values::new();
    for (k, v) in dict.iter() {
        let id: String = k.extract().map_err(|_| {
            Bad::Type(PyTypeError::new_err(format!(
                "indicator ids must be str, not {}",
                type_name(&k)
            )))
        })?;
        let value = value(py, &id, &v, nan_is_missing)?;
        out.push(id, value);
    }
    Ok(out)
}

/// A mapping converted straight to indicator positions (no id copied), or `None` when it names
/// an id the methodology does not have (the caller then takes the general path, which reports it).
pub fn row(
    m: &vsoko::Methodology,
    obj: &Bound<'_, PyAny>,
) -> Result<Option<Vec<(usize, Value)>>, Bad> {
    let py = obj.py();
    let Ok(dict) = obj.cast::<PyDict>() else {
        return Ok(None);
    };
    let mut out = Vec::with_capacity(dict.len());
    for (k, v) in dict.iter() {
        let Ok(key) = k.cast::<PyString>() else {
            return Ok(None);
        };
        let id = key.to_str().map_err(Bad::Type)?;
        let Some(pos) = m.position(id) else {
            return Ok(None);
        };
        match value(py, id, &v, false)? {
            Value::Missing => {}
            v => out.push((pos, v)),
        }
    }
    Ok(Some(out))
}

/// One spreadsheet cell (a pandas value): `None` and NaN are an empty cell. In a float32 column
/// (`float32`) a float goes through the float32's own shortest text, so `0.1` stays `0.1`. A cell
/// of a wrong Python type is an invalid value (not a `TypeError`), so it names its row.
pub fn cell_value(id: &str, v: &Bound<'_, PyAny>, float32: bool) -> Result<Value, Bad> {
    if float32 && let Ok(f) = v.cast::<PyFloat>() {
        let f = f.value();
        if f.is_nan() {
            return Ok(Value::Missing);
        }
        #[expect(
            clippy::cast_possible_truncation,
            reason = "the float came from a float32 column, so narrowing it back is exact"
        )]
        let narrow = f as f32;
        return vsoko::decimal::from_f32(narrow)
            .map(Value::Points)
            .map_err(|reason| {
                Bad::Value(vsoko::Error::InvalidValue {
                    id: id.to_string(),
                    reason,
                })
            });
    }
    match value(v.py(), id, v, true) {
        Err(Bad::Type(_)) => Err(Bad::Value(vsoko::Error::InvalidValue {
            id: id.to_string(),
            reason: wrong_type(v),
        })),
        other => other,
    }
}

/// Why a cell of a wrong Python type is not a number of points.
fn wrong_type(v: &Bound<'_, PyAny>) -> vsoko::reason::ValueReason {
    use vsoko::reason::ValueReason;
    if let Ok(b) = v.cast::<PyBool>() {
        ValueReason::YesNo(b.is_true())
    } else if v.is_instance_of::<PyList>() || v.is_instance_of::<PyTuple>() {
        ValueReason::List
    } else if v.is_instance_of::<PyDict>() {
        ValueReason::Object
    } else {
        ValueReason::WrongType {
            found: format!("a value of type {}", type_name(v)),
        }
    }
}

fn value(
    py: Python<'_>,
    id: &str,
    v: &Bound<'_, PyAny>,
    nan_is_missing: bool,
) -> Result<Value, Bad> {
    let invalid = |reason: vsoko::reason::ValueReason| {
        Bad::Value(vsoko::Error::InvalidValue {
            id: id.to_string(),
            reason,
        })
    };
    if v.is_none() {
        return Ok(Value::Missing);
    }
    if let Ok(f) = v.cast::<PyFloat>() {
        let f = f.value();
        if f.is_nan() && nan_is_missing {
            return Ok(Value::Missing);
        }
        return vsoko::decimal::from_f64(f)
            .map(Value::Points)
            .map_err(invalid);
    }
    if let Ok(b) = v.cast::<PyBool>() {
        // Yes or no: the core accepts it for a yes/no input and names it anywhere else.
        return Ok(Value::YesNo(b.is_true()));
    }
    if let Ok(s) = v.cast::<PyString>() {
        let text = s.to_str().map_err(Bad::Type)?;
        return Value::parse(text).map_err(invalid);
    }
    if v.is_instance_of::<PyInt>() {
        return match v.extract::<i64>() {
            Ok(n) => Ok(Value::Points(rust_decimal::Decimal::from(n))),
            Err(_) => Err(invalid(vsoko::reason::ValueReason::NotExact {
                text: v.to_string(),
            })),
        };
    }
    if decimal_class(py).is_ok_and(|c| v.is_instance(c).unwrap_or(false)) {
        let text = v.str().map_err(Bad::Type)?;
        return Value::parse(text.to_str().map_err(Bad::Type)?).map_err(invalid);
    }
    Err(type_error(id, v))
}

fn type_error(id: &str, v: &Bound<'_, PyAny>) -> Bad {
    Bad::Type(PyTypeError::new_err(format!(
        "value of '{id}' must be int, str, decimal.Decimal, float, bool, None or NOT_APPLICABLE, not {}",
        type_name(v)
    )))
}

fn type_name(v: &Bound<'_, PyAny>) -> String {
    v.get_type()
        .name()
        .map_or_else(|_| "?".into(), |n| n.to_string())
}

/// The keys whose string values are decimals in the report and catalogue JSON.
const DECIMAL_KEYS: &[&str] = &[
    "total",
    "max",
    "share",
    "points",
    "lost",
    "from",
    "to",
    "cap",
    "min",
    "value",
    "mean_total",
    "median_total",
    "min_total",
    "max_total",
    "delta",
    "percentile",
    "passed_pct",
    "mean",
    "best",
];

/// Objects whose every value is a decimal, keyed by period (dynamics: `totals`, `mean`,
/// `median`) or by group id (the dynamics' relative points: `groups`). A list under one of
/// these keys holds objects with keys of their own.
const DECIMAL_MAPS: &[&str] = &["totals", "mean", "median", "groups"];

/// Objects whose `from`/`to` are ids, not decimals (a level change).
const ID_OBJECTS: &[&str] = &["level_change"];

/// JSON (as serialized by the core) to Python, with decimal strings under [`DECIMAL_KEYS`]
/// turned into `decimal.Decimal`.
pub fn json_to_py<'py>(
    py: Python<'py>,
    v: &serde_json::Value,
    key: Option<&str>,
) -> PyResult<Bound<'py, PyAny>> {
    Ok(match v {
        serde_json::Value::Null => py.None().into_bound(py),
        serde_json::Value::Bool(b) => PyBool::new(py, *b).to_owned().into_any(),
        serde_json::Value::Number(n) => match n.as_i64() {
            Some(i) => i.into_pyobject(py)?.into_any(),
            None => n.as_f64().unwrap_or_default().into_pyobject(py)?.into_any(),
        },
        serde_json::Value::String(s) if key.is_some_and(|k| DECIMAL_KEYS.contains(&k)) => {
            decimal_class(py)?.call1((s.as_str(),))?
        }
        serde_json::Value::String(s) => PyString::new(py, s).into_any(),
        serde_json::Value::Array(items) => {
            let list = PyList::empty(py);
            for item in items {
                let item_key = match key {
                    Some(k) if item.is_object() && DECIMAL_MAPS.contains(&k) => None,
                    _ => key,
                };
                list.append(json_to_py(py, item, item_key)?)?;
            }
            list.into_any()
        }
        serde_json::Value::Object(map) => {
            let dict = PyDict::new(py);
            for (k, item) in map {
                let child = match key {
                    Some(parent) if DECIMAL_MAPS.contains(&parent) => Some("value"),
                    Some(parent) if ID_OBJECTS.contains(&parent) => None,
                    _ => Some(k.as_str()),
                };
                dict.set_item(k, json_to_py(py, item, child)?)?;
            }
            dict.into_any()
        }
    })
}

/// Any serializable core value to Python through its JSON form.
pub fn to_py<'py, T: serde::Serialize>(py: Python<'py>, value: &T) -> PyResult<Bound<'py, PyAny>> {
    let json = serde_json::to_value(value)
        .map_err(|e| pyo3::exceptions::PyRuntimeError::new_err(e.to_string()))?;
    json_to_py(py, &json, None)
}
