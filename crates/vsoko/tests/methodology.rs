//! The built-in methodologies reproduce their sources, and custom ones are validated.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use rust_decimal::Decimal;
use vsoko::{Error, Methodology};

/// The table of the slide "Методология и показатели оценки качества общего образования", typed in
/// from the source: id, title, indicators, cap per indicator, maximum.
const INDEX_2023: &[(&str, &str, usize, i64, i64)] = &[
    ("1", "Образовательные результаты", 30, 3, 90),
    ("1.1", "Результаты обучения", 17, 3, 51),
    ("1.2", "Профессиональное самоопределение", 8, 3, 24),
    ("1.3", "Результаты воспитания", 5, 3, 15),
    ("2", "Кадровый потенциал", 11, 2, 22),
    ("2.1", "Компетентность учителей", 7, 2, 14),
    ("2.2", "Квалификация учителей", 2, 2, 4),
    ("2.3", "Обеспеченность учителями", 2, 2, 4),
    ("3", "Образовательная среда", 31, 1, 31),
    (
        "3.1",
        "Электронная информационно-образовательная среда",
        2,
        1,
        2,
    ),
    ("3.2", "Материально-техническое обеспечение", 26, 1, 26),
    ("3.3", "Психологический климат", 3, 1, 3),
];

#[test]
fn index_2023_reproduces_the_sources_table() {
    let m = Methodology::builtin("index-2023").unwrap();
    let c = m.catalog();
    assert_eq!(c.groups.len(), INDEX_2023.len());
    for (g, (id, title, count, cap, max)) in c.groups.iter().zip(INDEX_2023) {
        assert_eq!(&g.id, id);
        assert_eq!(g.title.as_deref(), Some(*title));
        assert_eq!(g.indicator_count, *count, "{id}");
        assert_eq!(g.max, Decimal::from(*max), "{id}");
        if id.contains('.') {
            let inds: Vec<_> = c.indicators.iter().filter(|i| i.group == *id).collect();
            assert_eq!(inds.len(), *count);
            for (k, ind) in inds.iter().enumerate() {
                assert_eq!(ind.id, format!("{id}.{}", k + 1));
                assert_eq!(ind.max, Decimal::from(*cap));
                assert_eq!(ind.title, None, "the source does not name indicators");
                assert!(!ind.not_applicable);
            }
        }
    }
    assert_eq!(c.indicators.len(), 72);
    assert_eq!(c.max, Decimal::from(143));
    let bands: Vec<_> = c
        .levels
        .iter()
        .map(|l| (l.id.as_str(), l.from, l.to))
        .collect();
    assert_eq!(
        bands,
        [
            ("low", None, Some(Decimal::from(70))),
            ("medium", Some(Decimal::from(70)), Some(Decimal::from(110))),
            ("high", Some(Decimal::from(110)), None),
        ]
    );
}

#[test]
fn level_edges_follow_the_half_open_reading() {
    let m = Methodology::builtin("index-2023").unwrap();
    for (total, level) in [
        ("0", "low"),
        ("69", "low"),
        ("69.99", "low"),
        ("70", "medium"),
        ("109", "medium"),
        ("109.99", "medium"),
        ("110", "high"),
        ("143", "high"),
    ] {
        let t: Decimal = total.parse().unwrap();
        assert_eq!(m.level_of(t).map(|l| l.id.as_str()), Some(level), "{total}");
    }
}

#[test]
fn nocko_1547_has_two_criteria_of_ten_point_indicators() {
    let m = Methodology::builtin("nocko-1547").unwrap();
    let c = m.catalog();
    let ids: Vec<_> = c.indicators.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "1.1", "1.2", "1.3", "1.4", "2.1", "2.2", "2.3", "2.4", "2.5", "2.6", "2.7"
        ]
    );
    assert!(
        c.indicators
            .iter()
            .all(|i| i.max == Decimal::TEN && i.not_applicable)
    );
    assert_eq!(m.group("I").unwrap().max, Decimal::from(40));
    assert_eq!(m.group("II").unwrap().max, Decimal::from(70));
    assert!(c.levels.is_empty());
    assert!(
        m.indicator("2.3")
            .unwrap()
            .title
            .as_deref()
            .unwrap()
            .starts_with("Условия для индивидуальной работы")
    );
}

#[test]
fn builtin_json_round_trips_through_the_public_format() {
    for name in vsoko::methodology::BUILTIN {
        let m = Methodology::builtin(name).unwrap();
        let again = Methodology::from_json(&m.to_json()).unwrap();
        assert_eq!(again.spec(), m.spec());
    }
}

#[test]
fn validation_reports_every_problem_at_once() {
    let text = r#"{
      "format_version": 3, "id": "x", "title": "Т", "max": "5",
      "levels": [{"id": "a", "title": "A", "from": "3", "to": "1"},
                 {"id": "a", "title": "B", "from": "0"}],
      "groups": [
        {"id": "G", "kind": "criterion", "title": null, "max": "9",
         "indicators": [{"id": "G.1", "title": null, "cap": "0"},
                        {"id": "G.1", "title": "", "cap": "2"}]},
        {"id": "H", "kind": "criterion", "title": null}
      ]}"#;
    let Err(Error::InvalidMethodology { problems }) = Methodology::from_json(text) else {
        panic!("expected invalid_methodology");
    };
    let paths: Vec<String> = problems.iter().map(|p| p.at.to_string()).collect();
    let paths: Vec<&str> = paths.iter().map(String::as_str).collect();
    for expected in [
        "format_version",
        "indicator G.1",
        "group G",
        "group H",
        "max",
        "levels[0] (a)",
        "levels[1] (a)",
    ] {
        assert!(paths.contains(&expected), "{expected} not in {paths:?}");
    }
    // format_version; declared total 5 != 2; G.1 cap 0; G.1 twice; empty title; G declared 9 != 2;
    // H has no parts; band a is empty (3 >= 1); level id a twice; band 2 starts (0) below 1.
    assert_eq!(problems.len(), 10, "{problems:#?}");
}

#[test]
fn wrong_shape_is_an_invalid_methodology_with_a_position() {
    let err = Methodology::from_json(
        r#"{"format_version": 1, "id": "x", "title": "T", "groups": [], "extra": 1}"#,
    )
    .unwrap_err();
    assert_eq!(err.code(), "invalid_methodology");
    assert!(err.to_string().contains("extra"), "{err}");
    assert_eq!(
        Methodology::from_json("{").unwrap_err().code(),
        "invalid_json"
    );
    assert_eq!(
        Methodology::from_json(" ").unwrap_err().code(),
        "empty_input"
    );
}
