//! ЕГЭ minimum scores as data (`data/ege/`, with their year and source) and the figures schools
//! report per subject: the mean test score, the share below the minimum, the shares at 70, 80
//! and 100 points.

use super::names::name_key;
use super::report::{EgeRow, MedallistRow};
use crate::decimal::hundredths;
use crate::finding::{Code, Finding, Place, Severity};
use rust_decimal::Decimal;
use serde::Deserialize;
use std::sync::OnceLock;

/// A pupil on the medallists' list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Medallist {
    /// Their school, when the list names it (otherwise any school of the results).
    pub school: Option<String>,
    /// The pupil as the results name them.
    pub pupil: String,
}

/// One work of ЕГЭ as its figures need it: whose, which subject and year, marks and scores.
#[derive(Debug, Clone, Copy)]
pub(super) struct EgeWork<'a> {
    pub(super) school: &'a Option<String>,
    pub(super) subject: &'a str,
    pub(super) year: i32,
    /// Marks 2, 3, 4, 5.
    pub(super) marks: [u64; 4],
    pub(super) scores: &'a Scores,
}

/// The test score from which a medallist's result counts as high (the «Школа Минпросвещения»
/// target names 70).
pub const MEDALLIST_SCORE: u8 = 70;

/// Test scores of one work: how many pupils have each score, and (ЕГЭ) whose each is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Scores {
    pub(super) counts: [u64; 101],
    pub(super) sittings: Vec<(String, u8)>,
}

impl Default for Scores {
    fn default() -> Self {
        Scores {
            counts: [0; 101],
            sittings: Vec::new(),
        }
    }
}

impl Scores {
    /// A score (0–100), with the pupil when their sitting is kept (ЕГЭ, for the medallists).
    pub(super) fn add(&mut self, score: u8, pupil: Option<&str>) {
        if let Some(n) = self.counts.get_mut(usize::from(score)) {
            *n += 1;
            if let Some(p) = pupil {
                self.sittings.push((p.to_string(), score));
            }
        }
    }

    fn merge(&mut self, o: &Scores) {
        for (a, b) in self.counts.iter_mut().zip(&o.counts) {
            *a += b;
        }
    }

    /// Pupils with a score in `from..=to`.
    fn between(&self, from: u8, to: u8) -> u64 {
        self.counts
            .get(usize::from(from)..=usize::from(to))
            .map_or(0, |c| c.iter().sum())
    }

    fn sum(&self) -> u64 {
        (0u64..).zip(&self.counts).map(|(s, n)| s * n).sum()
    }
}

/// One subject's minimum.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Minimum {
    /// Our id (`physics`).
    pub id: String,
    /// The subject as Rosobrnadzor names it.
    pub subject: String,
    /// Other spellings schools' lists use.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// The least test score that passes (0–100); `None` for a subject marked 2–5.
    #[serde(default)]
    pub min_score: Option<u8>,
    /// The least mark that passes, for a subject marked 2–5 (base mathematics: 3).
    #[serde(default)]
    pub min_mark: Option<u8>,
}

/// The minimums of one year.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Minimums {
    /// The year they apply to.
    pub year: i32,
    /// Where they come from.
    pub source: String,
    /// What a reader should know.
    #[serde(default)]
    pub note: String,
    /// The subjects.
    pub subjects: Vec<Minimum>,
}

const BUILTIN: &str = include_str!("../../data/ege/minimums_2026.json");

impl Minimums {
    /// The minimums vsoko carries (the latest year it has).
    ///
    /// ```
    /// let m = vsoko::tasks::Minimums::builtin();
    /// assert_eq!(m.year, 2026);
    /// assert_eq!(m.find("Обществознание").and_then(|s| s.min_score), Some(42));
    /// assert_eq!(m.find("математика  базовая").and_then(|s| s.min_mark), Some(3));
    /// assert!(m.find("Астрономия").is_none());
    /// ```
    pub fn builtin() -> &'static Minimums {
        static CELL: OnceLock<Minimums> = OnceLock::new();
        CELL.get_or_init(|| {
            serde_json::from_str(BUILTIN).unwrap_or_else(|_| Minimums {
                year: 0,
                source: String::new(),
                note: String::new(),
                subjects: Vec::new(),
            })
        })
    }

    /// Reads minimums from JSON and checks them.
    ///
    /// # Errors
    /// Every problem at once, in English: the JSON's shape, a year outside 2000–2100, an empty
    /// source, a subject with neither or both of `min_score` and `min_mark`, a score above 100,
    /// a mark outside 3–5, a subject or id given twice.
    pub fn from_json(text: &str) -> Result<Minimums, Vec<String>> {
        let m: Minimums = serde_json::from_str(text).map_err(|e| vec![e.to_string()])?;
        let problems = m.problems();
        if problems.is_empty() {
            Ok(m)
        } else {
            Err(problems)
        }
    }

    fn problems(&self) -> Vec<String> {
        let mut out = Vec::new();
        if !(2000..=2100).contains(&self.year) {
            out.push(format!("year {} is outside 2000..2100", self.year));
        }
        if self.source.trim().is_empty() {
            out.push("the source is empty".into());
        }
        let mut names = std::collections::HashSet::new();
        let mut ids = std::collections::HashSet::new();
        for s in &self.subjects {
            if !ids.insert(s.id.as_str()) {
                out.push(format!("id \"{}\" is given twice", s.id));
            }
            for name in std::iter::once(&s.subject).chain(&s.aliases) {
                if !names.insert(name_key(name)) {
                    out.push(format!("subject \"{name}\" is given twice"));
                }
            }
            match (s.min_score, s.min_mark) {
                (Some(score), None) if score > 100 => {
                    out.push(format!("{}: min_score {score} is above 100", s.id));
                }
                (None, Some(mark)) if !(3..=5).contains(&mark) => {
                    out.push(format!("{}: min_mark {mark} is outside 3..5", s.id));
                }
                (Some(_), None) | (None, Some(_)) => {}
                _ => out.push(format!(
                    "{}: give exactly one of min_score and min_mark",
                    s.id
                )),
            }
        }
        out
    }

    /// The subject by its name or an alias (case, `ё` and spaces aside).
    pub fn find(&self, subject: &str) -> Option<&Minimum> {
        let key = name_key(subject);
        self.subjects.iter().find(|s| {
            std::iter::once(&s.subject)
                .chain(&s.aliases)
                .any(|n| name_key(n) == key)
        })
    }
}

/// (school, subject, year), the marks 2–5 and the test scores.
type Subject = ((Option<String>, String, i32), [u64; 4], Scores);

/// `part × 100 / whole`, 2 places.
fn pct(part: u64, whole: u64) -> Option<Decimal> {
    hundredths(
        Decimal::from(part) * Decimal::ONE_HUNDRED,
        Decimal::from(whole),
    )
}

/// The ЕГЭ rows of the works (sorted), one per school × subject × year; the findings say which
/// minimums could not be applied as they are.
pub(super) fn rows(
    works: &[EgeWork<'_>],
    minimums: &Minimums,
    findings: &mut Vec<Finding>,
) -> Vec<EgeRow> {
    let mut merged: Vec<Subject> = Vec::new();
    for w in works {
        let key = (w.school.clone(), w.subject.to_string(), w.year);
        match merged.iter_mut().find(|(k, _, _)| *k == key) {
            Some((_, marks, scores)) => {
                for (a, b) in marks.iter_mut().zip(w.marks) {
                    *a += b;
                }
                scores.merge(w.scores);
            }
            None => merged.push((key, w.marks, w.scores.clone())),
        }
    }
    let mut other_years: Vec<i32> = Vec::new();
    let mut unknown: Vec<String> = Vec::new();
    let mut out = Vec::with_capacity(merged.len());
    for ((school, subject, year), marks, scores) in merged {
        let minimum = minimums.find(&subject);
        if minimum.is_none() && !unknown.contains(&subject) {
            unknown.push(subject.clone());
        }
        if minimum.is_some() && year != minimums.year && !other_years.contains(&year) {
            other_years.push(year);
        }
        let mut row = EgeRow {
            school,
            subject,
            year,
            participants: 0,
            mean_test_score: None,
            min_score: None,
            below_min: None,
            below_min_pct: None,
            at_70: None,
            at_70_pct: None,
            at_80: None,
            at_80_pct: None,
            at_100: None,
            at_100_pct: None,
        };
        if let Some(min_mark) = minimum.and_then(|m| m.min_mark) {
            // A subject marked 2–5 (base mathematics): below the minimum is a mark under it.
            let n: u64 = marks.iter().sum();
            let below: u64 = marks
                .iter()
                .take(usize::from(min_mark.saturating_sub(2)))
                .sum();
            row.participants = n;
            row.below_min = Some(below);
            row.below_min_pct = pct(below, n);
            out.push(row);
            continue;
        }
        let n = scores.between(0, 100);
        row.participants = n;
        row.mean_test_score = hundredths(Decimal::from(scores.sum()), Decimal::from(n));
        row.min_score = minimum.and_then(|m| m.min_score);
        row.below_min = row
            .min_score
            .map(|m| m.checked_sub(1).map_or(0, |top| scores.between(0, top)));
        row.below_min_pct = row.below_min.and_then(|b| pct(b, n));
        let (at_70, at_80, at_100) = (
            scores.between(70, 100),
            scores.between(80, 100),
            scores.between(100, 100),
        );
        (row.at_70, row.at_70_pct) = (Some(at_70), pct(at_70, n));
        (row.at_80, row.at_80_pct) = (Some(at_80), pct(at_80, n));
        (row.at_100, row.at_100_pct) = (Some(at_100), pct(at_100, n));
        out.push(row);
    }
    for year in other_years {
        findings.push(Finding::new(
            Code::MinimumOfOtherYear,
            Severity::Warning,
            Place::field(year.to_string()),
            format!(
                "the ЕГЭ minimum scores of {} are applied to the results of {year}: the data has no other year",
                minimums.year
            ),
            format!(
                "к результатам ЕГЭ {year} года применены минимальные баллы {} года: других в данных нет",
                minimums.year
            ),
        ));
    }
    for subject in unknown {
        findings.push(Finding::new(
            Code::NoMinimum,
            Severity::Warning,
            Place::field(subject.clone()),
            format!("no ЕГЭ minimum score is known for \"{subject}\": the share below the minimum is not counted"),
            format!("для предмета «{subject}» минимальный балл ЕГЭ неизвестен: доля не преодолевших минимум не считается"),
        ));
    }
    out
}

/// The medallists' ЕГЭ subjects under [`MEDALLIST_SCORE`], by school, pupil and subject; a
/// medallist without any ЕГЭ test score is a finding.
pub(super) fn medallists(
    works: &[EgeWork<'_>],
    list: &[Medallist],
    findings: &mut Vec<Finding>,
) -> Vec<MedallistRow> {
    let mut out = Vec::new();
    for m in list {
        let name = name_key(&m.pupil);
        let mut found = false;
        for w in works {
            let (school, subject) = (w.school, w.subject);
            if m.school
                .as_ref()
                .is_some_and(|s| school.as_ref() != Some(s))
            {
                continue;
            }
            for (pupil, score) in &w.scores.sittings {
                if name_key(pupil) != name {
                    continue;
                }
                found = true;
                if *score < MEDALLIST_SCORE {
                    out.push(MedallistRow {
                        school: school.clone(),
                        pupil: pupil.clone(),
                        subject: subject.to_string(),
                        test_score: *score,
                    });
                }
            }
        }
        if !found {
            let pupil = &m.pupil;
            findings.push(Finding::new(
                Code::MedallistNotFound,
                Severity::Warning,
                Place::field(pupil.clone()),
                format!("medallist \"{pupil}\" has no ЕГЭ test score in the tables"),
                format!("у медалиста «{pupil}» в таблицах нет тестовых баллов ЕГЭ"),
            ));
        }
    }
    out.sort_by(|a, b| (&a.school, &a.pupil, &a.subject).cmp(&(&b.school, &b.pupil, &b.subject)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_builtin_minimums_are_valid_and_parse() {
        let m = Minimums::from_json(BUILTIN).unwrap();
        assert_eq!(&m, Minimums::builtin());
        assert_eq!(m.subjects.len(), 16);
    }

    #[test]
    fn every_problem_is_reported_at_once() {
        let bad = r#"{"year": 1990, "source": " ", "subjects": [
            {"id": "a", "subject": "Физика", "min_score": 120},
            {"id": "a", "subject": "физика", "min_score": 10, "min_mark": 3},
            {"id": "b", "subject": "Химия", "min_mark": 2}]}"#;
        let problems = Minimums::from_json(bad).unwrap_err();
        assert_eq!(problems.len(), 7, "{problems:?}");
    }
}
