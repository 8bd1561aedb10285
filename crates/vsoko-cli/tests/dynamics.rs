//! `vsoko dynamics` and `vsoko dashboard` on the fixtures of `fixtures/dynamics/`, whose expected
//! output comes from `fixtures/dynamics/reference.py` (written from the rules, not from vsoko).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use serde_json::Value as Json;
use std::path::PathBuf;
use std::process::{Command, Output};

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/dynamics")
}

fn vsoko(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_vsoko"))
        .current_dir(dir())
        .args(args)
        .output()
        .unwrap()
}

fn json(o: &Output) -> Json {
    serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&o.stderr)))
}

fn expected(path: &str) -> Json {
    serde_json::from_str(&std::fs::read_to_string(dir().join(path)).unwrap()).unwrap()
}

const M: &str = "--methodology-file=methodology.json";

#[test]
fn the_wire_contract_matches_the_reference_for_both_layouts() {
    let want = expected("expected.json");
    for files in [
        &["2023.csv", "2024.csv"][..],
        &["long.csv"][..],
        &["2024.csv", "2023.csv"][..],
    ] {
        let mut args = vec!["dynamics", M, "--format", "json"];
        args.extend(files);
        let out = vsoko(&args);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let got = json(&out);
        for key in ["periods", "municipalities", "ratings", "groups"] {
            assert_eq!(got[key], want[key], "{files:?}: {key}");
        }
        if files[0] == "2024.csv" {
            // Given in reverse, the periods still sort; schools follow first appearance.
            let n = |j: &Json| j["schools"].as_array().map(Vec::len);
            assert_eq!(n(&got), n(&want));
        } else {
            assert_eq!(got["schools"], want["schools"], "{files:?}");
            assert_eq!(got["relative"], want["relative"], "{files:?}");
        }
    }
    let one = vsoko(&[
        "dynamics",
        M,
        "--format",
        "json",
        "one_period_municipality/2023.csv",
        "one_period_municipality/2024.csv",
    ]);
    let want = expected("one_period_municipality/expected.json");
    let got = json(&one);
    for key in [
        "periods",
        "schools",
        "municipalities",
        "ratings",
        "relative",
        "groups",
    ] {
        assert_eq!(got[key], want[key], "{key}");
    }
}

const CONTEXT: [&str; 6] = [
    "--context-file",
    "context.csv",
    "--context",
    "location,social_index",
    "--bands",
    "2",
];

#[test]
fn with_a_context_the_last_period_is_rated_in_groups_of_similar_conditions() {
    let mut args = vec!["dynamics", M, "2023.csv", "2024.csv", "--format", "json"];
    args.extend(CONTEXT);
    let out = vsoko(&args);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let (got, want) = (json(&out), expected("expected_context.json"));
    for (key, value) in want.as_object().unwrap() {
        assert_eq!(&got[key], value, "{key}");
    }

    // The dashboard shows the resilient schools and each school against its group.
    let page = std::env::temp_dir().join(format!("vsoko-dash-ctx-{}.html", std::process::id()));
    let mut args = vec!["dashboard", M, "2023.csv", "2024.csv", "-o"];
    args.push(page.to_str().unwrap());
    args.extend(CONTEXT);
    assert_eq!(vsoko(&args).status.code(), Some(0));
    let html = std::fs::read_to_string(&page).unwrap();
    let _ = std::fs::remove_file(&page);
    let want = expected("expected_context.json");
    let resilient = want["ratings"]["resilient"].as_array().unwrap();
    assert!(!resilient.is_empty());
    assert!(html.contains(&format!("data-k=\"resilient\">{}<", resilient.len())));
    for r in resilient {
        let school = r["school"].as_str().unwrap();
        let value = r["value"].as_str().unwrap().replace('.', ",");
        assert!(
            html.contains(&format!("data-k=\"resilient:{school}\">{value}<")),
            "{school}"
        );
    }
    for u in want["ratings"]["units"].as_array().unwrap() {
        let (school, mun) = (
            u["school"].as_str().unwrap(),
            u["municipality"].as_str().unwrap(),
        );
        let place = u["place_in_group"].as_u64().unwrap();
        assert!(
            html.contains(&format!(
                "data-k=\"place_in_group:{mun}:{school}\">{place} из "
            )),
            "{mun}: {school}"
        );
    }
}

#[test]
fn a_school_without_conditions_is_named_and_an_unused_row_is_said() {
    let tmp = std::env::temp_dir().join(format!("vsoko-dyn-ctx-{}", std::process::id()));
    std::fs::create_dir_all(&tmp).unwrap();
    let context = std::fs::read_to_string(dir().join("context.csv")).unwrap();
    let mut lines: Vec<&str> = context.lines().collect();
    let dropped = lines.remove(1);
    let school = dropped.split(',').next().unwrap().to_string();
    let short = tmp.join("short.csv");
    std::fs::write(&short, lines.join("\n") + "\n").unwrap();
    let out = vsoko(&[
        "dynamics",
        M,
        "2023.csv",
        "2024.csv",
        "--context-file",
        short.to_str().unwrap(),
        "--context",
        "location",
    ]);
    assert_eq!(out.status.code(), Some(2));
    let e = String::from_utf8_lossy(&out.stderr);
    assert!(e.contains(&format!("«{school}»")), "{e}");

    let extra = tmp.join("extra.csv");
    std::fs::write(
        &extra,
        context.clone() + "Школа-призрак,г. Энск,Энская область,село,0.5\n",
    )
    .unwrap();
    let out = vsoko(&[
        "dynamics",
        M,
        "2023.csv",
        "2024.csv",
        "--context-file",
        extra.to_str().unwrap(),
        "--context",
        "location",
    ]);
    assert_eq!(out.status.code(), Some(0));
    let e = String::from_utf8_lossy(&out.stderr);
    assert!(e.contains("context_unused") && e.contains("row 13"), "{e}");

    let out = vsoko(&[
        "dynamics",
        M,
        "2023.csv",
        "2024.csv",
        "--context-file",
        "context.csv",
        "--context",
        "size",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("size"));
}

#[test]
fn bad_rows_are_named_and_left_out_a_spelling_is_reported() {
    let index = expected("bad/index.json");
    for case in index.as_array().unwrap() {
        let file = format!("bad/{}", case["file"].as_str().unwrap());
        let code = match case["problem"].as_str().unwrap() {
            "mixed_period_format" => "mixed_period_forms",
            other => other,
        };
        let out = vsoko(&["dynamics", M, "--format", "json", &file]);
        let err = String::from_utf8_lossy(&out.stderr).to_string();
        let line = format!("[{code}]: {file}, строка {}:", case["row"]);
        assert!(err.contains(&line), "{file}: {line} not in {err}");
        let rejected = code != "municipality_spelling";
        assert_eq!(
            out.status.code(),
            Some(i32::from(rejected)),
            "{file}: {err}"
        );
        if !rejected {
            // Kept apart, not merged: both spellings are municipalities.
            let names: Vec<String> = json(&out)["municipalities"]
                .as_array()
                .unwrap()
                .iter()
                .map(|m| m["municipality"].to_string())
                .collect();
            assert!(
                names.iter().any(|n| n.contains("г.Энск"))
                    && names.iter().any(|n| n.contains("г. Энск")),
                "{names:?}"
            );
        }
    }
}

#[test]
fn table_csv_rating_and_dashboard() {
    let table = vsoko(&[
        "dynamics",
        M,
        "2023.csv",
        "2024.csv",
        "--municipality",
        "г. Энск",
    ]);
    let text = String::from_utf8_lossy(&table.stdout);
    assert!(
        text.contains("Рейтинг муниципалитетов (2024, итоговый балл):"),
        "{text}"
    );
    assert!(
        text.contains("Школы муниципалитета «г. Энск» (2024):"),
        "{text}"
    );
    let csv = vsoko(&["dynamics", M, "2023.csv", "2024.csv", "--format", "csv"]);
    let csv = String::from_utf8_lossy(&csv.stdout).to_string();
    assert!(
        csv.starts_with(
            "school,municipality,total_2023,total_2024,delta,level_from,level_to,declines\n"
        ),
        "{csv}"
    );
    let by = json(&vsoko(&[
        "dynamics", M, "2023.csv", "2024.csv", "--format", "json", "--by", "2.1",
    ]));
    assert_eq!(by["rating"]["by"], "2.1");
    let places: Vec<u64> = by["rating"]["places"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["place"].as_u64().unwrap())
        .collect();
    assert!(places.windows(2).all(|w| w[0] <= w[1]));
    let unknown = vsoko(&["dynamics", M, "2023.csv", "--by", "9.9"]);
    assert_eq!(unknown.status.code(), Some(2));

    let out = std::env::temp_dir().join(format!("vsoko-dashboard-{}.html", std::process::id()));
    let done = vsoko(&[
        "dashboard",
        M,
        "2023.csv",
        "2024.csv",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(
        done.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&done.stderr)
    );
    let html = std::fs::read_to_string(&out).unwrap();
    let _ = std::fs::remove_file(&out);
    assert!(html.starts_with("<!DOCTYPE html>"));
    for absent in ["<script", "http://", "https://", "@import", "url("] {
        assert!(!html.contains(absent), "{absent}");
    }
    // The municipal mean of the reference is what the page shows.
    let want = expected("expected.json");
    let north = want["municipalities"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["municipality"] == "Северный район")
        .unwrap();
    // Shown with a decimal comma, as people read it.
    let mean = north["mean"]["2023"].as_str().unwrap().replace('.', ",");
    assert!(
        html.contains(&format!("data-k=\"mean:Северный район:2023\">{mean}<")),
        "{mean}"
    );
}

#[test]
fn academic_year_forms_are_one_period_and_school_spellings_are_reported() {
    let dir = std::env::temp_dir().join(format!("vsoko-dyn-names-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("long.csv");
    // «CОШ» below starts with a Latin «C»; 2023/24 and 2023-2024 are one academic year.
    std::fs::write(
        &path,
        "school,municipality,period,1.1.1\n\
         СОШ № 1,Энск,2023/24,2\n\
         Лицей,Энск,2023-2024,2\n\
         CОШ № 1,Энск,2024/25,2.5\n\
         Лицей,Энск,2024/2025,1\n",
    )
    .unwrap();
    let file = path.to_str().unwrap();
    let out = vsoko(&["dynamics", M, "--format", "json", file]);
    let err = String::from_utf8_lossy(&out.stderr).to_string();
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(
        err.contains(&format!(
            "warning[school_spelling]: {file}, строка 4: школа «CОШ № 1» написана иначе, чем «СОШ № 1»"
        )),
        "{err}"
    );
    let got = json(&out);
    assert_eq!(got["periods"], serde_json::json!(["2023/24", "2024/25"]));
    let schools: Vec<(String, Option<String>)> = got["schools"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["school"].as_str().unwrap().to_string(),
                s["delta"].as_str().map(ToString::to_string),
            )
        })
        .collect();
    // Kept apart (a look-alike letter may be a typo or another school); the finding says so.
    assert_eq!(
        schools,
        [
            ("СОШ № 1".to_string(), None),
            ("Лицей".to_string(), Some("-1".to_string())),
            ("CОШ № 1".to_string(), None),
        ]
    );
    std::fs::remove_dir_all(&dir).unwrap();
}
