//! `vsoko rating` against the independent reference in `fixtures/rating/` (relative points with
//! ties, a "less is better" indicator, totals over indicators' relative points, vertical
//! places (schools in municipalities, municipalities in regions), a context grouping, resilient schools),
//! and its typed errors.

mod common;

use common::{fixtures, read_json, text, vsoko};

const SCHOOLS: &str = "rating/schools.csv";
const METHODOLOGY: &str = "rating/methodology.json";

#[test]
fn every_reference_case_matches_exactly() {
    for (args, expected) in [
        (
            vec![
                "--relative",
                "--context",
                "location,social_index",
                "--bands",
                "2",
            ],
            "rating/expected_total.json",
        ),
        (
            vec![
                "--by",
                "B.2",
                "--relative",
                "--context",
                "location",
                "--bands",
                "4",
            ],
            "rating/expected_b2.json",
        ),
        (
            vec![
                "--relative-total",
                "mean",
                "--relative",
                "--context",
                "location",
                "--bands",
                "4",
            ],
            "rating/expected_relative_mean.json",
        ),
        (
            vec!["--by", "A", "--relative-total", "sum"],
            "rating/expected_a_relative_sum.json",
        ),
    ] {
        let mut all = vec!["rating", SCHOOLS, "--methodology-file", METHODOLOGY];
        all.extend(args);
        all.extend(["--format", "json"]);
        let o = vsoko(&all);
        assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
        let got: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        assert_eq!(got, read_json(&fixtures().join(expected)), "{expected}");
    }
}

#[test]
fn an_unused_column_is_said_and_the_table_reads_in_russian() {
    let o = vsoko(&[
        "rating",
        SCHOOLS,
        "--methodology-file",
        METHODOLOGY,
        "--context",
        "location",
    ]);
    assert_eq!(o.status.code(), Some(0));
    assert!(text(&o.stderr).contains("warning[column_unused] столбец «social_index»"));
    let out = text(&o.stdout);
    assert!(
        out.contains("Рейтинг по показателю «total»: 14 школ"),
        "{out}"
    );
    assert!(out.contains("Муниципалитеты (среднее по школам):"));
}

#[test]
fn bad_input_gets_typed_errors_naming_what_and_where() {
    let dir = std::env::temp_dir().join(format!("vsoko-rating-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let missing = dir.join("missing.csv");
    std::fs::write(
        &missing,
        "school,location,A.1\nШкола 1,город,5\nШкола 2,,7\n",
    )
    .unwrap();
    let zero = dir.join("zero.csv");
    std::fs::write(&zero, "school,A.1\nШкола 1,0\nШкола 2,0\n").unwrap();
    let formula = dir.join("formula.csv");
    std::fs::write(&formula, "school,A.1\n=HYPERLINK(\"x\"),5\n").unwrap();
    let run = |file: &std::path::Path, extra: &[&str]| {
        let mut args = vec![
            "rating",
            file.to_str().unwrap(),
            "--methodology-file",
            METHODOLOGY,
        ];
        args.extend_from_slice(extra);
        vsoko(&args)
    };
    let o = run(&missing, &["--context", "location"]);
    assert_eq!(o.status.code(), Some(2));
    let e = text(&o.stderr);
    assert!(
        e.contains("строка 3") && e.contains("«location»") && e.contains("Школа 2"),
        "{e}"
    );
    let o = run(&zero, &["--relative"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o.stderr).contains("больше 0"), "{}", text(&o.stderr));
    let o = run(&zero, &["--by", "Z.9"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o.stderr).contains("«total», код группы или показателя"));
    let o = run(&missing, &["--context", "nope"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o.stderr).contains("столбец «nope»"));
    let o = run(&formula, &["--format", "csv"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(
        text(&o.stdout).contains("\"'=HYPERLINK"),
        "{}",
        text(&o.stdout)
    );
}
