//! Any bytes as a Russian plan period, for an academic year taken from the first two bytes:
//! read or refused with a `PeriodProblem`, never a panic. A schedule read has its months inside
//! the year, in order, each once; written back with `Schedule::to_russian`, it reads to the
//! same schedule.
#![no_main]

use libfuzzer_sys::fuzz_target;
use vsoko::plan::{AcademicYear, Schedule, ScheduleKind};

fuzz_target!(|data: &[u8]| {
    let (start, text) = match data {
        [a, b, rest @ ..] => (1990 + i32::from(u16::from_le_bytes([*a, *b]) % 200), rest),
        _ => (2023, data),
    };
    let year = AcademicYear::new(start).expect("1990..2190 is a year");
    let text = String::from_utf8_lossy(text);
    let Ok(schedule) = Schedule::parse(&text, year) else {
        return;
    };
    if schedule.kind == ScheduleKind::Months {
        assert!(!schedule.months.is_empty(), "{text:?}");
        assert!(schedule.months.iter().all(|m| year.contains(*m)), "{text:?}");
        assert!(schedule.months.windows(2).all(|w| w[0] < w[1]), "{text:?}");
    } else {
        assert!(schedule.months.is_empty(), "{text:?}");
    }
    let back = schedule.to_russian(year);
    assert_eq!(
        Schedule::parse(&back, year).as_ref(),
        Ok(&schedule),
        "{text:?} -> {back:?}"
    );
});
