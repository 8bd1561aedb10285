//! The individual account of a class in a period (DOMAIN §7): who is excellent (every mark 5),
//! good (4s and 5s, at least one 4), one mark away (one 4 among 5s; one 3 among 4s and 5s), and
//! failing (any 2 or 1, «н/а» or «незач», with the subjects: academic debt), and the quality by
//! pupils = (excellent + good) × 100 / pupils with a mark.

use super::figures::rounded;
use super::mark::Mark;
use rust_decimal::Decimal;
use serde::Serialize;

/// A pupil one mark away, and the subject of that mark.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OneMark {
    /// Pupil.
    pub pupil: String,
    /// The subject of the one 4 (or 3).
    pub subject: String,
}

/// A failing pupil and the subjects of the debt.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Failing {
    /// Pupil.
    pub pupil: String,
    /// Subjects with a 2 or 1, «н/а» or «незач», in the table's order.
    pub subjects: Vec<String>,
}

/// A class's account in a period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ClassAccount {
    /// School, when the table names it.
    pub school: Option<String>,
    /// Class.
    pub class: String,
    /// Period id.
    pub period: &'static str,
    /// Pupils with a row in the period.
    pub pupils: u64,
    /// Every mark 5.
    pub excellent: Vec<String>,
    /// 4s and 5s, at least one 4 (the ones with one 4 among them).
    pub good: Vec<String>,
    /// One 4, the rest 5.
    pub one_four: Vec<OneMark>,
    /// One 3, the rest 4 and 5.
    pub one_three: Vec<OneMark>,
    /// Any 2 or 1, «н/а» or «незач».
    pub failing: Vec<Failing>,
    /// (excellent + good) × 100 / pupils with a mark, 2 places; `null` when none has a mark.
    pub quality_by_pupils_pct: Option<Decimal>,
}

/// A mark given to a pupil in a period: the subject's id, the mark, and the file (its index
/// among the dataset's files) and row it came from.
#[derive(Debug, Clone, Copy)]
pub(super) struct Given {
    pub(super) subject: u32,
    pub(super) mark: Mark,
    pub(super) file: u32,
    pub(super) row: u32,
}

impl ClassAccount {
    /// The account of a class from its pupils' marks (pupil, marks in the table's order), in
    /// the table's order of pupils; `subject` names a subject's id.
    pub(super) fn of<'a>(
        school: Option<String>,
        class: String,
        period: &'static str,
        pupils: &[(&'a str, &[Given])],
        subject: &dyn Fn(u32) -> &'a str,
    ) -> ClassAccount {
        let mut a = ClassAccount {
            school,
            class,
            period,
            pupils: pupils.len() as u64,
            excellent: Vec::new(),
            good: Vec::new(),
            one_four: Vec::new(),
            one_three: Vec::new(),
            failing: Vec::new(),
            quality_by_pupils_pct: None,
        };
        let mut with_mark = 0u64;
        for &(pupil, marks) in pupils {
            let marked = marks
                .iter()
                .any(|g| !matches!(g.mark, Mark::Exempt | Mark::None));
            if !marked {
                continue;
            }
            with_mark += 1;
            let debt: Vec<String> = marks
                .iter()
                .filter(|g| g.mark.is_failing())
                .map(|g| subject(g.subject).to_string())
                .collect();
            if !debt.is_empty() {
                a.failing.push(Failing {
                    pupil: pupil.to_string(),
                    subjects: debt,
                });
                continue;
            }
            let of = |n: u8| marks.iter().filter(move |g| g.mark == Mark::Grade(n));
            let (fours, threes) = (of(4).count(), of(3).count());
            if of(5).count() + fours + threes == 0 {
                continue; // only passes: no level
            }
            match (fours, threes) {
                (0, 0) => a.excellent.push(pupil.to_string()),
                (_, 0) => {
                    a.good.push(pupil.to_string());
                    if let (1, Some(g)) = (fours, of(4).next()) {
                        a.one_four.push(OneMark {
                            pupil: pupil.to_string(),
                            subject: subject(g.subject).to_string(),
                        });
                    }
                }
                (_, 1) => {
                    if let Some(g) = of(3).next() {
                        a.one_three.push(OneMark {
                            pupil: pupil.to_string(),
                            subject: subject(g.subject).to_string(),
                        });
                    }
                }
                _ => {}
            }
        }
        let good = (a.excellent.len() + a.good.len()) as u64;
        a.quality_by_pupils_pct = rounded(Decimal::from(good * 100), with_mark);
        a
    }
}
