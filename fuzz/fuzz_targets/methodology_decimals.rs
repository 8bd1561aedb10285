//! Custom methodologies whose caps, maxima and level bounds are decimals near the edge of the
//! decimal range (28 digits, as strings or JSON numbers with any number of places). Validation
//! must accept or reject them with typed problems; a valid one scores its own maxima, renders
//! as a table and Markdown, and summarises a batch of full-mark schools, all without overflow.
#![no_main]

use libfuzzer_sys::fuzz_target;
use vsoko::batch::SummaryBuilder;
use vsoko::{Methodology, Options, Values};

/// A decimal text built from fuzz bytes: up to 30 digits, a point anywhere, quoted or not.
fn number(bytes: &[u8]) -> String {
    let Some((&first, rest)) = bytes.split_first() else { return "1".into() };
    let len = usize::from(first % 31).min(rest.len());
    let mut digits: String = rest.iter().take(len.max(1)).map(|b| char::from(b'0' + b % 10)).collect();
    if digits.is_empty() {
        digits.push('1');
    }
    let point = usize::from(first / 31) % (digits.len() + 1);
    if point > 0 && point < digits.len() {
        digits.insert(point, '.');
    }
    if first & 0x80 != 0 { format!("\"{digits}\"") } else { digits }
}

fuzz_target!(|data: &[u8]| {
    let parts: Vec<&[u8]> = data.chunks(12).take(12).collect();
    let mut groups = Vec::new();
    for (g, chunk) in parts.chunks(3).enumerate() {
        let inds: Vec<String> = chunk
            .iter()
            .enumerate()
            .map(|(i, c)| format!(r#"{{"id": "{g}.{i}", "title": null, "cap": {}}}"#, number(c)))
            .collect();
        groups.push(format!(
            r#"{{"id": "{g}", "kind": "criterion", "title": null, "indicators": [{}]}}"#,
            inds.join(", ")
        ));
    }
    let levels = match parts.first() {
        Some(c) => format!(
            r#", "levels": [{{"id": "low", "title": "Низкий", "to": {0}}}, {{"id": "high", "title": "Высокий", "from": {0}}}]"#,
            number(c)
        ),
        None => String::new(),
    };
    let text = format!(
        r#"{{"format_version": 1, "id": "fuzz", "title": "Фазз", "groups": [{}]{levels}}}"#,
        groups.join(", ")
    );
    let Ok(m) = Methodology::from_json(&text) else { return };
    let full: Values = m.indicators().iter().map(|i| (i.id.clone(), i.cap)).collect();
    let Ok(report) = m.score(&full, Options::new().strict(true)) else {
        panic!("a valid methodology rejects its own maxima")
    };
    assert_eq!(report.total, m.max());
    let _ = vsoko_cli::render::table(&m, &report);
    let _ = report.to_markdown(&m);
    let mut summary = SummaryBuilder::new(&m);
    for _ in 0..5 {
        if let Ok(card) = m.evaluate(&full, Options::default()) {
            summary.add(&card);
        }
    }
    let s = summary.finish();
    let _ = vsoko_cli::render::summary(&m, &s);
    assert_eq!(s.median_total, Some(m.max()));
});
