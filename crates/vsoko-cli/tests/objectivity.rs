//! `vsoko objectivity` against the independent reference (`fixtures/objectivity/reference.py`,
//! written from the rules) and the hand-counted school export.

#![allow(clippy::unwrap_used, clippy::indexing_slicing)]

mod common;

use common::{fixtures, read_json, text, vsoko};
use serde_json::Value as Json;

/// The result restricted to the keys the expected file has (the engine adds evidence).
fn restricted(got: &Json, want: &Json) -> Json {
    let keep = |rows: &Json, like: &Json| -> Json {
        let keys: Vec<&String> = like
            .as_array()
            .and_then(|a| a.first())
            .and_then(Json::as_object)
            .map(|o| o.keys().collect())
            .unwrap_or_default();
        Json::Array(
            rows.as_array()
                .unwrap()
                .iter()
                .map(|r| {
                    let o = r.as_object().unwrap();
                    Json::Object(keys.iter().map(|k| ((*k).clone(), o[*k].clone())).collect())
                })
                .collect(),
        )
    };
    let mut out = serde_json::Map::new();
    for (k, v) in want.as_object().unwrap() {
        let g = &got[k];
        out.insert(
            k.clone(),
            if v.is_array() && !v.as_array().unwrap().is_empty() {
                keep(g, v)
            } else {
                g.clone()
            },
        );
    }
    Json::Object(out)
}

#[test]
fn every_reference_case_matches_exactly() {
    for case in [
        "small",
        "spearman_ties",
        "interval_edge",
        "cohort_edge",
        "region",
        "f1_vpr_math4",
    ] {
        let input = if case.starts_with("f1") {
            format!("objectivity/{case}.xlsx")
        } else {
            format!("objectivity/{case}.csv")
        };
        let o = vsoko(&["objectivity", &input, "--format", "json"]);
        assert_eq!(o.status.code(), Some(0), "{case}: {}", text(&o.stderr));
        let got: Json = serde_json::from_slice(&o.stdout).unwrap();
        let want = read_json(&fixtures().join(format!("objectivity/{case}.expected.json")));
        assert_eq!(restricted(&got, &want), want, "{case}");
    }
}

#[test]
fn the_planted_schools_are_exactly_the_flagged_ones() {
    let o = vsoko(&["objectivity", "objectivity/region.csv", "--format", "json"]);
    let got: Json = serde_json::from_slice(&o.stdout).unwrap();
    let mut flagged: Vec<(String, String)> = got["flags"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["school"].as_str().unwrap().to_string(),
                f["sign"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    flagged.dedup();
    let signs: std::collections::BTreeSet<&str> = flagged.iter().map(|(_, s)| s.as_str()).collect();
    assert!(
        signs.contains("inflated_mean")
            && signs.contains("mark_mismatch")
            && signs.contains("cohort_drop"),
        "{flagged:?}"
    );
    for f in got["flags"].as_array().unwrap() {
        assert!(!f["message"].as_str().unwrap().is_empty());
        assert!(
            f["message_ru"]
                .as_str()
                .unwrap()
                .chars()
                .any(|c| ('а'..='я').contains(&c))
        );
        assert!(f.get("detail").is_none() && f.get("detail_en").is_none());
    }
}

#[test]
fn outputs_for_people() {
    let o = vsoko(&["objectivity", "objectivity/region.csv"]);
    let t = text(&o.stdout);
    assert!(
        t.starts_with("Индекс объективности: 87.50 (школ: 40, с признаками необъективности: 5)"),
        "{t}"
    );
    let o = vsoko(&["objectivity", "objectivity/small.csv", "--format", "csv"]);
    let csv = text(&o.stdout);
    assert!(
        csv.starts_with("school,municipality,procedure,subject,grade,year,participants"),
        "{csv}"
    );
    assert_eq!(csv.lines().count(), 4);
    let o = vsoko(&[
        "objectivity",
        "objectivity/spearman_ties.csv",
        "--format",
        "html",
    ]);
    let html = text(&o.stdout);
    assert!(
        html.contains("<svg")
            && html.contains("понизили")
            && !html.contains("<script")
            && !html.contains("http://")
            && !html.contains("https://")
    );
}

#[test]
fn bad_rows_are_reported_and_the_rest_analysed() {
    let dir = std::env::temp_dir().join(format!("vsoko-obj-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let head = "school,municipality,year,procedure,subject,grade,class,pupil,score,max_score,mark,journal_mark\n";
    let good = "S1,M,2024,ВПР,Математика,4,4А,p1,10,20,4,4\n";
    let cases = [
        (
            "S1,M,2024,ВПР,Математика,4,4А,p2,10,20,6,4\n",
            "столбец K «mark»",
        ),
        (
            "S1,M,2024,ВПР,Математика,4,4А,p2,21,20,4,4\n",
            "столбец I «score»",
        ),
        (
            "S1,M,2024,ВПР,Математика,12,4А,p2,10,20,4,4\n",
            "столбец F «grade»",
        ),
        (
            "S1,M,2024,ВПР,Математика,4,4А,p2,abc,20,4,4\n",
            "столбец I «score»",
        ),
        ("S1,M,2024,ВПР,Математика,4,4А,p1,10,20,4,4\n", "«p1»"),
        (
            "S1,M,2024,ВПР,Математика,4,4А,p2,10,20,4,5-\n",
            "(столбец L «journal_mark»): «5-» не является отметкой: отметки с плюсом или минусом не входят в шкалу 2–5",
        ),
        (
            "S1,M,2024,ВПР,Математика,4,4А,p2,10,0,4,4\n",
            "(столбец J «max_score»): максимальный первичный балл равен 0; ожидается число больше нуля",
        ),
    ];
    for (bad, place) in cases {
        let p = dir.join("bad.csv");
        std::fs::write(&p, format!("{head}{good}{bad}")).unwrap();
        let o = vsoko(&["objectivity", p.to_str().unwrap(), "--format", "json"]);
        let err = text(&o.stderr);
        assert_eq!(o.status.code(), Some(1), "{bad}: {err}");
        assert!(
            err.contains("row 3: error[invalid_input]") && err.contains(place),
            "{bad}: {err}"
        );
        let got: Json = serde_json::from_slice(&o.stdout).unwrap();
        assert_eq!(got["groups"][0]["participants"], 1, "{bad}");
    }
    let p = dir.join("noheader.csv");
    std::fs::write(&p, "a,b\n1,2\n").unwrap();
    let o = vsoko(&["objectivity", p.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        text(&o.stderr).starts_with("error[invalid_input]"),
        "{}",
        text(&o.stderr)
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn both_cores_give_the_sequential_result_rows_and_all() {
    let dir = std::env::temp_dir().join(format!("vsoko-obj-par-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let region = fixtures().join("objectivity/region.csv");
    let run = |file: &str, parallel_from: &str| {
        let o = vsoko(&[
            "objectivity",
            file,
            "--format",
            "json",
            "--parallel-from",
            parallel_from,
        ]);
        (o.status.code(), text(&o.stdout), text(&o.stderr))
    };
    // Split in two (any size qualifies) against one part: the same JSON.
    let (c1, one, _) = run(region.to_str().unwrap(), "99999999999");
    let (c2, two, _) = run(region.to_str().unwrap(), "1");
    assert_eq!((c1, c2), (Some(0), Some(0)));
    assert_eq!(one, two);
    // A bad row in the second half is named by its own line.
    let body = std::fs::read_to_string(&region).unwrap();
    let lines: Vec<&str> = body.lines().collect();
    let last = lines.len();
    let bad = lines[last - 1].rsplitn(3, ',').collect::<Vec<_>>();
    let broken = format!("{},{},9", bad[2], bad[1]);
    let bad_body = lines[..last - 1].join("\n") + "\n" + &broken + "\n";
    let path = dir.join("bad.csv");
    std::fs::write(&path, &bad_body).unwrap();
    let (code, _, err) = run(path.to_str().unwrap(), "1");
    assert_eq!(code, Some(1));
    assert!(
        err.contains(&format!("row {last}: error[invalid_input]")),
        "{err}"
    );
    // A pupil in both halves: read again in order, so the later row is the one rejected.
    let first_pupil = lines[1];
    let dup = lines.join("\n") + "\n" + first_pupil + "\n";
    let path = dir.join("dup.csv");
    std::fs::write(&path, &dup).unwrap();
    let (code, _, err) = run(path.to_str().unwrap(), "1");
    assert_eq!(code, Some(1));
    assert!(err.contains("reading it again in order"), "{err}");
    assert!(
        err.contains(&format!("row {}: error[invalid_input]", last + 1)),
        "{err}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn absent_marks_spellings_and_empty_inputs_are_said_as_they_are() {
    let dir = std::env::temp_dir().join(format!("vsoko-obj-names-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let head = "school,municipality,year,procedure,subject,grade,class,pupil,score,max_score,mark,journal_mark,variant\n";
    let run = |name: &str, body: &str| {
        let p = dir.join(name);
        std::fs::write(&p, format!("{head}{body}")).unwrap();
        let o = vsoko(&["objectivity", p.to_str().unwrap(), "--format", "json"]);
        let json: Json = serde_json::from_slice(&o.stdout).unwrap();
        (o.status.code(), json, text(&o.stderr))
    };
    // «н» and «осв» are no journal mark: not compared, the score still counts. «впр» and
    // «математика » are the procedure and subject of the first row. «Шкoла 1» has a Latin «o».
    let (code, got, err) = run(
        "marks.csv",
        "Школа 1,M,2024,ВПР,Математика,4,,p1,10,20,4,4,\n\
         Школа 1,M,2024,впр,математика ,4,,p2,20,20,5,н,\n\
         Школа 1,M,2024,ВПР,Математика,4,,p3,14,20,4,Осв,\n\
         Шкoла 1,M,2024,ВПР,Математика,4,,p1,10,20,4,4,\n\
         Школа 2,M,2024,ВПР,Математика,4,,p1,,20,,4,отсутствовал\n",
    );
    assert_eq!(code, Some(0), "{err}");
    let groups = got["groups"].as_array().unwrap();
    let rows: Vec<(&str, &str, &str, u64, u64, u64, &str)> = groups
        .iter()
        .map(|g| {
            (
                g["school"].as_str().unwrap(),
                g["procedure"].as_str().unwrap(),
                g["subject"].as_str().unwrap(),
                g["participants"].as_u64().unwrap(),
                g["compared"].as_u64().unwrap(),
                g["absent"].as_u64().unwrap(),
                g["mean_score"].as_str().unwrap_or("—"),
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            // Table order is byte order: the Latin «o» sorts first.
            ("Шкoла 1", "ВПР", "Математика", 1, 1, 0, "10.00"),
            ("Школа 1", "ВПР", "Математика", 3, 1, 0, "14.67"),
            ("Школа 2", "ВПР", "Математика", 0, 0, 1, "—"),
        ]
    );
    // The absent school is not assessed: two schools, not three, and not «objective».
    assert_eq!(
        got["summary"],
        serde_json::json!({"schools": 2, "flagged_schools": 0,
                           "objectivity_index": "100.00", "not_assessed": 1})
    );
    assert!(
        err.contains("warning[not_assessed]: в школе «Школа 2» все участники отсутствовали"),
        "{err}"
    );
    assert_eq!(got["findings"][0]["code"], "school_spelling");
    assert!(
        err.contains("warning[school_spelling]: школа «Школа 1» написана иначе, чем «Шкoла 1»"),
        "{err}"
    );
    // Only absent pupils, or only a header: no index at all.
    let (code, got, err) = run(
        "absent.csv",
        "Школа 2,M,2024,ВПР,Математика,4,,p1,,20,,4,отсутствовал\n",
    );
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(got["summary"]["objectivity_index"], Json::Null);
    assert!(err.contains("warning[no_participants]"), "{err}");
    let (code, got, err) = run("header.csv", "");
    assert_eq!(code, Some(1), "{err}");
    assert_eq!(
        got["summary"],
        serde_json::json!({"schools": 0, "flagged_schools": 0, "objectivity_index": null})
    );
    assert!(err.contains("warning[no_pupils]"), "{err}");
    std::fs::remove_dir_all(&dir).unwrap();
}

/// The same table as Russian Excel saves it: `;` between cells, Windows-1251 text.
fn as_russian_excel(text: &str, dir: &std::path::Path, name: &str) -> std::path::PathBuf {
    let semicolons: String = text.lines().map(|l| l.replace(',', ";") + "\r\n").collect();
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1251.encode(&semicolons);
    assert!(!unmappable);
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

#[test]
fn a_table_saved_with_semicolons_in_windows_1251_reads_as_the_utf8_one() {
    let dir = std::env::temp_dir().join(format!("vsoko-obj-1251-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let original = fixtures().join("objectivity/small.csv");
    let table = std::fs::read_to_string(&original).unwrap();
    assert!(!table.contains(';') && table.lines().all(|l| !l.contains('"')));
    let russian = as_russian_excel(&table, &dir, "small_1251.csv");
    let run = |p: &std::path::Path| {
        let o = vsoko(&["objectivity", p.to_str().unwrap(), "--format", "json"]);
        assert!(o.status.success(), "{}", text(&o.stderr));
        text(&o.stdout)
    };
    let want = run(&original);
    assert!(want.contains("СОШ №1"), "{want}");
    assert_eq!(run(&russian), want);

    let no_header = dir.join("no_header.csv");
    std::fs::write(&no_header, "a;b\n1;2\n").unwrap();
    let o = vsoko(&["objectivity", no_header.to_str().unwrap()]);
    let err = text(&o.stderr);
    assert!(
        err.contains("не найдена строка заголовка: в таблице участников нужны столбец ученика («Код участника»"),
        "{err}"
    );
    assert!(
        !err.contains("header /") && !err.contains("column"),
        "{err}"
    );
}
