//! JS values in and out. Inputs go through the core's own deserialization rules (so a JS `NaN`
//! is an invalid value, never a silent `null`); outputs are plain JSON-compatible objects with
//! decimals as strings.

use crate::errors::{VsokoResult, to_js_error};
use serde::Serialize;
use vsoko::reason::{InputReason, Location};
use wasm_bindgen::JsValue;

/// A wrong shape outside the values (not an object, a wrong option type), naming the argument.
pub fn shape_error(argument: &str, e: &dyn std::fmt::Display) -> vsoko::Error {
    vsoko::Error::InvalidInput {
        at: Location::Argument(argument.to_string()),
        reason: InputReason::Shape {
            detail: e.to_string(),
        },
    }
}

/// An argument of the wrong type: what it must be, in English and Russian.
pub fn wrong_argument(argument: &str, expected: &str, expected_ru: &str) -> vsoko::Error {
    vsoko::Error::InvalidInput {
        at: Location::Argument(argument.to_string()),
        reason: InputReason::WrongArgument {
            expected: expected.to_string(),
            expected_ru: expected_ru.to_string(),
        },
    }
}

/// Whether a JS value is a plain object: not a primitive, an array, a date or a function.
pub fn is_plain_object(value: &JsValue) -> bool {
    if !value.is_object() || js_sys::Array::is_array(value) || value.is_function() {
        return false;
    }
    let proto = js_sys::Object::get_prototype_of(value);
    proto.is_null() || proto == js_sys::Object::get_prototype_of(&js_sys::Object::new())
}

/// An optional string argument: `undefined` or `null` is none; anything else but a string is
/// an `invalid_input` naming the argument (never a trap in the glue code).
pub fn optional_string(argument: &str, value: &JsValue) -> Result<Option<String>, JsValue> {
    if value.is_undefined() || value.is_null() {
        return Ok(None);
    }
    value
        .as_string()
        .map(Some)
        .ok_or_else(|| to_js_error(&wrong_argument(argument, "a string", "строка")))
}

/// Every own key of a plain object is one of `allowed`, or an `invalid_input` naming the first
/// other one (serde-wasm-bindgen reads only the fields it knows, so it cannot see them).
fn only_fields(argument: &str, value: &JsValue, allowed: &[&str]) -> Result<(), JsValue> {
    let keys = js_sys::Object::keys(&js_sys::Object::from(value.clone()));
    for key in keys.iter() {
        let key = key.as_string().unwrap_or_default();
        if !allowed.contains(&key.as_str()) {
            return Err(to_js_error(&vsoko::Error::InvalidInput {
                at: Location::Argument(argument.to_string()),
                reason: InputReason::UnknownField { name: key },
            }));
        }
    }
    Ok(())
}

/// A plain object (not an array, not a primitive), or a clear error naming `field`.
pub fn require_object(field: &str, value: &JsValue) -> Result<(), JsValue> {
    if is_plain_object(value) {
        Ok(())
    } else {
        Err(to_js_error(&wrong_argument(
            field,
            "an object mapping indicator ids to points",
            "объект, сопоставляющий кодам показателей баллы",
        )))
    }
}

#[cfg(any(feature = "plan", feature = "selfexam"))]
/// A JSON document argument: JSON text, or a plain object (stringified by JS).
pub fn json_text(
    argument: &str,
    value: &JsValue,
    expected: &str,
    expected_ru: &str,
) -> Result<String, JsValue> {
    if let Some(t) = value.as_string() {
        return Ok(t);
    }
    if is_plain_object(value) {
        return js_sys::JSON::stringify(value)
            .map(String::from)
            .map_err(|_| to_js_error(&shape_error(argument, &"not serializable to JSON")));
    }
    Err(to_js_error(&wrong_argument(
        argument,
        expected,
        expected_ru,
    )))
}

/// `{"1.1.1": 3, ...}` from JS.
pub fn from_js_values(values: JsValue) -> Result<vsoko::Values, JsValue> {
    require_object("values", &values)?;
    match vsoko::Values::deserialize_checked(serde_wasm_bindgen::Deserializer::from(values)) {
        Ok(inner) => inner.map_err(|e| to_js_error(&e)),
        Err(e) => Err(to_js_error(&shape_error("values", &e))),
    }
}

/// `{methodology?, school?, period?, values}` from JS.
pub fn from_js_document(doc: JsValue) -> Result<vsoko::ScoreInput, JsValue> {
    require_object("document", &doc)?;
    only_fields(
        "document",
        &doc,
        &["methodology", "school", "period", "values"],
    )?;
    for field in ["methodology", "school", "period"] {
        let v = js_sys::Reflect::get(&doc, &JsValue::from_str(field)).unwrap_or(JsValue::UNDEFINED);
        optional_string(field, &v)?;
    }
    let values =
        js_sys::Reflect::get(&doc, &JsValue::from_str("values")).unwrap_or(JsValue::UNDEFINED);
    if !values.is_undefined() {
        require_object("values", &values)?;
    }
    match vsoko::ScoreInput::deserialize_checked(serde_wasm_bindgen::Deserializer::from(doc)) {
        Ok(inner) => inner.map_err(|e| to_js_error(&e)),
        Err(e) => Err(to_js_error(&shape_error("document", &e))),
    }
}

#[derive(serde::Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct JsOptions {
    #[serde(default)]
    strict: Option<bool>,
}

/// `{strict?: boolean}`, or nothing.
pub fn from_js_options(options: &JsValue) -> Result<vsoko::Options, JsValue> {
    if options.is_undefined() || options.is_null() {
        return Ok(vsoko::Options::default());
    }
    if !is_plain_object(options) {
        return Err(to_js_error(&wrong_argument(
            "options",
            "an object such as {strict: true}",
            "объект вида {strict: true}",
        )));
    }
    only_fields("options", options, &["strict"])?;
    let o: JsOptions = serde_wasm_bindgen::from_value(options.clone())
        .map_err(|e| to_js_error(&shape_error("options", &e)))?;
    Ok(vsoko::Options::new().strict(o.strict.unwrap_or(false)))
}

/// A core value as a plain JS object (`null` for none, strings for decimals).
pub fn to_js<T: Serialize + ?Sized>(value: &T) -> VsokoResult {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| to_js_error(&shape_error("output", &e)))
}
