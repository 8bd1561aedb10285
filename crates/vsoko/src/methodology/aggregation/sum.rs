//! `sum`: points and maxima add up over the applicable children.

use super::Part;
use crate::decimal::checked_sum;
use rust_decimal::Decimal;

/// Points, maximum, and whether the points are exact (a sum of decimals that fits is).
pub(super) fn combine(parts: &[Part]) -> Option<(Decimal, Decimal, bool)> {
    let applies = || parts.iter().filter(|p| p.applies);
    Some((
        checked_sum(applies().map(|p| p.points))?,
        checked_sum(applies().map(|p| p.max))?,
        true,
    ))
}
