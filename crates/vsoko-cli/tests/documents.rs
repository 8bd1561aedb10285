//! `vsoko doc`: the documents from the command line — the wire contract's inputs and exit codes,
//! the numbers of a DOCX table against the JSON of the same command, bad inputs, and the plans
//! schools keep as Word tables read as counted by hand (`fixtures/plan/docx/expected.json`).
//! python-docx and LibreOffice read the same documents in `scripts/check_documents.py`.

#![allow(clippy::unwrap_used, clippy::indexing_slicing)]

mod common;

use common::{fixtures, read_json, text, vsoko};
use serde_json::{Value as Json, json};
use vsoko::document::read::tables;

fn ok(args: &[&str]) -> Vec<u8> {
    let o = vsoko(args);
    assert!(o.status.success(), "{args:?}: {}", text(&o.stderr));
    o.stdout
}

fn ok_json(args: &[&str]) -> Json {
    serde_json::from_slice(&ok(args)).unwrap()
}

/// A scratch folder of this test.
fn scratch(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("vsoko-doc-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The rows of every table of a DOCX (the title lines first), read by the project's reader.
fn docx_rows(path: &std::path::Path) -> Vec<Vec<String>> {
    let bytes = std::fs::read(path).unwrap();
    tables(&bytes, "test")
        .unwrap()
        .into_iter()
        .map(|(_, r)| r)
        .collect()
}

/// A number as a document writes it, as JSON writes it: `84,4` → `84.4`.
fn dotted(cell: &str) -> String {
    cell.replace('\u{a0}', "").replace(',', ".")
}

#[test]
fn a_score_report_table_holds_the_numbers_of_the_json() {
    let dir = scratch("score");
    let input = "schools/index-2023/exactly_109.json";
    let result = ok_json(&["score", input, "--format", "json"]);
    let out = dir.join("s.docx");
    ok(&["doc", "score-report", input, "-o", out.to_str().unwrap()]);
    let rows = docx_rows(&out);
    let header = rows
        .iter()
        .position(|r| r.first().is_some_and(|c| c == "№"))
        .unwrap();
    let groups = result["groups"].as_array().unwrap();
    for (row, g) in rows[header + 1..].iter().zip(groups) {
        assert_eq!(row[0], g["id"].as_str().unwrap());
        for (cell, key) in [(2, "points"), (3, "max"), (4, "percent"), (5, "lost")] {
            assert_eq!(
                dotted(&row[cell]),
                g[key].as_str().unwrap(),
                "{} {key}",
                row[0]
            );
        }
    }
}

#[test]
fn the_input_document_and_the_result_json_make_the_same_report() {
    let dir = scratch("same");
    let input = "schools/index-2023/exactly_109.json";
    let result = dir.join("result.json");
    std::fs::write(&result, ok(&["score", input, "--format", "json"])).unwrap();
    let from_input = ok(&["doc", "score-report", input, "--format", "md"]);
    let from_result = ok(&[
        "doc",
        "score-report",
        result.to_str().unwrap(),
        "--format",
        "md",
    ]);
    assert_eq!(text(&from_input), text(&from_result));
    let docx_a = ok(&["doc", "score-report", input, "--format", "docx"]);
    let docx_b = ok(&[
        "doc",
        "score-report",
        result.to_str().unwrap(),
        "--format",
        "docx",
    ]);
    assert_eq!(docx_a, docx_b, "the DOCX is the same bytes either way");
    assert_eq!(&docx_a[..2], b"PK");
}

#[test]
fn a_plan_goes_to_word_and_back_unchanged() {
    let dir = scratch("plan");
    let csv = "plan/monthly_plan_2023_24.csv";
    let plan = ok_json(&["plan", "import", csv, "--year", "2023/24"]);
    let out = dir.join("plan.docx");
    ok(&[
        "doc",
        "plan",
        csv,
        "--year",
        "2023/24",
        "-o",
        out.to_str().unwrap(),
    ]);
    let back = ok_json(&["plan", "import", out.to_str().unwrap()]);
    assert_eq!(back["academic_year"], plan["academic_year"]);
    let (a, b) = (
        plan["items"].as_array().unwrap(),
        back["items"].as_array().unwrap(),
    );
    assert_eq!(a.len(), b.len());
    for (x, y) in a.iter().zip(b) {
        for key in [
            "id",
            "when",
            "content",
            "responsible",
            "result",
            "object",
            "mechanism",
        ] {
            assert_eq!(x[key], y[key], "item {}: {key}", x["id"]);
        }
    }
}

#[test]
fn plans_kept_as_word_tables_import_as_counted() {
    let expected = read_json(&fixtures().join("plan/docx/expected.json"));
    for file in expected.as_array().unwrap() {
        let name = file["file"].as_str().unwrap();
        let plan = ok_json(&["plan", "import", &format!("plan/docx/{name}")]);
        let items = plan["items"].as_array().unwrap();
        assert_eq!(
            items.len() as u64,
            file["items"].as_u64().unwrap(),
            "{name}"
        );
        for (got, want) in items.iter().zip(file["item_list"].as_array().unwrap()) {
            let content: String = got["content"]
                .as_str()
                .unwrap()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .chars()
                .take(60)
                .collect();
            assert_eq!(content, want["content_60"].as_str().unwrap(), "{name}");
            assert_eq!(
                got["when"].as_str().unwrap(),
                want["when"].as_str().unwrap_or_default(),
                "{name}: {content}"
            );
        }
    }
}

#[test]
fn an_order_has_an_item_per_action_and_blanks_for_unknown_requisites() {
    let md = text(&ok(&[
        "doc",
        "order",
        "plan/cycle/actions.json",
        "--format",
        "md",
    ]));
    let plan = read_json(&fixtures().join("plan/cycle/actions.json"));
    let actions: Vec<&Json> = plan["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i.get("deficit").is_some() || i.get("follows_up").is_some())
        .collect();
    for (n, a) in actions.iter().enumerate() {
        let line = format!("{}. {}.", n + 1, a["content"].as_str().unwrap());
        assert!(md.contains(&line), "missing «{line}»");
    }
    assert!(md.contains(&format!(
        "{}. Контроль за исполнением настоящего приказа оставляю за собой.",
        actions.len() + 1
    )));
    assert!(md.contains("ПРИКАЗЫВАЮ:"));
    // No requisites: the director's name and the place are lines to fill in.
    assert!(md.contains("Директор ______________ \\_\\_\\_"));
    let with = text(&ok(&[
        "doc",
        "order",
        "plan/cycle/actions.json",
        "--school",
        "documents/school.json",
        "--format",
        "md",
    ]));
    assert!(with.contains("М.П.\u{a0}Иванова") && with.contains("г. Энск"));
}

#[test]
fn html_documents_escape_text_and_forbid_scripts() {
    let dir = scratch("html");
    let input = dir.join("in.json");
    std::fs::write(
        &input,
        json!({"methodology": "nok-2019", "school": "<script>alert(1)</script>", "values": {}})
            .to_string(),
    )
    .unwrap();
    let html = text(&ok(&[
        "doc",
        "score-report",
        input.to_str().unwrap(),
        "--format",
        "html",
    ]));
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(!html.contains("<script>"));
    assert!(html.contains("Content-Security-Policy") && html.contains("default-src 'none'"));
    assert!(html.contains("<svg"), "the chart is inline SVG");
}

#[test]
fn control_characters_in_results_never_reach_the_xml() {
    let dir = scratch("control");
    let plan = json!({"organization": "МБОУ\u{1} СОШ", "academic_year": "2024/25", "items": [
        {"id": "a", "when": "январь", "content": "Мера\u{b}один", "responsible": ["Зам.\u{7}"],
         "deficit": {"methodology": "marks", "group": "failing", "lost": "1", "class": "7Б"}}]});
    let input = dir.join("actions.json");
    std::fs::write(&input, plan.to_string()).unwrap();
    let out = dir.join("order.docx");
    ok(&[
        "doc",
        "order",
        input.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    let rows = docx_rows(&out);
    let all: String = rows.concat().concat();
    assert!(all.contains("Зам.\u{FFFD}"), "shown as �, not dropped");
    assert!(
        !all.chars()
            .any(|c| matches!(c, '\u{1}' | '\u{7}' | '\u{b}'))
    );
}

#[test]
fn ten_thousand_actions_make_one_valid_order() {
    let dir = scratch("many");
    let items: Vec<Json> = (0..10_000)
        .map(|i| {
            json!({"id": format!("a{i}"), "when": "январь", "content": format!("Мера {i}"),
                   "responsible": [format!("Учитель {}", i % 40)],
                   "deficit": {"methodology": "marks", "group": "failing", "lost": "1", "class": "7Б"}})
        })
        .collect();
    let input = dir.join("actions.json");
    std::fs::write(
        &input,
        json!({"organization": "МБОУ СОШ № 1", "academic_year": "2024/25", "items": items})
            .to_string(),
    )
    .unwrap();
    let out = dir.join("order.docx");
    ok(&[
        "doc",
        "order",
        input.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    // The acquaintance table: each of the 40 responsible once (its heading row first).
    let rows = docx_rows(&out);
    let people = rows.iter().filter(|r| r[0].starts_with("Учитель ")).count();
    assert_eq!(people, 40);
}

#[test]
fn bad_inputs_exit_2_naming_what_is_expected() {
    for (args, says) in [
        (
            vec!["doc", "order", "schools/index-2023/exactly_109.json"],
            "vsoko plan actions",
        ),
        (
            vec!["doc", "score-report", "plan/cycle/actions.json"],
            "vsoko score",
        ),
        (
            vec![
                "doc",
                "objectivity-report",
                "plan/cycle/actions.json",
                "--format",
                "md",
            ],
            "vsoko objectivity",
        ),
        (
            vec![
                "doc",
                "order",
                "plan/cycle/actions.json",
                "--school",
                "documents/bad/unknown_field.json",
            ],
            "неизвестная настройка «fullname»",
        ),
        (
            vec![
                "doc",
                "order",
                "plan/cycle/actions.json",
                "--school",
                "documents/bad/control_character.json",
            ],
            "U+0001",
        ),
        (
            vec!["doc", "plan", "selfexam/complete.json"],
            "invalid_input",
        ),
        (
            vec!["doc", "selfexam", "documents/bad/truncated_report.json"],
            "JSON",
        ),
    ] {
        let o = vsoko(&args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", text(&o.stderr));
        let err = text(&o.stderr);
        assert!(err.contains(says), "{args:?}: {err}");
        assert!(o.stdout.is_empty(), "{args:?}: nothing written");
    }
}

#[test]
fn a_file_that_is_not_a_word_document_is_named() {
    let dir = scratch("notdocx");
    let fake = dir.join("plan.docx");
    std::fs::write(&fake, "Месяц;Содержание\n").unwrap();
    let o = vsoko(&["plan", "import", fake.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o.stderr).contains("не является документом Word"));
    // A Word document without a table.
    let mut d = vsoko::document::Document::new(vsoko::document::Kind::Order, "x");
    d.body("Только текст");
    let empty = dir.join("text.docx");
    std::fs::write(&empty, d.to_docx().unwrap()).unwrap();
    let o = vsoko(&["plan", "import", empty.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o.stderr).contains("нет ни одной таблицы"));
}

#[test]
fn per_school_writes_one_document_per_school() {
    let dir = scratch("per");
    let out = dir.join("out");
    ok(&[
        "doc",
        "score-report",
        "dynamics/2024.csv",
        "--methodology-file",
        "dynamics/methodology.json",
        "--per-school",
        out.to_str().unwrap(),
        "--format",
        "md",
    ]);
    let csv = std::fs::read_to_string(fixtures().join("dynamics/2024.csv")).unwrap();
    let schools = csv.lines().count() - 1;
    assert_eq!(std::fs::read_dir(&out).unwrap().count(), schools);
}
