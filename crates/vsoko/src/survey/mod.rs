//! Surveys from raw answers (DOMAIN §9): a form's export (a row per respondent, a column per
//! question, answers as text) counted against a survey definition — per question, group and
//! period the respondents, the answered, the satisfied and their share, the distribution of
//! answers, the change between periods — and the НОК's survey inputs (`X.yes`/`X.of`) from
//! the same answers.
//!
//! - `definition`: the survey as data (which answers count as satisfied, not satisfied, not
//!   applicable; scales), validated with every problem at once; the built-in `nok-2019`;
//! - `answers`: a table of answers read against it (unknown answers are findings naming the
//!   row and the column, never counted);
//! - `figures`: the counts and shares.
//!
//! | finding | when |
//! |---|---|
//! | `unknown_answer` | a cell is none of the question's answers (not counted) |
//! | `column_unused` | a column is neither a question, a respondent, open text nor the timestamp |

mod answers;
mod definition;
mod figures;
mod html;

pub use answers::{Counts, Group, Sheet, labels};
pub use definition::{Definition, NokInputs, Question, Scale};
pub use figures::{Change, Figures, OpenText, QuestionFigures, figures, nok_values};
pub use html::html;
