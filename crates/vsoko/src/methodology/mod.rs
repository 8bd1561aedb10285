//! A validated methodology, flattened for fast scoring: groups in tree order and indicators
//! in reading order, with an id index.

mod aggregation;
mod bands;
mod build;
mod builtin;
mod catalog;
pub(crate) mod exact;
mod id_map;
mod inputs;
pub(crate) mod model;
pub(crate) mod plain;
mod rounding;
mod rules;
mod titles;
mod validate;

pub use crate::measure::MeasureKind;
pub use crate::reason::{BandFlaw, Flaw, Place, Problem};
pub use aggregation::{
    Aggregation, AggregationType, Combine, Part, Weights, combine, combine_exact,
};
pub use bands::{Band, PointsBand, find_band};
pub use builtin::BUILTIN;
pub use catalog::{Catalog, CatalogGroup, CatalogIndicator, CatalogInput};
pub use inputs::{Given, Input, InputSpec};
pub use model::{Direction, FORMAT_VERSION, GroupSpec, IndicatorSpec, LevelBand, MethodologySpec};
pub use rounding::{RoundAt, Rounding, RoundingMode};
pub use rules::{
    BandsRule, Fault, LinearRule, PerItemRule, PointsRule, Rule, RuleSpec, RuleType, ShareRule,
    ShareSpec, SharesMeanRule, YesNoRule,
};
pub use titles::{TitleRow, Titles};

use crate::error::{Error, Result};
use id_map::IdMap;
use rust_decimal::Decimal;
use std::ops::Range;

/// A methodology ready to score: checked, flattened, indexed.
///
/// ```
/// let m = vsoko::Methodology::builtin("index-2023").unwrap();
/// assert_eq!(m.indicators().len(), 72);
/// assert_eq!(m.max().to_string(), "143");
/// assert_eq!(m.group("1.1").unwrap().max.to_string(), "51");
/// ```
#[derive(Debug, Clone)]
pub struct Methodology {
    spec: MethodologySpec,
    groups: Vec<Group>,
    indicators: Vec<Indicator>,
    inputs: Vec<Input>,
    index: IdMap<usize>,
    indicator_index: IdMap<usize>,
    total: Combine,
    max: Decimal,
    /// The table fast lane, worked out on first use (`None` when not plain).
    plain: std::sync::OnceLock<Option<plain::Plain>>,
}

/// A group of a validated methodology.
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    /// Stable id, e.g. `1.1`.
    pub id: String,
    /// Kind in the source (`direction`, `criterion`, …).
    pub kind: String,
    /// Official Russian title, `None` when the source gives none.
    pub title: Option<String>,
    /// English title.
    pub title_en: Option<String>,
    /// Position of the parent in [`Methodology::groups`]; `None` for a top-level group.
    pub parent: Option<usize>,
    /// 0 for top-level groups.
    pub depth: usize,
    /// The maximum when every indicator applies.
    pub max: Decimal,
    /// How the children add up (weights aligned with the children).
    pub aggregation: Combine,
    /// Positions of the sub-groups in [`Methodology::groups`].
    pub children: Vec<usize>,
    /// Positions of the indicators directly in this group, in [`Methodology::indicators`].
    pub indicators: Range<usize>,
}

/// An indicator of a validated methodology.
#[derive(Debug, Clone, PartialEq)]
pub struct Indicator {
    /// Stable id, e.g. `1.1.3`.
    pub id: String,
    /// Official Russian title, `None` when the source does not name it.
    pub title: Option<String>,
    /// English title.
    pub title_en: Option<String>,
    /// The most points it gives.
    pub cap: Decimal,
    /// Whether `"n/a"` is allowed.
    pub not_applicable: bool,
    /// Which way its value is better in a rating.
    pub direction: Direction,
    /// How points come from the inputs.
    pub rule: Rule,
    /// Positions of the inputs the rule reads (see [`Rule::reads`]).
    pub reads: Vec<usize>,
    /// Position of its group in [`Methodology::groups`].
    pub group: usize,
}

impl Methodology {
    /// A built-in methodology by name: `index-2023` or `nocko-1547`.
    ///
    /// # Errors
    /// [`Error::UnknownMethodology`] for any other name.
    ///
    /// ```
    /// let m = vsoko::Methodology::builtin("nocko-1547").unwrap();
    /// assert_eq!(m.max().to_string(), "110");
    /// ```
    pub fn builtin(name: &str) -> Result<&'static Methodology> {
        builtin::get(name)
    }

    /// Reads and validates a methodology from its JSON description.
    ///
    /// # Errors
    /// [`Error::EmptyInput`], [`Error::Json`] for malformed JSON, and
    /// [`Error::InvalidMethodology`] listing every problem for a wrong shape or inconsistent data.
    ///
    /// ```
    /// let text = r#"{"format_version": 1, "id": "mini", "title": "Мини",
    ///   "groups": [{"id": "A", "kind": "criterion", "title": null,
    ///               "indicators": [{"id": "A.1", "title": null, "cap": "2"}]}]}"#;
    /// let m = vsoko::Methodology::from_json(text).unwrap();
    /// assert_eq!(m.max().to_string(), "2");
    /// ```
    pub fn from_json(text: &str) -> Result<Methodology> {
        let text = crate::input::strip_bom(text);
        if text.trim().is_empty() {
            return Err(Error::EmptyInput {
                what: crate::error::InputKind::Methodology,
            });
        }
        let spec: MethodologySpec = serde_json::from_str(text).map_err(|e| {
            if e.is_data() {
                Error::InvalidMethodology {
                    problems: vec![Problem {
                        at: Place::Json {
                            line: e.line(),
                            column: e.column(),
                        },
                        flaw: Flaw::Shape(e.to_string()),
                    }],
                }
            } else {
                Error::from(e)
            }
        })?;
        Self::from_spec(spec)
    }

    /// Validates a description and builds the methodology.
    ///
    /// # Errors
    /// [`Error::InvalidMethodology`] with every problem found.
    pub fn from_spec(spec: MethodologySpec) -> Result<Methodology> {
        let mut problems = validate::problems(&spec);
        let built = build::build(&spec, &mut problems);
        if !problems.is_empty() {
            return Err(Error::InvalidMethodology { problems });
        }
        let index = built
            .inputs
            .iter()
            .enumerate()
            .map(|(i, input)| (input.id.clone(), i))
            .collect();
        let indicator_index = built
            .indicators
            .iter()
            .enumerate()
            .map(|(i, ind)| (ind.id.clone(), i))
            .collect();
        let mut m = Methodology {
            spec,
            groups: built.groups,
            indicators: built.indicators,
            inputs: built.inputs,
            index,
            indicator_index,
            total: Combine::Sum,
            max: built.max,
            plain: std::sync::OnceLock::new(),
        };
        m.total = build::total_combine(&m);
        Ok(m)
    }

    /// The table fast lane when this methodology is plain (see `scoring::plain`).
    pub(crate) fn plain(&self) -> Option<&plain::Plain> {
        self.plain.get_or_init(|| plain::Plain::of(self)).as_ref()
    }

    /// Stable short name, e.g. `index-2023`.
    pub fn id(&self) -> &str {
        &self.spec.id
    }

    /// Official Russian title.
    pub fn title(&self) -> &str {
        &self.spec.title
    }

    /// The short Russian name for lists and headings, or the title when the data gives none.
    ///
    /// ```
    /// let m = vsoko::Methodology::builtin("nok-2019").unwrap();
    /// assert_eq!(m.short_title(), "Независимая оценка качества условий (приказы № 114 и № 344н)");
    /// ```
    pub fn short_title(&self) -> &str {
        self.spec.short_title.as_deref().unwrap_or(&self.spec.title)
    }

    /// The description this methodology was built from (serialize it to get the JSON back).
    pub fn spec(&self) -> &MethodologySpec {
        &self.spec
    }

    /// The maximum total when every indicator applies.
    pub fn max(&self) -> Decimal {
        self.max
    }

    /// Level bands, lowest first (empty when the methodology defines none).
    pub fn levels(&self) -> &[LevelBand] {
        &self.spec.levels
    }

    /// The band `total` falls into, if any.
    ///
    /// ```
    /// use rust_decimal::Decimal;
    /// let m = vsoko::Methodology::builtin("index-2023").unwrap();
    /// assert_eq!(m.level_of(Decimal::from(110)).unwrap().id, "high");
    /// assert_eq!(m.level_of(Decimal::new(6999, 2)).unwrap().id, "low");
    /// ```
    pub fn level_of(&self, total: Decimal) -> Option<&LevelBand> {
        self.spec.levels.get(self.level_index(total)?)
    }

    /// The position in [`Methodology::levels`] of the band `total` falls into (the first one
    /// holding it), if any: for tables that keep one code per row.
    ///
    /// ```
    /// use rust_decimal::Decimal;
    /// let m = vsoko::Methodology::builtin("index-2023").unwrap();
    /// let i = m.level_index(Decimal::from(110)).unwrap();
    /// assert_eq!(m.levels()[i].id, "high");
    /// ```
    pub fn level_index(&self, total: Decimal) -> Option<usize> {
        self.spec.levels.iter().position(|b| b.contains(total))
    }

    /// Groups in tree order (a parent before its children).
    pub fn groups(&self) -> &[Group] {
        &self.groups
    }

    /// Indicators in reading order.
    pub fn indicators(&self) -> &[Indicator] {
        &self.indicators
    }

    /// A group by id.
    pub fn group(&self, id: &str) -> Option<&Group> {
        self.groups.iter().find(|g| g.id == id)
    }

    /// An indicator by id.
    pub fn indicator(&self, id: &str) -> Option<&Indicator> {
        self.indicator_index
            .get(id)
            .and_then(|&i| self.indicators.get(i))
    }

    /// What a school gives, in order: the declared inputs, then the implicit input of each
    /// `points` indicator (for a version-1 methodology: one per indicator, with its id, in
    /// reading order).
    ///
    /// ```
    /// let m = vsoko::Methodology::builtin("nok-2019").unwrap();
    /// assert_eq!(m.inputs()[0].id, "1.1.stand_placed");
    /// ```
    pub fn inputs(&self) -> &[Input] {
        &self.inputs
    }

    /// Position of an input in [`Methodology::inputs`] (for a version-1 methodology, the
    /// position of the indicator in [`Methodology::indicators`]).
    pub fn position(&self, id: &str) -> Option<usize> {
        self.index.get(id).copied()
    }

    /// How the total combines the top-level groups.
    pub fn total_aggregation(&self) -> &Combine {
        &self.total
    }

    /// Declared rounding, if any.
    pub fn rounding(&self) -> Option<&Rounding> {
        self.spec.rounding.as_ref()
    }

    /// The known input id nearest to `id`, for "did you mean" hints.
    pub fn suggest(&self, id: &str) -> Option<&str> {
        crate::suggest::nearest(id, self.inputs.iter().map(|i| i.id.as_str()))
    }

    /// A blank input document a school fills in: every input present with `null` (missing).
    ///
    /// ```
    /// let m = vsoko::Methodology::builtin("nocko-1547").unwrap();
    /// let blank = m.blank_input();
    /// assert_eq!(blank.values.len(), 11);
    /// assert_eq!(blank.methodology.as_deref(), Some("nocko-1547"));
    /// ```
    pub fn blank_input(&self) -> crate::input::ScoreInput {
        crate::input::ScoreInput {
            methodology: Some(self.id().to_string()),
            school: Some(String::new()),
            period: Some(String::new()),
            values: self
                .inputs
                .iter()
                .map(|i| (i.id.clone(), crate::input::Value::Missing))
                .collect(),
        }
    }

    /// The description as pretty JSON (decimals as strings).
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(&self.spec).unwrap_or_default()
    }
}

/// `x` rounded at `place` if the methodology declares rounding there.
pub(crate) fn rounding_at(m: &Methodology, place: RoundAt, x: Decimal) -> Decimal {
    rounding::maybe(m.rounding(), place, x)
}
