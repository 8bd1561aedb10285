//! `GET /healthz`, `GET /metrics`, `GET /openapi.json`.

use super::json;
use crate::server::app::AppState;
use axum::extract::State;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

/// `GET /healthz`'s answer.
#[derive(Serialize, utoipa::ToSchema)]
pub struct Health {
    /// Always `ok` when the service answers.
    pub status: &'static str,
    /// The service's version.
    pub version: &'static str,
}

/// The service answers.
#[utoipa::path(get, path = "/healthz", tag = "service",
    responses((status = 200, description = "The service answers", body = Health)))]
pub async fn healthz() -> Response {
    json(&Health {
        status: "ok",
        version: env!("CARGO_PKG_VERSION"),
    })
}

/// Requests by route and status and a latency histogram, in Prometheus' text format.
#[utoipa::path(get, path = "/metrics", tag = "service",
    responses((status = 200, description = "Prometheus text exposition format", body = String, content_type = "text/plain")))]
pub async fn metrics(State(state): State<AppState>) -> Response {
    let mut r = state.metrics().render().into_response();
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; version=0.0.4; charset=utf-8"),
    );
    r
}

/// This document: OpenAPI 3.1, generated from the handlers.
#[utoipa::path(get, path = "/openapi.json", tag = "service",
    responses((status = 200, description = "The OpenAPI 3.1 document", body = Object)))]
pub async fn openapi() -> Response {
    let text = crate::server::openapi::document();
    let mut r = text.into_response();
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    r
}
