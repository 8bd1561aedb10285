//! The counts and shares: per question, period and group the respondents, the answered (not
//! "not applicable", not empty), the satisfied and `satisfied_pct` (2 places, `null` when
//! nobody answered), every answer's count; the change between the two last periods; the open
//! text counted; the НОК inputs.

use super::answers::{Sheet, labels};
use super::definition::Definition;
use crate::decimal::ROUNDING;
use crate::dynamics::ByPeriod;
use rust_decimal::Decimal;
use serde::Serialize;
use std::collections::BTreeMap;

/// One question in one period and group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct QuestionFigures {
    /// The question.
    pub id: String,
    /// The period.
    pub period: String,
    /// The group (`null`: every respondent).
    pub group: Option<String>,
    /// Respondents in the group.
    pub respondents: usize,
    /// Those who answered (satisfied or not).
    pub answered: usize,
    /// Those satisfied.
    pub satisfied: usize,
    /// satisfied ÷ answered × 100, 2 places.
    pub satisfied_pct: Option<Decimal>,
    /// Every answer of the question with its count, in the definition's order.
    pub answers: ByPeriod<usize>,
}

/// The change of a share between the two last periods.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    /// The question.
    pub id: String,
    /// The group.
    pub group: Option<String>,
    /// The share before.
    pub from: Decimal,
    /// The share after.
    pub to: Decimal,
    /// `to − from`.
    pub delta: Decimal,
}

/// An open-text column: its non-empty answers per period (kept out of the figures).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OpenText {
    /// The column.
    pub column: String,
    /// Non-empty answers per period.
    pub answers: ByPeriod<usize>,
}

/// The survey's figures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Figures {
    /// Per period, question and group.
    pub questions: Vec<QuestionFigures>,
    /// Between the two last periods.
    pub changes: Vec<Change>,
    /// The open-text columns.
    pub open_text: Vec<OpenText>,
    /// Columns left out, each once, as first seen.
    pub unused_columns: Vec<String>,
}

fn pct(part: usize, whole: usize) -> Option<Decimal> {
    (whole > 0).then(|| {
        let mut p = (Decimal::from(part) * Decimal::ONE_HUNDRED / Decimal::from(whole))
            .round_dp_with_strategy(2, ROUNDING);
        p.rescale(2);
        p
    })
}

/// Counts every sheet (a period each, in order).
///
/// ```
/// use vsoko::survey::{Definition, Sheet, figures};
/// let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../fixtures/survey/parents.json")).unwrap();
/// let d = Definition::from_json(&text).unwrap();
/// let header: Vec<String> = d.questions.iter().map(|q| q.column.clone()).collect();
/// let row = |a: &str| (2, vec![a.to_string(), "Да".into(), "Да".into(), "3".into(), "Не пользовались".into()]);
/// let s = Sheet::read(&d, "весна", &header, vec![row("Да"), row("Нет"), row("Затрудняюсь ответить")], None, "").unwrap();
/// let f = figures(&d, &[s]);
/// let q1 = &f.questions[0];
/// assert_eq!((q1.respondents, q1.answered, q1.satisfied), (3, 2, 1));
/// assert_eq!(q1.satisfied_pct.unwrap().to_string(), "50.00");
/// assert_eq!(f.questions[4].satisfied_pct, None); // nobody used the library
/// ```
pub fn figures(d: &Definition, sheets: &[Sheet]) -> Figures {
    let mut questions = Vec::new();
    for sheet in sheets {
        for (qi, q) in d.questions.iter().enumerate() {
            let names = labels(q);
            for (g, group) in &sheet.groups {
                let Some(c) = group.questions.get(qi) else {
                    continue;
                };
                questions.push(QuestionFigures {
                    id: q.id.clone(),
                    period: sheet.period.clone(),
                    group: g.clone(),
                    respondents: group.respondents,
                    answered: c.answered,
                    satisfied: c.satisfied,
                    satisfied_pct: pct(c.satisfied, c.answered),
                    answers: ByPeriod(
                        names
                            .iter()
                            .cloned()
                            .zip(c.answers.iter().copied())
                            .collect(),
                    ),
                });
            }
        }
    }
    let changes = match sheets {
        [.., before, after] => changes(&questions, &before.period, &after.period),
        _ => Vec::new(),
    };
    let mut open: Vec<OpenText> = d
        .open_text
        .iter()
        .map(|c| OpenText {
            column: c.clone(),
            answers: ByPeriod(Vec::new()),
        })
        .collect();
    for sheet in sheets {
        for (o, (_, n)) in open.iter_mut().zip(&sheet.open_text) {
            o.answers.0.push((sheet.period.clone(), *n));
        }
    }
    let mut unused_columns: Vec<String> = Vec::new();
    for c in sheets.iter().flat_map(|s| &s.unused) {
        if !unused_columns.contains(c) {
            unused_columns.push(c.clone());
        }
    }
    Figures {
        questions,
        changes,
        open_text: open,
        unused_columns,
    }
}

fn changes(questions: &[QuestionFigures], before: &str, after: &str) -> Vec<Change> {
    questions
        .iter()
        .filter(|q| q.period == after)
        .filter_map(|a| {
            let b = questions
                .iter()
                .find(|b| b.period == before && b.id == a.id && b.group == a.group)?;
            let (from, to) = (b.satisfied_pct?, a.satisfied_pct?);
            Some(Change {
                id: a.id.clone(),
                group: a.group.clone(),
                from,
                to,
                delta: to - from,
            })
        })
        .collect()
}

/// The НОК inputs of the questions that give them: `yes` = satisfied, `of` = answered, over
/// every sheet.
///
/// ```
/// use vsoko::survey::{Definition, Sheet, nok_values};
/// let d = Definition::builtin("nok-2019").unwrap();
/// let header: Vec<String> = d.questions.iter().map(|q| q.column.clone()).collect();
/// let mut row: Vec<String> = vec!["Да".into(); 10];
/// row[2] = "Нет".into();
/// let s = Sheet::read(&d, "2024", &header, vec![(2, row.clone()), (3, row)], None, "").unwrap();
/// let v = nok_values(&d, &[s]);
/// assert_eq!((v["2.3.yes"], v["2.3.of"], v["5.3.yes"]), (0, 2, 2));
/// ```
pub fn nok_values(d: &Definition, sheets: &[Sheet]) -> BTreeMap<String, usize> {
    let mut out = BTreeMap::new();
    for (qi, q) in d.questions.iter().enumerate() {
        let Some(nok) = &q.nok else { continue };
        let (mut yes, mut of) = (0, 0);
        for c in sheets
            .iter()
            .flat_map(|s| s.groups.values())
            .filter_map(|g| g.questions.get(qi))
        {
            yes += c.satisfied;
            of += c.answered;
        }
        out.insert(nok.yes.clone(), yes);
        out.insert(nok.of.clone(), of);
    }
    out
}
