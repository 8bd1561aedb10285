//! `mean`: the plain means of the applicable children's points and maxima.

use super::{Part, sum};
use crate::decimal::quotient;
use rust_decimal::Decimal;

/// Points, maximum, and whether the mean of the points is exact (`1 / 3` is not).
pub(super) fn combine(parts: &[Part]) -> Option<(Decimal, Decimal, bool)> {
    let n = Decimal::from(parts.iter().filter(|p| p.applies).count());
    let (points, max, _) = sum::combine(parts)?;
    let mean = quotient(points, n)?;
    Some((mean.value, max.checked_div(n)?, mean.exact))
}
