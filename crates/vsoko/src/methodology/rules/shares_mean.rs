//! `shares_mean`: the plain mean of several shares (order 344н's stand-and-website
//! indicators); a share with a zero denominator is left out, all of them zero → n/a.

use super::share::{one, pair};
use super::{Build, Fault, RuleSpec, RuleType, share_of};
use rust_decimal::Decimal;

/// The mean of several shares.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SharesMeanRule {
    /// (numerator, denominator) inputs.
    pub shares: Vec<(usize, usize)>,
    /// What a whole share is worth.
    pub scale: Decimal,
}

pub(super) fn build(spec: &RuleSpec, b: &mut Build) -> Option<SharesMeanRule> {
    let shares = b.need(
        "shares",
        (!spec.shares.is_empty()).then_some(&spec.shares),
        RuleType::SharesMean,
    )?;
    let scale = super::share::scale(spec, b, false);
    let pairs: Vec<Option<(usize, usize)>> = shares
        .iter()
        .map(|s| pair(b, &s.yes, &s.of, RuleType::SharesMean))
        .collect();
    Some(SharesMeanRule {
        shares: pairs.into_iter().collect::<Option<_>>()?,
        scale: scale?,
    })
}

impl SharesMeanRule {
    pub(super) fn points(&self, n: &dyn Fn(usize) -> Decimal) -> Result<Option<Decimal>, Fault> {
        // Sum the unscaled shares and scale once, so 0.5·(a/b + c/d)·100 stays as exact as it can.
        let mut sum = Decimal::ZERO;
        let mut exact = true;
        let mut count = 0u32;
        for &(yes, of) in &self.shares {
            if let Some(s) = one(yes, of, Decimal::ONE, n)? {
                let next = sum.checked_add(s.value);
                exact &= s.exact && next.is_some();
                sum = next.unwrap_or(sum);
                count += 1;
            }
        }
        if count == 0 {
            return Ok(None);
        }
        let mean = share_of(sum, Decimal::from(count), self.scale);
        if exact && mean.exact {
            Ok(Some(mean.value))
        } else {
            Err(Fault::Inexact { value: mean.value })
        }
    }

    pub(super) fn explain(&self, n: &dyn Fn(usize) -> Decimal, points: &str) -> String {
        // Only the shares that count (a 0-of-0 share is left out of the mean).
        let parts: Vec<String> = self
            .shares
            .iter()
            .filter(|&&(_, o)| !n(o).is_zero())
            .map(|&(y, o)| format!("{} / {}", n(y), n(o)))
            .collect();
        format!(
            "({}) / {} × {} = {points}",
            parts.join(" + "),
            parts.len(),
            self.scale
        )
    }
}
