//! The handlers, one file per capability. Each reads the request, calls the core (or the
//! readers the CLI shares) and writes the answer; none holds a rule of its own.

pub mod batch;
pub mod dynamics;
pub mod meta;
pub mod methodologies;
pub mod objectivity;
pub mod page;
pub mod plan;
pub mod results;
pub mod score;
pub mod selfdiag;
pub mod submissions;

use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};

/// A JSON answer from a value already serialisable (decimals as strings, as everywhere).
pub fn json<T: serde::Serialize>(value: &T) -> Response {
    let body = serde_json::to_vec(value).unwrap_or_default();
    let mut r = body.into_response();
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    r
}

/// An HTML answer that runs no script: the pages the core writes need none.
pub fn html(text: String) -> Response {
    let mut r = text.into_response();
    let h = r.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(vsoko::output::html::CSP),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    r
}
