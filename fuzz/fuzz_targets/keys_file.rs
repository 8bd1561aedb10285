//! Any bytes as the service's keys file: read, or refused with at least one problem, each
//! naming an entry within the file; a file that is read keeps every entry it lists, and a
//! wrong key never has a role. Never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use vsoko_cli::server::Keys;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    match Keys::from_json(&text) {
        Ok(keys) => {
            // A file that is read keeps every entry: as many keys as the file lists.
            let listed = serde_json::from_str::<serde_json::Value>(&text)
                .ok()
                // serde also reads the struct from its sequence form: `[[…]]`.
                .and_then(|v| {
                    v.get("keys")
                        .or_else(|| v.get(0))
                        .and_then(|k| k.as_array())
                        .map(Vec::len)
                });
            assert_eq!(Some(keys.len()), listed);
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
