//! «Справка по результатам ВПР»: participation, how the marks for the work compare with the
//! journal's (понизили / подтвердили / повысили), the mean score, and each sign of biased results
//! with its evidence — from the objectivity result (`vsoko objectivity`).

use super::model::{Bar, Block, Chart, Document, Kind, List, Paragraph, Row, Table};
use super::school::School;
use crate::objectivity::{GroupSummary, Objectivity};
use crate::output::russian::{number, percent};
use rust_decimal::Decimal;

/// The справка.
///
/// ```
/// use vsoko::document::{School, objectivity_report};
/// let o: vsoko::objectivity::Objectivity = serde_json::from_str(r#"{"groups": [], "flags": [],
///   "summary": {"schools": 0, "flagged_schools": 0, "objectivity_index": null, "not_assessed": 0},
///   "municipalities": [], "findings": []}"#).unwrap();
/// assert!(objectivity_report(&o, &School::default()).to_markdown().contains("СПРАВКА"));
/// ```
pub fn objectivity_report(o: &Objectivity, school: &School) -> Document {
    let schools: Vec<&str> = {
        let mut s: Vec<&str> = o.groups.iter().map(|g| g.school.as_str()).collect();
        s.sort_unstable();
        s.dedup();
        s
    };
    let one = match schools.as_slice() {
        [one] => Some(*one),
        _ => None,
    };
    let name = school.heading_name(one);
    let mut doc = Document::new(
        Kind::ObjectivityReport,
        format!("Справка по результатам ВПР — {name}"),
    );
    // Ten columns of figures: a landscape page keeps each on one line.
    doc.landscape = true;
    doc.push(Block::Paragraph(Paragraph::title(name)));
    doc.push(Block::Paragraph(Paragraph::title("СПРАВКА")));
    doc.push(Block::Paragraph(Paragraph::title(
        "по результатам оценочных процедур: соответствие отметок за работу отметкам по журналу",
    )));
    doc.heading("1. Участие и результаты");
    let participants: u64 = o.groups.iter().map(|g| g.participants).sum();
    let absent: u64 = o.groups.iter().map(|g| g.absent).sum();
    doc.body(format!(
        "Проанализировано работ: {participants}; не явились: {absent}; {}.",
        if one.is_some() {
            "одна образовательная организация".to_string()
        } else {
            format!("образовательных организаций: {}", schools.len())
        }
    ));
    doc.push(Block::Table(groups_table(&o.groups, one.is_none())));
    if let Some(chart) = confirmed_chart(&o.groups, one.is_none()) {
        doc.push(Block::Chart(chart));
    }
    doc.heading("2. Признаки необъективности результатов");
    if o.flags.is_empty() {
        doc.body("Признаки необъективности результатов не выявлены.");
    } else {
        doc.push(Block::List(List {
            numbered: true,
            items: o
                .flags
                .iter()
                .map(|f| {
                    format!(
                        "признак {}: {}, {}, {}\u{a0}класс, {}{} — {}",
                        super::typography::quoted(f.sign.ru()),
                        f.procedure,
                        super::typography::in_sentence(&f.subject),
                        f.grade,
                        f.year,
                        if one.is_some() {
                            String::new()
                        } else {
                            format!(" ({})", f.school)
                        },
                        f.message_ru
                    )
                })
                .collect(),
        }));
    }
    if let Some(index) = o.summary.objectivity_index {
        doc.body(format!(
            "Индекс объективности: {}; организаций с признаками — {} из {}.",
            number(index),
            o.summary.flagged_schools,
            o.summary.schools
        ));
    }
    doc.push(Block::Signatures {
        lines: vec![super::model::Signature {
            position: school.deputy_position(),
            name: school.deputy_signature(),
        }],
    });
    doc
}

fn groups_table(groups: &[GroupSummary], with_school: bool) -> Table {
    let mut header = vec![
        "Процедура",
        "Предмет",
        "Класс",
        "Год",
        "Участников",
        "Понизили, %",
        "Подтвердили, %",
        "Повысили, %",
        "Средний балл",
    ];
    let mut widths = vec![10, 18, 7, 8, 11, 11, 12, 11, 12];
    let mut numeric = vec![false, false, true, true, true, true, true, true, true];
    if with_school {
        header.insert(0, "Организация");
        widths.insert(0, 18);
        numeric.insert(0, false);
    }
    let pct = |p: Option<Decimal>| p.map_or_else(|| "—".into(), number);
    let rows = crate::objectivity::table_order(groups)
        .into_iter()
        .filter_map(|i| groups.get(i))
        .map(|g| {
            let mut cells = vec![
                g.procedure.clone(),
                g.subject.clone(),
                g.grade.to_string(),
                g.year.to_string(),
                g.participants.to_string(),
                pct(g.lowered_pct),
                pct(g.confirmed_pct),
                pct(g.raised_pct),
                pct(g.mean_score),
            ];
            if with_school {
                cells.insert(0, g.school.clone());
            }
            Row::Cells(cells)
        })
        .collect();
    Table {
        caption: Some("Таблица 1. Отметки за работу и отметки по журналу".into()),
        header: header.into_iter().map(str::to_string).collect(),
        widths,
        numeric,
        rows,
    }
}

fn confirmed_chart(groups: &[GroupSummary], with_school: bool) -> Option<Chart> {
    let bars: Vec<Bar> = crate::objectivity::table_order(groups)
        .into_iter()
        .filter_map(|i| groups.get(i))
        .filter_map(|g| {
            g.confirmed_pct.map(|p| Bar {
                label: if with_school {
                    format!(
                        "{}: {} {}, {} кл.",
                        g.school, g.procedure, g.subject, g.grade
                    )
                } else {
                    format!("{} {}, {} кл., {}", g.procedure, g.subject, g.grade, g.year)
                },
                value: p,
                text: percent(Some(p)),
            })
        })
        .take(40)
        .collect();
    (!bars.is_empty()).then(|| Chart {
        title: "Рисунок 1. Подтвердили отметку по журналу, %".into(),
        bars,
        max: Decimal::ONE_HUNDRED,
    })
}
