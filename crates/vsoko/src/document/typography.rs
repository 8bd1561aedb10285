//! Russian typography for documents: «ёлочки» with „лапки“ inside, dates as «20 апреля 2025 г.»,
//! signatures as «И.О. Фамилия», blanks to fill in by hand, and text made safe for XML. Numbers
//! and numerals are [`crate::output::russian`]'s.

use crate::calendar::Date;

/// A line to fill in by hand where a requisite is not known (never an invented value).
pub const BLANK: &str = "____________________";

/// A blank for a name in a signature line (shorter: it shares the line with the position).
pub const NAME_BLANK: &str = "________________";

/// A short blank (a number, a day).
pub const SHORT_BLANK: &str = "______";

/// The genitive month names a date is written with.
const MONTHS_GENITIVE: [&str; 12] = [
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
];

/// Text in «ёлочки»; quotes inside become „лапки“, straight quotes are replaced.
///
/// ```
/// use vsoko::document::typography::quoted;
/// assert_eq!(quoted("высокий"), "«высокий»");
/// assert_eq!(quoted("МБОУ «СОШ № 1»"), "«МБОУ „СОШ № 1“»");
/// assert_eq!(quoted("МБОУ \"СОШ № 1\""), "«МБОУ „СОШ № 1“»");
/// ```
pub fn quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 4);
    out.push('«');
    let mut open = true;
    for c in text.chars() {
        match c {
            '«' => out.push('„'),
            '»' => out.push('“'),
            '"' => {
                out.push(if open { '„' } else { '“' });
                open = !open;
            }
            c => out.push(c),
        }
    }
    out.push('»');
    out
}

/// A date as documents write it (a non-breaking space keeps «г.» with the year).
///
/// ```
/// use vsoko::calendar::Date;
/// use vsoko::document::typography::long_date;
/// assert_eq!(long_date(Date::new(2025, 4, 20).unwrap()), "20 апреля 2025\u{a0}г.");
/// assert_eq!(long_date(Date::new(2025, 9, 1).unwrap()), "1 сентября 2025\u{a0}г.");
/// ```
pub fn long_date(date: Date) -> String {
    let month = MONTHS_GENITIVE
        .get(usize::from(date.month()).saturating_sub(1))
        .copied()
        .unwrap_or_default();
    format!("{} {month} {}\u{a0}г.", date.day(), date.year())
}

/// A name as a signature writes it: «И.О. Фамилия» from «Фамилия Имя Отчество» (or «Фамилия
/// Имя»); any other shape (already initials, one word, Latin letters) is kept as given.
///
/// ```
/// use vsoko::document::typography::signature_name;
/// assert_eq!(signature_name("Иванова Мария Петровна"), "М.П.\u{a0}Иванова");
/// assert_eq!(signature_name("Петров Иван"), "И.\u{a0}Петров");
/// assert_eq!(signature_name("М.П. Иванова"), "М.П. Иванова");
/// assert_eq!(signature_name("Иванова"), "Иванова");
/// ```
pub fn signature_name(full: &str) -> String {
    let words: Vec<&str> = full.split_whitespace().collect();
    let is_name = |w: &&str| {
        let mut chars = w.chars();
        chars
            .next()
            .is_some_and(|c| c.is_uppercase() && is_cyrillic(c))
            && chars.all(|c| (c.is_lowercase() && is_cyrillic(c)) || c == '-')
    };
    match words.as_slice() {
        [surname, rest @ ..] if (1..=2).contains(&rest.len()) && words.iter().all(is_name) => {
            let initials: String = rest
                .iter()
                .filter_map(|w| w.chars().next())
                .flat_map(|c| [c, '.'])
                .collect();
            format!("{initials}\u{a0}{surname}")
        }
        _ => full.trim().to_string(),
    }
}

fn is_cyrillic(c: char) -> bool {
    matches!(c, 'А'..='я' | 'Ё' | 'ё')
}

/// Whether XML 1.0 allows the character in text (a DOCX part is XML: a control character from
/// a pasted school name would make Word refuse the file).
///
/// ```
/// use vsoko::document::typography::xml_allowed;
/// assert!(xml_allowed('\t') && xml_allowed('ё'));
/// assert!(!xml_allowed('\u{1}') && !xml_allowed('\u{FFFE}'));
/// ```
pub fn xml_allowed(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// Text with every character XML forbids shown as `�` (nothing is dropped silently: the mark
/// stays where the character was).
///
/// ```
/// assert_eq!(vsoko::document::typography::xml_safe("a\u{1}b"), "a\u{FFFD}b");
/// ```
pub fn xml_safe(text: &str) -> std::borrow::Cow<'_, str> {
    if text.chars().all(xml_allowed) {
        std::borrow::Cow::Borrowed(text)
    } else {
        std::borrow::Cow::Owned(
            text.chars()
                .map(|c| if xml_allowed(c) { c } else { '\u{FFFD}' })
                .collect(),
        )
    }
}

/// A name inside a sentence: the first letter lowered when the word is not an abbreviation
/// («Русский язык» → «русский язык», «ОБЖ» stays).
///
/// ```
/// use vsoko::document::typography::in_sentence;
/// assert_eq!(in_sentence("Русский язык"), "русский язык");
/// assert_eq!(in_sentence("ОБЖ"), "ОБЖ");
/// ```
pub fn in_sentence(name: &str) -> String {
    let mut chars = name.chars();
    match (chars.next(), chars.next()) {
        (Some(first), Some(second)) if first.is_uppercase() && second.is_lowercase() => {
            first.to_lowercase().chain(name.chars().skip(1)).collect()
        }
        _ => name.to_string(),
    }
}
