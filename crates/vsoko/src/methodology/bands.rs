//! Half-open bands `from <= x < to`, lowest first: the levels of a total and the points of a
//! `bands` or `share` rule are the same thing with a different label.

use super::exact;
use crate::reason::BandFlaw;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// A half-open interval `from <= x < to`; a missing bound is open.
pub trait Band {
    /// Inclusive lower bound.
    fn from(&self) -> Option<Decimal>;
    /// Exclusive upper bound.
    fn to(&self) -> Option<Decimal>;

    /// Whether `x` falls into the band.
    fn contains(&self, x: Decimal) -> bool {
        self.from().is_none_or(|f| x >= f) && self.to().is_none_or(|t| x < t)
    }
}

/// The band `x` falls into, if any.
///
/// ```
/// use vsoko::methodology::{find_band, PointsBand};
/// use rust_decimal::Decimal;
/// let bands = [PointsBand::new(None, Some(Decimal::from(50)), Decimal::ZERO),
///              PointsBand::new(Some(Decimal::from(50)), None, Decimal::from(2))];
/// assert_eq!(find_band(&bands, Decimal::from(50)).unwrap().points, Decimal::from(2));
/// ```
pub fn find_band<B: Band>(bands: &[B], x: Decimal) -> Option<&B> {
    bands.iter().find(|b| b.contains(x))
}

/// A band that gives points (a rule's band).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PointsBand {
    /// Inclusive lower bound; none on the lowest band means no bound.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "exact::option"
    )]
    pub from: Option<Decimal>,
    /// Exclusive upper bound; none on the highest band means no bound.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "exact::option"
    )]
    pub to: Option<Decimal>,
    /// The points a value in this band gives.
    #[serde(deserialize_with = "exact::decimal")]
    pub points: Decimal,
}

impl PointsBand {
    /// A band from its bounds and points.
    pub fn new(from: Option<Decimal>, to: Option<Decimal>, points: Decimal) -> PointsBand {
        PointsBand { from, to, points }
    }
}

impl Band for PointsBand {
    fn from(&self) -> Option<Decimal> {
        self.from
    }
    fn to(&self) -> Option<Decimal> {
        self.to
    }
}

/// Every flaw of a list of bands with the position of the band it concerns.
pub(crate) fn flaws<B: Band>(bands: &[B]) -> Vec<(usize, BandFlaw)> {
    let mut out = Vec::new();
    if bands.is_empty() {
        out.push((0, BandFlaw::None));
    }
    let last = bands.len().saturating_sub(1);
    for (i, b) in bands.iter().enumerate() {
        if let (Some(from), Some(to)) = (b.from(), b.to())
            && from >= to
        {
            out.push((i, BandFlaw::Empty { from, to }));
        }
        if b.from().is_none() && i != 0 {
            out.push((i, BandFlaw::OpenBelow));
        }
        if b.to().is_none() && i != last {
            out.push((i, BandFlaw::OpenAbove));
        }
    }
    for (i, pair) in bands.windows(2).enumerate() {
        if let [lo, hi] = pair
            && let (Some(previous_to), Some(from)) = (lo.to(), hi.from())
        {
            if from < previous_to {
                out.push((i + 1, BandFlaw::Overlaps { from, previous_to }));
            } else if from > previous_to {
                out.push((i + 1, BandFlaw::Gap { previous_to, from }));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn b(from: Option<i64>, to: Option<i64>) -> PointsBand {
        PointsBand::new(from.map(Decimal::from), to.map(Decimal::from), Decimal::ONE)
    }

    #[test]
    fn flaws_are_all_found() {
        assert_eq!(flaws::<PointsBand>(&[]), vec![(0, BandFlaw::None)]);
        let bands = [b(None, Some(10)), b(Some(5), Some(5)), b(None, None)];
        let kinds: Vec<_> = flaws(&bands).into_iter().map(|(i, _)| i).collect();
        assert_eq!(kinds, vec![1, 2, 1]);
        assert!(flaws(&[b(None, Some(1)), b(Some(1), None)]).is_empty());
        assert_eq!(
            flaws(&[b(None, Some(10)), b(Some(11), None)]),
            vec![(
                1,
                BandFlaw::Gap {
                    previous_to: Decimal::from(10),
                    from: Decimal::from(11)
                }
            )]
        );
    }

    #[test]
    fn a_boundary_goes_to_the_upper_band() {
        let bands = [b(None, Some(10)), b(Some(10), None)];
        let found = find_band(&bands, Decimal::from(10)).unwrap();
        assert_eq!(found.from, Some(Decimal::from(10)));
    }
}
