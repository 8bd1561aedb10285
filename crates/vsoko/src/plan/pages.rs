//! The plan's views as documents: Markdown and a printable self-contained HTML page for the
//! cyclogram, one person's agenda and what is due. Every piece of plan text is escaped (see
//! [`crate::output`]); the pages carry a policy that forbids scripts.

use super::completion::Completion;
use super::model::PlanItem;
use super::views::{Agenda, Cyclogram, Due};
use crate::output::{html, markdown};
use std::fmt::Write as _;

/// Page style: A4 landscape, small type, ruled tables.
const STYLE: &str = "@page { size: A4 landscape; margin: 10mm; }\n\
     body { font-family: sans-serif; font-size: 9pt; margin: 0; }\n\
     h1 { font-size: 13pt; } h2 { font-size: 11pt; }\n\
     table { border-collapse: collapse; width: 100%; table-layout: fixed; }\n\
     th, td { border: 1px solid #888; padding: 2px 3px; vertical-align: top; white-space: pre-line; }\n\
     th { background: #e8eef6; }\n\
     th.row { text-align: left; width: 14%; }\n\
     ul { margin: 0; padding-left: 1em; }\n";

/// The heading of the list columns (agenda, due).
const ITEM_COLUMNS: [&str; 5] = ["№", "Срок", "Содержание", "Ответственные", "Результат"];

impl Cyclogram {
    fn title(&self) -> String {
        format!("Циклограмма ВСОКО на {} учебный год", self.academic_year)
    }

    /// Markdown: one table, items in a cell separated by `<br>`.
    ///
    /// ```
    /// let plan = vsoko::plan::template("cyclogram-2023", "2024/25".parse().unwrap()).unwrap();
    /// assert!(plan.cyclogram().to_markdown().starts_with("## Циклограмма ВСОКО на 2024/25 учебный год"));
    /// ```
    pub fn to_markdown(&self) -> String {
        let mut out = format!("## {}\n\n", markdown::line(&self.title()));
        for (i, row) in self.grid().iter().enumerate() {
            let cells: Vec<String> = row.iter().map(|c| markdown::cell(c)).collect();
            let _ = writeln!(out, "| {} |", cells.join(" | "));
            if i == 0 {
                let _ = writeln!(out, "|{}", "---|".repeat(row.len()));
            }
        }
        out
    }

    /// A self-contained HTML page (inline CSS, no scripts, printable on A4 landscape).
    pub fn to_html(&self) -> String {
        let title = self.title();
        let mut out = html::head(&title, STYLE);
        let _ = write!(
            out,
            "<h1>{}</h1>\n<table>\n<tr><th class=\"row\">Механизм / объект</th>",
            html::escape(&title)
        );
        for c in &self.columns_ru {
            let _ = write!(out, "<th>{}</th>", html::escape(c));
        }
        out.push_str("</tr>\n");
        for r in &self.rows {
            let _ = write!(out, "<tr><th class=\"row\">{}</th>", html::escape(&r.label));
            for cell in &r.cells {
                out.push_str("<td>");
                if !cell.is_empty() {
                    out.push_str("<ul>");
                    for e in cell {
                        let _ = write!(out, "<li>{}</li>", html::escape(e));
                    }
                    out.push_str("</ul>");
                }
                out.push_str("</td>");
            }
            out.push_str("</tr>\n");
        }
        out.push_str("</table>\n");
        out.push_str(html::END);
        out
    }
}

fn item_cells(i: &PlanItem) -> [String; 5] {
    [
        i.id.clone(),
        i.when.clone(),
        i.content.clone(),
        i.responsible.join("; "),
        i.result.clone().unwrap_or_default(),
    ]
}

fn items_markdown(out: &mut String, title: &str, items: &[PlanItem]) {
    let _ = writeln!(out, "## {}\n", markdown::line(title));
    if items.is_empty() {
        out.push_str("Пунктов нет.\n");
        return;
    }
    let _ = writeln!(
        out,
        "| {} |\n|---|---|---|---|---|",
        ITEM_COLUMNS.join(" | ")
    );
    for i in items {
        let cells: Vec<String> = item_cells(i).iter().map(|c| markdown::cell(c)).collect();
        let _ = writeln!(out, "| {} |", cells.join(" | "));
    }
}

fn items_html(out: &mut String, title: &str, items: &[PlanItem]) {
    let _ = writeln!(out, "<h2>{}</h2>", html::escape(title));
    if items.is_empty() {
        out.push_str("<p>Пунктов нет.</p>\n");
        return;
    }
    out.push_str("<table>\n<tr>");
    for c in ITEM_COLUMNS {
        let _ = write!(out, "<th>{c}</th>");
    }
    out.push_str("</tr>\n");
    for i in items {
        out.push_str("<tr>");
        for c in item_cells(i) {
            let _ = write!(out, "<td>{}</td>", html::escape(&c));
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</table>\n");
}

impl Agenda {
    fn title(&self) -> String {
        format!("План работы: {}", self.responsible)
    }

    /// Markdown: the person's items as a table.
    ///
    /// ```
    /// let plan = vsoko::plan::template("cyclogram-2023", "2024/25".parse().unwrap()).unwrap();
    /// let md = plan.agenda("<script>").to_markdown();
    /// assert!(md.starts_with("## План работы: &lt;script&gt;") && md.contains("Пунктов нет."));
    /// ```
    pub fn to_markdown(&self) -> String {
        let mut out = String::new();
        items_markdown(&mut out, &self.title(), &self.items);
        out
    }

    /// A self-contained HTML page of the person's items.
    pub fn to_html(&self) -> String {
        let title = self.title();
        let mut out = html::head(&title, STYLE);
        let _ = writeln!(out, "<h1>{}</h1>", html::escape(&title));
        items_html(&mut out, "Пункты плана", &self.items);
        out.push_str(html::END);
        out
    }
}

impl Due {
    fn sections(&self) -> [(String, &[PlanItem]); 2] {
        [
            (
                format!("К выполнению в месяце {}", self.as_of),
                self.due.as_slice(),
            ),
            ("Просрочено".to_string(), self.overdue.as_slice()),
        ]
    }

    /// Markdown: what is due in the month, then what is overdue.
    pub fn to_markdown(&self) -> String {
        let mut out = String::new();
        for (i, (title, items)) in self.sections().iter().enumerate() {
            if i > 0 {
                out.push('\n');
            }
            items_markdown(&mut out, title, items);
        }
        out
    }

    /// A self-contained HTML page: what is due in the month, then what is overdue.
    pub fn to_html(&self) -> String {
        let title = format!("План ВСОКО: сроки на {}", self.as_of);
        let mut out = html::head(&title, STYLE);
        let _ = writeln!(out, "<h1>{}</h1>", html::escape(&title));
        for (t, items) in &self.sections() {
            items_html(&mut out, t, items);
        }
        out.push_str(html::END);
        out
    }
}

impl Completion {
    fn title(&self) -> String {
        match self.as_of {
            Some(d) => format!(
                "Выполнение плана ВСОКО на {} учебный год на {:02}.{:02}.{}",
                self.academic_year,
                d.day(),
                d.month(),
                d.year()
            ),
            None => format!(
                "Выполнение плана ВСОКО на {} учебный год",
                self.academic_year
            ),
        }
    }

    /// The share tables: (title, first column, rows of (label, due, done, %)).
    fn tables(&self) -> Vec<(&'static str, &'static str, Vec<[String; 4]>)> {
        let row = |label: String, due: usize, done: usize, pct: String| {
            [label, due.to_string(), done.to_string(), pct]
        };
        let months = self
            .months
            .iter()
            .map(|m| {
                let label = m.month.parse::<crate::calendar::YearMonth>().map_or_else(
                    |_| m.month.clone(),
                    |ym| format!("{} {}", ym.name_ru(), ym.year()),
                );
                row(label, m.due, m.done, percent(m.pct))
            })
            .collect();
        let objects = self
            .objects
            .iter()
            .map(|o| row(o.object_ru.clone(), o.due, o.done, percent(o.pct)))
            .collect();
        let people = self
            .responsible
            .iter()
            .map(|r| row(r.responsible.clone(), r.due, r.done, percent(r.pct)))
            .collect();
        vec![
            ("По месяцам", "Месяц", months),
            ("По объектам оценки", "Объект", objects),
            ("По ответственным", "Ответственный", people),
        ]
    }

    fn summary(&self) -> String {
        let t = &self.total;
        format!(
            "Пунктов к сроку: {}; выполнено: {}{}; отмечено как невыполненные: {}.",
            t.due,
            t.done,
            t.pct
                .map_or_else(String::new, |p| format!(" ({})", percent(p))),
            t.not_done
        )
    }

    /// Markdown: the summary, the shares by month, object and responsible, then the overdue
    /// items.
    ///
    /// ```
    /// let plan = vsoko::plan::template("cyclogram-2023", "2024/25".parse().unwrap()).unwrap();
    /// let md = plan.completion(None).to_markdown();
    /// assert!(md.starts_with("## Выполнение плана ВСОКО на 2024/25 учебный год"));
    /// assert!(md.contains("| Месяц | Пунктов | Выполнено | % |"));
    /// ```
    pub fn to_markdown(&self) -> String {
        let mut out = format!(
            "## {}\n\n{}\n",
            markdown::line(&self.title()),
            self.summary()
        );
        for (title, first, rows) in self.tables() {
            let _ = writeln!(out, "\n### {title}\n");
            if rows.is_empty() {
                out.push_str("Пунктов нет.\n");
                continue;
            }
            let _ = writeln!(
                out,
                "| {first} | Пунктов | Выполнено | % |\n|---|---|---|---|"
            );
            for r in rows {
                let cells: Vec<String> = r.iter().map(|c| markdown::cell(c)).collect();
                let _ = writeln!(out, "| {} |", cells.join(" | "));
            }
        }
        if self.as_of.is_some() {
            out.push('\n');
            items_markdown(&mut out, "Просрочено и не отмечено", &self.overdue);
        }
        out
    }

    /// A self-contained HTML page of the same.
    pub fn to_html(&self) -> String {
        let title = self.title();
        let mut out = html::head(&title, STYLE);
        let _ = writeln!(
            out,
            "<h1>{}</h1>\n<p>{}</p>",
            html::escape(&title),
            html::escape(&self.summary())
        );
        for (title, first, rows) in self.tables() {
            let _ = writeln!(out, "<h2>{title}</h2>");
            if rows.is_empty() {
                out.push_str("<p>Пунктов нет.</p>\n");
                continue;
            }
            let _ = writeln!(
                out,
                "<table>\n<tr><th>{first}</th><th>Пунктов</th><th>Выполнено</th><th>%</th></tr>"
            );
            for r in rows {
                out.push_str("<tr>");
                for c in r {
                    let _ = write!(out, "<td>{}</td>", html::escape(&c));
                }
                out.push_str("</tr>\n");
            }
            out.push_str("</table>\n");
        }
        if self.as_of.is_some() {
            items_html(&mut out, "Просрочено и не отмечено", &self.overdue);
        }
        out.push_str(html::END);
        out
    }
}

/// A share as people read it: `66,67 %`.
fn percent(p: rust_decimal::Decimal) -> String {
    crate::output::russian::percent(Some(p))
}
