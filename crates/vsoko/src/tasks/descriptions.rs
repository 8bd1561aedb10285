//! What each task checks («проверяемые требования (умения)»), from a table the school supplies:
//! (procedure, subject, grade, year, task) → the checked element. None are bundled: the
//! official descriptions are published per year in each procedure's description, and vsoko has
//! no copy of them.

use super::names::name_key;
use crate::error::{Error, Result};
use crate::reason::{InputReason, Location};
use std::collections::HashMap;

/// (procedure, subject, grade, year or none for every year, task), names compared as keys.
type Key = (String, String, u8, Option<i32>, String);

/// Task descriptions by work and task.
///
/// ```
/// use vsoko::tasks::TaskDescriptions;
/// let rows = vec![
///     vec!["Процедура", "Предмет", "Параллель", "Год", "Задание", "Проверяемые требования"],
///     vec!["ВПР", "Математика", "5", "", "1", "Натуральные числа"],
/// ];
/// let d = TaskDescriptions::from_rows(&rows).unwrap();
/// assert_eq!(d.get("впр", "математика", 5, 2025, "1"), Some("Натуральные числа"));
/// assert_eq!(d.get("ВПР", "Математика", 6, 2025, "1"), None);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TaskDescriptions {
    /// The description and its row.
    map: HashMap<Key, (String, usize)>,
}

const COLUMNS: [(&str, &[&str]); 6] = [
    ("procedure", &["procedure", "процедура"]),
    ("subject", &["subject", "предмет"]),
    ("grade", &["grade", "параллель", "класс"]),
    ("year", &["year", "год"]),
    ("task", &["task", "задание", "номер задания", "№ задания"]),
    (
        "description",
        &[
            "description",
            "описание",
            "проверяемые требования",
            "проверяемые требования (умения)",
            "проверяемый элемент",
            "проверяемые умения",
        ],
    ),
];

impl TaskDescriptions {
    /// Reads a table: a header row naming procedure, subject, grade, task and description
    /// (year optional: a row without one applies to every year), then one task per row; blank
    /// rows are skipped.
    ///
    /// # Errors
    /// [`Error::InvalidInput`] naming the row and column: a missing column, a grade that is not
    /// 1–11, a year that is not a number, an empty cell, a task described twice.
    pub fn from_rows<S: AsRef<str>>(rows: &[Vec<S>]) -> Result<TaskDescriptions> {
        let mut rows = rows
            .iter()
            .enumerate()
            .filter(|(_, r)| r.iter().any(|c| !c.as_ref().trim().is_empty()));
        let header = rows.next().map(|(_, r)| r.as_slice()).unwrap_or_default();
        let mut at = [None; 6];
        for (i, h) in header.iter().enumerate() {
            let h = h
                .as_ref()
                .trim()
                .trim_start_matches('\u{feff}')
                .to_lowercase();
            if let Some(k) = COLUMNS
                .iter()
                .position(|(_, names)| names.contains(&h.as_str()))
                && let Some(slot) = at.get_mut(k)
            {
                *slot = Some(i);
            }
        }
        let mut columns = [0usize; 6];
        for ((slot, (id, names)), found) in columns.iter_mut().zip(COLUMNS).zip(at) {
            *slot = match found {
                Some(i) => i,
                None if id == "year" => usize::MAX,
                None => {
                    return Err(Error::InvalidInput {
                        at: Location::Header,
                        reason: InputReason::MissingColumn {
                            name: format!("{id} / {}", names.get(1).unwrap_or(&id)),
                        },
                    });
                }
            };
        }
        let [procedure, subject, grade, year, task, description] = columns;
        let mut map = HashMap::new();
        for (n, row) in rows {
            let line = n + 1;
            let cell = |i: usize| row.get(i).map_or("", |c| c.as_ref().trim());
            let bad = |i: usize, found: &str, min: &str, max: &str| Error::InvalidInput {
                at: Location::Cell(format!("{}{line}", crate::reason::column_letters(i + 1))),
                reason: InputReason::OutOfRange {
                    found: found.into(),
                    min: min.into(),
                    max: max.into(),
                },
            };
            for i in [procedure, subject, grade, task, description] {
                if cell(i).is_empty() {
                    return Err(Error::InvalidInput {
                        at: Location::Cell(format!(
                            "{}{line}",
                            crate::reason::column_letters(i + 1)
                        )),
                        reason: InputReason::MissingColumn {
                            name: header.get(i).map_or("", |h| h.as_ref().trim()).into(),
                        },
                    });
                }
            }
            let g: u8 = cell(grade)
                .parse()
                .ok()
                .filter(|g| (1..=11).contains(g))
                .ok_or_else(|| bad(grade, cell(grade), "1", "11"))?;
            let y: Option<i32> = match cell(year) {
                "" => None,
                t => Some(
                    t.parse()
                        .ok()
                        .filter(|y| (1990..=2200).contains(y))
                        .ok_or_else(|| bad(year, t, "1990", "2200"))?,
                ),
            };
            let key = (
                name_key(cell(procedure)),
                name_key(cell(subject)),
                g,
                y,
                cell(task).to_string(),
            );
            if let Some((_, first_row)) = map.get(&key) {
                return Err(Error::InvalidInput {
                    at: Location::Row(line),
                    reason: InputReason::DuplicateDescription {
                        task: format!("{} {} {g}, {}", cell(procedure), cell(subject), cell(task)),
                        first_row: *first_row,
                    },
                });
            }
            map.insert(key, (cell(description).to_string(), line));
        }
        Ok(TaskDescriptions { map })
    }

    /// What a task checks: the row of its year, else the row for every year.
    pub fn get(
        &self,
        procedure: &str,
        subject: &str,
        grade: u8,
        year: i32,
        task: &str,
    ) -> Option<&str> {
        let (p, s) = (name_key(procedure), name_key(subject));
        self.map
            .get(&(p.clone(), s.clone(), grade, Some(year), task.to_string()))
            .or_else(|| self.map.get(&(p, s, grade, None, task.to_string())))
            .map(|(d, _)| d.as_str())
    }

    /// How many tasks are described.
    pub fn len(&self) -> usize {
        self.map.len()
    }

    /// Whether none is.
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }
}
