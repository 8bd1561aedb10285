//! `vsoko tasks` against the independent reference in `fixtures/tasks/` (written from the rules
//! of DOMAIN §7, not from vsoko's output), its exit codes, stderr lines and file outputs.

#![allow(clippy::unwrap_used)]

mod common;

use common::{fixtures, read_json, text, vsoko};
use serde_json::Value as Json;

const VIEWS: [&str; 5] = ["tasks", "weak", "marks", "ege", "medallists"];

fn assert_views(got: &Json, want: &Json) {
    for view in VIEWS {
        assert_eq!(got[view], want[view], "view {view}");
    }
}

#[test]
fn vpr_exports_and_long_tables_equal_the_reference() {
    let o = vsoko(&[
        "tasks",
        "tasks/vpr_math5_school.xlsx",
        "tasks/vpr_region.csv",
        "--format",
        "json",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let got: Json = serde_json::from_slice(&o.stdout).unwrap();
    assert_views(
        &got,
        &read_json(&fixtures().join("tasks/expected_vpr.json")),
    );
    // The wire: decimals are strings with two places, counts and years integers.
    let t = &got["tasks"][0];
    assert!(
        t["completion_pct"]
            .as_str()
            .unwrap()
            .split('.')
            .nth(1)
            .unwrap()
            .len()
            == 2
    );
    assert!(t["year"].is_i64() && t["participants"].is_u64() && t["class"].is_null());
}

#[test]
fn ege_figures_and_medallists_equal_the_reference() {
    let o = vsoko(&[
        "tasks",
        "tasks/ege_2026.csv",
        "--medallists",
        "tasks/medallists.csv",
        "--format",
        "json",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let got: Json = serde_json::from_slice(&o.stdout).unwrap();
    assert_views(
        &got,
        &read_json(&fixtures().join("tasks/expected_ege.json")),
    );
}

#[test]
fn bad_rows_are_named_and_left_out_and_the_rest_counted() {
    let o = vsoko(&["tasks", "tasks/bad_points.csv", "--format", "json"]);
    assert_eq!(o.status.code(), Some(1));
    let want = read_json(&fixtures().join("tasks/expected_bad.json"));
    let got: Json = serde_json::from_slice(&o.stdout).unwrap();
    assert_views(&got, &want);
    let err = text(&o.stderr);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(
        lines.len(),
        want["errors"].as_array().unwrap().len(),
        "{err}"
    );
    for (line, e) in lines.iter().zip(want["errors"].as_array().unwrap()) {
        let row = e["line"].as_u64().unwrap();
        assert!(
            line.starts_with(&format!("row {row}: error[invalid_points]")),
            "{line}"
        );
        assert!(line.contains(&format!("строка {row}")), "{line}");
    }
}

#[test]
fn a_task_column_without_its_maximum_refuses_the_file() {
    let o = vsoko(&["tasks", "tasks/no_max.csv"]);
    assert_eq!(o.status.code(), Some(2));
    let err = text(&o.stderr);
    assert!(
        err.contains("«1»") && err.contains("не указан максимальный балл"),
        "{err}"
    );
    assert!(o.stdout.is_empty());
}

#[test]
fn the_weak_threshold_is_an_option() {
    let o = vsoko(&[
        "tasks",
        "tasks/vpr_region.csv",
        "--weak-below",
        "60",
        "--format",
        "json",
    ]);
    let got: Json = serde_json::from_slice(&o.stdout).unwrap();
    let weak = got["weak"].as_array().unwrap();
    assert!(
        weak.iter().any(|w| w["completion_pct"] == "50.00"),
        "{weak:?}"
    );
    for w in weak {
        let p: f64 = w["completion_pct"].as_str().unwrap().parse().unwrap();
        assert!(p < 60.0);
    }
    let o = vsoko(&["tasks", "tasks/vpr_region.csv", "--weak-below", "120"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn table_csv_and_workbook_outputs() {
    let o = vsoko(&["tasks", "tasks/vpr_region.csv"]);
    let out = text(&o.stdout);
    assert!(
        out.contains("Школа №1 · ВПР · Русский язык · 4 класс · 2025"),
        "{out}"
    );
    assert!(out.contains("Задания с выполнением ниже 50 %"), "{out}");
    assert!(out.contains("35,71"), "{out}");
    let o = vsoko(&["tasks", "tasks/vpr_region.csv", "--format", "csv"]);
    let csv = text(&o.stdout);
    assert!(csv.starts_with("school,class,procedure,subject,grade,year,task,max,participants,completion_pct,region_completion_pct"));
    assert_eq!(csv.lines().count(), 1 + 4 * (3 + 2 + 1 + 1));
    let dir = std::env::temp_dir().join(format!("vsoko-tasks-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let book = dir.join("tasks.xlsx");
    let o = vsoko(&[
        "tasks",
        "tasks/ege_2026.csv",
        "--format",
        "xlsx",
        "-o",
        book.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let bytes = std::fs::read(&book).unwrap();
    assert_eq!(&bytes[..2], b"PK");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn descriptions_the_school_supplies_are_attached_and_a_task_described_twice_is_refused() {
    let o = vsoko(&[
        "tasks",
        "tasks/vpr_math5_school.xlsx",
        "--descriptions",
        "tasks/descriptions_example.csv",
        "--format",
        "json",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let got: Json = serde_json::from_slice(&o.stdout).unwrap();
    // Task 6 is described for every year, task 3 for 2025; task 1 has none, and no key.
    let weak: Vec<(&str, &str)> = got["weak"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| {
            (
                w["task"].as_str().unwrap(),
                w["description"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        weak,
        [
            ("6", "Пример школы: умение, проверяемое заданием 6"),
            ("3", "Пример школы: умение, проверяемое заданием 3")
        ]
    );
    assert!(got["tasks"][0].get("description").is_none());
    let dir = std::env::temp_dir().join(format!("vsoko-desc-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let dup = dir.join("dup.csv");
    std::fs::write(
        &dup,
        "Процедура;Предмет;Параллель;Год;Задание;Проверяемые требования\nВПР;Математика;5;2025;3;a\nВПР;Математика;5;2025;3;b\n",
    )
    .unwrap();
    let o = vsoko(&[
        "tasks",
        "tasks/vpr_math5_school.xlsx",
        "--descriptions",
        dup.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o.stderr).contains("описание уже дано в строке 2"));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn the_html_report_is_one_page_without_scripts_or_requests() {
    let o = vsoko(&[
        "tasks",
        "tasks/vpr_region.csv",
        "tasks/ege_2026.csv",
        "--medallists",
        "tasks/medallists.csv",
        "--format",
        "html",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let page = text(&o.stdout);
    assert!(page.contains("Content-Security-Policy") && page.contains("default-src 'none'"));
    for forbidden in ["<script", "src=\"http", "href=\"http", "@import", "url("] {
        assert!(!page.contains(forbidden), "{forbidden}");
    }
    // The heat map colours Школа №1's task 4 (35,71 %) between red and yellow.
    assert!(
        page.contains("<td style=\"background:hsl(43,70%,80%)\">35,71</td>"),
        "{page}"
    );
    assert!(page.contains("Слабые задания: 4 (35,71\u{a0}%)"));
    assert!(page.contains("<h2>Медалисты с результатом ниже 70 баллов</h2>"));
}

#[test]
fn plan_actions_turn_results_into_addressed_actions_with_re_control() {
    let o = vsoko(&[
        "plan",
        "actions",
        "plan/results/marks_school_1.json",
        "plan/results/tasks_region.json",
        "--as-of",
        "2024-01-15",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let plan: Json = serde_json::from_slice(&o.stdout).unwrap();
    let items = plan["items"].as_array().unwrap();
    // 7Б Russian fell by 33,33 points (threshold 10): named with its teacher.
    let fell = &items[0];
    assert_eq!(fell["subject"], "Школа № 1: 7Б, Русский язык");
    assert_eq!(fell["responsible"][1], "Кузнецова О. А.");
    assert_eq!(fell["deficit"]["group"], "quality_fell");
    assert_eq!(fell["deficit"]["lost"], "33.33");
    assert_eq!(items[1]["follows_up"], fell["id"]);
    // Failing pupils of 7Б's latest period, and each class's weak tasks (4 classes).
    let groups: Vec<&str> = items
        .iter()
        .filter(|i| i["follows_up"].is_null())
        .map(|i| i["deficit"]["group"].as_str().unwrap())
        .collect();
    assert_eq!(
        groups,
        [
            "quality_fell",
            "failing",
            "weak_tasks",
            "weak_tasks",
            "weak_tasks",
            "weak_tasks"
        ]
    );
    assert!(
        items[2]["content"]
            .as_str()
            .unwrap()
            .contains("Григорьев Глеб (Русский язык)")
    );
    // A higher threshold drops the fall of quality; running again on the plan changes nothing.
    let o = vsoko(&[
        "plan",
        "actions",
        "plan/results/marks_school_1.json",
        "--as-of",
        "2024-01-15",
        "--quality-drop",
        "40",
    ]);
    let plan: Json = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(plan["items"].as_array().unwrap().len(), 2);
    let o = vsoko(&[
        "plan",
        "actions",
        "marks/school_1_marks.csv",
        "--as-of",
        "2024-01-15",
    ]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn a_script_in_a_school_name_stays_text_and_a_formula_start_is_defused() {
    let dir = std::env::temp_dir().join(format!("vsoko-tasks-safe-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let input = dir.join("evil.csv");
    std::fs::write(
        &input,
        "school,year,procedure,subject,grade,class,pupil,1 (1б)\n\
         <script>alert(1)</script>,2025,ВПР,=1+1,5,@5А,p1,1\n",
    )
    .unwrap();
    let path = input.to_str().unwrap();
    let o = vsoko(&["tasks", path, "--format", "html"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let page = text(&o.stdout);
    assert!(!page.contains("<script>alert"), "{page}");
    assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    let o = vsoko(&["tasks", path, "--format", "csv"]);
    let csv = text(&o.stdout);
    assert!(csv.contains(",'=1+1,") && csv.contains(",'@5А,"), "{csv}");
    assert!(!csv.contains(",=1+1,"), "{csv}");
    std::fs::remove_dir_all(&dir).unwrap();
}
