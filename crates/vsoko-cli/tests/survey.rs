//! `vsoko survey` against the independent reference in `fixtures/survey/` (every answer kind,
//! an open-text column, two periods and their change, groups by class, the НОК inputs from raw
//! answers — scored to the total the НОК reference gives), and its findings and errors.

mod common;

use common::{fixtures, read_json, text, vsoko};

fn json_of(args: &[&str]) -> serde_json::Value {
    let o = vsoko(args);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    serde_json::from_slice(&o.stdout).unwrap_or_default()
}

#[test]
fn figures_match_the_reference() {
    let both = json_of(&[
        "survey",
        "survey/2024-spring.csv",
        "survey/2024-autumn.csv",
        "--definition",
        "survey/parents.json",
        "--format",
        "json",
    ]);
    assert_eq!(both, read_json(&fixtures().join("survey/expected.json")));
    let by_class = json_of(&[
        "survey",
        "survey/2024-autumn.csv",
        "--definition",
        "survey/parents.json",
        "--by",
        "Класс",
        "--format",
        "json",
    ]);
    assert_eq!(
        by_class,
        read_json(&fixtures().join("survey/expected_by_class.json"))
    );
    let o = vsoko(&[
        "survey",
        "survey/2024-spring.csv",
        "survey/2024-autumn.csv",
        "--definition",
        "survey/parents.json",
    ]);
    let t = text(&o.stdout);
    assert!(
        t.contains("удовлетворены 8 из 12 ответивших (66,67 %), 15 респондентов"),
        "{t}"
    );
    assert!(t.contains("q2: 85,71 % → 82,35 %"), "{t}");
    assert!(text(&o.stderr).contains("warning[column_unused]"));
}

#[test]
fn nok_inputs_from_raw_answers_score_to_the_reference_total() {
    let nok = json_of(&[
        "survey",
        "survey/nok-answers.csv",
        "--definition",
        "nok-2019",
        "--columns",
        "survey/nok-columns.json",
        "--nok",
    ]);
    let want = read_json(&fixtures().join("survey/expected_nok.json"));
    assert_eq!(nok["values"], want["values"]);
    // The organisation's other inputs from the НОК fixtures, the survey inputs from the answers.
    let orgs = std::fs::read_to_string(fixtures().join("nok/organisations.csv")).unwrap();
    let mut lines = orgs.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let row: Vec<&str> = lines
        .find(|l| l.starts_with("school_03_thirds,"))
        .unwrap()
        .split(',')
        .collect();
    let mut values = serde_json::Map::new();
    for (k, v) in header.iter().zip(&row).skip(1) {
        values.insert((*k).to_string(), v.parse::<u64>().unwrap().into());
    }
    for (k, v) in nok["values"].as_object().unwrap() {
        values.insert(k.clone(), v.clone());
    }
    let doc = serde_json::json!({"methodology": "nok-2019", "values": values});
    let dir = std::env::temp_dir().join(format!("vsoko-survey-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let input = dir.join("nok.json");
    std::fs::write(&input, doc.to_string()).unwrap();
    let scored = json_of(&["score", input.to_str().unwrap(), "--format", "json"]);
    let total = read_json(&fixtures().join("survey/expected_nok_total.json"));
    assert_eq!(scored["total"], total["total"]);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn an_unknown_answer_is_named_by_row_and_column_and_not_counted() {
    let dir = std::env::temp_dir().join(format!("vsoko-survey-bad-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let csv = std::fs::read_to_string(fixtures().join("survey/2024-autumn.csv")).unwrap();
    // Row 2's first question answered "Да" becomes "Возможно".
    let mut lines: Vec<String> = csv.lines().map(String::from).collect();
    lines[1] = lines[1].replacen(",Мама,Да,", ",Мама,Возможно,", 1);
    let bad = dir.join("2024-autumn.csv");
    std::fs::write(&bad, lines.join("\r\n") + "\r\n").unwrap();
    let o = vsoko(&[
        "survey",
        bad.to_str().unwrap(),
        "--definition",
        "survey/parents.json",
        "--format",
        "json",
    ]);
    assert_eq!(o.status.code(), Some(1));
    let e = text(&o.stderr);
    assert!(
        e.contains("error[unknown_answer]")
            && e.contains("строка 2, столбец 4")
            && e.contains("«Возможно»"),
        "{e}"
    );
    let got: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let want = read_json(&fixtures().join("survey/expected.json"));
    let autumn_q1 = |v: &serde_json::Value| {
        v["questions"]
            .as_array()
            .unwrap()
            .iter()
            .find(|q| q["id"] == "q1" && q["period"] == "2024-autumn")
            .unwrap()["answered"]
            .as_u64()
            .unwrap()
    };
    assert_eq!(autumn_q1(&got) + 1, autumn_q1(&want), "not counted");

    let o = vsoko(&[
        "survey",
        bad.to_str().unwrap(),
        "--definition",
        "survey/parents.json",
        "--by",
        "Школа",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o.stderr).contains("Школа"));

    let mut broken = read_json(&fixtures().join("survey/parents.json"));
    broken["questions"][1]["id"] = "q1".into();
    broken["questions"][3]["scale"]["satisfied_from"] = 9.into();
    broken["questions"][0]["not_applicable"] = serde_json::json!(["Да"]);
    let def = dir.join("broken.json");
    std::fs::write(&def, broken.to_string()).unwrap();
    let o = vsoko(&[
        "survey",
        bad.to_str().unwrap(),
        "--definition",
        def.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    let e = text(&o.stderr);
    assert!(e.contains("(3)"), "every problem at once: {e}");
    std::fs::remove_dir_all(&dir).unwrap();
}
