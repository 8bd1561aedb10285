//! Any bytes as a batch CSV file, through the CLI's own reader (delimiter sniffing, quotes,
//! line numbers, header mapping): rows come back in file order with their file lines, each
//! scored or rejected with a typed error, never a panic; nothing is dropped without a trace.
#![no_main]

use libfuzzer_sys::fuzz_target;
use vsoko::{Methodology, Options};

fuzz_target!(|data: &[u8]| {
    for name in ["index-2023", "nocko-1547"] {
        let Ok(m) = Methodology::builtin(name) else { return };
        let Ok(records) = vsoko_cli::sheets::read_csv(data, m) else { continue };
        // Line breaks as the reader counts them: LF, CRLF or a lone CR.
        let lines = data
            .iter()
            .enumerate()
            .filter(|&(i, &b)| b == b'\r' || (b == b'\n' && (i == 0 || data[i - 1] != b'\r')))
            .count()
            + 1;
        let mut last = 1;
        for r in records {
            // A data row is below the header and within the file, in increasing order.
            assert!(r.row > last || (r.row == 0), "row {} after {last}", r.row);
            assert!(r.row <= lines, "row {} of {lines} lines", r.row);
            last = r.row.max(last);
            if let Ok(entry) = r.result {
                if let Ok(card) = entry.evaluate(m, Options::default()) {
                    assert!(card.total <= card.max);
                }
            }
        }
    }
});
