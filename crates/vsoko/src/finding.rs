//! One shape for what a check finds in data it could read — a plan, a self-examination report,
//! a table of pupils: a stable [`Code`], a [`Severity`], the [`Place`] it concerns, and a message
//! in English (`message`, for logs) and in Russian (`message_ru`, for people), as errors have.
//!
//! ```
//! use vsoko::finding::{Code, Finding, Place, Severity};
//! let f = Finding::new(Code::ResultMissing, Severity::Error, Place::item("3"),
//!     "item 3: no result document", "пункт 3: не указан итоговый документ");
//! assert_eq!(f.code, "result_missing");
//! let json = serde_json::to_string(&f).unwrap();
//! assert_eq!(json, r#"{"code":"result_missing","severity":"error","item":"3","section":null,"field":null,"message":"item 3: no result document","message_ru":"пункт 3: не указан итоговый документ"}"#);
//! ```

use serde::{Deserialize, Serialize};
use std::fmt;

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// The data does not meet what it must (an order, the plan's own year).
    Error,
    /// Worth a look; may be fine.
    Warning,
}

impl Severity {
    /// `error` or `warning`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// Every finding code, stable across releases and front ends. The tables of what each means
/// are in the modules that find them (`selfexam`, `plan`, `objectivity`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Code {
    /// Self-examination: the organisation is not named.
    OrganizationMissing,
    /// Self-examination: the report is not for the year before it is dated.
    WrongReportingPeriod,
    /// Self-examination: not signed by the head.
    NotSigned,
    /// Self-examination: an analytical section is absent.
    SectionMissing,
    /// Self-examination: a section has no text.
    SectionEmpty,
    /// Self-examination: the analysis of the activity indicators is absent.
    IndicatorsMissing,
    /// Self-examination: published after 20 April.
    PublishedLate,
    /// Self-examination: sent to the founder after 20 April.
    SentLate,
    /// Self-examination: not yet published.
    NotPublished,
    /// Self-examination: not yet sent to the founder.
    NotSent,
    /// Self-examination: a stage has no date.
    StageMissing,
    /// Self-examination: a stage is dated before the one it follows.
    StagesOutOfOrder,
    /// Self-examination: a stage is dated outside its window.
    StageOutsideWindow,
    /// Self-examination: published before the governing body reviewed it.
    PublishedBeforeReview,
    /// Plan: the period cannot be read.
    WhenUnparsed,
    /// Plan: the period lies outside the plan's year.
    WhenOutsideYear,
    /// Plan: part of the period lies outside the plan's year.
    WhenPartlyOutsideYear,
    /// Plan: the period names a date that does not exist.
    WhenInvalidDate,
    /// Plan: nobody is responsible.
    ResponsibleMissing,
    /// Plan: no result document.
    ResultMissing,
    /// Plan: a re-control names an item the plan does not have.
    FollowsUpUnknown,
    /// Plan: no self-examination item.
    SelfexamMissing,
    /// Plan: a measure without re-control.
    NoRecontrol,
    /// Plan: a month without items.
    MonthUncovered,
    /// Plan: an object of assessment without items in a term.
    ObjectUncovered,
    /// Plan: a declared mechanism without items.
    MechanismUncovered,
    /// Plan: an item's mechanism is not declared.
    MechanismUnknown,
    /// Plan: no analysis of ВПР results.
    VprAnalysisMissing,
    /// Plan: no analysis of ГИА results.
    GiaAnalysisMissing,
    /// Plan: no comparison of internal marks with external results.
    ObjectivityMissing,
    /// Plan: a re-control planned no later than its item.
    RecontrolNotLater,
    /// Plan: one person has too many items in a month.
    ResponsibleOverloaded,
    /// Plan: an item whose months are over.
    Overdue,
    /// Objectivity, dynamics: a school name spelled like another one, kept apart.
    SchoolSpelling,
    /// Dynamics: a municipality spelled like another one, kept apart.
    MunicipalitySpelling,
    /// Dynamics: a school is twice in one period (the row is left out).
    DuplicateSchool,
    /// Dynamics: a period written in another form than the first row's (left out).
    MixedPeriodForms,
    /// Dynamics: a row without a period (left out).
    EmptyPeriod,
    /// Dynamics: a row without a school (left out).
    EmptySchool,
    /// Marks: a mark outside the vocabulary (the row is left out).
    InvalidMark,
    /// Marks: a period that is not a quarter, a half, the year or the final mark (left out).
    UnknownPeriod,
    /// Marks: a row without its class, pupil, subject or period (left out).
    MissingCell,
    /// Marks: a pupil's second mark in one class × subject × period (left out).
    DuplicateMark,
    /// Marks: a block of a summary sheet names no class, in its title or its sheet's name (its
    /// marks are left out).
    NoClass,
    /// Marks: a summary sheet's subject column has no period, under it or in the title (left out).
    NoPeriod,
    /// Marks: a row with marks above any header row of a summary sheet (left out).
    OutsideBlock,
    /// Marks: a class × subject's quality fell by the school's threshold from one period to the next.
    QualityFell,
    /// Tasks: points on a task that are not a whole number from 0 to its maximum (left out).
    InvalidPoints,
    /// Tasks: a test score that is not a whole number from 0 to 100 (left out).
    InvalidScore,
    /// Tasks: a pupil given twice in one procedure × subject × grade × year (left out).
    DuplicatePupil,
    /// Tasks: a task whose maximum differs from the one another table gave it (left out).
    TaskMaxDiffers,
    /// A row with cells past the last column of its header (left out).
    ExtraCell,
    /// Tasks: ЕГЭ results of a year whose minimum scores are not in the data.
    MinimumOfOtherYear,
    /// Tasks: an ЕГЭ subject without a minimum score in the data.
    NoMinimum,
    /// Tasks: a medallist of the list has no ЕГЭ result in the tables.
    MedallistNotFound,
    /// Objectivity: the school's interval of the mean lies above the region's.
    InflatedMean,
    /// Objectivity: journal marks and scores are negatively correlated.
    MarkMismatch,
    /// Objectivity: the cohort's completion fell sharply.
    CohortDrop,
    /// Objectivity: the cohort's completion rose sharply.
    CohortRise,
    /// Teachers: a row of a teacher gives another value than the teacher's first row (the first is kept).
    TeacherConflict,
    /// Teachers: a name is spelled like another teacher's (kept apart).
    TeacherSpelling,
    /// Teachers: the end date written differs from the rule's (the written one is used).
    CategoryUntilDiffers,
    /// Teachers: an end date is written for a category set from 01.09.2023, which has none.
    CategoryUnlimited,
    /// Teachers: a category without the date it was set.
    CategoryDateMissing,
    /// Teachers: no category, no last attestation and no hire date: the attestation date cannot be computed.
    AttestationUnknown,
    /// Tables: a column the reader does not use (left out).
    ColumnUnused,
    /// Surveys: a cell is none of its question's answers (not counted).
    UnknownAnswer,
    /// Teachers: an attestation or training due in the plan's year has no plan item.
    TeacherDueUnplanned,
    /// Plan: the last independent assessment (НОК) is three years old by the plan's end and no
    /// item plans the next one.
    NokDueUnplanned,
}

impl Code {
    /// Every code, in declaration order.
    pub const ALL: &'static [Code] = &[
        Code::OrganizationMissing,
        Code::WrongReportingPeriod,
        Code::NotSigned,
        Code::SectionMissing,
        Code::SectionEmpty,
        Code::IndicatorsMissing,
        Code::PublishedLate,
        Code::SentLate,
        Code::NotPublished,
        Code::NotSent,
        Code::StageMissing,
        Code::StagesOutOfOrder,
        Code::StageOutsideWindow,
        Code::PublishedBeforeReview,
        Code::WhenUnparsed,
        Code::WhenOutsideYear,
        Code::WhenPartlyOutsideYear,
        Code::WhenInvalidDate,
        Code::ResponsibleMissing,
        Code::ResultMissing,
        Code::FollowsUpUnknown,
        Code::SelfexamMissing,
        Code::NoRecontrol,
        Code::MonthUncovered,
        Code::ObjectUncovered,
        Code::MechanismUncovered,
        Code::MechanismUnknown,
        Code::VprAnalysisMissing,
        Code::GiaAnalysisMissing,
        Code::ObjectivityMissing,
        Code::RecontrolNotLater,
        Code::ResponsibleOverloaded,
        Code::Overdue,
        Code::SchoolSpelling,
        Code::MunicipalitySpelling,
        Code::DuplicateSchool,
        Code::MixedPeriodForms,
        Code::EmptyPeriod,
        Code::EmptySchool,
        Code::InvalidMark,
        Code::UnknownPeriod,
        Code::MissingCell,
        Code::DuplicateMark,
        Code::NoClass,
        Code::NoPeriod,
        Code::OutsideBlock,
        Code::QualityFell,
        Code::InvalidPoints,
        Code::InvalidScore,
        Code::DuplicatePupil,
        Code::TaskMaxDiffers,
        Code::ExtraCell,
        Code::MinimumOfOtherYear,
        Code::NoMinimum,
        Code::MedallistNotFound,
        Code::InflatedMean,
        Code::MarkMismatch,
        Code::CohortDrop,
        Code::CohortRise,
        Code::TeacherConflict,
        Code::TeacherSpelling,
        Code::CategoryUntilDiffers,
        Code::CategoryUnlimited,
        Code::CategoryDateMissing,
        Code::AttestationUnknown,
        Code::ColumnUnused,
        Code::UnknownAnswer,
        Code::TeacherDueUnplanned,
        Code::NokDueUnplanned,
    ];

    /// Every code as text, in the order of [`Code::ALL`].
    pub const CODES: &'static [&'static str] = &[
        "organization_missing",
        "wrong_reporting_period",
        "not_signed",
        "section_missing",
        "section_empty",
        "indicators_missing",
        "published_late",
        "sent_late",
        "not_published",
        "not_sent",
        "stage_missing",
        "stages_out_of_order",
        "stage_outside_window",
        "published_before_review",
        "when_unparsed",
        "when_outside_year",
        "when_partly_outside_year",
        "when_invalid_date",
        "responsible_missing",
        "result_missing",
        "follows_up_unknown",
        "selfexam_missing",
        "no_recontrol",
        "month_uncovered",
        "object_uncovered",
        "mechanism_uncovered",
        "mechanism_unknown",
        "vpr_analysis_missing",
        "gia_analysis_missing",
        "objectivity_missing",
        "recontrol_not_later",
        "responsible_overloaded",
        "overdue",
        "school_spelling",
        "municipality_spelling",
        "duplicate_school",
        "mixed_period_forms",
        "empty_period",
        "empty_school",
        "invalid_mark",
        "unknown_period",
        "missing_cell",
        "duplicate_mark",
        "no_class",
        "no_period",
        "outside_block",
        "quality_fell",
        "invalid_points",
        "invalid_score",
        "duplicate_pupil",
        "task_max_differs",
        "extra_cell",
        "minimum_of_other_year",
        "no_minimum",
        "medallist_not_found",
        "inflated_mean",
        "mark_mismatch",
        "cohort_drop",
        "cohort_rise",
        "teacher_conflict",
        "teacher_spelling",
        "category_until_differs",
        "category_unlimited",
        "category_date_missing",
        "attestation_unknown",
        "column_unused",
        "unknown_answer",
        "teacher_due_unplanned",
        "nok_due_unplanned",
    ];

    /// The code as text (`result_missing`).
    pub fn as_str(self) -> &'static str {
        let i = Code::ALL.iter().position(|c| *c == self).unwrap_or(0);
        Code::CODES.get(i).copied().unwrap_or("")
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl PartialEq<&str> for Code {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

/// What a finding concerns: a plan item, a report section, a field (or a month, an object), or
/// a row of a table. On the wire `item`, `section` and `field` are always present, `null` when
/// absent (plan findings always carried `item` and `field`, self-examination ones `section` and
/// `field`); `file` and `row` appear only in findings about a table's rows.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Place {
    /// The plan item, by its id.
    #[serde(default)]
    pub item: Option<String>,
    /// The section of a report, by its id.
    #[serde(default)]
    pub section: Option<String>,
    /// The field (`when`, `responsible`, `published_on`), a month `2024-01`, an object id or a
    /// school name.
    #[serde(default)]
    pub field: Option<String>,
    /// The file a row was read from (as given; empty names are left out).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    /// The 1-based row (line) of a table.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub row: Option<u64>,
}

impl Place {
    /// Nowhere in particular.
    pub fn none() -> Place {
        Place::default()
    }

    /// A plan item.
    pub fn item(id: impl Into<String>) -> Place {
        Place {
            item: Some(id.into()),
            ..Place::default()
        }
    }

    /// A section of a report.
    pub fn section(id: impl Into<String>) -> Place {
        Place {
            section: Some(id.into()),
            ..Place::default()
        }
    }

    /// A field.
    pub fn field(name: impl Into<String>) -> Place {
        Place {
            field: Some(name.into()),
            ..Place::default()
        }
    }

    /// A row of a file; an empty file name (a table given in memory) is left out.
    ///
    /// ```
    /// use vsoko::finding::Place;
    /// let p = Place::row("2024.csv", 7);
    /// assert_eq!(serde_json::to_string(&p).unwrap(),
    ///     r#"{"item":null,"section":null,"field":null,"file":"2024.csv","row":7}"#);
    /// assert_eq!(Place::row("", 7).file, None);
    /// ```
    pub fn row(file: &str, row: u64) -> Place {
        Place {
            file: (!file.is_empty()).then(|| file.to_string()),
            row: Some(row),
            ..Place::default()
        }
    }
}

/// One thing a check found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    /// Stable code.
    pub code: Code,
    /// Error or warning.
    pub severity: Severity,
    /// What it concerns (its keys sit in the finding itself on the wire).
    #[serde(flatten)]
    pub place: Place,
    /// In English, for logs.
    pub message: String,
    /// In Russian, for people.
    pub message_ru: String,
}

impl Finding {
    /// A finding from its parts.
    pub fn new(
        code: Code,
        severity: Severity,
        place: Place,
        message: impl Into<String>,
        message_ru: impl Into<String>,
    ) -> Finding {
        Finding {
            code,
            severity,
            place,
            message: message.into(),
            message_ru: message_ru.into(),
        }
    }

    /// Whether it is an error.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// Why a row of a table is left out: its code, the cell's column (0-based), and what is wrong in
/// both languages. [`Rejection::finding`] names the file, row and cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Rejection {
    pub(crate) code: Code,
    pub(crate) column: usize,
    pub(crate) en: String,
    pub(crate) ru: String,
}

impl Rejection {
    /// The error finding of a row left out: «file, строка 7, ячейка C7: …; строка не учтена».
    pub(crate) fn finding(&self, file: &str, row: usize) -> Finding {
        let at = format!("{}{row}", crate::reason::column_letters(self.column + 1));
        let place = Place {
            field: Some(at.clone()),
            ..Place::row(file, u64::try_from(row).unwrap_or(u64::MAX))
        };
        let prefix = if file.is_empty() {
            String::new()
        } else {
            format!("{file}, ")
        };
        Finding::new(
            self.code,
            Severity::Error,
            place,
            format!("{prefix}row {row}, cell {at}: {}; row left out", self.en),
            format!(
                "{prefix}строка {row}, ячейка {at}: {}; строка не учтена",
                self.ru
            ),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_list_matches_variants_and_their_wire_names() {
        assert_eq!(Code::ALL.len(), Code::CODES.len());
        for (c, s) in Code::ALL.iter().zip(Code::CODES) {
            assert_eq!(c.as_str(), *s);
            assert_eq!(
                serde_json::to_string(c).unwrap_or_default(),
                format!("\"{s}\"")
            );
            let back: Code = serde_json::from_str(&format!("\"{s}\"")).unwrap_or(Code::Overdue);
            assert_eq!(back, *c);
        }
        let mut sorted = Code::CODES.to_vec();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted.len(), Code::CODES.len(), "a code is listed twice");
    }
}
