//! Golden cases from `fixtures/`, shared with the Python and JS tests. Expected results there
//! were computed by hand from the rules of the sources, not copied from this program's output.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use serde_json::Value as Json;
use std::fs;
use std::path::{Path, PathBuf};
use vsoko::{Error, Methodology, Options};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures")
}

fn read_json(path: &Path) -> Json {
    let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Every `<case>.json` with a `<case>.expected.json` beside it, under `fixtures/schools/<dir>/`.
fn cases(dir: &str) -> Vec<(PathBuf, PathBuf)> {
    let mut out: Vec<_> = fs::read_dir(fixtures().join("schools").join(dir))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy();
            name.ends_with(".json") && !name.ends_with(".expected.json")
        })
        .map(|p| {
            let expected = p.with_extension("expected.json");
            assert!(expected.exists(), "{} has no expected file", p.display());
            (p, expected)
        })
        .collect();
    out.sort();
    assert!(!out.is_empty(), "no cases in {dir}");
    out
}

fn check_case(input: &Path, expected: &Path, chosen: Option<&Methodology>) {
    let name = input.display().to_string();
    let text = fs::read_to_string(input).unwrap();
    let report = vsoko::json::score_document(&text, chosen, Options::default())
        .unwrap_or_else(|e| panic!("{name}: {e}"));
    let want = read_json(expected);
    assert_eq!(
        report.total.to_string(),
        want["total"].as_str().unwrap(),
        "{name}: total"
    );
    assert_eq!(
        report.max.to_string(),
        want["max"].as_str().unwrap(),
        "{name}: max"
    );
    assert_eq!(
        report.level.as_deref(),
        want["level"].as_str(),
        "{name}: level"
    );
    let groups = want["groups"].as_object().unwrap();
    assert_eq!(
        groups.len(),
        report.groups.len(),
        "{name}: every group is expected"
    );
    for g in &report.groups {
        let w = &groups[&g.id];
        assert_eq!(
            g.points.to_string(),
            w["points"].as_str().unwrap(),
            "{name}: group {} points",
            g.id
        );
        assert_eq!(
            g.max.to_string(),
            w["max"].as_str().unwrap(),
            "{name}: group {} max",
            g.id
        );
        // The percentage people read: the expected points of the expected maximum, ×100,
        // rounded half away from zero to one place, written with that place.
        let points: rust_decimal::Decimal = w["points"].as_str().unwrap().parse().unwrap();
        let max: rust_decimal::Decimal = w["max"].as_str().unwrap().parse().unwrap();
        let want_percent = (!max.is_zero()).then(|| {
            let p = (points * rust_decimal::Decimal::ONE_HUNDRED / max)
                .round_dp_with_strategy(1, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
            format!("{p:.1}")
        });
        assert_eq!(
            g.percent.map(|p| p.to_string()),
            want_percent,
            "{name}: group {} percent",
            g.id
        );
        // A leaf holds indicators and no groups: no expected group names it as a parent
        // (group ids nest by a dot: `1.1` is under `1`).
        let has_child = groups.keys().any(|k| {
            k.strip_prefix(g.id.as_str())
                .is_some_and(|rest| rest.starts_with('.'))
        });
        assert_eq!(g.leaf, !has_child, "{name}: group {} leaf", g.id);
    }
    let ids = |key: &str| -> Vec<String> {
        want[key]
            .as_array()
            .map(|a| a.iter().map(|v| v.as_str().unwrap().to_string()).collect())
            .unwrap_or_default()
    };
    assert_eq!(report.missing, ids("missing"), "{name}: missing");
    assert_eq!(
        report.not_applicable,
        ids("not_applicable"),
        "{name}: not_applicable"
    );
}

#[test]
fn index_2023_schools() {
    for (input, expected) in cases("index-2023") {
        check_case(&input, &expected, None);
    }
}

#[test]
fn nocko_1547_schools() {
    for (input, expected) in cases("nocko-1547") {
        check_case(&input, &expected, None);
    }
}

#[test]
fn custom_methodology_schools() {
    let text = fs::read_to_string(fixtures().join("methodologies/school_custom.json")).unwrap();
    let m = Methodology::from_json(&text).unwrap();
    for (input, expected) in cases("custom") {
        check_case(&input, &expected, Some(&m));
    }
}

#[test]
fn bad_inputs_give_their_codes() {
    let index = read_json(&fixtures().join("bad_inputs.json"));
    let entries = index.as_array().unwrap();
    let mut codes_seen = std::collections::BTreeSet::new();
    for entry in entries {
        let file = entry["file"].as_str().unwrap();
        let text = fs::read_to_string(fixtures().join(file)).unwrap();
        let options = Options::new().strict(entry["strict"].as_bool().unwrap_or(false));
        let err = vsoko::json::score_json(&text, entry["methodology"].as_str(), options)
            .err()
            .unwrap_or_else(|| panic!("{file} was accepted"));
        assert_eq!(err.code(), entry["code"].as_str().unwrap(), "{file}: {err}");
        assert_eq!(
            err.indicator(),
            entry["indicator"].as_str(),
            "{file}: {err}"
        );
        codes_seen.insert(err.code());
    }
    for code in [
        "unknown_methodology",
        "invalid_json",
        "empty_input",
        "invalid_input",
        "unknown_indicator",
        "duplicate_indicator",
        "invalid_value",
        "value_out_of_range",
        "not_applicable_forbidden",
        "missing_indicator",
    ] {
        assert!(codes_seen.contains(code), "no bad input fixture for {code}");
    }
}

#[test]
fn bad_methodologies_report_all_problems() {
    let index = read_json(&fixtures().join("bad_methodologies.json"));
    for entry in index.as_array().unwrap() {
        let file = entry["file"].as_str().unwrap();
        let text = fs::read_to_string(fixtures().join(file)).unwrap();
        let err = Methodology::from_json(&text)
            .err()
            .unwrap_or_else(|| panic!("{file} was accepted"));
        assert_eq!(err.code(), entry["code"].as_str().unwrap(), "{file}: {err}");
        if let Some(n) = entry["problems"].as_u64() {
            let Error::InvalidMethodology { problems } = &err else {
                panic!("{file}: {err}")
            };
            assert_eq!(problems.len() as u64, n, "{file}: {problems:#?}");
        }
    }
}
