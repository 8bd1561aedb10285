//! The school calendar: an academic year (`2023/24`, September to August) and its months.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// A calendar month such as `2024-01`.
///
/// ```
/// use vsoko::plan::YearMonth;
/// let m: YearMonth = "2024-01".parse().unwrap();
/// assert_eq!((m.year(), m.month()), (2024, 1));
/// assert_eq!(m.to_string(), "2024-01");
/// assert!("2024-13".parse::<YearMonth>().is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct YearMonth {
    year: i32,
    month: u8,
}

impl YearMonth {
    /// A month, if `month` is 1..=12 and the year 1..=9999.
    pub fn new(year: i32, month: u8) -> Option<YearMonth> {
        ((1..=12).contains(&month) && (1..=9999).contains(&year))
            .then_some(YearMonth { year, month })
    }

    /// The year.
    pub fn year(self) -> i32 {
        self.year
    }

    /// The month, 1..=12.
    pub fn month(self) -> u8 {
        self.month
    }

    /// The month `n` months later (or earlier, for negative `n`).
    pub fn plus(self, n: i32) -> Option<YearMonth> {
        let index = self.year.checked_mul(12)? + i32::from(self.month) - 1 + n;
        let month = u8::try_from(index.rem_euclid(12) + 1).ok()?;
        YearMonth::new(index.div_euclid(12), month)
    }

    /// The Russian name of the month in the nominative (`январь`).
    pub fn name_ru(self) -> &'static str {
        MONTHS_RU
            .get(usize::from(self.month) - 1)
            .copied()
            .unwrap_or("")
    }
}

/// Russian month names, nominative, January first.
pub const MONTHS_RU: [&str; 12] = [
    "январь",
    "февраль",
    "март",
    "апрель",
    "май",
    "июнь",
    "июль",
    "август",
    "сентябрь",
    "октябрь",
    "ноябрь",
    "декабрь",
];

impl fmt::Display for YearMonth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

impl std::str::FromStr for YearMonth {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || format!("\"{s}\" is not a month in the form YYYY-MM");
        let (y, m) = s.split_once('-').ok_or_else(bad)?;
        if y.len() != 4 || m.len() != 2 {
            return Err(bad());
        }
        let year = y.parse().map_err(|_| bad())?;
        let month = m.parse().map_err(|_| bad())?;
        YearMonth::new(year, month).ok_or_else(bad)
    }
}

impl Serialize for YearMonth {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for YearMonth {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

/// An academic year written `2023/24`. Lessons run September–May; a ВСОКО plan runs from the
/// August before (the planning month: «Циклограмма ВСОКО на 2023/24 учебный год» starts in August) to
/// the June after, so the plan's twelve months are August of `start` to July of `start + 1`.
///
/// ```
/// use vsoko::plan::AcademicYear;
/// let y: AcademicYear = "2023/24".parse().unwrap();
/// assert_eq!(y.start(), 2023);
/// assert_eq!(y.months().first().unwrap().to_string(), "2023-08");
/// assert_eq!(y.months().last().unwrap().to_string(), "2024-07");
/// assert_eq!("2023/2024".parse::<AcademicYear>().unwrap(), y);
/// assert!("2023/25".parse::<AcademicYear>().is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct AcademicYear {
    start: i32,
}

impl AcademicYear {
    /// The year starting in September of `start` (a four-digit year, so that its text
    /// `2023/24` reads back).
    pub fn new(start: i32) -> Option<AcademicYear> {
        (1000..=9998)
            .contains(&start)
            .then_some(AcademicYear { start })
    }

    /// The calendar year of its September.
    pub fn start(self) -> i32 {
        self.start
    }

    /// The twelve months of the plan, August first.
    pub fn months(self) -> Vec<YearMonth> {
        (0..12)
            .filter_map(|i| YearMonth::new(self.start, 8).and_then(|m| m.plus(i)))
            .collect()
    }

    /// The month with this number (1..=12) inside the year: August–December of the start
    /// year, January–July of the next.
    pub fn month(self, month: u8) -> Option<YearMonth> {
        let year = if month >= 8 {
            self.start
        } else {
            self.start + 1
        };
        YearMonth::new(year, month)
    }

    /// Whether a month falls inside the year.
    pub fn contains(self, m: YearMonth) -> bool {
        (m.year == self.start && m.month >= 8) || (m.year == self.start + 1 && m.month <= 7)
    }

    /// The academic year a date's month belongs to.
    pub fn of(m: YearMonth) -> Option<AcademicYear> {
        AcademicYear::new(if m.month() >= 8 {
            m.year()
        } else {
            m.year() - 1
        })
    }
}

impl fmt::Display for AcademicYear {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{:02}", self.start, (self.start + 1) % 100)
    }
}

impl std::str::FromStr for AcademicYear {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || format!("\"{s}\" is not an academic year such as 2023/24");
        let compact: String = s.chars().filter(|c| !c.is_whitespace()).collect();
        let (a, b) = compact.split_once(['/', '-', '–']).ok_or_else(bad)?;
        let start: i32 = a.parse().map_err(|_| bad())?;
        let end: i32 = b.parse().map_err(|_| bad())?;
        let next = start + 1;
        let ok = match b.len() {
            2 => end == next % 100,
            4 => end == next,
            _ => false,
        };
        if !ok || a.len() != 4 {
            return Err(bad());
        }
        AcademicYear::new(start).ok_or_else(bad)
    }
}

impl Serialize for AcademicYear {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for AcademicYear {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_year_reads_back_from_its_text() {
        // Found by the plan_table fuzz target: a year 823 printed as `823/24` did not read back.
        assert!(AcademicYear::new(823).is_none());
        for start in [1000, 2023, 2099, 9998] {
            let y = AcademicYear::new(start).unwrap();
            assert_eq!(y.to_string().parse::<AcademicYear>(), Ok(y));
        }
    }
}
