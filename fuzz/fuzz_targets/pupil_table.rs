//! Any bytes as a pupil table (a header found anywhere, title and meta rows above it): every row
//! is a pupil or a typed error naming its column; the analysis of what was read, its flags and
//! index never panic, and the index stays within 0..=100.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rust_decimal::Decimal;
use vsoko::objectivity::{Analysis, ObjectivityOptions, PupilTable, combine};

fuzz_target!(|data: &[u8]| {
    let Ok(rows) = vsoko_cli::tables::csv_table(data) else { return };
    let mut table = PupilTable::default();
    let mut analysis = Analysis::new();
    for (_, cells) in &rows {
        let texts: Vec<&str> = cells.iter().map(String::as_str).collect();
        match table.take_preamble(&texts) {
            Ok(true) => continue,
            Ok(false) => {}
            Err(_) => return,
        }
        if let Some(Ok(Some(p))) = table.columns().map(|c| c.row_ref(&texts)) {
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
        assert!(g.compared <= g.participants);
    }
});
