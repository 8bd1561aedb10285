//! Reading batch input files row by row: CSV (any of the dialects Russian Excel writes),
//! JSON Lines and XLSX. Each row becomes a school, its period and values, or an error for
//! that row. Row numbers are the file's own: the CSV line where the record starts, the JSON
//! Lines line, the sheet's row.

mod delimited;
mod jsonl;
mod open;
mod row;
mod workbook;

pub use crate::lines::{LineCounter, Lines};
pub use open::{open, read_bytes, read_csv, read_xlsx};
pub use row::{Cells, Entry, InputFormat, Record, Rows};
