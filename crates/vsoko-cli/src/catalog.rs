//! `vsoko catalog` and `vsoko template --format csv`: a methodology printed for people and forms.

use crate::render::{pad, truncate};
use std::fmt::Write;
use vsoko::Methodology;
use vsoko::output::russian;

const TITLE_WIDTH: usize = 70;

/// The methodology as a Russian table: groups with their maxima, indicators with their caps.
pub fn table(m: &Methodology) -> String {
    let c = m.catalog();
    let mut out = String::new();
    let _ = writeln!(out, "{} ({})", c.title, c.id);
    if let Some(source) = &c.source {
        let _ = writeln!(out, "Источник: {source}");
    }
    let _ = writeln!(
        out,
        "Показателей: {}, максимум: {}\n",
        c.indicators.len(),
        russian::points(c.max)
    );
    let _ = writeln!(
        out,
        "{}  {:>11}  {:>8}",
        pad("Код  Наименование", TITLE_WIDTH + 8),
        "показателей",
        "максимум"
    );
    for (g, spec) in c.groups.iter().zip(m.groups()) {
        let title = format!(
            "{}{} {}",
            "  ".repeat(spec.depth),
            g.id,
            g.title
                .as_deref()
                .unwrap_or("(название не указано в источнике)")
        );
        let _ = writeln!(
            out,
            "{}  {:>11}  {:>8}",
            pad(&truncate(&title, TITLE_WIDTH + 8), TITLE_WIDTH + 8),
            g.indicator_count,
            russian::number(g.max)
        );
        for i in c.indicators.iter().filter(|i| i.group == g.id) {
            let title = i
                .title
                .as_deref()
                .unwrap_or("(название показателя в источнике не приводится)");
            let na = if i.not_applicable {
                ", н/п допускается"
            } else {
                ""
            };
            let _ = writeln!(
                out,
                "{}    {} {} — 0…{}{na}",
                "  ".repeat(spec.depth),
                i.id,
                truncate(title, TITLE_WIDTH),
                russian::number(i.max)
            );
        }
    }
    if !c.levels.is_empty() {
        let _ = writeln!(out, "\nУровни:");
        for l in c.levels.iter().rev() {
            let from = l
                .from
                .map_or_else(String::new, |f| format!("от {} ", russian::number(f)));
            let to =
                l.to.map_or_else(String::new, |t| format!("менее {} ", russian::number(t)));
            let _ = writeln!(out, "  {}: {from}{to}баллов", l.title);
        }
    }
    out
}

/// The CSV header a region sends out: `school` and one column per input id (for a version-1
/// methodology, per indicator id).
pub fn csv_header(m: &Methodology) -> String {
    let ids = m.inputs().iter().map(|i| i.id.as_str());
    vsoko::output::csv::header(std::iter::once("school").chain(ids))
}
