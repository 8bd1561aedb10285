//! Relative points: the best unit gets 100 and each other 0–100 relative to it, by the
//! measure's direction; and a total over indicators as the sum or the mean of their points.

use super::rate::wrong;
use crate::decimal::ROUNDING;
use crate::error::Result;
use crate::methodology::Direction;
use crate::reason::Location;
use rust_decimal::Decimal;

/// How a total over indicators combines their relative points.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PointsTotal {
    /// The sum of the points.
    Sum,
    /// Their arithmetic mean.
    Mean,
}

impl PointsTotal {
    /// `sum` or `mean`.
    pub fn as_str(self) -> &'static str {
        match self {
            PointsTotal::Sum => "sum",
            PointsTotal::Mean => "mean",
        }
    }
}

pub(super) fn two_places(d: Decimal) -> Decimal {
    let mut r = d.round_dp_with_strategy(2, ROUNDING);
    r.rescale(2);
    r
}

/// Exact relative points of each value: more is better: value ÷ best × 100; less is better:
/// best ÷ value × 100 (a 0 stays 100 when the best is 0).
fn exact(values: &[Decimal], direction: Direction, what: (&str, &str)) -> Result<Vec<Decimal>> {
    let hundred = Decimal::ONE_HUNDRED;
    match direction {
        Direction::More => {
            let best = values.iter().copied().max().unwrap_or_default();
            if best <= Decimal::ZERO {
                return Err(wrong(
                    Location::Argument("relative".into()),
                    format!(
                        "a best {} above 0 for relative points (it is {best})",
                        what.0
                    ),
                    format!(
                        "лучшее {} больше 0 для относительных баллов; оно равно {best}",
                        what.1
                    ),
                ));
            }
            Ok(values.iter().map(|v| *v * hundred / best).collect())
        }
        Direction::Less => {
            if let Some(v) = values.iter().find(|v| v.is_sign_negative() && !v.is_zero()) {
                return Err(wrong(
                    Location::Argument("relative".into()),
                    format!("{} of 0 or more for relative points (found {v})", what.0),
                    format!(
                        "{} не меньше 0 для относительных баллов; найдено {v}",
                        what.1
                    ),
                ));
            }
            let best = values.iter().copied().min().unwrap_or_default();
            Ok(values
                .iter()
                .map(|v| {
                    if v.is_zero() {
                        hundred
                    } else {
                        best * hundred / *v
                    }
                })
                .collect())
        }
    }
}

/// Relative points rounded once to 2 places.
pub(super) fn relative(
    values: &[Decimal],
    direction: Direction,
    what: (&str, &str),
) -> Result<Vec<Decimal>> {
    Ok(exact(values, direction, what)?
        .into_iter()
        .map(two_places)
        .collect())
}

/// Each unit's total over indicators: every indicator's relative points among the units (by
/// its own direction, exact), summed or averaged, rounded once to 2 places. `columns` are the
/// indicators: an id (for messages), a direction and the units' values, all of one length.
///
/// # Errors
/// [`crate::Error::InvalidInput`] naming the indicator whose best value is 0 or less (more is
/// better) or which has a negative value (less is better).
///
/// ```
/// use rust_decimal::Decimal;
/// use vsoko::methodology::Direction;
/// use vsoko::rating::{PointsTotal, relative_total};
/// let d = |v: &[i64]| v.iter().map(|x| Decimal::from(*x)).collect::<Vec<_>>();
/// let columns = [("A", Direction::More, d(&[10, 5])), ("B", Direction::Less, d(&[4, 2]))];
/// // A: 100, 50; B: 50, 100.
/// let mean = relative_total(&columns, PointsTotal::Mean).unwrap();
/// assert_eq!(mean, [Decimal::new(7500, 2), Decimal::new(7500, 2)]);
/// let sum = relative_total(&columns, PointsTotal::Sum).unwrap();
/// assert_eq!(sum[0].to_string(), "150.00");
/// ```
pub fn relative_total<S: AsRef<str>>(
    columns: &[(S, Direction, Vec<Decimal>)],
    total: PointsTotal,
) -> Result<Vec<Decimal>> {
    let n = columns.first().map_or(0, |(_, _, v)| v.len());
    let mut sums = vec![Decimal::ZERO; n];
    for (id, direction, values) in columns {
        let id = id.as_ref();
        let points = exact(
            values,
            *direction,
            (
                &format!("value of indicator {id}"),
                &format!("значение показателя {id}"),
            ),
        )?;
        for (s, p) in sums.iter_mut().zip(points) {
            *s += p;
        }
    }
    let count = Decimal::from(columns.len().max(1));
    Ok(sums
        .into_iter()
        .map(|s| match total {
            PointsTotal::Sum => two_places(s),
            PointsTotal::Mean => two_places(s / count),
        })
        .collect())
}
