//! XLSX: the first sheet, laid out as a CSV table, streamed cell by cell; a cell that cannot be
//! points (a date, a formula without its value, an error) is an error naming the cell.

use super::row::{Record, Rows, entry};
use crate::failure::Failure;
use std::path::Path;
use vsoko::batch::Columns;
use vsoko::reason::{InputReason, Location, ValueReason, column_letters};
use vsoko::{Error, InputKind, Methodology};

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
pub(super) fn xlsx_rows<'m>(path: &Path, m: &'m Methodology) -> Result<Rows<'m>, Failure> {
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

pub(super) fn xlsx_book<'m, RS: std::io::Read + std::io::Seek>(
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
