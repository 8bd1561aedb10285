//! The columns of a table of results by task: the fields a heading names (English ids, the
//! Russian headings of the federal exports and of ОГЭ/ЕГЭ lists) and the task columns.

use super::heading::{Heading, Task};
use crate::error::{Error, Result};
use crate::objectivity::FileContext;
use crate::reason::{InputReason, Location};
use std::sync::atomic::{AtomicU64, Ordering};

/// A field of a results table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Field {
    School,
    SchoolName,
    Municipality,
    Year,
    Procedure,
    Subject,
    Grade,
    Class,
    Pupil,
    Variant,
    TestScore,
    Mark,
    /// Read elsewhere or not needed here: the primary score, its maximum, the journal mark, `№`.
    Unused,
}

const FIELDS: usize = 12;

/// Every field with the headings read as it (lower case, `ё` as `е`).
const HEADINGS: &[(Field, &[&str])] = &[
    (
        Field::School,
        &[
            "school",
            "оо",
            "код оо",
            "логин оо",
            "логин",
            "школа",
            "образовательная организация",
        ],
    ),
    (
        Field::SchoolName,
        &["school_name", "название оо", "наименование оо"],
    ),
    (
        Field::Municipality,
        &[
            "municipality",
            "муниципалитет",
            "мо",
            "муниципальное образование",
        ],
    ),
    (Field::Year, &["year", "год"]),
    (Field::Procedure, &["procedure", "процедура", "экзамен"]),
    (Field::Subject, &["subject", "предмет", "учебный предмет"]),
    (Field::Grade, &["grade", "параллель"]),
    (Field::Class, &["class", "класс"]),
    (
        Field::Pupil,
        &[
            "pupil",
            "код участника",
            "код ученика",
            "фио",
            "ученик",
            "участник",
            "обучающийся",
            "фио участника",
        ],
    ),
    (Field::Variant, &["variant", "вариант"]),
    (
        Field::TestScore,
        &[
            "test_score",
            "тестовый балл",
            "тестовый балл (100)",
            "балл по 100-балльной шкале",
        ],
    ),
    (
        Field::Mark,
        &["mark", "отметка", "отметка за впр", "оценка"],
    ),
    (
        Field::Unused,
        &[
            "score",
            "первичный балл",
            "балл",
            "max_score",
            "максимальный первичный балл",
            "максимальный балл",
            "journal_mark",
            "отметка по журналу",
            "№",
            "№ п/п",
            "n",
        ],
    ),
];

fn field_of(heading: &str) -> Option<Field> {
    let h = heading
        .trim()
        .trim_start_matches('\u{feff}')
        .to_lowercase()
        .replace('ё', "е");
    if h.starts_with("отметка за предыдущ") {
        return Some(Field::Unused);
    }
    HEADINGS
        .iter()
        .find(|(_, names)| names.contains(&h.as_str()))
        .map(|(f, _)| *f)
}

/// Whether a row of cells is the header of a results table: it names the pupil and a task, a
/// test score or a mark.
///
/// ```
/// use vsoko::tasks::is_header;
/// assert!(is_header(&["ОО", "Код участника", "1 (1б)", "Первичный балл"]));
/// assert!(is_header(&["Школа", "ФИО", "Тестовый балл"]));
/// assert!(!is_header(&["ВПР 2025 Математика 5 класс"]));
/// ```
pub fn is_header<S: AsRef<str>>(cells: &[S]) -> bool {
    let mut pupil = false;
    let mut results = false;
    for c in cells {
        let c = c.as_ref();
        match field_of(c) {
            Some(Field::Pupil) => pupil = true,
            Some(Field::TestScore | Field::Mark) => results = true,
            _ => results |= matches!(Heading::read(c), Heading::Task(_)),
        }
    }
    pupil && results
}

static NEXT_ID: AtomicU64 = AtomicU64::new(1);

/// Where each field and task is in a table, decided once from its header, with what the file
/// says about all its rows (the title «ВПР 2025 Математика 5 класс»).
///
/// ```
/// use vsoko::objectivity::FileContext;
/// use vsoko::tasks::ResultsColumns;
/// let header = ["ОО", "Код участника", "Класс", "1 (1б)", "2 (2б)", "Отметка"];
/// let context = FileContext::from_title("ВПР 2025 Математика 5 класс").unwrap();
/// let c = ResultsColumns::from_header(&header, context).unwrap();
/// assert_eq!(c.tasks().len(), 2);
/// let e = ResultsColumns::from_header(&["ОО", "Код участника", "1"], Default::default()).unwrap_err();
/// assert!(e.message_ru().contains("не указан максимальный балл"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResultsColumns {
    /// Tells tables apart (a group maps each table's tasks once).
    pub(super) id: u64,
    /// The column of each field (by `Field as usize`).
    pub(super) at: [Option<usize>; FIELDS],
    /// Each task column and its task.
    pub(super) tasks: Vec<(usize, Task)>,
    /// How many columns the header has.
    pub(super) width: usize,
    /// The headings as written, for messages.
    pub(super) headings: Vec<String>,
    pub(super) context: FileContext,
}

impl ResultsColumns {
    /// Maps a header; what it lacks (procedure, year, subject, grade) may come from `context`.
    ///
    /// # Errors
    /// [`Error::InvalidInput`] naming the column: a heading that is neither a field nor a task,
    /// a task without its maximum, a field given twice; a missing pupil column; a procedure,
    /// subject or year given by neither the header nor the title; no task, test score or mark.
    pub fn from_header<S: AsRef<str>>(
        header: &[S],
        context: FileContext,
    ) -> Result<ResultsColumns> {
        let width = header
            .iter()
            .rposition(|c| !c.as_ref().trim().is_empty())
            .map_or(0, |i| i + 1);
        let mut at = [None; FIELDS];
        let mut tasks: Vec<(usize, Task)> = Vec::new();
        let mut headings = Vec::with_capacity(width);
        for (i, cell) in header.iter().take(width).enumerate() {
            let name = cell.as_ref().trim().trim_start_matches('\u{feff}');
            headings.push(name.to_string());
            if name.is_empty() {
                continue;
            }
            let column = Location::Heading {
                column: i + 1,
                name: name.to_string(),
            };
            match field_of(name) {
                Some(Field::Unused) => {}
                Some(f) => {
                    let Some(slot) = at.get_mut(f as usize) else {
                        continue;
                    };
                    if slot.is_some() {
                        return Err(Error::InvalidInput {
                            at: column,
                            reason: InputReason::DuplicateColumn { name: name.into() },
                        });
                    }
                    *slot = Some(i);
                }
                None => match Heading::read(name) {
                    Heading::Task(t) => {
                        if tasks.iter().any(|(_, u)| u.task == t.task) {
                            return Err(Error::InvalidInput {
                                at: column,
                                reason: InputReason::DuplicateColumn { name: name.into() },
                            });
                        }
                        tasks.push((i, t));
                    }
                    Heading::WithoutMax => {
                        return Err(Error::InvalidInput {
                            at: column,
                            reason: InputReason::TaskWithoutMax { name: name.into() },
                        });
                    }
                    Heading::Other => {
                        return Err(Error::InvalidInput {
                            at: column,
                            reason: InputReason::UnknownResultsColumn { name: name.into() },
                        });
                    }
                },
            }
        }
        let has = |f: Field| at.get(f as usize).is_some_and(Option::is_some);
        let missing = |name: &str| Error::InvalidInput {
            at: Location::Header,
            reason: InputReason::MissingColumn { name: name.into() },
        };
        if !has(Field::Pupil) {
            return Err(missing("pupil / Код участника или ФИО"));
        }
        if !has(Field::Procedure) && context.procedure.is_none() {
            return Err(missing("procedure / Процедура"));
        }
        if !has(Field::Subject) && context.subject.is_none() {
            return Err(missing("subject / Предмет"));
        }
        if !has(Field::Year) && context.year.is_none() {
            return Err(missing("year / Год"));
        }
        if tasks.is_empty() && !has(Field::TestScore) && !has(Field::Mark) {
            return Err(Error::InvalidInput {
                at: Location::Header,
                reason: InputReason::NoResultsHeader,
            });
        }
        Ok(ResultsColumns {
            id: NEXT_ID.fetch_add(1, Ordering::Relaxed),
            at,
            tasks,
            width,
            headings,
            context,
        })
    }

    /// The task columns: each column's position and its task.
    pub fn tasks(&self) -> &[(usize, Task)] {
        &self.tasks
    }

    pub(super) fn at(&self, f: Field) -> Option<usize> {
        self.at.get(f as usize).copied().flatten()
    }
}

/// A table read top to bottom: rows above the header give the file's context (the title «ВПР
/// 2025 Математика 5 класс», the meta rows), the first row that names the pupil and a task, a
/// test score or a mark is the header, and every row after it is a pupil.
///
/// ```
/// use vsoko::tasks::ResultsTable;
/// let mut t = ResultsTable::default();
/// assert!(t.take_preamble(&["ВПР 2025 Математика 5 класс"]).unwrap());
/// assert!(t.take_preamble(&["ОО", "Код участника", "1 (1б)", "2 (2б)"]).unwrap());
/// assert!(!t.take_preamble(&["sch1", "1", "1", "2"]).unwrap());
/// assert_eq!(t.columns().unwrap().tasks()[1].1.max, 2);
/// ```
#[derive(Debug, Clone, Default)]
pub struct ResultsTable {
    context: FileContext,
    columns: Option<ResultsColumns>,
}

impl ResultsTable {
    /// Takes a row that comes before the pupils: `Ok(true)` when it was one (a title, a meta
    /// row, the header), `Ok(false)` once the header has been read.
    ///
    /// # Errors
    /// As [`ResultsColumns::from_header`], for the header row.
    pub fn take_preamble<S: AsRef<str>>(&mut self, cells: &[S]) -> Result<bool> {
        if self.columns.is_some() {
            return Ok(false);
        }
        if is_header(cells) {
            self.columns = Some(ResultsColumns::from_header(cells, self.context.clone())?);
            return Ok(true);
        }
        let texts: Vec<&str> = cells
            .iter()
            .map(|c| c.as_ref().trim())
            .filter(|c| !c.is_empty())
            .collect();
        if self.context.procedure.is_none()
            && let Some(c) = texts.first().and_then(|t| FileContext::from_title(t))
        {
            self.context = c;
        }
        Ok(true)
    }

    /// The columns, once the header has been read.
    pub fn columns(&self) -> Option<&ResultsColumns> {
        self.columns.as_ref()
    }
}
