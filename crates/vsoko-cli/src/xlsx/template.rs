//! The form a school or a region fills in: column ids in row 1 (`school`, `municipality`,
//! `period`, then one column per input), every input column checked by Excel's data validation
//! with the Russian title and range as its prompt; the catalogue on the next sheets. `vsoko
//! batch` reads the filled form back exactly.

use super::{BookError, col, prompt, row, text, write_decimal};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use rust_xlsxwriter::{
    DataValidation, DataValidationErrorStyle, DataValidationRule, Format, Formula, Workbook,
    Worksheet, XlsxError,
};
use vsoko::Methodology;
use vsoko::methodology::{CatalogInput, MeasureKind};

/// What a form says where the source gives no title.
const NO_TITLE: &str = "название в источнике не приводится";

/// Rows left for schools under the header (validation covers them all).
pub const FORM_ROWS: u32 = 5000;

const LEAD: [(&str, &str); 3] = [
    ("school", "Организация"),
    ("municipality", "Муниципалитет (необязательно)"),
    ("period", "Период"),
];

/// The form as XLSX bytes.
///
/// # Errors
/// A [`BookError`] from the writer, or for a text longer than a cell.
pub fn form(m: &Methodology) -> Result<Vec<u8>, BookError> {
    let catalog = m.catalog();
    let mut book = Workbook::new();
    let head = Format::new().set_bold().set_background_color(0x00E8_EEF6);
    let sheet = book.add_worksheet();
    sheet.set_name("Данные")?;
    for (i, (id, title)) in LEAD.iter().enumerate() {
        sheet.write_string_with_format(0, col(i), *id, &head)?;
        let prompt = DataValidation::new()
            .allow_any_value()
            .set_input_title(*id)?
            .set_input_message(*title)?;
        sheet.add_data_validation(1, col(i), FORM_ROWS, col(i), &prompt)?;
        sheet.set_column_width(col(i), if i == 0 { 36 } else { 16 })?;
    }
    for (i, input) in catalog.inputs.iter().enumerate() {
        let c = col(i + LEAD.len());
        text(sheet, 0, c, &input.id, Some(&head))?;
        let cell = format!("{}2", vsoko::reason::column_letters(usize::from(c) + 1));
        sheet.add_data_validation(1, c, FORM_ROWS, c, &validation(input, &cell)?)?;
        let width = u8::try_from((input.id.chars().count() + 2).clamp(8, 24)).unwrap_or(24);
        sheet.set_column_width(c, f64::from(width))?;
    }
    sheet.set_freeze_panes(1, 1)?;
    inputs_sheet(book.add_worksheet(), &catalog.inputs)?;
    indicators_sheet(book.add_worksheet(), m)?;
    Ok(book.save_to_buffer()?)
}

/// Excel's check for one input column, with the Russian prompt and error texts.
fn validation(input: &CatalogInput, cell: &str) -> Result<DataValidation, XlsxError> {
    let title = input.title.as_deref().unwrap_or(NO_TITLE);
    let hint = input.hint_ru.clone();
    let dv = match (input.kind, input.not_applicable) {
        (MeasureKind::YesNo, false) => DataValidation::new().allow_list_strings(&["да", "нет"])?,
        (MeasureKind::YesNo, true) => {
            DataValidation::new().allow_list_strings(&["да", "нет", "н/п"])?
        }
        (kind, false) => number_rule(kind, input.min, input.max),
        (kind, true) => DataValidation::new()
            .allow_custom(Formula::new(custom_rule(cell, kind, input.min, input.max))),
    };
    dv.set_input_title(prompt(&input.id, 32))?
        .set_input_message(prompt(&format!("{title}. Допустимо: {hint}"), 255))?
        .set_error_title("Недопустимое значение")?
        .set_error_message(prompt(&format!("{}: {hint}", input.id), 255))
        .map(|dv| dv.set_error_style(DataValidationErrorStyle::Stop))
}

fn number_rule(kind: MeasureKind, min: Option<Decimal>, max: Option<Decimal>) -> DataValidation {
    let f = |d: Decimal| d.to_f64().unwrap_or(0.0);
    if kind == MeasureKind::Count {
        let i = |d: Decimal| d.to_i32().unwrap_or(i32::MAX);
        let rule = match (min, max) {
            (Some(lo), Some(hi)) => DataValidationRule::Between(i(lo), i(hi)),
            (Some(lo), None) => DataValidationRule::GreaterThanOrEqualTo(i(lo)),
            (None, Some(hi)) => DataValidationRule::LessThanOrEqualTo(i(hi)),
            (None, None) => DataValidationRule::GreaterThanOrEqualTo(0),
        };
        return DataValidation::new().allow_whole_number(rule);
    }
    let rule = match (min, max) {
        (Some(lo), Some(hi)) => DataValidationRule::Between(f(lo), f(hi)),
        (Some(lo), None) => DataValidationRule::GreaterThanOrEqualTo(f(lo)),
        (None, Some(hi)) => DataValidationRule::LessThanOrEqualTo(f(hi)),
        (None, None) => DataValidationRule::Between(f64::MIN, f64::MAX),
    };
    DataValidation::new().allow_decimal_number(rule)
}

/// A number in range or the text «н/п», for the top-left cell of the column (Excel shifts it
/// down the range).
fn custom_rule(
    cell: &str,
    kind: MeasureKind,
    min: Option<Decimal>,
    max: Option<Decimal>,
) -> String {
    let mut parts = vec![format!("ISNUMBER({cell})")];
    if let Some(lo) = min {
        parts.push(format!("{cell}>={lo}"));
    }
    if let Some(hi) = max {
        parts.push(format!("{cell}<={hi}"));
    }
    if kind == MeasureKind::Count {
        parts.push(format!("{cell}=INT({cell})"));
    }
    format!("=OR(AND({}),{cell}=\"н/п\")", parts.join(","))
}

fn inputs_sheet(sheet: &mut Worksheet, inputs: &[CatalogInput]) -> Result<(), BookError> {
    sheet.set_name("Входные данные")?;
    let head = Format::new().set_bold();
    let titles = [
        "Код",
        "Вид",
        "Наименование",
        "Допустимо",
        "Показатели",
        "Описание (англ.)",
    ];
    for (i, t) in titles.iter().enumerate() {
        sheet.write_string_with_format(0, col(i), *t, &head)?;
    }
    for (r, input) in inputs.iter().enumerate() {
        let r = row(r + 1);
        text(sheet, r, 0, &input.id, None)?;
        text(sheet, r, 1, input.kind.ru(), None)?;
        let title = input.title.as_deref().unwrap_or(NO_TITLE);
        text(sheet, r, 2, title, None)?;
        text(sheet, r, 3, &input.hint_ru, None)?;
        text(sheet, r, 4, &input.indicators.join(", "), None)?;
        text(sheet, r, 5, input.title_en.as_deref().unwrap_or(""), None)?;
    }
    for (i, w) in [22.0, 12.0, 40.0, 36.0, 14.0, 70.0].into_iter().enumerate() {
        sheet.set_column_width(col(i), w)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    Ok(())
}

fn indicators_sheet(sheet: &mut Worksheet, m: &Methodology) -> Result<(), BookError> {
    sheet.set_name("Показатели")?;
    let head = Format::new().set_bold();
    for (i, t) in ["Код", "Группа", "Наименование", "Максимум"]
        .iter()
        .enumerate()
    {
        sheet.write_string_with_format(0, col(i), *t, &head)?;
    }
    for (r, ind) in m.catalog().indicators.iter().enumerate() {
        let r = row(r + 1);
        text(sheet, r, 0, &ind.id, None)?;
        text(sheet, r, 1, &ind.group, None)?;
        text(sheet, r, 2, ind.title.as_deref().unwrap_or(NO_TITLE), None)?;
        write_decimal(sheet, r, 3, ind.max)?;
    }
    for (i, w) in [10.0, 10.0, 90.0, 10.0].into_iter().enumerate() {
        sheet.set_column_width(col(i), w)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    Ok(())
}
