//! Rules: how an indicator's points come from its inputs. One file per kind; each owns how it
//! is built from its JSON fields (and what it checks), which inputs it reads, and `points`.
//!
//! A rule is written flat in JSON (`{"type": "share", "yes": "a", "of": "b"}`) as a
//! [`RuleSpec`]; building a methodology turns it into a [`Rule`] that reads inputs by position.

mod bands;
mod linear;
mod per_item;
mod points;
mod share;
mod shares_mean;
mod yes_no;

pub use bands::BandsRule;
pub use linear::LinearRule;
pub use per_item::PerItemRule;
pub use points::PointsRule;
pub use share::{ShareRule, ShareSpec};
pub use shares_mean::SharesMeanRule;
pub use yes_no::YesNoRule;

use super::bands::PointsBand;
use super::id_map::IdMap;
use super::inputs::MeasureKind;
use crate::decimal::{Computed, product, quotient};
use crate::methodology::exact;
use crate::reason::{Flaw, Place, Problem};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// A rule as written in JSON: its type and the fields that type uses.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleSpec {
    /// The kind of rule.
    #[serde(rename = "type")]
    pub kind: RuleType,
    /// The input read (`points`, `yes_no`, `bands`, `linear`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub input: Option<String>,
    /// The inputs counted (`per_item`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub inputs: Vec<String>,
    /// The numerator (`share`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub yes: Option<String>,
    /// The denominator (`share`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub of: Option<String>,
    /// The shares averaged (`shares_mean`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub shares: Vec<ShareSpec>,
    /// What a whole share is worth (`share`, `shares_mean`; default: the cap).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "exact::option"
    )]
    pub scale: Option<Decimal>,
    /// Points per item (`per_item`) or for yes (`yes_no`).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "exact::option"
    )]
    pub points: Option<Decimal>,
    /// Points per unit of the value (`linear`).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "exact::option"
    )]
    pub factor: Option<Decimal>,
    /// Bands from a value to points (`bands`, optionally `share`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub bands: Vec<PointsBand>,
}

/// The kinds of rule.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RuleType {
    /// The input is the points.
    #[default]
    Points,
    /// `yes ÷ of × scale`.
    Share,
    /// The mean of several shares.
    SharesMean,
    /// Points per item counted, capped.
    PerItem,
    /// Yes gives points, no gives 0.
    YesNo,
    /// A number → points by bands.
    Bands,
    /// `value × factor`, capped.
    Linear,
}

impl RuleType {
    /// The JSON name.
    pub fn as_str(self) -> &'static str {
        match self {
            RuleType::Points => "points",
            RuleType::Share => "share",
            RuleType::SharesMean => "shares_mean",
            RuleType::PerItem => "per_item",
            RuleType::YesNo => "yes_no",
            RuleType::Bands => "bands",
            RuleType::Linear => "linear",
        }
    }

    /// The fields this type takes besides `type`.
    fn fields(self) -> &'static [&'static str] {
        match self {
            RuleType::Points => &["input"],
            RuleType::Share => &["yes", "of", "scale", "bands"],
            RuleType::SharesMean => &["shares", "scale"],
            RuleType::PerItem => &["inputs", "points"],
            RuleType::YesNo => &["input", "points"],
            RuleType::Bands => &["input", "bands"],
            RuleType::Linear => &["input", "factor"],
        }
    }
}

impl RuleSpec {
    /// Whether this is today's default rule (`points` reading the indicator's own input).
    pub fn is_default(&self) -> bool {
        *self == RuleSpec::default()
    }

    fn present(&self) -> Vec<&'static str> {
        let mut out = Vec::new();
        let mut add = |yes: bool, name| {
            if yes {
                out.push(name);
            }
        };
        add(self.input.is_some(), "input");
        add(!self.inputs.is_empty(), "inputs");
        add(self.yes.is_some(), "yes");
        add(self.of.is_some(), "of");
        add(!self.shares.is_empty(), "shares");
        add(self.scale.is_some(), "scale");
        add(self.points.is_some(), "points");
        add(self.factor.is_some(), "factor");
        add(!self.bands.is_empty(), "bands");
        out
    }
}

/// A built rule: inputs by position in [`crate::Methodology::inputs`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Rule {
    /// See [`PointsRule`].
    Points(PointsRule),
    /// See [`ShareRule`].
    Share(ShareRule),
    /// See [`SharesMeanRule`].
    SharesMean(SharesMeanRule),
    /// See [`PerItemRule`].
    PerItem(PerItemRule),
    /// See [`YesNoRule`].
    YesNo(YesNoRule),
    /// See [`BandsRule`].
    Bands(BandsRule),
    /// See [`LinearRule`].
    Linear(LinearRule),
}

/// Why a rule could not give points from valid inputs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    /// A share's numerator is above its denominator.
    YesOverOf {
        /// The numerator input.
        yes: usize,
        /// Its value.
        value: Decimal,
        /// The denominator's value.
        of: Decimal,
    },
    /// The value falls into no band.
    NoBand {
        /// The input.
        input: usize,
        /// Its value.
        value: Decimal,
    },
    /// The points need more digits than a decimal holds; `value` is cut to them (used only
    /// where the methodology declares rounding of indicators).
    Inexact {
        /// The points cut to a decimal's digits.
        value: Decimal,
    },
}

impl Rule {
    /// The positions of the inputs it reads.
    pub fn reads(&self) -> Vec<usize> {
        match self {
            Rule::Points(r) => vec![r.input],
            Rule::Share(r) => vec![r.yes, r.of],
            Rule::SharesMean(r) => r.shares.iter().flat_map(|&(y, o)| [y, o]).collect(),
            Rule::PerItem(r) => r.inputs.clone(),
            Rule::YesNo(r) => vec![r.input],
            Rule::Bands(r) => vec![r.input],
            Rule::Linear(r) => vec![r.input],
        }
    }

    /// Points from the inputs' numbers (every input read is a number here); `Ok(None)` when
    /// the indicator does not apply (a zero denominator).
    ///
    /// # Errors
    /// A [`Fault`] naming the input.
    pub fn points(
        &self,
        cap: Decimal,
        n: &dyn Fn(usize) -> Decimal,
    ) -> Result<Option<Decimal>, Fault> {
        match self {
            Rule::Points(r) => Ok(Some(r.points(n))),
            Rule::Share(r) => r.points(n),
            Rule::SharesMean(r) => r.points(n),
            Rule::PerItem(r) => r.points(cap, n).map(Some),
            Rule::YesNo(r) => Ok(Some(r.points(n))),
            Rule::Bands(r) => r.points(n).map(Some),
            Rule::Linear(r) => r.points(cap, n).map(Some),
        }
    }

    /// How the points came from the inputs, in neutral notation (`12 / 15 × 100 = 80`), ending
    /// with `points` as the caller shows them; `None` for the `points` rule, whose input is the
    /// points.
    pub fn explain(&self, n: &dyn Fn(usize) -> Decimal, points: &str) -> Option<String> {
        match self {
            Rule::Points(_) => None,
            Rule::Share(r) => Some(r.explain(n, points)),
            Rule::SharesMean(r) => Some(r.explain(n, points)),
            Rule::PerItem(r) => Some(r.explain(n, points)),
            Rule::YesNo(r) => Some(r.explain(n, points)),
            Rule::Bands(r) => Some(r.explain(n, points)),
            Rule::Linear(r) => Some(r.explain(n, points)),
        }
    }
}

/// What building a rule needs: the inputs by id and a place for problems.
pub(crate) struct Build<'a> {
    /// Declared and implicit inputs: id → (position, kind).
    pub inputs: &'a IdMap<(usize, MeasureKind)>,
    /// The indicator.
    pub indicator: &'a str,
    /// Its cap.
    pub cap: Decimal,
    /// Problems found.
    pub problems: &'a mut Vec<Problem>,
}

impl Build<'_> {
    fn flaw(&mut self, flaw: Flaw) {
        self.problems.push(Problem {
            at: Place::Indicator(self.indicator.to_string()),
            flaw,
        });
    }

    /// The position of an input the rule reads, checking it exists and has an allowed kind.
    fn input(&mut self, id: &str, allowed: &[MeasureKind], rule: RuleType) -> Option<usize> {
        match self.inputs.get(id) {
            None => {
                self.flaw(Flaw::UnknownInput(id.to_string()));
                None
            }
            Some((_, kind)) if !allowed.contains(kind) => {
                self.flaw(Flaw::WrongInputKind {
                    input: id.to_string(),
                    kind: *kind,
                    rule: rule.as_str(),
                });
                None
            }
            Some((pos, _)) => Some(*pos),
        }
    }

    /// A field the rule needs.
    fn need<T: Clone>(
        &mut self,
        field: &'static str,
        value: Option<&T>,
        rule: RuleType,
    ) -> Option<T> {
        if value.is_none() {
            self.flaw(Flaw::FieldMissing {
                field,
                kind: rule.as_str(),
            });
        }
        value.cloned()
    }

    /// A number that must be above 0.
    fn positive(&mut self, field: &'static str, value: Decimal) -> Option<Decimal> {
        if value <= Decimal::ZERO {
            self.flaw(Flaw::NotPositive { field, value });
            return None;
        }
        Some(value)
    }

    /// Bands of a rule: ordered, each at most the cap.
    fn bands(&mut self, bands: &[PointsBand]) -> bool {
        let mut ok = true;
        for (index, flaw) in super::bands::flaws(bands) {
            ok = false;
            self.problems.push(Problem {
                at: Place::RuleBand {
                    indicator: self.indicator.to_string(),
                    index,
                },
                flaw: Flaw::Band(flaw),
            });
        }
        for (index, b) in bands.iter().enumerate() {
            if b.points > self.cap || b.points < Decimal::ZERO {
                ok = false;
                self.problems.push(Problem {
                    at: Place::RuleBand {
                        indicator: self.indicator.to_string(),
                        index,
                    },
                    flaw: Flaw::OverCap {
                        points: b.points,
                        cap: self.cap,
                    },
                });
            }
        }
        ok
    }
}

/// Builds a rule, reporting every problem; `None` when it has any.
pub(crate) fn build(spec: &RuleSpec, b: &mut Build) -> Option<Rule> {
    let before = b.problems.len();
    let allowed = spec.kind.fields();
    for field in spec.present() {
        if !allowed.contains(&field) {
            b.flaw(Flaw::FieldNotAllowed {
                field,
                kind: spec.kind.as_str(),
            });
        }
    }
    let rule = match spec.kind {
        RuleType::Points => points::build(spec, b).map(Rule::Points),
        RuleType::Share => share::build(spec, b).map(Rule::Share),
        RuleType::SharesMean => shares_mean::build(spec, b).map(Rule::SharesMean),
        RuleType::PerItem => per_item::build(spec, b).map(Rule::PerItem),
        RuleType::YesNo => yes_no::build(spec, b).map(Rule::YesNo),
        RuleType::Bands => bands::build(spec, b).map(Rule::Bands),
        RuleType::Linear => linear::build(spec, b).map(Rule::Linear),
    };
    if b.problems.len() > before {
        return None;
    }
    rule
}

/// `a × b` capped at `cap` (a product past the decimal range is past any cap); a product
/// below the cap that a decimal cannot hold exactly is [`Fault::Inexact`].
fn capped_product(a: Decimal, b: Decimal, cap: Decimal) -> Result<Decimal, Fault> {
    match product(a, b) {
        None => Ok(cap.normalize()),
        Some(p) if p.value >= cap => Ok(cap.normalize()),
        Some(p) if p.exact => Ok(p.value.normalize()),
        Some(p) => Err(Fault::Inexact { value: p.value }),
    }
}

/// `yes ÷ of × scale`, multiplying first so a terminating quotient stays exact; `exact` is
/// false when the share needs more digits than a decimal holds.
fn share_of(yes: Decimal, of: Decimal, scale: Decimal) -> Computed {
    let first = product(yes, scale).and_then(|p| {
        quotient(p.value, of).map(|q| Computed {
            value: q.value,
            exact: p.exact && q.exact,
        })
    });
    let second = || {
        let q = quotient(yes, of)?;
        let p = product(q.value, scale)?;
        Some(Computed {
            value: p.value,
            exact: q.exact && p.exact,
        })
    };
    let c = first.or_else(second).unwrap_or(Computed {
        value: scale,
        exact: false,
    });
    Computed {
        value: c.value.normalize(),
        exact: c.exact,
    }
}
