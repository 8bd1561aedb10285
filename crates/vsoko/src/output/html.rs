//! HTML pages the project writes: every piece of user text escaped, and a Content-Security-Policy
//! that forbids scripts, so a `<script>` typed into a plan item or a school name is shown, never run.

/// The policy every generated page carries: no scripts, no requests, inline styles and
/// `data:` images only.
pub const CSP: &str = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

/// Escapes text for an element's content or a quoted attribute.
///
/// ```
/// assert_eq!(vsoko::output::html::escape("<b a=\"1\">&'"), "&lt;b a=&quot;1&quot;&gt;&amp;&#39;");
/// ```
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() && c != '\n' && c != '\t' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// The start of a page: doctype, language, charset, the [`CSP`], the escaped title and the style.
/// The body follows; close it with [`END`].
///
/// ```
/// let head = vsoko::output::html::head("План <x>", "body{margin:0}");
/// assert!(head.contains("Content-Security-Policy") && head.contains("<title>План &lt;x&gt;</title>"));
/// ```
pub fn head(title: &str, style: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"ru\"><head><meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"{CSP}\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n<style>{style}</style></head><body>\n",
        escape(title)
    )
}

/// The end of a page.
pub const END: &str = "</body></html>\n";
