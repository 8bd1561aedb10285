//! `vsoko selfexam check|skeleton` on the shared fixtures.

#![allow(clippy::unwrap_used, clippy::indexing_slicing)]

mod common;
use common::{fixtures, read_json, text, vsoko};
use serde_json::Value as Json;

#[test]
fn check_exit_codes_and_json_follow_the_findings() {
    let index = read_json(&fixtures().join("selfexam.json"));
    for case in index.as_array().unwrap() {
        let file = case["file"].as_str().unwrap();
        let mut args = vec!["selfexam", "check", file, "--format", "json"];
        if let Some(d) = case["as_of"].as_str() {
            args.extend(["--as-of", d]);
        }
        let o = vsoko(&args);
        if let Some(code) = case["error"].as_str() {
            assert_eq!(o.status.code(), Some(2), "{file}");
            assert!(
                text(&o.stderr).starts_with(&format!("error[{code}]")),
                "{file}: {}",
                text(&o.stderr)
            );
            continue;
        }
        let got: Json = serde_json::from_str(&text(&o.stdout)).unwrap();
        let errors = got["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["severity"] == "error")
            .count();
        assert_eq!(o.status.code(), Some(i32::from(errors > 0)), "{file}");
        assert_eq!(
            got["complete"],
            case["findings"].as_array().unwrap().is_empty(),
            "{file}"
        );
        assert!(got["due"].is_string(), "{file}");
        for f in got["findings"].as_array().unwrap() {
            assert!(
                f["code"].is_string() && f["message"].is_string() && f["message_ru"].is_string()
            );
            assert!(f.get("section").is_some(), "section key always present");
        }
    }
}

#[test]
fn check_table_is_russian() {
    let o = vsoko(&["selfexam", "check", "selfexam/published_21_april.json"]);
    assert_eq!(o.status.code(), Some(1));
    let out = text(&o.stdout);
    assert!(
        out.contains("ОШИБКА") && out.contains("published_late") && out.contains("2024-04-21"),
        "{out}"
    );
}

#[test]
fn skeleton_markdown_and_json() {
    let o = vsoko(&["selfexam", "skeleton", "--year", "2024"]);
    assert!(o.status.success());
    let md = text(&o.stdout);
    assert!(md.contains("не позднее **20.04.2025**"), "{md}");
    assert!(md.contains("## 1. Оценка образовательной деятельности"));
    assert!(md.contains(
        "## 11. Анализ показателей деятельности организации, подлежащей самообследованию"
    ));
    let o = vsoko(&["selfexam", "skeleton", "--year", "2024", "--format", "json"]);
    let doc: Json = serde_json::from_str(&text(&o.stdout)).unwrap();
    assert_eq!(doc["reporting_year"], 2024);
    assert_eq!(doc["sections"].as_object().unwrap().len(), 11);
}

#[test]
fn skeleton_attaches_scored_results() {
    let dir = std::env::temp_dir().join(format!("vsoko-attach-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let result = dir.join("school_42.result.json");
    let o = vsoko(&[
        "score",
        "schools/index-2023/school_42.json",
        "--format",
        "json",
    ]);
    std::fs::write(&result, &o.stdout).unwrap();
    let o = vsoko(&[
        "selfexam",
        "skeleton",
        "--year",
        "2023",
        "--attach",
        result.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let want = read_json(&fixtures().join("schools/index-2023/school_42.expected.json"));
    let md = text(&o.stdout);
    assert!(
        md.contains(&format!(
            "{} из 143 баллов, Средний уровень",
            want["total"].as_str().unwrap().replace('.', ",")
        )),
        "{md}"
    );
    let o = vsoko(&[
        "selfexam",
        "skeleton",
        "--year",
        "2023",
        "--attach",
        "schools/index-2023/school_42.json",
    ]);
    assert_eq!(
        o.status.code(),
        Some(2),
        "an input document is not a result"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}
