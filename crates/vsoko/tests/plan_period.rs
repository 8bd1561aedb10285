//! Properties of the plan's period parser: every way schools write a set of months reads to
//! those months, and every phrase the parser accepts, written back from its months, reads to the
//! same months.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use proptest::prelude::*;
use vsoko::plan::{AcademicYear, PeriodProblem, Schedule, ScheduleKind, YearMonth};

/// Nominative, genitive and abbreviation of each month, January first.
const NAMES: [(&str, &str, &str); 12] = [
    ("январь", "января", "янв."),
    ("февраль", "февраля", "февр."),
    ("март", "марта", "мар."),
    ("апрель", "апреля", "апр."),
    ("май", "мая", "май"),
    ("июнь", "июня", "июн."),
    ("июль", "июля", "июл."),
    ("август", "августа", "авг."),
    ("сентябрь", "сентября", "сент."),
    ("октябрь", "октября", "окт."),
    ("ноябрь", "ноября", "нояб."),
    ("декабрь", "декабря", "дек."),
];

fn names(m: YearMonth) -> (&'static str, &'static str, &'static str) {
    NAMES[usize::from(m.month()) - 1]
}

fn days_in(m: YearMonth) -> u8 {
    let y = m.year();
    match m.month() {
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// The runs of consecutive months of a sorted set.
fn runs(months: &[YearMonth]) -> Vec<(YearMonth, YearMonth)> {
    let mut out: Vec<(YearMonth, YearMonth)> = Vec::new();
    for &m in months {
        match out.last_mut() {
            Some((_, last)) if last.plus(1) == Some(m) => *last = m,
            _ => out.push((m, m)),
        }
    }
    out
}

/// The set written in one of the ways schools write periods.
fn write(months: &[YearMonth], form: u8, dash: &str, joiner: &str) -> String {
    let parts: Vec<String> = match form {
        // сентябрь – декабрь
        0 => runs(months)
            .iter()
            .map(|&(a, b)| {
                if a == b {
                    names(a).0.to_string()
                } else {
                    format!("{}{dash}{}", names(a).0, names(b).0)
                }
            })
            .collect(),
        // с сентября по май
        1 => runs(months)
            .iter()
            .map(|&(a, b)| format!("с {} по {}", names(a).1, names(b).0))
            .collect(),
        // 01.09–31.12
        2 => runs(months)
            .iter()
            .map(|&(a, b)| format!("01.{:02}{dash}{}.{:02}", a.month(), days_in(b), b.month()))
            .collect(),
        // с 01.09.2023 по 31.12.2023
        3 => runs(months)
            .iter()
            .map(|&(a, b)| {
                format!(
                    "с 01.{:02}.{} по {}.{:02}.{}",
                    a.month(),
                    a.year(),
                    days_in(b),
                    b.month(),
                    b.year()
                )
            })
            .collect(),
        // сентябрь, октябрь, май
        4 => months.iter().map(|&m| names(m).0.to_string()).collect(),
        // сент.–дек.
        5 => runs(months)
            .iter()
            .map(|&(a, b)| format!("{}{dash}{}", names(a).2, names(b).2))
            .collect(),
        // сентябрь 2023 – май 2024
        _ => runs(months)
            .iter()
            .map(|&(a, b)| {
                format!(
                    "{} {}{dash}{} {}",
                    names(a).0,
                    a.year(),
                    names(b).0,
                    b.year()
                )
            })
            .collect(),
    };
    parts.join(joiner)
}

fn year_and_months() -> impl Strategy<Value = (AcademicYear, Vec<YearMonth>)> {
    (2000i32..2100, prop::collection::vec(any::<bool>(), 12)).prop_filter_map(
        "at least one month",
        |(start, picks)| {
            let year = AcademicYear::new(start)?;
            let months: Vec<YearMonth> = year
                .months()
                .into_iter()
                .zip(picks)
                .filter_map(|(m, p)| p.then_some(m))
                .collect();
            (!months.is_empty()).then_some((year, months))
        },
    )
}

fn case(text: &str, how: u8) -> String {
    match how {
        0 => text.to_string(),
        1 => text.to_uppercase(),
        _ => {
            let mut c = text.chars();
            c.next()
                .map(|f| f.to_uppercase().chain(c).collect())
                .unwrap_or_default()
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    /// A set of months written in any of the usual ways reads to that set, and the parser's
    /// own phrase for it reads to it again.
    #[test]
    fn written_months_read_back(
        (year, months) in year_and_months(),
        form in 0u8..7,
        dash in prop::sample::select(vec![" – ", "-", " - ", "—", " — "]),
        joiner in prop::sample::select(vec![", ", "; ", " и ", ",", " , "]),
        how in 0u8..3,
    ) {
        let text = case(&write(&months, form, dash, joiner), how);
        let s = Schedule::parse(&text, year);
        prop_assert_eq!(s.as_ref().map(|s| (s.kind, s.months.clone())), Ok((ScheduleKind::Months, months.clone())), "{}", text);
        let s = s.unwrap();
        let back = s.to_russian(year);
        prop_assert_eq!(Schedule::parse(&back, year), Ok(s), "{} -> {}", text, back);
    }

    /// Any phrase made of the words periods are written with: whatever the parser accepts,
    /// written back from its months, reads to the same months; nothing panics.
    #[test]
    fn accepted_phrases_write_back_to_the_same_months(
        start in 1990i32..2100,
        words in prop::collection::vec(prop::sample::select(vec![
            "январь", "января", "мае", "май", "сентябрь", "сентября", "декабрь", "июль",
            "август", "сент.", "янв", "нояб.", "декада", "апробация", "сенсорный",
            "с", "со", "по", "до", "-", "–", ",", "и", ";", "в",
            "1", "15", "31", "01.09", "31.12", "29.02", "31.02.2024", "15.13", "20.04.2024",
            "2023", "2024", "2030", "0000", "2023/24", "I", "2", "3", "iv", "четверть",
            "полугодие", "в течение года", "по итогам", "ежемесячно", "1-я",
        ]), 0..8),
    ) {
        let year = AcademicYear::new(start).unwrap();
        let text = words.join(" ");
        match Schedule::parse(&text, year) {
            Ok(s) => {
                if s.kind == ScheduleKind::Months {
                    prop_assert!(!s.months.is_empty(), "{}", text);
                    prop_assert!(s.months.iter().all(|m| year.contains(*m)), "{}", text);
                    prop_assert!(s.months.windows(2).all(|w| w[0] < w[1]), "{}", text);
                }
                let back = s.to_russian(year);
                prop_assert_eq!(Schedule::parse(&back, year), Ok(s), "{} -> {}", text, back);
            }
            Err(p) => prop_assert!(matches!(
                p,
                PeriodProblem::Unparsed
                    | PeriodProblem::OutsideYear
                    | PeriodProblem::InvalidDate
                    | PeriodProblem::PartlyOutsideYear
            )),
        }
    }
}
