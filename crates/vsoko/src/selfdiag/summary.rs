//! Self-diagnosis across schools: the share that passed, the levels per municipality, the
//! directions that most often hold schools back and the critical indicators most often failed.

use super::definition::Definition;
use super::diagnosis::Diagnosis;
use crate::decimal::ROUNDING;
use crate::dynamics::ByPeriod;
use rust_decimal::Decimal;
use serde::Serialize;
use std::collections::BTreeMap;

/// Schools counted by level id, every level of the definition in its order.
pub type LevelCounts = ByPeriod<usize>;

/// The summary over many schools.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Summary {
    /// Schools.
    pub schools: usize,
    /// Schools that passed.
    pub passed: usize,
    /// passed ÷ schools × 100, 2 places.
    pub passed_pct: Decimal,
    /// Schools per level.
    pub levels: LevelCounts,
    /// The same per municipality, by name; schools without one last.
    pub municipalities: Vec<MunicipalitySummary>,
    /// Directions by how many schools they hold back (among a school's weakest and below
    /// their maximum), most first.
    pub holding_back: Vec<Count>,
    /// Critical indicators by how many schools failed them, most first.
    pub critical: Vec<Count>,
}

/// One municipality's schools.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MunicipalitySummary {
    /// Its name (`null`: schools without one).
    pub municipality: Option<String>,
    /// Schools.
    pub schools: usize,
    /// Schools that passed.
    pub passed: usize,
    /// passed ÷ schools × 100, 2 places.
    pub passed_pct: Decimal,
    /// Schools per level.
    pub levels: LevelCounts,
}

/// A direction or indicator and how many schools it concerns.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Count {
    /// Its id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Schools.
    pub schools: usize,
}

fn pct(part: usize, whole: usize) -> Decimal {
    let mut p = if whole == 0 {
        Decimal::ZERO
    } else {
        (Decimal::from(part) * Decimal::ONE_HUNDRED / Decimal::from(whole))
            .round_dp_with_strategy(2, ROUNDING)
    };
    p.rescale(2);
    p
}

fn levels(d: &Definition, schools: &[&Diagnosis]) -> LevelCounts {
    ByPeriod(
        d.levels
            .iter()
            .map(|l| {
                let n = schools
                    .iter()
                    .filter(|s| s.level.as_deref() == Some(l.id.as_str()))
                    .count();
                (l.id.clone(), n)
            })
            .collect(),
    )
}

/// Counts in the definition's order, most first (a stable sort keeps ties in that order),
/// zeros left out.
fn ranked(items: impl Iterator<Item = (String, String, usize)>) -> Vec<Count> {
    let mut out: Vec<Count> = items
        .filter(|(.., n)| *n > 0)
        .map(|(id, title, schools)| Count { id, title, schools })
        .collect();
    out.sort_by_key(|c| std::cmp::Reverse(c.schools));
    out
}

/// Summarises many schools' diagnoses.
///
/// ```
/// use vsoko::selfdiag::{Answers, Definition, diagnose, summarize};
/// let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../fixtures/selfdiag/");
/// let d = Definition::from_json(&std::fs::read_to_string(format!("{dir}example.json")).unwrap()).unwrap();
/// let read = |f: &str| Answers::from_json(&std::fs::read_to_string(format!("{dir}{f}")).unwrap()).unwrap();
/// let all = [read("answers_medium.json"), read("answers_critical.json")].map(|a| diagnose(&d, &a).unwrap());
/// let s = summarize(&d, &all);
/// assert_eq!((s.schools, s.passed, s.passed_pct.to_string()), (2, 1, "50.00".to_string()));
/// assert_eq!(s.critical[0].id, "T1");
/// ```
pub fn summarize(d: &Definition, all: &[Diagnosis]) -> Summary {
    let refs: Vec<&Diagnosis> = all.iter().collect();
    let passed = all.iter().filter(|s| s.passed).count();
    let mut by_municipality: BTreeMap<Option<&str>, Vec<&Diagnosis>> = BTreeMap::new();
    for s in all {
        by_municipality
            .entry(s.municipality.as_deref())
            .or_default()
            .push(s);
    }
    // BTreeMap puts None first; schools without a municipality go last.
    let mut municipalities: Vec<MunicipalitySummary> = by_municipality
        .iter()
        .map(|(m, schools)| {
            let passed = schools.iter().filter(|s| s.passed).count();
            MunicipalitySummary {
                municipality: m.map(str::to_string),
                schools: schools.len(),
                passed,
                passed_pct: pct(passed, schools.len()),
                levels: levels(d, schools),
            }
        })
        .collect();
    if municipalities
        .first()
        .is_some_and(|m| m.municipality.is_none())
    {
        municipalities.rotate_left(1);
    }
    let holding_back = ranked(d.directions.iter().map(|dir| {
        let n = all
            .iter()
            .filter(|s| {
                s.weakest.contains(&dir.id)
                    && s.directions
                        .iter()
                        .any(|r| r.id == dir.id && r.points < r.max)
            })
            .count();
        (dir.id.clone(), dir.title.clone(), n)
    }));
    let critical = ranked(
        d.directions
            .iter()
            .flat_map(|dir| dir.indicators.iter())
            .filter(|i| i.critical)
            .map(|i| {
                let n = all
                    .iter()
                    .filter(|s| s.critical_failed.contains(&i.id))
                    .count();
                (i.id.clone(), i.title.clone(), n)
            }),
    );
    Summary {
        schools: all.len(),
        passed,
        passed_pct: pct(passed, all.len()),
        levels: levels(d, &refs),
        municipalities,
        holding_back,
        critical,
    }
}
