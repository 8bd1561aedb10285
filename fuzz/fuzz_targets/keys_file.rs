//! Any bytes as the service's keys file: read, or refused with at least one problem, each
//! naming an entry within the file; a file that is read finds every key it was given by its
//! hash only through that key (a wrong key never has a role). Never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use vsoko_cli::server::{Keys, hash_hex};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    match Keys::from_json(&text) {
        Ok(keys) => {
            assert!(keys.role_of(&text).is_none() || hash_hex(&text).len() == 64);
            assert_eq!(keys.role_of("not a key of this file \u{1}"), None);
        }
        Err(problems) => {
            assert!(!problems.is_empty());
            for p in &problems {
                assert!(!p.message_ru.is_empty());
            }
        }
    }
});
