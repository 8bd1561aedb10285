//! Any bytes as a table of results by task (CSV with `,` `;` or tab; UTF-8 or Windows-1251; title
//! and meta rows before the header as the federal export has them): the header is found or
//! refused with a typed error; every row after it is counted or rejected with exactly one error
//! finding; every completion lies in 0..=100 and the marks add up. Never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use vsoko::tasks::{Heading, Results, ResultsTable, TasksOptions};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let _ = Heading::read(&text);
    let Ok(rows) = vsoko_cli::tables::csv_table(data) else {
        return;
    };
    let mut table = ResultsTable::default();
    let mut results = Results::new();
    for (row, cells) in rows {
        match table.take_preamble(&cells) {
            Ok(true) => continue,
            Ok(false) => {}
            Err(_) => return,
        }
        let Some(columns) = table.columns() else {
            return;
        };
        let before = results.findings().len();
        results.add(columns, "f.csv", row, &cells);
        assert!(results.findings().len() <= before + 1);
    }
    assert_eq!(results.rejected(), results.findings().len());
    let r = results.finish(&TasksOptions::default());
    let hundred = rust_decimal::Decimal::ONE_HUNDRED;
    for t in &r.tasks {
        for p in [t.completion_pct, t.region_completion_pct].into_iter().flatten() {
            assert!(p >= rust_decimal::Decimal::ZERO && p <= hundred, "{p}");
        }
    }
    for m in &r.marks {
        let c = m.counts;
        assert_eq!(c.n2 + c.n3 + c.n4 + c.n5, m.participants);
    }
    let _ = r.works();
});
