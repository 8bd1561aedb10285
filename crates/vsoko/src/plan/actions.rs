//! Deficits of a scored result turned into addressed actions with re-control: for the criteria
//! that lost most, an analysis-and-measures item naming the points and the indicators lost, for
//! a responsible role, and a re-control item one to three months later that `follows_up` it.
//! Which mechanism and role answer each criterion is data (`data/plan_actions.json`),
//! overridable by a file.

use super::model::{Deficit, Object, Plan, PlanItem};
use super::period::Schedule;
use crate::calendar::Date;
use crate::calendar::{AcademicYear, YearMonth};
use crate::error::{Error, Result};
use crate::methodology::Methodology;
use crate::methodology::{Flaw, Place, Problem};
use crate::scoring::Report;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::sync::LazyLock;

/// Who and which mechanism answer a deficit in one criterion.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActionRule {
    /// The mechanism of the plan (the wording of «Циклограмма ВСОКО на 2023/24 учебный год»).
    pub mechanism: String,
    /// The responsible role.
    pub responsible: String,
    /// The object of assessment.
    pub object: Object,
}

/// Rules for one methodology: per criterion id, and a default.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MethodologyRules {
    /// For criteria not listed.
    pub default: ActionRule,
    /// Per criterion (group) id.
    #[serde(default)]
    pub groups: BTreeMap<String, ActionRule>,
}

/// The criterion → mechanism and role mapping, per methodology.
///
/// ```
/// let m = vsoko::plan::ActionMapping::builtin();
/// assert_eq!(m.rule("index-2023", "1.2").responsible, "Заместитель директора по ВР");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActionMapping {
    /// Must be 1.
    pub format_version: u32,
    /// Where the data comes from and what is ours.
    #[serde(default)]
    pub notes: Vec<String>,
    /// Per methodology id.
    pub methodologies: BTreeMap<String, MethodologyRules>,
}

static BUILTIN: LazyLock<Result<ActionMapping>> =
    LazyLock::new(|| ActionMapping::from_json(include_str!("../../data/plan_actions.json")));

/// Used for a methodology the mapping does not list.
fn fallback() -> ActionRule {
    ActionRule {
        mechanism: "По оценке качества подготовки обучающихся".into(),
        responsible: "Заместитель директора по УВР".into(),
        object: Object::Results,
    }
}

impl ActionMapping {
    /// The built-in mapping for `index-2023` and `nocko-1547`.
    pub fn builtin() -> &'static ActionMapping {
        static EMPTY: LazyLock<ActionMapping> = LazyLock::new(|| ActionMapping {
            format_version: 1,
            notes: Vec::new(),
            methodologies: BTreeMap::new(),
        });
        BUILTIN.as_ref().unwrap_or(&EMPTY)
    }

    /// Reads a mapping file, checking that every rule names a mechanism and a role.
    ///
    /// # Errors
    /// [`Error::EmptyInput`], [`Error::Json`], [`Error::InvalidMethodology`]-style problems are
    /// reported as [`Error::InvalidInput`] for a wrong shape; empty texts are listed as problems.
    pub fn from_json(text: &str) -> Result<ActionMapping> {
        let text = crate::input::strip_bom(text);
        let m: ActionMapping = serde_json::from_str(text).map_err(crate::input::input_error)?;
        let mut problems = Vec::new();
        if m.format_version != 1 {
            problems.push(Problem {
                at: Place::Field("format_version"),
                flaw: Flaw::UnsupportedVersion {
                    found: m.format_version,
                    newest: 1,
                },
            });
        }
        for (id, rules) in &m.methodologies {
            for (path, rule) in std::iter::once(("default".to_string(), &rules.default))
                .chain(rules.groups.iter().map(|(g, r)| (format!("groups.{g}"), r)))
            {
                if rule.mechanism.trim().is_empty() || rule.responsible.trim().is_empty() {
                    problems.push(Problem {
                        at: Place::Path(format!("methodologies.{id}.{path}")),
                        flaw: Flaw::EmptyField("mechanism, responsible"),
                    });
                }
            }
        }
        if problems.is_empty() {
            Ok(m)
        } else {
            Err(Error::InvalidMethodology { problems })
        }
    }

    /// The rule for a criterion.
    pub fn rule(&self, methodology: &str, group: &str) -> ActionRule {
        self.methodologies
            .get(methodology)
            .map_or_else(fallback, |r| {
                r.groups.get(group).unwrap_or(&r.default).clone()
            })
    }
}

/// How many indicators that lost most are named in an action.
const NAMED_INDICATORS: usize = 3;

/// The criteria (groups without sub-groups) that lost points, most first, ties in tree order.
fn lost_criteria<'r>(m: &Methodology, report: &'r Report) -> Vec<&'r crate::scoring::GroupResult> {
    let mut out: Vec<_> = report
        .groups
        .iter()
        .filter(|g| m.group(&g.id).is_some_and(|mg| mg.children.is_empty()))
        .filter(|g| g.lost > Decimal::ZERO)
        .collect();
    out.sort_by_key(|g| std::cmp::Reverse(g.lost));
    out
}

/// Adds to `plan` (or a new plan for the academic year of `as_of`) an action and a re-control
/// item for each of the `top` criteria of `report` that lost most points. Items already made
/// for the same criterion (same ids) are replaced, so running it again changes nothing.
///
/// # Errors
/// [`Error::UnknownMethodology`] when the report's methodology is not built in;
/// [`Error::InvalidInput`] when `as_of` is after June of the plan's year.
///
/// ```
/// use vsoko::plan::{ActionMapping, CheckOptions, actions_for};
/// let m = vsoko::Methodology::builtin("index-2023").unwrap();
/// let values: vsoko::Values = m.indicators().iter().map(|i| (i.id.clone(), rust_decimal::Decimal::ZERO)).collect();
/// let report = m.score(&values, vsoko::Options::default()).unwrap();
/// let plan = actions_for(&report, "2024-01-15".parse().unwrap(), 2, None, ActionMapping::builtin()).unwrap();
/// assert_eq!(plan.items.len(), 4);
/// assert_eq!(plan.items[1].follows_up.as_deref(), Some(plan.items[0].id.as_str()));
/// let codes: Vec<vsoko::finding::Code> = plan.check(CheckOptions::default()).findings.into_iter().map(|f| f.code).collect();
/// assert!(!codes.contains(&vsoko::finding::Code::NoRecontrol));
/// ```
pub fn actions_for(
    report: &Report,
    as_of: Date,
    top: usize,
    plan: Option<Plan>,
    mapping: &ActionMapping,
) -> Result<Plan> {
    let m = Methodology::builtin(&report.methodology)?;
    let (mut plan, months) = start(plan, as_of, report.school.as_deref().unwrap_or_default())?;
    for g in lost_criteria(m, report).into_iter().take(top) {
        let mut worst: Vec<_> = report
            .indicators
            .iter()
            .filter(|i| {
                m.indicator(&i.id)
                    .is_some_and(|mi| m.groups().get(mi.group).is_some_and(|mg| mg.id == g.id))
            })
            .map(|i| (i.id.as_str(), i.max - i.points))
            .filter(|(_, lost)| *lost > Decimal::ZERO)
            .collect();
        worst.sort_by_key(|w| std::cmp::Reverse(w.1));
        let named: Vec<String> = worst
            .iter()
            .take(NAMED_INDICATORS)
            .map(|(id, lost)| format!("{id} (−{})", lost.normalize()))
            .collect();
        let title = g.title.clone().unwrap_or_else(|| g.id.clone());
        let id = format!("deficit-{}", g.id);
        add_action(
            &mut plan,
            months,
            Action {
                content: format!(
                    "Анализ причин потери баллов по критерию {} «{title}»: потеряно {} из {}; больше всего — показатели {}. Разработка адресных мер по устранению дефицитов",
                    g.id,
                    g.lost.normalize(),
                    g.max.normalize(),
                    named.join(", ")
                ),
                recontrol: format!(
                    "Повторный контроль выполнения адресных рекомендаций по критерию {} «{title}» (пункт {id})",
                    g.id
                ),
                id,
                rule: mapping.rule(&report.methodology, &g.id),
                also_responsible: Vec::new(),
                subject: None,
                deficit: Deficit {
                    methodology: report.methodology.clone(),
                    group: g.id.clone(),
                    lost: g.lost.normalize(),
                    class: None,
                    subject: None,
                },
            },
        );
    }
    Ok(plan)
}

/// The plan to add actions to (`plan`, or a new one for the academic year of `as_of`) and the
/// months of the actions and of their re-control.
///
/// # Errors
/// [`Error::InvalidInput`] when no month is left in the plan's year after `as_of`.
pub(super) fn start(
    plan: Option<Plan>,
    as_of: Date,
    organization: &str,
) -> Result<(Plan, (YearMonth, YearMonth))> {
    let now = YearMonth::new(as_of.year(), as_of.month());
    let plan = match (plan, now.and_then(AcademicYear::of)) {
        (Some(p), _) => p,
        (None, Some(academic_year)) => Plan::new(organization, academic_year),
        (None, None) => return Err(late(as_of, None)),
    };
    let Some(now) = now else {
        return Err(late(as_of, Some(plan.academic_year)));
    };
    let months =
        months_for(now, plan.academic_year).ok_or_else(|| late(as_of, Some(plan.academic_year)))?;
    Ok((plan, months))
}

/// An action and what its re-control checks.
pub(super) struct Action {
    /// The action's id; its re-control's is `{id}-recontrol`.
    pub(super) id: String,
    /// What the action does.
    pub(super) content: String,
    /// What the re-control does.
    pub(super) recontrol: String,
    /// The mechanism, role and object.
    pub(super) rule: ActionRule,
    /// People responsible besides the rule's role (a subject teacher).
    pub(super) also_responsible: Vec<String>,
    /// What or who is assessed («7Б, Русский язык»).
    pub(super) subject: Option<String>,
    /// Where it came from.
    pub(super) deficit: Deficit,
}

/// Adds an action and its re-control to the plan, replacing items with the same ids (so
/// running it again changes nothing).
pub(super) fn add_action(plan: &mut Plan, months: (YearMonth, YearMonth), a: Action) {
    let (action_month, recontrol_month) = months;
    let recontrol_id = format!("{}-recontrol", a.id);
    let mut responsible = vec![a.rule.responsible.clone()];
    responsible.extend(a.also_responsible);
    let mut action = PlanItem::new(
        a.id.clone(),
        format!("{} {}", action_month.name_ru(), action_month.year()),
        a.content,
    );
    action.schedule = Some(Schedule::months(vec![action_month]));
    action.object = Some(a.rule.object);
    action.mechanism = Some(a.rule.mechanism.clone());
    action.subject.clone_from(&a.subject);
    action.method = Some("Анализ".into());
    action.responsible.clone_from(&responsible);
    action.result = Some("Аналитическая справка, адресные рекомендации".into());
    action.deficit = Some(a.deficit);
    let mut recontrol = PlanItem::new(
        recontrol_id,
        format!("{} {}", recontrol_month.name_ru(), recontrol_month.year()),
        a.recontrol,
    );
    recontrol.schedule = Some(Schedule::months(vec![recontrol_month]));
    recontrol.object = Some(a.rule.object);
    recontrol.mechanism = Some(a.rule.mechanism.clone());
    recontrol.subject = a.subject;
    recontrol.method = Some("Мониторинг".into());
    recontrol.responsible = responsible;
    recontrol.result = Some("Справка о выполнении мер (повторный контроль)".into());
    recontrol.follows_up = Some(a.id);
    for item in [action, recontrol] {
        if let Some(slot) = plan.items.iter_mut().find(|i| i.id == item.id) {
            *slot = item;
        } else {
            plan.items.push(item);
        }
    }
    if !plan.mechanisms.is_empty() && !plan.mechanisms.contains(&a.rule.mechanism) {
        plan.mechanisms.push(a.rule.mechanism);
    }
}

/// The month of the actions (the next one, by May at the latest) and of their re-control
/// (two months later, by June; July only when nothing else is left).
fn months_for(now: YearMonth, year: AcademicYear) -> Option<(YearMonth, YearMonth)> {
    let (may, june) = (year.month(5)?, year.month(6)?);
    let action = now
        .plus(1)
        .filter(|m| *m <= may)
        .or_else(|| (now < june).then_some(june))
        .filter(|m| year.contains(*m) && *m > now)?;
    let recontrol = action
        .plus(2)
        .map(|m| m.min(june))
        .filter(|m| *m > action)
        .or_else(|| year.month(7).filter(|j| *j > action))?;
    Some((action, recontrol))
}

fn late(as_of: Date, year: Option<AcademicYear>) -> Error {
    Error::InvalidInput {
        at: crate::reason::Location::Field("as_of".into()),
        reason: crate::reason::InputReason::NoMonthLeft {
            as_of: as_of.to_string(),
            year: year.map(|y| y.to_string()).unwrap_or_default(),
        },
    }
}
