//! One serialisable shape for every error and problem the core reports, so every front end
//! writes the same keys: `code`, `indicator`, `message` (English), `message_ru` (Russian) and,
//! for a methodology, `problems` (each with `code`, `path`, `message`, `message_ru`). Python and
//! JS serialize it as it is; neither builds its own.

use crate::error::Error;
use crate::methodology::Problem;
use serde::Serialize;

/// An error as data for a program or a form.
///
/// ```
/// let m = vsoko::Methodology::builtin("index-2023").unwrap();
/// let values = vsoko::Values::from_json(r#"{"1.1.1": 4}"#).unwrap();
/// let e = m.score(&values, vsoko::Options::default()).unwrap_err();
/// let d = vsoko::Diagnostic::from(&e);
/// let json = serde_json::to_value(&d).unwrap();
/// assert_eq!(json["code"], "value_out_of_range");
/// assert_eq!(json["indicator"], "1.1.1");
/// assert!(json["message_ru"].as_str().unwrap().contains("от 0 до 3"));
/// assert!(json.get("problems").is_none());
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Diagnostic {
    /// Stable snake_case code.
    pub code: &'static str,
    /// The indicator or input concerned, if any.
    pub indicator: Option<String>,
    /// For logs, in English.
    pub message: String,
    /// For people, in Russian.
    pub message_ru: String,
    /// Every problem of an invalid methodology (left out when empty).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub problems: Vec<Problem>,
}

impl From<&Error> for Diagnostic {
    fn from(e: &Error) -> Self {
        Diagnostic {
            code: e.code(),
            indicator: e.indicator().map(ToString::to_string),
            message: e.to_string(),
            message_ru: e.message_ru(),
            problems: match e {
                Error::InvalidMethodology { problems } => problems.clone(),
                _ => Vec::new(),
            },
        }
    }
}
