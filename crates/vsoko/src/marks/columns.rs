//! The columns of a long table of marks, found by their headings (English ids or the Russian
//! names e-journals export).

use crate::error::{Error, Result};
use crate::reason::{InputReason, Location};

/// Every column: its id, whether it is required, and the headings read as it (compared in
/// lower case, `ё` as `е`).
pub const COLUMNS: &[(&str, bool, &[&str])] = &[
    (
        "school",
        false,
        &["school", "оо", "школа", "образовательная организация"],
    ),
    ("class", true, &["class", "класс"]),
    (
        "pupil",
        true,
        &[
            "pupil",
            "ученик",
            "фио",
            "обучающийся",
            "учащийся",
            "фио ученика",
        ],
    ),
    ("subject", true, &["subject", "предмет", "учебный предмет"]),
    (
        "teacher",
        false,
        &["teacher", "учитель", "педагог", "фио учителя"],
    ),
    ("period", true, &["period", "период", "учебный период"]),
    ("mark", true, &["mark", "отметка", "оценка"]),
    (
        "municipality",
        false,
        &[
            "municipality",
            "муниципалитет",
            "мо",
            "муниципальное образование",
        ],
    ),
];

/// Where each column is in a table (0-based positions).
///
/// ```
/// let c = vsoko::marks::Columns::from_header(&["Класс", "ФИО", "Предмет", "Период", "Отметка"]).unwrap();
/// assert_eq!(c.pupil, 1);
/// assert_eq!(c.teacher, None);
/// let m = vsoko::marks::Columns::from_header(&["МО", "Класс", "ФИО", "Предмет", "Период", "Отметка"]).unwrap();
/// assert_eq!(m.municipality, Some(0));
/// let e = vsoko::marks::Columns::from_header(&["Класс", "ФИО"]).unwrap_err();
/// assert!(e.message_ru().contains("«Предмет»"));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Columns {
    /// School (optional).
    pub school: Option<usize>,
    /// Class.
    pub class: usize,
    /// Pupil.
    pub pupil: usize,
    /// Subject.
    pub subject: usize,
    /// Teacher (optional).
    pub teacher: Option<usize>,
    /// Period.
    pub period: usize,
    /// Mark.
    pub mark: usize,
    /// Municipality (optional).
    pub municipality: Option<usize>,
}

impl Columns {
    /// The columns of a header row.
    ///
    /// # Errors
    /// [`Error::InvalidInput`] naming every required column that is missing, with the headings
    /// read as each; or a column that appears twice.
    pub fn from_header<S: AsRef<str>>(header: &[S]) -> Result<Columns> {
        let mut found: [Option<usize>; 8] = [None; 8];
        for (pos, cell) in header.iter().enumerate() {
            let h = cell.as_ref().trim().to_lowercase().replace('ё', "е");
            let Some(i) = COLUMNS
                .iter()
                .position(|(_, _, names)| names.contains(&h.as_str()))
            else {
                continue;
            };
            if let Some(slot) = found.get_mut(i) {
                if slot.is_some() {
                    return Err(Error::InvalidInput {
                        at: Location::Heading {
                            column: pos + 1,
                            name: cell.as_ref().to_string(),
                        },
                        reason: InputReason::DuplicateColumn {
                            name: cell.as_ref().to_string(),
                        },
                    });
                }
                *slot = Some(pos);
            }
        }
        let absent: Vec<&(&str, bool, &[&str])> = COLUMNS
            .iter()
            .zip(&found)
            .filter(|((_, required, _), f)| *required && f.is_none())
            .map(|(c, _)| c)
            .collect();
        let missing = absent.iter().map(|(id, _, _)| (*id).to_string()).collect();
        let missing_ru = absent
            .iter()
            .map(|(_, _, names)| names.get(1).copied().unwrap_or_default().to_string())
            .collect();
        let at = |i: usize| found.get(i).copied().flatten();
        match (at(1), at(2), at(3), at(5), at(6)) {
            (Some(class), Some(pupil), Some(subject), Some(period), Some(mark)) => Ok(Columns {
                school: at(0),
                class,
                pupil,
                subject,
                teacher: at(4),
                period,
                mark,
                municipality: at(7),
            }),
            _ => Err(Error::InvalidInput {
                at: Location::Argument("header".into()),
                reason: InputReason::NoMarksHeader {
                    missing,
                    missing_ru,
                },
            }),
        }
    }
}
