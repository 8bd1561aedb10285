//! The cyclogram as a printable workbook: A4 landscape, headings repeated on every page,
//! wrapped text, the mechanism column frozen.

use crate::failure::Failure;
use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook};
use std::path::Path;
use vsoko::plan::Cyclogram;

/// Writes the cyclogram to an XLSX file.
///
/// # Errors
/// A [`Failure::Write`] naming the file.
pub fn write_cyclogram(c: &Cyclogram, path: &Path) -> Result<(), Failure> {
    let name = path.display().to_string();
    let fail = |e: rust_xlsxwriter::XlsxError| Failure::xlsx(&name, &e);
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Циклограмма").map_err(fail)?;
    sheet.set_landscape();
    sheet.set_paper_size(9); // A4
    sheet.set_print_fit_to_pages(1, 0);
    let head = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_border(FormatBorder::Thin)
        .set_background_color(0x00E8_EEF6);
    let cell = Format::new()
        .set_text_wrap()
        .set_align(FormatAlign::Top)
        .set_border(FormatBorder::Thin)
        .set_font_size(8);
    let title = format!("Циклограмма ВСОКО на {} учебный год", c.academic_year);
    sheet
        .write_string_with_format(0, 0, &title, &Format::new().set_bold().set_font_size(12))
        .map_err(fail)?;
    for (r, row) in c.grid().iter().enumerate() {
        let r = u32::try_from(r + 2).unwrap_or(u32::MAX);
        for (col, text) in row.iter().enumerate() {
            let col = u16::try_from(col).unwrap_or(u16::MAX);
            let format = if r == 2 || col == 0 { &head } else { &cell };
            super::text(sheet, r, col, text, Some(format)).map_err(|e| e.failure(&name))?;
        }
    }
    sheet.set_column_width(0, 28).map_err(fail)?;
    let last = u16::try_from(c.columns.len()).unwrap_or(u16::MAX);
    sheet.set_column_range_width(1, last, 22).map_err(fail)?;
    sheet.set_freeze_panes(3, 1).map_err(fail)?;
    sheet.set_repeat_rows(2, 2).map_err(fail)?;
    book.save(path).map_err(fail)
}
