//! Any bytes as an input document, a bare values object and a spreadsheet row: the engine
//! must answer with a report or a typed error, never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use vsoko::{Methodology, Options, batch::Columns};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    for name in ["index-2023", "nocko-1547"] {
        let Ok(m) = Methodology::builtin(name) else { return };
        for strict in [false, true] {
            let options = Options::new().strict(strict);
            if let Ok(report) = vsoko::json::score_document(&text, Some(m), options) {
                assert!(report.total <= report.max);
                let back = serde_json::to_string(&report).ok();
                assert!(back.is_some());
            }
            if let Ok(values) = vsoko::Values::from_json(&text) {
                let _ = m.score(&values, options);
            }
        }
        let mut lines = text.lines();
        let header: Vec<&str> = lines.next().unwrap_or("").split([',', ';']).collect();
        if let Ok(cols) = Columns::from_header(m, &header) {
            for line in lines {
                let cells: Vec<&str> = line.split([',', ';']).collect();
                if let Ok(row) = cols.row(&cells) {
                    let _ = m.evaluate_row(&row.cells, Options::default());
                }
            }
        }
    }
});
