//! A school's answers scored against a definition: the total and its level (capped when a
//! critical indicator fails), each direction's points and level, the critical indicators
//! failed and the weakest directions.

use super::definition::{Definition, LevelSpec};
use crate::error::{Error, Result};
use crate::reason::{InputReason, Location};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// How many weakest directions are named.
const WEAKEST: usize = 3;

/// A school's answers: `{"school", "municipality", "variant", "answers": {"K1": "Да", …}}`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Answers {
    /// The school.
    #[serde(default)]
    pub school: Option<String>,
    /// Its municipality.
    #[serde(default)]
    pub municipality: Option<String>,
    /// Its kind (`boarding`, …) when the definition has variants.
    #[serde(default)]
    pub variant: Option<String>,
    /// Indicator id → the answer as written.
    pub answers: BTreeMap<String, String>,
}

impl Answers {
    /// Reads an answers file.
    ///
    /// # Errors
    /// [`Error::Json`] for malformed JSON or another shape.
    pub fn from_json(text: &str) -> Result<Answers> {
        serde_json::from_str(text).map_err(|e| Error::Json {
            line: e.line(),
            column: e.column(),
            message: e.to_string(),
        })
    }
}

/// A direction's result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DirectionResult {
    /// Its id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Its points.
    pub points: Decimal,
    /// The most it could give (the applicable indicators' best options).
    pub max: Decimal,
    /// Its level by its own thresholds, when it has them.
    pub level: Option<String>,
}

/// A school's self-diagnosis.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnosis {
    /// The definition's id.
    pub id: String,
    /// The school.
    pub school: Option<String>,
    /// Its municipality.
    pub municipality: Option<String>,
    /// The total points.
    pub total: Decimal,
    /// The most the applicable indicators could give.
    pub max: Decimal,
    /// The level: by the total, capped when a critical indicator failed.
    pub level: Option<String>,
    /// Its title.
    pub level_title: Option<String>,
    /// Whether the level is the definition's pass level or above.
    pub passed: bool,
    /// Every direction, in the definition's order.
    pub directions: Vec<DirectionResult>,
    /// The critical indicators answered with 0 points.
    pub critical_failed: Vec<String>,
    /// Up to three directions with the lowest share of their maximum.
    pub weakest: Vec<String>,
}

/// The level whose threshold is the highest one not above `total`.
fn level_of(levels: &[LevelSpec], total: Decimal) -> Option<usize> {
    levels.iter().rposition(|l| l.from <= total)
}

fn unanswered(id: &str, options: &[String], given: Option<&str>) -> Error {
    let list = options
        .iter()
        .map(|o| format!("«{o}»"))
        .collect::<Vec<_>>()
        .join(", ");
    Error::InvalidInput {
        at: Location::Field(id.to_string()),
        reason: InputReason::WrongArgument {
            expected: match given {
                Some(g) => format!("one of the answers {options:?}, not {g:?}"),
                None => format!("an answer, one of {options:?}"),
            },
            expected_ru: match given {
                Some(g) => format!("один из ответов {list}, а не «{g}»"),
                None => format!("ответ: один из {list}"),
            },
        },
    }
}

/// Scores a school's answers.
///
/// # Errors
/// [`Error::InvalidInput`] naming the indicator when an applicable one has no answer or an
/// answer that is not among its options (compared without case and surrounding spaces).
///
/// ```
/// use vsoko::selfdiag::{Answers, Definition, diagnose};
/// let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../fixtures/selfdiag/");
/// let d = Definition::from_json(&std::fs::read_to_string(format!("{dir}example.json")).unwrap()).unwrap();
/// let a = Answers::from_json(&std::fs::read_to_string(format!("{dir}answers_critical.json")).unwrap()).unwrap();
/// let r = diagnose(&d, &a).unwrap();
/// assert_eq!(r.total.to_string(), "30.5");
/// assert_eq!(r.level.as_deref(), Some("below_basic")); // capped: T1 is critical and failed
/// assert_eq!(r.critical_failed, vec!["T1"]);
/// ```
pub fn diagnose(d: &Definition, a: &Answers) -> Result<Diagnosis> {
    let applies = |variants: &Option<Vec<String>>| match variants {
        None => true,
        Some(v) => a.variant.as_ref().is_some_and(|x| v.contains(x)),
    };
    let mut directions = Vec::new();
    let mut critical_failed = Vec::new();
    let (mut total, mut max) = (Decimal::ZERO, Decimal::ZERO);
    for dir in &d.directions {
        let (mut points, mut dir_max) = (Decimal::ZERO, Decimal::ZERO);
        for ind in dir.indicators.iter().filter(|i| applies(&i.variants)) {
            let options: Vec<String> = ind.options.iter().map(|o| o.answer.clone()).collect();
            let given = a.answers.get(&ind.id).map(|g| g.trim());
            let chosen = given.and_then(|g| {
                ind.options
                    .iter()
                    .find(|o| o.answer.trim().to_lowercase() == g.to_lowercase())
            });
            let Some(option) = chosen else {
                return Err(unanswered(&ind.id, &options, given));
            };
            points += option.points;
            dir_max += ind
                .options
                .iter()
                .map(|o| o.points)
                .max()
                .unwrap_or_default();
            if ind.critical && option.points.is_zero() {
                critical_failed.push(ind.id.clone());
            }
        }
        total += points;
        max += dir_max;
        directions.push(DirectionResult {
            id: dir.id.clone(),
            title: dir.title.clone(),
            points: points.normalize(),
            max: dir_max.normalize(),
            level: dir
                .levels
                .as_ref()
                .and_then(|l| level_of(l, points).and_then(|i| l.get(i)))
                .map(|l| l.id.clone()),
        });
    }
    let mut level = level_of(&d.levels, total);
    if !critical_failed.is_empty()
        && let Some(cap) = d.levels.iter().position(|l| l.id == d.critical_cap)
    {
        level = level.map(|l| l.min(cap));
    }
    let passed = level.is_some_and(|i| i >= d.pass_index());
    let level = level.and_then(|i| d.levels.get(i));
    Ok(Diagnosis {
        id: d.id.clone(),
        school: a.school.clone(),
        municipality: a.municipality.clone(),
        total: total.normalize(),
        max: max.normalize(),
        level: level.map(|l| l.id.clone()),
        level_title: level.map(|l| l.title.clone()),
        passed,
        weakest: weakest(&directions),
        directions,
        critical_failed,
    })
}

/// Up to [`WEAKEST`] directions by the lowest share points ÷ max (exact: compared as
/// cross products), ties in the definition's order; a direction with max 0 is left out.
fn weakest(directions: &[DirectionResult]) -> Vec<String> {
    let mut order: Vec<&DirectionResult> = directions
        .iter()
        .filter(|d| d.max > Decimal::ZERO)
        .collect();
    // a/b < c/d  ⇔  a·d < c·b (maxima are positive); a stable sort keeps ties in order.
    order.sort_by(|x, y| (x.points * y.max).cmp(&(y.points * x.max)));
    order
        .into_iter()
        .take(WEAKEST)
        .map(|d| d.id.clone())
        .collect()
}
