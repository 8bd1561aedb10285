//! One export of answers read against a definition: each respondent's group value and each
//! question's answer classified; a cell that is no answer of its question is a finding naming
//! the row and the column, and is not counted.

use super::definition::{Definition, Question, key};
use crate::error::{Error, Result};
use crate::finding::{Code, Finding, Place, Severity};
use crate::reason::{InputReason, Location};

/// A classified answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    /// No answer (an empty cell, or a cell that is no answer: then a finding).
    None,
    /// Satisfied; the position of the answer in the question's answers.
    Satisfied(usize),
    /// Answered, not satisfied.
    NotSatisfied(usize),
    /// "Did not use / cannot say": not counted as answered.
    NotApplicable(usize),
}

/// One period's answers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sheet {
    /// The period (the file's name without extension).
    pub period: String,
    /// Per respondent, the value of the grouping column (when asked).
    pub groups: Vec<Option<String>>,
    /// Per question (in definition order), per respondent, the answer.
    pub answers: Vec<Vec<Answer>>,
    /// Per open-text column, the non-empty cells.
    pub open_text: Vec<(String, usize)>,
    /// Columns neither a question, a respondent, open text nor the timestamp.
    pub unused: Vec<String>,
    /// Unknown answers and unused columns.
    pub findings: Vec<Finding>,
}

/// The answer labels of a question, in order: satisfied, not satisfied, not applicable; for a
/// scale its values `min..=max` first.
pub(super) fn labels(q: &Question) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    if let Some(s) = q.scale {
        out.extend((s.min..=s.max).map(|n| n.to_string()));
    }
    out.extend(q.satisfied.iter().cloned());
    out.extend(q.not_satisfied.iter().cloned());
    out.extend(q.not_applicable.iter().cloned());
    out
}

fn classify(q: &Question, cell: &str) -> Option<Answer> {
    let k = key(cell);
    if k.is_empty() {
        return Some(Answer::None);
    }
    let offset = q.scale.map_or(0, |s| (s.max - s.min + 1) as usize);
    if let Some(s) = q.scale
        && k.bytes().all(|b| b.is_ascii_digit())
        && let Ok(n) = k.parse::<u32>()
        && (s.min..=s.max).contains(&n)
    {
        let i = (n - s.min) as usize;
        return Some(if n >= s.satisfied_from {
            Answer::Satisfied(i)
        } else {
            Answer::NotSatisfied(i)
        });
    }
    let find = |list: &[String]| list.iter().position(|a| key(a) == k);
    let (ns, nn) = (q.satisfied.len(), q.not_satisfied.len());
    if let Some(i) = find(&q.satisfied) {
        return Some(Answer::Satisfied(offset + i));
    }
    if let Some(i) = find(&q.not_satisfied) {
        return Some(Answer::NotSatisfied(offset + ns + i));
    }
    find(&q.not_applicable).map(|i| Answer::NotApplicable(offset + ns + nn + i))
}

/// The finding of a cell that is no answer of its question.
fn unknown(q: &Question, at: (&str, usize), column: (usize, &str), text: &str) -> Finding {
    let ((file, row), (column, heading)) = (at, column);
    let list = labels(q)
        .iter()
        .map(|a| format!("«{a}»"))
        .collect::<Vec<_>>()
        .join(", ");
    Finding::new(
        Code::UnknownAnswer,
        Severity::Error,
        Place {
            field: Some(q.id.clone()),
            ..Place::row(file, row as u64)
        },
        format!(
            "row {row}, column {} {heading:?}: {:?} is not an answer of question {} (not counted)",
            column + 1,
            text.trim(),
            q.id
        ),
        format!(
            "строка {row}, столбец {} «{heading}»: «{}» — не ответ вопроса {} (ожидается {list}); не учтено",
            column + 1,
            text.trim(),
            q.id
        ),
    )
}

impl Sheet {
    /// Reads one export: its header and rows (with their row numbers), grouped by the column
    /// `by` when given.
    ///
    /// # Errors
    /// [`Error::InvalidInput`] when a question's column or the `by` column is missing.
    ///
    /// ```
    /// use vsoko::survey::{Answer, Definition, Sheet};
    /// let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../fixtures/survey/parents.json")).unwrap();
    /// let d = Definition::from_json(&text).unwrap();
    /// let mut header: Vec<String> = d.questions.iter().map(|q| q.column.clone()).collect();
    /// header.push("Класс".into());
    /// let row = vec!["  да".into(), "Нет".into(), "Скорее да".into(), "5".into(), "".into(), "5А".into()];
    /// let s = Sheet::read(&d, "весна", &header, vec![(2, row)], Some("Класс"), "").unwrap();
    /// assert_eq!(s.answers[0], [Answer::Satisfied(0)]);
    /// assert_eq!(s.answers[3], [Answer::Satisfied(4)]);
    /// assert_eq!(s.groups, [Some("5А".to_string())]);
    /// ```
    pub fn read(
        d: &Definition,
        period: &str,
        header: &[String],
        rows: Vec<(usize, Vec<String>)>,
        by: Option<&str>,
        file: &str,
    ) -> Result<Sheet> {
        let find = |name: &str| {
            header
                .iter()
                .position(|h| key(h.trim_start_matches('\u{feff}')) == key(name))
        };
        let missing = |name: &str| Error::InvalidInput {
            at: Location::Header,
            reason: InputReason::MissingColumn {
                name: name.to_string(),
            },
        };
        let mut question_columns = Vec::with_capacity(d.questions.len());
        for q in &d.questions {
            question_columns.push(find(&q.column).ok_or_else(|| missing(&q.column))?);
        }
        let group_column = by.map(|b| find(b).ok_or_else(|| missing(b))).transpose()?;
        let open: Vec<(String, Option<usize>)> =
            d.open_text.iter().map(|c| (c.clone(), find(c))).collect();
        let known: Vec<usize> = d
            .timestamp
            .iter()
            .chain(&d.respondent)
            .filter_map(|c| find(c))
            .chain(question_columns.iter().copied())
            .chain(open.iter().filter_map(|(_, i)| *i))
            .chain(group_column)
            .collect();
        let mut findings = Vec::new();
        let mut unused = Vec::new();
        for (i, h) in header.iter().enumerate() {
            let h = h.trim_start_matches('\u{feff}').trim();
            if !known.contains(&i) && !h.is_empty() {
                unused.push(h.to_string());
                findings.push(Finding::new(
                    Code::ColumnUnused,
                    Severity::Warning,
                    Place {
                        field: Some(h.to_string()),
                        ..Place::row(file, 1)
                    },
                    format!("column {h:?} is not in the survey definition: left out"),
                    format!("столбец «{h}» не описан в анкете: не учтён"),
                ));
            }
        }
        let mut groups = Vec::with_capacity(rows.len());
        let mut answers = vec![Vec::with_capacity(rows.len()); d.questions.len()];
        let mut open_text: Vec<(String, usize)> =
            open.iter().map(|(c, _)| (c.clone(), 0)).collect();
        for (row, cells) in rows {
            if cells.iter().all(|c| c.trim().is_empty()) {
                continue;
            }
            let cell = |i: usize| cells.get(i).map_or("", String::as_str);
            groups.push(group_column.map(|i| cell(i).trim().to_string()));
            for ((q, column), out) in d.questions.iter().zip(&question_columns).zip(&mut answers) {
                let text = cell(*column);
                out.push(classify(q, text).unwrap_or_else(|| {
                    let heading = header.get(*column).map_or("", |h| h.trim());
                    findings.push(unknown(q, (file, row), (*column, heading), text));
                    Answer::None
                }));
            }
            for ((_, n), (_, i)) in open_text.iter_mut().zip(&open) {
                if i.is_some_and(|i| !cell(i).trim().is_empty()) {
                    *n += 1;
                }
            }
        }
        Ok(Sheet {
            period: period.to_string(),
            groups,
            answers,
            open_text,
            unused,
            findings,
        })
    }
}
