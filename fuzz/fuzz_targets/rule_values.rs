//! Any bytes as raw input values for methodologies with rules (nok-2019 and the rule-kind
//! fixture): scored or rejected with a named error, never a panic; a score stays within its
//! maxima, every group within its own.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::sync::LazyLock;
use vsoko::{Methodology, Options, Values};

static RULES: LazyLock<Methodology> = LazyLock::new(|| {
    Methodology::from_json(include_str!("../../fixtures/rules/rules.json")).expect("fixture")
});

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let Ok(values) = Values::from_json(&text) else {
        return;
    };
    let nok = Methodology::builtin("nok-2019").expect("built in");
    for m in [nok, &*RULES] {
        match m.score(&values, Options::default()) {
            Ok(r) => {
                assert!(r.total >= rust_decimal::Decimal::ZERO && r.total <= r.max);
                for g in &r.groups {
                    assert!(g.points <= g.max, "{} {} > {}", g.id, g.points, g.max);
                }
            }
            Err(e) => assert!(!e.code().is_empty()),
        }
    }
});
