//! The one CSV writer: any text round-trips through a standard CSV reader (with the `'` a
//! defused cell gains, and only then) and no cell, trimmed or not, starts a formula; HTML and
//! Markdown escaping leave no tag.

#![allow(clippy::unwrap_used, clippy::indexing_slicing)]

use proptest::prelude::*;
use vsoko::output::{csv, html, markdown, terminal};

fn read_back(line: &str) -> Vec<String> {
    let mut r = ::csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(line.as_bytes());
    let rec = r.records().next().unwrap().unwrap();
    rec.iter().map(ToString::to_string).collect()
}

fn formula_start(cell: &str) -> bool {
    let starts = |t: &str| t.starts_with(['=', '+', '-', '@', '\t', '\r']);
    starts(cell) || starts(cell.trim())
}

/// A number as a spreadsheet reads it, with a decimal point or (Russian) comma: `-3,5`.
fn is_number(t: &str) -> bool {
    let t = t.trim();
    t.matches(',').count() <= 1 && t.replace(',', ".").parse::<rust_decimal::Decimal>().is_ok()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn any_text_round_trips_and_never_starts_a_formula(
        cells in proptest::collection::vec(
            prop_oneof![
                any::<String>(),
                "[=+@\\-\t\r \"',\n;a-zа-я0-9.]{0,12}",
            ],
            1..6,
        )
    ) {
        let mut line = csv::Line::new();
        for c in &cells {
            line.text(c);
        }
        let written = line.finish();
        let back = read_back(&written);
        prop_assert_eq!(back.len(), cells.len());
        for (orig, got) in cells.iter().zip(&back) {
            if got == orig {
                prop_assert!(!formula_start(got) || is_number(got), "{:?}", got);
            } else {
                prop_assert_eq!(got, &format!("'{orig}"));
                prop_assert!(formula_start(orig));
            }
            prop_assert!(!formula_start(got) || is_number(got), "{:?}", got);
        }
    }

    #[test]
    fn numbers_stay_numbers(n in any::<i64>(), scale in 0u32..6) {
        let d = rust_decimal::Decimal::new(n, scale);
        let mut line = csv::Line::new();
        line.number(d);
        prop_assert_eq!(line.finish(), format!("{d}\n"));
    }

    #[test]
    fn escaped_html_and_markdown_hold_no_tag(s in any::<String>()) {
        let h = html::escape(&s);
        prop_assert!(!h.contains('<') && !h.contains('>') && !h.contains('"'));
        let m = markdown::cell(&s);
        prop_assert!(!m.replace("<br>", "").contains('<'));
        prop_assert!(!m.chars().any(|c| c == '\n' || c == '\r'));
        let t = terminal::visible(&s);
        prop_assert!(!t.chars().any(|c| c.is_control() && c != '\n' && c != '\t'));
    }
}

#[test]
fn a_defused_cell_stays_defused_when_trimmed() {
    for text in [" =1+1", "\t=1", "\r@x", "  -2+3"] {
        let cell = csv::defuse(text);
        assert!(cell.starts_with('\''), "{text:?}");
        assert!(cell.trim().starts_with('\''), "{text:?}");
    }
}
