//! The one mapping of core errors to Python exceptions: `vsoko.MethodologyError` for
//! methodology problems, `vsoko.InputError` for everything about the values. Both subclass
//! `vsoko.VsokoError(ValueError)`, defined in `python/vsoko/_errors.py`.

use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::PyType;

static CLASSES: PyOnceLock<(Py<PyType>, Py<PyType>)> = PyOnceLock::new();

fn classes(py: Python<'_>) -> PyResult<&(Py<PyType>, Py<PyType>)> {
    CLASSES.get_or_try_init(py, || {
        let module = py.import("vsoko._errors")?;
        let methodology = module
            .getattr("MethodologyError")?
            .cast_into::<PyType>()?
            .unbind();
        let input = module
            .getattr("InputError")?
            .cast_into::<PyType>()?
            .unbind();
        Ok::<_, PyErr>((methodology, input))
    })
}

/// Builds the Python exception for a core error (with its code, indicator, Russian message and,
/// for a methodology, every problem).
pub fn to_py(py: Python<'_>, e: &vsoko::Error, index: Option<usize>) -> PyErr {
    let message = match index {
        Some(i) => format!("school #{i}: {e}"),
        None => e.to_string(),
    };
    build(py, e, message, index)
}

/// As [`to_py`] for a row of a table (a pandas frame): the English message names the row by its
/// label in the frame's index (its `repr`) and its position, which is also `.index`.
pub fn at_row(py: Python<'_>, e: &vsoko::Error, index: usize, label: Option<&str>) -> PyErr {
    let message = match label {
        Some(label) => format!("row {label} (position {index}): {e}"),
        None => format!("row at position {index}: {e}"),
    };
    build(py, e, message, Some(index))
}

/// As [`to_py`] for the `index`-th item of a list that is not of schools (`summary #3: …`).
pub fn at_item(py: Python<'_>, e: &vsoko::Error, what: &str, index: usize) -> PyErr {
    build(py, e, format!("{what} #{index}: {e}"), Some(index))
}

fn build(py: Python<'_>, e: &vsoko::Error, message: String, index: Option<usize>) -> PyErr {
    let (methodology, input) = match classes(py) {
        Ok(c) => c,
        Err(err) => return err,
    };
    let class = match e {
        vsoko::Error::UnknownMethodology { .. } | vsoko::Error::InvalidMethodology { .. } => {
            methodology
        }
        _ => input,
    };
    let d = vsoko::Diagnostic::from(e);
    let problems = match serde_json::to_value(&d.problems)
        .map_err(|err| PyRuntimeError::new_err(err.to_string()))
        .and_then(|v| crate::convert::json_to_py(py, &v, None))
    {
        Ok(p) => p,
        Err(err) => return err,
    };
    match class
        .bind(py)
        .call1((d.code, message, d.indicator, d.message_ru, problems, index))
    {
        Ok(obj) => PyErr::from_value(obj),
        Err(err) => err,
    }
}

/// Runs `f`, turning a Rust panic into a `RuntimeError` instead of letting it reach Python as
/// `PanicException` (the core is written not to panic; this is the last guard).
pub fn guard<T>(f: impl FnOnce() -> PyResult<T>) -> PyResult<T> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).unwrap_or_else(|_| {
        Err(PyRuntimeError::new_err(
            "internal error in vsoko (please report it with the input that caused it)",
        ))
    })
}
