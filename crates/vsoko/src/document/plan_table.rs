//! The ВСОКО plan (or cyclogram) as a Word table on A4 landscape pages, its heading row repeated
//! on each page, the objects of assessment as section rows, an approval stamp for the director.

use super::model::{Align, Block, Document, Kind, Paragraph, Row, Table};
use super::school::School;
use super::typography::{BLANK, long_date};
use crate::calendar::AcademicYear;
use crate::plan::{Plan, PlanItem, Status};

/// The plan as a document.
///
/// ```
/// use vsoko::document::{School, plan_document};
/// let plan = vsoko::plan::Plan::from_json(r#"{"organization": "МБОУ СОШ № 1", "academic_year": "2024/25", "items": [
///   {"id": "1", "when": "сентябрь", "content": "Входная диагностика", "responsible": ["Заместитель директора по УВР"]}]}"#).unwrap();
/// let doc = plan_document(&plan, &School::default());
/// assert!(doc.landscape);
/// assert_eq!(doc.tables().next().unwrap().rows.len(), 1);
/// ```
pub fn plan_document(plan: &Plan, school: &School) -> Document {
    let organization = school.heading_name(Some(&plan.organization));
    let years = years(plan.academic_year, plan.until_year);
    let mut doc = Document::new(
        Kind::Plan,
        format!("План ВСОКО на {years} — {organization}"),
    );
    doc.landscape = true;
    for line in [
        "УТВЕРЖДАЮ".to_string(),
        format!(
            "Директор {}",
            given_or_blank(school.short_name.as_deref(), &plan.organization)
        ),
        format!("______________ {}", school.director_signature()),
        "«____» ______________ 20___ г.".to_string(),
    ] {
        doc.push(Block::Paragraph(Paragraph::line(line, Align::Right)));
    }
    doc.push(Block::Paragraph(Paragraph::line("", Align::Center)));
    doc.push(Block::Paragraph(Paragraph::title(format!(
        "План внутренней системы оценки качества образования на {years}"
    ))));
    doc.push(Block::Paragraph(Paragraph::title(organization)));
    doc.push(Block::Table(table(plan)));
    doc
}

fn years(first: AcademicYear, until: Option<AcademicYear>) -> String {
    match until.filter(|u| *u != first) {
        Some(last) => format!("{}–{} учебные годы", first.start(), last.start() + 1),
        None => format!("{first} учебный год"),
    }
}

fn given_or_blank<'a>(value: Option<&'a str>, fallback: &'a str) -> &'a str {
    value
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .or_else(|| Some(fallback.trim()).filter(|v| !v.is_empty()))
        .unwrap_or(BLANK)
}

/// The optional columns a plan has when any item fills them.
#[expect(
    clippy::struct_excessive_bools,
    reason = "one flag per optional column"
)]
struct Columns {
    subject: bool,
    method: bool,
    result: bool,
    marks: bool,
}

fn table(plan: &Plan) -> Table {
    let any = |f: fn(&PlanItem) -> bool| plan.items.iter().any(f);
    let c = Columns {
        subject: any(|i| i.subject.is_some()),
        method: any(|i| i.method.is_some()),
        result: any(|i| i.result.is_some()),
        marks: any(|i| i.status != Status::Planned),
    };
    let mut header = vec!["№", "Сроки", "Содержание контроля"];
    let mut widths = vec![5, 12, 35];
    for (on, title, width) in [
        (c.subject, "Объект контроля", 16),
        (c.method, "Методы", 14),
        (true, "Ответственные", 16),
        (c.result, "Результат", 14),
        (c.marks, "Отметка о выполнении", 14),
    ] {
        if on {
            header.push(title);
            widths.push(width);
        }
    }
    let mut rows = Vec::new();
    let mut object = None;
    for item in &plan.items {
        if item.object.is_some() && item.object != object {
            object = item.object;
            if let Some(o) = object {
                rows.push(Row::Section(o.title_ru().to_string()));
            }
        }
        rows.push(Row::Cells(cells(item, &c)));
    }
    Table {
        caption: None,
        header: header.into_iter().map(str::to_string).collect(),
        numeric: vec![false; widths.len()],
        widths,
        rows,
    }
}

fn cells(item: &PlanItem, c: &Columns) -> Vec<String> {
    let text = |v: &Option<String>| v.clone().unwrap_or_default();
    let mut cells = vec![item.id.clone(), item.when.clone(), item.content.clone()];
    if c.subject {
        cells.push(text(&item.subject));
    }
    if c.method {
        cells.push(text(&item.method));
    }
    cells.push(item.responsible.join("\n"));
    if c.result {
        cells.push(text(&item.result));
    }
    if c.marks {
        cells.push(mark(item));
    }
    cells
}

fn mark(item: &PlanItem) -> String {
    match item.status {
        Status::Planned => String::new(),
        Status::Done => format!(
            "выполнено {}",
            item.done_on.map(long_date).unwrap_or_default()
        ),
        Status::Moved => format!(
            "перенесено на {}",
            item.moved_to.map(long_date).unwrap_or_default()
        ),
        other => other.ru().to_string(),
    }
    .trim()
    .to_string()
}
