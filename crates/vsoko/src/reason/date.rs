//! Why a text is not a calendar date.

use std::fmt;

/// Why a text is not a date in the form `YYYY-MM-DD`.
///
/// ```
/// use vsoko::reason::DateReason;
/// assert_eq!(DateReason::NotInCalendar.to_string(), "the date does not exist in the calendar");
/// assert_eq!(DateReason::Format.ru(), "ожидается дата в формате ГГГГ-ММ-ДД (например, 2024-04-20)");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum DateReason {
    /// Not `YYYY-MM-DD`.
    Format,
    /// The form is right but the day does not exist (`2023-02-29`).
    NotInCalendar,
}

impl fmt::Display for DateReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            DateReason::Format => "not a date in the form YYYY-MM-DD",
            DateReason::NotInCalendar => "the date does not exist in the calendar",
        })
    }
}

impl DateReason {
    /// The reason in Russian.
    pub fn ru(self) -> &'static str {
        match self {
            DateReason::Format => "ожидается дата в формате ГГГГ-ММ-ДД (например, 2024-04-20)",
            DateReason::NotInCalendar => "такой даты нет в календаре",
        }
    }
}
