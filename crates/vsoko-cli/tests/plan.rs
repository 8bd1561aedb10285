//! `vsoko plan` end to end on the cleaned source tables (the cyclogram and the monthly plan of 2023/24) and the finding fixtures (all counted by
//! hand: `fixtures/plan/expected.json`, `fixtures/plan/findings/make.py`).

#![allow(clippy::unwrap_used, clippy::indexing_slicing)]

mod common;

use common::{fixtures, read_json, text, vsoko};
use serde_json::Value as Json;
use std::collections::BTreeMap;

fn plan_json(args: &[&str]) -> Json {
    let o = vsoko(args);
    assert!(o.status.success(), "{args:?}: {}", text(&o.stderr));
    serde_json::from_str(&text(&o.stdout)).unwrap()
}

fn count_by(items: &[Json], key: impl Fn(&Json) -> Vec<String>) -> BTreeMap<String, u64> {
    let mut out = BTreeMap::new();
    for i in items {
        for k in key(i) {
            *out.entry(k).or_default() += 1;
        }
    }
    out
}

fn months(item: &Json) -> Vec<String> {
    match item["schedule"]["months"].as_array() {
        Some(m) => m.iter().map(|m| m.as_str().unwrap().to_string()).collect(),
        None => vec!["none".into()],
    }
}

fn expected(file: &str) -> Json {
    let all = read_json(&fixtures().join("plan/expected.json"));
    all.as_array()
        .unwrap()
        .iter()
        .find(|e| e["file"] == file)
        .unwrap()
        .clone()
}

fn as_counts(v: &Json) -> BTreeMap<String, u64> {
    v.as_object()
        .unwrap()
        .iter()
        .map(|(k, v)| (k.clone(), v.as_u64().unwrap()))
        .collect()
}

#[test]
fn the_source_cyclogram_imports_with_every_row() {
    let plan = plan_json(&[
        "plan",
        "import",
        "plan/cyclogram_2023_24.csv",
        "--year",
        "2023/24",
    ]);
    let want = expected("cyclogram_2023_24.csv");
    let items = plan["items"].as_array().unwrap();
    assert_eq!(items.len() as u64, want["items"].as_u64().unwrap());
    assert_eq!(count_by(items, months), as_counts(&want["items_per_month"]));
    let by_mechanism = count_by(items, |i| {
        vec![i["mechanism"].as_str().unwrap().to_string()]
    });
    assert_eq!(
        by_mechanism,
        as_counts(&want["items_per_mechanism_verbatim"])
    );
    // The group of mechanisms names the object.
    let by_object = count_by(items, |i| vec![i["object"].as_str().unwrap().to_string()]);
    assert_eq!(by_object.values().copied().collect::<Vec<_>>(), [44, 44]);
    assert!(
        items
            .iter()
            .all(|i| !i["content"].as_str().unwrap().is_empty())
    );
}

#[test]
fn the_source_monthly_plan_imports_with_its_headings() {
    let plan = plan_json(&[
        "plan",
        "import",
        "plan/monthly_plan_2023_24.csv",
        "--year",
        "2023/24",
    ]);
    let want = expected("monthly_plan_2023_24.csv");
    let items = plan["items"].as_array().unwrap();
    assert_eq!(items.len() as u64, want["items"].as_u64().unwrap());
    assert_eq!(count_by(items, months), as_counts(&want["items_per_month"]));
    let by_object = count_by(items, |i| {
        vec![i["object"].as_str().unwrap_or("none").to_string()]
    });
    assert_eq!(by_object, as_counts(&want["items_per_object"]));
    // «Объект контроля» is the subject; the method column lands in `method`.
    // Nothing in a row is lost: every item row of the CSV is an item with each cell in its field.
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_path(fixtures().join("plan/monthly_plan_2023_24.csv"))
        .unwrap();
    let field = |i: &Json, k: &str| match &i[k] {
        Json::Array(a) => a
            .iter()
            .map(|x| x.as_str().unwrap())
            .collect::<Vec<_>>()
            .join(" "),
        v => v.as_str().unwrap_or("").to_string(),
    };
    let mut rows = 0;
    for rec in reader.records() {
        let rec = rec.unwrap();
        let cells: Vec<String> = rec
            .iter()
            .map(|c| c.split_whitespace().collect::<Vec<_>>().join(" "))
            .collect();
        if cells.iter().filter(|c| !c.is_empty()).count() < 2 {
            continue;
        }
        let item = &items[rows];
        for (k, cell) in ["content", "subject", "method", "responsible", "result"]
            .iter()
            .zip(&cells)
        {
            assert_eq!(field(item, k), *cell, "row {rows}: {k}");
        }
        rows += 1;
    }
    assert_eq!(rows, items.len());
}

#[test]
fn every_finding_code_has_a_fixture_that_gives_exactly_it() {
    let index = read_json(&fixtures().join("plan/findings/index.json"));
    let mut seen = Vec::new();
    for case in index.as_array().unwrap() {
        let file = format!("plan/findings/{}", case["file"].as_str().unwrap());
        let mut args = vec!["plan", "check", file.as_str(), "--format", "json"];
        if let Some(d) = case["options"]["as_of"].as_str() {
            args.extend(["--as-of", d]);
        }
        let o = vsoko(&args);
        let result: Json = serde_json::from_str(&text(&o.stdout)).unwrap();
        let mut codes: Vec<String> = result["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["code"].as_str().unwrap().to_string())
            .collect();
        codes.sort();
        codes.dedup();
        let want: Vec<String> = case["codes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c.as_str().unwrap().to_string())
            .collect();
        assert_eq!(codes, want, "{file}");
        let errors = result["has_errors"].as_bool().unwrap();
        assert_eq!(o.status.code(), Some(i32::from(errors)), "{file}");
        assert_eq!(result["complete"], want.is_empty(), "{file}");
        for f in result["findings"].as_array().unwrap() {
            assert!(
                f["message_ru"]
                    .as_str()
                    .unwrap()
                    .chars()
                    .any(|c| ('а'..='я').contains(&c))
            );
            // Two languages, two texts: `message` is the English one.
            assert_ne!(f["message"], f["message_ru"], "{file}");
            assert!(f.get("message_en").is_none(), "{file}");
            let en = f["message"].as_str().unwrap();
            assert!(
                en.split(|c: char| !c.is_ascii_alphabetic())
                    .any(|w| w.len() >= 4),
                "{file}: {en}"
            );
        }
        seen.extend(want);
    }
    for code in [
        "when_unparsed",
        "when_outside_year",
        "when_invalid_date",
        "when_partly_outside_year",
        "responsible_missing",
        "result_missing",
        "follows_up_unknown",
        "selfexam_missing",
        "no_recontrol",
        "month_uncovered",
        "object_uncovered",
        "mechanism_uncovered",
        "mechanism_unknown",
        "vpr_analysis_missing",
        "gia_analysis_missing",
        "objectivity_missing",
        "recontrol_not_later",
        "responsible_overloaded",
        "overdue",
    ] {
        assert!(seen.iter().any(|s| s == code), "{code} has no fixture");
    }
}

#[test]
fn deficits_become_addressed_actions_that_pass_their_own_check() {
    let dir = std::env::temp_dir().join(format!("vsoko-plan-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let o = vsoko(&[
        "score",
        "schools/index-2023/school_42.json",
        "--format",
        "json",
    ]);
    let result = dir.join("result.json");
    std::fs::write(&result, &o.stdout).unwrap();
    let report: Json = serde_json::from_slice(&o.stdout).unwrap();
    let plan = plan_json(&[
        "plan",
        "actions",
        result.to_str().unwrap(),
        "--as-of",
        "2024-01-15",
        "--top",
        "3",
        "--plan",
        "plan/findings/complete.json",
    ]);
    let items = plan["items"].as_array().unwrap();
    assert_eq!(items.len(), 12 + 6, "merged into the 12 items of the plan");
    // The three criteria that lost most, by hand from the report: groups without sub-groups.
    let mut lost: Vec<(String, f64)> = report["groups"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|g| g["kind"] == "criterion")
        .map(|g| {
            (
                g["id"].as_str().unwrap().to_string(),
                g["lost"].as_str().unwrap().parse().unwrap(),
            )
        })
        .collect();
    lost.sort_by(|a, b| b.1.partial_cmp(&a.1).unwrap());
    let actions: Vec<&Json> = items
        .iter()
        .filter(|i| i.get("deficit").is_some())
        .collect();
    let groups: Vec<&str> = actions
        .iter()
        .map(|a| a["deficit"]["group"].as_str().unwrap())
        .collect();
    let want: Vec<&str> = lost.iter().take(3).map(|(g, _)| g.as_str()).collect();
    assert_eq!(groups, want);
    for a in &actions {
        let id = a["id"].as_str().unwrap();
        let month = a["schedule"]["months"][0].as_str().unwrap();
        assert!(month > "2024-01", "{id} after the as-of date: {month}");
        let r = items.iter().find(|i| i["follows_up"] == id).unwrap();
        let again = r["schedule"]["months"][0].as_str().unwrap();
        assert!(again > month && again <= "2024-06", "{again} after {month}");
        assert!(!a["responsible"].as_array().unwrap().is_empty());
        assert!(
            a["content"]
                .as_str()
                .unwrap()
                .contains(a["deficit"]["lost"].as_str().unwrap())
        );
    }
    let merged = dir.join("plan.json");
    std::fs::write(&merged, serde_json::to_string(&plan).unwrap()).unwrap();
    let o = vsoko(&[
        "plan",
        "check",
        merged.to_str().unwrap(),
        "--format",
        "json",
    ]);
    let check: Json = serde_json::from_str(&text(&o.stdout)).unwrap();
    assert!(
        !check["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["code"] == "no_recontrol"),
        "{check}"
    );
    // Running it again on its own output changes nothing.
    let again = plan_json(&[
        "plan",
        "actions",
        result.to_str().unwrap(),
        "--as-of",
        "2024-01-15",
        "--plan",
        merged.to_str().unwrap(),
    ]);
    assert_eq!(again, plan);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn the_template_and_the_views() {
    let plan = plan_json(&["plan", "template", "cyclogram-2023", "--year", "2024/25"]);
    assert_eq!(plan["academic_year"], "2024/25");
    assert_eq!(plan["items"].as_array().unwrap().len(), 88);
    assert_eq!(plan["items"][0]["schedule"]["months"][0], "2024-08");
    let o = vsoko(&[
        "plan",
        "show",
        "plan/cyclogram_2023_24.csv",
        "--year",
        "2023/24",
    ]);
    let md = text(&o.stdout);
    assert!(
        md.contains("| Механизм / объект | август 2023 | сентябрь 2023 |"),
        "{md}"
    );
    assert_eq!(md.lines().filter(|l| l.starts_with("| По ")).count(), 9);
    let o = vsoko(&[
        "plan",
        "show",
        "plan/cyclogram_2023_24.csv",
        "--year",
        "2023/24",
        "--format",
        "html",
    ]);
    let html = text(&o.stdout);
    assert!(html.contains("@page { size: A4 landscape"));
    assert!(!html.contains("http://") && !html.contains("https://") && !html.contains("<script"));
    let dir = std::env::temp_dir().join(format!("vsoko-plan-x-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let xlsx = dir.join("c.xlsx");
    let o = vsoko(&[
        "plan",
        "show",
        "plan/cyclogram_2023_24.csv",
        "--year",
        "2023/24",
        "--format",
        "xlsx",
        "-o",
        xlsx.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let rows = vsoko_cli::tables::read_table(&xlsx).unwrap_or_else(|_| panic!("unreadable"));
    assert_eq!(rows[0].1[0], "Циклограмма ВСОКО на 2023/24 учебный год");
    assert_eq!(rows[1].1[1], "август 2023");
    assert!(rows[2].1[1].starts_with("1. Анализ результативности ГИА"));
    let o = vsoko(&[
        "plan",
        "show",
        "plan/findings/complete.json",
        "--view",
        "agenda",
        "--responsible",
        "по АХЧ",
    ]);
    let agenda = text(&o.stdout);
    assert_eq!(
        agenda
            .lines()
            .filter(|l| l.starts_with("| 4 ") || l.starts_with("| 5 "))
            .count(),
        2,
        "{agenda}"
    );
    let o = vsoko(&[
        "plan",
        "show",
        "plan/findings/complete.json",
        "--view",
        "due",
        "--as-of",
        "2024-03-05",
        "--format",
        "json",
    ]);
    let due: Json = serde_json::from_str(&text(&o.stdout)).unwrap();
    let ids = |k: &str| {
        due[k]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["id"].as_str().unwrap().to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(ids("due"), ["5", "6"]);
    assert_eq!(ids("overdue"), ["1", "2", "3", "4", "11", "12"]);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn bad_plans_are_typed_errors_naming_the_place() {
    let dir = std::env::temp_dir().join(format!("vsoko-plan-bad-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let write = |name: &str, body: &str| {
        let p = dir.join(name);
        std::fs::write(&p, body).unwrap();
        p.display().to_string()
    };
    let cases = [
        (write("empty.csv", ""), "empty_input", ""),
        (write("empty.json", " "), "empty_input", ""),
        (write("not.xlsx", "not a zip"), "invalid_input", "XLSX"),
        (
            write("cols.csv", "Месяц;Содержание;Цвет\nянварь;a;b\n"),
            "invalid_input",
            "столбец C",
        ),
        (
            write("quote.csv", "Месяц;Содержание\nянварь;\"a\nфевраль;b\n"),
            "invalid_input",
            "строке 2",
        ),
        (
            write(
                "dup.json",
                r#"{"academic_year": "2023/24", "items": [{"id": "1", "when": "май", "content": "a"}, {"id": "1", "when": "май", "content": "b"}]}"#,
            ),
            "invalid_input",
            "«1»",
        ),
        (
            write(
                "object.json",
                r#"{"academic_year": "2023/24", "items": [{"id": "1", "when": "май", "content": "a", "object": "weather"}]}"#,
            ),
            "invalid_input",
            "строка 1",
        ),
        (
            write(
                "date.json",
                r#"{"academic_year": "2023/24", "items": [{"id": "1", "when": "май", "content": "a", "done_on": "2024-02-30"}]}"#,
            ),
            "invalid_input",
            "",
        ),
        (
            write("year.csv", "Месяц;Содержание\nянварь;a\n"),
            "invalid_input",
            "учебный год",
        ),
    ];
    for (file, code, part) in cases {
        let o = vsoko(&["plan", "check", &file]);
        let err = text(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{file}: {err}");
        assert!(err.starts_with(&format!("error[{code}]")), "{file}: {err}");
        assert!(err.contains(part), "{file}: {err}");
        assert!(!err.contains("panicked"), "{file}: {err}");
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_plan_saved_in_windows_1251_imports_as_the_utf8_one() {
    let original = fixtures().join("plan/cyclogram_2023_24.csv");
    let table = std::fs::read_to_string(&original).unwrap();
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1251.encode(&table);
    assert!(!unmappable);
    let copy = std::env::temp_dir().join(format!("vsoko-plan-1251-{}.csv", std::process::id()));
    std::fs::write(&copy, bytes).unwrap();
    let import = |p: &std::path::Path| {
        let o = vsoko(&["plan", "import", p.to_str().unwrap(), "--year", "2023/24"]);
        assert!(o.status.success(), "{}", text(&o.stderr));
        text(&o.stdout)
    };
    let want = import(&original);
    assert!(want.contains("Анализ результативности ГИА"), "{want}");
    assert_eq!(import(&copy), want);
}
