//! Properties of documents: any text in any table goes into a DOCX and reads back the same (what
//! XML forbids shown as `�`), HTML and Markdown never pass markup through, and any bytes given to
//! the DOCX reader give rows or an error, never a panic.

#![cfg(feature = "docx")]
#![allow(clippy::unwrap_used, clippy::indexing_slicing)]

use proptest::prelude::*;
use vsoko::document::read::{tables, tables_of_xml};
use vsoko::document::typography::xml_safe;
use vsoko::document::{Block, Document, Kind, Row, Table};

/// Cell text: Cyrillic, markup characters, quotes, tabs, line breaks and control characters.
fn cell() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![
            Just('а'),
            Just('Ё'),
            Just('1'),
            Just(' '),
            Just('<'),
            Just('>'),
            Just('&'),
            Just('"'),
            Just('\''),
            Just('\t'),
            Just('\n'),
            Just('\u{1}'),
            Just('\u{b}'),
            Just('\u{FFFE}'),
            Just('«'),
            Just('%'),
            Just('\u{a0}'),
        ],
        0..12,
    )
    .prop_map(|c| c.into_iter().collect())
}

/// What the reader gives back for a cell: the text made XML-safe, trimmed as cells are.
fn as_read(text: &str) -> String {
    xml_safe(text).trim().to_string()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn table_cells_read_back_from_docx(
        header in proptest::collection::vec(cell(), 1..5),
        rows in proptest::collection::vec(proptest::collection::vec(cell(), 0..5), 0..6),
        landscape in any::<bool>(),
    ) {
        let width = header.len();
        let mut doc = Document::new(Kind::Plan, "t");
        doc.landscape = landscape;
        doc.push(Block::Table(Table {
            caption: None,
            header: header.clone(),
            widths: vec![1; width],
            numeric: vec![false; width],
            rows: rows.iter().map(|r| Row::Cells(r.clone())).collect(),
        }));
        let bytes = doc.to_docx().unwrap();
        let read = tables(&bytes, "t.docx").unwrap();
        prop_assert_eq!(read.len(), rows.len() + 1);
        let want: Vec<String> = header.iter().map(|h| as_read(h)).collect();
        prop_assert_eq!(&read[0].1, &want);
        for (got, row) in read[1..].iter().zip(&rows) {
            let want: Vec<String> = (0..width)
                .map(|i| row.get(i).map_or_else(String::new, |c| as_read(c)))
                .collect();
            prop_assert_eq!(&got.1, &want);
        }
    }

    #[test]
    fn html_and_markdown_never_pass_markup(text in cell(), title in cell()) {
        let mut doc = Document::new(Kind::ScoreReport, title);
        doc.heading(format!("<script>{text}"));
        doc.body(format!("<img src=x onerror=alert(1)>{text}"));
        let html = doc.to_html();
        prop_assert!(!html.contains("<script") && !html.contains("<img"));
        let md = doc.to_markdown();
        prop_assert!(!md.contains("<script") && !md.contains("<img"));
    }

    #[test]
    fn any_bytes_are_rows_or_an_error(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        let _ = tables(&bytes, "x.docx");
        let _ = tables_of_xml(&bytes, "x.docx");
    }
}

#[test]
fn a_section_row_reads_in_the_first_column() {
    let mut doc = Document::new(Kind::Plan, "t");
    doc.push(Block::Table(Table {
        caption: None,
        header: vec!["№".into(), "Содержание".into(), "Сроки".into()],
        widths: vec![1, 3, 1],
        numeric: vec![false; 3],
        rows: vec![
            Row::Section("КАЧЕСТВО УСЛОВИЙ".into()),
            Row::Cells(vec!["1".into(), "Мера".into(), "январь".into()]),
        ],
    }));
    let rows = tables(&doc.to_docx().unwrap(), "t.docx").unwrap();
    assert_eq!(
        rows[1].1,
        vec!["КАЧЕСТВО УСЛОВИЙ".to_string(), String::new(), String::new()]
    );
}
