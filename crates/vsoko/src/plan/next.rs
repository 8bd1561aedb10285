//! Next year's plan: this year's items laid on the next year (or a template's), with the
//! actions whose gap a later result still shows carried over — named as carried, with the
//! original item's id — and those whose gap closed left out.

use super::effect::{Results, gap};
use super::gaps::GapOptions;
use super::model::{Plan, PlanItem, Status};
use super::period::{Schedule, ScheduleKind};
use crate::calendar::AcademicYear;
use crate::output::russian;
use rust_decimal::Decimal;
use serde::Serialize;

/// What happened to one action of this year's plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CarryOver {
    /// The action's id in this year's plan.
    pub item: String,
    /// Its id in next year's plan (`null` when left out).
    pub carried_as: Option<String>,
    /// The gap the later result shows (`null` when it does not measure it).
    pub gap: Option<Decimal>,
    /// Why, in Russian.
    pub reason_ru: String,
}

/// An item laid on a year `shift` years later: months moved, the period written anew, marks
/// cleared.
fn relaid(item: &PlanItem, shift: i32, year: AcademicYear) -> PlanItem {
    let mut out = item.clone();
    out.status = Status::Planned;
    out.done_on = None;
    out.moved_to = None;
    out.note = None;
    out.effect = None;
    if let Some(Schedule {
        kind: ScheduleKind::Months,
        months,
    }) = &item.schedule
    {
        let moved: Vec<_> = months.iter().filter_map(|m| m.plus(12 * shift)).collect();
        let schedule = Schedule::months(moved);
        out.when = schedule.to_russian(year);
        out.schedule = Some(schedule);
    }
    out
}

/// The id an item carried over takes.
fn carried_id(id: &str) -> String {
    format!("carried-{id}")
}

impl Plan {
    /// Next year's plan, for `year`: the items of `base` (a template laid on that year) or,
    /// without one, this plan's own items that are not actions; then every action whose gap
    /// `later` still shows (or does not measure), with its re-control, carried over. An action
    /// whose gap closed, or that was cancelled, is left out. Returns the plan and what became of
    /// each action.
    ///
    /// ```
    /// use vsoko::plan::{GapOptions, Plan, Results};
    /// let plan = Plan::from_json(r#"{"academic_year": "2024/25", "items": [
    ///   {"id": "1", "when": "сентябрь", "content": "Входной контроль", "status": "done"},
    ///   {"id": "a", "when": "январь", "content": "Работа с неуспевающими 7Б", "status": "done",
    ///    "deficit": {"methodology": "marks", "group": "failing", "lost": "2", "class": "7Б"}},
    ///   {"id": "a-recontrol", "when": "март", "content": "Повторный контроль", "follows_up": "a"}]}"#).unwrap();
    /// let later = Results::from_json(r#"{"groups": [], "changes": [], "classes": [
    ///   {"school": null, "class": "7Б", "period": "y", "failing": [{"pupil": "А", "subjects": ["Алгебра"]}]}]}"#).unwrap();
    /// let (next, report) = plan.next_year("2025/26".parse().unwrap(), &[later], None, GapOptions::default());
    /// let ids: Vec<&str> = next.items.iter().map(|i| i.id.as_str()).collect();
    /// assert_eq!(ids, ["1", "carried-a", "carried-a-recontrol"]);
    /// assert_eq!(next.items[1].carried_from.as_deref(), Some("a"));
    /// assert_eq!(next.items[0].schedule.as_ref().unwrap().months[0].to_string(), "2025-09");
    /// assert_eq!(report[0].carried_as.as_deref(), Some("carried-a"));
    /// ```
    pub fn next_year(
        &self,
        year: AcademicYear,
        later: &[Results],
        base: Option<Plan>,
        options: GapOptions,
    ) -> (Plan, Vec<CarryOver>) {
        let shift = year.start() - self.academic_year.start();
        let actions: Vec<&str> = self
            .items
            .iter()
            .filter(|i| i.deficit.is_some())
            .map(|i| i.id.as_str())
            .collect();
        let is_recontrol = |i: &PlanItem| {
            i.follows_up
                .as_deref()
                .is_some_and(|f| actions.contains(&f))
        };
        let mut next = base.unwrap_or_else(|| {
            let mut p = Plan::new(self.organization.clone(), year);
            p.mechanisms.clone_from(&self.mechanisms);
            p.items = self
                .items
                .iter()
                .filter(|i| {
                    i.deficit.is_none() && !is_recontrol(i) && i.status != Status::Cancelled
                })
                .map(|i| relaid(i, shift, year))
                .collect();
            p
        });
        next.last_nok = self.last_nok;
        let mut report = Vec::new();
        for item in self.items.iter().filter(|i| i.deficit.is_some()) {
            let Some(d) = &item.deficit else { continue };
            let now = gap(d, later, options);
            let (carry, reason_ru) = match (item.status, now) {
                (Status::Cancelled, _) => (false, "пункт отменён".to_string()),
                (_, Some(g)) if g <= Decimal::ZERO => {
                    (false, "разрыв устранён — пункт не переносится".to_string())
                }
                (_, Some(g)) => (true, format!("разрыв сохраняется ({})", russian::number(g))),
                (_, None) => (
                    true,
                    "в новом результате разрыв не измерен — пункт перенесён для проверки"
                        .to_string(),
                ),
            };
            let carried_as = carry.then(|| carried_id(&item.id));
            if carry {
                let mut c = relaid(item, shift, year);
                c.id = carried_id(&item.id);
                c.carried_from = Some(item.id.clone());
                c.content = format!(
                    "Перенесено из плана на {} учебный год (пункт {}): {}",
                    self.academic_year, item.id, item.content
                );
                if let (Some(cd), Some(g)) = (c.deficit.as_mut(), now) {
                    cd.lost = g;
                }
                next.items.retain(|i| i.id != c.id);
                next.items.push(c);
                for r in self
                    .items
                    .iter()
                    .filter(|r| r.follows_up.as_deref() == Some(&item.id))
                {
                    let mut rc = relaid(r, shift, year);
                    rc.id = carried_id(&r.id);
                    rc.carried_from = Some(r.id.clone());
                    rc.follows_up = Some(carried_id(&item.id));
                    next.items.retain(|i| i.id != rc.id);
                    next.items.push(rc);
                }
            }
            report.push(CarryOver {
                item: item.id.clone(),
                carried_as,
                gap: now,
                reason_ru,
            });
        }
        (next, report)
    }
}
