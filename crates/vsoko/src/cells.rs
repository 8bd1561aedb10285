//! Spreadsheet cells as text, the way people write them: every reader of workbooks (the CLI's and
//! the browser's) turns a number, a date or a yes/no cell into the same text, so a file reads the
//! same on the command line and on the offline page.

/// Excel's last row, 0-based (`…1048576`): a workbook's cell beyond it is refused by every
/// reader (a reader's own arithmetic on a long reference can wrap to such a position).
pub const LAST_ROW: u32 = 1_048_575;
/// Excel's last column, 0-based (`XFD`).
pub const LAST_COLUMN: u32 = 16_383;

/// A number cell as a plain decimal: the shortest text that reads back as the same float
/// (`0.1`, not `0.1000000000000000055…`), never an exponent.
///
/// ```
/// assert_eq!(vsoko::cells::number(4.0), "4");
/// assert_eq!(vsoko::cells::number(0.1 + 0.2), "0.30000000000000004");
/// assert_eq!(vsoko::cells::number(12.5), "12.5");
/// ```
pub fn number(value: f64) -> String {
    crate::decimal::from_f64(value).map_or_else(|_| value.to_string(), |d| d.to_string())
}

/// A yes/no cell in Russian.
///
/// ```
/// assert_eq!(vsoko::cells::yes_no(true), "да");
/// ```
pub fn yes_no(value: bool) -> &'static str {
    if value { "да" } else { "нет" }
}

/// A spreadsheet serial day (1900 system) as `DD.MM.YYYY` (a time of day is dropped).
///
/// ```
/// assert_eq!(vsoko::cells::serial_date(36_892.0), "01.01.2001");
/// assert_eq!(vsoko::cells::serial_date(45_402.5), "20.04.2024");
/// ```
pub fn serial_date(serial: f64) -> String {
    // Days from 1899-12-30, that is 25,569 days before 1970-01-01.
    #[expect(
        clippy::cast_possible_truncation,
        reason = "a day count well inside i64 (saturating for an absurd cell)"
    )]
    let days = (serial.floor() as i64).saturating_sub(25_569);
    match crate::calendar::Date::from_unix_days(days) {
        Some(d) => format!("{:02}.{:02}.{}", d.day(), d.month(), d.year()),
        // Not a date of the years 1..=9999: the cell's number as it is.
        None => format!("{serial}"),
    }
}
