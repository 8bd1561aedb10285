//! A school's report as a Markdown document in Russian: the view the CLI's `score --format
//! markdown` prints and the bindings offer, written once here.

use super::report::Report;
use crate::methodology::Methodology;
use crate::output::{markdown, russian};
use std::fmt::Write;

impl Report {
    /// The report as Markdown: the methodology's title, the school and period, the total with
    /// its percentage and level, a table of every group, what is not filled in and where most
    /// points were lost. User text is escaped (see [`crate::output::markdown`]); numbers are
    /// written as people read them in Russian ([`crate::output::russian::number`]).
    ///
    /// ```
    /// use vsoko::{Methodology, Options, Values};
    /// let m = Methodology::builtin("nocko-1547").unwrap();
    /// let r = m.score(&Values::from_json(r#"{"1.1": 8}"#).unwrap(), Options::default()).unwrap();
    /// let md = r.to_markdown(m);
    /// assert!(md.contains("**Итого: 8 из 110 баллов (7,3\u{a0}%)**"));
    /// assert!(md.contains("| I | **Показатели, характеризующие"));
    /// assert!(md.contains("| 8 | 40 | 20,0\u{a0}% |"));
    /// ```
    pub fn to_markdown(&self, m: &Methodology) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "## {}\n", markdown::line(m.title()));
        if let Some(line) = self.school_line_ru() {
            let _ = writeln!(out, "{}\n", markdown::line(&line));
        }
        let _ = writeln!(
            out,
            "**{}**{}\n",
            self.total_ru(),
            markdown::line(&self.level_ru(" — "))
        );
        let _ = writeln!(
            out,
            "| Код | Направление / критерий | Баллы | Максимум | Доля |"
        );
        let _ = writeln!(out, "|---|---|---:|---:|---:|");
        for g in &self.groups {
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
                russian::number(g.points),
                russian::number(g.max),
                russian::percent(g.percent)
            );
        }
        if !self.missing.is_empty() {
            let _ = writeln!(
                out,
                "\nНе заполнено ({}): {}",
                self.missing.len(),
                markdown::line(&self.missing.join(", "))
            );
        }
        if !self.deficits.indicators.is_empty() {
            let _ = writeln!(
                out,
                "\nНаибольшие потери баллов: {}",
                markdown::line(&self.worst_ru(10))
            );
        }
        out
    }

    /// «Итого: 98,5 из 143 баллов (68,9 %)»: the total as people read it.
    pub fn total_ru(&self) -> String {
        format!(
            "Итого: {} из {} ({})",
            russian::number(self.total),
            russian::of_points(self.max),
            russian::percent(self.percent)
        )
    }

    /// «Организация: … · период: …», or the part the input named; `None` when it named neither.
    pub fn school_line_ru(&self) -> Option<String> {
        let school = self.school.as_deref().filter(|s| !s.is_empty());
        let period = self.period.as_deref().filter(|s| !s.is_empty());
        match (school, period) {
            (Some(s), Some(p)) => Some(format!("Организация: {s} · период: {p}")),
            (Some(s), None) => Some(format!("Организация: {s}")),
            (None, Some(p)) => Some(format!("Период: {p}")),
            (None, None) => None,
        }
    }

    /// The level's Russian title after `separator`, or nothing when the methodology has no
    /// levels.
    pub fn level_ru(&self, separator: &str) -> String {
        self.level_title
            .as_deref()
            .map_or_else(String::new, |t| format!("{separator}{t}"))
    }

    /// The `n` indicators that lost most, as `1.1.4 (−3), …`.
    pub fn worst_ru(&self, n: usize) -> String {
        let worst: Vec<String> = self
            .deficits
            .indicators
            .iter()
            .take(n)
            .map(|d| format!("{} (−{})", d.id, russian::number(d.lost)))
            .collect();
        worst.join(", ")
    }
}
