//! One school's result in a batch, and the one list of result columns every front end writes:
//! the CLI's CSV, JSON Lines and XLSX, and Python's frames. A column has a stable id (what
//! scripts read) and a Russian title (what people read); a cell is worked out here, once.
//!
//! The columns, in order: `school`, `municipality` and `period` (when the input has them),
//! `total`, `max`, `share` (total / max, 4 places), `level` (its id), `level_title`, one
//! column per group id, then `position` and `percentile` when the batch is ranked.

use super::Rank;
use crate::methodology::Methodology;
use crate::scoring::Scorecard;
use rust_decimal::Decimal;

/// What a result column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Field {
    /// The school's name.
    School,
    /// The municipality.
    Municipality,
    /// The period.
    Period,
    /// Total points.
    Total,
    /// The maximum total (not-applicable indicators removed).
    Max,
    /// `total / max` to [`crate::decimal::SHARE_DECIMALS`] places; empty when the maximum is 0.
    Share,
    /// The level's id.
    Level,
    /// The level's Russian title.
    LevelTitle,
    /// The points of the group at this position in [`Methodology::groups`].
    Group(usize),
    /// The place in the batch (1 = best).
    Position,
    /// The percentile rank in the batch.
    Percentile,
}

/// One result column: its stable id, its Russian title and what it holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResultColumn {
    /// Stable id, e.g. `total` or a group id such as `1.1`.
    pub id: String,
    /// Russian title, e.g. «Итого баллов» or «1.1 Условия (макс. 20)».
    pub title: String,
    /// What the column holds.
    pub field: Field,
}

/// Which optional columns a batch's results have.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Shape {
    /// The input has a `municipality` column.
    pub municipality: bool,
    /// The input has a `period` column.
    pub period: bool,
    /// Schools are ranked (`position`, `percentile`).
    pub ranked: bool,
}

/// The fixed columns, by id and Russian title.
const FIXED: [(Field, &str, &str); 10] = [
    (Field::School, "school", "Организация"),
    (Field::Municipality, "municipality", "Муниципалитет"),
    (Field::Period, "period", "Период"),
    (Field::Total, "total", "Итого баллов"),
    (Field::Max, "max", "Максимум"),
    (Field::Share, "share", "Доля от максимума"),
    (Field::Level, "level", "Уровень (код)"),
    (Field::LevelTitle, "level_title", "Уровень"),
    (Field::Position, "position", "Место"),
    (Field::Percentile, "percentile", "Процентиль"),
];

/// The result columns of a batch scored with `m`, in order.
///
/// ```
/// use vsoko::batch::{Shape, result_columns};
/// let m = vsoko::Methodology::builtin("nocko-1547").unwrap();
/// let cols = result_columns(m, Shape { period: true, ..Shape::default() });
/// let ids: Vec<&str> = cols.iter().map(|c| c.id.as_str()).take(8).collect();
/// assert_eq!(ids, ["school", "period", "total", "max", "share", "level", "level_title", "I"]);
/// assert_eq!(cols[2].title, "Итого баллов");
/// ```
pub fn result_columns(m: &Methodology, shape: Shape) -> Vec<ResultColumn> {
    let fixed = |field: Field| {
        FIXED
            .iter()
            .find(|(f, ..)| *f == field)
            .map(|&(field, id, title)| ResultColumn {
                id: id.into(),
                title: title.into(),
                field,
            })
    };
    let mut fields = vec![Field::School];
    if shape.municipality {
        fields.push(Field::Municipality);
    }
    if shape.period {
        fields.push(Field::Period);
    }
    fields.extend([
        Field::Total,
        Field::Max,
        Field::Share,
        Field::Level,
        Field::LevelTitle,
    ]);
    let mut cols: Vec<ResultColumn> = fields.into_iter().filter_map(fixed).collect();
    cols.extend(m.groups().iter().enumerate().map(|(i, g)| ResultColumn {
        id: g.id.clone(),
        title: heading(&g.id, g.title.as_deref(), g.max),
        field: Field::Group(i),
    }));
    if shape.ranked {
        cols.extend(
            [Field::Position, Field::Percentile]
                .into_iter()
                .filter_map(fixed),
        );
    }
    cols
}

/// A Russian heading for a group or an indicator: id, official title when the source gives
/// one, maximum (`1.1 Условия (макс. 20)`).
pub fn heading(id: &str, title: Option<&str>, max: Decimal) -> String {
    match title {
        Some(t) => format!("{id} {t} (макс. {max})"),
        None => format!("{id} (макс. {max})"),
    }
}

/// One school's result in a batch.
#[derive(Debug, Clone, PartialEq)]
pub struct ResultRow {
    /// The school's name, when the input names schools.
    pub school: Option<String>,
    /// The municipality, when the input has one.
    pub municipality: Option<String>,
    /// The period, when the input has one.
    pub period: Option<String>,
    /// The points.
    pub card: Scorecard,
    /// The place in the batch, once ranked.
    pub rank: Option<Rank>,
}

/// One cell of a result row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResultCell<'a> {
    /// Text (names, level ids and titles).
    Text(&'a str),
    /// An exact number.
    Number(Decimal),
    /// A count (the position).
    Count(usize),
    /// Nothing: no name, no level, no share of a zero maximum, not ranked.
    Empty,
}

impl ResultRow {
    /// The row's cell in a column of [`result_columns`].
    ///
    /// ```
    /// use vsoko::batch::{Field, ResultCell, ResultRow};
    /// let m = vsoko::Methodology::builtin("nocko-1547").unwrap();
    /// let values = vsoko::Values::from_json(r#"{"1.1": 7, "2.7": "n/a"}"#).unwrap();
    /// let card = m.evaluate(&values, vsoko::Options::default()).unwrap();
    /// let row = ResultRow { school: Some("Школа № 5".into()), municipality: None, period: None, card, rank: None };
    /// assert_eq!(row.cell(m, Field::Share).to_string(), "0.07");
    /// assert_eq!(row.cell(m, Field::Position), ResultCell::Empty);
    /// ```
    pub fn cell<'a>(&'a self, m: &'a Methodology, field: Field) -> ResultCell<'a> {
        let text = |s: Option<&'a str>| s.map_or(ResultCell::Empty, ResultCell::Text);
        let number = |d: Option<Decimal>| d.map_or(ResultCell::Empty, ResultCell::Number);
        let card = &self.card;
        match field {
            Field::School => text(self.school.as_deref()),
            Field::Municipality => text(self.municipality.as_deref()),
            Field::Period => text(self.period.as_deref()),
            Field::Total => ResultCell::Number(card.total),
            Field::Max => ResultCell::Number(card.max),
            Field::Share => number(crate::decimal::share(card.total, card.max)),
            Field::Level => text(m.level_of(card.total).map(|l| l.id.as_str())),
            Field::LevelTitle => text(m.level_of(card.total).map(|l| l.title.as_str())),
            Field::Group(g) => number(card.group_points.get(g).copied()),
            Field::Position => self
                .rank
                .map_or(ResultCell::Empty, |r| ResultCell::Count(r.position)),
            Field::Percentile => number(self.rank.map(|r| r.percentile)),
        }
    }
}

impl ResultRow {
    /// The row as one CSV record (without its line end) in the given columns, into `line`.
    ///
    /// ```
    /// use vsoko::batch::{ResultRow, Shape, result_columns};
    /// let m = vsoko::Methodology::builtin("nocko-1547").unwrap();
    /// let values = vsoko::Values::from_json(r#"{"1.1": 7}"#).unwrap();
    /// let card = m.evaluate(&values, vsoko::Options::default()).unwrap();
    /// let row = ResultRow { school: Some("=Школа".into()), municipality: None, period: None, card, rank: None };
    /// let columns = result_columns(m, Shape::default());
    /// let mut line = vsoko::output::csv::Line::new();
    /// row.write_csv(m, &columns, &mut line);
    /// assert!(line.as_str().contains(",7,") && !line.as_str().starts_with('='), "{}", line.as_str());
    /// ```
    pub fn write_csv<'c>(
        &self,
        m: &Methodology,
        columns: impl IntoIterator<Item = &'c ResultColumn>,
        line: &mut crate::output::csv::Line,
    ) {
        line.clear();
        for c in columns {
            match self.cell(m, c.field) {
                ResultCell::Text(t) => line.text(t),
                ResultCell::Number(d) => line.number(d),
                ResultCell::Count(n) => line.number(n),
                ResultCell::Empty => line.text(""),
            };
        }
    }

    /// The row as one JSON Lines object in the given columns: numbers as strings, the group
    /// columns under `groups`, an empty cell as `null`.
    ///
    /// ```
    /// use vsoko::batch::{ResultRow, Shape, result_columns};
    /// let m = vsoko::Methodology::builtin("nocko-1547").unwrap();
    /// let values = vsoko::Values::from_json(r#"{"1.1": 7}"#).unwrap();
    /// let card = m.evaluate(&values, vsoko::Options::default()).unwrap();
    /// let row = ResultRow { school: None, municipality: None, period: None, card, rank: None };
    /// let json = row.to_json(m, &result_columns(m, Shape::default()));
    /// assert_eq!(json["total"], "7");
    /// assert!(json["groups"].is_object() && json["level"].is_null() == m.levels().is_empty());
    /// ```
    pub fn to_json<'c>(
        &self,
        m: &Methodology,
        columns: impl IntoIterator<Item = &'c ResultColumn>,
    ) -> serde_json::Value {
        use serde_json::Value as J;
        let mut groups = serde_json::Map::new();
        let mut obj = serde_json::Map::new();
        for c in columns {
            let value = match self.cell(m, c.field) {
                ResultCell::Text(t) => J::from(t),
                ResultCell::Number(d) => J::from(d.to_string()),
                ResultCell::Count(n) => J::from(n),
                ResultCell::Empty => J::Null,
            };
            if let Field::Group(_) = c.field {
                groups.insert(c.id.clone(), value);
            } else {
                obj.insert(c.id.clone(), value);
            }
        }
        obj.insert("groups".into(), groups.into());
        J::Object(obj)
    }
}

impl std::fmt::Display for ResultCell<'_> {
    /// The cell as CSV and JSON write it (an empty cell as nothing).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ResultCell::Text(t) => f.write_str(t),
            ResultCell::Number(d) => write!(f, "{d}"),
            ResultCell::Count(n) => write!(f, "{n}"),
            ResultCell::Empty => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_has_one_id_and_title() {
        let m = Methodology::builtin("index-2023").unwrap();
        let all = Shape {
            municipality: true,
            period: true,
            ranked: true,
        };
        let cols = result_columns(m, all);
        assert_eq!(cols.len(), FIXED.len() + m.groups().len());
        let mut ids: Vec<&str> = cols.iter().map(|c| c.id.as_str()).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), cols.len(), "ids are unique");
        assert_eq!(cols.last().map(|c| c.id.as_str()), Some("percentile"));
    }
}
