//! Core errors as real JS `Error` objects: `name = "VsokoError"`, with `code`, `indicator`,
//! `messageRu` and `problems` properties. The `message` is English; `messageRu` is for the page.

use serde::Serialize;
use wasm_bindgen::JsValue;

/// What every export returns.
pub type VsokoResult = Result<JsValue, JsValue>;

/// Builds the thrown error.
pub fn to_js_error(e: &vsoko::Error) -> JsValue {
    let err = js_sys::Error::new(&e.to_string());
    err.set_name("VsokoError");
    let obj: &JsValue = err.as_ref();
    let set = |key: &str, value: JsValue| {
        let _ = js_sys::Reflect::set(obj, &JsValue::from_str(key), &value);
    };
    set("code", JsValue::from_str(e.code()));
    set(
        "indicator",
        e.indicator().map_or(JsValue::NULL, JsValue::from_str),
    );
    set("messageRu", JsValue::from_str(&e.message_ru()));
    let problems = js_sys::Array::new();
    if let vsoko::Error::InvalidMethodology { problems: list } = e {
        for p in list {
            problems.push(&JsValue::from_str(&p.to_string()));
        }
    }
    set("problems", problems.into());
    err.into()
}

/// One problem of `check()`, for a form.
#[derive(Serialize)]
pub struct Problem {
    code: &'static str,
    indicator: Option<String>,
    message: String,
    #[serde(rename = "messageRu")]
    message_ru: String,
}

impl From<&vsoko::Error> for Problem {
    fn from(e: &vsoko::Error) -> Self {
        Problem {
            code: e.code(),
            indicator: e.indicator().map(ToString::to_string),
            message: e.to_string(),
            message_ru: e.message_ru(),
        }
    }
}
