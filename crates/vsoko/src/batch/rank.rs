//! Ranking schools within a batch (the "rating of the schools of one municipality" of the webinar «Внутренняя система оценки качества образования в школе: опыт и новые решения», ИРО ПК).

use crate::decimal::ROUNDING;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// A school's place in its batch.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rank {
    /// 1 for the highest total; equal totals share a place and the next place is skipped
    /// ("1, 2, 2, 4").
    pub position: usize,
    /// Percentile rank: the share of schools below, counting ties as half, times 100,
    /// to one decimal place (the best of 10 distinct totals is 95, the worst 5).
    pub percentile: Decimal,
}

/// Ranks of `totals`, in the same order.
///
/// ```
/// use rust_decimal::Decimal;
/// let totals: Vec<Decimal> = [90, 120, 90, 60].into_iter().map(Decimal::from).collect();
/// let ranks = vsoko::batch::ranks(&totals);
/// let positions: Vec<_> = ranks.iter().map(|r| r.position).collect();
/// assert_eq!(positions, [2, 1, 2, 4]);
/// assert_eq!(ranks[1].percentile.to_string(), "87.5");
/// ```
pub fn ranks(totals: &[Decimal]) -> Vec<Rank> {
    let mut sorted = totals.to_vec();
    sorted.sort_unstable();
    let n = Decimal::from(sorted.len().max(1));
    totals
        .iter()
        .map(|t| {
            let below = sorted.partition_point(|x| x < t);
            let up_to = sorted.partition_point(|x| x <= t);
            let equal = up_to - below;
            let percentile = (Decimal::from(below) + Decimal::from(equal) / Decimal::TWO)
                * Decimal::ONE_HUNDRED
                / n;
            Rank {
                position: sorted.len() - up_to + 1,
                percentile: percentile.round_dp_with_strategy(1, ROUNDING).normalize(),
            }
        })
        .collect()
}
