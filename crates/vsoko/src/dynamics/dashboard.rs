//! The dashboard: one self-contained HTML file (inline CSS and SVG, no scripts, fonts or
//! requests), in Russian, that a regional or municipal head reads. It aggregates, so it stays
//! small and readable for tens of thousands of schools. Every number shown carries a
//! `data-k` key, so a test can compare what a person sees with the computed dynamics.

mod svg;

use super::model::{Dynamics, SchoolDynamics};
use crate::decimal::percent;
use crate::methodology::Methodology;
use crate::output::html;
pub(crate) use crate::output::html::escape as esc;
use crate::output::russian::{self, SCHOOLS_GENITIVE, plural};
use rust_decimal::Decimal;
use std::fmt::Write;

/// How many schools the lists of declines show.
const TOP: usize = 20;

/// The dashboard as HTML.
///
/// ```
/// use vsoko::{Methodology, Options, Values, dynamics::{Panel, dashboard}};
/// let m = Methodology::builtin("nocko-1547").unwrap();
/// let mut p = Panel::new(m);
/// let card = m.evaluate(&Values::from_json(r#"{"1.1": 8}"#).unwrap(), Options::default()).unwrap();
/// p.add("", 2, Some("Школа 1"), Some("Энск"), Some("2024"), &card);
/// let html = dashboard(m, &p.finish(None).unwrap());
/// assert!(html.starts_with("<!DOCTYPE html>") && html.contains("Энск") && !html.contains("<script"));
/// assert!(html.contains("Content-Security-Policy"));
/// ```
pub fn dashboard(m: &Methodology, d: &Dynamics) -> String {
    let mut h = String::with_capacity(64 * 1024);
    h.push_str(&html::head(&format!("Сводная панель: {}", m.title()), CSS));
    let _ = write!(
        h,
        "<header><h1>Сводная панель ВСОКО</h1><p class=\"sub\">{} ({}). Периоды: {}. Школ: <b data-k=\"schools\">{}</b>, муниципалитетов: <b data-k=\"municipalities\">{}</b>.</p></header><main>",
        esc(m.title()),
        esc(m.id()),
        esc(&d.periods.join(", ")),
        d.schools.len(),
        d.municipalities.len()
    );
    region(&mut h, m, d);
    levels(&mut h, m, d);
    rating(&mut h, m, d);
    histogram(&mut h, m, d);
    weakest(&mut h, d);
    declines(&mut h, m, d);
    resilient(&mut h, d);
    for mun in &d.municipalities {
        municipality(&mut h, m, d, mun);
    }
    h.push_str("</main><footer>Расчёт vsoko: баллы точные (десятичная арифметика), средние округлены до 2 знаков, медианы точные.</footer>");
    h.push_str(html::END);
    h
}

fn region(h: &mut String, m: &Methodology, d: &Dynamics) {
    h.push_str("<section><h2>Регион по периодам</h2><table><tr><th>Период</th><th>Школ</th><th>Средний балл</th><th>Медиана</th>");
    for l in m.levels().iter().rev() {
        let _ = write!(h, "<th>{}</th>", esc(&l.title));
    }
    h.push_str("</tr>");
    for (p, s) in &d.region.0 {
        let _ = write!(
            h,
            "<tr><td>{}</td><td data-k=\"region:schools:{p}\">{}</td><td data-k=\"region:mean:{p}\">{}</td><td data-k=\"region:median:{p}\">{}</td>",
            esc(p),
            s.schools,
            opt(s.mean_total),
            opt(s.median_total),
            p = esc(p)
        );
        for l in s.levels.iter().rev() {
            let _ = write!(h, "<td>{}</td>", l.count);
        }
        h.push_str("</tr>");
    }
    h.push_str("</table></section>");
}

fn levels(h: &mut String, m: &Methodology, d: &Dynamics) {
    if m.levels().is_empty() {
        return;
    }
    h.push_str("<section><h2>Распределение школ по уровням</h2>");
    for (p, s) in &d.region.0 {
        let parts: Vec<(String, usize, &'static str)> = s
            .levels
            .iter()
            .rev()
            .map(|l| (l.title.clone(), l.count, svg::level_color(&l.level)))
            .collect();
        let _ = write!(
            h,
            "<div class=\"row\"><span class=\"lbl\">{}</span>",
            esc(p)
        );
        h.push_str(&svg::stacked(&parts, s.schools));
        h.push_str("</div>");
    }
    h.push_str("<p class=\"legend\">");
    for l in m.levels().iter().rev() {
        let _ = write!(
            h,
            "<span><i style=\"background:{}\"></i>{}</span>",
            svg::level_color(&l.id),
            esc(&l.title)
        );
    }
    h.push_str("</p></section>");
}

fn rating(h: &mut String, m: &Methodology, d: &Dynamics) {
    let r = &d.rating;
    let Some(period) = &r.period else { return };
    let what = if r.by == "total" {
        "по среднему итоговому баллу".to_string()
    } else {
        format!("по среднему баллу группы {}", esc(&r.by))
    };
    let _ = write!(
        h,
        "<section><h2>Рейтинг муниципалитетов ({}, {what})</h2>",
        esc(period)
    );
    let top = r
        .places
        .iter()
        .map(|p| p.value)
        .max()
        .unwrap_or(Decimal::ONE);
    let scale = if r.by == "total" {
        m.max().max(top)
    } else {
        top
    };
    h.push_str("<table class=\"bars\">");
    for p in &r.places {
        let name = name(p.municipality.as_deref());
        let _ = write!(
            h,
            "<tr><td class=\"place\">{}</td><td>{}</td><td class=\"num\" data-k=\"rating:{}\">{}</td><td class=\"barcell\">{}</td></tr>",
            p.place,
            esc(&name),
            esc(&name),
            russian::number(p.value),
            svg::bar(p.value, scale, "#2f6fb1")
        );
    }
    h.push_str("</table></section>");
}

fn histogram(h: &mut String, m: &Methodology, d: &Dynamics) {
    let Some(last) = d.periods.last() else { return };
    let totals: Vec<Decimal> = d
        .schools
        .iter()
        .filter_map(|s| s.totals.get(last).copied())
        .collect();
    let _ = write!(
        h,
        "<section><h2>Распределение итоговых баллов ({})</h2>",
        esc(last)
    );
    h.push_str(&svg::histogram(&totals, m.max(), m.levels()));
    h.push_str("</section>");
}

fn weakest(h: &mut String, d: &Dynamics) {
    let Some((period, s)) = d.region.0.last() else {
        return;
    };
    let _ = write!(
        h,
        "<section><h2>Самые слабые критерии в регионе ({})</h2><table class=\"bars\">",
        esc(period)
    );
    for g in &s.weakest_groups {
        let pct = g
            .share
            .map(|sh| sh * Decimal::ONE_HUNDRED)
            .unwrap_or_default();
        let _ = write!(
            h,
            "<tr><td>{} {}</td><td class=\"num\" data-k=\"weakest:{}\">{} из {}</td><td class=\"barcell\">{}</td></tr>",
            esc(&g.id),
            esc(g.title.as_deref().unwrap_or("")),
            esc(&g.id),
            russian::number(g.points),
            russian::number(g.max),
            svg::bar(pct, Decimal::ONE_HUNDRED, "#c0504d")
        );
    }
    h.push_str("</table><p class=\"note\">Доля набранных баллов от максимума по всем школам периода.</p></section>");
}

fn declines(h: &mut String, m: &Methodology, d: &Dynamics) {
    let fell = d.declined();
    let order = |id: &str| m.levels().iter().position(|l| l.id == id);
    let dropped: Vec<&SchoolDynamics> = d
        .schools
        .iter()
        .filter(|s| {
            s.level_change
                .as_ref()
                .is_some_and(|c| order(&c.to) < order(&c.from))
        })
        .collect();
    let single = d
        .schools
        .iter()
        .filter(|s| s.totals.0.len() == 1 && d.periods.len() > 1)
        .count();
    let _ = write!(
        h,
        "<section class=\"wide\"><h2>Отрицательная динамика</h2><p>Итоговый балл снизился у <b data-k=\"fell\">{}</b> {}, уровень понизился у <b data-k=\"dropped\">{}</b>. Школ только в одном периоде: <b data-k=\"single\">{}</b>.</p>",
        fell.len(),
        plural(fell.len() as u64, SCHOOLS_GENITIVE),
        dropped.len(),
        single
    );
    if !fell.is_empty() {
        let _ = write!(
            h,
            "<h3>Наибольшее снижение (первые {})</h3>",
            TOP.min(fell.len())
        );
        school_table(h, m, fell.iter().take(TOP).copied());
    }
    if !dropped.is_empty() {
        let _ = write!(
            h,
            "<h3>Понижение уровня (первые {})</h3>",
            TOP.min(dropped.len())
        );
        school_table(h, m, dropped.iter().take(TOP).copied());
    }
    h.push_str("</section>");
}

fn school_table<'a>(
    h: &mut String,
    m: &Methodology,
    schools: impl Iterator<Item = &'a SchoolDynamics>,
) {
    h.push_str("<table><tr><th>Школа</th><th>Муниципалитет</th><th>Итого</th><th>Изменение</th><th>Уровень</th><th>Где снизилось</th></tr>");
    let title = |id: &str| {
        m.levels()
            .iter()
            .find(|l| l.id == id)
            .map_or(id.to_string(), |l| l.title.clone())
    };
    for s in schools {
        let totals: Vec<String> = s
            .totals
            .0
            .iter()
            .map(|(_, t)| russian::number(*t))
            .collect();
        let level = s.level_change.as_ref().map_or(String::new(), |c| {
            format!("{} → {}", title(&c.from), title(&c.to))
        });
        let worst = s.worst_declines(3);
        let _ = write!(
            h,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td class=\"num neg\" data-k=\"delta:{}\">{}</td><td>{}</td><td>{}</td></tr>",
            esc(&s.school),
            esc(&name(s.municipality.as_deref())),
            totals.join(" → "),
            esc(&s.school),
            opt(s.delta),
            esc(&level),
            esc(&worst)
        );
    }
    h.push_str("</table>");
}

fn municipality(
    h: &mut String,
    m: &Methodology,
    d: &Dynamics,
    mun: &super::model::MunicipalityDynamics,
) {
    let label = name(mun.municipality.as_deref());
    let _ = write!(
        h,
        "<section class=\"mun\"><h2>{}</h2><p>Школ: {}</p><table><tr><th>Период</th><th>Средний балл</th><th>Медиана</th>",
        esc(&label),
        mun.schools
    );
    for l in m.levels().iter().rev() {
        let _ = write!(h, "<th>{}</th>", esc(&l.title));
    }
    h.push_str("</tr>");
    for p in &d.periods {
        let (Some(mean), Some(median)) = (mun.mean.get(p), mun.median.get(p)) else {
            continue;
        };
        let _ = write!(
            h,
            "<tr><td>{}</td><td data-k=\"mean:{}:{}\">{}</td><td data-k=\"median:{}:{}\">{}</td>",
            esc(p),
            esc(&label),
            esc(p),
            russian::number(*mean),
            esc(&label),
            esc(p),
            russian::number(*median)
        );
        if let Some(levels) = mun.levels.get(p) {
            for (_, n) in &levels.0 {
                let _ = write!(h, "<td>{n}</td>");
            }
        }
        h.push_str("</tr>");
    }
    h.push_str("</table>");
    if let Some((p, s)) = mun.summaries.0.last() {
        let weak: Vec<String> = s
            .weakest_groups
            .iter()
            .map(|g| format!("{} ({})", g.id, russian::percent(percent(g.points, g.max))))
            .collect();
        let _ = write!(
            h,
            "<p>Слабые критерии ({}): {}</p>",
            esc(p),
            esc(&weak.join(", "))
        );
        let ranked: Vec<(&str, Decimal)> = d
            .ranked_schools(mun.municipality.as_deref(), p)
            .into_iter()
            .map(|(_, s, t)| (s.school.as_str(), t))
            .collect();
        let list = |items: &[(&str, Decimal)]| {
            items
                .iter()
                .map(|(n, t)| format!("{} — {}", esc(n), russian::number(*t)))
                .collect::<Vec<_>>()
                .join("; ")
        };
        let k = 3.min(ranked.len());
        let _ = write!(
            h,
            "<p>Лучшие: {}</p>",
            list(ranked.get(..k).unwrap_or_default())
        );
        if ranked.len() > k {
            let tail = ranked
                .get(ranked.len().saturating_sub(3).max(k)..)
                .unwrap_or_default();
            let _ = write!(h, "<p>Требуют внимания: {}</p>", list(tail));
        }
    }
    conditions(h, d, mun.municipality.as_deref());
    h.push_str("</section>");
}

/// What the rating measures, in words.
fn measure(d: &Dynamics) -> String {
    if d.by == "total" {
        "итоговый балл".to_string()
    } else {
        format!("баллы группы {}", d.by)
    }
}

/// Schools in the lowest band of the context index whose result is in the top band.
fn resilient(h: &mut String, d: &Dynamics) {
    let Some(r) = d
        .ratings
        .as_ref()
        .map(|r| &r.rating)
        .filter(|_| !d.groups.is_empty())
    else {
        return;
    };
    let _ = write!(
        h,
        "<section><h2>Резильентные школы</h2><p class=\"note\">Низшая группа по индексу условий, результат ({}) — в высшей группе всех школ. Школ: <b data-k=\"resilient\">{}</b>.</p>",
        esc(&measure(d)),
        r.resilient.len()
    );
    if !r.resilient.is_empty() {
        h.push_str("<table><tr><th>Школа</th><th>Муниципалитет</th><th>Индекс условий</th><th>Результат</th></tr>");
        for s in &r.resilient {
            let _ = write!(
                h,
                "<tr><td>{}</td><td>{}</td><td class=\"num\">{}</td><td class=\"num\" data-k=\"resilient:{}\">{}</td></tr>",
                esc(&russian::unbroken_numero(&s.school)),
                esc(&name(s.municipality.as_deref())),
                esc(&crate::decimal::parse_decimal(&s.context)
                    .map_or_else(|_| s.context.clone(), russian::number)),
                esc(&s.school),
                russian::number(s.value)
            );
        }
        h.push_str("</table>");
    }
    h.push_str("</section>");
}

/// A municipality's schools against their groups of similar conditions.
fn conditions(h: &mut String, d: &Dynamics, municipality: Option<&str>) {
    let Some(r) = d
        .ratings
        .as_ref()
        .map(|r| &r.rating)
        .filter(|_| !d.groups.is_empty())
    else {
        return;
    };
    let mut units: Vec<_> = r
        .units
        .iter()
        .filter(|u| u.municipality.as_deref() == municipality)
        .collect();
    if units.is_empty() {
        return;
    }
    units.sort_by(|a, b| a.group.cmp(&b.group).then(a.place.cmp(&b.place)));
    let _ = write!(
        h,
        "<h3>Школы и их группы схожих условий ({})</h3><table><tr><th>Школа</th><th>Группа</th><th>Результат</th><th>Среднее группы</th><th>Лучший в группе</th><th>Место в группе</th></tr>",
        esc(&measure(d))
    );
    for u in units {
        let group = u
            .group
            .as_deref()
            .and_then(|g| d.groups.iter().find(|x| x.group == g));
        let (mean, best, size) = group.map_or(("—".into(), "—".into(), 0), |g| {
            (russian::number(g.mean), russian::number(g.best), g.schools)
        });
        let below = group.is_some_and(|g| u.value < g.mean);
        let _ = write!(
            h,
            "<tr><td>{}</td><td>{}</td><td class=\"num{}\" data-k=\"group:{}:{}\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\" data-k=\"place_in_group:{}:{}\">{} из {}</td></tr>",
            esc(&russian::unbroken_numero(&u.school)),
            esc(u.group.as_deref().unwrap_or("—")),
            if below { " neg" } else { "" },
            esc(&name(municipality)),
            esc(&u.school),
            russian::number(u.value),
            mean,
            best,
            esc(&name(municipality)),
            esc(&u.school),
            u.place_in_group
                .map_or_else(|| "—".to_string(), |p| p.to_string()),
            size
        );
    }
    h.push_str("</table><p class=\"note\">Красным — ниже среднего своей группы.</p>");
}

fn name(m: Option<&str>) -> String {
    m.map_or_else(|| "Без муниципалитета".to_string(), str::to_string)
}

fn opt(d: Option<Decimal>) -> String {
    d.map_or_else(|| "—".to_string(), russian::number)
}

const CSS: &str = "body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,'DejaVu Sans',sans-serif;margin:0;color:#1d2733;background:#f4f6f9}\
header{background:#1f4e79;color:#fff;padding:18px 28px}header h1{margin:0;font-size:1.5rem}.sub{margin:6px 0 0;opacity:.9}\
main{display:grid;grid-template-columns:repeat(auto-fill,minmax(560px,1fr));gap:16px;padding:16px 28px}\
section{background:#fff;border-radius:10px;padding:14px 18px;box-shadow:0 1px 3px rgba(0,0,0,.08)}\
h2{font-size:1.1rem;margin:0 0 10px}h3{font-size:.95rem;margin:12px 0 6px}\
table{border-collapse:collapse;width:100%;font-size:.85rem}td,th{padding:3px 6px;border-bottom:1px solid #e6e9ee;text-align:left}\
th{background:#f0f3f7;font-weight:600}.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}.neg{color:#b3261e}\
.place{width:2em;text-align:right;color:#667}.barcell{width:45%}.row{display:flex;align-items:center;gap:10px;margin:4px 0}\
.lbl{width:5em;font-weight:600}.legend span{margin-right:14px;font-size:.85rem}.legend i{display:inline-block;width:12px;height:12px;border-radius:2px;margin-right:5px;vertical-align:-1px}\
.note{font-size:.8rem;color:#667}.wide{grid-column:1/-1}footer{padding:10px 28px 24px;font-size:.8rem;color:#667}svg text{font-family:inherit}";
