//! Documents made from JSON: what the bindings (Python, the page) hand over — a scored result
//! or the input `vsoko score` reads, an objectivity result, a plan or its actions, a
//! self-examination report. The command line reads the same shapes from files.

use super::model::{Document, Kind};
use super::school::School;
use crate::objectivity::Objectivity;
use crate::plan::Plan;
use crate::reason::{InputReason, Location};
use crate::scoring::Report;
use crate::selfexam::SelfExam;
use crate::{Error, Options, Result};
use serde_json::Value;

/// What a score report is made from, for the wrong-input error.
pub const SCORE_INPUT: (&str, &str) = (
    "a `vsoko score` input (school, period, values) or its JSON result",
    "входным данным `vsoko score` (school, period, values) или его результату в JSON",
);

/// What an objectivity report is made from, for the wrong-input error.
pub const OBJECTIVITY_INPUT: (&str, &str) = (
    "pupil tables as `vsoko objectivity` reads them, or its JSON result",
    "таблицам участников, которые читает `vsoko objectivity`, или его результату в JSON",
);

/// The error for an input of another kind than the document is made from, placed at `at`.
pub fn wrong_input(at: Location, kind: Kind, expected: (&'static str, &'static str)) -> Error {
    Error::InvalidInput {
        at,
        reason: InputReason::WrongResultForDocument {
            document: kind.id(),
            expected: expected.0,
            expected_ru: expected.1,
        },
    }
}

/// A scored result from its JSON, or scored here from the input document `vsoko score` reads
/// (with the methodology it names).
///
/// # Errors
/// [`Error::Json`] for malformed JSON; the input's own errors; [`Error::InvalidInput`] for JSON
/// of another kind.
///
/// ```
/// let r = vsoko::document::score_result(r#"{"methodology": "nok-2019", "values": {}}"#).unwrap();
/// let again = vsoko::document::score_result(&r.to_json()).unwrap();
/// assert_eq!(r, again);
/// ```
pub fn score_result(text: &str) -> Result<Report> {
    let text = text.trim_start_matches('\u{feff}');
    let value: Value = serde_json::from_str(text)?;
    let wrong = || {
        wrong_input(
            Location::Argument("source".into()),
            Kind::ScoreReport,
            SCORE_INPUT,
        )
    };
    let object = value.as_object().ok_or_else(wrong)?;
    if object.contains_key("values") {
        let input = crate::ScoreInput::from_json(text)?;
        return crate::json::score_input(&input, None, Options::new());
    }
    if object.contains_key("total") && object.contains_key("groups") {
        return Ok(serde_json::from_str::<Report>(text)?);
    }
    Err(wrong())
}

/// A plan of actions from JSON (the output of `vsoko plan actions`, or any plan).
///
/// # Errors
/// [`Error::Json`]; [`Error::InvalidInput`] when the JSON holds no `items`.
pub fn plan_json(text: &str, kind: Kind) -> Result<Plan> {
    let value: Value = serde_json::from_str(text.trim_start_matches('\u{feff}'))?;
    if !value.get("items").is_some_and(Value::is_array) {
        return Err(wrong_input(
            Location::Argument("source".into()),
            kind,
            match kind {
                Kind::Order => super::order::ORDER_INPUT,
                _ => (
                    "a ВСОКО plan in JSON (organization, academic_year, items)",
                    "плану ВСОКО в JSON (organization, academic_year, items)",
                ),
            },
        ));
    }
    Plan::from_json(text)
}

/// A document of `kind` from JSON: for `score-report` one result or input (or an array of them:
/// one school's periods, oldest first), for `objectivity-report` the objectivity result, for
/// `order` the actions, for `plan` a plan, for `selfexam` the report.
///
/// # Errors
/// As the readers above; [`Error::InvalidInput`] for JSON of another kind.
///
/// ```
/// use vsoko::document::{Kind, School, from_json};
/// let doc = from_json(Kind::ScoreReport, r#"[{"methodology": "nok-2019", "period": "2024", "values": {}},
///                                           {"methodology": "nok-2019", "period": "2025", "values": {}}]"#,
///                     &School::default()).unwrap();
/// assert!(doc.to_markdown().contains("Динамика"));
/// assert!(from_json(Kind::Order, r#"{"total": "1"}"#, &School::default()).is_err());
/// ```
pub fn from_json(kind: Kind, text: &str, school: &School) -> Result<Document> {
    Ok(match kind {
        Kind::ScoreReport => {
            let value: Value = serde_json::from_str(text.trim_start_matches('\u{feff}'))?;
            let reports = match value {
                Value::Array(items) => items
                    .iter()
                    .map(|v| score_result(&v.to_string()))
                    .collect::<Result<Vec<_>>>()?,
                _ => vec![score_result(text)?],
            };
            super::score_report(&reports, school)
        }
        Kind::ObjectivityReport => {
            let result: Objectivity = serde_json::from_str(text.trim_start_matches('\u{feff}'))
                .map_err(|_| {
                    wrong_input(Location::Argument("source".into()), kind, OBJECTIVITY_INPUT)
                })?;
            super::objectivity_report(&result, school)
        }
        Kind::Order => super::order(&plan_json(text, kind)?, school)?,
        Kind::Plan => super::plan_document(&plan_json(text, kind)?, school),
        Kind::Selfexam => super::selfexam_report(&SelfExam::from_json(text)?, school),
    })
}
