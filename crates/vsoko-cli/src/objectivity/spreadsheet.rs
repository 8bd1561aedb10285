//! The comparison table as CSV for a spreadsheet: one row per group with its counts, shares,
//! statistics and the signs it was flagged with.

use rust_decimal::Decimal;
use vsoko::objectivity::Objectivity;

pub(super) fn csv(r: &Objectivity) -> String {
    let mut out = vsoko::output::csv::header([
        "school",
        "municipality",
        "procedure",
        "subject",
        "grade",
        "year",
        "participants",
        "absent",
        "compared",
        "lowered",
        "confirmed",
        "raised",
        "lowered_pct",
        "confirmed_pct",
        "raised_pct",
        "mean_score",
        "completion_pct",
        "spearman",
        "flags",
    ]);
    let mut line = vsoko::output::csv::Line::new();
    for g in &r.groups {
        let flags: Vec<&str> = r
            .flags
            .iter()
            .filter(|f| {
                f.school == g.school
                    && f.procedure == g.procedure
                    && f.subject == g.subject
                    && f.grade == g.grade
                    && f.year == g.year
            })
            .map(|f| f.sign.as_str())
            .collect();
        let d = |x: Option<Decimal>| x.map(|d| d.to_string()).unwrap_or_default();
        line.text(&g.school)
            .text(g.municipality.as_deref().unwrap_or_default())
            .text(&g.procedure)
            .text(&g.subject)
            .number(g.grade)
            .number(g.year)
            .number(g.participants)
            .number(g.absent)
            .number(g.compared)
            .number(g.lowered)
            .number(g.confirmed)
            .number(g.raised)
            .number(d(g.lowered_pct))
            .number(d(g.confirmed_pct))
            .number(d(g.raised_pct))
            .number(d(g.mean_score))
            .number(d(g.completion_pct))
            .number(d(g.spearman))
            .number(flags.join(" "));
        out.push_str(&line.finish());
    }
    out
}
