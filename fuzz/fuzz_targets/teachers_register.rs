//! Any bytes as a teachers' register (CSV): read or refused with a typed error; a register
//! read has a status as of any day without a panic, with every teacher listed once, every due
//! item naming a teacher of the register and no overdue date on or after the day.
#![no_main]

use libfuzzer_sys::fuzz_target;
use vsoko::calendar::Date;
use vsoko::teachers::{Kind, Register, Rules};

fuzz_target!(|data: &[u8]| {
    let Ok(rows) = vsoko_cli::tables::csv_table(data) else {
        return;
    };
    let mut rows = rows.into_iter();
    let Some((_, header)) = rows.next() else {
        return;
    };
    let rules = Rules::builtin().expect("the built-in rules are valid");
    let Ok(register) = Register::from_table(rules, "", &header, rows.collect()) else {
        return;
    };
    let as_of = Date::new(2025, 1, 15).expect("a real day");
    let s = register.status(rules, as_of);
    assert_eq!(s.teachers.len(), register.teachers.len());
    for d in &s.due {
        assert!(s.teachers.iter().any(|t| t.name == d.name));
    }
    for t in &s.teachers {
        if t.overdue.contains(&Kind::Attestation) {
            assert!(t.attestation_due.is_some_and(|d| d < as_of));
        }
        if let Some(d) = t.training_due {
            assert_eq!(t.overdue.contains(&Kind::Training), d < as_of);
        }
    }
});
