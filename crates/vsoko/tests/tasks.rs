//! Property tests of the tasks module: any cells are counted or rejected with one finding, never
//! a panic; completions stay within 0–100 and the classes add up to their school.

#![allow(clippy::unwrap_used, clippy::indexing_slicing)]

use proptest::prelude::*;
use rust_decimal::Decimal;
use vsoko::objectivity::FileContext;
use vsoko::tasks::{Heading, Results, ResultsColumns, ResultsTable, TasksOptions};

fn points() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "0", "1", "2", "3", "Х", "x", "", "-1", "1.5", "2.0", "abc"
        ])
        .prop_map(str::to_string),
        any::<String>(),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn every_row_is_counted_or_rejected_and_completions_add_up(
        rows in prop::collection::vec(
            (
                prop::sample::select(vec!["S1", "S2", ""]),
                prop::sample::select(vec!["5А", "5Б", ""]),
                prop::sample::select(vec!["p1", "p2", "p3", "p4", ""]),
                points(),
                points(),
                prop::sample::select(vec!["2", "3", "4", "5", "", "1", "отсутствовал"]),
            ),
            0..40,
        )
    ) {
        let header = ["school", "year", "procedure", "subject", "grade", "class", "pupil",
                      "1 (1б)", "2 (2б)", "mark"];
        let c = ResultsColumns::from_header(&header, FileContext::default()).unwrap();
        let mut r = Results::new();
        for (i, (school, class, pupil, p1, p2, mark)) in rows.iter().enumerate() {
            let before = r.findings().len();
            let cells = [*school, "2025", "ВПР", "Математика", "5", *class, *pupil, p1, p2, mark];
            r.add(&c, "f.csv", i + 2, &cells);
            prop_assert!(r.findings().len() <= before + 1);
        }
        prop_assert_eq!(r.rejected(), r.findings().len());
        let report = r.finish(&TasksOptions::default());
        let hundred = Decimal::ONE_HUNDRED;
        for t in &report.tasks {
            for p in [t.completion_pct, t.region_completion_pct].into_iter().flatten() {
                prop_assert!(p >= Decimal::ZERO && p <= hundred, "{}", p);
            }
            if t.class.is_none() {
                let classes: u64 = report.tasks.iter()
                    .filter(|u| u.class.is_some() && u.school == t.school && u.task == t.task)
                    .map(|u| u.participants).sum();
                prop_assert!(classes <= t.participants);
            }
        }
        for w in &report.weak {
            prop_assert!(w.completion_pct.unwrap() <= Decimal::from(50));
        }
        for m in &report.marks {
            let c = m.counts;
            prop_assert_eq!(c.n2 + c.n3 + c.n4 + c.n5, m.participants);
        }
    }

    #[test]
    fn any_rows_before_the_header_and_any_heading_never_panic(
        preamble in prop::collection::vec(prop::collection::vec(any::<String>(), 0..4), 0..4),
        header in prop::collection::vec(any::<String>(), 0..8),
    ) {
        let mut t = ResultsTable::default();
        for row in &preamble {
            let _ = t.take_preamble(row);
        }
        let _ = t.take_preamble(&header);
        for h in &header {
            if let Heading::Task(task) = Heading::read(h) {
                prop_assert!(task.max > 0);
            }
        }
    }
}

#[test]
fn two_tables_of_one_work_with_different_maximums_are_refused_row_by_row() {
    let a = ResultsColumns::from_header(
        &[
            "school",
            "year",
            "procedure",
            "subject",
            "grade",
            "pupil",
            "1 (2б)",
        ],
        FileContext::default(),
    )
    .unwrap();
    let b = ResultsColumns::from_header(
        &[
            "school",
            "year",
            "procedure",
            "subject",
            "grade",
            "pupil",
            "1 (3б)",
        ],
        FileContext::default(),
    )
    .unwrap();
    let mut r = Results::new();
    r.add(
        &a,
        "a.csv",
        2,
        &["S", "2025", "ВПР", "Физика", "7", "p1", "2"],
    );
    r.add(
        &b,
        "b.csv",
        2,
        &["S", "2025", "ВПР", "Физика", "7", "p2", "3"],
    );
    r.add(
        &a,
        "a.csv",
        3,
        &["S", "2025", "ВПР", "Физика", "7", "p1", "1"],
    );
    let codes: Vec<_> = r.findings().iter().map(|f| f.code.as_str()).collect();
    assert_eq!(codes, ["task_max_differs", "duplicate_pupil"]);
    assert!(r.findings()[1].message_ru.contains("уже указан в строке 2"));
    assert!(
        r.findings()[0]
            .message_ru
            .contains("b.csv, строка 2, ячейка G2")
    );
}

#[test]
fn a_participant_without_points_for_one_task_is_named_and_absent_pupils_are_not_participants() {
    let c = ResultsColumns::from_header(
        &[
            "school",
            "year",
            "procedure",
            "subject",
            "grade",
            "pupil",
            "variant",
            "1 (1б)",
            "2 (1б)",
        ],
        FileContext::default(),
    )
    .unwrap();
    let mut r = Results::new();
    r.add(
        &c,
        "",
        2,
        &["S", "2025", "ВПР", "Физика", "7", "p1", "1", "1", ""],
    );
    r.add(
        &c,
        "",
        3,
        &[
            "S",
            "2025",
            "ВПР",
            "Физика",
            "7",
            "p2",
            "отсутствовал",
            "",
            "",
        ],
    );
    r.add(
        &c,
        "",
        4,
        &["S", "2025", "ВПР", "Физика", "7", "p3", "2", "1", "0"],
    );
    assert_eq!(r.findings().len(), 1);
    assert_eq!(r.findings()[0].code, "missing_cell");
    assert!(
        r.findings()[0]
            .message_ru
            .contains("нет баллов за задание 2")
    );
    let report = r.finish(&TasksOptions::default());
    assert_eq!(report.tasks[0].participants, 1);
}
