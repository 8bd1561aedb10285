//! The ВСОКО plan and cyclogram (DOMAIN §4): a plan as data, Russian periods read into months,
//! import from the tables schools keep, checks as findings, views (cyclogram, agenda, due) as
//! documents through one [`Plan::render`] (a [`View`] in a [`Format`]), deficits of a scored result turned into addressed actions with re-control, and the built-in
//! cyclogram template of «Циклограмма ВСОКО на 2023/24 учебный год».

mod actions;
mod checks;
mod completion;
mod effect;
mod gaps;
mod import;
mod mark;
mod model;
mod next;
mod pages;
mod period;
mod render;
mod template;
mod views;
mod years;

pub use crate::calendar::{AcademicYear, MONTHS_RU, YearMonth};
pub use crate::format::Format;
pub use actions::{ActionMapping, ActionRule, actions_for};
pub use checks::{CheckOptions, Finding, PlanCheck};
pub use completion::{
    Completion, MonthShare, NOBODY_RU, ObjectShare, ResponsibleShare, TotalShare,
};
pub use effect::{Effect, Measure, Results, Unmeasured, gap, target_of};
pub use gaps::{
    FailingPupil, GapOptions, MarksChange, MarksClass, MarksGroup, MarksResult, TaskLine,
    TasksResult, actions_for_results, read_results,
};
pub use mark::Mark;
pub use model::{Deficit, Object, Outcome, Plan, PlanItem, Status};
pub use next::CarryOver;
pub use period::{PeriodProblem, Schedule, ScheduleKind};
pub use render::{View, ViewKind};
pub use template::{TEMPLATES, template};

/// The template a new plan starts from when none is named: «Циклограмма ВСОКО на 2023/24
/// учебный год» laid on the year asked.
pub const DEFAULT_TEMPLATE: &str = "cyclogram-2023";
/// How many criteria (those that lost most points) become actions when the caller does not say.
pub const DEFAULT_TOP: usize = 3;
/// More items than this for one person in one month is `responsible_overloaded`, by default.
pub const DEFAULT_MAX_ITEMS_PER_MONTH: usize = 6;
pub use views::{Agenda, Cyclogram, CyclogramRow, Due};

use crate::error::{Error, InputKind, Result};
use crate::reason::{InputReason, Location};

impl Plan {
    /// Reads a plan from JSON. Items without a `schedule` get one read from `when` (left empty
    /// when the text cannot be read: the check reports it).
    ///
    /// # Errors
    /// [`Error::EmptyInput`], [`Error::Json`], [`Error::InvalidInput`] for a wrong shape (an
    /// unknown field, object or status; a date that is not a date) or an item id used twice.
    pub fn from_json(text: &str) -> Result<Plan> {
        let text = crate::input::strip_bom(text);
        if text.trim().is_empty() {
            return Err(Error::EmptyInput {
                what: InputKind::Plan,
            });
        }
        let mut plan: Plan = serde_json::from_str(text).map_err(crate::input::input_error)?;
        plan.complete()?;
        Ok(plan)
    }

    /// Fills missing schedules from `when` and rejects an item id used twice (one pass: the
    /// first position of each id is kept in a map).
    fn complete(&mut self) -> Result<()> {
        let mut first_at: std::collections::HashMap<&str, usize> =
            std::collections::HashMap::with_capacity(self.items.len());
        for (i, item) in self.items.iter().enumerate() {
            if let Some(&first) = first_at.get(item.id.as_str()) {
                return Err(Error::InvalidInput {
                    at: Location::Field(format!("items[{i}].id")),
                    reason: InputReason::DuplicateItem {
                        id: item.id.clone(),
                        first,
                    },
                });
            }
            first_at.insert(&item.id, i);
        }
        let (first, last) = self.years();
        for item in &mut self.items {
            if item.schedule.is_none() {
                item.schedule = Schedule::parse_in(&item.when, first, last).ok();
            }
        }
        Ok(())
    }

    /// The plan as pretty JSON (the format [`Plan::from_json`] reads).
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A repeated id names both places: the second item's field and the first one's position.
    #[test]
    fn a_repeated_item_id_names_both_places() {
        let e = Plan::from_json(
            r#"{"academic_year": "2023/24", "items": [
                {"id": "1", "when": "май", "content": "a"},
                {"id": "2", "when": "май", "content": "b"},
                {"id": "1", "when": "май", "content": "c"}]}"#,
        )
        .unwrap_err();
        assert_eq!(
            e,
            Error::InvalidInput {
                at: Location::Field("items[2].id".into()),
                reason: InputReason::DuplicateItem {
                    id: "1".into(),
                    first: 0
                },
            }
        );
        assert!(e.to_string().contains("items[0]"), "{e}");
        assert!(e.message_ru().contains("items[0]"), "{}", e.message_ru());
    }
}
