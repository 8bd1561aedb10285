//! The parts a document is made of: what a writer (Markdown, HTML, DOCX) lays out. Text here is
//! already Russian and already formatted (decimal comma, «ёлочки»); writers only escape it.

use rust_decimal::Decimal;
use serde::Serialize;

/// Which document: its id on the command line and in the bindings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// Справка по результатам оценки качества.
    ScoreReport,
    /// Справка по результатам ВПР (objectivity).
    ObjectivityReport,
    /// A draft of the director's order «Об итогах …».
    Order,
    /// The ВСОКО plan as a table.
    Plan,
    /// The self-examination report (order 462).
    Selfexam,
}

impl Kind {
    /// Every kind, in the order the help lists them.
    pub const ALL: [Kind; 5] = [
        Kind::ScoreReport,
        Kind::ObjectivityReport,
        Kind::Order,
        Kind::Plan,
        Kind::Selfexam,
    ];

    /// The id (`score-report`).
    pub fn id(self) -> &'static str {
        match self {
            Kind::ScoreReport => "score-report",
            Kind::ObjectivityReport => "objectivity-report",
            Kind::Order => "order",
            Kind::Plan => "plan",
            Kind::Selfexam => "selfexam",
        }
    }

    /// Reads an id.
    ///
    /// ```
    /// use vsoko::document::Kind;
    /// assert_eq!(Kind::from_id("order"), Some(Kind::Order));
    /// assert_eq!(Kind::from_id("letter"), None);
    /// ```
    pub fn from_id(id: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.id() == id)
    }

    /// What the document is, in Russian (for file names and messages).
    pub fn title_ru(self) -> &'static str {
        match self {
            Kind::ScoreReport => "справка по результатам оценки качества образования",
            Kind::ObjectivityReport => "справка по результатам ВПР",
            Kind::Order => "проект приказа",
            Kind::Plan => "план ВСОКО",
            Kind::Selfexam => "отчёт о результатах самообследования",
        }
    }
}

/// A whole document: a sequence of blocks on A4 pages.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Document {
    /// Which document.
    pub kind: Kind,
    /// Its title (the HTML page's title, the DOCX's core property).
    pub title: String,
    /// Landscape pages (the plan's wide table).
    pub landscape: bool,
    /// The content, in order.
    pub blocks: Vec<Block>,
}

/// One block of a document.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Block {
    /// A paragraph of text.
    Paragraph(Paragraph),
    /// A section heading (bold, kept with what follows).
    Heading {
        /// The text.
        text: String,
    },
    /// A table.
    Table(Table),
    /// A bar chart.
    Chart(Chart),
    /// A list.
    List(List),
    /// Signature lines: position, a line to sign on, the name (or a line to write it).
    Signatures {
        /// The lines.
        lines: Vec<Signature>,
    },
    /// A new page.
    PageBreak,
}

/// How a paragraph sits on the line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Align {
    /// Flush left.
    Left,
    /// Centred (titles).
    Center,
    /// Flush right (approval stamps).
    Right,
    /// Justified with a first-line indent (body text).
    Justify,
}

/// A paragraph.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Paragraph {
    /// The text (no markup).
    pub text: String,
    /// Alignment.
    pub align: Align,
    /// Bold (titles, «ПРИКАЗЫВАЮ:»).
    pub bold: bool,
}

impl Paragraph {
    /// Body text: justified, indented.
    pub fn body(text: impl Into<String>) -> Paragraph {
        Paragraph {
            text: text.into(),
            align: Align::Justify,
            bold: false,
        }
    }

    /// A centred bold title line.
    pub fn title(text: impl Into<String>) -> Paragraph {
        Paragraph {
            text: text.into(),
            align: Align::Center,
            bold: true,
        }
    }

    /// A plain line with the given alignment.
    pub fn line(text: impl Into<String>, align: Align) -> Paragraph {
        Paragraph {
            text: text.into(),
            align,
            bold: false,
        }
    }
}

/// A table: one header row (repeated on each page) and rows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Table {
    /// The caption above the table («Таблица 1. …»), if any.
    pub caption: Option<String>,
    /// Column headings.
    pub header: Vec<String>,
    /// Relative column widths (any units; the writer scales them to the page).
    pub widths: Vec<u32>,
    /// Which columns hold numbers (right-aligned).
    pub numeric: Vec<bool>,
    /// The rows.
    pub rows: Vec<Row>,
}

/// A table row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "type", content = "cells", rename_all = "snake_case")]
pub enum Row {
    /// One cell per column.
    Cells(Vec<String>),
    /// A heading across the whole width (a plan's section).
    Section(String),
}

/// A numbered or bulleted list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct List {
    /// `1.`, `2.`, … rather than dashes.
    pub numbered: bool,
    /// The items.
    pub items: Vec<String>,
}

/// One signature line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Signature {
    /// The position («Директор»), or a blank to fill in.
    pub position: String,
    /// The name as signed («М.П. Иванова»), or a blank to fill in.
    pub name: String,
}

/// A horizontal bar chart: one bar per group, class or mark.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Chart {
    /// The caption under the chart.
    pub title: String,
    /// The bars, top to bottom.
    pub bars: Vec<Bar>,
    /// The value of a full-width bar (100 for percentages).
    pub max: Decimal,
}

/// One bar.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Bar {
    /// The label left of the bar.
    pub label: String,
    /// The value (its length).
    pub value: Decimal,
    /// The value as printed at the bar's end (`79,5 %`).
    pub text: String,
}

impl Document {
    /// An empty document of a kind with a title, on portrait pages.
    pub fn new(kind: Kind, title: impl Into<String>) -> Document {
        Document {
            kind,
            title: title.into(),
            landscape: false,
            blocks: Vec::new(),
        }
    }

    /// Adds a block.
    pub fn push(&mut self, block: Block) {
        self.blocks.push(block);
    }

    /// Adds a body paragraph.
    pub fn body(&mut self, text: impl Into<String>) {
        self.blocks.push(Block::Paragraph(Paragraph::body(text)));
    }

    /// Adds a section heading.
    pub fn heading(&mut self, text: impl Into<String>) {
        self.blocks.push(Block::Heading { text: text.into() });
    }

    /// Every table, in order (for tests and read-back checks).
    pub fn tables(&self) -> impl Iterator<Item = &Table> {
        self.blocks.iter().filter_map(|b| match b {
            Block::Table(t) => Some(t),
            _ => None,
        })
    }
}
