//! Any bytes as sheets of marks in either shape (a workbook's every sheet, or CSV as one
//! unnamed sheet), as `vsoko marks` reads them: a long table or a summary sheet is read, or the
//! sheet is refused with a typed error; never a panic. Every finding is an error counted as
//! rejected, and the groups' pupils sum to the subjects', the grades' and the schools'.
#![no_main]

use libfuzzer_sys::fuzz_target;
use vsoko::marks::Dataset;

fuzz_target!(|data: &[u8]| {
    let sheets = if data.starts_with(b"PK") {
        vsoko_cli::tables::xlsx_sheets(data, "f.xlsx")
    } else {
        vsoko_cli::tables::csv_table(data).map(|rows| vec![(String::new(), rows)])
    };
    let Ok(sheets) = sheets else {
        return;
    };
    let mut d = Dataset::new();
    for (name, rows) in &sheets {
        let _ = d.add_sheet("f", name, rows);
    }
    assert_eq!(d.rejected(), d.findings().len());
    let r = d.finish();
    let sum = |it: &mut dyn Iterator<Item = u64>| it.sum::<u64>();
    let groups = sum(&mut r.groups.iter().map(|g| g.figures.counts.pupils));
    assert_eq!(groups, sum(&mut r.subjects.iter().map(|s| s.figures.counts.pupils)));
    assert_eq!(groups, sum(&mut r.grades.iter().map(|g| g.figures.counts.pupils)));
    assert_eq!(groups, sum(&mut r.schools.iter().map(|s| s.figures.counts.pupils)));
    let hundred = rust_decimal::Decimal::ONE_HUNDRED;
    for g in &r.schools {
        let f = &g.figures;
        for p in [f.success_pct, f.quality_pct, f.sou_pct].into_iter().flatten() {
            assert!(p >= rust_decimal::Decimal::ZERO && p <= hundred, "{p}");
        }
    }
});
