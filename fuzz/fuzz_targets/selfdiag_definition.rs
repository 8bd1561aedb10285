//! Any bytes as a self-diagnosis definition and, split at the first NUL, as a school's answers:
//! read or refused with at least one problem; a valid pair is diagnosed or refused with a typed
//! error, and a diagnosis never has more points than its maximum. Never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use vsoko::selfdiag::{Answers, Definition, diagnose};

fuzz_target!(|data: &[u8]| {
    let (def, answers) = match data.iter().position(|b| *b == 0) {
        Some(i) => (&data[..i], &data[i + 1..]),
        None => (data, &b""[..]),
    };
    let def = String::from_utf8_lossy(def);
    match Definition::from_json(&def) {
        Err(vsoko::Error::InvalidMethodology { problems }) => assert!(!problems.is_empty()),
        Err(e) => panic!("unexpected error {e}"),
        Ok(d) => {
            if let Ok(a) = Answers::from_json(&String::from_utf8_lossy(answers))
                && let Ok(r) = diagnose(&d, &a)
            {
                assert!(r.total <= r.max);
                assert_eq!(r.directions.len(), d.directions.len());
            }
        }
    }
});
