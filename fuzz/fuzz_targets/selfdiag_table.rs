//! Any bytes as a table of schools' self-diagnosis answers (CSV) against the example
//! definition: the header is mapped or refused with a typed error; every row is diagnosed or
//! refused with a typed error, never both lost; the summary counts exactly the schools
//! diagnosed. Never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use vsoko::selfdiag::{AnswerTable, Definition, summarize};

fuzz_target!(|data: &[u8]| {
    let d = Definition::from_json(include_str!("../../fixtures/selfdiag/example.json"))
        .expect("the example definition is valid");
    let Ok(rows) = vsoko_cli::tables::csv_table(data) else {
        return;
    };
    let mut rows = rows.into_iter();
    let Some((_, header)) = rows.next() else {
        return;
    };
    let Ok(table) = AnswerTable::from_header(&d, &header) else {
        return;
    };
    let (mut scored, mut refused) = (Vec::new(), 0);
    let mut total = 0;
    for (row, cells) in rows {
        total += 1;
        match table.diagnose(&d, row, &cells) {
            Ok(r) => {
                assert!(r.total <= r.max);
                scored.push(r);
            }
            Err(_) => refused += 1,
        }
    }
    assert_eq!(scored.len() + refused, total);
    let s = summarize(&d, &scored);
    assert_eq!(s.schools, scored.len());
    assert_eq!(s.levels.0.iter().map(|(_, n)| n).sum::<usize>(), scored.len());
    assert!(s.passed <= s.schools);
});
