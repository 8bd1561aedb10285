//! The input document: `{"methodology", "school", "period", "values"}`.

use super::strip_bom;
use super::values::{JsonValues, RawValues, Values, into_values, json_values};
use crate::error::{Error, InputKind, Result};
use crate::reason::{InputReason, Location};
use serde::Deserializer;
use serde::{Deserialize, Serialize};

/// The input document: `{"methodology": "index-2023", "school": "...", "period": "...",
/// "values": {...}}`; only `values` is required.
///
/// ```
/// let input = vsoko::ScoreInput::from_json(r#"{"school": "Школа № 1", "values": {"1.1.1": "2.5"}}"#).unwrap();
/// assert_eq!(input.school.as_deref(), Some("Школа № 1"));
/// assert_eq!(input.methodology, None);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ScoreInput {
    /// Methodology name; a caller's explicit choice wins over it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub methodology: Option<String>,
    /// The school's name, carried into the report.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub school: Option<String>,
    /// The period, carried into the report.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub period: Option<String>,
    /// The indicator values.
    pub values: Values,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename = "input document")]
struct RawInput<V> {
    #[serde(default)]
    methodology: Option<String>,
    #[serde(default)]
    school: Option<String>,
    #[serde(default)]
    period: Option<String>,
    values: V,
}

impl ScoreInput {
    /// The fields of an input document; any other is `unknown_field`.
    pub const FIELDS: [&'static str; 4] = ["methodology", "school", "period", "values"];

    /// Reads an input document from any serde deserializer, with the rules of
    /// [`ScoreInput::from_json`] (see [`Values::deserialize_checked`]).
    ///
    /// # Errors
    /// `D::Error` for a wrong document shape.
    pub fn deserialize_checked<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<Result<ScoreInput>, D::Error> {
        let raw = RawInput::<RawValues>::deserialize(d)?;
        Ok(into_values(raw.values).map(|values| ScoreInput {
            methodology: raw.methodology,
            school: raw.school,
            period: raw.period,
            values,
        }))
    }

    /// Reads an input document.
    ///
    /// # Errors
    /// [`Error::EmptyInput`]; [`Error::Json`] with line and column for malformed JSON;
    /// [`Error::InvalidInput`] for a wrong shape (unknown field, `values` not an object);
    /// [`Error::InvalidValue`] naming the indicator whose value is not a number.
    pub fn from_json(text: &str) -> Result<ScoreInput> {
        let text = strip_bom(text);
        if text.trim().is_empty() {
            return Err(Error::EmptyInput {
                what: InputKind::Document,
            });
        }
        let raw: RawInput<JsonValues> = serde_json::from_str(text).map_err(input_error)?;
        Ok(ScoreInput {
            methodology: raw.methodology,
            school: raw.school,
            period: raw.period,
            values: into_values(json_values(raw.values))?,
        })
    }
}

/// Malformed JSON keeps its position; a wrong shape becomes `invalid_input` at that position.
pub(crate) fn input_error(e: serde_json::Error) -> Error {
    if e.is_data() {
        let at = Location::Json {
            line: e.line(),
            column: e.column(),
        };
        let detail = match Error::from(e) {
            Error::Json { message, .. } => message,
            other => other.to_string(),
        };
        let reason = match unknown_field(&detail) {
            Some(name) => InputReason::UnknownField { name },
            None => InputReason::Shape { detail },
        };
        Error::InvalidInput { at, reason }
    } else {
        Error::from(e)
    }
}

/// The field name in serde's "unknown field `x`, expected …" message.
fn unknown_field(detail: &str) -> Option<String> {
    let rest = detail.strip_prefix("unknown field `")?;
    rest.split_once('`').map(|(name, _)| name.to_string())
}
