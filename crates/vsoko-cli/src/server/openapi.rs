//! The OpenAPI 3.1 document (`GET /openapi.json`), generated from the handlers' annotations
//! and the answer types, so it cannot drift from the code. The report types of the core are
//! described here by their keys (the core does not depend on the schema generator).

use std::collections::HashMap;
use std::sync::OnceLock;
use utoipa::openapi::RefOr;
use utoipa::openapi::schema::{ObjectBuilder, OneOfBuilder, Schema, Type};
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi, PartialSchema, ToSchema};

use super::routes;

/// A value of an indicator or input: a number, a decimal as a string (`"2.5"`, `"2,5"`), `"n/a"`
/// (`"н/п"`) for not applicable, or `true`/`false` for a yes/no input.
pub struct InputValue;

impl PartialSchema for InputValue {
    fn schema() -> RefOr<Schema> {
        OneOfBuilder::new()
            .item(ObjectBuilder::new().schema_type(Type::Number))
            .item(ObjectBuilder::new().schema_type(Type::String))
            .item(ObjectBuilder::new().schema_type(Type::Boolean))
            .description(Some(
                "A number, a decimal as a string, \"n/a\" for not applicable, or true/false",
            ))
            .into()
    }
}

impl ToSchema for InputValue {}

/// The input document `vsoko score` reads.
#[derive(ToSchema)]
#[allow(dead_code, clippy::zero_sized_map_values)]
pub struct ScoreDocument {
    /// A built-in methodology (default `index-2023`).
    methodology: Option<String>,
    /// The school, carried into the report.
    school: Option<String>,
    /// The period, carried into the report.
    period: Option<String>,
    /// Indicator (or input) id → value.
    values: HashMap<String, InputValue>,
}

/// The report of `vsoko score --format json`. Decimals are strings.
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct Report {
    /// Methodology id.
    methodology: String,
    /// The school, when the document named it.
    #[schema(required = false)]
    school: Option<String>,
    /// The period, when the document named it.
    #[schema(required = false)]
    period: Option<String>,
    /// Sum of all points.
    total: String,
    /// Maximum total.
    max: String,
    /// `total / max`, 4 places.
    share: Option<String>,
    /// The percentage people read, one decimal.
    percent: Option<String>,
    /// Level id.
    level: Option<String>,
    /// Russian title of the level.
    level_title: Option<String>,
    /// Every group in tree order.
    groups: Vec<serde_json::Value>,
    /// Every indicator in reading order.
    indicators: Vec<serde_json::Value>,
    /// Indicators with no value (counted as 0).
    missing: Vec<String>,
    /// Indicators marked not applicable.
    not_applicable: Vec<String>,
    /// Where points were lost, most first.
    #[schema(value_type = Object)]
    deficits: serde_json::Value,
}

/// The errors of an endpoint that reads a body (each answer is an [`super::ErrorAnswer`]).
#[derive(utoipa::IntoResponses)]
#[allow(dead_code)]
pub enum BodyErrors {
    /// Not what the endpoint reads: malformed JSON, an unknown or repeated query parameter, a
    /// table without its header.
    #[response(status = 400)]
    Malformed(super::ErrorAnswer),
    /// No key, or a key the service does not know (when it runs with keys).
    #[response(status = 401)]
    Unauthorized(super::ErrorAnswer),
    /// The body is over the size limit.
    #[response(status = 413)]
    TooLarge(super::ErrorAnswer),
    /// A body of a type the endpoint does not read.
    #[response(status = 415)]
    UnsupportedType(super::ErrorAnswer),
    /// A value the methodology does not take, an unknown methodology.
    #[response(status = 422)]
    Invalid(super::ErrorAnswer),
}

/// The errors of an endpoint that reads the stored submissions.
#[derive(utoipa::IntoResponses)]
#[allow(dead_code)]
pub enum StoreErrors {
    /// An unknown or repeated query parameter.
    #[response(status = 400)]
    Malformed(super::ErrorAnswer),
    /// No key, or a key the service does not know (when it runs with keys).
    #[response(status = 401)]
    Unauthorized(super::ErrorAnswer),
    /// The query names a school or municipality the key does not reach.
    #[response(status = 403)]
    Forbidden(super::ErrorAnswer),
    /// The database did not answer; the request may be repeated.
    #[response(status = 503)]
    Unavailable(super::ErrorAnswer),
}

struct Bearer;

impl Modify for Bearer {
    fn modify(&self, doc: &mut utoipa::openapi::OpenApi) {
        let components = doc.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some(
                        "A key from the server's keys file (needed when it runs with --keys)",
                    ))
                    .build(),
            ),
        );
    }
}

#[derive(OpenApi)]
#[openapi(
    info(title = "vsoko", description = "Exact scoring of a Russian school's internal quality assessment (ВСОКО): the HTTP service. Decimals are strings; errors are {\"error\": {code, message, message_ru}}."),
    paths(
        routes::meta::healthz, routes::meta::metrics, routes::meta::openapi, routes::page::index,
        routes::methodologies::list, routes::methodologies::one, routes::methodologies::template,
        routes::score::score, routes::score::check, routes::selfdiag::selfdiag, routes::batch::batch, routes::plan::check,
        routes::objectivity::objectivity, routes::results::tasks, routes::results::marks,
        routes::submissions::create, routes::submissions::list, routes::submissions::history,
        routes::dynamics::dynamics, routes::dynamics::dynamics_of_table, routes::dynamics::dashboard,
    ),
    components(schemas(super::ErrorAnswer, super::ErrorBody, InputValue, ScoreDocument, Report)),
    modifiers(&Bearer),
)]
struct ApiDoc;

/// The document as JSON text (built once).
///
/// ```
/// let doc: serde_json::Value = serde_json::from_str(vsoko_cli::server::openapi_document()).unwrap();
/// assert!(doc["openapi"].as_str().unwrap().starts_with("3.1"));
/// assert!(doc["paths"]["/v1/score"]["post"]["responses"]["422"].is_object());
/// ```
pub fn document() -> &'static str {
    static DOC: OnceLock<String> = OnceLock::new();
    DOC.get_or_init(|| {
        let mut doc = ApiDoc::openapi();
        doc.info.version = env!("CARGO_PKG_VERSION").to_string();
        doc.to_pretty_json().unwrap_or_default()
    })
}
