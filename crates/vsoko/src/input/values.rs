//! Values as given: in order, a repeated id kept so scoring can report it; read from JSON text
//! (each value from its own digits) or from any serde deserializer.

use super::{Value, input_error, strip_bom, value_from_json_text};
use crate::decimal::from_f64;
use crate::entries::Entries;
use crate::error::{Error, InputKind, Result};
use crate::reason::ValueReason;
use rust_decimal::Decimal;
use serde::de::{self, Deserializer, IgnoredAny, MapAccess, Visitor};
use serde::{Deserialize, Serialize};
use std::fmt;

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
        into_values(json_values(raw))
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
        RawValues::deserialize(d).map(into_values)
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

/// Values read from JSON text: each value's own text, so numbers keep every digit.
pub(super) type JsonValues = Entries<Box<serde_json::value::RawValue>>;

/// Values as read, each with its own parse outcome, duplicates kept.
pub(super) type RawValues = Entries<RawValue>;

pub(super) fn json_values(entries: JsonValues) -> RawValues {
    Entries(
        entries
            .0
            .into_iter()
            .map(|(id, raw)| (id, RawValue(value_from_json_text(raw.get()))))
            .collect(),
    )
}

/// The values, or the first one that is not a value (naming its id).
pub(super) fn into_values(raw: RawValues) -> Result<Values> {
    let mut entries = Vec::with_capacity(raw.0.len());
    for (id, v) in raw.0 {
        match v.0 {
            Ok(v) => entries.push((id, v)),
            Err(reason) => return Err(Error::InvalidValue { id, reason }),
        }
    }
    Ok(Values { entries })
}

/// One value with its parse outcome; a wrong type is an outcome, not a parse failure.
pub(super) struct RawValue(Result<Value, ValueReason>);

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
