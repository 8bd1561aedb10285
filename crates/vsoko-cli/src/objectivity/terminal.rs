//! The result as text for the terminal: the index, per municipality, the flagged schools and the
//! comparison of marks, largest share of changed marks first.

use rust_decimal::Decimal;
use std::fmt::Write as _;
use vsoko::objectivity::Objectivity;

fn opt(d: Option<Decimal>) -> String {
    d.map_or_else(|| "—".into(), |d| d.to_string())
}

pub(super) fn table(r: &Objectivity) -> String {
    let mut out = format!(
        "Индекс объективности: {} (школ: {}, с признаками необъективности: {})\n",
        opt(r.summary.objectivity_index),
        r.summary.schools,
        r.summary.flagged_schools
    );
    for m in &r.municipalities {
        let _ = writeln!(
            out,
            "  {}: {} (школ: {}, с признаками: {})",
            if m.municipality.is_empty() {
                "без муниципалитета"
            } else {
                &m.municipality
            },
            opt(m.objectivity_index),
            m.schools,
            m.flagged_schools
        );
    }
    out.push_str("\nШколы с признаками необъективности:\n");
    if r.flags.is_empty() {
        out.push_str("  нет\n");
    }
    for f in &r.flags {
        let _ = writeln!(
            out,
            "  {} — {} ({} {} {} кл., {}): {}",
            f.school,
            f.sign.ru(),
            f.procedure,
            f.subject,
            f.grade,
            f.year,
            f.message_ru
        );
    }
    out.push_str("\nСравнение отметок (понизили / подтвердили / повысили, % от сравнённых):\n");
    let mut groups: Vec<_> = r.groups.iter().collect();
    groups.sort_by_key(|g| {
        std::cmp::Reverse(g.lowered_pct.unwrap_or_default() + g.raised_pct.unwrap_or_default())
    });
    for g in groups {
        let _ = writeln!(
            out,
            "  {} {} {} {} кл. {}: участников {}, сравнено {}: {} / {} / {}; средний балл {}, Спирмен {}",
            g.school,
            g.procedure,
            g.subject,
            g.grade,
            g.year,
            g.participants,
            g.compared,
            opt(g.lowered_pct),
            opt(g.confirmed_pct),
            opt(g.raised_pct),
            opt(g.mean_score),
            opt(g.spearman)
        );
    }
    out
}
