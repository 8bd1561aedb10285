//! The report by task as a self-contained HTML page: per work a heat map of tasks × the school,
//! its classes and all schools, coloured by completion; the marks as a stacked bar; the weak
//! tasks; ЕГЭ and the medallists. Inline CSS and SVG, no script, no request; every name is
//! escaped (see [`crate::output::html`]).

use super::report::{TasksReport, WorkView};
use crate::output::html::{self, escape as esc};
use crate::output::russian;
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use std::fmt::Write as _;

const TITLE: &str = "Результаты по заданиям";

const STYLE: &str = "body{font-family:sans-serif;margin:1.5em;max-width:1100px}table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #bbb;padding:3px 8px;font-size:10pt;text-align:right}th{background:#eef;text-align:center}td.t{text-align:left}.weak{color:#a00}.legend span{display:inline-block;width:12px;height:12px;margin:0 4px 0 12px;vertical-align:middle}h2{font-size:13pt;margin-top:1.5em}";

/// The marks' colours: 2, 3, 4, 5.
const MARK_COLOURS: [&str; 4] = ["#d9534f", "#f0ad4e", "#5bc0de", "#5cb85c"];

fn opt(d: Option<Decimal>) -> String {
    d.map_or_else(|| "—".into(), russian::number)
}

/// A cell's background by completion: red at 0 %, yellow at 50 %, green at 100 %.
fn heat(completion: Option<Decimal>) -> String {
    match completion {
        None => "background:#f4f4f4".into(),
        Some(c) => {
            let hue = (c * Decimal::new(12, 1))
                .round()
                .to_u32()
                .unwrap_or(0)
                .min(120);
            format!("background:hsl({hue},70%,80%)")
        }
    }
}

impl TasksReport {
    /// A self-contained HTML page of the report (inline CSS and SVG, no scripts).
    ///
    /// ```
    /// use vsoko::tasks::{Results, ResultsColumns, TasksOptions};
    /// let header = ["school", "year", "procedure", "subject", "grade", "class", "pupil", "1 (2б)", "mark"];
    /// let c = ResultsColumns::from_header(&header, Default::default()).unwrap();
    /// let mut r = Results::new();
    /// r.add(&c, "", 2, &["<b>Школа</b>", "2025", "ВПР", "Математика", "5", "5А", "p1", "1", "3"]);
    /// let page = r.finish(&TasksOptions::default()).to_html();
    /// assert!(page.contains("&lt;b&gt;Школа&lt;/b&gt; · ВПР · Математика · 5 класс · 2025"));
    /// assert!(page.contains("hsl(60,70%,80%)")); // 50 %: yellow
    /// assert!(page.contains(vsoko::output::html::CSP) && !page.contains("<script"));
    /// ```
    pub fn to_html(&self) -> String {
        let mut out = html::head(TITLE, STYLE);
        let _ = writeln!(
            out,
            "<h1>{TITLE}</h1>\n<p>Выполнение задания, % = баллы за задание × 100 / (максимальный балл × число участников). Слабые задания — выполненные менее чем на {} % (порог школы, не федеральная норма).</p>\n<p class=\"legend\">Отметки:<span style=\"background:{}\"></span>«2»<span style=\"background:{}\"></span>«3»<span style=\"background:{}\"></span>«4»<span style=\"background:{}\"></span>«5»</p>",
            russian::number(self.weak_below),
            MARK_COLOURS[0],
            MARK_COLOURS[1],
            MARK_COLOURS[2],
            MARK_COLOURS[3],
        );
        for w in self.works() {
            work_html(&mut out, &w);
        }
        self.ege_html(&mut out);
        out.push_str(html::END);
        out
    }

    fn ege_html(&self, out: &mut String) {
        if self.ege.is_empty() {
            return;
        }
        out.push_str("<h2>ЕГЭ</h2>\n<table><tr><th>Школа</th><th>Предмет</th><th>Год</th><th>Участников</th><th>Средний тестовый балл</th><th>Минимальный балл</th><th>Ниже минимума, %</th><th>70 и выше, %</th><th>80 и выше, %</th><th>100 баллов</th></tr>\n");
        for e in &self.ege {
            let _ = writeln!(
                out,
                "<tr><td class=\"t\">{}</td><td class=\"t\">{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                esc(e.school.as_deref().unwrap_or("—")),
                esc(&e.subject),
                e.year,
                e.participants,
                opt(e.mean_test_score),
                e.min_score.map_or_else(|| "—".into(), |m| m.to_string()),
                opt(e.below_min_pct),
                opt(e.at_70_pct),
                opt(e.at_80_pct),
                e.at_100.map_or_else(|| "—".into(), |n| n.to_string()),
            );
        }
        out.push_str("</table>\n");
        if !self.medallists.is_empty() {
            out.push_str("<h2>Медалисты с результатом ниже 70 баллов</h2>\n<table><tr><th>Школа</th><th>Выпускник</th><th>Предмет</th><th>Тестовый балл</th></tr>\n");
            for m in &self.medallists {
                let _ = writeln!(
                    out,
                    "<tr><td class=\"t\">{}</td><td class=\"t\">{}</td><td class=\"t\">{}</td><td>{}</td></tr>",
                    esc(m.school.as_deref().unwrap_or("—")),
                    esc(&m.pupil),
                    esc(&m.subject),
                    m.test_score
                );
            }
            out.push_str("</table>\n");
        }
    }
}

/// One work: the heading, the heat map, the weak tasks and the marks.
fn work_html(out: &mut String, w: &WorkView<'_>) {
    let n = &w.name;
    let _ = writeln!(
        out,
        "<h2>{}{} · {} · {} класс · {}</h2>",
        n.school.map_or(String::new(), |s| format!("{} · ", esc(s))),
        esc(n.procedure),
        esc(n.subject),
        n.grade,
        n.year
    );
    if !w.tasks.is_empty() {
        out.push_str(
            "<table><tr><th>Задание</th><th>Макс. балл</th><th>Участников</th><th>ОО, %</th>",
        );
        for c in &w.classes {
            let _ = write!(out, "<th>{}, %</th>", esc(c));
        }
        out.push_str("<th>Все ОО, %</th></tr>\n");
        for (t, classes) in &w.tasks {
            let _ = write!(
                out,
                "<tr><td class=\"t\">{}</td><td>{}</td><td>{}</td><td style=\"{}\">{}</td>",
                esc(&t.task),
                t.max,
                t.participants,
                heat(t.completion_pct),
                opt(t.completion_pct)
            );
            for c in classes {
                let v = c.and_then(|c| c.completion_pct);
                let _ = write!(out, "<td style=\"{}\">{}</td>", heat(v), opt(v));
            }
            let _ = writeln!(
                out,
                "<td style=\"{}\">{}</td></tr>",
                heat(t.region_completion_pct),
                opt(t.region_completion_pct)
            );
        }
        out.push_str("</table>\n");
        if w.weak.is_empty() {
            out.push_str("<p>Слабых заданий нет.</p>\n");
        } else {
            out.push_str("<p class=\"weak\">Слабые задания: ");
            let list: Vec<String> = w
                .weak
                .iter()
                .map(|t| {
                    let d = t
                        .description
                        .as_deref()
                        .map_or(String::new(), |d| format!(", {}", esc(d)));
                    format!(
                        "{} ({}{d})",
                        esc(&t.task),
                        russian::percent(t.completion_pct)
                    )
                })
                .collect();
            out.push_str(&list.join("; "));
            out.push_str("</p>\n");
        }
    }
    if let Some(m) = w.marks {
        // 300 px for 100 %.
        let pcts = [m.pct.n2.0, m.pct.n3.0, m.pct.n4.0, m.pct.n5.0];
        let counts = [m.counts.n2, m.counts.n3, m.counts.n4, m.counts.n5];
        let label: Vec<String> = ["2", "3", "4", "5"]
            .iter()
            .zip(counts)
            .zip(pcts)
            .map(|((k, n), p)| format!("«{k}» — {n} ({})", russian::percent(p)))
            .collect();
        let label = label.join(", ");
        let _ = write!(
            out,
            "<p>Отметки ({} с отметкой): <svg width=\"300\" height=\"14\" role=\"img\" aria-label=\"{label}\">",
            m.participants
        );
        let mut x = Decimal::ZERO;
        for (p, colour) in pcts.iter().zip(MARK_COLOURS) {
            let width = p.unwrap_or_default() * Decimal::from(3);
            let _ = write!(
                out,
                "<rect x=\"{x}\" width=\"{width}\" height=\"14\" fill=\"{colour}\"/>"
            );
            x += width;
        }
        let _ = writeln!(out, "</svg> {label}</p>");
    }
}
