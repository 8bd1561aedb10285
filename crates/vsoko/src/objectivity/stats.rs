//! The statistics of the signs, exact where they can be: means, variances and rank covariances
//! are exact; Spearman's ρ is rounded exactly from integer rank sums (see [`spearman`]); whether a
//! school's interval lies above a bound is decided by comparing squares, without a root (see
//! [`Moments::lower_above`]). Only the interval ends shown as evidence take `rust_decimal`'s
//! `sqrt` (28 significant digits). The sign of a correlation is decided from the exact
//! covariance, never from a rounded value.

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

    /// Whether the 95 % interval's lower end, mean − 1.96·s/√n, lies strictly above `bound`:
    /// mean − bound > 0 and (mean − bound)² > 1.96²·s²/n, squares compared without a root.
    /// `None` with fewer than two values.
    ///
    /// ```
    /// use rust_decimal_macros::dec;
    /// let mut m = vsoko::objectivity::Moments::default();
    /// for x in [dec!(10), dec!(12)] { m.add(x).unwrap(); }
    /// // mean 11, s² = 2, half-width 1.96·√(2/2) = 1.96: the lower end is 9.04.
    /// assert_eq!(m.lower_above(dec!(9.03)), Some(true));
    /// assert_eq!(m.lower_above(dec!(9.04)), Some(false));
    /// ```
    pub fn lower_above(&self, bound: Decimal) -> Option<bool> {
        if self.n < 2 {
            return None;
        }
        if let Some(clear) = self.lower_above_clearly(bound) {
            return Some(clear);
        }
        let gap = self.mean()?.checked_sub(bound)?;
        let spread = T95
            .checked_mul(T95)?
            .checked_mul(self.variance()?)?
            .checked_div(Decimal::from(self.n))?;
        Some(gap > Decimal::ZERO && gap.checked_mul(gap)? > spread)
    }

    /// A float filter for [`Moments::lower_above`]: the answer when the bound lies clearly off
    /// the lower end, `None` near it (then exact decimals decide). The margin, 10⁻⁶ of the
    /// magnitudes involved, is far above the float error even for a variance near zero (where
    /// the root's error is at most √(2·10⁻¹⁶·Σx²)/n).
    #[expect(
        clippy::cast_precision_loss,
        reason = "a filter; near a tie the exact path decides"
    )]
    fn lower_above_clearly(&self, bound: Decimal) -> Option<bool> {
        use rust_decimal::prelude::ToPrimitive;
        let (n, s, q, b) = (
            self.n as f64,
            self.sum.to_f64()?,
            self.sum_sq.to_f64()?,
            bound.to_f64()?,
        );
        let mean = s / n;
        let variance = ((q - s * s / n) / (n - 1.0)).max(0.0);
        let lower = mean - 1.96 * (variance / n).sqrt();
        let margin = 1e-6 * (1.0 + mean.abs() + (q / n).sqrt() + b.abs());
        if !(lower.is_finite() && margin.is_finite()) {
            return None;
        }
        if lower > b + margin {
            Some(true)
        } else if lower < b - margin {
            Some(false)
        } else {
            None
        }
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

/// Twice the average ranks (1-based), in input order: integers, since tied values at sorted
/// positions `start..=end` (0-based) share the rank `(start + end + 2) / 2`.
fn doubled_ranks<T: Ord>(values: &[T]) -> Vec<i64> {
    let mut order: Vec<(&T, usize)> = values.iter().zip(0..).collect();
    order.sort_unstable();
    let mut out = vec![0i64; values.len()];
    let mut start = 0i64;
    for run in order.chunk_by(|a, b| a.0 == b.0) {
        let end = start + i64::try_from(run.len()).unwrap_or(i64::MAX) - 1;
        for (_, i) in run {
            if let Some(slot) = out.get_mut(*i) {
                *slot = start + end + 2;
            }
        }
        start = end + 1;
    }
    out
}

/// Average ranks (1-based; ties share the mean of their positions) of values, in input order.
///
/// ```
/// use rust_decimal_macros::dec;
/// let r = vsoko::objectivity::ranks(&[dec!(10), dec!(20), dec!(10)]);
/// assert_eq!(r, [dec!(1.5), dec!(3), dec!(1.5)]);
/// ```
pub fn ranks<T: Ord>(values: &[T]) -> Vec<Decimal> {
    doubled_ranks(values)
        .into_iter()
        .map(|r| Decimal::from(r) / Decimal::TWO)
        .collect()
}

/// Places of a reported Spearman's ρ.
pub const RHO_PLACES: u32 = 4;

/// Spearman's rank correlation: the exact covariance of the ranks (its sign) and ρ rounded to
/// [`RHO_PLACES`] (half away from zero); `None` when fewer than two pairs or a constant variable.
///
/// The ranks are counted in integers (twice the average rank), so the covariance and both
/// variances are exact; ρ = cov / √(vx·vy) is rounded exactly, without a square root, by finding
/// the integer q with (2q − 1)²·vx·vy ≤ 4·(cov·10⁴)² < (2q + 1)²·vx·vy. Only samples too large for
/// 128-bit integers (tens of thousands of pupils in one group) take a 28-digit decimal root.
///
/// ```
/// use rust_decimal_macros::dec;
/// let (cov, rho) = vsoko::objectivity::spearman(&[1, 2, 3, 4], &[1, 3, 2, 4]).unwrap();
/// assert_eq!((cov, rho.to_string().as_str()), (dec!(4), "0.8000"));
/// ```
pub fn spearman<X: Ord, Y: Ord>(xs: &[X], ys: &[Y]) -> Option<(Decimal, Decimal)> {
    if xs.len() != ys.len() || xs.len() < 2 {
        return None;
    }
    let n1 = i64::try_from(xs.len()).ok()?.checked_add(1)?;
    let (rx, ry) = (doubled_ranks(xs), doubled_ranks(ys));
    // Deviations of the doubled ranks from the doubled mean rank (n + 1): twice the usual ones.
    let (mut cov, mut vx, mut vy) = (0i128, 0i128, 0i128);
    for (a, b) in rx.iter().zip(&ry) {
        let (da, db) = (i128::from(a - n1), i128::from(b - n1));
        cov = cov.checked_add(da * db)?;
        vx = vx.checked_add(da * da)?;
        vy = vy.checked_add(db * db)?;
    }
    if vx == 0 || vy == 0 {
        return None;
    }
    let rho = rounded_ratio(cov, vx, vy).or_else(|| {
        let d = |v: i128| Decimal::try_from_i128_with_scale(v, 0).ok();
        let root = d(vx)?.checked_mul(d(vy)?)?.sqrt()?;
        Some(
            d(cov)?
                .checked_div(root)?
                .round_dp_with_strategy(RHO_PLACES, crate::decimal::ROUNDING),
        )
    })?;
    // The doubled deviations make the covariance four times the usual one.
    let cov = Decimal::try_from_i128_with_scale(cov, 0).ok()? / Decimal::from(4);
    Some((cov, rho))
}

/// cov / √(vx·vy) rounded to [`RHO_PLACES`] half away from zero, in integers; `None` on overflow.
fn rounded_ratio(cov: i128, vx: i128, vy: i128) -> Option<Decimal> {
    let scale = 10i128.pow(RHO_PLACES);
    let p = vx.checked_mul(vy)?;
    let a = cov.checked_abs()?.checked_mul(scale)?;
    let four_a2 = a.checked_mul(a)?.checked_mul(4)?;
    // |ρ| ≤ 1, so q lies in 0..=scale; start from the float estimate and settle it exactly.
    #[expect(
        clippy::cast_precision_loss,
        clippy::cast_possible_truncation,
        reason = "only a first guess; the exact checks below decide"
    )]
    let mut q = ((a as f64) / (p as f64).sqrt())
        .round()
        .clamp(0.0, scale as f64) as i128;
    let bound = |k: i128| -> Option<i128> { (2 * k + 1).checked_mul(2 * k + 1)?.checked_mul(p) };
    while q > 0 && bound(q - 1)? > four_a2 {
        q -= 1;
    }
    while bound(q)? <= four_a2 {
        q += 1;
    }
    let q = if cov < 0 { -q } else { q };
    Some(Decimal::new(i64::try_from(q).ok()?, RHO_PLACES))
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
