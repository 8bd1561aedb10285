//! `bands`: a number → the points of the half-open band it falls into.

use super::{Build, Fault, RuleSpec, RuleType};
use crate::methodology::bands::{Band, PointsBand, find_band};
use crate::methodology::inputs::MeasureKind;
use rust_decimal::Decimal;

/// Points by bands on a number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BandsRule {
    /// The input read.
    pub input: usize,
    /// The bands, lowest first.
    pub bands: Vec<PointsBand>,
}

pub(super) fn build(spec: &RuleSpec, b: &mut Build) -> Option<BandsRule> {
    let id = b.need("input", spec.input.as_ref(), RuleType::Bands);
    let ok = b.bands(&spec.bands);
    let kinds = [MeasureKind::Number, MeasureKind::Count, MeasureKind::Points];
    let input = b.input(&id?, &kinds, RuleType::Bands)?;
    ok.then(|| BandsRule {
        input,
        bands: spec.bands.clone(),
    })
}

impl BandsRule {
    pub(super) fn points(&self, n: &dyn Fn(usize) -> Decimal) -> Result<Decimal, Fault> {
        let value = n(self.input);
        find_band(&self.bands, value)
            .map(|b| b.points)
            .ok_or(Fault::NoBand {
                input: self.input,
                value,
            })
    }

    pub(super) fn explain(&self, n: &dyn Fn(usize) -> Decimal, points: &str) -> String {
        let value = n(self.input);
        match find_band(&self.bands, value) {
            Some(b) => {
                let from = b.from().map_or("−∞".to_string(), |f| f.to_string());
                let to = b.to().map_or("+∞".to_string(), |t| t.to_string());
                format!("{value} ∈ [{from}, {to}) → {points}")
            }
            None => format!("{value} → {points}"),
        }
    }
}
