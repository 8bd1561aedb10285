//! The summary of a batch: how many schools at each level, mean and median total, and the
//! groups that are weakest across the whole batch.

use crate::decimal::{ROUNDING, share};
use crate::methodology::Methodology;
use crate::scoring::Scorecard;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Decimal places of the mean total (the only rounded number of a summary).
pub const MEAN_DECIMALS: u32 = 2;

/// How many of the weakest groups a summary lists.
pub const WEAKEST: usize = 3;

/// Accumulates scorecards one at a time. It keeps a count per distinct total (for an exact
/// median) and a few sums per group, never the reports, so memory stays flat as the batch grows.
///
/// ```
/// use vsoko::{Methodology, Options, Values, batch::SummaryBuilder};
/// let m = Methodology::builtin("index-2023").unwrap();
/// let mut s = SummaryBuilder::new(m);
/// for v in [r#"{"1.1.1": 3}"#, r#"{"1.1.1": 1, "1.1.2": 2}"#] {
///     s.add(&m.evaluate(&Values::from_json(v).unwrap(), Options::default()).unwrap());
/// }
/// s.fail();
/// let summary = s.finish();
/// assert_eq!((summary.schools, summary.failed), (2, 1));
/// assert_eq!(summary.median_total.unwrap().to_string(), "3");
/// ```
#[derive(Debug, Clone)]
pub struct SummaryBuilder<'m> {
    m: &'m Methodology,
    totals: BTreeMap<Decimal, usize>,
    schools: usize,
    sum: Option<Decimal>,
    levels: Vec<usize>,
    no_level: usize,
    group_points: Vec<Option<Decimal>>,
    group_max: Vec<Option<Decimal>>,
    failed: usize,
}

/// The summary of a batch.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    /// Methodology id.
    pub methodology: String,
    /// Schools scored.
    pub schools: usize,
    /// Rows that failed.
    pub failed: usize,
    /// Count per level, lowest level first (empty when the methodology has no levels).
    pub levels: Vec<LevelCount>,
    /// Mean total, rounded to [`MEAN_DECIMALS`] places; `null` for an empty batch.
    pub mean_total: Option<Decimal>,
    /// Median total (exact); `null` for an empty batch.
    pub median_total: Option<Decimal>,
    /// Lowest total.
    pub min_total: Option<Decimal>,
    /// Highest total.
    pub max_total: Option<Decimal>,
    /// The groups (without sub-groups) with the lowest share of their maximum across the batch.
    pub weakest_groups: Vec<GroupShare>,
}

/// Schools at one level.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LevelCount {
    /// Level id.
    pub level: String,
    /// Russian title.
    pub title: String,
    /// Number of schools.
    pub count: usize,
}

/// A group's share of its maximum across the batch (sum of points / sum of maxima).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GroupShare {
    /// Group id.
    pub id: String,
    /// Russian title.
    pub title: Option<String>,
    /// Share, 4 places.
    pub share: Option<Decimal>,
    /// Points of the group summed over the batch.
    pub points: Decimal,
    /// Maximum of the group summed over the batch.
    pub max: Decimal,
}

impl<'m> SummaryBuilder<'m> {
    /// An empty summary for a methodology.
    pub fn new(m: &'m Methodology) -> Self {
        SummaryBuilder {
            m,
            totals: BTreeMap::new(),
            schools: 0,
            sum: Some(Decimal::ZERO),
            levels: vec![0; m.levels().len()],
            no_level: 0,
            group_points: vec![Some(Decimal::ZERO); m.groups().len()],
            group_max: vec![Some(Decimal::ZERO); m.groups().len()],
            failed: 0,
        }
    }

    /// Adds one scored school.
    pub fn add(&mut self, card: &Scorecard) {
        *self.totals.entry(card.total).or_insert(0) += 1;
        self.schools += 1;
        self.sum = self.sum.and_then(|s| s.checked_add(card.total));
        match self.m.level_index(card.total) {
            Some(i) => {
                if let Some(c) = self.levels.get_mut(i) {
                    *c += 1;
                }
            }
            None => self.no_level += 1,
        }
        for (sum, p) in self.group_points.iter_mut().zip(&card.group_points) {
            *sum = sum.and_then(|s| s.checked_add(*p));
        }
        for (sum, p) in self.group_max.iter_mut().zip(&card.group_max) {
            *sum = sum.and_then(|s| s.checked_add(*p));
        }
    }

    /// Counts a row that failed.
    pub fn fail(&mut self) {
        self.failed += 1;
    }

    /// The mean when the plain sum of totals overflows: Σ total × (count / n), each term no
    /// larger than a total (used only for methodologies whose totals are near the decimal range).
    fn weighted_mean(&self) -> Option<Decimal> {
        let n = Decimal::from(self.schools);
        self.totals.iter().try_fold(Decimal::ZERO, |acc, (t, c)| {
            let weight = Decimal::from(*c).checked_div(n)?;
            acc.checked_add(t.checked_mul(weight)?)
        })
    }

    /// The `k`-th smallest total (0-based), walking the counts.
    fn nth_total(&self, k: usize) -> Option<Decimal> {
        if k >= self.schools {
            return None;
        }
        let mut seen = 0;
        self.totals.iter().find_map(|(t, c)| {
            seen += c;
            (seen > k).then_some(*t)
        })
    }

    /// Finishes the summary.
    pub fn finish(self) -> Summary {
        let n = self.schools;
        let mean = if n == 0 {
            None
        } else {
            self.sum
                .and_then(|s| s.checked_div(Decimal::from(n)))
                .or_else(|| self.weighted_mean())
                .map(|m| {
                    m.round_dp_with_strategy(MEAN_DECIMALS, ROUNDING)
                        .normalize()
                })
        };
        let median = match (
            self.nth_total(n.saturating_sub(1) / 2),
            self.nth_total(n / 2),
        ) {
            (Some(a), Some(b)) => Some(midpoint(a, b).normalize()),
            _ => None,
        };
        let mut weakest: Vec<GroupShare> = self
            .m
            .groups()
            .iter()
            .zip(self.group_points.iter().zip(&self.group_max))
            .filter(|(g, _)| g.children.is_empty())
            // A group whose sums left the decimal range has no exact share: it is left out.
            .filter_map(|(g, (p, mx))| {
                let (p, mx) = ((*p)?, (*mx)?);
                Some(GroupShare {
                    id: g.id.clone(),
                    title: g.title.clone(),
                    share: share(p, mx),
                    points: p.normalize(),
                    max: mx.normalize(),
                })
            })
            .filter(|g| g.share.is_some())
            .collect();
        weakest.sort_by_key(|g| g.share);
        weakest.truncate(WEAKEST);
        Summary {
            methodology: self.m.id().to_string(),
            schools: n,
            failed: self.failed,
            levels: self
                .m
                .levels()
                .iter()
                .zip(&self.levels)
                .map(|(b, &count)| LevelCount {
                    level: b.id.clone(),
                    title: b.title.clone(),
                    count,
                })
                .collect(),
            mean_total: mean,
            median_total: median,
            min_total: self.totals.keys().next().copied(),
            max_total: self.totals.keys().next_back().copied(),
            weakest_groups: weakest,
        }
    }
}

/// The exact midpoint of two totals without overflowing when their sum would.
fn midpoint(a: Decimal, b: Decimal) -> Decimal {
    if a == b {
        return a;
    }
    match a.checked_add(b) {
        Some(sum) => sum / Decimal::TWO,
        // Totals are not negative, so the difference fits.
        None => a + (b - a) / Decimal::TWO,
    }
}
