//! Reading batch input files row by row: CSV (any of the dialects Russian Excel writes),
//! JSON Lines and XLSX. Each row becomes a school name and values, or an error for that row.

use crate::failure::Failure;
use clap::ValueEnum;
use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use vsoko::batch::Columns;
use vsoko::{Error, Methodology, ScoreInput, Values};

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

/// One input row: its number in the file (the header is row 1) and what it holds.
pub struct Record {
    pub row: usize,
    pub result: Result<(Option<String>, Values), Error>,
}

/// Opens a batch input file and returns its rows; header problems fail the whole batch.
pub fn open<'m>(
    path: &Path,
    format: Option<InputFormat>,
    m: &'m Methodology,
) -> Result<Box<dyn Iterator<Item = Record> + 'm>, Failure> {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let format = format.unwrap_or(match ext.as_str() {
        "jsonl" | "ndjson" => InputFormat::Jsonl,
        "xlsx" | "xlsm" => InputFormat::Xlsx,
        _ => InputFormat::Csv,
    });
    let io = |e: std::io::Error| Failure::Io {
        path: path.display().to_string(),
        message: e.to_string(),
    };
    match format {
        InputFormat::Csv => {
            let reader: Box<dyn Read> = if path.as_os_str() == "-" {
                Box::new(std::io::stdin().lock())
            } else {
                Box::new(File::open(path).map_err(io)?)
            };
            Ok(Box::new(csv_rows(
                BufReader::with_capacity(1 << 16, reader),
                m,
            )?))
        }
        InputFormat::Jsonl => {
            let file = File::open(path).map_err(io)?;
            Ok(Box::new(jsonl_rows(BufReader::new(file), m)))
        }
        InputFormat::Xlsx => Ok(Box::new(xlsx_rows(path, m)?.into_iter())),
    }
}

/// `;` when the header line has more semicolons than commas (Russian Excel), else `,`.
fn sniff_delimiter(first_line: &[u8]) -> u8 {
    let count = |c: u8| first_line.split(|&b| b == c).count();
    if count(b';') > count(b',') {
        b';'
    } else {
        b','
    }
}

fn csv_rows<'m, R: BufRead + 'm>(
    mut reader: R,
    m: &'m Methodology,
) -> Result<impl Iterator<Item = Record> + 'm, Failure> {
    let buf = reader.fill_buf().map_err(|e| Failure::Io {
        path: "input".into(),
        message: e.to_string(),
    })?;
    let first_line = buf.split(|&b| b == b'\n').next().unwrap_or_default();
    let delimiter = sniff_delimiter(first_line);
    let csv = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(reader);
    let mut records = csv.into_records();
    let header = match records.next() {
        None => return Err(Error::EmptyInput.into()),
        Some(Err(e)) => return Err(csv_failure(&e, 1).into()),
        Some(Ok(h)) => h,
    };
    let columns = Columns::from_header(m, &header.iter().collect::<Vec<_>>())?;
    Ok(records.enumerate().filter_map(move |(i, rec)| {
        let row = i + 2;
        let result = match rec {
            Ok(rec) if rec.iter().all(|c| c.trim().is_empty()) => return None,
            Ok(rec) => columns
                .row(&rec.iter().collect::<Vec<_>>())
                .map(|r| (r.school, r.values)),
            Err(e) => Err(csv_failure(&e, row)),
        };
        Some(Record { row, result })
    }))
}

fn csv_failure(e: &csv::Error, row: usize) -> Error {
    let reason = match e.kind() {
        csv::ErrorKind::Utf8 { .. } => {
            "the file is not UTF-8; save it from Excel as \"CSV UTF-8\"".to_string()
        }
        _ => e.to_string(),
    };
    Error::InvalidInput {
        field: format!("row {row}"),
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
            Ok(l) if l.trim().is_empty() => return None,
            Ok(l) => ScoreInput::from_json(&l).and_then(|input| match input.methodology {
                Some(name) if name != m.id() => Err(Error::InvalidInput {
                    field: "methodology".into(),
                    reason: format!("the line is for \"{name}\" but the batch scores {}", m.id()),
                }),
                _ => Ok((input.school, input.values)),
            }),
            Err(e) => Err(Error::InvalidInput {
                field: format!("line {row}"),
                reason: e.to_string(),
            }),
        };
        Some(Record { row, result })
    })
}

/// XLSX: the first sheet, same layout as CSV. The sheet is read whole (the format is zipped).
fn xlsx_rows(path: &Path, m: &Methodology) -> Result<Vec<Record>, Failure> {
    use calamine::{Data, Reader};
    let bad = |reason: String| Error::InvalidInput {
        field: path.display().to_string(),
        reason,
    };
    if !path.exists() {
        return Err(Failure::Io {
            path: path.display().to_string(),
            message: "file not found".into(),
        });
    }
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(path)
        .map_err(|e| bad(format!("not a readable XLSX workbook: {e}")))?;
    let range = book
        .worksheet_range_at(0)
        .ok_or_else(|| bad("the workbook has no sheets".into()))?
        .map_err(|e| bad(e.to_string()))?;
    let text = |cell: &Data| -> String {
        match cell {
            Data::Empty => String::new(),
            Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
            Data::Int(i) => i.to_string(),
            Data::Float(f) => {
                vsoko::decimal::from_f64(*f).map_or_else(|_| f.to_string(), |d| d.to_string())
            }
            Data::Bool(b) => b.to_string(),
            Data::DateTime(d) => d.to_string(),
            Data::Error(e) => format!("#{e:?}"),
        }
    };
    let mut rows = range.rows();
    let Some(header) = rows.next() else {
        return Err(Error::EmptyInput.into());
    };
    let columns = Columns::from_header(m, &header.iter().map(text).collect::<Vec<_>>())?;
    Ok(rows
        .enumerate()
        .filter_map(|(i, cells)| {
            let cells: Vec<String> = cells.iter().map(text).collect();
            if cells.iter().all(|c| c.trim().is_empty()) {
                return None;
            }
            Some(Record {
                row: i + 2,
                result: columns.row(&cells).map(|r| (r.school, r.values)),
            })
        })
        .collect())
}
