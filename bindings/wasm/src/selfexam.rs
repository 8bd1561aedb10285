//! Self-examination (order No. 462) for JavaScript: `checkSelfexam`. Built with the
//! `selfexam` feature (on by default; off in the lean scoring module).

use crate::arg;
use crate::convert::{json_text, optional_string, to_js};
use crate::errors::{VsokoResult, to_js_error};
use wasm_bindgen::prelude::*;

/// Checks a self-examination report (order No. 462); `asOf` is `"YYYY-MM-DD"`.
#[wasm_bindgen(js_name = checkSelfexam, unchecked_return_type = "SelfexamCheck")]
pub fn check_selfexam(
    #[wasm_bindgen(unchecked_param_type = "object | string")] report: JsValue,
    #[wasm_bindgen(js_name = asOf, unchecked_optional_param_type = "string | null")] as_of: Option<
        JsValue,
    >,
) -> VsokoResult {
    let as_of = optional_string("asOf", &arg(as_of.as_ref()))?;
    let text = json_text(
        "report",
        &report,
        "a self-examination report (an object or JSON text)",
        "отчёт о самообследовании (объект или текст JSON)",
    )?;
    let result =
        vsoko::selfexam::check_json(&text, as_of.as_deref()).map_err(|e| to_js_error(&e))?;
    to_js(&result)
}
