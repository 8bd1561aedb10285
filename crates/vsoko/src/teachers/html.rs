//! The register as of a day as a self-contained HTML page: the table of teachers (overdue rows
//! and dates in red), the due list of the academic year by month, the shares, the plan's targets
//! — what `vsoko teachers` prints as a table. Every name is escaped; the page carries the policy
//! that forbids scripts (see [`crate::output::html`]). Every number and date shown has a `data-k`
//! key, so a test can compare what a person sees with the status's JSON.

use super::rules::Rules;
use super::status::{Kind, Status};
use crate::calendar::{Date, YearMonth};
use crate::output::html::{self, escape as esc};
use crate::output::russian::{self, TEACHERS, count};
use std::fmt::Write as _;

/// Page style: a readable width, ruled tables, overdue in red.
const STYLE: &str = "body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,'DejaVu Sans',sans-serif;margin:0;color:#1d2733;background:#f4f6f9}\
header{background:#1f4e79;color:#fff;padding:16px 24px}header h1{margin:0;font-size:1.35rem}.sub{margin:6px 0 0;opacity:.9}\
main{padding:14px 24px;display:grid;gap:14px}section{background:#fff;border-radius:10px;padding:12px 16px;box-shadow:0 1px 3px rgba(0,0,0,.08)}\
h2{font-size:1.05rem;margin:0 0 8px}h3{font-size:.95rem;margin:10px 0 4px}\
table{border-collapse:collapse;width:100%;font-size:.88rem}td,th{padding:4px 8px;border-bottom:1px solid #e6e9ee;text-align:left;vertical-align:top}\
th{background:#f0f3f7;font-weight:600}.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}.date{font-variant-numeric:tabular-nums;white-space:nowrap}\
tr.overdue td:first-child{border-left:4px solid #c0392b}.late{color:#b3261e;font-weight:600}.ok{color:#1b7f3b}.bad{color:#b3261e}\
ul.due{margin:0 0 6px;padding-left:1.2em;font-size:.88rem}ul.due li{margin:2px 0}dl{display:grid;grid-template-columns:max-content auto;gap:4px 16px;margin:0;font-size:.9rem}dt{color:#556}dd{margin:0}\
.note{font-size:.8rem;color:#667}";

/// A day as Russian text writes it: `15.01.2025`.
fn day(d: Date) -> String {
    format!("{:02}.{:02}.{}", d.day(), d.month(), d.year())
}

/// A day or a dash.
fn opt_day(d: Option<Date>) -> String {
    d.map_or_else(|| "—".into(), day)
}

/// A key for a `data-k` attribute: the parts joined by `:`, escaped.
fn key(parts: &[&str]) -> String {
    esc(&parts.join(":"))
}

/// The register as of its day as a self-contained page (inline CSS, no scripts).
///
/// ```
/// use vsoko::calendar::Date;
/// use vsoko::teachers::{Register, Rules, html};
/// let t = |c: &[&str]| c.iter().map(|s| s.to_string()).collect::<Vec<_>>();
/// let header = t(&["ФИО", "Категория", "Дата присвоения", "Курсы ПК: дата окончания"]);
/// let rows = vec![(2, t(&["Иванова Мария Петровна", "высшая", "15.03.2019", "20.05.2021"]))];
/// let rules = Rules::builtin().unwrap();
/// let s = Register::from_table(rules, "", &header, rows).unwrap().status(rules, Date::new(2025, 1, 15).unwrap());
/// let page = html(rules, &s);
/// assert!(page.contains("data-k=\"category_until:Иванова Мария Петровна\">15.03.2024<"));
/// assert!(page.contains(vsoko::output::html::CSP));
/// ```
pub fn html(rules: &Rules, s: &Status) -> String {
    let title = format!("Реестр педагогов на {}", day(s.as_of));
    let mut h = html::head(&title, STYLE);
    let overdue_teachers = s.teachers.iter().filter(|t| !t.overdue.is_empty()).count();
    let _ = writeln!(
        h,
        "<header><h1>Реестр педагогов на <span data-k=\"as_of\">{}</span></h1><p class=\"sub\"><b data-k=\"teachers\">{}</b> {}; с просроченной аттестацией или курсами: <b data-k=\"overdue\">{}</b>.</p></header><main>",
        day(s.as_of),
        s.teachers.len(),
        russian::plural(
            u64::try_from(s.teachers.len()).unwrap_or(u64::MAX),
            TEACHERS
        ),
        overdue_teachers
    );
    teachers(&mut h, rules, s);
    due(&mut h, s);
    shares(&mut h, rules, s);
    h.push_str("</main>\n");
    h.push_str(html::END);
    h
}

fn teachers(h: &mut String, rules: &Rules, s: &Status) {
    h.push_str("<section><h2>Педагоги</h2><table><tr><th>ФИО</th><th>Категория</th><th>Действует до</th><th>Аттестация</th><th>Курсы ПК</th><th>Просрочено</th></tr>\n");
    for t in &s.teachers {
        let name = t.name.as_str();
        let late = |k: Kind| t.overdue.contains(&k);
        let cell = |field: &str, text: String, late: bool| {
            format!(
                "<td class=\"date{}\" data-k=\"{}\">{}</td>",
                if late { " late" } else { "" },
                key(&[field, name]),
                esc(&text)
            )
        };
        let until = if t.category.is_some() && t.category_until.is_none() {
            "без ограничения".to_string()
        } else {
            opt_day(t.category_until)
        };
        let overdue: Vec<&str> = t.overdue.iter().map(|k| k.ru()).collect();
        let _ = writeln!(
            h,
            "<tr{}><td>{}</td><td>{}</td>{}{}{}<td class=\"{}\" data-k=\"{}\">{}</td></tr>",
            if overdue.is_empty() {
                ""
            } else {
                " class=\"overdue\""
            },
            esc(name),
            esc(t
                .category
                .as_deref()
                .map_or("без категории", |c| rules.title(c))),
            cell("category_until", until, false),
            cell(
                "attestation_due",
                opt_day(t.attestation_due),
                late(Kind::Attestation)
            ),
            cell(
                "training_due",
                opt_day(t.training_due),
                late(Kind::Training)
            ),
            if overdue.is_empty() { "" } else { "late" },
            key(&["overdue", name]),
            if overdue.is_empty() {
                "—".to_string()
            } else {
                esc(&overdue.join(", "))
            }
        );
    }
    h.push_str("</table></section>\n");
}

fn due(h: &mut String, s: &Status) {
    h.push_str("<section><h2>Сроки до конца учебного года</h2>");
    if s.due.is_empty() {
        h.push_str("<p class=\"note\">Сроков до конца учебного года нет.</p>");
    }
    let mut month: Option<YearMonth> = None;
    for (i, d) in s.due.iter().enumerate() {
        let m = YearMonth::new(d.due.year(), d.due.month());
        if m != month {
            if month.is_some() {
                h.push_str("</ul>");
            }
            month = m;
            let _ = write!(
                h,
                "<h3>{} {}</h3><ul class=\"due\">",
                m.map_or_else(String::new, |m| russian::capitalized(m.name_ru())),
                d.due.year()
            );
        }
        let late = d.due < s.as_of;
        let _ = write!(
            h,
            "<li{}><span class=\"date\" data-k=\"due:{i}\">{}</span> — {}: {}{}</li>",
            if late { " class=\"late\"" } else { "" },
            day(d.due),
            esc(&d.name),
            d.kind.ru(),
            if late {
                " — просрочено"
            } else {
                ""
            }
        );
    }
    if month.is_some() {
        h.push_str("</ul>");
    }
    h.push_str("</section>\n");
}

fn shares(h: &mut String, rules: &Rules, s: &Status) {
    let sh = &s.shares;
    let _ = write!(
        h,
        "<section><h2>Доли</h2><dl>\
         <dt>С действующей категорией</dt><dd><b data-k=\"shares:with_category\">{}</b> из <span data-k=\"shares:teachers\">{}</span></dd>\
         <dt>Прошли курсы в этом учебном году</dt><dd><b data-k=\"trained_year\">{}</b></dd>\
         <dt>Прошли курсы за 12 месяцев</dt><dd><b data-k=\"shares:trained_12m\">{}</b></dd>\
         <dt>Прошли курсы за 3 года</dt><dd><b data-k=\"shares:trained_3y\">{}</b> (<span data-k=\"shares:trained_3y_pct\">{}</span>{}%)</dd>",
        sh.with_category,
        sh.teachers,
        s.trained_year,
        sh.trained_12m,
        sh.trained_3y,
        russian::number(sh.trained_3y_pct),
        russian::NBSP
    );
    if !s.by_category.is_empty() {
        h.push_str("<dt>По категориям</dt><dd>");
        let parts: Vec<String> = s
            .by_category
            .iter()
            .map(|(id, n)| {
                let title = if id == "none" {
                    "без категории (или истекла)"
                } else {
                    rules.title(id)
                };
                format!(
                    "{} — <span data-k=\"{}\">{n}</span>",
                    esc(title),
                    key(&["by_category", id])
                )
            })
            .collect();
        h.push_str(&parts.join("; "));
        h.push_str("</dd>");
    }
    h.push_str("</dl>");
    if !s.targets.is_empty() {
        h.push_str("<h3>Цели плана</h3><table><tr><th>Цель</th><th class=\"num\">Порог</th><th class=\"num\">Выполнено</th><th class=\"num\">Доля</th><th>Итог</th></tr>");
        for t in &s.targets {
            let _ = write!(
                h,
                "<tr><td>{}</td><td class=\"num\" data-k=\"{}\">{}</td><td class=\"num\"><span data-k=\"{}\">{}</span> из <span data-k=\"{}\">{}</span></td><td class=\"num\" data-k=\"{}\">{}</td><td class=\"{}\">{}</td></tr>",
                esc(&t.title),
                key(&["target", &t.id, "min_pct"]),
                russian::percent(Some(t.min_pct)),
                key(&["target", &t.id, "count"]),
                t.count,
                key(&["target", &t.id, "of"]),
                t.of,
                key(&["target", &t.id, "pct"]),
                russian::percent(t.pct),
                if t.met { "ok" } else { "bad" },
                if t.met {
                    "выполнена"
                } else {
                    "не выполнена"
                }
            );
        }
        h.push_str("</table>");
    }
    let _ = writeln!(
        h,
        "<p class=\"note\">{}. {}.</p></section>",
        esc(&rules.title),
        esc(&count(s.teachers.len(), TEACHERS))
    );
}

#[cfg(test)]
mod tests {
    use super::html;
    use crate::calendar::Date;
    use crate::teachers::{Register, Rules};

    const SCRIPT: &str = "<script>alert(1)</script>";

    #[test]
    fn the_page_escapes_a_name_and_has_no_script() {
        let t = |c: &[&str]| c.iter().map(|s| (*s).to_string()).collect::<Vec<_>>();
        let header = t(&[
            "ФИО",
            "Категория",
            "Дата присвоения",
            "Курсы ПК: дата окончания",
        ]);
        let name = format!("Иванова {SCRIPT}");
        let rows = vec![(2, t(&[&name, "высшая", "15.03.2019", "20.05.2021"]))];
        let rules = Rules::builtin().unwrap();
        let r = Register::from_table(rules, "", &header, rows).unwrap();
        let s = r.status(rules, Date::new(2025, 1, 15).unwrap());
        let page = html(rules, &s);
        assert!(!page.contains("<script"), "{page}");
        assert!(page.contains("Иванова &lt;script&gt;alert(1)&lt;/script&gt;"));
        assert!(page.contains(crate::output::html::CSP));
        assert!(page.contains("class=\"overdue\""));
        assert!(page.contains(">15.03.2024<"));
    }
}
