//! The register as of a day: each teacher's category term, attestation and training due dates
//! and what is overdue; the due list up to the end of the academic year; the shares a school
//! reports.

use super::register::{Register, Teacher};
use super::rules::Rules;
use crate::calendar::Date;
use crate::decimal::ROUNDING;
use crate::finding::{Code, Finding, Place, Severity};
use rust_decimal::Decimal;
use serde::Serialize;
use std::collections::BTreeMap;

/// What falls due.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// Attestation (to keep a category, or for conformity to the position).
    Attestation,
    /// Training (курсы повышения квалификации).
    Training,
}

impl Kind {
    /// In Russian.
    pub fn ru(self) -> &'static str {
        match self {
            Kind::Attestation => "аттестация",
            Kind::Training => "курсы повышения квалификации",
        }
    }
}

/// A teacher as of the day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TeacherStatus {
    /// The name.
    pub name: String,
    /// The category id, `null` for none.
    pub category: Option<String>,
    /// The category's last day, `null` when it does not end.
    pub category_until: Option<Date>,
    /// When the next attestation is due.
    pub attestation_due: Option<Date>,
    /// When the next training is due.
    pub training_due: Option<Date>,
    /// What is overdue.
    pub overdue: Vec<Kind>,
}

/// A due item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Due {
    /// The teacher.
    pub name: String,
    /// What.
    pub kind: Kind,
    /// By when.
    pub due: Date,
}

/// The shares a school reports.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Shares {
    /// Teachers.
    pub teachers: usize,
    /// With a category in force.
    pub with_category: usize,
    /// With a course ended in the last 12 months.
    pub trained_12m: usize,
    /// With a course ended in the last 3 years.
    pub trained_3y: usize,
    /// `trained_3y` ÷ teachers × 100, 2 places.
    pub trained_3y_pct: Decimal,
}

/// A target of the plan against the register.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Target {
    /// `trained_year` or `categories_confirmed`.
    pub id: String,
    /// As the plan words it.
    pub title: String,
    /// The teachers counted.
    pub count: usize,
    /// Out of.
    pub of: usize,
    /// count ÷ of × 100, 2 places (`null` when `of` is 0).
    pub pct: Option<Decimal>,
    /// The least share, %.
    pub min_pct: Decimal,
    /// Whether it is met.
    pub met: bool,
}

/// The register as of a day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Status {
    /// The day.
    pub as_of: Date,
    /// Every teacher, in register order.
    pub teachers: Vec<TeacherStatus>,
    /// Attestations and trainings due up to the end of the academic year (overdue included),
    /// by date.
    pub due: Vec<Due>,
    /// The shares.
    pub shares: Shares,
    /// Teachers by category id (`none` for none) with a category in force.
    pub by_category: BTreeMap<String, usize>,
    /// Teachers with a course ended in the academic year so far.
    pub trained_year: usize,
    /// The plan's targets.
    pub targets: Vec<Target>,
    /// What reading and computing found.
    pub findings: Vec<Finding>,
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

/// The last day of the academic year a day falls in (31 August).
fn year_end(d: Date) -> Option<Date> {
    let y = if d.month() >= 9 {
        d.year() + 1
    } else {
        d.year()
    };
    Date::new(y, 8, 31)
}

impl Register {
    /// The register as of `as_of` by `rules`.
    ///
    /// ```
    /// use vsoko::calendar::Date;
    /// use vsoko::teachers::{Kind, Register, Rules};
    /// let t = |c: &[&str]| c.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    /// let header = t(&["ФИО", "Категория", "Дата присвоения", "Курсы ПК: дата окончания"]);
    /// let rows = vec![(2, t(&["Иванова Мария Петровна", "высшая", "15.03.2019", "20.05.2021"]))];
    /// let r = Register::from_table(Rules::builtin().unwrap(), "", &header, rows).unwrap();
    /// let s = r.status(Rules::builtin().unwrap(), Date::new(2025, 1, 15).unwrap());
    /// let teacher = &s.teachers[0];
    /// assert_eq!(teacher.category_until, Date::new(2024, 3, 15));
    /// assert_eq!(teacher.overdue, vec![Kind::Attestation, Kind::Training]);
    /// ```
    pub fn status(&self, rules: &Rules, as_of: Date) -> Status {
        let mut findings = self.findings.clone();
        let teachers: Vec<TeacherStatus> = self
            .teachers
            .iter()
            .map(|t| teacher(rules, t, as_of, &mut findings))
            .collect();
        let end = year_end(as_of);
        let mut due: Vec<Due> = teachers
            .iter()
            .flat_map(|t| {
                [
                    (Kind::Attestation, t.attestation_due),
                    (Kind::Training, t.training_due),
                ]
                .into_iter()
                .filter_map(|(kind, d)| {
                    let d = d?;
                    (Some(d) <= end).then(|| Due {
                        name: t.name.clone(),
                        kind,
                        due: d,
                    })
                })
            })
            .collect();
        due.sort_by(|a, b| (a.due, a.kind, &a.name).cmp(&(b.due, b.kind, &b.name)));
        let within = |years: i32| {
            let from = as_of.plus_years(-years);
            self.teachers
                .iter()
                .filter(|t| {
                    t.courses
                        .iter()
                        .any(|c| from.is_some_and(|f| c.end > f) && c.end <= as_of)
                })
                .count()
        };
        let in_force =
            |s: &TeacherStatus| s.category.is_some() && s.category_until.is_none_or(|u| u >= as_of);
        let mut by_category = BTreeMap::new();
        for s in &teachers {
            let id = if in_force(s) {
                s.category.clone().unwrap_or_default()
            } else {
                "none".to_string()
            };
            *by_category.entry(id).or_insert(0) += 1;
        }
        let trained_3y = within(3);
        let year_start = Date::new(
            if as_of.month() >= 9 {
                as_of.year()
            } else {
                as_of.year() - 1
            },
            9,
            1,
        );
        let trained_year = self
            .teachers
            .iter()
            .filter(|t| {
                t.courses
                    .iter()
                    .any(|c| year_start.is_some_and(|s| c.end >= s) && c.end <= as_of)
            })
            .count();
        let with_any = teachers.iter().filter(|s| s.category.is_some()).count();
        let confirmed = teachers.iter().filter(|s| in_force(s)).count();
        let targets = targets(rules, (trained_year, teachers.len()), (confirmed, with_any));
        Status {
            trained_year,
            targets,
            as_of,
            shares: Shares {
                teachers: teachers.len(),
                with_category: teachers.iter().filter(|s| in_force(s)).count(),
                trained_12m: within(1),
                trained_3y,
                trained_3y_pct: pct(trained_3y, teachers.len()),
            },
            teachers,
            due,
            by_category,
            findings,
        }
    }
}

/// A day as Russian text writes it: `10.11.2023`.
fn ru(d: Date) -> String {
    format!("{:02}.{:02}.{}", d.day(), d.month(), d.year())
}

fn teacher(rules: &Rules, t: &Teacher, as_of: Date, findings: &mut Vec<Finding>) -> TeacherStatus {
    let place = || Place {
        field: Some(t.name.clone()),
        ..Place::row("", t.row as u64)
    };
    let mut warn = |code: Code, en: String, ru: String| {
        findings.push(Finding::new(code, Severity::Warning, place(), en, ru));
    };
    let name = &t.name;
    let category_until = match (&t.category, t.category_date) {
        (None, _) => None,
        (Some(_), None) => {
            warn(
                Code::CategoryDateMissing,
                format!("{name:?}: the category has no date it was set; its term is unknown"),
                format!(
                    "«{name}»: не указана дата присвоения категории, срок её действия неизвестен"
                ),
            );
            t.category_until
        }
        (Some(_), Some(set)) if set >= rules.unlimited_from => {
            if let Some(u) = t.category_until {
                warn(
                    Code::CategoryUnlimited,
                    format!(
                        "{name:?}: a category set on {set} has no end; the end {u} written is ignored"
                    ),
                    format!(
                        "«{name}»: категория, установленная {}, действует без ограничения срока; указанный срок {} не учтён",
                        ru(set),
                        ru(u)
                    ),
                );
            }
            None
        }
        (Some(_), Some(set)) => {
            let rule = set.plus_years(rules.category_years_before);
            match t.category_until {
                Some(u) if Some(u) != rule => {
                    warn(
                        Code::CategoryUntilDiffers,
                        format!(
                            "{name:?}: the category ends on {u} as written, not {} by the rule",
                            rule.map(|d| d.to_string()).unwrap_or_default()
                        ),
                        format!(
                            "«{name}»: срок категории указан {}, по правилу — {}; учтён указанный",
                            ru(u),
                            rule.map(ru).unwrap_or_default()
                        ),
                    );
                    Some(u)
                }
                Some(u) => Some(u),
                None => rule,
            }
        }
    };
    let attestation_due = if t.category.is_some() {
        category_until
    } else {
        conformity_due(rules, t, findings)
    };
    let training_due = t
        .courses
        .iter()
        .map(|c| c.end)
        .max()
        .and_then(|d| d.plus_years(rules.training_years))
        .or_else(|| t.hired.and_then(|d| d.plus_years(rules.training_years)));
    let mut overdue = Vec::new();
    if attestation_due.is_some_and(|d| d < as_of) {
        overdue.push(Kind::Attestation);
    }
    if training_due.is_none_or(|d| d < as_of) {
        overdue.push(Kind::Training);
    }
    TeacherStatus {
        name: t.name.clone(),
        category: t.category.clone(),
        category_until,
        attestation_due,
        training_due,
        overdue,
    }
}

/// Without a category: five years after the last attestation, or two after hiring.
fn conformity_due(rules: &Rules, t: &Teacher, findings: &mut Vec<Finding>) -> Option<Date> {
    let due = t
        .last_attestation
        .and_then(|d| d.plus_years(rules.conformity_years))
        .or_else(|| t.hired.and_then(|d| d.plus_years(rules.new_teacher_years)));
    if due.is_none() {
        let name = &t.name;
        findings.push(Finding::new(
            Code::AttestationUnknown,
            Severity::Warning,
            Place {
                field: Some(name.clone()),
                ..Place::row("", t.row as u64)
            },
            format!("{name:?}: no category, no last attestation and no hire date: the attestation date is unknown"),
            format!("«{name}»: нет категории, даты последней аттестации и даты приёма — срок аттестации не определить"),
        ));
    }
    due
}

/// The plan's targets: trained in the year (count, of) and categories confirmed (count, of).
fn targets(rules: &Rules, trained: (usize, usize), confirmed: (usize, usize)) -> Vec<Target> {
    rules
        .targets
        .iter()
        .map(|t| {
            let (count, of) = if t.id == "trained_year" {
                trained
            } else {
                confirmed
            };
            let pct = (of > 0).then(|| pct(count, of));
            Target {
                id: t.id.clone(),
                title: t.title.clone(),
                count,
                of,
                pct,
                min_pct: t.min_pct,
                met: pct.is_none_or(|p| p >= t.min_pct),
            }
        })
        .collect()
}
