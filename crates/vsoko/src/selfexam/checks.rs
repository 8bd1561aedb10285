//! The checks a founder would make of a self-examination report, returned as data.
//!
//! | code | severity | what |
//! |---|---|---|
//! | `organization_missing` | error | the organisation is not named |
//! | `wrong_reporting_period` | error | the report is not dated in the year after the reporting year, or that year has not ended |
//! | `not_signed` | error | not signed by the head |
//! | `section_missing` | error | one of the ten analytical sections is absent |
//! | `section_empty` | error | a section is present but has no text |
//! | `indicators_missing` | error | the analysis of the activity indicators is absent or empty |
//! | `published_late` / `sent_late` | error | published / sent to the founder after 20 April |
//! | `not_published` / `not_sent` | error after the due date, warning before it or with no "as of" date | not yet published / sent |
//! | `stage_missing` | warning | a stage has no date |
//! | `stages_out_of_order` | error | a stage is dated before the one it follows |
//! | `stage_outside_window` | warning | a stage is dated before the reporting year or after the due date |
//! | `published_before_review` | warning | published before the governing body reviewed the report |

use super::deadline::{Deadline, due_date};
use super::model::{SectionId, SelfExam, StageId};
use crate::calendar::Date;
use serde::{Deserialize, Serialize};

pub use crate::finding::{Code, Finding, Severity};

/// The outcome of checking a report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckResult {
    /// No findings at all.
    pub complete: bool,
    /// Whether any finding is an error.
    pub has_errors: bool,
    /// Everything found, errors and warnings, in the order checked.
    pub findings: Vec<Finding>,
    /// The due date (20 April of the year after the reporting year).
    pub due: Option<Date>,
    /// With an "as of" date: days until the due date (negative when late).
    pub days_left: Option<i64>,
}

struct Findings(Vec<Finding>);

impl Findings {
    fn push(&mut self, code: Code, severity: Severity, place: Place, ru: String, en: String) {
        let place = match place {
            Place::Section(s) => crate::finding::Place::section(s.id()),
            Place::Field(f) => crate::finding::Place::field(f),
        };
        self.0.push(Finding::new(code, severity, place, en, ru));
    }
}

#[derive(Clone, Copy)]
enum Place {
    Section(SectionId),
    Field(&'static str),
}

/// Checks a report; `as_of` is the date the check is for (usually today).
///
/// ```
/// use vsoko::selfexam::{SelfExam, check};
/// let r = SelfExam::from_json(r#"{"reporting_year": 2023, "organization": "Школа"}"#).unwrap();
/// let result = check(&r, None);
/// assert!(!result.complete);
/// assert_eq!(result.due.unwrap().to_string(), "2024-04-20");
/// assert!(result.findings.iter().any(|f| f.code == "indicators_missing"));
/// ```
pub fn check(r: &SelfExam, as_of: Option<Date>) -> CheckResult {
    let mut f = Findings(Vec::new());
    let due = due_date(r.reporting_year);
    if r.organization.trim().is_empty() {
        f.push(
            Code::OrganizationMissing,
            Severity::Error,
            Place::Field("organization"),
            "не указано наименование организации".into(),
            "the organisation is not named".into(),
        );
    }
    period(&mut f, r, as_of);
    if !r.signed_by_head {
        f.push(
            Code::NotSigned,
            Severity::Error,
            Place::Field("signed_by_head"),
            "отчёт не подписан руководителем организации".into(),
            "the report is not signed by the head".into(),
        );
    }
    sections(&mut f, r);
    if let Some(due) = due {
        publication(&mut f, r.published_on, due, as_of, Publication::Website);
        publication(
            &mut f,
            r.sent_to_founder_on,
            due,
            as_of,
            Publication::Founder,
        );
        stages(&mut f, r, due);
    }
    let has_errors = f.0.iter().any(|x| x.severity == Severity::Error);
    CheckResult {
        complete: f.0.is_empty(),
        has_errors,
        findings: f.0,
        due,
        days_left: as_of
            .and_then(|d| Deadline::new(r.reporting_year, d))
            .map(|d| d.days_left),
    }
}

fn period(f: &mut Findings, r: &SelfExam, as_of: Option<Date>) {
    let report_year = r.reporting_year.saturating_add(1);
    let dated = [
        ("stages.report", r.stages.report),
        ("published_on", r.published_on),
    ]
    .into_iter()
    .find_map(|(field, d)| d.map(|d| (field, d)));
    if let Some((field, d)) = dated
        && d.year() != report_year
    {
        f.push(Code::WrongReportingPeriod, Severity::Error, Place::Field("reporting_year"),
                format!("отчётный период — предшествующий календарный год: отчёт от {d} ({field}) должен охватывать {} год, а указан {}", d.year() - 1, r.reporting_year),
                format!("the reporting period is the previous calendar year: a report dated {d} ({field}) covers {}, not {}", d.year() - 1, r.reporting_year));
        return;
    }
    if let Some(today) = as_of
        && today.year() <= r.reporting_year
    {
        f.push(Code::WrongReportingPeriod, Severity::Error, Place::Field("reporting_year"),
                format!("{} год ещё не закончился на {today}: отчёт составляется за предшествующий календарный год", r.reporting_year),
                format!("{} has not ended on {today}: the report covers the previous calendar year", r.reporting_year));
    }
}

fn sections(f: &mut Findings, r: &SelfExam) {
    for id in SectionId::ALL {
        let section = r.section(id);
        let empty = section.is_none_or(|s| s.text.trim().is_empty() && s.results.is_empty());
        match (id, section) {
            (SectionId::Indicators, _) if empty => f.push(
                Code::IndicatorsMissing,
                Severity::Error,
                Place::Section(id),
                format!("нет анализа показателей деятельности («{}»)", id.heading()),
                "the analysis of the activity indicators is missing".into(),
            ),
            (_, None) => f.push(
                Code::SectionMissing,
                Severity::Error,
                Place::Section(id),
                format!("нет раздела «{}»", id.heading()),
                format!("section \"{}\" is missing", id.id()),
            ),
            (_, Some(_)) if empty => f.push(
                Code::SectionEmpty,
                Severity::Error,
                Place::Section(id),
                format!("раздел «{}» не заполнен", id.heading()),
                format!("section \"{}\" is empty", id.id()),
            ),
            _ => {}
        }
    }
}

#[derive(Clone, Copy)]
enum Publication {
    Website,
    Founder,
}

fn publication(
    f: &mut Findings,
    date: Option<Date>,
    due: Date,
    as_of: Option<Date>,
    what: Publication,
) {
    let (field, late, missing, ru_done, ru_not, en) = match what {
        Publication::Website => (
            "published_on",
            Code::PublishedLate,
            Code::NotPublished,
            "размещён на сайте",
            "не размещён на сайте",
            "published on the website",
        ),
        Publication::Founder => (
            "sent_to_founder_on",
            Code::SentLate,
            Code::NotSent,
            "направлен учредителю",
            "не направлен учредителю",
            "sent to the founder",
        ),
    };
    match (date, as_of) {
        (Some(d), _) if d > due => f.push(
            late,
            Severity::Error,
            Place::Field(field),
            format!(
                "отчёт {ru_done} {d}, позже срока {due} (на {} дн.)",
                d.days_since(due)
            ),
            format!(
                "{en} on {d}, after the deadline {due} ({} days late)",
                d.days_since(due)
            ),
        ),
        (Some(_), _) => {}
        (None, Some(today)) if today > due => f.push(
            missing,
            Severity::Error,
            Place::Field(field),
            format!(
                "на {today} отчёт {ru_not}; срок {due} прошёл {} дн. назад",
                today.days_since(due)
            ),
            format!(
                "not {en} as of {today}; the deadline {due} passed {} days ago",
                today.days_since(due)
            ),
        ),
        (None, Some(today)) => f.push(
            missing,
            Severity::Warning,
            Place::Field(field),
            format!(
                "на {today} отчёт ещё {ru_not}; до срока {due} осталось {} дн.",
                due.days_since(today)
            ),
            format!(
                "not yet {en} as of {today}; {} days left until {due}",
                due.days_since(today)
            ),
        ),
        (None, None) => f.push(
            missing,
            Severity::Warning,
            Place::Field(field),
            format!("отчёт {ru_not}; срок — не позднее {due}"),
            format!("not {en}; the deadline is {due}"),
        ),
    }
}

fn stages(f: &mut Findings, r: &SelfExam, due: Date) {
    let start = Date::new(r.reporting_year, 1, 1);
    let mut previous: Option<(StageId, Date)> = None;
    for stage in StageId::ALL {
        let field = match stage {
            StageId::Planning => "stages.planning",
            StageId::Conducting => "stages.conducting",
            StageId::Report => "stages.report",
            StageId::Review => "stages.review",
        };
        let Some(d) = r.stages.get(stage) else {
            f.push(
                Code::StageMissing,
                Severity::Warning,
                Place::Field(field),
                format!("не указана дата этапа «{}»", stage.title()),
                format!("stage \"{}\" has no date", stage.id()),
            );
            continue;
        };
        if start.is_some_and(|s| d < s) || d > due {
            f.push(
                Code::StageOutsideWindow,
                Severity::Warning,
                Place::Field(field),
                format!(
                    "этап «{}» датирован {d}, вне периода с 1 января {} по {due}",
                    stage.title(),
                    r.reporting_year
                ),
                format!(
                    "stage \"{}\" is dated {d}, outside 1 January {} to {due}",
                    stage.id(),
                    r.reporting_year
                ),
            );
        }
        if let Some((prev, pd)) = previous
            && d < pd
        {
            f.push(
                Code::StagesOutOfOrder,
                Severity::Error,
                Place::Field(field),
                format!(
                    "этап «{}» ({d}) датирован раньше предыдущего этапа «{}» ({pd})",
                    stage.title(),
                    prev.title()
                ),
                format!(
                    "stage \"{}\" ({d}) is dated before \"{}\" ({pd})",
                    stage.id(),
                    prev.id()
                ),
            );
        }
        previous = Some((stage, d));
    }
    if let (Some(review), Some(published)) = (r.stages.review, r.published_on)
        && published < review
    {
        f.push(
            Code::PublishedBeforeReview,
            Severity::Warning,
            Place::Field("published_on"),
            format!(
                "отчёт размещён ({published}) до его рассмотрения органом управления ({review})"
            ),
            format!("published ({published}) before the governing body reviewed it ({review})"),
        );
    }
}
