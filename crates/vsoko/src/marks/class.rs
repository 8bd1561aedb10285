//! Class names as schools write them («7Б», «7 «Б»», «10-А»): the grade (parallel) a class
//! belongs to, and the class a summary sheet's title or sheet name gives.

/// The grade (parallel) of a class: its leading number, 1–11; `None` when the name does not
/// start with one.
///
/// ```
/// use vsoko::marks::grade;
/// assert_eq!(grade("7Б"), Some(7));
/// assert_eq!(grade("10 «А»"), Some(10));
/// assert_eq!(grade("11-В"), Some(11));
/// assert_eq!(grade("Подготовительный"), None);
/// assert_eq!(grade("12А"), None);
/// ```
pub fn grade(class: &str) -> Option<u8> {
    let t = class.trim();
    let digits: String = t.chars().take_while(char::is_ascii_digit).collect();
    let n: u8 = digits.parse().ok()?;
    (1..=11).contains(&n).then_some(n)
}

/// A word that reads as a class on its own: a grade 1–11 and one Cyrillic letter, written
/// together, with a hyphen or with quotes («7Б», «7-б», «7«Б»»); normalised to «7Б».
fn token(word: &str) -> Option<String> {
    let w: String = word
        .chars()
        .filter(|c| {
            !matches!(
                c,
                '«' | '»' | '"' | '\'' | '-' | '–' | ',' | '.' | ':' | ';'
            )
        })
        .collect();
    let digits: String = w.chars().take_while(char::is_ascii_digit).collect();
    let n = grade(&digits)?;
    let rest = w.get(digits.len()..)?;
    let mut letters = rest.chars();
    let letter = letters.next()?;
    if letters.next().is_some() || !matches!(letter, 'а'..='я' | 'А'..='Я' | 'ё' | 'Ё') {
        return None;
    }
    Some(format!("{n}{}", letter.to_uppercase()))
}

/// The words of a title: split at spaces, with «7 Б» and «7 «Б»» joined into one word.
fn words(text: &str) -> Vec<String> {
    let raw: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || c == ',' || c == '(' || c == ')')
        .filter(|w| !w.is_empty())
        .collect();
    let mut out: Vec<String> = Vec::with_capacity(raw.len());
    let mut i = 0;
    while let Some(w) = raw.get(i) {
        let next = raw.get(i + 1).copied().unwrap_or("");
        let joined = format!("{w}{next}");
        if grade(w).is_some() && w.chars().all(|c| c.is_ascii_digit()) && token(&joined).is_some() {
            out.push(joined);
            i += 2;
        } else {
            out.push((*w).to_string());
            i += 1;
        }
    }
    out
}

/// Whether a word is the word «класс» in one of its forms («класс», «класса», «Класс:»).
fn is_class_word(word: &str) -> bool {
    let w = word.to_lowercase();
    matches!(
        w.trim_matches(|c: char| !c.is_alphabetic()),
        "класс" | "класса" | "классе"
    )
}

/// The class a title names: «Класс: 7Б», «7Б класс», «… отметок 7Б класса», «7 «Б» класс», or a
/// class word alone («7Б», as a sheet name is); a grade without a letter counts only beside the
/// word «класс» («7 класс» → «7»). `None` when there is none.
///
/// ```
/// use vsoko::marks::class_in;
/// assert_eq!(class_in("Класс: 7Б").as_deref(), Some("7Б"));
/// assert_eq!(class_in("Сводная ведомость итоговых отметок 7б класса").as_deref(), Some("7Б"));
/// assert_eq!(class_in("7 «В» класс").as_deref(), Some("7В"));
/// assert_eq!(class_in("8 класс, I четверть").as_deref(), Some("8"));
/// assert_eq!(class_in("за I четверть 2024/2025 учебного года"), None);
/// ```
pub fn class_in(text: &str) -> Option<String> {
    let words = words(text);
    if let Some(t) = words.iter().find_map(|w| token(w)) {
        return Some(t);
    }
    words.iter().enumerate().find_map(|(i, w)| {
        let plain = w.trim_matches(|c: char| !c.is_ascii_digit());
        let n = grade(plain).filter(|_| plain.len() == w.len())?;
        let near = |j: Option<usize>| {
            j.and_then(|j| words.get(j))
                .is_some_and(|w| is_class_word(w))
        };
        (near(i.checked_sub(1)) || near(Some(i + 1))).then(|| n.to_string())
    })
}

/// Whether a title row is one (a class, a sheet's name or the words of a summary sheet).
pub(super) fn is_title(text: &str) -> bool {
    words(text).iter().any(|w| {
        let l = w.to_lowercase();
        let l = l.trim_matches(|c: char| !c.is_alphabetic());
        is_class_word(w)
            || l.starts_with("ведомост")
            || l == "отметки"
            || l == "отметок"
            || l == "школа"
    })
}
