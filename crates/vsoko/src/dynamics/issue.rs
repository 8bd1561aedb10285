//! What can be wrong with the rows of several periods: typed, with the row it concerns, an
//! English text for logs and a Russian one for people. [`RowIssue::finding`] gives it the
//! project's one outcome shape.

use crate::finding::{Code, Finding, Place, Severity};
use std::fmt;

/// A problem of one row; `rejected` rows are left out of the dynamics (and counted).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowIssue {
    /// The file (as given on the command line, or empty for one frame).
    pub file: String,
    /// 1-based row (line) of the file.
    pub row: usize,
    /// What is wrong.
    pub kind: IssueKind,
}

/// What is wrong with a row.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum IssueKind {
    /// The school is already in this period.
    DuplicateSchool {
        /// School.
        school: String,
        /// Period.
        period: String,
        /// Where it was first.
        first: String,
    },
    /// The period is written in another form than the first row's.
    MixedPeriodForms {
        /// The label found.
        found: String,
        /// Its form.
        form: super::period::PeriodForm,
        /// The form of the first row.
        expected: super::period::PeriodForm,
    },
    /// No period.
    EmptyPeriod,
    /// No school name.
    EmptySchool,
    /// A municipality written like another one, but not the same (kept apart, reported).
    MunicipalitySpelling {
        /// This row's spelling.
        found: String,
        /// The spelling seen first.
        other: String,
    },
    /// A school written like another one of the same municipality, but not the same (kept
    /// apart, reported): another case, spaces, `ё`, or Latin look-alike letters.
    SchoolSpelling {
        /// This row's spelling.
        found: String,
        /// The spelling seen first.
        other: String,
    },
}

impl RowIssue {
    /// A stable code (`duplicate_school`; compares equal to its text).
    pub fn code(&self) -> Code {
        match self.kind {
            IssueKind::DuplicateSchool { .. } => Code::DuplicateSchool,
            IssueKind::MixedPeriodForms { .. } => Code::MixedPeriodForms,
            IssueKind::EmptyPeriod => Code::EmptyPeriod,
            IssueKind::EmptySchool => Code::EmptySchool,
            IssueKind::MunicipalitySpelling { .. } => Code::MunicipalitySpelling,
            IssueKind::SchoolSpelling { .. } => Code::SchoolSpelling,
        }
    }

    /// The issue as a [`Finding`]: an error when the row was left out, a warning when it was
    /// only reported; placed at the file and row.
    ///
    /// ```
    /// use vsoko::dynamics::{IssueKind, RowIssue};
    /// let issue = RowIssue { file: "2024.csv".into(), row: 4, kind: IssueKind::EmptySchool };
    /// let f = issue.finding();
    /// assert_eq!(f.code, "empty_school");
    /// assert!(f.is_error());
    /// assert_eq!(f.place.row, Some(4));
    /// assert_eq!(f.message, "2024.csv, row 4: no school; row left out");
    /// assert_eq!(f.message_ru, "2024.csv, строка 4: не указана школа; строка не учтена");
    /// ```
    pub fn finding(&self) -> Finding {
        let severity = if self.rejected() {
            Severity::Error
        } else {
            Severity::Warning
        };
        Finding::new(
            self.code(),
            severity,
            Place::row(&self.file, u64::try_from(self.row).unwrap_or(u64::MAX)),
            self.to_string(),
            self.ru(),
        )
    }

    /// Whether the row was left out (a spelling is only reported).
    pub fn rejected(&self) -> bool {
        !matches!(
            self.kind,
            IssueKind::MunicipalitySpelling { .. } | IssueKind::SchoolSpelling { .. }
        )
    }

    /// The issue in Russian.
    pub fn ru(&self) -> String {
        let what = match &self.kind {
            IssueKind::DuplicateSchool {
                school,
                period,
                first,
            } => format!(
                "школа «{school}» уже есть в периоде «{period}» ({first}); строка не учтена"
            ),
            IssueKind::MixedPeriodForms {
                found,
                form,
                expected,
            } => format!(
                "период «{found}» записан как {}, а в первой строке — как {}; запишите периоды одинаково (строка не учтена)",
                form.ru(),
                expected.ru()
            ),
            IssueKind::EmptyPeriod => "не указан период; строка не учтена".into(),
            IssueKind::EmptySchool => "не указана школа; строка не учтена".into(),
            IssueKind::MunicipalitySpelling { found, other } => format!(
                "муниципалитет «{found}» написан иначе, чем «{other}»; они учтены раздельно — если это один муниципалитет, исправьте написание"
            ),
            IssueKind::SchoolSpelling { found, other } => format!(
                "школа «{found}» написана иначе, чем «{other}»; они учтены раздельно — если это одна школа, исправьте написание"
            ),
        };
        format!("{}строка {}: {what}", file_ru(&self.file), self.row)
    }
}

fn file_ru(file: &str) -> String {
    if file.is_empty() {
        String::new()
    } else {
        format!("{file}, ")
    }
}

impl fmt::Display for RowIssue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if !self.file.is_empty() {
            write!(f, "{}, ", self.file)?;
        }
        write!(f, "row {}: ", self.row)?;
        match &self.kind {
            IssueKind::DuplicateSchool {
                school,
                period,
                first,
            } => write!(
                f,
                "school \"{school}\" is already in period \"{period}\" ({first}); row left out"
            ),
            IssueKind::MixedPeriodForms {
                found,
                form,
                expected,
            } => write!(
                f,
                "period \"{found}\" is written as {}, the first row as {}; row left out",
                form.en(),
                expected.en()
            ),
            IssueKind::EmptyPeriod => f.write_str("no period; row left out"),
            IssueKind::EmptySchool => f.write_str("no school; row left out"),
            IssueKind::MunicipalitySpelling { found, other } => write!(
                f,
                "municipality \"{found}\" is spelled unlike \"{other}\"; kept apart"
            ),
            IssueKind::SchoolSpelling { found, other } => write!(
                f,
                "school \"{found}\" is spelled unlike \"{other}\"; kept apart"
            ),
        }
    }
}
