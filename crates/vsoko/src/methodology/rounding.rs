//! Rounding a methodology declares: how many places, which way, and where. Nothing else is
//! ever rounded.

use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};

/// A rounding declaration.
///
/// ```
/// use rust_decimal_macros::dec;
/// let r: vsoko::methodology::Rounding = serde_json::from_str(
///     r#"{"places": 2, "mode": "half_away_from_zero", "at": ["indicators", "groups"]}"#).unwrap();
/// assert_eq!(r.round(dec!(3.125)), dec!(3.13));
/// assert!(r.at(vsoko::methodology::RoundAt::Groups));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rounding {
    /// Decimal places kept (at most 28).
    pub places: u32,
    /// Which way a half goes.
    pub mode: RoundingMode,
    /// Where points are rounded.
    pub at: Vec<RoundAt>,
}

/// Which way a half goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RoundingMode {
    /// 2.345 → 2.35, −2.345 → −2.35.
    HalfAwayFromZero,
    /// 2.345 → 2.34, 2.355 → 2.36 (banker's rounding).
    HalfEven,
}

/// Where points are rounded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RoundAt {
    /// Each indicator's points, right after its rule.
    Indicators,
    /// Each group's points, right after its aggregation.
    Groups,
    /// The total.
    Total,
}

impl Rounding {
    /// Whether points are rounded at `place`.
    pub fn at(&self, place: RoundAt) -> bool {
        self.at.contains(&place)
    }

    /// `x` rounded as declared (normalized: no trailing zeros).
    pub fn round(&self, x: Decimal) -> Decimal {
        let strategy = match self.mode {
            RoundingMode::HalfAwayFromZero => RoundingStrategy::MidpointAwayFromZero,
            RoundingMode::HalfEven => RoundingStrategy::MidpointNearestEven,
        };
        x.round_dp_with_strategy(self.places, strategy).normalize()
    }
}

/// Rounds `x` at `place` when `rounding` says so.
pub(crate) fn maybe(rounding: Option<&Rounding>, place: RoundAt, x: Decimal) -> Decimal {
    match rounding {
        Some(r) if r.at(place) => r.round(x),
        _ => x,
    }
}
