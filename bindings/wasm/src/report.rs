//! The report of a `score` call, made cheap to return. Values that are all numbers (or empty)
//! cross as one array of floats in input order, which a plain methodology adds up without a
//! decimal per value; other values JSON carries exactly cross as one JSON text; the rest value
//! by value. The report's head (methodology, total, max, share, percent, level) crosses at once, and its
//! long parts (groups, indicators, missing, not applicable, deficits) are scored again from the
//! same floats or text when first read (`js/report.js`). Nothing stays in wasm memory between
//! the calls, so a loop of calls cannot grow it. Any problem is reported by the value-by-value
//! path, so errors are the same whichever way the values crossed. Without the `json` feature
//! (the lean module) there is no JSON text way, nor custom methodologies.

use crate::convert::{from_js_values, to_js};
use crate::errors::{VsokoResult, to_js_error};
#[cfg(feature = "json")]
use std::cell::RefCell;
#[cfg(feature = "json")]
use std::rc::{Rc, Weak};
use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/js/report.js")]
extern "C" {
    #[cfg(feature = "json")]
    #[wasm_bindgen(js_name = valuesText)]
    fn values_text(values: &JsValue) -> Option<String>;
    #[wasm_bindgen(js_name = setBuild)]
    fn set_build(build: &JsValue);
    #[wasm_bindgen(js_name = knowsInputs)]
    fn knows_inputs(source: &JsValue) -> bool;
    #[wasm_bindgen(js_name = setInputs)]
    fn set_inputs(source: &JsValue, ids: Vec<JsValue>);
    #[wasm_bindgen(js_name = valueFloats)]
    fn value_floats(values: &JsValue, source: &JsValue) -> Option<js_sys::Float64Array>;
    #[wasm_bindgen(js_name = knowsHead)]
    fn knows_head(source: &JsValue) -> bool;
    #[wasm_bindgen(js_name = setHead)]
    fn set_head(source: &JsValue, id: &str, level_ids: Vec<JsValue>, level_titles: Vec<JsValue>);
    #[wasm_bindgen(js_name = lazyReport)]
    fn lazy_report(
        source: &JsValue,
        level: i32,
        total: &str,
        max: &str,
        share: Option<String>,
        percent: Option<String>,
        values: JsValue,
        strict: bool,
    ) -> JsValue;
}

#[cfg(feature = "json")]
thread_local! {
    /// Custom methodologies by number, so a lazy report can find its own again (weakly: a
    /// freed `Methodology` makes its unread reports throw instead of keeping it alive).
    static CUSTOM: RefCell<Vec<Weak<vsoko::Methodology>>> = const { RefCell::new(Vec::new()) };
}

thread_local! {
    /// The one JS function lazy reports call to build their long parts.
    static BUILD: Closure<dyn Fn(JsValue, JsValue, bool) -> VsokoResult> = {
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
    #[cfg(feature = "json")]
    Custom(Rc<vsoko::Methodology>, u32),
}

impl Scored {
    fn methodology(&self) -> &vsoko::Methodology {
        match self {
            Scored::Builtin(m) => m,
            #[cfg(feature = "json")]
            Scored::Custom(m, _) => m,
        }
    }

    /// How a lazy report names it: the built-in id, or the custom number.
    fn source(&self) -> JsValue {
        match self {
            Scored::Builtin(m) => JsValue::from_str(m.id()),
            #[cfg(feature = "json")]
            Scored::Custom(_, n) => JsValue::from_f64(f64::from(*n)),
        }
    }
}

/// Registers a custom methodology; its number for [`Scored::Custom`].
#[cfg(feature = "json")]
pub fn register(m: &Rc<vsoko::Methodology>) -> u32 {
    CUSTOM.with_borrow_mut(|all| {
        all.push(Rc::downgrade(m));
        u32::try_from(all.len() - 1).unwrap_or(u32::MAX)
    })
}

/// `{"1.1.1": 3, ...}` from JS, with its JSON text when every value is one JSON carries
/// exactly (then read from the text; not without the `json` feature), else value by value:
/// same results and errors either way.
fn values_or_text(values: JsValue) -> Result<(vsoko::Values, Option<String>), JsValue> {
    #[cfg(feature = "json")]
    if crate::convert::is_plain_object(&values)
        && let Some(text) = values_text(&values)
    {
        let v = vsoko::Values::from_json(&text).map_err(|e| to_js_error(&e))?;
        return Ok((v, Some(text)));
    }
    Ok((from_js_values(values)?, None))
}

/// Scores `values` and returns the report: lazily when the values crossed as floats or JSON
/// text, else whole (the rare path of values JSON cannot carry).
pub fn score(m: &Scored, values: JsValue, options: vsoko::Options) -> VsokoResult {
    if let Some(head) = float_lane(m, &values, options) {
        return head;
    }
    let (values, text) = values_or_text(values)?;
    let card = m
        .methodology()
        .evaluate(&values, options)
        .map_err(|e| to_js_error(&e))?;
    let Some(text) = text else {
        return to_js(&vsoko::Report::build(m.methodology(), &card));
    };
    Ok(lazy(
        m,
        &vsoko::Report::head(m.methodology(), &card),
        text.into(),
        options,
    ))
}

/// The report's head by the float lane, when the values are all numbers (or empty), the
/// methodology is plain and the row has nothing to name; `None` sends them the other ways.
fn float_lane(m: &Scored, values: &JsValue, options: vsoko::Options) -> Option<VsokoResult> {
    if !crate::convert::is_plain_object(values) {
        return None;
    }
    let source = m.source();
    if !knows_inputs(&source) {
        let ids = m
            .methodology()
            .inputs()
            .iter()
            .map(|i| JsValue::from_str(&i.id));
        set_inputs(&source, ids.collect());
    }
    let floats = value_floats(values, &source)?;
    let (total, max) = m.methodology().plain_total(&floats.to_vec(), options)?;
    let head = vsoko::Report::head_of(m.methodology(), total, max);
    Some(Ok(lazy(m, &head, floats.into(), options)))
}

/// Floats in input order as values (NaN is an empty cell).
fn fill_floats(xs: &[f64], row: &mut Vec<(usize, vsoko::Value)>) -> vsoko::Result<()> {
    for (pos, &x) in xs.iter().enumerate() {
        if !x.is_nan() {
            let v = vsoko::decimal::from_f64(x).map_err(|reason| vsoko::Error::InvalidValue {
                id: String::new(),
                reason,
            })?;
            row.push((pos, vsoko::Value::Points(v)));
        }
    }
    Ok(())
}

/// The report object with its long parts to be built from `values` (floats or JSON text).
fn lazy(m: &Scored, head: &vsoko::Report, values: JsValue, options: vsoko::Options) -> JsValue {
    BUILD.with(|_| ());
    let source = m.source();
    let levels = m.methodology().levels();
    if !knows_head(&source) {
        let text = |s: &str| JsValue::from_str(s);
        set_head(
            &source,
            m.methodology().id(),
            levels.iter().map(|l| text(&l.id)).collect(),
            levels.iter().map(|l| text(&l.title)).collect(),
        );
    }
    // The first band holding the total, as `level_of` finds it; -1 for none.
    let level = levels
        .iter()
        .position(|b| b.contains(head.total))
        .and_then(|i| i32::try_from(i).ok())
        .unwrap_or(-1);
    lazy_report(
        &source,
        level,
        &head.total.to_string(),
        &head.max.to_string(),
        head.share.map(|s| s.to_string()),
        head.percent.map(|p| p.to_string()),
        values,
        options.strict,
    )
}

/// The values of a lazy report again: its floats in input order, or its JSON text.
fn lazy_values(values: &JsValue, m: &vsoko::Methodology) -> Result<vsoko::Values, JsValue> {
    #[cfg(feature = "json")]
    if let Some(text) = values.as_string() {
        return vsoko::Values::from_json(&text).map_err(|e| to_js_error(&e));
    }
    let xs = js_sys::Float64Array::from(values.clone()).to_vec();
    let mut row = Vec::new();
    fill_floats(&xs, &mut row).map_err(|e| to_js_error(&e))?;
    let ids = m.inputs();
    Ok(row
        .into_iter()
        .filter_map(|(pos, v)| ids.get(pos).map(|i| (i.id.clone(), v)))
        .collect())
}

/// The whole report, scored again from a lazy report's values.
fn full_report(values: JsValue, source: JsValue, strict: bool) -> VsokoResult {
    let build = |m: &vsoko::Methodology| {
        let values = lazy_values(&values, m)?;
        let report = m
            .score(&values, vsoko::Options::new().strict(strict))
            .map_err(|e| to_js_error(&e))?;
        to_js(&report)
    };
    #[cfg(feature = "json")]
    if let Some(n) = source.as_f64() {
        return build(&*custom(n)?);
    }
    build(crate::methodology("methodology", &source)?)
}

/// The custom methodology a lazy report names by its registry number.
#[cfg(feature = "json")]
fn custom(n: f64) -> Result<Rc<vsoko::Methodology>, JsValue> {
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "the numbers are registry indices this module gave out"
    )]
    CUSTOM
        .with_borrow(|all| all.get(n as usize).and_then(Weak::upgrade))
        .ok_or_else(|| {
            to_js_error(&crate::convert::wrong_argument(
                "methodology",
                "a methodology not yet freed",
                "методика, которая ещё не освобождена (free)",
            ))
        })
}
