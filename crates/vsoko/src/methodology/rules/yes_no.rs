//! `yes_no`: yes gives the points (default: the cap), no gives 0.

use super::{Build, RuleSpec, RuleType};
use crate::methodology::inputs::MeasureKind;
use crate::reason::Flaw;
use rust_decimal::Decimal;

/// Yes → points, no → 0.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YesNoRule {
    /// The yes/no input.
    pub input: usize,
    /// Points for yes.
    pub points: Decimal,
}

pub(super) fn build(spec: &RuleSpec, b: &mut Build) -> Option<YesNoRule> {
    let id = b.need("input", spec.input.as_ref(), RuleType::YesNo);
    let points = match spec.points {
        Some(p) if p > b.cap => {
            b.flaw(Flaw::OverCap {
                points: p,
                cap: b.cap,
            });
            None
        }
        Some(p) => b.positive("points", p),
        None => Some(b.cap),
    };
    let input = b.input(&id?, &[MeasureKind::YesNo], RuleType::YesNo)?;
    Some(YesNoRule {
        input,
        points: points?,
    })
}

impl YesNoRule {
    pub(super) fn points(&self, n: &dyn Fn(usize) -> Decimal) -> Decimal {
        if n(self.input).is_zero() {
            Decimal::ZERO
        } else {
            self.points
        }
    }

    pub(super) fn explain(&self, n: &dyn Fn(usize) -> Decimal, points: &str) -> String {
        format!("{} → {points}", n(self.input))
    }
}
