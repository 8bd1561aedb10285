//! How much of the plan is done: done ÷ due per month, per object and per responsible (exact,
//! 2 places), and the items past due that nobody marked. An item is due in its months (a moved
//! one in the month it was moved to); with a date, only what was due by then counts, and an
//! item of all year or bound to an event counts once it is marked or the year is over.

use super::model::{Object, Plan, PlanItem, Status};
use super::period::ScheduleKind;
use crate::calendar::{Date, YearMonth};
use crate::decimal::hundredths;
use rust_decimal::Decimal;
use serde::Serialize;

/// Done ÷ due of a month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MonthShare {
    /// `YYYY-MM`.
    pub month: String,
    /// Items due in it.
    pub due: usize,
    /// Of them, done.
    pub done: usize,
    /// done ÷ due × 100, 2 places.
    pub pct: Decimal,
}

/// Done ÷ due of an object of the ВСОКО.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ObjectShare {
    /// `results`, `process`, `conditions`, or `other` for items without one.
    pub object: String,
    /// Its heading in Russian.
    pub object_ru: String,
    /// Items due.
    pub due: usize,
    /// Of them, done.
    pub done: usize,
    /// done ÷ due × 100, 2 places.
    pub pct: Decimal,
}

/// Done ÷ due of a person or role (an item with several counts for each).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ResponsibleShare {
    /// As the plan writes it (`не назначен` for items without one).
    pub responsible: String,
    /// Items due.
    pub due: usize,
    /// Of them, done.
    pub done: usize,
    /// done ÷ due × 100, 2 places.
    pub pct: Decimal,
}

/// Done ÷ due of the whole plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TotalShare {
    /// Items due.
    pub due: usize,
    /// Of them, done.
    pub done: usize,
    /// Of them, marked not done.
    pub not_done: usize,
    /// done ÷ due × 100, 2 places (`null` when nothing is due).
    pub pct: Option<Decimal>,
}

/// The completion of a plan (as of a day, or over the whole year).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Completion {
    /// The academic year.
    pub academic_year: String,
    /// The day judged by (`null`: the whole year).
    pub as_of: Option<Date>,
    /// Each month with anything due, in order.
    pub months: Vec<MonthShare>,
    /// Each object with anything due, in the plans' order.
    pub objects: Vec<ObjectShare>,
    /// Each responsible with anything due, in order of first appearance.
    pub responsible: Vec<ResponsibleShare>,
    /// The whole plan.
    pub total: TotalShare,
    /// Items past due and not marked (planned or moved, every month of theirs over).
    pub overdue: Vec<PlanItem>,
}

/// Who is responsible for an item with no one named.
pub const NOBODY_RU: &str = "не назначен";

fn pct(done: usize, due: usize) -> Option<Decimal> {
    hundredths(
        Decimal::from(done) * Decimal::ONE_HUNDRED,
        Decimal::from(due),
    )
}

/// The months an item is due in: where it was moved to, or its own.
pub(super) fn due_months(item: &PlanItem) -> Vec<YearMonth> {
    if item.status == Status::Moved
        && let Some(d) = item.moved_to
    {
        return YearMonth::new(d.year(), d.month()).into_iter().collect();
    }
    match &item.schedule {
        Some(s) if s.kind == ScheduleKind::Months => s.months.clone(),
        _ => Vec::new(),
    }
}

impl Plan {
    /// Done ÷ due per month, object and responsible; with `as_of`, of what was due by its
    /// month, and the items then overdue.
    ///
    /// ```
    /// let plan = vsoko::plan::Plan::from_json(r#"{"academic_year": "2023/24", "items": [
    ///   {"id": "1", "when": "сентябрь", "content": "a", "responsible": ["Зам. по УВР"], "status": "done", "done_on": "2023-09-20"},
    ///   {"id": "2", "when": "сентябрь", "content": "b", "responsible": ["Зам. по УВР"]},
    ///   {"id": "3", "when": "октябрь", "content": "c", "responsible": ["Директор"]},
    ///   {"id": "4", "when": "май", "content": "d", "responsible": ["Директор"]}]}"#).unwrap();
    /// let c = plan.completion(Some("2023-10-31".parse().unwrap()));
    /// assert_eq!((c.months[0].month.as_str(), c.months[0].due, c.months[0].done), ("2023-09", 2, 1));
    /// assert_eq!(c.months[0].pct.to_string(), "50.00");
    /// assert_eq!(c.total.due, 3);
    /// assert_eq!(c.overdue.len(), 1); // item 2: September is over, not marked
    /// ```
    pub fn completion(&self, as_of: Option<Date>) -> Completion {
        let now = as_of.and_then(|d| YearMonth::new(d.year(), d.month()));
        let year_over = as_of.is_some_and(|d| {
            self.academic_year
                .months()
                .last()
                .is_some_and(|last| YearMonth::new(d.year(), d.month()) > Some(*last))
        });
        let counted: Vec<(&PlanItem, Vec<YearMonth>)> = self
            .items
            .iter()
            .filter(|i| i.status != Status::Cancelled)
            .map(|i| (i, due_months(i)))
            .collect();
        // Whether an item was due by the day (every item, without one).
        let due_by = |item: &PlanItem, months: &[YearMonth]| match now {
            None => true,
            Some(n) => match months.last() {
                Some(last) => *last <= n,
                None => year_over || matches!(item.status, Status::Done | Status::NotDone),
            },
        };
        let mut month_rows: Vec<(YearMonth, usize, usize)> = Vec::new();
        for m in self.academic_year.months() {
            if now.is_some_and(|n| m > n) {
                break;
            }
            let here = counted.iter().filter(|(_, ms)| ms.contains(&m));
            let (due, done) = here.fold((0, 0), |(a, b), (i, _)| {
                (a + 1, b + usize::from(i.status == Status::Done))
            });
            if due > 0 {
                month_rows.push((m, due, done));
            }
        }
        let due: Vec<&PlanItem> = counted
            .iter()
            .filter(|(i, ms)| due_by(i, ms))
            .map(|(i, _)| *i)
            .collect();
        let objects = object_shares(&due);
        let people = responsible_shares(&due);
        let overdue = match now {
            None => Vec::new(),
            Some(n) => counted
                .iter()
                .filter(|(i, ms)| {
                    matches!(i.status, Status::Planned | Status::Moved)
                        && ms.last().is_some_and(|last| *last < n)
                })
                .map(|(i, _)| (*i).clone())
                .collect(),
        };
        let total_done = done(&due);
        Completion {
            academic_year: self.academic_year.to_string(),
            as_of,
            months: month_rows
                .into_iter()
                .map(|(m, due, done)| MonthShare {
                    month: m.to_string(),
                    due,
                    done,
                    pct: pct(done, due).unwrap_or_default(),
                })
                .collect(),
            objects,
            responsible: people,
            total: TotalShare {
                due: due.len(),
                done: total_done,
                not_done: due.iter().filter(|i| i.status == Status::NotDone).count(),
                pct: pct(total_done, due.len()),
            },
            overdue,
        }
    }
}

fn done(items: &[&PlanItem]) -> usize {
    items.iter().filter(|i| i.status == Status::Done).count()
}

fn object_shares(due: &[&PlanItem]) -> Vec<ObjectShare> {
    let mut objects = Vec::new();
    for o in Object::ALL.map(Some).into_iter().chain([None]) {
        let of: Vec<&PlanItem> = due.iter().copied().filter(|i| i.object == o).collect();
        if of.is_empty() {
            continue;
        }
        let d = done(&of);
        objects.push(ObjectShare {
            object: o.map_or("other", Object::id).to_string(),
            object_ru: o.map_or("Прочее", Object::title_ru).to_string(),
            due: of.len(),
            done: d,
            pct: pct(d, of.len()).unwrap_or_default(),
        });
    }
    objects
}

fn responsible_shares(due: &[&PlanItem]) -> Vec<ResponsibleShare> {
    let mut people: Vec<(String, usize, usize)> = Vec::new();
    for i in due {
        let names: Vec<&str> = if i.responsible.is_empty() {
            vec![NOBODY_RU]
        } else {
            i.responsible.iter().map(String::as_str).collect()
        };
        for name in names {
            let at = people
                .iter()
                .position(|(p, _, _)| p == name)
                .unwrap_or_else(|| {
                    people.push((name.to_string(), 0, 0));
                    people.len() - 1
                });
            if let Some(row) = people.get_mut(at) {
                row.1 += 1;
                row.2 += usize::from(i.status == Status::Done);
            }
        }
    }
    people
        .into_iter()
        .map(|(responsible, due, done)| ResponsibleShare {
            responsible,
            due,
            done,
            pct: pct(done, due).unwrap_or_default(),
        })
        .collect()
}
