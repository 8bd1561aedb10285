//! The self-examination report (order No. 462): who, for which year, the four stages, the
//! signature and publication, and the analytical part section by section.

use crate::calendar::Date;
use crate::error::{Error, Result};
use crate::scoring::Report;
use serde::{Deserialize, Serialize};

/// The eleven parts of the report, in the order the order lists them: ten analytical
/// sections and the analysis of the activity indicators.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SectionId {
    /// Оценка образовательной деятельности.
    EducationalActivity,
    /// Оценка системы управления организации.
    ManagementSystem,
    /// Оценка содержания и качества подготовки обучающихся.
    PreparationQuality,
    /// Оценка организации учебного процесса.
    LearningProcess,
    /// Оценка востребованности выпускников.
    GraduateDemand,
    /// Оценка качества кадрового обеспечения.
    Staffing,
    /// Оценка учебно-методического обеспечения.
    TeachingMaterials,
    /// Оценка библиотечно-информационного обеспечения.
    LibraryInformation,
    /// Оценка материально-технической базы.
    Facilities,
    /// Оценка функционирования внутренней системы оценки качества образования.
    QualitySystem,
    /// Анализ показателей деятельности организации, подлежащей самообследованию.
    Indicators,
}

impl SectionId {
    /// All parts in the official order.
    pub const ALL: [SectionId; 11] = [
        SectionId::EducationalActivity,
        SectionId::ManagementSystem,
        SectionId::PreparationQuality,
        SectionId::LearningProcess,
        SectionId::GraduateDemand,
        SectionId::Staffing,
        SectionId::TeachingMaterials,
        SectionId::LibraryInformation,
        SectionId::Facilities,
        SectionId::QualitySystem,
        SectionId::Indicators,
    ];

    /// The stable id used in JSON.
    pub fn id(self) -> &'static str {
        match self {
            SectionId::EducationalActivity => "educational_activity",
            SectionId::ManagementSystem => "management_system",
            SectionId::PreparationQuality => "preparation_quality",
            SectionId::LearningProcess => "learning_process",
            SectionId::GraduateDemand => "graduate_demand",
            SectionId::Staffing => "staffing",
            SectionId::TeachingMaterials => "teaching_materials",
            SectionId::LibraryInformation => "library_information",
            SectionId::Facilities => "facilities",
            SectionId::QualitySystem => "quality_system",
            SectionId::Indicators => "indicators",
        }
    }

    /// The official Russian heading (from the slide "Направления оценки в ходе самообследования").
    ///
    /// ```
    /// use vsoko::selfexam::SectionId;
    /// assert_eq!(SectionId::Staffing.heading(), "Оценка качества кадрового обеспечения");
    /// ```
    pub fn heading(self) -> &'static str {
        match self {
            SectionId::EducationalActivity => "Оценка образовательной деятельности",
            SectionId::ManagementSystem => "Оценка системы управления организации",
            SectionId::PreparationQuality => "Оценка содержания и качества подготовки обучающихся",
            SectionId::LearningProcess => "Оценка организации учебного процесса",
            SectionId::GraduateDemand => "Оценка востребованности выпускников",
            SectionId::Staffing => "Оценка качества кадрового обеспечения",
            SectionId::TeachingMaterials => "Оценка учебно-методического обеспечения",
            SectionId::LibraryInformation => "Оценка библиотечно-информационного обеспечения",
            SectionId::Facilities => "Оценка материально-технической базы",
            SectionId::QualitySystem => {
                "Оценка функционирования внутренней системы оценки качества образования"
            }
            SectionId::Indicators => {
                "Анализ показателей деятельности организации, подлежащей самообследованию"
            }
        }
    }

    /// All JSON ids, comma-separated, for messages.
    pub fn id_list() -> String {
        SectionId::ALL.map(SectionId::id).join(", ")
    }

    /// The section with this JSON id.
    pub fn from_id(id: &str) -> Option<SectionId> {
        SectionId::ALL.into_iter().find(|s| s.id() == id)
    }
}

/// The four stages of order No. 462, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StageId {
    /// Планирование и подготовка работ по самообследованию.
    Planning,
    /// Организация и проведение самообследования.
    Conducting,
    /// Обобщение полученных результатов и формирование отчёта.
    Report,
    /// Рассмотрение отчёта органом управления организации.
    Review,
}

impl StageId {
    /// All stages in order.
    pub const ALL: [StageId; 4] = [
        StageId::Planning,
        StageId::Conducting,
        StageId::Report,
        StageId::Review,
    ];

    /// The stable id used in JSON.
    pub fn id(self) -> &'static str {
        match self {
            StageId::Planning => "planning",
            StageId::Conducting => "conducting",
            StageId::Report => "report",
            StageId::Review => "review",
        }
    }

    /// The stage as the order words it.
    pub fn title(self) -> &'static str {
        match self {
            StageId::Planning => "планирование и подготовка работ по самообследованию организации",
            StageId::Conducting => "организация и проведение самообследования в организации",
            StageId::Report => {
                "обобщение полученных результатов и на их основе формирование отчета"
            }
            StageId::Review => {
                "рассмотрение отчета органом управления организации, к компетенции которого относится решение данного вопроса"
            }
        }
    }
}

/// The dates of the four stages (any may be missing).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Stages {
    /// Planning and preparation.
    #[serde(default)]
    pub planning: Option<Date>,
    /// Conducting the self-examination.
    #[serde(default)]
    pub conducting: Option<Date>,
    /// Summarising the results into the report.
    #[serde(default)]
    pub report: Option<Date>,
    /// Review by the governing body.
    #[serde(default)]
    pub review: Option<Date>,
}

impl Stages {
    /// The date of a stage.
    pub fn get(&self, stage: StageId) -> Option<Date> {
        match stage {
            StageId::Planning => self.planning,
            StageId::Conducting => self.conducting,
            StageId::Report => self.report,
            StageId::Review => self.review,
        }
    }
}

/// One part of the report.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Section {
    /// The text of the section.
    #[serde(default)]
    pub text: String,
    /// Scored results embedded in the section (the indicator analysis carries the real numbers
    /// of `index-2023` and `nocko-1547`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub results: Vec<Report>,
}

/// A self-examination report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SelfExam {
    /// The organisation.
    pub organization: String,
    /// The calendar year the report covers (the year before the report).
    pub reporting_year: i32,
    /// Signed by the head of the organisation.
    pub signed_by_head: bool,
    /// Published on the organisation's website.
    pub published_on: Option<Date>,
    /// Sent to the founder.
    pub sent_to_founder_on: Option<Date>,
    /// The four stages.
    pub stages: Stages,
    /// The parts present, in the official order.
    #[serde(serialize_with = "sections_as_object")]
    pub sections: Vec<(SectionId, Section)>,
}

fn sections_as_object<S: serde::Serializer>(
    sections: &[(SectionId, Section)],
    s: S,
) -> std::result::Result<S::Ok, S::Error> {
    s.collect_map(sections.iter().map(|(id, sec)| (id.id(), sec)))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename = "self-examination report")]
struct RawSelfExam {
    #[serde(default)]
    organization: String,
    reporting_year: i32,
    #[serde(default)]
    signed_by_head: bool,
    #[serde(default)]
    published_on: Option<String>,
    #[serde(default)]
    sent_to_founder_on: Option<String>,
    #[serde(default)]
    stages: RawStages,
    #[serde(default)]
    sections: crate::entries::Entries<Section>,
}

#[derive(Default, Deserialize)]
#[serde(deny_unknown_fields, rename = "stages")]
struct RawStages {
    #[serde(default)]
    planning: Option<String>,
    #[serde(default)]
    conducting: Option<String>,
    #[serde(default)]
    report: Option<String>,
    #[serde(default)]
    review: Option<String>,
}

fn date(field: &str, value: Option<String>) -> Result<Option<Date>> {
    value
        .map(|v| {
            v.parse().map_err(|reason| Error::InvalidDate {
                field: field.to_string(),
                value: v,
                reason,
            })
        })
        .transpose()
}

impl SelfExam {
    /// Reads a report from JSON (dates as `YYYY-MM-DD`).
    ///
    /// # Errors
    /// [`Error::EmptyInput`], [`Error::Json`], [`Error::InvalidInput`] for a wrong shape,
    /// [`Error::InvalidDate`] naming the field, [`Error::UnknownSection`] for a section id the
    /// order does not have, [`Error::DuplicateSection`] for a section given twice.
    ///
    /// ```
    /// let r = vsoko::selfexam::SelfExam::from_json(r#"{"reporting_year": 2023,
    ///     "stages": {"planning": "2024-01-15"}, "sections": {"staffing": {"text": "…"}}}"#).unwrap();
    /// assert_eq!(r.sections.len(), 1);
    /// ```
    pub fn from_json(text: &str) -> Result<SelfExam> {
        let text = crate::input::strip_bom(text);
        if text.trim().is_empty() {
            return Err(Error::EmptyInput {
                what: crate::error::InputKind::SelfExam,
            });
        }
        let raw: RawSelfExam = serde_json::from_str(text).map_err(crate::input::input_error)?;
        let mut sections: Vec<(SectionId, Section)> = Vec::with_capacity(raw.sections.0.len());
        for (id, section) in raw.sections.0 {
            let Some(sid) = SectionId::from_id(&id) else {
                return Err(Error::UnknownSection {
                    id,
                    known: SectionId::ALL.map(|s| s.id().to_string()).to_vec(),
                });
            };
            if sections.iter().any(|(s, _)| *s == sid) {
                return Err(Error::DuplicateSection { id });
            }
            sections.push((sid, section));
        }
        sections.sort_by_key(|(s, _)| *s);
        Ok(SelfExam {
            organization: raw.organization,
            reporting_year: raw.reporting_year,
            signed_by_head: raw.signed_by_head,
            published_on: date("published_on", raw.published_on)?,
            sent_to_founder_on: date("sent_to_founder_on", raw.sent_to_founder_on)?,
            stages: Stages {
                planning: date("stages.planning", raw.stages.planning)?,
                conducting: date("stages.conducting", raw.stages.conducting)?,
                report: date("stages.report", raw.stages.report)?,
                review: date("stages.review", raw.stages.review)?,
            },
            sections,
        })
    }

    /// A part of the report, if present.
    pub fn section(&self, id: SectionId) -> Option<&Section> {
        self.sections.iter().find(|(s, _)| *s == id).map(|(_, s)| s)
    }
}
