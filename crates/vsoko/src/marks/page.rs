//! The marks report as a self-contained HTML page: per period and subject, the classes with
//! bars of успеваемость and качество знаний; the changes from one period to the next with the
//! falls of quality marked; each class's individual account. Inline CSS and SVG, no script, no
//! request; every name is escaped (see [`crate::output::html`]).

use super::dataset::MarksReport;
use super::figures::Figures;
use super::period::Period;
use crate::output::html::{self, escape as esc};
use crate::output::russian;
use rust_decimal::Decimal;
use std::fmt::Write as _;

const TITLE: &str = "Успеваемость и качество знаний";

const STYLE: &str = "body{font-family:sans-serif;margin:1.5em;max-width:1150px}table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #bbb;padding:3px 7px;font-size:10pt;text-align:right}th{background:#eef;text-align:center}td.t{text-align:left}.fell{color:#a00;font-weight:bold}.legend span{display:inline-block;width:12px;height:12px;margin:0 4px 0 12px;vertical-align:middle}h2{font-size:14pt;margin-top:1.6em}h3{font-size:12pt}ul{margin:.2em 0}";

const SUCCESS: &str = "#5b8def";
const QUALITY: &str = "#5cb85c";

fn opt(d: Option<Decimal>) -> String {
    d.map_or_else(|| "—".into(), russian::number)
}

fn period_ru(id: &'static str) -> &'static str {
    Period::parse(id).map_or(id, Period::ru)
}

/// A percentage as a bar of 100 px (and its value), or a dash.
fn bar(p: Option<Decimal>, colour: &str) -> String {
    match p {
        None => "—".into(),
        Some(p) => format!(
            "<svg width=\"100\" height=\"10\" role=\"img\" aria-label=\"{0}\"><rect width=\"100\" height=\"10\" fill=\"#eee\"/><rect width=\"{1}\" height=\"10\" fill=\"{colour}\"/></svg> {0}",
            russian::number(p),
            p.clamp(Decimal::ZERO, Decimal::ONE_HUNDRED)
        ),
    }
}

fn figures_cells(out: &mut String, f: &Figures) {
    let c = &f.counts;
    let _ = write!(
        out,
        "<td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td class=\"t\">{}</td><td class=\"t\">{}</td><td>{}</td><td>{}</td>",
        c.pupils,
        c.n5,
        c.n4,
        c.n3,
        c.n2,
        c.na,
        bar(f.success_pct, SUCCESS),
        bar(f.quality_pct, QUALITY),
        opt(f.sou_pct),
        opt(f.mean)
    );
}

const FIGURES_HEAD: &str = "<th>Учеников</th><th>«5»</th><th>«4»</th><th>«3»</th><th>«2»</th><th>н/а</th><th>Успеваемость, %</th><th>Качество знаний, %</th><th>СОУ, %</th><th>Средний балл</th>";

impl MarksReport {
    /// A self-contained HTML page of the report (inline CSS and SVG, no scripts).
    ///
    /// ```
    /// use vsoko::marks::{Columns, Dataset};
    /// let c = Columns::from_header(&["Класс", "ФИО", "Предмет", "Период", "Отметка"]).unwrap();
    /// let mut d = Dataset::new();
    /// d.add(&c, "", 2, &["7<b>Б", "Иванов", "Алгебра", "I четверть", "5"]);
    /// d.add(&c, "", 3, &["7<b>Б", "Петров", "Алгебра", "I четверть", "3"]);
    /// let page = d.finish().to_html();
    /// assert!(page.contains("7&lt;b&gt;Б") && !page.contains("<b>Б"));
    /// assert!(page.contains("<rect width=\"50.00\" height=\"10\" fill=\"#5cb85c\"/></svg> 50,00"));
    /// assert!(page.contains(vsoko::output::html::CSP) && !page.contains("<script"));
    /// ```
    pub fn to_html(&self) -> String {
        let mut out = html::head(TITLE, STYLE);
        let _ = writeln!(
            out,
            "<h1>{TITLE}</h1>\n<p>Успеваемость = («5» + «4» + «3») × 100 / N; качество знаний = («5» + «4») × 100 / N; СОУ = (100·«5» + 64·«4» + 36·«3» + 16·«2» + 7·н/а) / N; N — ученики без освобождённых и не получивших отметку.</p>\n<p class=\"legend\"><span style=\"background:{SUCCESS}\"></span>успеваемость<span style=\"background:{QUALITY}\"></span>качество знаний</p>"
        );
        self.groups_html(&mut out);
        self.changes_html(&mut out);
        self.accounts_html(&mut out);
        out.push_str(html::END);
        out
    }

    /// Per period and subject, the classes side by side.
    fn groups_html(&self, out: &mut String) {
        let mut periods: Vec<&str> = Vec::new();
        for g in &self.groups {
            if !periods.contains(&g.period) {
                periods.push(g.period);
            }
        }
        for period in periods {
            let _ = writeln!(out, "<h2>{}</h2>", esc(period_ru(period)));
            let mut subjects: Vec<(Option<&str>, &str)> = Vec::new();
            for g in self.groups.iter().filter(|g| g.period == period) {
                let key = (g.school.as_deref(), g.subject.as_str());
                if !subjects.contains(&key) {
                    subjects.push(key);
                }
            }
            for (school, subject) in subjects {
                let _ = writeln!(
                    out,
                    "<h3>{}{}</h3>\n<table><tr><th>Класс</th><th>Учитель</th>{FIGURES_HEAD}</tr>",
                    school.map_or(String::new(), |s| format!("{} · ", esc(s))),
                    esc(subject)
                );
                for g in self.groups.iter().filter(|g| {
                    g.period == period && g.school.as_deref() == school && g.subject == subject
                }) {
                    let _ = write!(
                        out,
                        "<tr><td class=\"t\">{}</td><td class=\"t\">{}</td>",
                        esc(&g.class),
                        esc(g.teacher.as_deref().unwrap_or("—"))
                    );
                    figures_cells(out, &g.figures);
                    out.push_str("</tr>\n");
                }
                if let Some(s) = self.subjects.iter().find(|s| {
                    s.period == period && s.school.as_deref() == school && s.subject == subject
                }) {
                    out.push_str("<tr><th colspan=\"2\">По школе</th>");
                    figures_cells(out, &s.figures);
                    out.push_str("</tr>\n");
                }
                out.push_str("</table>\n");
            }
        }
    }

    fn changes_html(&self, out: &mut String) {
        if self.changes.is_empty() {
            return;
        }
        out.push_str("<h2>Изменения от периода к периоду, п. п.</h2>\n<table><tr><th>Класс</th><th>Предмет</th><th>Периоды</th><th>Успеваемость</th><th>Качество знаний</th><th>СОУ</th><th>Средний балл</th></tr>\n");
        let signed = |d: Option<Decimal>| match d {
            None => "—".to_string(),
            Some(d) if d.is_sign_negative() && !d.is_zero() => {
                format!("−{}", russian::number(-d))
            }
            Some(d) => format!("+{}", russian::number(d)),
        };
        for c in &self.changes {
            let place = format!("{} {}", c.class, c.subject);
            let periods = format!("from {} to {}", c.from, c.to);
            let fell = self.findings.iter().any(|f| {
                f.code == "quality_fell"
                    && f.place.field.as_deref() == Some(place.as_str())
                    && f.message.contains(&periods)
            });
            let _ = writeln!(
                out,
                "<tr><td class=\"t\">{}</td><td class=\"t\">{}</td><td class=\"t\">{} → {}</td><td>{}</td><td{}>{}</td><td>{}</td><td>{}</td></tr>",
                esc(&c.class),
                esc(&c.subject),
                esc(period_ru(c.from)),
                esc(period_ru(c.to)),
                signed(c.success_pct),
                if fell { " class=\"fell\"" } else { "" },
                signed(c.quality_pct),
                signed(c.sou_pct),
                signed(c.mean)
            );
        }
        out.push_str("</table>\n");
    }

    fn accounts_html(&self, out: &mut String) {
        if self.classes.is_empty() {
            return;
        }
        out.push_str("<h2>Индивидуальный учёт</h2>\n");
        let names = |v: &[String]| {
            if v.is_empty() {
                "—".to_string()
            } else {
                v.iter().map(|n| esc(n)).collect::<Vec<_>>().join(", ")
            }
        };
        for c in &self.classes {
            let _ = writeln!(
                out,
                "<h3>{}{}, {}: качество по ученикам {}</h3>\n<ul><li>отличники: {}</li><li>хорошисты: {}</li><li>с одной «4»: {}</li><li>с одной «3»: {}</li><li>неуспевающие: {}</li></ul>",
                c.school
                    .as_deref()
                    .map_or(String::new(), |s| format!("{} · ", esc(s))),
                esc(&c.class),
                esc(period_ru(c.period)),
                russian::percent(c.quality_by_pupils_pct),
                names(&c.excellent),
                names(&c.good),
                one(&c.one_four),
                one(&c.one_three),
                if c.failing.is_empty() {
                    "—".to_string()
                } else {
                    c.failing
                        .iter()
                        .map(|f| format!("{} ({})", esc(&f.pupil), esc(&f.subjects.join(", "))))
                        .collect::<Vec<_>>()
                        .join("; ")
                }
            );
        }
    }
}

fn one(v: &[super::account::OneMark]) -> String {
    if v.is_empty() {
        "—".into()
    } else {
        v.iter()
            .map(|o| format!("{} ({})", esc(&o.pupil), esc(&o.subject)))
            .collect::<Vec<_>>()
            .join(", ")
    }
}
