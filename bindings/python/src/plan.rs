//! The ВСОКО plan for Python: `_vsoko._Plan` holds the core's `vsoko::plan::Plan` (read and
//! completed once), and every rule is in `vsoko::plan`. The Python class `vsoko.Plan`
//! (python/vsoko/_plan.py) wraps it with file reading and Python types; results (findings,
//! views) cross as JSON text of the core's values.

use crate::errors::{guard, to_py};
use pyo3::prelude::*;
use vsoko::plan::{AcademicYear, ActionMapping, CheckOptions, GapOptions, Mark, Plan, Results};

fn year(py: Python<'_>, text: Option<&str>) -> PyResult<Option<AcademicYear>> {
    text.map(|t| required_year(py, t)).transpose()
}

fn required_year(py: Python<'_>, t: &str) -> PyResult<AcademicYear> {
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

/// Results (JSON texts of `vsoko score`, `marks`, `tasks`) as the core reads them.
fn results(py: Python<'_>, texts: &[String]) -> PyResult<Vec<Results>> {
    texts
        .iter()
        .map(|t| Results::from_json(t).map_err(|e| to_py(py, &e, None)))
        .collect()
}

fn gap_options(py: Python<'_>, weak_below: Option<&str>) -> PyResult<GapOptions> {
    let mut options = GapOptions::default();
    if let Some(w) = weak_below {
        options.weak_below = vsoko::decimal::parse_decimal(w).map_err(|reason| {
            to_py(
                py,
                &vsoko::Error::InvalidValue {
                    id: "weak_below".into(),
                    reason,
                },
                None,
            )
        })?;
    }
    Ok(options)
}

fn json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

/// A view of a plan by the core's one entry point: the view's id (`cyclogram`, `agenda`,
/// `due`) and the format's (`json`, `markdown`, `html`) passed through as the user gave them.
fn view(
    py: Python<'_>,
    p: &Plan,
    name: &str,
    format: &str,
    responsible: Option<&str>,
    as_of: Option<&str>,
) -> PyResult<String> {
    let err = |e: vsoko::Error| to_py(py, &e, None);
    let kind: vsoko::plan::ViewKind = name.parse().map_err(err)?;
    let format: vsoko::plan::Format = format.parse().map_err(err)?;
    let chosen = kind.with(responsible, as_of).map_err(err)?;
    Ok(p.render(&chosen, format))
}

/// A school's ВСОКО plan, held as the core's value (``vsoko.Plan`` wraps it).
#[pyclass(name = "_Plan", module = "vsoko._vsoko", frozen)]
pub struct NativePlan {
    plan: Plan,
}

#[pymethods]
impl NativePlan {
    /// Reads and completes a plan from its JSON text.
    #[staticmethod]
    fn from_json(py: Python<'_>, text: &str) -> PyResult<Self> {
        guard(|| {
            Plan::from_json(text)
                .map(|plan| NativePlan { plan })
                .map_err(|e| to_py(py, &e, None))
        })
    }

    /// Imports a plan from table rows ``[(line, [cells…]), …]``.
    #[staticmethod]
    #[expect(
        clippy::needless_pass_by_value,
        reason = "pyo3 extracts an owned list from Python"
    )]
    #[pyo3(signature = (rows, academic_year = None))]
    fn from_rows(
        py: Python<'_>,
        rows: Vec<(usize, Vec<String>)>,
        academic_year: Option<&str>,
    ) -> PyResult<Self> {
        guard(|| {
            let y = year(py, academic_year)?;
            Plan::from_rows(&rows, y)
                .map(|plan| NativePlan { plan })
                .map_err(|e| to_py(py, &e, None))
        })
    }

    /// A built-in template laid on a year.
    #[staticmethod]
    fn template(py: Python<'_>, name: &str, academic_year: &str) -> PyResult<Self> {
        guard(|| {
            let y = required_year(py, academic_year)?;
            vsoko::plan::template(name, y)
                .map(|plan| NativePlan { plan })
                .map_err(|e| to_py(py, &e, None))
        })
    }

    /// Deficits of a scored result (a ``vsoko.Report`` or its JSON) → actions with re-control,
    /// merged into `plan` when given.
    #[staticmethod]
    #[pyo3(signature = (result, as_of, top = vsoko::plan::DEFAULT_TOP, plan = None))]
    fn actions(
        py: Python<'_>,
        result: &Bound<'_, PyAny>,
        as_of: &str,
        top: usize,
        plan: Option<&Bound<'_, NativePlan>>,
    ) -> PyResult<Self> {
        guard(|| {
            let not_a_report = || {
                to_py(
                    py,
                    &vsoko::Error::InvalidInput {
                        at: vsoko::reason::Location::Argument("result".into()),
                        reason: vsoko::reason::InputReason::NotAScoreReport,
                    },
                    None,
                )
            };
            let report: vsoko::Report = if let Ok(r) = result.cast::<crate::report::Report>() {
                r.get().report().clone()
            } else {
                let text: String = result.extract().map_err(|_| not_a_report())?;
                serde_json::from_str(&text).map_err(|_| not_a_report())?
            };
            let as_of = date(py, "as_of", as_of)?;
            let base = plan.map(|p| p.get().plan.clone());
            vsoko::plan::actions_for(&report, as_of, top, base, ActionMapping::builtin())
                .map(|plan| NativePlan { plan })
                .map_err(|e| to_py(py, &e, None))
        })
    }

    /// The academic year (``"2024/25"``).
    #[getter]
    fn academic_year(&self) -> String {
        self.plan.academic_year.to_string()
    }

    /// Checks the plan; the findings as JSON text.
    #[pyo3(signature = (as_of = None, max_items_per_month = vsoko::plan::DEFAULT_MAX_ITEMS_PER_MONTH))]
    fn check(
        &self,
        py: Python<'_>,
        as_of: Option<&str>,
        max_items_per_month: usize,
    ) -> PyResult<String> {
        guard(|| {
            let as_of = as_of.map(|d| date(py, "as_of", d)).transpose()?;
            Ok(json(&self.plan.check(CheckOptions {
                as_of,
                max_items_per_month,
            })))
        })
    }

    /// A view (see [`view`]) as text.
    #[pyo3(signature = (name, format, responsible = None, as_of = None))]
    fn view(
        &self,
        py: Python<'_>,
        name: &str,
        format: &str,
        responsible: Option<&str>,
        as_of: Option<&str>,
    ) -> PyResult<String> {
        guard(|| view(py, &self.plan, name, format, responsible, as_of))
    }

    /// The plan with item `id` marked: `status` one of `done`, `not_done`, `moved`,
    /// `cancelled`, `planned`; `on` the day of a done or not-done mark, `moved_to` the new day
    /// of a moved one.
    #[pyo3(signature = (id, status, on = None, moved_to = None, note = None))]
    fn marked(
        &self,
        py: Python<'_>,
        id: &str,
        status: &str,
        on: Option<&str>,
        moved_to: Option<&str>,
        note: Option<&str>,
    ) -> PyResult<Self> {
        guard(|| {
            let on = on.map(|d| date(py, "on", d)).transpose()?;
            let moved_to = moved_to.map(|d| date(py, "moved_to", d)).transpose()?;
            let mark = Mark::new(status, on, moved_to).map_err(|e| to_py(py, &e, None))?;
            let mut plan = self.plan.clone();
            plan.mark(id, mark, note).map_err(|e| to_py(py, &e, None))?;
            Ok(NativePlan { plan })
        })
    }

    /// The part of a plan over several years in one of them.
    fn in_year(&self, py: Python<'_>, academic_year: &str) -> PyResult<Self> {
        guard(|| {
            let y = required_year(py, academic_year)?;
            Ok(NativePlan {
                plan: self.plan.in_year(y),
            })
        })
    }

    /// The effect of the plan's measures (JSON text) and the plan with its re-control items
    /// marked; `before` and `after` are results' JSON texts.
    #[expect(
        clippy::needless_pass_by_value,
        reason = "pyo3 extracts owned lists from Python"
    )]
    #[pyo3(signature = (before, after, weak_below = None))]
    fn effect(
        &self,
        py: Python<'_>,
        before: Vec<String>,
        after: Vec<String>,
        weak_below: Option<&str>,
    ) -> PyResult<(String, Self)> {
        guard(|| {
            let options = gap_options(py, weak_below)?;
            let (b, a) = (results(py, &before)?, results(py, &after)?);
            let effect = self.plan.effect(&b, &a, options);
            let mut plan = self.plan.clone();
            plan.mark_effects(&effect);
            Ok((json(&effect), NativePlan { plan }))
        })
    }

    /// Next year's plan and what became of each action (JSON text).
    #[expect(
        clippy::needless_pass_by_value,
        reason = "pyo3 extracts an owned list from Python"
    )]
    #[pyo3(signature = (academic_year, later, template = None, weak_below = None))]
    fn next_year(
        &self,
        py: Python<'_>,
        academic_year: &str,
        later: Vec<String>,
        template: Option<&str>,
        weak_below: Option<&str>,
    ) -> PyResult<(Self, String)> {
        guard(|| {
            let y = required_year(py, academic_year)?;
            let base = template
                .map(|t| vsoko::plan::template(t, y))
                .transpose()
                .map_err(|e| to_py(py, &e, None))?;
            let later = results(py, &later)?;
            let (plan, report) = self
                .plan
                .next_year(y, &later, base, gap_options(py, weak_below)?);
            Ok((NativePlan { plan }, json(&report)))
        })
    }

    /// The plan as JSON text.
    fn to_json(&self) -> String {
        json(&self.plan)
    }

    fn __len__(&self) -> usize {
        self.plan.items.len()
    }
}
