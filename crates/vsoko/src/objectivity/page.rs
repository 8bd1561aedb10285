//! The objectivity result as a self-contained HTML page: the index, the municipalities, the
//! flags, and per group a stacked bar of «понизили / подтвердили / повысили» (inline SVG, no
//! scripts). Every school, municipality, procedure and subject is escaped; the page carries the
//! policy that forbids scripts (see [`crate::output::html`]).

use super::signs::Objectivity;
use crate::output::html::{self, escape as esc};
use crate::output::russian::{self, SCHOOLS, count};
use rust_decimal::Decimal;
use std::fmt::Write as _;

/// The page's title and heading.
const TITLE: &str = "Объективность оценивания";

/// Page style: a readable width, ruled tables, flags in red, the legend's swatches.
const STYLE: &str = "body{font-family:sans-serif;margin:1.5em;max-width:1100px}table{border-collapse:collapse;width:100%}td,th{border:1px solid #bbb;padding:3px 6px;font-size:10pt;text-align:left}th{background:#eef}.flag{color:#a00}.legend span{display:inline-block;width:12px;height:12px;margin:0 4px 0 12px;vertical-align:middle}";

/// A share or a statistic, or a dash when there is none.
fn opt(d: Option<Decimal>) -> String {
    d.map_or_else(|| "—".into(), russian::number)
}

impl Objectivity {
    /// A self-contained HTML page of the result (inline CSS and SVG, no scripts).
    ///
    /// ```
    /// let empty = vsoko::objectivity::combine(Vec::new(), Default::default());
    /// let page = empty.to_html();
    /// assert!(page.contains("Индекс объективности: <b>—</b> — 0 школ"));
    /// assert!(page.contains(vsoko::output::html::CSP));
    /// ```
    pub fn to_html(&self) -> String {
        let mut out = html::head(TITLE, STYLE);
        let _ = write!(
            out,
            "<h1>{TITLE}</h1>\n<p>Индекс объективности: <b>{}</b> — {}, из них с признаками необъективности: {}</p>\n",
            opt(self.summary.objectivity_index),
            count(
                usize::try_from(self.summary.schools).unwrap_or(usize::MAX),
                SCHOOLS
            ),
            self.summary.flagged_schools
        );
        self.municipalities_html(&mut out);
        self.flags_html(&mut out);
        self.groups_html(&mut out);
        out.push_str(html::END);
        out
    }

    fn municipalities_html(&self, out: &mut String) {
        out.push_str("<h2>Муниципалитеты</h2>\n<table><tr><th>Муниципалитет</th><th>Школ</th><th>С признаками</th><th>Индекс</th></tr>\n");
        for m in &self.municipalities {
            let _ = writeln!(
                out,
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                esc(&m.municipality),
                m.schools,
                m.flagged_schools,
                opt(m.objectivity_index)
            );
        }
        out.push_str("</table>\n");
    }

    fn flags_html(&self, out: &mut String) {
        out.push_str("<h2>Признаки необъективности</h2>\n<table><tr><th>Школа</th><th>Признак</th><th>Процедура</th><th>Подробности</th></tr>\n");
        for f in &self.flags {
            let _ = writeln!(
                out,
                "<tr class=\"flag\"><td>{}</td><td>{}</td><td>{} {} {} кл. {}</td><td>{}</td></tr>",
                esc(&f.school),
                f.sign.ru(),
                esc(&f.procedure),
                esc(&f.subject),
                f.grade,
                f.year,
                esc(&f.message_ru)
            );
        }
        out.push_str("</table>\n");
    }

    fn groups_html(&self, out: &mut String) {
        out.push_str("<h2>Сравнение отметок с отметками по журналу</h2>\n<p class=\"legend\"><span style=\"background:#d9534f\"></span>понизили<span style=\"background:#5cb85c\"></span>подтвердили<span style=\"background:#5b8def\"></span>повысили</p>\n<table><tr><th>Школа</th><th>Процедура</th><th>Сравнено</th><th>Понизили / подтвердили / повысили</th><th>Средний балл</th><th>Спирмен</th></tr>\n");
        for g in &self.groups {
            // The bar is 300 px wide: 3 px per percent.
            let width = |p: Option<Decimal>| p.unwrap_or_default() * Decimal::from(3);
            let (l, c, h) = (
                width(g.lowered_pct),
                width(g.confirmed_pct),
                width(g.raised_pct),
            );
            let shares = format!(
                "{} / {} / {}",
                opt(g.lowered_pct),
                opt(g.confirmed_pct),
                opt(g.raised_pct)
            );
            let _ = writeln!(
                out,
                "<tr><td>{}</td><td>{} {} {} кл. {}</td><td>{}</td><td><svg width=\"300\" height=\"14\" role=\"img\" aria-label=\"{shares}\"><rect x=\"0\" width=\"{l}\" height=\"14\" fill=\"#d9534f\"/><rect x=\"{l}\" width=\"{c}\" height=\"14\" fill=\"#5cb85c\"/><rect x=\"{}\" width=\"{h}\" height=\"14\" fill=\"#5b8def\"/></svg> {shares}</td><td>{}</td><td>{}</td></tr>",
                esc(&g.school),
                esc(&g.procedure),
                esc(&g.subject),
                g.grade,
                g.year,
                g.compared,
                l + c,
                opt(g.mean_score),
                opt(g.spearman)
            );
        }
        out.push_str("</table>\n");
    }
}

#[cfg(test)]
mod tests {
    use super::super::analysis::{Analysis, ObjectivityOptions};
    use super::super::pupil::Pupil;
    use super::super::signs::combine;
    use rust_decimal::Decimal;

    const SCRIPT: &str = "<script>alert(1)</script>";

    fn pupil(n: u32, mark: u8, journal: u8) -> Pupil {
        Pupil {
            school: format!("Школа {SCRIPT}"),
            municipality: Some(format!("Район {SCRIPT}")),
            year: 2024,
            procedure: format!("ВПР {SCRIPT}"),
            subject: format!("Математика {SCRIPT}"),
            grade: 5,
            class: Some(format!("5{SCRIPT}")),
            pupil: format!("{n} {SCRIPT}"),
            score: Some(Decimal::from(mark) * Decimal::from(4)),
            max_score: Decimal::from(20),
            mark: Some(mark),
            journal_mark: Some(journal),
        }
    }

    #[test]
    fn the_page_escapes_every_name_and_forbids_scripts() {
        let mut a = Analysis::new();
        for (n, (mark, journal)) in [(2, 4), (3, 3), (4, 3), (5, 5)].into_iter().enumerate() {
            a.add(&pupil(u32::try_from(n).unwrap(), mark, journal))
                .unwrap();
        }
        let options = ObjectivityOptions::default();
        let page = combine(a.summaries(options), options).to_html();
        assert!(!page.contains("<script"), "{page}");
        for name in ["Школа", "Район", "ВПР", "Математика"] {
            assert!(
                page.contains(&format!("{name} &lt;script&gt;alert(1)&lt;/script&gt;")),
                "{name}: {page}"
            );
        }
        assert!(page.contains(crate::output::html::CSP));
        assert!(page.contains("— 1 школа, из них"), "{page}");
        assert!(page.contains("25,00 / 50,00 / 25,00"), "{page}");
        assert!(page.ends_with("</html>\n"));
    }
}
