//! The words of a summary sheet's rows («сводная ведомость»): which row is its header, which
//! rows are the journal's own figures, and what a title says of the period and the school.

use super::columns::COLUMNS;
use super::mark::Mark;
use super::period::Period;

/// Headings of the pupil column besides the long table's (and any heading that starts with
/// «ФИО », «Ф.И.О.» or «Фамилия»).
const PUPIL: &[&str] = &["ф.и.о.", "ф. и. о.", "фио обучающегося", "фамилия, имя"];
/// Headings after the pupil column that are not subjects.
pub(super) const NOT_SUBJECTS: &[&str] = &[
    "средний балл",
    "ср. балл",
    "ср.балл",
    "пропуски",
    "пропущено уроков",
    "примечание",
];
/// Pupil cells of rows with the journal's own figures.
pub(super) const FOOTERS: &[&str] = &[
    "средний балл",
    "итого",
    "всего",
    "качество",
    "успеваемость",
    "соу",
];
/// Prefixes of a title row naming the school.
const SCHOOL: &[&str] = &["школа:", "оо:", "образовательная организация:"];

pub(super) fn norm(s: &str) -> String {
    s.trim().to_lowercase().replace('ё', "е")
}

pub(super) fn cell<S: AsRef<str>>(cells: &[S], i: usize) -> &str {
    cells.get(i).map_or("", |s| s.as_ref().trim())
}

pub(super) fn blank<S: AsRef<str>>(cells: &[S]) -> bool {
    cells.iter().all(|s| s.as_ref().trim().is_empty())
}

/// The pupil column of a header row with at least one heading to its right.
pub(super) fn header<S: AsRef<str>>(cells: &[S]) -> Option<usize> {
    let pupil = cells.iter().position(|c| {
        let h = norm(c.as_ref());
        PUPIL.contains(&h.as_str())
            || ["фио ", "ф.и.о", "ф. и. о", "фамилия"]
                .iter()
                .any(|p| h.starts_with(p))
            || COLUMNS
                .iter()
                .any(|(id, _, names)| *id == "pupil" && names.contains(&h.as_str()))
    })?;
    cells
        .iter()
        .skip(pupil + 1)
        .any(|c| !c.as_ref().trim().is_empty())
        .then_some(pupil)
}

/// Whether a row looks like a pupil's: two filled cells or more, one of them after the first
/// a mark (not an empty one).
pub(super) fn has_marks<S: AsRef<str>>(cells: &[S]) -> bool {
    let filled: Vec<&str> = cells
        .iter()
        .map(|c| c.as_ref().trim())
        .filter(|c| !c.is_empty())
        .collect();
    filled.len() >= 2
        && filled
            .iter()
            .skip(1)
            .any(|c| !matches!(Mark::parse(c), None | Some(Mark::None)))
}

/// The period a title names: a quarter or a half in two words («I четверть», «за 2 пол.»),
/// «за год» or «годовые».
pub(super) fn period_in(text: &str) -> Option<Period> {
    let words: Vec<String> = text.split_whitespace().map(norm).collect();
    let year = words
        .windows(2)
        .any(|w| w == ["за", "год"] || w == ["итогам", "года"])
        || words.iter().any(|w| {
            matches!(
                w.trim_end_matches([',', '.']),
                "годовые" | "годовых" | "годовая"
            )
        });
    if year {
        return Some(Period::Year);
    }
    words.windows(2).find_map(|w| {
        let p = Period::parse(&format!(
            "{} {}",
            w.first()?,
            w.get(1)?.trim_end_matches(',')
        ))?;
        matches!(p, Period::Quarter(_) | Period::Half(_)).then_some(p)
    })
}

/// The school a title row names («Школа: МБОУ СОШ № 7»).
pub(super) fn school_in<S: AsRef<str>>(cells: &[S]) -> Option<String> {
    cells.iter().find_map(|c| {
        let t = c.as_ref().trim();
        let l = norm(t);
        SCHOOL.iter().find_map(|p| {
            l.starts_with(p)
                .then(|| t.chars().skip(p.chars().count()).collect::<String>())
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_give_periods() {
        assert_eq!(
            period_in("Итоговые отметки 7Б за I четверть"),
            Some(Period::Quarter(1))
        );
        assert_eq!(period_in("7Б, 2 пол., 2024/25"), Some(Period::Half(2)));
        assert_eq!(period_in("отметки за год"), Some(Period::Year));
        assert_eq!(period_in("по итогам года"), Some(Period::Year));
        assert_eq!(
            period_in("по итогам 1-й четверти"),
            Some(Period::Quarter(1))
        );
        assert_eq!(period_in("за 2-е полугодие"), Some(Period::Half(2)));
        assert_eq!(period_in("2024/2025 учебный год"), None);
        assert_eq!(period_in("Итоговые отметки"), None);
    }
}
