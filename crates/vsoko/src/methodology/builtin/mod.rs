//! The built-in methodologies, built once on first use from their descriptions.
//!
//! The descriptions are written as JSON (`data/methodologies/*.json`, the source of truth: one
//! file is one built-in) and compiled in as Rust values (`specs.rs`, generated from the JSON by
//! `tests/builtin_code.rs`, with the table of ids this module serves), so building a built-in
//! reads no JSON: a WASM module that only scores with the built-ins carries no JSON parser. The
//! tests below check that each generated value equals its file read the usual way, and that a
//! test-only built-in (`tests/data/methodologies/`) is served like the others with no code of
//! its own.

use super::{IndicatorSpec, InputSpec, MeasureKind, Methodology, MethodologySpec, RuleSpec};
use crate::error::{Error, Result};
use rust_decimal::Decimal;
use std::sync::OnceLock;

#[rustfmt::skip]
#[allow(
    clippy::too_many_lines,
    clippy::wildcard_imports,
    reason = "generated data: one literal per methodology, naming whichever types it uses"
)]
mod specs;

/// Names of the built-in methodologies:
///
/// | id | what it is |
/// |---|---|
/// | `index-2023` | the general-education quality index: 72 indicators in 3 directions and 9 criteria, from «Методология и показатели оценки качества общего образования в Российской Федерации» (Минпросвещения России, Рособрнадзор, 22.12.2023) |
/// | `nocko-1547` | the indicators of order No. 1547 of 05.12.2014 (Минобрнауки России): the general criteria of the quality of an organisation's educational activity (openness, comfort, …), each scored 0–10 as given; «n/a» allowed |
/// | `nok-2019` | the independent assessment of the quality of conditions (НОК) under order No. 114 of 13.03.2019 (Минпросвещения России), calculated by the uniform procedure of order No. 344н of 31.05.2018 (Минтруд России) from 28 raw inputs (survey shares, site and stand counts) |
///
/// `nocko-1547` and `nok-2019` are not two versions of one thing: the first scores given
/// points against the 2014 criteria, the second computes points from raw data by the 2018–2019
/// procedure.
pub const BUILTIN: &[&str] = &IDS;

/// A built-in in the generated table.
struct Builtin {
    /// Its id (`index-2023`).
    id: &'static str,
    /// Its description.
    spec: fn() -> MethodologySpec,
    /// Its JSON file, for the test that compares the two.
    #[cfg(test)]
    json: &'static str,
}

const COUNT: usize = specs::TABLE.len();

/// The ids of the generated table, in its order.
#[expect(
    clippy::indexing_slicing,
    reason = "evaluated at compile time: an index out of range fails the build, not a run"
)]
const IDS: [&str; COUNT] = {
    let mut ids = [""; COUNT];
    let mut i = 0;
    while i < COUNT {
        ids[i] = specs::TABLE[i].id;
        i += 1;
    }
    ids
};

/// Each built-in, built once on first use.
static BUILT: [OnceLock<Result<Methodology>>; COUNT] = [const { OnceLock::new() }; COUNT];

#[cfg(test)]
static BUILT_TEST_ONLY: [OnceLock<Result<Methodology>>; specs::TEST_ONLY.len()] =
    [const { OnceLock::new() }; specs::TEST_ONLY.len()];

pub(super) fn get(name: &str) -> Result<&'static Methodology> {
    let found = specs::TABLE.iter().zip(&BUILT).find(|(b, _)| b.id == name);
    #[cfg(test)]
    let found = found.or_else(|| {
        specs::TEST_ONLY
            .iter()
            .zip(&BUILT_TEST_ONLY)
            .find(|(b, _)| b.id == name)
    });
    let Some((builtin, cell)) = found else {
        return Err(Error::UnknownMethodology {
            name: name.to_string(),
            known: BUILTIN.iter().map(ToString::to_string).collect(),
        });
    };
    // The descriptions are validated by the unit test below; an error here would be a
    // packaging bug, still reported as a typed error rather than a panic.
    cell.get_or_init(|| Methodology::from_spec((builtin.spec)()))
        .as_ref()
        .map_err(Clone::clone)
}

/// A string of the generated descriptions (a call, not inlined, keeps their code short).
#[inline(never)]
fn s(text: &str) -> String {
    text.to_string()
}

/// An optional string of the generated descriptions.
#[expect(
    clippy::unnecessary_wraps,
    reason = "the generated code's `Some` in one call"
)]
#[inline(never)]
fn o(text: &str) -> Option<String> {
    Some(text.to_string())
}

/// A non-negative decimal of the generated descriptions: `d(25, 1)` is 2.5.
const fn d(mantissa: u32, scale: u32) -> Decimal {
    Decimal::from_parts(mantissa, 0, 0, false, scale)
}

/// An indicator of the generated descriptions whose points are given as they are (the default
/// rule): id, Russian and English titles, cap as `(mantissa, scale)` (see [`d`]), whether
/// `"n/a"` is allowed. A list of these is static data, where a literal each would be code.
type Plain = (
    &'static str,
    Option<&'static str>,
    Option<&'static str>,
    (u32, u32),
    bool,
);

/// The indicators of a list of [`Plain`] rows.
fn plain(rows: &[Plain]) -> Vec<IndicatorSpec> {
    rows.iter()
        .map(
            |&(id, title, title_en, (mantissa, scale), not_applicable)| IndicatorSpec {
                id: id.to_string(),
                title: title.map(str::to_string),
                title_en: title_en.map(str::to_string),
                cap: d(mantissa, scale),
                not_applicable,
                rule: RuleSpec::default(),
                direction: super::Direction::More,
            },
        )
        .collect()
}

/// A declared input of the generated descriptions: id, Russian and English titles, kind, lower
/// and upper bounds as `(mantissa, scale)`, whether `"n/a"` is allowed.
type Measure = (
    &'static str,
    Option<&'static str>,
    Option<&'static str>,
    MeasureKind,
    Option<(u32, u32)>,
    Option<(u32, u32)>,
    bool,
);

/// The inputs of a list of [`Measure`] rows.
fn measures(rows: &[Measure]) -> Vec<InputSpec> {
    let bound = |b: Option<(u32, u32)>| b.map(|(mantissa, scale)| d(mantissa, scale));
    rows.iter()
        .map(
            |&(id, title, title_en, kind, min, max, not_applicable)| InputSpec {
                id: id.to_string(),
                title: title.map(str::to_string),
                title_en: title_en.map(str::to_string),
                kind,
                min: bound(min),
                max: bound(max),
                not_applicable,
            },
        )
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_builtin_builds_and_validates() {
        let test_only = specs::TEST_ONLY.iter().map(|b| &b.id);
        for name in BUILTIN.iter().chain(test_only) {
            let m = get(name).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(m.id(), *name);
        }
    }

    #[test]
    fn each_generated_description_equals_its_json_file() {
        for b in specs::TABLE.iter().chain(specs::TEST_ONLY) {
            let generated = (b.spec)();
            let file = serde_json::from_str::<MethodologySpec>(b.json).unwrap();
            assert_eq!(generated, file, "{}", b.id);
            assert_eq!(file.id, b.id);
            // Equal decimals may differ in scale (2.5 and 2.50); the scale shows in reports.
            assert_eq!(format!("{generated:?}"), format!("{file:?}"), "{}", file.id);
        }
    }

    /// A new built-in is one data file plus the generated code: the test-only one has nothing
    /// else, yet is served, scored and listed in errors like the others (and is not offered to
    /// users: it is absent from `BUILTIN`).
    #[test]
    fn a_test_only_builtin_is_one_data_file() {
        let m = crate::Methodology::builtin("test-only-2026").unwrap();
        assert_eq!(m.id(), "test-only-2026");
        assert!(!BUILTIN.contains(&"test-only-2026"));
        let values = crate::Values::from_json(r#"{"1.1": 2, "1.2": 3}"#).unwrap();
        let r = m.score(&values, crate::Options::default()).unwrap();
        assert_eq!(r.total.to_string(), "5");
        assert!(std::ptr::eq(
            m,
            crate::Methodology::builtin("test-only-2026").unwrap()
        ));
    }

    #[test]
    fn d_is_mantissa_and_scale() {
        assert_eq!(d(25, 1).to_string(), "2.5");
        assert_eq!(d(143, 0).to_string(), "143");
        assert_eq!(d(50, 2).to_string(), "0.50");
    }
}
