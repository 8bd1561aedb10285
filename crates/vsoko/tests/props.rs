//! Properties that must hold for every input, not just the fixtures.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use proptest::prelude::*;
use rust_decimal::Decimal;
use vsoko::{Error, Methodology, Options, Report, Value, Values};

fn index() -> &'static Methodology {
    Methodology::builtin("index-2023").unwrap()
}

fn nocko() -> &'static Methodology {
    Methodology::builtin("nocko-1547").unwrap()
}

/// A value for an indicator with `cap`: missing, or points in hundredths within 0..=cap.
fn valid_value(cap: Decimal, na_allowed: bool) -> impl Strategy<Value = Value> {
    let hundredths = (cap * Decimal::ONE_HUNDRED)
        .trunc()
        .try_into()
        .unwrap_or(0i64);
    prop_oneof![
        1 => Just(Value::Missing),
        1 => if na_allowed { Just(Value::NotApplicable).boxed() } else { Just(Value::Missing).boxed() },
        6 => (0..=hundredths).prop_map(|h| Value::Points(Decimal::new(h, 2))),
    ]
}

fn valid_values(m: &'static Methodology) -> impl Strategy<Value = Values> {
    let per: Vec<_> = m
        .indicators()
        .iter()
        .map(|i| valid_value(i.cap, i.not_applicable))
        .collect();
    per.prop_map(move |vals| {
        m.indicators()
            .iter()
            .zip(vals)
            .filter(|(_, v)| *v != Value::Missing)
            .map(|(i, v)| (i.id.clone(), v))
            .collect()
    })
}

fn check_sums(m: &Methodology, r: &Report) {
    // Every group is the sum of its children and indicators; the total is the sum of the top.
    for (pos, g) in m.groups().iter().enumerate() {
        let res = &r.groups[pos];
        let from_children: Decimal = g.children.iter().map(|&c| r.groups[c].points).sum();
        let from_indicators: Decimal = r.indicators[g.indicators.clone()]
            .iter()
            .map(|i| i.points)
            .sum();
        assert_eq!(
            res.points,
            from_children + from_indicators,
            "group {}",
            g.id
        );
        let max_children: Decimal = g.children.iter().map(|&c| r.groups[c].max).sum();
        let max_indicators: Decimal = r.indicators[g.indicators.clone()]
            .iter()
            .map(|i| i.max)
            .sum();
        assert_eq!(res.max, max_children + max_indicators, "group {} max", g.id);
        assert!(res.points >= Decimal::ZERO && res.points <= res.max);
    }
    let top: Decimal = r
        .groups
        .iter()
        .filter(|g| g.parent.is_none())
        .map(|g| g.points)
        .sum();
    assert_eq!(r.total, top);
    for (ind, res) in m.indicators().iter().zip(&r.indicators) {
        assert!(
            res.points >= Decimal::ZERO && res.points <= ind.cap,
            "{}",
            ind.id
        );
        assert!(res.max == ind.cap || res.max.is_zero());
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn index_totals_are_sums_and_points_within_caps(values in valid_values(index())) {
        let m = index();
        let r = m.score(&values, Options::default()).unwrap();
        check_sums(m, &r);
        prop_assert_eq!(r.max, Decimal::from(143));
        prop_assert_eq!(r.missing.len() + values.len(), 72);
    }

    #[test]
    fn nocko_not_applicable_shrinks_the_maximum(values in valid_values(nocko())) {
        let m = nocko();
        let r = m.score(&values, Options::default()).unwrap();
        check_sums(m, &r);
        let na = values.iter().filter(|(_, v)| *v == Value::NotApplicable).count();
        prop_assert_eq!(r.max, Decimal::from(110 - 10 * i64::try_from(na).unwrap()));
        prop_assert_eq!(r.level, None);
    }

    #[test]
    fn level_is_monotone_in_the_total(a in 0i64..=14300, b in 0i64..=14300) {
        let m = index();
        let rank = |t: i64| {
            let band = m.level_of(Decimal::new(t, 2)).expect("every total from 0 to 143 has a level");
            m.levels().iter().position(|l| l.id == band.id).unwrap()
        };
        let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
        prop_assert!(rank(lo) <= rank(hi));
    }

    #[test]
    fn evaluate_row_equals_evaluate(values in valid_values(index())) {
        let m = index();
        let row: Vec<(usize, Value)> = values.iter().map(|(id, v)| (m.position(id).unwrap(), v)).collect();
        prop_assert_eq!(m.evaluate_row(&row, Options::default()).unwrap(), m.evaluate(&values, Options::default()).unwrap());
    }

    #[test]
    fn report_json_round_trips(values in valid_values(index())) {
        let r = index().score(&values, Options::default()).unwrap();
        let text = serde_json::to_string(&r).unwrap();
        let back: Report = serde_json::from_str(&text).unwrap();
        prop_assert_eq!(back, r);
    }

    #[test]
    fn any_value_scores_or_fails_with_a_named_indicator(
        id in prop_oneof![Just("1.1.1".to_string()), Just("3.3.3".to_string()), "[0-9.]{1,7}"],
        units in any::<i64>(),
        scale in 0u32..28,
        na in any::<bool>(),
    ) {
        let mut values = Values::new();
        let value = if na { Value::NotApplicable } else { Value::Points(Decimal::new(units, scale)) };
        values.push(id.clone(), value);
        match index().score(&values, Options::default()) {
            Ok(r) => check_sums(index(), &r),
            Err(e) => {
                prop_assert!(Error::CODES.contains(&e.code()));
                prop_assert_eq!(e.indicator(), Some(id.as_str()));
            }
        }
    }

    #[test]
    fn check_lists_all_problems_and_agrees_with_evaluate(
        entries in proptest::collection::vec(
            (prop_oneof![Just("1.1.1"), Just("2.1.1"), Just("3.3.3"), Just("9.9")], -2i64..5, any::<bool>()),
            0..6,
        ),
        strict in any::<bool>(),
    ) {
        let values: Values = entries
            .iter()
            .map(|(id, p, na)| (*id, if *na { Value::NotApplicable } else { Value::Points(Decimal::from(*p)) }))
            .collect();
        let options = Options::new().strict(strict);
        let problems = index().check(&values, options);
        match index().evaluate(&values, options) {
            Ok(_) => prop_assert!(problems.is_empty()),
            Err(e) => {
                prop_assert_eq!(problems.first().map(Error::code), Some(e.code()));
                prop_assert_eq!(problems.first().and_then(Error::indicator), e.indicator());
            }
        }
    }

    #[test]
    fn arbitrary_text_never_panics(text in ".{0,200}") {
        if let Err(e) = vsoko::json::score_document(&text, None, Options::default()) {
            prop_assert!(Error::CODES.contains(&e.code()));
        }
    }

    #[test]
    fn arbitrary_value_text_never_panics(text in "[-+0-9.eE naNinfINF/,]{0,30}") {
        let doc = format!("{{\"values\": {{\"1.1.1\": \"{text}\"}}}}");
        match vsoko::json::score_document(&doc, None, Options::new().strict(false)) {
            Ok(r) => prop_assert!(r.total >= Decimal::ZERO && r.total <= Decimal::from(3)),
            Err(e) => prop_assert_eq!(e.indicator(), Some("1.1.1")),
        }
    }
}

#[test]
fn strict_mode_names_the_first_missing_indicator() {
    let values: Values = [("1.1.1", 3u32)].into_iter().collect();
    let err = index()
        .score(&values, Options::new().strict(true))
        .unwrap_err();
    assert_eq!(err.code(), "missing_indicator");
    assert_eq!(err.indicator(), Some("1.1.2"));
    assert!(matches!(err, Error::MissingIndicator { count: 71, .. }));
}

#[test]
fn duplicate_ids_are_reported_not_overwritten() {
    let err = vsoko::json::score_document(
        r#"{"values": {"1.1.1": 1, "1.1.2": 2, "1.1.1": 3}}"#,
        None,
        Options::default(),
    )
    .unwrap_err();
    assert_eq!(
        (err.code(), err.indicator()),
        ("duplicate_indicator", Some("1.1.1"))
    );
}

#[test]
fn decimal_sums_stay_exact() {
    let values = Values::from_json(r#"{"3.2.1": 0.1, "3.2.2": "0.2"}"#).unwrap();
    let r = index().score(&values, Options::default()).unwrap();
    assert_eq!(r.total.to_string(), "0.3");
    let json = serde_json::to_string(&r).unwrap();
    assert!(json.contains(r#""total":"0.3""#), "{json}");
    assert!(!json.contains("0.30000000000000004"));
}

/// Spearman's ρ from the textbook formula: average ranks as decimals, Pearson's correlation of
/// the ranks with a 28-digit square root, rounded to 4 places half away from zero.
fn textbook_rho(xs: &[u8], ys: &[i64]) -> Option<Decimal> {
    use rust_decimal::MathematicalOps;
    let rx = vsoko::objectivity::ranks(xs);
    let ry = vsoko::objectivity::ranks(ys);
    let n = Decimal::from(xs.len());
    let (mx, my) = (
        rx.iter().sum::<Decimal>() / n,
        ry.iter().sum::<Decimal>() / n,
    );
    let (mut c, mut vx, mut vy) = (Decimal::ZERO, Decimal::ZERO, Decimal::ZERO);
    for (a, b) in rx.iter().zip(&ry) {
        c += (a - mx) * (b - my);
        vx += (a - mx) * (a - mx);
        vy += (b - my) * (b - my);
    }
    if vx.is_zero() || vy.is_zero() {
        return None;
    }
    Some(
        (c / (vx * vy).sqrt()?)
            .round_dp_with_strategy(4, rust_decimal::RoundingStrategy::MidpointAwayFromZero),
    )
}

proptest! {
    /// The integer-rank ρ, rounded without a root, equals the textbook computation, and its
    /// sign is the covariance's.
    #[test]
    fn spearman_matches_the_textbook(pairs in proptest::collection::vec((2u8..=5, 0i64..=40), 2..80)) {
        let (xs, ys): (Vec<u8>, Vec<i64>) = pairs.into_iter().unzip();
        let got = vsoko::objectivity::spearman(&xs, &ys);
        let want = textbook_rho(&xs, &ys);
        prop_assert_eq!(got.map(|(_, rho)| rho), want);
        if let Some((cov, rho)) = got {
            prop_assert!(rho.is_sign_negative() == (cov < Decimal::ZERO) || rho.is_zero());
        }
    }
}

proptest! {
    /// The fast path of `from_f64` (values exact at 1–4 places) gives the float's shortest text,
    /// the decimal the slow path parses from `{:e}`, for every finite float.
    #[test]
    fn from_f64_is_the_shortest_text(bits in any::<u64>(), m in -10_000_000i64..10_000_000, k in 0u32..=4) {
        use std::str::FromStr;
        let typed = Decimal::new(m, k);
        let x: f64 = typed.to_string().parse().unwrap();
        prop_assert_eq!(vsoko::decimal::from_f64(x).unwrap(), typed);
        let any = f64::from_bits(bits);
        // Magnitudes a cell can hold (the slow path's own text for 1e-300 has 300 zeros).
        if any == 0.0 || (any.abs() > 1e-9 && any.abs() < 1e15) {
            let slow = Decimal::from_str(&format!("{any}")).ok();
            prop_assert_eq!(vsoko::decimal::from_f64(any).ok(), slow);
        }
    }

    /// Floats whose mantissa at 1–4 places lies near 2^51–2^53, where the fast path's rounding
    /// stops being whole: still the shortest text, every digit kept (a negative half once lost
    /// its last digit).
    #[test]
    fn from_f64_keeps_every_digit_of_wide_mantissas(
        wide in (1i64 << 49)..(1i64 << 58), k in 1u32..=4, negative in any::<bool>()
    ) {
        use std::str::FromStr;
        let typed = Decimal::new(if negative { -wide } else { wide }, k + 1);
        let x: f64 = typed.to_string().parse().unwrap();
        let slow = Decimal::from_str(&format!("{x}")).unwrap();
        prop_assert_eq!(vsoko::decimal::from_f64(x).unwrap(), slow);
    }
}

fn gcd(a: u64, b: u64) -> u64 {
    if b == 0 { a } else { gcd(b, a % b) }
}

proptest! {
    /// A quotient of whole numbers is exact exactly when the reduced denominator has no prime
    /// factor but 2 and 5 (the result is a terminating decimal).
    #[test]
    fn quotient_knows_when_it_is_exact(x in 1u64..1_000_000, d in 1u64..2_000) {
        let mut rest = d / gcd(x, d);
        for p in [2, 5] {
            while rest.is_multiple_of(p) {
                rest /= p;
            }
        }
        let q = vsoko::decimal::quotient(
            rust_decimal::Decimal::from(x),
            rust_decimal::Decimal::from(d),
        )
        .unwrap();
        prop_assert_eq!(q.exact, rest == 1, "{} / {} = {}", x, d, q.value);
    }
}
