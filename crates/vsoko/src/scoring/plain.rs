//! The table fast lane for a plain methodology: every indicator is its own points input
//! (`0..=cap`), every group and the total a plain sum, nothing rounded (the index of 2023 is
//! one). A row of such a table is added up in whole hundredths — exact, as the decimals are —
//! and any row this lane does not finish (n/a, yes/no, a value with more than two places, a
//! problem to name, strict mode with a gap) goes the general way, so the results and errors
//! are the same as [`Methodology::evaluate_row`]'s.

use super::{Scorecard, Slot};
use crate::input::Value;
use crate::methodology::Given;
use crate::methodology::plain::{Plain, hundredths};
use rust_decimal::Decimal;

/// An input not given in the row.
const UNSET: i64 = -1;
/// An input given as missing (it still counts for duplicates).
const MISSING: i64 = -2;

/// Rows added up together, a column at a time, by [`Plain::float_tile`].
pub(super) const TILE: usize = 256;

/// One float cell of an input capped at `cap` hundredths: its points in hundredths (a whole
/// number in a float; 0 for an empty cell) and whether the row must go the general way (a
/// float not exact at two places, a value outside `0..=cap`, a gap in strict mode). It
/// takes no branch, so a loop over a column vectorises; an exact float is the decimal
/// [`crate::decimal::from_f64`] gives.
#[inline]
fn float_cell(x: f64, cap: f64, strict: bool) -> (f64, bool) {
    let h = crate::decimal::whole_at_scale(x, 100.0);
    let fits = h >= 0.0 && h <= cap; // false for NaN
    let empty = x.is_nan() && !strict;
    (if fits { h } else { 0.0 }, !(fits || empty))
}

/// The buffers of [`Plain::float_tile`]: group sums and flags of up to [`TILE`] rows.
#[derive(Debug, Default)]
pub(super) struct Tile {
    /// Per group, [`TILE`] sums in hundredths (whole numbers below 2^53: exact in a float).
    sums: Vec<f64>,
    /// Per row: how many of its cells send it the general way (a count in a float, which
    /// vectorises better than a flag).
    off: Vec<f64>,
    /// One column of the tile.
    cells: Vec<f64>,
}

/// Hundredths as the normalised decimal the general path gives (trailing zeros dropped with
/// integer division, not `normalize`'s loop over the 96-bit mantissa).
pub(super) fn decimal(h: i64) -> Decimal {
    if h % 100 == 0 {
        Decimal::new(h / 100, 0)
    } else if h % 10 == 0 {
        Decimal::new(h / 10, 1)
    } else {
        Decimal::new(h, 2)
    }
}

impl Plain {
    /// Adds up `len` rows (at most [`TILE`]) a column at a time: `column(input, cells)` writes
    /// the rows' cells of an input into `cells`, which start empty (NaN). Read each row's result
    /// with [`Plain::tile_row`].
    pub(super) fn float_tile(
        &self,
        strict: bool,
        len: usize,
        mut column: impl FnMut(usize, &mut [f64]),
        t: &mut Tile,
    ) {
        let len = len.min(TILE);
        t.sums.clear();
        t.sums.resize(self.parents.len() * TILE, 0.0);
        t.off.clear();
        t.off.resize(TILE, 0.0);
        t.cells.clear();
        t.cells.resize(len, f64::NAN);
        for (input, &(group, cap)) in self.inputs.iter().enumerate() {
            t.cells.fill(f64::NAN);
            column(input, &mut t.cells);
            #[expect(clippy::cast_precision_loss, reason = "a cap is below 2^53 hundredths")]
            let cap = cap as f64;
            let Some(sums) = t.sums.get_mut(group * TILE..group * TILE + len) else {
                // Not a group of this methodology: every row goes the general way.
                t.off.iter_mut().for_each(|off| *off += 1.0);
                continue;
            };
            for ((&x, sum), off) in t.cells.iter().zip(sums).zip(&mut t.off) {
                let (h, bad) = float_cell(x, cap, strict);
                *sum += h;
                *off += if bad { 1.0 } else { 0.0 };
            }
        }
    }

    /// Row `r` of the last [`Plain::float_tile`]: its group points into `points` and its total,
    /// in hundredths, or `None` when it must go the general way.
    pub(super) fn tile_row(&self, t: &Tile, r: usize, points: &mut Vec<i64>) -> Option<i64> {
        if t.off.get(r).is_none_or(|&off| off != 0.0) {
            return None;
        }
        points.clear();
        for g in 0..self.parents.len() {
            #[expect(
                clippy::cast_possible_truncation,
                reason = "a whole number below 2^53: the cast is exact"
            )]
            points.push(*t.sums.get(g * TILE + r)? as i64);
        }
        self.roll_up(points)
    }

    /// Adds up `row` into `points` (hundredths per group) and returns the total in hundredths,
    /// or `None` when the row must go the general way. `given` is a buffer.
    pub(super) fn row(
        &self,
        row: &[(usize, Value)],
        strict: bool,
        given: &mut Vec<i64>,
        points: &mut Vec<i64>,
    ) -> Option<i64> {
        given.clear();
        given.resize(self.inputs.len(), UNSET);
        for (pos, value) in row {
            let (_, cap) = self.inputs.get(*pos)?;
            let slot = given.get_mut(*pos)?;
            if *slot != UNSET {
                return None;
            }
            *slot = match value {
                Value::Missing => MISSING,
                Value::Points(d) => Some(hundredths(*d)?).filter(|h| (0..=*cap).contains(h))?,
                Value::NotApplicable | Value::YesNo(_) => return None,
            };
        }
        self.add_up(strict, given, points)
    }

    /// The scorecard of `row`, the same as the general path's, or `None` when the row must go
    /// the general way.
    pub(super) fn card(&self, row: &[(usize, Value)], strict: bool) -> Option<Scorecard> {
        let (mut given, mut points) = (Vec::new(), Vec::new());
        let total = self.row(row, strict, &mut given, &mut points)?;
        let number = |h: i64| (h >= 0).then(|| decimal(h));
        Some(Scorecard {
            inputs: given
                .iter()
                .map(|&h| number(h).map_or(Given::Missing, Given::Number))
                .collect(),
            slots: self
                .indicators
                .iter()
                .map(|&i| {
                    let h = given.get(i).copied().unwrap_or(UNSET);
                    number(h).map_or(Slot::Missing, Slot::Scored)
                })
                .collect(),
            group_points: points.iter().map(|&h| decimal(h)).collect(),
            group_max: self.group_max.clone(),
            total: decimal(total),
            max: self.max,
        })
    }

    /// The group points and total of a row of floats, one per input in input order (NaN is
    /// an empty cell), as a frame's float columns give them; `None` when the row must go the
    /// general way (a float not exact at two places, a value over its cap, a gap in strict
    /// mode).
    pub(super) fn float_row(&self, xs: &[f64], strict: bool, points: &mut Vec<i64>) -> Option<i64> {
        points.clear();
        points.resize(self.parents.len(), 0);
        if xs.len() != self.inputs.len() {
            return None;
        }
        for (&x, &(group, cap)) in xs.iter().zip(&self.inputs) {
            #[expect(clippy::cast_precision_loss, reason = "a cap is below 2^53 hundredths")]
            let (h, off) = float_cell(x, cap as f64, strict);
            if off {
                return None;
            }
            #[expect(
                clippy::cast_possible_truncation,
                reason = "a whole number below 2^53: the cast is exact"
            )]
            let h = h as i64;
            *points.get_mut(group)? += h;
        }
        self.roll_up(points)
    }

    /// The group points and total of the inputs in `given`.
    fn add_up(&self, strict: bool, given: &[i64], points: &mut Vec<i64>) -> Option<i64> {
        if strict && given.iter().any(|&g| g < 0) {
            return None;
        }
        points.clear();
        points.resize(self.parents.len(), 0);
        for (&(group, _), &h) in self.inputs.iter().zip(given.iter()) {
            if h > 0 {
                *points.get_mut(group)? += h;
            }
        }
        self.roll_up(points)
    }

    /// Adds each group's points into its parent's (children come after their parent) and
    /// returns the total of the top groups.
    fn roll_up(&self, points: &mut [i64]) -> Option<i64> {
        let mut total = 0;
        for g in (0..points.len()).rev() {
            let p = *points.get(g)?;
            match self.parents.get(g).copied().flatten() {
                Some(parent) => *points.get_mut(parent)? += p,
                None => total += p,
            }
        }
        Some(total)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::{Plain, decimal, hundredths};
    use crate::input::Value;
    use crate::methodology::Methodology;
    use rust_decimal::Decimal;

    #[test]
    fn which_methodologies_take_the_lane() {
        let plain = |name| Plain::of(Methodology::builtin(name).unwrap()).is_some();
        assert!(plain("index-2023"));
        assert!(plain("nocko-1547"));
        assert!(
            !plain("nok-2019"),
            "its indicators read raw data through rules"
        );
    }

    #[test]
    fn a_row_is_added_up_in_hundredths_or_handed_back() {
        let m = Methodology::builtin("index-2023").unwrap();
        let p = Plain::of(m).unwrap();
        let (mut given, mut points) = (Vec::new(), Vec::new());
        let pos = |id| m.position(id).unwrap();
        let row = [
            (pos("1.1.1"), Value::Points(Decimal::new(25, 1))),
            (pos("3.3.1"), Value::Points(Decimal::ONE)),
            (pos("1.1.2"), Value::Missing),
        ];
        assert_eq!(p.row(&row, false, &mut given, &mut points), Some(350));
        assert_eq!(decimal(350).to_string(), "3.5");
        for h in [0, 1, 10, 100, 105, 1000, -250, 14_300] {
            let d = decimal(h);
            assert_eq!(
                (d, d.scale()),
                (Decimal::new(h, 2), Decimal::new(h, 2).normalize().scale())
            );
        }
        assert_eq!(
            p.row(&row, true, &mut given, &mut points),
            None,
            "strict, with gaps"
        );
        for odd in [
            Value::Points(Decimal::new(125, 3)),
            Value::Points(Decimal::from(4)),
            Value::Points(Decimal::new(-1, 2)),
            Value::NotApplicable,
            Value::YesNo(true),
        ] {
            let row = [(pos("1.1.1"), odd)];
            assert_eq!(p.row(&row, false, &mut given, &mut points), None, "{odd:?}");
        }
        let twice = [(0, Value::Missing), (0, Value::Points(Decimal::ONE))];
        assert_eq!(p.row(&twice, false, &mut given, &mut points), None);
        assert_eq!(
            p.row(&[(999, Value::Missing)], false, &mut given, &mut points),
            None
        );
        assert_eq!(hundredths(Decimal::new(-0, 2)), Some(0));
        let mut floats = vec![f64::NAN; m.inputs().len()];
        floats[pos("1.1.1")] = 2.5;
        floats[pos("3.3.1")] = 1.0;
        assert_eq!(p.float_row(&floats, false, &mut points), Some(350));
        assert_eq!(
            p.float_row(&floats, true, &mut points),
            None,
            "strict, with gaps"
        );
        assert_eq!(
            p.float_row(&floats[1..], false, &mut points),
            None,
            "one short"
        );
        for odd in [0.125, 0.1 + 0.2, 4.0, -0.01, f64::INFINITY] {
            floats[pos("1.1.1")] = odd;
            assert_eq!(p.float_row(&floats, false, &mut points), None, "{odd}");
        }
    }
}
