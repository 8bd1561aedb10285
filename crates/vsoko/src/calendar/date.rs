//! A calendar date (proleptic Gregorian), enough for deadlines: strict ISO parsing, leap
//! years, and day differences. No time zones: the order counts calendar days.

use crate::reason::DateReason;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// A calendar date such as `2024-04-20`.
///
/// ```
/// use vsoko::selfexam::Date;
/// let d: Date = "2024-02-29".parse().unwrap();
/// assert_eq!(d.to_string(), "2024-02-29");
/// assert!("2023-02-29".parse::<Date>().is_err());
/// assert_eq!(Date::new(2024, 4, 20).unwrap().days_since(Date::new(2024, 4, 1).unwrap()), 19);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: i32,
    month: u8,
    day: u8,
}

impl Date {
    /// A date, if it exists (years 1..=9999).
    pub fn new(year: i32, month: u8, day: u8) -> Option<Date> {
        let valid = (1..=9999).contains(&year)
            && (1..=12).contains(&month)
            && day >= 1
            && day <= days_in_month(year, month);
        valid.then_some(Date { year, month, day })
    }

    /// The year.
    pub fn year(self) -> i32 {
        self.year
    }

    /// The month, 1..=12.
    pub fn month(self) -> u8 {
        self.month
    }

    /// The day of the month.
    pub fn day(self) -> u8 {
        self.day
    }

    /// The same day `years` later (earlier when negative); 29 February becomes 28 February in
    /// a year without it.
    ///
    /// ```
    /// use vsoko::calendar::Date;
    /// assert_eq!(Date::new(2019, 3, 15).unwrap().plus_years(5), Date::new(2024, 3, 15));
    /// assert_eq!(Date::new(2024, 2, 29).unwrap().plus_years(1), Date::new(2025, 2, 28));
    /// ```
    pub fn plus_years(self, years: i32) -> Option<Date> {
        let year = self.year.checked_add(years)?;
        Date::new(year, self.month, self.day).or_else(|| Date::new(year, self.month, 28))
    }

    /// A date as Russian tables write it: `DD.MM.YYYY` (one-digit day and month too, a time
    /// of day after a space dropped, as form exports write a timestamp) or ISO `YYYY-MM-DD`.
    ///
    /// # Errors
    /// [`DateReason::Format`] for another form, [`DateReason::NotInCalendar`] for a day that
    /// does not exist.
    ///
    /// ```
    /// use vsoko::calendar::Date;
    /// assert_eq!(Date::read("15.03.2019"), Ok(Date::new(2019, 3, 15).unwrap()));
    /// assert_eq!(Date::read("1.9.2023 10:15:00"), Ok(Date::new(2023, 9, 1).unwrap()));
    /// assert_eq!(Date::read("2024-02-01"), Ok(Date::new(2024, 2, 1).unwrap()));
    /// assert!(Date::read("31.02.2024").is_err());
    /// assert!(Date::read("весна").is_err());
    /// ```
    pub fn read(text: &str) -> Result<Date, DateReason> {
        let text = text.trim();
        let day_part = text.split_whitespace().next().unwrap_or("");
        if day_part.contains('-') {
            return day_part.parse();
        }
        let parts: Vec<&str> = day_part.split('.').collect();
        let [d, m, y] = parts.as_slice() else {
            return Err(DateReason::Format);
        };
        let digits = |s: &str, max: usize| {
            !s.is_empty() && s.len() <= max && s.bytes().all(|c| c.is_ascii_digit())
        };
        if !(digits(d, 2) && digits(m, 2) && y.len() == 4 && digits(y, 4)) {
            return Err(DateReason::Format);
        }
        let (Ok(d), Ok(m), Ok(y)) = (d.parse::<u8>(), m.parse::<u8>(), y.parse::<i32>()) else {
            return Err(DateReason::Format);
        };
        Date::new(y, m, d).ok_or(DateReason::NotInCalendar)
    }

    /// The date `days` after 1970-01-01 (before it when negative), if it is in the years
    /// [`Date::new`] takes (Howard Hinnant's `civil_from_days`).
    ///
    /// ```
    /// use vsoko::calendar::Date;
    /// assert_eq!(Date::from_unix_days(0), Date::new(1970, 1, 1));
    /// assert_eq!(Date::from_unix_days(19_782), Date::new(2024, 2, 29));
    /// assert_eq!(Date::from_unix_days(-719_162), Date::new(1, 1, 1));
    /// assert_eq!(Date::from_unix_days(i64::MAX), None);
    /// ```
    pub fn from_unix_days(days: i64) -> Option<Date> {
        let z = days.checked_add(719_468)?;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = (yoe + era.checked_mul(400)?).checked_add(i64::from(month <= 2))?;
        Date::new(
            i32::try_from(year).ok()?,
            u8::try_from(month).ok()?,
            u8::try_from(day).ok()?,
        )
    }

    /// Days from `earlier` to `self` (negative when `self` is earlier).
    pub fn days_since(self, earlier: Date) -> i64 {
        self.ordinal() - earlier.ordinal()
    }

    /// Days since 0000-03-01 (Howard Hinnant's `days_from_civil`).
    fn ordinal(self) -> i64 {
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe
    }
}

/// Whether `year` is a leap year.
pub fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl std::str::FromStr for Date {
    type Err = DateReason;

    /// Parses exactly `YYYY-MM-DD`.
    fn from_str(text: &str) -> Result<Date, DateReason> {
        let bad = || DateReason::Format;
        let bytes = text.as_bytes();
        if bytes.len() != 10 || bytes.get(4) != Some(&b'-') || bytes.get(7) != Some(&b'-') {
            return Err(bad());
        }
        let num = |range: std::ops::Range<usize>| -> Result<u32, DateReason> {
            let part = text.get(range).ok_or_else(bad)?;
            if !part.bytes().all(|c| c.is_ascii_digit()) {
                return Err(bad());
            }
            part.parse().map_err(|_| bad())
        };
        let (Ok(year), Ok(month), Ok(day)) = (
            i32::try_from(num(0..4)?),
            u8::try_from(num(5..7)?),
            u8::try_from(num(8..10)?),
        ) else {
            return Err(bad());
        };
        Date::new(year, month, day).ok_or(DateReason::NotInCalendar)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        text.parse()
            .map_err(|r: DateReason| serde::de::Error::custom(format!("\"{text}\": {r}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn leap_years_and_month_lengths() {
        assert!(is_leap(2024) && is_leap(2000) && !is_leap(1900) && !is_leap(2023));
        assert!("2024-02-29".parse::<Date>().is_ok());
        assert!("2100-02-29".parse::<Date>().is_err());
        assert!("2024-04-31".parse::<Date>().is_err());
        assert!("2024-13-01".parse::<Date>().is_err());
        assert!("2024-00-10".parse::<Date>().is_err());
    }

    #[test]
    fn rejects_other_shapes() {
        for bad in [
            "",
            "2024-4-20",
            "20.04.2024",
            "2024/04/20",
            "2024-04-20T00:00",
            "+024-04-20",
            "2024-0a-20",
        ] {
            assert!(bad.parse::<Date>().is_err(), "{bad}");
        }
    }

    #[test]
    fn day_differences_cross_leap_days_and_years() {
        assert_eq!(d("2024-03-01").days_since(d("2024-02-28")), 2);
        assert_eq!(d("2023-03-01").days_since(d("2023-02-28")), 1);
        assert_eq!(d("2025-01-01").days_since(d("2024-01-01")), 366);
        assert_eq!(d("2024-04-20").days_since(d("2024-04-21")), -1);
        assert_eq!(d("2000-01-01").days_since(d("1999-12-31")), 1);
    }
}
