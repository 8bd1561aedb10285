//! The ВСОКО plan and cyclogram for JavaScript: `checkPlan`, `planActions`, `planTemplate`,
//! `planCyclogram`, `planDue`, `planCompletion` (the views' data), `planMark` and `planRender` (a view as a Markdown, HTML or
//! JSON document, through the core's `Plan::render`). Built with the `plan` feature (on by default; off in the lean
//! scoring module).

use crate::arg;
use crate::convert::{self, json_text, optional_string, to_js};
use crate::errors::{VsokoResult, to_js_error};
use wasm_bindgen::prelude::*;

/// Checks a ВСОКО plan (an object or JSON text in the plan format); `asOf` adds `overdue`.
/// Returns `{complete, has_errors, findings: [{code, severity, item, section, field, message, message_ru}]}`.
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
        t if t.is_undefined() || t.is_null() => vsoko::plan::DEFAULT_TOP,
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
fn required_date(value: &JsValue) -> Result<vsoko::calendar::Date, JsValue> {
    let text = optional_string("asOf", value)?.ok_or_else(|| {
        to_js_error(&convert::wrong_argument(
            "asOf",
            "a date YYYY-MM-DD",
            "дата ГГГГ-ММ-ДД",
        ))
    })?;
    parse_date(&text)
}

/// A string field of an optional options object (`keys` lists the fields it may have, for the
/// error when `options` is not an object).
fn option(options: &JsValue, key: &str, keys: &str) -> Result<Option<String>, JsValue> {
    if options.is_undefined() || options.is_null() {
        return Ok(None);
    }
    if !convert::is_plain_object(options) {
        return Err(to_js_error(&convert::wrong_argument(
            "options",
            &format!("an object {{{keys}}}"),
            &format!("объект {{{keys}}}"),
        )));
    }
    let value =
        js_sys::Reflect::get(options, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED);
    optional_string(key, &value)
}

fn parse_date(text: &str) -> Result<vsoko::calendar::Date, JsValue> {
    date_in("asOf", text)
}

fn date_in(field: &str, text: &str) -> Result<vsoko::calendar::Date, JsValue> {
    text.parse().map_err(|_| {
        to_js_error(&vsoko::Error::InvalidDate {
            field: field.into(),
            value: text.into(),
            reason: vsoko::reason::DateReason::Format,
        })
    })
}

/// A built-in plan template («Циклограмма ВСОКО на 2023/24 учебный год») laid on an academic year (`"2024/25"`).
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
    let plan = vsoko::plan::template(
        name.as_deref().unwrap_or(vsoko::plan::DEFAULT_TEMPLATE),
        year,
    )
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

/// Done ÷ due of a plan per month, object and responsible (2 places, decimal strings), and the
/// items overdue by `asOf` (the whole year without it): `{academic_year, as_of, months: [{month,
/// due, done, pct}], objects, responsible: [{responsible, due, done, pct}], total, overdue}`.
#[wasm_bindgen(js_name = planCompletion, unchecked_return_type = "object")]
pub fn plan_completion(
    #[wasm_bindgen(unchecked_param_type = "object | string")] plan: JsValue,
    #[wasm_bindgen(js_name = asOf, unchecked_optional_param_type = "string | null")] as_of: Option<
        JsValue,
    >,
) -> VsokoResult {
    let as_of = optional_string("asOf", &arg(as_of.as_ref()))?
        .map(|d| parse_date(&d))
        .transpose()?;
    to_js(&plan_arg(&plan)?.completion(as_of))
}

/// The plan with item `id` marked: `status` is `"done"` (needs `options.on`), `"not_done"`,
/// `"moved"` (needs `options.movedTo`), `"cancelled"` or `"planned"`; `options.note` is kept
/// with the mark. Returns the plan (an object to save as JSON).
#[wasm_bindgen(js_name = planMark, unchecked_return_type = "object")]
pub fn plan_mark(
    #[wasm_bindgen(unchecked_param_type = "object | string")] plan: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue,
    #[wasm_bindgen(
        unchecked_param_type = "\"done\" | \"not_done\" | \"moved\" | \"cancelled\" | \"planned\""
    )]
    status: JsValue,
    #[wasm_bindgen(
        unchecked_optional_param_type = "{ on?: string | null; movedTo?: string | null; note?: string | null } | null"
    )]
    options: Option<JsValue>,
) -> VsokoResult {
    let mut plan = plan_arg(&plan)?;
    let id = optional_string("id", &id)?.unwrap_or_default();
    let status = optional_string("status", &status)?.unwrap_or_default();
    let options = arg(options.as_ref());
    let field = |key: &str| option(&options, key, "on, movedTo, note");
    let on = field("on")?.map(|d| date_in("on", &d)).transpose()?;
    let moved_to = field("movedTo")?
        .map(|d| date_in("movedTo", &d))
        .transpose()?;
    let note = field("note")?;
    let mark = vsoko::plan::Mark::new(&status, on, moved_to).map_err(|e| to_js_error(&e))?;
    plan.mark(&id, mark, note.as_deref())
        .map_err(|e| to_js_error(&e))?;
    to_js(&plan)
}

/// A view of a plan as a document, the one entry point of the core's views: `view` is
/// `"cyclogram"`, `"agenda"` or `"due"`, `format` is `"markdown"` (the default), `"html"` (a
/// self-contained page that forbids scripts) or `"json"` (text). The agenda needs
/// `options.responsible` (any part of a name or role), the due view `options.asOf`
/// (`YYYY-MM-DD`). Returns a string.
#[wasm_bindgen(js_name = planRender)]
pub fn plan_render(
    #[wasm_bindgen(unchecked_param_type = "object | string")] plan: JsValue,
    #[wasm_bindgen(unchecked_param_type = "\"cyclogram\" | \"agenda\" | \"due\" | \"completion\"")]
    view: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "\"markdown\" | \"html\" | \"json\" | null")]
    format: Option<JsValue>,
    #[wasm_bindgen(
        unchecked_optional_param_type = "{ responsible?: string | null; asOf?: string | null } | null"
    )]
    options: Option<JsValue>,
) -> Result<String, JsValue> {
    let kind: vsoko::plan::ViewKind = optional_string("view", &view)?
        .unwrap_or_default()
        .parse()
        .map_err(|e| to_js_error(&e))?;
    let format: vsoko::format::Format = optional_string("format", &arg(format.as_ref()))?
        .map_or(Ok(vsoko::format::Format::Markdown), |f| f.parse())
        .map_err(|e| to_js_error(&e))?;
    let options = arg(options.as_ref());
    let field = |key: &str| option(&options, key, "responsible, asOf");
    let responsible = field("responsible")?;
    let as_of = field("asOf")?;
    if kind == vsoko::plan::ViewKind::Due
        && let Some(date) = &as_of
    {
        // The date's error names this binding's argument (`asOf`).
        parse_date(date)?;
    }
    let view = kind
        .with(responsible.as_deref(), as_of.as_deref())
        .map_err(|e| to_js_error(&e))?;
    Ok(plan_arg(&plan)?.render(&view, format))
}
