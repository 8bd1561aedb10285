//! Aggregations: how a group's children (sub-groups or indicators) make its points and maximum.
//! One file per kind; [`combine`] is the one place a group's points and maximum are computed,
//! used when a methodology is built (maxima) and when a school is scored.

mod mean;
mod sum;
mod weighted_sum;

use crate::methodology::exact;
use rust_decimal::Decimal;
use serde::de;
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// An aggregation as written in JSON.
///
/// ```
/// let a: vsoko::methodology::Aggregation =
///     serde_json::from_str(r#"{"type": "weighted_sum", "weights": {"1.1": "0.3", "1.2": 0.7}}"#).unwrap();
/// assert_eq!(a.weights.unwrap().0[1].1.to_string(), "0.7");
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Aggregation {
    /// The kind.
    #[serde(rename = "type")]
    pub kind: AggregationType,
    /// One weight per child id (`weighted_sum`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weights: Option<Weights>,
}

/// The kinds of aggregation.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AggregationType {
    /// Sums of points and maxima.
    #[default]
    Sum,
    /// Weighted sums; an n/a child's weight is spread over the others.
    WeightedSum,
    /// Means over the applicable children.
    Mean,
}

impl AggregationType {
    /// The JSON name.
    pub fn as_str(self) -> &'static str {
        match self {
            AggregationType::Sum => "sum",
            AggregationType::WeightedSum => "weighted_sum",
            AggregationType::Mean => "mean",
        }
    }
}

impl Aggregation {
    /// Whether this is the default plain sum (left out when written).
    pub fn is_sum(&self) -> bool {
        *self == Aggregation::default()
    }
}

/// Child id → weight, in the order written; a key given twice is kept so validation can
/// report it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Weights(pub Vec<(String, Decimal)>);

/// One child's contribution.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Part {
    /// Points.
    pub points: Decimal,
    /// Maximum.
    pub max: Decimal,
    /// Whether it applies (an n/a child is left out).
    pub applies: bool,
}

impl Part {
    /// A part that does not apply.
    pub const NOT_APPLICABLE: Part = Part {
        points: Decimal::ZERO,
        max: Decimal::ZERO,
        applies: false,
    };
}

/// A built aggregation: weights aligned with the group's children.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Combine {
    /// See [`AggregationType::Sum`].
    Sum,
    /// Weights in child order.
    WeightedSum(Vec<Decimal>),
    /// See [`AggregationType::Mean`].
    Mean,
}

/// A group's points and maximum from its children's; `None` when a sum leaves the decimal
/// range (reported when the methodology is built, so scoring never meets it).
///
/// ```
/// use vsoko::methodology::{combine, Combine, Part};
/// use rust_decimal_macros::dec;
/// let parts = [Part { points: dec!(80), max: dec!(100), applies: true }, Part::NOT_APPLICABLE];
/// let p = combine(&Combine::WeightedSum(vec![dec!(0.6), dec!(0.4)]), &parts).unwrap();
/// assert_eq!((p.points, p.max), (dec!(80), dec!(100)));
/// ```
pub fn combine(how: &Combine, parts: &[Part]) -> Option<Part> {
    combine_exact(how, parts).map(|(part, _)| part)
}

/// [`combine`], telling also whether the points are exact: a mean or a weighted sum can need
/// more digits than a decimal holds, and is then cut to them.
///
/// ```
/// use vsoko::methodology::{combine_exact, Combine, Part};
/// use rust_decimal_macros::dec;
/// let p = |x| Part { points: x, max: dec!(2), applies: true };
/// assert!(!combine_exact(&Combine::Mean, &[p(dec!(1)), p(dec!(1)), p(dec!(2))]).unwrap().1);
/// assert!(combine_exact(&Combine::Mean, &[p(dec!(1)), p(dec!(2))]).unwrap().1);
/// ```
pub fn combine_exact(how: &Combine, parts: &[Part]) -> Option<(Part, bool)> {
    if !parts.iter().any(|p| p.applies) {
        return Some((Part::NOT_APPLICABLE, true));
    }
    let (points, max, exact) = match how {
        Combine::Sum => sum::combine(parts)?,
        Combine::WeightedSum(w) => weighted_sum::combine(w, parts)?,
        Combine::Mean => mean::combine(parts)?,
    };
    let part = Part {
        points: points.normalize(),
        max: max.normalize(),
        applies: true,
    };
    Some((part, exact))
}

impl Serialize for Weights {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            m.serialize_entry(k, v)?;
        }
        m.end()
    }
}

impl<'de> Deserialize<'de> for Weights {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let entries = crate::entries::Entries::<Exact>::deserialize(d)?;
        Ok(Weights(
            entries.0.into_iter().map(|(k, w)| (k, w.0)).collect(),
        ))
    }
}

/// A decimal read exactly, as a map value.
struct Exact(Decimal);

impl<'de> Deserialize<'de> for Exact {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        exact::decimal(d).map(Exact).map_err(de::Error::custom)
    }
}
