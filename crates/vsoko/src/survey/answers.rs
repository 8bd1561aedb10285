//! One export of answers read against a definition and counted per group as it is read; a cell that is no answer of its question is a finding naming
//! the row and the column, and is not counted.

use super::definition::{Definition, Question, key};
use crate::error::{Error, Result};
use crate::finding::{Code, Finding, Place, Severity};
use crate::reason::{InputReason, Location};

/// A classified answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Answer {
    /// No answer (an empty cell, or a cell that is no answer: then a finding).
    None,
    /// Satisfied; the position of the answer in the question's answers.
    Satisfied(usize),
    /// Answered, not satisfied.
    NotSatisfied(usize),
    /// "Did not use / cannot say": not counted as answered.
    NotApplicable(usize),
}

/// How many unknown answers are listed one by one; the rest are counted in one finding.
const LISTED: usize = 200;

/// One question's counts in one group.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Counts {
    /// Those who answered (satisfied or not).
    pub answered: usize,
    /// Those satisfied.
    pub satisfied: usize,
    /// Per answer label ([`labels`] order), how many gave it.
    pub answers: Vec<usize>,
}

/// One group's respondents and counts.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Group {
    /// Respondents.
    pub respondents: usize,
    /// Per question, in definition order.
    pub questions: Vec<Counts>,
}

/// One period's answers, counted as they are read (a row at a time, so a region's million
/// respondents take the memory of their groups, not of their rows).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sheet {
    /// The period (the file's name without extension).
    pub period: String,
    /// Per group (`None`: every respondent, or an empty grouping cell), the counts; in group
    /// order (`None` first).
    pub groups: std::collections::BTreeMap<Option<String>, Group>,
    /// Per open-text column, the non-empty cells.
    pub open_text: Vec<(String, usize)>,
    /// Columns neither a question, a respondent, open text nor the timestamp.
    pub unused: Vec<String>,
    /// Unknown answers and unused columns.
    pub findings: Vec<Finding>,
    file: String,
    question_columns: Vec<usize>,
    group_column: Option<usize>,
    open_columns: Vec<Option<usize>>,
    headings: Vec<String>,
    unknown: usize,
    classifiers: Vec<Classifier>,
    /// Groups as they come, and where each is (counting without a lookup allocation).
    order: Vec<(Option<String>, Group)>,
    index: std::collections::HashMap<String, usize>,
}

/// The answer labels of a question, in order: satisfied, not satisfied, not applicable; for a
/// scale its values `min..=max` first.
pub fn labels(q: &Question) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    if let Some(s) = q.scale {
        out.extend((s.min..=s.max).map(|n| n.to_string()));
    }
    out.extend(q.satisfied.iter().cloned());
    out.extend(q.not_satisfied.iter().cloned());
    out.extend(q.not_applicable.iter().cloned());
    out
}

/// A question's answers looked up without allocating for the common case: the cell as the
/// definition writes it; otherwise without case and extra spaces, or a scale value in digits.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Classifier {
    exact: std::collections::HashMap<String, Answer>,
    keyed: std::collections::HashMap<String, Answer>,
    scale: Option<crate::survey::Scale>,
}

impl Classifier {
    fn new(q: &Question) -> Classifier {
        let mut all: Vec<(String, Answer)> = Vec::new();
        let mut i = 0;
        if let Some(s) = q.scale {
            for n in s.min..=s.max {
                all.push((
                    n.to_string(),
                    if n >= s.satisfied_from {
                        Answer::Satisfied(i)
                    } else {
                        Answer::NotSatisfied(i)
                    },
                ));
                i += 1;
            }
        }
        for (list, kind) in [
            (&q.satisfied, Answer::Satisfied as fn(usize) -> Answer),
            (&q.not_satisfied, Answer::NotSatisfied),
            (&q.not_applicable, Answer::NotApplicable),
        ] {
            for a in list {
                all.push((a.trim().to_string(), kind(i)));
                i += 1;
            }
        }
        Classifier {
            keyed: all.iter().map(|(a, k)| (key(a), *k)).collect(),
            exact: all.into_iter().collect(),
            scale: q.scale,
        }
    }

    fn classify(&self, cell: &str) -> Option<Answer> {
        let t = cell.trim();
        if t.is_empty() {
            return Some(Answer::None);
        }
        if let Some(a) = self.exact.get(t) {
            return Some(*a);
        }
        let k = key(t);
        if let Some(a) = self.keyed.get(&k) {
            return Some(*a);
        }
        // A scale value written with leading zeros («05»).
        let s = self.scale?;
        let n = k
            .bytes()
            .all(|b| b.is_ascii_digit())
            .then(|| k.parse::<u32>().ok())
            .flatten()?;
        (s.min..=s.max)
            .contains(&n)
            .then(|| self.exact.get(&n.to_string()).copied())
            .flatten()
    }
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
    /// Starts a period's sheet from the export's header, grouped by the column `by` when given.
    ///
    /// # Errors
    /// [`Error::InvalidInput`] when a question's column or the `by` column is missing.
    pub fn new(
        d: &Definition,
        period: &str,
        header: &[String],
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
        let open_columns: Vec<Option<usize>> = d.open_text.iter().map(|c| find(c)).collect();
        let known: Vec<usize> = d
            .timestamp
            .iter()
            .chain(&d.respondent)
            .filter_map(|c| find(c))
            .chain(question_columns.iter().copied())
            .chain(open_columns.iter().flatten().copied())
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
        Ok(Sheet {
            period: period.to_string(),
            groups: std::collections::BTreeMap::new(),
            open_text: d.open_text.iter().map(|c| (c.clone(), 0)).collect(),
            unused,
            findings,
            file: file.to_string(),
            question_columns,
            group_column,
            open_columns,
            headings: header.iter().map(|h| h.trim().to_string()).collect(),
            unknown: 0,
            classifiers: d.questions.iter().map(Classifier::new).collect(),
            order: Vec::new(),
            index: std::collections::HashMap::new(),
        })
    }

    /// Counts one respondent's row (a row of empty cells is skipped). A cell that is no answer
    /// of its question is a finding naming the row and the column, and is not counted.
    pub fn add(&mut self, d: &Definition, row: usize, cells: &[&str]) {
        if cells.iter().all(|c| c.trim().is_empty()) {
            return;
        }
        let cell = |i: usize| cells.get(i).copied().unwrap_or("");
        let group = self.group_column.map_or("", |i| cell(i).trim());
        let at = if let Some(&at) = self.index.get(group) {
            at
        } else {
            self.order.push((
                (!group.is_empty()).then(|| group.to_string()),
                Group {
                    respondents: 0,
                    questions: d
                        .questions
                        .iter()
                        .map(|q| Counts {
                            answers: vec![0; labels(q).len()],
                            ..Counts::default()
                        })
                        .collect(),
                },
            ));
            self.index.insert(group.to_string(), self.order.len() - 1);
            self.order.len() - 1
        };
        let Some((_, counted)) = self.order.get_mut(at) else {
            return;
        };
        let questions = d.questions.len();
        counted.respondents += 1;
        for qi in 0..questions {
            let (Some(q), Some(column), Some(counts), Some(classifier)) = (
                d.questions.get(qi),
                self.question_columns.get(qi),
                counted.questions.get_mut(qi),
                self.classifiers.get(qi),
            ) else {
                continue;
            };
            let text = cell(*column);
            let index = match classifier.classify(text) {
                Some(Answer::None) => continue,
                Some(Answer::Satisfied(i)) => {
                    counts.answered += 1;
                    counts.satisfied += 1;
                    i
                }
                Some(Answer::NotSatisfied(i)) => {
                    counts.answered += 1;
                    i
                }
                Some(Answer::NotApplicable(i)) => i,
                None => {
                    self.unknown += 1;
                    if self.unknown <= LISTED {
                        let heading = self.headings.get(*column).map_or("", String::as_str);
                        self.findings
                            .push(unknown(q, (&self.file, row), (*column, heading), text));
                    }
                    continue;
                }
            };
            if let Some(c) = counts.answers.get_mut(index) {
                *c += 1;
            }
        }
        for ((_, n), i) in self.open_text.iter_mut().zip(&self.open_columns) {
            if i.is_some_and(|i| !cell(i).trim().is_empty()) {
                *n += 1;
            }
        }
    }

    /// Ends the sheet: unknown answers beyond the first listed are counted in one finding.
    #[must_use]
    pub fn finish(mut self) -> Sheet {
        self.groups = std::mem::take(&mut self.order).into_iter().collect();
        self.index.clear();
        if self.unknown > LISTED {
            let more = self.unknown - LISTED;
            self.findings.push(Finding::new(
                Code::UnknownAnswer,
                Severity::Error,
                Place::row(&self.file, 0),
                format!("{more} more cells are no answer of their question (not counted)"),
                format!("ещё ячеек, которые не являются ответами на вопрос: {more} (не учтены)"),
            ));
        }
        self
    }

    /// Reads one export whole: its header and rows (with their row numbers).
    ///
    /// # Errors
    /// As [`Sheet::new`].
    ///
    /// ```
    /// use vsoko::survey::{Definition, Sheet};
    /// let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../fixtures/survey/parents.json")).unwrap();
    /// let d = Definition::from_json(&text).unwrap();
    /// let mut header: Vec<String> = d.questions.iter().map(|q| q.column.clone()).collect();
    /// header.push("Класс".into());
    /// let row = vec!["  да".into(), "Нет".into(), "Скорее да".into(), "5".into(), "".into(), "5А".into()];
    /// let s = Sheet::read(&d, "весна", &header, vec![(2, row)], Some("Класс"), "").unwrap();
    /// let group = &s.groups[&Some("5А".to_string())];
    /// assert_eq!((group.respondents, group.questions[0].satisfied), (1, 1));
    /// assert_eq!(group.questions[3].answers, [0, 0, 0, 0, 1, 0]); // «5» of 1–5, then «Затрудняюсь ответить»
    /// ```
    pub fn read(
        d: &Definition,
        period: &str,
        header: &[String],
        rows: Vec<(usize, Vec<String>)>,
        by: Option<&str>,
        file: &str,
    ) -> Result<Sheet> {
        let mut sheet = Sheet::new(d, period, header, by, file)?;
        for (row, cells) in rows {
            let cells: Vec<&str> = cells.iter().map(String::as_str).collect();
            sheet.add(d, row, &cells);
        }
        Ok(sheet.finish())
    }
}
