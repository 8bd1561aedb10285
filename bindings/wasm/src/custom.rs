//! Custom methodologies in the browser: `Methodology.fromJson(text)` validates a description
//! (every problem at once, as `VsokoError.problems`) and scores with it like the functions do
//! with a built-in name (with the `json` feature: the lean module has no JSON parser). And the
//! percentage the page shows, computed by the core.

use crate::convert::{from_js_options, optional_string, require_object, shape_error, to_js};
use crate::errors::{VsokoResult, to_js_error};
#[cfg(feature = "json")]
use std::rc::Rc;
use wasm_bindgen::prelude::*;

/// A validated custom methodology.
#[cfg(feature = "json")]
#[wasm_bindgen]
pub struct Methodology {
    inner: Rc<vsoko::Methodology>,
    /// Its number in the registry lazy reports look it up in.
    number: u32,
}

#[cfg(feature = "json")]
#[wasm_bindgen]
impl Methodology {
    /// Reads and validates a methodology from its JSON text (format 1 or 2). Throws a
    /// `VsokoError` (`invalid_methodology` with every problem in `problems`).
    #[wasm_bindgen(js_name = fromJson)]
    pub fn from_json(
        #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
    ) -> Result<Methodology, JsValue> {
        let text = optional_string("text", &text)?.unwrap_or_default();
        vsoko::Methodology::from_json(&text)
            .map(|inner| {
                let inner = Rc::new(inner);
                let number = crate::report::register(&inner);
                Methodology { inner, number }
            })
            .map_err(|e| to_js_error(&e))
    }

    /// Its id.
    #[wasm_bindgen(getter)]
    pub fn id(&self) -> String {
        self.inner.id().to_string()
    }

    /// Scores one school (as `score`).
    #[wasm_bindgen(unchecked_return_type = "Report")]
    pub fn score(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Values")] values: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "Options | null")] options: Option<JsValue>,
    ) -> VsokoResult {
        let options = from_js_options(&options.unwrap_or(JsValue::UNDEFINED))?;
        crate::report::score(
            &crate::report::Scored::Custom(Rc::clone(&self.inner), self.number),
            values,
            options,
        )
    }

    /// Every problem of the values at once (as `check`).
    #[wasm_bindgen(unchecked_return_type = "Diagnostic[]")]
    pub fn check(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Values")] values: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "Options | null")] options: Option<JsValue>,
    ) -> VsokoResult {
        check_values(&self.inner, values, &options.unwrap_or(JsValue::UNDEFINED))
    }

    /// Its catalogue (as `catalog`).
    #[wasm_bindgen(unchecked_return_type = "Catalog")]
    pub fn catalog(&self) -> VsokoResult {
        to_js(&self.inner.catalog())
    }
}

/// Every problem of `values` against `m`, as diagnostics (for `check` and `Methodology.check`).
pub(crate) fn check_values(
    m: &vsoko::Methodology,
    values: JsValue,
    options: &JsValue,
) -> VsokoResult {
    let options = from_js_options(options)?;
    require_object("values", &values)?;
    let problems =
        match vsoko::Values::deserialize_checked(serde_wasm_bindgen::Deserializer::from(values)) {
            Ok(Ok(values)) => m.check(&values, options),
            Ok(Err(e)) => vec![e],
            Err(e) => return Err(to_js_error(&shape_error("values", &e))),
        };
    to_js(
        &problems
            .iter()
            .map(vsoko::Diagnostic::from)
            .collect::<Vec<_>>(),
    )
}

/// `points` of `max` as a percentage with one decimal, rounded once from the exact ratio (half
/// away from zero), as the CLI and Python show it; `null` when `max` is 0. Decimal strings in
/// and out.
#[wasm_bindgen(unchecked_return_type = "string | null")]
pub fn percent(
    #[wasm_bindgen(unchecked_param_type = "string")] points: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] max: JsValue,
) -> VsokoResult {
    let text = |name: &str, v: &JsValue| optional_string(name, v).map(Option::unwrap_or_default);
    let bad = |name: &str, reason| {
        to_js_error(&vsoko::Error::InvalidValue {
            id: name.to_string(),
            reason,
        })
    };
    let points =
        vsoko::decimal::parse_decimal(&text("points", &points)?).map_err(|r| bad("points", r))?;
    let max = vsoko::decimal::parse_decimal(&text("max", &max)?).map_err(|r| bad("max", r))?;
    let p = vsoko::decimal::percent(points, max);
    Ok(p.map_or(JsValue::NULL, |p| JsValue::from_str(&p.to_string())))
}
