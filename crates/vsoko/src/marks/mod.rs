//! Pupils' term and year marks (DOMAIN §7): a long table of marks in — one row per pupil,
//! subject and period — and, per class × subject × period, per subject, per teacher and per
//! class, the figures a deputy head reports every quarter: успеваемость, качество знаний, СОУ and
//! the mean mark, with the individual account of pupils (отличники, хорошисты, the reserve with
//! one 4 or one 3, the failing with their subjects).
//!
//! | finding | the row |
//! |---|---|
//! | `invalid_mark` | holds a mark outside the vocabulary (5–1, «н/а», «осв», «зач», «незач», empty or «—») |
//! | `unknown_period` | names a period that is not a quarter, a half, the year or the final mark |
//! | `missing_cell` | has no class, pupil, subject or period |
//! | `duplicate_mark` | gives a pupil a second mark in one class × subject × period |
//! | `no_class` | a summary sheet's block names no class (its marks are left out) |
//! | `no_period` | a summary sheet's subject column has no period (the column is left out) |
//! | `outside_block` | a row with marks above any header row of a summary sheet |
//!
//! Two shapes are read ([`Dataset::add_sheet`] tells them apart): the long table ([`Columns`])
//! and the summary sheet of a class («сводная ведомость»: [`Dataset::add_summary`]). Besides the
//! class × subject rows, the report sums the figures per grade (parallel) of a school, per
//! school and, when the table names one, per municipality.
//!
//! Between consecutive periods every figure's change is given, and `quality_fell` (a warning)
//! marks a class × subject whose quality fell by the school's threshold (10 points by default).
//!
//! Each of these rejects its row (an error finding naming the file, row and column); every other
//! row is counted. Percentages and the mean are exact until the one rounding to 2 places.

mod account;
mod aggregates;
mod changes;
mod class;
mod columns;
mod dataset;
mod figures;
mod headings;
mod ids;
mod mark;
mod page;
mod period;
mod sheet;
mod summary;

pub use account::{ClassAccount, Failing, OneMark};
pub use aggregates::{GradeRow, MunicipalityRow, SchoolRow};
pub use changes::{ClassChange, DEFAULT_QUALITY_DROP, GroupChange};
pub use class::{class_in, grade};
pub use columns::{COLUMNS, Columns};
pub use dataset::{Dataset, MarksReport};
pub use figures::{Counts, Figures, GroupRow, SubjectRow, TeacherRow};
pub use mark::Mark;
pub use period::Period;
pub use sheet::Shape;
