//! Any bytes as a request's query string: decoded into known parameters or refused with a 400
//! answer; a decoded parameter is one of the known names, once. Never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

const KNOWN: [&str; 4] = ["period", "municipality", "school", "methodology"];

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    match vsoko_cli::server::query(Some(&text), &KNOWN) {
        Ok(q) => assert!(q.keys().all(|k| KNOWN.contains(&k.as_str()))),
        Err(e) => assert_eq!(e.status.as_u16(), 400),
    }
});
