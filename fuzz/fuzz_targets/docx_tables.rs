//! Any bytes as a Word document (a ZIP), and — when the first byte is `<` — as its
//! `word/document.xml`: reading the tables never panics, rows are numbered in order, a cell
//! merged across columns leaves the row no longer than its grid, and the rows then read as a plan
//! (or fail with an error) without panicking.
#![no_main]

use libfuzzer_sys::fuzz_target;
use vsoko::document::read::{tables, tables_of_xml};
use vsoko::plan::Plan;

fuzz_target!(|data: &[u8]| {
    let read = if data.first() == Some(&b'<') {
        tables_of_xml(data, "fuzz.docx")
    } else {
        tables(data, "fuzz.docx")
    };
    let Ok(rows) = read else {
        return;
    };
    assert!(
        rows.windows(2).all(|w| w[0].0 < w[1].0),
        "rows numbered in order"
    );
    assert!(
        rows.iter()
            .all(|(_, cells)| cells.len() <= vsoko::document::read::MAX_COLUMNS),
        "a row within its grid"
    );
    let _ = Plan::from_rows(&rows, "2023/24".parse().ok());
});
