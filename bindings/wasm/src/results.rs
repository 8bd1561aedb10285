//! Pupils' results for the offline page: `results` reads the XLSX and CSV files a school has
//! (every sheet of a workbook), recognises each as marks (a long table or «сводная ведомость»),
//! results by task (ВПР, ОГЭ, ЕГЭ) and/or objectivity pupils (a ВПР export with «Отметка по
//! журналу» is both), and returns the core's three reports with their self-contained pages.
//! Built with the `results` feature (on by default; off in the lean scoring module).
//!
//! The reading itself is plain Rust ([`read`]), so it is tested natively on the fixtures; the
//! export only converts. Workbooks are read with calamine (pure Rust, deflate included), cells
//! turned into text by the core's [`vsoko::cells`] rules, the same as the CLI's.

use crate::convert::{self, to_js};
use crate::errors::to_js_error;
use serde::Serialize;
use vsoko::finding::Finding;
use vsoko::marks::{Dataset, MarksReport};
use vsoko::objectivity::{Analysis, Objectivity, ObjectivityOptions, PupilTable, combine};
use vsoko::reason::{InputReason, Location, ValueReason, column_letters};
use vsoko::tasks::{Results, ResultsTable, TasksOptions, TasksReport};
use wasm_bindgen::prelude::*;

/// A sheet's rows: the row (line) number and its cells as text.
pub type Rows = Vec<(usize, Vec<String>)>;

/// What a row or a sheet told: `code`, `severity`, the file (and sheet) and 1-based row, in
/// English and Russian.
#[derive(Debug, Clone, Serialize)]
pub struct Note {
    /// Stable code (the core's).
    pub code: String,
    /// `error` or `warning`.
    pub severity: &'static str,
    /// The file's name, as given.
    pub file: Option<String>,
    /// The row (line) of the file or sheet.
    pub row: Option<u64>,
    /// In English.
    pub message: String,
    /// In Russian.
    pub message_ru: String,
}

impl Note {
    fn from_finding(f: &Finding) -> Note {
        Note {
            code: f.code.as_str().to_string(),
            severity: f.severity.as_str(),
            file: f.place.file.clone(),
            row: f.place.row,
            message: f.message.clone(),
            message_ru: f.message_ru.clone(),
        }
    }

    fn from_error(
        e: &vsoko::Error,
        severity: &'static str,
        file: &str,
        row: Option<usize>,
    ) -> Note {
        let d = vsoko::Diagnostic::from(e);
        Note {
            code: d.code.to_string(),
            severity,
            file: Some(file.to_string()),
            row: row.and_then(|r| u64::try_from(r).ok()),
            message: d.message,
            message_ru: d.message_ru,
        }
    }
}

/// A file and what it was read as: `marks`, `tasks`, `objectivity`.
#[derive(Debug, Clone, Serialize)]
pub struct FileKinds {
    /// The file's name.
    pub name: String,
    /// What its sheets were read as, in that order, each once.
    pub kinds: Vec<&'static str>,
}

/// Everything the files gave.
#[derive(Debug)]
pub struct Outcome {
    /// Marks, when a sheet was a table of marks or a summary sheet.
    pub marks: Option<MarksReport>,
    /// Results by task, when a sheet had them.
    pub tasks: Option<TasksReport>,
    /// Objectivity, when a sheet had pupils' marks beside their journal marks.
    pub objectivity: Option<Objectivity>,
    /// Rejected rows, skipped sheets and the reports' own findings.
    pub findings: Vec<Note>,
    /// Each file with what it was read as.
    pub files: Vec<FileKinds>,
}

/// A file that cannot be read: its name and why.
#[derive(Debug)]
pub struct Unreadable {
    /// The file's name.
    pub file: String,
    /// Why (boxed: an error is large beside a report).
    pub error: Box<vsoko::Error>,
}

/// The three readers the sheets go into, and what they found.
#[derive(Default)]
struct Readers {
    marks: Dataset,
    results: Results,
    analysis: Analysis,
    kinds: [bool; 3],
    findings: Vec<Note>,
}

impl Readers {
    /// One sheet, into every reader whose kind it is: its kinds, or the first error that tells
    /// why it is none.
    fn sheet(
        &mut self,
        file: &str,
        sheet: &str,
        rows: &Rows,
    ) -> Result<Vec<&'static str>, vsoko::Error> {
        let mut read_as = Vec::new();
        let mut first_error = None;
        match tasks_sheet(&mut self.results, file, rows) {
            Ok(true) => read_as.push("tasks"),
            Ok(false) => {}
            Err(e) => first_error = Some(e),
        }
        match pupils_sheet(&mut self.analysis, file, rows, &mut self.findings) {
            Ok(true) => read_as.push("objectivity"),
            Ok(false) => {}
            Err(e) => {
                first_error.get_or_insert(e);
            }
        }
        // A table of marks has no tasks and no journal mark beside an exam's: tried only when
        // the sheet is neither of the others.
        if read_as.is_empty() {
            match self.marks.add_sheet(file, sheet, rows) {
                Ok(_) => read_as.push("marks"),
                Err(e) => {
                    first_error.get_or_insert(e);
                }
            }
        }
        for (i, kind) in KINDS.iter().enumerate() {
            if read_as.contains(kind)
                && let Some(seen) = self.kinds.get_mut(i)
            {
                *seen = true;
            }
        }
        match first_error {
            Some(e) if read_as.is_empty() => Err(e),
            _ => Ok(read_as),
        }
    }

    /// A sheet of a workbook that was read in other sheets but is itself of no kind.
    fn skipped(&mut self, file: &str, sheet: &str) {
        self.findings.push(Note {
            code: "sheet_skipped".into(),
            severity: "warning",
            file: Some(file.to_string()),
            row: None,
            message: format!(
                "sheet \"{sheet}\" was not read: neither marks, nor results by task, nor pupils with journal marks"
            ),
            message_ru: format!(
                "лист «{sheet}» не прочитан: это ни отметки (таблица или сводная ведомость), ни результаты по заданиям, ни результаты с отметками по журналу"
            ),
        });
    }

    /// The reports of the kinds some sheet had, with every finding.
    fn finish(mut self, files: Vec<FileKinds>) -> Outcome {
        let [marks, tasks, pupils] = self.kinds;
        let marks = marks.then(|| {
            let r = self.marks.finish();
            let notes = self.marks.findings().iter().chain(&r.findings);
            self.findings.extend(notes.map(Note::from_finding));
            r
        });
        let tasks = tasks.then(|| {
            let r = self.results.finish(&TasksOptions::default());
            let notes = self.results.findings().iter().chain(&r.findings);
            self.findings.extend(notes.map(Note::from_finding));
            r
        });
        let objectivity = pupils.then(|| {
            let options = ObjectivityOptions::default();
            let no_pupils = self.analysis.is_empty();
            let r = combine(
                std::mem::take(&mut self.analysis).summaries(options),
                options,
            );
            self.findings.extend(unassessed(&r, no_pupils));
            self.findings
                .extend(r.findings.iter().map(Note::from_finding));
            r
        });
        Outcome {
            marks,
            tasks,
            objectivity,
            findings: self.findings,
            files,
        }
    }
}

/// What the objectivity index leaves out, as the CLI says it: no pupils at all, every pupil
/// absent, a school whose pupils were all absent.
fn unassessed(r: &Objectivity, no_pupils: bool) -> Vec<Note> {
    let note = |code: &str, message: String, message_ru: String| Note {
        code: code.into(),
        severity: "warning",
        file: None,
        row: None,
        message,
        message_ru,
    };
    let mut notes = Vec::new();
    if no_pupils {
        notes.push(note(
            "no_pupils",
            "no pupil in the input (a header only); the objectivity index is not computed".into(),
            "во входных данных нет ни одного участника (только заголовок); индекс объективности не вычисляется".into(),
        ));
    } else if r.summary.objectivity_index.is_none() {
        notes.push(note(
            "no_participants",
            "every pupil was absent; the objectivity index is not computed".into(),
            "все участники отсутствовали; индекс объективности не вычисляется".into(),
        ));
    }
    let mut assessed: std::collections::BTreeMap<&str, bool> = std::collections::BTreeMap::new();
    for g in &r.groups {
        *assessed.entry(g.school.as_str()).or_default() |= g.participants > 0;
    }
    for (school, _) in assessed.into_iter().filter(|(_, a)| !a) {
        notes.push(note(
            "not_assessed",
            format!("every pupil of \"{school}\" was absent; the school is not assessed"),
            format!("в школе «{school}» все участники отсутствовали; школа не оценивается и не учтена в индексе"),
        ));
    }
    notes
}

/// The kinds of sheet, as `files[].kinds` names them.
const KINDS: [&str; 3] = ["marks", "tasks", "objectivity"];

/// Reads every file (`(name, bytes)`) and builds the reports.
///
/// # Errors
/// [`Unreadable`] for the first file that is not a workbook or CSV text, or has no sheet of
/// any kind.
pub fn read(files: &[(String, Vec<u8>)]) -> Result<Outcome, Unreadable> {
    let mut readers = Readers::default();
    let mut listed = Vec::new();
    for (name, bytes) in files {
        let unreadable = |error| Unreadable {
            file: name.clone(),
            error: Box::new(error),
        };
        let sheets = sheets(name, bytes).map_err(unreadable)?;
        let mut kinds: Vec<&'static str> = Vec::new();
        let mut first_error = None;
        let mut skipped = Vec::new();
        for (sheet, rows) in &sheets {
            match readers.sheet(name, sheet, rows) {
                Ok(read_as) if !read_as.is_empty() => {
                    for k in read_as {
                        if !kinds.contains(&k) {
                            kinds.push(k);
                        }
                    }
                }
                Ok(_) => skipped.push(sheet.as_str()),
                Err(e) => {
                    skipped.push(sheet.as_str());
                    first_error.get_or_insert(e);
                }
            }
        }
        if kinds.is_empty() {
            return Err(unreadable(first_error.unwrap_or_else(|| {
                vsoko::Error::InvalidInput {
                    at: Location::File(name.clone()),
                    reason: InputReason::NoResultsHeader,
                }
            })));
        }
        for sheet in skipped {
            readers.skipped(name, sheet);
        }
        listed.push(FileKinds {
            name: name.clone(),
            kinds,
        });
    }
    Ok(readers.finish(listed))
}

/// Feeds a sheet of results by task: `Ok(false)` when it has no header of that kind.
fn tasks_sheet(results: &mut Results, file: &str, rows: &Rows) -> Result<bool, vsoko::Error> {
    let mut table = ResultsTable::default();
    let mut start = rows.len();
    for (i, (_, cells)) in rows.iter().enumerate() {
        if !table.take_preamble(cells)? {
            start = i;
            break;
        }
    }
    let Some(columns) = table.columns() else {
        return Ok(false);
    };
    for (line, cells) in rows.get(start..).unwrap_or_default() {
        results.add(columns, file, *line, cells);
    }
    Ok(true)
}

/// Feeds a sheet of pupils with journal marks: `Ok(false)` when it has no header of that kind;
/// a rejected row is a finding.
fn pupils_sheet(
    analysis: &mut Analysis,
    file: &str,
    rows: &Rows,
    findings: &mut Vec<Note>,
) -> Result<bool, vsoko::Error> {
    let mut table = PupilTable::default();
    let mut start = rows.len();
    for (i, (_, cells)) in rows.iter().enumerate() {
        let cells: Vec<&str> = cells.iter().map(String::as_str).collect();
        if !table.take_preamble(&cells)? {
            start = i;
            break;
        }
    }
    let Some(columns) = table.columns() else {
        return Ok(false);
    };
    for (line, cells) in rows.get(start..).unwrap_or_default() {
        let cells: Vec<&str> = cells.iter().map(String::as_str).collect();
        if let Err(e) = columns
            .row_ref(&cells)
            .and_then(|p| p.map_or(Ok(()), |p| analysis.add_ref(p)))
        {
            findings.push(Note::from_error(&e, "error", file, Some(*line)));
        }
    }
    Ok(true)
}

/// The sheets of a file: every sheet of a workbook that has a filled cell, or CSV text as one
/// unnamed sheet (UTF-8 or Windows-1251, `;`, tab or `,`).
///
/// # Errors
/// [`vsoko::Error::InvalidInput`] naming the file: not a workbook, not text, a quote never closed.
pub fn sheets(name: &str, bytes: &[u8]) -> Result<Vec<(String, Rows)>, vsoko::Error> {
    let ext = name.rsplit_once('.').map_or("", |(_, e)| e).to_lowercase();
    if bytes.starts_with(b"PK\x03\x04") || matches!(ext.as_str(), "xlsx" | "xlsm") {
        return workbook(name, bytes);
    }
    if bytes.starts_with(b"\xd0\xcf\x11\xe0") || ext == "xls" {
        return Err(not_a_book(
            name,
            "an old .xls workbook: save it as .xlsx".into(),
        ));
    }
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    let decoded;
    let text = if vsoko::delimited::is_windows_1251(bytes, false) {
        decoded = encoding_rs::WINDOWS_1251
            .decode_without_bom_handling(bytes)
            .0;
        &*decoded
    } else {
        std::str::from_utf8(bytes).map_err(|_| vsoko::Error::InvalidInput {
            at: Location::File(name.to_string()),
            reason: InputReason::NotUtf8,
        })?
    };
    let delimiter = vsoko::delimited::delimiter(text.as_bytes());
    let rows = vsoko::delimited::records(text, char::from(delimiter)).map_err(|opened| {
        vsoko::Error::InvalidInput {
            at: Location::File(format!("{name}: {opened}")),
            reason: InputReason::QuoteRunsPastLine { opened },
        }
    })?;
    Ok(vec![(String::new(), rows)])
}

fn not_a_book(name: &str, detail: String) -> vsoko::Error {
    vsoko::Error::InvalidInput {
        at: Location::File(name.to_string()),
        reason: InputReason::NotAWorkbook { detail },
    }
}

/// Every sheet of a workbook with a filled cell, cell by cell: dates `DD.MM.YYYY`, numbers as
/// plain decimals, formulas their saved value (one saved without a value is an error naming
/// its cell) — the CLI's rules.
fn workbook(name: &str, bytes: &[u8]) -> Result<Vec<(String, Rows)>, vsoko::Error> {
    use calamine::{DataRef, Reader};
    let bad = |e: &dyn std::fmt::Display| not_a_book(name, e.to_string());
    let mut book = calamine::Xlsx::new(std::io::Cursor::new(bytes)).map_err(|e| bad(&e))?;
    let mut sheets = Vec::new();
    for sheet in book.sheet_names() {
        let mut cells = book.worksheet_cells_reader(&sheet).map_err(|e| bad(&e))?;
        let mut rows: Rows = Vec::new();
        while let Some(cell) = cells.next_cell_with_formula().map_err(|e| bad(&e))? {
            let (r, c) = cell.pos;
            let text = match &cell.value {
                DataRef::Empty if cell.formula.is_some() => {
                    let letter = column_letters(c as usize + 1);
                    return Err(vsoko::Error::InvalidCell {
                        reason: ValueReason::FormulaWithoutValue {
                            cell: format!("{letter}{}", r as usize + 1),
                        },
                        column: format!("{name}, {sheet}!{letter}"),
                    });
                }
                DataRef::Empty => continue,
                DataRef::String(s) | DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => s.clone(),
                DataRef::SharedString(s) => (*s).to_string(),
                DataRef::Int(i) => i.to_string(),
                DataRef::Float(f) => vsoko::cells::number(*f),
                DataRef::Bool(b) => vsoko::cells::yes_no(*b).to_string(),
                DataRef::DateTime(d) => vsoko::cells::serial_date(d.as_f64()),
                DataRef::Error(e) => e.to_string(),
            };
            if text.trim().is_empty() {
                continue;
            }
            let line = r as usize + 1;
            if rows.last().is_none_or(|(l, _)| *l != line) {
                rows.push((line, Vec::new()));
            }
            if let Some((_, row)) = rows.last_mut() {
                let col = c as usize;
                if row.len() <= col {
                    row.resize(col + 1, String::new());
                }
                if let Some(slot) = row.get_mut(col) {
                    *slot = text;
                }
            }
        }
        drop(cells);
        if !rows.is_empty() {
            sheets.push((sheet, rows));
        }
    }
    if sheets.is_empty() {
        return Err(vsoko::Error::InvalidInput {
            at: Location::File(name.to_string()),
            reason: InputReason::NoSheets,
        });
    }
    Ok(sheets)
}

/// The three reports' pages.
#[derive(Serialize)]
struct Pages {
    marks: Option<String>,
    tasks: Option<String>,
    objectivity: Option<String>,
}

/// What `results` returns.
#[derive(Serialize)]
struct Answer<'a> {
    marks: Option<&'a MarksReport>,
    tasks: Option<&'a TasksReport>,
    objectivity: Option<&'a Objectivity>,
    findings: &'a [Note],
    html: Pages,
    files: &'a [FileKinds],
}

/// Pupils' results from files: `files` is an array of `{name, bytes}` (`bytes` a `Uint8Array`
/// of an XLSX workbook or CSV text). Every sheet is recognised as marks, results by task and/or
/// objectivity pupils; returns `{marks, tasks, objectivity, findings, html, files}` (a report
/// `null` when no file had its kind; `html` holds the core's self-contained pages). Rejected
/// rows are findings. Throws a `VsokoError` naming the file when one cannot be read.
#[wasm_bindgen(unchecked_return_type = "ResultsAnswer")]
pub fn results(
    #[wasm_bindgen(unchecked_param_type = "ResultFile[]")] files: JsValue,
) -> Result<JsValue, JsValue> {
    let outcome = read(&from_js_files(&files)?).map_err(|u| {
        let err = to_js_error(&u.error);
        let named = |key: &str| {
            let text = js_sys::Reflect::get(&err, &JsValue::from_str(key))
                .ok()
                .and_then(|v| v.as_string())
                .unwrap_or_default();
            if !text.contains(&u.file) {
                let prefix = if key == "message" { "file" } else { "файл" };
                let _ = js_sys::Reflect::set(
                    &err,
                    &JsValue::from_str(key),
                    &JsValue::from_str(&format!("{prefix} «{}»: {text}", u.file)),
                );
            }
        };
        named("message");
        named("message_ru");
        let _ = js_sys::Reflect::set(
            &err,
            &JsValue::from_str("file"),
            &JsValue::from_str(&u.file),
        );
        err
    })?;
    to_js(&Answer {
        marks: outcome.marks.as_ref(),
        tasks: outcome.tasks.as_ref(),
        objectivity: outcome.objectivity.as_ref(),
        findings: &outcome.findings,
        html: Pages {
            marks: outcome.marks.as_ref().map(MarksReport::to_html),
            tasks: outcome.tasks.as_ref().map(TasksReport::to_html),
            objectivity: outcome.objectivity.as_ref().map(Objectivity::to_html),
        },
        files: &outcome.files,
    })
}

/// The `{name, bytes}` objects as names and bytes (an `ArrayBuffer` is taken too).
fn from_js_files(files: &JsValue) -> Result<Vec<(String, Vec<u8>)>, JsValue> {
    let wrong = |at: &str| {
        to_js_error(&convert::wrong_argument(
            at,
            "an array of {name, bytes: Uint8Array}",
            "массив объектов {name, bytes: Uint8Array} — файлов XLSX или CSV",
        ))
    };
    if !js_sys::Array::is_array(files) {
        return Err(wrong("files"));
    }
    let mut out = Vec::new();
    for (i, f) in js_sys::Array::from(files).iter().enumerate() {
        let at = format!("files[{i}]");
        if !f.is_object() {
            return Err(wrong(&at));
        }
        let get = |key: &str| js_sys::Reflect::get(&f, &JsValue::from_str(key)).ok();
        let name = get("name")
            .and_then(|n| n.as_string())
            .ok_or_else(|| wrong(&at))?;
        let bytes = get("bytes").unwrap_or(JsValue::UNDEFINED);
        let bytes = if bytes.is_instance_of::<js_sys::Uint8Array>() {
            js_sys::Uint8Array::from(bytes).to_vec()
        } else if bytes.is_instance_of::<js_sys::ArrayBuffer>() {
            js_sys::Uint8Array::new(&bytes).to_vec()
        } else {
            return Err(wrong(&at));
        };
        out.push((name, bytes));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture(path: &str) -> (String, Vec<u8>) {
        let full = format!("{}/../../fixtures/{path}", env!("CARGO_MANIFEST_DIR"));
        let name = path.rsplit('/').next().unwrap_or(path).to_string();
        (name, std::fs::read(full).unwrap())
    }

    fn kinds(o: &Outcome) -> Vec<(String, Vec<&'static str>)> {
        o.files
            .iter()
            .map(|f| (f.name.clone(), f.kinds.clone()))
            .collect()
    }

    #[test]
    fn each_fixture_reads_as_its_kind() {
        let o = read(&[
            fixture("marks/school_1_marks.csv"),
            fixture("marks/vedomost_7b.xlsx"),
            fixture("tasks/vpr_math5_school.xlsx"),
            fixture("tasks/vpr_region.csv"),
            fixture("objectivity/f1_vpr_math4.xlsx"),
        ])
        .unwrap();
        let k = kinds(&o);
        assert_eq!(k[0].1, ["marks"], "{k:?}");
        assert_eq!(k[1].1, ["marks"], "{k:?}");
        assert_eq!(k[2].1, ["tasks", "objectivity"], "{k:?}");
        assert_eq!(k[3].1, ["tasks"], "{k:?}");
        assert!(k[4].1.contains(&"objectivity"), "{k:?}");
        assert!(o.marks.is_some() && o.tasks.is_some() && o.objectivity.is_some());
    }

    #[test]
    fn objectivity_alone_matches_the_cli() {
        let o = read(&[fixture("objectivity/f1_vpr_math4.xlsx")]).unwrap();
        let json = serde_json::to_value(o.objectivity.unwrap()).unwrap();
        let g = &json["groups"][0];
        assert_eq!(g["lowered_pct"], "40.00", "{g}");
        assert_eq!(g["completion_pct"], "71.88", "{g}");
    }

    #[test]
    fn a_header_without_pupils_says_so() {
        let header =
            "school;year;procedure;subject;grade;pupil;score;max_score;mark;journal_mark\n";
        let o = read(&[("h.csv".into(), header.as_bytes().to_vec())]).unwrap();
        assert!(o.files[0].kinds.contains(&"objectivity"), "{:?}", o.files);
        assert!(
            o.findings.iter().any(|f| f.code == "no_pupils"),
            "{:?}",
            o.findings
        );
    }

    #[test]
    fn unreadable_files_name_themselves() {
        let e = read(&[("a.csv".into(), b"x;\"y\n".to_vec())]).unwrap_err();
        assert_eq!(e.file, "a.csv");
        let e = read(&[("b.xlsx".into(), b"not a zip".to_vec())]).unwrap_err();
        assert!(
            e.error.message_ru().contains("XLSX"),
            "{}",
            e.error.message_ru()
        );
        let e = read(&[("c.csv".into(), "Просто;текст\n1;2\n".as_bytes().to_vec())]).unwrap_err();
        assert_eq!(e.file, "c.csv");
        // Windows-1251 text is decoded.
        let (text, _, _) = encoding_rs::WINDOWS_1251
            .encode("Класс;ФИО;Предмет;Период;Отметка\n7Б;Иванов;Алгебра;I четверть;5\n");
        let o = read(&[("d.csv".into(), text.to_vec())]).unwrap();
        assert_eq!(o.files[0].kinds, ["marks"]);
    }
}
