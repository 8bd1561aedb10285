//! Workbooks the CLI writes: the printable cyclogram, the form a school fills in, and batch
//! results with numeric cells.

mod cyclogram;
mod marks;
mod results;
mod tasks;
mod template;

pub use cyclogram::write_cyclogram;
pub use marks::marks_workbook;
pub use results::{MAX_SCHOOLS, Results};
pub use tasks::tasks_workbook;
pub use template::form;

use crate::failure::Failure;
use rust_decimal::Decimal;
use rust_xlsxwriter::{Format, Worksheet, XlsxError};

/// The most characters Excel keeps in one cell.
pub const MAX_CELL_CHARS: usize = 32_767;

/// Why a workbook could not be built.
#[derive(Debug)]
pub enum BookError {
    /// The writer failed.
    Xlsx(XlsxError),
    /// A text longer than a cell can hold.
    TooLong {
        /// The sheet.
        sheet: String,
        /// 1-based row.
        row: u32,
        /// 0-based column.
        col: u16,
        /// How many characters the text has.
        chars: usize,
    },
}

impl From<XlsxError> for BookError {
    fn from(e: XlsxError) -> Self {
        BookError::Xlsx(e)
    }
}

impl BookError {
    /// The failure to report for the workbook at `path`, in Russian.
    pub fn failure(&self, path: &str) -> Failure {
        match self {
            BookError::Xlsx(e) => Failure::xlsx(path, e),
            BookError::TooLong {
                sheet,
                row,
                col,
                chars,
            } => Failure::Output {
                code: "cell_too_long",
                message: format!(
                    "книга «{path}» не записана: на листе «{sheet}» в строке {row}, столбце {letter} ({letter}{row}) текст из {} знаков, а в ячейке Excel помещается не более 32 767; сократите текст",
                    grouped(*chars),
                    letter = vsoko::reason::column_letters(usize::from(*col) + 1),
                ),
            },
        }
    }
}

/// A count with its thousands apart, as Russian text writes it: `40 003`.
fn grouped(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + 4);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(' ');
        }
        out.push(c);
    }
    out
}

/// Writes text into a cell (the writer stores control characters as Excel's `_xHHHH_`
/// escapes); a text longer than Excel's cell is [`BookError::TooLong`] naming the cell.
fn text(
    sheet: &mut Worksheet,
    r: u32,
    c: u16,
    text: &str,
    format: Option<&Format>,
) -> Result<(), BookError> {
    let chars = text.chars().count();
    if chars > MAX_CELL_CHARS {
        return Err(BookError::TooLong {
            sheet: sheet.name(),
            row: r + 1,
            col: c,
            chars,
        });
    }
    match format {
        Some(f) => sheet.write_string_with_format(r, c, text, f)?,
        None => sheet.write_string(r, c, text)?,
    };
    Ok(())
}

/// Text for a data-validation prompt or message (written into an XML attribute, where Excel
/// reads a control character as a broken file): control characters become spaces, and the
/// text is cut to `n` characters.
fn prompt(text: &str, n: usize) -> String {
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .take(n)
        .collect()
}

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

/// Row 1: ids (what `vsoko batch` and scripts read); row 2: Russian headings; widths.
pub(super) fn header<'a>(
    sheet: &mut Worksheet,
    cols: impl Iterator<Item = (&'a str, &'a str, f64)>,
) -> Result<(), BookError> {
    let ids = Format::new().set_font_color(0x0066_6666).set_font_size(8);
    let ru = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_background_color(0x00E8_EEF6);
    for (i, (id, title, width)) in cols.enumerate() {
        text(sheet, 0, col(i), id, Some(&ids))?;
        text(sheet, 1, col(i), title, Some(&ru))?;
        sheet.set_column_width(col(i), width)?;
    }
    sheet.set_row_height(1, 45)?;
    Ok(())
}
