//! Inputs: the raw measures a school gives (a count, a number, yes/no, or points), each with
//! its bounds. Rules turn them into an indicator's points.

use super::exact;
use crate::error::Error;
use crate::input::Value;
pub use crate::measure::MeasureKind;
use crate::reason::ValueReason;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// A declared input.
///
/// ```
/// let spec: vsoko::methodology::InputSpec =
///     serde_json::from_str(r#"{"id": "1.2.channels", "kind": "count", "max": "5"}"#).unwrap();
/// assert_eq!(spec.kind, vsoko::methodology::MeasureKind::Count);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InputSpec {
    /// Stable id, e.g. `1.1.stand_placed`.
    pub id: String,
    /// Russian title, `null` when the source gives none.
    #[serde(default)]
    pub title: Option<String>,
    /// English title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title_en: Option<String>,
    /// What kind of measure it is.
    pub kind: MeasureKind,
    /// Inclusive lower bound (`number` only).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "exact::option"
    )]
    pub min: Option<Decimal>,
    /// Inclusive upper bound (`points`, `count`, `number`).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "exact::option"
    )]
    pub max: Option<Decimal>,
    /// Whether `"n/a"` is allowed.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub not_applicable: bool,
}

/// An input of a validated methodology.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    /// Stable id.
    pub id: String,
    /// Russian title.
    pub title: Option<String>,
    /// English title.
    pub title_en: Option<String>,
    /// Its kind.
    pub kind: MeasureKind,
    /// Inclusive lower bound (0 for points and counts).
    pub min: Option<Decimal>,
    /// Inclusive upper bound.
    pub max: Option<Decimal>,
    /// Whether `"n/a"` is allowed.
    pub not_applicable: bool,
    /// Whether it was declared (`false`: the implicit input of a `points` indicator).
    pub declared: bool,
}

/// What an input came to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Given {
    /// A checked number (yes = 1, no = 0).
    Number(Decimal),
    /// No value.
    Missing,
    /// `"n/a"`.
    NotApplicable,
}

impl Input {
    /// Checks a value against the input's kind and bounds.
    ///
    /// # Errors
    /// [`Error::ValueOutOfRange`] (points outside `0..=max`), [`Error::InvalidValue`] (a count
    /// not whole, not yes/no, a count or number under or over its bound, a yes/no value for a
    /// number), [`Error::NotApplicableForbidden`].
    pub fn accept(&self, value: Value) -> Result<Given, Error> {
        let id = || self.id.clone();
        let invalid = |reason| Error::InvalidValue { id: id(), reason };
        let x = match value {
            Value::Missing => return Ok(Given::Missing),
            Value::NotApplicable if self.not_applicable => return Ok(Given::NotApplicable),
            Value::NotApplicable => return Err(Error::NotApplicableForbidden { id: id() }),
            Value::YesNo(b) if self.kind == MeasureKind::YesNo => {
                return Ok(Given::Number(if b { Decimal::ONE } else { Decimal::ZERO }));
            }
            Value::YesNo(b) => return Err(invalid(ValueReason::YesNo(b))),
            // `normalize` also turns -0 into 0.
            Value::Points(x) => x.normalize(),
        };
        match self.kind {
            MeasureKind::Points => {
                let max = self.max.unwrap_or(Decimal::MAX);
                if x < Decimal::ZERO || x > max {
                    return Err(Error::ValueOutOfRange {
                        id: id(),
                        value: x,
                        min: Decimal::ZERO,
                        max,
                    });
                }
            }
            MeasureKind::YesNo => {
                if x != Decimal::ZERO && x != Decimal::ONE {
                    return Err(invalid(ValueReason::NotYesNo { value: x }));
                }
            }
            MeasureKind::Count | MeasureKind::Number => {
                if self.kind == MeasureKind::Count && x.fract() != Decimal::ZERO {
                    return Err(invalid(ValueReason::NotWhole { value: x }));
                }
                if let Some(min) = self.min
                    && x < min
                {
                    return Err(invalid(ValueReason::Below { value: x, min }));
                }
                if let Some(max) = self.max
                    && x > max
                {
                    return Err(invalid(ValueReason::Above { value: x, max }));
                }
            }
        }
        Ok(Given::Number(x))
    }

    pub(crate) fn from_spec(spec: &InputSpec) -> Input {
        let min = match spec.kind {
            MeasureKind::Points | MeasureKind::Count => Some(Decimal::ZERO),
            MeasureKind::Number => spec.min,
            MeasureKind::YesNo => None,
        };
        Input {
            id: spec.id.clone(),
            title: spec.title.clone(),
            title_en: spec.title_en.clone(),
            kind: spec.kind,
            min,
            max: spec.max,
            not_applicable: spec.not_applicable,
            declared: true,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn input(kind: MeasureKind, max: Option<Decimal>) -> Input {
        Input::from_spec(&InputSpec {
            id: "x".into(),
            title: None,
            title_en: None,
            kind,
            min: None,
            max,
            not_applicable: false,
        })
    }

    #[test]
    fn kinds_check_their_values() {
        let count = input(MeasureKind::Count, Some(dec!(5)));
        assert_eq!(
            count.accept(Value::Points(dec!(5.0))),
            Ok(Given::Number(dec!(5)))
        );
        assert_eq!(
            count.accept(Value::Points(dec!(2.5))).unwrap_err().code(),
            "invalid_value"
        );
        assert_eq!(
            count.accept(Value::Points(dec!(-1))).unwrap_err().code(),
            "invalid_value"
        );
        assert_eq!(
            count.accept(Value::Points(dec!(6))).unwrap_err().code(),
            "invalid_value"
        );
        assert_eq!(
            count.accept(Value::YesNo(true)).unwrap_err().code(),
            "invalid_value"
        );
        let yes = input(MeasureKind::YesNo, None);
        assert_eq!(
            yes.accept(Value::YesNo(true)),
            Ok(Given::Number(Decimal::ONE))
        );
        assert_eq!(
            yes.accept(Value::Points(dec!(0))),
            Ok(Given::Number(Decimal::ZERO))
        );
        assert_eq!(
            yes.accept(Value::Points(dec!(2))).unwrap_err().code(),
            "invalid_value"
        );
        assert_eq!(
            yes.accept(Value::NotApplicable).unwrap_err().code(),
            "not_applicable_forbidden"
        );
        let points = input(MeasureKind::Points, Some(dec!(3)));
        assert_eq!(
            points.accept(Value::Points(dec!(3.5))).unwrap_err().code(),
            "value_out_of_range"
        );
        assert_eq!(points.accept(Value::Missing), Ok(Given::Missing));
    }
}
