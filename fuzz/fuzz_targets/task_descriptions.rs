//! Any bytes as a table of task descriptions a school supplies: read whole or refused with a
//! typed error (a missing column, a grade outside 1–11, a year that is no year, an empty cell, a
//! task described twice); a task read back by its own key finds its description. Never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use vsoko::tasks::TaskDescriptions;

fuzz_target!(|data: &[u8]| {
    let Ok(rows) = vsoko_cli::tables::csv_table(data) else {
        return;
    };
    let rows: Vec<Vec<String>> = rows.into_iter().map(|(_, cells)| cells).collect();
    let Ok(d) = TaskDescriptions::from_rows(&rows) else {
        return;
    };
    assert!(d.len() <= rows.len());
    let _ = d.get("ВПР", "Математика", 5, 2025, "1");
});
