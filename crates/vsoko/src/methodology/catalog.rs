//! The catalogue: a methodology listed flat, as people and forms read it — every group and
//! every indicator with its id, official title (or `null` where the source gives none) and maximum.

use super::{Direction, LevelBand, MeasureKind, Methodology};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// A flat listing of a methodology.
///
/// ```
/// let m = vsoko::Methodology::builtin("index-2023").unwrap();
/// let c = m.catalog();
/// assert_eq!(c.groups.len(), 12);
/// assert_eq!(c.indicators.len(), 72);
/// assert_eq!(c.groups[0].title.as_deref(), Some("Образовательные результаты"));
/// assert_eq!(c.indicators[0].title, None); // the source does not name it
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Catalog {
    /// Methodology id.
    pub id: String,
    /// Official Russian title.
    pub title: String,
    /// English title.
    pub title_en: Option<String>,
    /// Short Russian name for lists and headings (the title when the data gives none).
    pub short_title: String,
    /// The document it comes from.
    pub source: Option<String>,
    /// Remarks on the data.
    pub notes: Vec<String>,
    /// Maximum total.
    pub max: Decimal,
    /// Level bands, lowest first.
    pub levels: Vec<LevelBand>,
    /// Every group in tree order.
    pub groups: Vec<CatalogGroup>,
    /// Every indicator in reading order.
    pub indicators: Vec<CatalogIndicator>,
    /// Every input a school gives, in order (the columns of a form).
    pub inputs: Vec<CatalogInput>,
}

/// A group in the catalogue.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CatalogGroup {
    /// Group id.
    pub id: String,
    /// `direction`, `criterion`, …
    pub kind: String,
    /// Official Russian title.
    pub title: Option<String>,
    /// English title.
    pub title_en: Option<String>,
    /// Parent group id.
    pub parent: Option<String>,
    /// Number of indicators under it (at any depth).
    pub indicator_count: usize,
    /// Maximum points.
    pub max: Decimal,
}

/// An indicator in the catalogue.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CatalogIndicator {
    /// Indicator id.
    pub id: String,
    /// Id of its group.
    pub group: String,
    /// Official Russian title, `null` when the source does not name it.
    pub title: Option<String>,
    /// English title.
    pub title_en: Option<String>,
    /// Its cap.
    pub max: Decimal,
    /// Whether "n/a" is allowed.
    pub not_applicable: bool,
    /// Which way its value is better in a rating (left out when more is better).
    #[serde(default, skip_serializing_if = "Direction::is_more")]
    pub direction: Direction,
}

impl Methodology {
    /// The flat catalogue of this methodology.
    pub fn catalog(&self) -> Catalog {
        let spec = self.spec();
        let groups = self
            .groups()
            .iter()
            .enumerate()
            .map(|(pos, g)| CatalogGroup {
                id: g.id.clone(),
                kind: g.kind.clone(),
                title: g.title.clone(),
                title_en: g.title_en.clone(),
                parent: g
                    .parent
                    .and_then(|p| self.groups().get(p))
                    .map(|p| p.id.clone()),
                indicator_count: self.indicators_under(pos),
                max: g.max,
            })
            .collect();
        let indicators = self
            .indicators()
            .iter()
            .map(|i| CatalogIndicator {
                id: i.id.clone(),
                group: self
                    .groups()
                    .get(i.group)
                    .map(|g| g.id.clone())
                    .unwrap_or_default(),
                title: i.title.clone(),
                title_en: i.title_en.clone(),
                max: i.cap,
                not_applicable: i.not_applicable,
                direction: i.direction,
            })
            .collect();
        let inputs = self
            .inputs()
            .iter()
            .enumerate()
            .map(|(pos, i)| CatalogInput {
                id: i.id.clone(),
                title: i.title.clone(),
                title_en: i.title_en.clone(),
                kind: i.kind,
                min: i.min,
                max: i.max,
                not_applicable: i.not_applicable,
                hint_ru: String::new(),
                indicators: self
                    .indicators()
                    .iter()
                    .filter(|ind| ind.rule.reads().contains(&pos))
                    .map(|ind| ind.id.clone())
                    .collect(),
            })
            .map(|mut c: CatalogInput| {
                c.hint_ru = c.hint();
                c
            })
            .collect();
        Catalog {
            id: spec.id.clone(),
            title: spec.title.clone(),
            title_en: spec.title_en.clone(),
            short_title: self.short_title().to_string(),
            source: spec.source.clone(),
            notes: spec.notes.clone(),
            max: self.max(),
            levels: spec.levels.clone(),
            groups,
            indicators,
            inputs,
        }
    }

    /// How many indicators a group holds at any depth.
    pub fn indicators_under(&self, group: usize) -> usize {
        self.groups().get(group).map_or(0, |g| {
            g.indicators.len()
                + g.children
                    .iter()
                    .map(|&c| self.indicators_under(c))
                    .sum::<usize>()
        })
    }
}

/// An input in the catalogue: what a form asks for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CatalogInput {
    /// Input id (for a version-1 methodology, the indicator id).
    pub id: String,
    /// Russian title, `null` when the source gives none.
    pub title: Option<String>,
    /// English title.
    pub title_en: Option<String>,
    /// `points`, `count`, `number` or `yes_no`.
    pub kind: MeasureKind,
    /// Least value (0 for points and counts).
    pub min: Option<Decimal>,
    /// Greatest value.
    pub max: Option<Decimal>,
    /// Whether "n/a" is allowed.
    pub not_applicable: bool,
    /// Ids of the indicators whose rules read it.
    pub indicators: Vec<String>,
    /// What a form accepts, in Russian (`целое число от 0 до 5; «н/п», если не применимо`):
    /// the prompt of the Excel form and the page alike.
    pub hint_ru: String,
}

impl CatalogInput {
    /// What a form accepts, in Russian.
    ///
    /// ```
    /// let m = vsoko::Methodology::builtin("nok-2019").unwrap();
    /// let c = m.catalog();
    /// let channels = c.inputs.iter().find(|i| i.id == "1.2.channels").unwrap();
    /// assert_eq!(channels.hint_ru, "целое число от 0 до 5");
    /// ```
    fn hint(&self) -> String {
        let range = |lo: Option<Decimal>, hi: Option<Decimal>| match (lo, hi) {
            (Some(lo), Some(hi)) => format!(" от {lo} до {hi}"),
            (Some(lo), None) => format!(" от {lo}"),
            (None, Some(hi)) => format!(" до {hi}"),
            (None, None) => String::new(),
        };
        let mut text = match self.kind {
            MeasureKind::Points => format!("баллы{}", range(self.min, self.max)),
            MeasureKind::Count => format!("целое число{}", range(self.min, self.max)),
            MeasureKind::Number => format!("число{}", range(self.min, self.max)),
            MeasureKind::YesNo => "да или нет".to_string(),
        };
        if self.not_applicable {
            text.push_str("; «н/п», если не применимо");
        }
        text
    }
}
