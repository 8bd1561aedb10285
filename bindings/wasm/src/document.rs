//! Documents in the page, offline: the core's справки, the order, the plan and the
//! self-examination report as DOCX bytes (or HTML, Markdown), and plans read from the files a
//! school has (a Word table, a workbook, CSV).

use crate::arg;
use crate::convert::{self, json_text, optional_string};
use crate::errors::to_js_error;
use vsoko::document::{Kind, School};
use wasm_bindgen::prelude::*;

/// A field of an optional options object, as given (`undefined` when absent).
fn field(options: &JsValue, key: &str, keys: &str) -> Result<JsValue, JsValue> {
    if options.is_undefined() || options.is_null() {
        return Ok(JsValue::UNDEFINED);
    }
    if !convert::is_plain_object(options) {
        return Err(to_js_error(&convert::wrong_argument(
            "options",
            &format!("an object {{{keys}}}"),
            &format!("объект {{{keys}}}"),
        )));
    }
    Ok(js_sys::Reflect::get(options, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED))
}

/// A document: `kind` is `"score-report"` (a scored result or the input `scoreDocument` reads,
/// or an array of them: one school's periods, oldest first), `"objectivity-report"` (an
/// objectivity result), `"order"` (the actions of `planActions`), `"plan"` (a plan) or
/// `"selfexam"` (the report); `source` is an object or JSON text. `options.school` holds the
/// requisites (`full_name`, `short_name`, `director`, `deputy`, `deputy_position`, `city`,
/// `academic_year`; what is left out is a blank to fill in); `options.format` is `"docx"` (the
/// default: a `Uint8Array`), `"html"` or `"md"` (a string).
#[wasm_bindgen(js_name = document, unchecked_return_type = "Uint8Array | string")]
pub fn document(
    #[wasm_bindgen(
        unchecked_param_type = "\"score-report\" | \"objectivity-report\" | \"order\" | \"plan\" | \"selfexam\""
    )]
    kind: JsValue,
    #[wasm_bindgen(unchecked_param_type = "object | string")] source: JsValue,
    #[wasm_bindgen(
        unchecked_optional_param_type = "{ school?: object | string | null; format?: \"docx\" | \"html\" | \"md\" | null } | null"
    )]
    options: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    let wrong_kind = || {
        to_js_error(&convert::wrong_argument(
            "kind",
            "score-report, objectivity-report, order, plan or selfexam",
            "score-report, objectivity-report, order, plan или selfexam",
        ))
    };
    let kind = optional_string("kind", &kind)?
        .and_then(|k| Kind::from_id(&k))
        .ok_or_else(wrong_kind)?;
    let options = arg(options.as_ref());
    let keys = "school, format";
    let school = field(&options, "school", keys)?;
    let school = if school.is_undefined() || school.is_null() {
        School::default()
    } else {
        let text = json_text(
            "school",
            &school,
            "the requisites (an object or JSON text)",
            "реквизиты (объект или текст JSON)",
        )?;
        School::from_json(&text).map_err(|e| to_js_error(&e))?
    };
    let format = optional_string("format", &field(&options, "format", keys)?)?;
    let source = if js_sys::Array::is_array(&source) {
        js_sys::JSON::stringify(&source)
            .map(String::from)
            .map_err(|_| to_js_error(&convert::wrong_argument("source", "JSON", "JSON")))?
    } else {
        json_text(
            "source",
            &source,
            "a result, a plan or a report (an object or JSON text)",
            "результат, план или отчёт (объект или текст JSON)",
        )?
    };
    let doc = vsoko::document::from_json(kind, &source, &school).map_err(|e| to_js_error(&e))?;
    match format.as_deref().unwrap_or("docx") {
        "docx" => {
            // Written to memory: the ZIP writer fails only when memory does.
            let bytes = doc
                .to_docx()
                .map_err(|e| JsValue::from_str(&format!("DOCX not written: {e}")))?;
            Ok(js_sys::Uint8Array::from(bytes.as_slice()).into())
        }
        "html" => Ok(JsValue::from_str(&doc.to_html())),
        "md" | "markdown" => Ok(JsValue::from_str(&doc.to_markdown())),
        _ => Err(to_js_error(&convert::wrong_argument(
            "format",
            "docx, html or md",
            "docx, html или md",
        ))),
    }
}

/// A plan read from the file a school keeps it in: a Word document's tables (`.docx`), the
/// first sheet of a workbook (`.xlsx`) or CSV text, with `year` (`"2023/24"`) when the title
/// names none. Returns the plan (an object to save as JSON).
#[wasm_bindgen(js_name = planFromFile, unchecked_return_type = "object")]
pub fn plan_from_file(
    bytes: &[u8],
    #[wasm_bindgen(unchecked_param_type = "string")] name: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "string | null")] year: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    let name = optional_string("name", &name)?.unwrap_or_default();
    let year = optional_string("year", &arg(year.as_ref()))?
        .map(|y| {
            y.parse::<vsoko::plan::AcademicYear>().map_err(|_| {
                to_js_error(&convert::wrong_argument(
                    "year",
                    "an academic year such as 2024/25",
                    "учебный год вида 2024/25",
                ))
            })
        })
        .transpose()?;
    let rows = if name.to_lowercase().ends_with(".docx") {
        vsoko::document::read::tables(bytes, &name).map_err(|e| to_js_error(&e))?
    } else {
        crate::results::sheets::sheets(&name, bytes)
            .map_err(|e| to_js_error(&e))?
            .into_iter()
            .next()
            .map(|(_, rows)| rows)
            .unwrap_or_default()
    };
    let plan = vsoko::plan::Plan::from_rows(&rows, year).map_err(|e| to_js_error(&e))?;
    convert::to_js(&plan)
}

/// The schools of a filled form (`vsoko template --format xlsx`, or the same header as CSV:
/// `school`, optional `period` and `municipality`, then indicator ids), each as the input
/// `scoreDocument` reads: `[{methodology, school, period, values: {id: "2.5" | "n/a" | true}}]`.
/// Every row is checked as a batch checks it; the first problem is the error, naming its row.
#[wasm_bindgen(js_name = inputsFromFile, unchecked_return_type = "object[]")]
pub fn inputs_from_file(
    bytes: &[u8],
    #[wasm_bindgen(unchecked_param_type = "string")] name: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "string | null")] methodology: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    use serde_json::{Map, Value as Json, json};
    let name = optional_string("name", &name)?.unwrap_or_default();
    let m = crate::methodology("methodology", &arg(methodology.as_ref()))?;
    let rows = crate::results::sheets::sheets(&name, bytes)
        .map_err(|e| to_js_error(&e))?
        .into_iter()
        .next()
        .map(|(_, rows)| rows)
        .unwrap_or_default();
    let mut rows = rows
        .into_iter()
        .filter(|(_, cells)| cells.iter().any(|c| !c.trim().is_empty()));
    let Some((_, header)) = rows.next() else {
        return Err(to_js_error(&vsoko::Error::EmptyInput {
            what: vsoko::InputKind::Table,
        }));
    };
    let columns = vsoko::batch::Columns::from_header(m, &header).map_err(|e| to_js_error(&e))?;
    let ids: std::collections::HashMap<usize, String> = columns
        .inputs()
        .map(|(_, id, position)| (position, id.to_string()))
        .collect();
    let mut out = Vec::new();
    for (line, cells) in rows {
        let row = columns.row(&cells).map_err(|e| {
            // The core's error (its code kept), its messages naming the file and row.
            let err = to_js_error(&e);
            for (key, text) in [
                ("message", format!("{name}, row {line}: {e}")),
                (
                    "message_ru",
                    format!("{name}, строка {line}: {}", e.message_ru()),
                ),
            ] {
                let _ =
                    js_sys::Reflect::set(&err, &JsValue::from_str(key), &JsValue::from_str(&text));
            }
            err
        })?;
        let mut values = Map::new();
        for (position, value) in &row.cells {
            let v = match value {
                vsoko::Value::Points(d) => Json::String(d.to_string()),
                vsoko::Value::NotApplicable => Json::String("n/a".into()),
                vsoko::Value::Missing => Json::Null,
                vsoko::Value::YesNo(b) => Json::Bool(*b),
            };
            if let Some(id) = ids.get(position) {
                values.insert(id.clone(), v);
            }
        }
        out.push(json!({"methodology": m.id(), "school": row.school, "period": row.period, "values": values}));
    }
    convert::to_js(&out)
}
