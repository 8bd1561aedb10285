//! Every output a person opens is safe: HTML escapes user text and forbids scripts, CSV cells
//! never start a formula, XLSX never carries raw control characters or an over-long cell, a view
//! that has no such format says so, and names do not drive the terminal.

#![allow(clippy::unwrap_used, clippy::indexing_slicing)]

mod common;

use common::{text, vsoko};
use std::io::Read as _;
use std::path::PathBuf;

const SCRIPT: &str = "<script>alert(1)</script>";

/// A temporary file with `body`, in a folder of its own (tests run in parallel and write files
/// of the same name).
fn temp(name: &str, body: &str) -> PathBuf {
    static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!("vsoko-safe-{}-{n}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, body).unwrap();
    path
}

fn run(args: &[&str]) -> (Option<i32>, String, String) {
    let o = vsoko(args);
    (o.status.code(), text(&o.stdout), text(&o.stderr))
}

fn hostile_plan() -> PathBuf {
    temp(
        "plan.csv",
        &format!(
            "Месяц;Содержание деятельности ОО;Ответственные;Результат\n\
             сентябрь;Контроль {SCRIPT} | [ссылка](javascript:alert(1));Зам. директора {SCRIPT};=HYPERLINK(\"http://x\")\n\
             май;Итоги года;Зам. директора {SCRIPT};справка\n"
        ),
    )
}

fn assert_safe_html(html: &str) {
    assert!(
        html.contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'"),
        "{html}"
    );
    assert!(!html.contains("<script"), "{html}");
    assert!(html.contains("&lt;script&gt;"), "{html}");
}

#[test]
fn every_plan_view_in_html_escapes_item_text_and_forbids_scripts() {
    let plan = hostile_plan();
    let p = plan.to_str().unwrap();
    for view in [
        vec!["--view", "cyclogram"],
        vec!["--view", "agenda", "--responsible", "зам"],
        vec![
            "--view",
            "due",
            "--as-of",
            "2024-06-01",
            "--year",
            "2023/24",
        ],
    ] {
        let mut args = vec!["plan", "show", p, "--format", "html", "--year", "2023/24"];
        args.extend(view.iter().filter(|a| **a != "--year" && **a != "2023/24"));
        let (code, out, err) = run(&args);
        assert_eq!(code, Some(0), "{view:?}: {err}");
        assert_safe_html(&out);
    }
}

#[test]
fn markdown_views_escape_html_and_links_in_plan_text() {
    let plan = hostile_plan();
    let p = plan.to_str().unwrap();
    for view in [
        vec!["--view", "cyclogram"],
        vec!["--view", "agenda", "--responsible", "зам"],
        vec!["--view", "due", "--as-of", "2024-06-01"],
    ] {
        let mut args = vec!["plan", "show", p, "--year", "2023/24"];
        args.extend(view.iter());
        let (code, out, err) = run(&args);
        assert_eq!(code, Some(0), "{view:?}: {err}");
        assert!(!out.contains("<script"), "{out}");
        assert!(out.contains("&lt;script&gt;"), "{out}");
    }
    let (_, out, _) = run(&["plan", "show", p, "--year", "2023/24"]);
    assert!(out.contains("\\[ссылка\\](javascript:alert(1))"), "{out}");
    assert!(
        out.contains("Контроль &lt;script&gt;alert(1)&lt;/script&gt; \\|"),
        "{out}"
    );
}

#[test]
fn a_list_view_asked_as_xlsx_is_refused() {
    let plan = hostile_plan();
    let out_file = plan.with_file_name("agenda.xlsx");
    let (code, out, err) = run(&[
        "plan",
        "show",
        plan.to_str().unwrap(),
        "--year",
        "2023/24",
        "--view",
        "agenda",
        "--responsible",
        "зам",
        "--format",
        "xlsx",
        "-o",
        out_file.to_str().unwrap(),
    ]);
    assert_eq!(code, Some(2), "{out}");
    assert!(
        err.contains("error[usage]") && err.contains("не выводится в XLSX"),
        "{err}"
    );
    assert!(!out_file.exists());
}

#[test]
fn objectivity_and_dashboard_pages_carry_the_policy_and_escape_names() {
    let pupils = temp(
        "pupils.csv",
        &format!(
            "school,municipality,year,procedure,subject,grade,class,pupil,score,max_score,mark,journal_mark\n\
             {SCRIPT},=cmd,2024,ВПР,Математика,4,4А,A01,14,20,4,5\n\
             {SCRIPT},=cmd,2024,ВПР,Математика,4,4А,A02,16,20,5,5\n"
        ),
    );
    let (code, html, err) = run(&["objectivity", pupils.to_str().unwrap(), "--format", "html"]);
    assert_eq!(code, Some(0), "{err}");
    assert_safe_html(&html);

    let (code, csv, err) = run(&["objectivity", pupils.to_str().unwrap(), "--format", "csv"]);
    assert_eq!(code, Some(0), "{err}");
    assert!(csv.lines().nth(1).unwrap().contains(",'=cmd,"), "{csv}");

    let year = |y: &str| {
        temp(
            &format!("{y}.csv"),
            &format!("school,municipality,1.1.1\n\"{SCRIPT}\",@SUM(A1),2\n"),
        )
    };
    let (a, b) = (year("2023"), year("2024"));
    let dash = a.with_file_name("dash.html");
    let (code, _, err) = run(&[
        "dashboard",
        a.to_str().unwrap(),
        b.to_str().unwrap(),
        "-o",
        dash.to_str().unwrap(),
    ]);
    assert_eq!(code, Some(0), "{err}");
    assert_safe_html(&std::fs::read_to_string(&dash).unwrap());

    let (code, csv, err) = run(&[
        "dynamics",
        a.to_str().unwrap(),
        b.to_str().unwrap(),
        "--format",
        "csv",
    ]);
    assert_eq!(code, Some(0), "{err}");
    let row = csv.lines().nth(1).unwrap();
    assert!(
        row.starts_with("<script>alert(1)</script>,'@SUM(A1),2,2,0,"),
        "{csv}"
    );
}

#[test]
fn batch_csv_defuses_names_but_keeps_numbers() {
    let input = temp(
        "batch.csv",
        "school,1.1.1,1.1.2\n=1+2,3,2\n\" -cmd\",1,0\n+7,0,0\n",
    );
    let (code, out, err) = run(&["batch", input.to_str().unwrap()]);
    assert_eq!(code, Some(0), "{err}");
    let lines: Vec<&str> = out.lines().collect();
    assert!(lines[1].starts_with("'=1+2,5,143,0.035,low,"), "{out}");
    // The reader trims names; the trimmed name is defused all the same.
    assert!(lines[2].starts_with("'-cmd,1,143,0.007,low,"), "{out}");
    assert!(lines[3].starts_with("+7,0,143,0,low,"), "{out}");
}

#[test]
fn the_template_header_of_a_custom_methodology_is_defused() {
    let m = temp(
        "m.json",
        r#"{"format_version":1,"id":"x","title":"X","groups":[{"id":"1","kind":"criterion","title":"Г","indicators":[{"id":"=1+1","title":"П","cap":3}]}]}"#,
    );
    let (code, out, err) = run(&[
        "template",
        "--methodology-file",
        m.to_str().unwrap(),
        "--format",
        "csv",
    ]);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(out, "school,'=1+1\n");
}

/// The text of one part of a zipped workbook.
fn zip_part(path: &PathBuf, name: &str) -> String {
    let bytes = std::fs::read(path).unwrap();
    // Find the local file header of `name` and inflate nothing: rust_xlsxwriter stores parts
    // deflated, so read them through calamine's zip dependency instead.
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut part = archive.by_name(name).unwrap();
    let mut out = String::new();
    part.read_to_string(&mut out).unwrap();
    out
}

#[test]
fn xlsx_prompts_carry_no_control_characters() {
    let m = temp(
        "ctl.json",
        "{\"format_version\":1,\"id\":\"x\",\"title\":\"X\",\"groups\":[{\"id\":\"1\",\"kind\":\"criterion\",\"title\":\"Г\",\"indicators\":[{\"id\":\"1.1\",\"title\":\"П\\u0007\\u001b[31m\",\"cap\":3}]}]}",
    );
    let out_file = m.with_file_name("form.xlsx");
    let (code, _, err) = run(&[
        "template",
        "--methodology-file",
        m.to_str().unwrap(),
        "--format",
        "xlsx",
        "-o",
        out_file.to_str().unwrap(),
    ]);
    assert_eq!(code, Some(0), "{err}");
    let sheet = zip_part(&out_file, "xl/worksheets/sheet1.xml");
    assert!(sheet.contains("promptTitle=\"1.1\""), "{sheet}");
    assert!(
        !sheet.chars().any(|c| c.is_control() && c != '\n'),
        "{sheet}"
    );
}

#[test]
fn a_cell_too_long_for_excel_is_a_russian_error_naming_the_cell() {
    let long = "а".repeat(40_000);
    let plan = temp(
        "long.csv",
        &format!(
            "Месяц;Содержание деятельности ОО;Ответственные\nсентябрь;{long};Зам. директора\n"
        ),
    );
    let out_file = plan.with_file_name("long.xlsx");
    let (code, _, err) = run(&[
        "plan",
        "show",
        plan.to_str().unwrap(),
        "--year",
        "2023/24",
        "--format",
        "xlsx",
        "-o",
        out_file.to_str().unwrap(),
    ]);
    assert_eq!(code, Some(2));
    assert!(err.starts_with("error[cell_too_long]:"), "{err}");
    assert!(
        err.contains("«Циклограмма»")
            && err.contains("в строке 7, столбце C (C7) текст из 40 003 знаков"),
        "{err}"
    );
    assert!(err.contains("32 767") && !err.contains("String"), "{err}");
}

#[test]
fn control_characters_in_names_are_shown_not_obeyed() {
    let input = temp(
        "esc.csv",
        "school,1.1.1\n\"Школа\u{1b}[2J\",3\n\"Школа\u{1b}]0;x\u{7}\",9\n",
    );
    let (_, _, err) = run(&["batch", input.to_str().unwrap()]);
    assert!(!err.contains('\u{1b}'), "{err:?}");
    let one = temp(
        "one.json",
        "{\"school\": \"Школа\\u001b[31m\", \"values\": {\"1.1.1\": 3}}",
    );
    let (code, out, err) = run(&["score", one.to_str().unwrap()]);
    assert_eq!(code, Some(0), "{err}");
    assert!(
        out.contains("Школа\\u{1b}[31m") && !out.contains('\u{1b}'),
        "{out:?}"
    );
}

#[test]
fn os_errors_are_russian() {
    let (code, _, err) = run(&["score", "no/such/file.json"]);
    assert_eq!(code, Some(2));
    assert!(err.contains("файл или папка не найдены"), "{err}");
    assert!(
        !err.contains("os error") && !err.contains("No such"),
        "{err}"
    );
}
