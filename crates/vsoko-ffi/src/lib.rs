//! The C ABI of vsoko: JSON in, JSON out, so C, PHP (through its FFI extension) or any
//! language that can call C scores a document without a binding of its own.
//!
//! Four functions (declared in `include/vsoko.h`):
//! - [`vsoko_score_json`]: an input document (as `vsoko score` reads it) to its report;
//! - [`vsoko_catalog_json`]: the catalogue of a built-in methodology;
//! - [`vsoko_version`]: the library's version (static, never freed);
//! - [`vsoko_free`]: frees a string returned by the two JSON functions.
//!
//! Every failure comes back as JSON too, `{"error": {...}}` with the keys of
//! [`vsoko::Diagnostic`] (`code`, `indicator`, `message`, `message_ru`), so the JSON functions
//! never return NULL and no panic crosses the boundary.

mod ffi;

pub use ffi::{vsoko_catalog_json, vsoko_free, vsoko_score_json, vsoko_version};

use vsoko::{Diagnostic, Methodology, Options};

/// Scores an input document: the report as `serde_json::to_string` writes it (the same text
/// as [`vsoko::json::score_json`]), or an error JSON.
fn score(document: Option<&[u8]>) -> String {
    let Some(bytes) = document else {
        return own_error(
            "null_argument",
            "the document is a NULL pointer".into(),
            "документ не передан (нулевой указатель)".into(),
        );
    };
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            return own_error(
                "invalid_utf8",
                format!("the document is not valid UTF-8: {e}"),
                format!("документ не в кодировке UTF-8: {e}"),
            );
        }
    };
    match vsoko::json::score_document(text, None, Options::default()) {
        Ok(report) => serde_json::to_string(&report).unwrap_or_default(),
        Err(e) => error_json(&Diagnostic::from(&e)),
    }
}

/// The catalogue of a built-in methodology as `vsoko catalog NAME --format json` prints it
/// (pretty JSON and a closing newline), or an error JSON. No name: the default methodology.
fn catalog(id: Option<&[u8]>) -> String {
    let name = match id.map(std::str::from_utf8).transpose() {
        Ok(name) => name.unwrap_or(vsoko::json::DEFAULT_METHODOLOGY),
        Err(e) => {
            return own_error(
                "invalid_utf8",
                format!("the methodology id is not valid UTF-8: {e}"),
                format!("название методики не в кодировке UTF-8: {e}"),
            );
        }
    };
    match Methodology::builtin(name) {
        Ok(m) => {
            let mut text = serde_json::to_string_pretty(&m.catalog()).unwrap_or_default();
            text.push('\n');
            text
        }
        Err(e) => error_json(&Diagnostic::from(&e)),
    }
}

/// An error of the C boundary itself (not of the core), in the core's diagnostic shape.
fn own_error(code: &'static str, message: String, message_ru: String) -> String {
    error_json(&Diagnostic {
        code,
        indicator: None,
        message,
        message_ru,
        problems: Vec::new(),
    })
}

/// `{"error": diagnostic}`.
fn error_json(diagnostic: &Diagnostic) -> String {
    serde_json::to_string(&serde_json::json!({ "error": diagnostic })).unwrap_or_else(|_| {
        format!(
            r#"{{"error":{{"code":{:?},"indicator":null,"message":"unserialisable error","message_ru":"ошибку не удалось записать"}}}}"#,
            diagnostic.code
        )
    })
}
