//! Core errors as real JS `Error` objects: `name = "VsokoError"`, with `code`, `indicator`,
//! `message_ru` and `problems` properties — the keys of the core's `Diagnostic`, as in Python
//! and the CLI's JSON. The `message` is English; `message_ru` is for the page.

use serde::Serialize;
use wasm_bindgen::JsValue;

/// What every export returns.
pub type VsokoResult = Result<JsValue, JsValue>;

/// Builds the thrown error: the core's [`vsoko::Diagnostic`] as properties of an `Error`.
pub fn to_js_error(e: &vsoko::Error) -> JsValue {
    let d = vsoko::Diagnostic::from(e);
    let err = js_sys::Error::new(&d.message);
    err.set_name("VsokoError");
    let obj: &JsValue = err.as_ref();
    let set = |key: &str, value: JsValue| {
        let _ = js_sys::Reflect::set(obj, &JsValue::from_str(key), &value);
    };
    set("code", JsValue::from_str(d.code));
    set(
        "indicator",
        d.indicator
            .as_deref()
            .map_or(JsValue::NULL, JsValue::from_str),
    );
    set("message_ru", JsValue::from_str(&d.message_ru));
    let problems = d
        .problems
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .unwrap_or_else(|_| js_sys::Array::new().into());
    set("problems", problems);
    err.into()
}
