//! `share`: `yes ÷ of × scale`, optionally mapped to points by bands; a zero denominator
//! means nothing to ask, so the indicator does not apply.

use super::{Build, Fault, RuleSpec, RuleType, share_of};
use crate::decimal::Computed;
use crate::methodology::bands::{PointsBand, find_band};
use crate::methodology::inputs::MeasureKind;
use crate::reason::Flaw;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// One share as written: numerator and denominator input ids.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ShareSpec {
    /// Numerator input.
    pub yes: String,
    /// Denominator input.
    pub of: String,
}

/// A share of two counts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShareRule {
    /// Numerator input.
    pub yes: usize,
    /// Denominator input.
    pub of: usize,
    /// What a whole share is worth.
    pub scale: Decimal,
    /// Bands from the scaled share to points; empty: the scaled share is the points.
    pub bands: Vec<PointsBand>,
}

pub(super) const COUNTS: &[MeasureKind] = &[MeasureKind::Count];

pub(super) fn pair(b: &mut Build, yes: &str, of: &str, rule: RuleType) -> Option<(usize, usize)> {
    let y = b.input(yes, COUNTS, rule);
    let o = b.input(of, COUNTS, rule);
    Some((y?, o?))
}

/// The scale: given and positive, or the cap; without bands it must be the cap.
pub(super) fn scale(spec: &RuleSpec, b: &mut Build, banded: bool) -> Option<Decimal> {
    let scale = match spec.scale {
        Some(s) => b.positive("scale", s)?,
        None => b.cap,
    };
    if !banded && scale != b.cap {
        b.flaw(Flaw::ScaleNotCap { scale, cap: b.cap });
        return None;
    }
    Some(scale)
}

pub(super) fn build(spec: &RuleSpec, b: &mut Build) -> Option<ShareRule> {
    let yes = b.need("yes", spec.yes.as_ref(), RuleType::Share);
    let of = b.need("of", spec.of.as_ref(), RuleType::Share);
    let banded = !spec.bands.is_empty();
    let scale = scale(spec, b, banded);
    let bands_ok = !banded || b.bands(&spec.bands);
    let (yes, of) = pair(b, &yes?, &of?, RuleType::Share)?;
    bands_ok.then_some(ShareRule {
        yes,
        of,
        scale: scale?,
        bands: spec.bands.clone(),
    })
}

/// `Ok(None)` for a zero denominator; a fault when the numerator exceeds it.
pub(super) fn one(
    yes: usize,
    of: usize,
    scale: Decimal,
    n: &dyn Fn(usize) -> Decimal,
) -> Result<Option<Computed>, Fault> {
    let (y, o) = (n(yes), n(of));
    // 0 of 0 is nothing to ask (n/a); 5 of 0 is bad data, never silently dropped.
    if y > o {
        return Err(Fault::YesOverOf {
            yes,
            value: y,
            of: o,
        });
    }
    if o.is_zero() {
        return Ok(None);
    }
    Ok(Some(share_of(y, o, scale)))
}

impl ShareRule {
    pub(super) fn points(&self, n: &dyn Fn(usize) -> Decimal) -> Result<Option<Decimal>, Fault> {
        let Some(Computed {
            value: share,
            exact,
        }) = one(self.yes, self.of, self.scale, n)?
        else {
            return Ok(None);
        };
        if self.bands.is_empty() {
            return if exact {
                Ok(Some(share))
            } else {
                Err(Fault::Inexact { value: share })
            };
        }
        find_band(&self.bands, share)
            .map(|band| Some(band.points))
            .ok_or(Fault::NoBand {
                input: self.yes,
                value: share,
            })
    }

    pub(super) fn explain(&self, n: &dyn Fn(usize) -> Decimal, points: &str) -> String {
        let (y, o) = (n(self.yes), n(self.of));
        if o.is_zero() {
            return format!("{y} / 0 → n/a");
        }
        let share = share_of(y, o, self.scale).value;
        if self.bands.is_empty() {
            format!("{y} / {o} × {} = {points}", self.scale)
        } else {
            format!("{y} / {o} × {} = {share} → {points}", self.scale)
        }
    }
}
