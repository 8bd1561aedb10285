//! Any bytes as a custom methodology: validated or rejected with every problem, never a panic;
//! a methodology that validates must score an empty input.
#![no_main]

use libfuzzer_sys::fuzz_target;
use vsoko::{Methodology, Options, Values};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Ok(m) = Methodology::from_json(&text) {
        let report = m.score(&Values::new(), Options::default());
        assert!(report.is_ok());
        let again = Methodology::from_json(&m.to_json());
        assert!(again.is_ok());
    }
});
