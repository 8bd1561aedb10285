//! Workbooks the CLI writes: the printable cyclogram, the form a school fills in, and batch
//! results with numeric cells.

mod cyclogram;
mod results;
mod template;

pub use cyclogram::write_cyclogram;
pub use results::{MAX_SCHOOLS, Results};
pub use template::form;

use rust_decimal::Decimal;
use rust_xlsxwriter::{Worksheet, XlsxError};

/// Writes a decimal as a number cell when the number reads back as the same decimal (at most
/// 15 significant digits survive Excel's binary float), otherwise as text, never rounded.
fn write_decimal(sheet: &mut Worksheet, row: u32, col: u16, d: Decimal) -> Result<(), XlsxError> {
    let exact = d
        .to_string()
        .parse::<f64>()
        .ok()
        .filter(|f| vsoko::decimal::from_f64(*f).is_ok_and(|back| back == d.normalize()));
    match exact {
        Some(f) => sheet.write_number(row, col, f).map(|_| ()),
        None => sheet.write_string(row, col, d.to_string()).map(|_| ()),
    }
}

/// A 0-based column index as Excel's column number type.
fn col(i: usize) -> u16 {
    u16::try_from(i).unwrap_or(u16::MAX)
}

/// A 0-based row index as Excel's row number type.
fn row(i: usize) -> u32 {
    u32::try_from(i).unwrap_or(u32::MAX)
}
