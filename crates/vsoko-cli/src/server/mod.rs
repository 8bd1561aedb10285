//! `vsoko serve`: the HTTP JSON service school and municipal systems call (axum on tokio).
//!
//! Map of the folder:
//! - `app`: the router, the shared state and the middleware (limits, log line, metrics);
//! - `routes/`: one file per capability, each handler a thin conversion around the core;
//! - `keys`: keys and roles; `store`: submissions in SQLite or PostgreSQL;
//! - `error`: the one error answer; `metrics`: counters and the log line; `openapi`: the
//!   OpenAPI 3.1 document generated from the handlers' annotations.
//!
//! ```no_run
//! # async fn run() -> Result<(), vsoko_cli::server::StartError> {
//! let config = vsoko_cli::server::Config::new("127.0.0.1:8080".parse().unwrap(), "sqlite://vsoko.db");
//! vsoko_cli::server::serve(config).await
//! # }
//! ```

mod app;
mod body;
pub mod clock;
mod error;
mod keys;
mod metrics;
mod openapi;
mod routes;
mod start;
mod store;

pub use app::{AppState, Config, router};
pub use body::query;
pub use error::{ApiError, ErrorAnswer, ErrorBody};
pub use keys::{KeyProblem, Keys, Role, hash_hex};
pub use metrics::Metrics;
pub use openapi::document as openapi_document;
pub use start::{StartError, masked, serve};
pub use store::{Backend, Document, Filter, NewSubmission, Store, StoreError, Stored};
