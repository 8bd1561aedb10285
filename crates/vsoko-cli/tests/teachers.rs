//! `vsoko teachers` against the independent reference in `fixtures/teachers/` (categories set
//! before and after 01.09.2023, teachers without a category, overdue training, a row per course
//! and continuation rows), the same register as an Excel workbook with real date cells, and its
//! typed errors and findings.

mod common;

use common::{fixtures, read_json, text, vsoko};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

const REGISTER: &str = "teachers/register.csv";

#[expect(clippy::unwrap_used, reason = "a test helper")]
fn run_json(path: &str) -> serde_json::Value {
    let o = vsoko(&[
        "teachers",
        path,
        "--as-of",
        "2025-01-15",
        "--format",
        "json",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    serde_json::from_slice(&o.stdout).unwrap()
}

#[test]
fn the_register_matches_the_reference() {
    let got = run_json(REGISTER);
    let want = read_json(&fixtures().join("teachers/expected.json"));
    for (key, value) in want.as_object().unwrap() {
        assert_eq!(&got[key], value, "{key}");
    }
    // What the reference leaves to vsoko: the warnings, with their rows.
    let o = vsoko(&["teachers", REGISTER, "--as-of", "15.01.2025"]);
    let e = text(&o.stderr);
    assert!(e.contains("row 8: warning[category_unlimited]"), "{e}");
    assert!(e.contains("warning[attestation_unknown]"), "{e}");
    let t = text(&o.stdout);
    assert!(
        t.contains("Реестр педагогов на 15.01.2025: 13 педагогов"),
        "{t}"
    );
    assert!(
        t.contains(
            "14.01.2025 — Попов Дмитрий Сергеевич: курсы повышения квалификации — просрочено"
        ),
        "{t}"
    );
    assert!(!t.contains("15.01.2025 — Козлова Ирина Дмитриевна: аттестация — просрочено"));
}

#[test]
fn an_excel_register_with_date_cells_reads_the_same() {
    let csv = std::fs::read_to_string(fixtures().join(REGISTER)).unwrap();
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let dates = Format::new().set_num_format("dd.mm.yyyy");
    for (r, line) in csv.trim_start_matches('\u{feff}').lines().enumerate() {
        let r = u32::try_from(r).unwrap();
        // The fixture quotes only one topic with a semicolon in it.
        let mut cells = Vec::new();
        let mut rest = line;
        while !rest.is_empty() || cells.len() < 11 {
            if let Some(q) = rest.strip_prefix('"') {
                let end = q.find('"').unwrap();
                cells.push(q[..end].to_string());
                rest = q[end + 1..].strip_prefix(';').unwrap_or("");
            } else {
                let (cell, tail) = rest.split_once(';').unwrap_or((rest, ""));
                cells.push(cell.to_string());
                rest = tail;
            }
            if cells.len() >= 11 {
                break;
            }
        }
        for (c, cell) in cells.iter().enumerate() {
            let c = u16::try_from(c).unwrap();
            let as_date = cell.split('.').collect::<Vec<_>>();
            if r > 0 && as_date.len() == 3 && as_date.iter().all(|p| p.parse::<u32>().is_ok()) {
                let d = ExcelDateTime::from_ymd(
                    as_date[2].parse().unwrap(),
                    as_date[1].parse().unwrap(),
                    as_date[0].parse().unwrap(),
                )
                .unwrap();
                sheet.write_datetime_with_format(r, c, &d, &dates).unwrap();
            } else if !cell.is_empty() {
                sheet.write_string(r, c, cell).unwrap();
            }
        }
    }
    let dir = std::env::temp_dir().join(format!("vsoko-teachers-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("Реестр педагогов.xlsx");
    book.save(&path).unwrap();
    let got = run_json(path.to_str().unwrap());
    let want = read_json(&fixtures().join("teachers/expected.json"));
    for key in ["teachers", "due", "shares"] {
        assert_eq!(got[key], want[key], "{key}");
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn bad_cells_are_named_by_row_and_column_and_conflicts_are_findings() {
    let dir = std::env::temp_dir().join(format!("vsoko-teachers-bad-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let write = |name: &str, body: &str| {
        let p = dir.join(name);
        std::fs::write(&p, body).unwrap();
        p.to_str().unwrap().to_string()
    };
    let header = "ФИО;Категория;Дата присвоения;Курсы ПК: дата окончания\n";
    let bad_date = write("date.csv", &format!("{header}Иванова;высшая;31.02.2019;\n"));
    let o = vsoko(&["teachers", &bad_date, "--as-of", "2025-01-15"]);
    assert_eq!(o.status.code(), Some(2));
    let e = text(&o.stderr);
    assert!(
        e.contains("Дата присвоения, строка 2") && e.contains("«31.02.2019»"),
        "{e}"
    );

    let bad_category = write("cat.csv", &format!("{header}Иванова;вторая;01.02.2019;\n"));
    let o = vsoko(&["teachers", &bad_category, "--as-of", "2025-01-15"]);
    assert_eq!(o.status.code(), Some(2));
    let e = text(&o.stderr);
    assert!(
        e.contains("Категория, строка 2") && e.contains("«вторая»"),
        "{e}"
    );

    let conflict = write(
        "conflict.csv",
        &format!("{header}Иванова;высшая;01.02.2019;01.02.2024\nИванова;первая;;01.02.2023\n"),
    );
    let o = vsoko(&[
        "teachers",
        &conflict,
        "--as-of",
        "2025-01-15",
        "--format",
        "json",
    ]);
    assert_eq!(o.status.code(), Some(1), "a conflict is an error finding");
    let e = text(&o.stderr);
    assert!(e.contains("row 3: error[teacher_conflict]"), "{e}");
    let got: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(
        got["teachers"][0]["category"], "highest",
        "the first row's is kept"
    );
    assert_eq!(got["teachers"].as_array().unwrap().len(), 1);

    let no_name = write("noname.csv", "Должность\nучитель\n");
    let o = vsoko(&["teachers", &no_name]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o.stderr).contains("ФИО"));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn the_plan_gains_the_due_items_and_its_check_names_the_missing_ones() {
    let dir = std::env::temp_dir().join(format!("vsoko-teachers-plan-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let o = vsoko(&["plan", "template", "--year", "2024/25"]);
    let plan = dir.join("plan.json");
    std::fs::write(&plan, &o.stdout).unwrap();
    // The reference's due dates in the plan's months (August 2024 – July 2025), overdue ones
    // included.
    let want = read_json(&fixtures().join("teachers/expected.json"));
    let mut due = 0;
    for t in want["teachers"].as_array().unwrap() {
        for kind in ["attestation_due", "training_due"] {
            if t[kind].as_str().is_some_and(|d| d <= "2025-07-31") {
                due += 1;
            }
        }
    }
    assert!(due > 5);
    let check = |path: &std::path::Path| {
        let o = vsoko(&[
            "plan",
            "check",
            path.to_str().unwrap(),
            "--register",
            REGISTER,
            "--as-of",
            "2025-01-15",
            "--format",
            "json",
        ]);
        let r: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        r["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["code"] == "teacher_due_unplanned")
            .count()
    };
    assert_eq!(check(&plan), due);
    let with = dir.join("with.json");
    let o = vsoko(&[
        "plan",
        "teachers",
        plan.to_str().unwrap(),
        "--register",
        REGISTER,
        "--as-of",
        "2025-01-15",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    std::fs::write(&with, &o.stdout).unwrap();
    assert_eq!(check(&with), 0);
    let p: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let added: Vec<&serde_json::Value> = p["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["subject"].as_str().is_some() && i["mechanism"] == vsoko::teachers::MECHANISM)
        .collect();
    assert_eq!(added.len(), due);
    assert!(
        added
            .iter()
            .all(|i| i["responsible"][0] == vsoko::teachers::RESPONSIBLE)
    );
    // Again: the same items, not twice.
    let again = vsoko(&[
        "plan",
        "teachers",
        with.to_str().unwrap(),
        "--register",
        REGISTER,
        "--as-of",
        "2025-01-15",
    ]);
    let p2: serde_json::Value = serde_json::from_slice(&again.stdout).unwrap();
    assert_eq!(
        p2["items"].as_array().unwrap().len(),
        p["items"].as_array().unwrap().len()
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn targets_of_the_plan_and_a_teachers_history() {
    // By hand from register.csv: courses ended 01.09.2024–15.01.2025 — Иванова (20.10.2024),
    // Соколова (20.12.2024), Ёлкина (30.09.2024): 3 of 13; categories: 7 teachers have one,
    // Иванова's ended 15.03.2024: 6 of 7 in force.
    let got = run_json(REGISTER);
    assert_eq!(got["trained_year"], 3);
    let target = |id: &str| {
        got["targets"]
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["id"] == id)
            .unwrap()
            .clone()
    };
    let year = target("trained_year");
    assert_eq!(
        (year["count"].as_u64(), year["of"].as_u64()),
        (Some(3), Some(13))
    );
    assert_eq!(
        (year["pct"].as_str(), year["met"].as_bool()),
        (Some("23.08"), Some(false))
    );
    let confirmed = target("categories_confirmed");
    assert_eq!(
        (confirmed["count"].as_u64(), confirmed["of"].as_u64()),
        (Some(6), Some(7))
    );
    let o = vsoko(&[
        "teachers",
        REGISTER,
        "--as-of",
        "2025-01-15",
        "--target",
        "trained_year=20",
        "--format",
        "json",
    ]);
    let lower: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(lower["targets"][0]["met"], true);
    let o = vsoko(&["teachers", REGISTER, "--target", "trained_year=120"]);
    assert_eq!(o.status.code(), Some(2));

    let o = vsoko(&[
        "teachers",
        REGISTER,
        "--as-of",
        "2025-01-15",
        "--teacher",
        "лебедева",
        "--format",
        "json",
    ]);
    let h: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(h["name"], "Лебедева Татьяна Михайловна");
    assert_eq!(
        h["courses"].as_array().unwrap().len(),
        3,
        "the continuation row's course too"
    );
    assert_eq!(h["training_due"], "2027-02-28");
    let o = vsoko(&["teachers", REGISTER, "--teacher", "Петрова Анна"]);
    assert_eq!(o.status.code(), Some(2));
}
