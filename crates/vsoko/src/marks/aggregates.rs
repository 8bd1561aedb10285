//! The figures summed over more than a class: per grade (parallel: the leading number of the
//! class, «7Б» → 7) of a school, per school over every subject, and per municipality when the
//! table names one. Each sums the counts of its class × subject × period groups, so its
//! percentages are over its pupils' marks, not a mean of the classes' percentages.

use super::figures::{Counts, Figures};
use super::ids::{FxMap, NONE, Texts};
use super::period::Period;
use serde::Serialize;
use std::hash::Hash;

/// A grade (parallel) of a school × subject × period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GradeRow {
    /// Municipality, when the table names it.
    pub municipality: Option<String>,
    /// School, when the table names it.
    pub school: Option<String>,
    /// The grade, 1–11; `null` for classes whose name does not start with one.
    pub grade: Option<u8>,
    /// Subject.
    pub subject: String,
    /// Period id.
    pub period: &'static str,
    /// The figures.
    #[serde(flatten)]
    pub figures: Figures,
}

/// A school × period over every class and subject.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SchoolRow {
    /// Municipality, when the table names it.
    pub municipality: Option<String>,
    /// School, when the table names it (`null`: the rows without one).
    pub school: Option<String>,
    /// Period id.
    pub period: &'static str,
    /// The figures.
    #[serde(flatten)]
    pub figures: Figures,
}

/// A municipality × subject × period over its schools (only rows that name a municipality).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MunicipalityRow {
    /// Municipality.
    pub municipality: String,
    /// Subject.
    pub subject: String,
    /// Period id.
    pub period: &'static str,
    /// The figures.
    #[serde(flatten)]
    pub figures: Figures,
}

/// Counts summed by a key, in the order keys first appear.
pub(super) struct Totals<K> {
    pub(super) list: Vec<(K, Counts)>,
    index: FxMap<K, usize>,
}

impl<K> Default for Totals<K> {
    fn default() -> Self {
        Totals {
            list: Vec::new(),
            index: FxMap::default(),
        }
    }
}

impl<K: Hash + Eq + Clone> Totals<K> {
    pub(super) fn add(&mut self, key: K, counts: &Counts) {
        if let Some(&i) = self.index.get(&key) {
            if let Some((_, c)) = self.list.get_mut(i) {
                c.merge(counts);
            }
        } else {
            self.index.insert(key.clone(), self.list.len());
            self.list.push((key, *counts));
        }
    }
}

/// (municipality, school) as ids.
type Place = (u32, u32);

/// The three sums, fed one class × subject × period group at a time (texts as the dataset's
/// ids, told by [`SumNames`] at the end).
#[derive(Default)]
pub(super) struct Sums {
    grades: Totals<(Place, Option<u8>, u32, Period)>,
    schools: Totals<(Place, Period)>,
    municipalities: Totals<(u32, u32, Period)>,
}

/// The texts of the ids [`Sums`] keeps.
pub(super) struct SumNames<'a> {
    pub(super) municipalities: &'a Texts,
    pub(super) schools: &'a Texts,
    pub(super) subjects: &'a Texts,
}

impl Sums {
    /// Adds a group's counts: its municipality and school ([`NONE`] when absent), the grade of
    /// its class, its subject.
    pub(super) fn add(
        &mut self,
        municipality: u32,
        school: u32,
        grade: Option<u8>,
        subject: u32,
        period: Period,
        counts: &Counts,
    ) {
        let place = (municipality, school);
        self.grades.add((place, grade, subject, period), counts);
        self.schools.add((place, period), counts);
        if municipality != NONE {
            self.municipalities
                .add((municipality, subject, period), counts);
        }
    }

    /// The rows of each view, in the order their keys first appeared.
    pub(super) fn rows(
        self,
        n: &SumNames<'_>,
    ) -> (Vec<GradeRow>, Vec<SchoolRow>, Vec<MunicipalityRow>) {
        let grades = self
            .grades
            .list
            .into_iter()
            .map(
                |(((municipality, school), grade, subject, period), c)| GradeRow {
                    municipality: n.municipalities.owned(municipality),
                    school: n.schools.owned(school),
                    grade,
                    subject: n.subjects.get(subject).to_string(),
                    period: period.id(),
                    figures: c.figures(),
                },
            )
            .collect();
        let schools = self
            .schools
            .list
            .into_iter()
            .map(|(((municipality, school), period), c)| SchoolRow {
                municipality: n.municipalities.owned(municipality),
                school: n.schools.owned(school),
                period: period.id(),
                figures: c.figures(),
            })
            .collect();
        let municipalities = self
            .municipalities
            .list
            .into_iter()
            .map(|((municipality, subject, period), c)| MunicipalityRow {
                municipality: n.municipalities.get(municipality).to_string(),
                subject: n.subjects.get(subject).to_string(),
                period: period.id(),
                figures: c.figures(),
            })
            .collect();
        (grades, schools, municipalities)
    }
}
