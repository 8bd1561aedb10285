//! How the service answers a request it cannot serve: the core's one diagnostic as JSON
//! (`code`, `message` in English, `message_ru` in Russian) under `error`, with the status the
//! issue names: 400 malformed, 401/403 auth, 404, 413 too large, 415 content type, 422
//! invalid values, 503 busy. Nothing a client sends ends in a 500.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

/// An error answer: a status and the diagnostic the body carries.
#[derive(Debug, Clone)]
pub struct ApiError {
    /// The HTTP status.
    pub status: StatusCode,
    /// The body's `error` (boxed: errors travel in `Result`s and stay small there).
    pub body: Box<ErrorBody>,
}

/// The `error` object of an error answer: the core's [`vsoko::Diagnostic`] keys.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ErrorBody {
    /// Stable snake_case code.
    pub code: String,
    /// The indicator or input concerned, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub indicator: Option<String>,
    /// For logs, in English.
    pub message: String,
    /// For people, in Russian.
    pub message_ru: String,
    /// Every problem of an invalid methodology (left out when empty).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[schema(value_type = Vec<Object>)]
    pub problems: Vec<serde_json::Value>,
}

/// The whole body of an error answer: `{"error": {…}}`.
#[derive(Serialize, utoipa::ToSchema)]
pub struct ErrorAnswer {
    /// What went wrong.
    pub error: ErrorBody,
}

impl ApiError {
    /// An error of the service itself (not of the core), with both messages.
    pub fn new(status: StatusCode, code: &str, message: &str, message_ru: &str) -> Self {
        ApiError {
            status,
            body: Box::new(ErrorBody {
                code: code.to_string(),
                indicator: None,
                message: message.to_string(),
                message_ru: message_ru.to_string(),
                problems: Vec::new(),
            }),
        }
    }

    /// 400: the body is not what the endpoint reads.
    pub fn malformed(message: &str, message_ru: &str) -> Self {
        ApiError::new(
            StatusCode::BAD_REQUEST,
            "malformed_request",
            message,
            message_ru,
        )
    }

    /// 404: no such resource.
    pub fn not_found(what_en: &str, message_ru: &str) -> Self {
        ApiError::new(
            StatusCode::NOT_FOUND,
            "not_found",
            &format!("{what_en} not found"),
            message_ru,
        )
    }

    /// 403: the key's role does not reach this school or municipality.
    pub fn forbidden(message: &str, message_ru: &str) -> Self {
        ApiError::new(StatusCode::FORBIDDEN, "forbidden", message, message_ru)
    }

    /// 415: a body of a type the endpoint does not read.
    pub fn unsupported_type(expected: &str) -> Self {
        ApiError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_media_type",
            &format!("expected Content-Type {expected}"),
            &format!("ожидается тело с Content-Type {expected}"),
        )
    }

    /// 503: the database did not answer (the request may be repeated).
    pub fn unavailable(message: &str) -> Self {
        ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "storage_unavailable",
            message,
            "хранилище временно недоступно; повторите запрос позже",
        )
    }
}

impl From<&vsoko::Error> for ApiError {
    /// A core error: malformed JSON is 400, an unknown methodology named in the body and
    /// every invalid value 422.
    fn from(e: &vsoko::Error) -> Self {
        let d = vsoko::Diagnostic::from(e);
        let status = match e {
            vsoko::Error::Json { .. }
            | vsoko::Error::EmptyInput { .. }
            | vsoko::Error::InvalidInput { .. } => StatusCode::BAD_REQUEST,
            _ => StatusCode::UNPROCESSABLE_ENTITY,
        };
        ApiError {
            status,
            body: Box::new(ErrorBody::from(d)),
        }
    }
}

impl From<vsoko::Error> for ApiError {
    fn from(e: vsoko::Error) -> Self {
        ApiError::from(&e)
    }
}

impl From<vsoko::Diagnostic> for ErrorBody {
    fn from(d: vsoko::Diagnostic) -> Self {
        ErrorBody {
            code: d.code.to_string(),
            indicator: d.indicator,
            message: d.message,
            message_ru: d.message_ru,
            problems: d
                .problems
                .iter()
                .filter_map(|p| serde_json::to_value(p).ok())
                .collect(),
        }
    }
}

impl From<crate::failure::Failure> for ApiError {
    /// A file-side failure of the readers the CLI shares: the body could not be read as a table.
    fn from(f: crate::failure::Failure) -> Self {
        use crate::failure::Failure;
        let (code, ru) = match f {
            Failure::Core(e) => return ApiError::from(&e),
            Failure::Io { message, .. } | Failure::Write { message, .. } => (
                "unreadable_body",
                format!("тело запроса не прочитано ({message})"),
            ),
            Failure::Output { code, message } => (code, message),
            Failure::Usage(text) => ("invalid_request", text),
            Failure::ClosedPipe => ("invalid_request", String::new()),
        };
        ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            code,
            &format!("the body could not be read ({code})"),
            &ru,
        )
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = serde_json::to_vec(&ErrorAnswer { error: *self.body }).unwrap_or_default();
        let mut response = (self.status, body).into_response();
        response.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        );
        response
    }
}
