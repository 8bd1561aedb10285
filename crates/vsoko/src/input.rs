//! What a school gives: indicator values, and the input document that wraps them.
//!
//! A value is a decimal number of points, `"n/a"` (not applicable), or nothing (missing).
//! JSON numbers and decimal strings are both accepted; a key given twice is kept, not
//! silently dropped, so scoring can report it (serde_json alone would keep the last one).

use crate::decimal::{from_f64, parse_decimal};
use crate::entries::Entries;
use crate::error::{Error, InputKind, Result};
use crate::reason::{InputReason, Location, ValueReason};
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
    /// Yes or no (`true`/`false`, `да`/`нет`, `yes`/`no`): 1 or 0 for a yes/no input, an
    /// error anywhere else.
    YesNo(bool),
}

impl Value {
    /// Reads a value written as text: a decimal (`"2.5"`), `"n/a"` (also `"N/A"`, `"н/п"`),
    /// or empty text for missing.
    ///
    /// # Errors
    /// A [`ValueReason`] when the text is none of these (`"NaN"`, `"2,5"`, `"abc"`).
    ///
    /// ```
    /// use vsoko::Value;
    /// assert_eq!(Value::parse("n/a"), Ok(Value::NotApplicable));
    /// assert_eq!(Value::parse(""), Ok(Value::Missing));
    /// assert_eq!(Value::parse("2.5").unwrap().to_string(), "2.5");
    /// ```
    pub fn parse(text: &str) -> Result<Value, ValueReason> {
        let t = text.trim();
        if t.is_empty() {
            return Ok(Value::Missing);
        }
        if is_not_applicable(t) {
            return Ok(Value::NotApplicable);
        }
        if let Some(b) = yes_no(t) {
            return Ok(Value::YesNo(b));
        }
        parse_decimal(t).map(Value::Points)
    }
}

/// Whether text spells yes or no: `да`/`нет`, `yes`/`no`, `true`/`false`, in any letter case.
///
/// ```
/// assert_eq!(vsoko::input::yes_no("Да"), Some(true));
/// assert_eq!(vsoko::input::yes_no("NO"), Some(false));
/// assert_eq!(vsoko::input::yes_no("1"), None);
/// ```
pub fn yes_no(text: &str) -> Option<bool> {
    let t = text.trim();
    if t.len() > 6 {
        return None;
    }
    let lower = t.to_lowercase();
    match lower.as_str() {
        "да" | "yes" | "true" => Some(true),
        "нет" | "no" | "false" => Some(false),
        _ => None,
    }
}

/// Whether text spells "not applicable": `n/a` or `н/п`, in any letter case.
///
/// ```
/// assert!(vsoko::input::is_not_applicable("Н/п"));
/// assert!(vsoko::input::is_not_applicable(" N/A "));
/// assert!(!vsoko::input::is_not_applicable("н/д"));
/// ```
pub fn is_not_applicable(text: &str) -> bool {
    let t = text.trim();
    if t.eq_ignore_ascii_case("n/a") {
        return true;
    }
    let mut chars = t.chars().flat_map(char::to_lowercase);
    chars.next() == Some('н')
        && chars.next() == Some('/')
        && chars.next() == Some('п')
        && chars.next().is_none()
}

/// Reads one JSON value from its text exactly: a number from its digits (never through a
/// binary float), a string as [`Value::parse`] reads it, `null` as missing.
fn value_from_json_text(text: &str) -> Result<Value, ValueReason> {
    let t = text.trim();
    match t.as_bytes().first() {
        Some(b'"') => match serde_json::from_str::<String>(t) {
            Ok(s) => Value::parse(&s),
            Err(_) => Err(ValueReason::NotANumber {
                text: t.to_string(),
            }),
        },
        Some(b'n') => Ok(Value::Missing),
        Some(b't') => Ok(Value::YesNo(true)),
        Some(b'f') => Ok(Value::YesNo(false)),
        Some(b'[') => Err(ValueReason::List),
        Some(b'{') => Err(ValueReason::Object),
        _ => parse_decimal(t).map(Value::Points),
    }
}

/// A decimal read from JSON text exactly: a decimal string or a number's own digits.
pub(crate) fn decimal_from_json_text(text: &str) -> Result<Decimal, ValueReason> {
    match value_from_json_text(text)? {
        Value::Points(d) => Ok(d),
        Value::NotApplicable => Err(ValueReason::NotANumber { text: "n/a".into() }),
        Value::Missing => Err(ValueReason::NotANumber {
            text: String::new(),
        }),
        Value::YesNo(b) => Err(ValueReason::YesNo(b)),
    }
}

/// Values read from JSON text: each value's own text, so numbers keep every digit.
type JsonValues = Entries<Box<serde_json::value::RawValue>>;

fn json_values(entries: JsonValues) -> RawValues {
    RawValues(
        entries
            .0
            .into_iter()
            .map(|(id, raw)| {
                let v = value_from_json_text(raw.get());
                (id, v)
            })
            .collect(),
    )
}

/// The text of a JSON document with a UTF-8 byte-order mark removed (Windows editors write one).
pub(crate) fn strip_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Points(p) => write!(f, "{p}"),
            Value::NotApplicable => f.write_str("n/a"),
            Value::Missing => Ok(()),
            Value::YesNo(b) => f.write_str(if *b { "yes" } else { "no" }),
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
        let text = strip_bom(text);
        if text.trim().is_empty() {
            return Err(Error::EmptyInput {
                what: InputKind::Values,
            });
        }
        let raw: JsonValues = serde_json::from_str(text).map_err(input_error)?;
        json_values(raw).into_values()
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
                Value::YesNo(b) => map.serialize_entry(k, b)?,
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
    /// Reads an input document from any serde deserializer, with the rules of
    /// [`ScoreInput::from_json`] (see [`Values::deserialize_checked`]).
    ///
    /// # Errors
    /// `D::Error` for a wrong document shape.
    pub fn deserialize_checked<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<Result<ScoreInput>, D::Error> {
        let raw = RawInput::<RawValues>::deserialize(d)?;
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
            values: json_values(raw.values).into_values()?,
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

/// Values as read, each with its own parse outcome, duplicates kept.
struct RawValues(Vec<(String, Result<Value, ValueReason>)>);

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
struct RawValue(Result<Value, ValueReason>);

impl<'de> Deserialize<'de> for RawValue {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(RawValueVisitor).map(RawValue)
    }
}

struct RawValueVisitor;

impl<'de> Visitor<'de> for RawValueVisitor {
    type Value = Result<Value, ValueReason>;

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
        Ok(Ok(Value::YesNo(v)))
    }
    fn visit_bytes<E: de::Error>(self, _: &[u8]) -> Result<Self::Value, E> {
        Ok(Err(ValueReason::WrongType {
            found: "a byte string".into(),
        }))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(Ok(Value::Missing))
    }
    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(Ok(Value::Missing))
    }
    fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Err(ValueReason::List))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(Err(ValueReason::Object))
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
    fn json_numbers_are_read_from_their_digits() {
        let v = Values::from_json(
            r#"{"a": 3.00000000000000001, "b": 2.00000000000000001, "c": 1e-28, "d": -0, "e": 25E-1}"#,
        )
        .unwrap();
        let got: Vec<_> = v.iter().map(|(_, v)| v.to_string()).collect();
        assert_eq!(
            got,
            [
                "3.00000000000000001",
                "2.00000000000000001",
                "0.0000000000000000000000000001",
                "0",
                "2.5"
            ]
        );
        for text in [
            r#"{"a": 1e-31}"#,
            r#"{"a": 1e30}"#,
            r#"{"a": 0.12345678901234567890123456789}"#,
        ] {
            let e = Values::from_json(text).unwrap_err();
            assert_eq!(
                (e.code(), e.indicator()),
                ("invalid_value", Some("a")),
                "{text}"
            );
        }
        let doc = ScoreInput::from_json(r#"{"values": {"1.1.1": 3.00000000000000001}}"#).unwrap();
        let m = crate::Methodology::builtin("index-2023").unwrap();
        let e = m.score(&doc.values, crate::Options::default()).unwrap_err();
        assert_eq!(e.code(), "value_out_of_range");
    }

    #[test]
    fn a_byte_order_mark_is_not_an_error() {
        assert!(ScoreInput::from_json("\u{feff}{\"values\": {}}").is_ok());
        assert!(Values::from_json("\u{feff}{}").is_ok());
        assert_eq!(
            ScoreInput::from_json("\u{feff}").unwrap_err(),
            Error::EmptyInput {
                what: InputKind::Document
            }
        );
    }

    #[test]
    fn not_applicable_in_any_case() {
        for t in ["н/п", "Н/П", "Н/п", "н/П", "n/a", "N/a"] {
            assert_eq!(Value::parse(t), Ok(Value::NotApplicable), "{t}");
        }
    }

    #[test]
    fn wrong_types_name_the_indicator() {
        // Yes/no reads as a value; scoring rejects it for an indicator given in points.
        let yes = Values::from_json(r#"{"1.1.1": true}"#).unwrap();
        let m = crate::Methodology::builtin("index-2023").unwrap();
        let err = m.score(&yes, crate::Options::default()).unwrap_err();
        assert_eq!(
            (err.code(), err.indicator()),
            ("invalid_value", Some("1.1.1"))
        );
        for (text, id) in [
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
            ("\u{feff}", "empty_input"),
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
