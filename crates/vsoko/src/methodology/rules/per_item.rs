//! `per_item`: points per item counted (or per yes), at most the cap.

use super::{Build, Fault, RuleSpec, RuleType, capped_product};
use crate::methodology::inputs::MeasureKind;
use rust_decimal::Decimal;

/// Points per counted item, capped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PerItemRule {
    /// The inputs counted (counts or yes/no).
    pub inputs: Vec<usize>,
    /// Points per item.
    pub points: Decimal,
}

pub(super) fn build(spec: &RuleSpec, b: &mut Build) -> Option<PerItemRule> {
    let ids = b.need(
        "inputs",
        (!spec.inputs.is_empty()).then_some(&spec.inputs),
        RuleType::PerItem,
    );
    let points = b.need("points", spec.points.as_ref(), RuleType::PerItem);
    let points = points.and_then(|p| b.positive("points", p));
    let kinds = [MeasureKind::Count, MeasureKind::YesNo];
    let inputs: Vec<Option<usize>> = ids?
        .iter()
        .map(|id| b.input(id, &kinds, RuleType::PerItem))
        .collect();
    Some(PerItemRule {
        inputs: inputs.into_iter().collect::<Option<_>>()?,
        points: points?,
    })
}

impl PerItemRule {
    fn items(&self, n: &dyn Fn(usize) -> Decimal) -> Decimal {
        self.inputs
            .iter()
            .try_fold(Decimal::ZERO, |acc, &i| acc.checked_add(n(i)))
            .unwrap_or(Decimal::MAX)
    }

    pub(super) fn points(
        &self,
        cap: Decimal,
        n: &dyn Fn(usize) -> Decimal,
    ) -> Result<Decimal, Fault> {
        capped_product(self.items(n), self.points, cap)
    }

    pub(super) fn explain(&self, n: &dyn Fn(usize) -> Decimal, points: &str) -> String {
        format!("{} × {} → {points}", self.items(n), self.points)
    }
}
