//! `vsoko selfdiag` against the independent reference in `fixtures/selfdiag/` (a critical
//! indicator capping the level, a boarding-only indicator, per-direction levels, the weakest
//! directions), and its typed errors.

mod common;

use common::{fixtures, read_json, text, vsoko};

const DEFINITION: &str = "selfdiag/example.json";

#[test]
fn every_reference_case_matches_exactly() {
    for case in ["medium", "critical", "boarding"] {
        let answers = format!("selfdiag/answers_{case}.json");
        let o = vsoko(&[
            "selfdiag",
            &answers,
            "--methodology-file",
            DEFINITION,
            "--format",
            "json",
        ]);
        assert_eq!(o.status.code(), Some(0), "{case}: {}", text(&o.stderr));
        let got: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        let want = read_json(&fixtures().join(format!("selfdiag/expected_{case}.json")));
        assert_eq!(got, want, "{case}");
    }
}

#[test]
fn the_capped_level_is_said_in_russian() {
    let o = vsoko(&[
        "selfdiag",
        "selfdiag/answers_critical.json",
        "--methodology-file",
        DEFINITION,
    ]);
    let out = text(&o.stdout);
    assert!(
        out.contains("Сумма баллов: 30,5 из 33,5 балла. Уровень: Ниже базового"),
        "{out}"
    );
    assert!(
        out.contains("Не выполнены критические показатели: T1"),
        "{out}"
    );
    assert!(
        out.contains("Знание — 6 из 6 баллов (уровень: Высокий)"),
        "{out}"
    );
}

#[test]
fn bad_answers_and_definitions_get_typed_errors() {
    let dir = std::env::temp_dir().join(format!("vsoko-selfdiag-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut answers: serde_json::Value =
        read_json(&fixtures().join("selfdiag/answers_medium.json"));
    answers["answers"]["K1"] = "Может быть".into();
    let bad = dir.join("bad_answer.json");
    std::fs::write(&bad, answers.to_string()).unwrap();
    let o = vsoko(&[
        "selfdiag",
        bad.to_str().unwrap(),
        "--methodology-file",
        DEFINITION,
    ]);
    assert_eq!(o.status.code(), Some(2));
    let e = text(&o.stderr);
    assert!(
        e.contains("K1") && e.contains("«Может быть»") && e.contains("«Да»"),
        "{e}"
    );

    let mut definition = read_json(&fixtures().join(DEFINITION));
    definition["levels"][2]["from"] = "5".into(); // below the previous threshold
    definition["critical_cap"] = "nope".into();
    definition["directions"][1]["indicators"][0]["id"] = "K1".into(); // an id given twice
    let broken = dir.join("broken.json");
    std::fs::write(&broken, definition.to_string()).unwrap();
    let o = vsoko(&[
        "selfdiag",
        "selfdiag/answers_medium.json",
        "--methodology-file",
        broken.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    let e = text(&o.stderr);
    assert!(e.contains("(3)"), "every problem at once: {e}");
    assert!(e.contains("critical_cap") && e.contains("K1"), "{e}");
}
