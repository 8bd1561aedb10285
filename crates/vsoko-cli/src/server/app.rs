//! The router, the state every handler shares, and the middleware around them: the body
//! limit, a request timeout and a concurrency limit on `/v1`, one log line and the metrics
//! for every request, and a JSON answer instead of a bare 500 should a handler ever panic.

use super::error::ApiError;
use super::keys::{Keys, Role};
use super::metrics::{Metrics, log_line};
use super::routes;
use super::store::Store;
use axum::Router;
use axum::extract::{DefaultBodyLimit, FromRequestParts, MatchedPath, Request, State};
use axum::http::request::Parts;
use axum::http::{StatusCode, header};
use axum::middleware::{Next, from_fn_with_state};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::sync::Semaphore;

/// How the service is started.
#[derive(Debug, Clone)]
pub struct Config {
    /// Where to listen.
    pub listen: SocketAddr,
    /// The database URL: `sqlite://FILE` or `postgres://…`.
    pub db: String,
    /// The keys file; without it the service only listens on loopback.
    pub keys: Option<PathBuf>,
    /// The offline page's folder (`bindings/wasm`: `www/` and `pkg/`), served at `/`.
    pub page: Option<PathBuf>,
    /// The largest body accepted, in bytes.
    pub body_limit: usize,
    /// How long a `/v1` request may take, waiting for its turn included.
    pub timeout: Duration,
    /// How many `/v1` requests run at once; the others wait their turn.
    pub concurrency: usize,
}

impl Config {
    /// The defaults: 10 MB bodies, 30 s per request, 256 requests at once, no keys, no page.
    pub fn new(listen: SocketAddr, db: &str) -> Config {
        Config {
            listen,
            db: db.to_string(),
            keys: None,
            page: None,
            body_limit: 10 * 1024 * 1024,
            timeout: Duration::from_secs(30),
            concurrency: 256,
        }
    }
}

/// What every handler shares.
#[derive(Clone)]
pub struct AppState {
    inner: Arc<Inner>,
}

struct Inner {
    store: Store,
    keys: Option<Keys>,
    metrics: Metrics,
    page: Option<PathBuf>,
    permits: Semaphore,
    timeout: Duration,
    body_limit: usize,
}

impl AppState {
    /// The state of a service over `store`, with `keys` when given.
    pub fn new(store: Store, keys: Option<Keys>, config: &Config) -> AppState {
        AppState {
            inner: Arc::new(Inner {
                store,
                keys,
                metrics: Metrics::default(),
                page: config.page.clone(),
                permits: Semaphore::new(config.concurrency.max(1)),
                timeout: config.timeout,
                body_limit: config.body_limit,
            }),
        }
    }

    /// The database.
    pub fn store(&self) -> &Store {
        &self.inner.store
    }

    /// The counters.
    pub fn metrics(&self) -> &Metrics {
        &self.inner.metrics
    }

    /// The page's folder, when one is served.
    pub fn page(&self) -> Option<&std::path::Path> {
        self.inner.page.as_deref()
    }
}

/// Who is calling: the role of the bearer key (everything when the service runs without keys).
pub struct Caller(pub Role);

impl FromRequestParts<AppState> for Caller {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let Some(keys) = &state.inner.keys else {
            return Ok(Caller(Role::Admin));
        };
        let key = parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .map(str::trim);
        match key.and_then(|k| keys.role_of(k)) {
            Some(role) => Ok(Caller(role)),
            None => Err(ApiError::new(
                StatusCode::UNAUTHORIZED,
                "unauthorized",
                if key.is_some() {
                    "the key is not known"
                } else {
                    "an Authorization: Bearer KEY header is required"
                },
                if key.is_some() {
                    "ключ не опознан; проверьте заголовок Authorization"
                } else {
                    "нужен ключ: заголовок Authorization: Bearer КЛЮЧ"
                },
            )),
        }
    }
}

/// The whole service: `/healthz`, `/metrics`, `/openapi.json` and the page answer at once;
/// `/v1` waits for its turn under the concurrency limit and the timeout.
pub fn router(state: AppState) -> Router {
    let v1 = Router::new()
        .route("/v1/methodologies", get(routes::methodologies::list))
        .route("/v1/methodologies/{id}", get(routes::methodologies::one))
        .route(
            "/v1/methodologies/{id}/template.xlsx",
            get(routes::methodologies::template),
        )
        .route("/v1/score", post(routes::score::score))
        .route("/v1/check", post(routes::score::check))
        .route("/v1/selfdiag", post(routes::selfdiag::selfdiag))
        .route("/v1/batch", post(routes::batch::batch))
        .route("/v1/plan/check", post(routes::plan::check))
        .route("/v1/objectivity", post(routes::objectivity::objectivity))
        .route("/v1/tasks", post(routes::results::tasks))
        .route("/v1/marks", post(routes::results::marks))
        .route(
            "/v1/submissions",
            post(routes::submissions::create).get(routes::submissions::list),
        )
        .route(
            "/v1/submissions/{id}/history",
            get(routes::submissions::history),
        )
        .route(
            "/v1/dynamics",
            get(routes::dynamics::dynamics).post(routes::dynamics::dynamics_of_table),
        )
        .route("/v1/dashboard", get(routes::dynamics::dashboard))
        .layer(from_fn_with_state(state.clone(), limited));
    let limit = state.inner.body_limit;
    Router::new()
        .route("/healthz", get(routes::meta::healthz))
        .route("/metrics", get(routes::meta::metrics))
        .route("/openapi.json", get(routes::meta::openapi))
        .route("/", get(routes::page::index))
        .merge(v1)
        .fallback(routes::page::file)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(DefaultBodyLimit::max(limit))
        .layer(from_fn_with_state(state.clone(), observe))
        .layer(tower_http::catch_panic::CatchPanicLayer::custom(panicked))
        .with_state(state)
}

async fn method_not_allowed() -> ApiError {
    ApiError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        "method_not_allowed",
        "this method is not allowed here",
        "этот метод здесь не поддерживается",
    )
}

fn panicked(_: Box<dyn std::any::Any + Send + 'static>) -> Response {
    ApiError::new(
        StatusCode::INTERNAL_SERVER_ERROR,
        "internal",
        "internal error",
        "внутренняя ошибка сервиса; запрос не выполнен",
    )
    .into_response()
}

/// Counts and logs every request (the route's pattern, never its values).
async fn observe(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = method_name(request.method());
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map_or_else(|| "(other)".to_string(), |p| p.as_str().to_string());
    let response = next.run(request).await;
    let latency = started.elapsed();
    let status = response.status().as_u16();
    state.inner.metrics.record(&route, method, status, latency);
    log_line(method, &route, status, latency);
    response
}

/// Waits for a turn under the concurrency limit, then runs the request, both within the
/// timeout.
async fn limited(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let inner = &state.inner;
    let run = async {
        let _permit = inner.permits.acquire().await;
        next.run(request).await
    };
    match tokio::time::timeout(inner.timeout, run).await {
        Ok(response) => response,
        Err(_) => ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "timeout",
            "the request did not finish in time",
            "запрос не выполнен вовремя: сервис занят; повторите позже",
        )
        .into_response(),
    }
}

fn method_name(m: &axum::http::Method) -> &'static str {
    match m.as_str() {
        "GET" => "GET",
        "POST" => "POST",
        "PUT" => "PUT",
        "DELETE" => "DELETE",
        "HEAD" => "HEAD",
        "OPTIONS" => "OPTIONS",
        "PATCH" => "PATCH",
        _ => "OTHER",
    }
}
