//! The methodology as data: a tree of groups whose leaves are indicators, plus level bands.
//!
//! This is the public wire format, identical in Rust, Python and JS: string ids, decimal
//! strings for caps and thresholds, snake_case enums, unknown fields rejected.

use super::aggregation::Aggregation;
use super::bands::Band;
use super::exact;
use super::inputs::InputSpec;
use super::rounding::Rounding;
use super::rules::RuleSpec;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// The newest format version this crate reads and writes (version 1 files still load).
pub const FORMAT_VERSION: u32 = 2;

/// A methodology as written in JSON. Validate it with [`crate::Methodology::from_spec`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MethodologySpec {
    /// 1 (every value is points) or 2 (inputs and rules); see `docs/methodology-format.md`.
    pub format_version: u32,
    /// Stable short name, e.g. `index-2023`.
    pub id: String,
    /// Official Russian title.
    pub title: String,
    /// English title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title_en: Option<String>,
    /// A short Russian name for lists, headings and menus («Индекс качества общего
    /// образования»): ours, not an official title; the title stands in when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub short_title: Option<String>,
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
    #[serde(default, skip_serializing_if = "Aggregation::is_sum")]
    pub aggregation: Aggregation,
    /// Where and how points are rounded; none means everything stays exact.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rounding: Option<Rounding>,
    /// Raw measures the rules read (version 2); a `points` rule without an input reads an
    /// implicit one with the indicator's own id.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub inputs: Vec<InputSpec>,
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
    #[serde(default, skip_serializing_if = "Aggregation::is_sum")]
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
    /// How the points come from the inputs.
    #[serde(default, skip_serializing_if = "RuleSpec::is_default")]
    pub rule: RuleSpec,
    /// Which way its value is better, for ratings; more unless declared `"less"`.
    #[serde(default, skip_serializing_if = "Direction::is_more")]
    pub direction: Direction,
}

/// Which way an indicator's value is better in a rating (DOMAIN §8: the direction is declared
/// per indicator in the data, never guessed): `more` (the default) or `less` (a share of
/// pupils below the minimum, say).
///
/// ```
/// use vsoko::methodology::Direction;
/// assert!(Direction::default().is_more());
/// assert_eq!(serde_json::from_str::<Direction>(r#""less""#).unwrap(), Direction::Less);
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// A higher value is better.
    #[default]
    More,
    /// A lower value is better.
    Less,
}

impl Direction {
    /// Whether a higher value is better.
    #[allow(clippy::trivially_copy_pass_by_ref)] // serde's `skip_serializing_if` passes a reference
    pub fn is_more(&self) -> bool {
        *self == Direction::More
    }
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
        Band::contains(self, total)
    }
}

impl Band for LevelBand {
    fn from(&self) -> Option<Decimal> {
        self.from
    }
    fn to(&self) -> Option<Decimal> {
        self.to
    }
}
