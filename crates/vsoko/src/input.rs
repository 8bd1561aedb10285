//! What a school gives: indicator values, and the input document that wraps them.
//!
//! A value is a decimal number of points, `"n/a"` (not applicable), or nothing (missing).
//! JSON numbers and decimal strings are both accepted; a key given twice is kept, not
//! silently dropped, so scoring can report it (serde_json alone would keep the last one).

use crate::decimal::{from_f64, parse_decimal};
use crate::error::{Error, Result};
use rust_decimal::Decimal;
use serde::de::{self, Deserializer, IgnoredAny, MapAccess, Visitor};
use serde::{Deserialize, Serialize};
use std::fmt;

/// One indicator's value as given by a school.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Value {
    /// Points (checked against the cap when scored).
    Points(Decimal),
    /// `"n/a"`: the indicator does not apply; it leaves the maximum.
    NotApplicable,
    /// Explicitly empty (`null`, `""`): counts as missing.
    Missing,
}

impl Value {
    /// Reads a value written as text: a decimal (`"2.5"`), `"n/a"` (also `"N/A"`, `"н/п"`),
    /// or empty text for missing.
    ///
    /// # Errors
    /// A reason in English when the text is none of these (`"NaN"`, `"2,5"`, `"abc"`).
    ///
    /// ```
    /// use vsoko::Value;
    /// assert_eq!(Value::parse("n/a"), Ok(Value::NotApplicable));
    /// assert_eq!(Value::parse(""), Ok(Value::Missing));
    /// assert_eq!(Value::parse("2.5").unwrap().to_string(), "2.5");
    /// ```
    pub fn parse(text: &str) -> Result<Value, String> {
        let t = text.trim();
        if t.is_empty() {
            return Ok(Value::Missing);
        }
        if is_not_applicable(t) {
            return Ok(Value::NotApplicable);
        }
        parse_decimal(t).map(Value::Points)
    }
}

/// Whether text spells "not applicable": `n/a` in any case, or `н/п`.
pub fn is_not_applicable(text: &str) -> bool {
    let t = text.trim();
    t.eq_ignore_ascii_case("n/a") || t == "н/п" || t == "Н/П"
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Points(p) => write!(f, "{p}"),
            Value::NotApplicable => f.write_str("n/a"),
            Value::Missing => Ok(()),
        }
    }
}

impl From<Decimal> for Value {
    fn from(d: Decimal) -> Self {
        Value::Points(d)
    }
}

impl From<u32> for Value {
    fn from(n: u32) -> Self {
        Value::Points(Decimal::from(n))
    }
}

/// Indicator values in the order given. Repeated ids are kept so that scoring reports them.
///
/// ```
/// use vsoko::{Value, Values};
/// let mut v = Values::new();
/// v.push("1.1.1", 3u32);
/// v.push("2.1.1", Value::NotApplicable);
/// assert_eq!(v.len(), 2);
/// let parsed = Values::from_json(r#"{"1.1.1": 3, "2.1.1": "n/a"}"#).unwrap();
/// assert_eq!(parsed, v);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Values {
    entries: Vec<(String, Value)>,
}

impl Values {
    /// No values.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a value (a repeated id is kept and reported when scored).
    pub fn push(&mut self, id: impl Into<String>, value: impl Into<Value>) {
        self.entries.push((id.into(), value.into()));
    }

    /// The values in the order given.
    pub fn iter(&self) -> impl Iterator<Item = (&str, Value)> {
        self.entries.iter().map(|(k, v)| (k.as_str(), *v))
    }

    /// How many values were given.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether no value was given.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Reads a bare JSON object of values: `{"1.1.1": 3, "1.1.2": "2.5", "2.1.1": "n/a"}`.
    ///
    /// # Errors
    /// [`Error::EmptyInput`], [`Error::Json`], [`Error::InvalidInput`] when it is not an
    /// object, [`Error::InvalidValue`] naming the indicator whose value is not a number.
    pub fn from_json(text: &str) -> Result<Values> {
        if text.trim().is_empty() {
            return Err(Error::EmptyInput);
        }
        let raw: RawValues = serde_json::from_str(text).map_err(input_error)?;
        raw.into_values()
    }
}

impl Values {
    /// Reads values from any serde deserializer (a JS object through serde-wasm-bindgen, say),
    /// with the same rules as [`Values::from_json`]: the outer `Err` is the deserializer's own
    /// (the input is not an object), the inner one a value that is not a number, naming it.
    ///
    /// # Errors
    /// `D::Error` when the input is not a map.
    pub fn deserialize_checked<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<Result<Values>, D::Error> {
        RawValues::deserialize(d).map(RawValues::into_values)
    }
}

impl<K: Into<String>, V: Into<Value>> FromIterator<(K, V)> for Values {
    fn from_iter<T: IntoIterator<Item = (K, V)>>(iter: T) -> Self {
        Values {
            entries: iter
                .into_iter()
                .map(|(k, v)| (k.into(), v.into()))
                .collect(),
        }
    }
}

impl Serialize for Values {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = s.serialize_map(Some(self.entries.len()))?;
        for (k, v) in &self.entries {
            match v {
                Value::Points(p) => map.serialize_entry(k, p)?,
                Value::NotApplicable => map.serialize_entry(k, "n/a")?,
                Value::Missing => map.serialize_entry(k, &())?,
            }
        }
        map.end()
    }
}

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
#[serde(deny_unknown_fields)]
struct RawInput {
    #[serde(default)]
    methodology: Option<String>,
    #[serde(default)]
    school: Option<String>,
    #[serde(default)]
    period: Option<String>,
    values: RawValues,
}

impl ScoreInput {
    /// Reads an input document from any serde deserializer, with the rules of
    /// [`ScoreInput::from_json`] (see [`Values::deserialize_checked`]).
    ///
    /// # Errors
    /// `D::Error` for a wrong document shape.
    pub fn deserialize_checked<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<Result<ScoreInput>, D::Error> {
        let raw = RawInput::deserialize(d)?;
        Ok(raw.values.into_values().map(|values| ScoreInput {
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
        if text.trim().is_empty() {
            return Err(Error::EmptyInput);
        }
        let raw: RawInput = serde_json::from_str(text).map_err(input_error)?;
        Ok(ScoreInput {
            methodology: raw.methodology,
            school: raw.school,
            period: raw.period,
            values: raw.values.into_values()?,
        })
    }
}

/// Malformed JSON keeps its position; a wrong shape becomes `invalid_input` at that position.
pub(crate) fn input_error(e: serde_json::Error) -> Error {
    if e.is_data() {
        let position = format!("line {} column {}", e.line(), e.column());
        let message = Error::from(e);
        let reason = match message {
            Error::Json { message, .. } => message,
            other => other.to_string(),
        };
        Error::InvalidInput {
            field: position,
            reason,
        }
    } else {
        Error::from(e)
    }
}

/// Values as read, each with its own parse outcome, duplicates kept.
struct RawValues(Vec<(String, Result<Value, String>)>);

impl RawValues {
    fn into_values(self) -> Result<Values> {
        let mut entries = Vec::with_capacity(self.0.len());
        for (id, v) in self.0 {
            match v {
                Ok(v) => entries.push((id, v)),
                Err(reason) => return Err(Error::InvalidValue { id, reason }),
            }
        }
        Ok(Values { entries })
    }
}

impl<'de> Deserialize<'de> for RawValues {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_map(RawValuesVisitor)
    }
}

struct RawValuesVisitor;

impl<'de> Visitor<'de> for RawValuesVisitor {
    type Value = RawValues;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an object mapping indicator ids to points or \"n/a\"")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawValues, A::Error> {
        let mut out = Vec::with_capacity(map.size_hint().unwrap_or(0).min(256));
        while let Some(key) = map.next_key::<String>()? {
            let value = map.next_value::<RawValue>()?;
            out.push((key, value.0));
        }
        Ok(RawValues(out))
    }
}

/// One value with its parse outcome; a wrong type is an outcome, not a parse failure.
struct RawValue(Result<Value, String>);

impl<'de> Deserialize<'de> for RawValue {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(RawValueVisitor).map(RawValue)
    }
}

struct RawValueVisitor;

impl<'de> Visitor<'de> for RawValueVisitor {
    type Value = Result<Value, String>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a number of points, a decimal string or \"n/a\"")
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        Ok(Ok(Value::Points(Decimal::from(v))))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        Ok(Ok(Value::Points(Decimal::from(v))))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        Ok(from_f64(v).map(Value::Points))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Value::parse(v))
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
        Ok(Err(format!(
            "{v} is a yes/no value, not a number of points"
        )))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(Ok(Value::Missing))
    }
    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(Ok(Value::Missing))
    }
    fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Err("a list is not a number of points".into()))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(Err("an object is not a number of points".into()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn keeps_duplicates_for_scoring_to_report() {
        let v = Values::from_json(r#"{"1.1.1": 1, "1.1.1": 2}"#).unwrap();
        assert_eq!(v.len(), 2);
    }

    #[test]
    fn numbers_and_strings_are_exact() {
        let v =
            Values::from_json(r#"{"a": 0.1, "b": "0.2", "c": 3, "d": null, "e": "N/A"}"#).unwrap();
        let got: Vec<_> = v.iter().map(|(_, v)| v).collect();
        assert_eq!(
            got,
            [
                Value::Points(dec!(0.1)),
                Value::Points(dec!(0.2)),
                Value::Points(dec!(3)),
                Value::Missing,
                Value::NotApplicable
            ]
        );
    }

    #[test]
    fn wrong_types_name_the_indicator() {
        for (text, id) in [
            (r#"{"1.1.1": true}"#, "1.1.1"),
            (r#"{"1.1.2": [1]}"#, "1.1.2"),
            (r#"{"1.1.3": {"x": 1}}"#, "1.1.3"),
            (r#"{"1.1.4": "NaN"}"#, "1.1.4"),
            (r#"{"1.1.5": "Infinity"}"#, "1.1.5"),
        ] {
            let err = Values::from_json(text).unwrap_err();
            assert_eq!(err.code(), "invalid_value", "{text}");
            assert_eq!(err.indicator(), Some(id));
        }
    }

    #[test]
    fn document_shape_errors() {
        let cases = [
            ("", "empty_input"),
            ("  \n", "empty_input"),
            ("{", "invalid_json"),
            ("[1, 2]", "invalid_input"),
            (r#"{"valeus": {}}"#, "invalid_input"),
            (r#"{"values": [1]}"#, "invalid_input"),
            (r#"{"values": {}, "values": {}}"#, "invalid_input"),
            (r#"{"methodology": 5, "values": {}}"#, "invalid_input"),
        ];
        for (text, code) in cases {
            assert_eq!(
                ScoreInput::from_json(text).unwrap_err().code(),
                code,
                "{text}"
            );
        }
    }

    #[test]
    fn json_errors_carry_line_and_column() {
        match ScoreInput::from_json("{\n \"values\": {\"1.1.1\": 3,}\n}") {
            Err(Error::Json { line, .. }) => assert_eq!(line, 2),
            other => panic!("unexpected {other:?}"),
        }
    }
}
