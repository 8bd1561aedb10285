//! A file's bytes as sheets of text rows: every sheet of an XLSX workbook (calamine, cells as
//! the core's [`vsoko::cells`] writes them, the CLI's rules) or CSV text as one sheet (UTF-8 or
//! Windows-1251, the delimiter and records as the core's [`vsoko::delimited`] reads them).

use vsoko::reason::{InputReason, Location, ValueReason, column_letters};

/// A sheet's rows: the row (line) number and its cells as text.
pub type Rows = Vec<(usize, Vec<String>)>;

/// The sheets of a file: every sheet of a workbook that has a filled cell, or CSV text as one
/// unnamed sheet (UTF-8 or Windows-1251, `;`, tab or `,`).
///
/// # Errors
/// [`vsoko::Error::InvalidInput`] naming the file: not a workbook, not text, a quote never closed.
pub fn sheets(name: &str, bytes: &[u8]) -> Result<Vec<(String, Rows)>, vsoko::Error> {
    let ext = name.rsplit_once('.').map_or("", |(_, e)| e).to_lowercase();
    if bytes.starts_with(b"PK\x03\x04") || matches!(ext.as_str(), "xlsx" | "xlsm") {
        return workbook(name, bytes);
    }
    if bytes.starts_with(b"\xd0\xcf\x11\xe0") || ext == "xls" {
        return Err(not_a_book(
            name,
            "an old .xls workbook: save it as .xlsx".into(),
        ));
    }
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    let decoded;
    let text = if vsoko::delimited::is_windows_1251(bytes, false) {
        decoded = encoding_rs::WINDOWS_1251
            .decode_without_bom_handling(bytes)
            .0;
        &*decoded
    } else {
        std::str::from_utf8(bytes).map_err(|_| vsoko::Error::InvalidInput {
            at: Location::File(name.to_string()),
            reason: InputReason::NotUtf8,
        })?
    };
    let delimiter = vsoko::delimited::delimiter(text.as_bytes());
    let rows = vsoko::delimited::records(text, char::from(delimiter)).map_err(|opened| {
        vsoko::Error::InvalidInput {
            at: Location::File(format!("{name}: {opened}")),
            reason: InputReason::QuoteRunsPastLine { opened },
        }
    })?;
    Ok(vec![(String::new(), rows)])
}

fn not_a_book(name: &str, detail: String) -> vsoko::Error {
    vsoko::Error::InvalidInput {
        at: Location::File(name.to_string()),
        reason: InputReason::NotAWorkbook { detail },
    }
}

/// Every sheet of a workbook with a filled cell, cell by cell: dates `DD.MM.YYYY`, numbers as
/// plain decimals, formulas their saved value (one saved without a value is an error naming
/// its cell) — the CLI's rules.
fn workbook(name: &str, bytes: &[u8]) -> Result<Vec<(String, Rows)>, vsoko::Error> {
    use calamine::{DataRef, Reader};
    let bad = |e: &dyn std::fmt::Display| not_a_book(name, e.to_string());
    let mut book = calamine::Xlsx::new(std::io::Cursor::new(bytes)).map_err(|e| bad(&e))?;
    let mut sheets = Vec::new();
    for sheet in book.sheet_names() {
        let mut cells = book.worksheet_cells_reader(&sheet).map_err(|e| bad(&e))?;
        let mut rows: Rows = Vec::new();
        loop {
            // calamine's arithmetic on a long cell reference can overflow (upstream
            // tafia/calamine#709): a panic where overflow is checked (caught here, natively), a
            // wrapped position where it is not (the wasm builds), refused by the grid's bounds.
            let next = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                cells.next_cell_with_formula()
            }))
            .map_err(|_| bad(&"a cell reference the reader cannot follow"))?;
            let Some(cell) = next.map_err(|e| bad(&e))? else {
                break;
            };
            let (r, c) = cell.pos;
            if r > vsoko::cells::LAST_ROW || c > vsoko::cells::LAST_COLUMN {
                return Err(bad(&format!(
                    "a cell outside the sheet's grid (row {}, column {}); Excel's last cell is XFD1048576",
                    u64::from(r) + 1,
                    u64::from(c) + 1
                )));
            }
            let text = match &cell.value {
                DataRef::Empty if cell.formula.is_some() => {
                    let letter = column_letters(c as usize + 1);
                    return Err(vsoko::Error::InvalidCell {
                        reason: ValueReason::FormulaWithoutValue {
                            cell: format!("{letter}{}", r as usize + 1),
                        },
                        column: format!("{name}, {sheet}!{letter}"),
                    });
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
                    row.resize(col + 1, String::new());
                }
                if let Some(slot) = row.get_mut(col) {
                    *slot = text;
                }
            }
        }
        drop(cells);
        if !rows.is_empty() {
            sheets.push((sheet, rows));
        }
    }
    if sheets.is_empty() {
        return Err(vsoko::Error::InvalidInput {
            at: Location::File(name.to_string()),
            reason: InputReason::NoSheets,
        });
    }
    Ok(sheets)
}
