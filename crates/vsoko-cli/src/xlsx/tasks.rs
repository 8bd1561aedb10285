//! The report by task as a workbook: a sheet per view (tasks, weak tasks, marks, ЕГЭ,
//! medallists), the ids in row 1, Russian headings in row 2, counts and figures as number cells.

use super::{BookError, col, header, row, text, write_decimal};
use rust_decimal::Decimal;
use rust_xlsxwriter::{Workbook, Worksheet};
use vsoko::tasks::TasksReport;

/// A cell of a view.
enum Cell<'a> {
    Text(&'a str),
    Number(Option<Decimal>),
}

fn n(v: impl Into<Decimal>) -> Cell<'static> {
    Cell::Number(Some(v.into()))
}

fn opt(v: Option<u64>) -> Cell<'static> {
    Cell::Number(v.map(Decimal::from))
}

fn school(s: Option<&str>) -> Cell<'_> {
    Cell::Text(s.unwrap_or(""))
}

fn sheet<'a>(
    sheet: &mut Worksheet,
    name: &str,
    columns: &[(&str, &str, f64)],
    rows: impl Iterator<Item = Vec<Cell<'a>>>,
) -> Result<(), BookError> {
    sheet.set_name(name)?;
    header(sheet, columns.iter().copied())?;
    for (i, cells) in rows.enumerate() {
        let r = row(i + 2);
        for (c, cell) in cells.into_iter().enumerate() {
            match cell {
                Cell::Text(t) => text(sheet, r, col(c), t, None)?,
                Cell::Number(Some(d)) => write_decimal(sheet, r, col(c), d)?,
                Cell::Number(None) => {}
            }
        }
    }
    Ok(())
}

const WORK: [(&str, &str, f64); 5] = [
    ("school", "Школа", 16.0),
    ("procedure", "Процедура", 10.0),
    ("subject", "Предмет", 20.0),
    ("grade", "Параллель", 9.0),
    ("year", "Год", 7.0),
];

/// The workbook of a report by task.
///
/// # Errors
/// A [`BookError`] from the writer, or for a text longer than a cell.
pub fn tasks_workbook(r: &TasksReport) -> Result<Vec<u8>, BookError> {
    let mut book = Workbook::new();
    tasks(book.add_worksheet(), r)?;
    weak(book.add_worksheet(), r)?;
    marks(book.add_worksheet(), r)?;
    ege(book.add_worksheet(), r)?;
    medallists(book.add_worksheet(), r)?;
    Ok(book.save_to_buffer()?)
}

fn tasks(ws: &mut Worksheet, r: &TasksReport) -> Result<(), BookError> {
    let mut cols = WORK.to_vec();
    cols.insert(1, ("class", "Класс", 7.0));
    cols.extend([
        ("task", "Задание", 8.0),
        ("max", "Макс. балл", 8.0),
        ("participants", "Участников", 10.0),
        ("completion_pct", "Выполнение, %", 11.0),
        ("region_completion_pct", "По всем ОО, %", 11.0),
    ]);
    sheet(
        ws,
        "Задания",
        &cols,
        r.tasks.iter().map(|t| {
            vec![
                school(t.school.as_deref()),
                Cell::Text(t.class.as_deref().unwrap_or("")),
                Cell::Text(&t.procedure),
                Cell::Text(&t.subject),
                n(t.grade),
                n(t.year),
                Cell::Text(&t.task),
                n(t.max),
                n(t.participants),
                Cell::Number(t.completion_pct),
                Cell::Number(t.region_completion_pct),
            ]
        }),
    )
}

fn weak(ws: &mut Worksheet, r: &TasksReport) -> Result<(), BookError> {
    let mut cols = WORK.to_vec();
    cols.extend([
        ("task", "Задание", 8.0),
        ("completion_pct", "Выполнение, %", 11.0),
    ]);
    sheet(
        ws,
        "Слабые задания",
        &cols,
        r.weak.iter().map(|w| {
            vec![
                school(w.school.as_deref()),
                Cell::Text(&w.procedure),
                Cell::Text(&w.subject),
                n(w.grade),
                n(w.year),
                Cell::Text(&w.task),
                Cell::Number(w.completion_pct),
            ]
        }),
    )
}

fn marks(ws: &mut Worksheet, r: &TasksReport) -> Result<(), BookError> {
    let mut cols = WORK.to_vec();
    cols.extend([
        ("participants", "Участников", 10.0),
        ("2", "«2»", 6.0),
        ("3", "«3»", 6.0),
        ("4", "«4»", 6.0),
        ("5", "«5»", 6.0),
        ("pct_2", "«2», %", 8.0),
        ("pct_3", "«3», %", 8.0),
        ("pct_4", "«4», %", 8.0),
        ("pct_5", "«5», %", 8.0),
    ]);
    sheet(
        ws,
        "Отметки",
        &cols,
        r.marks.iter().map(|m| {
            vec![
                school(m.school.as_deref()),
                Cell::Text(&m.procedure),
                Cell::Text(&m.subject),
                n(m.grade),
                n(m.year),
                n(m.participants),
                n(m.counts.n2),
                n(m.counts.n3),
                n(m.counts.n4),
                n(m.counts.n5),
                Cell::Number(m.pct.n2.0),
                Cell::Number(m.pct.n3.0),
                Cell::Number(m.pct.n4.0),
                Cell::Number(m.pct.n5.0),
            ]
        }),
    )
}

fn ege(ws: &mut Worksheet, r: &TasksReport) -> Result<(), BookError> {
    sheet(
        ws,
        "ЕГЭ",
        &[
            ("school", "Школа", 16.0),
            ("subject", "Предмет", 24.0),
            ("year", "Год", 7.0),
            ("participants", "Участников", 10.0),
            ("mean_test_score", "Средний тестовый балл", 10.0),
            ("min_score", "Минимальный балл", 10.0),
            ("below_min", "Ниже минимума", 9.0),
            ("below_min_pct", "Ниже минимума, %", 10.0),
            ("at_70", "70 и выше", 8.0),
            ("at_70_pct", "70 и выше, %", 9.0),
            ("at_80", "80 и выше", 8.0),
            ("at_80_pct", "80 и выше, %", 9.0),
            ("at_100", "100 баллов", 8.0),
            ("at_100_pct", "100 баллов, %", 9.0),
        ],
        r.ege.iter().map(|e| {
            vec![
                school(e.school.as_deref()),
                Cell::Text(&e.subject),
                n(e.year),
                n(e.participants),
                Cell::Number(e.mean_test_score),
                Cell::Number(e.min_score.map(Decimal::from)),
                opt(e.below_min),
                Cell::Number(e.below_min_pct),
                opt(e.at_70),
                Cell::Number(e.at_70_pct),
                opt(e.at_80),
                Cell::Number(e.at_80_pct),
                opt(e.at_100),
                Cell::Number(e.at_100_pct),
            ]
        }),
    )
}

fn medallists(ws: &mut Worksheet, r: &TasksReport) -> Result<(), BookError> {
    sheet(
        ws,
        "Медалисты ниже 70",
        &[
            ("school", "Школа", 16.0),
            ("pupil", "Выпускник", 24.0),
            ("subject", "Предмет", 24.0),
            ("test_score", "Тестовый балл", 10.0),
        ],
        r.medallists.iter().map(|m| {
            vec![
                school(m.school.as_deref()),
                Cell::Text(&m.pupil),
                Cell::Text(&m.subject),
                n(m.test_score),
            ]
        }),
    )
}
