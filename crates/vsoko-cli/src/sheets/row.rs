//! What reading a batch file yields, whatever its format: a record per row, with the row's
//! number in the file and its school, period, municipality and values, or why it cannot be
//! scored.

use clap::ValueEnum;
use vsoko::{Error, Methodology, Values};

/// Input file formats of `vsoko batch`.
#[derive(Clone, Copy, ValueEnum)]
pub enum InputFormat {
    /// Comma- or semicolon-separated, UTF-8 with or without BOM.
    Csv,
    /// One JSON input document per line.
    Jsonl,
    /// The first sheet of an Excel workbook.
    Xlsx,
}

/// What one row holds.
pub struct Entry {
    /// The school's name, when the table has a school column.
    pub school: Option<String>,
    /// The period, when the table has a period column.
    pub period: Option<String>,
    /// The municipality, when the table has a municipality column.
    pub municipality: Option<String>,
    /// The row's values.
    pub cells: Cells,
}

/// A row's values: by input position from a table (no id copied per cell), or by id from a
/// JSON document.
pub enum Cells {
    /// From a table's columns.
    Positions(Vec<(usize, vsoko::Value)>),
    /// From a JSON Lines document.
    Ids(Values),
}

impl Entry {
    /// Scores the row.
    ///
    /// # Errors
    /// As [`vsoko::Methodology::evaluate`].
    pub fn evaluate(
        &self,
        m: &Methodology,
        options: vsoko::Options,
    ) -> Result<vsoko::Scorecard, Error> {
        match &self.cells {
            Cells::Positions(cells) => m.evaluate_row(cells, options),
            Cells::Ids(values) => m.evaluate(values, options),
        }
    }
}

/// One input row: its number in the file and what it holds.
pub struct Record {
    /// The file's line (CSV, JSON Lines) or the sheet's row (XLSX), 1-based.
    pub row: usize,
    /// The row's school and values, or why it cannot be scored.
    pub result: Result<Entry, Error>,
}

/// The rows of an input file, and whether they carry a period (then the output does too).
pub struct Rows<'m> {
    /// The rows in file order.
    pub records: Box<dyn Iterator<Item = Record> + 'm>,
    /// Whether rows carry a period.
    pub has_period: bool,
    /// Whether rows carry a municipality (then the output does too).
    pub has_municipality: bool,
}

/// A mapped table row as an entry.
pub(super) fn entry(r: vsoko::batch::Row) -> Entry {
    Entry {
        school: r.school,
        period: r.period,
        municipality: r.municipality,
        cells: Cells::Positions(r.cells),
    }
}
