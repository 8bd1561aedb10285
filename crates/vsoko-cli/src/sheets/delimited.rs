//! CSV in any of the dialects Russian Excel writes: the dialect told from the first bytes,
//! Windows-1251 decoded, rows numbered by the line where the record starts; a field that runs
//! past its line is rejected where it starts.

use super::row::{Record, Rows, entry};
use crate::failure::Failure;
use crate::lines::LineCounter;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use vsoko::batch::Columns;
use vsoko::reason::{InputReason, Location};
use vsoko::{Error, InputKind, Methodology};

/// CSV rows from a stream: its dialect is told from the first bytes, Windows-1251 is decoded,
/// and lines are counted on the decoded text (where the csv crate's offsets are).
pub(super) fn csv_rows<'m, R: Read + 'm>(
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
