//! Pupils' results for the offline page: `results` reads the XLSX and CSV files a school has
//! (every sheet of a workbook), recognises each as marks (a long table or «сводная ведомость»),
//! results by task (ВПР, ОГЭ, ЕГЭ) and/or objectivity pupils (a ВПР export with «Отметка по
//! журналу» is both), and returns the core's three reports with their self-contained pages.
//! Built with the `results` feature (on by default; off in the lean scoring module).
//!
//! The reading itself is plain Rust ([`read`]; a file's bytes into sheets in `sheets.rs`), so
//! it is tested natively on the fixtures; the export (`js.rs`) only converts. Workbooks are read with calamine (pure Rust, deflate included), cells
//! turned into text by the core's [`vsoko::cells`] rules, the same as the CLI's.

mod js;
pub(crate) mod sheets;

pub use sheets::{Rows, sheets};

use serde::Serialize;
use vsoko::finding::Finding;
use vsoko::marks::{Dataset, MarksReport};
use vsoko::objectivity::{Analysis, Objectivity, ObjectivityOptions, PupilTable, combine};
use vsoko::reason::{InputReason, Location};
use vsoko::tasks::{Results, ResultsTable, TasksOptions, TasksReport};

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

#[cfg(test)]
mod tests;
