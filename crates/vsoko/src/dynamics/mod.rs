//! Dynamics across periods and municipalities: each school's totals per period, the change
//! between the two last periods (delta, level change, the groups whose points fell), and each
//! municipality's schools, levels, mean and median per period with a rating.
//!
//! A [`Panel`] takes scored rows one at a time (from several files or one long table) and keeps
//! per school one total and the group points per period, so memory follows the number of
//! schools, not rows × indicators.
//!
//! | issue | the row |
//! |---|---|
//! | `duplicate_school` | names a school already in its period (left out) |
//! | `mixed_period_forms` | writes its period in another form than the first row (left out) |
//! | `empty_period`, `empty_school` | has no period or no school (left out) |
//! | `municipality_spelling` | spells its municipality like another one (kept apart, reported) |
//! | `school_spelling` | spells its school like another one of the municipality (kept apart, reported) |
//!
//! The last period's schools are also rated (`vsoko::rating`): places horizontal and in the
//! municipality, relative points on the total and each group, and, given a [`Context`], groups of
//! similar conditions and resilient schools.
//!
//! The forms of one academic year (`2023/24`, `2023/2024`, `2023-24`) are one period.

mod dashboard;
mod issue;
mod model;
mod panel;
mod period;
mod standing;

pub use dashboard::dashboard;
pub use issue::{IssueKind, RowIssue};
pub use model::{
    ByPeriod, Decline, Dynamics, LevelChange, MunicipalityDynamics, Place, Rating, SchoolDynamics,
};
pub use panel::Panel;
pub use period::PeriodForm;
pub use standing::{ConditionGroup, Context, ContextRow, PeriodRating, Relative, RelativeSchool};
