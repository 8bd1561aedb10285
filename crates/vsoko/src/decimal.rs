//! The decimal policy: how numbers come in, the one rounding rule, and where rounding happens.
//!
//! - Points, maxima and totals are exact [`Decimal`] sums and are **never rounded**.
//! - The only rounded number is a *share* of the maximum (`points / max`), kept to
//!   [`SHARE_DECIMALS`] places with [`ROUNDING`] (half away from zero, as people round by hand;
//!   never `round_dp`, which is banker's rounding).
//! - Input text is parsed exactly (`"2.5"`, `"-0"`, `"1e1"`); a binary float is accepted only
//!   through its shortest decimal text, so `0.1` stays `0.1`.
//! - Output is `normalize()`d, so `"2.50"` and `"2.5"` are written the same way.

use crate::reason::ValueReason;
use rust_decimal::{Decimal, RoundingStrategy};

/// The one rounding strategy of the crate.
pub const ROUNDING: RoundingStrategy = RoundingStrategy::MidpointAwayFromZero;

/// Decimal places kept in a share of the maximum (0.8571 = 85.71 %).
pub const SHARE_DECIMALS: u32 = 4;

/// Parses decimal text exactly. Accepts an optional sign, digits with one `.`, and an
/// exponent (`1e1`); rejects `NaN`, `Infinity`, empty text and anything else, saying why.
/// A number a decimal cannot hold exactly (more than 28 places, or too large) is rejected,
/// never rounded.
///
/// # Errors
/// A [`ValueReason`] when the text is not a finite decimal number held exactly.
///
/// ```
/// use vsoko::decimal::parse_decimal;
/// assert_eq!(parse_decimal(" 2.50 ").unwrap().to_string(), "2.50");
/// assert_eq!(parse_decimal("25e-1").unwrap().to_string(), "2.5");
/// assert!(parse_decimal("NaN").is_err());
/// assert!(parse_decimal("2,5").is_err());
/// assert!(parse_decimal("1e-31").is_err());
/// ```
pub fn parse_decimal(text: &str) -> Result<Decimal, ValueReason> {
    let t = text.trim();
    if let Some(d) = plain(t) {
        return Ok(d);
    }
    if t.is_empty() {
        return Err(ValueReason::NotANumber {
            text: String::new(),
        });
    }
    let lower = t.to_ascii_lowercase();
    let bare = lower.trim_start_matches(['+', '-']);
    if bare == "nan" {
        return Err(ValueReason::NotANumberNan);
    }
    if bare.starts_with("inf") {
        return Err(ValueReason::Infinite);
    }
    let not_a_number = || ValueReason::NotANumber {
        text: t.to_string(),
    };
    if !t
        .bytes()
        .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'-' | b'+' | b'e' | b'E'))
    {
        return Err(not_a_number());
    }
    let (mantissa, exponent) = match lower.split_once('e') {
        Some((m, e)) => (m, Some(e)),
        None => (lower.as_str(), None),
    };
    let digits = mantissa.strip_prefix(['+', '-']).unwrap_or(mantissa);
    if digits.is_empty()
        || digits == "."
        || digits.contains(['+', '-'])
        || digits.matches('.').count() > 1
    {
        return Err(not_a_number());
    }
    let not_exact = || ValueReason::NotExact {
        text: t.to_string(),
    };
    let unsigned = mantissa.strip_prefix('+').unwrap_or(mantissa);
    let digits_value = Decimal::from_str_exact(unsigned).map_err(|_| not_exact())?;
    let Some(exponent) = exponent else {
        return Ok(digits_value);
    };
    let exp: i64 = exponent.parse().map_err(|_| not_a_number())?;
    scale_by_power_of_ten(digits_value, exp).ok_or_else(not_exact)
}

/// The common case without an allocation: an optional sign, at most 18 digits with at most one
/// inner point (`2.5`, `-3`, `10.25`); anything else takes the full path.
pub(crate) fn plain(t: &str) -> Option<Decimal> {
    let (negative, digits) = match t.as_bytes().split_first()? {
        (b'-', rest) => (true, rest),
        (b'+', rest) => (false, rest),
        _ => (false, t.as_bytes()),
    };
    if digits.is_empty()
        || digits.len() > 18
        || digits.first() == Some(&b'.')
        || digits.last() == Some(&b'.')
    {
        return None;
    }
    let (mut mantissa, mut scale, mut point) = (0i64, 0u32, false);
    for &c in digits {
        match c {
            b'0'..=b'9' => {
                mantissa = mantissa * 10 + i64::from(c - b'0');
                if point {
                    scale += 1;
                }
            }
            b'.' if !point => point = true,
            _ => return None,
        }
    }
    let d = Decimal::new(mantissa, scale);
    Some(if negative && mantissa != 0 { -d } else { d })
}

/// `value × 10^exp`, exactly, or `None` when the result does not fit.
fn scale_by_power_of_ten(value: Decimal, exp: i64) -> Option<Decimal> {
    if value.is_zero() {
        return Some(Decimal::ZERO);
    }
    if exp <= 0 {
        let mut mantissa = value.mantissa();
        let mut scale = i64::from(value.scale()).checked_sub(exp)?;
        // Trailing zeros of the digits may still let it fit (`100e-30` is `1e-28`).
        while scale > i64::from(Decimal::MAX_SCALE) && mantissa % 10 == 0 {
            mantissa /= 10;
            scale -= 1;
        }
        let scale = u32::try_from(scale).ok()?;
        Decimal::try_from_i128_with_scale(mantissa, scale).ok()
    } else {
        let mut d = value;
        for _ in 0..exp.min(60) {
            d = d.checked_mul(Decimal::TEN)?;
        }
        (exp <= 60).then_some(d)
    }
}

/// Converts a binary float through its shortest decimal text (the text Rust prints for it),
/// so `0.1_f64` becomes exactly `0.1`.
///
/// # Errors
/// A [`ValueReason`] when the float is NaN, infinite or too large for a decimal.
///
/// ```
/// use vsoko::decimal::from_f64;
/// assert_eq!(from_f64(0.1).unwrap().to_string(), "0.1");
/// assert_eq!(from_f64(12.125).unwrap().to_string(), "12.125");
/// assert_eq!(from_f64(0.1 + 0.2).unwrap().to_string(), "0.30000000000000004");
/// // Two 1-place decimals read back as this float; its shortest text is the nearer one.
/// assert_eq!(from_f64(562950277649235.25).unwrap().to_string(), format!("{}", 562950277649235.25f64));
/// assert!(from_f64(f64::NAN).is_err());
/// ```
pub fn from_f64(value: f64) -> Result<Decimal, ValueReason> {
    if value.is_nan() {
        return Err(ValueReason::NotANumberNan);
    }
    if value.is_infinite() {
        return Err(ValueReason::Infinite);
    }
    // Only casts, no `fract`/`round`: without SSE4.1 those are calls into libm, and this runs
    // once per cell of a table. A cast saturates, so the bounds below also keep huge values
    // out of both fast paths.
    // Whole numbers below 2^53 are exact as integers (the common case of spreadsheet cells).
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_precision_loss,
        reason = "below 2^53 the cast is exact, and the equality checks it"
    )]
    {
        let whole = value as i64;
        #[expect(clippy::float_cmp, reason = "exact equality is the point")]
        if value.abs() < 9_007_199_254_740_992.0 && whole as f64 == value {
            return Ok(Decimal::from(whole));
        }
    }
    // Values exact at 1–4 places (7.5, 0.25, 12.125), the usual cells: m / 10^k reads back as
    // the same float, so m with k places is its shortest text, and no text is formatted. Below
    // 2^51 the float's spacing is finer than 10^-k, so no other k-place decimal reads back as
    // the same float; above 2^52 two may (562950277649235.2 and .3 are one float), and the
    // shortest-text rule, which picks the nearer, decides. `m` is `value · 10^k` rounded to a
    // whole number; where that rounding is not exact, `m` does not read back either.
    for places in 1..=4 {
        if let Some(m) = float_at_places(value, places) {
            return Ok(Decimal::new(m, places));
        }
    }
    // `{:e}` gives the shortest text that reads back as the same float (normalised: the
    // exponent leaves no trailing zeros).
    parse_decimal(&format!("{value:e}")).map(|d| d.normalize())
}

/// The mantissa `m` of `value` at `places` places (up to 4), when `m / 10^places` reads back as
/// the same float and `m` is below 2^51: then that decimal is the float's shortest text (see
/// [`from_f64`]). The rule is [`whole_at_scale`]'s.
pub(crate) fn float_at_places(value: f64, places: u32) -> Option<i64> {
    let scale = [1.0, 10.0, 100.0, 1_000.0, 10_000.0]
        .get(usize::try_from(places).ok()?)
        .copied()?;
    let m = whole_at_scale(value, scale);
    #[expect(
        clippy::cast_possible_truncation,
        reason = "m is a whole number below 2^51: the cast is exact"
    )]
    (!m.is_nan()).then_some(m as i64)
}

/// `value · scale` as a whole number (held in a float), when that number divided by `scale`
/// reads back as `value` and lies below 2^51; NaN otherwise (NaN, infinite, huge or finer
/// values). With a power of ten for `scale`, the whole number is the mantissa of the float's
/// shortest text at that many places.
///
/// It takes no branch and no libm call, so a loop over a column of cells vectorises: adding
/// 1.5 · 2^52 and taking it away again rounds to a whole number (ties to even) when the product
/// lies below 2^51 either way (the sum is then in [2^52, 2^53), where floats are whole numbers);
/// where that rounding is not exact, the number does not read back either. The bound keeps
/// out products beyond that range — a negative one there can come back as a half (the sum
/// falls below 2^52, where floats are halves) — and infinity, which reads back as itself.
#[inline]
pub(crate) fn whole_at_scale(value: f64, scale: f64) -> f64 {
    const ROUND: f64 = 6_755_399_441_055_744.0;
    const BOUND: f64 = 2_251_799_813_685_248.0;
    let m = (value * scale + ROUND) - ROUND;
    #[expect(
        clippy::float_cmp,
        reason = "exact equality is the point: it reads back"
    )]
    let reads_back = m / scale == value;
    if reads_back && m.abs() < BOUND {
        m
    } else {
        f64::NAN
    }
}

/// Converts a 32-bit float through its own shortest decimal text, so `0.1_f32` becomes `0.1`
/// (not `0.10000000149011612`, the text of the same bits widened to 64).
///
/// # Errors
/// As [`from_f64`].
///
/// ```
/// assert_eq!(vsoko::decimal::from_f32(0.1).unwrap().to_string(), "0.1");
/// ```
pub fn from_f32(value: f32) -> Result<Decimal, ValueReason> {
    if value.is_nan() {
        return Err(ValueReason::NotANumberNan);
    }
    if value.is_infinite() {
        return Err(ValueReason::Infinite);
    }
    parse_decimal(&format!("{value:e}")).map(|d| d.normalize())
}

/// Checked sum of decimals: `None` when it leaves the decimal range.
///
/// ```
/// use rust_decimal::Decimal;
/// assert_eq!(vsoko::decimal::checked_sum([Decimal::ONE, Decimal::TWO]), Some(Decimal::from(3)));
/// assert_eq!(vsoko::decimal::checked_sum([Decimal::MAX, Decimal::ONE]), None);
/// ```
pub fn checked_sum(values: impl IntoIterator<Item = Decimal>) -> Option<Decimal> {
    values
        .into_iter()
        .try_fold(Decimal::ZERO, Decimal::checked_add)
}

/// A computed value and whether it is exact: `false` when the true result needs more digits
/// than a decimal holds (28–29 significant digits) and `value` is cut to them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Computed {
    /// The value (cut to a decimal's digits when not exact).
    pub value: Decimal,
    /// Whether `value` is the exact result.
    pub exact: bool,
}

/// `x ÷ d`, telling whether the quotient is exact; `None` when `d` is 0 or it overflows.
///
/// ```
/// use rust_decimal::Decimal;
/// use vsoko::decimal::quotient;
/// assert!(quotient(Decimal::from(5), Decimal::from(2)).unwrap().exact);
/// assert!(!quotient(Decimal::ONE, Decimal::from(3)).unwrap().exact);
/// // 33.33…3 × 3 cut to 28 digits would read back as 100: the cut is noticed.
/// assert!(!quotient(Decimal::ONE_HUNDRED, Decimal::from(3)).unwrap().exact);
/// ```
pub fn quotient(x: Decimal, d: Decimal) -> Option<Computed> {
    let value = x.checked_div(d)?;
    // Exact when multiplying back, itself without a cut digit, gives `x`.
    let exact = product(value, d).is_some_and(|back| back.exact && back.value == x);
    Some(Computed { value, exact })
}

/// `a × b`, telling whether the product is exact; `None` when it overflows.
///
/// ```
/// use rust_decimal::Decimal;
/// use vsoko::decimal::product;
/// let third = Decimal::ONE / Decimal::from(3); // 0.3333333333333333333333333333
/// assert!(product(Decimal::new(25, 1), Decimal::new(4, 1)).unwrap().exact);
/// assert!(!product(third, Decimal::new(25, 1)).unwrap().exact);
/// ```
pub fn product(a: Decimal, b: Decimal) -> Option<Computed> {
    let value = a.checked_mul(b)?;
    // The exact product has the scales added; a smaller scale means digits were cut, which
    // is exact only when they were zeros.
    let exact = value.scale() == a.scale() + b.scale() || b.is_zero() || a.is_zero() || {
        let (an, bn) = (a.normalize(), b.normalize());
        an.checked_mul(bn)
            .is_some_and(|p| p.scale() == an.scale() + bn.scale())
    };
    Some(Computed { value, exact })
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

/// `numerator / denominator` rounded once to 2 places with [`ROUNDING`] and written with both
/// places (`50.00`): the percentages and means of pupils' results; `None` when `denominator` is 0.
///
/// ```
/// use rust_decimal::Decimal;
/// use vsoko::decimal::hundredths;
/// assert_eq!(hundredths(Decimal::from(200), Decimal::from(3)).unwrap().to_string(), "66.67");
/// assert_eq!(hundredths(Decimal::from(100), Decimal::from(2)).unwrap().to_string(), "50.00");
/// assert_eq!(hundredths(Decimal::ONE, Decimal::ZERO), None);
/// ```
pub fn hundredths(numerator: Decimal, denominator: Decimal) -> Option<Decimal> {
    let mut q = numerator
        .checked_div(denominator)?
        .round_dp_with_strategy(2, ROUNDING);
    q.rescale(2);
    Some(q)
}

/// `points / max` as a percentage with one decimal, rounded once from the exact ratio with
/// [`ROUNDING`] (not from the 4-place share, which would round twice); `None` when `max` is 0.
///
/// ```
/// use rust_decimal::Decimal;
/// use vsoko::decimal::percent;
/// // 17.5 / 22 = 79.5454…% -> 79.5 (rounding the share 0.7955 first would give 79.6)
/// assert_eq!(percent(Decimal::new(175, 1), Decimal::from(22)).unwrap().to_string(), "79.5");
/// assert_eq!(percent(Decimal::from(8), Decimal::from(10)).unwrap().to_string(), "80.0");
/// ```
pub fn percent(points: Decimal, max: Decimal) -> Option<Decimal> {
    if max.is_zero() {
        return None;
    }
    // Multiply first (exact); a value so large that ×100 overflows divides first instead.
    let ratio = match points.checked_mul(Decimal::ONE_HUNDRED) {
        Some(p) => p.checked_div(max),
        None => points
            .checked_div(max)
            .and_then(|r| r.checked_mul(Decimal::ONE_HUNDRED)),
    };
    ratio.map(|p| {
        let mut p = p.round_dp_with_strategy(1, ROUNDING);
        p.rescale(1); // always one decimal: `80.0`, as people read it
        p
    })
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
        assert!(parse_decimal("1e").is_err());
        assert!(parse_decimal("e5").is_err());
        assert!(parse_decimal("1-2").is_err());
    }

    #[test]
    fn never_rounds_what_it_cannot_hold() {
        for text in [
            "1e-31",
            "0.00000000000000000000000000001",
            "1e29",
            "123456789012345678901234567890",
        ] {
            assert!(
                matches!(parse_decimal(text), Err(ValueReason::NotExact { .. })),
                "{text}"
            );
        }
        assert_eq!(
            parse_decimal("3.00000000000000001"),
            Ok(dec!(3.00000000000000001))
        );
        assert_eq!(
            parse_decimal("1e-28"),
            Ok(dec!(0.0000000000000000000000000001))
        );
        assert_eq!(
            parse_decimal("100e-30"),
            Ok(dec!(0.0000000000000000000000000001))
        );
        assert_eq!(parse_decimal("-2.5E+2"), Ok(dec!(-250)));
        assert_eq!(parse_decimal("0e-50"), Ok(dec!(0)));
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
        assert_eq!(from_f64(1e-7), Ok(dec!(0.0000001)));
        assert_eq!(from_f32(0.1_f32), Ok(dec!(0.1)));
        assert_eq!(from_f32(2.675_f32), Ok(dec!(2.675)));
    }

    #[test]
    #[expect(clippy::float_cmp, reason = "whole numbers, exact")]
    fn whole_at_scale_reads_back_or_is_nan() {
        use super::{float_at_places, whole_at_scale};
        assert_eq!(whole_at_scale(0.07, 100.0), 7.0);
        assert_eq!(whole_at_scale(-2.5, 10.0), -25.0);
        assert_eq!(whole_at_scale(-0.0, 100.0), 0.0);
        for odd in [
            0.1 + 0.2,
            0.125,
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
            1e300,
            2.3e13,
        ] {
            assert!(whole_at_scale(odd, 100.0).is_nan(), "{odd}");
        }
        // Negative products between 2^51 and 2^52 would come back as halves and read back;
        // they are left to the shortest text, which keeps every digit.
        for (value, text) in [
            (-225_179_981_368_525.25, "-225179981368525.25"),
            (-22_517_998_136_853.125, "-22517998136853.125"),
            (-225_179_981_369.031_25, "-225179981369.03125"),
        ] {
            assert_eq!(from_f64(value).unwrap().to_string(), text);
        }
        assert_eq!(float_at_places(12.125, 3), Some(12_125));
        assert_eq!(float_at_places(12.125, 2), None);
        assert_eq!(float_at_places(1.0, 5), None);
        // Every hundredth up to 10,000 reads back at two places.
        for h in 0..1_000_000_i32 {
            let x = f64::from(h) / 100.0;
            assert_eq!(float_at_places(x, 2), Some(i64::from(h)), "{x}");
        }
    }

    #[test]
    fn percent_of_huge_values_does_not_overflow() {
        let huge = Decimal::MAX;
        assert_eq!(percent(huge, huge), Some(dec!(100.0)));
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
