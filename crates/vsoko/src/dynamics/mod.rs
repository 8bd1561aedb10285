//! Dynamics across periods and municipalities: each school's totals per period, the change
//! between the two last periods (delta, level change, the groups whose points fell), and each
//! municipality's schools, levels, mean and median per period with a rating.
//!
//! A [`Panel`] takes scored rows one at a time (from several files or one long table) and keeps
//! per school one total and the group points per period, so memory follows the number of
//! schools, not rows × indicators.

mod dashboard;
mod issue;
mod model;
mod period;

pub use dashboard::dashboard;
pub use issue::{IssueKind, RowIssue};
pub use model::{
    ByPeriod, Decline, Dynamics, LevelChange, MunicipalityDynamics, Place, Rating, SchoolDynamics,
};
pub use period::PeriodForm;

use crate::batch::{SummaryBuilder, ranks};
use crate::decimal::ROUNDING;
use crate::error::{Error, Result};
use crate::methodology::Methodology;
use crate::scoring::Scorecard;
use rust_decimal::Decimal;
use std::collections::HashMap;

/// Collects scored rows of several periods.
///
/// ```
/// use vsoko::{Methodology, Options, Values, dynamics::Panel};
/// let m = Methodology::builtin("nocko-1547").unwrap();
/// let card = |v: &str| m.evaluate(&Values::from_json(v).unwrap(), Options::default()).unwrap();
/// let mut p = Panel::new(m);
/// p.add("a.csv", 2, Some("Школа 1"), Some("Энск"), Some("2023"), &card(r#"{"1.1": 8, "2.1": 6}"#));
/// p.add("a.csv", 3, Some("Школа 1"), Some("Энск"), Some("2024"), &card(r#"{"1.1": 9, "2.1": 4}"#));
/// let d = p.finish(None).unwrap();
/// assert_eq!(d.periods, ["2023", "2024"]);
/// assert_eq!(d.schools[0].delta.unwrap().to_string(), "-1");
/// assert_eq!(d.schools[0].declines[0].id, "II");
/// ```
pub struct Panel<'m> {
    m: &'m Methodology,
    schools: Vec<School>,
    index: HashMap<(Option<String>, String), usize>,
    form: Option<period::PeriodForm>,
    spellings: HashMap<String, String>,
    summaries: HashMap<(Option<String>, String), SummaryBuilder<'m>>,
    region: HashMap<String, SummaryBuilder<'m>>,
    issues: Vec<RowIssue>,
}

struct School {
    name: String,
    municipality: Option<String>,
    periods: Vec<Seen>,
}

/// One period of a school: (period, where it was read, total, group points).
type Seen = (String, String, Decimal, Box<[Decimal]>);

impl<'m> Panel<'m> {
    /// An empty panel for one methodology.
    pub fn new(m: &'m Methodology) -> Self {
        Panel {
            m,
            schools: Vec::new(),
            index: HashMap::new(),
            form: None,
            spellings: HashMap::new(),
            summaries: HashMap::new(),
            region: HashMap::new(),
            issues: Vec::new(),
        }
    }

    /// Adds one scored row. A row with no school or period, a school already in that period,
    /// or a period written in another form than the first row's is left out and reported; a
    /// municipality spelled like another is kept apart and reported.
    pub fn add(
        &mut self,
        file: &str,
        row: usize,
        school: Option<&str>,
        municipality: Option<&str>,
        period: Option<&str>,
        card: &Scorecard,
    ) {
        let issue = |kind| RowIssue {
            file: file.to_string(),
            row,
            kind,
        };
        let Some(period) = period.map(str::trim).filter(|p| !p.is_empty()) else {
            self.issues.push(issue(IssueKind::EmptyPeriod));
            return;
        };
        let Some(name) = school.map(str::trim).filter(|s| !s.is_empty()) else {
            self.issues.push(issue(IssueKind::EmptySchool));
            return;
        };
        let (form, _) = period::PeriodForm::of(period);
        match self.form {
            None => self.form = Some(form),
            Some(expected) if expected != form => {
                self.issues.push(issue(IssueKind::MixedPeriodForms {
                    found: period.to_string(),
                    form,
                    expected,
                }));
                return;
            }
            Some(_) => {}
        }
        let municipality = municipality
            .map(str::trim)
            .filter(|m| !m.is_empty())
            .map(str::to_string);
        if let Some(name) = &municipality {
            let first = self
                .spellings
                .entry(issue::spelling_key(name))
                .or_insert_with(|| name.clone());
            if first != name {
                let other = first.clone();
                self.issues.push(issue(IssueKind::MunicipalitySpelling {
                    found: name.clone(),
                    other,
                }));
            }
        }
        let key = (municipality.clone(), name.to_string());
        let pos = *self.index.entry(key).or_insert_with(|| {
            self.schools.push(School {
                name: name.to_string(),
                municipality: municipality.clone(),
                periods: Vec::new(),
            });
            self.schools.len() - 1
        });
        let Some(s) = self.schools.get_mut(pos) else {
            return;
        };
        if let Some((_, first, _, _)) = s.periods.iter().find(|(p, ..)| p == period) {
            let first = first.clone();
            self.issues.push(issue(IssueKind::DuplicateSchool {
                school: name.to_string(),
                period: period.to_string(),
                first,
            }));
            return;
        }
        let at = if file.is_empty() {
            format!("строка {row}")
        } else {
            format!("{file}, строка {row}")
        };
        s.periods.push((
            period.to_string(),
            at,
            card.total,
            card.group_points.clone().into_boxed_slice(),
        ));
        let m = self.m;
        self.summaries
            .entry((municipality, period.to_string()))
            .or_insert_with(|| SummaryBuilder::new(m))
            .add(card);
        self.region
            .entry(period.to_string())
            .or_insert_with(|| SummaryBuilder::new(m))
            .add(card);
    }

    /// Every problem of the rows so far, in input order.
    pub fn issues(&self) -> &[RowIssue] {
        &self.issues
    }

    /// The dynamics; municipalities rated by the mean total, or by the mean points of the group
    /// `by`.
    ///
    /// # Errors
    /// [`Error::InvalidInput`] when `by` is not a group of the methodology.
    pub fn finish(self, by: Option<&str>) -> Result<Dynamics> {
        let m = self.m;
        let by_group = match by {
            None | Some("total") => None,
            Some(id) => Some(m.groups().iter().position(|g| g.id == id).ok_or_else(|| {
                Error::InvalidInput {
                    at: crate::reason::Location::Argument("by".into()),
                    reason: crate::reason::InputReason::WrongArgument {
                        expected: format!("total or a group id of {} ({})", m.id(), group_ids(m)),
                        expected_ru: format!(
                            "total или код группы методики {} ({})",
                            m.id(),
                            group_ids(m)
                        ),
                    },
                }
            })?),
        };
        let mut periods: Vec<String> = self.region.keys().cloned().collect();
        period::sort(&mut periods);
        let last = periods.last().cloned();
        let prev = periods
            .len()
            .checked_sub(2)
            .and_then(|i| periods.get(i))
            .cloned();
        let schools: Vec<SchoolDynamics> = self
            .schools
            .iter()
            .map(|s| school(m, s, &periods, prev.as_deref(), last.as_deref()))
            .collect();
        let municipalities = municipalities(&self.schools, self.summaries, &periods);
        let rating = rating(m, &self.schools, &municipalities, last.as_deref(), by_group);
        let mut region: Vec<(String, crate::batch::Summary)> = self
            .region
            .into_iter()
            .map(|(p, s)| (p, s.finish()))
            .collect();
        region.sort_by_key(|(p, _)| periods.iter().position(|q| q == p));
        Ok(Dynamics {
            methodology: m.id().to_string(),
            periods,
            schools,
            municipalities,
            rating,
            region: ByPeriod(region),
        })
    }
}

fn school(
    m: &Methodology,
    s: &School,
    periods: &[String],
    prev: Option<&str>,
    last: Option<&str>,
) -> SchoolDynamics {
    let of = |p: Option<&str>| p.and_then(|p| s.periods.iter().find(|(q, ..)| q == p));
    let in_order = |f: &dyn Fn(&Seen) -> Option<String>| {
        periods
            .iter()
            .filter_map(|p| s.periods.iter().find(|(q, ..)| q == p))
            .map(|e| (e.0.clone(), f(e)))
            .collect::<Vec<_>>()
    };
    let totals = ByPeriod(
        periods
            .iter()
            .filter_map(|p| s.periods.iter().find(|(q, ..)| q == p))
            .map(|(p, _, t, _)| (p.clone(), *t))
            .collect(),
    );
    let level = |t: Decimal| m.level_of(t).map(|l| l.id.clone());
    let levels = ByPeriod(in_order(&|e| level(e.2)));
    let (mut delta, mut level_change, mut declines) = (None, None, Vec::new());
    if let (Some((_, _, t0, g0)), Some((_, _, t1, g1))) = (of(prev), of(last)) {
        delta = Some((*t1 - *t0).normalize());
        if let (Some(a), Some(b)) = (level(*t0), level(*t1))
            && a != b
        {
            level_change = Some(LevelChange { from: a, to: b });
        }
        declines = m
            .groups()
            .iter()
            .zip(g0.iter().zip(g1.iter()))
            .filter(|(_, (a, b))| b < a)
            .map(|(g, (a, b))| Decline {
                id: g.id.clone(),
                from: *a,
                to: *b,
                delta: (*b - *a).normalize(),
            })
            .collect();
        // Stable: ties keep the methodology's order.
        declines.sort_by_key(|d| d.delta);
    }
    SchoolDynamics {
        school: s.name.clone(),
        municipality: s.municipality.clone(),
        totals,
        delta,
        level_change,
        declines,
        levels,
    }
}

fn municipalities(
    schools: &[School],
    summaries: HashMap<(Option<String>, String), SummaryBuilder<'_>>,
    periods: &[String],
) -> Vec<MunicipalityDynamics> {
    let mut names: Vec<Option<String>> = schools.iter().map(|s| s.municipality.clone()).collect();
    names.sort_by(|a, b| match (a, b) {
        (Some(x), Some(y)) => x.cmp(y),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => std::cmp::Ordering::Equal,
    });
    names.dedup();
    let mut by_key: HashMap<(Option<String>, String), crate::batch::Summary> = summaries
        .into_iter()
        .map(|(k, b)| (k, b.finish()))
        .collect();
    names
        .into_iter()
        .map(|name| {
            let count = schools.iter().filter(|s| s.municipality == name).count();
            let mut out = MunicipalityDynamics {
                municipality: name.clone(),
                schools: count,
                mean: ByPeriod::default(),
                median: ByPeriod::default(),
                levels: ByPeriod::default(),
                summaries: ByPeriod::default(),
            };
            for p in periods {
                let Some(s) = by_key.remove(&(name.clone(), p.clone())) else {
                    continue;
                };
                if let Some(mean) = s.mean_total {
                    out.mean.0.push((p.clone(), mean));
                }
                if let Some(median) = s.median_total {
                    out.median.0.push((p.clone(), median));
                }
                let counts = s
                    .levels
                    .iter()
                    .rev()
                    .map(|l| (l.level.clone(), l.count))
                    .collect();
                out.levels.0.push((p.clone(), ByPeriod(counts)));
                out.summaries.0.push((p.clone(), s));
            }
            out
        })
        .collect()
}

fn rating(
    m: &Methodology,
    schools: &[School],
    municipalities: &[MunicipalityDynamics],
    last: Option<&str>,
    by_group: Option<usize>,
) -> Rating {
    let by = by_group
        .and_then(|g| m.groups().get(g))
        .map_or_else(|| "total".to_string(), |g| g.id.clone());
    let Some(last) = last else {
        return Rating {
            period: None,
            by,
            places: Vec::new(),
        };
    };
    let rated: Vec<(Option<String>, Decimal)> = municipalities
        .iter()
        .filter_map(|mun| {
            let value = match by_group {
                None => *mun.mean.get(last)?,
                Some(g) => {
                    let points: Vec<Decimal> = schools
                        .iter()
                        .filter(|s| s.municipality == mun.municipality)
                        .filter_map(|s| s.periods.iter().find(|(p, ..)| p == last))
                        .filter_map(|(_, _, _, groups)| groups.get(g).copied())
                        .collect();
                    let n = Decimal::from(points.len());
                    let sum = crate::decimal::checked_sum(points.iter().copied())?;
                    sum.checked_div(n)?
                        .round_dp_with_strategy(crate::batch::MEAN_DECIMALS, ROUNDING)
                        .normalize()
                }
            };
            Some((mun.municipality.clone(), value))
        })
        .collect();
    let values: Vec<Decimal> = rated.iter().map(|(_, v)| *v).collect();
    let mut places: Vec<Place> = rated
        .into_iter()
        .zip(ranks(&values))
        .map(|((municipality, value), r)| Place {
            municipality,
            place: r.position,
            value,
        })
        .collect();
    places.sort_by_key(|p| p.place);
    Rating {
        period: Some(last.to_string()),
        by,
        places,
    }
}

fn group_ids(m: &Methodology) -> String {
    m.groups()
        .iter()
        .map(|g| g.id.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}
