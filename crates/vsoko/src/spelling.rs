//! Comparing names as people write them: a school or a municipality typed twice is often the
//! same name in another case, with other spaces or punctuation, `ё` for `е`, or with a Latin
//! letter that looks like a Cyrillic one (`C` for `С`). Such names are never merged silently:
//! the modules that read them report the second spelling (see `dynamics` and `objectivity`).

/// A name reduced for comparing spellings: letters and digits only, lower case, `ё` as `е`,
/// and Latin letters that look like Cyrillic ones (`A B E K M H O P C T X Y`,
/// `a e o p c x y k`) as those Cyrillic letters.
///
/// ```
/// use vsoko::spelling::spelling_key;
/// assert_eq!(spelling_key("МБОУ «СОШ № 1»"), spelling_key("мбоу сош №1"));
/// assert_eq!(spelling_key("Школа Ёлочка"), spelling_key("школа елочка"));
/// // «СОШ» typed with a Latin «C» and «O»: the same key.
/// assert_eq!(spelling_key("COШ 5"), spelling_key("СОШ 5"));
/// assert_ne!(spelling_key("Школа 1"), spelling_key("Школа 11"));
/// ```
pub fn spelling_key(name: &str) -> String {
    name.chars()
        .map(cyrillic_look_alike)
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .map(|c| if c == 'ё' { 'е' } else { c })
        .collect()
}

/// The Cyrillic letter a Latin one is mistaken for, or the letter itself. Only letters that
/// look alike in common fonts: upper-case `B`, `H`, `M`, `T` do, their lower-case forms don't.
fn cyrillic_look_alike(c: char) -> char {
    match c {
        'A' => 'А',
        'B' => 'В',
        'E' => 'Е',
        'K' => 'К',
        'M' => 'М',
        'H' => 'Н',
        'O' => 'О',
        'P' => 'Р',
        'C' => 'С',
        'T' => 'Т',
        'X' => 'Х',
        'Y' => 'У',
        'a' => 'а',
        'e' => 'е',
        'o' => 'о',
        'p' => 'р',
        'c' => 'с',
        'x' => 'х',
        'y' => 'у',
        'k' => 'к',
        other => other,
    }
}

/// A label compared case- and space-insensitively (procedures, subjects): trimmed, runs of
/// white space as one space, lower case. «Русский  язык» and «русский язык» are one subject.
///
/// ```
/// use vsoko::spelling::label_key;
/// assert_eq!(label_key(" Русский  язык "), label_key("русский язык"));
/// assert_ne!(label_key("ВПР"), label_key("ОГЭ"));
/// ```
pub fn label_key(label: &str) -> String {
    let mut out = String::with_capacity(label.len());
    for word in label.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().flat_map(char::to_lowercase));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn look_alikes_fold_only_letters_that_look_alike() {
        // «МБОУ СОШ» typed with Latin M, B, O, Y, C, O.
        assert_eq!(spelling_key("MБOY COШ"), spelling_key("МБОУ СОШ"));
        assert_eq!(
            spelling_key("Гимназия pядом"),
            spelling_key("гимназия рядом")
        );
        // Lower-case b, h, m, t do not look like в, н, м, т.
        assert_ne!(spelling_key("b"), spelling_key("в"));
        assert_ne!(spelling_key("m"), spelling_key("м"));
        assert_eq!(spelling_key("  Энск  "), "энск");
    }
}
