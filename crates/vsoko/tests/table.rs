//! `Methodology::score_table` (buffers reused, totals only) against `evaluate_rows` (a
//! scorecard per row): the same numbers and the same first error, for every methodology.

#![allow(
    clippy::unwrap_used,
    clippy::indexing_slicing,
    clippy::panic,
    clippy::many_single_char_names
)]

use proptest::prelude::*;
use rust_decimal::Decimal;
use vsoko::{Methodology, Options, Value};

/// A cell: mostly points every cap admits, now and then over a cap, negative, n/a or yes/no.
fn cell() -> impl Strategy<Value = Value> {
    prop_oneof![
        60 => (0i64..=100).prop_map(|h| Value::Points(Decimal::new(h, 2))),
        3 => (0i64..=1000).prop_map(|t| Value::Points(Decimal::new(t, 3))),
        2 => Just(Value::Missing),
        1 => (101i64..=1200).prop_map(|h| Value::Points(Decimal::new(h, 2))),
        1 => (-300i64..0).prop_map(|h| Value::Points(Decimal::new(h, 2))),
        2 => Just(Value::NotApplicable),
        2 => any::<bool>().prop_map(Value::YesNo),
    ]
}

/// Rows of `(position, value)`: positions mostly within the inputs, now and then one past
/// them or repeated.
fn rows(inputs: usize) -> impl Strategy<Value = Vec<Vec<(usize, Value)>>> {
    let row = prop::collection::vec((0..inputs + 1, cell()), 0..inputs + 3);
    prop::collection::vec(row, 0..6)
}

/// Checks the two agree; whether the batch scored (so the numbers were compared).
fn same(m: &Methodology, rows: &[Vec<(usize, Value)>], options: Options) -> bool {
    let cards = m.evaluate_rows(rows, options);
    let table = m.score_table(rows.len(), options, |i, row| {
        row.extend_from_slice(&rows[i]);
        Ok(())
    });
    match (cards, table) {
        (Ok(cards), Ok(t)) => {
            assert_eq!(t.len(), cards.len());
            for (i, c) in cards.iter().enumerate() {
                assert_eq!(t.total[i], c.total, "row {i}");
                assert_eq!(t.total[i].scale(), c.total.scale(), "row {i}");
                assert_eq!(t.max[i], c.max, "row {i}");
                for (g, p) in c.group_points.iter().enumerate() {
                    assert_eq!(t.group(g).nth(i), Some(*p), "row {i} group {g}");
                }
            }
            true
        }
        (Err((i, e)), Err((j, f))) => {
            assert_eq!(i, j);
            assert_eq!((e.code(), e.to_string()), (f.code(), f.to_string()));
            false
        }
        (a, b) => panic!(
            "evaluate_rows {:?} but score_table {:?}",
            a.map(|c| c.len()),
            b.map(|t| t.len())
        ),
    }
}

const NAMES: [&str; 3] = ["index-2023", "nocko-1547", "nok-2019"];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]
    #[test]
    fn score_table_is_evaluate_rows(
        (which, rows, strict) in (0usize..3).prop_flat_map(|w| {
            let inputs = Methodology::builtin(NAMES[w]).unwrap().inputs().len();
            (Just(w), rows(inputs), any::<bool>())
        })
    ) {
        same(Methodology::builtin(NAMES[which]).unwrap(), &rows, Options::new().strict(strict));
    }
}

#[test]
fn batches_that_score_are_common_in_the_property_above() {
    let m = Methodology::builtin("index-2023").unwrap();
    let scored = std::cell::Cell::new(0);
    let mut runner = proptest::test_runner::TestRunner::default();
    runner
        .run(&rows(m.inputs().len()), |rows| {
            scored.set(scored.get() + usize::from(same(m, &rows, Options::default())));
            Ok(())
        })
        .unwrap();
    let scored = scored.get();
    assert!(scored >= 30, "only {scored} of 256 batches scored");
}

/// Enough rows for the two threads, with a bad row in each half.
#[test]
fn score_table_on_two_threads_keeps_order_and_the_first_error() {
    let m = Methodology::builtin("index-2023").unwrap();
    let n = 5000;
    let rows: Vec<Vec<(usize, Value)>> = (0..n)
        .map(|i| {
            (0..m.inputs().len())
                .map(|p| {
                    (
                        p,
                        Value::Points(Decimal::from((i + p) % 3).min(m.indicators()[p].cap)),
                    )
                })
                .collect()
        })
        .collect();
    assert!(same(m, &rows, Options::default()));
    // Hundredths, tenths and whole points, some rows with gaps: all through the plain lane.
    let fine: Vec<Vec<(usize, Value)>> = (0..n)
        .map(|i| {
            (0..m.inputs().len())
                .filter(|p| (i + p) % 11 != 0)
                .map(|p| {
                    (
                        p,
                        Value::Points(Decimal::new(i64::try_from((i * 7 + p) % 101).unwrap(), 2)),
                    )
                })
                .collect()
        })
        .collect();
    assert!(same(m, &fine, Options::default()));
    let mut bad = rows.clone();
    bad[4000][0].1 = Value::Points(Decimal::from(9));
    bad[3000][1].1 = Value::Points(Decimal::from(-1));
    same(m, &bad, Options::default());
    bad[10][2].1 = Value::NotApplicable;
    same(m, &bad, Options::default());
}
