//! One way to write CSV: fields separated by commas, quoted when needed (RFC 4180), and text
//! cells defused against formula injection (OWASP "CSV injection").
//!
//! A text cell whose first character — or first character after leading white space, so that
//! a reader that trims cannot undo it — is `=`, `+`, `-`, `@`, a tab or a carriage return gets a
//! leading `'`, which spreadsheets show as text. A cell that is a plain number (`-3.5`, `+7`)
//! is left alone: [`Line::number`] is for values, [`Line::text`] for names, and a number typed
//! as a name stays a number.
//!
//! ```
//! use vsoko::output::csv::Line;
//! let mut line = Line::new();
//! line.text("=HYPERLINK(\"http://x\")").text("СОШ № 6, корпус 2").number("-1.5");
//! assert_eq!(line.finish(), "\"'=HYPERLINK(\"\"http://x\"\")\",\"СОШ № 6, корпус 2\",-1.5\n");
//! ```

use std::borrow::Cow;

/// The characters a spreadsheet reads as the start of a formula.
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// Whether a spreadsheet could read this text as a formula (also after trimming spaces).
///
/// ```
/// use vsoko::output::csv::starts_formula;
/// assert!(starts_formula("=1+1") && starts_formula("  @SUM(A1)") && starts_formula("\tx"));
/// assert!(!starts_formula("-3.5") && !starts_formula("Школа") && !starts_formula("'=1"));
/// ```
pub fn starts_formula(text: &str) -> bool {
    let first = |t: &str| {
        t.chars()
            .next()
            .is_some_and(|c| FORMULA_STARTS.contains(&c))
    };
    let trimmed = text.trim_start();
    (first(text) || first(trimmed)) && !is_plain_number(trimmed)
}

/// A signed decimal number as a spreadsheet would read it: `-3`, `+7.25`, `-0,5`.
fn is_plain_number(text: &str) -> bool {
    let digits = text.strip_prefix(['-', '+']).unwrap_or(text);
    let (whole, frac) = digits
        .split_once(['.', ','])
        .map_or((digits, None), |(w, f)| (w, Some(f)));
    !whole.is_empty()
        && whole.bytes().all(|b| b.is_ascii_digit())
        && frac.is_none_or(|f| !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()))
}

/// The text a spreadsheet shows as text: `'` before a formula start, else unchanged.
///
/// ```
/// use vsoko::output::csv::defuse;
/// assert_eq!(defuse("=cmd|' /C calc'!A0"), "'=cmd|' /C calc'!A0");
/// assert_eq!(defuse(" -2+3"), "' -2+3");
/// assert_eq!(defuse("-2"), "-2");
/// ```
pub fn defuse(text: &str) -> Cow<'_, str> {
    if starts_formula(text) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

/// One field, defused and quoted as RFC 4180 asks (when it holds `,`, `"`, CR or LF, or
/// begins or ends with a space).
///
/// ```
/// use vsoko::output::csv::field;
/// assert_eq!(field("СОШ № 6, корпус 2"), "\"СОШ № 6, корпус 2\"");
/// assert_eq!(field("@x"), "'@x");
/// ```
pub fn field(text: &str) -> Cow<'_, str> {
    quote(defuse(text))
}

fn quote(text: Cow<'_, str>) -> Cow<'_, str> {
    let needs =
        text.contains([',', '"', '\n', '\r']) || text.starts_with(' ') || text.ends_with(' ');
    if needs {
        Cow::Owned(format!("\"{}\"", text.replace('"', "\"\"")))
    } else {
        text
    }
}

/// A CSV line built field by field.
#[derive(Debug, Default, Clone)]
pub struct Line {
    text: String,
    fields: usize,
}

impl Line {
    /// An empty line.
    pub fn new() -> Line {
        Line::default()
    }

    fn sep(&mut self) {
        if self.fields > 0 {
            self.text.push(',');
        }
        self.fields += 1;
    }

    /// A text cell (a name, a title, a code): defused and quoted.
    pub fn text(&mut self, text: &str) -> &mut Line {
        self.sep();
        self.text.push_str(&field(text));
        self
    }

    /// A value the program computed (a number, a count, an id of its own): quoted when needed,
    /// never defused, so a negative number stays a number.
    pub fn number(&mut self, value: impl std::fmt::Display) -> &mut Line {
        use std::fmt::Write as _;
        self.sep();
        // Written in place (a batch writes a dozen numbers a row); quoted only in the rare case
        // the text needs it.
        let start = self.text.len();
        let _ = write!(self.text, "{value}");
        let written = self.text.get(start..).unwrap_or_default();
        if let Cow::Owned(q) = quote(Cow::Borrowed(written)) {
            self.text.truncate(start);
            self.text.push_str(&q);
        }
        self
    }

    /// An empty cell.
    pub fn empty(&mut self) -> &mut Line {
        self.sep();
        self
    }

    /// The line so far, without a line end.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Empties the line, keeping its buffer for the next one.
    pub fn clear(&mut self) {
        self.text.clear();
        self.fields = 0;
    }

    /// The line with its `\n`, leaving this builder empty for the next one.
    pub fn finish(&mut self) -> String {
        if self.fields == 1 && self.text.is_empty() {
            // A lone empty cell is written `""`: a blank line is no row to a reader.
            self.text.push_str("\"\"");
        }
        self.fields = 0;
        let mut out = std::mem::take(&mut self.text);
        out.push('\n');
        out
    }
}

/// A whole header line of text cells.
///
/// ```
/// assert_eq!(vsoko::output::csv::header(["school", "=x"]), "school,'=x\n");
/// ```
pub fn header<'a>(names: impl IntoIterator<Item = &'a str>) -> String {
    let mut line = Line::new();
    for n in names {
        line.text(n);
    }
    line.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_formula_start_is_defused() {
        for s in [
            "=1", "+1+1", "-1+1", "@A1", "\t=1", "\r=1", "   =1", "-", "+", "--1",
        ] {
            assert!(defuse(s).starts_with('\''), "{s:?}");
        }
        for s in ["1", "-1", "+1", "-1.5", "-0,5", "Школа", "", "'=1", "a=b"] {
            assert_eq!(defuse(s), s, "{s:?}");
        }
    }

    #[test]
    fn numbers_are_never_defused() {
        let mut l = Line::new();
        l.number("-3.5").number(-2).text("-3.5");
        assert_eq!(l.finish(), "-3.5,-2,-3.5\n");
        l.number("1,5").number("a\"b");
        assert_eq!(l.finish(), "\"1,5\",\"a\"\"b\"\n");
    }
}
