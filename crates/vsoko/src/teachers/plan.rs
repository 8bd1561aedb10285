//! The register in the ВСОКО plan: each attestation and training due in the plan's year becomes
//! an item (who, what, by when, the responsible), as «Циклограмма ВСОКО на 2023/24 учебный
//! год» plans them under «По системе обеспечения профессионального развития педагогических
//! работников»; and a plan is checked for due ones it lacks.

use super::status::{Kind, Status};
use crate::calendar::{Date, YearMonth};
use crate::finding::{Code, Finding, Place, Severity};
use crate::plan::{Object, Plan, PlanItem, Schedule};

/// The mechanism «Циклограмма ВСОКО на 2023/24 учебный год» plans attestation and training by.
pub const MECHANISM: &str =
    "По системе обеспечения профессионального развития педагогических работников";
/// Who the cyclogram makes responsible for them.
pub const RESPONSIBLE: &str = "Заместитель директора по УВР";

fn ru(d: Date) -> String {
    format!("{:02}.{:02}.{}", d.day(), d.month(), d.year())
}

/// A text as compared: lower case, `ё` as `е`.
fn key(text: &str) -> String {
    text.to_lowercase().replace('ё', "е")
}

fn item_id(kind: Kind, name: &str) -> String {
    match kind {
        Kind::Attestation => format!("attestation: {name}"),
        Kind::Training => format!("training: {name}"),
    }
}

/// The due dates that fall in the plan's year: (teacher, kind, due, month of the item). One
/// overdue before the plan's first month goes to that month.
fn in_year(plan: &Plan, status: &Status) -> Vec<(String, Kind, Date, YearMonth)> {
    let months = plan.academic_year.months();
    let (Some(first), Some(last)) = (months.first().copied(), months.last().copied()) else {
        return Vec::new();
    };
    let mut out: Vec<(String, Kind, Date, YearMonth)> = status
        .teachers
        .iter()
        .flat_map(|t| {
            [
                (Kind::Attestation, t.attestation_due),
                (Kind::Training, t.training_due),
            ]
            .into_iter()
            .filter_map(|(kind, due)| {
                let due = due?;
                let m = YearMonth::new(due.year(), due.month())?;
                let month = m.max(first);
                (month <= last).then(|| (t.name.clone(), kind, due, month))
            })
        })
        .collect();
    out.sort_by(|a, b| (a.2, a.1, &a.0).cmp(&(b.2, b.1, &b.0)));
    out
}

/// The plan with an item for each attestation and training due in its year (an item with the
/// same id is replaced, so doing it again changes nothing).
///
/// ```
/// use vsoko::calendar::Date;
/// use vsoko::plan::Plan;
/// use vsoko::teachers::{Register, Rules, unplanned, with_due_items};
/// let t = |c: &[&str]| c.iter().map(|s| s.to_string()).collect::<Vec<_>>();
/// let header = t(&["ФИО", "Категория", "Дата присвоения", "Курсы ПК: дата окончания"]);
/// let rows = vec![(2, t(&["Иванова Мария Петровна", "высшая", "15.03.2020", "20.05.2022"]))];
/// let rules = Rules::builtin().unwrap();
/// let status = Register::from_table(rules, "", &header, rows).unwrap().status(rules, Date::new(2024, 9, 1).unwrap());
/// let plan = Plan::from_json(r#"{"academic_year": "2024/25", "items": []}"#).unwrap();
/// assert_eq!(unplanned(&plan, &status).len(), 2);
/// let plan = with_due_items(plan, &status);
/// assert_eq!(plan.items.len(), 2); // attestation in March 2025, training in May 2025
/// assert!(plan.items[0].content.contains("Иванова Мария Петровна"));
/// assert!(unplanned(&plan, &status).is_empty());
/// ```
pub fn with_due_items(mut plan: Plan, status: &Status) -> Plan {
    for (name, kind, due, month) in in_year(&plan, status) {
        let late = due < status.as_of || YearMonth::new(due.year(), due.month()) != Some(month);
        let when = if late {
            format!("срок истёк {}", ru(due))
        } else {
            format!("срок — до {}", ru(due))
        };
        let content = match kind {
            Kind::Attestation => format!("Прохождение аттестации: {name}, {when}"),
            Kind::Training => format!("Повышение квалификации (курсы ПК): {name}, {when}"),
        };
        let mut item = PlanItem::new(
            item_id(kind, &name),
            format!("{} {}", month.name_ru(), month.year()),
            content,
        );
        item.schedule = Some(Schedule::months(vec![month]));
        item.object = Some(Object::Conditions);
        item.mechanism = Some(MECHANISM.into());
        item.subject = Some(name.clone());
        item.responsible = vec![RESPONSIBLE.into()];
        item.result = Some("Приказ".into());
        match plan.items.iter_mut().find(|i| i.id == item.id) {
            Some(old) => *old = item,
            None => plan.items.push(item),
        }
    }
    plan
}

/// A warning for each attestation or training due in the plan's year that no item names: an
/// item covers it when its text names the teacher (by surname) and the kind (аттестация; курсы
/// or квалификация).
pub fn unplanned(plan: &Plan, status: &Status) -> Vec<Finding> {
    let texts: Vec<String> = plan
        .items
        .iter()
        .map(|i| {
            key(&format!(
                "{} {}",
                i.content,
                i.subject.as_deref().unwrap_or_default()
            ))
        })
        .collect();
    in_year(plan, status)
        .into_iter()
        .filter(|(name, kind, ..)| {
            let surname = key(name.split_whitespace().next().unwrap_or_default());
            !texts.iter().any(|t| {
                t.contains(&surname)
                    && match kind {
                        Kind::Attestation => t.contains("аттестац"),
                        Kind::Training => t.contains("квалификац") || t.contains("курс"),
                    }
            })
        })
        .map(|(name, kind, due, month)| {
            Finding::new(
                Code::TeacherDueUnplanned,
                Severity::Warning,
                Place {
                    field: Some(name.clone()),
                    ..Place::field(month.to_string())
                },
                format!(
                    "{name}: the {} due by {due} has no plan item",
                    match kind {
                        Kind::Attestation => "attestation",
                        Kind::Training => "training",
                    }
                ),
                format!("{name}: {} до {} — нет пункта в плане", kind.ru(), ru(due)),
            )
        })
        .collect()
}
