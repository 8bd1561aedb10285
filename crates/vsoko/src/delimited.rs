//! Delimited text as Russian offices save it: the delimiter (`;` from Russian Excel, tab, or
//! `,`) told one way for every reader of the project, and records split with `"` quotes.

/// The delimiter of delimited text from its first bytes: the most frequent of `;`, tab and `,`
/// outside quotes on the first line that has any (ties: `;`, then tab, then `,`); `,` when none.
///
/// ```
/// assert_eq!(vsoko::delimited::delimiter(b"id;title\n1;a,b"), b';');
/// assert_eq!(vsoko::delimited::delimiter(b"\"a;b\",c\n"), b',');
/// assert_eq!(vsoko::delimited::delimiter(b"one column"), b',');
/// ```
pub fn delimiter(head: &[u8]) -> u8 {
    const CANDIDATES: [u8; 3] = [b';', b'\t', b','];
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for &b in head {
        if b == b'"' {
            quoted = !quoted;
        } else if quoted {
            // Inside quotes nothing counts.
        } else if b == b'\n' && counts.iter().any(|&c| c > 0) {
            break;
        } else if let Some(n) = CANDIDATES
            .iter()
            .position(|&c| c == b)
            .and_then(|i| counts.get_mut(i))
        {
            *n += 1;
        }
    }
    let mut best = (0usize, b',');
    for (i, &c) in CANDIDATES.iter().enumerate().rev() {
        let n = counts.get(i).copied().unwrap_or(0);
        if n > 0 && n >= best.0 {
            best = (n, c);
        }
    }
    best.1
}

/// Whether text that is not UTF-8 is Windows-1251, the code page Russian Excel saves CSV in: at
/// least four in five bytes above 0x7F are its letters (А–я, Ё, ё). Anything else is taken as
/// UTF-8, so a reader names the broken line instead of guessing. `cut` says the bytes are the
/// first part of a longer text (a character cut at their end is still UTF-8).
///
/// ```
/// use vsoko::delimited::is_windows_1251;
/// assert!(is_windows_1251(b"\xd8\xea\xee\xeb\xe0,1\n", false)); // «Школа,1» in Windows-1251
/// assert!(!is_windows_1251("Школа,1".as_bytes(), false));
/// assert!(!is_windows_1251(&"Школа".as_bytes()[..3], true));
/// ```
pub fn is_windows_1251(head: &[u8], cut: bool) -> bool {
    match std::str::from_utf8(head) {
        Ok(_) => return false,
        Err(e) if e.error_len().is_none() && cut => return false,
        Err(_) => {}
    }
    let high = head.iter().filter(|&&b| b >= 0x80).count();
    let letters = head
        .iter()
        .filter(|&&b| b >= 0xC0 || b == 0xA8 || b == 0xB8)
        .count();
    // In Windows-1251 Russian text nearly every byte above 0x7F is a letter; in UTF-8 Cyrillic
    // only the lead bytes (half) are in that range, so a UTF-8 sample cut short never passes.
    letters * 5 >= high * 4
}

/// Records of delimited text, each with its 1-based first line; `Err(line)` when a quote
/// opened on that line is not closed. A quote opens only at the start of a cell; `""` inside
/// quotes is one `"`; CR LF ends a line like LF.
///
/// ```
/// let r = vsoko::delimited::records("a;\"b;\nc\"\nd;e", ';').unwrap();
/// assert_eq!(r, [(1, vec!["a".to_string(), "b;\nc".into()]), (3, vec!["d".into(), "e".into()])]);
/// assert_eq!(vsoko::delimited::records("a;\"b", ';'), Err(1));
/// ```
///
/// # Errors
/// The line a quote opened on, when the text ends before it closes.
pub fn records(
    text: &str,
    delimiter: char,
) -> std::result::Result<Vec<(usize, Vec<String>)>, usize> {
    let mut records = Vec::new();
    let mut cells = Vec::new();
    let mut cell = String::new();
    let mut line = 1;
    let mut start = 1;
    let mut quoted = false;
    let mut quote_line = 0;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    cell.push('"');
                }
                '"' => quoted = false,
                '\n' => {
                    line += 1;
                    cell.push('\n');
                }
                _ => cell.push(c),
            }
            continue;
        }
        match c {
            '"' if cell.trim().is_empty() => {
                cell.clear();
                quoted = true;
                quote_line = line;
            }
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' => {
                cells.push(std::mem::take(&mut cell));
                records.push((start, std::mem::take(&mut cells)));
                line += 1;
                start = line;
            }
            c if c == delimiter => cells.push(std::mem::take(&mut cell)),
            _ => cell.push(c),
        }
    }
    if quoted {
        return Err(quote_line);
    }
    if !cell.is_empty() || !cells.is_empty() {
        cells.push(cell);
        records.push((start, cells));
    }
    Ok(records)
}
