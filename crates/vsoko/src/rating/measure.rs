//! What a rating rates: the total, one group's points or one indicator's points, and which
//! way is better (the total and groups: more; an indicator as its data declares).

use crate::error::{Error, Result};
use crate::methodology::{Direction, Methodology};
use crate::reason::{InputReason, Location};
use crate::scoring::Scorecard;
use rust_decimal::Decimal;

/// What is rated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Measure {
    /// The total points.
    Total,
    /// A group's points, by its position in [`Methodology::groups`].
    Group(usize),
    /// An indicator's points, by its position in [`Methodology::indicators`].
    Indicator(usize),
}

impl Measure {
    /// The measure `total`, a group id or an indicator id names.
    ///
    /// # Errors
    /// [`Error::InvalidInput`] for a name that is none of them, listing what is.
    ///
    /// ```
    /// use vsoko::rating::Measure;
    /// let m = vsoko::Methodology::builtin("nocko-1547").unwrap();
    /// assert_eq!(Measure::parse(m, "total").unwrap(), Measure::Total);
    /// assert!(matches!(Measure::parse(m, "1.1").unwrap(), Measure::Indicator(_)));
    /// assert!(Measure::parse(m, "9.9").is_err());
    /// ```
    pub fn parse(m: &Methodology, name: &str) -> Result<Measure> {
        let name = name.trim();
        if name == "total" {
            return Ok(Measure::Total);
        }
        if let Some(g) = m.groups().iter().position(|g| g.id == name) {
            return Ok(Measure::Group(g));
        }
        if let Some(i) = m.indicators().iter().position(|i| i.id == name) {
            return Ok(Measure::Indicator(i));
        }
        Err(Error::InvalidInput {
            at: Location::Argument("by".into()),
            reason: InputReason::WrongArgument {
                expected: format!("total, a group id or an indicator id of {}", m.id()),
                expected_ru: format!("«total», код группы или показателя методики {}", m.id()),
            },
        })
    }

    /// Its name: `total` or the id.
    pub fn name(self, m: &Methodology) -> String {
        match self {
            Measure::Total => "total".into(),
            Measure::Group(g) => m.groups().get(g).map(|g| g.id.clone()).unwrap_or_default(),
            Measure::Indicator(i) => m
                .indicators()
                .get(i)
                .map(|i| i.id.clone())
                .unwrap_or_default(),
        }
    }

    /// Which way is better.
    pub fn direction(self, m: &Methodology) -> Direction {
        match self {
            Measure::Indicator(i) => m
                .indicators()
                .get(i)
                .map_or(Direction::More, |i| i.direction),
            _ => Direction::More,
        }
    }

    /// The measure's value in a school's scorecard.
    pub fn value(self, card: &Scorecard) -> Decimal {
        match self {
            Measure::Total => card.total,
            Measure::Group(g) => card.group_points.get(g).copied().unwrap_or_default(),
            Measure::Indicator(i) => card.slots.get(i).map(|s| s.points()).unwrap_or_default(),
        }
    }

    /// The indicators the measure covers, in reading order: every one for the total, a
    /// group's with its sub-groups', the one indicator.
    ///
    /// ```
    /// use vsoko::rating::Measure;
    /// let m = vsoko::Methodology::builtin("nocko-1547").unwrap();
    /// assert_eq!(Measure::Total.indicators(m).len(), m.indicators().len());
    /// assert_eq!(Measure::parse(m, "1.1").unwrap().indicators(m).len(), 1);
    /// ```
    pub fn indicators(self, m: &Methodology) -> Vec<usize> {
        match self {
            Measure::Total => (0..m.indicators().len()).collect(),
            Measure::Indicator(i) => vec![i],
            Measure::Group(g) => {
                let mut out = Vec::new();
                let mut stack = vec![g];
                while let Some(g) = stack.pop() {
                    if let Some(group) = m.groups().get(g) {
                        out.extend(group.indicators.clone());
                        stack.extend(group.children.iter().copied());
                    }
                }
                out.sort_unstable();
                out
            }
        }
    }
}
