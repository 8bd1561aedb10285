//! Scored schools collected one at a time and rated: what every front end (the CLI, Python,
//! the service) does with a table of schools.

use super::measure::Measure;
use super::rate::{Rating, RatingOptions, Unit, rate};
use super::relative::{PointsTotal, relative_total};
use crate::error::Result;
use crate::methodology::{Direction, Methodology};
use crate::scoring::Scorecard;
use rust_decimal::Decimal;

/// Schools rated by a measure of one methodology, taken one scorecard at a time.
///
/// ```
/// use vsoko::rating::{PointsTotal, Rater, RatingOptions};
/// use vsoko::{Methodology, Options, Values};
/// let m = Methodology::builtin("nocko-1547").unwrap();
/// let mut rater = Rater::new(m, "1.1", Some(PointsTotal::Mean)).unwrap();
/// for (row, (school, v)) in [("А", "2"), ("Б", "4")].into_iter().enumerate() {
///     let card = m.evaluate(&Values::from_json(&format!(r#"{{"1.1": {v}}}"#)).unwrap(), Options::new()).unwrap();
///     rater.add(row + 2, school, Some("Энск".into()), None, vec![], &card);
/// }
/// let options = RatingOptions { relative: false, context: vec![], bands: 4, ..rater.options() };
/// let r = rater.finish(&options).unwrap();
/// assert_eq!(r.measure, "1.1/relative-mean");
/// assert_eq!(r.units[1].value.to_string(), "50");
/// assert_eq!(r.units[0].school, "Б");
/// ```
pub struct Rater<'m> {
    m: &'m Methodology,
    measure: Measure,
    points_total: Option<PointsTotal>,
    covered: Vec<usize>,
    units: Vec<Unit>,
    /// Per covered indicator, each unit's points (with a total over relative points).
    columns: Vec<Vec<Decimal>>,
}

impl<'m> Rater<'m> {
    /// A rater by `by` (`total`, a group id or an indicator id); with `points_total` a school's
    /// value is the sum or mean of its relative points on the indicators `by` covers.
    ///
    /// # Errors
    /// As [`Measure::parse`].
    pub fn new(
        m: &'m Methodology,
        by: &str,
        points_total: Option<PointsTotal>,
    ) -> Result<Rater<'m>> {
        let measure = Measure::parse(m, by)?;
        let covered = if points_total.is_some() {
            measure.indicators(m)
        } else {
            Vec::new()
        };
        Ok(Rater {
            m,
            measure,
            points_total,
            columns: vec![Vec::new(); covered.len()],
            covered,
            units: Vec::new(),
        })
    }

    /// The measure's name (`total`, an id, or `<by>/relative-sum|mean`) and direction, with
    /// no relative points, context or bands: fill those in.
    pub fn options(&self) -> RatingOptions {
        let name = self.measure.name(self.m);
        let (measure, direction) = match self.points_total {
            Some(t) => (format!("{name}/relative-{}", t.as_str()), Direction::More),
            None => (name, self.measure.direction(self.m)),
        };
        RatingOptions {
            measure,
            direction,
            relative: false,
            context: Vec::new(),
            bands: 4,
        }
    }

    /// Adds a scored school: the row it came from, its names and its context values (aligned
    /// with the options' context columns).
    pub fn add(
        &mut self,
        row: usize,
        school: &str,
        municipality: Option<String>,
        region: Option<String>,
        context: Vec<String>,
        card: &Scorecard,
    ) {
        for (column, i) in self.columns.iter_mut().zip(&self.covered) {
            column.push(card.slots.get(*i).map(|s| s.points()).unwrap_or_default());
        }
        self.units.push(Unit {
            row,
            school: school.to_string(),
            municipality,
            region,
            context,
            value: self.measure.value(card),
        });
    }

    /// How many schools were added.
    pub fn len(&self) -> usize {
        self.units.len()
    }

    /// Whether none was.
    pub fn is_empty(&self) -> bool {
        self.units.is_empty()
    }

    /// The rating.
    ///
    /// # Errors
    /// As [`rate`] and [`relative_total`].
    pub fn finish(mut self, options: &RatingOptions) -> Result<Rating> {
        if let Some(total) = self.points_total {
            let columns: Vec<(&str, Direction, Vec<Decimal>)> = self
                .covered
                .iter()
                .zip(std::mem::take(&mut self.columns))
                .filter_map(|(i, values)| {
                    let ind = self.m.indicators().get(*i)?;
                    Some((ind.id.as_str(), ind.direction, values))
                })
                .collect();
            let values = relative_total(&columns, total)?;
            for (u, v) in self.units.iter_mut().zip(values) {
                u.value = v;
            }
        }
        rate(&self.units, options)
    }
}
