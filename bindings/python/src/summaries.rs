//! Objectivity summaries as columns (a dict of lists) between Rust and pandas: one Python list
//! per field instead of a dict per row, decimals as their exact text (Python makes `Decimal`s).

use pyo3::prelude::*;
use rust_decimal::Decimal;
use vsoko::objectivity::{Flag, GroupSummary, Moments};

/// The fields of [`GroupSummary`], column by column (the `scores` sums split in three).
#[derive(Default, IntoPyObject, FromPyObject)]
#[pyo3(from_item_all)]
pub struct SummaryColumns {
    school: Vec<String>,
    municipality: Vec<Option<String>>,
    procedure: Vec<String>,
    subject: Vec<String>,
    /// Not `u8`: pyo3 gives a `Vec<u8>` to Python as `bytes`.
    grade: Vec<u32>,
    year: Vec<i32>,
    participants: Vec<u64>,
    absent: Vec<u64>,
    compared: Vec<u64>,
    no_journal_mark: Vec<u64>,
    lowered: Vec<u64>,
    confirmed: Vec<u64>,
    raised: Vec<u64>,
    lowered_pct: Vec<Option<String>>,
    confirmed_pct: Vec<Option<String>>,
    raised_pct: Vec<Option<String>>,
    mean_score: Vec<Option<String>>,
    completion_pct: Vec<Option<String>>,
    spearman: Vec<Option<String>>,
    spearman_negative: Vec<bool>,
    max_score: Vec<String>,
    scores_n: Vec<u64>,
    scores_sum: Vec<String>,
    scores_sum_sq: Vec<String>,
}

fn text(d: Option<Decimal>) -> Option<String> {
    d.map(|d| d.to_string())
}

/// A decimal column cell back from Python; the text names the column when it is not a number.
fn number(column: &str, row: usize, text: &str) -> Result<Decimal, String> {
    vsoko::decimal::parse_decimal(text)
        .map_err(|_| format!("summaries: column {column}, row {row}: not a number: {text:?}"))
}

impl SummaryColumns {
    /// The summaries as columns.
    pub fn from_rows(rows: Vec<GroupSummary>) -> Self {
        let mut c = SummaryColumns::default();
        for g in rows {
            c.school.push(g.school);
            c.municipality.push(g.municipality);
            c.procedure.push(g.procedure);
            c.subject.push(g.subject);
            c.grade.push(u32::from(g.grade));

            c.year.push(g.year);
            c.participants.push(g.participants);
            c.absent.push(g.absent);
            c.compared.push(g.compared);
            c.no_journal_mark.push(g.no_journal_mark);
            c.lowered.push(g.lowered);
            c.confirmed.push(g.confirmed);
            c.raised.push(g.raised);
            c.lowered_pct.push(text(g.lowered_pct));
            c.confirmed_pct.push(text(g.confirmed_pct));
            c.raised_pct.push(text(g.raised_pct));
            c.mean_score.push(text(g.mean_score));
            c.completion_pct.push(text(g.completion_pct));
            c.spearman.push(text(g.spearman));
            c.spearman_negative.push(g.spearman_negative);
            c.max_score.push(g.max_score.to_string());
            c.scores_n.push(g.scores.n);
            c.scores_sum.push(g.scores.sum.to_string());
            c.scores_sum_sq.push(g.scores.sum_sq.to_string());
        }
        c
    }

    /// The summaries back as rows.
    ///
    /// # Errors
    /// Columns of different lengths, or a decimal that does not parse, named in the message.
    pub fn into_rows(self) -> Result<Vec<GroupSummary>, String> {
        let n = self.school.len();
        let lengths = [
            self.municipality.len(),
            self.procedure.len(),
            self.subject.len(),
            self.grade.len(),
            self.year.len(),
            self.participants.len(),
            self.absent.len(),
            self.compared.len(),
            self.no_journal_mark.len(),
            self.lowered.len(),
            self.confirmed.len(),
            self.raised.len(),
            self.lowered_pct.len(),
            self.confirmed_pct.len(),
            self.raised_pct.len(),
            self.mean_score.len(),
            self.completion_pct.len(),
            self.spearman.len(),
            self.spearman_negative.len(),
            self.max_score.len(),
            self.scores_n.len(),
            self.scores_sum.len(),
            self.scores_sum_sq.len(),
        ];
        if lengths.iter().any(|&l| l != n) {
            return Err("summaries: columns of different lengths".into());
        }
        let opt = |column: &str, row: usize, v: &[Option<String>]| {
            v.get(row)
                .and_then(Option::as_deref)
                .map(|t| number(column, row, t))
                .transpose()
        };
        let req = |column: &str, row: usize, v: &[String]| {
            number(column, row, v.get(row).map_or("", String::as_str))
        };
        let mut rows = Vec::with_capacity(n);
        let mut municipality = self.municipality.into_iter();
        let mut procedure = self.procedure.into_iter();
        let mut subject = self.subject.into_iter();
        for (i, school) in self.school.into_iter().enumerate() {
            let at = |v: &[u64]| v.get(i).copied().unwrap_or_default();
            rows.push(GroupSummary {
                school,
                municipality: municipality.next().flatten(),
                procedure: procedure.next().unwrap_or_default(),
                subject: subject.next().unwrap_or_default(),
                grade: self
                    .grade
                    .get(i)
                    .and_then(|g| u8::try_from(*g).ok())
                    .ok_or_else(|| format!("summaries: column grade, row {i}: not a grade"))?,
                year: self.year.get(i).copied().unwrap_or_default(),
                participants: at(&self.participants),
                absent: at(&self.absent),
                compared: at(&self.compared),
                no_journal_mark: at(&self.no_journal_mark),
                lowered: at(&self.lowered),
                confirmed: at(&self.confirmed),
                raised: at(&self.raised),
                lowered_pct: opt("lowered_pct", i, &self.lowered_pct)?,
                confirmed_pct: opt("confirmed_pct", i, &self.confirmed_pct)?,
                raised_pct: opt("raised_pct", i, &self.raised_pct)?,
                mean_score: opt("mean_score", i, &self.mean_score)?,
                completion_pct: opt("completion_pct", i, &self.completion_pct)?,
                spearman: opt("spearman", i, &self.spearman)?,
                spearman_negative: self.spearman_negative.get(i).copied().unwrap_or_default(),
                max_score: req("max_score", i, &self.max_score)?,
                scores: Moments {
                    n: at(&self.scores_n),
                    sum: req("scores_sum", i, &self.scores_sum)?,
                    sum_sq: req("scores_sum_sq", i, &self.scores_sum_sq)?,
                },
            });
        }
        Ok(rows)
    }
}

/// The flags, column by column.
#[derive(Default, IntoPyObject)]
pub struct FlagColumns {
    school: Vec<String>,
    sign: Vec<String>,
    procedure: Vec<String>,
    subject: Vec<String>,
    /// Not `u8`: pyo3 gives a `Vec<u8>` to Python as `bytes`.
    grade: Vec<u32>,
    year: Vec<i32>,
    message: Vec<String>,
    message_ru: Vec<String>,
}

impl FlagColumns {
    /// The flags as columns.
    pub fn from_rows(rows: Vec<Flag>) -> Self {
        let mut c = FlagColumns::default();
        for f in rows {
            c.school.push(f.school);
            c.sign.push(f.sign.as_str().to_string());
            c.procedure.push(f.procedure);
            c.subject.push(f.subject);
            c.grade.push(u32::from(f.grade));
            c.year.push(f.year);
            c.message.push(f.message);
            c.message_ru.push(f.message_ru);
        }
        c
    }
}
