#![doc = include_str!("../../../README.md")]

#[doc = include_str!("../../../docs/architecture.md")]
pub mod architecture {}
pub mod batch;
pub mod calendar;
pub mod cells;
pub mod decimal;
pub mod delimited;
mod diagnostic;
pub mod document;
pub mod dynamics;
mod entries;
mod error;
pub mod finding;
pub mod format;
mod halves;
pub mod input;
pub mod json;
pub mod marks;
pub mod measure;
pub mod methodology;
pub mod objectivity;
pub mod output;
pub mod plan;
pub mod rating;
pub mod reason;
pub mod scoring;
pub mod selfdiag;
pub mod selfexam;
pub mod spelling;
pub mod survey;
#[doc = include_str!("../../../docs/contributing.md")]
pub mod contributing {}
pub mod suggest;
pub mod tasks;
pub mod teachers;

pub use diagnostic::Diagnostic;
pub use error::{Error, InputKind, Result, ResultLevel};
pub use input::{ScoreInput, Value, Values};
pub use methodology::{Group, Indicator, LevelBand, Methodology, MethodologySpec, Problem};
pub use scoring::{Options, Report, Scorecard, Status};
