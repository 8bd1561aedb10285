//! `vsoko._vsoko`: registration only. Conversion lives in `convert.rs`, errors in `errors.rs`,
//! and every rule in the core crate.

mod arrays;
mod convert;
mod document;
mod dynamics;
mod errors;
mod held;
mod marks;
mod methodology;
mod objectivity;
mod plan;
mod rating;
mod report;
mod selfdiag;
mod selfexam;
mod summaries;
mod survey;
mod table;
mod tasks;
mod teachers;

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
///     Report: total, max, level, groups, indicators, missing, deficits.
///
/// Raises:
///     InputError: a value is unknown, out of range, not a number... (``.code``, ``.indicator``).
///     MethodologyError: unknown methodology.
///     TypeError: values is not a dict, or a value has a wrong Python type.
#[pyfunction]
#[pyo3(signature = (values, methodology = None, strict = false))]
fn score(
    py: Python<'_>,
    values: &Bound<'_, PyAny>,
    methodology: Option<&Bound<'_, PyAny>>,
    strict: bool,
) -> PyResult<report::Report> {
    let m = chosen(py, methodology)?;
    methodology::score_one(py, &m, values, strict)
}

/// A built-in name (default ``index-2023``) or a ``vsoko.Methodology``.
fn chosen(py: Python<'_>, methodology: Option<&Bound<'_, PyAny>>) -> PyResult<held::Held> {
    match methodology {
        None => held::Held::builtin(py, vsoko::json::DEFAULT_METHODOLOGY),
        Some(m) => {
            if let Ok(m) = m.cast::<methodology::Methodology>() {
                return Ok(m.get().held().clone());
            }
            match m.extract::<String>() {
                Ok(name) => held::Held::builtin(py, &name),
                Err(_) => Err(pyo3::exceptions::PyTypeError::new_err(
                    "methodology must be a built-in name (str) or a vsoko.Methodology",
                )),
            }
        }
    }
}

/// Scores an input document: ``{"methodology": ..., "school": ..., "period": ..., "values":
/// {...}}`` as a dict, or its JSON text. The result carries ``school`` and ``period``; a
/// `methodology` argument wins over the document's.
///
/// Raises:
///     InputError: an unknown field, a bad value (as ``score``), malformed JSON.
///     MethodologyError: unknown methodology.
#[pyfunction]
#[pyo3(signature = (doc, methodology = None, strict = false))]
fn score_document(
    py: Python<'_>,
    doc: &Bound<'_, PyAny>,
    methodology: Option<&Bound<'_, PyAny>>,
    strict: bool,
) -> PyResult<report::Report> {
    errors::guard(|| {
        let input = if let Ok(text) = doc.extract::<String>() {
            vsoko::ScoreInput::from_json(&text).map_err(|e| errors::to_py(py, &e, None))?
        } else {
            let d = doc.cast::<pyo3::types::PyDict>().map_err(|_| {
                pyo3::exceptions::PyTypeError::new_err("doc must be a dict or JSON text")
            })?;
            for key in d.keys() {
                let key: String = key.extract()?;
                if !vsoko::ScoreInput::FIELDS.contains(&key.as_str()) {
                    let e = vsoko::Error::InvalidInput {
                        at: vsoko::reason::Location::Field(key.clone()),
                        reason: vsoko::reason::InputReason::UnknownField { name: key },
                    };
                    return Err(errors::to_py(py, &e, None));
                }
            }
            let text = |k: &str| -> PyResult<Option<String>> {
                d.get_item(k)?
                    .filter(|v| !v.is_none())
                    .map(|v| v.extract())
                    .transpose()
            };
            let values = d.get_item("values")?.ok_or_else(|| {
                pyo3::exceptions::PyTypeError::new_err("the document has no \"values\"")
            })?;
            vsoko::ScoreInput {
                values: methodology::values_of(py, &values)?,
                methodology: text("methodology")?,
                school: text("school")?,
                period: text("period")?,
            }
        };
        // The core decides which methodology scores the document (the argument, then the
        // document's name, then the default) and scores it as WASM and the CLI do.
        let m = match methodology {
            Some(m) => chosen(py, Some(m))?,
            None => vsoko::json::resolve(None, &input)
                .map(held::Held::Builtin)
                .map_err(|e| errors::to_py(py, &e, None))?,
        };
        let options = vsoko::Options::new().strict(strict);
        let (_, card) = vsoko::json::evaluate_input(&input, Some(&*m), options)
            .map_err(|e| errors::to_py(py, &e, None))?;
        Ok(report::Report::new(m, card).named(input.school, input.period))
    })
}

/// Scores many schools with one methodology; inputs are converted first, then the loop runs in
/// Rust with the GIL released. The first bad school raises, with its position in ``.index``.
#[pyfunction]
#[pyo3(signature = (schools, methodology = None, strict = false))]
fn score_many(
    py: Python<'_>,
    schools: &Bound<'_, PyAny>,
    methodology: Option<&Bound<'_, PyAny>>,
    strict: bool,
) -> PyResult<Vec<report::Report>> {
    let m = chosen(py, methodology)?;
    methodology::score_many(py, &m, schools, strict)
}

/// The names of the built-in methodologies.
#[pyfunction]
fn methodologies() -> Vec<&'static str> {
    vsoko::methodology::BUILTIN.to_vec()
}

/// The version of the package.
#[pyfunction]
fn version() -> &'static str {
    env!("CARGO_PKG_VERSION")
}

#[pymodule(gil_used = false)]
fn _vsoko(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("PLAN_DEFAULT_TEMPLATE", vsoko::plan::DEFAULT_TEMPLATE)?;
    m.add("PLAN_DEFAULT_TOP", vsoko::plan::DEFAULT_TOP)?;
    m.add(
        "PLAN_DEFAULT_MAX_ITEMS_PER_MONTH",
        vsoko::plan::DEFAULT_MAX_ITEMS_PER_MONTH,
    )?;
    // The header names of the label columns, as the core reads them (for dynamics' frames).
    let names = pyo3::types::PyDict::new(m.py());
    for (label, aliases) in vsoko::batch::LABEL_NAMES {
        names.set_item(label, pyo3::types::PyTuple::new(m.py(), aliases)?)?;
    }
    m.add("_LABEL_NAMES", names)?;
    m.add_class::<methodology::Methodology>()?;
    m.add_class::<report::Report>()?;
    m.add_class::<plan::NativePlan>()?;
    m.add_class::<selfexam::SelfExamCheck>()?;
    m.add_function(wrap_pyfunction!(score, m)?)?;
    m.add_function(wrap_pyfunction!(score_many, m)?)?;
    m.add_function(wrap_pyfunction!(score_document, m)?)?;
    m.add_function(wrap_pyfunction!(methodologies, m)?)?;
    m.add_function(wrap_pyfunction!(selfexam::_check_selfexam, m)?)?;
    m.add_function(wrap_pyfunction!(version, m)?)?;
    m.add_function(wrap_pyfunction!(objectivity::_objectivity_summaries, m)?)?;
    m.add_function(wrap_pyfunction!(objectivity::_pupil_numeric_columns, m)?)?;
    m.add_function(wrap_pyfunction!(objectivity::_objectivity_combine, m)?)?;
    m.add_function(wrap_pyfunction!(dynamics::_dynamics, m)?)?;
    m.add_function(wrap_pyfunction!(rating::_rating, m)?)?;
    m.add_function(wrap_pyfunction!(selfdiag::_selfdiag, m)?)?;
    m.add_function(wrap_pyfunction!(selfdiag::_selfdiag_table, m)?)?;
    m.add_function(wrap_pyfunction!(marks::_marks, m)?)?;
    m.add_function(wrap_pyfunction!(marks::_marks_sheets, m)?)?;
    m.add_function(wrap_pyfunction!(tasks::_tasks, m)?)?;
    m.add_function(wrap_pyfunction!(tasks::_tasks_summaries, m)?)?;
    m.add_function(wrap_pyfunction!(tasks::_tasks_combine, m)?)?;
    m.add_function(wrap_pyfunction!(teachers::_teachers, m)?)?;
    m.add_function(wrap_pyfunction!(survey::_survey, m)?)?;
    m.add_function(wrap_pyfunction!(document::_document, m)?)?;
    m.add_function(wrap_pyfunction!(document::_docx_tables, m)?)?;
    Ok(())
}
