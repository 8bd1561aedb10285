//! The ВСОКО plan for Python: JSON text across the boundary, every rule in `vsoko::plan`.
//! The Python class `vsoko.Plan` (python/vsoko/_plan.py) wraps these functions.

use crate::errors::{guard, to_py};
use pyo3::prelude::*;
use vsoko::plan::{AcademicYear, ActionMapping, CheckOptions, Plan};

fn year(py: Python<'_>, text: Option<&str>) -> PyResult<Option<AcademicYear>> {
    text.map(|t| required_year(py, t)).transpose()
}

fn required_year(py: Python<'_>, t: &str) -> PyResult<AcademicYear> {
    {
        t.parse().map_err(|_| {
            to_py(
                py,
                &vsoko::Error::InvalidInput {
                    at: vsoko::reason::Location::Argument("year".into()),
                    reason: vsoko::reason::InputReason::WrongArgument {
                        expected: "an academic year such as 2023/24".into(),
                        expected_ru: "учебный год вида 2023/24".into(),
                    },
                },
                None,
            )
        })
    }
}

fn date(py: Python<'_>, field: &str, text: &str) -> PyResult<vsoko::calendar::Date> {
    text.parse().map_err(|_| {
        to_py(
            py,
            &vsoko::Error::InvalidDate {
                field: field.into(),
                value: text.into(),
                reason: vsoko::reason::DateReason::Format,
            },
            None,
        )
    })
}

fn plan(py: Python<'_>, text: &str) -> PyResult<Plan> {
    Plan::from_json(text).map_err(|e| to_py(py, &e, None))
}

fn json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

/// Reads and completes a plan from JSON text; returns it as JSON text.
#[pyfunction]
pub fn _plan_from_json(py: Python<'_>, text: &str) -> PyResult<String> {
    guard(|| plan(py, text).map(|p| json(&p)))
}

/// Imports a plan from table rows `[(line, [cells…]), …]`; returns it as JSON text.
#[pyfunction]
#[expect(
    clippy::needless_pass_by_value,
    reason = "pyo3 extracts an owned list from Python"
)]
#[pyo3(signature = (rows, academic_year = None))]
pub fn _plan_from_rows(
    py: Python<'_>,
    rows: Vec<(usize, Vec<String>)>,
    academic_year: Option<&str>,
) -> PyResult<String> {
    guard(|| {
        let y = year(py, academic_year)?;
        Plan::from_rows(&rows, y)
            .map(|p| json(&p))
            .map_err(|e| to_py(py, &e, None))
    })
}

/// A built-in template laid on a year; returns the plan as JSON text.
#[pyfunction]
pub fn _plan_template(py: Python<'_>, name: &str, academic_year: &str) -> PyResult<String> {
    guard(|| {
        let y = required_year(py, academic_year)?;
        vsoko::plan::template(name, y)
            .map(|p| json(&p))
            .map_err(|e| to_py(py, &e, None))
    })
}

/// Checks a plan; returns the findings as JSON text.
#[pyfunction]
#[pyo3(signature = (plan_json, as_of = None, max_items_per_month = vsoko::plan::DEFAULT_MAX_ITEMS_PER_MONTH))]
pub fn _plan_check(
    py: Python<'_>,
    plan_json: &str,
    as_of: Option<&str>,
    max_items_per_month: usize,
) -> PyResult<String> {
    guard(|| {
        let p = plan(py, plan_json)?;
        let as_of = as_of.map(|d| date(py, "as_of", d)).transpose()?;
        Ok(json(&p.check(CheckOptions {
            as_of,
            max_items_per_month,
        })))
    })
}

/// A view of a plan: `cyclogram` (JSON), `markdown`, `html`, `agenda` (with `arg` the person),
/// `due` (with `arg` the date).
#[pyfunction]
#[pyo3(signature = (plan_json, view, arg = None))]
pub fn _plan_view(
    py: Python<'_>,
    plan_json: &str,
    view: &str,
    arg: Option<&str>,
) -> PyResult<String> {
    guard(|| {
        let p = plan(py, plan_json)?;
        Ok(match view {
            "markdown" => p.cyclogram().to_markdown(),
            "html" => p.cyclogram().to_html(),
            "agenda" => json(&p.agenda(arg.unwrap_or_default())),
            "due" => json(&p.due(date(py, "as_of", arg.unwrap_or_default())?)),
            _ => json(&p.cyclogram()),
        })
    })
}

/// Deficits of a scored result (its JSON) → actions with re-control, merged into a plan.
#[pyfunction]
#[pyo3(signature = (result_json, as_of, top = vsoko::plan::DEFAULT_TOP, plan_json = None))]
pub fn _plan_actions(
    py: Python<'_>,
    result_json: &str,
    as_of: &str,
    top: usize,
    plan_json: Option<&str>,
) -> PyResult<String> {
    guard(|| {
        let report: vsoko::Report = serde_json::from_str(result_json).map_err(|_| {
            to_py(
                py,
                &vsoko::Error::InvalidInput {
                    at: vsoko::reason::Location::Argument("result".into()),
                    reason: vsoko::reason::InputReason::NotAScoreReport,
                },
                None,
            )
        })?;
        let as_of = date(py, "as_of", as_of)?;
        let base = plan_json.map(|t| plan(py, t)).transpose()?;
        vsoko::plan::actions_for(&report, as_of, top, base, ActionMapping::builtin())
            .map(|p| json(&p))
            .map_err(|e| to_py(py, &e, None))
    })
}
