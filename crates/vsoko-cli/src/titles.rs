//! `--titles FILE`: names for a methodology's groups, indicators and inputs, read from a
//! CSV (`;`, tab or `,`; UTF-8 or Windows-1251, told as every table is) or an XLSX workbook
//! (its first sheet), two columns: id and title. The core checks them against the methodology.

use crate::dialect;
use crate::failure::Failure;
use std::path::Path;
use vsoko::methodology::{TitleRow, Titles};
use vsoko::reason::{InputReason, Location};
use vsoko::{Error, Methodology};

/// The titles of a file.
///
/// # Errors
/// The file cannot be read, is not a workbook, or has an unclosed quote.
pub fn read(path: &Path) -> Result<Titles, Failure> {
    let name = path.display().to_string();
    let is_xlsx = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"));
    if is_xlsx {
        return read_xlsx(path);
    }
    let bytes = std::fs::read(path).map_err(|e| Failure::read(&name, &e))?;
    let d = dialect::sniff(&bytes);
    let text = dialect::decode(&bytes, d.encoding);
    let text = String::from_utf8_lossy(&text);
    Ok(Titles::parse(&text)?)
}

fn read_xlsx(path: &Path) -> Result<Titles, Failure> {
    use calamine::{Reader, Xlsx};
    let file = Location::File(path.display().to_string());
    if !path.exists() {
        return Err(Failure::read(
            &path.display().to_string(),
            &std::io::Error::from(std::io::ErrorKind::NotFound),
        ));
    }
    let bad = |reason| Error::InvalidInput {
        at: file.clone(),
        reason,
    };
    let mut book: Xlsx<_> = calamine::open_workbook(path).map_err(|e: calamine::XlsxError| {
        bad(InputReason::NotAWorkbook {
            detail: e.to_string(),
        })
    })?;
    let Some(sheet) = book.sheet_names().first().cloned() else {
        return Err(bad(InputReason::NoSheets).into());
    };
    let range = book.worksheet_range(&sheet).map_err(|e| {
        bad(InputReason::NotAWorkbook {
            detail: e.to_string(),
        })
    })?;
    let first_row = range.start().map_or(0, |(r, _)| r);
    let mut rows = Vec::new();
    for (i, cells) in range.rows().enumerate() {
        let texts: Vec<String> = cells
            .iter()
            .map(|c| c.to_string().trim().to_string())
            .collect();
        if texts.iter().all(String::is_empty) {
            continue;
        }
        let row = usize::try_from(first_row).unwrap_or(0) + i + 1;
        let mut texts = texts.into_iter();
        let id = texts.next().unwrap_or_default();
        if rows.is_empty() && is_header(&id) {
            continue;
        }
        rows.push(TitleRow {
            row,
            id,
            title: texts.next().unwrap_or_default(),
            rest: texts.collect(),
        });
    }
    Ok(Titles::from_rows(rows))
}

fn is_header(first: &str) -> bool {
    // The same header words the core's CSV reader skips.
    Titles::parse(&format!("{first};x\n")).is_ok_and(|t| t.rows().is_empty())
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
