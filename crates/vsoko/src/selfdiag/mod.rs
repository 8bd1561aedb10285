//! Self-diagnosis as a methodology kind (DOMAIN §8, the «Школа Минпросвещения России»
//! mechanism): directions, indicators with answer options → points, critical indicators whose
//! failure caps the level, level thresholds on the total and optionally per direction, and
//! variants (indicators that apply only to some kinds of school). The official lists are not in
//! our sources: a region loads its own definition; `fixtures/selfdiag/example.json` is a
//! clearly labelled example.
//!
//! - `definition`: the file as written and its validation (every problem at once);
//! - `diagnosis`: a school's answers scored against it;
//! - `table`: many schools' answers in one table;
//! - `summary`: across schools — the share that passed, levels per municipality, the
//!   directions that hold schools back.

mod definition;
mod diagnosis;
mod summary;
mod table;

pub use definition::{Definition, DirectionSpec, IndicatorSpec, LevelSpec, OptionSpec};
pub use diagnosis::{Answers, Diagnosis, DirectionResult, diagnose};
pub use summary::{Count, LevelCounts, MunicipalitySummary, Summary, summarize};
pub use table::AnswerTable;
