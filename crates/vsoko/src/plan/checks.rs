//! The checks a deputy head (завуч) makes of a ВСОКО plan by eye, returned as data.
//!
//! | code | severity | what |
//! |---|---|---|
//! | `when_unparsed` | error | the period of an item cannot be read |
//! | `when_outside_year` | error | the period lies outside the academic year |
//! | `when_invalid_date` | error | the period names a day its month does not have (`31.02.2024`) |
//! | `when_partly_outside_year` | error | a part of the period lies outside the academic year (`сентябрь 2023, январь 2030`) |
//! | `responsible_missing` | error | nobody is responsible for an item |
//! | `result_missing` | error | an item names no resulting document |
//! | `follows_up_unknown` | error | `follows_up` names no item of the plan |
//! | `selfexam_missing` | error | no self-examination item in January–April (the report is due 20 April, order No. 462) |
//! | `no_recontrol` | error | an item ends in recommendations and no later item re-controls it |
//! | `month_uncovered` | warning | a month of September–June has no item |
//! | `object_uncovered` | warning | an object (results, process, conditions) has no item in a school quarter |
//! | `mechanism_uncovered` | warning | a mechanism the plan declares is never used |
//! | `mechanism_unknown` | warning | an item's mechanism is not one the plan declares |
//! | `vpr_analysis_missing` | warning | no analysis of the ВПР |
//! | `gia_analysis_missing` | warning | no analysis of the ГИА (ОГЭ, ЕГЭ) results |
//! | `objectivity_missing` | warning | no comparison of internal marks with external results («План мероприятий по повышению объективности оценки качества образования» (МБОУ «Средняя школа № 1», Смоленск, 2021/22), 6.4) |
//! | `recontrol_not_later` | warning | a re-control is scheduled before the item it follows up |
//! | `responsible_overloaded` | warning | one person has more than N items in a month |
//! | `overdue` | warning | with an "as of" date: planned, every scheduled month is over, not done |

use super::model::{Object, Plan, PlanItem, Status};
use super::period::{PeriodProblem, Schedule, ScheduleKind};
use crate::calendar::{AcademicYear, Date, YearMonth};
use crate::finding::Severity;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap, HashSet};

pub use crate::finding::{Code, Finding};

/// The outcome of checking a plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanCheck {
    /// No findings at all.
    pub complete: bool,
    /// Whether any finding is an error.
    pub has_errors: bool,
    /// Everything found, in the order checked.
    pub findings: Vec<Finding>,
}

/// What the checks take besides the plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CheckOptions {
    /// The date to judge `overdue` by; none skips that check.
    pub as_of: Option<Date>,
    /// More items than this for one person in one month is `responsible_overloaded`.
    pub max_items_per_month: usize,
}

impl Default for CheckOptions {
    fn default() -> Self {
        CheckOptions {
            as_of: None,
            max_items_per_month: super::DEFAULT_MAX_ITEMS_PER_MONTH,
        }
    }
}

/// School quarters (четверти) by months.
const QUARTERS: [(&str, &[u8]); 4] = [
    ("I", &[9, 10]),
    ("II", &[11, 12]),
    ("III", &[1, 2, 3]),
    ("IV", &[4, 5]),
];

struct Checker<'p> {
    plan: &'p Plan,
    findings: Vec<Finding>,
}

impl Checker<'_> {
    fn push(
        &mut self,
        code: Code,
        severity: Severity,
        item: Option<&str>,
        field: Option<String>,
        ru: String,
        en: String,
    ) {
        let place = crate::finding::Place {
            item: item.map(ToString::to_string),
            field,
            ..crate::finding::Place::default()
        };
        self.findings
            .push(Finding::new(code, severity, place, en, ru));
    }
}

/// The months an item covers (all twelve for `throughout`, none for an event or unread period).
pub(crate) fn covered(item: &PlanItem, all: &[YearMonth]) -> Vec<YearMonth> {
    match &item.schedule {
        Some(Schedule {
            kind: ScheduleKind::Months,
            months,
        }) => months.clone(),
        Some(Schedule {
            kind: ScheduleKind::Throughout,
            ..
        }) => all.to_vec(),
        _ => Vec::new(),
    }
}

/// The independent assessment of conditions is held at least once in this many years.
const NOK_YEARS: i32 = 3;

fn text_of(item: &PlanItem) -> String {
    [
        Some(item.content.as_str()),
        item.subject.as_deref(),
        item.result.as_deref(),
        item.mechanism.as_deref(),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" ")
    .to_lowercase()
}

impl Plan {
    /// Checks the plan; every finding names its item or field.
    ///
    /// ```
    /// use vsoko::plan::{CheckOptions, Plan};
    /// let plan = Plan::from_json(r#"{"academic_year": "2023/24", "items": [
    ///   {"id": "1", "when": "когда-нибудь", "content": "Анализ ВПР", "responsible": [], "result": "Справка"}]}"#).unwrap();
    /// let check = plan.check(CheckOptions::default());
    /// let codes: Vec<&str> = check.findings.iter().map(|f| f.code.as_str()).collect();
    /// assert!(codes.contains(&"when_unparsed") && codes.contains(&"responsible_missing"));
    /// assert!(check.has_errors);
    /// ```
    pub fn check(&self, options: CheckOptions) -> PlanCheck {
        let mut c = Checker {
            plan: self,
            findings: Vec::new(),
        };
        c.items();
        c.coverage();
        c.fixed_points();
        c.recontrol();
        c.nok();
        c.load(options.max_items_per_month);
        if let Some(as_of) = options.as_of {
            c.overdue(as_of);
        }
        let has_errors = c.findings.iter().any(|f| f.severity == Severity::Error);
        PlanCheck {
            complete: c.findings.is_empty(),
            has_errors,
            findings: c.findings,
        }
    }
}

impl Checker<'_> {
    /// What is wrong with an item's period, if anything, as a finding.
    fn period(&mut self, item: &PlanItem) {
        let (first, last) = self.plan.years();
        let inside = |m: &YearMonth| AcademicYear::of(*m).is_some_and(|y| first <= y && y <= last);
        let (span_ru, span_en) = if first == last {
            (
                format!("{first} учебного года"),
                format!("the academic year {first}"),
            )
        } else {
            (
                format!("{first}–{last} учебных годов"),
                format!("the academic years {first}–{last}"),
            )
        };
        let id = Some(item.id.as_str());
        let problem = match &item.schedule {
            None => Schedule::parse_in(&item.when, first, last).err(),
            Some(s) if s.months.iter().any(|m| !inside(m)) => Some(PeriodProblem::OutsideYear),
            Some(_) => None,
        };
        match problem {
            None => {}
            Some(PeriodProblem::Unparsed) => self.push(
                Code::WhenUnparsed,
                Severity::Error,
                id,
                Some("when".into()),
                format!("пункт {}: срок «{}» не удаётся прочитать как месяц, период, «в течение года» или событие", item.id, item.when),
                format!("item {}: the period \"{}\" is not a month, a range, \"all year\" or an event", item.id, item.when),
            ),
            Some(PeriodProblem::OutsideYear) => self.push(
                Code::WhenOutsideYear,
                Severity::Error,
                id,
                Some("when".into()),
                format!(
                    "пункт {}: срок «{}» вне {span_ru}",
                    item.id, item.when
                ),
                format!(
                    "item {}: the period \"{}\" lies outside {span_en}",
                    item.id, item.when
                ),
            ),
            Some(PeriodProblem::InvalidDate) => self.push(
                Code::WhenInvalidDate,
                Severity::Error,
                id,
                Some("when".into()),
                format!(
                    "пункт {}: в сроке «{}» указана несуществующая дата (такого дня или месяца нет)",
                    item.id, item.when
                ),
                format!(
                    "item {}: the period \"{}\" names a date that does not exist (no such day or month)",
                    item.id, item.when
                ),
            ),
            Some(PeriodProblem::PartlyOutsideYear) => self.push(
                Code::WhenPartlyOutsideYear,
                Severity::Error,
                id,
                Some("when".into()),
                format!(
                    "пункт {}: часть срока «{}» вне {span_ru}",
                    item.id, item.when
                ),
                format!(
                    "item {}: part of the period \"{}\" lies outside {span_en}",
                    item.id, item.when
                ),
            ),
        }
    }

    fn items(&mut self) {
        let ids: HashSet<&str> = self.plan.items.iter().map(|i| i.id.as_str()).collect();
        let mechanisms: HashSet<&str> = self.plan.mechanisms.iter().map(String::as_str).collect();
        for item in &self.plan.items {
            let id = Some(item.id.as_str());
            self.period(item);
            if item.responsible.iter().all(|r| r.trim().is_empty()) {
                self.push(
                    Code::ResponsibleMissing,
                    Severity::Error,
                    id,
                    Some("responsible".into()),
                    format!("пункт {}: не указан ответственный", item.id),
                    format!("item {}: nobody is responsible", item.id),
                );
            }
            if item.result.as_deref().is_none_or(|r| r.trim().is_empty()) {
                self.push(
                    Code::ResultMissing,
                    Severity::Error,
                    id,
                    Some("result".into()),
                    format!(
                        "пункт {}: не указан итоговый документ (справка, отчёт, приказ…)",
                        item.id
                    ),
                    format!(
                        "item {}: no resulting document (a report, an order…)",
                        item.id
                    ),
                );
            }
            if let Some(target) = &item.follows_up
                && !ids.contains(target.as_str())
            {
                self.push(
                    Code::FollowsUpUnknown,
                    Severity::Error,
                    id,
                    Some("follows_up".into()),
                    format!("пункт {}: повторный контроль ссылается на пункт «{target}», которого нет в плане", item.id),
                    format!("item {}: follows_up names item \"{target}\", which the plan does not have", item.id),
                );
            }
            if let Some(mech) = &item.mechanism
                && !self.plan.mechanisms.is_empty()
                && !mechanisms.contains(mech.as_str())
            {
                self.push(
                    Code::MechanismUnknown,
                    Severity::Warning,
                    id,
                    Some("mechanism".into()),
                    format!(
                        "пункт {}: механизма «{mech}» нет в перечне механизмов плана",
                        item.id
                    ),
                    format!(
                        "item {}: the mechanism \"{mech}\" is not one the plan declares",
                        item.id
                    ),
                );
            }
        }
    }

    fn coverage(&mut self) {
        let all = self.plan.academic_year.months();
        let mut by_month: BTreeMap<YearMonth, usize> = BTreeMap::new();
        for item in &self.plan.items {
            for m in covered(item, &all) {
                *by_month.entry(m).or_default() += 1;
            }
        }
        for m in all.iter().filter(|m| !matches!(m.month(), 7 | 8)) {
            if !by_month.contains_key(m) {
                self.push(
                    Code::MonthUncovered,
                    Severity::Warning,
                    None,
                    Some(m.to_string()),
                    format!(
                        "на {} {} года в плане нет ни одного пункта",
                        m.name_ru(),
                        m.year()
                    ),
                    format!("no item is planned for {m}"),
                );
            }
        }
        if self.plan.items.iter().any(|i| i.object.is_some()) {
            // Which object is assessed in which quarter: one pass over the items.
            let mut hit = [[false; QUARTERS.len()]; Object::ALL.len()];
            for i in &self.plan.items {
                let Some(o) = i
                    .object
                    .and_then(|o| Object::ALL.iter().position(|x| *x == o))
                else {
                    continue;
                };
                for m in covered(i, &all) {
                    for (q, (_, months)) in QUARTERS.iter().enumerate() {
                        if months.contains(&m.month())
                            && let Some(cell) = hit.get_mut(o).and_then(|r| r.get_mut(q))
                        {
                            *cell = true;
                        }
                    }
                }
            }
            for (o, object) in Object::ALL.into_iter().enumerate() {
                for (q, (quarter, _)) in QUARTERS.iter().enumerate() {
                    if !hit.get(o).and_then(|r| r.get(q)).copied().unwrap_or(false) {
                        self.push(
                            Code::ObjectUncovered,
                            Severity::Warning,
                            None,
                            Some(object.id().into()),
                            format!(
                                "в {quarter} четверти нет пунктов по объекту «{}»",
                                object.title_ru()
                            ),
                            format!("no item assesses {} in quarter {quarter}", object.id()),
                        );
                    }
                }
            }
        }
        let used: HashSet<&str> = self
            .plan
            .items
            .iter()
            .filter_map(|i| i.mechanism.as_deref())
            .collect();
        for mech in &self.plan.mechanisms {
            if !used.contains(mech.as_str()) {
                self.push(
                    Code::MechanismUncovered,
                    Severity::Warning,
                    None,
                    Some(mech.clone()),
                    format!("механизм «{mech}» заявлен, но ни один пункт плана его не использует"),
                    format!("the mechanism \"{mech}\" is declared but no item uses it"),
                );
            }
        }
    }

    fn fixed_points(&mut self) {
        let all = self.plan.academic_year.months();
        let objectivity = |t: &str| {
            t.contains("объективн")
                || ((t.contains("сравн") || t.contains("сопостав"))
                    && (t.contains("внутренн") || t.contains("отметок") || t.contains("оценок")))
        };
        // One pass, each item's text lowered once and not kept; stops when all four are found.
        let (mut selfexam, mut vpr, mut gia, mut objective) = (false, false, false, false);
        for item in &self.plan.items {
            if selfexam && vpr && gia && objective {
                break;
            }
            let t = text_of(item);
            selfexam = selfexam
                || (t.contains("самообследован")
                    && (covered(item, &all)
                        .iter()
                        .any(|m| (1..=4).contains(&m.month()))
                        || item
                            .schedule
                            .as_ref()
                            .is_some_and(|s| s.kind == ScheduleKind::Event)));
            vpr = vpr || t.contains("впр");
            gia = gia || t.contains("гиа") || t.contains("огэ") || t.contains("егэ");
            objective = objective || objectivity(&t);
        }
        if !selfexam {
            self.push(
                Code::SelfexamMissing,
                Severity::Error,
                None,
                None,
                "в январе–апреле нет пункта о самообследовании: отчёт размещается до 20 апреля (приказ № 462)".into(),
                "no self-examination item in January–April: the report is due 20 April (order No. 462)".into(),
            );
        }
        if !vpr {
            self.push(
                Code::VprAnalysisMissing,
                Severity::Warning,
                None,
                None,
                "в плане нет анализа результатов ВПР".into(),
                "the plan has no analysis of the all-Russian test papers (VPR)".into(),
            );
        }
        if !gia {
            self.push(
                Code::GiaAnalysisMissing,
                Severity::Warning,
                None,
                None,
                "в плане нет анализа результатов ГИА (ОГЭ, ЕГЭ)".into(),
                "the plan has no analysis of the state final examinations (GIA: OGE, EGE)".into(),
            );
        }
        if !objective {
            self.push(
                Code::ObjectivityMissing,
                Severity::Warning,
                None,
                None,
                "в плане нет сопоставления внутренних оценок с результатами внешних процедур (объективность)".into(),
                "the plan does not compare internal marks with external results (objectivity)".into(),
            );
        }
    }

    /// The rhythm of the independent assessment of conditions (НОК): at least once in three
    /// years (Федеральный закон № 273-ФЗ, ст. 95.2; «План мероприятий по повышению
    /// объективности…»: «один раз в три года»). Judged from the plan's `last_nok`.
    fn nok(&mut self) {
        let Some(last) = self.plan.last_nok else {
            return;
        };
        let (_, until) = self.plan.years();
        let end = Date::new(until.start() + 1, 8, 31);
        let due = last.plus_years(NOK_YEARS);
        if due.is_none_or(|d| end.is_some_and(|e| d > e)) {
            return;
        }
        let planned = self.plan.items.iter().any(|i| {
            let t = text_of(i);
            t.contains("нок")
                || (t.contains("независим") && t.contains("оценк"))
                || i.deficit
                    .as_ref()
                    .is_some_and(|d| d.methodology.starts_with("nok"))
        });
        if !planned {
            let day = |d: Date| format!("{:02}.{:02}.{}", d.day(), d.month(), d.year());
            self.push(
                Code::NokDueUnplanned,
                Severity::Warning,
                None,
                Some("last_nok".into()),
                format!(
                    "последняя независимая оценка качества условий (НОК) — {}; к концу года пройдёт три года, а в плане нет пункта о подготовке к ней",
                    day(last)
                ),
                format!(
                    "the last independent assessment of conditions (NOK) was on {last}: three years pass by the plan's end and no item prepares the next one"
                ),
            );
        }
    }

    fn recontrol(&mut self) {
        let all = self.plan.academic_year.months();
        // The items that follow each one up, in plan order: one pass, not one per item.
        let mut followers_of: HashMap<&str, Vec<&PlanItem>> = HashMap::new();
        for i in &self.plan.items {
            if let Some(target) = i.follows_up.as_deref() {
                followers_of.entry(target).or_default().push(i);
            }
        }
        for item in &self.plan.items {
            let recommends = item
                .result
                .as_deref()
                .is_some_and(|r| r.to_lowercase().contains("рекомендац"));
            let followers: &[&PlanItem] = followers_of
                .get(item.id.as_str())
                .map_or(&[], Vec::as_slice);
            if recommends && followers.is_empty() {
                self.push(
                    Code::NoRecontrol,
                    Severity::Error,
                    Some(&item.id),
                    Some("result".into()),
                    format!("пункт {}: итог — рекомендации, но в плане нет повторного контроля их выполнения", item.id),
                    format!("item {}: it ends in recommendations but no later item re-controls them", item.id),
                );
            }
            let first = covered(item, &all).first().copied();
            for &f in followers {
                let last = covered(f, &all).last().copied();
                if let (Some(first), Some(last)) = (first, last)
                    && last <= first
                {
                    self.push(
                        Code::RecontrolNotLater,
                        Severity::Warning,
                        Some(&f.id),
                        Some("when".into()),
                        format!("пункт {}: повторный контроль пункта {} запланирован не позже самого пункта", f.id, item.id),
                        format!("item {}: the re-control of item {} is not scheduled after it", f.id, item.id),
                    );
                }
            }
        }
    }

    fn load(&mut self, max: usize) {
        let mut counts: HashMap<(&str, YearMonth), usize> = HashMap::new();
        for item in &self.plan.items {
            if item.status == Status::Cancelled {
                continue;
            }
            let Some(Schedule {
                kind: ScheduleKind::Months,
                months,
            }) = &item.schedule
            else {
                continue;
            };
            for r in &item.responsible {
                for m in months {
                    *counts.entry((r.trim(), *m)).or_default() += 1;
                }
            }
        }
        // Only the overloaded are sorted (by person, then month), not every count.
        let mut over: Vec<((&str, YearMonth), usize)> = counts
            .into_iter()
            .filter(|((who, _), n)| *n > max && !who.is_empty())
            .collect();
        over.sort_unstable();
        for ((who, m), n) in over {
            self.push(
                Code::ResponsibleOverloaded,
                Severity::Warning,
                None,
                Some(m.to_string()),
                format!(
                    "{who}: {} в {m} (больше {max})",
                    crate::output::russian::count(n, crate::output::russian::ITEMS)
                ),
                format!("\"{who}\": {n} items in {m} (more than {max})"),
            );
        }
    }

    fn overdue(&mut self, as_of: Date) {
        let Some(now) = YearMonth::new(as_of.year(), as_of.month()) else {
            return;
        };
        for item in &self.plan.items {
            if !matches!(item.status, Status::Planned | Status::Moved) {
                continue;
            }
            let months = super::completion::due_months(item);
            if months.last().is_some_and(|last| *last < now) {
                self.push(
                    Code::Overdue,
                    Severity::Warning,
                    Some(&item.id),
                    Some("status".into()),
                    format!(
                        "пункт {}: срок «{}» прошёл, пункт не отмечен выполненным",
                        item.id, item.when
                    ),
                    format!(
                        "item {}: its period \"{}\" is over and it is not marked done",
                        item.id, item.when
                    ),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan(items: &str) -> Plan {
        Plan::from_json(&format!(
            r#"{{"academic_year": "2023/24", "mechanisms": ["Оценка"], "items": [{items}]}}"#
        ))
        .unwrap()
    }

    /// Issue: impossible dates and years outside the plan are findings with their own codes,
    /// naming the text found in both languages.
    #[test]
    fn impossible_dates_and_years_outside_the_plan_are_findings() {
        let p = plan(
            r#"{"id": "1", "when": "31.02.2024", "content": "a", "responsible": ["Директор"], "result": "Справка"},
               {"id": "2", "when": "сентябрь 2023, январь 2030", "content": "b", "responsible": ["Директор"], "result": "Справка"},
               {"id": "3", "when": "3 четверть 2030", "content": "c", "responsible": ["Директор"], "result": "Справка"},
               {"id": "4", "when": "январь 0000", "content": "d", "responsible": ["Директор"], "result": "Справка"},
               {"id": "5", "when": "декада", "content": "e", "responsible": ["Директор"], "result": "Справка"}"#,
        );
        let check = plan_check(&p);
        let when: Vec<(&str, &str)> = check
            .findings
            .iter()
            .filter(|f| f.place.field.as_deref() == Some("when"))
            .map(|f| (f.place.item.as_deref().unwrap(), f.code.as_str()))
            .collect();
        assert_eq!(
            when,
            [
                ("1", "when_invalid_date"),
                ("2", "when_partly_outside_year"),
                ("3", "when_outside_year"),
                ("4", "when_outside_year"),
                ("5", "when_unparsed"),
            ]
        );
        let f = check
            .findings
            .iter()
            .find(|f| f.code == "when_invalid_date")
            .unwrap();
        assert!(f.message_ru.contains("«31.02.2024»"), "{}", f.message_ru);
        assert!(f.message.contains("\"31.02.2024\""), "{}", f.message);
        let f = check
            .findings
            .iter()
            .find(|f| f.code == "when_partly_outside_year")
            .unwrap();
        assert!(f.message.contains("\"сентябрь 2023, январь 2030\""));
    }

    fn plan_check(p: &Plan) -> PlanCheck {
        p.check(CheckOptions {
            as_of: "2024-06-10".parse().ok(),
            max_items_per_month: 0,
        })
    }

    /// Issue: Russian only in Russian messages — an English message has no Cyrillic outside the
    /// quoted text it names.
    #[test]
    fn english_messages_are_english() {
        let p = plan(
            r#"{"id": "1", "when": "январь", "content": "Анализ", "mechanism": "Другое", "responsible": ["Директор"], "result": "рекомендации"},
               {"id": "2", "when": "сентябрь", "content": "b", "responsible": [], "follows_up": "1"},
               {"id": "3", "when": "когда-нибудь", "content": "c", "responsible": ["Директор"], "follows_up": "9"}"#,
        );
        let check = plan_check(&p);
        assert!(check.findings.len() >= 10, "{:?}", check.findings);
        for f in &check.findings {
            let outside_quotes: String =
                f.message.split('"').step_by(2).collect::<Vec<_>>().concat();
            assert!(
                !outside_quotes
                    .chars()
                    .any(|c| ('а'..='я').contains(&c.to_lowercase().next().unwrap_or(c))),
                "{}: {}",
                f.code,
                f.message
            );
        }
    }
}
