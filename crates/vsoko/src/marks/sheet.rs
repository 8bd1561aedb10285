//! One sheet of marks in either shape, told apart by its first row: a long table when that row
//! is the long table's header (see [`Columns`]), otherwise a summary sheet (see
//! [`Dataset::add_summary`]).

use super::columns::Columns;
use super::dataset::Dataset;
use crate::error::{Error, Result};
use crate::reason::{InputReason, Location};

/// The shape a sheet of marks was read as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// A long table: one row per pupil, subject and period.
    LongTable,
    /// A summary sheet: subjects across, pupils down, a block per class.
    Summary,
}

impl Dataset {
    /// Adds one sheet (or CSV file) of either shape; `sheet` is the sheet's name (empty for
    /// CSV). Rows are `(row number, cells)`.
    ///
    /// ```
    /// use vsoko::marks::{Dataset, Shape};
    /// let mut d = Dataset::new();
    /// let long = vec![
    ///     (1, vec!["Класс", "ФИО", "Предмет", "Период", "Отметка"]),
    ///     (2, vec!["7Б", "Иванов", "Алгебра", "I четверть", "5"]),
    /// ];
    /// assert_eq!(d.add_sheet("a.csv", "", &long).unwrap(), Shape::LongTable);
    /// let summary = vec![
    ///     (1, vec!["№", "ФИО", "Алгебра"]),
    ///     (2, vec!["", "", "2 четв."]),
    ///     (3, vec!["1", "Иванов", "4"]),
    /// ];
    /// assert_eq!(d.add_sheet("b.xlsx", "7Б", &summary).unwrap(), Shape::Summary);
    /// assert_eq!(d.finish().groups.len(), 2);
    /// let e = d.add_sheet("c.csv", "", &[(1, vec!["Класс", "ФИО"])]).unwrap_err();
    /// assert!(e.message_ru().contains("нет столбцов: «Предмет», «Период», «Отметка»"));
    /// assert!(e.message_ru().contains("сводная ведомость"));
    /// ```
    ///
    /// # Errors
    /// [`Error::InvalidInput`] saying what each shape needs, when the sheet is neither (nothing
    /// is added then).
    pub fn add_sheet<S: AsRef<str>>(
        &mut self,
        file: &str,
        sheet: &str,
        rows: &[(usize, Vec<S>)],
    ) -> Result<Shape> {
        let mut filled = rows
            .iter()
            .filter(|(_, cells)| cells.iter().any(|c| !c.as_ref().trim().is_empty()));
        let first = filled.next().map_or(&[][..], |(_, cells)| cells.as_slice());
        let long = match Columns::from_header(first) {
            Ok(columns) => {
                for (row, cells) in filled {
                    self.add(&columns, file, *row, cells);
                }
                return Ok(Shape::LongTable);
            }
            Err(e) => e,
        };
        if self.add_summary(file, sheet, rows).is_ok() {
            return Ok(Shape::Summary);
        }
        let Error::InvalidInput {
            reason:
                InputReason::NoMarksHeader {
                    missing,
                    missing_ru,
                },
            ..
        } = long
        else {
            return Err(long);
        };
        let at = if sheet.is_empty() {
            file.to_string()
        } else {
            format!("{file}, лист «{sheet}»")
        };
        Err(Error::InvalidInput {
            at: Location::File(at),
            reason: InputReason::NoMarksShape {
                missing,
                missing_ru,
            },
        })
    }
}
