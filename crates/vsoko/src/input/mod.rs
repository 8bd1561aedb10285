//! What a school gives: indicator values, and the input document that wraps them.
//!
//! A value is a decimal number of points, `"n/a"` (not applicable), or nothing (missing).
//! JSON numbers and decimal strings are both accepted; a key given twice is kept, not
//! silently dropped, so scoring can report it (serde_json alone would keep the last one).

mod document;
mod values;

pub use document::ScoreInput;
pub(crate) use document::input_error;
pub use values::Values;

use crate::decimal::parse_decimal;
use crate::reason::ValueReason;
use rust_decimal::Decimal;
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
    // Numbers are most cells: reject them before comparing words (no allocation either way).
    if t.len() > 6
        || t.bytes()
            .next()
            .is_none_or(|b| b.is_ascii_digit() || b == b'-' || b == b'.')
    {
        return None;
    }
    let is = |word: &str| is_word(t, word);
    if is("да") || t.eq_ignore_ascii_case("yes") || t.eq_ignore_ascii_case("true") {
        Some(true)
    } else if is("нет") || t.eq_ignore_ascii_case("no") || t.eq_ignore_ascii_case("false") {
        Some(false)
    } else {
        None
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
    // Most cells are numbers: `n/a` and `н/п` are 3 to 5 bytes and start with a letter.
    if !(3..=5).contains(&t.len()) || t.bytes().next().is_none_or(|b| b.is_ascii_digit()) {
        return false;
    }
    if t.eq_ignore_ascii_case("n/a") {
        return true;
    }
    is_word(t, "н/п")
}

/// Whether `text` is `word` (small Cyrillic letters and signs) in any letter case. A capital
/// Cyrillic letter А–Я matches its small letter, and no other character lowercases to a small
/// Cyrillic letter, so this is what Unicode lowercasing answers here, without its case tables
/// (12 KB of a WASM module).
fn is_word(text: &str, word: &str) -> bool {
    text.chars().map(small_cyrillic).eq(word.chars())
}

/// A capital Cyrillic letter А–Я as its small letter; any other character as it is.
fn small_cyrillic(c: char) -> char {
    match c {
        'А'..='Я' => char::from_u32(u32::from(c) + 0x20).unwrap_or(c),
        _ => c,
    }
}

/// Reads one JSON value from its text exactly: a number from its digits (never through a
/// binary float), a string as [`Value::parse`] reads it, `null` as missing.
pub(crate) fn value_from_json_text(text: &str) -> Result<Value, ValueReason> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::{Error, InputKind};
    use rust_decimal_macros::dec;

    #[test]
    fn words_match_as_unicode_lowercasing_would() {
        // Every character against every letter of the words: `is_word` takes it for the
        // letter exactly when Unicode lowercases it to that letter alone.
        let letters: Vec<char> = "данетп/".chars().collect();
        for c in (0..=0x10_FFFF).filter_map(char::from_u32) {
            let mut lower = c.to_lowercase();
            let unicode = lower.next().filter(|_| lower.next().is_none());
            for &b in &letters {
                assert_eq!(small_cyrillic(c) == b, unicode == Some(b), "{c:?} {b:?}");
            }
        }
        for (text, yes) in [
            ("ДА", Some(true)),
            ("Нет", Some(false)),
            ("нЕт", Some(false)),
        ] {
            assert_eq!(yes_no(text), yes, "{text}");
        }
        assert!(
            is_not_applicable("Н/П") && is_not_applicable(" н/П ") && !is_not_applicable("Н/Д")
        );
        assert_eq!(yes_no("даа"), None);
    }

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
        let m = crate::methodology::Methodology::builtin("index-2023").unwrap();
        let e = m
            .score(&doc.values, crate::scoring::Options::default())
            .unwrap_err();
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
        let m = crate::methodology::Methodology::builtin("index-2023").unwrap();
        let err = m
            .score(&yes, crate::scoring::Options::default())
            .unwrap_err();
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
