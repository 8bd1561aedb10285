//! Text for a terminal: control characters (escape sequences, carriage returns, bidirectional
//! overrides) in user text are shown as `\u{…}` instead of moving the cursor or recolouring
//! the screen. Line feeds and tabs stay.

use std::fmt::Write as _;

/// Shows control and bidirectional-control characters as `\u{…}`; keeps `\n` and `\t`.
///
/// ```
/// use vsoko::output::terminal::visible;
/// assert_eq!(visible("Школа\u{1b}[31m № 1\r"), "Школа\\u{1b}[31m № 1\\u{d}");
/// assert_eq!(visible("две\nстроки"), "две\nстроки");
/// ```
pub fn visible(text: &str) -> String {
    if !text.chars().any(hidden) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if hidden(c) {
            let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
        } else {
            out.push(c);
        }
    }
    out
}

/// Whether a character acts on the terminal instead of being shown.
fn hidden(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}
