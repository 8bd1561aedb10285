//! Gaps in pupils' results turned into addressed actions with re-control, through the same
//! mapping as score deficits (`marks` and `tasks` in `data/plan_actions.json`): a class ×
//! subject whose quality fell by the school's threshold, a class's failing pupils (academic
//! debt) in its latest period, and a class's weak tasks in a ВПР, ОГЭ or ЕГЭ work. Each action
//! names the class, the subject and, when the marks name one, the teacher.
//!
//! The results are read from the JSON of `vsoko marks` and `vsoko tasks` (or from the reports
//! in memory through the same shape), so a plan can be built from files a school keeps.

use super::actions::{Action, ActionMapping, add_action, start};
use super::model::{Deficit, Plan};
use crate::calendar::Date;
use crate::error::{Error, Result};
use crate::output::russian;
use rust_decimal::Decimal;
use serde::Deserialize;

/// What of a marks report the gaps need (the JSON of `vsoko marks`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
pub struct MarksResult {
    /// Class × subject × period.
    #[serde(default)]
    pub groups: Vec<MarksGroup>,
    /// Each class's account per period.
    #[serde(default)]
    pub classes: Vec<MarksClass>,
    /// Class × subject from a period to the next.
    #[serde(default)]
    pub changes: Vec<MarksChange>,
}

/// A class × subject × period.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct MarksGroup {
    /// School.
    pub school: Option<String>,
    /// Class.
    pub class: String,
    /// Subject.
    pub subject: String,
    /// Teacher.
    pub teacher: Option<String>,
    /// Period id.
    pub period: String,
    /// Качество знаний, %.
    pub quality_pct: Option<Decimal>,
}

/// A class's failing pupils in a period.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct MarksClass {
    /// School.
    pub school: Option<String>,
    /// Class.
    pub class: String,
    /// Period id.
    pub period: String,
    /// The failing pupils and the subjects of their debt.
    #[serde(default)]
    pub failing: Vec<FailingPupil>,
}

/// A pupil with academic debt.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct FailingPupil {
    /// Pupil.
    pub pupil: String,
    /// Subjects.
    pub subjects: Vec<String>,
}

/// A change of a class × subject between periods.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct MarksChange {
    /// School.
    pub school: Option<String>,
    /// Class.
    pub class: String,
    /// Subject.
    pub subject: String,
    /// Teacher.
    pub teacher: Option<String>,
    /// The earlier period's id.
    pub from: String,
    /// The later period's id.
    pub to: String,
    /// Change of quality, points.
    pub quality_pct: Option<Decimal>,
}

/// What of a tasks report the gaps need (the JSON of `vsoko tasks`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
pub struct TasksResult {
    /// Each task per school and class.
    #[serde(default)]
    pub tasks: Vec<TaskLine>,
}

/// A task in a school or class.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct TaskLine {
    /// School.
    pub school: Option<String>,
    /// Class (none on the school's row).
    pub class: Option<String>,
    /// ВПР, ОГЭ, ЕГЭ.
    pub procedure: String,
    /// Subject.
    pub subject: String,
    /// Grade.
    pub grade: u8,
    /// Year.
    pub year: i32,
    /// Task number.
    pub task: String,
    /// Completion, %.
    pub completion_pct: Option<Decimal>,
    /// What it checks, when described.
    #[serde(default)]
    pub description: Option<String>,
}

/// The thresholds of the gaps: the school's own, not federal rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GapOptions {
    /// A fall of quality by at least this many points is a gap.
    pub quality_drop: Decimal,
    /// A task completed below this share (%) in a class is a gap.
    pub weak_below: Decimal,
}

impl Default for GapOptions {
    fn default() -> Self {
        GapOptions {
            quality_drop: crate::marks::DEFAULT_QUALITY_DROP,
            weak_below: crate::tasks::DEFAULT_WEAK_BELOW,
        }
    }
}

fn period_ru(id: &str) -> String {
    crate::marks::Period::parse(id).map_or_else(|| id.to_string(), |p| p.ru().to_string())
}

/// An id part from a name: letters and digits kept, the rest joined by `-`.
fn slug(parts: &[&str]) -> String {
    parts
        .iter()
        .map(|p| {
            p.split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .collect::<Vec<_>>()
                .join("-")
                .to_lowercase()
        })
        .collect::<Vec<_>>()
        .join("-")
}

fn place(school: Option<&str>, class: &str, subject: Option<&str>) -> String {
    let mut s = class.to_string();
    if let Some(subject) = subject {
        s = format!("{s}, {subject}");
    }
    match school {
        Some(school) => format!("{school}: {s}"),
        None => s,
    }
}

/// Adds to `plan` (or a new plan for the academic year of `as_of`) an action and its
/// re-control for every gap of the results: falls of quality, failing pupils of each class's
/// latest period, weak tasks of each class.
///
/// # Errors
/// [`Error::InvalidInput`] when no month is left after `as_of` in the plan's year.
///
/// ```
/// use vsoko::plan::{ActionMapping, GapOptions, MarksResult, TasksResult, actions_for_results};
/// let marks: MarksResult = serde_json::from_str(r#"{"groups": [
///   {"school": null, "class": "7Б", "subject": "Русский язык", "teacher": "Кузнецова О. А.", "period": "q1", "quality_pct": "83.33"},
///   {"school": null, "class": "7Б", "subject": "Русский язык", "teacher": "Кузнецова О. А.", "period": "q2", "quality_pct": "50.00"}],
///   "changes": [{"school": null, "class": "7Б", "subject": "Русский язык", "teacher": "Кузнецова О. А.",
///                "from": "q1", "to": "q2", "quality_pct": "-33.33"}],
///   "classes": [{"school": null, "class": "7Б", "period": "q2", "failing": [{"pupil": "Григорьев Глеб", "subjects": ["Русский язык"]}]}]}"#).unwrap();
/// let plan = actions_for_results(Some(&marks), None, GapOptions::default(), "2024-01-15".parse().unwrap(),
///                                None, ActionMapping::builtin()).unwrap();
/// assert_eq!(plan.items.len(), 4);
/// assert!(plan.items[0].content.contains("с 83,33\u{a0}% до 50,00\u{a0}%"));
/// assert_eq!(plan.items[0].responsible, ["Заместитель директора по УВР", "Кузнецова О. А."]);
/// assert_eq!(plan.items[2].subject.as_deref(), Some("7Б"));
/// ```
pub fn actions_for_results(
    marks: Option<&MarksResult>,
    tasks: Option<&TasksResult>,
    options: GapOptions,
    as_of: Date,
    plan: Option<Plan>,
    mapping: &ActionMapping,
) -> Result<Plan> {
    let organization = marks
        .and_then(|m| m.groups.first().and_then(|g| g.school.clone()))
        .or_else(|| tasks.and_then(|t| t.tasks.first().and_then(|t| t.school.clone())))
        .unwrap_or_default();
    let (mut plan, months) = start(plan, as_of, &organization)?;
    let mut actions = Vec::new();
    if let Some(m) = marks {
        quality_fell(m, options, mapping, &mut actions);
        failing(m, mapping, &mut actions);
    }
    if let Some(t) = tasks {
        weak_tasks(t, marks, options, mapping, &mut actions);
    }
    for a in actions {
        add_action(&mut plan, months, a);
    }
    Ok(plan)
}

fn quality_fell(
    m: &MarksResult,
    options: GapOptions,
    mapping: &ActionMapping,
    out: &mut Vec<Action>,
) {
    for c in &m.changes {
        let Some(change) = c.quality_pct.filter(|d| *d <= -options.quality_drop) else {
            continue;
        };
        let quality = |period: &str| {
            m.groups
                .iter()
                .find(|g| {
                    g.school == c.school
                        && g.class == c.class
                        && g.subject == c.subject
                        && g.period == period
                })
                .and_then(|g| g.quality_pct)
        };
        let teacher = c
            .teacher
            .as_deref()
            .map_or_else(String::new, |t| format!(" (учитель {t})"));
        let id = format!(
            "results-quality-{}",
            slug(&[
                c.school.as_deref().unwrap_or(""),
                &c.class,
                &c.subject,
                &c.to
            ])
        );
        let what = format!("в {} по предмету «{}»{teacher}", c.class, c.subject);
        out.push(Action {
            content: format!(
                "Анализ причин снижения качества знаний {what}: с {} до {} ({} → {}, −{} п. п.). Разработка адресных мер, посещение уроков",
                russian::percent(quality(&c.from)),
                russian::percent(quality(&c.to)),
                period_ru(&c.from),
                period_ru(&c.to),
                russian::number(-change)
            ),
            recontrol: format!(
                "Повторный контроль качества знаний {what} по итогам следующего периода (пункт {id})"
            ),
            id,
            rule: mapping.rule("marks", "quality_fell"),
            also_responsible: c.teacher.iter().cloned().collect(),
            subject: Some(place(c.school.as_deref(), &c.class, Some(&c.subject))),
            deficit: Deficit {
                methodology: "marks".into(),
                group: "quality_fell".into(),
                lost: -change,
                class: Some(c.class.clone()),
                subject: Some(c.subject.clone()),
            },
        });
    }
}

/// The failing pupils of each class in its latest period.
fn failing(m: &MarksResult, mapping: &ActionMapping, out: &mut Vec<Action>) {
    let order = |id: &str| crate::marks::Period::parse(id);
    for c in &m.classes {
        let later = m.classes.iter().any(|o| {
            o.school == c.school && o.class == c.class && order(&o.period) > order(&c.period)
        });
        if later || c.failing.is_empty() {
            continue;
        }
        let pupils: Vec<String> = c
            .failing
            .iter()
            .map(|f| format!("{} ({})", f.pupil, f.subjects.join(", ")))
            .collect();
        let mut teachers: Vec<String> = Vec::new();
        for f in &c.failing {
            for s in &f.subjects {
                if let Some(t) = m
                    .groups
                    .iter()
                    .find(|g| {
                        g.school == c.school
                            && g.class == c.class
                            && g.subject == *s
                            && g.period == c.period
                    })
                    .and_then(|g| g.teacher.clone())
                    && !teachers.contains(&t)
                {
                    teachers.push(t);
                }
            }
        }
        let id = format!(
            "results-failing-{}",
            slug(&[c.school.as_deref().unwrap_or(""), &c.class, &c.period])
        );
        out.push(Action {
            content: format!(
                "Работа с неуспевающими обучающимися {} класса ({}): {}. Индивидуальные планы ликвидации академической задолженности",
                c.class,
                period_ru(&c.period),
                pupils.join("; ")
            ),
            recontrol: format!(
                "Повторный контроль ликвидации академической задолженности в {} классе (пункт {id})",
                c.class
            ),
            id,
            rule: mapping.rule("marks", "failing"),
            also_responsible: teachers,
            subject: Some(place(c.school.as_deref(), &c.class, None)),
            deficit: Deficit {
                methodology: "marks".into(),
                group: "failing".into(),
                lost: Decimal::from(c.failing.len()),
                class: Some(c.class.clone()),
                subject: None,
            },
        });
    }
}

/// Each class's weak tasks of a work (the school's row when the results name no class).
fn weak_tasks(
    t: &TasksResult,
    marks: Option<&MarksResult>,
    options: GapOptions,
    mapping: &ActionMapping,
    out: &mut Vec<Action>,
) {
    let has_classes = |l: &TaskLine| {
        t.tasks.iter().any(|o| {
            o.class.is_some()
                && o.school == l.school
                && o.procedure == l.procedure
                && o.subject == l.subject
                && o.grade == l.grade
                && o.year == l.year
        })
    };
    let mut units: Vec<(&TaskLine, Vec<&TaskLine>)> = Vec::new();
    for l in &t.tasks {
        if l.class.is_none() && has_classes(l) {
            continue;
        }
        if l.completion_pct.is_none_or(|c| c >= options.weak_below) {
            continue;
        }
        let same = |u: &&TaskLine| {
            u.school == l.school
                && u.class == l.class
                && u.procedure == l.procedure
                && u.subject == l.subject
                && u.grade == l.grade
                && u.year == l.year
        };
        match units.iter_mut().find(|(u, _)| same(u)) {
            Some((_, weak)) => weak.push(l),
            None => units.push((l, vec![l])),
        }
    }
    for (u, mut weak) in units {
        weak.sort_by_key(|w| w.completion_pct);
        let class = u.class.as_deref().unwrap_or("");
        let teacher = marks.and_then(|m| {
            m.groups
                .iter()
                .find(|g| g.school == u.school && g.class == class && g.subject == u.subject)
                .and_then(|g| g.teacher.clone())
        });
        let list: Vec<String> = weak
            .iter()
            .map(|w| match &w.description {
                Some(d) => format!("{} ({}, {d})", w.task, russian::percent(w.completion_pct)),
                None => format!("{} ({})", w.task, russian::percent(w.completion_pct)),
            })
            .collect();
        let work = format!(
            "{} {}, {} класс, {}",
            u.procedure, u.subject, u.grade, u.year
        );
        let who = if class.is_empty() {
            String::new()
        } else {
            format!(", {class}")
        };
        let teacher_ru = teacher
            .as_deref()
            .map_or_else(String::new, |t| format!(" (учитель {t})"));
        let id = format!(
            "results-tasks-{}",
            slug(&[
                u.school.as_deref().unwrap_or(""),
                class,
                &u.procedure,
                &u.subject,
                &u.grade.to_string(),
                &u.year.to_string()
            ])
        );
        out.push(Action {
            content: format!(
                "Коррекция пробелов в знаниях по результатам: {work}{who}{teacher_ru} — задания с выполнением ниже {} %: {}. Включение заданий в уроки и текущий контроль",
                russian::number(options.weak_below),
                list.join("; ")
            ),
            recontrol: format!(
                "Повторный контроль освоения умений слабых заданий ({work}{who}) (пункт {id})"
            ),
            id,
            rule: mapping.rule("tasks", "weak_tasks"),
            also_responsible: teacher.into_iter().collect(),
            subject: Some(if class.is_empty() {
                format!("{}{}", u.school.as_deref().map_or(String::new(), |s| format!("{s}: ")), u.subject)
            } else {
                place(u.school.as_deref(), class, Some(&u.subject))
            }),
            deficit: Deficit {
                methodology: "tasks".into(),
                group: "weak_tasks".into(),
                lost: Decimal::from(weak.len()),
                class: u.class.clone(),
                subject: Some(u.subject.clone()),
            },
        });
    }
}

/// Reads the JSON of `vsoko marks` or `vsoko tasks` (by its keys).
///
/// # Errors
/// [`Error::InvalidInput`] when the text is neither.
pub fn read_results(text: &str) -> Result<(Option<MarksResult>, Option<TasksResult>)> {
    let value: serde_json::Value =
        serde_json::from_str(crate::input::strip_bom(text)).map_err(crate::input::input_error)?;
    let not_results = || Error::InvalidInput {
        at: crate::reason::Location::Header,
        reason: crate::reason::InputReason::NotAScoreReport,
    };
    if value.get("groups").is_some() && value.get("classes").is_some() {
        let m = serde_json::from_value(value).map_err(|_| not_results())?;
        return Ok((Some(m), None));
    }
    if value.get("tasks").is_some() && value.get("weak").is_some() {
        let t = serde_json::from_value(value).map_err(|_| not_results())?;
        return Ok((None, Some(t)));
    }
    Err(not_results())
}
