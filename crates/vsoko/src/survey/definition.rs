//! A survey definition: `{"format": "vsoko-survey", "format_version": 1, "id", "title",
//! "source"?, "notes"?, "timestamp"?, "respondent"?: [column], "open_text"?: [column],
//! "questions": [{"id", "column", "satisfied"?, "not_satisfied"?, "not_applicable"?, "scale"?:
//! {"min", "max", "satisfied_from"}, "nok"?: {"yes", "of"}}]}`.

use crate::error::{Error, Result};
use crate::reason::{Flaw, Place, Problem};
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap, HashSet};

/// A 1..n scale: an answer is a whole number written with digits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scale {
    /// The lowest answer.
    pub min: u32,
    /// The highest.
    pub max: u32,
    /// From this answer up a respondent is satisfied.
    pub satisfied_from: u32,
}

/// The НОК inputs a question gives: satisfied → `yes`, answered → `of`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NokInputs {
    /// The input id of the satisfied count (`2.3.yes`).
    pub yes: String,
    /// The input id of the answered count (`2.3.of`).
    pub of: String,
}

/// A question.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Question {
    /// Stable id.
    pub id: String,
    /// Its column's heading in the export.
    pub column: String,
    /// Answers that count as satisfied.
    #[serde(default)]
    pub satisfied: Vec<String>,
    /// Answers that count as answered, not satisfied.
    #[serde(default)]
    pub not_satisfied: Vec<String>,
    /// Answers that mean "did not use / cannot say": not counted as answered.
    #[serde(default)]
    pub not_applicable: Vec<String>,
    /// A numeric scale instead of (or beside) the lists.
    #[serde(default)]
    pub scale: Option<Scale>,
    /// The НОК inputs it gives.
    #[serde(default)]
    pub nok: Option<NokInputs>,
}

/// A validated survey definition.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Definition {
    /// Always `vsoko-survey`.
    pub format: String,
    /// 1.
    pub format_version: u32,
    /// Stable id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Where it comes from.
    #[serde(default)]
    pub source: Option<String>,
    /// Remarks.
    #[serde(default)]
    pub notes: Vec<String>,
    /// The timestamp column, if the export has one.
    #[serde(default)]
    pub timestamp: Option<String>,
    /// Respondent columns (class, role): kept, and a results group may be one of them.
    #[serde(default)]
    pub respondent: Vec<String>,
    /// Open-text columns: counted, kept out of the figures.
    #[serde(default)]
    pub open_text: Vec<String>,
    /// The questions.
    pub questions: Vec<Question>,
}

const NOK: &str = include_str!("../../data/surveys/nok_2019.json");

/// A heading or an answer as compared: spaces collapsed, without case.
pub(super) fn key(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

impl Definition {
    /// Reads and validates a definition.
    ///
    /// # Errors
    /// [`Error::InvalidMethodology`] listing every problem: another format, no questions, an
    /// id or a column given twice, a question with no answers, an answer in two lists, a scale
    /// whose bounds or threshold do not fit.
    ///
    /// ```
    /// let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../fixtures/survey/parents.json")).unwrap();
    /// let d = vsoko::survey::Definition::from_json(&text).unwrap();
    /// assert_eq!(d.questions.len(), 5);
    /// assert!(vsoko::survey::Definition::from_json(r#"{"format": "x"}"#).is_err());
    /// ```
    pub fn from_json(text: &str) -> Result<Definition> {
        let d: Definition = serde_json::from_str(text).map_err(|e| Error::InvalidMethodology {
            problems: vec![Problem {
                at: Place::Json {
                    line: e.line(),
                    column: e.column(),
                },
                flaw: Flaw::Shape(e.to_string()),
            }],
        })?;
        let problems = d.problems();
        if problems.is_empty() {
            Ok(d)
        } else {
            Err(Error::InvalidMethodology { problems })
        }
    }

    /// A built-in definition by id: `nok-2019`, the НОК questions by the codes of the inputs
    /// they give (columns named by the codes; a school maps its own with
    /// [`Definition::with_columns`]).
    ///
    /// # Errors
    /// [`Error::UnknownMethodology`] for another id.
    ///
    /// ```
    /// let d = vsoko::survey::Definition::builtin("nok-2019").unwrap();
    /// assert_eq!(d.questions.len(), 10);
    /// assert_eq!(d.questions[2].nok.as_ref().unwrap().yes, "2.3.yes");
    /// ```
    pub fn builtin(id: &str) -> Result<Definition> {
        match id {
            "nok-2019" => Definition::from_json(NOK),
            other => Err(Error::UnknownMethodology {
                name: other.to_string(),
                known: vec!["nok-2019".into()],
            }),
        }
    }

    /// The same definition with the columns a school's export uses: question id → heading.
    ///
    /// # Errors
    /// [`Error::InvalidMethodology`] naming an id that is no question of the definition.
    pub fn with_columns(mut self, columns: &BTreeMap<String, String>) -> Result<Definition> {
        let mut problems = Vec::new();
        for (id, column) in columns {
            match self.questions.iter_mut().find(|q| &q.id == id) {
                Some(q) => q.column.clone_from(column),
                None => problems.push(Problem {
                    at: Place::Indicator(id.clone()),
                    flaw: Flaw::Shape(format!("{id:?} is no question of {}", self.id)),
                }),
            }
        }
        problems.extend(self.problems());
        if problems.is_empty() {
            Ok(self)
        } else {
            Err(Error::InvalidMethodology { problems })
        }
    }

    fn problems(&self) -> Vec<Problem> {
        let mut out = Vec::new();
        let mut add = |at: Place, text: String| {
            out.push(Problem {
                at,
                flaw: Flaw::Shape(text),
            });
        };
        if self.format != "vsoko-survey" || self.format_version != 1 {
            add(
                Place::Field("format"),
                "expected \"format\": \"vsoko-survey\" and \"format_version\": 1".into(),
            );
        }
        if self.questions.is_empty() {
            add(Place::Field("questions"), "no questions".into());
        }
        let mut ids = HashSet::new();
        let mut columns: HashMap<String, String> = HashMap::new();
        for c in self
            .timestamp
            .iter()
            .chain(&self.respondent)
            .chain(&self.open_text)
        {
            if columns.insert(key(c), c.clone()).is_some() {
                add(
                    Place::Field("respondent"),
                    format!("column {c:?} is named twice"),
                );
            }
        }
        for q in &self.questions {
            let at = || Place::Indicator(q.id.clone());
            if !ids.insert(q.id.as_str()) {
                add(at(), format!("question id {:?} is given twice", q.id));
            }
            if columns.insert(key(&q.column), q.id.clone()).is_some() {
                add(at(), format!("column {:?} is used twice", q.column));
            }
            if q.satisfied.is_empty() && q.scale.is_none() {
                add(at(), "no satisfied answers and no scale".into());
            }
            let mut answers = HashSet::new();
            for a in q
                .satisfied
                .iter()
                .chain(&q.not_satisfied)
                .chain(&q.not_applicable)
            {
                if !answers.insert(key(a)) {
                    add(at(), format!("answer {a:?} is in two lists"));
                }
                if a.trim().is_empty() {
                    add(at(), "an empty answer (an empty cell is no answer)".into());
                }
            }
            if let Some(s) = q.scale {
                if s.min > s.max || s.satisfied_from < s.min || s.satisfied_from > s.max {
                    add(
                        at(),
                        format!(
                            "scale {}..{} with satisfied_from {} does not fit",
                            s.min, s.max, s.satisfied_from
                        ),
                    );
                }
                if let Some(a) = answers
                    .iter()
                    .find(|a| a.parse::<u32>().is_ok_and(|n| (s.min..=s.max).contains(&n)))
                {
                    add(at(), format!("answer {a:?} is also a scale value"));
                }
            }
        }
        out
    }
}
