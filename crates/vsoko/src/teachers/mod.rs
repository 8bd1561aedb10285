//! The teachers' register behind the ВСОКО plans' «аттестация и курсы повышения квалификации по
//! графику» (DOMAIN §9): a table of teachers and their courses read into a [`Register`], and as
//! of a date each teacher's category term, attestation and training due dates, what is overdue,
//! the due list of the academic year and the shares a school reports.
//!
//! - `rules`: the terms as data, with their sources ([`Rules::builtin`]);
//! - `register`: the table read (a row per teacher or per course; rows of one teacher merged);
//! - `status`: the dates and shares as of a day;
//! - `plan`: the due items in the ВСОКО plan, and the check for missing ones.
//!
//! | finding | when |
//! |---|---|
//! | `teacher_conflict` | a later row of a teacher gives another value (the first is kept) |
//! | `teacher_spelling` | a name is spelled like another teacher's (kept apart) |
//! | `category_until_differs` | the written end date differs from the rule's (the written one is used) |
//! | `category_unlimited` | an end date is written for a category set from 01.09.2023 |
//! | `category_date_missing` | a category has no date it was set |
//! | `attestation_unknown` | no category, no last attestation, no hire date |
//! | `column_unused` | a column the register does not read |
//! | `teacher_due_unplanned` | an attestation or training due in the plan's year has no item |

mod html;
mod plan;
mod register;
mod rules;
mod status;

pub use html::html;
pub use plan::{MECHANISM, RESPONSIBLE, unplanned, with_due_items};
pub use register::{Course, Register, RegisterReader, Teacher};
pub use rules::{CategorySpec, Rules, TargetSpec};
pub use status::{Due, Kind, Shares, Status, Target, TeacherStatus};
