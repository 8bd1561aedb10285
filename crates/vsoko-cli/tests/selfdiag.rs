//! `vsoko selfdiag` against the independent reference in `fixtures/selfdiag/` (a critical
//! indicator capping the level, a boarding-only indicator, per-direction levels, the weakest
//! directions, a table of schools with the summary across them), and its typed errors.

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

#[test]
fn a_table_of_schools_gives_each_school_and_the_summary_of_the_reference() {
    let o = vsoko(&[
        "selfdiag",
        "selfdiag/schools.csv",
        "--methodology-file",
        DEFINITION,
        "--format",
        "json",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let got: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(
        got,
        read_json(&fixtures().join("selfdiag/expected_schools.json"))
    );
    let o = vsoko(&[
        "selfdiag",
        "selfdiag/schools.csv",
        "--methodology-file",
        DEFINITION,
    ]);
    let t = text(&o.stdout);
    assert!(t.contains("5 из 9 школ, 55,56 %"), "{t}");
    assert!(t.contains("без муниципалитета — прошли 1 из 1"), "{t}");
}

#[test]
fn a_bad_row_of_a_table_is_named_by_row_and_column_and_the_others_are_kept() {
    let dir = std::env::temp_dir().join(format!("vsoko-selfdiag-t-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let table = std::fs::read_to_string(fixtures().join("selfdiag/schools.csv")).unwrap();
    let mut lines: Vec<String> = table.lines().map(String::from).collect();
    let header: Vec<&str> = lines[0].split(',').collect();
    let k2 = header.iter().position(|h| *h == "K2").unwrap();
    let mut third: Vec<String> = lines[3].split(',').map(String::from).collect();
    third[k2] = "Может быть".into();
    lines[3] = third.join(",");
    let bad = dir.join("schools.csv");
    std::fs::write(&bad, lines.join("\n") + "\n").unwrap();
    let o = vsoko(&[
        "selfdiag",
        bad.to_str().unwrap(),
        "--methodology-file",
        DEFINITION,
        "--format",
        "json",
    ]);
    assert_eq!(o.status.code(), Some(1), "a left-out school fails the run");
    let e = text(&o.stderr);
    assert!(
        e.contains("row 4") && e.contains("K2") && e.contains("«Может быть»"),
        "{e}"
    );
    let got: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(got["summary"]["schools"], 8, "the other schools are kept");

    let unknown = dir.join("unknown.csv");
    std::fs::write(&unknown, "Школа,K1,Z9\nА,Да,Да\n").unwrap();
    let o = vsoko(&[
        "selfdiag",
        unknown.to_str().unwrap(),
        "--methodology-file",
        DEFINITION,
    ]);
    assert_eq!(o.status.code(), Some(2));
    let e = text(&o.stderr);
    assert!(e.contains("Z9"), "{e}");
}
