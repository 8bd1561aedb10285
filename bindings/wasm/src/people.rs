//! The teachers' register and surveys for the offline page: `people` reads the files a school
//! has (XLSX, CSV, a survey definition in JSON) and recognises each — a teachers' register (a
//! header with «ФИО» and «Категория» or «Курсы ПК: дата окончания»), a survey definition (JSON
//! with `"format": "vsoko-survey"`), or a form's export of answers (any other table: a period
//! each, named by the file, in the order given) — and returns the register's status as of a day
//! and the survey's figures, each with the core's self-contained page. Built with the `results`
//! feature (the same workbook reader; off in the lean scoring module).
//!
//! The reading is plain Rust ([`read`]), tested natively on the fixtures; the export only
//! converts. A file that cannot be read, or a survey without its definition, is a note (an
//! error in Russian naming the file), so what the other files give is still shown.

use crate::convert::{self, optional_string, to_js};
use crate::errors::to_js_error;
use crate::results::{Note, sheets};
use serde::Serialize;
use vsoko::calendar::Date;
use vsoko::finding::Finding;
use vsoko::survey::{Definition, Figures, Sheet, figures};
use vsoko::teachers::{Register, Rules, Status};
use wasm_bindgen::prelude::*;

/// A report and its page.
#[derive(Debug, Serialize)]
pub struct Part<T> {
    /// The report, as the CLI writes it with `--format json`.
    pub json: T,
    /// The core's self-contained page.
    pub html: String,
}

/// A file and what it was read as.
#[derive(Debug, Clone, Serialize)]
pub struct FileKind {
    /// The file's name.
    pub name: String,
    /// `teachers`, `survey_definition`, `survey_answers` or `unread`.
    pub kind: &'static str,
}

/// Everything the files gave.
#[derive(Debug, Serialize)]
pub struct People {
    /// The register as of the day, when a file was one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub teachers: Option<Part<Status>>,
    /// The survey's figures, when a definition and its answers were given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub survey: Option<Part<Figures>>,
    /// The findings of the register and the answers, and what could not be read.
    pub notes: Vec<Note>,
    /// Each file with what it was read as.
    pub files: Vec<FileKind>,
}

fn note_of(f: &Finding, file: &str) -> Note {
    Note {
        code: f.code.as_str().to_string(),
        severity: f.severity.as_str(),
        file: f
            .place
            .file
            .clone()
            .filter(|f| !f.is_empty())
            .or_else(|| Some(file.to_string())),
        row: f.place.row,
        message: f.message.clone(),
        message_ru: f.message_ru.clone(),
    }
}

fn note_of_error(e: &vsoko::Error, file: &str) -> Note {
    let d = vsoko::Diagnostic::from(e);
    let named = |text: String, prefix: &str| {
        if text.contains(file) {
            text
        } else {
            format!("{prefix} «{file}»: {text}")
        }
    };
    Note {
        code: d.code.to_string(),
        severity: "error",
        file: Some(file.to_string()),
        row: None,
        message: named(d.message, "file"),
        message_ru: named(d.message_ru, "файл"),
    }
}

/// A heading as compared: spaces collapsed, without case.
fn key(text: &str) -> String {
    text.trim_start_matches('\u{feff}')
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Whether a header is a teachers' register's: «ФИО» and «Категория» or «Курсы ПК: дата
/// окончания».
fn is_register(header: &[String]) -> bool {
    let keys: Vec<String> = header.iter().map(|h| key(h)).collect();
    keys.iter().any(|k| k == "фио")
        && keys
            .iter()
            .any(|k| k == "категория" || k == "курсы пк: дата окончания")
}

/// Whether a file is JSON by its name or its first character.
fn is_json(name: &str, bytes: &[u8]) -> bool {
    std::path::Path::new(name)
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"))
        || bytes
            .strip_prefix(b"\xef\xbb\xbf")
            .unwrap_or(bytes)
            .iter()
            .find(|b| !b.is_ascii_whitespace())
            == Some(&b'{')
}

/// The file's name without its extension (a period's name).
fn stem(name: &str) -> &str {
    name.rsplit_once('.').map_or(name, |(s, _)| s)
}

/// A table read from a file: the file, the period it stands for, the header and the rows.
struct Table {
    file: String,
    period: String,
    header: Vec<String>,
    rows: Vec<(usize, Vec<String>)>,
}

/// The files sorted by kind.
#[derive(Default)]
struct Sorted {
    definition: Option<(String, Definition)>,
    register: Option<Table>,
    exports: Vec<Table>,
    notes: Vec<Note>,
    files: Vec<FileKind>,
}

fn note(code: &str, severity: &'static str, file: Option<&str>, en: String, ru: String) -> Note {
    Note {
        code: code.to_string(),
        severity,
        file: file.map(str::to_string),
        row: None,
        message: en,
        message_ru: ru,
    }
}

impl Sorted {
    /// A survey definition (or a JSON file that is none): what it was read as.
    fn json(&mut self, name: &str, bytes: &[u8]) -> &'static str {
        let text = String::from_utf8_lossy(bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes));
        let format = serde_json::from_str::<serde_json::Value>(&text)
            .ok()
            .and_then(|v| v.get("format").and_then(|f| f.as_str().map(str::to_string)));
        if format.as_deref() != Some("vsoko-survey") {
            self.notes.push(note(
                "file_not_recognised",
                "error",
                Some(name),
                format!("file «{name}»: not a survey definition (JSON with \"format\": \"vsoko-survey\")"),
                format!("файл «{name}»: это не описание анкеты (JSON с \"format\": \"vsoko-survey\")"),
            ));
            return "unread";
        }
        if let Some((first, _)) = &self.definition {
            let first = first.clone();
            self.notes.push(note(
                "survey_definition_repeated",
                "warning",
                Some(name),
                format!("file «{name}»: a second survey definition; «{first}» is used"),
                format!("файл «{name}»: второе описание анкеты не учтено, используется «{first}»"),
            ));
            return "unread";
        }
        match Definition::from_json(&text) {
            Ok(d) => {
                self.definition = Some((name.to_string(), d));
                "survey_definition"
            }
            Err(e) => {
                self.notes.push(note_of_error(&e, name));
                "unread"
            }
        }
    }

    /// A workbook or CSV text: each sheet a register or an export of answers.
    fn table(&mut self, name: &str, bytes: &[u8]) -> &'static str {
        let read = match sheets(name, bytes) {
            Ok(read) => read,
            Err(e) => {
                self.notes.push(note_of_error(&e, name));
                return "unread";
            }
        };
        let mut kind = "unread";
        let several = read.len() > 1;
        for (sheet, rows) in read {
            let mut rows = rows.into_iter();
            let Some((_, header)) = rows.next() else {
                continue;
            };
            let period = if several {
                format!("{} — {sheet}", stem(name))
            } else {
                stem(name).to_string()
            };
            let table = Table {
                file: name.to_string(),
                period,
                header,
                rows: rows.collect(),
            };
            if !is_register(&table.header) {
                self.exports.push(table);
                if kind == "unread" {
                    kind = "survey_answers";
                }
            } else if self.register.is_some() {
                self.notes.push(note(
                    "register_repeated",
                    "warning",
                    Some(name),
                    format!("file «{name}»: a second teachers' register is not read"),
                    format!("файл «{name}»: второй реестр педагогов не учтён (выберите один)"),
                ));
            } else {
                self.register = Some(table);
                kind = "teachers";
            }
        }
        kind
    }
}

/// Reads the files as of `as_of`: a register, a survey definition and exports of its answers.
pub fn read(files: &[(String, Vec<u8>)], as_of: Date) -> People {
    let mut sorted = Sorted::default();
    for (name, bytes) in files {
        let kind = if is_json(name, bytes) {
            sorted.json(name, bytes)
        } else {
            sorted.table(name, bytes)
        };
        sorted.files.push(FileKind {
            name: name.clone(),
            kind,
        });
    }
    let mut notes = std::mem::take(&mut sorted.notes);
    let teachers = sorted.register.and_then(|t| teachers(t, as_of, &mut notes));
    let survey = survey(sorted.definition, sorted.exports, &mut notes);
    People {
        teachers,
        survey,
        notes,
        files: sorted.files,
    }
}

/// The register's status as of the day and its page; its findings into `notes`.
fn teachers(t: Table, as_of: Date, notes: &mut Vec<Note>) -> Option<Part<Status>> {
    let read = Rules::builtin().and_then(|rules| {
        Register::from_table(rules, &t.file, &t.header, t.rows).map(|r| (rules, r))
    });
    match read {
        Ok((rules, register)) => {
            let status = register.status(rules, as_of);
            notes.extend(status.findings.iter().map(|f| note_of(f, &t.file)));
            let html = vsoko::teachers::html(rules, &status);
            Some(Part { json: status, html })
        }
        Err(e) => {
            notes.push(note_of_error(&e, &t.file));
            None
        }
    }
}

/// The survey's figures and page, or the note that tells what is missing.
fn survey(
    definition: Option<(String, Definition)>,
    exports: Vec<Table>,
    notes: &mut Vec<Note>,
) -> Option<Part<Figures>> {
    let Some((def_name, d)) = definition else {
        if !exports.is_empty() {
            let mut unique: Vec<&str> = Vec::new();
            for t in &exports {
                if !unique.contains(&t.file.as_str()) {
                    unique.push(&t.file);
                }
            }
            let list = unique.join("», «");
            notes.push(note(
                "survey_definition_missing",
                "error",
                None,
                format!(
                    "«{list}»: neither a teachers' register nor a survey definition; to count a survey's answers, add its definition (a .json file with \"format\": \"vsoko-survey\")"
                ),
                format!(
                    "«{list}»: это не реестр педагогов; чтобы посчитать ответы анкеты, нужно её описание — добавьте файл .json с \"format\": \"vsoko-survey\" (вопросы и какие ответы считаются удовлетворёнными)"
                ),
            ));
        }
        return None;
    };
    let mut read = Vec::new();
    for t in exports {
        match Sheet::read(&d, &t.period, &t.header, t.rows, None, &t.file) {
            Ok(s) => {
                notes.extend(s.findings.iter().map(|f| note_of(f, &t.file)));
                read.push(s);
            }
            Err(e) => notes.push(note_of_error(&e, &t.file)),
        }
    }
    if read.is_empty() {
        notes.push(note(
            "survey_answers_missing",
            "warning",
            Some(&def_name),
            format!("«{def_name}»: no export of answers to count was given"),
            format!(
                "«{def_name}»: выберите вместе с описанием анкеты выгрузки ответов (CSV или XLSX, файл на период)"
            ),
        ));
        return None;
    }
    let f = figures(&d, &read);
    let html = vsoko::survey::html(&d, &f);
    Some(Part { json: f, html })
}

/// Today, by the browser's clock (UTC).
fn today() -> Date {
    let days = (js_sys::Date::now() / 86_400_000.0).floor();
    #[allow(clippy::cast_possible_truncation)]
    let days = days as i64;
    Date::from_unix_days(days)
        .or_else(|| Date::new(1970, 1, 1))
        .unwrap_or_else(|| unreachable!("1970-01-01 exists"))
}

/// The teachers' register and surveys from files: `files` is an array of `{name, bytes}` (an
/// XLSX workbook, CSV text, or a survey definition in JSON); `asOf` the day (`YYYY-MM-DD` or
/// `DD.MM.YYYY`; default today). Returns `{teachers?: {json, html}, survey?: {json, html},
/// notes, files}`: the register's status and the survey's figures (as the CLI's `--format json`)
/// with the core's self-contained pages. A file that cannot be read, and answers without a
/// definition, are notes. Throws a `VsokoError` only for arguments of another shape.
#[wasm_bindgen(unchecked_return_type = "PeopleAnswer")]
pub fn people(
    #[wasm_bindgen(unchecked_param_type = "ResultFile[]")] files: JsValue,
    #[wasm_bindgen(js_name = asOf, unchecked_optional_param_type = "string | null")] as_of: Option<
        JsValue,
    >,
) -> Result<JsValue, JsValue> {
    let as_of = match optional_string("asOf", &crate::arg(as_of.as_ref()))? {
        Some(text) if !text.trim().is_empty() => Date::read(&text).map_err(|reason| {
            to_js_error(&vsoko::Error::InvalidDate {
                field: "asOf".into(),
                value: text.clone(),
                reason,
            })
        })?,
        _ => today(),
    };
    to_js(&read(&from_js_files(&files)?, as_of))
}

/// The `{name, bytes}` objects as names and bytes (an `ArrayBuffer` is taken too).
fn from_js_files(files: &JsValue) -> Result<Vec<(String, Vec<u8>)>, JsValue> {
    let wrong = |at: &str| {
        to_js_error(&convert::wrong_argument(
            at,
            "an array of {name, bytes: Uint8Array}",
            "массив объектов {name, bytes: Uint8Array} — файлов XLSX, CSV или JSON",
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

    fn expected(path: &str) -> serde_json::Value {
        let full = format!("{}/../../fixtures/{path}", env!("CARGO_MANIFEST_DIR"));
        serde_json::from_str(&std::fs::read_to_string(full).unwrap()).unwrap()
    }

    fn day() -> Date {
        Date::new(2025, 1, 15).unwrap()
    }

    #[test]
    fn the_register_matches_the_expected_status() {
        let p = read(&[fixture("teachers/register.csv")], day());
        let t = serde_json::to_value(&p.teachers.as_ref().unwrap().json).unwrap();
        let want = expected("teachers/expected.json");
        for k in ["as_of", "teachers", "due", "shares"] {
            assert_eq!(t[k], want[k], "{k}");
        }
        assert!(p.survey.is_none());
        assert_eq!(p.files[0].kind, "teachers");
        assert!(
            p.teachers
                .unwrap()
                .html
                .contains("Реестр педагогов на 15.01.2025")
        );
    }

    #[test]
    fn a_survey_matches_the_expected_figures() {
        let p = read(
            &[
                fixture("survey/parents.json"),
                fixture("survey/2024-spring.csv"),
                fixture("survey/2024-autumn.csv"),
            ],
            day(),
        );
        let f = serde_json::to_value(&p.survey.as_ref().unwrap().json).unwrap();
        let want = expected("survey/expected.json");
        assert_eq!(f["questions"], want["questions"]);
        assert_eq!(f["changes"], want["changes"]);
        assert!(p.teachers.is_none());
        let kinds: Vec<&str> = p.files.iter().map(|f| f.kind).collect();
        assert_eq!(
            kinds,
            ["survey_definition", "survey_answers", "survey_answers"]
        );
    }

    #[test]
    fn answers_without_a_definition_are_a_note_in_russian() {
        let p = read(&[fixture("survey/2024-spring.csv")], day());
        assert!(p.survey.is_none());
        let n = p
            .notes
            .iter()
            .find(|n| n.code == "survey_definition_missing")
            .unwrap();
        assert_eq!(n.severity, "error");
        assert!(
            n.message_ru.contains("нужно её описание"),
            "{}",
            n.message_ru
        );
        assert!(n.message_ru.contains("2024-spring.csv"));
    }

    #[test]
    fn an_unreadable_file_is_a_note_and_the_rest_is_read() {
        let p = read(
            &[
                ("отчёт.xlsx".into(), b"not a workbook".to_vec()),
                fixture("teachers/register.csv"),
            ],
            day(),
        );
        assert!(p.teachers.is_some());
        assert!(p.notes.iter().any(|n| n.message_ru.contains("отчёт.xlsx")));
    }
}
