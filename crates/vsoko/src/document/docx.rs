//! A document as a Word file (DOCX), WordprocessingML written here with every property in the
//! order the ISO/IEC 29500 schema sets (Word repairs files whose children are out of order, which
//! is why no DOCX crate is used: docx-rs 0.4 writes `w:pPr` and `w:rPr` children out of schema
//! order). A4 with the usual margins (30 mm left, 15 mm right, 20 mm top and bottom), Times New
//! Roman 14 pt for text and 12 pt in tables, single spacing, justified body text with a 1,25 cm
//! first-line indent, pages numbered at the top centre from the second (as ГОСТ Р 7.0.97-2016
//! numbers a document's pages), table heading rows repeated on each page, charts as PNG
//! pictures. Every character XML forbids is shown as `�`, so the file always opens.

use super::model::{Align, Block, Chart, Document, List, Paragraph, Row, Signature, Table};
use super::typography::xml_safe;
use std::fmt::Write as _;
use std::io::Write as _;

/// 14 pt and 12 pt, in half-points.
const TEXT_SIZE: u32 = 28;
const TABLE_SIZE: u32 = 24;
/// A4 in twips.
const A4: (u32, u32) = (11906, 16838);
/// 1,25 cm in twips.
const INDENT: u32 = 709;
/// A chart's displayed width: 15 cm in EMU.
const CHART_EMU: u64 = 5_400_000;

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const WP: &str = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing";
const A: &str = "http://schemas.openxmlformats.org/drawingml/2006/main";
const PIC: &str = "http://schemas.openxmlformats.org/drawingml/2006/picture";
const PKG_REL: &str = "http://schemas.openxmlformats.org/package/2006/relationships";
const DOC_REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

impl Document {
    /// The document as DOCX bytes.
    ///
    /// # Errors
    /// Only when the ZIP writer fails (it writes to memory).
    ///
    /// ```
    /// use vsoko::document::{Document, Kind};
    /// let mut d = Document::new(Kind::Order, "Приказ");
    /// d.body("Текст\u{1}");
    /// let bytes = d.to_docx().unwrap();
    /// assert_eq!(&bytes[..2], b"PK");
    /// ```
    pub fn to_docx(&self) -> std::io::Result<Vec<u8>> {
        let mut w = Writer {
            body: String::with_capacity(1 << 16),
            images: Vec::new(),
            width: if self.landscape {
                A4.1 - 1134 - 850
            } else {
                A4.0 - 1701 - 850
            },
        };
        for block in &self.blocks {
            w.block(block);
        }
        w.section(self.landscape);
        package(self, &w)
    }
}

/// The document body being written, and the pictures it refers to.
struct Writer {
    body: String,
    images: Vec<Vec<u8>>,
    /// The text width in twips.
    width: u32,
}

/// Text escaped for XML content and attributes; forbidden characters shown as `�`.
fn esc(text: &str) -> String {
    let text = xml_safe(text);
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
}

/// Paragraph properties, in schema order.
#[derive(Default, Clone, Copy)]
struct Para {
    keep_next: bool,
    before: u32,
    after: u32,
    first_line: u32,
    jc: Option<&'static str>,
}

/// Run properties, in schema order.
#[derive(Default, Clone, Copy)]
struct Font {
    bold: bool,
    size: Option<u32>,
}

impl Writer {
    fn block(&mut self, block: &Block) {
        match block {
            Block::Paragraph(p) => self.paragraph(p),
            Block::Heading { text } => self.p(
                Para {
                    keep_next: true,
                    before: 240,
                    after: 120,
                    ..Para::default()
                },
                Font {
                    bold: true,
                    size: None,
                },
                text,
            ),
            Block::Table(t) => self.table(t),
            Block::Chart(c) => self.chart(c),
            Block::List(l) => self.list(l),
            Block::Signatures { lines } => {
                self.p(Para::default(), Font::default(), "");
                self.signatures(lines);
            }
            Block::PageBreak => self
                .body
                .push_str("<w:p><w:r><w:br w:type=\"page\"/></w:r></w:p>"),
        }
    }

    fn paragraph(&mut self, p: &Paragraph) {
        let para = match p.align {
            Align::Left => Para::default(),
            Align::Center => Para {
                jc: Some("center"),
                ..Para::default()
            },
            Align::Right => Para {
                jc: Some("right"),
                ..Para::default()
            },
            Align::Justify => Para {
                first_line: INDENT,
                jc: Some("both"),
                ..Para::default()
            },
        };
        self.p(
            para,
            Font {
                bold: p.bold,
                size: None,
            },
            &p.text,
        );
    }

    /// A paragraph with one run of text (line breaks kept as Word's breaks).
    fn p(&mut self, para: Para, font: Font, text: &str) {
        self.body.push_str("<w:p>");
        ppr(&mut self.body, para);
        run(&mut self.body, font, text);
        self.body.push_str("</w:p>");
    }

    fn table(&mut self, t: &Table) {
        if let Some(caption) = &t.caption {
            self.p(
                Para {
                    keep_next: true,
                    before: 120,
                    after: 60,
                    ..Para::default()
                },
                Font::default(),
                caption,
            );
        }
        let grid = grid(t, self.width);
        let b = &mut self.body;
        let _ = write!(
            b,
            "<w:tbl><w:tblPr><w:tblW w:w=\"{}\" w:type=\"dxa\"/><w:tblBorders>",
            grid.iter().sum::<u32>()
        );
        for side in ["top", "left", "bottom", "right", "insideH", "insideV"] {
            let _ = write!(
                b,
                "<w:{side} w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
            );
        }
        b.push_str("</w:tblBorders><w:tblLayout w:type=\"fixed\"/><w:tblCellMar><w:left w:w=\"57\" w:type=\"dxa\"/><w:right w:w=\"57\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr><w:tblGrid>");
        for w in &grid {
            let _ = write!(b, "<w:gridCol w:w=\"{w}\"/>");
        }
        b.push_str("</w:tblGrid>");
        b.push_str("<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>");
        for (h, w) in t.header.iter().zip(&grid) {
            cell(b, *w, 1, Some("center"), true, h);
        }
        b.push_str("</w:tr>");
        for row in &t.rows {
            b.push_str("<w:tr>");
            match row {
                Row::Cells(cells) => {
                    for (i, w) in grid.iter().enumerate() {
                        let jc = t
                            .numeric
                            .get(i)
                            .copied()
                            .unwrap_or(false)
                            .then_some("right");
                        cell(b, *w, 1, jc, false, cells.get(i).map_or("", String::as_str));
                    }
                }
                Row::Section(text) => {
                    let span = u32::try_from(grid.len()).unwrap_or(1);
                    cell(b, grid.iter().sum(), span, None, true, text);
                }
            }
            b.push_str("</w:tr>");
        }
        b.push_str("</w:tbl>");
        self.p(Para::default(), Font::default(), "");
    }

    fn chart(&mut self, c: &Chart) {
        let (png, w, h) = super::raster::chart_png(c);
        self.images.push(png);
        let n = self.images.len();
        let cx = CHART_EMU;
        let cy = CHART_EMU * u64::from(h) / u64::from(w.max(1));
        let _ = write!(
            self.body,
            "<w:p><w:pPr><w:keepNext/><w:jc w:val=\"center\"/></w:pPr><w:r><w:drawing>\
             <wp:inline distT=\"0\" distB=\"0\" distL=\"0\" distR=\"0\"><wp:extent cx=\"{cx}\" cy=\"{cy}\"/>\
             <wp:docPr id=\"{n}\" name=\"Рисунок {n}\" descr=\"{descr}\"/>\
             <wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect=\"1\"/></wp:cNvGraphicFramePr>\
             <a:graphic><a:graphicData uri=\"{PIC}\"><pic:pic><pic:nvPicPr><pic:cNvPr id=\"{n}\" name=\"chart{n}.png\"/><pic:cNvPicPr/></pic:nvPicPr>\
             <pic:blipFill><a:blip r:embed=\"rIdImage{n}\"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>\
             <pic:spPr><a:xfrm><a:off x=\"0\" y=\"0\"/><a:ext cx=\"{cx}\" cy=\"{cy}\"/></a:xfrm><a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom></pic:spPr>\
             </pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>",
            descr = esc(&c.title)
        );
        self.p(
            Para {
                after: 120,
                jc: Some("center"),
                ..Para::default()
            },
            Font {
                bold: false,
                size: Some(TABLE_SIZE),
            },
            &c.title,
        );
    }

    fn list(&mut self, l: &List) {
        for (i, item) in l.items.iter().enumerate() {
            let text = if l.numbered {
                format!("{}. {item}", i + 1)
            } else {
                format!("– {item}")
            };
            self.p(
                Para {
                    first_line: INDENT,
                    jc: Some("both"),
                    ..Para::default()
                },
                Font::default(),
                &text,
            );
        }
    }

    fn signatures(&mut self, lines: &[Signature]) {
        let w = self.width;
        let grid = [w * 9 / 20, w * 5 / 20, w * 6 / 20];
        let b = &mut self.body;
        let _ = write!(
            b,
            "<w:tbl><w:tblPr><w:tblW w:w=\"{}\" w:type=\"dxa\"/><w:tblLayout w:type=\"fixed\"/></w:tblPr><w:tblGrid>",
            grid.iter().sum::<u32>()
        );
        for w in grid {
            let _ = write!(b, "<w:gridCol w:w=\"{w}\"/>");
        }
        b.push_str("</w:tblGrid>");
        for s in lines {
            b.push_str("<w:tr>");
            for ((text, jc), w) in [
                (s.position.as_str(), None),
                ("______________", Some("center")),
                (s.name.as_str(), Some("right")),
            ]
            .into_iter()
            .zip(grid)
            {
                let _ = write!(
                    b,
                    "<w:tc><w:tcPr><w:tcW w:w=\"{w}\" w:type=\"dxa\"/><w:vAlign w:val=\"bottom\"/></w:tcPr><w:p>"
                );
                ppr(
                    b,
                    Para {
                        before: 240,
                        jc,
                        ..Para::default()
                    },
                );
                run(b, Font::default(), text);
                b.push_str("</w:p></w:tc>");
            }
            b.push_str("</w:tr>");
        }
        b.push_str("</w:tbl>");
    }

    /// The section: page size and margins, the page number header from the second page.
    fn section(&mut self, landscape: bool) {
        let (size, margins) = if landscape {
            (
                format!(
                    "<w:pgSz w:w=\"{}\" w:h=\"{}\" w:orient=\"landscape\"/>",
                    A4.1, A4.0
                ),
                (1134, 850, 1134, 850),
            )
        } else {
            (
                format!("<w:pgSz w:w=\"{}\" w:h=\"{}\"/>", A4.0, A4.1),
                (1134, 850, 1134, 1701),
            )
        };
        let (top, right, bottom, left) = margins;
        let _ = write!(
            self.body,
            "<w:sectPr><w:headerReference w:type=\"default\" r:id=\"rIdHeader\"/><w:headerReference w:type=\"first\" r:id=\"rIdHeaderFirst\"/>\
             {size}<w:pgMar w:top=\"{top}\" w:right=\"{right}\" w:bottom=\"{bottom}\" w:left=\"{left}\" w:header=\"567\" w:footer=\"567\" w:gutter=\"0\"/>\
             <w:cols w:space=\"708\"/><w:titlePg/></w:sectPr>"
        );
    }
}

fn ppr(b: &mut String, p: Para) {
    if !p.keep_next && p.before == 0 && p.after == 0 && p.first_line == 0 && p.jc.is_none() {
        return;
    }
    b.push_str("<w:pPr>");
    if p.keep_next {
        b.push_str("<w:keepNext/>");
    }
    if p.before > 0 || p.after > 0 {
        let _ = write!(
            b,
            "<w:spacing w:before=\"{}\" w:after=\"{}\"/>",
            p.before, p.after
        );
    }
    if p.first_line > 0 {
        let _ = write!(b, "<w:ind w:firstLine=\"{}\"/>", p.first_line);
    }
    if let Some(jc) = p.jc {
        let _ = write!(b, "<w:jc w:val=\"{jc}\"/>");
    }
    b.push_str("</w:pPr>");
}

fn run(b: &mut String, font: Font, text: &str) {
    if text.is_empty() {
        return;
    }
    b.push_str("<w:r>");
    if font.bold || font.size.is_some() {
        b.push_str("<w:rPr>");
        if font.bold {
            b.push_str("<w:b/>");
        }
        if let Some(size) = font.size {
            let _ = write!(b, "<w:sz w:val=\"{size}\"/><w:szCs w:val=\"{size}\"/>");
        }
        b.push_str("</w:rPr>");
    }
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            b.push_str("<w:br/>");
        }
        let line = line.trim_end_matches('\r');
        for (j, part) in line.split('\t').enumerate() {
            if j > 0 {
                b.push_str("<w:tab/>");
            }
            if !part.is_empty() {
                let _ = write!(b, "<w:t xml:space=\"preserve\">{}</w:t>", esc(part));
            }
        }
    }
    b.push_str("</w:r>");
}

fn cell(b: &mut String, width: u32, span: u32, jc: Option<&'static str>, bold: bool, text: &str) {
    let _ = write!(b, "<w:tc><w:tcPr><w:tcW w:w=\"{width}\" w:type=\"dxa\"/>");
    if span > 1 {
        let _ = write!(b, "<w:gridSpan w:val=\"{span}\"/>");
    }
    b.push_str("</w:tcPr><w:p>");
    ppr(
        b,
        Para {
            jc,
            ..Para::default()
        },
    );
    run(
        b,
        Font {
            bold,
            size: Some(TABLE_SIZE),
        },
        text,
    );
    b.push_str("</w:p></w:tc>");
}

/// Column widths in twips, in proportion to the table's relative widths, filling `width`.
fn grid(t: &Table, width: u32) -> Vec<u32> {
    let n = t.header.len().max(1);
    let weights: Vec<u32> = (0..n)
        .map(|i| t.widths.get(i).copied().unwrap_or(1).max(1))
        .collect();
    let total: u64 = weights.iter().map(|w| u64::from(*w)).sum();
    weights
        .iter()
        .map(|w| u32::try_from(u64::from(width) * u64::from(*w) / total.max(1)).unwrap_or(0))
        .collect()
}

const XML: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";

fn styles() -> String {
    format!(
        "{XML}<w:styles xmlns:w=\"{W}\"><w:docDefaults><w:rPrDefault><w:rPr>\
         <w:rFonts w:ascii=\"Times New Roman\" w:hAnsi=\"Times New Roman\" w:eastAsia=\"Times New Roman\" w:cs=\"Times New Roman\"/>\
         <w:sz w:val=\"{TEXT_SIZE}\"/><w:szCs w:val=\"{TEXT_SIZE}\"/><w:lang w:val=\"ru-RU\" w:eastAsia=\"ru-RU\" w:bidi=\"ar-SA\"/>\
         </w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/></w:pPr></w:pPrDefault></w:docDefaults>\
         <w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/><w:qFormat/></w:style>\
         <w:style w:type=\"table\" w:default=\"1\" w:styleId=\"TableNormal\"><w:name w:val=\"Normal Table\"/><w:uiPriority w:val=\"99\"/><w:semiHidden/><w:unhideWhenUsed/>\
         <w:tblPr><w:tblInd w:w=\"0\" w:type=\"dxa\"/><w:tblCellMar><w:top w:w=\"0\" w:type=\"dxa\"/><w:left w:w=\"108\" w:type=\"dxa\"/><w:bottom w:w=\"0\" w:type=\"dxa\"/><w:right w:w=\"108\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr></w:style>\
         </w:styles>"
    )
}

fn header(number: bool) -> String {
    let body = if number {
        "<w:p><w:pPr><w:jc w:val=\"center\"/></w:pPr><w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>\
         <w:r><w:instrText xml:space=\"preserve\"> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>\
         <w:r><w:t>2</w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r></w:p>"
    } else {
        "<w:p/>"
    };
    format!("{XML}<w:hdr xmlns:w=\"{W}\" xmlns:r=\"{R}\">{body}</w:hdr>")
}

fn package(doc: &Document, w: &Writer) -> std::io::Result<Vec<u8>> {
    use zip::write::SimpleFileOptions;
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::with_capacity(
        w.body.len() / 4 + w.images.iter().map(Vec::len).sum::<usize>() + 4096,
    )));
    let options = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .unix_permissions(0o644);
    let mut part = |name: &str, bytes: &[u8]| -> std::io::Result<()> {
        zip.start_file(name, options)
            .map_err(std::io::Error::other)?;
        zip.write_all(bytes)
    };
    part("[Content_Types].xml", content_types().as_bytes())?;
    part("_rels/.rels", package_rels().as_bytes())?;
    part(
        "docProps/core.xml",
        format!(
            "{XML}<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" \
             xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:title>{}</dc:title><dc:creator>vsoko</dc:creator><dc:language>ru-RU</dc:language></cp:coreProperties>",
            esc(&doc.title)
        )
        .as_bytes(),
    )?;
    part(
        "docProps/app.xml",
        format!(
            "{XML}<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\"><Application>vsoko {}</Application></Properties>",
            env!("CARGO_PKG_VERSION")
        )
        .as_bytes(),
    )?;
    let mut rels = format!(
        "{XML}<Relationships xmlns=\"{PKG_REL}\">\
         <Relationship Id=\"rIdStyles\" Type=\"{DOC_REL}/styles\" Target=\"styles.xml\"/>\
         <Relationship Id=\"rIdSettings\" Type=\"{DOC_REL}/settings\" Target=\"settings.xml\"/>\
         <Relationship Id=\"rIdHeader\" Type=\"{DOC_REL}/header\" Target=\"header1.xml\"/>\
         <Relationship Id=\"rIdHeaderFirst\" Type=\"{DOC_REL}/header\" Target=\"header2.xml\"/>"
    );
    for n in 1..=w.images.len() {
        let _ = write!(
            rels,
            "<Relationship Id=\"rIdImage{n}\" Type=\"{DOC_REL}/image\" Target=\"media/chart{n}.png\"/>"
        );
    }
    rels.push_str("</Relationships>");
    part("word/_rels/document.xml.rels", rels.as_bytes())?;
    part(
        "word/document.xml",
        format!(
            "{XML}<w:document xmlns:w=\"{W}\" xmlns:r=\"{R}\" xmlns:wp=\"{WP}\" xmlns:a=\"{A}\" xmlns:pic=\"{PIC}\"><w:body>"
        )
        .as_bytes(),
    )?;
    zip.write_all(w.body.as_bytes())?;
    zip.write_all(b"</w:body></w:document>")?;
    let mut part = |name: &str, bytes: &[u8]| -> std::io::Result<()> {
        zip.start_file(name, options)
            .map_err(std::io::Error::other)?;
        zip.write_all(bytes)
    };
    part("word/styles.xml", styles().as_bytes())?;
    part(
        "word/settings.xml",
        format!(
            "{XML}<w:settings xmlns:w=\"{W}\"><w:defaultTabStop w:val=\"708\"/><w:characterSpacingControl w:val=\"doNotCompress\"/>\
             <w:compat><w:compatSetting w:name=\"compatibilityMode\" w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/></w:compat></w:settings>"
        )
        .as_bytes(),
    )?;
    part("word/header1.xml", header(true).as_bytes())?;
    part("word/header2.xml", header(false).as_bytes())?;
    for (i, png) in w.images.iter().enumerate() {
        part(&format!("word/media/chart{}.png", i + 1), png)?;
    }
    Ok(zip.finish().map_err(std::io::Error::other)?.into_inner())
}

fn content_types() -> String {
    format!(
        "{XML}<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
             <Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
             <Default Extension=\"xml\" ContentType=\"application/xml\"/><Default Extension=\"png\" ContentType=\"image/png\"/>\
             <Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>\
             <Override PartName=\"/word/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>\
             <Override PartName=\"/word/settings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml\"/>\
             <Override PartName=\"/word/header1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml\"/>\
             <Override PartName=\"/word/header2.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml\"/>\
             <Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>\
             <Override PartName=\"/docProps/app.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.extended-properties+xml\"/>\
             </Types>"
    )
}

fn package_rels() -> String {
    format!(
        "{XML}<Relationships xmlns=\"{PKG_REL}\">\
             <Relationship Id=\"rId1\" Type=\"{DOC_REL}/officeDocument\" Target=\"word/document.xml\"/>\
             <Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>\
             <Relationship Id=\"rId3\" Type=\"{DOC_REL}/extended-properties\" Target=\"docProps/app.xml\"/>\
             </Relationships>"
    )
}
