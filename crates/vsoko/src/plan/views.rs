//! What people look at: the cyclogram (months across, mechanisms or objects down), one
//! person's agenda, and what is due in a month and what is overdue. Their Markdown and HTML are
//! in `pages`; the CLI writes the XLSX from [`Cyclogram::grid`].

use super::checks::covered;
use super::model::{Object, Plan, PlanItem, Status};
use super::period::ScheduleKind;
use crate::calendar::Date;
use crate::calendar::YearMonth;
use serde::Serialize;
use std::collections::HashMap;

/// The column of items that run all year.
const THROUGHOUT_RU: &str = "В течение года";
/// The column of items bound to an event.
const EVENT_RU: &str = "По событию";
/// The row of items with no mechanism or object.
const OTHER_RU: &str = "Прочее";

/// The cyclogram: one row per mechanism (or per object when the plan declares no mechanisms),
/// one column per month from August to June (July when used), then "all year" and "by event".
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Cyclogram {
    /// The academic year, `2023/24`.
    pub academic_year: String,
    /// Column headings: months as `YYYY-MM`, then `throughout`, `event`.
    pub columns: Vec<String>,
    /// Column headings in Russian (`август 2023`, …, `В течение года`, `По событию`).
    pub columns_ru: Vec<String>,
    /// The rows.
    pub rows: Vec<CyclogramRow>,
}

/// One row of the cyclogram.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CyclogramRow {
    /// The mechanism or object.
    pub label: String,
    /// Per column, the items as `id. content`.
    pub cells: Vec<Vec<String>>,
}

/// One person's items, in plan order of their first month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Agenda {
    /// Whose agenda (as asked).
    pub responsible: String,
    /// Their items.
    pub items: Vec<PlanItem>,
}

/// What is due in the month of a date, and what is overdue by then.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Due {
    /// The date asked.
    pub as_of: Date,
    /// Planned items scheduled in that month (or all year).
    pub due: Vec<PlanItem>,
    /// Planned items whose every month is over.
    pub overdue: Vec<PlanItem>,
}

fn label(item: &PlanItem, by_mechanism: bool) -> String {
    if by_mechanism {
        item.mechanism.clone().unwrap_or_else(|| OTHER_RU.into())
    } else {
        item.object
            .map_or_else(|| OTHER_RU.into(), |o| Object::title_ru(o).to_string())
    }
}

fn entry(item: &PlanItem) -> String {
    format!("{}. {}", item.id, item.content)
}

impl Plan {
    /// The cyclogram of the plan.
    ///
    /// ```
    /// let plan = vsoko::plan::template("cyclogram-2023", "2024/25".parse().unwrap()).unwrap();
    /// let c = plan.cyclogram();
    /// assert_eq!(c.columns.first().map(String::as_str), Some("2024-08"));
    /// assert_eq!(c.rows.len(), 8);
    /// ```
    pub fn cyclogram(&self) -> Cyclogram {
        let all = self.academic_year.months();
        let used_july = self.items.iter().any(|i| {
            covered(i, &all).iter().any(|m| m.month() == 7)
                && i.schedule
                    .as_ref()
                    .is_some_and(|s| s.kind == ScheduleKind::Months)
        });
        let months: Vec<YearMonth> = all
            .iter()
            .copied()
            .filter(|m| m.month() != 7 || used_july)
            .collect();
        let by_mechanism = self.items.iter().any(|i| i.mechanism.is_some());
        let mut labels: Vec<String> = if by_mechanism {
            self.mechanisms.clone()
        } else {
            Object::ALL
                .iter()
                .map(|o| o.title_ru().to_string())
                .collect()
        };
        // Each label's row, found by a map rather than by searching the rows per item.
        let mut row_of: HashMap<String, usize> = HashMap::with_capacity(labels.len());
        for (i, l) in labels.iter().enumerate() {
            row_of.entry(l.clone()).or_insert(i);
        }
        for item in &self.items {
            let l = label(item, by_mechanism);
            if !row_of.contains_key(&l) {
                row_of.insert(l.clone(), labels.len());
                labels.push(l);
            }
        }
        let width = months.len() + 2;
        let mut rows: Vec<CyclogramRow> = labels
            .into_iter()
            .map(|label| CyclogramRow {
                label,
                cells: vec![Vec::new(); width],
            })
            .collect();
        for item in &self.items {
            if item.status == Status::Cancelled {
                continue;
            }
            let l = label(item, by_mechanism);
            let Some(row) = row_of.get(&l).and_then(|&i| rows.get_mut(i)) else {
                continue;
            };
            let columns: Vec<usize> = match item.schedule.as_ref().map(|s| s.kind) {
                Some(ScheduleKind::Months) => covered(item, &all)
                    .iter()
                    .filter_map(|m| months.iter().position(|x| x == m))
                    .collect(),
                Some(ScheduleKind::Throughout) => vec![months.len()],
                Some(ScheduleKind::Event) | None => vec![months.len() + 1],
            };
            for c in columns {
                if let Some(cell) = row.cells.get_mut(c) {
                    cell.push(entry(item));
                }
            }
        }
        let mut columns: Vec<String> = months.iter().map(ToString::to_string).collect();
        columns.extend(["throughout".to_string(), "event".to_string()]);
        let mut columns_ru: Vec<String> = months
            .iter()
            .map(|m| format!("{} {}", m.name_ru(), m.year()))
            .collect();
        columns_ru.extend([THROUGHOUT_RU.to_string(), EVENT_RU.to_string()]);
        Cyclogram {
            academic_year: self.academic_year.to_string(),
            columns,
            columns_ru,
            rows,
        }
    }

    /// The items one person is responsible for (a case-insensitive part of a name or role).
    pub fn agenda(&self, responsible: &str) -> Agenda {
        let needle = responsible.trim().to_lowercase();
        let all = self.academic_year.months();
        let mut items: Vec<PlanItem> = self
            .items
            .iter()
            .filter(|i| {
                i.responsible
                    .iter()
                    .any(|r| r.to_lowercase().contains(&needle))
            })
            .cloned()
            .collect();
        // The key once per item, not once per comparison.
        items.sort_by_cached_key(|i| covered(i, &all).first().copied());
        Agenda {
            responsible: responsible.trim().to_string(),
            items,
        }
    }

    /// What is due in the month of `as_of` and what is overdue by then.
    pub fn due(&self, as_of: Date) -> Due {
        let now = YearMonth::new(as_of.year(), as_of.month());
        let all = self.academic_year.months();
        let planned = || self.items.iter().filter(|i| i.status == Status::Planned);
        let due = planned()
            .filter(|i| now.is_some_and(|n| covered(i, &all).contains(&n)))
            .cloned()
            .collect();
        let overdue = planned()
            .filter(|i| {
                i.schedule
                    .as_ref()
                    .is_some_and(|s| s.kind == ScheduleKind::Months)
                    && covered(i, &all)
                        .last()
                        .is_some_and(|last| now.is_some_and(|n| *last < n))
            })
            .cloned()
            .collect();
        Due {
            as_of,
            due,
            overdue,
        }
    }
}

impl Cyclogram {
    /// The table as text cells, heading row first (for XLSX and CSV writers).
    pub fn grid(&self) -> Vec<Vec<String>> {
        let mut out = Vec::with_capacity(self.rows.len() + 1);
        let mut head = vec!["Механизм / объект".to_string()];
        head.extend(self.columns_ru.iter().cloned());
        out.push(head);
        for r in &self.rows {
            let mut line = vec![r.label.clone()];
            line.extend(r.cells.iter().map(|c| c.join("\n")));
            out.push(line);
        }
        out
    }
}
