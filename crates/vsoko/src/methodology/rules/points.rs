//! `points`: the input is the points (`0..=cap`, checked by the input itself).

use super::{Build, RuleSpec, RuleType};
use crate::methodology::inputs::MeasureKind;
use rust_decimal::Decimal;

/// The value given is the indicator's points.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PointsRule {
    /// The input read.
    pub input: usize,
}

pub(super) fn build(spec: &RuleSpec, b: &mut Build) -> Option<PointsRule> {
    let id = spec.input.as_deref().unwrap_or(b.indicator);
    let input = b.input(id, &[MeasureKind::Points], RuleType::Points)?;
    Some(PointsRule { input })
}

impl PointsRule {
    pub(super) fn points(&self, n: &dyn Fn(usize) -> Decimal) -> Decimal {
        n(self.input)
    }
}
