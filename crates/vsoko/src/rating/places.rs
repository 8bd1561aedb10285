//! Places with ties shared (competition ranking: 1, 2, 2, 4), better first, and the percentile
//! of a place.

use crate::decimal::ROUNDING;
use crate::methodology::Direction;
use rust_decimal::Decimal;

/// The place of each value (aligned with `values`): one more than the number of values
/// strictly better.
///
/// ```
/// use rust_decimal::Decimal;
/// use vsoko::methodology::Direction;
/// let v = [7, 9, 9, 3].map(Decimal::from);
/// assert_eq!(vsoko::rating::places(&v, Direction::More), vec![3, 1, 1, 4]);
/// assert_eq!(vsoko::rating::places(&v, Direction::Less), vec![2, 3, 3, 1]);
/// ```
pub fn places(values: &[Decimal], direction: Direction) -> Vec<usize> {
    let mut order: Vec<usize> = (0..values.len()).collect();
    let key = |i: &usize| values.get(*i).copied().unwrap_or_default();
    match direction {
        Direction::More => order.sort_by_key(|i| std::cmp::Reverse(key(i))),
        Direction::Less => order.sort_by_key(key),
    }
    let mut out = vec![0; values.len()];
    let mut previous: Option<(Decimal, usize)> = None;
    for (pos, i) in order.into_iter().enumerate() {
        let v = key(&i);
        let place = match previous {
            Some((p, place)) if p == v => place,
            _ => pos + 1,
        };
        previous = Some((v, place));
        if let Some(slot) = out.get_mut(i) {
            *slot = place;
        }
    }
    out
}

/// The percentile of a place among `n`: (n − place) ÷ (n − 1) × 100, 2 places; 100 for one.
///
/// ```
/// assert_eq!(vsoko::rating::percentile(1, 5).to_string(), "100.00");
/// assert_eq!(vsoko::rating::percentile(5, 5).to_string(), "0.00");
/// assert_eq!(vsoko::rating::percentile(2, 4).to_string(), "66.67");
/// ```
pub fn percentile(place: usize, n: usize) -> Decimal {
    if n <= 1 {
        return Decimal::new(10_000, 2);
    }
    let above = Decimal::from(n.saturating_sub(place));
    let value = above * Decimal::ONE_HUNDRED / Decimal::from(n - 1);
    let mut rounded = value.round_dp_with_strategy(2, ROUNDING);
    rounded.rescale(2);
    rounded
}
