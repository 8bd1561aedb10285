//! The layout of the table fast lane for a plain methodology (every indicator its own points
//! input `0..=cap`, every group and the total a plain sum, nothing rounded), worked out once per
//! methodology; the adding-up loops are in `scoring::plain`.

use super::{Combine, MeasureKind, Methodology, Rule};
use rust_decimal::Decimal;

/// What the lane needs of a plain methodology.
#[derive(Debug, Clone)]
pub(crate) struct Plain {
    /// Per input: its indicator's group and its cap in hundredths.
    pub(crate) inputs: Vec<(usize, i64)>,
    /// Per indicator: the input it reads.
    pub(crate) indicators: Vec<usize>,
    /// Per group: its parent (children come after their parent).
    pub(crate) parents: Vec<Option<usize>>,
    /// Per group: its maximum (no n/a in a row this lane finishes, so it is the same for all).
    pub(crate) group_max: Vec<Decimal>,
    /// The maximum total (no n/a in a row this lane finishes, so it is the same for all).
    pub(crate) max: Decimal,
}

/// `d` in whole hundredths, when it has at most two places and is well inside `i64`.
pub(crate) fn hundredths(d: Decimal) -> Option<i64> {
    let scale = d.scale();
    if scale > 2 {
        return None;
    }
    let h = d.mantissa().checked_mul(10i128.pow(2 - scale))?;
    i64::try_from(h).ok().filter(|h| h.unsigned_abs() < 1 << 53)
}

impl Plain {
    /// The lane for `m`, or `None` when `m` is not plain.
    pub(crate) fn of(m: &Methodology) -> Option<Plain> {
        let sum = |c: &Combine| matches!(c, Combine::Sum);
        if m.rounding().is_some()
            || !sum(m.total_aggregation())
            || !m.groups().iter().all(|g| sum(&g.aggregation))
            || m.indicators().len() != m.inputs().len()
        {
            return None;
        }
        let mut inputs = vec![None; m.inputs().len()];
        let mut indicators = Vec::with_capacity(m.indicators().len());
        for ind in m.indicators() {
            let Rule::Points(r) = &ind.rule else {
                return None;
            };
            let input = m.inputs().get(r.input)?;
            if ind.reads.as_slice() != [r.input]
                || input.kind != MeasureKind::Points
                || input.max != Some(ind.cap)
            {
                return None;
            }
            let slot = inputs.get_mut(r.input)?;
            if slot.is_some() {
                return None;
            }
            *slot = Some((ind.group, hundredths(ind.cap)?));
            indicators.push(r.input);
        }
        // Every sum of a row stays below the total maximum, which must fit the lane; with no
        // n/a in a row the lane finishes, the maxima are the methodology's own.
        hundredths(m.max())?;
        Some(Plain {
            inputs: inputs.into_iter().collect::<Option<Vec<_>>>()?,
            indicators,
            parents: m.groups().iter().map(|g| g.parent).collect(),
            group_max: m.groups().iter().map(|g| g.max).collect(),
            max: m.max(),
        })
    }
}
