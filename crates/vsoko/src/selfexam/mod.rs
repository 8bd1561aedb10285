//! Self-examination (самообследование, order No. 462 as amended by No. 1218): the report
//! model, the checks a founder makes (sections, period, signature, 20 April deadline, stages),
//! and an empty skeleton with the official headings.

mod checks;
mod deadline;
mod model;
mod skeleton;

pub use crate::calendar::{Date, is_leap};
pub use checks::{CheckResult, Finding, Severity, check};
pub use deadline::{Deadline, due_date};
pub use model::{Section, SectionId, SelfExam, StageId, Stages};
pub use skeleton::{Skeleton, SkeletonPart};

use crate::error::{Error, Result};

/// Reads a report from JSON and checks it; `as_of` is an ISO date (`"2024-04-21"`) or none.
/// The one call the bindings wrap.
///
/// # Errors
/// Any error of [`SelfExam::from_json`], and [`Error::InvalidDate`] for a bad `as_of`.
///
/// ```
/// let r = vsoko::selfexam::check_json(r#"{"reporting_year": 2023}"#, Some("2024-04-21")).unwrap();
/// assert_eq!(r.days_left, Some(-1));
/// assert!(r.findings.iter().any(|f| f.code == "not_published" && f.severity == vsoko::selfexam::Severity::Error));
/// ```
pub fn check_json(text: &str, as_of: Option<&str>) -> Result<CheckResult> {
    let as_of = as_of
        .map(|d| {
            d.parse::<Date>().map_err(|reason| Error::InvalidDate {
                field: "as_of".into(),
                value: d.to_string(),
                reason,
            })
        })
        .transpose()?;
    Ok(check(&SelfExam::from_json(text)?, as_of))
}
