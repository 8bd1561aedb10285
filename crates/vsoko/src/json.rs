//! The JSON-in, JSON-out facade: one call from an input document to a report, shared by the
//! CLI, both bindings, the tests and the fuzz target.

use crate::error::Result;
use crate::input::ScoreInput;
use crate::methodology::Methodology;
use crate::scoring::{Options, Report, Scorecard};

/// The methodology used when neither the caller nor the document names one.
pub const DEFAULT_METHODOLOGY: &str = "index-2023";

/// Which methodology scores a document: the caller's choice wins, then the document's
/// `"methodology"` field, then [`DEFAULT_METHODOLOGY`].
///
/// # Errors
/// [`crate::Error::UnknownMethodology`] when the name is not built in.
pub fn resolve<'m>(chosen: Option<&'m Methodology>, input: &ScoreInput) -> Result<&'m Methodology> {
    match chosen {
        Some(m) => Ok(m),
        None => Methodology::builtin(input.methodology.as_deref().unwrap_or(DEFAULT_METHODOLOGY)),
    }
}

/// Scores an already-read input document into numbers only: the methodology that scored it
/// ([`resolve`]) and its scorecard. [`score_input`] builds its report from these; a front end
/// that builds the report lazily (Python) stops here.
///
/// # Errors
/// As [`resolve`] and [`Methodology::evaluate`].
pub fn evaluate_input<'m>(
    input: &ScoreInput,
    chosen: Option<&'m Methodology>,
    options: Options,
) -> Result<(&'m Methodology, Scorecard)> {
    let m = resolve(chosen, input)?;
    Ok((m, m.evaluate(&input.values, options)?))
}

/// Scores an already-read input document, carrying its school and period into the report.
///
/// # Errors
/// As [`resolve`] and [`Methodology::score`].
pub fn score_input(
    input: &ScoreInput,
    chosen: Option<&Methodology>,
    options: Options,
) -> Result<Report> {
    let (m, card) = evaluate_input(input, chosen, options)?;
    let mut report = Report::build(m, &card);
    report.school.clone_from(&input.school);
    report.period.clone_from(&input.period);
    Ok(report)
}

/// Reads an input document and scores it.
///
/// # Errors
/// Any input error ([`ScoreInput::from_json`]) or scoring error ([`Methodology::score`]).
///
/// ```
/// let r = vsoko::json::score_document(
///     r#"{"methodology": "nocko-1547", "values": {"1.1": 10, "2.7": "n/a"}}"#,
///     None,
///     vsoko::Options::default(),
/// ).unwrap();
/// assert_eq!((r.total.to_string(), r.max.to_string()), ("10".into(), "100".into()));
/// ```
pub fn score_document(
    text: &str,
    chosen: Option<&Methodology>,
    options: Options,
) -> Result<Report> {
    score_input(&ScoreInput::from_json(text)?, chosen, options)
}

/// [`score_document`] with the methodology named and the report as compact JSON.
///
/// # Errors
/// As [`score_document`], plus [`crate::Error::UnknownMethodology`].
pub fn score_json(text: &str, methodology: Option<&str>, options: Options) -> Result<String> {
    let chosen = methodology.map(Methodology::builtin).transpose()?;
    let report = score_document(text, chosen, options)?;
    Ok(serde_json::to_string(&report).unwrap_or_default())
}
