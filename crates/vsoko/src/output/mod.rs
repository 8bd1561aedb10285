//! Writing user text safely into the formats people open: CSV that a spreadsheet will not run
//! as a formula, HTML that escapes every piece of text and forbids scripts, Markdown that does
//! not pass HTML through, and terminal text that shows control characters instead of obeying them.
//! [`crate::format::Format`] names the document formats the core's views are written in.
//!
//! Every writer in the project (core views, the CLI, the bindings) goes through these functions;
//! none escapes text on its own.

pub mod csv;
pub mod html;
pub mod markdown;
pub mod russian;
pub mod terminal;
