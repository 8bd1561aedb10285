//! What can be wrong with one row of a titles file (names for a methodology's groups,
//! indicators and inputs): English for logs, Russian for people.

use std::fmt;

/// One problem of a titles file, at its row.
///
/// ```
/// use vsoko::reason::{TitleFlaw, TitleProblem};
/// let p = TitleProblem { row: 4, id: "1.1.99".into(), flaw: TitleFlaw::UnknownId { nearest: Some("1.1.9".into()) } };
/// assert_eq!(p.to_string(), "row 4: \"1.1.99\" is not a group, indicator or input of the methodology (did you mean \"1.1.9\"?)");
/// assert_eq!(p.ru(), "строка 4: «1.1.99» — не группа, не показатель и не входные данные методики (возможно, «1.1.9»)");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TitleProblem {
    /// 1-based row of the file (for a table given in memory, the position in it).
    pub row: usize,
    /// The id as written.
    pub id: String,
    /// What is wrong.
    pub flaw: TitleFlaw,
}

/// What is wrong with a row of a titles file.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum TitleFlaw {
    /// No id in the first column.
    EmptyId,
    /// The id names nothing in the methodology.
    UnknownId {
        /// The nearest id, when it looks like a typo.
        nearest: Option<String>,
    },
    /// The id is given again.
    DuplicateId {
        /// The row that gave it first.
        first: usize,
    },
    /// No title in the second column.
    EmptyTitle,
    /// A third column has text: it would be lost.
    ExtraCell {
        /// 1-based column.
        column: usize,
    },
    /// A quoted cell is not closed by the end of the file.
    UnclosedQuote,
}

impl TitleProblem {
    /// A stable code: `empty_id`, `unknown_id`, `duplicate_id`, `empty_title`, `extra_cell`,
    /// `unclosed_quote`.
    pub fn code(&self) -> &'static str {
        match self.flaw {
            TitleFlaw::EmptyId => "empty_id",
            TitleFlaw::UnknownId { .. } => "unknown_id",
            TitleFlaw::DuplicateId { .. } => "duplicate_id",
            TitleFlaw::EmptyTitle => "empty_title",
            TitleFlaw::ExtraCell { .. } => "extra_cell",
            TitleFlaw::UnclosedQuote => "unclosed_quote",
        }
    }

    /// The problem in Russian.
    pub fn ru(&self) -> String {
        let id = &self.id;
        let what = match &self.flaw {
            TitleFlaw::EmptyId => "нет кода в первом столбце".to_string(),
            TitleFlaw::UnknownId { nearest } => format!(
                "«{id}» — не группа, не показатель и не входные данные методики{}",
                nearest
                    .as_deref()
                    .map_or_else(String::new, |n| format!(" (возможно, «{n}»)"))
            ),
            TitleFlaw::DuplicateId { first } => {
                format!("код «{id}» уже был в строке {first}")
            }
            TitleFlaw::EmptyTitle => format!("у кода «{id}» нет названия во втором столбце"),
            TitleFlaw::ExtraCell { column } => format!(
                "в столбце {column} есть текст, а файл названий читает два столбца: код и название"
            ),
            TitleFlaw::UnclosedQuote => "кавычка не закрыта до конца файла".to_string(),
        };
        format!("строка {}: {what}", self.row)
    }
}

impl fmt::Display for TitleProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "row {}: ", self.row)?;
        let id = &self.id;
        match &self.flaw {
            TitleFlaw::EmptyId => f.write_str("no id in the first column"),
            TitleFlaw::UnknownId { nearest } => {
                write!(
                    f,
                    "\"{id}\" is not a group, indicator or input of the methodology"
                )?;
                match nearest {
                    Some(n) => write!(f, " (did you mean \"{n}\"?)"),
                    None => Ok(()),
                }
            }
            TitleFlaw::DuplicateId { first } => {
                write!(f, "id \"{id}\" was already given in row {first}")
            }
            TitleFlaw::EmptyTitle => write!(f, "id \"{id}\" has no title in the second column"),
            TitleFlaw::ExtraCell { column } => write!(
                f,
                "column {column} has text; a titles file has two columns: id and title"
            ),
            TitleFlaw::UnclosedQuote => f.write_str("a quote is not closed by the end of the file"),
        }
    }
}
