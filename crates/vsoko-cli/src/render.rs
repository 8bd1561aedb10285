//! How a report looks to a person in a terminal: a Russian table (Markdown is the core's
//! `Report::to_markdown`).

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use std::fmt::Write;
use vsoko::decimal::ROUNDING;
use vsoko::output::russian;
use vsoko::{Methodology, Report};

const BAR_WIDTH: u32 = 20;
const TITLE_WIDTH: usize = 48;
const TOP_DEFICITS: usize = 5;

/// The default output of `vsoko score`.
pub fn table(m: &Methodology, r: &Report) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{} ({})", m.title(), r.methodology);
    if let Some(line) = r.school_line_ru() {
        let _ = writeln!(out, "{line}");
    }
    let _ = writeln!(out);
    let _ = writeln!(out, "{}{}", r.total_ru(), r.level_ru(" — "));
    let _ = writeln!(out);
    for (g, spec) in r.groups.iter().zip(m.groups()) {
        let indent = "  ".repeat(spec.depth);
        let title = format!(
            "{indent}{} {}",
            g.id,
            g.title.as_deref().unwrap_or("(без названия)")
        );
        let _ = writeln!(
            out,
            "{}  {:>6} / {:<4} {}  {:>7}",
            pad(&truncate(&title, TITLE_WIDTH), TITLE_WIDTH),
            russian::number(g.points),
            russian::number(g.max),
            bar(g.share),
            russian::percent(g.percent)
        );
    }
    let derived: Vec<_> = r
        .indicators
        .iter()
        .filter_map(|i| Some((i, i.how.as_ref()?)))
        .collect();
    if !derived.is_empty() {
        let _ = writeln!(out, "\nКак получены баллы показателей:");
        for (i, how) in derived {
            let _ = writeln!(out, "  {:<6} {how}", i.id);
        }
    }
    if !r.missing.is_empty() {
        let _ = writeln!(
            out,
            "\nНе заполнено показателей: {} (засчитано 0 баллов): {}",
            r.missing.len(),
            list_ids(&r.missing)
        );
    }
    if !r.not_applicable.is_empty() {
        let _ = writeln!(
            out,
            "Не применимо (исключено из максимума): {}",
            list_ids(&r.not_applicable)
        );
    }
    let leaf_deficits: Vec<_> = r
        .deficits
        .groups
        .iter()
        .filter(|d| r.groups.iter().any(|g| g.leaf && g.id == d.id))
        .take(TOP_DEFICITS)
        .collect();
    if !leaf_deficits.is_empty() {
        let _ = writeln!(out, "\nГде теряются баллы (с чего начать):");
        for d in leaf_deficits {
            let title = format!("{} {}", d.id, d.title.as_deref().unwrap_or(""));
            let _ = writeln!(
                out,
                "  {}  −{} из {}",
                pad(&truncate(&title, TITLE_WIDTH), TITLE_WIDTH),
                russian::number(d.lost),
                russian::number(d.max)
            );
        }
        let worst = r.worst_ru(8);
        let _ = writeln!(out, "  Показатели с наибольшими потерями: {worst}");
    }
    out
}

/// `points / max` as a percentage with one decimal (the core's one rounding, applied once),
/// written as people read it in Russian (`79,5 %`).
pub fn percent(points: Decimal, max: Decimal) -> String {
    russian::percent(vsoko::decimal::percent(points, max))
}

fn bar(share: Option<Decimal>) -> String {
    let filled = share
        .map(|s| (s * Decimal::from(BAR_WIDTH)).round_dp_with_strategy(0, ROUNDING))
        .and_then(|d| d.to_u32())
        .unwrap_or(0)
        .min(BAR_WIDTH);
    let filled = usize::try_from(filled).unwrap_or(0);
    let width = usize::try_from(BAR_WIDTH).unwrap_or(0);
    format!("{}{}", "█".repeat(filled), "░".repeat(width - filled))
}

fn list_ids(ids: &[String]) -> String {
    const SHOWN: usize = 12;
    let mut text = ids
        .iter()
        .take(SHOWN)
        .cloned()
        .collect::<Vec<_>>()
        .join(", ");
    if ids.len() > SHOWN {
        let _ = write!(text, " … и ещё {}", ids.len() - SHOWN);
    }
    text
}

/// Pads to a width in characters (Cyrillic letters are one column each).
pub fn pad(text: &str, width: usize) -> String {
    let n = text.chars().count();
    format!("{text}{}", " ".repeat(width.saturating_sub(n)))
}

/// Cuts text to a width in characters, marking the cut with `…`.
pub fn truncate(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        text.to_string()
    } else {
        let mut cut: String = text.chars().take(width.saturating_sub(1)).collect();
        cut.push('…');
        cut
    }
}

/// The summary of `vsoko batch`, printed on stderr.
pub fn summary(m: &Methodology, s: &vsoko::batch::Summary) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "\nИтоги ({}): оценено школ: {}, строк с ошибками: {}",
        m.id(),
        s.schools,
        s.failed
    );
    if let (Some(mean), Some(median)) = (s.mean_total, s.median_total) {
        let _ = writeln!(
            out,
            "Средний балл: {}, медиана: {}, от {} до {} (максимум {})",
            russian::number(mean),
            russian::number(median),
            russian::number(s.min_total.unwrap_or_default()),
            russian::number(s.max_total.unwrap_or_default()),
            russian::number(m.max())
        );
    }
    for l in s.levels.iter().rev() {
        let _ = writeln!(out, "  {}: {}", l.title, l.count);
    }
    if !s.weakest_groups.is_empty() {
        let _ = writeln!(out, "Самые слабые критерии по всей выборке:");
        for g in &s.weakest_groups {
            let title = format!("{} {}", g.id, g.title.as_deref().unwrap_or(""));
            let _ = writeln!(
                out,
                "  {}  {}",
                pad(&truncate(&title, TITLE_WIDTH), TITLE_WIDTH),
                percent(g.points, g.max)
            );
        }
    }
    out
}

/// Findings of a check as people read them: a count line, then `[ОШИБКА] code: message (where)`
/// per finding. Each finding is (severity, code, Russian message, where it is).
pub fn findings<'a>(
    items: impl ExactSizeIterator<Item = (vsoko::finding::Severity, &'a str, &'a str, Option<&'a str>)>
    + Clone,
) -> String {
    use vsoko::finding::Severity;
    let total = items.len();
    let errors = items
        .clone()
        .filter(|(s, ..)| *s == Severity::Error)
        .count();
    let mut out = format!(
        "Замечаний: {total} (ошибок: {errors}, предупреждений: {})\n\n",
        total - errors
    );
    for (severity, code, message, place) in items {
        let mark = match severity {
            Severity::Error => "ОШИБКА",
            Severity::Warning => "внимание",
        };
        let _ = write!(out, "  [{mark}] {code}: {message}");
        if let Some(p) = place {
            let _ = write!(out, " ({p})");
        }
        out.push('\n');
    }
    out
}
