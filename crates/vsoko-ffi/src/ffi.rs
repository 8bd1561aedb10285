//! The `extern "C"` functions: raw pointers in and out, nothing else. Everything they do is
//! in safe code in the crate root; this module only converts pointers and catches panics.
#![allow(unsafe_code, reason = "the C ABI: raw pointers and exported symbols")]

use std::ffi::{CStr, CString, c_char};
use std::panic::{UnwindSafe, catch_unwind};

/// The version, NUL-terminated for C.
static VERSION: &str = concat!(env!("CARGO_PKG_VERSION"), "\0");

/// Scores a vsoko input document (JSON, as `vsoko score` reads it: `"values"` and optionally
/// `"methodology"`, `"school"`, `"period"`; the methodology defaults to `index-2023`).
///
/// Returns the report as compact JSON, or `{"error": {"code", "indicator", "message",
/// "message_ru"}}`. A NULL `document` gives the code `null_argument`, bytes that are not
/// UTF-8 give `invalid_utf8`, a caught panic gives `internal`. Never returns NULL.
///
/// The returned string is owned by the caller: free it with `vsoko_free` exactly once.
///
/// # Safety
/// `document` is NULL or points to a NUL-terminated string that stays valid and unchanged
/// during the call.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vsoko_score_json(document: *const c_char) -> *mut c_char {
    guard(move || {
        // SAFETY: the caller guarantees `document` is NULL or a valid NUL-terminated string
        // for the duration of this call, and the borrow does not outlive the call.
        let bytes = unsafe { borrow(document) };
        crate::score(bytes)
    })
}

/// The catalogue of a built-in methodology (`index-2023`, `nocko-1547`, `nok-2019`) as JSON:
/// the same text as `vsoko catalog ID --format json` prints (pretty, with a closing newline).
/// A NULL `id` means the default methodology (`index-2023`).
///
/// Returns `{"error": {...}}` with the code `unknown_methodology` for any other id (and
/// `invalid_utf8`, `internal` as `vsoko_score_json`). Never returns NULL.
///
/// The returned string is owned by the caller: free it with `vsoko_free` exactly once.
///
/// # Safety
/// `id` is NULL or points to a NUL-terminated string that stays valid and unchanged during
/// the call.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vsoko_catalog_json(id: *const c_char) -> *mut c_char {
    guard(move || {
        // SAFETY: the caller guarantees `id` is NULL or a valid NUL-terminated string for the
        // duration of this call, and the borrow does not outlive the call.
        let bytes = unsafe { borrow(id) };
        crate::catalog(bytes)
    })
}

/// The library's version, e.g. `0.1.0`: a static string, never to be freed.
#[unsafe(no_mangle)]
pub extern "C" fn vsoko_version() -> *const c_char {
    VERSION.as_ptr().cast()
}

/// Frees a string returned by `vsoko_score_json` or `vsoko_catalog_json`. NULL is a no-op.
///
/// # Safety
/// `s` is NULL or a pointer returned by one of those functions and not freed yet; it must not
/// be used afterwards. Never pass the result of `vsoko_version` or any other pointer.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vsoko_free(s: *mut c_char) {
    if s.is_null() {
        return;
    }
    // SAFETY: the caller guarantees `s` came from `CString::into_raw` in `into_c` (the only
    // way the JSON functions return strings) and has not been freed yet.
    drop(unsafe { CString::from_raw(s) });
}

/// The bytes of a C string without its NUL, or `None` for NULL.
///
/// # Safety
/// `p` is NULL or a valid NUL-terminated string that outlives `'a`.
unsafe fn borrow<'a>(p: *const c_char) -> Option<&'a [u8]> {
    if p.is_null() {
        None
    } else {
        // SAFETY: `p` is not NULL, and the caller guarantees it is NUL-terminated and valid
        // for `'a`.
        Some(unsafe { CStr::from_ptr(p) }.to_bytes())
    }
}

/// Runs `body`, turning a panic into an `internal` error JSON, and hands the text to C.
fn guard(body: impl FnOnce() -> String + UnwindSafe) -> *mut c_char {
    let text = catch_unwind(body).unwrap_or_else(|payload| {
        let what = payload
            .downcast_ref::<&str>()
            .map(ToString::to_string)
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".into());
        crate::own_error(
            "internal",
            format!("internal error in vsoko (a panic caught at the C boundary): {what}"),
            format!("внутренняя ошибка vsoko: {what}"),
        )
    });
    into_c(text)
}

/// An owned C string for the caller; text with an interior NUL (which JSON from serde_json
/// never has, since it escapes control characters) becomes an error JSON instead of NULL.
fn into_c(text: String) -> *mut c_char {
    CString::new(text)
        .or_else(|e| {
            CString::new(crate::own_error(
                "interior_nul",
                format!("the result has a NUL byte at {}", e.nul_position()),
                format!("в результате нулевой байт (позиция {})", e.nul_position()),
            ))
        })
        .unwrap_or_else(|_| {
            c"{\"error\":{\"code\":\"internal\",\"indicator\":null,\"message\":\"internal error\",\"message_ru\":\"внутренняя ошибка\"}}"
                .to_owned()
        })
        .into_raw()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;
    use std::ffi::CStr;

    /// Takes a returned string, frees it, gives its text.
    fn take(p: *mut c_char) -> String {
        assert!(!p.is_null());
        // SAFETY: `p` was just returned by one of the JSON functions and is freed only here.
        let text = unsafe { CStr::from_ptr(p) }.to_str().unwrap().to_owned();
        // SAFETY: as above; not used after this.
        unsafe { vsoko_free(p) };
        text
    }

    fn score(doc: &CStr) -> String {
        // SAFETY: a valid C string literal.
        take(unsafe { vsoko_score_json(doc.as_ptr()) })
    }

    fn catalog(id: &CStr) -> String {
        // SAFETY: a valid C string literal.
        take(unsafe { vsoko_catalog_json(id.as_ptr()) })
    }

    /// The error object, checking the shape: exactly `{"error": {code, indicator, message,
    /// message_ru}}` with both messages non-empty.
    fn error_of(text: &str) -> serde_json::Map<String, Value> {
        let v: Value = serde_json::from_str(text).unwrap();
        let outer = v.as_object().unwrap();
        assert_eq!(outer.len(), 1, "{text}");
        let e = outer["error"].as_object().unwrap().clone();
        let mut keys: Vec<_> = e.keys().map(String::as_str).collect();
        keys.sort_unstable();
        assert_eq!(
            keys,
            ["code", "indicator", "message", "message_ru"],
            "{text}"
        );
        assert!(!e["message"].as_str().unwrap().is_empty());
        assert!(!e["message_ru"].as_str().unwrap().is_empty());
        e
    }

    const DOC: &CStr = cr#"{"methodology": "nocko-1547", "values": {"1.1": 10, "2.7": "n/a"}}"#;

    #[test]
    fn score_ok_is_the_core_report() {
        let text = score(DOC);
        let expected =
            vsoko::json::score_json(DOC.to_str().unwrap(), None, vsoko::Options::default())
                .unwrap();
        assert_eq!(text, expected);
        let v: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(v["total"], "10");
        assert_eq!(v["max"], "100");
    }

    #[test]
    fn score_error_is_the_core_diagnostic() {
        let e = error_of(&score(cr#"{"values": {"1.1.1": 4}}"#));
        assert_eq!(e["code"], "value_out_of_range");
        assert_eq!(e["indicator"], "1.1.1");
        assert!(e["message_ru"].as_str().unwrap().contains("от 0 до 3"));

        let e = error_of(&score(c"{not json"));
        assert_eq!(e["code"], "invalid_json");

        let e = error_of(&score(cr#"{"methodology": "nope", "values": {}}"#));
        assert_eq!(e["code"], "unknown_methodology");
    }

    #[test]
    fn null_arguments() {
        // SAFETY: NULL is allowed.
        let e = error_of(&take(unsafe { vsoko_score_json(std::ptr::null()) }));
        assert_eq!(e["code"], "null_argument");
        assert_eq!(e["indicator"], Value::Null);
        // SAFETY: NULL is allowed and means the default methodology.
        let text = take(unsafe { vsoko_catalog_json(std::ptr::null()) });
        assert_eq!(text, catalog(c"index-2023"));
    }

    #[test]
    fn invalid_utf8() {
        let e = error_of(&score(c"{\"values\": {\"1.1\": \"\xff\"}}"));
        assert_eq!(e["code"], "invalid_utf8");
        assert!(e["message"].as_str().unwrap().contains("UTF-8"));
        let e = error_of(&catalog(c"\xc3"));
        assert_eq!(e["code"], "invalid_utf8");
    }

    #[test]
    fn catalog_ok_and_unknown() {
        let text = catalog(c"nocko-1547");
        let m = vsoko::Methodology::builtin("nocko-1547").unwrap();
        let expected = format!("{}\n", serde_json::to_string_pretty(&m.catalog()).unwrap());
        assert_eq!(text, expected);
        let _: Value = serde_json::from_str(&text).unwrap();

        let e = error_of(&catalog(c"no-such-methodology"));
        assert_eq!(e["code"], "unknown_methodology");
    }

    #[test]
    fn concurrent_calls_agree() {
        let expected = score(DOC);
        let threads: Vec<_> = (0..8)
            .map(|i| {
                std::thread::spawn(move || {
                    if i % 2 == 0 {
                        score(DOC)
                    } else {
                        catalog(c"nok-2019")
                    }
                })
            })
            .collect();
        let catalogue = catalog(c"nok-2019");
        for (i, t) in threads.into_iter().enumerate() {
            let text = t.join().unwrap();
            assert_eq!(&text, if i % 2 == 0 { &expected } else { &catalogue });
        }
    }

    #[test]
    fn free_null_is_a_no_op() {
        // SAFETY: NULL is documented as a no-op.
        unsafe { vsoko_free(std::ptr::null_mut()) };
    }

    #[test]
    fn version_is_static() {
        // SAFETY: a static NUL-terminated string.
        let v = unsafe { CStr::from_ptr(vsoko_version()) };
        assert_eq!(v.to_str().unwrap(), env!("CARGO_PKG_VERSION"));
    }

    #[test]
    fn a_panic_becomes_an_internal_error() {
        let e = error_of(&take(guard(|| panic!("boom"))));
        assert_eq!(e["code"], "internal");
        assert!(e["message"].as_str().unwrap().contains("boom"));
    }

    #[test]
    fn an_interior_nul_becomes_an_error_not_null() {
        let e = error_of(&take(into_c("a\0b".into())));
        assert_eq!(e["code"], "interior_nul");
    }
}
