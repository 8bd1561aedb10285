//! Any bytes as a form's export (CSV) against the example parents' survey: read or refused
//! with a typed error; the figures never count more answered than respondents or more satisfied
//! than answered, and every share is within 0–100.
#![no_main]

use libfuzzer_sys::fuzz_target;
use vsoko::survey::{Definition, Sheet, figures};

fuzz_target!(|data: &[u8]| {
    let d = Definition::from_json(include_str!("../../fixtures/survey/parents.json"))
        .expect("the example survey is valid");
    let Ok(rows) = vsoko_cli::tables::csv_table(data) else {
        return;
    };
    let mut rows = rows.into_iter();
    let Some((_, header)) = rows.next() else {
        return;
    };
    let Ok(sheet) = Sheet::read(&d, "p", &header, rows.collect(), Some("Класс"), "") else {
        return;
    };
    let f = figures(&d, std::slice::from_ref(&sheet));
    for q in &f.questions {
        assert!(q.satisfied <= q.answered && q.answered <= q.respondents);
        if let Some(p) = q.satisfied_pct {
            assert!(p >= rust_decimal::Decimal::ZERO && p <= rust_decimal::Decimal::ONE_HUNDRED);
        }
        assert!(q.answers.0.iter().map(|(_, n)| n).sum::<usize>() <= q.respondents);
    }
    for g in sheet.groups.values() {
        for c in &g.questions {
            assert!(c.satisfied <= c.answered && c.answered <= g.respondents);
        }
    }
});
