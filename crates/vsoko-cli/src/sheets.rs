//! Reading batch input files row by row: CSV (any of the dialects Russian Excel writes),
//! JSON Lines and XLSX. Each row becomes a school, its period and values, or an error for
//! that row. Row numbers are the file's own: the CSV line where the record starts, the JSON
//! Lines line, the sheet's row.

use crate::failure::Failure;
pub use crate::lines::{LineCounter, Lines};
use clap::ValueEnum;
use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use vsoko::batch::Columns;
use vsoko::reason::{InputReason, Location, ValueReason, column_letters};
use vsoko::{Error, InputKind, Methodology, ScoreInput, Values};

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

/// Reads CSV text from memory (for tests and fuzzing; files stream through [`open`]).
///
/// # Errors
/// A [`Failure`] when the header cannot be mapped.
pub fn read_csv(bytes: &[u8], m: &Methodology) -> Result<Vec<Record>, Failure> {
    let rows = csv_rows(bytes, Path::new("-"), m)?;
    Ok(rows.records.collect())
}

/// Reads an XLSX workbook from memory (for tests and fuzzing).
///
/// # Errors
/// A [`Failure`] when the bytes are not a workbook or the header cannot be mapped.
pub fn read_xlsx(bytes: &[u8], m: &Methodology) -> Result<Vec<Record>, Failure> {
    let book = <calamine::Xlsx<_> as calamine::Reader<_>>::new(std::io::Cursor::new(bytes))
        .map_err(|e| Error::InvalidInput {
            at: Location::File("-".into()),
            reason: InputReason::NotAWorkbook {
                detail: e.to_string(),
            },
        })?;
    let rows = xlsx_book(book, &Location::File("-".into()), m)?;
    Ok(rows.records.collect())
}

/// Opens a batch input file and returns its rows; header problems fail the whole batch.
///
/// # Errors
/// A [`Failure`] when the file cannot be read or its header cannot be mapped.
pub fn open<'m>(
    path: &Path,
    format: Option<InputFormat>,
    m: &'m Methodology,
) -> Result<Rows<'m>, Failure> {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let format = format.unwrap_or(match ext.as_str() {
        "jsonl" | "ndjson" => InputFormat::Jsonl,
        "xlsx" | "xlsm" => InputFormat::Xlsx,
        _ => InputFormat::Csv,
    });
    let io = |e: std::io::Error| Failure::read(&path.display().to_string(), &e);
    match format {
        InputFormat::Csv => {
            let reader: Box<dyn Read> = if path.as_os_str() == "-" {
                Box::new(std::io::stdin().lock())
            } else {
                Box::new(File::open(path).map_err(io)?)
            };
            csv_rows(reader, path, m)
        }
        InputFormat::Jsonl => {
            let file = File::open(path).map_err(io)?;
            Ok(Rows {
                records: Box::new(jsonl_rows(BufReader::new(file), m)),
                has_period: true,
                has_municipality: false,
            })
        }
        InputFormat::Xlsx => xlsx_rows(path, m),
    }
}

/// CSV rows from a stream: its dialect is told from the first bytes, Windows-1251 is decoded,
/// and lines are counted on the decoded text (where the csv crate's offsets are).
fn csv_rows<'m, R: Read + 'm>(
    reader: R,
    path: &Path,
    m: &'m Methodology,
) -> Result<Rows<'m>, Failure> {
    let mut reader = BufReader::with_capacity(crate::dialect::HEAD, reader);
    let buf = reader
        .fill_buf()
        .map_err(|e| Failure::read(&path.display().to_string(), &e))?;
    let dialect = crate::dialect::sniff(buf);
    let (counted, lines) = LineCounter::wrap(crate::dialect::utf8_reader(reader, dialect.encoding));
    let csv = csv::ReaderBuilder::new()
        .delimiter(dialect.delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(BufReader::with_capacity(1 << 16, counted));
    let mut records = csv.into_records();
    let empty = Error::EmptyInput {
        what: InputKind::Table,
    };
    let header = match records.next() {
        None => return Err(empty.into()),
        Some(Err(e)) => return Err(csv_failure(&e, 1).into()),
        Some(Ok(h)) => h,
    };
    let header_line = lines.line_at(header.position());
    if let Some(e) = multiline_field(&header, header_line) {
        return Err(e.into());
    }
    let columns = Columns::from_header(m, &header.iter().collect::<Vec<_>>())?;
    let has_period = columns.has_period();
    let has_municipality = columns.label_columns().2.is_some();
    let rows = records.filter_map(move |rec| {
        let (row, result) = match rec {
            Ok(rec) => {
                let row = lines.line_at(rec.position());
                if rec.iter().all(|c| c.trim().is_empty()) {
                    return None;
                }
                let result = match multiline_field(&rec, row) {
                    Some(e) => Err(e),
                    None => columns.row(&rec.iter().collect::<Vec<_>>()).map(entry),
                };
                (row, result)
            }
            Err(e) => {
                let row = lines.line_at(e.position());
                (row, Err(csv_failure(&e, row)))
            }
        };
        Some(Record { row, result })
    });
    Ok(Rows {
        records: Box::new(rows),
        has_period,
        has_municipality,
    })
}

fn entry(r: vsoko::batch::Row) -> Entry {
    Entry {
        school: r.school,
        period: r.period,
        municipality: r.municipality,
        cells: Cells::Positions(r.cells),
    }
}

/// A field that holds a line break: a quote that was never closed swallows the lines after it
/// into one cell, so the record is rejected at the line where it starts, never scored.
fn multiline_field(rec: &csv::StringRecord, line: usize) -> Option<Error> {
    rec.iter()
        .any(|c| c.contains(['\n', '\r']))
        .then_some(Error::InvalidInput {
            at: Location::Row(line),
            reason: InputReason::QuoteRunsPastLine { opened: line },
        })
}

fn csv_failure(e: &csv::Error, row: usize) -> Error {
    let reason = match e.kind() {
        csv::ErrorKind::Utf8 { .. } => InputReason::NotUtf8,
        _ => InputReason::Shape {
            detail: e.to_string(),
        },
    };
    Error::InvalidInput {
        at: Location::Row(row),
        reason,
    }
}

fn jsonl_rows<'m, R: BufRead + 'm>(
    reader: R,
    m: &'m Methodology,
) -> impl Iterator<Item = Record> + 'm {
    reader.lines().enumerate().filter_map(move |(i, line)| {
        let row = i + 1;
        let result = match line {
            Ok(l) if l.trim_start_matches('\u{feff}').trim().is_empty() => return None,
            Ok(l) => ScoreInput::from_json(&l).and_then(|input| match input.methodology {
                Some(name) if name != m.id() => Err(Error::InvalidInput {
                    at: Location::Field("methodology".into()),
                    reason: InputReason::OtherMethodology {
                        found: name,
                        expected: m.id().to_string(),
                    },
                }),
                // A nameless line is never scored or ranked (as an empty cell of a table).
                _ if input.school.as_deref().is_none_or(|s| s.trim().is_empty()) => {
                    Err(Error::EmptySchool {
                        at: Location::Field("school".into()),
                    })
                }
                _ => Ok(Entry {
                    school: input.school,
                    period: input.period,
                    municipality: None,
                    cells: Cells::Ids(input.values),
                }),
            }),
            Err(e) => Err(Error::InvalidInput {
                at: Location::Row(row),
                reason: if e.kind() == std::io::ErrorKind::InvalidData {
                    InputReason::NotUtf8
                } else {
                    InputReason::Shape {
                        detail: e.to_string(),
                    }
                },
            }),
        };
        Some(Record { row, result })
    })
}

/// One spreadsheet cell as text, or why its value cannot be points.
enum Cell {
    Text(String),
    /// Not points; `raw` is what the cell shows as text elsewhere (a date's serial number).
    Bad {
        reason: ValueReason,
        raw: String,
    },
}

impl Cell {
    fn is_blank(&self) -> bool {
        matches!(self, Cell::Text(t) if t.trim().is_empty())
    }
}

/// XLSX: the first sheet, same layout as CSV. Cells are streamed one by one, so a stray cell at
/// `XFD1048576` costs one cell, not the sheet's whole used range. The header is the first row
/// with any text; row numbers are the sheet's.
fn xlsx_rows<'m>(path: &Path, m: &'m Methodology) -> Result<Rows<'m>, Failure> {
    use calamine::Xlsx;
    let file = Location::File(path.display().to_string());
    if !path.exists() {
        return Err(Failure::read(
            &path.display().to_string(),
            &std::io::Error::from(std::io::ErrorKind::NotFound),
        ));
    }
    let book: Xlsx<_> =
        calamine::open_workbook(path).map_err(|e: calamine::XlsxError| Error::InvalidInput {
            at: file.clone(),
            reason: InputReason::NotAWorkbook {
                detail: e.to_string(),
            },
        })?;
    xlsx_book(book, &file, m)
}

fn xlsx_book<'m, RS: std::io::Read + std::io::Seek>(
    mut book: calamine::Xlsx<RS>,
    file: &Location,
    m: &'m Methodology,
) -> Result<Rows<'m>, Failure> {
    use calamine::Reader;
    let bad = |reason: InputReason| Error::InvalidInput {
        at: file.clone(),
        reason,
    };
    let Some(name) = book.sheet_names().first().cloned() else {
        return Err(bad(InputReason::NoSheets).into());
    };
    let mut cells = book.worksheet_cells_reader(&name).map_err(|e| {
        bad(InputReason::NotAWorkbook {
            detail: e.to_string(),
        })
    })?;
    let mut table = SheetTable::new(m);
    let mut current: Option<u32> = None;
    let mut row_cells: Vec<(u32, Cell)> = Vec::new();
    loop {
        let next = cells.next_cell_with_formula().map_err(|e| {
            bad(InputReason::NotAWorkbook {
                detail: e.to_string(),
            })
        })?;
        let Some(c) = next else { break };
        let (r, col) = c.pos;
        if current != Some(r) {
            if let Some(prev) = current {
                table.row(prev, std::mem::take(&mut row_cells))?;
            }
            current = Some(r);
        }
        let at = || format!("{}{}", column_letters(col as usize + 1), r as usize + 1);
        let cell = cell_text(&c.value, c.formula.is_some(), at);
        if !cell.is_blank() {
            row_cells.push((col, cell));
        }
    }
    if let Some(prev) = current {
        table.row(prev, row_cells)?;
    }
    if table.columns.is_none() {
        return Err(Error::EmptyInput {
            what: InputKind::Table,
        }
        .into());
    }
    let has_period = table.columns.as_ref().is_some_and(Columns::has_period);
    let has_municipality = table
        .columns
        .as_ref()
        .is_some_and(|c| c.label_columns().2.is_some());
    Ok(Rows {
        records: Box::new(table.records.into_iter()),
        has_period,
        has_municipality,
    })
}

fn cell_text(value: &calamine::DataRef<'_>, formula: bool, at: impl Fn() -> String) -> Cell {
    use calamine::DataRef;
    match value {
        DataRef::Empty if formula => Cell::Bad {
            reason: ValueReason::FormulaWithoutValue { cell: at() },
            raw: String::new(),
        },
        DataRef::Empty => Cell::Text(String::new()),
        DataRef::String(s) | DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => {
            Cell::Text(s.clone())
        }
        DataRef::SharedString(s) => Cell::Text((*s).to_string()),
        DataRef::Int(i) => Cell::Text(i.to_string()),
        DataRef::Float(f) => match vsoko::decimal::from_f64(*f) {
            Ok(d) => Cell::Text(d.to_string()),
            Err(reason) => Cell::Bad {
                reason,
                raw: f.to_string(),
            },
        },
        DataRef::Bool(b) => Cell::Bad {
            reason: ValueReason::YesNo(*b),
            raw: b.to_string(),
        },
        DataRef::DateTime(d) => Cell::Bad {
            reason: ValueReason::DateCell { cell: at() },
            raw: vsoko::decimal::from_f64(d.as_f64())
                .map_or_else(|_| d.to_string(), |v| v.to_string()),
        },
        DataRef::Error(e) => Cell::Bad {
            reason: ValueReason::CellError {
                cell: at(),
                error: e.to_string(),
            },
            raw: e.to_string(),
        },
    }
}

/// Rows of a sheet collected as they stream by: the first non-empty row is the header.
struct SheetTable<'m> {
    m: &'m Methodology,
    columns: Option<Columns>,
    header_width: usize,
    records: Vec<Record>,
}

impl<'m> SheetTable<'m> {
    fn new(m: &'m Methodology) -> Self {
        SheetTable {
            m,
            columns: None,
            header_width: 0,
            records: Vec::new(),
        }
    }

    fn row(&mut self, r: u32, cells: Vec<(u32, Cell)>) -> Result<(), Failure> {
        if cells.is_empty() {
            return Ok(());
        }
        let row = r as usize + 1;
        let width = cells
            .iter()
            .map(|(c, _)| *c as usize + 1)
            .max()
            .unwrap_or(0)
            .max(self.header_width);
        let mut texts = vec![String::new(); width];
        let mut bad: Vec<(usize, ValueReason)> = Vec::new();
        for (c, cell) in cells {
            let c = c as usize;
            match cell {
                Cell::Text(t) => {
                    if let Some(slot) = texts.get_mut(c) {
                        *slot = t;
                    }
                }
                Cell::Bad { reason, raw } => {
                    // Outside indicator columns the cell reads as its text (a header cell
                    // that is a date keeps its serial, so the header check names it).
                    if let Some(slot) = texts.get_mut(c) {
                        *slot = raw;
                    }
                    bad.push((c, reason));
                }
            }
        }
        let Some(columns) = &self.columns else {
            self.header_width = width;
            self.columns = Some(Columns::from_header(self.m, &texts)?);
            return Ok(());
        };
        let result = match bad
            .into_iter()
            .find_map(|(c, reason)| columns.indicator_at(c).map(|id| (id, reason)))
        {
            Some((id, reason)) => Err(Error::InvalidValue {
                id: id.to_string(),
                reason,
            }),
            None => columns.row(&texts).map(entry),
        };
        self.records.push(Record { row, result });
        Ok(())
    }
}
