//! The document formats a core view is written in, named by the ids every front end passes
//! through (`--format html`, `format="html"`, `"html"`).

use crate::error::{Error, Result};

/// A document format of the core's views.
///
/// ```
/// use vsoko::format::Format;
/// assert_eq!("html".parse::<Format>().unwrap(), Format::Html);
/// assert_eq!(Format::Markdown.as_str(), "markdown");
/// assert_eq!("xlsx".parse::<Format>().unwrap_err().code(), "invalid_input");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// Markdown: tables with every cell escaped ([`crate::output::markdown`]).
    Markdown,
    /// A self-contained HTML page with the scripts-forbidding policy ([`crate::output::html`]).
    Html,
    /// The view's data as pretty JSON (the wire format, snake_case keys).
    Json,
}

impl Format {
    /// Every format, in the order front ends list them.
    pub const ALL: [Format; 3] = [Format::Markdown, Format::Html, Format::Json];

    /// The format's id: `markdown`, `html`, `json`.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Markdown => "markdown",
            Format::Html => "html",
            Format::Json => "json",
        }
    }
}

impl std::fmt::Display for Format {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for Format {
    type Err = Error;

    /// Reads a format id (exactly as [`Format::as_str`] writes it).
    ///
    /// # Errors
    /// [`Error::InvalidInput`] at the argument `format` naming the formats there are.
    fn from_str(id: &str) -> Result<Format> {
        Format::ALL
            .into_iter()
            .find(|f| f.as_str() == id)
            .ok_or_else(|| Error::one_of("format", &Format::ALL.map(Format::as_str)))
    }
}
