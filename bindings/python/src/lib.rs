//! `vsoko._vsoko`: registration only. Conversion lives in `convert.rs`, errors in `errors.rs`,
//! and every rule in the core crate.

mod convert;
mod dynamics;
mod errors;
mod held;
mod methodology;
mod objectivity;
mod plan;
mod report;

use pyo3::prelude::*;

/// Scores one school against a methodology.
///
/// Args:
///     values: dict of indicator id to ``int``, ``str``, ``decimal.Decimal``, finite ``float``,
///         ``None`` (missing) or ``"n/a"`` / ``vsoko.NOT_APPLICABLE``.
///     methodology: built-in name, or a ``vsoko.Methodology``.
///     strict: every indicator must have a value.
///
/// Returns:
///     Result: total, max, level, groups, indicators, missing, deficits.
///
/// Raises:
///     InputError: a value is unknown, out of range, not a number... (``.code``, ``.indicator``).
///     MethodologyError: unknown methodology.
///     TypeError: values is not a dict, or a value has a wrong Python type.
#[pyfunction]
#[pyo3(signature = (values, methodology = "index-2023", strict = false))]
fn score(
    py: Python<'_>,
    values: &Bound<'_, PyAny>,
    methodology: &str,
    strict: bool,
) -> PyResult<report::Report> {
    let m = methodology::builtin(py, methodology)?;
    methodology::score_one(py, &held::Held::Builtin(m), values, strict)
}

/// Scores many schools with one methodology; inputs are converted first, then the loop runs in
/// Rust with the GIL released. The first bad school raises, with its position in ``.index``.
#[pyfunction]
#[pyo3(signature = (schools, methodology = "index-2023", strict = false))]
fn score_many(
    py: Python<'_>,
    schools: &Bound<'_, PyAny>,
    methodology: &str,
    strict: bool,
) -> PyResult<Vec<report::Report>> {
    let m = methodology::builtin(py, methodology)?;
    methodology::score_many(py, &held::Held::Builtin(m), schools, strict)
}

/// The names of the built-in methodologies.
#[pyfunction]
fn methodologies() -> Vec<&'static str> {
    vsoko::methodology::BUILTIN.to_vec()
}

/// Checks a self-examination report given as JSON text; returns the check as JSON text.
#[pyfunction]
#[pyo3(signature = (report_json, as_of = None))]
fn _check_selfexam(py: Python<'_>, report_json: &str, as_of: Option<&str>) -> PyResult<String> {
    errors::guard(|| {
        let result = vsoko::selfexam::check_json(report_json, as_of)
            .map_err(|e| errors::to_py(py, &e, None))?;
        Ok(serde_json::to_string(&result).unwrap_or_default())
    })
}

/// The version of the package.
#[pyfunction]
fn version() -> &'static str {
    env!("CARGO_PKG_VERSION")
}

#[pymodule(gil_used = false)]
fn _vsoko(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<methodology::Methodology>()?;
    m.add_class::<report::Report>()?;
    m.add_function(wrap_pyfunction!(score, m)?)?;
    m.add_function(wrap_pyfunction!(score_many, m)?)?;
    m.add_function(wrap_pyfunction!(methodologies, m)?)?;
    m.add_function(wrap_pyfunction!(_check_selfexam, m)?)?;
    m.add_function(wrap_pyfunction!(version, m)?)?;
    m.add_function(wrap_pyfunction!(objectivity::_objectivity_summaries, m)?)?;
    m.add_function(wrap_pyfunction!(objectivity::_objectivity_combine, m)?)?;
    m.add_function(wrap_pyfunction!(plan::_plan_from_json, m)?)?;
    m.add_function(wrap_pyfunction!(plan::_plan_from_rows, m)?)?;
    m.add_function(wrap_pyfunction!(plan::_plan_template, m)?)?;
    m.add_function(wrap_pyfunction!(plan::_plan_check, m)?)?;
    m.add_function(wrap_pyfunction!(plan::_plan_view, m)?)?;
    m.add_function(wrap_pyfunction!(plan::_plan_actions, m)?)?;
    m.add_function(wrap_pyfunction!(dynamics::_dynamics, m)?)?;
    Ok(())
}
