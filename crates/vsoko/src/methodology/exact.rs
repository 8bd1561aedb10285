//! Decimals of a methodology read from JSON exactly: decimal strings, or numbers from their
//! own digits (never through a binary float); a number a decimal cannot hold is an error.

use rust_decimal::Decimal;
use serde::de::{Deserialize, Deserializer, Error};
use serde_json::value::RawValue;

pub(crate) fn decimal<'de, D: Deserializer<'de>>(d: D) -> Result<Decimal, D::Error> {
    let raw = Box::<RawValue>::deserialize(d)?;
    crate::input::decimal_from_json_text(raw.get()).map_err(D::Error::custom)
}

pub(crate) fn option<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Decimal>, D::Error> {
    let raw = Option::<Box<RawValue>>::deserialize(d)?;
    raw.map(|r| crate::input::decimal_from_json_text(r.get()).map_err(D::Error::custom))
        .transpose()
}
