//! How a report looks to a person: a Russian table for the terminal, or Markdown.

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use std::fmt::Write;
use vsoko::decimal::ROUNDING;
use vsoko::output::markdown;
use vsoko::{Methodology, Report};

const BAR_WIDTH: u32 = 20;
const TITLE_WIDTH: usize = 48;
const TOP_DEFICITS: usize = 5;

/// The default output of `vsoko score`.
pub fn table(m: &Methodology, r: &Report) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{} ({})", m.title(), r.methodology);
    if let Some(line) = school_line(r) {
        let _ = writeln!(out, "{line}");
    }
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "Итого: {} из {} баллов ({}){}",
        r.total,
        r.max,
        percent(r.total, r.max),
        level_text(r, " — ")
    );
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
            g.points.to_string(),
            g.max.to_string(),
            bar(g.share),
            percent(g.points, g.max)
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
        .filter(|d| m.group(&d.id).is_some_and(|g| g.children.is_empty()))
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
                d.lost,
                d.max
            );
        }
        let worst = worst_indicators(r, 8);
        let _ = writeln!(out, "  Показатели с наибольшими потерями: {worst}");
    }
    out
}

/// `vsoko score --format markdown`: the same facts as a Markdown document.
pub fn markdown(m: &Methodology, r: &Report) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "## {}\n", markdown::line(m.title()));
    if let Some(line) = school_line(r) {
        let _ = writeln!(out, "{}\n", markdown::line(&line));
    }
    let _ = writeln!(
        out,
        "**Итого: {} из {} баллов ({})**{}\n",
        r.total,
        r.max,
        percent(r.total, r.max),
        markdown::line(&level_text(r, " — "))
    );
    let _ = writeln!(
        out,
        "| Код | Направление / критерий | Баллы | Максимум | Доля |"
    );
    let _ = writeln!(out, "|---|---|---:|---:|---:|");
    for g in &r.groups {
        let title = markdown::cell(g.title.as_deref().unwrap_or("(без названия)"));
        let title = if g.parent.is_none() {
            format!("**{title}**")
        } else {
            title
        };
        let _ = writeln!(
            out,
            "| {} | {title} | {} | {} | {} |",
            markdown::cell(&g.id),
            g.points,
            g.max,
            percent(g.points, g.max)
        );
    }
    if !r.missing.is_empty() {
        let _ = writeln!(
            out,
            "\nНе заполнено ({}): {}",
            r.missing.len(),
            markdown::line(&r.missing.join(", "))
        );
    }
    if !r.deficits.indicators.is_empty() {
        let worst = worst_indicators(r, 10);
        let _ = writeln!(
            out,
            "\nНаибольшие потери баллов: {}",
            markdown::line(&worst)
        );
    }
    out
}

/// The `n` indicators that lost most, as `1.1.4 (−3), …`.
fn worst_indicators(r: &Report, n: usize) -> String {
    let worst: Vec<String> = r
        .deficits
        .indicators
        .iter()
        .take(n)
        .map(|d| format!("{} (−{})", d.id, d.lost))
        .collect();
    worst.join(", ")
}

fn school_line(r: &Report) -> Option<String> {
    let school = r.school.as_deref().filter(|s| !s.is_empty());
    let period = r.period.as_deref().filter(|s| !s.is_empty());
    match (school, period) {
        (Some(s), Some(p)) => Some(format!("Организация: {s} · период: {p}")),
        (Some(s), None) => Some(format!("Организация: {s}")),
        (None, Some(p)) => Some(format!("Период: {p}")),
        (None, None) => None,
    }
}

fn level_text(r: &Report, sep: &str) -> String {
    r.level_title
        .as_deref()
        .map_or_else(String::new, |t| format!("{sep}{t}"))
}

/// `points / max` as a percentage with one decimal (the core's one rounding, applied once).
pub fn percent(points: Decimal, max: Decimal) -> String {
    vsoko::decimal::percent(points, max).map_or_else(|| "—".to_string(), |p| format!("{p:.1} %"))
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
            "Средний балл: {mean}, медиана: {median}, от {} до {} (максимум {})",
            s.min_total.unwrap_or_default(),
            s.max_total.unwrap_or_default(),
            m.max()
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
