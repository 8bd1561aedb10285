//! Any bytes as a columnar frame of pupils, the way Python hands one over: numeric fields as
//! floats (any bit pattern: NaN, ±inf, subnormals, huge), the rest as text. Every row is a pupil
//! or a typed error; a float is read as its shortest text; ρ stays within −1..=1 and the index
//! within 0..=100.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rust_decimal::Decimal;
use vsoko::objectivity::{Analysis, Cell, FileContext, ObjectivityOptions, PupilColumns, combine};

const HEADER: [&str; 10] = [
    "school", "year", "procedure", "subject", "grade", "pupil", "score", "max_score", "mark",
    "journal_mark",
];
const SCHOOLS: [&str; 3] = ["A", "B", "C"];
const PUPILS: [&str; 8] = ["1", "2", "3", "4", "5", "6", "7", "8"];

fuzz_target!(|data: &[u8]| {
    let Ok(cols) = PupilColumns::from_header(&HEADER, FileContext::default()) else {
        return;
    };
    let mut analysis = Analysis::new();
    // 8 bytes per numeric cell, 1 byte per text cell: 6 numbers and 2 texts a row.
    for row in data.chunks_exact(6 * 8 + 2) {
        let (texts, numbers) = row.split_at(2);
        let mut n = numbers
            .chunks_exact(8)
            .map(|b| f64::from_le_bytes(b.try_into().unwrap_or_default()));
        let mut number = || {
            let x = n.next().unwrap_or(f64::NAN);
            if x.is_nan() {
                return Ok(Cell::Text(""));
            }
            let d = vsoko::decimal::from_f64(x)?;
            if x.abs() > 1e-9 && x.abs() < 1e15 {
                assert_eq!(Some(d), format!("{x}").parse::<Decimal>().ok());
            }
            Ok::<_, vsoko::reason::ValueReason>(Cell::Number(d))
        };
        let (Ok(year), Ok(grade), Ok(score), Ok(max), Ok(mark), Ok(journal)) =
            (number(), number(), number(), number(), number(), number())
        else {
            continue;
        };
        let school = SCHOOLS[usize::from(texts[0]) % SCHOOLS.len()];
        let pupil = PUPILS[usize::from(texts[1]) % PUPILS.len()];
        let cells = [
            Cell::Text(school), year, Cell::Text("ВПР"), Cell::Text("Математика"), grade,
            Cell::Text(pupil), score, max, mark, journal,
        ];
        if let Ok(Some(p)) = cols.row_cells(&cells) {
            let _ = analysis.add_ref(p);
        }
    }
    let options = ObjectivityOptions {
        min_compared: 2,
        min_schools_for_cohort: 2,
    };
    let result = combine(analysis.summaries(options), options);
    // No index without a participant; otherwise within 0..=100.
    assert!(
        result
            .summary
            .objectivity_index
            .is_none_or(|i| (Decimal::ZERO..=Decimal::ONE_HUNDRED).contains(&i))
    );
    assert_eq!(
        result.summary.objectivity_index.is_some(),
        result.summary.schools > 0
    );
    for g in &result.groups {
        assert_eq!(g.compared, g.lowered + g.confirmed + g.raised);
        if let Some(rho) = g.spearman {
            assert!(rho >= -Decimal::ONE && rho <= Decimal::ONE);
        }
    }
});
