//! `mean`: the plain means of the applicable children's points and maxima.

use super::{Part, sum};
use rust_decimal::Decimal;

pub(super) fn combine(parts: &[Part]) -> Option<(Decimal, Decimal)> {
    let n = Decimal::from(parts.iter().filter(|p| p.applies).count());
    let (points, max) = sum::combine(parts)?;
    Some((points.checked_div(n)?, max.checked_div(n)?))
}
