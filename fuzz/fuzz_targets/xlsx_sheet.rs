//! A real XLSX workbook whose one sheet is built from the fuzz input: cells at any position up
//! to XFD1048576 (with the used range declared that large), of every type a spreadsheet writes
//! (text, numbers, date-formatted numbers, formulas without a cached value, booleans, errors).
//! The reader must stream it in bounded memory and answer with rows or typed errors.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::io::Write;
use vsoko::{Methodology, Options};

const HEAD: &str = r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1:XFD1048576"/><sheetData>"#;

fn column(mut n: u32) -> String {
    let mut out = Vec::new();
    n += 1;
    while n > 0 {
        out.push(b'A' + ((n - 1) % 26) as u8);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

fn escape(t: &str) -> String {
    t.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

fn sheet(data: &[u8]) -> String {
    let mut rows: std::collections::BTreeMap<u32, Vec<(u32, String)>> = Default::default();
    // The first cells form a header that maps, so data rows reach the scoring path.
    rows.entry(1).or_default().extend([
        (0, r#"<c r="A1" t="inlineStr"><is><t>school</t></is></c>"#.to_string()),
        (1, r#"<c r="B1" t="inlineStr"><is><t>1.1.1</t></is></c>"#.to_string()),
        (2, r#"<c r="C1" t="inlineStr"><is><t>1.1</t></is></c>"#.to_string()),
    ]);
    for chunk in data.chunks(8) {
        let [a, b, c, kind, rest @ ..] = chunk else { break };
        let row = 2 + (u32::from(*a) << 12 | u32::from(*b) << 4) % 1_048_575;
        let col = u32::from(*c) * 64 % 16_384;
        let text = escape(&String::from_utf8_lossy(rest));
        let r = format!("{}{}", column(col), row);
        let cell = match kind % 8 {
            0 => format!(r#"<c r="{r}" t="inlineStr"><is><t>{text}</t></is></c>"#),
            1 => format!(r#"<c r="{r}"><v>{}</v></c>"#, u32::from_le_bytes([rest.first().copied().unwrap_or(0), 0, 0, 0]) % 5),
            2 => format!(r#"<c r="{r}" s="1"><v>{}</v></c>"#, 36892 + u32::from(*c)),
            3 => format!(r#"<c r="{r}"><f>1+1</f></c>"#),
            4 => format!(r#"<c r="{r}" t="b"><v>{}</v></c>"#, kind & 1),
            5 => format!(r#"<c r="{r}" t="e"><v>#DIV/0!</v></c>"#),
            6 => format!(r#"<c r="{r}" s="1"/>"#),
            _ => format!(r#"<c r="{r}"><v>{text}</v></c>"#),
        };
        rows.entry(row).or_default().push((col, cell));
    }
    let mut xml = String::from(HEAD);
    for (r, mut cells) in rows {
        cells.sort_by_key(|(c, _)| *c);
        cells.dedup_by_key(|(c, _)| *c);
        xml.push_str(&format!(r#"<row r="{r}">"#));
        for (_, c) in cells {
            xml.push_str(&c);
        }
        xml.push_str("</row>");
    }
    xml.push_str("</sheetData></worksheet>");
    xml
}

const PARTS: [(&str, &str); 5] = [
    ("[Content_Types].xml", r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>"#),
    ("_rels/.rels", r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#),
    ("xl/workbook.xml", r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>"#),
    ("xl/_rels/workbook.xml.rels", r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>"#),
    ("xl/styles.xml", r#"<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/></cellXfs></styleSheet>"#),
];

fn workbook(data: &[u8]) -> Vec<u8> {
    let mut out = std::io::Cursor::new(Vec::new());
    {
        let mut zip = zip::ZipWriter::new(&mut out);
        let opts = zip::write::SimpleFileOptions::default();
        for (name, text) in PARTS {
            let _ = zip.start_file(name, opts);
            let _ = zip.write_all(text.as_bytes());
        }
        let _ = zip.start_file("xl/worksheets/sheet1.xml", opts);
        let _ = zip.write_all(sheet(data).as_bytes());
        let _ = zip.finish();
    }
    out.into_inner()
}

fuzz_target!(|data: &[u8]| {
    let book = workbook(data);
    for name in ["index-2023", "nocko-1547"] {
        let Ok(m) = Methodology::builtin(name) else { return };
        if let Ok(records) = vsoko_cli::sheets::read_xlsx(&book, m) {
            let mut last = 0;
            for r in records {
                assert!(r.row > last, "rows in sheet order");
                last = r.row;
                if let Ok(e) = r.result {
                    let _ = e.evaluate(m, Options::default());
                }
            }
        }
    }
    // Raw bytes as a workbook too: a typed error, never a panic.
    if let Ok(m) = Methodology::builtin("index-2023") {
        let _ = vsoko_cli::sheets::read_xlsx(data, m);
    }
});
