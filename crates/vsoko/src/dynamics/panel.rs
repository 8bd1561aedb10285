//! The panel: scored rows of several periods in, one [`Dynamics`] out.

use super::issue::{IssueKind, RowIssue};
use super::model::{
    ByPeriod, Decline, Dynamics, LevelChange, MunicipalityDynamics, Place, Rating, SchoolDynamics,
};
use super::period;
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
    /// School name → positions in `schools` (one per municipality that has a school so named).
    index: HashMap<String, Vec<usize>>,
    form: Option<period::PeriodForm>,
    /// Period labels as first seen, their positions (by [`period::key`]: the forms of one
    /// academic year are one period, shown as first written), and whether each has the first
    /// row's form.
    periods: Vec<String>,
    period_ids: HashMap<String, usize>,
    period_forms: Vec<Option<(period::PeriodForm, period::PeriodForm)>>,
    /// Municipality names and their positions (position 0 is "none").
    municipalities: Vec<Option<String>>,
    municipality_ids: HashMap<String, usize>,
    /// Spelling key → the spelling seen first; spellings that differ → that first one.
    spellings: HashMap<String, String>,
    odd_spellings: HashMap<String, String>,
    /// (municipality, school spelling key) → the school's spelling seen first.
    school_spellings: HashMap<(usize, String), String>,
    files: Vec<String>,
    summaries: HashMap<(usize, usize), SummaryBuilder<'m>>,
    region: Vec<Option<SummaryBuilder<'m>>>,
    issues: Vec<RowIssue>,
}

struct School {
    name: String,
    municipality: usize,
    periods: Vec<Seen>,
}

/// One period of a school: period, file and row where it was read, total, group points.
struct Seen {
    period: usize,
    file: usize,
    row: usize,
    total: Decimal,
    groups: Box<[Decimal]>,
}

impl<'m> Panel<'m> {
    /// An empty panel for one methodology.
    pub fn new(m: &'m Methodology) -> Self {
        Panel {
            m,
            schools: Vec::new(),
            index: HashMap::new(),
            form: None,
            periods: Vec::new(),
            period_ids: HashMap::new(),
            period_forms: Vec::new(),
            municipalities: vec![None],
            municipality_ids: HashMap::new(),
            spellings: HashMap::new(),
            odd_spellings: HashMap::new(),
            school_spellings: HashMap::new(),
            files: Vec::new(),
            summaries: HashMap::new(),
            region: Vec::new(),
            issues: Vec::new(),
        }
    }

    /// Adds one scored row. A row with no school or period, a school already in that period,
    /// or a period written in another form than the first row's is left out and reported; a
    /// municipality, or a school of one municipality, spelled like another (case, spaces, `ё`,
    /// Latin look-alike letters: [`crate::spelling::spelling_key`]) is kept apart and
    /// reported. The forms of one academic year (`2023/24`, `2023/2024`, `2023-24`) are one
    /// period, shown as first written.
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
        let p = self.period(period);
        if let Some(Some((form, expected))) = self.period_forms.get(p) {
            self.issues.push(issue(IssueKind::MixedPeriodForms {
                found: period.to_string(),
                form: *form,
                expected: *expected,
            }));
            return;
        }
        let mun = match municipality.map(str::trim).filter(|m| !m.is_empty()) {
            Some(name) => {
                if let Some(other) = self.spelling(name) {
                    self.issues.push(issue(IssueKind::MunicipalitySpelling {
                        found: name.to_string(),
                        other,
                    }));
                }
                self.municipality(name)
            }
            None => 0,
        };
        let first_spelling = self
            .school_spellings
            .entry((mun, crate::spelling::spelling_key(name)))
            .or_insert_with(|| name.to_string());
        if first_spelling != name {
            let other = first_spelling.clone();
            self.issues.push(issue(IssueKind::SchoolSpelling {
                found: name.to_string(),
                other,
            }));
        }
        let f = self.file(file);
        let pos = self.school(name, mun);
        let Some(s) = self.schools.get_mut(pos) else {
            return;
        };
        if let Some(seen) = s.periods.iter().find(|seen| seen.period == p) {
            let at = at(
                self.files.get(seen.file).map_or("", String::as_str),
                seen.row,
            );
            self.issues.push(issue(IssueKind::DuplicateSchool {
                school: name.to_string(),
                period: self.periods.get(p).cloned().unwrap_or_default(),
                first: at,
            }));
            return;
        }
        s.periods.push(Seen {
            period: p,
            file: f,
            row,
            total: card.total,
            groups: card.group_points.clone().into_boxed_slice(),
        });
        let m = self.m;
        self.summaries
            .entry((mun, p))
            .or_insert_with(|| SummaryBuilder::new(m))
            .add(card);
        if let Some(r) = self.region.get_mut(p) {
            r.get_or_insert_with(|| SummaryBuilder::new(m)).add(card);
        }
    }

    /// The position of a period label, adding it (and checking its form) when new.
    fn period(&mut self, label: &str) -> usize {
        let key = period::key(label);
        if let Some(&p) = self.period_ids.get(&key) {
            return p;
        }
        let (form, _) = period::PeriodForm::of(label);
        let expected = *self.form.get_or_insert(form);
        self.period_forms
            .push((expected != form).then_some((form, expected)));
        self.periods.push(label.to_string());
        self.period_ids.insert(key, self.periods.len() - 1);
        self.region.push(None);
        self.periods.len() - 1
    }

    fn municipality(&mut self, name: &str) -> usize {
        if let Some(&i) = self.municipality_ids.get(name) {
            return i;
        }
        self.municipalities.push(Some(name.to_string()));
        self.municipality_ids
            .insert(name.to_string(), self.municipalities.len() - 1);
        self.municipalities.len() - 1
    }

    /// The spelling seen first when `name` is written unlike it.
    fn spelling(&mut self, name: &str) -> Option<String> {
        if self.municipality_ids.contains_key(name) {
            return self.odd_spellings.get(name).cloned();
        }
        let first = self
            .spellings
            .entry(crate::spelling::spelling_key(name))
            .or_insert_with(|| name.to_string())
            .clone();
        (first != name).then(|| {
            self.odd_spellings.insert(name.to_string(), first.clone());
            first
        })
    }

    fn file(&mut self, name: &str) -> usize {
        if self.files.last().is_some_and(|f| f == name) {
            return self.files.len() - 1;
        }
        if let Some(i) = self.files.iter().position(|f| f == name) {
            return i;
        }
        self.files.push(name.to_string());
        self.files.len() - 1
    }

    fn school(&mut self, name: &str, municipality: usize) -> usize {
        if let Some(&pos) = self.index.get(name).and_then(|v| {
            v.iter().find(|&&i| {
                self.schools
                    .get(i)
                    .is_some_and(|s| s.municipality == municipality)
            })
        }) {
            return pos;
        }
        self.schools.push(School {
            name: name.to_string(),
            municipality,
            periods: Vec::new(),
        });
        let pos = self.schools.len() - 1;
        self.index.entry(name.to_string()).or_default().push(pos);
        pos
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
                            "«total» или код группы методики {} ({})",
                            m.id(),
                            group_ids(m)
                        ),
                    },
                }
            })?),
        };
        // Positions back to names, once per school and period.
        let names = &self.periods;
        let kept: Vec<Kept> = self
            .schools
            .into_iter()
            .map(|s| Kept {
                name: s.name,
                municipality: self.municipalities.get(s.municipality).cloned().flatten(),
                periods: s
                    .periods
                    .into_iter()
                    .map(|seen| {
                        let p = names.get(seen.period).cloned().unwrap_or_default();
                        (p, (), seen.total, seen.groups)
                    })
                    .collect(),
            })
            .collect();
        let summaries: HashMap<(Option<String>, String), SummaryBuilder<'_>> = self
            .summaries
            .into_iter()
            .map(|((mun, p), b)| {
                let mun = self.municipalities.get(mun).cloned().flatten();
                ((mun, names.get(p).cloned().unwrap_or_default()), b)
            })
            .collect();
        let mut periods: Vec<String> = names
            .iter()
            .zip(&self.region)
            .filter(|(_, r)| r.is_some())
            .map(|(p, _)| p.clone())
            .collect();
        period::sort(&mut periods);
        let last = periods.last().cloned();
        let prev = periods
            .len()
            .checked_sub(2)
            .and_then(|i| periods.get(i))
            .cloned();
        let schools: Vec<SchoolDynamics> = kept
            .iter()
            .map(|s| school(m, s, &periods, prev.as_deref(), last.as_deref()))
            .collect();
        let municipalities = municipalities(&kept, summaries, &periods);
        let rating = rating(m, &kept, &municipalities, last.as_deref(), by_group);
        let mut region: Vec<(String, crate::batch::Summary)> = names
            .iter()
            .zip(self.region)
            .filter_map(|(p, r)| Some((p.clone(), r?.finish())))
            .collect();
        region.sort_by_key(|(p, _)| periods.iter().position(|q| q == p));
        let mut d = Dynamics {
            methodology: m.id().to_string(),
            periods,
            schools,
            municipalities,
            rating,
            ratings: None,
            relative: None,
            groups: Vec::new(),
            by: by_group
                .and_then(|g| m.groups().get(g))
                .map_or_else(|| "total".to_string(), |g| g.id.clone()),
            region: ByPeriod(region),
        };
        d.rate(m, None)?;
        Ok(d)
    }
}

/// Where a row was read, for messages: `file, строка 5` (or `строка 5` for one frame).
fn at(file: &str, row: usize) -> String {
    if file.is_empty() {
        format!("строка {row}")
    } else {
        format!("{file}, строка {row}")
    }
}

fn school(
    m: &Methodology,
    s: &Kept,
    periods: &[String],
    prev: Option<&str>,
    last: Option<&str>,
) -> SchoolDynamics {
    let of = |p: Option<&str>| p.and_then(|p| s.periods.iter().find(|(q, ..)| q == p));
    let in_order = |f: &dyn Fn(&KeptSeen) -> Option<String>| {
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
            .map(|(p, (), t, _)| (p.clone(), *t))
            .collect(),
    );
    let level = |t: Decimal| m.level_of(t).map(|l| l.id.clone());
    let levels = ByPeriod(in_order(&|e| level(e.2)));
    let (mut delta, mut level_change, mut declines) = (None, None, Vec::new());
    let last_groups = of(last).map(|(.., g)| g.clone());
    if let (Some((_, (), t0, g0)), Some((_, (), t1, g1))) = (of(prev), of(last)) {
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
        last_groups,
    }
}

fn municipalities(
    schools: &[Kept],
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
    schools: &[Kept],
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
                        .filter_map(|(_, (), _, groups)| groups.get(g).copied())
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

/// A school as `finish` reads it: names instead of positions.
struct Kept {
    name: String,
    municipality: Option<String>,
    periods: Vec<KeptSeen>,
}

/// (period, unused, total, group points) of one period of a [`Kept`] school.
type KeptSeen = (String, (), Decimal, Box<[Decimal]>);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Options, Values};

    fn card(m: &Methodology, v: &str) -> Scorecard {
        m.evaluate(&Values::from_json(v).unwrap(), Options::default())
            .unwrap()
    }

    #[test]
    fn forms_of_one_academic_year_are_one_period() {
        let m = Methodology::builtin("nocko-1547").unwrap();
        let mut p = Panel::new(m);
        let first = card(m, r#"{"1.1": 8}"#);
        let next = card(m, r#"{"1.1": 9}"#);
        p.add("a.csv", 2, Some("Школа 1"), None, Some("2023/24"), &first);
        p.add("a.csv", 3, Some("Школа 2"), None, Some("2023/2024"), &first);
        p.add("a.csv", 4, Some("Школа 3"), None, Some("2023-24"), &first);
        p.add("a.csv", 5, Some("Школа 1"), None, Some("2024/25"), &next);
        // The same school twice in one academic year, written another way: a duplicate.
        p.add("a.csv", 6, Some("Школа 2"), None, Some("2023-2024"), &next);
        let issues: Vec<(&str, usize)> = p
            .issues()
            .iter()
            .map(|i| (i.code().as_str(), i.row))
            .collect();
        assert_eq!(issues, [("duplicate_school", 6)]);
        assert!(
            p.issues()[0]
                .ru()
                .contains("в периоде «2023/24» (a.csv, строка 3)")
        );
        let dynamics = p.finish(None).unwrap();
        assert_eq!(dynamics.periods, ["2023/24", "2024/25"]);
        assert_eq!(dynamics.schools[0].delta.unwrap().to_string(), "1");
        assert_eq!(dynamics.region.0[0].1.schools, 3);
    }

    #[test]
    fn school_spellings_are_kept_apart_and_reported() {
        let m = Methodology::builtin("nocko-1547").unwrap();
        let mut p = Panel::new(m);
        let a = card(m, r#"{"1.1": 8}"#);
        p.add(
            "a.csv",
            2,
            Some("Школа № 1"),
            Some("Энск"),
            Some("2023"),
            &a,
        );
        // A Latin «o» in «шкoла», another case, other spaces.
        p.add("a.csv", 3, Some("шкoла №1"), Some("Энск"), Some("2024"), &a);
        p.add(
            "a.csv",
            4,
            Some("Школа ёлка"),
            Some("Энск"),
            Some("2024"),
            &a,
        );
        p.add(
            "a.csv",
            5,
            Some("Школа елка"),
            Some("Энск"),
            Some("2024"),
            &a,
        );
        // The same name in another municipality is another school, not a spelling.
        p.add(
            "b.csv",
            2,
            Some("школа № 1"),
            Some("Тверь"),
            Some("2024"),
            &a,
        );
        // Municipalities with Latin look-alikes are reported too.
        p.add("b.csv", 3, Some("Школа 7"), Some("Tверь"), Some("2024"), &a);
        let issues: Vec<(&str, usize, bool)> = p
            .issues()
            .iter()
            .map(|i| (i.code().as_str(), i.row, i.rejected()))
            .collect();
        assert_eq!(
            issues,
            [
                ("school_spelling", 3, false),
                ("school_spelling", 5, false),
                ("municipality_spelling", 3, false)
            ]
        );
        assert_eq!(
            p.issues()[0].ru(),
            "a.csv, строка 3: школа «шкoла №1» написана иначе, чем «Школа № 1»; они учтены раздельно — если это одна школа, исправьте написание"
        );
        assert_eq!(
            p.issues()[0].to_string(),
            "a.csv, row 3: school \"шкoла №1\" is spelled unlike \"Школа № 1\"; kept apart"
        );
        let d = p.finish(None).unwrap();
        assert_eq!(d.schools.len(), 6);
    }
}
