//! Choosing the reader: a batch file by its format or extension, or bytes in memory (for tests
//! and fuzzing).

use super::delimited::csv_rows;
use super::jsonl::jsonl_rows;
use super::row::{InputFormat, Record, Rows};
use super::workbook::{xlsx_book, xlsx_rows};
use crate::failure::Failure;
use std::fs::File;
use std::io::{BufReader, Read};
use std::path::Path;
use vsoko::reason::{InputReason, Location};
use vsoko::{Error, Methodology};

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

/// Reads a batch input already in memory (the body of a service request), named `label` in
/// messages.
///
/// # Errors
/// A [`Failure`] when the bytes are not a workbook or the header cannot be mapped.
pub fn read_bytes<'m>(
    bytes: Vec<u8>,
    format: InputFormat,
    label: &str,
    m: &'m Methodology,
) -> Result<Rows<'m>, Failure> {
    let cursor = std::io::Cursor::new(bytes);
    match format {
        InputFormat::Csv => csv_rows(cursor, Path::new(label), m),
        InputFormat::Jsonl => Ok(Rows {
            records: Box::new(jsonl_rows(cursor, m)),
            has_period: true,
            has_municipality: false,
        }),
        InputFormat::Xlsx => {
            let at = Location::File(label.into());
            let book = <calamine::Xlsx<_> as calamine::Reader<_>>::new(cursor).map_err(|e| {
                Error::InvalidInput {
                    at: at.clone(),
                    reason: InputReason::NotAWorkbook {
                        detail: e.to_string(),
                    },
                }
            })?;
            xlsx_book(book, &at, m)
        }
    }
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
