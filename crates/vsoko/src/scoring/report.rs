//! The full result of scoring one school: what the CLI, Python and JS show and serialize.

use super::{Scorecard, Slot};
use crate::decimal::{percent, share};
use crate::methodology::Indicator;
use crate::methodology::{Given, Methodology, Rule};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// One school's result. Decimals are exact and serialize as strings (`"97.5"`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Report {
    /// Methodology id, e.g. `index-2023`.
    pub methodology: String,
    /// The school, when the input named it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub school: Option<String>,
    /// The period, when the input named it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<String>,
    /// Sum of all points.
    pub total: Decimal,
    /// Maximum total (not-applicable indicators removed).
    pub max: Decimal,
    /// `total / max`, 4 places; `null` when nothing applies.
    pub share: Option<Decimal>,
    /// `total / max` as a percentage with one decimal, rounded once from the exact ratio (the
    /// figure people read: `79.5`); `null` when nothing applies.
    #[serde(default)]
    pub percent: Option<Decimal>,
    /// Level id (`high`, `medium`, `low`), `null` when the methodology has no levels.
    pub level: Option<String>,
    /// Russian title of the level.
    pub level_title: Option<String>,
    /// Every group in tree order.
    pub groups: Vec<GroupResult>,
    /// Every indicator in reading order.
    pub indicators: Vec<IndicatorResult>,
    /// Ids of indicators with no value (counted as 0).
    pub missing: Vec<String>,
    /// Ids of indicators marked not applicable.
    pub not_applicable: Vec<String>,
    /// Where the points were lost, most first.
    pub deficits: Deficits,
}

/// A group's result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GroupResult {
    /// Group id, e.g. `1.1`.
    pub id: String,
    /// `direction`, `criterion`, …
    pub kind: String,
    /// Official Russian title.
    pub title: Option<String>,
    /// Parent group id.
    pub parent: Option<String>,
    /// Points.
    pub points: Decimal,
    /// Maximum (not-applicable indicators removed).
    pub max: Decimal,
    /// `points / max`, 4 places; `null` when nothing applies.
    pub share: Option<Decimal>,
    /// `points / max` as a percentage with one decimal, rounded once from the exact ratio;
    /// `null` when nothing applies.
    #[serde(default)]
    pub percent: Option<Decimal>,
    /// `max - points`.
    pub lost: Decimal,
    /// Whether the group has no child groups (it holds the indicators: where a school starts
    /// to win points back).
    #[serde(default)]
    pub leaf: bool,
}

/// An indicator's result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IndicatorResult {
    /// Indicator id, e.g. `1.1.3`.
    pub id: String,
    /// Id of its group.
    pub group: String,
    /// Official Russian title (`null` when the source does not name it).
    pub title: Option<String>,
    /// Points.
    pub points: Decimal,
    /// Its cap, or 0 when not applicable.
    pub max: Decimal,
    /// Scored, missing or not applicable.
    pub status: Status,
    /// The inputs its rule read; left out when the indicator's value is its points.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub inputs: Vec<InputResult>,
    /// How the points came from the inputs, in neutral notation (`12 / 15 × 100 = 80`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub how: Option<String>,
}

/// One input as a rule read it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InputResult {
    /// Input id.
    pub id: String,
    /// The number given (yes = 1, no = 0); `null` when missing or n/a.
    pub value: Option<Decimal>,
    /// Given, missing or not applicable.
    pub status: Status,
}

/// What happened to an indicator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// A value was given and checked.
    Scored,
    /// No value: 0 points of its cap.
    Missing,
    /// Not applicable: out of the maximum.
    NotApplicable,
}

/// Where the points were lost, so a school sees where to act first.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Deficits {
    /// Groups that lost points, most lost first (ties in methodology order).
    pub groups: Vec<Deficit>,
    /// Indicators that lost points, most lost first (ties in methodology order).
    pub indicators: Vec<Deficit>,
}

/// Points lost by one group or indicator.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Deficit {
    /// Group or indicator id.
    pub id: String,
    /// Official Russian title.
    pub title: Option<String>,
    /// Points lost (`max - points`).
    pub lost: Decimal,
    /// Points.
    pub points: Decimal,
    /// Maximum.
    pub max: Decimal,
}

impl Report {
    /// Builds the report of a scorecard.
    pub fn build(m: &Methodology, card: &Scorecard) -> Report {
        let mut report = Report::head(m, card);
        report.groups = m
            .groups()
            .iter()
            .zip(card.group_points.iter().zip(&card.group_max))
            .map(|(g, (&points, &max))| GroupResult {
                id: g.id.clone(),
                kind: g.kind.clone(),
                title: g.title.clone(),
                parent: g
                    .parent
                    .and_then(|p| m.groups().get(p))
                    .map(|p| p.id.clone()),
                points,
                max,
                share: share(points, max),
                percent: percent(points, max),
                lost: (max - points).normalize(),
                leaf: g.children.is_empty(),
            })
            .collect();
        report.indicators = m
            .indicators()
            .iter()
            .zip(&card.slots)
            .map(|(ind, slot)| IndicatorResult {
                id: ind.id.clone(),
                group: m
                    .groups()
                    .get(ind.group)
                    .map(|g| g.id.clone())
                    .unwrap_or_default(),
                title: ind.title.clone(),
                points: slot.points(),
                max: if *slot == Slot::NotApplicable {
                    Decimal::ZERO
                } else {
                    ind.cap
                },
                status: match slot {
                    Slot::Scored(_) => Status::Scored,
                    Slot::Missing => Status::Missing,
                    Slot::NotApplicable => Status::NotApplicable,
                },
                inputs: shown_inputs(m, ind, card),
                how: how(ind, card, *slot),
            })
            .collect();
        let ids_with = |status: Status| {
            report
                .indicators
                .iter()
                .filter(|i| i.status == status)
                .map(|i| i.id.clone())
                .collect::<Vec<_>>()
        };
        report.missing = ids_with(Status::Missing);
        report.not_applicable = ids_with(Status::NotApplicable);
        report.deficits = Deficits {
            groups: deficits(
                report
                    .groups
                    .iter()
                    .map(|g| (&g.id, &g.title, g.points, g.max)),
            ),
            indicators: deficits(
                report
                    .indicators
                    .iter()
                    .map(|i| (&i.id, &i.title, i.points, i.max)),
            ),
        };
        report
    }

    /// The report's head only: methodology, total, max, share and level, with the long parts
    /// (groups, indicators, missing, not applicable, deficits) left empty. For front ends that
    /// build those only when they are read.
    ///
    /// ```
    /// use vsoko::{Methodology, Options, Report, Values};
    /// let m = Methodology::builtin("nocko-1547").unwrap();
    /// let card = m.evaluate(&Values::from_json(r#"{"1.1": 10}"#).unwrap(), Options::default()).unwrap();
    /// let head = Report::head(m, &card);
    /// assert_eq!(head.total, Report::build(m, &card).total);
    /// assert!(head.groups.is_empty());
    /// ```
    pub fn head(m: &Methodology, card: &Scorecard) -> Report {
        Report::head_of(m, card.total, card.max)
    }

    /// [`Report::head`] from a total and its maximum (a table row's, say).
    pub fn head_of(m: &Methodology, total: Decimal, max: Decimal) -> Report {
        let level = m.level_of(total);
        Report {
            methodology: m.id().to_string(),
            school: None,
            period: None,
            total,
            max,
            share: share(total, max),
            percent: percent(total, max),
            level: level.map(|l| l.id.clone()),
            level_title: level.map(|l| l.title.clone()),
            groups: Vec::new(),
            indicators: Vec::new(),
            missing: Vec::new(),
            not_applicable: Vec::new(),
            deficits: Deficits::default(),
        }
    }

    /// The report as pretty JSON (decimals as strings).
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// A group's result by id.
    pub fn group(&self, id: &str) -> Option<&GroupResult> {
        self.groups.iter().find(|g| g.id == id)
    }

    /// An indicator's result by id.
    pub fn indicator(&self, id: &str) -> Option<&IndicatorResult> {
        self.indicators.iter().find(|i| i.id == id)
    }
}

/// The inputs an indicator's rule read, unless its value is simply its points.
fn shown_inputs(m: &Methodology, ind: &Indicator, card: &Scorecard) -> Vec<InputResult> {
    if is_own_points(m, ind) {
        return Vec::new();
    }
    ind.rule
        .reads()
        .into_iter()
        .filter_map(|pos| {
            let input = m.inputs().get(pos)?;
            let (value, status) = match card.inputs.get(pos)? {
                Given::Number(x) => (Some(*x), Status::Scored),
                Given::Missing => (None, Status::Missing),
                Given::NotApplicable => (None, Status::NotApplicable),
            };
            Some(InputResult {
                id: input.id.clone(),
                value,
                status,
            })
        })
        .collect()
}

fn is_own_points(m: &Methodology, ind: &Indicator) -> bool {
    matches!(&ind.rule, Rule::Points(r) if m.inputs().get(r.input).is_some_and(|i| i.id == ind.id))
}

fn how(ind: &Indicator, card: &Scorecard, slot: Slot) -> Option<String> {
    if !matches!(slot, Slot::Scored(_)) {
        return None;
    }
    let n = |i: usize| match card.inputs.get(i) {
        Some(Given::Number(x)) => *x,
        _ => Decimal::ZERO,
    };
    // The rule's own result, then the declared rounding when it changed it.
    let raw = ind.rule.points(ind.cap, &n).ok().flatten()?;
    let shown = if raw.scale() > 6 {
        format!("{}…", raw.trunc_with_scale(6))
    } else {
        raw.to_string()
    };
    let text = ind.rule.explain(&n, &shown)?;
    Some(if raw == slot.points() {
        text
    } else {
        format!("{text} → {}", slot.points())
    })
}

fn deficits<'a>(
    items: impl Iterator<Item = (&'a String, &'a Option<String>, Decimal, Decimal)>,
) -> Vec<Deficit> {
    let mut out: Vec<Deficit> = items
        .filter(|(_, _, points, max)| max > points)
        .map(|(id, title, points, max)| Deficit {
            id: id.clone(),
            title: title.clone(),
            lost: (max - points).normalize(),
            points,
            max,
        })
        .collect();
    // Stable: ties keep the methodology's order.
    out.sort_by_key(|d| std::cmp::Reverse(d.lost));
    out
}
