//! Any bytes as a titles file (two columns, id and title; `;`, tab or `,`; quotes): read or
//! refused with `invalid_titles` (an unclosed quote), and laid over index-2023 either whole or
//! not at all — an error lists at least one problem, a success keeps every cap and the total's
//! maximum and names each titled id as given. Never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use vsoko::Methodology;
use vsoko::methodology::Titles;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let Ok(titles) = Titles::parse(&text) else {
        return;
    };
    let m = Methodology::builtin("index-2023").expect("built in");
    match m.with_titles(&titles) {
        Err(vsoko::Error::InvalidTitles { problems }) => assert!(!problems.is_empty()),
        Err(e) => panic!("unexpected error {e}"),
        Ok(titled) => {
            assert_eq!(titled.max(), m.max());
            let c = titled.catalog();
            for r in titles.rows() {
                let named = c.groups.iter().any(|g| g.id == r.id && g.title.as_deref() == Some(r.title.trim()))
                    || c.indicators.iter().any(|i| i.id == r.id && i.title.as_deref() == Some(r.title.trim()));
                assert!(named, "{:?}", r.id);
            }
        }
    }
});
