//! The decimal policy: how numbers come in, the one rounding rule, and where rounding happens.
//!
//! - Points, maxima and totals are exact [`Decimal`] sums and are **never rounded**.
//! - The only rounded number is a *share* of the maximum (`points / max`), kept to
//!   [`SHARE_DECIMALS`] places with [`ROUNDING`] (half away from zero, as people round by hand;
//!   never `round_dp`, which is banker's rounding).
//! - Input text is parsed exactly (`"2.5"`, `"-0"`, `"1e1"`); a binary float is accepted only
//!   through its shortest decimal text, so `0.1` stays `0.1`.
//! - Output is `normalize()`d, so `"2.50"` and `"2.5"` are written the same way.

use rust_decimal::{Decimal, RoundingStrategy};
use std::str::FromStr;

/// The one rounding strategy of the crate.
pub const ROUNDING: RoundingStrategy = RoundingStrategy::MidpointAwayFromZero;

/// Decimal places kept in a share of the maximum (0.8571 = 85.71 %).
pub const SHARE_DECIMALS: u32 = 4;

/// Parses decimal text exactly. Accepts an optional sign, digits with one `.`, and an
/// exponent (`1e1`); rejects `NaN`, `Infinity`, empty text and anything else, saying why.
///
/// # Errors
/// A reason in plain English when the text is not a finite decimal number.
///
/// ```
/// use vsoko::decimal::parse_decimal;
/// assert_eq!(parse_decimal(" 2.50 ").unwrap().to_string(), "2.50");
/// assert!(parse_decimal("NaN").is_err());
/// assert!(parse_decimal("2,5").is_err());
/// ```
pub fn parse_decimal(text: &str) -> Result<Decimal, String> {
    let t = text.trim();
    if t.is_empty() {
        return Err("empty text is not a number".into());
    }
    let lower = t.to_ascii_lowercase();
    let bare = lower.trim_start_matches(['+', '-']);
    if bare == "nan" {
        return Err(format!("\"{t}\" (NaN) is not a number"));
    }
    if bare.starts_with("inf") {
        return Err(format!("\"{t}\" is infinite, not a number of points"));
    }
    if !t
        .bytes()
        .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'-' | b'+' | b'e' | b'E'))
    {
        return Err(format!(
            "\"{t}\" is not a decimal number (use a point: 2.5)"
        ));
    }
    let parsed = if lower.contains('e') {
        Decimal::from_scientific(t)
    } else {
        Decimal::from_str_exact(t.strip_prefix('+').unwrap_or(t))
    };
    parsed.map_err(|_| format!("\"{t}\" is not a decimal number or has too many digits"))
}

/// Converts a binary float through its shortest decimal text (the text Rust prints for it),
/// so `0.1_f64` becomes exactly `0.1`.
///
/// # Errors
/// A reason when the float is NaN, infinite or too large for a decimal.
///
/// ```
/// use vsoko::decimal::from_f64;
/// assert_eq!(from_f64(0.1).unwrap().to_string(), "0.1");
/// assert!(from_f64(f64::NAN).is_err());
/// ```
pub fn from_f64(value: f64) -> Result<Decimal, String> {
    if value.is_nan() {
        return Err("NaN is not a number".into());
    }
    if value.is_infinite() {
        return Err("an infinite value is not a number of points".into());
    }
    // Whole numbers below 2^53 are exact as integers (the common case of spreadsheet cells).
    if value.fract() == 0.0 && value.abs() < 9_007_199_254_740_992.0 {
        #[expect(
            clippy::cast_possible_truncation,
            reason = "whole and below 2^53, so exact"
        )]
        return Ok(Decimal::from(value as i64));
    }
    // `{}` gives the shortest text that reads back as the same float and never uses an exponent.
    Decimal::from_str(&format!("{value}"))
        .map_err(|_| format!("{value} has too many digits for a decimal"))
}

/// `points / max`, rounded to [`SHARE_DECIMALS`] places with [`ROUNDING`]; `None` when `max` is 0.
///
/// ```
/// use rust_decimal::Decimal;
/// use vsoko::decimal::share;
/// assert_eq!(share(Decimal::from(6), Decimal::from(7)).unwrap().to_string(), "0.8571");
/// assert_eq!(share(Decimal::ONE, Decimal::ZERO), None);
/// ```
pub fn share(points: Decimal, max: Decimal) -> Option<Decimal> {
    if max.is_zero() {
        return None;
    }
    points.checked_div(max).map(|s| {
        s.round_dp_with_strategy(SHARE_DECIMALS, ROUNDING)
            .normalize()
    })
}

/// `points / max` as a percentage with one decimal, rounded once from the exact ratio with
/// [`ROUNDING`] (not from the 4-place share, which would round twice); `None` when `max` is 0.
///
/// ```
/// use rust_decimal::Decimal;
/// use vsoko::decimal::percent;
/// // 17.5 / 22 = 79.5454…% -> 79.5 (rounding the share 0.7955 first would give 79.6)
/// assert_eq!(percent(Decimal::new(175, 1), Decimal::from(22)).unwrap().to_string(), "79.5");
/// ```
pub fn percent(points: Decimal, max: Decimal) -> Option<Decimal> {
    if max.is_zero() {
        return None;
    }
    (points * Decimal::ONE_HUNDRED)
        .checked_div(max)
        .map(|p| p.round_dp_with_strategy(1, ROUNDING))
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn parses_forms_people_write() {
        assert_eq!(parse_decimal("3"), Ok(dec!(3)));
        assert_eq!(parse_decimal("+2.5"), Ok(dec!(2.5)));
        assert_eq!(parse_decimal("-0.5"), Ok(dec!(-0.5)));
        assert_eq!(parse_decimal("1e1"), Ok(dec!(10)));
        assert_eq!(parse_decimal(".5"), Ok(dec!(0.5)));
    }

    #[test]
    fn rejects_non_numbers() {
        for bad in [
            "", " ", "NaN", "-nan", "Infinity", "-inf", "2,5", "abc", "1..2", "--1", "0x10",
        ] {
            assert!(parse_decimal(bad).is_err(), "{bad:?} was accepted");
        }
        assert!(parse_decimal("1e40").is_err());
    }

    #[test]
    fn floats_keep_their_shortest_text() {
        assert_eq!(from_f64(0.1), Ok(dec!(0.1)));
        assert_eq!(from_f64(2.5), Ok(dec!(2.5)));
        assert_eq!(from_f64(3.0), Ok(dec!(3)));
        assert_eq!(from_f64(-0.0), Ok(dec!(0)));
        assert_eq!(
            from_f64(9_007_199_254_740_993.0),
            Ok(dec!(9007199254740992))
        );
        assert_eq!(from_f64(0.1 + 0.2), Ok(dec!(0.30000000000000004)));
        assert!(from_f64(f64::INFINITY).is_err());
        assert!(from_f64(1e300).is_err());
    }

    #[test]
    fn share_rounds_half_away_from_zero() {
        // 1/8 = 0.125 -> 4 places exact; 1/16 = 0.0625 exact; 0.00005 boundary:
        assert_eq!(share(dec!(1), dec!(20000)), Some(dec!(0.0001)));
        assert_eq!(share(dec!(1), dec!(3)), Some(dec!(0.3333)));
        assert_eq!(share(dec!(2), dec!(3)), Some(dec!(0.6667)));
        assert_eq!(share(dec!(143), dec!(143)), Some(dec!(1)));
    }
}
