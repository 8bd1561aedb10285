//! A document as Markdown: for a wiki, a chat, a diff. Every piece of text escaped by
//! [`crate::output::markdown`].

use super::model::{Align, Block, Document, List, Paragraph, Row, Signature, Table};
use crate::output::markdown::{cell, line};
use std::fmt::Write as _;

impl Document {
    /// The document as Markdown.
    ///
    /// ```
    /// use vsoko::document::{Document, Kind};
    /// let mut d = Document::new(Kind::ScoreReport, "Справка");
    /// d.heading("1. Итоги <b>");
    /// d.body("Итог: 79,5\u{a0}%.");
    /// let md = d.to_markdown();
    /// assert!(md.contains("## 1. Итоги &lt;b&gt;") && md.contains("Итог: 79,5\u{a0}%."));
    /// ```
    pub fn to_markdown(&self) -> String {
        let mut out = String::new();
        for block in &self.blocks {
            match block {
                Block::Paragraph(p) => paragraph(&mut out, p),
                Block::Heading { text } => {
                    let _ = writeln!(out, "## {}\n", line(text));
                }
                Block::Table(t) => table(&mut out, t),
                Block::Chart(c) => {
                    let _ = writeln!(out, "*{}*\n", line(&c.title));
                    for bar in &c.bars {
                        let _ = writeln!(out, "- {} — {}", line(&bar.label), line(&bar.text));
                    }
                    out.push('\n');
                }
                Block::List(l) => list(&mut out, l),
                Block::Signatures { lines } => signatures(&mut out, lines),
                Block::PageBreak => out.push_str("---\n\n"),
            }
        }
        out
    }
}

fn paragraph(out: &mut String, p: &Paragraph) {
    let text = line(&p.text);
    if text.is_empty() {
        return;
    }
    let _ = match (p.bold, p.align) {
        (true, _) => writeln!(out, "**{text}**\n"),
        (false, Align::Right) => writeln!(out, "<p align=\"right\">{text}</p>\n"),
        _ => writeln!(out, "{text}\n"),
    };
}

fn table(out: &mut String, t: &Table) {
    if let Some(caption) = &t.caption {
        let _ = writeln!(out, "**{}**\n", line(caption));
    }
    let header: Vec<String> = t.header.iter().map(|h| cell(h)).collect();
    let _ = writeln!(out, "| {} |", header.join(" | "));
    let rule: Vec<&str> = (0..t.header.len())
        .map(|i| {
            if t.numeric.get(i).copied().unwrap_or(false) {
                "---:"
            } else {
                "---"
            }
        })
        .collect();
    let _ = writeln!(out, "|{}|", rule.join("|"));
    for row in &t.rows {
        let cells: Vec<String> = match row {
            Row::Cells(cells) => (0..t.header.len())
                .map(|i| cells.get(i).map(|c| cell(c)).unwrap_or_default())
                .collect(),
            Row::Section(text) => std::iter::once(format!("**{}**", cell(text)))
                .chain((1..t.header.len()).map(|_| String::new()))
                .collect(),
        };
        let _ = writeln!(out, "| {} |", cells.join(" | "));
    }
    out.push('\n');
}

fn list(out: &mut String, l: &List) {
    for (i, item) in l.items.iter().enumerate() {
        let _ = if l.numbered {
            writeln!(out, "{}. {}", i + 1, line(item))
        } else {
            writeln!(out, "- {}", line(item))
        };
    }
    out.push('\n');
}

fn signatures(out: &mut String, lines: &[Signature]) {
    for s in lines {
        let _ = writeln!(
            out,
            "{} ______________ {}  ",
            line(&s.position),
            line(&s.name)
        );
    }
    out.push('\n');
}
