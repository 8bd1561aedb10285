//! The statistics of the signs, exact where they can be: means, variances and rank covariances
//! are exact decimals; a square root (the interval's half-width, the correlation's denominator)
//! is taken with `rust_decimal`'s `sqrt` (28 significant digits). The sign of a correlation is
//! decided from the exact covariance, never from a rounded value.

use rust_decimal::{Decimal, MathematicalOps};

/// The t value of a 95 % interval used by the method.
pub const T95: Decimal = Decimal::from_parts(196, 0, 0, false, 2);

/// Running sums of one sample: count, sum, sum of squares (exact).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Moments {
    /// How many values.
    pub n: u64,
    /// Their sum.
    pub sum: Decimal,
    /// The sum of their squares.
    pub sum_sq: Decimal,
}

impl Moments {
    /// Adds a value; `None` when a sum leaves the decimal range.
    pub fn add(&mut self, x: Decimal) -> Option<()> {
        self.n += 1;
        self.sum = self.sum.checked_add(x)?;
        self.sum_sq = self.sum_sq.checked_add(x.checked_mul(x)?)?;
        Some(())
    }

    /// Adds another sample's sums.
    pub fn merge(&mut self, other: &Moments) -> Option<()> {
        self.n += other.n;
        self.sum = self.sum.checked_add(other.sum)?;
        self.sum_sq = self.sum_sq.checked_add(other.sum_sq)?;
        Some(())
    }

    /// The mean.
    pub fn mean(&self) -> Option<Decimal> {
        (self.n > 0)
            .then(|| self.sum.checked_div(Decimal::from(self.n)))
            .flatten()
    }

    /// The sample variance (n − 1 in the denominator), at least two values.
    pub fn variance(&self) -> Option<Decimal> {
        if self.n < 2 {
            return None;
        }
        let n = Decimal::from(self.n);
        let centered = self
            .sum_sq
            .checked_sub(self.sum.checked_mul(self.sum)?.checked_div(n)?)?;
        centered.max(Decimal::ZERO).checked_div(n - Decimal::ONE)
    }

    /// The 95 % interval of the mean: mean ± 1.96·s/√n.
    pub fn interval(&self) -> Option<(Decimal, Decimal)> {
        let mean = self.mean()?;
        let half = T95.checked_mul(
            self.variance()?
                .checked_div(Decimal::from(self.n))?
                .sqrt()?,
        )?;
        Some((mean.checked_sub(half)?, mean.checked_add(half)?))
    }
}

/// Average ranks (1-based; ties share the mean of their positions) of values, in input order.
pub fn ranks(values: &[Decimal]) -> Vec<Decimal> {
    let mut order: Vec<usize> = (0..values.len()).collect();
    order.sort_by_key(|&i| values.get(i).copied());
    let mut out = vec![Decimal::ZERO; values.len()];
    let mut start = 0;
    while start < order.len() {
        let value = order.get(start).and_then(|&i| values.get(i));
        let mut end = start;
        while end + 1 < order.len() && order.get(end + 1).and_then(|&i| values.get(i)) == value {
            end += 1;
        }
        // Positions start+1 ..= end+1; their mean:
        let rank = Decimal::from(start + end + 2) / Decimal::TWO;
        for &i in order.get(start..=end).unwrap_or_default() {
            if let Some(slot) = out.get_mut(i) {
                *slot = rank;
            }
        }
        start = end + 1;
    }
    out
}

/// Spearman's rank correlation: the exact covariance of the ranks (its sign) and ρ (rounded
/// at 28 digits by the square root); `None` when fewer than two pairs or a constant variable.
pub fn spearman(xs: &[Decimal], ys: &[Decimal]) -> Option<(Decimal, Decimal)> {
    if xs.len() != ys.len() || xs.len() < 2 {
        return None;
    }
    let (rx, ry) = (ranks(xs), ranks(ys));
    let mean = Decimal::from(xs.len() + 1) / Decimal::TWO;
    let (mut cov, mut vx, mut vy) = (Decimal::ZERO, Decimal::ZERO, Decimal::ZERO);
    for (a, b) in rx.iter().zip(&ry) {
        let (da, db) = (a - mean, b - mean);
        cov = cov.checked_add(da.checked_mul(db)?)?;
        vx = vx.checked_add(da.checked_mul(da)?)?;
        vy = vy.checked_add(db.checked_mul(db)?)?;
    }
    if vx.is_zero() || vy.is_zero() {
        return None;
    }
    let rho = cov.checked_div(vx.checked_mul(vy)?.sqrt()?)?;
    Some((cov, rho))
}

/// The `p`-quantile of sorted values by linear interpolation between order statistics
/// (position (n − 1)·p, as numpy's default).
pub fn quantile(sorted: &[Decimal], p: Decimal) -> Option<Decimal> {
    let last = sorted.len().checked_sub(1)?;
    let h = Decimal::from(last).checked_mul(p)?;
    let lo = h.floor();
    let i = usize::try_from(lo).ok()?;
    let x0 = *sorted.get(i)?;
    let x1 = sorted.get(i + 1).copied().unwrap_or(x0);
    x0.checked_add((h - lo).checked_mul(x1 - x0)?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn ranks_average_ties() {
        let r = ranks(&[dec!(10), dec!(20), dec!(10), dec!(30), dec!(20)]);
        assert_eq!(r, [dec!(1.5), dec!(3.5), dec!(1.5), dec!(5), dec!(3.5)]);
    }

    #[test]
    fn spearman_by_hand() {
        // Perfectly reversed: ρ = −1 exactly.
        let (cov, rho) =
            spearman(&[dec!(1), dec!(2), dec!(3)], &[dec!(3), dec!(2), dec!(1)]).unwrap();
        assert!(cov < Decimal::ZERO);
        assert_eq!(rho, dec!(-1));
        assert!(spearman(&[dec!(1), dec!(1)], &[dec!(1), dec!(2)]).is_none());
    }

    #[test]
    fn quantiles_interpolate() {
        let v = [dec!(1), dec!(2), dec!(3), dec!(4)];
        assert_eq!(quantile(&v, dec!(0.25)), Some(dec!(1.75)));
        assert_eq!(quantile(&v, dec!(0.75)), Some(dec!(3.25)));
        assert_eq!(quantile(&[dec!(5)], dec!(0.75)), Some(dec!(5)));
    }

    #[test]
    fn interval_of_a_sample() {
        let mut m = Moments::default();
        for x in [
            dec!(2),
            dec!(4),
            dec!(4),
            dec!(4),
            dec!(5),
            dec!(5),
            dec!(7),
            dec!(9),
        ] {
            m.add(x).unwrap();
        }
        assert_eq!(m.mean(), Some(dec!(5)));
        // s² = 32/7; half = 1.96·sqrt(32/7/8) = 1.96·sqrt(4/7) = 1.96·0.7559289… = 1.4816207…
        let (lo, hi) = m.interval().unwrap();
        assert_eq!(lo.round_dp(4), dec!(3.5184));
        assert_eq!(hi.round_dp(4), dec!(6.4816));
    }
}
