//! Russian periods as schools write them (`январь – март 2020`, `в течение года`, `По итогам
//! года`) read into months of the academic year.
//!
//! | written | kind | months |
//! |---|---|---|
//! | a month, with or without a year: `январь`, `Январь 2020`, `в январе`, `до 20 апреля`, `20.04.2024` | `months` | that month |
//! | a range: `январь – март`, `сентябрь-декабрь 2021`, `май 2020 – май 2025` | `months` | every month of the range inside the year |
//! | a list: `сентябрь, январь, май` | `months` | each |
//! | a school term: `I четверть`, `2 полугодие` | `months` | the term's months |
//! | `в течение года`, `ежемесячно`, `по четвертям`, `постоянно` | `throughout` | — |
//! | `По плану проведения педсоветов`, `При проведении оценочных процедур`, `По итогам года`, `по мере необходимости` | `event` | — |
//!
//! A month without a year belongs to the plan's year (August–December of its first calendar
//! year, January–July of the second: see [`AcademicYear`]). A range is clipped to the year; one that
//! misses the year entirely is [`PeriodProblem::OutsideYear`]; text with no period in it is
//! [`PeriodProblem::Unparsed`].

use super::calendar::{AcademicYear, YearMonth};
use serde::{Deserialize, Serialize};

/// How an item is scheduled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ScheduleKind {
    /// In the months listed.
    Months,
    /// All year round.
    Throughout,
    /// Bound to an event (a teachers' council, an assessment, the end of the year).
    Event,
}

/// When an item happens, read from the text the school wrote.
///
/// ```
/// use vsoko::plan::{AcademicYear, Schedule, ScheduleKind};
/// let year: AcademicYear = "2023/24".parse().unwrap();
/// let s = Schedule::parse("Январь – март", year).unwrap();
/// assert_eq!(s.kind, ScheduleKind::Months);
/// assert_eq!(s.months.iter().map(|m| m.to_string()).collect::<Vec<_>>(), ["2024-01", "2024-02", "2024-03"]);
/// assert_eq!(Schedule::parse("в течение года", year).unwrap().kind, ScheduleKind::Throughout);
/// assert!(Schedule::parse("когда-нибудь", year).is_err());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Schedule {
    /// Months, all year, or an event.
    pub kind: ScheduleKind,
    /// The months, in order (only for [`ScheduleKind::Months`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub months: Vec<YearMonth>,
}

/// Why a period could not be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PeriodProblem {
    /// No period is recognisable in the text.
    Unparsed,
    /// The months named lie outside the academic year.
    OutsideYear,
}

impl Schedule {
    /// All year round.
    pub fn throughout() -> Schedule {
        Schedule {
            kind: ScheduleKind::Throughout,
            months: Vec::new(),
        }
    }

    /// The given months.
    pub fn months(months: Vec<YearMonth>) -> Schedule {
        Schedule {
            kind: ScheduleKind::Months,
            months,
        }
    }

    /// Reads a period written in Russian for the given academic year.
    ///
    /// # Errors
    /// [`PeriodProblem`] when no period is recognisable or every month named is outside the year.
    pub fn parse(text: &str, year: AcademicYear) -> Result<Schedule, PeriodProblem> {
        let t = normalize(text);
        if t.is_empty() {
            return Err(PeriodProblem::Unparsed);
        }
        if is_event(&t) {
            return Ok(Schedule {
                kind: ScheduleKind::Event,
                months: Vec::new(),
            });
        }
        if is_throughout(&t) {
            return Ok(Schedule::throughout());
        }
        let mut months = Vec::new();
        let mut any = false;
        for part in t.split([',', ';']).flat_map(|p| p.split(" и ")) {
            if let Some(range) = part_months(part, year) {
                any = true;
                months.extend(range.into_iter().filter(|m| year.contains(*m)));
            }
        }
        if !any {
            return Err(PeriodProblem::Unparsed);
        }
        months.sort_unstable_by_key(|m| year.months().iter().position(|x| x == m));
        months.dedup();
        if months.is_empty() {
            return Err(PeriodProblem::OutsideYear);
        }
        Ok(Schedule::months(months))
    }
}

/// Lower case, one kind of dash, single spaces, no trailing period.
fn normalize(text: &str) -> String {
    let lower: String = text
        .chars()
        .map(|c| match c {
            '–' | '—' | '‑' | '‒' | '−' => '-',
            'ё' | 'Ё' => 'е',
            c => c.to_lowercase().next().unwrap_or(c),
        })
        .collect();
    let spaced = lower.replace('-', " - ");
    spaced
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .trim_end_matches('.')
        .trim()
        .to_string()
}

fn is_event(t: &str) -> bool {
    const STARTS: [&str; 14] = [
        "по плану",
        "при ",
        "по итогам",
        "по мере",
        "по графику",
        "по запросу",
        "по необходимости",
        "в конце учебного года",
        "по окончании",
        "после ",
        "перед ",
        "в период",
        "в соответствии",
        "согласно",
    ];
    STARTS.iter().any(|s| t.starts_with(s)) || t.contains("по мере необходимости")
}

fn is_throughout(t: &str) -> bool {
    const ANY: [&str; 9] = [
        "в течение года",
        "в течение учебного года",
        "в течение всего",
        "по четвертям",
        "ежемесячно",
        "еженедельно",
        "ежедневно",
        "постоянно",
        "систематически",
    ];
    ANY.iter().any(|s| t.contains(s)) || t == "весь год" || t == "в течение"
}

/// The month a word names (`январь`, `января`, `январе`, `янв`), 1..=12.
fn month_of(word: &str) -> Option<u8> {
    const STEMS: [(&str, u8); 12] = [
        ("янв", 1),
        ("фев", 2),
        ("мар", 3),
        ("апр", 4),
        ("ма", 5),
        ("июн", 6),
        ("июл", 7),
        ("авг", 8),
        ("сен", 9),
        ("окт", 10),
        ("ноя", 11),
        ("дек", 12),
    ];
    let w = word.trim_matches(|c: char| !c.is_alphanumeric());
    if w == "май" || w == "мая" || w == "мае" {
        return Some(5);
    }
    if w.starts_with("ма") && !w.starts_with("мар") {
        return None;
    }
    STEMS
        .iter()
        .find(|(stem, _)| w.starts_with(stem) && w.chars().count() <= 9)
        .map(|(_, m)| *m)
}

/// A four-digit year, or a two-digit one after `г`.
fn year_of(word: &str) -> Option<i32> {
    let w = word.trim_end_matches(['г', '.']).trim();
    (w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit()))
        .then(|| w.parse().ok())
        .flatten()
        .filter(|y| (1900..=2200).contains(y))
}

/// `20.04.2024` or `20.04`: the month and, if written, the year.
fn date_of(word: &str) -> Option<(u8, Option<i32>)> {
    let parts: Vec<&str> = word.trim_end_matches('.').split('.').collect();
    let digits = |s: &str, n: std::ops::RangeInclusive<usize>| {
        n.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
    };
    match parts.as_slice() {
        [d, m] if digits(d, 1..=2) && digits(m, 2..=2) => {
            let m: u8 = m.parse().ok()?;
            (1..=12).contains(&m).then_some((m, None))
        }
        [d, m, y] if digits(d, 1..=2) && digits(m, 1..=2) && digits(y, 4..=4) => {
            let m: u8 = m.parse().ok()?;
            (1..=12).contains(&m).then_some((m, y.parse().ok()))
        }
        _ => None,
    }
}

/// A school term: `1 четверть`, `i четверть`, `2 полугодие`.
fn term_months(t: &str) -> Option<&'static [u8]> {
    let number = |w: &str| match w.trim_end_matches(['-', 'я', 'е', 'о', 'й']) {
        "1" | "i" | "перв" => Some(1),
        "2" | "ii" | "втор" => Some(2),
        "3" | "iii" | "трет" | "треть" => Some(3),
        "4" | "iv" | "четверт" => Some(4),
        _ => None,
    };
    let words: Vec<&str> = t.split_whitespace().collect();
    for pair in words.windows(2) {
        let [n, what] = pair else { continue };
        let Some(n) = number(n) else { continue };
        if what.starts_with("четверт") {
            return match n {
                1 => Some(&[9, 10]),
                2 => Some(&[11, 12]),
                3 => Some(&[1, 2, 3]),
                _ => Some(&[4, 5]),
            };
        }
        if what.starts_with("полугод") {
            return match n {
                1 => Some(&[9, 10, 11, 12]),
                _ => Some(&[1, 2, 3, 4, 5]),
            };
        }
    }
    None
}

/// One part of a list: a month, a range or a term, as months (not yet clipped to the year).
fn part_months(part: &str, year: AcademicYear) -> Option<Vec<YearMonth>> {
    if let Some(months) = term_months(part) {
        return Some(months.iter().filter_map(|m| year.month(*m)).collect());
    }
    // The points of the part: (month, year if written), and whether a dash joins them.
    let mut points: Vec<(u8, Option<i32>)> = Vec::new();
    let mut dash = false;
    for word in part.split_whitespace() {
        if word == "-" {
            dash = !points.is_empty();
        } else if let Some(m) = month_of(word) {
            points.push((m, None));
        } else if let Some(y) = year_of(word) {
            if let Some(last) = points.last_mut()
                && last.1.is_none()
            {
                last.1 = Some(y);
            }
        } else if let Some((m, y)) = date_of(word) {
            points.push((m, y));
        }
    }
    match points.as_slice() {
        [] => None,
        [one] => Some(vec![resolve(*one, year)?]),
        [from, to] if dash => range(*from, *to, year),
        many => Some(many.iter().filter_map(|p| resolve(*p, year)).collect()),
    }
}

fn resolve((month, y): (u8, Option<i32>), year: AcademicYear) -> Option<YearMonth> {
    match y {
        Some(y) => YearMonth::new(y, month),
        None => year.month(month),
    }
}

/// The months from one point to another: a missing year is taken from the other end, so
/// `сентябрь - декабрь 2021` starts in September 2021 and `январь 2020 - март` ends in 2020.
fn range(
    from: (u8, Option<i32>),
    to: (u8, Option<i32>),
    year: AcademicYear,
) -> Option<Vec<YearMonth>> {
    let (start, end) = match (from.1, to.1) {
        (Some(a), Some(b)) => (YearMonth::new(a, from.0)?, YearMonth::new(b, to.0)?),
        (None, Some(b)) => {
            let a = if from.0 <= to.0 { b } else { b - 1 };
            (YearMonth::new(a, from.0)?, YearMonth::new(b, to.0)?)
        }
        (Some(a), None) => {
            let b = if to.0 >= from.0 { a } else { a + 1 };
            (YearMonth::new(a, from.0)?, YearMonth::new(b, to.0)?)
        }
        (None, None) => {
            let start = year.month(from.0)?;
            let mut end = year.month(to.0)?;
            if end < start {
                end = end.plus(12)?;
            }
            (start, end)
        }
    };
    if end < start {
        return None;
    }
    // Clip to the year before walking, so `1900 - 2200` costs twelve steps.
    let months = year.months();
    let (Some(&first), Some(&last)) = (months.first(), months.last()) else {
        return None;
    };
    let mut out = Vec::new();
    let mut m = start.max(first);
    while m <= end.min(last) {
        out.push(m);
        m = m.plus(1)?;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn months(text: &str, year: &str) -> Result<Vec<String>, PeriodProblem> {
        let year: AcademicYear = year.parse().unwrap();
        Schedule::parse(text, year).map(|s| match s.kind {
            ScheduleKind::Months => s.months.iter().map(ToString::to_string).collect(),
            ScheduleKind::Throughout => vec!["throughout".into()],
            ScheduleKind::Event => vec!["event".into()],
        })
    }

    /// Real phrasings from the seeds and from school plans, with the months a person reads.
    #[test]
    fn phrasings_schools_write() {
        let y = "2023/24";
        let cases: &[(&str, &str, &[&str])] = &[
            ("январь", y, &["2024-01"]),
            ("ЯНВАРЬ", y, &["2024-01"]),
            ("Сентябрь", y, &["2023-09"]),
            ("август", y, &["2023-08"]),
            ("в январе", y, &["2024-01"]),
            ("до 20 апреля", y, &["2024-04"]),
            ("к 25 мая", y, &["2024-05"]),
            ("май", y, &["2024-05"]),
            ("Январь 2024", y, &["2024-01"]),
            ("январь – март", y, &["2024-01", "2024-02", "2024-03"]),
            ("январь-март", y, &["2024-01", "2024-02", "2024-03"]),
            ("Январь — Март", y, &["2024-01", "2024-02", "2024-03"]),
            (
                "сентябрь - декабрь 2023",
                y,
                &["2023-09", "2023-10", "2023-11", "2023-12"],
            ),
            ("ноябрь-январь", y, &["2023-11", "2023-12", "2024-01"]),
            ("апрель - май", y, &["2024-04", "2024-05"]),
            (
                "сентябрь, январь, май",
                y,
                &["2023-09", "2024-01", "2024-05"],
            ),
            ("декабрь, май", y, &["2023-12", "2024-05"]),
            ("октябрь и март", y, &["2023-10", "2024-03"]),
            ("20.04.2024", y, &["2024-04"]),
            ("до 15.09", y, &["2023-09"]),
            ("I четверть", y, &["2023-09", "2023-10"]),
            ("2 четверть", y, &["2023-11", "2023-12"]),
            ("III четверть", y, &["2024-01", "2024-02", "2024-03"]),
            (
                "2 полугодие",
                y,
                &["2024-01", "2024-02", "2024-03", "2024-04", "2024-05"],
            ),
            ("в течение года", y, &["throughout"]),
            ("В течение учебного года", y, &["throughout"]),
            ("В течение года по четвертям", y, &["throughout"]),
            ("ежемесячно", y, &["throughout"]),
            ("Постоянно", y, &["throughout"]),
            ("По плану проведения педсоветов", y, &["event"]),
            ("При проведении оценочных процедур", y, &["event"]),
            ("По итогам года", y, &["event"]),
            ("По итогам четверти", y, &["event"]),
            ("по мере необходимости", y, &["event"]),
            (
                "В конце учебного года при составлении плана на следующий учебный год",
                y,
                &["event"],
            ),
            ("январь 2020", "2019/20", &["2020-01"]),
            (
                "Январь – март 2020",
                "2019/20",
                &["2020-01", "2020-02", "2020-03"],
            ),
            (
                "сентябрь - декабрь 2021",
                "2021/22",
                &["2021-09", "2021-10", "2021-11", "2021-12"],
            ),
        ];
        for (text, year, want) in cases {
            assert_eq!(
                months(text, year),
                Ok(want.iter().map(ToString::to_string).collect()),
                "{text}"
            );
        }
        assert!(cases.len() >= 30);
    }

    #[test]
    fn long_ranges_are_clipped_to_the_year() {
        let all: Vec<String> = "2023/24"
            .parse::<AcademicYear>()
            .unwrap()
            .months()
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(months("май 2020 – май 2025", "2023/24"), Ok(all));
        assert_eq!(
            months("май 2020 – октябрь 2023", "2023/24"),
            Ok(vec!["2023-08".into(), "2023-09".into(), "2023-10".into()])
        );
    }

    #[test]
    fn what_cannot_be_read_says_so() {
        assert_eq!(
            months("январь 2020", "2023/24"),
            Err(PeriodProblem::OutsideYear)
        );
        assert_eq!(
            months("сентябрь - декабрь 2021", "2023/24"),
            Err(PeriodProblem::OutsideYear)
        );
        for text in ["", "когда-нибудь", "???", "2024", "массово"] {
            assert_eq!(
                months(text, "2023/24"),
                Err(PeriodProblem::Unparsed),
                "{text}"
            );
        }
    }
}
