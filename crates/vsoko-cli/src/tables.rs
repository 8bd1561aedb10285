//! Plain tables for importers that recognise their own headers (the ВСОКО plan): every row of a
//! CSV file (`,`, `;` or tab), of the first sheet of a workbook or of a Word document's tables, as text cells with the file's
//! line or the sheet's row number. Quoted cells may hold line breaks (lists of people do).

use crate::failure::Failure;
use std::path::Path;
use vsoko::reason::{InputReason, Location, ValueReason, column_letters};
use vsoko::{Error, InputKind};

/// A row: its line in the file (or row in the sheet) and its cells.
pub type TableRow = (usize, Vec<String>);

/// Reads a CSV, XLSX or DOCX table whole (by extension: `.xlsx`/`.xlsm` is a workbook, `.docx`
/// a Word document whose tables are read as one, see [`vsoko::document::read`]).
///
/// # Errors
/// A [`Failure`] when the file cannot be read, is not UTF-8 or not a workbook.
pub fn read_table(path: &Path) -> Result<Vec<TableRow>, Failure> {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    if matches!(ext.as_str(), "xlsx" | "xlsm") {
        let bytes =
            std::fs::read(path).map_err(|e| Failure::read(&path.display().to_string(), &e))?;
        return xlsx_table(&bytes, &path.display().to_string());
    }
    if ext == "docx" {
        let label = path.display().to_string();
        let bytes = std::fs::read(path).map_err(|e| Failure::read(&label, &e))?;
        return Ok(vsoko::document::read::tables(&bytes, &label)?);
    }
    let bytes = if path.as_os_str() == "-" {
        let mut b = Vec::new();
        std::io::Read::read_to_end(&mut std::io::stdin(), &mut b).map(|_| b)
    } else {
        std::fs::read(path)
    }
    .map_err(|e| Failure::read(&path.display().to_string(), &e))?;
    csv_table(&bytes)
}

/// Reads a table row by row without holding it whole: a CSV file streams record by record (any
/// dialect [`read_table`] reads, line numbers the file's own), a workbook's first sheet is read
/// whole first. `row` gets each row's line (or sheet row) and its cells.
///
/// # Errors
/// A [`Failure`] when the file cannot be read or parsed, or what `row` returns.
pub fn stream_table(
    path: &Path,
    mut row: impl FnMut(usize, &[&str]) -> Result<(), Failure>,
) -> Result<(), Failure> {
    let label = path.display().to_string();
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    if path.as_os_str() == "-" || matches!(ext.as_str(), "xlsx" | "xlsm") {
        for (line, cells) in read_table(path)? {
            let cells: Vec<&str> = cells.iter().map(String::as_str).collect();
            row(line, &cells)?;
        }
        return Ok(());
    }
    let io = |e: std::io::Error| Failure::read(&label, &e);
    let mut head = Vec::with_capacity(crate::dialect::HEAD);
    std::io::Read::read_to_end(
        &mut std::io::Read::take(
            std::fs::File::open(path).map_err(io)?,
            crate::dialect::HEAD as u64,
        ),
        &mut head,
    )
    .map_err(io)?;
    let dialect = crate::dialect::sniff(&head);
    let file = std::fs::File::open(path).map_err(io)?;
    let (counted, lines) =
        crate::lines::LineCounter::wrap(crate::dialect::utf8_reader(file, dialect.encoding));
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(dialect.delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(std::io::BufReader::with_capacity(1 << 16, counted));
    let mut record = csv::StringRecord::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => return Ok(()),
            Ok(true) => {
                let line = lines.line_at(record.position());
                let cells: Vec<&str> = record
                    .iter()
                    .map(|c| c.trim_start_matches('\u{feff}'))
                    .collect();
                row(line, &cells)?;
            }
            Err(e) => {
                return Err(Error::InvalidInput {
                    at: Location::Row(lines.line_at(e.position())),
                    reason: match e.kind() {
                        csv::ErrorKind::Utf8 { .. } => InputReason::NotUtf8,
                        _ => InputReason::Shape {
                            detail: e.to_string(),
                        },
                    },
                }
                .into());
            }
        }
    }
}

/// A sheet: its name (empty for a CSV file) and its rows.
pub type Sheet = (String, Vec<TableRow>);

/// Reads every sheet of a workbook that has a filled cell, or a CSV file as one unnamed sheet
/// (by extension, as [`read_table`]).
///
/// ```
/// let path = std::path::Path::new("../../fixtures/marks/vedomost_7b.xlsx");
/// let sheets = vsoko_cli::tables::read_sheets(path).unwrap();
/// let names: Vec<&str> = sheets.iter().map(|(name, _)| name.as_str()).collect();
/// assert_eq!(names, ["7Б", "7В"]);
/// // Number cells read as people write them; row numbers are the sheet's.
/// assert_eq!(sheets[1].1[3], (4, vec!["1".into(), "Жуков Жан".into(), "4".into(), "5".into(), "4".into(), "4".into()]));
/// let csv = vsoko_cli::tables::read_sheets(std::path::Path::new("../../fixtures/marks/vedomost_8.csv")).unwrap();
/// assert_eq!(csv[0].0, "");
/// ```
///
/// # Errors
/// A [`Failure`] when the file cannot be read, is not UTF-8 or not a workbook, or has no
/// filled cell at all.
pub fn read_sheets(path: &Path) -> Result<Vec<Sheet>, Failure> {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    if matches!(ext.as_str(), "xlsx" | "xlsm") {
        let bytes =
            std::fs::read(path).map_err(|e| Failure::read(&path.display().to_string(), &e))?;
        return xlsx_sheets(&bytes, &path.display().to_string());
    }
    Ok(vec![(String::new(), read_table(path)?)])
}

/// Reads CSV text from memory.
///
/// # Errors
/// A [`Failure`] for a file that is neither UTF-8 nor Windows-1251, or is empty.
pub fn csv_table(bytes: &[u8]) -> Result<Vec<TableRow>, Failure> {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    let dialect = crate::dialect::sniff(bytes.get(..crate::dialect::HEAD).unwrap_or(bytes));
    let text = crate::dialect::decode(bytes, dialect.encoding);
    let bytes: &[u8] = &text;
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(dialect.delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes);
    let mut rows = Vec::new();
    let mut record = csv::StringRecord::new();
    // Line breaks before `counted` (counted once, as the reader moves on).
    let (mut counted, mut breaks) = (0usize, 0usize);
    loop {
        // The csv crate reports where the previous record ended; the record starts after the
        // line breaks that follow it.
        let start = usize::try_from(reader.position().byte()).unwrap_or(0);
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                let skipped = bytes
                    .get(start..)
                    .unwrap_or_default()
                    .iter()
                    .take_while(|b| matches!(b, b'\n' | b'\r'))
                    .filter(|&&b| b == b'\n')
                    .count();
                breaks += count_byte(bytes.get(counted..start).unwrap_or_default(), b'\n');
                counted = start.max(counted);
                let line = breaks + skipped + 1;
                rows.push((line, record.iter().map(ToString::to_string).collect()));
            }
            Err(e) => {
                let line = e
                    .position()
                    .map_or(0, |p| usize::try_from(p.line()).unwrap_or(0));
                let reason = match e.kind() {
                    csv::ErrorKind::Utf8 { .. } => InputReason::NotUtf8,
                    _ => InputReason::Shape {
                        detail: e.to_string(),
                    },
                };
                return Err(Error::InvalidInput {
                    at: Location::Row(line),
                    reason,
                }
                .into());
            }
        }
    }
    if rows.is_empty() {
        return Err(Error::EmptyInput {
            what: InputKind::Plan,
        }
        .into());
    }
    // A quote never closed swallows every later line into the last cell: an odd number of
    // quote characters (doubled ones inside a cell count two) means exactly that.
    if count_byte(bytes, b'"') % 2 == 1 {
        let opened = rows.last().map_or(0, |(l, _)| *l);
        return Err(Error::InvalidInput {
            at: Location::Row(opened),
            reason: InputReason::QuoteRunsPastLine { opened },
        }
        .into());
    }
    Ok(rows)
}

/// Reads the first sheet of a workbook from memory, cell by cell (a used range declared up to
/// `XFD1048576` costs nothing). Date cells become `DD.MM.YYYY`, formulas their saved value; a
/// formula saved without a value is [`Error::InvalidCell`] naming the cell.
///
/// # Errors
/// A [`Failure`] when the bytes are not a workbook.
pub fn xlsx_table(bytes: &[u8], label: &str) -> Result<Vec<TableRow>, Failure> {
    use calamine::Reader;
    let mut book = open_book(bytes, label)?;
    let Some(name) = book.sheet_names().first().cloned() else {
        return Err(Error::InvalidInput {
            at: Location::File(label.to_string()),
            reason: InputReason::NoSheets,
        }
        .into());
    };
    let rows = sheet_rows(&mut book, &name, label)?;
    if rows.is_empty() {
        return Err(Error::EmptyInput {
            what: InputKind::Plan,
        }
        .into());
    }
    Ok(rows)
}

/// Reads every sheet of a workbook from memory (as [`xlsx_table`] reads the first), leaving
/// out the sheets without a filled cell.
///
/// # Errors
/// A [`Failure`] when the bytes are not a workbook or no sheet has a filled cell.
pub fn xlsx_sheets(bytes: &[u8], label: &str) -> Result<Vec<Sheet>, Failure> {
    use calamine::Reader;
    let mut book = open_book(bytes, label)?;
    let mut sheets = Vec::new();
    for name in book.sheet_names() {
        let rows = sheet_rows(&mut book, &name, label)?;
        if !rows.is_empty() {
            sheets.push((name, rows));
        }
    }
    if sheets.is_empty() {
        return Err(Error::EmptyInput {
            what: InputKind::Plan,
        }
        .into());
    }
    Ok(sheets)
}

type Book<'a> = calamine::Xlsx<std::io::Cursor<&'a [u8]>>;

fn not_a_book(label: &str, detail: String) -> Error {
    Error::InvalidInput {
        at: Location::File(label.to_string()),
        reason: InputReason::NotAWorkbook { detail },
    }
}

fn open_book<'a>(bytes: &'a [u8], label: &str) -> Result<Book<'a>, Failure> {
    use calamine::Reader;
    Ok(calamine::Xlsx::new(std::io::Cursor::new(bytes))
        .map_err(|e| not_a_book(label, e.to_string()))?)
}

/// One sheet's rows, cell by cell (see [`xlsx_table`]); empty when no cell is filled.
fn sheet_rows(book: &mut Book<'_>, name: &str, label: &str) -> Result<Vec<TableRow>, Failure> {
    use calamine::DataRef;
    let bad = |detail: String| not_a_book(label, detail);
    let mut cells = book
        .worksheet_cells_reader(name)
        .map_err(|e| bad(e.to_string()))?;
    let mut rows: Vec<TableRow> = Vec::new();
    loop {
        // The reader's own arithmetic on a cell reference can overflow (a reference of a dozen
        // letters: a panic where overflow is checked, a wrapped position where it is not): the
        // first is caught, the second refused by the grid's bounds below.
        let next = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            cells.next_cell_with_formula()
        }))
        .map_err(|_| bad("a cell reference the reader cannot follow".into()))?;
        let Some(cell) = next.map_err(|e| bad(e.to_string()))? else {
            break;
        };
        let (r, c) = cell.pos;
        if r > vsoko::cells::LAST_ROW || c > vsoko::cells::LAST_COLUMN {
            return Err(bad(format!(
                "a cell outside the sheet's grid (row {}, column {}); Excel's last cell is XFD1048576",
                u64::from(r) + 1,
                u64::from(c) + 1
            ))
            .into());
        }
        let text = match &cell.value {
            DataRef::Empty if cell.formula.is_some() => {
                let letter = column_letters(c as usize + 1);
                return Err(Error::InvalidCell {
                    reason: ValueReason::FormulaWithoutValue {
                        cell: format!("{letter}{}", r as usize + 1),
                    },
                    column: letter,
                }
                .into());
            }
            DataRef::Empty => continue,
            DataRef::String(s) | DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => s.clone(),
            DataRef::SharedString(s) => (*s).to_string(),
            DataRef::Int(i) => i.to_string(),
            DataRef::Float(f) => vsoko::cells::number(*f),
            DataRef::Bool(b) => vsoko::cells::yes_no(*b).to_string(),
            DataRef::DateTime(d) => vsoko::cells::serial_date(d.as_f64()),
            DataRef::Error(e) => e.to_string(),
        };
        if text.trim().is_empty() {
            continue;
        }
        let line = r as usize + 1;
        if rows.last().is_none_or(|(l, _)| *l != line) {
            rows.push((line, Vec::new()));
        }
        if let Some((_, row)) = rows.last_mut() {
            let col = c as usize;
            if row.len() <= col {
                // A stray cell far to the right is kept (the importer names its column).
                row.resize(col + 1, String::new());
            }
            if let Some(slot) = row.get_mut(col) {
                *slot = text;
            }
        }
    }
    Ok(rows)
}

#[expect(
    clippy::naive_bytecount,
    reason = "plan tables are small; no extra crate for this"
)]
fn count_byte(bytes: &[u8], byte: u8) -> usize {
    bytes.iter().filter(|&&b| b == byte).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cell_reference_that_overflows_the_reader_is_a_refused_workbook_not_a_panic() {
        // Found by the marks_sheets fuzz target: a reference of many letters.
        let bytes = std::fs::read(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../fuzz/regressions/marks_sheets-column-letters-overflow"
        ))
        .unwrap();
        let e = xlsx_sheets(&bytes, "f.xlsx").unwrap_err();
        assert!(e.line().contains("f.xlsx"), "{}", e.line());
    }

    #[test]
    fn csv_lines_and_delimiters() {
        let rows = csv_table(
            "Заголовок\n\nМесяц\tСодержание\n\"январь\"\t\"a\nb\"\nфевраль\tc\n".as_bytes(),
        )
        .unwrap();
        let lines: Vec<usize> = rows.iter().map(|(l, _)| *l).collect();
        assert_eq!(lines, [1, 3, 4, 6]);
        assert_eq!(rows[2].1, ["январь", "a\nb"]);
        let e = csv_table("Месяц;Содержание\nянварь;\"a\nфевраль;b\n".as_bytes()).unwrap_err();
        assert!(e.line().contains("строке 2"), "{}", e.line());
    }
}
