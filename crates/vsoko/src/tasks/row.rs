//! One row of a results table read into a pupil's sitting: who, which work, absent or not, the
//! points per task (into a buffer the caller keeps), the mark and the test score.

use super::columns::{Field, ResultsColumns};
use crate::finding::{Code, Rejection};

/// A pupil's row, borrowed from its cells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Sitting<'a> {
    pub(super) school: Option<&'a str>,
    pub(super) procedure: &'a str,
    pub(super) subject: &'a str,
    pub(super) grade: u8,
    pub(super) year: i32,
    pub(super) class: Option<&'a str>,
    pub(super) pupil: &'a str,
    /// Did not write the work: not a participant.
    pub(super) absent: bool,
    pub(super) mark: Option<u8>,
    pub(super) test_score: Option<u8>,
}

/// A whole number written plainly (`12`; a workbook's `12.0` too).
fn whole(t: &str) -> Option<u64> {
    let t = t
        .strip_suffix(".0")
        .or_else(|| t.strip_suffix(",0"))
        .unwrap_or(t);
    if t.is_empty() || t.len() > 18 || !t.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    t.parse().ok()
}

/// «Х» (Cyrillic or Latin, either case): the pupil did not attempt the task, 0 points.
fn is_not_attempted(t: &str) -> bool {
    matches!(t, "Х" | "х" | "X" | "x")
}

/// Whether a procedure is ЕГЭ.
pub(super) fn is_ege(procedure: &str) -> bool {
    procedure.trim().to_lowercase() == "егэ"
}

/// The grade of a procedure that names it (ОГЭ: 9, ЕГЭ: 11).
fn grade_of(procedure: &str) -> Option<u8> {
    match procedure.trim().to_lowercase().as_str() {
        "огэ" => Some(9),
        "егэ" => Some(11),
        _ => None,
    }
}

/// The cells of one row, looked up by field.
struct Cells<'a, S> {
    c: &'a ResultsColumns,
    cells: &'a [S],
}

impl<'a, S: AsRef<str>> Cells<'a, S> {
    fn at(&self, i: usize) -> &'a str {
        self.cells.get(i).map_or("", |s| s.as_ref().trim())
    }

    fn text(&self, f: Field) -> Option<&'a str> {
        self.c.at(f).map(|i| self.at(i)).filter(|t| !t.is_empty())
    }

    fn missing(&self, f: Field, en: &str, ru: &str) -> Rejection {
        Rejection {
            code: Code::MissingCell,
            column: self.c.at(f).or(self.c.at(Field::Pupil)).unwrap_or(0),
            en: format!("no {en}"),
            ru: format!("не указан {ru}"),
        }
    }

    /// A whole number in `min..=max` in field `f`, `None` when the cell is empty or absent.
    fn number(
        &self,
        f: Field,
        range: (u64, u64),
        what: (&str, &str),
    ) -> Result<Option<u64>, Rejection> {
        let Some(i) = self.c.at(f) else {
            return Ok(None);
        };
        let t = self.at(i);
        if t.is_empty() {
            return Ok(None);
        }
        let (min, max) = range;
        whole(t)
            .filter(|n| (min..=max).contains(n))
            .map(Some)
            .ok_or_else(|| Rejection {
                code: Code::MissingCell,
                column: i,
                en: format!("\"{t}\" is not a {} ({min} to {max})", what.0),
                ru: format!("«{t}» — не {} (от {min} до {max})", what.1),
            })
    }
}

/// Reads a row; `points` receives each task column's points (`None` for an empty cell).
pub(super) fn read<'a, S: AsRef<str>>(
    columns: &'a ResultsColumns,
    cells: &'a [S],
    points: &mut Vec<Option<u32>>,
) -> Result<Sitting<'a>, Rejection> {
    let r = Cells { c: columns, cells };
    if let Some(extra) = cells
        .iter()
        .skip(columns.width)
        .position(|s| !s.as_ref().trim().is_empty())
    {
        return Err(Rejection {
            code: Code::ExtraCell,
            column: columns.width + extra,
            en: format!("a value past the header's {} columns", columns.width),
            ru: format!(
                "значение за пределами столбцов заголовка (их {})",
                columns.width
            ),
        });
    }
    let context = &columns.context;
    let pupil = r
        .text(Field::Pupil)
        .ok_or_else(|| r.missing(Field::Pupil, "pupil", "участник"))?;
    let procedure = r
        .text(Field::Procedure)
        .or(context.procedure.as_deref())
        .ok_or_else(|| r.missing(Field::Procedure, "procedure", "вид процедуры"))?;
    let subject = r
        .text(Field::Subject)
        .or(context.subject.as_deref())
        .ok_or_else(|| r.missing(Field::Subject, "subject", "предмет"))?;
    let year = match r.number(Field::Year, (1990, 2200), ("year", "год"))? {
        Some(y) => i32::try_from(y).unwrap_or_default(),
        None => context
            .year
            .ok_or_else(|| r.missing(Field::Year, "year", "год"))?,
    };
    let grade = match r.number(Field::Grade, (1, 11), ("grade", "номер параллели"))? {
        Some(g) => u8::try_from(g).unwrap_or_default(),
        None => context.grade.or_else(|| grade_of(procedure)).ok_or_else(|| {
            r.missing(
                Field::Grade,
                "grade: give a grade column or a title such as «ВПР 2025 Математика 5 класс»",
                "номер параллели: добавьте столбец «Параллель» или строку заголовка вида «ВПР 2025 Математика 5 класс»",
            )
        })?,
    };
    let absent = r
        .text(Field::Variant)
        .is_some_and(|v| v.to_lowercase().starts_with("отсутств"));
    task_points(&r, absent, points)?;
    let mark = if absent {
        None
    } else {
        r.number(Field::Mark, (2, 5), ("mark", "отметка"))
            .map_err(|e| Rejection {
                code: Code::InvalidMark,
                ..e
            })?
    };
    let test_score = if absent {
        None
    } else {
        r.number(Field::TestScore, (0, 100), ("test score", "тестовый балл"))
            .map_err(|e| Rejection {
                code: Code::InvalidScore,
                ..e
            })?
    };
    let given = points.iter().filter(|p| p.is_some()).count();
    let absent = absent || (given == 0 && mark.is_none() && test_score.is_none());
    if !absent
        && given > 0
        && let Some((i, task)) = points
            .iter()
            .position(Option::is_none)
            .and_then(|k| columns.tasks.get(k))
    {
        return Err(Rejection {
            code: Code::MissingCell,
            column: *i,
            en: format!(
                "no points for task {}: give the points, or «Х» for a task not attempted",
                task.task
            ),
            ru: format!(
                "нет баллов за задание {}: укажите баллы или «Х», если участник не приступал к заданию",
                task.task
            ),
        });
    }
    Ok(Sitting {
        school: r.text(Field::School).or(r.text(Field::SchoolName)),
        procedure,
        subject,
        grade,
        year,
        class: r.text(Field::Class),
        pupil,
        absent,
        mark: mark.and_then(|m| u8::try_from(m).ok()),
        test_score: test_score.and_then(|s| u8::try_from(s).ok()),
    })
}

/// Each task column's points into `points` (`None` for an empty cell; «Х» is 0).
fn task_points<S: AsRef<str>>(
    r: &Cells<'_, S>,
    absent: bool,
    points: &mut Vec<Option<u32>>,
) -> Result<(), Rejection> {
    points.clear();
    for (i, task) in &r.c.tasks {
        let t = r.at(*i);
        let p = if t.is_empty() {
            None
        } else if is_not_attempted(t) {
            Some(0)
        } else {
            let p = whole(t)
                .and_then(|p| u32::try_from(p).ok())
                .filter(|p| *p <= task.max);
            if p.is_none() && !absent {
                return Err(Rejection {
                    code: Code::InvalidPoints,
                    column: *i,
                    en: format!(
                        "\"{t}\" is not points for task {}: expected a whole number from 0 to {}, or «Х» for a task not attempted",
                        task.task, task.max
                    ),
                    ru: format!(
                        "«{t}» — не баллы за задание {}: ожидается целое число от 0 до {} или «Х», если участник не приступал к заданию",
                        task.task, task.max
                    ),
                });
            }
            p
        };
        points.push(p);
    }
    Ok(())
}
