//! A survey's figures as a self-contained HTML page: per period a table of questions × groups
//! with the respondents, the answered, the satisfied and their share (with a bar), the changes
//! between the two last periods, the open text counted — what `vsoko survey` prints as a table.
//! Every question, group, answer and column is escaped; the page carries the policy that forbids
//! scripts (see [`crate::output::html`]). Every number shown has a `data-k` key
//! (`satisfied_pct:PERIOD:QUESTION` and `…:GROUP` when grouped), so a test can compare what a
//! person sees with the figures' JSON.

use super::definition::Definition;
use super::figures::Figures;
use crate::output::html::{self, escape as esc};
use crate::output::russian;
use rust_decimal::Decimal;
use std::fmt::Write as _;

/// Page style: a readable width, ruled tables, the share's bar.
const STYLE: &str = "body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,'DejaVu Sans',sans-serif;margin:0;color:#1d2733;background:#f4f6f9}\
header{background:#1f4e79;color:#fff;padding:16px 24px}header h1{margin:0;font-size:1.35rem}.sub{margin:6px 0 0;opacity:.9}\
main{padding:14px 24px;display:grid;gap:14px}section{background:#fff;border-radius:10px;padding:12px 16px;box-shadow:0 1px 3px rgba(0,0,0,.08)}\
h2{font-size:1.05rem;margin:0 0 8px}table{border-collapse:collapse;width:100%;font-size:.88rem}\
td,th{padding:4px 8px;border-bottom:1px solid #e6e9ee;text-align:left;vertical-align:top}th{background:#f0f3f7;font-weight:600}\
.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}.qid{color:#1f5fa8;font-weight:600;white-space:nowrap}\
.answers{font-size:.78rem;color:#556}.share{display:flex;align-items:center;gap:8px;min-width:170px}\
.track{flex:1;height:10px;background:#edf0f3;border-radius:5px;overflow:hidden}.fill{height:10px;background:#2f6fb1}\
.up{color:#1b7f3b}.down{color:#b3261e}.note{font-size:.8rem;color:#667}";

/// The group as shown.
fn group_name(g: Option<&str>) -> &str {
    g.unwrap_or("все респонденты")
}

/// A key for a `data-k` attribute: the parts (and the group when there is one) joined by `:`,
/// escaped.
fn key(what: &str, period: Option<&str>, id: &str, group: Option<&str>) -> String {
    let mut parts = vec![what];
    parts.extend(period);
    parts.push(id);
    parts.extend(group);
    esc(&parts.join(":"))
}

/// A share as a bar and its value, or a dash.
fn share(k: &str, p: Option<Decimal>) -> String {
    match p {
        None => format!("<span data-k=\"{k}\">—</span>"),
        Some(p) => format!(
            "<div class=\"share\"><div class=\"track\"><div class=\"fill\" style=\"width:{}%\"></div></div><span class=\"num\"><span data-k=\"{k}\">{}</span>{}%</span></div>",
            p.clamp(Decimal::ZERO, Decimal::ONE_HUNDRED),
            russian::number(p),
            russian::NBSP
        ),
    }
}

/// The figures of a survey as a self-contained page (inline CSS, no scripts).
///
/// ```
/// use vsoko::survey::{Definition, Sheet, figures, html};
/// let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../fixtures/survey/parents.json")).unwrap();
/// let d = Definition::from_json(&text).unwrap();
/// let header: Vec<String> = d.questions.iter().map(|q| q.column.clone()).collect();
/// let row = |a: &str| (2, vec![a.to_string(), "Да".into(), "Да".into(), "3".into(), "Не пользовались".into()]);
/// let s = Sheet::read(&d, "весна", &header, vec![row("Да"), row("Нет")], None, "").unwrap();
/// let page = html(&d, &figures(&d, &[s]));
/// assert!(page.contains("<span data-k=\"satisfied_pct:весна:q1\">50,00</span>"));
/// assert!(page.contains(vsoko::output::html::CSP));
/// ```
pub fn html(d: &Definition, f: &Figures) -> String {
    let mut h = html::head(&d.title, STYLE);
    let mut periods: Vec<&str> = Vec::new();
    for q in &f.questions {
        if !periods.contains(&q.period.as_str()) {
            periods.push(&q.period);
        }
    }
    let _ = writeln!(
        h,
        "<header><h1>{}</h1><p class=\"sub\">Анкета «{}». Периоды: {}.</p></header><main>",
        esc(&d.title),
        esc(&d.id),
        esc(&periods.join(", "))
    );
    for period in &periods {
        table(&mut h, d, f, period);
    }
    if periods.is_empty() {
        h.push_str("<section><p class=\"note\">Ответов нет.</p></section>\n");
    }
    changes(&mut h, d, f);
    open_text(&mut h, f);
    h.push_str("</main>\n");
    h.push_str(html::END);
    h
}

/// The question's wording (its column), or its id.
fn wording<'a>(d: &'a Definition, id: &'a str) -> &'a str {
    d.questions
        .iter()
        .find(|x| x.id == id)
        .map_or(id, |x| x.column.as_str())
}

fn table(h: &mut String, d: &Definition, f: &Figures, period: &str) {
    let _ = writeln!(
        h,
        "<section><h2>Период {}</h2><table><tr><th>Вопрос</th><th>Группа</th><th class=\"num\">Респондентов</th><th class=\"num\">Ответили</th><th class=\"num\">Удовлетворены</th><th>Доля удовлетворённых</th><th>Ответы</th></tr>",
        esc(period)
    );
    let mut last: Option<&str> = None;
    for q in f.questions.iter().filter(|q| q.period == period) {
        let g = q.group.as_deref();
        let first = last != Some(q.id.as_str());
        last = Some(&q.id);
        let answers: Vec<String> = q
            .answers
            .0
            .iter()
            .filter(|(_, n)| *n > 0)
            .map(|(a, n)| format!("{} — {n}", esc(a)))
            .collect();
        let question = if first {
            format!(
                "<span class=\"qid\">{}</span> {}",
                esc(&q.id),
                esc(wording(d, &q.id))
            )
        } else {
            String::new()
        };
        let _ = writeln!(
            h,
            "<tr><td>{question}</td><td>{}</td><td class=\"num\" data-k=\"{}\">{}</td><td class=\"num\" data-k=\"{}\">{}</td><td class=\"num\" data-k=\"{}\">{}</td><td>{}</td><td class=\"answers\">{}</td></tr>",
            esc(group_name(g)),
            key("respondents", Some(period), &q.id, g),
            q.respondents,
            key("answered", Some(period), &q.id, g),
            q.answered,
            key("satisfied", Some(period), &q.id, g),
            q.satisfied,
            share(
                &key("satisfied_pct", Some(period), &q.id, g),
                q.satisfied_pct
            ),
            if answers.is_empty() {
                "—".to_string()
            } else {
                answers.join(", ")
            }
        );
    }
    h.push_str("</table></section>\n");
}

fn changes(h: &mut String, d: &Definition, f: &Figures) {
    if f.changes.is_empty() {
        return;
    }
    h.push_str("<section><h2>Изменение доли удовлетворённых</h2><table><tr><th>Вопрос</th><th>Группа</th><th class=\"num\">Было</th><th class=\"num\">Стало</th><th class=\"num\">Изменение, п. п.</th></tr>\n");
    for c in &f.changes {
        let g = c.group.as_deref();
        let (sign, class) = match c.delta.cmp(&Decimal::ZERO) {
            std::cmp::Ordering::Greater => ("+", "up"),
            std::cmp::Ordering::Less => ("", "down"),
            std::cmp::Ordering::Equal => ("", ""),
        };
        let _ = writeln!(
            h,
            "<tr><td><span class=\"qid\">{}</span> {}</td><td>{}</td><td class=\"num\" data-k=\"{}\">{}</td><td class=\"num\" data-k=\"{}\">{}</td><td class=\"num {class}\" data-k=\"{}\">{sign}{}</td></tr>",
            esc(&c.id),
            esc(wording(d, &c.id)),
            esc(group_name(g)),
            key("change_from", None, &c.id, g),
            russian::percent(Some(c.from)),
            key("change_to", None, &c.id, g),
            russian::percent(Some(c.to)),
            key("change", None, &c.id, g),
            russian::number(c.delta)
        );
    }
    h.push_str("</table></section>\n");
}

fn open_text(h: &mut String, f: &Figures) {
    if f.open_text.is_empty() {
        return;
    }
    h.push_str("<section><h2>Свободные ответы</h2><p class=\"note\">Считаются непустые ответы; в доли удовлетворённых они не входят.</p><table><tr><th>Столбец</th><th>Период</th><th class=\"num\">Ответов</th></tr>\n");
    for o in &f.open_text {
        for (period, n) in &o.answers.0 {
            let _ = writeln!(
                h,
                "<tr><td>{}</td><td>{}</td><td class=\"num\" data-k=\"{}\">{n}</td></tr>",
                esc(&o.column),
                esc(period),
                esc(&format!("open_text:{}:{period}", o.column))
            );
        }
    }
    h.push_str("</table></section>\n");
    if !f.unused_columns.is_empty() {
        let _ = writeln!(
            h,
            "<section><p class=\"note\">Не учтены столбцы: {}.</p></section>",
            esc(&f.unused_columns.join("; "))
        );
    }
}

#[cfg(test)]
mod tests {
    use super::html;
    use crate::survey::{Definition, Sheet, figures};

    const SCRIPT: &str = "<script>alert(1)</script>";

    #[test]
    fn the_page_escapes_answers_and_names_and_has_no_script() {
        let text = format!(
            r#"{{"format": "vsoko-survey", "format_version": 1, "id": "x{SCRIPT}", "title": "Анкета {SCRIPT}",
            "respondent": ["Класс"], "open_text": ["Предложения {SCRIPT}"],
            "questions": [{{"id": "q{SCRIPT}", "column": "Вопрос {SCRIPT}", "satisfied": ["Да {SCRIPT}"], "not_satisfied": ["Нет"]}}]}}"#
        );
        let d = Definition::from_json(&text).unwrap();
        let header: Vec<String> = vec![
            format!("Вопрос {SCRIPT}"),
            "Класс".into(),
            format!("Предложения {SCRIPT}"),
        ];
        let row = |a: &str| (2, vec![a.to_string(), format!("5{SCRIPT}"), SCRIPT.into()]);
        let spring = Sheet::read(
            &d,
            "весна",
            &header,
            vec![row(&format!("Да {SCRIPT}")), row("Нет")],
            Some("Класс"),
            "",
        )
        .unwrap();
        let autumn = Sheet::read(
            &d,
            &format!("осень{SCRIPT}"),
            &header,
            vec![row(&format!("Да {SCRIPT}"))],
            Some("Класс"),
            "",
        )
        .unwrap();
        let page = html(&d, &figures(&d, &[spring, autumn]));
        assert!(!page.contains("<script"), "{page}");
        assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assert!(page.contains(crate::output::html::CSP));
        assert!(page.contains(">50,00</span>"), "{page}");
    }
}
