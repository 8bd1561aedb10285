//! Dates as the applications use them: a calendar [`Date`] (`YYYY-MM-DD`), a [`YearMonth`], an
//! [`AcademicYear`] (September to August, planned from August) and the Russian month names.
//! Self-examination, the plan and every later module share them.

mod date;
mod month;

pub use date::{Date, is_leap};
pub use month::{AcademicYear, MONTHS_RU, YearMonth};
