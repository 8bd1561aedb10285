//! A document as an HTML page for print: A4 with the usual margins, Times New Roman 14 pt (12 in
//! tables), table headings repeated on each printed page, charts as inline SVG. Every piece of
//! text escaped; the page forbids scripts ([`crate::output::html::CSP`]).

use super::model::{Align, Block, Document, List, Paragraph, Row, Signature, Table};
use crate::output::html::{END, escape, head};
use std::fmt::Write as _;

const STYLE: &str = "@page{size:A4;margin:20mm 15mm 20mm 30mm}\
body{font-family:'Times New Roman',Times,serif;font-size:14pt;line-height:1.15;max-width:170mm;margin:1em auto;color:#000}\
p{margin:0 0 6pt}p.j{text-align:justify;text-indent:1.25cm}p.c{text-align:center}p.r{text-align:right}p.b{font-weight:bold}\
h2{font-size:14pt;font-weight:bold;margin:12pt 0 6pt;page-break-after:avoid}\
table{border-collapse:collapse;width:100%;font-size:12pt;margin:0 0 10pt}th,td{border:1px solid #000;padding:2pt 4pt;vertical-align:top}\
th{font-weight:bold;text-align:center}td.n{text-align:right;white-space:nowrap}td.s{font-weight:bold}thead{display:table-header-group}\
caption{text-align:left;font-weight:normal;padding:0 0 4pt}figure{margin:6pt 0 10pt}figcaption{font-size:12pt;text-align:center}\
table.sig,table.sig td{border:0;font-size:14pt}hr.pb{page-break-after:always;border:0}";

const LANDSCAPE: &str = "@page{size:A4 landscape;margin:20mm 15mm 15mm 20mm}body{max-width:262mm}";

impl Document {
    /// The document as a standalone page, ready to print.
    ///
    /// ```
    /// use vsoko::document::{Document, Kind};
    /// let mut d = Document::new(Kind::Order, "Приказ <x>");
    /// d.body("<script>alert(1)</script>");
    /// let html = d.to_html();
    /// assert!(html.contains("&lt;script&gt;") && !html.contains("<script>"));
    /// assert!(html.contains("Content-Security-Policy"));
    /// ```
    pub fn to_html(&self) -> String {
        let style = if self.landscape {
            format!("{STYLE}{LANDSCAPE}")
        } else {
            STYLE.to_string()
        };
        let mut out = head(&self.title, &style);
        for block in &self.blocks {
            match block {
                Block::Paragraph(p) => paragraph(&mut out, p),
                Block::Heading { text } => {
                    let _ = writeln!(out, "<h2>{}</h2>", escape(text));
                }
                Block::Table(t) => table(&mut out, t),
                Block::Chart(c) => {
                    let _ = writeln!(
                        out,
                        "<figure>{}<figcaption>{}</figcaption></figure>",
                        c.to_svg(),
                        escape(&c.title)
                    );
                }
                Block::List(l) => list(&mut out, l),
                Block::Signatures { lines } => signatures(&mut out, lines),
                Block::PageBreak => out.push_str("<hr class=\"pb\">\n"),
            }
        }
        out.push_str(END);
        out
    }
}

fn paragraph(out: &mut String, p: &Paragraph) {
    let class = match p.align {
        Align::Left => "",
        Align::Center => "c",
        Align::Right => "r",
        Align::Justify => "j",
    };
    let bold = if p.bold { " b" } else { "" };
    let _ = writeln!(
        out,
        "<p class=\"{}\">{}</p>",
        format!("{class}{bold}").trim(),
        escape(&p.text)
    );
}

fn table(out: &mut String, t: &Table) {
    out.push_str("<table>");
    if let Some(caption) = &t.caption {
        let _ = write!(out, "<caption>{}</caption>", escape(caption));
    }
    out.push_str("<thead><tr>");
    for h in &t.header {
        let _ = write!(out, "<th>{}</th>", escape(h));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for row in &t.rows {
        match row {
            Row::Cells(cells) => {
                out.push_str("<tr>");
                for (i, c) in cells.iter().enumerate() {
                    let class = if t.numeric.get(i).copied().unwrap_or(false) {
                        " class=\"n\""
                    } else {
                        ""
                    };
                    let _ = write!(out, "<td{class}>{}</td>", escape(c).replace('\n', "<br>"));
                }
                out.push_str("</tr>\n");
            }
            Row::Section(text) => {
                let _ = writeln!(
                    out,
                    "<tr><td class=\"s\" colspan=\"{}\">{}</td></tr>",
                    t.header.len().max(1),
                    escape(text)
                );
            }
        }
    }
    out.push_str("</tbody></table>\n");
}

fn list(out: &mut String, l: &List) {
    let tag = if l.numbered { "ol" } else { "ul" };
    let _ = write!(out, "<{tag}>");
    for item in &l.items {
        let _ = write!(out, "<li>{}</li>", escape(item));
    }
    let _ = writeln!(out, "</{tag}>");
}

fn signatures(out: &mut String, lines: &[Signature]) {
    out.push_str("<table class=\"sig\">");
    for s in lines {
        let _ = write!(
            out,
            "<tr><td>{}</td><td>______________</td><td>{}</td></tr>",
            escape(&s.position),
            escape(&s.name)
        );
    }
    out.push_str("</table>\n");
}
