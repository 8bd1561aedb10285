//! `vsoko batch` on the spreadsheet dialects schools actually send.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use serde_json::Value as Json;
use std::fmt::Write as _;

mod common;
use common::{fixtures, text, vsoko};

/// school name -> (total, level) from the hand-computed expected files.
fn expected() -> Vec<(String, String, Option<String>)> {
    let index: Json = serde_json::from_str(
        &std::fs::read_to_string(fixtures().join("batch/expected.json")).unwrap(),
    )
    .unwrap();
    index["schools"]
        .as_object()
        .unwrap()
        .iter()
        .map(|(school, case)| {
            let path = fixtures().join(format!(
                "schools/index-2023/{}.expected.json",
                case.as_str().unwrap()
            ));
            let want: Json = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
            (
                school.clone(),
                want["total"].as_str().unwrap().to_string(),
                want["level"].as_str().map(ToString::to_string),
            )
        })
        .collect()
}

fn parse_csv(out: &str) -> Vec<Vec<String>> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(out.as_bytes());
    reader
        .records()
        .map(|r| r.unwrap().iter().map(ToString::to_string).collect())
        .collect()
}

#[test]
fn every_input_dialect_gives_the_hand_computed_totals() {
    for file in [
        "batch/ru_excel.csv",
        "batch/plain.csv",
        "batch/schools.jsonl",
        "batch/schools.xlsx",
    ] {
        let o = vsoko(&["batch", file]);
        assert!(o.status.success(), "{file}: {}", text(&o.stderr));
        let rows = parse_csv(&text(&o.stdout));
        let jsonl = file == "batch/schools.jsonl";
        // JSON Lines documents carry a period, so the output keeps it beside the school.
        let header: &[&str] = if jsonl {
            &[
                "school",
                "period",
                "total",
                "max",
                "share",
                "level",
                "level_title",
                "1",
                "1.1",
            ]
        } else {
            &[
                "school",
                "total",
                "max",
                "share",
                "level",
                "level_title",
                "1",
                "1.1",
            ]
        };
        assert_eq!(rows[0][..header.len()], *header, "{file}: header");
        let at = |name: &str| rows[0].iter().position(|h| h == name).unwrap();
        assert_eq!(rows.len() - 1, expected().len(), "{file}");
        for (school, total, level) in expected() {
            let row = rows
                .iter()
                .find(|r| r[0] == school)
                .unwrap_or_else(|| panic!("{file}: {school}"));
            assert_eq!(row[at("total")], total, "{file}: {school}");
            assert_eq!(Some(row[at("level")].clone()), level, "{file}: {school}");
            if jsonl {
                assert_eq!(row[at("period")], "2024", "{file}: {school}");
            }
        }
        assert!(text(&o.stderr).contains("оценено школ: 4"), "{file}");
    }
}

#[test]
fn bad_rows_are_reported_and_the_rest_scored() {
    let o = vsoko(&["batch", "batch/mixed_bad_rows.csv"]);
    assert_eq!(o.status.code(), Some(1), "some rows failed");
    let rows = parse_csv(&text(&o.stdout));
    let schools: Vec<_> = rows[1..].iter().map(|r| r[0].as_str()).collect();
    assert_eq!(schools, ["Школа А", "Школа В", "Школа Д"]);
    let err = text(&o.stderr);
    assert!(
        err.contains("row 3: error[value_out_of_range] 1.1.3"),
        "{err}"
    );
    assert!(err.contains("row 5: error[invalid_value] 2.1.1"), "{err}");
    assert!(err.contains("строк с ошибками: 2"), "{err}");
}

#[test]
fn header_and_file_errors_stop_the_batch() {
    let o = vsoko(&["batch", "batch/unknown_header.csv"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        text(&o.stderr).starts_with("error[unknown_indicator] 1.1.18"),
        "{}",
        text(&o.stderr)
    );
    let o = vsoko(&["batch", "batch/empty.csv"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        text(&o.stderr).starts_with("error[empty_input]"),
        "{}",
        text(&o.stderr)
    );
    let o = vsoko(&["batch", "batch/ru_excel.csv", "--methodology", "nocko-1547"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        text(&o.stderr).starts_with("error[unknown_indicator] 1.1.1"),
        "{}",
        text(&o.stderr)
    );
}

#[test]
fn rank_summary_and_jsonl_output() {
    let dir = std::env::temp_dir().join(format!("vsoko-batch-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let summary = dir.join("summary.json");
    let o = vsoko(&[
        "batch",
        "batch/plain.csv",
        "--rank",
        "--format",
        "jsonl",
        "--summary",
        summary.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let lines: Vec<Json> = text(&o.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let pos = |school: &str| {
        let l = lines.iter().find(|l| l["school"] == school).unwrap();
        (
            l["position"].as_u64().unwrap(),
            l["percentile"].as_str().unwrap().to_string(),
        )
    };
    // 127.5 > 109.5 > 98.5 > 51: positions 1..4, percentiles (below + 0.5) / 4 * 100.
    assert_eq!(pos("Гимназия № 1, г. Пермь"), (1, "87.5".into()));
    assert_eq!(pos("МКОУ Ивановская ООШ"), (4, "12.5".into()));
    let s: Json = serde_json::from_str(&std::fs::read_to_string(&summary).unwrap()).unwrap();
    assert_eq!(s["schools"], 4);
    assert_eq!(s["median_total"], "104"); // (98.5 + 109.5) / 2
    assert_eq!(s["mean_total"], "96.63"); // 386.5 / 4 = 96.625, half away from zero
    let levels: Vec<_> = s["levels"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["count"].as_u64().unwrap())
        .collect();
    assert_eq!(levels, [1, 2, 1]); // low, medium, high
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A deterministic generator (no randomness crate): 10,000 schools with fractional values,
/// missing cells and a decimal comma now and then.
fn generated_csv(rows: usize) -> (String, Vec<String>) {
    let m = vsoko::Methodology::builtin("index-2023").unwrap();
    let ids: Vec<String> = m.indicators().iter().map(|i| i.id.clone()).collect();
    let caps: Vec<i64> = m
        .indicators()
        .iter()
        .map(|i| i.cap.try_into().unwrap())
        .collect();
    let mut state: u64 = 0x2023_1547;
    let mut next = || {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        state >> 33
    };
    let mut out = format!("school;{}\n", ids.join(";"));
    let mut docs = Vec::with_capacity(rows);
    for s in 0..rows {
        let mut line = format!("Школа {s}");
        let mut values = serde_json::Map::new();
        for (id, cap) in ids.iter().zip(&caps) {
            let r = next() % 100;
            let halves = i64::try_from(next()).unwrap() % (2 * cap + 1);
            if r < 3 {
                line.push(';');
                continue;
            }
            let text = format!("{}.{}", halves / 2, if halves % 2 == 1 { 5 } else { 0 });
            let cell = if r < 50 {
                text.replace('.', ",")
            } else {
                text.clone()
            };
            let _ = write!(line, ";{cell}");
            values.insert(id.clone(), text.into());
        }
        out.push_str(&line);
        out.push('\n');
        docs.push(serde_json::json!({ "values": values }).to_string());
    }
    (out, docs)
}

#[test]
fn ten_thousand_rows_score_as_each_row_alone() {
    let (csv_text, docs) = generated_csv(10_000);
    let dir = std::env::temp_dir().join(format!("vsoko-10k-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("schools.csv");
    std::fs::write(&path, csv_text).unwrap();
    let o = vsoko(&["batch", path.to_str().unwrap()]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let rows = parse_csv(&text(&o.stdout));
    assert_eq!(rows.len(), 10_001);
    for (row, doc) in rows[1..].iter().zip(&docs) {
        let alone = vsoko::json::score_document(doc, None, vsoko::Options::default()).unwrap();
        assert_eq!(row[1], alone.total.to_string(), "{}", row[0]);
        assert_eq!(
            row[4],
            alone.level.clone().unwrap_or_default(),
            "{}",
            row[0]
        );
        assert_eq!(row[2], alone.max.to_string(), "{}", row[0]);
        for (cell, g) in row[6..].iter().zip(&alone.groups) {
            assert_eq!(*cell, g.points.to_string(), "{} group {}", row[0], g.id);
        }
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn bad_rows_across_scoring_batches_keep_file_order() {
    // Rows are scored on a second thread in batches of 512: errors and results must still come
    // in file order, and no row may be lost.
    let (csv_text, _) = generated_csv(2_000);
    let bad = [3usize, 700, 1_500];
    let lines: Vec<String> = csv_text
        .lines()
        .enumerate()
        .map(|(i, l)| {
            let mut cells: Vec<&str> = l.split(';').collect();
            if i > 0 && bad.contains(&(i - 1)) {
                cells[1] = "abc"; // not a number: invalid_value
            }
            cells.join(";")
        })
        .collect();
    let dir = std::env::temp_dir().join(format!("vsoko-order-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("schools.csv");
    std::fs::write(&path, lines.join("\n") + "\n").unwrap();
    let o = vsoko(&["batch", path.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o.stderr));
    let noted: Vec<usize> = text(&o.stderr)
        .lines()
        .filter_map(|l| {
            l.split_once("schools.csv, row ")?
                .1
                .split(':')
                .next()?
                .parse()
                .ok()
        })
        .collect();
    // Line numbers: the header is line 1, school s is line s + 2.
    assert_eq!(noted, [5, 702, 1_502]);
    let rows = parse_csv(&text(&o.stdout));
    let schools: Vec<String> = (0..2_000)
        .filter(|s| !bad.contains(s))
        .map(|s| format!("Школа {s}"))
        .collect();
    assert_eq!(
        rows[1..].iter().map(|r| r[0].clone()).collect::<Vec<_>>(),
        schools
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A batch with municipalities, a school given twice in one municipality and a nameless row.
const MUNICIPALITIES: &str = "school;МО;1.1;2.1
Школа 1;Энск;8;6
Школа 2;Тверь;9;4
Школа 1;Тверь;7;5
Школа 2;Тверь;1;1
;Энск;5;5
";

#[test]
fn every_output_keeps_the_municipality_and_refuses_a_school_twice() {
    let dir = std::env::temp_dir().join(format!("vsoko-mun-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let input = dir.join("schools.csv");
    std::fs::write(&input, MUNICIPALITIES).unwrap();
    let input = input.to_str().unwrap();
    let m = "--methodology=nocko-1547";
    let want = [
        ("Школа 1", "Энск", "14"),
        ("Школа 2", "Тверь", "13"),
        ("Школа 1", "Тверь", "12"),
    ];
    for rank in [false, true] {
        let mut args = vec!["batch", m, input];
        if rank {
            args.push("--rank");
        }
        let o = vsoko(&args);
        assert_eq!(o.status.code(), Some(1), "{}", text(&o.stderr));
        let err = text(&o.stderr);
        assert!(
            err.contains(&format!(
                "{input}, row 5: error[duplicate_school]: школа «Школа 2» указана дважды: в строках 3 и 5; строка 5 не учтена"
            )),
            "{err}"
        );
        assert!(
            err.contains(&format!(
                "{input}, row 6: error[empty_school]: не указана школа (столбец A «school»); ожидается название школы, строка не учтена"
            )),
            "{err}"
        );
        assert!(err.contains("оценено школ: 3"), "{err}");
        let rows = parse_csv(&text(&o.stdout));
        assert_eq!(
            rows[0][..6],
            ["school", "municipality", "total", "max", "share", "level"]
        );
        let got: Vec<(&str, &str, &str)> = rows[1..]
            .iter()
            .map(|r| (r[0].as_str(), r[1].as_str(), r[2].as_str()))
            .collect();
        assert_eq!(got, want, "rank: {rank}");
        if rank {
            let positions: Vec<&str> = rows[1..].iter().map(|r| r[r.len() - 2].as_str()).collect();
            assert_eq!(positions, ["1", "2", "3"]);
        }
    }
    let o = vsoko(&["batch", m, input, "--format", "jsonl", "--rank"]);
    let lines: Vec<Json> = text(&o.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let got: Vec<(&str, &str, u64)> = lines
        .iter()
        .map(|l| {
            (
                l["school"].as_str().unwrap(),
                l["municipality"].as_str().unwrap(),
                l["position"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("Школа 1", "Энск", 1),
            ("Школа 2", "Тверь", 2),
            ("Школа 1", "Тверь", 3)
        ]
    );
    let book = dir.join("results.xlsx");
    let o = vsoko(&[
        "batch",
        m,
        input,
        "--format",
        "xlsx",
        "--rank",
        "-o",
        book.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o.stderr));
    let mut wb: calamine::Xlsx<_> = calamine::open_workbook(&book).unwrap();
    for sheet in ["Школы", "Группы", "Показатели"] {
        let range = calamine::Reader::worksheet_range(&mut wb, sheet).unwrap();
        let cell = |r: u32, c: u32| range.get_value((r, c)).map(ToString::to_string);
        assert_eq!(cell(0, 1).as_deref(), Some("municipality"), "{sheet}");
        let got: Vec<(String, String)> = (2..5)
            .map(|r| (cell(r, 0).unwrap(), cell(r, 1).unwrap()))
            .collect();
        assert_eq!(
            got,
            want.map(|(s, m, _)| (s.to_string(), m.to_string())),
            "{sheet}"
        );
        assert_eq!(cell(5, 0), None, "{sheet}: the duplicate is not written");
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_json_lines_document_without_a_school_is_not_scored() {
    let dir = std::env::temp_dir().join(format!("vsoko-jsonl-school-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("schools.jsonl");
    std::fs::write(
        &path,
        "{\"school\": \"Школа 1\", \"values\": {\"1.1\": 8}}\n\
         {\"values\": {\"1.1\": 9}}\n\
         {\"school\": \" \", \"values\": {\"1.1\": 9}}\n\
         {\"school\": \"Школа 1\", \"values\": {\"1.1\": 7}}\n",
    )
    .unwrap();
    let file = path.to_str().unwrap();
    let o = vsoko(&["batch", "--methodology=nocko-1547", file]);
    assert_eq!(o.status.code(), Some(1));
    let err = text(&o.stderr);
    for row in [2, 3] {
        assert!(
            err.contains(&format!(
                "{file}, row {row}: error[empty_school]: не указана школа (поле «school»)"
            )),
            "{err}"
        );
    }
    assert!(
        err.contains("error[duplicate_school]: школа «Школа 1» указана дважды: в строках 1 и 4"),
        "{err}"
    );
    let rows = parse_csv(&text(&o.stdout));
    assert_eq!(rows.len(), 2, "the header and Школа 1 once");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_batch_saved_by_russian_excel_in_windows_1251_reads_as_utf8() {
    let original = common::fixtures().join("batch/ru_excel.csv");
    let text = std::fs::read_to_string(&original).unwrap();
    let text = text.trim_start_matches('\u{feff}');
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1251.encode(text);
    assert!(!unmappable);
    let copy = std::env::temp_dir().join(format!("vsoko-ru-1251-{}.csv", std::process::id()));
    std::fs::write(&copy, bytes).unwrap();
    let run = |p: &std::path::Path| {
        let o = common::vsoko(&["batch", p.to_str().unwrap()]);
        (o.status.code(), common::text(&o.stdout))
    };
    let (code, want) = run(&original);
    assert_eq!(run(&copy), (code, want.clone()));
    assert!(
        want.lines().count() > 1 && want.chars().any(|c| ('а'..='я').contains(&c)),
        "{want}"
    );
}
