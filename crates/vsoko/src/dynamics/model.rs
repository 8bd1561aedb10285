//! What `vsoko dynamics` reports (the wire contract): periods, each school's totals, delta,
//! level change and declines, and each municipality's means, medians and levels per period.

use crate::batch::Summary;
use rust_decimal::Decimal;
use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};

/// Values by period, in period order; serialized as a JSON object.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ByPeriod<T>(pub Vec<(String, T)>);

impl<T> Default for ByPeriod<T> {
    fn default() -> Self {
        ByPeriod(Vec::new())
    }
}

impl<T> ByPeriod<T> {
    /// The value of a period.
    pub fn get(&self, period: &str) -> Option<&T> {
        self.0.iter().find(|(p, _)| p == period).map(|(_, v)| v)
    }
}

impl<T: Serialize> Serialize for ByPeriod<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            m.serialize_entry(k, v)?;
        }
        m.end()
    }
}

/// The dynamics of many schools over periods.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Dynamics {
    /// Methodology id.
    pub methodology: String,
    /// Periods, earliest first.
    pub periods: Vec<String>,
    /// Every school, in order of first appearance.
    pub schools: Vec<SchoolDynamics>,
    /// Every municipality, by name (schools without one last, as `null`).
    pub municipalities: Vec<MunicipalityDynamics>,
    /// Municipalities ranked in the last period.
    pub rating: Rating,
    /// The last period's schools rated by the measure: horizontal and vertical places,
    /// relative points, groups of similar conditions and resilient schools (with a context).
    pub ratings: Option<super::standing::PeriodRating>,
    /// The last period's relative points of every school on the total and on each group.
    pub relative: Option<super::standing::Relative>,
    /// The groups of similar conditions of the last period (with a context).
    pub groups: Vec<super::standing::ConditionGroup>,
    /// What is rated: `total` or a group id.
    #[serde(skip)]
    pub by: String,
    /// The whole input per period (levels, mean, median, weakest criteria).
    #[serde(skip)]
    pub region: ByPeriod<Summary>,
}

/// One school across periods.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SchoolDynamics {
    /// School.
    pub school: String,
    /// Municipality (of its last row).
    pub municipality: Option<String>,
    /// Total per period it appears in.
    pub totals: ByPeriod<Decimal>,
    /// Last period − previous; `null` unless it is in both.
    pub delta: Option<Decimal>,
    /// The level before and after, when it changed.
    pub level_change: Option<LevelChange>,
    /// Groups whose points fell, most first.
    pub declines: Vec<Decline>,
    /// Level id per period (for the dashboard).
    #[serde(skip)]
    pub levels: ByPeriod<Option<String>>,
    /// Group points in the last period, when the school is in it.
    #[serde(skip)]
    pub last_groups: Option<Box<[Decimal]>>,
}

/// A level change between the two last periods.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LevelChange {
    /// Level id before.
    pub from: String,
    /// Level id after.
    pub to: String,
}

/// A group whose points fell.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Decline {
    /// Group id.
    pub id: String,
    /// Points before.
    pub from: Decimal,
    /// Points after.
    pub to: Decimal,
    /// `to − from` (negative).
    pub delta: Decimal,
}

/// One municipality across periods.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MunicipalityDynamics {
    /// Name (`null` for schools without one).
    pub municipality: Option<String>,
    /// Distinct schools over all periods.
    pub schools: usize,
    /// Mean total per period, 2 places.
    pub mean: ByPeriod<Decimal>,
    /// Exact median total per period.
    pub median: ByPeriod<Decimal>,
    /// Schools per level id per period.
    pub levels: ByPeriod<ByPeriod<usize>>,
    /// The full summary per period (weakest criteria for the dashboard).
    #[serde(skip)]
    pub summaries: ByPeriod<Summary>,
}

/// Municipalities ranked in one period by the mean total or the mean points of one group.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Rating {
    /// The period (the last one).
    pub period: Option<String>,
    /// `total` or a group id.
    pub by: String,
    /// Places, best first; equal values share a place.
    pub places: Vec<Place>,
}

/// A municipality's place.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Place {
    /// Municipality.
    pub municipality: Option<String>,
    /// 1 = best; ties share a place ("1, 2, 2, 4").
    pub place: usize,
    /// Mean of what is rated, 2 places.
    pub value: Decimal,
}

impl Dynamics {
    /// Schools whose total fell between the two last periods, the largest fall first.
    ///
    /// ```
    /// # use vsoko::dynamics::Dynamics;
    /// # fn f(d: &Dynamics) { let worst = d.declined().first().map(|s| &s.school); }
    /// ```
    pub fn declined(&self) -> Vec<&SchoolDynamics> {
        let mut fell: Vec<&SchoolDynamics> = self
            .schools
            .iter()
            .filter(|s| s.delta.is_some_and(|x| x < Decimal::ZERO))
            .collect();
        fell.sort_by_key(|s| s.delta);
        fell
    }
}

impl Dynamics {
    /// The schools of one municipality (`None`: those without one) ranked by their total in
    /// `period`, best first; equal totals share a place ("1, 2, 2, 4") and keep input order.
    ///
    /// ```
    /// use vsoko::{Methodology, Options, Values, dynamics::Panel};
    /// let m = Methodology::builtin("nocko-1547").unwrap();
    /// let mut p = Panel::new(m);
    /// for (row, (school, points)) in [("А", "5"), ("Б", "9"), ("В", "5")].into_iter().enumerate() {
    ///     let v = Values::from_json(&format!(r#"{{"1.1": {points}}}"#)).unwrap();
    ///     p.add("", row + 2, Some(school), Some("Энск"), Some("2024"), &m.evaluate(&v, Options::new()).unwrap());
    /// }
    /// let d = p.finish(None).unwrap();
    /// let places: Vec<_> = d.ranked_schools(Some("Энск"), "2024").iter().map(|(p, s, _)| (*p, s.school.as_str())).collect();
    /// assert_eq!(places, [(1, "Б"), (2, "А"), (2, "В")]);
    /// ```
    pub fn ranked_schools(
        &self,
        municipality: Option<&str>,
        period: &str,
    ) -> Vec<(usize, &SchoolDynamics, Decimal)> {
        let schools: Vec<(&SchoolDynamics, Decimal)> = self
            .schools
            .iter()
            .filter(|s| s.municipality.as_deref() == municipality)
            .filter_map(|s| Some((s, *s.totals.get(period)?)))
            .collect();
        let totals: Vec<Decimal> = schools.iter().map(|(_, t)| *t).collect();
        let mut ranked: Vec<(usize, &SchoolDynamics, Decimal)> = schools
            .into_iter()
            .zip(crate::batch::ranks(&totals))
            .map(|((s, t), r)| (r.position, s, t))
            .collect();
        ranked.sort_by_key(|(place, ..)| *place);
        ranked
    }
}

impl SchoolDynamics {
    /// The `n` worst declines as `1.1 (-2), 3 (-1)`.
    pub fn worst_declines(&self, n: usize) -> String {
        self.declines
            .iter()
            .take(n)
            .map(|x| format!("{} ({})", x.id, x.delta))
            .collect::<Vec<_>>()
            .join(", ")
    }
}
