//! A draft of the director's order «Об итогах …» from addressed actions (the output of `vsoko
//! plan actions`): the organisation, the document's name, date and number lines, the place, the
//! title, a preamble naming the deficits found, «ПРИКАЗЫВАЮ:», the actions as numbered items with
//! the responsible and the term, the control item and the signature — the requisites in the order
//! ГОСТ Р 7.0.97-2016 lays out an organisational document. Date and number stay blank: the
//! school's office gives them.

use super::model::{Align, Block, Document, Kind, List, Paragraph, Row, Signature, Table};
use super::school::School;
use super::score_report::methodology_title;
use super::typography::{BLANK, SHORT_BLANK, in_sentence, quoted};
use crate::output::russian::{number, points};
use crate::plan::{Deficit, Plan, PlanItem};
use crate::reason::{InputReason, Location};
use crate::{Error, Result};
use std::fmt::Write as _;

/// What an order is made from, for the wrong-input error.
pub const ORDER_INPUT: (&str, &str) = (
    "the output of `vsoko plan actions` (plan items made from deficits)",
    "результату `vsoko plan actions` (пунктам плана, составленным по дефицитам)",
);

/// The order. Its items are the plan's actions (items answering a deficit) and their
/// re-controls, in the plan's order.
///
/// # Errors
/// [`Error::InvalidInput`] when the plan has no action (it is not `vsoko plan actions` output).
///
/// ```
/// use vsoko::document::{School, order};
/// let plan = vsoko::plan::Plan::from_json(r#"{"organization": "МБОУ СОШ № 1", "academic_year": "2024/25", "items": [
///   {"id": "failing-7b", "when": "январь", "content": "Работа с неуспевающими 7Б",
///    "responsible": ["Заместитель директора по УВР"],
///    "deficit": {"methodology": "marks", "group": "failing", "lost": "3", "class": "7Б"}}]}"#).unwrap();
/// let md = order(&plan, &School::default()).unwrap().to_markdown();
/// assert!(md.contains("ПРИКАЗЫВАЮ:") && md.contains("1. Работа с неуспевающими 7Б."));
/// ```
pub fn order(plan: &Plan, school: &School) -> Result<Document> {
    let actions: Vec<&PlanItem> = plan
        .items
        .iter()
        .filter(|i| i.deficit.is_some() || i.follows_up.is_some())
        .collect();
    if actions.is_empty() {
        return Err(Error::InvalidInput {
            at: Location::Field("items".into()),
            reason: InputReason::WrongResultForDocument {
                document: "order",
                expected: ORDER_INPUT.0,
                expected_ru: ORDER_INPUT.1,
            },
        });
    }
    let organization = school.heading_name(Some(&plan.organization));
    let mut doc = Document::new(Kind::Order, format!("Приказ — {organization}"));
    doc.push(Block::Paragraph(Paragraph::title(organization)));
    doc.push(Block::Paragraph(Paragraph::line("", Align::Center)));
    doc.push(Block::Paragraph(Paragraph::title("ПРИКАЗ")));
    doc.push(Block::Paragraph(Paragraph::line("", Align::Center)));
    doc.push(Block::Paragraph(Paragraph::line(
        format!("{BLANK}\u{a0}№\u{a0}{SHORT_BLANK}"),
        Align::Left,
    )));
    doc.push(Block::Paragraph(Paragraph::line(
        school.city(),
        Align::Center,
    )));
    doc.push(Block::Paragraph(Paragraph::line("", Align::Left)));
    doc.push(Block::Paragraph(Paragraph {
        text: "Об итогах внутренней оценки качества образования и мерах по устранению выявленных дефицитов".into(),
        align: Align::Left,
        bold: true,
    }));
    doc.push(Block::Paragraph(Paragraph::line("", Align::Left)));
    preamble(&mut doc, plan, &actions, school);
    doc.push(Block::Paragraph(Paragraph::title("ПРИКАЗЫВАЮ:")));
    let mut items: Vec<String> = actions.iter().map(|a| item(a)).collect();
    items.push("Контроль за исполнением настоящего приказа оставляю за собой.".into());
    doc.push(Block::List(List {
        numbered: true,
        items,
    }));
    doc.push(Block::Signatures {
        lines: vec![Signature {
            position: "Директор".into(),
            name: school.director_signature(),
        }],
    });
    acquainted(&mut doc, &actions);
    Ok(doc)
}

fn preamble(doc: &mut Document, plan: &Plan, actions: &[&PlanItem], school: &School) {
    let deficits: Vec<String> = actions
        .iter()
        .filter_map(|a| a.deficit.as_ref())
        .map(deficit)
        .collect();
    let year = school.year_text(Some(plan.academic_year));
    if deficits.is_empty() {
        doc.body(format!(
            "По результатам внутренней оценки качества образования в {year} учебном году и в целях повторного контроля принятых мер"
        ));
        return;
    }
    doc.body(format!(
        "По результатам внутренней оценки качества образования в {year} учебном году выявлены дефициты:"
    ));
    doc.push(Block::List(List {
        numbered: false,
        items: deficits,
    }));
    doc.body("В целях их устранения");
}

/// A deficit in words.
fn deficit(d: &Deficit) -> String {
    let subject = d.subject.as_deref().map(in_sentence);
    let place = [d.class.as_deref(), subject.as_deref()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(", ");
    match (d.methodology.as_str(), d.group.as_str()) {
        ("marks", "quality_fell") => format!(
            "снижение качества знаний: {place} — на {}\u{a0}п.",
            number(d.lost)
        ),
        ("marks", "failing") => format!("неуспевающие обучающиеся: {place} — {}", number(d.lost)),
        ("tasks", "weak_tasks") => format!(
            "задания, выполненные ниже порога: {place} — {}",
            number(d.lost)
        ),
        (methodology, group) => format!(
            "критерий {group} методики {}: потеряно {}",
            quoted(&methodology_title(methodology)),
            points(d.lost)
        ),
    }
}

/// An item of the order: what, who, when.
fn item(a: &PlanItem) -> String {
    let mut text = a.content.trim().trim_end_matches('.').to_string();
    text.push('.');
    if !a.responsible.is_empty() {
        let _ = write!(text, " Ответственный: {}.", a.responsible.join(", "));
    }
    if !a.when.trim().is_empty() {
        let _ = write!(text, " Срок: {}.", a.when.trim());
    }
    if let Some(result) = a.result.as_deref().filter(|r| !r.trim().is_empty()) {
        let _ = write!(text, " Результат: {}.", result.trim().trim_end_matches('.'));
    }
    text
}

/// «С приказом ознакомлены»: each responsible once, with room to sign and date.
fn acquainted(doc: &mut Document, actions: &[&PlanItem]) {
    let mut people: Vec<&str> = Vec::new();
    for who in actions.iter().flat_map(|a| &a.responsible) {
        if !people.contains(&who.as_str()) {
            people.push(who);
        }
    }
    if people.is_empty() {
        return;
    }
    doc.push(Block::Table(Table {
        caption: Some("С приказом ознакомлены:".into()),
        header: vec!["Ответственный".into(), "Подпись".into(), "Дата".into()],
        widths: vec![50, 25, 25],
        numeric: vec![false, false, false],
        rows: people
            .into_iter()
            .map(|p| Row::Cells(vec![p.to_string(), String::new(), String::new()]))
            .collect(),
    }));
}
