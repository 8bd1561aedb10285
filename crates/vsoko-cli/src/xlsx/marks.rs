//! The marks report as a workbook: a sheet per view (classes and subjects, subjects, teachers,
//! changes, the classes' individual account, then grades, schools and municipalities), the ids
//! in row 1, Russian headings in row 2, counts and figures as number cells.

use super::{BookError, col, header, row, text, write_decimal};
use rust_decimal::Decimal;
use rust_xlsxwriter::{Workbook, Worksheet};
use vsoko::marks::{Figures, MarksReport, Period};

/// The figures' columns after a view's own: (id, Russian heading, width).
const FIGURES: [(&str, &str, f64); 14] = [
    ("pupils", "Учеников", 9.0),
    ("exempt", "Освобождены", 11.0),
    ("no_mark", "Без отметки", 10.0),
    ("5", "«5»", 6.0),
    ("4", "«4»", 6.0),
    ("3", "«3»", 6.0),
    ("2", "«2»", 6.0),
    ("na", "н/а", 6.0),
    ("pass", "зач", 6.0),
    ("fail", "незач", 6.0),
    ("success_pct", "Успеваемость, %", 12.0),
    ("quality_pct", "Качество знаний, %", 12.0),
    ("sou_pct", "СОУ, %", 9.0),
    ("mean", "Средний балл", 9.0),
];

/// The workbook of a marks report.
///
/// # Errors
/// A [`BookError`] from the writer, or for a text longer than a cell.
pub fn marks_workbook(r: &MarksReport) -> Result<Vec<u8>, BookError> {
    let mut book = Workbook::new();
    let labels = |names: &[(&'static str, &'static str, f64)]| names.to_vec();
    let sheet = book.add_worksheet().set_name("Классы и предметы")?;
    let own = labels(&[
        ("school", "Школа", 16.0),
        ("class", "Класс", 7.0),
        ("subject", "Предмет", 20.0),
        ("teacher", "Учитель", 18.0),
        ("period", "Период", 13.0),
    ]);
    head(sheet, &own)?;
    for (i, g) in r.groups.iter().enumerate() {
        let cells = [
            g.school.as_deref().unwrap_or(""),
            &g.class,
            &g.subject,
            g.teacher.as_deref().unwrap_or(""),
            period_ru(g.period),
        ];
        line(sheet, i, &cells, &g.figures)?;
    }
    let sheet = book.add_worksheet().set_name("Предметы")?;
    let own = labels(&[
        ("school", "Школа", 16.0),
        ("subject", "Предмет", 20.0),
        ("period", "Период", 13.0),
    ]);
    head(sheet, &own)?;
    for (i, s) in r.subjects.iter().enumerate() {
        let cells = [
            s.school.as_deref().unwrap_or(""),
            &s.subject,
            period_ru(s.period),
        ];
        line(sheet, i, &cells, &s.figures)?;
    }
    let sheet = book.add_worksheet().set_name("Учителя")?;
    let own = labels(&[
        ("school", "Школа", 16.0),
        ("teacher", "Учитель", 18.0),
        ("period", "Период", 13.0),
    ]);
    head(sheet, &own)?;
    for (i, t) in r.teachers.iter().enumerate() {
        let cells = [
            t.school.as_deref().unwrap_or(""),
            &t.teacher,
            period_ru(t.period),
        ];
        line(sheet, i, &cells, &t.figures)?;
    }
    changes(book.add_worksheet(), r)?;
    account(book.add_worksheet(), r)?;
    aggregates(&mut book, r)?;
    Ok(book.save_to_buffer()?)
}

/// The sums over grades, schools and municipalities (after the older sheets, which keep their
/// places).
fn aggregates(book: &mut Workbook, r: &MarksReport) -> Result<(), BookError> {
    let place = [
        ("municipality", "Муниципалитет", 16.0),
        ("school", "Школа", 16.0),
    ];
    let sheet = book.add_worksheet().set_name("Параллели")?;
    let own = [
        place[0],
        place[1],
        ("grade", "Параллель", 9.0),
        ("subject", "Предмет", 20.0),
        ("period", "Период", 13.0),
    ];
    head(sheet, &own)?;
    for (i, g) in r.grades.iter().enumerate() {
        let grade = g.grade.map_or_else(String::new, |n| n.to_string());
        let cells = [
            g.municipality.as_deref().unwrap_or(""),
            g.school.as_deref().unwrap_or(""),
            &grade,
            &g.subject,
            period_ru(g.period),
        ];
        line(sheet, i, &cells, &g.figures)?;
    }
    let sheet = book.add_worksheet().set_name("Школы")?;
    head(sheet, &[place[0], place[1], ("period", "Период", 13.0)])?;
    for (i, s) in r.schools.iter().enumerate() {
        let cells = [
            s.municipality.as_deref().unwrap_or(""),
            s.school.as_deref().unwrap_or(""),
            period_ru(s.period),
        ];
        line(sheet, i, &cells, &s.figures)?;
    }
    let sheet = book.add_worksheet().set_name("Муниципалитеты")?;
    head(
        sheet,
        &[
            place[0],
            ("subject", "Предмет", 20.0),
            ("period", "Период", 13.0),
        ],
    )?;
    for (i, m) in r.municipalities.iter().enumerate() {
        let cells = [m.municipality.as_str(), &m.subject, period_ru(m.period)];
        line(sheet, i, &cells, &m.figures)?;
    }
    Ok(())
}

fn period_ru(id: &'static str) -> &'static str {
    Period::parse(id).map_or(id, Period::ru)
}

fn head(sheet: &mut Worksheet, own: &[(&str, &str, f64)]) -> Result<(), BookError> {
    header(sheet, own.iter().chain(FIGURES.iter()).copied())
}

/// One row: the view's own cells, then the figures.
fn line(sheet: &mut Worksheet, i: usize, own: &[&str], f: &Figures) -> Result<(), BookError> {
    let r = row(i + 2);
    for (c, t) in own.iter().enumerate() {
        text(sheet, r, col(c), t, None)?;
    }
    let c = &f.counts;
    let counts = [
        c.pupils, c.exempt, c.no_mark, c.n5, c.n4, c.n3, c.n2, c.na, c.pass, c.fail,
    ];
    let mut at = own.len();
    for n in counts {
        write_decimal(sheet, r, col(at), Decimal::from(n))?;
        at += 1;
    }
    for d in [f.success_pct, f.quality_pct, f.sou_pct, f.mean] {
        if let Some(d) = d {
            write_decimal(sheet, r, col(at), d)?;
        }
        at += 1;
    }
    Ok(())
}

fn changes(sheet: &mut Worksheet, r: &MarksReport) -> Result<(), BookError> {
    sheet.set_name("Изменения")?;
    header(
        sheet,
        [
            ("school", "Школа", 16.0),
            ("class", "Класс", 7.0),
            ("subject", "Предмет", 20.0),
            ("teacher", "Учитель", 18.0),
            ("from", "С периода", 13.0),
            ("to", "На период", 13.0),
            ("success_pct", "Успеваемость, п. п.", 12.0),
            ("quality_pct", "Качество, п. п.", 12.0),
            ("sou_pct", "СОУ, п. п.", 10.0),
            ("mean", "Средний балл", 10.0),
        ]
        .into_iter(),
    )?;
    for (i, c) in r.changes.iter().enumerate() {
        let at = row(i + 2);
        let own = [
            c.school.as_deref().unwrap_or(""),
            &c.class,
            &c.subject,
            c.teacher.as_deref().unwrap_or(""),
            period_ru(c.from),
            period_ru(c.to),
        ];
        for (k, t) in own.iter().enumerate() {
            text(sheet, at, col(k), t, None)?;
        }
        for (k, d) in [c.success_pct, c.quality_pct, c.sou_pct, c.mean]
            .into_iter()
            .enumerate()
        {
            if let Some(d) = d {
                write_decimal(sheet, at, col(own.len() + k), d)?;
            }
        }
    }
    Ok(())
}

/// The individual account, a row per pupil in a category: class, period, category, pupil and
/// the subjects it concerns.
fn account(sheet: &mut Worksheet, r: &MarksReport) -> Result<(), BookError> {
    sheet.set_name("Учёт по классам")?;
    header(
        sheet,
        [
            ("school", "Школа", 16.0),
            ("class", "Класс", 7.0),
            ("period", "Период", 13.0),
            ("category", "Категория", 16.0),
            ("pupil", "Ученик", 24.0),
            ("subjects", "Предметы", 30.0),
        ]
        .into_iter(),
    )?;
    let mut i = 0;
    for c in &r.classes {
        let mut rows: Vec<(&str, &str, String)> = Vec::new();
        rows.extend(
            c.excellent
                .iter()
                .map(|p| ("отличник", p.as_str(), String::new())),
        );
        rows.extend(
            c.good
                .iter()
                .map(|p| ("хорошист", p.as_str(), String::new())),
        );
        rows.extend(
            c.one_four
                .iter()
                .map(|o| ("с одной «4»", o.pupil.as_str(), o.subject.clone())),
        );
        rows.extend(
            c.one_three
                .iter()
                .map(|o| ("с одной «3»", o.pupil.as_str(), o.subject.clone())),
        );
        rows.extend(
            c.failing
                .iter()
                .map(|f| ("неуспевающий", f.pupil.as_str(), f.subjects.join(", "))),
        );
        for (category, pupil, subjects) in rows {
            let at = row(i + 2);
            let cells = [
                c.school.as_deref().unwrap_or(""),
                &c.class,
                period_ru(c.period),
                category,
                pupil,
                &subjects,
            ];
            for (k, t) in cells.iter().enumerate() {
                text(sheet, at, col(k), t, None)?;
            }
            i += 1;
        }
    }
    Ok(())
}
