//! `vsoko marks --format html`: one self-contained page with the figures the JSON has.

#![allow(clippy::unwrap_used)]

mod common;

use common::{text, vsoko};

#[test]
fn the_marks_page_shows_the_figures_and_runs_nothing() {
    let o = vsoko(&["marks", "marks/school_1_marks.csv", "--format", "html"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let page = text(&o.stdout);
    assert!(page.contains("default-src 'none'"));
    for forbidden in ["<script", "src=\"http", "href=\"http", "url("] {
        assert!(!page.contains(forbidden), "{forbidden}");
    }
    // 7Б algebra in the first quarter (the hand check in fixtures/marks/README.md): quality
    // 50,00 % as a 50 px bar of 100, and the fall of quality in Russian marked in red.
    assert!(page.contains("<rect width=\"50.00\" height=\"10\" fill=\"#5cb85c\"/></svg> 50,00"));
    assert!(page.contains("<td class=\"fell\">−33,33</td>"), "{page}");
    assert!(page.contains("неуспевающие: Григорьев Глеб (Алгебра, Музыка)"));
}
