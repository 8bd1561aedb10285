//! «Справка по результатам оценки качества образования» from scored results: the total and the
//! level, the groups as a table and a chart, where points were lost, what was not filled in, and
//! — given several periods of one school — the dynamics. Every sentence is computed.

use super::model::{Bar, Block, Chart, Document, Kind, List, Paragraph, Row, Signature, Table};
use super::school::School;
use super::typography::{BLANK, quoted};
use crate::methodology::Methodology;
use crate::output::russian::{INDICATORS, count, number, of_points, percent, points};
use crate::scoring::Report;
use rust_decimal::Decimal;
use std::fmt::Write as _;

/// How many indicators «where points were lost» lists.
pub const TOP_LOST: usize = 10;

/// The справка. `reports` are one school's results, oldest first; the last is the one the
/// справка is about, the earlier ones give the dynamics.
///
/// ```
/// use vsoko::document::{School, score_report};
/// let input = vsoko::ScoreInput::from_json(r#"{"methodology": "nok-2019", "school": "Школа № 1", "values": {}}"#).unwrap();
/// let report = vsoko::json::score_input(&input, None, vsoko::Options::new()).unwrap();
/// let doc = score_report(&[report], &School::default());
/// let md = doc.to_markdown();
/// assert!(md.contains("Школа № 1") && md.contains("не заполнен"));
/// ```
pub fn score_report(reports: &[Report], school: &School) -> Document {
    let Some(current) = reports.last() else {
        return Document::new(Kind::ScoreReport, "Справка");
    };
    let method = methodology_title(&current.methodology);
    let mut doc = Document::new(
        Kind::ScoreReport,
        format!(
            "Справка по результатам оценки качества образования — {}",
            school.heading_name(current.school.as_deref())
        ),
    );
    doc.push(Block::Paragraph(Paragraph::title(
        school.heading_name(current.school.as_deref()),
    )));
    doc.push(Block::Paragraph(Paragraph::title("СПРАВКА")));
    doc.push(Block::Paragraph(Paragraph::title(format!(
        "по результатам оценки качества образования по методике {}{}",
        quoted(&method),
        current
            .period
            .as_ref()
            .map(|p| format!(", период: {p}"))
            .unwrap_or_default()
    ))));
    total(&mut doc, current);
    doc.heading("2. Результаты по группам показателей");
    doc.push(Block::Table(groups_table(current)));
    if let Some(chart) = groups_chart(current) {
        doc.push(Block::Chart(chart));
    }
    lost(&mut doc, current);
    unfilled(&mut doc, current);
    if reports.len() > 1 {
        dynamics(&mut doc, reports);
    }
    conclusions(&mut doc, reports);
    sign(&mut doc, school);
    doc
}

/// The methodology's title, or its id when it is not built in.
pub(super) fn methodology_title(id: &str) -> String {
    Methodology::builtin(id).map_or_else(|_| id.to_string(), |m| m.title().to_string())
}

/// A level as a sentence says it: «средний уровень» as is, «высокий» as «уровень „высокий“».
pub(super) fn level_words(title: &str) -> String {
    let lower = title.to_lowercase();
    if lower.contains("уровень") {
        lower
    } else {
        format!("уровень {}", quoted(&lower))
    }
}

fn total(doc: &mut Document, r: &Report) {
    doc.heading("1. Общий результат");
    let level = r
        .level_title
        .as_ref()
        .map(|l| format!(", {}", level_words(l)))
        .unwrap_or_default();
    match r.percent {
        Some(p) => doc.body(format!(
            "Итоговый результат — {} из {} ({}){level}.",
            points(r.total),
            of_points(r.max),
            percent(Some(p))
        )),
        None => doc.body("Ни один показатель методики не применим: итог не рассчитывается."),
    }
    let all = r.indicators.len();
    let scored = all - r.missing.len() - r.not_applicable.len();
    let mut text = format!(
        "Оценено {} из {all}",
        count(scored, INDICATORS).replacen(' ', "\u{a0}", 1)
    );
    if !r.missing.is_empty() {
        let _ = write!(
            text,
            "; не заполнено — {} (засчитаны как 0 баллов)",
            r.missing.len()
        );
    }
    if !r.not_applicable.is_empty() {
        let _ = write!(
            text,
            "; неприменимо — {} (исключены из максимума)",
            r.not_applicable.len()
        );
    }
    text.push('.');
    doc.body(text);
}

/// The groups: id, title, points, maximum, percent, lost — the numbers of the JSON result.
pub(super) fn groups_table(r: &Report) -> Table {
    Table {
        caption: Some("Таблица 1. Баллы по группам показателей".into()),
        header: vec![
            "№".into(),
            "Группа показателей".into(),
            "Баллы".into(),
            "Максимум".into(),
            "%".into(),
            "Потеряно".into(),
        ],
        widths: vec![7, 41, 11, 15, 10, 16],
        numeric: vec![false, false, true, true, true, true],
        rows: r
            .groups
            .iter()
            .map(|g| {
                Row::Cells(vec![
                    g.id.clone(),
                    g.title.clone().unwrap_or_default(),
                    number(g.points),
                    number(g.max),
                    g.percent.map_or_else(|| "—".into(), number),
                    number(g.lost),
                ])
            })
            .collect(),
    }
}

/// Bars of the top-level groups' percentages (all groups when there is one top-level group).
pub(super) fn groups_chart(r: &Report) -> Option<Chart> {
    let top: Vec<_> = r.groups.iter().filter(|g| g.parent.is_none()).collect();
    let groups = if top.len() > 1 {
        top
    } else {
        r.groups.iter().collect()
    };
    let bars: Vec<Bar> = groups
        .iter()
        .filter_map(|g| {
            g.percent.map(|p| Bar {
                label: match &g.title {
                    Some(t) => format!("{} {t}", g.id),
                    None => g.id.clone(),
                },
                value: p,
                text: percent(Some(p)),
            })
        })
        .collect();
    (!bars.is_empty()).then(|| Chart {
        title: "Рисунок 1. Доля набранных баллов по группам показателей, %".into(),
        bars,
        max: Decimal::ONE_HUNDRED,
    })
}

fn named(id: &str, title: Option<&String>) -> String {
    title.map_or_else(|| id.to_string(), |t| format!("{id} {}", quoted(t)))
}

fn lost(doc: &mut Document, r: &Report) {
    doc.heading("3. Где потеряны баллы");
    let lost: Vec<String> = r
        .deficits
        .indicators
        .iter()
        .take(TOP_LOST)
        .map(|d| {
            format!(
                "показатель {} — потеряно {} из {} (получено {})",
                named(&d.id, d.title.as_ref()),
                points(d.lost),
                of_points(d.max),
                number(d.points)
            )
        })
        .collect();
    if lost.is_empty() {
        doc.body("Баллы не потеряны ни по одному показателю.");
        return;
    }
    doc.body(format!(
        "Больше всего баллов потеряно по показателям (первые {} из {}):",
        lost.len(),
        r.deficits.indicators.len()
    ));
    doc.push(Block::List(List {
        numbered: true,
        items: lost,
    }));
}

fn unfilled(doc: &mut Document, r: &Report) {
    doc.heading("4. Незаполненные показатели");
    if r.missing.is_empty() {
        doc.body("Все показатели заполнены.");
        return;
    }
    let items = r
        .missing
        .iter()
        .map(|id| {
            let title = r.indicator(id).and_then(|i| i.title.as_ref());
            format!("показатель {} не заполнен", named(id, title))
        })
        .collect();
    doc.push(Block::List(List {
        numbered: false,
        items,
    }));
}

fn change_words(from: Decimal, to: Decimal) -> &'static str {
    match to.cmp(&from) {
        std::cmp::Ordering::Greater => "вырос",
        std::cmp::Ordering::Less => "снизился",
        std::cmp::Ordering::Equal => "не изменился",
    }
}

fn period_name(r: &Report, i: usize) -> String {
    r.period
        .clone()
        .unwrap_or_else(|| format!("период {}", i + 1))
}

fn dynamics(doc: &mut Document, reports: &[Report]) {
    doc.heading("5. Динамика");
    let rows = reports
        .iter()
        .enumerate()
        .map(|(i, r)| {
            Row::Cells(vec![
                period_name(r, i),
                number(r.total),
                number(r.max),
                r.percent.map_or_else(|| "—".into(), number),
                r.level_title.clone().unwrap_or_else(|| "—".into()),
            ])
        })
        .collect();
    doc.push(Block::Table(Table {
        caption: Some("Таблица 2. Итоговый результат по периодам".into()),
        header: vec![
            "Период".into(),
            "Баллы".into(),
            "Максимум".into(),
            "%".into(),
            "Уровень".into(),
        ],
        widths: vec![25, 15, 15, 15, 30],
        numeric: vec![false, true, true, true, false],
        rows,
    }));
    let n = reports.len();
    if let (Some(prev), Some(cur)) = (reports.get(n - 2), reports.last()) {
        if let (Some(a), Some(b)) = (prev.percent, cur.percent) {
            doc.body(format!(
                "По сравнению с периодом «{}» итоговый результат {} с {} до {}{}.",
                period_name(prev, n - 2),
                change_words(a, b),
                percent(Some(a)),
                percent(Some(b)),
                if a == b {
                    String::new()
                } else {
                    format!(" (на {}\u{a0}п.\u{a0}п.)", number((b - a).abs()))
                }
            ));
        }
        let fell: Vec<String> = cur
            .groups
            .iter()
            .filter_map(|g| {
                let before = prev.group(&g.id)?.percent?;
                let now = g.percent?;
                (now < before).then(|| {
                    format!(
                        "{}: с {} до {}",
                        named(&g.id, g.title.as_ref()),
                        percent(Some(before)),
                        percent(Some(now))
                    )
                })
            })
            .collect();
        if !fell.is_empty() {
            doc.body("Снизилась доля баллов по группам:");
            doc.push(Block::List(List {
                numbered: false,
                items: fell,
            }));
        }
    }
}

fn conclusions(doc: &mut Document, reports: &[Report]) {
    let Some(r) = reports.last() else { return };
    doc.heading("Выводы");
    let mut items = Vec::new();
    if let (Some(p), Some(level)) = (r.percent, &r.level_title) {
        items.push(format!(
            "По методике — {} ({}).",
            level_words(level),
            percent(Some(p))
        ));
    }
    if let Some(weakest) = r
        .groups
        .iter()
        .filter(|g| g.parent.is_none() && g.percent.is_some())
        .min_by_key(|g| g.percent)
    {
        items.push(format!(
            "Наименьшая доля баллов — в группе {} ({}).",
            named(&weakest.id, weakest.title.as_ref()),
            percent(weakest.percent)
        ));
    }
    if let Some(d) = r.deficits.indicators.first() {
        items.push(format!(
            "Больше всего баллов потеряно по показателю {} ({}).",
            named(&d.id, d.title.as_ref()),
            points(d.lost)
        ));
    }
    if !r.missing.is_empty() {
        items.push(format!(
            "Не заполнено {}: их баллы не засчитаны, данные нужно собрать.",
            count(r.missing.len(), INDICATORS)
        ));
    }
    if items.is_empty() {
        items.push("Все показатели заполнены, баллы не потеряны.".into());
    }
    doc.push(Block::List(List {
        numbered: true,
        items,
    }));
}

fn sign(doc: &mut Document, school: &School) {
    doc.push(Block::Signatures {
        lines: vec![Signature {
            position: school.deputy_position(),
            name: school.deputy_signature(),
        }],
    });
    doc.push(Block::Paragraph(Paragraph::line(
        format!("Дата составления: {BLANK}"),
        super::model::Align::Left,
    )));
}
