//! The methodology as data: a tree of groups whose leaves are indicators, plus level bands.
//!
//! This is the public wire format, identical in Rust, Python and JS: string ids, decimal
//! strings for caps and thresholds, snake_case enums, unknown fields rejected.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// The format version this crate reads and writes.
pub const FORMAT_VERSION: u32 = 1;

/// A methodology as written in JSON. Validate it with [`crate::Methodology::from_spec`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MethodologySpec {
    /// Must be [`FORMAT_VERSION`].
    pub format_version: u32,
    /// Stable short name, e.g. `index-2023`.
    pub id: String,
    /// Official Russian title.
    pub title: String,
    /// English title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title_en: Option<String>,
    /// The document the methodology comes from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// Remarks on the data (e.g. which names the source does not give).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
    /// Declared maximum of the total; checked against the sum of the groups when given.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "exact::option"
    )]
    pub max: Option<Decimal>,
    /// How the top-level groups add up to the total.
    #[serde(default)]
    pub aggregation: Aggregation,
    /// Level bands on the total, lowest first; empty when the methodology defines none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub levels: Vec<LevelBand>,
    /// Top-level groups (directions).
    pub groups: Vec<GroupSpec>,
}

/// A group of the tree: a direction, a criterion, a block.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GroupSpec {
    /// Stable id, e.g. `1.1`.
    pub id: String,
    /// What kind of group this is in the source (`direction`, `criterion`, …).
    pub kind: String,
    /// Official Russian title, `null` when the source does not give one.
    pub title: Option<String>,
    /// English title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title_en: Option<String>,
    /// Declared maximum, checked against the children when given.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "exact::option"
    )]
    pub max: Option<Decimal>,
    /// How the children add up.
    #[serde(default)]
    pub aggregation: Aggregation,
    /// Sub-groups (a group has sub-groups or indicators, not both).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub groups: Vec<GroupSpec>,
    /// Indicators (the leaves).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub indicators: Vec<IndicatorSpec>,
}

/// A leaf: one indicator with its cap.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IndicatorSpec {
    /// Stable id, e.g. `1.1.3`.
    pub id: String,
    /// Official Russian title, `null` when the source does not name the indicator.
    pub title: Option<String>,
    /// English title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title_en: Option<String>,
    /// The most points the indicator can give (greater than zero).
    #[serde(deserialize_with = "exact::decimal")]
    pub cap: Decimal,
    /// Whether `"n/a"` is allowed; it removes the indicator from the maximum.
    #[serde(default)]
    pub not_applicable: bool,
    /// How the points come from the value given.
    #[serde(default)]
    pub rule: Rule,
}

/// How an indicator's points come from the value a school gives.
///
/// Only [`Rule::Points`] exists today; later rules (bands on a number, a share of two
/// counts, yes/no, points per item present) become further variants of this enum.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub enum Rule {
    /// The value is the points, `0..=cap`.
    #[default]
    Points,
}

/// How a group's children add up.
///
/// Only [`Aggregation::Sum`] exists today; a weighted sum or a mean become further variants.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub enum Aggregation {
    /// Points and maxima are the sums of the children's.
    #[default]
    Sum,
}

/// A half-open band `from <= total < to` that names a level.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LevelBand {
    /// Stable level id, e.g. `high`.
    pub id: String,
    /// Russian title, e.g. `Высокий уровень`.
    pub title: String,
    /// English title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title_en: Option<String>,
    /// Inclusive lower bound; none means no lower bound.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "exact::option"
    )]
    pub from: Option<Decimal>,
    /// Exclusive upper bound; none means no upper bound.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "exact::option"
    )]
    pub to: Option<Decimal>,
}

/// Decimals of a methodology read from JSON exactly: decimal strings, or numbers from their
/// own digits (never through a binary float); a number a decimal cannot hold is an error.
mod exact {
    use rust_decimal::Decimal;
    use serde::de::{Deserialize, Deserializer, Error};
    use serde_json::value::RawValue;

    pub(super) fn decimal<'de, D: Deserializer<'de>>(d: D) -> Result<Decimal, D::Error> {
        let raw = Box::<RawValue>::deserialize(d)?;
        crate::input::decimal_from_json_text(raw.get()).map_err(D::Error::custom)
    }

    pub(super) fn option<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Decimal>, D::Error> {
        let raw = Option::<Box<RawValue>>::deserialize(d)?;
        raw.map(|r| crate::input::decimal_from_json_text(r.get()).map_err(D::Error::custom))
            .transpose()
    }
}

impl LevelBand {
    /// Whether `total` falls into this band.
    ///
    /// ```
    /// use rust_decimal::Decimal;
    /// use vsoko::LevelBand;
    /// let medium = LevelBand { id: "medium".into(), title: "Средний уровень".into(), title_en: None,
    ///     from: Some(Decimal::from(70)), to: Some(Decimal::from(110)) };
    /// assert!(medium.contains(Decimal::from(70)));
    /// assert!(!medium.contains(Decimal::from(110)));
    /// ```
    pub fn contains(&self, total: Decimal) -> bool {
        self.from.is_none_or(|f| total >= f) && self.to.is_none_or(|t| total < t)
    }
}
