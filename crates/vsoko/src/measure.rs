//! The kinds of raw measure a methodology reads (points, counts, numbers, yes/no): a leaf that
//! inputs, rules, problems and forms all name.

use serde::{Deserialize, Serialize};

/// The kind of a raw measure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MeasureKind {
    /// Points `0..=max`.
    Points,
    /// A whole number `>= 0`.
    Count,
    /// Any decimal within optional bounds.
    Number,
    /// Yes (1) or no (0).
    YesNo,
}

impl MeasureKind {
    /// The snake_case name used in the JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            MeasureKind::Points => "points",
            MeasureKind::Count => "count",
            MeasureKind::Number => "number",
            MeasureKind::YesNo => "yes_no",
        }
    }

    /// The Russian name, for forms.
    pub fn ru(self) -> &'static str {
        match self {
            MeasureKind::Points => "баллы",
            MeasureKind::Count => "количество",
            MeasureKind::Number => "число",
            MeasureKind::YesNo => "да/нет",
        }
    }
}
