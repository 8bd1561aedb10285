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

/// A case over the built-in methodologies: which one, rows made by `rows` for its number of
/// inputs, and strict mode or not.
fn cases<S: Strategy>(
    rows: impl Fn(usize) -> S + Clone,
) -> impl Strategy<Value = (usize, S::Value, bool)> {
    (0usize..NAMES.len()).prop_flat_map(move |w| {
        let inputs = Methodology::builtin(NAMES[w]).unwrap().inputs().len();
        (Just(w), rows(inputs), any::<bool>())
    })
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
        (which, rows, strict) in cases(rows)
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

/// A float cell as a frame holds it: hundredths, thousandths, a sum with float error, empty
/// (NaN), infinite, negative, -0, huge.
fn float_cell() -> impl Strategy<Value = f64> {
    prop_oneof![
        40 => (0i32..=300).prop_map(|h| f64::from(h) / 100.0),
        4 => (0i32..=3000).prop_map(|t| f64::from(t) / 1000.0),
        2 => Just(0.1 + 0.2),
        4 => Just(f64::NAN),
        1 => Just(f64::INFINITY),
        1 => (-300i32..0).prop_map(|h| f64::from(h) / 100.0),
        1 => Just(-0.0),
        1 => Just(1e300),
    ]
}

/// The general way a frame's float cells are read: NaN is empty, the rest through `from_f64`.
fn as_values(m: &Methodology, row: &[f64], out: &mut Vec<(usize, Value)>) -> vsoko::Result<()> {
    for (pos, &x) in row.iter().enumerate() {
        if x.is_nan() {
            continue;
        }
        let v = vsoko::decimal::from_f64(x).map_err(|reason| vsoko::Error::InvalidValue {
            id: m.inputs()[pos].id.clone(),
            reason,
        })?;
        out.push((pos, Value::Points(v)));
    }
    Ok(())
}

/// Checks `score_table_floats` against reading each row the general way and `evaluate_row`:
/// the same numbers, or the same first bad row and error. Whether the rows scored. Each row
/// has one float per input, in input order.
fn same_floats(m: &Methodology, rows: &[Vec<f64>], options: Options) -> bool {
    let expected: Result<Vec<_>, (usize, vsoko::Error)> = rows
        .iter()
        .enumerate()
        .map(|(i, row)| {
            let mut values = Vec::new();
            as_values(m, row, &mut values)
                .and_then(|()| m.evaluate_row(&values, options))
                .map_err(|e| (i, e))
        })
        .collect();
    let got = m.score_table_floats(
        rows.len(),
        options,
        |input, first, cells| {
            for (k, cell) in cells.iter_mut().enumerate() {
                *cell = rows[first + k][input];
            }
        },
        |i, r| as_values(m, &rows[i], r),
    );
    match (expected, got) {
        (Ok(cards), Ok(t)) => {
            for (i, c) in cards.iter().enumerate() {
                assert_eq!(
                    (t.total[i], t.total[i].scale(), t.max[i]),
                    (c.total, c.total.scale(), c.max),
                    "row {i}"
                );
                for (g, p) in c.group_points.iter().enumerate() {
                    let got = t.group(g).nth(i).unwrap();
                    assert_eq!((got, got.scale()), (*p, p.scale()), "row {i} group {g}");
                }
            }
            true
        }
        (Err((i, e)), Err((j, f))) => {
            assert_eq!((i, e.code(), e.to_string()), (j, f.code(), f.to_string()));
            false
        }
        (a, b) => panic!(
            "expected {:?} but score_table_floats {:?}",
            a.map(|c| c.len()),
            b.map(|t| t.len())
        ),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]
    #[test]
    fn score_table_floats_is_evaluate_rows(
        (which, rows, strict) in cases(|inputs| {
            prop::collection::vec(prop::collection::vec(float_cell(), inputs), 0..6)
        })
    ) {
        same_floats(Methodology::builtin(NAMES[which]).unwrap(), &rows, Options::new().strict(strict));
    }
}

#[test]
fn float_rows_through_the_lane_on_two_threads() {
    let m = Methodology::builtin("index-2023").unwrap();
    let rows: Vec<Vec<f64>> = (0..5000)
        .map(|i: usize| {
            (0..m.inputs().len())
                .map(|p| {
                    if (i + p).is_multiple_of(13) {
                        f64::NAN
                    } else {
                        f64::from(u32::try_from((i * 7 + p) % 101).unwrap()) / 100.0
                    }
                })
                .collect()
        })
        .collect();
    assert!(same_floats(m, &rows, Options::default()));
    let mut bad = rows.clone();
    bad[4100][5] = 7.0;
    bad[2600][3] = 0.125; // not in the lane: read the general way, and fine
    assert!(!same_floats(m, &bad, Options::default()));
}

/// `evaluate_row` (which takes the plain lane where it can) against `evaluate` by id (always
/// the general path): the same scorecard to the last scale, or the same error.
fn row_is_general(m: &Methodology, row: &[(usize, Value)], options: Options) {
    if row.iter().any(|(p, _)| *p >= m.inputs().len()) {
        return; // no id to give the general path
    }
    let values: vsoko::Values = row
        .iter()
        .map(|(p, v)| (m.inputs()[*p].id.clone(), *v))
        .collect();
    let by_row = m.evaluate_row(row, options);
    let by_id = m.evaluate(&values, options);
    match (by_row, by_id) {
        (Ok(a), Ok(b)) => assert_eq!(format!("{a:?}"), format!("{b:?}")),
        (Err(e), Err(f)) => assert_eq!((e.code(), e.to_string()), (f.code(), f.to_string())),
        (a, b) => panic!(
            "evaluate_row {:?} but evaluate {:?}",
            a.map(|c| c.total),
            b.map(|c| c.total)
        ),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]
    #[test]
    fn evaluate_row_is_the_general_path(
        (which, rows, strict) in cases(rows)
    ) {
        for row in &rows {
            row_is_general(Methodology::builtin(NAMES[which]).unwrap(), row, Options::new().strict(strict));
        }
    }
}

#[test]
fn full_rows_in_hundredths_are_the_general_path() {
    let m = Methodology::builtin("index-2023").unwrap();
    for i in 0..300usize {
        let row: Vec<(usize, Value)> = (0..m.inputs().len())
            .filter(|p| (i + p) % 7 != 0)
            .map(|p| {
                (
                    p,
                    Value::Points(Decimal::new(i64::try_from((i * 3 + p) % 101).unwrap(), 2)),
                )
            })
            .collect();
        row_is_general(m, &row, Options::default());
    }
}
