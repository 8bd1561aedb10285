//! Any bytes as a table of marks (CSV with `,` `;` or tab; UTF-8 or Windows-1251): a header is
//! found or refused with a typed error; every row is counted or rejected with exactly one error
//! finding, and the figures add up: per group N = pupils − exempt − no mark never goes below 0,
//! every percentage lies in 0..=100, and the subjects' pupils sum to the groups'. Never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use vsoko::marks::{Columns, Dataset, Mark, Period};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let _ = (Mark::parse(&text), Period::parse(&text));
    let Ok(rows) = vsoko_cli::tables::csv_table(data) else {
        return;
    };
    let mut rows = rows.into_iter();
    let Some((_, header)) = rows.next() else {
        return;
    };
    let Ok(columns) = Columns::from_header(&header) else {
        return;
    };
    let mut d = Dataset::new();
    for (row, cells) in rows {
        let before = d.findings().len();
        d.add(&columns, "f.csv", row, &cells);
        assert!(d.findings().len() <= before + 1);
    }
    assert_eq!(d.rejected(), d.findings().len());
    let r = d.finish();
    let hundred = rust_decimal::Decimal::ONE_HUNDRED;
    for g in &r.groups {
        let f = &g.figures;
        assert!(f.counts.pupils >= f.counts.exempt + f.counts.no_mark);
        for p in [f.success_pct, f.quality_pct].into_iter().flatten() {
            assert!(p >= rust_decimal::Decimal::ZERO && p <= hundred, "{p}");
        }
    }
    let pupils = |it: &mut dyn Iterator<Item = u64>| it.sum::<u64>();
    assert_eq!(
        pupils(&mut r.groups.iter().map(|g| g.figures.counts.pupils)),
        pupils(&mut r.subjects.iter().map(|s| s.figures.counts.pupils))
    );
});
