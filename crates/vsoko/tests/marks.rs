//! Property tests of the marks module: any cells are counted or rejected with one finding, never
//! a panic; the figures add up whatever the rows are.

#![allow(clippy::unwrap_used, clippy::indexing_slicing)]

use proptest::prelude::*;
use rust_decimal::Decimal;
use vsoko::marks::{Columns, Dataset, Mark, Period};

fn cell() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "5",
            "4",
            "3",
            "2",
            "1",
            "н/а",
            "Н/А",
            "осв.",
            "зач",
            "незач",
            "",
            "—",
            "6",
            "5+",
        ])
        .prop_map(str::to_string),
        any::<String>(),
    ]
}

fn period() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "I четверть",
            "2 четв.",
            "3-я четверть",
            "IV четв",
            "1 полугодие",
            "II пол.",
            "год",
            "итоговая",
            "q1",
            "5 четверть",
            "",
        ])
        .prop_map(str::to_string),
        any::<String>(),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    #[test]
    fn every_row_is_counted_or_rejected_and_the_figures_add_up(
        rows in prop::collection::vec(
            (
                prop::sample::select(vec!["7Б", "8А", ""]),
                prop::sample::select(vec!["Анна", "Борис", "Вера", ""]),
                prop::sample::select(vec!["Алгебра", "Музыка", ""]),
                period(),
                cell(),
            ),
            0..60,
        )
    ) {
        let c = Columns::from_header(&["Класс", "ФИО", "Предмет", "Период", "Отметка"]).unwrap();
        let mut d = Dataset::new();
        let mut counted = 0u64;
        for (i, (class, pupil, subject, period, mark)) in rows.iter().enumerate() {
            let before = d.findings().len();
            let cells = [class.to_string(), pupil.to_string(), subject.to_string(), period.clone(), mark.clone()];
            d.add(&c, "t.csv", i + 2, &cells);
            let blank = cells.iter().all(|s| s.trim().is_empty());
            let rejected = d.findings().len() - before;
            prop_assert!(rejected <= 1);
            if rejected == 1 {
                prop_assert_eq!(d.findings()[before].place.row, Some(i as u64 + 2));
            } else if !blank {
                counted += 1;
                prop_assert!(Period::parse(period).is_some() && Mark::parse(mark).is_some());
            }
        }
        prop_assert_eq!(d.rejected(), d.findings().len());
        let r = d.finish();
        let total: u64 = r.groups.iter().map(|g| g.figures.counts.pupils).sum();
        prop_assert_eq!(total, counted, "no counted row is lost");
        let subjects: u64 = r.subjects.iter().map(|s| s.figures.counts.pupils).sum();
        prop_assert_eq!(subjects, counted);
        for g in &r.groups {
            let f = &g.figures;
            for p in [f.success_pct, f.quality_pct, f.sou_pct].into_iter().flatten() {
                prop_assert!(p >= Decimal::ZERO && p <= Decimal::ONE_HUNDRED, "{}", p);
            }
            if let Some(m) = f.mean {
                prop_assert!(m >= Decimal::ONE && m <= Decimal::from(5));
            }
        }
    }
}
