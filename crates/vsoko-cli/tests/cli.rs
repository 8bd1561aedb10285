//! Runs the `vsoko` binary the way a person or a script does.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use serde_json::Value as Json;
use std::io::Write;
use std::process::{Command, Output, Stdio};

mod common;
use common::{fixtures, read_json, vsoko};

fn vsoko_stdin(args: &[&str], input: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_vsoko"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

#[test]
fn score_table_shows_total_level_groups_and_deficits() {
    let o = vsoko(&["score", "schools/index-2023/school_42.json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let want = read_json(&fixtures().join("schools/index-2023/school_42.expected.json"));
    let out = stdout(&o);
    // People read a decimal comma and a non-breaking space before «%» (JSON keeps the dot).
    let total = format!(
        "Итого: {} из 143 баллов",
        want["total"].as_str().unwrap().replace('.', ",")
    );
    assert!(out.contains(&total), "{out}");
    assert!(out.contains("Средний уровень"), "{out}");
    assert!(out.contains("Результаты обучения"), "{out}");
    assert!(out.contains("Где теряются баллы"), "{out}");
    assert!(out.contains('█'), "{out}");
    // Direction 2 has 17.5 of 22 = 79.545…%: rounded once it is 79.5 (79.6 would mean the
    // 4-place share was rounded again).
    assert!(out.contains("79,5\u{a0}%"), "{out}");
}

#[test]
fn score_json_matches_every_fixture() {
    for dir in ["index-2023", "nocko-1547"] {
        for entry in std::fs::read_dir(fixtures().join("schools").join(dir)).unwrap() {
            let path = entry.unwrap().path();
            let name = path.to_string_lossy().to_string();
            if name.ends_with(".expected.json") {
                continue;
            }
            let o = vsoko(&["score", &name, "--format", "json"]);
            assert!(o.status.success(), "{name}: {}", stderr(&o));
            let got: Json = serde_json::from_str(&stdout(&o)).unwrap();
            let want = read_json(&path.with_extension("expected.json"));
            for key in ["total", "max", "level", "missing"] {
                assert_eq!(got[key], want[key], "{name}: {key}");
            }
            assert_eq!(got["methodology"], dir, "{name}");
            for g in got["groups"].as_array().unwrap() {
                assert!(g["id"].is_string() && g["points"].is_string() && g["max"].is_string());
            }
            for i in got["indicators"].as_array().unwrap() {
                assert!(i["id"].is_string() && i["points"].is_string() && i["max"].is_string());
            }
        }
    }
}

#[test]
fn markdown_output_has_a_table() {
    let o = vsoko(&[
        "score",
        "schools/index-2023/school_42.json",
        "--format",
        "markdown",
    ]);
    assert!(o.status.success());
    let out = stdout(&o);
    assert!(out.contains("| Код | Направление / критерий | Баллы | Максимум | Доля |"));
    assert!(out.contains("| 3.3 | Психологический климат |"));
}

#[test]
fn bad_inputs_fail_with_one_line_naming_code_and_indicator() {
    let index = read_json(&fixtures().join("bad_inputs.json"));
    for entry in index.as_array().unwrap() {
        let file = entry["file"].as_str().unwrap();
        let mut args = vec!["score", file];
        if let Some(m) = entry["methodology"].as_str() {
            args.extend(["--methodology", m]);
        }
        if entry["strict"].as_bool() == Some(true) {
            args.push("--strict");
        }
        let o = vsoko(&args);
        assert_eq!(o.status.code(), Some(2), "{file}");
        let err = stderr(&o);
        assert_eq!(err.lines().count(), 1, "{file}: {err}");
        let code = entry["code"].as_str().unwrap();
        assert!(err.starts_with(&format!("error[{code}]")), "{file}: {err}");
        if let Some(id) = entry["indicator"].as_str() {
            assert!(err.contains(id), "{file}: {err}");
        }
        assert!(stdout(&o).is_empty(), "{file}: nothing on stdout");
    }
}

#[test]
fn stdin_and_methodology_flag() {
    let o = vsoko_stdin(
        &[
            "score",
            "-",
            "--methodology",
            "nocko-1547",
            "--format",
            "json",
        ],
        r#"{"values": {"1.1": 10, "2.7": "n/a"}}"#,
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let got: Json = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(got["total"], "10");
    assert_eq!(got["max"], "100");
    assert_eq!(got["level"], Json::Null);
    let o = vsoko_stdin(&["score", "-", "--strict"], r#"{"values": {"1.1.1": 3}}"#);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).starts_with("error[missing_indicator] 1.1.2"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn unreadable_file_is_a_clear_error() {
    let o = vsoko(&["score", "no/such/file.json"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).starts_with("error[io]"), "{}", stderr(&o));
}

#[test]
fn catalog_json_lists_every_group_and_indicator() {
    let o = vsoko(&["catalog", "index-2023", "--format", "json"]);
    assert!(o.status.success());
    let c: Json = serde_json::from_str(&stdout(&o)).unwrap();
    let groups = c["groups"].as_array().unwrap();
    let inds = c["indicators"].as_array().unwrap();
    assert_eq!((groups.len(), inds.len()), (12, 72));
    let maxima: Vec<_> = groups.iter().map(|g| g["max"].as_str().unwrap()).collect();
    assert_eq!(
        maxima,
        [
            "90", "51", "24", "15", "22", "14", "4", "4", "31", "2", "26", "3"
        ]
    );
    assert!(
        inds.iter()
            .all(|i| i["title"].is_null() && i["id"].is_string())
    );
    assert_eq!(c["max"], "143");
    let table = stdout(&vsoko(&["catalog"]));
    assert!(table.contains("Психологический климат"), "{table}");
}

#[test]
fn template_is_a_valid_empty_input() {
    let o = vsoko(&["template", "index-2023"]);
    assert!(o.status.success());
    let scored = vsoko_stdin(&["score", "-", "--format", "json"], &stdout(&o));
    assert!(scored.status.success(), "{}", stderr(&scored));
    let got: Json = serde_json::from_str(&stdout(&scored)).unwrap();
    assert_eq!(got["total"], "0");
    assert_eq!(got["missing"].as_array().unwrap().len(), 72);
    let csv = stdout(&vsoko(&["template", "nocko-1547", "--format", "csv"]));
    assert_eq!(csv, "school,1.1,1.2,1.3,1.4,2.1,2.2,2.3,2.4,2.5,2.6,2.7\n");
}

#[test]
fn check_methodology_accepts_good_and_lists_all_problems_of_bad() {
    let o = vsoko(&["check-methodology", "methodologies/school_custom.json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).starts_with("ОК: методика sosh-42-monitoring «"),
        "{}",
        stdout(&o)
    );
    assert!(stdout(&o).contains(": 2 группы, 6 показателей, максимум баллов: 22.5, 2 уровня\n"));
    let index = read_json(&fixtures().join("bad_methodologies.json"));
    for entry in index.as_array().unwrap() {
        let file = entry["file"].as_str().unwrap();
        let o = vsoko(&["check-methodology", file]);
        assert_eq!(o.status.code(), Some(2), "{file}");
        let err = stderr(&o);
        let code = entry["code"].as_str().unwrap();
        assert!(err.starts_with(&format!("error[{code}]")), "{file}: {err}");
        if let Some(n) = entry["problems"].as_u64() {
            let listed = err.lines().filter(|l| l.starts_with("  - ")).count();
            assert_eq!(listed as u64, n, "{file}: {err}");
        }
    }
}

#[test]
fn custom_methodology_file_scores_a_school() {
    let dir = fixtures().join("schools/custom");
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.to_string_lossy().to_string();
        if name.ends_with(".expected.json") {
            continue;
        }
        let o = vsoko(&[
            "score",
            &name,
            "--methodology-file",
            "methodologies/school_custom.json",
            "--format",
            "json",
        ]);
        assert!(o.status.success(), "{name}: {}", stderr(&o));
        let got: Json = serde_json::from_str(&stdout(&o)).unwrap();
        let want = read_json(&path.with_extension("expected.json"));
        assert_eq!(got["total"], want["total"], "{name}");
        assert_eq!(got["level"], want["level"], "{name}");
    }
}

#[test]
fn titles_overlay_catalog_score_and_template_from_csv_1251_and_xlsx() {
    let o = vsoko(&[
        "catalog",
        "index-2023",
        "--format",
        "json",
        "--titles",
        "titles/index_2023_example.csv",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let c: Json = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(
        c["indicators"][1]["title"],
        "Пример: «кавычки»; точка с запятой в названии"
    );
    assert_eq!(c["indicators"][2]["title"], Json::Null);

    // The same file saved by Russian Excel (Windows-1251) and as a workbook reads the same.
    let dir = std::env::temp_dir().join(format!("vsoko-titles-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let text = std::fs::read_to_string(fixtures().join("titles/index_2023_example.csv")).unwrap();
    let (cp1251, _, lossy) = encoding_rs::WINDOWS_1251.encode(&text);
    assert!(!lossy);
    std::fs::write(dir.join("t.csv"), &cp1251).unwrap();
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (r, line) in text.lines().enumerate() {
        let (id, title) = line.split_once(';').unwrap();
        let r = u32::try_from(r).unwrap();
        sheet.write_string(r, 0, id).unwrap();
        sheet.write_string(r, 1, title.trim_matches('"')).unwrap();
    }
    book.save(dir.join("t.xlsx")).unwrap();
    for file in ["t.csv", "t.xlsx"] {
        let path = dir.join(file);
        let o = vsoko(&[
            "score",
            "schools/index-2023/school_42.json",
            "--format",
            "json",
            "--titles",
            path.to_str().unwrap(),
        ]);
        assert!(o.status.success(), "{file}: {}", stderr(&o));
        let r: Json = serde_json::from_str(&stdout(&o)).unwrap();
        assert_eq!(
            r["indicators"][0]["title"], "Пример: название, заданное регионом для 1.1.1",
            "{file}"
        );
    }
    // The Excel form names the indicator by the given title.
    let form = dir.join("form.xlsx");
    let o = vsoko(&[
        "template",
        "index-2023",
        "--format",
        "xlsx",
        "-o",
        form.to_str().unwrap(),
        "--titles",
        "titles/index_2023_example.csv",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(&form).unwrap();
    let found = calamine::Reader::worksheets(&mut book)
        .iter()
        .any(|(_, range)| {
            range.cells().any(|(_, _, c)| {
                c.to_string()
                    .contains("название, заданное регионом для 1.1.1")
            })
        });
    assert!(found, "the form shows the title");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_broken_titles_file_lists_every_row_and_renames_nothing() {
    let o = vsoko(&["catalog", "--titles", "titles/index_2023_broken.csv"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(o.stdout.is_empty());
    let err = stderr(&o);
    assert!(
        err.contains("error[invalid_titles]: файл названий содержит ошибки (3)"),
        "{err}"
    );
    assert!(
        err.contains("[duplicate_id] строка 3: код «1.1.1» уже был в строке 2"),
        "{err}"
    );
    assert!(err.contains("[unknown_id] строка 4: «1.1.99»"), "{err}");
    assert!(
        err.contains("[empty_title] строка 5: у кода «2.1.1»"),
        "{err}"
    );
}

#[test]
fn marks_figures_equal_the_reference_computed_from_the_rules() {
    let o = vsoko(&["marks", "marks/school_1_marks.csv", "--format", "json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let mut got: Json = serde_json::from_str(&stdout(&o)).unwrap();
    let mut want = read_json(&fixtures().join("marks/expected.json"));
    // Findings: their codes and places are the reference's; their wording is vsoko's.
    let findings = |v: &Json| -> Vec<(String, String)> {
        v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| (f["code"].to_string(), f["field"].to_string()))
            .collect()
    };
    assert_eq!(findings(&got), findings(&want));
    assert!(
        got["findings"][0]["message_ru"]
            .as_str()
            .unwrap()
            .contains("качество знаний снизилось на 33,33 п. п. (I четверть → II четверть; порог школы — 10 п. п.)")
    );
    got["findings"] = Json::Null;
    want["findings"] = Json::Null;
    assert_eq!(got, want);

    // The same table as Russian Excel saves it (Windows-1251) reads the same.
    let text = std::fs::read_to_string(fixtures().join("marks/school_1_marks.csv")).unwrap();
    let (cp1251, _, lossy) = encoding_rs::WINDOWS_1251.encode(&text);
    assert!(!lossy);
    let dir = std::env::temp_dir().join(format!("vsoko-marks-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("m.csv"), &cp1251).unwrap();
    let o = vsoko(&[
        "marks",
        dir.join("m.csv").to_str().unwrap(),
        "--format",
        "json",
    ]);
    let mut again: Json = serde_json::from_str(&stdout(&o)).unwrap();
    again["findings"] = Json::Null;
    assert_eq!(again, want);
    let _ = std::fs::remove_dir_all(&dir);

    // People read the table in Russian: decimal commas, the quarter's name, the lists.
    let o = vsoko(&["marks", "marks/school_1_marks.csv"]);
    let out = stdout(&o);
    assert!(out.contains("I четверть"), "{out}");
    assert!(out.contains("66,67"), "{out}");
    assert!(
        out.contains("неуспевающие: Григорьев Глеб (Алгебра, Музыка)"),
        "{out}"
    );
    assert!(
        out.contains(
            "Русский язык           I четверть → II четверть: успеваемость −16,67, качество −33,33"
        ),
        "{out}"
    );
    assert!(
        stderr(&o).contains("warning[quality_fell]: 7Б Русский язык, учитель Кузнецова О. А.: качество знаний снизилось на 33,33 п. п."),
        "{}",
        stderr(&o)
    );
    let o = vsoko(&["marks", "marks/school_1_marks.csv", "--format", "csv"]);
    let csv = stdout(&o);
    assert!(
        csv.starts_with("school,class,subject,teacher,period,pupils,"),
        "{csv}"
    );
    assert!(
        csv.contains(",q1,6,0,0,2,1,1,1,1,0,0,66.67,50.00,53.83,3.80\n"),
        "{csv}"
    );
}

#[test]
fn marks_reject_bad_rows_by_name_and_count_the_rest() {
    let o = vsoko(&["marks", "marks/bad_rows.csv", "--format", "json"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    for want in [
        "marks/bad_rows.csv, row 3: error[invalid_mark] marks/bad_rows.csv, строка 3, ячейка E3: «6» — не отметка",
        "row 4: error[unknown_period]",
        "row 5: error[duplicate_mark]",
        "уже есть отметка по предмету «Алгебра» за I четверть в строке 2",
        "row 6: error[missing_cell]",
        "ячейка A6: не указан класс",
    ] {
        assert!(err.contains(want), "{want}: {err}");
    }
    let got: Json = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(
        got["groups"][0]["pupils"], 2,
        "the two good rows are counted"
    );
    // A table without the columns says which are missing, in Russian.
    let o = vsoko_stdin(&["marks", "-"], "Класс;ФИО\n7Б;Иванов\n");
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains("нет столбцов: «Предмет», «Период», «Отметка»"),
        "{err}"
    );
}

/// The report of `files` compared with a reference file: findings by code and place, the rest
/// whole.
fn marks_equal_reference(files: &[&str], reference: &str) {
    let mut args = vec!["marks"];
    args.extend_from_slice(files);
    args.extend_from_slice(&["--format", "json"]);
    let o = vsoko(&args);
    assert!(o.status.success(), "{}", stderr(&o));
    let mut got: Json = serde_json::from_str(&stdout(&o)).unwrap();
    let mut want = read_json(&fixtures().join(reference));
    let findings = |v: &Json| -> Vec<(String, String)> {
        v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| (f["code"].to_string(), f["field"].to_string()))
            .collect()
    };
    assert_eq!(findings(&got), findings(&want));
    got["findings"] = Json::Null;
    want["findings"] = Json::Null;
    assert_eq!(got, want);
}

#[test]
fn marks_summary_sheets_equal_the_reference_computed_from_the_rules() {
    // A workbook with a class per sheet (periods under the subjects) and a CSV file with two
    // blocks (the period in the title) make one dataset.
    marks_equal_reference(
        &["marks/vedomost_7b.xlsx", "marks/vedomost_8.csv"],
        "marks/expected_vedomost.json",
    );
    // Grades, schools and municipalities sum the groups.
    marks_equal_reference(
        &["marks/municipal_marks.csv"],
        "marks/expected_municipal.json",
    );
}

#[test]
fn marks_summary_sheet_findings_name_file_row_and_cell() {
    let o = vsoko(&["marks", "marks/bad_vedomost.csv", "--format", "json"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    for want in [
        "row 2: error[no_class] marks/bad_vedomost.csv, строка 2: в блоке сводной ведомости",
        "отметок не учтено: 1",
        "row 7: error[unknown_period] marks/bad_vedomost.csv, строка 7, ячейка D7: «5 четв.» — не период",
        "row 6: error[no_period] marks/bad_vedomost.csv, строка 6, ячейка E6: у столбца предмета «Химия» нет периода",
        "row 9: error[duplicate_mark] marks/bad_vedomost.csv, строка 9, ячейка C9:",
        "row 10: error[missing_cell] marks/bad_vedomost.csv, строка 10, ячейка B10: не указан ученик",
        "row 11: error[invalid_mark] marks/bad_vedomost.csv, строка 11, ячейка C11: «6» — не отметка",
    ] {
        assert!(err.contains(want), "{want}: {err}");
    }
    let got: Json = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(got["groups"].as_array().unwrap().len(), 1);
    assert_eq!(got["groups"][0]["class"], "9А");
    assert_eq!(got["groups"][0]["pupils"], 2, "Сидоров once and Устинова");
    // Neither shape: the message says what each needs.
    let o = vsoko_stdin(&["marks", "-"], "Отчёт\nМесяц;Итог\n");
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("[invalid_input]"), "{err}");
    assert!(err.contains("нет столбцов: «Класс», «Ученик»"), "{err}");
    assert!(err.contains("Это и не сводная ведомость"), "{err}");

    // A workbook's sheet of neither shape beside a summary sheet is left out with a warning
    // (exit 1); the others are read.
    let dir = std::env::temp_dir().join(format!("vsoko-marks-sheets-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("two.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    let note = book.add_worksheet().set_name("Справка").unwrap();
    note.write(0, 0, "Выгрузка из журнала").unwrap();
    let sheet = book.add_worksheet().set_name("9А").unwrap();
    for (c, t) in [(0, "№"), (1, "ФИО"), (2, "Алгебра")] {
        sheet.write(0, c, t).unwrap();
    }
    sheet.write(1, 2, "Год").unwrap();
    sheet.write(2, 1, "Сидоров Семён").unwrap();
    sheet.write(2, 2, 4).unwrap();
    book.save(&path).unwrap();
    let o = vsoko(&["marks", path.to_str().unwrap(), "--format", "json"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("warning[sheet_skipped] лист «Справка» не прочитан"),
        "{}",
        stderr(&o)
    );
    let got: Json = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(got["groups"][0]["class"], "9А");
    assert_eq!(got["groups"][0]["period"], "year");
    assert_eq!(got["groups"][0]["marks"]["4"], 1);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn marks_workbook_has_a_sheet_per_view_with_number_cells() {
    use calamine::{Data, Reader};
    let dir = std::env::temp_dir().join(format!("vsoko-marks-xlsx-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let out = dir.join("marks.xlsx");
    let o = vsoko(&[
        "marks",
        "marks/school_1_marks.csv",
        "--format",
        "xlsx",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(&out).unwrap();
    assert_eq!(
        book.sheet_names(),
        [
            "Классы и предметы",
            "Предметы",
            "Учителя",
            "Изменения",
            "Учёт по классам",
            "Параллели",
            "Школы",
            "Муниципалитеты"
        ]
    );
    let grades = book.worksheet_range("Параллели").unwrap();
    assert_eq!(grades.get((0, 2)), Some(&Data::String("grade".into())));
    assert_eq!(grades.get((2, 2)), Some(&Data::String("7".into())));
    let groups = book.worksheet_range("Классы и предметы").unwrap();
    assert_eq!(
        groups.get((0, 15)),
        Some(&Data::String("success_pct".into()))
    );
    assert_eq!(
        groups.get((1, 15)),
        Some(&Data::String("Успеваемость, %".into()))
    );
    assert_eq!(groups.get((2, 4)), Some(&Data::String("I четверть".into())));
    assert_eq!(
        groups.get((2, 5)),
        Some(&Data::Float(6.0)),
        "a count is a number"
    );
    assert_eq!(
        groups.get((2, 15)),
        Some(&Data::Float(66.67)),
        "a figure is a number"
    );
    let account = book.worksheet_range("Учёт по классам").unwrap();
    assert!(
        account
            .rows()
            .any(|r| r.get(3) == Some(&Data::String("неуспевающий".into()))
                && r.get(5) == Some(&Data::String("Алгебра, Музыка".into())))
    );
    // Without a file the workbook has nowhere to go: a usage error, nothing half-written.
    let o = vsoko(&["marks", "marks/school_1_marks.csv", "--format", "xlsx"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("укажите -o"), "{}", stderr(&o));
    let _ = std::fs::remove_dir_all(&dir);
}
