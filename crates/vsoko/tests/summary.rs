//! Property tests of summary sheets («сводная ведомость»): any grid of cells is read without a
//! panic, and in a sheet of blocks every mark cell is counted or named by a finding (its own,
//! its row's, its column's or its block's) — the expected counts are worked out here from how
//! the grid was built, not from the reader.

#![allow(clippy::unwrap_used, clippy::indexing_slicing)]

use proptest::prelude::*;
use std::collections::{BTreeMap, HashSet};
use vsoko::marks::{Dataset, Mark, Period};

/// Rows of cells with their numbers.
type Rows = Vec<(usize, Vec<String>)>;

/// A subject column: its subject and the text of its period cell.
type Column = (&'static str, &'static str);

#[derive(Debug, Clone)]
struct Block {
    class: bool,
    title_period: bool,
    period_row: bool,
    columns: Vec<Column>,
    pupils: Vec<(&'static str, Vec<String>)>,
}

fn mark() -> impl Strategy<Value = String> {
    prop::sample::select(vec![
        "5",
        "4",
        "3",
        "2",
        "1",
        "н/а",
        "осв",
        "зач",
        "незач",
        "",
        "—",
        "6",
        "5+",
        "x",
        "  ",
        "Зач",
    ])
    .prop_map(str::to_string)
}

fn block() -> impl Strategy<Value = Block> {
    (
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
        prop::collection::vec(
            (
                prop::sample::select(vec!["Алгебра", "Музыка"]),
                prop::sample::select(vec!["1 четв.", "I четверть", "Год", "Итог", "5 четв.", ""]),
            ),
            1..4,
        ),
    )
        .prop_flat_map(|(class, title_period, period_row, columns)| {
            let n = columns.len();
            let pupils = prop::collection::vec(
                (
                    prop::sample::select(vec!["Анна", "Борис", ""]),
                    prop::collection::vec(mark(), n),
                ),
                0..5,
            );
            (Just((class, title_period, period_row, columns)), pupils)
        })
        .prop_map(|((class, title_period, period_row, mut columns), pupils)| {
            if period_row {
                // A row of periods is one when a cell of it is a period.
                columns[0].1 = "1 четв.";
            }
            Block {
                class,
                title_period,
                period_row,
                columns,
                pupils,
            }
        })
}

/// The grid of a block and, worked out from the block, the marks counted and the findings.
fn grid(blocks: &[Block]) -> (Rows, u64, BTreeMap<&'static str, usize>) {
    let mut rows = Vec::new();
    let mut counted = 0;
    let mut findings = BTreeMap::new();
    let mut seen = HashSet::new();
    let push = |rows: &mut Rows, cells: Vec<String>| {
        let n = rows.len() + 1;
        rows.push((n, cells));
    };
    for b in blocks {
        let title = match (b.class, b.title_period) {
            (true, true) => "Класс: 7Б, за I четверть",
            (true, false) => "Класс: 7Б",
            (false, true) => "Ведомость за I четверть",
            (false, false) => "Ведомость",
        };
        push(&mut rows, vec![title.to_string()]);
        let mut header = vec!["№".to_string(), "ФИО".to_string()];
        header.extend(b.columns.iter().map(|(s, _)| (*s).to_string()));
        push(&mut rows, header);
        if b.period_row {
            let mut periods = vec![String::new(), String::new()];
            periods.extend(b.columns.iter().map(|(_, p)| (*p).to_string()));
            push(&mut rows, periods);
        }
        for (i, (name, marks)) in b.pupils.iter().enumerate() {
            let mut cells = vec![(i + 1).to_string(), (*name).to_string()];
            cells.extend(marks.iter().cloned());
            push(&mut rows, cells);
        }
        // What the reader should make of it.
        let period = |p: &str| -> Option<Period> {
            if b.period_row && !p.is_empty() {
                Period::parse(p)
            } else if b.title_period {
                Some(Period::Quarter(1))
            } else {
                None
            }
        };
        for (_, p) in &b.columns {
            if period(p).is_none() {
                let code = if b.period_row && !p.is_empty() {
                    "unknown_period"
                } else {
                    "no_period"
                };
                *findings.entry(code).or_default() += 1;
            }
        }
        if !b.class {
            *findings.entry("no_class").or_default() += 1;
            continue;
        }
        let graded: Vec<bool> = (0..b.columns.len())
            .map(|c| b.pupils.iter().any(|(_, m)| !m[c].trim().is_empty()))
            .collect();
        for (name, marks) in &b.pupils {
            let usable = |c: usize| graded[c] && period(b.columns[c].1).is_some();
            if name.is_empty() {
                if (0..marks.len()).any(|c| usable(c) && !marks[c].trim().is_empty()) {
                    *findings.entry("missing_cell").or_default() += 1;
                }
                continue;
            }
            for (c, m) in marks.iter().enumerate() {
                if !usable(c) {
                    continue;
                }
                let Some(p) = period(b.columns[c].1) else {
                    continue;
                };
                if Mark::parse(m).is_none() {
                    *findings.entry("invalid_mark").or_default() += 1;
                } else if seen.insert((p, *name, b.columns[c].0)) {
                    counted += 1;
                } else {
                    *findings.entry("duplicate_mark").or_default() += 1;
                }
            }
        }
    }
    (rows, counted, findings)
}

fn any_cell() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "ФИО",
            "№",
            "Ученик",
            "Класс: 7Б",
            "7Б класс",
            "Ведомость",
            "Школа: №1",
            "1 четв.",
            "Год",
            "5 четв.",
            "Алгебра",
            "Средний балл",
            "Итого",
            "5",
            "н/а",
            "",
            "—",
            "6",
            "Анна",
        ])
        .prop_map(str::to_string),
        any::<String>(),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn every_mark_cell_is_counted_or_named_by_a_finding(blocks in prop::collection::vec(block(), 1..4)) {
        let (rows, counted, want) = grid(&blocks);
        let mut d = Dataset::new();
        d.add_summary("v.csv", "", &rows).unwrap();
        let mut got: BTreeMap<&'static str, usize> = BTreeMap::new();
        for f in d.findings() {
            *got.entry(f.code.as_str()).or_default() += 1;
            prop_assert!(f.place.row.is_some() && f.place.file.as_deref() == Some("v.csv"));
        }
        prop_assert_eq!(&got, &want, "{:?}", d.findings().iter().map(|f| &f.message_ru).collect::<Vec<_>>());
        let r = d.finish();
        let total: u64 = r.groups.iter().map(|g| g.figures.counts.pupils).sum();
        prop_assert_eq!(total, counted, "no mark is lost");
        let grades: u64 = r.grades.iter().map(|g| g.figures.counts.pupils).sum();
        let schools: u64 = r.schools.iter().map(|s| s.figures.counts.pupils).sum();
        prop_assert_eq!((grades, schools), (counted, counted));
    }

    #[test]
    fn any_grid_is_read_or_refused_without_a_panic(
        grid in prop::collection::vec(prop::collection::vec(any_cell(), 0..6), 0..14),
        sheet in prop::sample::select(vec!["", "7Б", "Лист1"]),
    ) {
        let rows: Vec<(usize, Vec<String>)> = grid.into_iter().enumerate().map(|(i, r)| (i + 1, r)).collect();
        let mut d = Dataset::new();
        let _ = d.add_sheet("g.xlsx", sheet, &rows);
        prop_assert_eq!(d.rejected(), d.findings().len());
        let r = d.finish();
        let groups: u64 = r.groups.iter().map(|g| g.figures.counts.pupils).sum();
        let schools: u64 = r.schools.iter().map(|s| s.figures.counts.pupils).sum();
        prop_assert_eq!(groups, schools);
        for g in &r.groups {
            let f = &g.figures;
            for p in [f.success_pct, f.quality_pct, f.sou_pct].into_iter().flatten() {
                prop_assert!(p >= rust_decimal::Decimal::ZERO && p <= rust_decimal::Decimal::ONE_HUNDRED);
            }
        }
    }
}
