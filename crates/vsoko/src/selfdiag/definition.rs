//! A self-diagnosis definition: `{"format": "vsoko-selfdiag", "format_version": 1, "id",
//! "title", "source", "year", "notes", "levels": [{"id", "title", "from"}], "critical_cap",
//! "pass_level"?,
//! "directions": [{"id", "title", "levels"?, "indicators": [{"id", "title", "critical"?,
//! "options": [{"answer", "points"}], "variants"?}]}]}`.

use crate::error::{Error, Result};
use crate::methodology::exact;
use crate::reason::{BandFlaw, Flaw, Place, Problem};
use rust_decimal::Decimal;
use serde::Deserialize;
use std::collections::HashSet;

/// The format name a definition carries.
pub const FORMAT: &str = "vsoko-selfdiag";

/// A level threshold: the total from which the level holds.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LevelSpec {
    /// Stable id, e.g. `basic`.
    pub id: String,
    /// Russian title, e.g. `Базовый`.
    pub title: String,
    /// The lowest total of the level.
    #[serde(deserialize_with = "exact::decimal")]
    pub from: Decimal,
}

/// An answer option and its points.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OptionSpec {
    /// The answer as the form writes it (`Да`, `Частично`, `Нет`).
    pub answer: String,
    /// Its points (0 or more).
    #[serde(deserialize_with = "exact::decimal")]
    pub points: Decimal,
}

/// An indicator.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IndicatorSpec {
    /// Stable id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Whether 0 points caps the level at the definition's `critical_cap`.
    #[serde(default)]
    pub critical: bool,
    /// The answers and their points.
    pub options: Vec<OptionSpec>,
    /// The kinds of school it applies to; all when absent.
    #[serde(default)]
    pub variants: Option<Vec<String>>,
}

/// A direction.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DirectionSpec {
    /// Stable id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Its own level thresholds, if any.
    #[serde(default)]
    pub levels: Option<Vec<LevelSpec>>,
    /// Its indicators.
    pub indicators: Vec<IndicatorSpec>,
}

/// A validated self-diagnosis definition.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Definition {
    /// Always `vsoko-selfdiag`.
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
    /// The year it is for.
    #[serde(default)]
    pub year: Option<u32>,
    /// Remarks.
    #[serde(default)]
    pub notes: Vec<String>,
    /// Level thresholds on the total, lowest first.
    pub levels: Vec<LevelSpec>,
    /// The level a failed critical indicator caps the result at.
    pub critical_cap: String,
    /// The lowest level a school passes at; the second level when absent.
    #[serde(default)]
    pub pass_level: Option<String>,
    /// The directions.
    pub directions: Vec<DirectionSpec>,
}

impl Definition {
    /// Reads and validates a definition.
    ///
    /// # Errors
    /// [`Error::InvalidMethodology`] listing every problem: the wrong shape or format, ids
    /// given twice, a direction without indicators, an indicator without options or with
    /// negative points, thresholds that do not rise, a `critical_cap` that names no level.
    ///
    /// ```
    /// let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../fixtures/selfdiag/example.json")).unwrap();
    /// let d = vsoko::selfdiag::Definition::from_json(&text).unwrap();
    /// assert_eq!(d.directions.len(), 8);
    /// assert!(vsoko::selfdiag::Definition::from_json(r#"{"format": "x"}"#).is_err());
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

    /// The position in [`Definition::levels`] of the lowest level a school passes at: the
    /// `pass_level`, else the second level (every school passes with one level).
    ///
    /// ```
    /// let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../fixtures/selfdiag/example.json")).unwrap();
    /// let d = vsoko::selfdiag::Definition::from_json(&text).unwrap();
    /// assert_eq!(d.levels[d.pass_index()].id, "basic");
    /// ```
    pub fn pass_index(&self) -> usize {
        self.pass_level
            .as_ref()
            .and_then(|p| self.levels.iter().position(|l| &l.id == p))
            .unwrap_or(usize::from(self.levels.len() > 1))
    }

    fn problems(&self) -> Vec<Problem> {
        let mut out = Vec::new();
        let mut add = |at: Place, flaw: Flaw| out.push(Problem { at, flaw });
        if self.format != FORMAT || self.format_version != 1 {
            add(
                Place::Field("format"),
                Flaw::Shape(format!(
                    "expected \"format\": \"{FORMAT}\" and \"format_version\": 1"
                )),
            );
        }
        thresholds(&self.levels, &mut add);
        if !self.levels.iter().any(|l| l.id == self.critical_cap) {
            add(
                Place::Field("critical_cap"),
                Flaw::Shape(format!(
                    "critical_cap {:?} names no level of the definition",
                    self.critical_cap
                )),
            );
        }
        if let Some(pass) = &self.pass_level
            && !self.levels.iter().any(|l| &l.id == pass)
        {
            add(
                Place::Field("pass_level"),
                Flaw::Shape(format!(
                    "pass_level {pass:?} names no level of the definition"
                )),
            );
        }
        if self.directions.is_empty() {
            add(Place::Field("directions"), Flaw::NoGroups);
        }
        let mut directions = HashSet::new();
        let mut indicators = HashSet::new();
        for dir in &self.directions {
            if !directions.insert(dir.id.as_str()) {
                add(Place::Group(dir.id.clone()), Flaw::DuplicateId);
            }
            if dir.indicators.is_empty() {
                add(Place::Group(dir.id.clone()), Flaw::EmptyGroup);
            }
            if let Some(levels) = &dir.levels {
                thresholds(levels, &mut add);
            }
            for ind in &dir.indicators {
                let at = || Place::Indicator(ind.id.clone());
                if !indicators.insert(ind.id.as_str()) {
                    add(at(), Flaw::DuplicateId);
                }
                if ind.options.is_empty() {
                    add(
                        at(),
                        Flaw::FieldMissing {
                            field: "options",
                            kind: "indicator",
                        },
                    );
                }
                if let Some(o) = ind.options.iter().find(|o| o.points < Decimal::ZERO) {
                    add(
                        at(),
                        Flaw::Shape(format!("option {:?} has points below 0", o.answer)),
                    );
                }
            }
        }
        out
    }
}

/// Thresholds must rise strictly, and a list must not be empty.
fn thresholds(levels: &[LevelSpec], add: &mut impl FnMut(Place, Flaw)) {
    if levels.is_empty() {
        add(Place::Field("levels"), Flaw::Band(BandFlaw::None));
    }
    let mut ids = HashSet::new();
    for (index, pair) in levels.windows(2).enumerate() {
        if let [previous, level] = pair
            && level.from <= previous.from
        {
            add(
                Place::Level {
                    index: index + 1,
                    id: level.id.clone(),
                },
                Flaw::Band(BandFlaw::Overlaps {
                    from: level.from,
                    previous_to: previous.from,
                }),
            );
        }
    }
    for (index, level) in levels.iter().enumerate() {
        if !ids.insert(level.id.as_str()) {
            add(
                Place::Level {
                    index,
                    id: level.id.clone(),
                },
                Flaw::DuplicateId,
            );
        }
    }
}
