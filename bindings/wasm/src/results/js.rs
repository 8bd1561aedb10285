//! The `results` export: files from JS in, the outcome out as a plain object with the pages.

use super::{FileKinds, Note, read};
use crate::convert::{self, to_js};
use crate::errors::to_js_error;
use serde::Serialize;
use vsoko::marks::MarksReport;
use vsoko::objectivity::Objectivity;
use vsoko::tasks::TasksReport;
use wasm_bindgen::prelude::*;

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
