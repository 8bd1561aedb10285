//! External procedures by task (DOMAIN §7): ВПР, ОГЭ and ЕГЭ results per pupil with one column
//! per task («1 (2б)», «9.1 (1б)»: the task and its maximum) in — the federal school export
//! «Индивидуальные результаты» or a long table — and out, per school and class: each task's
//! completion beside the same task over every school of the input, the weak tasks (below 50 %
//! by default: a common practice, not a federal rule), the marks 2–5, and for ЕГЭ the mean test
//! score, the share below the subject's minimum (data with its year and source, see
//! [`Minimums`]) and the shares at 70, 80 and 100 points, with the medallists under 70.
//!
//! Completion of a task, % = points scored × 100 / (maximum × pupils who wrote the work),
//! rounded once to 2 places. A task cell holds whole points from 0 to the maximum, or «Х» (not
//! attempted: 0 points). A pupil is absent when the variant says «отсутствовал» or the row has
//! no points, mark or test score; absent pupils are not participants.
//!
//! | finding | the row |
//! |---|---|
//! | `invalid_points` | holds points that are not a whole number from 0 to the task's maximum |
//! | `invalid_mark` | holds a mark other than 2–5 |
//! | `invalid_score` | holds a test score other than a whole number 0–100 |
//! | `missing_cell` | lacks its pupil, procedure, subject, year or grade, or a task's points while others are given |
//! | `duplicate_pupil` | gives a pupil a second time in one procedure × subject × grade × year |
//! | `task_max_differs` | belongs to a table that gives a task another maximum than an earlier table of the same work |
//! | `extra_cell` | has a value past the header's last column |
//!
//! Each rejects its row whole (an error naming the file, row and cell); every other row is
//! counted. The report's own findings are warnings: `minimum_of_other_year` (the data has the
//! minimums of another year), `no_minimum` (an ЕГЭ subject the data does not know),
//! `medallist_not_found`. The grade of ОГЭ is 9 and of ЕГЭ 11 unless the table says otherwise.

mod columns;
mod descriptions;
mod ege;
mod heading;
mod names;
mod page;
mod report;
mod results;
mod row;
mod summary;

pub use columns::{ResultsColumns, ResultsTable, is_header};
pub use descriptions::TaskDescriptions;
pub use ege::{MEDALLIST_SCORE, Medallist, Minimum, Minimums};
pub use heading::{Heading, Task, task_order};
pub use report::{
    EgeRow, MarkCounts, MarkRow, MedallistRow, Pct, TaskRow, TasksReport, WeakTask, WorkName,
    WorkView,
};
pub use results::{DEFAULT_WEAK_BELOW, Results, TasksOptions};
pub use summary::{ClassSummary, SummarySitting, SummaryTask, WorkSummary};
