//! Markdown the project writes: user text goes into table cells and lines with HTML escaped
//! (a renderer shows `<script>` as text), link and emphasis syntax neutralised, and the cell
//! separator `|` escaped.

/// Escapes text for a Markdown table cell: HTML escaped, `|` and Markdown syntax
/// backslash-escaped, line breaks as `<br>` (the one tag the output itself adds).
///
/// ```
/// use vsoko::output::markdown::cell;
/// assert_eq!(cell("a|b\n<script>"), "a\\|b<br>&lt;script&gt;");
/// assert_eq!(cell("[x](javascript:1)"), "\\[x\\](javascript:1)");
/// ```
pub fn cell(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' => out.push_str("<br>"),
            '|' | '\\' | '`' | '*' | '_' | '[' | ']' | '#' => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// Escapes text for a line of Markdown outside a table (a heading, a paragraph): as [`cell`],
/// with line breaks kept as spaces so the text cannot start a new block.
///
/// ```
/// assert_eq!(vsoko::output::markdown::line("# a\n<i>"), "\\# a &lt;i&gt;");
/// ```
pub fn line(text: &str) -> String {
    cell(&text.replace("\r\n", " ").replace(['\n', '\r'], " "))
}
