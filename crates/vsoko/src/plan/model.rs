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

    /// Reads a heading row (`КАЧЕСТВО ОБРАЗОВАТЕЛЬНЫХ РЕЗУЛЬТАТОВ`) or an id (`results`). The
    /// objects of the newer ВСОКО models are read too: «Оценка уровня организации рабочих
    /// процессов» and its kin, and the blocks of criteria («II. Блок критериев качества
    /// образовательных результатов»), as the webinar «Внутренняя система оценки качества
    /// образования в школе: опыт и новые решения» (ИРО ПК) names them.
    ///
    /// ```
    /// use vsoko::plan::Object;
    /// assert_eq!(Object::from_heading("КАЧЕСТВО УСЛОВИЙ ОБРАЗОВАТЕЛЬНОГО ПРОЦЕССА"), Some(Object::Conditions));
    /// assert_eq!(Object::from_heading("process"), Some(Object::Process));
    /// assert_eq!(Object::from_heading("Оценка уровня организации рабочих процессов"), Some(Object::Process));
    /// assert_eq!(Object::from_heading("Оценка уровня создания условий достижения результатов"), Some(Object::Conditions));
    /// assert_eq!(Object::from_heading("I. Блок критериев качества образовательной деятельности"), Some(Object::Process));
    /// assert_eq!(Object::from_heading("IV. Блок критериев контекстных показателей"), None);
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
        // A block's numbering (`II.`) is not part of its name.
        let t = match t.split_once(". ") {
            Some((n, rest)) if n.chars().all(|c| matches!(c, 'i' | 'v' | 'x' | '0'..='9')) => {
                rest.to_string()
            }
            _ => t,
        };
        if ![
            "качество",
            "оценка качества",
            "оценка уровня",
            "блок критериев качества",
        ]
        .iter()
        .any(|p| t.starts_with(p))
        {
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

/// Where an item stands: still to do, done, marked not done, moved to a later date, or
/// cancelled. `done`, `not_done` and `moved` are marks a person makes (`vsoko plan mark`); the
/// completion view counts `done` against every item due.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Not done yet, not marked.
    #[default]
    Planned,
    /// Done (`done_on` says when).
    Done,
    /// Marked not done at its time (`note` says why).
    NotDone,
    /// Moved to `moved_to` (still to do, due then).
    Moved,
    /// Not going to happen.
    Cancelled,
}

impl Status {
    /// The snake_case id (`not_done`).
    pub fn id(self) -> &'static str {
        match self {
            Status::Planned => "planned",
            Status::Done => "done",
            Status::NotDone => "not_done",
            Status::Moved => "moved",
            Status::Cancelled => "cancelled",
        }
    }

    /// In Russian, as a plan's «Отметка о выполнении» column writes it.
    pub fn ru(self) -> &'static str {
        match self {
            Status::Planned => "запланировано",
            Status::Done => "выполнено",
            Status::NotDone => "не выполнено",
            Status::Moved => "перенесено",
            Status::Cancelled => "отменено",
        }
    }
}

/// What a measure did to the gap it answered, judged at re-control: the gap is gone, smaller,
/// the same, or larger.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// Nothing is lost any more.
    Closed,
    /// Less is lost than before.
    Narrowed,
    /// As much is lost as before.
    Unchanged,
    /// More is lost than before.
    Widened,
}

impl Outcome {
    /// Every outcome, best first.
    pub const ALL: [Outcome; 4] = [
        Outcome::Closed,
        Outcome::Narrowed,
        Outcome::Unchanged,
        Outcome::Widened,
    ];

    /// The outcome of a gap `before` and `after` (points lost, or pupils, or tasks).
    ///
    /// ```
    /// use rust_decimal::Decimal;
    /// use vsoko::plan::Outcome;
    /// assert_eq!(Outcome::of(Decimal::TEN, Decimal::ZERO), Outcome::Closed);
    /// assert_eq!(Outcome::of(Decimal::TEN, Decimal::ONE), Outcome::Narrowed);
    /// assert_eq!(Outcome::of(Decimal::ONE, Decimal::ONE), Outcome::Unchanged);
    /// assert_eq!(Outcome::of(Decimal::ONE, Decimal::TEN), Outcome::Widened);
    /// ```
    pub fn of(before: Decimal, after: Decimal) -> Outcome {
        if after <= Decimal::ZERO {
            Outcome::Closed
        } else if after < before {
            Outcome::Narrowed
        } else if after == before {
            Outcome::Unchanged
        } else {
            Outcome::Widened
        }
    }

    /// The snake_case id (`closed`).
    pub fn id(self) -> &'static str {
        match self {
            Outcome::Closed => "closed",
            Outcome::Narrowed => "narrowed",
            Outcome::Unchanged => "unchanged",
            Outcome::Widened => "widened",
        }
    }

    /// In Russian: «устранён», «сократился», «не изменился», «вырос» (of a «разрыв»).
    pub fn ru(self) -> &'static str {
        match self {
            Outcome::Closed => "устранён",
            Outcome::Narrowed => "сократился",
            Outcome::Unchanged => "не изменился",
            Outcome::Widened => "вырос",
        }
    }

    /// Whether the measure worked (the gap closed or narrowed).
    pub fn worked(self) -> bool {
        matches!(self, Outcome::Closed | Outcome::Narrowed)
    }
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
    /// When it was done (or marked not done).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub done_on: Option<Date>,
    /// The date a moved item is now due on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub moved_to: Option<Date>,
    /// A note made with the mark (why not done, why moved).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// The item of last year's plan this one carries over (its id there).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub carried_from: Option<String>,
    /// At re-control: what the measure it re-controls did to the gap.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub effect: Option<Outcome>,
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
            moved_to: None,
            note: None,
            carried_from: None,
            effect: None,
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
    /// The academic year (`2023/24`); for a plan over several years, the first.
    pub academic_year: AcademicYear,
    /// For a plan over several years («май 2020 – май 2025»), the last; items keep their whole
    /// span and [`Plan::in_year`] gives the part in one year.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until_year: Option<AcademicYear>,
    /// The day of the school's last independent assessment of conditions (НОК): `plan check`
    /// warns when it is three years old by the plan's end and no item plans the next one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_nok: Option<Date>,
    /// The mechanisms the plan declares (the rows of a cyclogram); empty when it declares none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub mechanisms: Vec<String>,
    /// The items in plan order.
    pub items: Vec<PlanItem>,
}

impl Plan {
    /// An empty plan of a school for one academic year.
    pub fn new(organization: impl Into<String>, academic_year: AcademicYear) -> Plan {
        Plan {
            organization: organization.into(),
            academic_year,
            until_year: None,
            last_nok: None,
            mechanisms: Vec::new(),
            items: Vec::new(),
        }
    }
}
