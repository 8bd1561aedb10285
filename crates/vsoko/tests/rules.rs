//! Rule kinds, aggregations and the built-in `nok-2019` against fixtures computed by
//! independent scripts written from `docs/methodology-format.md` and DOMAIN §6
//! (`fixtures/rules/expected.py`, `fixtures/nok/reference.py`), never from vsoko's output.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use serde_json::Value as Json;
use std::collections::BTreeMap;
use std::path::PathBuf;
use vsoko::{Error, Methodology, Options, Report, Values};

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../fixtures")
}

fn read(path: &str) -> String {
    std::fs::read_to_string(fixtures().join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn s(j: &Json) -> String {
    j.as_str().map_or_else(|| j.to_string(), str::to_string)
}

#[test]
fn every_rule_kind_and_aggregation_matches_the_hand_computed_cases() {
    let mut methodologies = BTreeMap::new();
    let text = read("rules/cases.jsonl");
    let mut count = 0;
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let case: Json = serde_json::from_str(line).unwrap();
        let name = s(&case["name"]);
        let file = s(&case["methodology"]);
        let m = methodologies.entry(file.clone()).or_insert_with(|| {
            Methodology::from_json(&read(&format!("rules/{file}")))
                .unwrap_or_else(|e| panic!("{file}: {e}"))
        });
        let values = Values::from_json(&case["values"].to_string()).unwrap();
        let report = m
            .score(&values, Options::default())
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        let want = &case["expected"];
        assert_eq!(report.total.to_string(), s(&want["total"]), "{name}: total");
        assert_eq!(report.max.to_string(), s(&want["max"]), "{name}: max");
        for (id, g) in want["groups"].as_object().unwrap() {
            let got = report
                .group(id)
                .unwrap_or_else(|| panic!("{name}: group {id}"));
            assert_eq!(
                got.points.to_string(),
                s(&g["points"]),
                "{name}: group {id} points"
            );
            assert_eq!(got.max.to_string(), s(&g["max"]), "{name}: group {id} max");
        }
        for (id, i) in want["indicators"].as_object().unwrap() {
            let got = report
                .indicator(id)
                .unwrap_or_else(|| panic!("{name}: {id}"));
            assert_eq!(
                got.points.to_string(),
                s(&i["points"]),
                "{name}: {id} points"
            );
            assert_eq!(got.max.to_string(), s(&i["max"]), "{name}: {id} max");
            let status = serde_json::to_value(got.status).unwrap();
            assert_eq!(status, i["status"], "{name}: {id} status");
        }
        count += 1;
    }
    assert!(count >= 14, "only {count} cases");
}

#[test]
fn bad_version_2_methodologies_report_every_problem() {
    let bad: Json = serde_json::from_str(&read("rules/bad.json")).unwrap();
    for entry in bad.as_array().unwrap() {
        let name = s(&entry["name"]);
        let err = Methodology::from_json(&entry["methodology"].to_string()).unwrap_err();
        let Error::InvalidMethodology { problems } = &err else {
            panic!("{name}: {err}");
        };
        let want = entry["problems"].as_array().unwrap();
        assert_eq!(
            problems.len(),
            want.len(),
            "{name}: {problems:#?} vs {want:#?}"
        );
        for p in problems {
            // The Russian text is its own, never the English one embedded.
            assert!(!p.ru().contains(&p.flaw.to_string()), "{name}: {}", p.ru());
            assert!(!p.code().is_empty());
        }
    }
}

/// The organisations of `fixtures/nok/organisations.csv` scored by `nok-2019`.
fn nok_reports() -> Vec<(String, Report)> {
    let m = Methodology::builtin("nok-2019").unwrap();
    let text = read("nok/organisations.csv");
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    lines
        .filter(|l| !l.trim().is_empty())
        .map(|line| {
            let cells: Vec<&str> = line.split(',').collect();
            let values: BTreeMap<&str, &str> = header
                .iter()
                .copied()
                .zip(cells.iter().copied())
                .skip(1)
                .collect();
            let values = Values::from_json(&serde_json::to_string(&values).unwrap()).unwrap();
            let report = m.score(&values, Options::new().strict(true)).unwrap();
            (cells[0].to_string(), report)
        })
        .collect()
}

#[test]
fn nok_2019_matches_the_independent_reference_for_every_organisation() {
    let expected: Json = serde_json::from_str(&read("nok/expected.json")).unwrap();
    let reports = nok_reports();
    assert!(reports.len() >= 20);
    for (school, r) in &reports {
        let want = &expected[school.as_str()];
        assert_eq!(r.total.to_string(), s(&want["total"]), "{school}: total");
        for (id, v) in want["criteria"].as_object().unwrap() {
            let g = r.group(id).unwrap();
            match v {
                Json::Null => assert_eq!(g.max.to_string(), "0", "{school}: K{id} n/a"),
                v => assert_eq!(g.points.to_string(), s(v), "{school}: K{id}"),
            }
        }
        for (id, v) in want["indicators"].as_object().unwrap() {
            let i = r.indicator(id).unwrap();
            match v {
                Json::Null => assert_eq!(i.status, vsoko::Status::NotApplicable, "{school}: {id}"),
                v => assert_eq!(i.points.to_string(), s(v), "{school}: {id}"),
            }
        }
    }
}

#[test]
fn the_report_shows_how_inputs_became_points() {
    let m = Methodology::builtin("nok-2019").unwrap();
    let values = Values::from_json(r#"{"2.3.yes": 12, "2.3.of": 15, "1.2.channels": 4}"#).unwrap();
    let r = m.score(&values, Options::default()).unwrap();
    let i = r.indicator("2.3").unwrap();
    assert_eq!(i.how.as_deref(), Some("12 / 15 × 100 = 80"));
    assert_eq!(i.inputs.len(), 2);
    assert_eq!(i.inputs[0].id, "2.3.yes");
    assert_eq!(
        r.indicator("1.2").unwrap().how.as_deref(),
        Some("4 × 30 → 100")
    );
    // A version-1 indicator's value is its points: nothing more to show.
    let idx = Methodology::builtin("index-2023").unwrap();
    let r = idx
        .score(
            &Values::from_json(r#"{"1.1.1": 2}"#).unwrap(),
            Options::default(),
        )
        .unwrap();
    assert!(r.indicators[0].inputs.is_empty() && r.indicators[0].how.is_none());
}

#[test]
fn share_inputs_are_checked() {
    let m = Methodology::builtin("nok-2019").unwrap();
    let over = Values::from_json(r#"{"2.3.yes": 16, "2.3.of": 15}"#).unwrap();
    let e = m.score(&over, Options::default()).unwrap_err();
    assert_eq!(e.code(), "invalid_value");
    assert!(
        e.message_ru().contains("больше общего числа"),
        "{}",
        e.message_ru()
    );
    // 5 of 0 is bad data, not "nothing to ask".
    let none = Values::from_json(r#"{"2.3.yes": 5, "2.3.of": 0}"#).unwrap();
    assert_eq!(
        m.score(&none, Options::default()).unwrap_err().code(),
        "invalid_value"
    );
    assert!(e.to_string().contains("2.3.yes"), "{e}");
    let half = Values::from_json(r#"{"2.3.yes": 1.5}"#).unwrap();
    assert_eq!(
        m.score(&half, Options::default()).unwrap_err().code(),
        "invalid_value"
    );
    let yes = Values::from_json(r#"{"2.3.yes": true}"#).unwrap();
    assert_eq!(
        m.score(&yes, Options::default()).unwrap_err().code(),
        "invalid_value"
    );
    let many = Values::from_json(r#"{"1.2.channels": 6}"#).unwrap();
    assert_eq!(
        m.score(&many, Options::default()).unwrap_err().code(),
        "invalid_value"
    );
}

#[test]
fn version_1_files_still_load_and_version_2_fields_need_version_2() {
    let v1 = r#"{"format_version": 1, "id": "m", "title": "М",
      "groups": [{"id": "A", "kind": "criterion", "title": null,
                  "aggregation": {"type": "mean"},
                  "indicators": [{"id": "A.1", "title": null, "cap": "2"}]}]}"#;
    let Error::InvalidMethodology { problems } = Methodology::from_json(v1).unwrap_err() else {
        panic!()
    };
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].code(), "needs_version_2");
    let ok = v1.replace(r#""aggregation": {"type": "mean"},"#, "");
    assert_eq!(Methodology::from_json(&ok).unwrap().max().to_string(), "2");
    let v2 = v1.replace(r#""format_version": 1"#, r#""format_version": 2"#);
    assert_eq!(Methodology::from_json(&v2).unwrap().max().to_string(), "2");
}

proptest::proptest! {
    /// Any counts an organisation can report give a НОК total within 0..=100, every criterion
    /// within 0..=100 (or not applicable), never an error or a panic.
    #[test]
    fn nok_scores_stay_within_their_maxima(
        pairs in proptest::collection::vec((0u32..1000, 0u32..1000), 12),
        channels in 0u32..=5, c21 in 0u32..=5, c31 in 0u32..=5, c32 in 0u32..=6,
    ) {
        let m = Methodology::builtin("nok-2019").unwrap();
        let shares = ["1.1.stand", "1.1.site", "1.3.stand", "1.3.site", "2.3", "3.3", "4.1", "4.2", "4.3", "5.1", "5.2", "5.3"];
        let mut values = serde_json::Map::new();
        for (name, (a, b)) in shares.iter().zip(&pairs) {
            let (yes, of) = (a.min(b), a.max(b));
            let (y, o) = match *name {
                "1.1.stand" | "1.1.site" => (format!("{name}_placed"), format!("{name}_required")),
                "1.3.stand" | "1.3.site" => (format!("{name}_yes"), format!("{name}_of")),
                _ => (format!("{name}.yes"), format!("{name}.of")),
            };
            values.insert(y, (*yes).into());
            values.insert(o, (*of).into());
        }
        for (id, v) in [("1.2.channels", channels), ("2.1.conditions", c21), ("3.1.conditions", c31), ("3.2.conditions", c32)] {
            values.insert(id.into(), v.into());
        }
        let values = Values::from_json(&serde_json::Value::Object(values).to_string()).unwrap();
        let r = m.score(&values, Options::new().strict(true)).unwrap();
        proptest::prop_assert!(r.total >= rust_decimal::Decimal::ZERO && r.total <= r.max);
        proptest::prop_assert!(r.max == rust_decimal::Decimal::from(100) || r.max.is_zero());
        for g in &r.groups {
            proptest::prop_assert!(g.points <= g.max && g.max <= rust_decimal::Decimal::from(100));
            // Rounded once at the criterion: never more than two places.
            proptest::prop_assert!(g.points.scale() <= 2, "{} {}", g.id, g.points);
        }
    }
}

/// A methodology with a `share` indicator and a `mean` group, with or without declared rounding.
fn thirds(rounding: &str) -> Methodology {
    let text = format!(
        r#"{{"format_version": 2, "id": "thirds", "title": "Трети",{rounding}
        "inputs": [{{"id": "ok", "kind": "count"}}, {{"id": "all", "kind": "count"}},
                   {{"id": "a", "kind": "points", "max": "2"}}, {{"id": "b", "kind": "points", "max": "2"}},
                   {{"id": "c", "kind": "points", "max": "2"}}],
        "groups": [
          {{"id": "S", "kind": "criterion", "title": null, "indicators": [
            {{"id": "S.1", "title": null, "cap": "100", "rule": {{"type": "share", "yes": "ok", "of": "all"}}}}]}},
          {{"id": "M", "kind": "criterion", "title": null, "aggregation": {{"type": "mean"}}, "indicators": [
            {{"id": "M.1", "title": null, "cap": "2", "rule": {{"type": "points", "input": "a"}}}},
            {{"id": "M.2", "title": null, "cap": "2", "rule": {{"type": "points", "input": "b"}}}},
            {{"id": "M.3", "title": null, "cap": "2", "rule": {{"type": "points", "input": "c"}}}}]}}]}}"#
    );
    Methodology::from_json(&text).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn a_result_a_decimal_cannot_hold_is_an_error_unless_the_methodology_rounds() {
    let exact = Values::from_json(r#"{"ok": 1, "all": 4, "a": 1, "b": 1, "c": 1}"#).unwrap();
    let share = Values::from_json(r#"{"ok": 1, "all": 3, "a": 1, "b": 1, "c": 1}"#).unwrap();
    let mean = Values::from_json(r#"{"ok": 1, "all": 4, "a": 1, "b": 1, "c": 2}"#).unwrap();

    let plain = thirds("");
    let r = plain.score(&exact, Options::default()).unwrap();
    assert_eq!(r.total.to_string(), "26");
    let e = plain.score(&share, Options::default()).unwrap_err();
    assert_eq!(e.code(), "inexact_result");
    assert!(
        e.to_string()
            .starts_with("indicator \"S.1\": the points (33.33"),
        "{e}"
    );
    assert!(
        e.message_ru().starts_with("показатель «S.1»: баллы (33.33"),
        "{}",
        e.message_ru()
    );
    let e = plain.score(&mean, Options::default()).unwrap_err();
    assert!(
        matches!(&e, Error::InexactResult { id, .. } if id == "M"),
        "{e}"
    );
    assert!(
        e.message_ru().starts_with("группа «M»"),
        "{}",
        e.message_ru()
    );

    let rounded = thirds(
        r#" "rounding": {"places": 2, "mode": "half_away_from_zero", "at": ["indicators", "groups"]},"#,
    );
    let r = rounded.score(&share, Options::default()).unwrap();
    assert_eq!(r.indicator("S.1").unwrap().points.to_string(), "33.33");
    let r = rounded.score(&mean, Options::default()).unwrap();
    assert_eq!(r.group("M").unwrap().points.to_string(), "1.33");
    assert_eq!(r.total.to_string(), "26.33");
}
