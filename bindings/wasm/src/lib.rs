//! `vsoko` for JavaScript: registration of the exports only. Conversion is in `convert.rs`,
//! errors in `errors.rs`, TypeScript declarations in `types.rs`, every rule in the core crate.

// wasm-bindgen exports take owned JS values, and they throw (documented as "Throws") rather
// than return a Rust `Result` to a Rust caller.
#![allow(clippy::needless_pass_by_value, clippy::missing_errors_doc)]

mod convert;
mod custom;
mod errors;
mod types;

use convert::{from_js_document, from_js_options, from_js_values, optional_string, to_js};
use errors::{VsokoResult, to_js_error};
use wasm_bindgen::prelude::*;

pub use custom::{Methodology, percent};

/// An optional argument as given (`undefined` when left out).
fn arg(value: Option<&JsValue>) -> JsValue {
    value.cloned().unwrap_or(JsValue::UNDEFINED)
}

/// A built-in methodology by the name a caller passed (checked to be a string first).
fn methodology(argument: &str, name: &JsValue) -> Result<&'static vsoko::Methodology, JsValue> {
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
    let values = from_js_values(values)?;
    let report = m
        .score(&values, from_js_options(&arg(options.as_ref()))?)
        .map_err(|e| to_js_error(&e))?;
    to_js(&report)
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

/// The names of the built-in methodologies.
#[wasm_bindgen(unchecked_return_type = "string[]")]
pub fn methodologies() -> VsokoResult {
    to_js(&vsoko::methodology::BUILTIN)
}

/// Checks a self-examination report (order No. 462); `asOf` is `"YYYY-MM-DD"`.
#[wasm_bindgen(js_name = checkSelfexam, unchecked_return_type = "SelfexamCheck")]
pub fn check_selfexam(
    #[wasm_bindgen(unchecked_param_type = "object | string")] report: JsValue,
    #[wasm_bindgen(js_name = asOf, unchecked_optional_param_type = "string | null")] as_of: Option<
        JsValue,
    >,
) -> VsokoResult {
    let as_of = optional_string("asOf", &arg(as_of.as_ref()))?;
    let text = match report.as_string() {
        Some(t) => t,
        None if convert::is_plain_object(&report) => js_sys::JSON::stringify(&report)
            .map(String::from)
            .map_err(|_| {
                to_js_error(&convert::shape_error("report", &"not serializable to JSON"))
            })?,
        None => {
            return Err(to_js_error(&convert::wrong_argument(
                "report",
                "a self-examination report (an object or JSON text)",
                "отчёт о самообследовании (объект или текст JSON)",
            )));
        }
    };
    let result =
        vsoko::selfexam::check_json(&text, as_of.as_deref()).map_err(|e| to_js_error(&e))?;
    to_js(&result)
}

/// A JSON document argument: JSON text, or a plain object (stringified by JS).
fn json_text(
    argument: &str,
    value: &JsValue,
    expected: &str,
    expected_ru: &str,
) -> Result<String, JsValue> {
    if let Some(t) = value.as_string() {
        return Ok(t);
    }
    if convert::is_plain_object(value) {
        return js_sys::JSON::stringify(value)
            .map(String::from)
            .map_err(|_| {
                to_js_error(&convert::shape_error(argument, &"not serializable to JSON"))
            });
    }
    Err(to_js_error(&convert::wrong_argument(
        argument,
        expected,
        expected_ru,
    )))
}

/// Checks a ВСОКО plan (an object or JSON text in the plan format); `asOf` adds `overdue`.
/// Returns `{complete, has_errors, findings: [{code, severity, item, field, message, message_en}]}`.
#[wasm_bindgen(js_name = checkPlan, unchecked_return_type = "PlanCheck")]
pub fn check_plan(
    #[wasm_bindgen(unchecked_param_type = "object | string")] plan: JsValue,
    #[wasm_bindgen(js_name = asOf, unchecked_optional_param_type = "string | null")] as_of: Option<
        JsValue,
    >,
) -> VsokoResult {
    let as_of = optional_string("asOf", &arg(as_of.as_ref()))?
        .map(|d| parse_date(&d))
        .transpose()?;
    let text = json_text(
        "plan",
        &plan,
        "a plan (an object or JSON text)",
        "план (объект или текст JSON)",
    )?;
    let plan = vsoko::plan::Plan::from_json(&text).map_err(|e| to_js_error(&e))?;
    to_js(&plan.check(vsoko::plan::CheckOptions {
        as_of,
        ..vsoko::plan::CheckOptions::default()
    }))
}

/// The deficits of a scored result (the object `score` returns) as addressed actions with
/// re-control, merged into `plan` when given. Returns the plan.
#[wasm_bindgen(js_name = planActions, unchecked_return_type = "object")]
pub fn plan_actions(
    #[wasm_bindgen(unchecked_param_type = "Report | string")] result: JsValue,
    #[wasm_bindgen(js_name = asOf, unchecked_param_type = "string")] as_of: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "number | null")] top: Option<JsValue>,
    #[wasm_bindgen(unchecked_optional_param_type = "object | string | null")] plan: Option<JsValue>,
) -> VsokoResult {
    let text = json_text(
        "result",
        &result,
        "a result of score()",
        "результат score()",
    )?;
    let report: vsoko::Report = serde_json::from_str(&text).map_err(|_| {
        to_js_error(&vsoko::Error::InvalidInput {
            at: vsoko::reason::Location::Argument("result".into()),
            reason: vsoko::reason::InputReason::NotAScoreReport,
        })
    })?;
    let as_of = required_date(&as_of)?;
    let top = match arg(top.as_ref()) {
        t if t.is_undefined() || t.is_null() => 3,
        t => match t.as_f64() {
            Some(n) if n >= 0.0 && n.fract() == 0.0 && n <= 1000.0 => {
                #[expect(
                    clippy::cast_possible_truncation,
                    clippy::cast_sign_loss,
                    reason = "checked whole and in 0..=1000"
                )]
                let n = n as usize;
                n
            }
            _ => {
                return Err(to_js_error(&convert::wrong_argument(
                    "top",
                    "a whole number",
                    "целое число",
                )));
            }
        },
    };
    let base = match arg(plan.as_ref()) {
        p if p.is_undefined() || p.is_null() => None,
        p => {
            let t = json_text(
                "plan",
                &p,
                "a plan (an object or JSON text)",
                "план (объект или текст JSON)",
            )?;
            Some(vsoko::plan::Plan::from_json(&t).map_err(|e| to_js_error(&e))?)
        }
    };
    let merged = vsoko::plan::actions_for(
        &report,
        as_of,
        top,
        base,
        vsoko::plan::ActionMapping::builtin(),
    )
    .map_err(|e| to_js_error(&e))?;
    to_js(&merged)
}

/// The `asOf` argument: a date `YYYY-MM-DD`, required.
fn required_date(value: &JsValue) -> Result<vsoko::selfexam::Date, JsValue> {
    let text = optional_string("asOf", value)?.ok_or_else(|| {
        to_js_error(&convert::wrong_argument(
            "asOf",
            "a date YYYY-MM-DD",
            "дата ГГГГ-ММ-ДД",
        ))
    })?;
    parse_date(&text)
}

fn parse_date(text: &str) -> Result<vsoko::selfexam::Date, JsValue> {
    text.parse().map_err(|_| {
        to_js_error(&vsoko::Error::InvalidDate {
            field: "asOf".into(),
            value: text.into(),
            reason: vsoko::reason::DateReason::Format,
        })
    })
}

/// A built-in plan template (the seed 003 cyclogram) laid on an academic year (`"2024/25"`).
#[wasm_bindgen(js_name = planTemplate, unchecked_return_type = "object")]
pub fn plan_template(
    #[wasm_bindgen(unchecked_param_type = "string")] year: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "string | null")] name: Option<JsValue>,
) -> VsokoResult {
    let name = optional_string("name", &arg(name.as_ref()))?;
    let year = optional_string("year", &year)?
        .and_then(|y| y.parse::<vsoko::plan::AcademicYear>().ok())
        .ok_or_else(|| {
            to_js_error(&convert::wrong_argument(
                "year",
                "an academic year such as 2024/25",
                "учебный год вида 2024/25",
            ))
        })?;
    let plan = vsoko::plan::template(name.as_deref().unwrap_or("cyclogram-2023"), year)
        .map_err(|e| to_js_error(&e))?;
    to_js(&plan)
}

fn plan_arg(plan: &JsValue) -> Result<vsoko::plan::Plan, JsValue> {
    let text = json_text(
        "plan",
        plan,
        "a plan (an object or JSON text)",
        "план (объект или текст JSON)",
    )?;
    vsoko::plan::Plan::from_json(&text).map_err(|e| to_js_error(&e))
}

/// The cyclogram of a plan: `{academic_year, columns, columns_ru, rows: [{label, cells}]}`.
#[wasm_bindgen(js_name = planCyclogram, unchecked_return_type = "object")]
pub fn plan_cyclogram(
    #[wasm_bindgen(unchecked_param_type = "object | string")] plan: JsValue,
) -> VsokoResult {
    to_js(&plan_arg(&plan)?.cyclogram())
}

/// What is due in the month of `asOf` and what is overdue by then: `{as_of, due, overdue}`.
#[wasm_bindgen(js_name = planDue, unchecked_return_type = "object")]
pub fn plan_due(
    #[wasm_bindgen(unchecked_param_type = "object | string")] plan: JsValue,
    #[wasm_bindgen(js_name = asOf, unchecked_param_type = "string")] as_of: JsValue,
) -> VsokoResult {
    let plan = plan_arg(&plan)?;
    to_js(&plan.due(required_date(&as_of)?))
}

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
    use vsoko::objectivity::{Analysis, FileContext, ObjectivityOptions, PupilColumns, combine};
    if !js_sys::Array::is_array(&pupils) {
        return Err(to_js_error(&convert::wrong_argument(
            "pupils",
            "an array of pupil objects",
            "массив объектов с результатами участников",
        )));
    }
    let columns = PupilColumns::from_header(&PUPIL_FIELDS, FileContext::default())
        .map_err(|e| to_js_error(&e))?;
    let mut analysis = Analysis::new();
    for (i, p) in js_sys::Array::from(&pupils).iter().enumerate() {
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
    to_js(&combine(analysis.summaries(options), options))
}

/// The package version.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}
