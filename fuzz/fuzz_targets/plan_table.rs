//! Any bytes as a plan table (CSV with `,` `;` or tab) or plan JSON: imported or rejected with a
//! typed error; an imported plan is checked, drawn as a cyclogram (Markdown, HTML), and its JSON
//! reads back to the same plan. Never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use vsoko::plan::{AcademicYear, CheckOptions, Plan};

fuzz_target!(|data: &[u8]| {
    let year = AcademicYear::new(2023);
    let mut plans = Vec::new();
    if let Ok(rows) = vsoko_cli::tables::csv_table(data) {
        if let Ok(p) = Plan::from_rows(&rows, year) {
            plans.push(p);
        }
        if let Ok(p) = Plan::from_rows(&rows, None) {
            plans.push(p);
        }
    }
    if let Ok(p) = Plan::from_json(&String::from_utf8_lossy(data)) {
        plans.push(p);
    }
    for plan in plans {
        let check = plan.check(CheckOptions {
            as_of: "2024-03-10".parse().ok(),
            ..CheckOptions::default()
        });
        assert_eq!(check.complete, check.findings.is_empty());
        let c = plan.cyclogram();
        let _ = (c.to_markdown(), c.to_html(), c.grid());
        let back = Plan::from_json(&plan.to_json()).expect("a plan's own JSON reads back");
        assert_eq!(back, plan);
    }
});
