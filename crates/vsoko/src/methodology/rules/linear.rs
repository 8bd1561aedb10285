//! `linear`: `value × factor`, at most the cap.

use super::{Build, Fault, RuleSpec, RuleType, capped_product};
use crate::methodology::inputs::MeasureKind;
use rust_decimal::Decimal;

/// Points proportional to a number, capped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinearRule {
    /// The input read.
    pub input: usize,
    /// Points per unit.
    pub factor: Decimal,
}

pub(super) fn build(spec: &RuleSpec, b: &mut Build) -> Option<LinearRule> {
    let id = b.need("input", spec.input.as_ref(), RuleType::Linear);
    let factor = b.need("factor", spec.factor.as_ref(), RuleType::Linear);
    let factor = factor.and_then(|f| b.positive("factor", f));
    let kinds = [MeasureKind::Number, MeasureKind::Count];
    let input = b.input(&id?, &kinds, RuleType::Linear)?;
    Some(LinearRule {
        input,
        factor: factor?,
    })
}

impl LinearRule {
    pub(super) fn points(
        &self,
        cap: Decimal,
        n: &dyn Fn(usize) -> Decimal,
    ) -> Result<Decimal, Fault> {
        // A negative number (a `number` input may allow one) gives 0, never negative points.
        let x = n(self.input);
        if x <= Decimal::ZERO {
            return Ok(Decimal::ZERO);
        }
        capped_product(x, self.factor, cap)
    }

    pub(super) fn explain(&self, n: &dyn Fn(usize) -> Decimal, points: &str) -> String {
        format!("{} × {} → {points}", n(self.input), self.factor)
    }
}
