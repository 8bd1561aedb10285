//! Scoring a table: many rows, read and scored on two threads where threads exist. Either a
//! [`Scorecard`] per row, or only what a table of results shows ([`TableScores`]: group
//! points, total and maximum per row), with every buffer reused from row to row.

use super::plain::{TILE, Tile};
use super::{Options, Scorecard, Slot};
use crate::error::{Error, Result};
use crate::input::Value;
use crate::methodology::plain::Plain;
use crate::methodology::{Given, Methodology, Part};
use rust_decimal::Decimal;

/// What a table of results shows, for `n` rows: the points of every group (row by row, in
/// [`Methodology::groups`] order), the total and the maximum.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TableScores {
    /// Groups per row.
    pub groups: usize,
    /// Group points, row after row (`groups` per row).
    pub group_points: Vec<Decimal>,
    /// Each row's total.
    pub total: Vec<Decimal>,
    /// Each row's maximum total (not-applicable indicators removed).
    pub max: Vec<Decimal>,
}

impl TableScores {
    /// Rows.
    pub fn len(&self) -> usize {
        self.total.len()
    }

    /// Whether there are no rows.
    pub fn is_empty(&self) -> bool {
        self.total.is_empty()
    }

    /// The points of group `g` (by position in [`Methodology::groups`]) down the rows.
    pub fn group(&self, g: usize) -> impl Iterator<Item = Decimal> + '_ {
        self.group_points
            .iter()
            .skip(g)
            .step_by(self.groups.max(1))
            .copied()
    }

    /// Room for `rows` rows of `groups` groups.
    fn with_capacity(groups: usize, rows: usize) -> TableScores {
        TableScores {
            groups,
            group_points: Vec::with_capacity(rows * groups),
            total: Vec::with_capacity(rows),
            max: Vec::with_capacity(rows),
        }
    }

    /// The halves' rows in order, or the first half's error (its rows come first).
    fn join(
        groups: usize,
        halves: Vec<std::result::Result<TableScores, (usize, Error)>>,
    ) -> std::result::Result<TableScores, (usize, Error)> {
        let mut halves = halves.into_iter();
        let mut out = match halves.next() {
            Some(first) => first?,
            None => TableScores::with_capacity(groups, 0),
        };
        for half in halves {
            out.append(half?);
        }
        Ok(out)
    }

    /// A row the plain lane added up (group points and total in hundredths).
    fn push_plain(&mut self, points: &[i64], total: i64, max: Decimal) {
        self.group_points
            .extend(points.iter().map(|&h| super::plain::decimal(h)));
        self.total.push(super::plain::decimal(total));
        self.max.push(max);
    }

    fn append(&mut self, other: TableScores) {
        self.group_points.extend(other.group_points);
        self.total.extend(other.total);
        self.max.extend(other.max);
    }
}

/// A row's buffers, reused for the next row.
#[derive(Default)]
struct Scratch {
    row: Vec<(usize, Value)>,
    given: Vec<Given>,
    seen: Vec<bool>,
    slots: Vec<Slot>,
    parts: Vec<Part>,
    children: Vec<Part>,
    top: Vec<Part>,
    /// The plain lane's inputs and group points, in hundredths.
    hundredths: Vec<i64>,
    points: Vec<i64>,
}

impl Methodology {
    /// Scores many rows as [`Methodology::evaluate_row`] does, in order, on two threads where
    /// threads exist (a table from a notebook or a batch file).
    ///
    /// # Errors
    /// The error of the first bad row, with its position in `rows`.
    ///
    /// ```
    /// use vsoko::{Methodology, Options, Value};
    /// use rust_decimal::Decimal;
    /// let m = Methodology::builtin("index-2023").unwrap();
    /// let pos = m.position("1.1.2").unwrap();
    /// let rows = vec![vec![(pos, Value::Points(Decimal::ONE))], vec![], vec![(pos, Value::Points(Decimal::from(9)))]];
    /// let (at, e) = m.evaluate_rows(&rows, Options::default()).unwrap_err();
    /// assert_eq!((at, e.code()), (2, "value_out_of_range"));
    /// assert_eq!(m.evaluate_rows(&rows[..2], Options::default()).unwrap().len(), 2);
    /// ```
    pub fn evaluate_rows(
        &self,
        rows: &[Vec<(usize, Value)>],
        options: Options,
    ) -> std::result::Result<Vec<Scorecard>, (usize, Error)> {
        self.evaluate_filled(rows.len(), options, |i, row| {
            row.extend_from_slice(rows.get(i).map_or(&[][..], Vec::as_slice));
            Ok(())
        })
    }

    /// Scores `n` rows whose values `fill(i, row)` puts into `row` (by indicator position),
    /// reading and scoring on two threads where threads exist; the scorecards come in order.
    /// The columnar front ends (a NumPy frame, a CSV file) read their cells inside `fill`, so
    /// the reading is spread over both cores too.
    ///
    /// # Errors
    /// The first row whose `fill` or scoring fails, with its position.
    ///
    /// ```
    /// use vsoko::{Methodology, Options, Value};
    /// use rust_decimal::Decimal;
    /// let m = Methodology::builtin("index-2023").unwrap();
    /// let pos = m.position("1.1.2").unwrap();
    /// let cards = m.evaluate_filled(3, Options::default(), |i, row| {
    ///     row.push((pos, Value::Points(Decimal::from(i as i64))));
    ///     Ok(())
    /// }).unwrap();
    /// assert_eq!(cards[2].total, Decimal::TWO);
    /// ```
    pub fn evaluate_filled<F>(
        &self,
        n: usize,
        options: Options,
        fill: F,
    ) -> std::result::Result<Vec<Scorecard>, (usize, Error)>
    where
        F: Fn(usize, &mut Vec<(usize, Value)>) -> Result<()> + Sync,
    {
        let indices: Vec<usize> = (0..n).collect();
        crate::halves::map_halves(indices, 2048, |part| {
            let mut row = Vec::with_capacity(self.inputs().len());
            part.into_iter()
                .map(|i| {
                    row.clear();
                    fill(i, &mut row)
                        .and_then(|()| self.evaluate_row(&row, options))
                        .map_err(|e| (i, e))
                })
                .collect()
        })
        .into_iter()
        .collect()
    }

    /// Scores `n` rows whose values `fill(i, row)` puts into `row` (by indicator position), as
    /// [`Methodology::evaluate_filled`] does, keeping only what a table of results shows. No
    /// scorecard is built and no buffer is allocated per row, so a large table costs a few
    /// decimals per group and row.
    ///
    /// # Errors
    /// The first row whose `fill` or scoring fails, with its position; the error is the one
    /// [`Methodology::evaluate_row`] gives.
    ///
    /// ```
    /// use vsoko::{Methodology, Options, Value};
    /// use rust_decimal::Decimal;
    /// let m = Methodology::builtin("index-2023").unwrap();
    /// let pos = m.position("1.1.2").unwrap();
    /// let t = m.score_table(3, Options::default(), |i, row| {
    ///     row.push((pos, Value::Points(Decimal::from(i as i64))));
    ///     Ok(())
    /// }).unwrap();
    /// assert_eq!(t.total, [Decimal::ZERO, Decimal::ONE, Decimal::TWO]);
    /// assert_eq!(t.group(0).collect::<Vec<_>>(), t.total); // direction 1 holds 1.1.2
    /// ```
    pub fn score_table<F>(
        &self,
        n: usize,
        options: Options,
        fill: F,
    ) -> std::result::Result<TableScores, (usize, Error)>
    where
        F: Fn(usize, &mut Vec<(usize, Value)>) -> Result<()> + Sync,
    {
        let plain = self.plain();
        let indices: Vec<usize> = (0..n).collect();
        let halves = crate::halves::map_halves(indices, 2048, |part| {
            vec![self.score_rows(&part, options, plain, &fill)]
        });
        TableScores::join(self.groups().len(), halves)
    }

    /// [`Methodology::score_table`] for columns of floats, as a frame's float columns hold them:
    /// `floats(input, first, cells)` writes the cells of rows `first..first + cells.len()` in
    /// the column of input `input` (by position in [`Methodology::inputs`]) into `cells`, which
    /// start empty (NaN); a column the table lacks is left as it is. A plain methodology adds
    /// the floats up a column at a time, without a decimal per cell; a row that way cannot
    /// finish, and every row of another methodology, is read again through `fill` (as values)
    /// and scored the general way — with the same results and errors.
    ///
    /// # Errors
    /// As [`Methodology::score_table`].
    ///
    /// ```
    /// use vsoko::{Methodology, Options, Value};
    /// use rust_decimal::Decimal;
    /// let m = Methodology::builtin("index-2023").unwrap();
    /// let pos = m.position("1.1.2").unwrap();
    /// let column = [0.5, 1.25, 0.1 + 0.2];
    /// let t = m.score_table_floats(
    ///     3,
    ///     Options::default(),
    ///     |input, first, cells| {
    ///         if input == pos {
    ///             cells.copy_from_slice(&column[first..first + cells.len()]);
    ///         }
    ///     },
    ///     |i, row| {
    ///         row.push((pos, Value::Points(vsoko::decimal::from_f64(column[i]).unwrap())));
    ///         Ok(())
    ///     },
    /// ).unwrap();
    /// assert_eq!(t.total[1].to_string(), "1.25");
    /// assert_eq!(t.total[2].to_string(), "0.30000000000000004");
    /// ```
    pub fn score_table_floats<N, F>(
        &self,
        n: usize,
        options: Options,
        floats: N,
        fill: F,
    ) -> std::result::Result<TableScores, (usize, Error)>
    where
        N: Fn(usize, usize, &mut [f64]) + Sync,
        F: Fn(usize, &mut Vec<(usize, Value)>) -> Result<()> + Sync,
    {
        let Some(plain) = self.plain() else {
            return self.score_table(n, options, fill);
        };
        // Each half is a run of consecutive rows, and so is each tile of it.
        let indices: Vec<usize> = (0..n).collect();
        let halves = crate::halves::map_halves(indices, 2048, |part| {
            let mut out = TableScores::with_capacity(self.groups().len(), part.len());
            let mut s = Scratch::default();
            let mut tile = Tile::default();
            for rows in part.chunks(TILE) {
                let first = rows.first().copied().unwrap_or_default();
                let column = |input: usize, cells: &mut [f64]| floats(input, first, cells);
                plain.float_tile(options.strict, rows.len(), column, &mut tile);
                for (r, &i) in rows.iter().enumerate() {
                    if let Some(total) = plain.tile_row(&tile, r, &mut s.points) {
                        out.push_plain(&s.points, total, plain.max);
                        continue;
                    }
                    match self.score_rows(&[i], options, None, &fill) {
                        Ok(one) => out.append(one),
                        Err(e) => return vec![Err(e)],
                    }
                }
            }
            vec![Ok(out)]
        });
        TableScores::join(self.groups().len(), halves)
    }

    /// The total and maximum of one row of floats (one per input, in input order; NaN is an
    /// empty cell) by the plain lane alone: `None` when the methodology is not plain or the row
    /// needs the general way (which then names any problem). For a front end that scores one
    /// school at a time and wants its head fast.
    ///
    /// ```
    /// use vsoko::{Methodology, Options};
    /// let m = Methodology::builtin("index-2023").unwrap();
    /// let mut row = vec![f64::NAN; m.inputs().len()];
    /// row[m.position("1.1.2").unwrap()] = 2.5;
    /// let (total, max) = m.plain_total(&row, Options::default()).unwrap();
    /// assert_eq!((total.to_string(), max.to_string()), ("2.5".into(), "143".into()));
    /// row[0] = 0.125;
    /// assert!(m.plain_total(&row, Options::default()).is_none(), "three places: the general way");
    /// ```
    pub fn plain_total(&self, floats: &[f64], options: Options) -> Option<(Decimal, Decimal)> {
        let plain = self.plain()?;
        let total = plain.float_row(floats, options.strict, &mut Vec::new())?;
        Some((super::plain::decimal(total), plain.max))
    }

    fn score_rows<F>(
        &self,
        rows: &[usize],
        options: Options,
        plain: Option<&Plain>,
        fill: &F,
    ) -> std::result::Result<TableScores, (usize, Error)>
    where
        F: Fn(usize, &mut Vec<(usize, Value)>) -> Result<()>,
    {
        let mut out = TableScores::with_capacity(self.groups().len(), rows.len());
        let mut s = Scratch::default();
        for &i in rows {
            s.row.clear();
            fill(i, &mut s.row).map_err(|e| (i, e))?;
            if let Some(plain) = plain
                && let Some(total) =
                    plain.row(&s.row, options.strict, &mut s.hundredths, &mut s.points)
            {
                out.push_plain(&s.points, total, plain.max);
                continue;
            }
            let total = self.score_scratch(&mut s, options).map_err(|e| (i, e))?;
            out.group_points.extend(s.parts.iter().map(|p| p.points));
            out.total.push(total.points);
            out.max.push(total.max);
        }
        Ok(out)
    }

    /// One row of `s.row` through the same steps as [`Methodology::evaluate_row`].
    fn score_scratch(&self, s: &mut Scratch, options: Options) -> Result<Part> {
        if s.row.iter().any(|(p, _)| *p >= self.inputs().len()) {
            return self.score_generally(s, options);
        }
        let inputs = self.inputs();
        let entries = s.row.iter().map(|(p, v)| {
            let id = inputs.get(*p).map_or("", |i| i.id.as_str());
            (id, Some(*p), *v)
        });
        let mut first = None;
        self.fill_into(
            entries,
            |e| {
                first = Some(e);
                false
            },
            &mut s.given,
            &mut s.seen,
            &mut s.slots,
        );
        if let Some(e) = first {
            return Err(e);
        }
        if options.strict && s.given.contains(&Given::Missing) {
            return self.score_generally(s, options);
        }
        self.add_up(&s.slots, &mut s.parts, &mut s.children, &mut s.top)
    }

    /// The rare row the steps above do not finish (a position past the last input, a missing
    /// value in strict mode): [`Methodology::evaluate_row`] scores it or names its problem.
    fn score_generally(&self, s: &mut Scratch, options: Options) -> Result<Part> {
        let card = self.evaluate_row(&s.row, options)?;
        s.parts.clear();
        s.parts.extend(
            card.group_points
                .iter()
                .zip(&card.group_max)
                .map(|(&points, &max)| Part {
                    points,
                    max,
                    applies: true,
                }),
        );
        Ok(Part {
            points: card.total,
            max: card.max,
            applies: true,
        })
    }
}
