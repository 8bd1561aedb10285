//! `vsoko` for JavaScript: registration of the exports only. Conversion is in `convert.rs`,
//! errors in `errors.rs`, TypeScript declarations in `types.rs`, every rule in the core crate.

// wasm-bindgen exports take owned JS values, and they throw (documented as "Throws") rather
// than return a Rust `Result` to a Rust caller.
#![allow(clippy::needless_pass_by_value, clippy::missing_errors_doc)]

mod convert;
mod custom;
#[cfg(feature = "document")]
mod document;
mod errors;
#[cfg(feature = "objectivity")]
mod objectivity;
#[cfg(feature = "results")]
mod people;
#[cfg(feature = "plan")]
mod plan;
mod report;
#[cfg(feature = "results")]
mod results;
#[cfg(feature = "selfexam")]
mod selfexam;
mod types;

use convert::{from_js_document, from_js_options, optional_string, to_js};
use errors::{VsokoResult, to_js_error};
use wasm_bindgen::prelude::*;

#[cfg(feature = "json")]
pub use custom::Methodology;
pub use custom::percent;

/// The allocator: talc instead of std's dlmalloc (smaller and faster here; the module is single-
/// threaded).
#[cfg(all(not(target_feature = "atomics"), target_family = "wasm"))]
#[global_allocator]
static TALC: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

/// An optional argument as given (`undefined` when left out).
fn arg(value: Option<&JsValue>) -> JsValue {
    value.cloned().unwrap_or(JsValue::UNDEFINED)
}

/// A built-in methodology by the name a caller passed (checked to be a string first).
pub(crate) fn methodology(
    argument: &str,
    name: &JsValue,
) -> Result<&'static vsoko::Methodology, JsValue> {
    let name = optional_string(argument, name)?;
    vsoko::Methodology::builtin(name.as_deref().unwrap_or(vsoko::json::DEFAULT_METHODOLOGY))
        .map_err(|e| to_js_error(&e))
}

/// Scores one school: `values` maps indicator ids to numbers, decimal strings, `"n/a"` or `null`.
/// Returns the report as a plain object (decimals as strings). Throws a `VsokoError`.
#[wasm_bindgen(unchecked_return_type = "Report")]
pub fn score(
    #[wasm_bindgen(unchecked_param_type = "Values")] values: JsValue,
    #[wasm_bindgen(js_name = methodology, unchecked_optional_param_type = "string | null")]
    methodology_name: Option<JsValue>,
    #[wasm_bindgen(unchecked_optional_param_type = "Options | null")] options: Option<JsValue>,
) -> VsokoResult {
    let m = methodology("methodology", &arg(methodology_name.as_ref()))?;
    report::score(
        &report::Scored::Builtin(m),
        values,
        from_js_options(&arg(options.as_ref()))?,
    )
}

/// Scores a whole input document `{methodology?, school?, period?, values}` (the CLI's input
/// format). A methodology given here wins over the document's.
#[wasm_bindgen(js_name = scoreDocument, unchecked_return_type = "Report")]
pub fn score_document(
    #[wasm_bindgen(unchecked_param_type = "ScoreInput")] document: JsValue,
    #[wasm_bindgen(js_name = methodology, unchecked_optional_param_type = "string | null")]
    methodology_name: Option<JsValue>,
    #[wasm_bindgen(unchecked_optional_param_type = "Options | null")] options: Option<JsValue>,
) -> VsokoResult {
    let chosen = match optional_string("methodology", &arg(methodology_name.as_ref()))? {
        Some(_) => Some(methodology("methodology", &arg(methodology_name.as_ref()))?),
        None => None,
    };
    let options = from_js_options(&arg(options.as_ref()))?;
    let input = from_js_document(document)?;
    let report = vsoko::json::score_input(&input, chosen, options).map_err(|e| to_js_error(&e))?;
    to_js(&report)
}

/// Every problem of the values at once (for a form that marks each bad field); never throws
/// for bad values, only for an unknown methodology or a non-object.
#[wasm_bindgen(unchecked_return_type = "Diagnostic[]")]
pub fn check(
    #[wasm_bindgen(unchecked_param_type = "Values")] values: JsValue,
    #[wasm_bindgen(js_name = methodology, unchecked_optional_param_type = "string | null")]
    methodology_name: Option<JsValue>,
    #[wasm_bindgen(unchecked_optional_param_type = "Options | null")] options: Option<JsValue>,
) -> VsokoResult {
    let m = methodology("methodology", &arg(methodology_name.as_ref()))?;
    custom::check_values(m, values, &arg(options.as_ref()))
}

/// The catalogue of a built-in methodology: every group and indicator with id, title, max.
#[wasm_bindgen(unchecked_return_type = "Catalog")]
pub fn catalog(#[wasm_bindgen(unchecked_param_type = "string")] name: JsValue) -> VsokoResult {
    to_js(&methodology("name", &name)?.catalog())
}

/// The catalogue of a built-in methodology with the names of a titles file (its text: two
/// columns, id and title; `;`, tab or `,`) over its own. Every row is checked: throws
/// `invalid_titles` listing each problem, and nothing is renamed then.
#[cfg(feature = "titles")]
#[wasm_bindgen(js_name = catalogWithTitles, unchecked_return_type = "Catalog")]
pub fn catalog_with_titles(
    #[wasm_bindgen(unchecked_param_type = "string")] name: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] titles: JsValue,
) -> VsokoResult {
    let m = methodology("name", &name)?;
    let text = optional_string("titles", &titles)?.unwrap_or_default();
    let overlay = vsoko::methodology::Titles::parse(&text)
        .and_then(|t| m.with_titles(&t))
        .map_err(|e| to_js_error(&e))?;
    to_js(&overlay.catalog())
}

/// The names of the built-in methodologies.
#[wasm_bindgen(unchecked_return_type = "string[]")]
pub fn methodologies() -> VsokoResult {
    to_js(&vsoko::methodology::BUILTIN)
}

/// The package version.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}
