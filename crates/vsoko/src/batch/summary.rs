//! The summary of a batch: how many schools at each level, mean and median total, and the
//! groups that are weakest across the whole batch.

use crate::decimal::{ROUNDING, share};
use crate::methodology::Methodology;
use crate::scoring::Scorecard;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// Decimal places of the mean total (the only rounded number of a summary).
pub const MEAN_DECIMALS: u32 = 2;

/// How many of the weakest groups a summary lists.
pub const WEAKEST: usize = 3;

/// Accumulates scorecards one at a time. It keeps one decimal per school (for the median)
/// and a few sums per group, never the reports.
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
    totals: Vec<Decimal>,
    levels: Vec<usize>,
    no_level: usize,
    group_points: Vec<Decimal>,
    group_max: Vec<Decimal>,
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
}

impl<'m> SummaryBuilder<'m> {
    /// An empty summary for a methodology.
    pub fn new(m: &'m Methodology) -> Self {
        SummaryBuilder {
            m,
            totals: Vec::new(),
            levels: vec![0; m.levels().len()],
            no_level: 0,
            group_points: vec![Decimal::ZERO; m.groups().len()],
            group_max: vec![Decimal::ZERO; m.groups().len()],
            failed: 0,
        }
    }

    /// Adds one scored school.
    pub fn add(&mut self, card: &Scorecard) {
        self.totals.push(card.total);
        match self.m.levels().iter().position(|b| b.contains(card.total)) {
            Some(i) => {
                if let Some(c) = self.levels.get_mut(i) {
                    *c += 1;
                }
            }
            None => self.no_level += 1,
        }
        for (sum, p) in self.group_points.iter_mut().zip(&card.group_points) {
            *sum += *p;
        }
        for (sum, p) in self.group_max.iter_mut().zip(&card.group_max) {
            *sum += *p;
        }
    }

    /// Counts a row that failed.
    pub fn fail(&mut self) {
        self.failed += 1;
    }

    /// The totals added so far, in order (for ranking).
    pub fn totals(&self) -> &[Decimal] {
        &self.totals
    }

    /// Finishes the summary.
    pub fn finish(mut self) -> Summary {
        let n = self.totals.len();
        let mean = (n > 0).then(|| {
            let sum: Decimal = self.totals.iter().sum();
            (sum / Decimal::from(n))
                .round_dp_with_strategy(MEAN_DECIMALS, ROUNDING)
                .normalize()
        });
        self.totals.sort_unstable();
        let median = match n {
            0 => None,
            _ if n % 2 == 1 => self.totals.get(n / 2).copied(),
            _ => match (self.totals.get(n / 2 - 1), self.totals.get(n / 2)) {
                (Some(a), Some(b)) => Some(((a + b) / Decimal::TWO).normalize()),
                _ => None,
            },
        };
        let mut weakest: Vec<GroupShare> = self
            .m
            .groups()
            .iter()
            .zip(self.group_points.iter().zip(&self.group_max))
            .filter(|(g, _)| g.children.is_empty())
            .map(|(g, (p, mx))| GroupShare {
                id: g.id.clone(),
                title: g.title.clone(),
                share: share(*p, *mx),
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
            min_total: self.totals.first().copied(),
            max_total: self.totals.last().copied(),
            weakest_groups: weakest,
        }
    }
}
