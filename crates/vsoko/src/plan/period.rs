//! Russian periods as schools write them (`январь – март 2020`, `с сентября по май`, `в течение
//! года`, `По итогам года`) read into months of the academic year.
//!
//! | written | kind | months |
//! |---|---|---|
//! | a month, with or without a year: `январь`, `Январь 2020`, `в январе`, `до 20 апреля`, `20.04.2024`, `янв.`, `сент.` | `months` | that month |
//! | a range: `январь – март`, `сентябрь-декабрь 2021`, `май 2020 – май 2025`, `с сентября по май`, `с 01.09 по 31.12`, `01.09–31.12` | `months` | every month of the range inside the year |
//! | a list: `сентябрь, январь, май`, `октябрь и март` | `months` | each |
//! | a school term, with or without a year: `I четверть`, `2 полугодие`, `3 четверть 2024` | `months` | the term's months |
//! | `в течение года`, `ежемесячно`, `по четвертям`, `постоянно` | `throughout` | — |
//! | `По плану проведения педсоветов`, `При проведении оценочных процедур`, `По итогам года`, `по мере необходимости`, `по событию` | `event` | — |
//!
//! A month is a whole word in any case (`май`, `мая`, `мае`, `маем`, `маю`) or one of the usual
//! abbreviations (`янв`, `февр`, `сент`, `нояб`, …); `декада`, `апробация`, `сенсорный` and
//! `марафон` name no month. A month without a year belongs to the plan's year (August–December of
//! its first calendar year, January–July of the second: see [`AcademicYear`]); a term with a
//! calendar year (`3 четверть 2024`) is that year's term. A range is clipped to the year.
//!
//! What cannot be read is a [`PeriodProblem`], never a guess: text with no period in it is
//! [`PeriodProblem::Unparsed`]; a period wholly outside the year (`январь 2020` in a 2023/24
//! plan, `январь 0000`, `3 четверть 2030`) is [`PeriodProblem::OutsideYear`]; a list with one
//! part outside the year (`сентябрь 2023, январь 2030`) is [`PeriodProblem::PartlyOutsideYear`];
//! a day that the month does not have (`31.02.2024`, `31 апреля`, `15.13`) is
//! [`PeriodProblem::InvalidDate`].
//!
//! [`Schedule::to_russian`] writes months back as such a phrase (`сентябрь – декабрь, май`), and
//! the phrase reads back to the same months (a property test checks it).

use crate::calendar::{AcademicYear, MONTHS_RU, YearMonth};
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
/// use vsoko::plan::{AcademicYear, PeriodProblem, Schedule, ScheduleKind};
/// let year: AcademicYear = "2023/24".parse().unwrap();
/// let s = Schedule::parse("Январь – март", year).unwrap();
/// assert_eq!(s.kind, ScheduleKind::Months);
/// assert_eq!(s.months.iter().map(|m| m.to_string()).collect::<Vec<_>>(), ["2024-01", "2024-02", "2024-03"]);
/// assert_eq!(Schedule::parse("с сентября по май", year).unwrap().months.len(), 9);
/// assert_eq!(Schedule::parse("в течение года", year).unwrap().kind, ScheduleKind::Throughout);
/// assert_eq!(Schedule::parse("когда-нибудь", year), Err(PeriodProblem::Unparsed));
/// assert_eq!(Schedule::parse("31.02.2024", year), Err(PeriodProblem::InvalidDate));
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
    /// The months named lie outside the academic year (all of them).
    OutsideYear,
    /// A date names a day its month does not have (`31.02.2024`, `31 апреля`) or a month that
    /// does not exist (`15.13`).
    InvalidDate,
    /// Some parts of a list lie inside the academic year and others wholly outside it
    /// (`сентябрь 2023, январь 2030` in a 2023/24 plan): keeping only the first would change
    /// the period silently.
    PartlyOutsideYear,
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
    /// [`PeriodProblem`] when no period is recognisable, a date is impossible, or months named
    /// lie outside the year.
    pub fn parse(text: &str, year: AcademicYear) -> Result<Schedule, PeriodProblem> {
        Schedule::parse_in(text, year, year)
    }

    /// Reads a period for a plan over several academic years, `first` to `last`: a month
    /// without a year belongs to `first`, and a range keeps every month of the span.
    ///
    /// ```
    /// use vsoko::plan::{AcademicYear, Schedule};
    /// let (first, last): (AcademicYear, AcademicYear) = ("2019/20".parse().unwrap(), "2024/25".parse().unwrap());
    /// let s = Schedule::parse_in("май 2020 – май 2025", first, last).unwrap();
    /// assert_eq!(s.months.len(), 61);
    /// assert_eq!(Schedule::parse_in("январь", first, last).unwrap().months[0].to_string(), "2020-01");
    /// ```
    ///
    /// # Errors
    /// As [`Schedule::parse`], judged against the whole span.
    pub fn parse_in(
        text: &str,
        first: AcademicYear,
        last: AcademicYear,
    ) -> Result<Schedule, PeriodProblem> {
        let year = first;
        let Some(span) = Span::of(first, last.max(first)) else {
            return Err(PeriodProblem::OutsideYear);
        };
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
        let mut outside = false;
        for part in t.split([',', ';']).flat_map(|p| p.split(" и ")) {
            for piece in part_months(part, year, span)? {
                any = true;
                let before = months.len();
                months.extend(piece.into_iter().filter(|m| span.contains(*m)));
                outside |= months.len() == before;
            }
        }
        if !any {
            return Err(PeriodProblem::Unparsed);
        }
        if months.is_empty() {
            return Err(PeriodProblem::OutsideYear);
        }
        if outside {
            return Err(PeriodProblem::PartlyOutsideYear);
        }
        // Months of the year sort in calendar order (August of the start year first).
        months.sort_unstable();
        months.dedup();
        Ok(Schedule::months(months))
    }

    /// The schedule written back as a Russian period that [`Schedule::parse`] reads to the same
    /// schedule: runs of months as `сентябрь – декабрь`, single months by name, parts joined by
    /// commas; a month outside `year` carries its calendar year (`январь 2030`).
    ///
    /// ```
    /// use vsoko::plan::{AcademicYear, Schedule};
    /// let year: AcademicYear = "2023/24".parse().unwrap();
    /// let s = Schedule::parse("с 01.09 по 31.12, май", year).unwrap();
    /// assert_eq!(s.to_russian(year), "сентябрь – декабрь, май");
    /// assert_eq!(Schedule::parse(&s.to_russian(year), year), Ok(s));
    /// ```
    pub fn to_russian(&self, year: AcademicYear) -> String {
        match self.kind {
            ScheduleKind::Throughout => return "в течение года".into(),
            ScheduleKind::Event => return "по событию".into(),
            ScheduleKind::Months => {}
        }
        let mut sorted = self.months.clone();
        sorted.sort_unstable();
        sorted.dedup();
        let name = |m: YearMonth| {
            if year.contains(m) {
                m.name_ru().to_string()
            } else {
                format!("{} {}", m.name_ru(), m.year())
            }
        };
        let mut parts: Vec<String> = Vec::new();
        let mut i = 0;
        while let Some(&first) = sorted.get(i) {
            let mut last = first;
            let mut j = i + 1;
            while let Some(&next) = sorted.get(j) {
                if last.plus(1) != Some(next) || year.contains(next) != year.contains(first) {
                    break;
                }
                last = next;
                j += 1;
            }
            parts.push(if last == first {
                name(first)
            } else {
                format!("{} – {}", name(first), name(last))
            });
            i = j;
        }
        parts.join(", ")
    }
}

/// Lower case, one kind of dash, single spaces, no trailing period.
fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = true;
    for c in text.chars() {
        let c = match c {
            '–' | '—' | '‑' | '‒' | '−' => '-',
            'ё' | 'Ё' => 'е',
            c => c.to_lowercase().next().unwrap_or(c),
        };
        if c == '-' {
            if !space {
                out.push(' ');
            }
            out.push_str("- ");
            space = true;
        } else if c.is_whitespace() {
            if !space {
                out.push(' ');
            }
            space = true;
        } else {
            out.push(c);
            space = false;
        }
    }
    out.trim_end().trim_end_matches('.').trim().to_string()
}

fn is_event(t: &str) -> bool {
    const STARTS: [&str; 15] = [
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
        "по событию",
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

/// The usual abbreviations of month names (written with or without a period).
const ABBREVIATIONS: [(&str, u8); 14] = [
    ("янв", 1),
    ("фев", 2),
    ("февр", 2),
    ("мар", 3),
    ("апр", 4),
    ("июн", 6),
    ("июл", 7),
    ("авг", 8),
    ("сен", 9),
    ("сент", 9),
    ("окт", 10),
    ("ноя", 11),
    ("нояб", 11),
    ("дек", 12),
];

/// The month a whole word names (`январь`, `января`, `январе`, `январем`, `январю`, `янв`), 1..=12.
fn month_of(word: &str) -> Option<u8> {
    let w = word.trim_matches(|c: char| !c.is_alphanumeric());
    if let Some((_, m)) = ABBREVIATIONS.iter().find(|(a, _)| *a == w) {
        return Some(*m);
    }
    if let Some(m) = [("май", 5), ("мая", 5), ("мае", 5), ("маем", 5), ("маю", 5)]
        .iter()
        .find(|(f, _)| *f == w)
    {
        return Some(m.1);
    }
    (1u8..=12).find(|&m| {
        let Some(nominative) = MONTHS_RU.get(usize::from(m) - 1) else {
            return false;
        };
        if m == 5 {
            return false;
        }
        if let Some(stem) = nominative.strip_suffix('ь') {
            // январь: января, январе, январем, январю
            w.strip_prefix(stem)
                .is_some_and(|end| matches!(end, "ь" | "я" | "е" | "ем" | "ю"))
        } else {
            // март, август: марта, марте, мартом, марту
            w.strip_prefix(nominative)
                .is_some_and(|end| matches!(end, "" | "а" | "е" | "ом" | "у"))
        }
    })
}

/// A four-digit year (`2024`, `2024г`, `0000`: any year written, judged later).
fn year_of(word: &str) -> Option<i32> {
    let w = word.trim_end_matches(['г', '.']).trim();
    (w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit()))
        .then(|| w.parse().ok())
        .flatten()
}

/// A day number written before a month (`20` in `до 20 апреля`).
fn day_of(word: &str) -> Option<u8> {
    if (1..=2).contains(&word.len()) && word.bytes().all(|b| b.is_ascii_digit()) {
        word.parse().ok()
    } else {
        None
    }
}

/// What a word written like a date (`20.04.2024`, `20.04`) holds: `None` when it is not
/// written like one, `Some(Err(InvalidDate))` for a day or month that does not exist.
fn date_of(word: &str) -> Option<Result<Point, PeriodProblem>> {
    let mut parts = word.trim_end_matches(['.', 'г']).split('.');
    let (d, m, y) = (parts.next()?, parts.next()?, parts.next());
    if parts.next().is_some() {
        return None;
    }
    let digits = |s: &str, n: std::ops::RangeInclusive<usize>| {
        n.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
    };
    let shaped = match y {
        None => digits(d, 1..=2) && digits(m, 2..=2),
        Some(y) => digits(d, 1..=2) && digits(m, 1..=2) && digits(y, 4..=4),
    };
    if !shaped {
        return None;
    }
    let month: u8 = m.parse().ok()?;
    let day: u8 = d.parse().ok()?;
    let year = y.and_then(|y| y.parse().ok());
    if !(1..=12).contains(&month) {
        return Some(Err(PeriodProblem::InvalidDate));
    }
    Some(Ok(Point {
        month,
        year,
        day: Some(day),
    }))
}

/// The days of a month (February of a leap year has 29).
fn days_in(year: i32, month: u8) -> u8 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// A point of a period: a month, the year if written, the day if written.
#[derive(Debug, Clone, Copy)]
struct Point {
    month: u8,
    year: Option<i32>,
    day: Option<u8>,
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
    // `1-я четверть` reads `1 - я четверть` after normalising: the ending goes with the number.
    let mut words: Vec<&str> = Vec::new();
    let mut after_dash = false;
    for w in t.split_whitespace() {
        let ending = matches!(w, "я" | "е" | "й" | "ая" | "ое" | "ей" | "го" | "ого");
        if w != "-" && !(after_dash && ending) {
            words.push(w);
        }
        after_dash = w == "-";
    }
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

/// The months of a term in the year the part names: an academic year (`2023/24`, `2023 - 2024`)
/// or the calendar year of the term's months (`3 четверть 2024`); the plan's year when none.
fn term_in_year(part: &str, months: &[u8], year: AcademicYear) -> Vec<YearMonth> {
    let words: Vec<&str> = part.split_whitespace().collect();
    let academic = words.iter().find_map(|w| w.parse::<AcademicYear>().ok());
    let years: Vec<i32> = words.iter().filter_map(|w| year_of(w)).collect();
    let academic = academic.or_else(|| match years.as_slice() {
        [a, b] if *b == a + 1 => AcademicYear::new(*a),
        _ => None,
    });
    match (academic, years.as_slice()) {
        (Some(a), _) => months.iter().filter_map(|m| a.month(*m)).collect(),
        (None, [y, ..]) => months
            .iter()
            .filter_map(|m| YearMonth::new(*y, *m))
            .collect(),
        (None, []) => months.iter().filter_map(|m| year.month(*m)).collect(),
    }
}

/// One part of a list as its pieces: each month, range or term it names, as months (not yet
/// clipped to the year). A piece named outside any calendar year (`январь 0000`) has no months;
/// a part naming no period has no pieces. Points joined by a dash or `по` make a range, the
/// others stand alone (`сентябрь – ноябрь май` is September to November, and May).
fn part_months(
    part: &str,
    year: AcademicYear,
    span: Span,
) -> Result<Vec<Vec<YearMonth>>, PeriodProblem> {
    if let Some(months) = term_months(part) {
        return Ok(vec![term_in_year(part, months, year)]);
    }
    // The points of the part, each with whether a dash (or `с … по …`) joins it to the one before.
    let mut points: Vec<(Point, bool)> = Vec::new();
    let mut dash = false;
    let mut day = None;
    for word in part.split_whitespace() {
        if word == "-" || word == "по" {
            dash = !points.is_empty();
            day = None;
        } else if let Some(m) = month_of(word) {
            let p = Point {
                month: m,
                year: None,
                day: day.take(),
            };
            points.push((p, std::mem::take(&mut dash)));
        } else if let Some(y) = year_of(word) {
            if let Some((last, _)) = points.last_mut()
                && last.year.is_none()
            {
                last.year = Some(y);
            }
        } else if let Some(date) = date_of(word) {
            points.push((date?, std::mem::take(&mut dash)));
        } else {
            day = day_of(word);
        }
    }
    for (p, _) in &points {
        let y = p.year.unwrap_or_else(|| resolve_year(p.month, year));
        if p.day.is_some_and(|d| d == 0 || d > days_in(y, p.month)) {
            return Err(PeriodProblem::InvalidDate);
        }
    }
    // Runs of joined points: the first and, for a range, the last.
    let mut runs: Vec<(Point, Option<Point>)> = Vec::new();
    for &(p, joined) in &points {
        match runs.last_mut() {
            Some((_, last)) if joined => *last = Some(p),
            _ => runs.push((p, None)),
        }
    }
    let mut pieces = Vec::with_capacity(runs.len());
    for (from, to) in runs {
        pieces.push(match to {
            None => resolve(from, year).into_iter().collect(),
            // A range that ends before it starts is not a period anyone can read.
            Some(to) => range(from, to, year, span).ok_or(PeriodProblem::Unparsed)?,
        });
    }
    Ok(pieces)
}

/// The months a plan covers: from August of its first academic year to July of its last.
#[derive(Debug, Clone, Copy)]
struct Span {
    first: YearMonth,
    last: YearMonth,
}

impl Span {
    fn of(first: AcademicYear, last: AcademicYear) -> Option<Span> {
        Some(Span {
            first: *first.months().first()?,
            last: *last.months().last()?,
        })
    }

    fn contains(self, m: YearMonth) -> bool {
        self.first <= m && m <= self.last
    }
}

/// The calendar year a month without one has in the plan's year.
fn resolve_year(month: u8, year: AcademicYear) -> i32 {
    if month >= 8 {
        year.start()
    } else {
        year.start() + 1
    }
}

fn resolve(p: Point, year: AcademicYear) -> Option<YearMonth> {
    match p.year {
        Some(y) => YearMonth::new(y, p.month),
        None => year.month(p.month),
    }
}

/// The months from one point to another: a missing year is taken from the other end, so
/// `сентябрь - декабрь 2021` starts in September 2021 and `январь 2020 - март` ends in 2020.
/// `None` for a range that ends before it starts; no months for one in no calendar year.
fn range(from: Point, to: Point, year: AcademicYear, span: Span) -> Option<Vec<YearMonth>> {
    let ends = || -> Option<(YearMonth, YearMonth)> {
        Some(match (from.year, to.year) {
            (Some(a), Some(b)) => (YearMonth::new(a, from.month)?, YearMonth::new(b, to.month)?),
            (None, Some(b)) => {
                let a = if from.month <= to.month { b } else { b - 1 };
                (YearMonth::new(a, from.month)?, YearMonth::new(b, to.month)?)
            }
            (Some(a), None) => {
                let b = if to.month >= from.month { a } else { a + 1 };
                (YearMonth::new(a, from.month)?, YearMonth::new(b, to.month)?)
            }
            (None, None) => {
                let start = year.month(from.month)?;
                let mut end = year.month(to.month)?;
                if end < start {
                    end = end.plus(12)?;
                }
                (start, end)
            }
        })
    };
    let Some((start, end)) = ends() else {
        return Some(Vec::new());
    };
    if end < start {
        return None;
    }
    // Clip to the span before walking, so `1900 - 2200` costs twelve steps a year.
    let mut out = Vec::new();
    let mut m = start.max(span.first);
    while m <= end.min(span.last) {
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

    /// Real phrasings from the plans the project is built from and from school plans, with the months a person reads.
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

    /// Every piece of a part counts: a range among single months, a month outside the year,
    /// a range that runs backwards.
    #[test]
    fn nothing_in_a_part_is_dropped() {
        let y = "2023/24";
        assert_eq!(
            months("сентябрь – ноябрь май", y),
            Ok(["2023-09", "2023-10", "2023-11", "2024-05"]
                .map(String::from)
                .to_vec())
        );
        assert_eq!(
            months("январь 2024 февраль 2030", y),
            Err(PeriodProblem::PartlyOutsideYear)
        );
        assert_eq!(
            months("май 2025 – январь 2020", y),
            Err(PeriodProblem::Unparsed)
        );
        assert_eq!(
            months("сентябрь, май 2025 – январь 2020", y),
            Err(PeriodProblem::Unparsed)
        );
    }

    /// Issue: «с … по …» in words and in dates is a range, not its two ends.
    #[test]
    fn ranges_in_words_and_dates() {
        let y = "2023/24";
        let nine: Vec<String> = (0..9)
            .map(|i| {
                YearMonth::new(2023, 9)
                    .unwrap()
                    .plus(i)
                    .unwrap()
                    .to_string()
            })
            .collect();
        assert_eq!(months("с сентября по май", y), Ok(nine.clone()));
        assert_eq!(months("Со сентября по май", y), Ok(nine));
        let four = ["2023-09", "2023-10", "2023-11", "2023-12"].map(String::from);
        assert_eq!(months("с 01.09 по 31.12", y), Ok(four.to_vec()));
        assert_eq!(months("01.09–31.12", y), Ok(four.to_vec()));
        assert_eq!(months("01.09.2023 - 31.12.2023", y), Ok(four.to_vec()));
        assert_eq!(
            months("с 01.09.2023г. по 31.12.2023 г.", y),
            Ok(four.to_vec())
        );
        assert_eq!(
            months("с 20 января по 10 февраля", y),
            Ok(vec!["2024-01".into(), "2024-02".into()])
        );
        assert_eq!(months("с 1 по 15 сентября", y), Ok(vec!["2023-09".into()]));
        assert_eq!(
            months("1-я четверть", y),
            Ok(vec!["2023-09".into(), "2023-10".into()])
        );
        assert_eq!(months("сент. – дек.", y), Ok(four.to_vec()));
    }

    /// Issue: words that merely start like a month name no month.
    #[test]
    fn a_month_is_a_whole_word_or_an_abbreviation() {
        let y = "2023/24";
        for text in [
            "декада",
            "апробация",
            "сенсорный",
            "марафон",
            "октябрята",
            "маршрут",
            "июльский",
            "майский",
        ] {
            assert_eq!(months(text, y), Err(PeriodProblem::Unparsed), "{text}");
        }
        assert_eq!(months("первая декада мая", y), Ok(vec!["2024-05".into()]));
        assert_eq!(months("апробация в апреле", y), Ok(vec!["2024-04".into()]));
        for (text, want) in [
            ("янв", "2024-01"),
            ("февр.", "2024-02"),
            ("мар", "2024-03"),
            ("апр.", "2024-04"),
            ("июн", "2024-06"),
            ("июл", "2024-07"),
            ("авг", "2023-08"),
            ("сен", "2023-09"),
            ("окт.", "2023-10"),
            ("нояб.", "2023-11"),
            ("дек", "2023-12"),
            ("январем", "2024-01"),
            ("к марту", "2024-03"),
            ("маю", "2024-05"),
            ("в августе", "2023-08"),
        ] {
            assert_eq!(months(text, y), Ok(vec![want.into()]), "{text}");
        }
    }

    /// Issue: an impossible date is a finding, not a month.
    #[test]
    fn impossible_dates_are_problems() {
        let y = "2023/24";
        for text in [
            "31.02.2024",
            "30.02",
            "29.02.2023",
            "31.04",
            "32.01",
            "00.05",
            "15.13",
            "31 апреля",
            "с 01.09 по 31.11",
        ] {
            assert_eq!(months(text, y), Err(PeriodProblem::InvalidDate), "{text}");
        }
        // 2024 is a leap year; February without a year is the plan's (2024).
        assert_eq!(months("29.02.2024", y), Ok(vec!["2024-02".into()]));
        assert_eq!(months("до 29.02", y), Ok(vec!["2024-02".into()]));
        assert_eq!(
            months("до 29.02", "2022/23"),
            Err(PeriodProblem::InvalidDate)
        );
    }

    /// Issue: a year the plan does not hold is a finding, not the plan's month.
    #[test]
    fn years_outside_the_plan_are_problems() {
        let y = "2023/24";
        for text in [
            "январь 0000",
            "3 четверть 2030",
            "I четверть 2024",
            "2 полугодие 2023",
            "3 четверть 2024/25",
            "январь 2030",
        ] {
            assert_eq!(months(text, y), Err(PeriodProblem::OutsideYear), "{text}");
        }
        assert_eq!(
            months("3 четверть 2024", y),
            Ok(vec!["2024-01".into(), "2024-02".into(), "2024-03".into()])
        );
        assert_eq!(
            months("1 полугодие 2023/24", y),
            Ok(["2023-09", "2023-10", "2023-11", "2023-12"]
                .map(String::from)
                .to_vec())
        );
        assert_eq!(
            months("II четверть 2023-2024 учебного года", y),
            Ok(vec!["2023-11".into(), "2023-12".into()])
        );
        assert_eq!(
            months("сентябрь 2023, январь 2030", y),
            Err(PeriodProblem::PartlyOutsideYear)
        );
        assert_eq!(
            months("сентябрь, январь 0000", y),
            Err(PeriodProblem::PartlyOutsideYear)
        );
    }

    #[test]
    fn months_write_back_as_russian() {
        let year: AcademicYear = "2023/24".parse().unwrap();
        let s = Schedule::parse("сентябрь, октябрь, ноябрь, январь, июль", year).unwrap();
        assert_eq!(s.to_russian(year), "сентябрь – ноябрь, январь, июль");
        let s = Schedule::parse("август - июль", year).unwrap();
        assert_eq!(s.months.len(), 12);
        assert_eq!(s.to_russian(year), "август – июль");
        let out = Schedule::months(vec![YearMonth::new(2030, 1).unwrap()]);
        assert_eq!(out.to_russian(year), "январь 2030");
        assert_eq!(
            Schedule::parse(&out.to_russian(year), year),
            Err(PeriodProblem::OutsideYear)
        );
        assert_eq!(Schedule::throughout().to_russian(year), "в течение года");
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
