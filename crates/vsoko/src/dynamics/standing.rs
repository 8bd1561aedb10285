//! Where the last period's schools stand: the rating by the dynamics' measure (horizontal, in
//! the municipality, and — with a context table — in groups of similar conditions, with
//! resilient schools), and relative points on the total and on every group.

use super::model::Dynamics;
use crate::error::{Error, Result};
use crate::methodology::{Direction, Methodology};
use crate::rating::{RatingOptions, Unit, rate};
use crate::reason::{InputReason, Location};
use rust_decimal::Decimal;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

/// The schools' context for similar conditions: a table with `school`, optional
/// `municipality` and `region`, and the context columns.
#[derive(Debug, Clone, Default)]
pub struct Context {
    /// The context columns, in the order the groups name them.
    pub columns: Vec<String>,
    /// Quantile bands of a numeric column (and of the result for resilient schools).
    pub bands: usize,
    /// One row per school.
    pub rows: Vec<ContextRow>,
}

const SCHOOL: [&str; 3] = ["school", "школа", "организация"];
const MUNICIPALITY: [&str; 3] = ["municipality", "муниципалитет", "мо"];
const REGION: [&str; 3] = ["region", "регион", "субъект"];

impl Context {
    /// A context from a table: a header row (`school`, optional `municipality` and `region`,
    /// the `columns` by name) and its rows with their row numbers. Other columns are not read.
    ///
    /// # Errors
    /// [`Error::InvalidInput`] for no school column, a context column the header lacks, or a
    /// row without a school.
    ///
    /// ```
    /// use vsoko::dynamics::Context;
    /// let t = |cells: &[&str]| cells.iter().map(|c| c.to_string()).collect::<Vec<_>>();
    /// let c = Context::from_table(&["location".into()], 4, &t(&["Школа", "Муниципалитет", "location"]),
    ///     vec![(2, t(&["СОШ № 1", "Энск", "село"]))]).unwrap();
    /// assert_eq!(c.rows[0].values, ["село"]);
    /// assert!(Context::from_table(&["size".into()], 4, &t(&["Школа"]), vec![]).is_err());
    /// ```
    pub fn from_table(
        columns: &[String],
        bands: usize,
        header: &[String],
        rows: Vec<(usize, Vec<String>)>,
    ) -> Result<Context> {
        let key = |h: &str| h.trim_start_matches('\u{feff}').trim().to_lowercase();
        let find = |names: &[&str]| header.iter().position(|h| names.contains(&key(h).as_str()));
        let Some(school) = find(&SCHOOL) else {
            return Err(Error::InvalidInput {
                at: Location::Header,
                reason: InputReason::MissingColumn {
                    name: "school / Школа".into(),
                },
            });
        };
        let (municipality, region) = (find(&MUNICIPALITY), find(&REGION));
        let mut wanted = Vec::new();
        for c in columns {
            match header.iter().position(|h| key(h) == key(c)) {
                Some(i) => wanted.push(i),
                None => {
                    return Err(Error::InvalidInput {
                        at: Location::Header,
                        reason: InputReason::MissingColumn { name: c.clone() },
                    });
                }
            }
        }
        let mut out = Vec::with_capacity(rows.len());
        for (row, cells) in rows {
            if cells.iter().all(|c| c.trim().is_empty()) {
                continue;
            }
            let cell = |i: Option<usize>| {
                i.and_then(|i| cells.get(i))
                    .map(|s| s.trim().to_string())
                    .filter(|s| !s.is_empty())
            };
            let Some(name) = cell(Some(school)) else {
                return Err(Error::EmptySchool {
                    at: Location::Row(row),
                });
            };
            out.push(ContextRow {
                row,
                school: name,
                municipality: cell(municipality),
                region: cell(region),
                values: wanted
                    .iter()
                    .map(|i| cell(Some(*i)).unwrap_or_default())
                    .collect(),
            });
        }
        Ok(Context {
            columns: columns.to_vec(),
            bands,
            rows: out,
        })
    }
}

/// A school's context.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContextRow {
    /// The row of the context table (for messages).
    pub row: usize,
    /// The school, as the results name it.
    pub school: String,
    /// Its municipality; `None` matches the school by name alone.
    pub municipality: Option<String>,
    /// Its region.
    pub region: Option<String>,
    /// Its values, aligned with [`Context::columns`].
    pub values: Vec<String>,
}

/// The rating of the last period.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PeriodRating {
    /// The period.
    pub period: String,
    /// The rating.
    #[serde(flatten)]
    pub rating: crate::rating::Rating,
}

/// Relative points of the last period.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Relative {
    /// The period.
    pub period: String,
    /// Every school of the period, in the order of [`Dynamics::schools`].
    pub schools: Vec<RelativeSchool>,
}

/// A school's relative points: the best school of the period gets 100.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RelativeSchool {
    /// The school.
    pub school: String,
    /// Its municipality.
    pub municipality: Option<String>,
    /// On the total (`null` when no school has more than 0).
    pub total: Option<Decimal>,
    /// On each group of the methodology, in tree order.
    pub groups: super::ByPeriod<Option<Decimal>>,
}

/// A group of similar conditions in the last period.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ConditionGroup {
    /// Its label, e.g. `село, social_index Q1`.
    pub group: String,
    /// Its schools.
    pub schools: usize,
    /// The mean of their values, 2 places.
    pub mean: Decimal,
    /// The best value.
    pub best: Decimal,
}

fn two_places(d: Decimal) -> Decimal {
    let mut r = d.round_dp_with_strategy(2, crate::decimal::ROUNDING);
    r.rescale(2);
    r
}

/// Relative points (more is better), `None` for all when the best is 0 or less.
fn relative(values: &[Decimal]) -> Vec<Option<Decimal>> {
    let best = values.iter().copied().max().unwrap_or_default();
    values
        .iter()
        .map(|v| (best > Decimal::ZERO).then(|| two_places(*v * Decimal::ONE_HUNDRED / best)))
        .collect()
}

fn context_error(at: Location, expected: String, expected_ru: String) -> Error {
    Error::InvalidInput {
        at,
        reason: InputReason::WrongArgument {
            expected,
            expected_ru,
        },
    }
}

impl Dynamics {
    /// Rates the last period's schools again, with `context` (or without: no groups). Returns
    /// the rows of the context table that name no school of the last period.
    ///
    /// # Errors
    /// [`Error::InvalidInput`] when a school of the last period has no context row or two,
    /// a context value is missing, or a municipality's schools name different regions.
    ///
    /// ```
    /// use vsoko::dynamics::{Context, ContextRow, Panel};
    /// use vsoko::{Methodology, Options, Values};
    /// let m = Methodology::builtin("nocko-1547").unwrap();
    /// let mut p = Panel::new(m);
    /// for (row, (school, points)) in [("А", "5"), ("Б", "9")].into_iter().enumerate() {
    ///     let v = Values::from_json(&format!(r#"{{"1.1": {points}}}"#)).unwrap();
    ///     p.add("", row + 2, Some(school), Some("Энск"), Some("2024"), &m.evaluate(&v, Options::new()).unwrap());
    /// }
    /// let mut d = p.finish(None).unwrap();
    /// assert_eq!(d.ratings.as_ref().unwrap().rating.units[0].school, "Б");
    /// let row = |row, school: &str, place: &str| ContextRow { row, school: school.into(),
    ///     municipality: Some("Энск".into()), region: None, values: vec![place.into()] };
    /// let context = Context { columns: vec!["location".into()], bands: 4,
    ///     rows: vec![row(2, "А", "село"), row(3, "Б", "город"), row(4, "В", "село")] };
    /// let unused = d.rate(m, Some(&context)).unwrap();
    /// assert_eq!(unused, vec![4]); // «В» is not in 2024
    /// assert_eq!(d.groups.len(), 2);
    /// ```
    pub fn rate(&mut self, m: &Methodology, context: Option<&Context>) -> Result<Vec<usize>> {
        let Some(period) = self.periods.last().cloned() else {
            return Ok(Vec::new());
        };
        let by = m.groups().iter().position(|g| g.id == self.by);
        let present: Vec<usize> = (0..self.schools.len())
            .filter(|i| {
                self.schools
                    .get(*i)
                    .is_some_and(|s| s.totals.get(&period).is_some())
            })
            .collect();
        let (rows, unused) = match context {
            Some(c) => self.match_context(&present, c, &period)?,
            None => (vec![None; present.len()], Vec::new()),
        };
        let value = |i: usize| -> Decimal {
            let s = self.schools.get(i);
            match by {
                Some(g) => s
                    .and_then(|s| s.last_groups.as_ref())
                    .and_then(|gs| gs.get(g).copied())
                    .unwrap_or_default(),
                None => s
                    .and_then(|s| s.totals.get(&period).copied())
                    .unwrap_or_default(),
            }
        };
        let units: Vec<Unit> = present
            .iter()
            .zip(&rows)
            .filter_map(|(i, r)| {
                let s = self.schools.get(*i)?;
                Some(Unit {
                    row: r.map_or(0, |r| r.row),
                    school: s.school.clone(),
                    municipality: s.municipality.clone(),
                    region: r.and_then(|r| r.region.clone()),
                    context: r.map(|r| r.values.clone()).unwrap_or_default(),
                    value: value(*i),
                })
            })
            .collect();
        if units.is_empty() {
            return Ok(unused);
        }
        let best = units.iter().map(|u| u.value).max().unwrap_or_default();
        let rating = rate(
            &units,
            &RatingOptions {
                measure: self.by.clone(),
                direction: Direction::More,
                relative: best > Decimal::ZERO,
                context: context.map(|c| c.columns.clone()).unwrap_or_default(),
                bands: context.map_or(4, |c| c.bands),
            },
        )?;
        self.groups = condition_groups(&rating);
        self.relative = Some(self.relative_points(m, &present, &period));
        self.ratings = Some(PeriodRating { period, rating });
        Ok(unused)
    }

    /// Each present school's context row, and the rows that name no present school.
    fn match_context<'c>(
        &self,
        present: &[usize],
        c: &'c Context,
        period: &str,
    ) -> Result<(Vec<Option<&'c ContextRow>>, Vec<usize>)> {
        let mut rows: Vec<Option<&ContextRow>> = vec![None; present.len()];
        let mut unused = Vec::new();
        let mut at: HashMap<(&str, Option<&str>), Vec<usize>> = HashMap::new();
        for (k, i) in present.iter().enumerate() {
            if let Some(s) = self.schools.get(*i) {
                let name = s.school.trim();
                if let Some(mun) = &s.municipality {
                    at.entry((name, Some(mun.trim()))).or_default().push(k);
                }
                // A context without municipalities names the school alone.
                at.entry((name, None)).or_default().push(k);
            }
        }
        for r in &c.rows {
            let key = (r.school.trim(), r.municipality.as_deref().map(str::trim));
            match at.get(&key).map(Vec::as_slice) {
                None | Some([]) => unused.push(r.row),
                Some([k]) => match rows.get_mut(*k) {
                    Some(slot @ None) => *slot = Some(r),
                    _ => {
                        return Err(context_error(
                            Location::Row(r.row),
                            format!("one context row per school ({:?} is given again)", r.school),
                            format!(
                                "одна строка условий на школу («{}» указана повторно)",
                                r.school
                            ),
                        ));
                    }
                },
                Some(_) => {
                    return Err(context_error(
                        Location::Row(r.row),
                        format!(
                            "a municipality for {:?}: schools of several municipalities have that name",
                            r.school
                        ),
                        format!(
                            "муниципалитет школы «{}»: так названы школы нескольких муниципалитетов",
                            r.school
                        ),
                    ));
                }
            }
        }
        if let Some((k, _)) = rows.iter().enumerate().find(|(_, r)| r.is_none()) {
            let s = present.get(k).and_then(|i| self.schools.get(*i));
            let name = s.map_or("", |s| s.school.as_str());
            let mun = s.and_then(|s| s.municipality.as_deref()).unwrap_or("—");
            return Err(context_error(
                Location::Argument("context".into()),
                format!("a context row for school {name:?} ({mun}) of {period}"),
                format!("строка условий для школы «{name}» ({mun}) периода {period}"),
            ));
        }
        Ok((rows, unused))
    }

    fn relative_points(&self, m: &Methodology, present: &[usize], period: &str) -> Relative {
        let schools: Vec<_> = present
            .iter()
            .filter_map(|i| self.schools.get(*i))
            .collect();
        let totals: Vec<Decimal> = schools
            .iter()
            .map(|s| s.totals.get(period).copied().unwrap_or_default())
            .collect();
        let total_points = relative(&totals);
        let per_group: Vec<Vec<Option<Decimal>>> = (0..m.groups().len())
            .map(|g| {
                let values: Vec<Decimal> = schools
                    .iter()
                    .map(|s| {
                        s.last_groups
                            .as_ref()
                            .and_then(|gs| gs.get(g).copied())
                            .unwrap_or_default()
                    })
                    .collect();
                relative(&values)
            })
            .collect();
        Relative {
            period: period.to_string(),
            schools: schools
                .iter()
                .enumerate()
                .map(|(k, s)| RelativeSchool {
                    school: s.school.clone(),
                    municipality: s.municipality.clone(),
                    total: total_points.get(k).copied().flatten(),
                    groups: super::ByPeriod(
                        m.groups()
                            .iter()
                            .zip(&per_group)
                            .map(|(g, p)| (g.id.clone(), p.get(k).copied().flatten()))
                            .collect(),
                    ),
                })
                .collect(),
        }
    }
}

/// Each group of similar conditions: its schools, mean and best value.
fn condition_groups(r: &crate::rating::Rating) -> Vec<ConditionGroup> {
    let mut by: BTreeMap<&str, Vec<Decimal>> = BTreeMap::new();
    for u in &r.units {
        if let Some(g) = &u.group {
            by.entry(g.as_str()).or_default().push(u.value);
        }
    }
    by.into_iter()
        .map(|(g, values)| ConditionGroup {
            group: g.to_string(),
            schools: values.len(),
            mean: two_places(
                values.iter().copied().sum::<Decimal>() / Decimal::from(values.len().max(1)),
            ),
            best: values.iter().copied().max().unwrap_or_default().normalize(),
        })
        .collect()
}
