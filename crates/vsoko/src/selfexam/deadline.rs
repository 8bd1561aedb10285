//! The deadline of order No. 462: the report is published and sent to the founder no later
//! than 20 April of the year after the reporting year.

use crate::calendar::Date;
use serde::{Deserialize, Serialize};

/// The due date for a reporting year: 20 April of the next year.
///
/// ```
/// use vsoko::selfexam::due_date;
/// assert_eq!(due_date(2024).unwrap().to_string(), "2025-04-20");
/// ```
pub fn due_date(reporting_year: i32) -> Option<Date> {
    Date::new(reporting_year.checked_add(1)?, 4, 20)
}

/// Where an "as of" date stands against the deadline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Deadline {
    /// The due date.
    pub due: Date,
    /// The date the answer is for.
    pub as_of: Date,
    /// Days until the due date (0 on the day itself); negative when late.
    pub days_left: i64,
}

impl Deadline {
    /// The deadline of `reporting_year` as seen on `as_of`.
    ///
    /// ```
    /// use vsoko::selfexam::{Date, Deadline};
    /// let d = Deadline::new(2023, Date::new(2024, 4, 21).unwrap()).unwrap();
    /// assert_eq!((d.days_left, d.days_late()), (-1, 1));
    /// ```
    pub fn new(reporting_year: i32, as_of: Date) -> Option<Deadline> {
        let due = due_date(reporting_year)?;
        Some(Deadline {
            due,
            as_of,
            days_left: due.days_since(as_of),
        })
    }

    /// Days late (0 when on time).
    pub fn days_late(&self) -> i64 {
        (-self.days_left).max(0)
    }
}
