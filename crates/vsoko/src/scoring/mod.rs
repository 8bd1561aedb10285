//! Scoring: values in, exact points per indicator and group out.
//!
//! [`Methodology::evaluate`] is the lean pass (numbers only, no strings) that batch work uses;
//! [`Methodology::score`] builds the full [`Report`] a person or a program reads.

mod markdown;
pub(crate) mod plain;
mod report;
mod table;

pub use report::{Deficit, Deficits, GroupResult, IndicatorResult, InputResult, Report, Status};
pub use table::TableScores;

use crate::error::{Error, Result};
use crate::input::{Value, Values};
use crate::methodology::{Fault, Given, Methodology, Part, RoundAt, combine_exact};
use crate::reason::ValueReason;
use rust_decimal::Decimal;

/// How to score. Build it with [`Options::new`] and its setters, so a later option does not
/// break callers.
///
/// ```
/// let o = vsoko::Options::new().strict(true);
/// assert!(o.strict && !vsoko::Options::default().strict);
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Options {
    /// Every input must have a value (missing ones are an error, not zero).
    pub strict: bool,
}

impl Options {
    /// The defaults: missing values count as zero.
    pub fn new() -> Options {
        Options::default()
    }

    /// Whether every input must have a value.
    #[must_use]
    pub fn strict(mut self, strict: bool) -> Options {
        self.strict = strict;
        self
    }
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
    /// What each input came to, aligned with [`Methodology::inputs`].
    pub inputs: Vec<Given>,
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
        let (given, slots) = self.fill_slots(entries, |e| {
            first = Some(e);
            false
        });
        if let Some(e) = first {
            return Err(e);
        }
        if options.strict {
            let mut missing = self.missing_ids(&given);
            if let Some(id) = missing.next() {
                return Err(Error::MissingIndicator {
                    id: id.to_string(),
                    count: 1 + missing.count(),
                });
            }
        }
        self.aggregate(given, slots)
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
        let inputs = self.inputs();
        if let Some((pos, _)) = row.iter().find(|(p, _)| *p >= inputs.len()) {
            return Err(Error::InvalidInput {
                at: crate::reason::Location::Position(*pos),
                reason: crate::reason::InputReason::NoSuchPosition {
                    methodology: self.id().to_string(),
                    count: inputs.len(),
                },
            });
        }
        // A plain methodology adds a row up in hundredths; a row it does not finish (a problem
        // to name among them) goes the general way.
        if let Some(card) = self.plain().and_then(|p| p.card(row, options.strict)) {
            return Ok(card);
        }
        let entries = row.iter().map(|(p, v)| {
            let id = inputs.get(*p).map_or("", |i| i.id.as_str());
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
        let (given, _) = self.fill_slots(self.entries(values), |e| {
            problems.push(e);
            true
        });
        if options.strict {
            let missing: Vec<&str> = self.missing_ids(&given).collect();
            let count = missing.len();
            problems.extend(missing.into_iter().map(|id| Error::MissingIndicator {
                id: id.to_string(),
                count,
            }));
        }
        problems
    }

    fn missing_ids<'a>(&'a self, given: &'a [Given]) -> impl Iterator<Item = &'a str> {
        self.inputs()
            .iter()
            .zip(given)
            .filter(|(_, g)| **g == Given::Missing)
            .map(|(i, _)| i.id.as_str())
    }

    /// What each input came to, then one slot per indicator. Each problem goes to `problem`,
    /// which answers whether to go on; a value with a problem leaves its input missing.
    fn fill_slots<'v>(
        &self,
        entries: impl Iterator<Item = (&'v str, Option<usize>, Value)>,
        problem: impl FnMut(Error) -> bool,
    ) -> (Vec<Given>, Vec<Slot>) {
        let (mut given, mut seen, mut slots) = (Vec::new(), Vec::new(), Vec::new());
        self.fill_into(entries, problem, &mut given, &mut seen, &mut slots);
        (given, slots)
    }

    /// [`Methodology::fill_slots`] into buffers a caller reuses from row to row.
    fn fill_into<'v>(
        &self,
        entries: impl Iterator<Item = (&'v str, Option<usize>, Value)>,
        mut problem: impl FnMut(Error) -> bool,
        given: &mut Vec<Given>,
        seen: &mut Vec<bool>,
        slots: &mut Vec<Slot>,
    ) {
        let inputs = self.inputs();
        given.clear();
        given.resize(inputs.len(), Given::Missing);
        seen.clear();
        seen.resize(inputs.len(), false);
        slots.clear();
        let mut go_on = true;
        for (id, pos, value) in entries {
            let Some(pos) = pos else {
                let e = Error::UnknownIndicator {
                    id: id.to_string(),
                    suggestion: self.suggest(id).map(ToString::to_string),
                };
                go_on = problem(e);
                if go_on {
                    continue;
                }
                break;
            };
            let (Some(input), Some(seen), Some(slot)) =
                (inputs.get(pos), seen.get_mut(pos), given.get_mut(pos))
            else {
                continue;
            };
            let filled = if std::mem::replace(seen, true) {
                Err(Error::DuplicateIndicator { id: id.to_string() })
            } else {
                input.accept(value)
            };
            match filled {
                Ok(g) => *slot = g,
                Err(e) => {
                    go_on = problem(e);
                    if !go_on {
                        break;
                    }
                }
            }
        }
        for ind in self.indicators() {
            let slot = if go_on {
                self.slot(ind, given).unwrap_or_else(|e| {
                    go_on = problem(e);
                    Slot::Missing
                })
            } else {
                Slot::Missing
            };
            slots.push(slot);
        }
    }

    /// One indicator's slot from the inputs: n/a if an input it reads is n/a, missing if one is
    /// missing, otherwise its rule's points (rounded where the methodology declares it).
    fn slot(&self, ind: &crate::methodology::Indicator, given: &[Given]) -> Result<Slot> {
        let state = |g: Given| ind.reads.iter().any(|&i| given.get(i) == Some(&g));
        if state(Given::NotApplicable) {
            return Ok(Slot::NotApplicable);
        }
        if state(Given::Missing) {
            return Ok(Slot::Missing);
        }
        let n = |i: usize| match given.get(i) {
            Some(Given::Number(x)) => *x,
            _ => Decimal::ZERO,
        };
        match ind.rule.points(ind.cap, &n) {
            Ok(Some(p)) => Ok(Slot::Scored(crate::methodology::rounding_at(
                self,
                RoundAt::Indicators,
                p,
            ))),
            Ok(None) => Ok(Slot::NotApplicable),
            // Points a decimal cannot hold are kept only where the methodology rounds them.
            Err(Fault::Inexact { value })
                if self.rounding().is_some_and(|r| r.at(RoundAt::Indicators)) =>
            {
                Ok(Slot::Scored(crate::methodology::rounding_at(
                    self,
                    RoundAt::Indicators,
                    value,
                )))
            }
            Err(Fault::Inexact { value }) => Err(Error::InexactResult {
                what: crate::error::ResultLevel::Indicator,
                id: ind.id.clone(),
                value,
            }),
            Err(fault) => Err(self.fault_error(fault)),
        }
    }

    fn fault_error(&self, fault: Fault) -> Error {
        let id = |i: usize| {
            self.inputs()
                .get(i)
                .map(|x| x.id.clone())
                .unwrap_or_default()
        };
        match fault {
            Fault::YesOverOf { yes, value, of } => Error::InvalidValue {
                id: id(yes),
                reason: ValueReason::OverTheWhole { value, of },
            },
            Fault::NoBand { input, value } => Error::InvalidValue {
                id: id(input),
                reason: ValueReason::NoBand { value },
            },
            Fault::Inexact { value } => Error::InexactResult {
                what: crate::error::ResultLevel::Indicator,
                id: String::new(),
                value,
            },
        }
    }

    /// Combines slots up the tree into a scorecard.
    fn aggregate(&self, inputs: Vec<Given>, slots: Vec<Slot>) -> Result<Scorecard> {
        let mut parts = Vec::new();
        let total = self.add_up(&slots, &mut parts, &mut Vec::new(), &mut Vec::new())?;
        Ok(Scorecard {
            inputs,
            slots,
            group_points: parts.iter().map(|p| p.points).collect(),
            group_max: parts.iter().map(|p| p.max).collect(),
            total: total.points,
            max: total.max,
        })
    }

    /// Combines slots up the tree into `parts` (one per group) and returns the total (rounded
    /// where the methodology declares it); children come after their parent, so walk
    /// backwards. The buffers are a caller's, reused from row to row.
    fn add_up(
        &self,
        slots: &[Slot],
        parts: &mut Vec<Part>,
        children: &mut Vec<Part>,
        top: &mut Vec<Part>,
    ) -> Result<Part> {
        let groups = self.groups();
        parts.clear();
        parts.resize(groups.len(), Part::NOT_APPLICABLE);
        for (pos, g) in groups.iter().enumerate().rev() {
            children.clear();
            children.extend(
                g.children
                    .iter()
                    .map(|&c| parts.get(c).copied().unwrap_or(Part::NOT_APPLICABLE)),
            );
            let range = g.indicators.clone();
            let inds = self.indicators().get(range.clone()).unwrap_or_default();
            for (ind, slot) in inds.iter().zip(slots.get(range).unwrap_or_default()) {
                children.push(match slot {
                    Slot::Scored(p) => Part {
                        points: *p,
                        max: ind.cap,
                        applies: true,
                    },
                    Slot::Missing => Part {
                        points: Decimal::ZERO,
                        max: ind.cap,
                        applies: true,
                    },
                    Slot::NotApplicable => Part::NOT_APPLICABLE,
                });
            }
            // Validation has checked that every maximum fits a decimal, and points stay
            // within their maxima, so combining cannot overflow here.
            let (mut part, exact) =
                combine_exact(&g.aggregation, children).unwrap_or((Part::NOT_APPLICABLE, true));
            if !exact && !self.rounding().is_some_and(|r| r.at(RoundAt::Groups)) {
                return Err(Error::InexactResult {
                    what: crate::error::ResultLevel::Group,
                    id: g.id.clone(),
                    value: part.points,
                });
            }
            part.points = crate::methodology::rounding_at(self, RoundAt::Groups, part.points);
            if let Some(p) = parts.get_mut(pos) {
                *p = part;
            }
        }
        top.clear();
        top.extend(
            groups
                .iter()
                .zip(parts.iter())
                .filter(|(g, _)| g.parent.is_none())
                .map(|(_, p)| *p),
        );
        let (mut total, exact) =
            combine_exact(self.total_aggregation(), top).unwrap_or((Part::NOT_APPLICABLE, true));
        if !exact && !self.rounding().is_some_and(|r| r.at(RoundAt::Total)) {
            return Err(Error::InexactResult {
                what: crate::error::ResultLevel::Group,
                id: "total".into(),
                value: total.points,
            });
        }
        total.points = crate::methodology::rounding_at(self, RoundAt::Total, total.points);
        Ok(total)
    }
}
