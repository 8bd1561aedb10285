//! The report of a `score` call, made cheap to return. Values that JSON carries exactly cross
//! as one JSON text instead of key by key; the report's head (methodology, total, max, share,
//! level) crosses at once, and its long parts (groups, indicators, missing, not applicable,
//! deficits) are scored again from the same text when first read (`js/report.js`). Nothing
//! stays in wasm memory between the calls, so a loop of calls cannot grow it.

use crate::convert::{from_js_values, to_js};
use crate::errors::{VsokoResult, to_js_error};
use std::cell::RefCell;
use std::rc::{Rc, Weak};
use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/js/report.js")]
extern "C" {
    #[wasm_bindgen(js_name = valuesText)]
    fn values_text(values: &JsValue) -> Option<String>;
    #[wasm_bindgen(js_name = setBuild)]
    fn set_build(build: &JsValue);
    #[wasm_bindgen(js_name = lazyReport)]
    #[allow(clippy::too_many_arguments)]
    fn lazy_report(
        methodology: &str,
        total: &str,
        max: &str,
        share: Option<String>,
        level: Option<String>,
        level_title: Option<String>,
        text: String,
        source: JsValue,
        strict: bool,
    ) -> JsValue;
}

thread_local! {
    /// Custom methodologies by number, so a lazy report can find its own again (weakly: a
    /// freed `Methodology` makes its unread reports throw instead of keeping it alive).
    static CUSTOM: RefCell<Vec<Weak<vsoko::Methodology>>> = const { RefCell::new(Vec::new()) };
    /// The one JS function lazy reports call to build their long parts.
    static BUILD: Closure<dyn Fn(String, JsValue, bool) -> VsokoResult> = {
        let build = Closure::new(full_report);
        set_build(build.as_ref());
        build
    };
}

/// A methodology a report is scored with.
pub enum Scored {
    /// Built in.
    Builtin(&'static vsoko::Methodology),
    /// Custom, with its number in the registry.
    Custom(Rc<vsoko::Methodology>, u32),
}

impl Scored {
    fn methodology(&self) -> &vsoko::Methodology {
        match self {
            Scored::Builtin(m) => m,
            Scored::Custom(m, _) => m,
        }
    }

    /// How a lazy report names it: the built-in id, or the custom number.
    fn source(&self) -> JsValue {
        match self {
            Scored::Builtin(m) => JsValue::from_str(m.id()),
            Scored::Custom(_, n) => JsValue::from_f64(f64::from(*n)),
        }
    }
}

/// Registers a custom methodology; its number for [`Scored::Custom`].
pub fn register(m: &Rc<vsoko::Methodology>) -> u32 {
    CUSTOM.with_borrow_mut(|all| {
        all.push(Rc::downgrade(m));
        u32::try_from(all.len() - 1).unwrap_or(u32::MAX)
    })
}

/// `{"1.1.1": 3, ...}` from JS, with its JSON text when every value is one JSON carries
/// exactly (then read from the text), else value by value: same results and errors either way.
fn values_or_text(values: JsValue) -> Result<(vsoko::Values, Option<String>), JsValue> {
    if crate::convert::is_plain_object(&values)
        && let Some(text) = values_text(&values)
    {
        let v = vsoko::Values::from_json(&text).map_err(|e| to_js_error(&e))?;
        return Ok((v, Some(text)));
    }
    Ok((from_js_values(values)?, None))
}

/// Scores `values` and returns the report: lazily when the values crossed as JSON text, else
/// whole (the rare path of values JSON cannot carry).
pub fn score(m: &Scored, values: JsValue, options: vsoko::Options) -> VsokoResult {
    let (values, text) = values_or_text(values)?;
    let card = m
        .methodology()
        .evaluate(&values, options)
        .map_err(|e| to_js_error(&e))?;
    let Some(text) = text else {
        return to_js(&vsoko::Report::build(m.methodology(), &card));
    };
    let head = vsoko::Report::head(m.methodology(), &card);
    BUILD.with(|_| ());
    Ok(lazy_report(
        &head.methodology,
        &head.total.to_string(),
        &head.max.to_string(),
        head.share.map(|s| s.to_string()),
        head.level,
        head.level_title,
        text,
        m.source(),
        options.strict,
    ))
}

/// The whole report, scored again from a lazy report's values text.
fn full_report(text: String, source: JsValue, strict: bool) -> VsokoResult {
    let build = |m: &vsoko::Methodology| {
        let values = vsoko::Values::from_json(&text).map_err(|e| to_js_error(&e))?;
        let report = m
            .score(&values, vsoko::Options::new().strict(strict))
            .map_err(|e| to_js_error(&e))?;
        to_js(&report)
    };
    match source.as_f64() {
        #[expect(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            reason = "the numbers are registry indices this module gave out"
        )]
        Some(n) => {
            let m = CUSTOM
                .with_borrow(|all| all.get(n as usize).and_then(Weak::upgrade))
                .ok_or_else(|| {
                    to_js_error(&crate::convert::wrong_argument(
                        "methodology",
                        "a methodology not yet freed",
                        "методика, которая ещё не освобождена (free)",
                    ))
                })?;
            build(&m)
        }
        None => build(crate::methodology("methodology", &source)?),
    }
}
