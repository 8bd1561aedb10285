//! `read` over the fixture files, natively.

use super::*;

fn fixture(path: &str) -> (String, Vec<u8>) {
    let full = format!("{}/../../fixtures/{path}", env!("CARGO_MANIFEST_DIR"));
    let name = path.rsplit('/').next().unwrap_or(path).to_string();
    (name, std::fs::read(full).unwrap())
}

fn kinds(o: &Outcome) -> Vec<(String, Vec<&'static str>)> {
    o.files
        .iter()
        .map(|f| (f.name.clone(), f.kinds.clone()))
        .collect()
}

#[test]
fn each_fixture_reads_as_its_kind() {
    let o = read(&[
        fixture("marks/school_1_marks.csv"),
        fixture("marks/vedomost_7b.xlsx"),
        fixture("tasks/vpr_math5_school.xlsx"),
        fixture("tasks/vpr_region.csv"),
        fixture("objectivity/f1_vpr_math4.xlsx"),
    ])
    .unwrap();
    let k = kinds(&o);
    assert_eq!(k[0].1, ["marks"], "{k:?}");
    assert_eq!(k[1].1, ["marks"], "{k:?}");
    assert_eq!(k[2].1, ["tasks", "objectivity"], "{k:?}");
    assert_eq!(k[3].1, ["tasks"], "{k:?}");
    assert!(k[4].1.contains(&"objectivity"), "{k:?}");
    assert!(o.marks.is_some() && o.tasks.is_some() && o.objectivity.is_some());
}

#[test]
fn objectivity_alone_matches_the_cli() {
    let o = read(&[fixture("objectivity/f1_vpr_math4.xlsx")]).unwrap();
    let json = serde_json::to_value(o.objectivity.unwrap()).unwrap();
    let g = &json["groups"][0];
    assert_eq!(g["lowered_pct"], "40.00", "{g}");
    assert_eq!(g["completion_pct"], "71.88", "{g}");
}

#[test]
fn a_header_without_pupils_says_so() {
    let header = "school;year;procedure;subject;grade;pupil;score;max_score;mark;journal_mark\n";
    let o = read(&[("h.csv".into(), header.as_bytes().to_vec())]).unwrap();
    assert!(o.files[0].kinds.contains(&"objectivity"), "{:?}", o.files);
    assert!(
        o.findings.iter().any(|f| f.code == "no_pupils"),
        "{:?}",
        o.findings
    );
}

#[test]
fn unreadable_files_name_themselves() {
    let e = read(&[("a.csv".into(), b"x;\"y\n".to_vec())]).unwrap_err();
    assert_eq!(e.file, "a.csv");
    let e = read(&[("b.xlsx".into(), b"not a zip".to_vec())]).unwrap_err();
    assert!(
        e.error.message_ru().contains("XLSX"),
        "{}",
        e.error.message_ru()
    );
    let e = read(&[("c.csv".into(), "Просто;текст\n1;2\n".as_bytes().to_vec())]).unwrap_err();
    assert_eq!(e.file, "c.csv");
    // Windows-1251 text is decoded.
    let (text, _, _) = encoding_rs::WINDOWS_1251
        .encode("Класс;ФИО;Предмет;Период;Отметка\n7Б;Иванов;Алгебра;I четверть;5\n");
    let o = read(&[("d.csv".into(), text.to_vec())]).unwrap();
    assert_eq!(o.files[0].kinds, ["marks"]);
}

#[test]
fn a_cell_reference_that_overflows_the_reader_is_refused_by_name() {
    // The fuzz target's regression (upstream tafia/calamine#709), as the CLI refuses it.
    let bytes = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../fuzz/regressions/marks_sheets-column-letters-overflow"
    ))
    .unwrap();
    let e = read(&[("f.xlsx".into(), bytes)]).unwrap_err();
    assert_eq!(e.file, "f.xlsx");
    assert!(
        e.error.message_ru().contains("XLSX"),
        "{}",
        e.error.message_ru()
    );
}
