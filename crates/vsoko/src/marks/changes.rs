//! What changed between consecutive periods (I → II quarter, I → II half): every figure of a
//! class × subject, the pupils who left the excellent and good lists or joined the failing one,
//! and a finding where quality fell by at least a threshold — the school's own threshold (10
//! points unless it says otherwise), not a federal rule.

use super::account::ClassAccount;
use super::figures::GroupRow;
use super::period::Period;
use crate::finding::{Code, Finding, Place, Severity};
use crate::output::russian;
use rust_decimal::Decimal;
use serde::Serialize;
use std::collections::HashMap;

/// The default fall of quality, in percentage points, that is worth a finding.
pub const DEFAULT_QUALITY_DROP: Decimal = Decimal::TEN;

/// A class × subject from one period to the next.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GroupChange {
    /// School, when the table names it.
    pub school: Option<String>,
    /// Class.
    pub class: String,
    /// Subject.
    pub subject: String,
    /// Teacher, when the table names one.
    pub teacher: Option<String>,
    /// The earlier period's id.
    pub from: &'static str,
    /// The later period's id.
    pub to: &'static str,
    /// Change of успеваемость, percentage points (of the 2-place figures people see).
    pub success_pct: Option<Decimal>,
    /// Change of качество знаний, percentage points.
    pub quality_pct: Option<Decimal>,
    /// Change of СОУ, percentage points.
    pub sou_pct: Option<Decimal>,
    /// Change of the mean mark.
    pub mean: Option<Decimal>,
}

/// A class's pupils from one period to the next.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ClassChange {
    /// School, when the table names it.
    pub school: Option<String>,
    /// Class.
    pub class: String,
    /// The earlier period's id.
    pub from: &'static str,
    /// The later period's id.
    pub to: &'static str,
    /// Excellent or good before, neither now (in the earlier period's order).
    pub left_good: Vec<String>,
    /// Failing now, not before.
    pub became_failing: Vec<String>,
}

/// The period that follows `p` in the same kind of period, if any.
fn next(p: Period) -> Option<Period> {
    match p {
        Period::Quarter(n) if n < 4 => Some(Period::Quarter(n + 1)),
        Period::Half(1) => Some(Period::Half(2)),
        _ => None,
    }
}

fn delta(a: Option<Decimal>, b: Option<Decimal>) -> Option<Decimal> {
    Some(b? - a?)
}

/// The changes of every class × subject and class between consecutive periods, and the
/// findings of quality that fell by at least `drop` points.
pub(super) fn changes(
    groups: &[GroupRow],
    classes: &[ClassAccount],
    drop: Decimal,
) -> (Vec<GroupChange>, Vec<ClassChange>, Vec<Finding>) {
    let mut out = Vec::new();
    let mut findings = Vec::new();
    let by_key: HashMap<_, &GroupRow> = groups
        .iter()
        .map(|g| ((&g.school, &g.class, &g.subject, &g.teacher, g.period), g))
        .collect();
    for a in groups {
        let Some(to) = Period::parse(a.period).and_then(next) else {
            continue;
        };
        let Some(&b) = by_key.get(&(&a.school, &a.class, &a.subject, &a.teacher, to.id())) else {
            continue;
        };
        let (fa, fb) = (&a.figures, &b.figures);
        let change = GroupChange {
            school: a.school.clone(),
            class: a.class.clone(),
            subject: a.subject.clone(),
            teacher: a.teacher.clone(),
            from: a.period,
            to: b.period,
            success_pct: delta(fa.success_pct, fb.success_pct),
            quality_pct: delta(fa.quality_pct, fb.quality_pct),
            sou_pct: delta(fa.sou_pct, fb.sou_pct),
            mean: delta(fa.mean, fb.mean),
        };
        if let Some(d) = change.quality_pct.filter(|d| -*d >= drop) {
            findings.push(fell(&change, d, drop));
        }
        out.push(change);
    }
    let mut class_changes = Vec::new();
    let by_class: HashMap<_, &ClassAccount> = classes
        .iter()
        .map(|c| ((&c.school, &c.class, c.period), c))
        .collect();
    for a in classes {
        let Some(to) = Period::parse(a.period).and_then(next) else {
            continue;
        };
        let Some(&b) = by_class.get(&(&a.school, &a.class, to.id())) else {
            continue;
        };
        let good = |c: &ClassAccount, p: &String| c.excellent.contains(p) || c.good.contains(p);
        let failing = |c: &ClassAccount, p: &str| c.failing.iter().any(|f| f.pupil == p);
        class_changes.push(ClassChange {
            school: a.school.clone(),
            class: a.class.clone(),
            from: a.period,
            to: b.period,
            left_good: a
                .excellent
                .iter()
                .chain(&a.good)
                .filter(|p| !good(b, p))
                .cloned()
                .collect(),
            became_failing: b
                .failing
                .iter()
                .filter(|f| !failing(a, &f.pupil))
                .map(|f| f.pupil.clone())
                .collect(),
        });
    }
    (out, class_changes, findings)
}

fn fell(c: &GroupChange, d: Decimal, drop: Decimal) -> Finding {
    let (from, to) = (
        Period::parse(c.from).map_or(c.from, Period::ru),
        Period::parse(c.to).map_or(c.to, Period::ru),
    );
    let teacher_en = c
        .teacher
        .as_deref()
        .map_or_else(String::new, |t| format!(", teacher {t}"));
    let teacher_ru = c
        .teacher
        .as_deref()
        .map_or_else(String::new, |t| format!(", учитель {t}"));
    Finding::new(
        Code::QualityFell,
        Severity::Warning,
        Place::field(format!("{} {}", c.class, c.subject)),
        format!(
            "{} {}{teacher_en}: quality fell by {} points from {} to {} (the school's threshold: {drop})",
            c.class, c.subject, -d, c.from, c.to
        ),
        format!(
            "{} {}{teacher_ru}: качество знаний снизилось на {} п. п. ({} → {}; порог школы — {} п. п.)",
            c.class,
            c.subject,
            russian::number(-d),
            from,
            to,
            russian::number(drop)
        ),
    )
}
