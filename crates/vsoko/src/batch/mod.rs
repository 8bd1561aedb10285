//! Many schools against one methodology: a table header mapped once, rows turned into values
//! one at a time (so memory does not grow with the number of rows), a running summary and ranks.
//!
//! The core reads no files: the CLI and the bindings hand it cells as text, whatever the file
//! format (CSV, JSON Lines, XLSX).

mod rank;
mod summary;

pub use rank::{Rank, ranks};
pub use summary::{GroupShare, LevelCount, MEAN_DECIMALS, Summary, SummaryBuilder, WEAKEST};

use crate::error::{Error, Result};
use crate::input::{Value, Values, is_not_applicable};
use crate::methodology::Methodology;

/// Header names that are not indicators.
pub const SCHOOL_COLUMN: &str = "school";
/// Optional period column.
pub const PERIOD_COLUMN: &str = "period";

/// Which column holds what, decided once from the header row.
///
/// ```
/// use vsoko::batch::Columns;
/// let m = vsoko::Methodology::builtin("nocko-1547").unwrap();
/// let cols = Columns::from_header(m, &["\u{feff}school", "1.1", "2.7"]).unwrap();
/// let row = cols.row(&["Школа № 5", "7,5", "n/a"]).unwrap();
/// assert_eq!(row.school.as_deref(), Some("Школа № 5"));
/// let r = m.score(&row.values, vsoko::Options::default()).unwrap();
/// assert_eq!((r.total.to_string(), r.max.to_string()), ("7.5".into(), "100".into()));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Columns {
    school: Option<usize>,
    period: Option<usize>,
    indicators: Vec<(usize, String)>,
    width: usize,
}

/// One row turned into an input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// The school's name, when there is a `school` column.
    pub school: Option<String>,
    /// The period, when there is a `period` column.
    pub period: Option<String>,
    /// The indicator values of the row (empty cells are missing).
    pub values: Values,
}

impl Columns {
    /// Maps a header row: `school`, optional `period`, then indicator ids in any order.
    /// A UTF-8 byte-order mark and surrounding spaces are ignored.
    ///
    /// # Errors
    /// [`Error::EmptyInput`] for an empty header, [`Error::UnknownIndicator`] naming a column
    /// that is not an indicator of the methodology, [`Error::DuplicateIndicator`] for a column
    /// given twice, [`Error::InvalidInput`] when no column is an indicator.
    pub fn from_header<S: AsRef<str>>(m: &Methodology, header: &[S]) -> Result<Columns> {
        let mut cols = Columns {
            school: None,
            period: None,
            indicators: Vec::new(),
            width: header.len(),
        };
        let mut seen = vec![false; m.indicators().len()];
        for (i, cell) in header.iter().enumerate() {
            let name = cell.as_ref().trim_start_matches('\u{feff}').trim();
            let field = match name.to_lowercase().as_str() {
                SCHOOL_COLUMN | "школа" | "организация" => Some(&mut cols.school),
                PERIOD_COLUMN | "период" => Some(&mut cols.period),
                _ => None,
            };
            if let Some(field) = field {
                if field.replace(i).is_some() {
                    return Err(Error::InvalidInput {
                        field: format!("header column {}", i + 1),
                        reason: format!("column \"{name}\" appears twice"),
                    });
                }
                continue;
            }
            if name.is_empty() && header.len() == 1 {
                return Err(Error::EmptyInput);
            }
            let Some(pos) = m.position(name) else {
                return Err(Error::UnknownIndicator {
                    id: name.to_string(),
                    suggestion: m.suggest(name).map(ToString::to_string),
                });
            };
            if seen.get(pos).copied().unwrap_or(false) {
                return Err(Error::DuplicateIndicator {
                    id: name.to_string(),
                });
            }
            if let Some(s) = seen.get_mut(pos) {
                *s = true;
            }
            cols.indicators.push((i, name.to_string()));
        }
        if cols.indicators.is_empty() {
            return Err(Error::InvalidInput {
                field: "header".into(),
                reason: format!(
                    "no column is an indicator of {}; expected \"school\" and ids such as \"{}\"",
                    m.id(),
                    m.indicators().first().map_or("", |i| i.id.as_str())
                ),
            });
        }
        Ok(cols)
    }

    /// Turns one row of cells into an input. Cells may use a decimal comma (`2,5`) as Russian
    /// spreadsheets write it; `n/a` (`н/п`) is not applicable; an empty cell is missing.
    ///
    /// # Errors
    /// [`Error::InvalidValue`] naming the indicator whose cell is not a number;
    /// [`Error::InvalidInput`] when the row has more cells than the header.
    pub fn row<S: AsRef<str>>(&self, cells: &[S]) -> Result<Row> {
        if cells.len() > self.width
            && cells
                .iter()
                .skip(self.width)
                .any(|c| !c.as_ref().trim().is_empty())
        {
            return Err(Error::InvalidInput {
                field: "row".into(),
                reason: format!(
                    "{} cells but the header has {} columns",
                    cells.len(),
                    self.width
                ),
            });
        }
        let text = |i: Option<usize>| {
            i.and_then(|i| cells.get(i))
                .map(|c| c.as_ref().trim().to_string())
                .filter(|s| !s.is_empty())
        };
        let mut values = Values::new();
        for (col, id) in &self.indicators {
            let cell = cells.get(*col).map_or("", AsRef::as_ref);
            match parse_cell(cell) {
                Ok(Value::Missing) => {}
                Ok(v) => values.push(id.clone(), v),
                Err(reason) => {
                    return Err(Error::InvalidValue {
                        id: id.clone(),
                        reason,
                    });
                }
            }
        }
        Ok(Row {
            school: text(self.school),
            period: text(self.period),
            values,
        })
    }

    /// Whether the header has a `school` column.
    pub fn has_school(&self) -> bool {
        self.school.is_some()
    }
}

/// Reads a spreadsheet cell: like [`Value::parse`], and also a decimal comma (`2,5`) with
/// no point in it, as Russian Excel writes numbers.
///
/// # Errors
/// A reason when the cell is not a number, `n/a` or empty.
///
/// ```
/// use vsoko::{Value, batch::parse_cell};
/// assert_eq!(parse_cell("2,5").unwrap().to_string(), "2.5");
/// assert_eq!(parse_cell("н/п"), Ok(Value::NotApplicable));
/// assert!(parse_cell("1,2,3").is_err());
/// ```
pub fn parse_cell(cell: &str) -> Result<Value, String> {
    let t = cell.trim();
    if is_not_applicable(t) {
        return Ok(Value::NotApplicable);
    }
    if t.matches(',').count() == 1 && !t.contains('.') {
        return Value::parse(&t.replace(',', "."));
    }
    Value::parse(t)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index() -> &'static Methodology {
        Methodology::builtin("index-2023").unwrap()
    }

    #[test]
    fn header_errors_name_the_column() {
        let e = Columns::from_header(index(), &["school", "1.1.1", "1.1.18"]).unwrap_err();
        assert_eq!(
            (e.code(), e.indicator()),
            ("unknown_indicator", Some("1.1.18"))
        );
        let e = Columns::from_header(index(), &["school", "1.1.1", " 1.1.1 "]).unwrap_err();
        assert_eq!(e.code(), "duplicate_indicator");
        let e = Columns::from_header(index(), &["school"]).unwrap_err();
        assert_eq!(e.code(), "invalid_input");
        let e = Columns::from_header(index(), &[""]).unwrap_err();
        assert_eq!(e.code(), "empty_input");
    }

    #[test]
    fn rows_read_cells_like_a_spreadsheet() {
        let cols = Columns::from_header(index(), &["1.1.2", "school", "1.1.1"]).unwrap();
        let row = cols.row(&[" 2,5 ", "Гимназия", ""]).unwrap();
        assert_eq!(row.school.as_deref(), Some("Гимназия"));
        assert_eq!(row.values.len(), 1);
        let short = cols.row(&["1"]).unwrap();
        assert_eq!(short.school, None);
        let e = cols.row(&["abc", "x", "1"]).unwrap_err();
        assert_eq!((e.code(), e.indicator()), ("invalid_value", Some("1.1.2")));
        assert_eq!(
            cols.row(&["1", "x", "1", "9"]).unwrap_err().code(),
            "invalid_input"
        );
        assert!(cols.row(&["1", "x", "1", ""]).is_ok());
    }
}
