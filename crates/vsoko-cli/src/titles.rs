//! `--titles FILE`: names for a methodology's groups, indicators and inputs, read by the CLI's
//! one table reader (CSV with `;`, tab or `,` in UTF-8 or Windows-1251, or the first sheet of an
//! XLSX workbook), two columns: id and title. The core checks them against the methodology.

use crate::failure::Failure;
use crate::tables;
use std::path::Path;
use vsoko::Methodology;
use vsoko::methodology::Titles;

/// The titles of a file.
///
/// # Errors
/// The file cannot be read, is not a workbook, or has an unclosed quote.
pub fn read(path: &Path) -> Result<Titles, Failure> {
    Ok(Titles::from_table(tables::read_table(path)?))
}

/// The methodology with the titles of `path` over its own, or itself when no file is given.
///
/// # Errors
/// The file cannot be read, or a row does not fit the methodology (every problem listed).
pub fn apply<'m>(
    m: &'m Methodology,
    path: Option<&Path>,
) -> Result<std::borrow::Cow<'m, Methodology>, Failure> {
    match path {
        None => Ok(std::borrow::Cow::Borrowed(m)),
        Some(p) => Ok(std::borrow::Cow::Owned(m.with_titles(&read(p)?)?)),
    }
}
