//! One pupil row's cells: text from a file or numbers from a columnar frame, looked up by
//! column and read as text, decimals or whole numbers in a range (errors name the column).

use super::columns::{COLS, Col};
use crate::error::{Error, Result};
use crate::reason::{InputReason, Location, ValueReason};
use rust_decimal::Decimal;

/// One cell of a pupil row: text as read from a file, or a number a columnar frame already
/// holds (a NumPy or Arrow column), which is not turned into text and parsed back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cell<'a> {
    /// Text (empty for a missing cell).
    Text(&'a str),
    /// A number (only for the numeric fields: year, grade, scores, marks).
    Number(Decimal),
}

impl<'a> From<&'a str> for Cell<'a> {
    fn from(text: &'a str) -> Self {
        Cell::Text(text)
    }
}

pub(super) fn missing(name: &str) -> Error {
    Error::InvalidInput {
        at: Location::Header,
        reason: InputReason::MissingColumn { name: name.into() },
    }
}

/// What a row's cells are: text from a file, or [`Cell`]s from a columnar frame.
pub(super) trait AsCell<'a> {
    fn cell(&self) -> Cell<'a>;
}

impl<'a> AsCell<'a> for &'a str {
    fn cell(&self) -> Cell<'a> {
        Cell::Text(self)
    }
}

impl<'a> AsCell<'a> for Cell<'a> {
    fn cell(&self) -> Cell<'a> {
        *self
    }
}

impl Cell<'_> {
    pub(super) fn is_blank(&self) -> bool {
        matches!(self, Cell::Text(t) if t.trim().is_empty())
    }
}

/// The cells of one row, looked up by column.
pub(super) struct RowCells<'a, C> {
    pub(super) at: &'a [Option<usize>; COLS],
    pub(super) cells: &'a [C],
    /// The header's headings, for messages.
    pub(super) headings: &'a [String],
}

/// A journal mark that says there is none: «н» (absent from the lessons), «осв» (exempt).
/// The pupil is not compared; the score still counts.
fn is_no_mark(t: &str) -> bool {
    let t = t.trim_end_matches('.');
    ["н", "осв"]
        .iter()
        .any(|w| t.chars().flat_map(char::to_lowercase).eq(w.chars()))
}

/// A mark written with a sign (`5-`, `4+`, `−3`): not one of the marks 2..5.
fn is_signed_mark(t: &str) -> bool {
    let t = t.trim();
    let digits = t.trim_matches(|c| matches!(c, '+' | '-' | '−' | '–'));
    digits.len() == 1 && digits.bytes().all(|b| b.is_ascii_digit()) && digits.len() < t.len()
}

impl<'a, C: AsCell<'a>> RowCells<'a, C> {
    /// Column `i` (0-based) by its letter and heading.
    pub(super) fn location(&self, i: usize) -> Location {
        Location::Heading {
            column: i + 1,
            name: self.headings.get(i).cloned().unwrap_or_default(),
        }
    }

    pub(super) fn out_of_range(&self, i: usize, found: Decimal, min: &str, max: &str) -> Error {
        Error::InvalidInput {
            at: self.location(i),
            reason: InputReason::OutOfRange {
                found: found.normalize().to_string(),
                min: min.into(),
                max: max.into(),
            },
        }
    }

    /// A mark 2..5; for the journal mark, «н» and «осв» are no mark. A mark with a sign
    /// (`5-`) is an error saying so.
    pub(super) fn mark(&self, c: Col, journal: bool) -> Result<Option<u8>> {
        if let Some((i, Cell::Text(t))) = self.cell(c) {
            if journal && is_no_mark(t) {
                return Ok(None);
            }
            if is_signed_mark(t) {
                return Err(Error::InvalidInput {
                    at: self.location(i),
                    reason: InputReason::MarkWithSign { found: t.into() },
                });
            }
        }
        Ok(self.whole(c, 2, 5)?.and_then(|m| u8::try_from(m).ok()))
    }

    fn cell(&self, c: Col) -> Option<(usize, Cell<'a>)> {
        let i = (*self.at.get(c as usize)?)?;
        match self.cells.get(i).map_or(Cell::Text(""), AsCell::cell) {
            Cell::Text(t) => {
                let t = t.trim();
                (!t.is_empty()).then_some((i, Cell::Text(t)))
            }
            number @ Cell::Number(_) => Some((i, number)),
        }
    }

    /// A text field; a number there (a frame's numeric column) cannot be borrowed as text.
    pub(super) fn text(&self, c: Col) -> Result<Option<&'a str>> {
        match self.cell(c) {
            None => Ok(None),
            Some((_, Cell::Text(t))) => Ok(Some(t)),
            Some((i, Cell::Number(_))) => Err(Error::InvalidInput {
                at: self.location(i),
                reason: InputReason::Shape {
                    detail: "a number where text is expected (give this column as text)".into(),
                },
            }),
        }
    }

    pub(super) fn number(&self, c: Col) -> Result<Option<(usize, Decimal)>> {
        let (i, t) = match self.cell(c) {
            None => return Ok(None),
            Some((i, Cell::Number(d))) => return Ok(Some((i, d))),
            Some((i, Cell::Text(t))) => (i, t),
        };
        // The common cells (`17`, `7.5`) without the general parser's allocations.
        let bytes = t.as_bytes();
        if !bytes.is_empty() && bytes.len() <= 18 && bytes.iter().all(u8::is_ascii_digit) {
            let n = bytes.iter().fold(0u64, |n, b| n * 10 + u64::from(b - b'0'));
            return Ok(Some((i, Decimal::from(n))));
        }
        if bytes.len() <= 20
            && bytes.first().is_some_and(u8::is_ascii_digit)
            && bytes.split(|&b| b == b'.').count() == 2
            && bytes.iter().all(|b| b.is_ascii_digit() || *b == b'.')
            && let Ok(d) = Decimal::from_str_exact(t)
        {
            return Ok(Some((i, d)));
        }
        match crate::batch::parse_cell(t) {
            Ok(crate::input::Value::Points(d)) => Ok(Some((i, d))),
            _ => Err(Error::InvalidInput {
                at: self.location(i),
                reason: InputReason::NotANumber {
                    reason: ValueReason::NotANumber { text: t.into() },
                },
            }),
        }
    }

    pub(super) fn whole(&self, c: Col, lo: i64, hi: i64) -> Result<Option<i64>> {
        let Some((i, d)) = self.number(c)? else {
            return Ok(None);
        };
        match i64::try_from(d).ok().filter(|n| Decimal::from(*n) == d) {
            Some(n) if (lo..=hi).contains(&n) => Ok(Some(n)),
            _ => Err(self.out_of_range(i, d, &lo.to_string(), &hi.to_string())),
        }
    }
}
