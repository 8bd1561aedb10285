//! The effect of measures, judged at re-control: each action made from a result (a criterion
//! that lost points, a fall of quality, failing pupils, weak tasks) is looked up in the result
//! it came from and in a later one, and the gap before and after gives the outcome — closed,
//! narrowed, unchanged, widened. The re-control item can then carry that outcome.
//!
//! The gap is measured as the action's deficit was: the points a criterion lost (a score report
//! of the same methodology); the fall of quality of the class × subject in its latest change,
//! 0 when it rose; the failing pupils of the class in its latest period; the weak tasks of the
//! class × subject (below the same threshold) in its latest work. A target a result does not
//! hold is listed as not measured, never guessed.

use super::gaps::{GapOptions, MarksResult, TasksResult, read_results};
use super::model::{Deficit, Outcome, Plan, PlanItem};
use crate::error::{Error, Result};
use crate::reason::{InputReason, Location};
use crate::scoring::Report;
use rust_decimal::Decimal;
use serde::Serialize;

/// A result an action came from or is judged by: the JSON of `vsoko score`, `vsoko marks` or
/// `vsoko tasks`.
#[derive(Debug, Clone, PartialEq)]
pub enum Results {
    /// A scored report.
    Score(Box<Report>),
    /// Marks.
    Marks(MarksResult),
    /// Tasks of a work.
    Tasks(TasksResult),
}

impl Results {
    /// Reads a result by its keys.
    ///
    /// # Errors
    /// [`Error::Json`] for text that is not JSON, [`Error::InvalidInput`] for JSON that is none
    /// of the three.
    pub fn from_json(text: &str) -> Result<Results> {
        let text = crate::input::strip_bom(text);
        if let Ok(report) = serde_json::from_str::<Report>(text) {
            return Ok(Results::Score(Box::new(report)));
        }
        match read_results(text)? {
            (Some(m), _) => Ok(Results::Marks(m)),
            (_, Some(t)) => Ok(Results::Tasks(t)),
            (None, None) => Err(Error::InvalidInput {
                at: Location::Header,
                reason: InputReason::NotAScoreReport,
            }),
        }
    }
}

/// One measure judged.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Measure {
    /// The action item's id.
    pub item: String,
    /// What it targeted: the criterion id, or `class × subject` (the class alone for failing
    /// pupils).
    pub target: String,
    /// The gap in the result it came from (points lost, points of quality, pupils, tasks).
    pub before: Decimal,
    /// The gap in the later result.
    pub after: Decimal,
    /// Closed, narrowed, unchanged or widened.
    pub outcome: Outcome,
}

/// A measure whose target one of the results does not hold.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Unmeasured {
    /// The action item's id.
    pub item: String,
    /// What it targeted.
    pub target: String,
    /// Which result lacks it: `before` or `after`.
    pub missing_in: String,
    /// Why, in Russian.
    pub message_ru: String,
}

/// The measures of a plan judged against two results.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Effect {
    /// Every action with a deficit that both results measure, in plan order.
    pub measures: Vec<Measure>,
    /// Actions a result does not measure.
    pub unmeasured: Vec<Unmeasured>,
}

/// The target of a deficit as a string.
pub fn target_of(d: &Deficit) -> String {
    match (&d.class, &d.subject) {
        (Some(c), Some(s)) => format!("{c} × {s}"),
        (Some(c), None) => c.clone(),
        (None, Some(s)) => s.clone(),
        (None, None) => d.group.clone(),
    }
}

/// The gap a deficit names, as `results` measure it; `None` when none of them holds it.
pub fn gap(d: &Deficit, results: &[Results], options: GapOptions) -> Option<Decimal> {
    results
        .iter()
        .rev()
        .find_map(|r| match (r, d.methodology.as_str()) {
            (Results::Score(report), m) if report.methodology == m => report
                .groups
                .iter()
                .find(|g| g.id == d.group)
                .map(|g| g.lost.normalize()),
            (Results::Marks(marks), "marks") => marks_gap(d, marks),
            (Results::Tasks(tasks), "tasks") => tasks_gap(d, tasks, options),
            _ => None,
        })
}

fn marks_gap(d: &Deficit, m: &MarksResult) -> Option<Decimal> {
    let class = d.class.as_deref()?;
    let order = |id: &str| crate::marks::Period::parse(id);
    match d.group.as_str() {
        "quality_fell" => {
            let subject = d.subject.as_deref()?;
            m.changes
                .iter()
                .filter(|c| c.class == class && c.subject == subject)
                .max_by_key(|c| order(&c.to))
                .and_then(|c| c.quality_pct)
                .map(|change| (-change).max(Decimal::ZERO).normalize())
        }
        "failing" => m
            .classes
            .iter()
            .filter(|c| c.class == class)
            .max_by_key(|c| order(&c.period))
            .map(|c| Decimal::from(c.failing.len())),
        _ => None,
    }
}

fn tasks_gap(d: &Deficit, t: &TasksResult, options: GapOptions) -> Option<Decimal> {
    let subject = d.subject.as_deref()?;
    let lines: Vec<_> = t
        .tasks
        .iter()
        .filter(|l| l.class == d.class && l.subject == subject)
        .collect();
    // The latest work of the class in the subject.
    let latest = lines.iter().map(|l| l.year).max()?;
    let weak = lines
        .iter()
        .filter(|l| l.year == latest && l.completion_pct.is_some_and(|c| c < options.weak_below))
        .count();
    Some(Decimal::from(weak))
}

/// The action items of a plan: those with a deficit.
fn actions(plan: &Plan) -> impl Iterator<Item = (&PlanItem, &Deficit)> {
    plan.items
        .iter()
        .filter_map(|i| i.deficit.as_ref().map(|d| (i, d)))
}

impl Plan {
    /// Judges every action of the plan: the gap in `before` (the result it came from) and in
    /// `after` (a later one).
    ///
    /// ```
    /// use vsoko::plan::{Effect, GapOptions, Outcome, Plan, Results};
    /// let plan = Plan::from_json(r#"{"academic_year": "2024/25", "items": [
    ///   {"id": "results-failing-7b-q2", "when": "январь", "content": "Работа с неуспевающими",
    ///    "deficit": {"methodology": "marks", "group": "failing", "lost": "2", "class": "7Б"}}]}"#).unwrap();
    /// let marks = |n: usize| Results::from_json(&format!(r#"{{"groups": [], "changes": [], "classes": [
    ///   {{"school": null, "class": "7Б", "period": "q2", "failing": [{}]}}]}}"#,
    ///   vec![r#"{"pupil": "А", "subjects": ["Алгебра"]}"#; n].join(","))).unwrap();
    /// let e = plan.effect(&[marks(2)], &[marks(1)], GapOptions::default());
    /// assert_eq!(e.measures[0].outcome, Outcome::Narrowed);
    /// assert_eq!((e.measures[0].before.to_string(), e.measures[0].after.to_string()), ("2".into(), "1".into()));
    /// ```
    pub fn effect(&self, before: &[Results], after: &[Results], options: GapOptions) -> Effect {
        let mut measures = Vec::new();
        let mut unmeasured = Vec::new();
        for (item, d) in actions(self) {
            let target = target_of(d);
            match (gap(d, before, options), gap(d, after, options)) {
                (Some(b), Some(a)) => measures.push(Measure {
                    item: item.id.clone(),
                    target,
                    before: b,
                    after: a,
                    outcome: Outcome::of(b, a),
                }),
                (b, _) => {
                    let which = if b.is_none() { "before" } else { "after" };
                    let which_ru = if b.is_none() {
                        "исходном"
                    } else {
                        "повторном"
                    };
                    unmeasured.push(Unmeasured {
                        item: item.id.clone(),
                        message_ru: format!(
                            "пункт {}: в {which_ru} результате нет «{target}» ({}) — эффект не оценён",
                            item.id, d.methodology
                        ),
                        target,
                        missing_in: which.into(),
                    });
                }
            }
        }
        Effect {
            measures,
            unmeasured,
        }
    }

    /// Marks each measured action's re-control items (those that follow it up) with the
    /// outcome; returns how many items were marked.
    pub fn mark_effects(&mut self, effect: &Effect) -> usize {
        let mut marked = 0;
        for m in &effect.measures {
            for item in &mut self.items {
                if item.follows_up.as_deref() == Some(m.item.as_str()) {
                    item.effect = Some(m.outcome);
                    marked += 1;
                }
            }
        }
        marked
    }
}

impl Effect {
    /// The report: the measures that worked, those that did not, and those not measured.
    pub fn to_markdown(&self, plan: &Plan) -> String {
        use crate::output::markdown;
        use std::fmt::Write as _;
        let content = |id: &str| {
            plan.items
                .iter()
                .find(|i| i.id == id)
                .map_or("", |i| i.content.as_str())
        };
        let mut out = String::from("## Результативность мер\n");
        for (title, worked) in [
            ("Меры дали результат", true),
            ("Меры не дали результата", false),
        ] {
            let _ = writeln!(out, "\n### {title}\n");
            let rows: Vec<&Measure> = self
                .measures
                .iter()
                .filter(|m| m.outcome.worked() == worked)
                .collect();
            if rows.is_empty() {
                out.push_str("Нет.\n");
                continue;
            }
            out.push_str(
                "| Пункт | Мера | Цель | Было | Стало | Разрыв |\n|---|---|---|---|---|---|\n",
            );
            for m in rows {
                let cells = [
                    m.item.clone(),
                    content(&m.item).to_string(),
                    m.target.clone(),
                    crate::output::russian::number(m.before),
                    crate::output::russian::number(m.after),
                    m.outcome.ru().to_string(),
                ];
                let cells: Vec<String> = cells.iter().map(|c| markdown::cell(c)).collect();
                let _ = writeln!(out, "| {} |", cells.join(" | "));
            }
        }
        if !self.unmeasured.is_empty() {
            out.push_str("\n### Не оценены\n\n");
            for u in &self.unmeasured {
                let _ = writeln!(out, "- {}", markdown::line(&u.message_ru));
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A criterion's points lost, from score reports of the same methodology: the action made
    /// from the first report is judged by the later one.
    #[test]
    fn a_criterions_points_lost_are_its_gap() {
        let m = crate::Methodology::builtin("index-2023").unwrap();
        let values: crate::Values = m
            .indicators()
            .iter()
            .map(|i| (i.id.clone(), Decimal::ZERO))
            .collect();
        let before = m.score(&values, crate::Options::default()).unwrap();
        let plan = super::super::actions_for(
            &before,
            "2024-01-15".parse().unwrap(),
            1,
            None,
            super::super::ActionMapping::builtin(),
        )
        .unwrap();
        let (item, deficit) = actions(&plan)
            .next()
            .map(|(i, d)| (i.id.clone(), d.clone()))
            .unwrap();
        let lost = before
            .groups
            .iter()
            .find(|g| g.id == deficit.group)
            .unwrap()
            .lost;
        let mut after = before.clone();
        for g in &mut after.groups {
            if g.id == deficit.group {
                g.lost = Decimal::ZERO;
            }
        }
        let options = GapOptions::default();
        let e = plan.effect(
            &[Results::Score(Box::new(before.clone()))],
            &[Results::Score(Box::new(after))],
            options,
        );
        assert_eq!(
            e.measures,
            [Measure {
                item,
                target: deficit.group.clone(),
                before: lost.normalize(),
                after: Decimal::ZERO,
                outcome: Outcome::Closed,
            }]
        );
        // A report of another methodology does not measure it.
        let mut other = before;
        other.methodology = "nocko-1547".into();
        let e = plan.effect(
            &[Results::Score(Box::new(other.clone()))],
            &[Results::Score(Box::new(other))],
            options,
        );
        assert_eq!((e.measures.len(), e.unmeasured.len()), (0, 1));
    }
}
