//! Objectivity of marks for JavaScript: `objectivity` (the result as an object) and
//! `objectivityHtml` (the core's page of it). Built with the `objectivity` feature
//! (on by default; off in the lean scoring module).

use crate::convert::{self, to_js};
use crate::errors::{VsokoResult, to_js_error};
use wasm_bindgen::prelude::*;

/// The fields of a pupil object, as the long table's columns.
const PUPIL_FIELDS: [&str; 12] = [
    "school",
    "municipality",
    "year",
    "procedure",
    "subject",
    "grade",
    "class",
    "pupil",
    "score",
    "max_score",
    "mark",
    "journal_mark",
];

/// Objectivity of pupils' marks: `pupils` is an array of `{school, municipality?, year, procedure,
/// subject, grade, class?, pupil, score, max_score, mark, journal_mark}` (numbers or strings;
/// `null` or absent when missing). Returns `{groups, flags, summary, municipalities}`; a bad
/// pupil throws a `VsokoError` whose message names its position.
#[wasm_bindgen(unchecked_return_type = "object")]
pub fn objectivity(
    #[wasm_bindgen(unchecked_param_type = "object[]")] pupils: JsValue,
) -> VsokoResult {
    to_js(&analyse(&pupils)?)
}

/// The same result as a self-contained HTML page (the one `vsoko objectivity --format html`
/// writes): every name escaped, a policy that forbids scripts. Throws as `objectivity`.
#[wasm_bindgen(js_name = objectivityHtml)]
pub fn objectivity_html(
    #[wasm_bindgen(unchecked_param_type = "object[]")] pupils: JsValue,
) -> Result<String, JsValue> {
    Ok(analyse(&pupils)?.to_html())
}

/// The pupils read into one analysis and combined.
fn analyse(pupils: &JsValue) -> Result<vsoko::objectivity::Objectivity, JsValue> {
    use vsoko::objectivity::{Analysis, FileContext, ObjectivityOptions, PupilColumns, combine};
    if !js_sys::Array::is_array(pupils) {
        return Err(to_js_error(&convert::wrong_argument(
            "pupils",
            "an array of pupil objects",
            "массив объектов с результатами участников",
        )));
    }
    let columns = PupilColumns::from_header(&PUPIL_FIELDS, FileContext::default())
        .map_err(|e| to_js_error(&e))?;
    let mut analysis = Analysis::new();
    for (i, p) in js_sys::Array::from(pupils).iter().enumerate() {
        if !convert::is_plain_object(&p) {
            return Err(to_js_error(&convert::wrong_argument(
                &format!("pupils[{i}]"),
                "a pupil object",
                "объект с результатом участника",
            )));
        }
        let cells: Vec<String> = PUPIL_FIELDS
            .iter()
            .map(|f| {
                let v =
                    js_sys::Reflect::get(&p, &JsValue::from_str(f)).unwrap_or(JsValue::UNDEFINED);
                if let Some(s) = v.as_string() {
                    s
                } else if let Some(n) = v.as_f64() {
                    vsoko::decimal::from_f64(n).map_or_else(|_| n.to_string(), |d| d.to_string())
                } else {
                    String::new()
                }
            })
            .collect();
        let texts: Vec<&str> = cells.iter().map(String::as_str).collect();
        let added = columns
            .row_ref(&texts)
            .and_then(|row| row.map_or(Ok(()), |row| analysis.add_ref(row)));
        if let Err(e) = added {
            let err = to_js_error(&e);
            let _ = js_sys::Reflect::set(
                &err,
                &JsValue::from_str("index"),
                &JsValue::from_f64(f64::from(u32::try_from(i).unwrap_or(u32::MAX))),
            );
            return Err(err);
        }
    }
    let options = ObjectivityOptions::default();
    Ok(combine(analysis.summaries(options), options))
}
