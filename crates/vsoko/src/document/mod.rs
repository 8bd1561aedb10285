//! The documents a school signs, written from computed results: «справка» on a score or on ВПР,
//! a draft of the director's order from addressed actions, the ВСОКО plan as a table, the
//! self-examination report. One model ([`Document`]), built here from results; three writers:
//! Markdown, HTML for print and (with the `docx` feature) Word.
//!
//! Every number in a document's tables is the one in the result's JSON, with a decimal comma;
//! every statement is computed from the result; a requisite not given (the director, the city)
//! is a blank line to fill in, never an invented value.
//!
//! ```
//! use vsoko::document::{School, score_report};
//! let input = vsoko::ScoreInput::from_json(r#"{"methodology": "nok-2019", "values": {}}"#).unwrap();
//! let report = vsoko::json::score_input(&input, None, vsoko::Options::new()).unwrap();
//! let html = score_report(&[report], &School::default()).to_html();
//! assert!(html.contains("СПРАВКА") && html.contains("____________________"));
//! ```

mod chart;
#[cfg(feature = "docx")]
mod docx;
mod from_json;
mod html;
mod markdown;
mod model;
mod objectivity_report;
mod order;
mod plan_table;
#[cfg(feature = "docx")]
mod raster;
#[cfg(feature = "docx")]
pub mod read;
mod school;
mod score_report;
mod selfexam_report;
pub mod typography;

pub use chart::Layout;
pub use from_json::{
    OBJECTIVITY_INPUT, SCORE_INPUT, from_json, plan_json, score_result, wrong_input,
};
pub use model::{Align, Bar, Block, Chart, Document, Kind, List, Paragraph, Row, Signature, Table};
pub use objectivity_report::objectivity_report;
pub use order::{ORDER_INPUT, order};
pub use plan_table::plan_document;
pub use school::School;
pub use score_report::{TOP_LOST, score_report};
pub use selfexam_report::selfexam_report;
