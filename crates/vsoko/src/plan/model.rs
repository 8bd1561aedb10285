//! The ВСОКО plan as data: an organisation, an academic year and its items.

use super::period::Schedule;
use crate::calendar::AcademicYear;
use crate::calendar::Date;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// What an item assesses: the three objects of the ВСОКО (DOMAIN §4, «План ВСОКО на 2023/2024 учебный год»).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Object {
    /// Качество образовательных результатов.
    Results,
    /// Качество образовательного процесса.
    Process,
    /// Качество условий образовательного процесса.
    Conditions,
}

impl Object {
    /// All three, in the order of the plans the project is built from.
    pub const ALL: [Object; 3] = [Object::Results, Object::Process, Object::Conditions];

    /// The heading as «План ВСОКО на 2023/2024 учебный год» writes it.
    pub fn title_ru(self) -> &'static str {
        match self {
            Object::Results => "Качество образовательных результатов",
            Object::Process => "Качество образовательного процесса",
            Object::Conditions => "Качество условий образовательного процесса",
        }
    }

    /// The snake_case id.
    pub fn id(self) -> &'static str {
        match self {
            Object::Results => "results",
            Object::Process => "process",
            Object::Conditions => "conditions",
        }
    }

    /// Reads a heading row (`КАЧЕСТВО ОБРАЗОВАТЕЛЬНЫХ РЕЗУЛЬТАТОВ`) or an id (`results`).
    ///
    /// ```
    /// use vsoko::plan::Object;
    /// assert_eq!(Object::from_heading("КАЧЕСТВО УСЛОВИЙ ОБРАЗОВАТЕЛЬНОГО ПРОЦЕССА"), Some(Object::Conditions));
    /// assert_eq!(Object::from_heading("process"), Some(Object::Process));
    /// assert_eq!(Object::from_heading("Качество"), None);
    /// ```
    pub fn from_heading(text: &str) -> Option<Object> {
        let t = text.trim().to_lowercase();
        match t.as_str() {
            "results" => return Some(Object::Results),
            "process" => return Some(Object::Process),
            "conditions" => return Some(Object::Conditions),
            _ => {}
        }
        if !t.starts_with("качество") && !t.starts_with("оценка качества") {
            return None;
        }
        if t.contains("услови") {
            Some(Object::Conditions)
        } else if t.contains("результат") {
            Some(Object::Results)
        } else if t.contains("процесс") || t.contains("деятельност") {
            Some(Object::Process)
        } else {
            None
        }
    }
}

/// Whether an item is still to do.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Not done yet.
    #[default]
    Planned,
    /// Done (`done_on` says when).
    Done,
    /// Not going to happen.
    Cancelled,
}

/// Where an action item came from: a criterion that lost points in a scored result, or a gap
/// in pupils' results (`methodology` is then `marks` or `tasks`, `group` the kind of gap, and
/// `class` and `subject` say where).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Deficit {
    /// The methodology of the result (`index-2023`), or `marks` / `tasks`.
    pub methodology: String,
    /// The criterion (group) id, or the kind of gap (`quality_fell`, `failing`, `weak_tasks`).
    pub group: String,
    /// Points lost in it (for a gap: the fall of quality in points, the failing pupils, the
    /// weak tasks).
    pub lost: Decimal,
    /// The class of a gap in pupils' results.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub class: Option<String>,
    /// The subject of a gap in pupils' results.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
}

/// One line of the plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlanItem {
    /// Stable id within the plan (`1`, `2`, … on import).
    pub id: String,
    /// The period as the school wrote it.
    pub when: String,
    /// The period read; `None` when the text cannot be read (a `when_unparsed`,
    /// `when_outside_year`, `when_invalid_date` or `when_partly_outside_year` finding).
    #[serde(default)]
    pub schedule: Option<Schedule>,
    /// What is assessed: results, process or conditions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub object: Option<Object>,
    /// The mechanism (from the plan's vocabulary, e.g. «Циклограмма ВСОКО на 2023/24 учебный год»).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mechanism: Option<String>,
    /// What is done.
    pub content: String,
    /// What or who is assessed («Объект контроля»).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
    /// How: мониторинг, анализ, анкетирование, посещение уроков…
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub method: Option<String>,
    /// Who is responsible (roles or names).
    #[serde(default)]
    pub responsible: Vec<String>,
    /// The document it produces: справка, отчёт, приказ…
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub result: Option<String>,
    /// A planned figure (as in «План мероприятий по повышению объективности оценки качества образования» (МБОУ «Средняя школа № 1», Смоленск, 2021/22)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
    /// Planned, done or cancelled.
    #[serde(default)]
    pub status: Status,
    /// When it was done.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub done_on: Option<Date>,
    /// The id of the item this one re-controls.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub follows_up: Option<String>,
    /// The deficit this action answers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deficit: Option<Deficit>,
}

impl PlanItem {
    /// An item with only its id, period text, schedule and content; the rest empty.
    pub fn new(id: impl Into<String>, when: impl Into<String>, content: impl Into<String>) -> Self {
        PlanItem {
            id: id.into(),
            when: when.into(),
            schedule: None,
            object: None,
            mechanism: None,
            content: content.into(),
            subject: None,
            method: None,
            responsible: Vec::new(),
            result: None,
            target: None,
            status: Status::Planned,
            done_on: None,
            follows_up: None,
            deficit: None,
        }
    }
}

/// A school's ВСОКО plan for one academic year.
///
/// ```
/// let plan = vsoko::plan::Plan::from_json(r#"{"organization": "МБОУ СОШ № 1", "academic_year": "2023/24",
///   "items": [{"id": "1", "when": "январь", "content": "Анализ ВПР", "responsible": ["Зам. директора по УВР"],
///              "result": "Справка"}]}"#).unwrap();
/// assert_eq!(plan.items[0].schedule.as_ref().unwrap().months[0].to_string(), "2024-01");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Plan {
    /// The school.
    #[serde(default)]
    pub organization: String,
    /// The academic year (`2023/24`).
    pub academic_year: AcademicYear,
    /// The mechanisms the plan declares (the rows of a cyclogram); empty when it declares none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub mechanisms: Vec<String>,
    /// The items in plan order.
    pub items: Vec<PlanItem>,
}
