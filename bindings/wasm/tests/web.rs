//! The exports under a real JS engine (wasm-bindgen-test on Node): golden fixtures give the
//! Rust results, and errors are `VsokoError` objects, not panics.
#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

fn js(text: &str) -> JsValue {
    js_sys::JSON::parse(text).unwrap()
}

fn get(obj: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(obj, &JsValue::from_str(key)).unwrap()
}

const CASES: &[(&str, &str)] = &[
    (
        include_str!("../../../fixtures/schools/index-2023/school_42.json"),
        include_str!("../../../fixtures/schools/index-2023/school_42.expected.json"),
    ),
    (
        include_str!("../../../fixtures/schools/index-2023/fractional_109_5.json"),
        include_str!("../../../fixtures/schools/index-2023/fractional_109_5.expected.json"),
    ),
    (
        include_str!("../../../fixtures/schools/nocko-1547/with_not_applicable.json"),
        include_str!("../../../fixtures/schools/nocko-1547/with_not_applicable.expected.json"),
    ),
];

#[wasm_bindgen_test]
fn golden_cases_match() {
    for (input, expected) in CASES {
        let report = vsoko_wasm::score_document(js(input), None, None).unwrap();
        let want = js(expected);
        for key in ["total", "max", "level"] {
            assert_eq!(get(&report, key), get(&want, key), "{key}");
        }
    }
}

#[wasm_bindgen_test]
fn errors_are_vsoko_errors() {
    let err = vsoko_wasm::score(js(r#"{"1.1.1": 4}"#), None, None).unwrap_err();
    assert!(err.is_instance_of::<js_sys::Error>());
    assert_eq!(get(&err, "name"), JsValue::from_str("VsokoError"));
    assert_eq!(get(&err, "code"), JsValue::from_str("value_out_of_range"));
    assert_eq!(get(&err, "indicator"), JsValue::from_str("1.1.1"));
    let nan = js_sys::Object::new();
    js_sys::Reflect::set(
        &nan,
        &JsValue::from_str("1.1.2"),
        &JsValue::from_f64(f64::NAN),
    )
    .unwrap();
    let err = vsoko_wasm::score(nan.into(), None, None).unwrap_err();
    assert_eq!(get(&err, "code"), JsValue::from_str("invalid_value"));
    let err = vsoko_wasm::score(JsValue::from_f64(5.0), None, None).unwrap_err();
    assert_eq!(get(&err, "code"), JsValue::from_str("invalid_input"));
}

#[wasm_bindgen_test]
fn arguments_of_the_wrong_type_are_errors_not_traps() {
    let v = js(r#"{"1.1.1": 3}"#);
    for (methodology, options) in [
        (JsValue::from_f64(7.0), JsValue::UNDEFINED),
        (js(r#"{"strict": true}"#), JsValue::UNDEFINED),
        (JsValue::UNDEFINED, JsValue::from_str("strict")),
        (JsValue::UNDEFINED, js(r#"{"strcit": true}"#)),
    ] {
        let err = vsoko_wasm::score(v.clone(), Some(methodology), Some(options)).unwrap_err();
        assert_eq!(get(&err, "code"), JsValue::from_str("invalid_input"));
    }
    let err = vsoko_wasm::catalog(JsValue::from_f64(42.0)).unwrap_err();
    assert_eq!(get(&err, "code"), JsValue::from_str("invalid_input"));
    let doc = js(r#"{"values": {}, "valeus": {}}"#);
    let err = vsoko_wasm::score_document(doc, None, None).unwrap_err();
    assert_eq!(get(&err, "code"), JsValue::from_str("invalid_input"));
}
