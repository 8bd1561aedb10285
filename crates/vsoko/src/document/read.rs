//! Tables read from a Word document (DOCX), for importers that recognise their own headers (the
//! ВСОКО plan): the paragraphs above the first table (a plan's title names its year) and every
//! row of every table, each cell at its grid column. A cell merged across columns has its text
//! in its first column, the others empty; a cell merged down (`vMerge`) has its text in its
//! first row, the rows below empty — as a spreadsheet's merged cells read. A later table that
//! repeats the first one's heading rows (a plan split at a page) has them skipped.

use super::typography::xml_safe;
use crate::reason::{InputReason, Location};
use crate::{Error, Result};
use quick_xml::events::{BytesStart, Event};
use std::io::Read as _;

/// The widest table row read, in grid columns (a plan has about ten).
pub const MAX_COLUMNS: usize = 1000;

/// The largest `word/document.xml` read (a ZIP bomb stops here).
pub const MAX_DOCUMENT_XML: u64 = 64 << 20;

/// A row: its number (counted over the title lines and every table's rows, from 1) and cells.
pub type TableRow = (usize, Vec<String>);

/// Reads the title lines and table rows of a DOCX file's bytes.
///
/// # Errors
/// [`Error::InvalidInput`] with [`InputReason::NotAWordDocument`] when the bytes are not a DOCX
/// (not a ZIP, no `word/document.xml`, malformed XML) and [`InputReason::NoTables`] when it has
/// no table. `file` names the file in the error.
pub fn tables(bytes: &[u8], file: &str) -> Result<Vec<TableRow>> {
    let bad = |detail: String| Error::InvalidInput {
        at: Location::File(file.to_string()),
        reason: InputReason::NotAWordDocument { detail },
    };
    let mut archive =
        zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| bad(e.to_string()))?;
    let part = archive
        .by_name("word/document.xml")
        .map_err(|e| bad(format!("word/document.xml: {e}")))?;
    let mut xml = Vec::new();
    part.take(MAX_DOCUMENT_XML + 1)
        .read_to_end(&mut xml)
        .map_err(|e| bad(e.to_string()))?;
    if xml.len() as u64 > MAX_DOCUMENT_XML {
        return Err(bad(format!(
            "word/document.xml is larger than {MAX_DOCUMENT_XML} bytes"
        )));
    }
    tables_of_xml(&xml, file)
}

/// Reads the title lines and table rows of a DOCX's `word/document.xml`.
///
/// # Errors
/// As [`tables`], for the XML alone.
///
/// ```
/// let xml = r#"<w:document xmlns:w="w"><w:body><w:p><w:r><w:t>План на 2023/2024 учебный год</w:t></w:r></w:p>
///   <w:tbl><w:tr><w:tc><w:p><w:r><w:t>Месяц</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Содержание</w:t></w:r></w:p></w:tc></w:tr>
///   <w:tr><w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr><w:p><w:r><w:t>A &amp; B</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:body></w:document>"#;
/// let rows = vsoko::document::read::tables_of_xml(xml.as_bytes(), "plan.docx").unwrap();
/// assert_eq!(rows[0], (1, vec!["План на 2023/2024 учебный год".to_string()]));
/// assert_eq!(rows[2], (3, vec!["A & B".to_string(), String::new()]));
/// ```
pub fn tables_of_xml(xml: &[u8], file: &str) -> Result<Vec<TableRow>> {
    let bad = |detail: String| Error::InvalidInput {
        at: Location::File(file.to_string()),
        reason: InputReason::NotAWordDocument { detail },
    };
    let parsed = parse(xml).map_err(bad)?;
    if parsed.tables.is_empty() {
        return Err(Error::InvalidInput {
            at: Location::File(file.to_string()),
            reason: InputReason::NoTables,
        });
    }
    Ok(rows(parsed))
}

/// What the body holds: paragraphs before the first table, then the tables (rows of cells).
#[derive(Default)]
struct Parsed {
    titles: Vec<String>,
    tables: Vec<Vec<Vec<String>>>,
}

/// A cell being read.
struct Cell {
    text: String,
    span: usize,
    continues: bool,
}

/// Where the reader is.
#[derive(Default)]
struct State {
    depth: usize,
    row: Option<(usize, Vec<Cell>)>,
    cell: Option<Cell>,
    table: Vec<Vec<String>>,
    paragraph: String,
    in_text: bool,
}

fn val(e: &BytesStart<'_>) -> Option<String> {
    e.attributes().flatten().find_map(|a| {
        (a.key.local_name().as_ref() == b"val")
            .then(|| String::from_utf8_lossy(&a.value).into_owned())
    })
}

fn parse(xml: &[u8]) -> std::result::Result<Parsed, String> {
    let mut reader = quick_xml::Reader::from_reader(xml);
    let mut out = Parsed::default();
    let mut s = State::default();
    let mut buf = Vec::new();
    loop {
        let event = reader
            .read_event_into(&mut buf)
            .map_err(|e| format!("XML at byte {}: {e}", reader.buffer_position()))?;
        match event {
            Event::Start(e) => start(&mut s, &e, false),
            Event::Empty(e) => start(&mut s, &e, true),
            Event::End(e) => end(&mut s, &mut out, e.local_name().as_ref())?,
            Event::Text(t) if s.in_text => {
                let text = t.decode().map_err(|e| e.to_string())?;
                push_text(&mut s, &text);
            }
            Event::GeneralRef(r) if s.in_text => {
                let name = r.decode().map_err(|e| e.to_string())?;
                let c = match name.as_ref() {
                    "amp" => Some('&'),
                    "lt" => Some('<'),
                    "gt" => Some('>'),
                    "quot" => Some('"'),
                    "apos" => Some('\''),
                    _ => r.resolve_char_ref().ok().flatten(),
                };
                if let Some(c) = c {
                    push_text(&mut s, &c.to_string());
                }
            }
            Event::CData(t) if s.in_text => {
                push_text(&mut s, &String::from_utf8_lossy(&t));
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    Ok(out)
}

fn push_text(s: &mut State, text: &str) {
    let text = xml_safe(text);
    match &mut s.cell {
        Some(cell) => cell.text.push_str(&text),
        None => s.paragraph.push_str(&text),
    }
}

fn start(s: &mut State, e: &BytesStart<'_>, empty: bool) {
    match e.local_name().as_ref() {
        b"tbl" if !empty => {
            s.depth += 1;
        }
        b"tr" if s.depth == 1 && !empty => s.row = Some((0, Vec::new())),
        b"gridBefore" if s.depth == 1 => {
            if let (Some((before, _)), Some(v)) = (&mut s.row, val(e)) {
                *before = v.parse::<usize>().unwrap_or(0).min(MAX_COLUMNS + 1);
            }
        }
        b"tc" if s.depth == 1 && !empty => {
            s.cell = Some(Cell {
                text: String::new(),
                span: 1,
                continues: false,
            });
        }
        b"gridSpan" if s.depth == 1 => {
            if let (Some(cell), Some(v)) = (&mut s.cell, val(e)) {
                cell.span = v.parse::<usize>().unwrap_or(1).clamp(1, MAX_COLUMNS + 1);
            }
        }
        b"vMerge" if s.depth == 1 => {
            if let Some(cell) = &mut s.cell {
                cell.continues = val(e).is_none_or(|v| v == "continue");
            }
        }
        b"t" if !empty => s.in_text = true,
        b"tab" if s.in_text || empty => push_text(s, "\t"),
        b"br" | b"cr" => push_text(s, "\n"),
        _ => {}
    }
}

fn end(s: &mut State, out: &mut Parsed, name: &[u8]) -> std::result::Result<(), String> {
    match name {
        b"t" => s.in_text = false,
        b"p" => {
            if let Some(cell) = &mut s.cell {
                cell.text.push('\n');
            } else if s.depth == 0 {
                let line = std::mem::take(&mut s.paragraph);
                if out.tables.is_empty() && !line.trim().is_empty() {
                    out.titles.push(line.trim().to_string());
                }
            }
        }
        b"tc" if s.depth == 1 => {
            if let (Some(cell), Some((_, row))) = (s.cell.take(), &mut s.row) {
                row.push(cell);
            }
        }
        b"tr" if s.depth == 1 => {
            if let Some((before, cells)) = s.row.take() {
                let width = cells.iter().fold(before, |w, c| w.saturating_add(c.span));
                if width > MAX_COLUMNS {
                    return Err(format!(
                        "a table row spans {width} grid columns (at most {MAX_COLUMNS} are read)"
                    ));
                }
                let mut row = vec![String::new(); before];
                for cell in cells {
                    let text = if cell.continues {
                        String::new()
                    } else {
                        cell.text.trim().to_string()
                    };
                    row.push(text);
                    row.extend(std::iter::repeat_n(String::new(), cell.span - 1));
                }
                s.table.push(row);
            }
        }
        b"tbl" => {
            s.depth = s.depth.saturating_sub(1);
            if s.depth == 0 {
                out.tables.push(std::mem::take(&mut s.table));
            }
        }
        _ => {}
    }
    Ok(())
}

/// The rows numbered, repeated headings of later tables skipped.
fn rows(parsed: Parsed) -> Vec<TableRow> {
    let mut out: Vec<TableRow> = Vec::new();
    let mut n = 0;
    for title in parsed.titles {
        n += 1;
        out.push((n, vec![title]));
    }
    let norm = |r: &[String]| -> Vec<String> {
        r.iter()
            .map(|c| {
                c.split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
                    .to_lowercase()
            })
            .collect()
    };
    let mut heads: Vec<Vec<String>> = Vec::new();
    for (t, table) in parsed.tables.into_iter().enumerate() {
        let mut leading = true;
        for row in table {
            let key = norm(&row);
            if t == 0 && heads.len() < 3 {
                heads.push(key.clone());
            } else if t > 0 && leading && heads.contains(&key) {
                continue;
            }
            leading = false;
            n += 1;
            out.push((n, row));
        }
    }
    out
}
