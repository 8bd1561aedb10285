//! `weighted_sum`: `Σ wᵢ·pᵢ` and `Σ wᵢ·mᵢ` over the applicable children, scaled by
//! `W ÷ W_applicable` so an n/a child's weight is spread over the others.

use super::Part;
use crate::decimal::checked_sum;
use rust_decimal::Decimal;

pub(super) fn combine(weights: &[Decimal], parts: &[Part]) -> Option<(Decimal, Decimal)> {
    let all = checked_sum(weights.iter().copied())?;
    let mut applicable = Decimal::ZERO;
    let mut points = Decimal::ZERO;
    let mut max = Decimal::ZERO;
    for (w, p) in weights.iter().zip(parts).filter(|(_, p)| p.applies) {
        applicable = applicable.checked_add(*w)?;
        points = points.checked_add(w.checked_mul(p.points)?)?;
        max = max.checked_add(w.checked_mul(p.max)?)?;
    }
    if applicable == all {
        return Some((points, max));
    }
    // Multiply first: (Σ wp) × W ÷ W_app keeps a terminating result exact.
    let spread = |x: Decimal| {
        x.checked_mul(all)
            .and_then(|y| y.checked_div(applicable))
            .or_else(|| x.checked_div(applicable)?.checked_mul(all))
    };
    Some((spread(points)?, spread(max)?))
}
