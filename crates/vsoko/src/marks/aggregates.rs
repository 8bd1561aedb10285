//! The figures summed over more than a class: per grade (parallel: the leading number of the
//! class, «7Б» → 7) of a school, per school over every subject, and per municipality when the
//! table names one. Each sums the counts of its class × subject × period groups, so its
//! percentages are over its pupils' marks, not a mean of the classes' percentages.

use super::class::grade;
use super::figures::{Counts, Figures};
use super::period::Period;
use serde::Serialize;
use std::collections::HashMap;
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
    index: HashMap<K, usize>,
}

impl<K> Default for Totals<K> {
    fn default() -> Self {
        Totals {
            list: Vec::new(),
            index: HashMap::new(),
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

type Place = (Option<String>, Option<String>);

/// The three sums, fed one class × subject × period group at a time.
#[derive(Default)]
pub(super) struct Sums {
    grades: Totals<(Place, Option<u8>, String, Period)>,
    schools: Totals<(Place, Period)>,
    municipalities: Totals<(String, String, Period)>,
}

impl Sums {
    /// Adds a group's counts.
    pub(super) fn add(
        &mut self,
        municipality: Option<&String>,
        school: Option<&String>,
        class: &str,
        subject: &str,
        period: Period,
        counts: &Counts,
    ) {
        let place = (municipality.cloned(), school.cloned());
        self.grades.add(
            (place.clone(), grade(class), subject.to_string(), period),
            counts,
        );
        self.schools.add((place, period), counts);
        if let Some(m) = municipality {
            self.municipalities
                .add((m.clone(), subject.to_string(), period), counts);
        }
    }

    /// The rows of each view, in the order their keys first appeared.
    pub(super) fn rows(self) -> (Vec<GradeRow>, Vec<SchoolRow>, Vec<MunicipalityRow>) {
        let grades = self
            .grades
            .list
            .into_iter()
            .map(
                |(((municipality, school), grade, subject, period), c)| GradeRow {
                    municipality,
                    school,
                    grade,
                    subject,
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
                municipality,
                school,
                period: period.id(),
                figures: c.figures(),
            })
            .collect();
        let municipalities = self
            .municipalities
            .list
            .into_iter()
            .map(|((municipality, subject, period), c)| MunicipalityRow {
                municipality,
                subject,
                period: period.id(),
                figures: c.figures(),
            })
            .collect();
        (grades, schools, municipalities)
    }
}
