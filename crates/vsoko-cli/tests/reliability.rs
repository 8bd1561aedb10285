//! One regression test per class of the reliability probe: crashes, silent data loss and
//! errors pointing to the wrong place, driven through the binary on real file shapes.

#![allow(clippy::unwrap_used, clippy::indexing_slicing)]

mod common;

use common::{fixtures, text, vsoko};
use std::fmt::Write as _;
use std::process::Command;

fn stderr_of(args: &[&str]) -> (Option<i32>, String, String) {
    let o = vsoko(args);
    (o.status.code(), text(&o.stdout), text(&o.stderr))
}

#[test]
fn a_stray_cell_at_xfd1048576_costs_one_cell() {
    let (code, out, err) = stderr_of(&["batch", "xlsx/huge_range.xlsx"]);
    assert_eq!(code, Some(0), "{err}");
    assert!(out.contains("Школа № 1,3,143,0.021,low,"), "{out}");
}

#[test]
fn xlsx_cells_that_are_not_points_are_errors_naming_the_cell() {
    let (code, out, err) = stderr_of(&["batch", "xlsx/formula_no_value.xlsx"]);
    assert_eq!(code, Some(1));
    assert!(
        err.contains("row 2: error[invalid_value] 1.1.1: показатель «1.1.1»: в ячейке B2 формула без сохранённого значения"),
        "{err}"
    );
    assert!(out.contains("Школа Б,5.5"), "{out}");
    assert!(!out.contains("Школа А"), "{out}");

    let (code, _, err) = stderr_of(&["batch", "xlsx/date_cell.xlsx"]);
    assert_eq!(code, Some(1));
    assert!(
        err.contains("row 3: error[invalid_value] 1.1.2: показатель «1.1.2»: в ячейке C3 дата"),
        "{err}"
    );

    let (code, _, err) = stderr_of(&["batch", "xlsx/header_date.xlsx"]);
    assert_eq!(code, Some(2));
    assert!(err.contains("столбец B (2)"), "{err}");
    assert!(err.contains("36892"), "{err}");
}

#[test]
fn rows_are_the_files_own_line_and_sheet_row_numbers() {
    let (_, _, err) = stderr_of(&["batch", "batch/reliability/blank_lines.csv"]);
    assert!(
        err.contains("row 6: error[value_out_of_range] 1.1.1"),
        "{err}"
    );
    let (_, out, err) = stderr_of(&["batch", "xlsx/offset_table.xlsx"]);
    assert!(
        err.contains("row 5: error[value_out_of_range] 1.1.1"),
        "{err}"
    );
    assert!(
        err.contains("row 7: error[not_applicable_forbidden] 1.1.2"),
        "{err}"
    );
    assert!(out.contains("Школа А,5,143,0.035,low,"), "{out}");
}

#[test]
fn an_unbalanced_quote_is_an_error_at_the_line_it_opened() {
    let (code, out, err) = stderr_of(&["batch", "batch/reliability/unbalanced_quote.csv"]);
    assert_eq!(code, Some(1), "rows were lost: the batch must not succeed");
    assert!(
        err.contains("row 3: error[invalid_input]: неверные входные данные (строка 3): поле в кавычках, открытое в строке 3"),
        "{err}"
    );
    assert!(err.contains("строк с ошибками: 1"), "{err}");
    assert_eq!(out.lines().count(), 2, "{out}");
}

#[test]
fn short_rows_and_data_under_empty_headers_are_errors() {
    let (code, out, err) = stderr_of(&["batch", "batch/reliability/short_row.csv"]);
    assert_eq!(code, Some(1));
    assert!(
        err.contains("row 3: error[invalid_input]: неверные входные данные (столбец C (3))"),
        "{err}"
    );
    assert!(!out.contains("Школа Б"), "{out}");

    let (code, out, err) = stderr_of(&["batch", "batch/reliability/trailing_empty_header.csv"]);
    assert_eq!(code, Some(1));
    assert!(out.contains("Школа А,3,143,0.021,low,"), "{out}");
    assert!(
        err.contains("row 3: error[invalid_input]: неверные входные данные (столбец D (4))"),
        "{err}"
    );
}

#[test]
fn the_period_column_is_kept_and_not_applicable_reads_in_any_case() {
    let (code, out, err) = stderr_of(&[
        "batch",
        "batch/reliability/period_nocko.csv",
        "--methodology",
        "nocko-1547",
    ]);
    assert_eq!(code, Some(0), "{err}");
    let lines: Vec<&str> = out.lines().collect();
    assert!(
        lines[0].starts_with("school,period,total,max,share,level,level_title"),
        "{out}"
    );
    assert!(lines[1].starts_with("Школа А,2023,7,"), "{out}");
    assert!(lines[2].starts_with("Школа А,2024,8,"), "{out}");
    let o = vsoko(&[
        "batch",
        "batch/reliability/period_nocko.csv",
        "--methodology",
        "nocko-1547",
        "--format",
        "jsonl",
    ]);
    let first: serde_json::Value =
        serde_json::from_str(text(&o.stdout).lines().next().unwrap()).unwrap();
    assert_eq!(first["period"], "2023");
    // н/п removed 2.7 from the maximum: 110 - 10.
    assert_eq!(first["max"], "100");
}

#[test]
fn a_byte_order_mark_is_accepted_by_every_json_reader() {
    let dir = std::env::temp_dir().join(format!("vsoko-bom-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let with_bom = |name: &str, from: &str| {
        let body = std::fs::read(fixtures().join(from)).unwrap();
        let path = dir.join(name);
        std::fs::write(&path, [b"\xef\xbb\xbf".as_slice(), &body].concat()).unwrap();
        path.display().to_string()
    };
    let school = with_bom("school.json", "schools/index-2023/school_42.json");
    let (code, _, err) = stderr_of(&["score", &school]);
    assert_eq!(code, Some(0), "{err}");
    let m = with_bom("m.json", "methodologies/school_custom.json");
    let (code, out, err) = stderr_of(&["check-methodology", &m]);
    assert_eq!(code, Some(0), "{err}");
    assert!(out.starts_with("ОК: методика "), "{out}");
    let report = with_bom("selfexam.json", "selfexam/complete.json");
    let (code, _, err) = stderr_of(&["selfexam", "check", &report]);
    assert_ne!(code, Some(2), "{err}");
    let (code, out, err) = stderr_of(&["batch", "batch/reliability/bom.jsonl"]);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(out.lines().count(), 3, "{out}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn empty_files_are_named_for_what_they_are() {
    let (code, _, err) = stderr_of(&["batch", "batch/empty.csv"]);
    assert_eq!(code, Some(2));
    assert!(err.contains("таблица пуста"), "{err}");
    let (_, _, err) = stderr_of(&["selfexam", "check", "selfexam/empty.json"]);
    assert!(!err.contains("values"), "{err}");
    assert!(!err.contains("RawSelfExam"), "{err}");
}

#[test]
fn twenty_eight_digit_caps_render_and_summarise_without_overflow() {
    let m = "methodologies/big_caps.json";
    for format in ["table", "markdown", "json"] {
        let (code, out, err) = stderr_of(&[
            "score",
            "schools/big_caps_full.json",
            "--methodology-file",
            m,
            "--format",
            format,
        ]);
        assert_eq!(code, Some(0), "{format}: {err}");
        // People read thousands split by non-breaking spaces; JSON keeps the digits.
        let digits: String = out.chars().filter(|c| *c != '\u{a0}').collect();
        assert!(
            digits.contains("19999999999999999999999999998"),
            "{format}: {out}"
        );
    }
    let (code, _, err) = stderr_of(&[
        "batch",
        "batch/reliability/big_caps.csv",
        "--methodology-file",
        m,
    ]);
    assert_eq!(code, Some(0), "{err}");
    let digits: String = err.chars().filter(|c| *c != '\u{a0}').collect();
    assert!(
        digits.contains(
            "Средний балл: 19999999999999999999999999998, медиана: 19999999999999999999999999998"
        ),
        "{err}"
    );
    for bad in [
        "bad_methodologies/caps_overflow_group.json",
        "bad_methodologies/caps_overflow_total.json",
    ] {
        let (code, _, err) = stderr_of(&["check-methodology", bad]);
        assert_eq!(code, Some(2), "{bad}: {err}");
        assert!(
            err.contains("[overflow]") && err.contains("пределы десятичного числа"),
            "{bad}: {err}"
        );
        assert!(!err.contains("panicked"), "{bad}: {err}");
    }
}

#[test]
fn a_closed_pipe_ends_the_run_quietly() {
    let dir = std::env::temp_dir().join(format!("vsoko-pipe-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let csv = dir.join("big.csv");
    let mut body = String::from("school,1.1.1,1.1.2\n");
    for i in 0..50_000 {
        let bad = if i % 100 == 0 { "9" } else { "2" };
        writeln!(body, "Школа {i},3,{bad}").unwrap();
    }
    std::fs::write(&csv, body).unwrap();
    let script = format!(
        "'{}' batch '{}' 2>&1 | head -1 >/dev/null; echo ${{PIPESTATUS[0]}}",
        env!("CARGO_BIN_EXE_vsoko"),
        csv.display()
    );
    let o = Command::new("bash")
        .arg("-c")
        .arg(&script)
        .output()
        .unwrap();
    let status = text(&o.stdout).trim().to_string();
    assert_eq!(
        status,
        "141",
        "exit status {status}; stderr: {}",
        text(&o.stderr)
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn write_errors_name_the_file_and_say_write() {
    let (code, _, err) = stderr_of(&[
        "batch",
        "batch/plain.csv",
        "-o",
        "/nonexistent-vsoko-dir/out.csv",
    ]);
    assert_eq!(code, Some(2));
    assert!(
        err.contains("не удалось записать «/nonexistent-vsoko-dir/out.csv»"),
        "{err}"
    );
}

#[test]
fn lone_carriage_returns_end_lines_too() {
    let (code, _, err) = stderr_of(&["batch", "batch/reliability/old_mac_cr.csv"]);
    assert_eq!(code, Some(1));
    assert!(
        err.contains("row 4: error[value_out_of_range] 1.1.1"),
        "{err}"
    );
    assert!(
        err.contains("row 7: error[value_out_of_range] 1.1.1"),
        "{err}"
    );
    // The fuzz target's first finding: a header broken by lone CRs gave a data row the header's line.
    let m = vsoko::Methodology::builtin("index-2023").unwrap();
    let input = b"school,1.1.1\r\r\r,1.1.2,1.1.3\n\xd0\xa8,1,1,1\n";
    let rows = vsoko_cli::sheets::read_csv(input, m).unwrap();
    let lines: Vec<usize> = rows.iter().map(|r| r.row).collect();
    assert_eq!(lines, [4, 5]);
}

#[test]
fn a_formula_without_a_saved_value_is_an_error_in_the_plan_and_pupil_readers_too() {
    for args in [
        vec![
            "plan",
            "import",
            "xlsx/formula_no_value.xlsx",
            "--year",
            "2023/24",
        ],
        vec!["objectivity", "xlsx/formula_no_value.xlsx"],
    ] {
        let (code, _, err) = stderr_of(&args);
        assert_eq!(code, Some(2), "{args:?}: {err}");
        assert!(
            err.contains(
                "error[invalid_value]: столбец B: в ячейке B2 формула без сохранённого значения"
            ),
            "{args:?}: {err}"
        );
    }
}
