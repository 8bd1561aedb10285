//! Scoring: values in, exact points per indicator and group out.
//!
//! [`Methodology::evaluate`] is the lean pass (numbers only, no strings) that batch work uses;
//! [`Methodology::score`] builds the full [`Report`] a person or a program reads.

mod report;

pub use report::{Deficit, Deficits, GroupResult, IndicatorResult, Report, Status};

use crate::error::{Error, Result};
use crate::input::{Value, Values};
use crate::methodology::{Aggregation, Methodology, Rule};
use rust_decimal::Decimal;

/// How to score.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Options {
    /// Every indicator must have a value (missing ones are an error, not zero).
    pub strict: bool,
}

/// What one indicator came to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Slot {
    /// Points given and checked.
    Scored(Decimal),
    /// No value: counts 0 of its cap.
    Missing,
    /// Not applicable: 0 of 0.
    NotApplicable,
}

impl Slot {
    /// The points it gives.
    pub fn points(self) -> Decimal {
        match self {
            Slot::Scored(p) => p,
            Slot::Missing | Slot::NotApplicable => Decimal::ZERO,
        }
    }
}

/// The numbers of one scored school, aligned with [`Methodology::indicators`] and
/// [`Methodology::groups`].
#[derive(Debug, Clone, PartialEq)]
pub struct Scorecard {
    /// One slot per indicator.
    pub slots: Vec<Slot>,
    /// Points per group.
    pub group_points: Vec<Decimal>,
    /// Maximum per group (not-applicable indicators removed).
    pub group_max: Vec<Decimal>,
    /// The total.
    pub total: Decimal,
    /// The maximum total (not-applicable indicators removed).
    pub max: Decimal,
}

impl Methodology {
    /// Scores values into a full report.
    ///
    /// # Errors
    /// [`Error::UnknownIndicator`] (with the nearest id), [`Error::DuplicateIndicator`],
    /// [`Error::ValueOutOfRange`], [`Error::NotApplicableForbidden`], and in strict mode
    /// [`Error::MissingIndicator`]. The first problem in input order is reported.
    ///
    /// ```
    /// use vsoko::{Methodology, Options, Values};
    /// let m = Methodology::builtin("index-2023").unwrap();
    /// let values = Values::from_json(r#"{"1.1.1": 3, "1.1.2": "2.5", "3.3.1": 1}"#).unwrap();
    /// let report = m.score(&values, Options::default()).unwrap();
    /// assert_eq!(report.total.to_string(), "6.5");
    /// assert_eq!(report.level.as_deref(), Some("low"));
    /// assert_eq!(report.missing.len(), 69);
    /// ```
    pub fn score(&self, values: &Values, options: Options) -> Result<Report> {
        let card = self.evaluate(values, options)?;
        Ok(Report::build(self, &card))
    }

    /// Scores values into numbers only (no report); the batch path.
    ///
    /// # Errors
    /// As [`Methodology::score`].
    pub fn evaluate(&self, values: &Values, options: Options) -> Result<Scorecard> {
        self.finish(self.entries(values), options)
    }

    /// Fills the slots (stopping at the first problem), checks strict mode, adds up.
    fn finish<'v>(
        &self,
        entries: impl Iterator<Item = (&'v str, Option<usize>, Value)>,
        options: Options,
    ) -> Result<Scorecard> {
        let mut first = None;
        let slots = self.fill_slots(entries, |e| {
            first = Some(e);
            false
        });
        if let Some(e) = first {
            return Err(e);
        }
        if options.strict {
            let mut missing = self.missing_ids(&slots);
            if let Some(id) = missing.next() {
                return Err(Error::MissingIndicator {
                    id: id.to_string(),
                    count: 1 + missing.count(),
                });
            }
        }
        Ok(self.aggregate(slots))
    }

    /// Scores one row given by indicator position (see [`Methodology::position`]): the fast path
    /// for tables, where the header is mapped to positions once and no id is copied per cell.
    ///
    /// # Errors
    /// As [`Methodology::evaluate`]; [`Error::InvalidInput`] for a position past the last indicator.
    ///
    /// ```
    /// use vsoko::{Methodology, Options, Value};
    /// use rust_decimal::Decimal;
    /// let m = Methodology::builtin("index-2023").unwrap();
    /// let pos = m.position("1.1.2").unwrap();
    /// let card = m.evaluate_row(&[(pos, Value::Points(Decimal::new(25, 1)))], Options::default()).unwrap();
    /// assert_eq!(card.total.to_string(), "2.5");
    /// ```
    pub fn evaluate_row(&self, row: &[(usize, Value)], options: Options) -> Result<Scorecard> {
        let indicators = self.indicators();
        if let Some((pos, _)) = row.iter().find(|(p, _)| *p >= indicators.len()) {
            return Err(Error::InvalidInput {
                at: crate::reason::Location::Position(*pos),
                reason: crate::reason::InputReason::NoSuchPosition {
                    methodology: self.id().to_string(),
                    count: indicators.len(),
                },
            });
        }
        let entries = row.iter().map(|(p, v)| {
            let id = indicators.get(*p).map_or("", |i| i.id.as_str());
            (id, Some(*p), *v)
        });
        self.finish(entries, options)
    }

    fn entries<'v>(
        &'v self,
        values: &'v Values,
    ) -> impl Iterator<Item = (&'v str, Option<usize>, Value)> {
        values.iter().map(|(id, v)| (id, self.position(id), v))
    }

    /// Every problem of the values at once, in input order (then missing indicators in strict
    /// mode, in reading order); empty when they score. For forms that mark each bad field.
    ///
    /// ```
    /// use vsoko::{Methodology, Options, Values};
    /// let m = Methodology::builtin("index-2023").unwrap();
    /// let values = Values::from_json(r#"{"1.1.1": 4, "1.1.2": "n/a", "9.9": 1}"#).unwrap();
    /// let codes: Vec<_> = m.check(&values, Options::default()).iter().map(|e| e.code()).collect();
    /// assert_eq!(codes, ["value_out_of_range", "not_applicable_forbidden", "unknown_indicator"]);
    /// ```
    pub fn check(&self, values: &Values, options: Options) -> Vec<Error> {
        let mut problems = Vec::new();
        let slots = self.fill_slots(self.entries(values), |e| {
            problems.push(e);
            true
        });
        if options.strict {
            let missing: Vec<&str> = self.missing_ids(&slots).collect();
            let count = missing.len();
            problems.extend(missing.into_iter().map(|id| Error::MissingIndicator {
                id: id.to_string(),
                count,
            }));
        }
        problems
    }

    fn missing_ids<'a>(&'a self, slots: &'a [Slot]) -> impl Iterator<Item = &'a str> {
        self.indicators()
            .iter()
            .zip(slots)
            .filter(|(_, s)| **s == Slot::Missing)
            .map(|(i, _)| i.id.as_str())
    }

    /// One slot per indicator from the values. Each problem goes to `problem`, which answers
    /// whether to go on; a value with a problem leaves its slot missing.
    fn fill_slots<'v>(
        &self,
        entries: impl Iterator<Item = (&'v str, Option<usize>, Value)>,
        mut problem: impl FnMut(Error) -> bool,
    ) -> Vec<Slot> {
        let indicators = self.indicators();
        let mut slots = vec![Slot::Missing; indicators.len()];
        let mut seen = vec![false; indicators.len()];
        for (id, pos, value) in entries {
            let Some(pos) = pos else {
                let e = Error::UnknownIndicator {
                    id: id.to_string(),
                    suggestion: self.suggest(id).map(ToString::to_string),
                };
                if problem(e) {
                    continue;
                }
                break;
            };
            let (Some(ind), Some(seen), Some(slot)) =
                (indicators.get(pos), seen.get_mut(pos), slots.get_mut(pos))
            else {
                continue;
            };
            let filled = if std::mem::replace(seen, true) {
                Err(Error::DuplicateIndicator { id: id.to_string() })
            } else {
                match value {
                    Value::Points(p) => points(ind.rule, p, ind.cap, id).map(Slot::Scored),
                    Value::NotApplicable if ind.not_applicable => Ok(Slot::NotApplicable),
                    Value::NotApplicable => {
                        Err(Error::NotApplicableForbidden { id: id.to_string() })
                    }
                    Value::Missing => Ok(Slot::Missing),
                }
            };
            match filled {
                Ok(s) => *slot = s,
                Err(e) => {
                    if !problem(e) {
                        break;
                    }
                }
            }
        }
        slots
    }

    /// Adds slots up the tree; children come after their parent, so walk backwards.
    /// Plain `+` cannot overflow here: every slot holds at most its cap, and validation has
    /// checked that the sums of the caps (the maxima) fit a decimal.
    fn aggregate(&self, slots: Vec<Slot>) -> Scorecard {
        let groups = self.groups();
        let mut group_points = vec![Decimal::ZERO; groups.len()];
        let mut group_max = vec![Decimal::ZERO; groups.len()];
        for (pos, g) in groups.iter().enumerate().rev() {
            let (mut points, mut max) = (Decimal::ZERO, Decimal::ZERO);
            match g.aggregation {
                Aggregation::Sum => {
                    for c in &g.children {
                        points += group_points.get(*c).copied().unwrap_or_default();
                        max += group_max.get(*c).copied().unwrap_or_default();
                    }
                    let range = g.indicators.clone();
                    let inds = self.indicators().get(range.clone()).unwrap_or_default();
                    for (ind, slot) in inds.iter().zip(slots.get(range).unwrap_or_default()) {
                        points += slot.points();
                        if *slot != Slot::NotApplicable {
                            max += ind.cap;
                        }
                    }
                }
            }
            if let (Some(p), Some(m)) = (group_points.get_mut(pos), group_max.get_mut(pos)) {
                *p = points.normalize();
                *m = max.normalize();
            }
        }
        let top = || {
            groups
                .iter()
                .enumerate()
                .filter(|(_, g)| g.parent.is_none())
        };
        let total: Decimal = top()
            .map(|(i, _)| group_points.get(i).copied().unwrap_or_default())
            .sum();
        let max: Decimal = top()
            .map(|(i, _)| group_max.get(i).copied().unwrap_or_default())
            .sum();
        Scorecard {
            slots,
            group_points,
            group_max,
            total: total.normalize(),
            max: max.normalize(),
        }
    }
}

/// Applies an indicator's rule to a value, checking the range.
fn points(rule: Rule, value: Decimal, cap: Decimal, id: &str) -> Result<Decimal> {
    match rule {
        Rule::Points => {
            if value < Decimal::ZERO || value > cap {
                return Err(Error::ValueOutOfRange {
                    id: id.to_string(),
                    value: value.normalize(),
                    min: Decimal::ZERO,
                    max: cap,
                });
            }
            // `normalize` also turns -0 into 0.
            Ok(value.normalize())
        }
    }
}
