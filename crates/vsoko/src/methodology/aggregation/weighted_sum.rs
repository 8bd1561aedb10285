//! `weighted_sum`: `Σ wᵢ·pᵢ` and `Σ wᵢ·mᵢ` over the applicable children, scaled by
//! `W ÷ W_applicable` so an n/a child's weight is spread over the others.

use super::Part;
use crate::decimal::{Computed, checked_sum, product, quotient};
use rust_decimal::Decimal;

/// Points, maximum, and whether the points are exact.
pub(super) fn combine(weights: &[Decimal], parts: &[Part]) -> Option<(Decimal, Decimal, bool)> {
    let all = checked_sum(weights.iter().copied())?;
    let mut applicable = Decimal::ZERO;
    let mut points = Decimal::ZERO;
    let mut exact = true;
    let mut max = Decimal::ZERO;
    for (w, p) in weights.iter().zip(parts).filter(|(_, p)| p.applies) {
        applicable = applicable.checked_add(*w)?;
        let wp = product(*w, p.points)?;
        exact &= wp.exact;
        points = points.checked_add(wp.value)?;
        max = max.checked_add(w.checked_mul(p.max)?)?;
    }
    if applicable == all {
        return Some((points, max, exact));
    }
    // Multiply first: (Σ wp) × W ÷ W_app keeps a terminating result exact.
    let spread = |x: Decimal| -> Option<Computed> {
        let first = product(x, all).and_then(|y| {
            let q = quotient(y.value, applicable)?;
            Some(Computed {
                value: q.value,
                exact: y.exact && q.exact,
            })
        });
        first.or_else(|| {
            let q = quotient(x, applicable)?;
            let y = product(q.value, all)?;
            Some(Computed {
                value: y.value,
                exact: q.exact && y.exact,
            })
        })
    };
    let p = spread(points)?;
    Some((p.value, spread(max)?.value, exact && p.exact))
}
