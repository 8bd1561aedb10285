//! Built-in plan templates, embedded like the methodologies: «Циклограмма ВСОКО на 2023/24 учебный год»
//! (eight mechanisms in two groups, August to June), laid on any academic year.

use super::model::Plan;
use super::period::Schedule;
use crate::calendar::AcademicYear;
use crate::error::{Error, Result};
use serde::Deserialize;

/// The names of the built-in templates.
pub const TEMPLATES: &[&str] = &["cyclogram-2023"];

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Template {
    id: String,
    #[allow(dead_code, reason = "documentation in the data file")]
    title: String,
    #[allow(dead_code, reason = "documentation in the data file")]
    source: String,
    #[allow(dead_code, reason = "documentation in the data file")]
    notes: Vec<String>,
    plan: Plan,
}

/// A built-in template as a plan for `year`: its months (written without a year) are read in
/// that year.
///
/// # Errors
/// [`Error::UnknownMethodology`]-like [`Error::InvalidInput`] when no template has this name.
///
/// ```
/// let plan = vsoko::plan::template("cyclogram-2023", "2025/26".parse().unwrap()).unwrap();
/// assert_eq!(plan.items.len(), 88);
/// assert_eq!(plan.items[0].schedule.as_ref().unwrap().months[0].to_string(), "2025-08");
/// assert_eq!(plan.mechanisms.len(), 8);
/// ```
pub fn template(name: &str, year: AcademicYear) -> Result<Plan> {
    let text = match name {
        "cyclogram-2023" => include_str!("../../data/plan_cyclogram_2023.json"),
        _ => {
            return Err(Error::InvalidInput {
                at: crate::reason::Location::Field("template".into()),
                reason: crate::reason::InputReason::UnknownTemplate {
                    name: name.to_string(),
                    known: TEMPLATES.join(", "),
                },
            });
        }
    };
    let t: Template = serde_json::from_str(text).map_err(crate::input::input_error)?;
    debug_assert_eq!(t.id, name);
    let mut plan = t.plan;
    plan.academic_year = year;
    for item in &mut plan.items {
        item.schedule = Schedule::parse(&item.when, year).ok();
    }
    Ok(plan)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_template_loads_and_reads_every_month() {
        for name in TEMPLATES {
            let plan = template(name, AcademicYear::new(2023).unwrap()).unwrap();
            assert!(plan.items.iter().all(|i| i.schedule.is_some()), "{name}");
        }
    }
}
