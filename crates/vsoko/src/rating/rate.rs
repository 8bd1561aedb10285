//! The rating: every unit's value, relative points, places (horizontal, in its municipality,
//! in its group of similar conditions), the municipalities, the resilient schools.

use super::context::{band_of, numeric};
use super::places::{percentile, places};
use super::relative::{relative, two_places};
use crate::error::{Error, Result};
use crate::methodology::Direction;
use crate::reason::{InputReason, Location};
use rust_decimal::Decimal;
use serde::Serialize;
use std::collections::BTreeMap;

/// One school to rate.
#[derive(Debug, Clone, PartialEq)]
pub struct Unit {
    /// The row it came from (for messages).
    pub row: usize,
    /// The school.
    pub school: String,
    /// Its municipality.
    pub municipality: Option<String>,
    /// Its region.
    pub region: Option<String>,
    /// Its context values, aligned with [`RatingOptions::context`].
    pub context: Vec<String>,
    /// The measure's value.
    pub value: Decimal,
}

/// How to rate.
#[derive(Debug, Clone)]
pub struct RatingOptions {
    /// The measure's name (`total` or an id), for the answer.
    pub measure: String,
    /// Which way is better.
    pub direction: Direction,
    /// Whether to give relative points (the best unit 100).
    pub relative: bool,
    /// The context columns that form groups of similar conditions.
    pub context: Vec<String>,
    /// How many quantile bands a numeric context column (and the resilience test) uses.
    pub bands: usize,
}

/// The rating.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Rating {
    /// What was rated.
    pub measure: String,
    /// Every school, best first.
    pub units: Vec<UnitRating>,
    /// Every municipality by the mean of its schools, best first.
    pub municipalities: Vec<MunicipalityRating>,
    /// Every region by the mean of its schools, best first (empty without regions).
    pub regions: Vec<RegionRating>,
    /// Schools in the lowest band of the context index with a result in the top band.
    pub resilient: Vec<Resilient>,
}

/// A school's place.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UnitRating {
    /// The school.
    pub school: String,
    /// Its municipality.
    pub municipality: Option<String>,
    /// Its region.
    pub region: Option<String>,
    /// The measure's value, exact.
    pub value: Decimal,
    /// Relative points 0–100, 2 places (when asked).
    pub points: Option<Decimal>,
    /// Its place among all schools.
    pub place: usize,
    /// Its place among the schools of its municipality.
    pub place_in_municipality: Option<usize>,
    /// Its place in its group of similar conditions.
    pub place_in_group: Option<usize>,
    /// Its group of similar conditions.
    pub group: Option<String>,
    /// The percentile of its place among all schools, 2 places.
    pub percentile: Decimal,
}

/// A municipality's place by the mean of its schools.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MunicipalityRating {
    /// The municipality.
    pub municipality: String,
    /// The region of its schools.
    pub region: Option<String>,
    /// The mean of its schools' values, 2 places (rounded once from the exact mean).
    pub value: Decimal,
    /// Relative points 0–100 on the exact means, 2 places (when asked).
    pub points: Option<Decimal>,
    /// Its place among all municipalities.
    pub place: usize,
    /// Its place among the municipalities of its region.
    pub place_in_region: Option<usize>,
}

/// A region's place by the mean of its schools.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RegionRating {
    /// The region.
    pub region: String,
    /// The mean of its schools' values, 2 places (rounded once from the exact mean).
    pub value: Decimal,
    /// Relative points 0–100 on the exact means, 2 places (when asked).
    pub points: Option<Decimal>,
    /// Its place.
    pub place: usize,
}

/// A resilient school.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Resilient {
    /// The school.
    pub school: String,
    /// Its municipality.
    pub municipality: Option<String>,
    /// Its value of the context index, as given.
    pub context: String,
    /// The measure's value.
    pub value: Decimal,
}

pub(super) fn wrong(at: Location, expected: String, expected_ru: String) -> Error {
    Error::InvalidInput {
        at,
        reason: InputReason::WrongArgument {
            expected,
            expected_ru,
        },
    }
}

/// Places within each group of units (units without a group get none).
fn places_within(
    keys: &[Option<String>],
    values: &[Decimal],
    direction: Direction,
) -> Vec<Option<usize>> {
    let mut members: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, k) in keys.iter().enumerate() {
        if let Some(k) = k {
            members.entry(k.as_str()).or_default().push(i);
        }
    }
    let mut out = vec![None; values.len()];
    for idx in members.values() {
        let vals: Vec<Decimal> = idx
            .iter()
            .map(|i| values.get(*i).copied().unwrap_or_default())
            .collect();
        for (i, p) in idx.iter().zip(places(&vals, direction)) {
            if let Some(slot) = out.get_mut(*i) {
                *slot = Some(p);
            }
        }
    }
    out
}

/// Each unit's group of similar conditions, and the context index: the first numeric context
/// column with each unit's band in it.
struct Grouping {
    labels: Vec<Option<String>>,
    index: Option<(usize, Vec<usize>)>,
}

fn groups(units: &[Unit], options: &RatingOptions) -> Result<Grouping> {
    if options.context.is_empty() {
        return Ok(Grouping {
            labels: vec![None; units.len()],
            index: None,
        });
    }
    let mut parts: Vec<Vec<String>> = vec![Vec::new(); units.len()];
    let mut index_bands = None;
    for (c, name) in options.context.iter().enumerate() {
        let column: Vec<&str> = units
            .iter()
            .map(|u| u.context.get(c).map_or("", |s| s.trim()))
            .collect();
        if let Some((u, _)) = units.iter().zip(&column).find(|(_, v)| v.is_empty()) {
            return Err(wrong(
                Location::Row(u.row),
                format!(
                    "a value in the context column {name:?} (school {:?})",
                    u.school
                ),
                format!("значение в столбце условий «{name}» (школа «{}»)", u.school),
            ));
        }
        match numeric(&column) {
            Some(numbers) => {
                let bands = band_of(&numbers, options.bands);
                for (p, b) in parts.iter_mut().zip(&bands) {
                    p.push(format!("{name} Q{b}"));
                }
                index_bands.get_or_insert((c, bands));
            }
            None => {
                for (p, v) in parts.iter_mut().zip(&column) {
                    p.push((*v).to_string());
                }
            }
        }
    }
    Ok(Grouping {
        labels: parts.into_iter().map(|p| Some(p.join(", "))).collect(),
        index: index_bands,
    })
}

/// Rates the units.
///
/// # Errors
/// [`Error::InvalidInput`] for no units, 0 bands, a missing context value (naming the row
/// and the column), a municipality whose schools name different regions, or relative points over a best value of 0 or less (more is better) or a
/// negative value (less is better).
///
/// ```
/// use rust_decimal::Decimal;
/// use vsoko::methodology::Direction;
/// use vsoko::rating::{RatingOptions, Unit, rate};
/// let unit = |row, school: &str, m: &str, v| Unit {
///     row, school: school.into(), municipality: Some(m.into()), region: None,
///     context: vec![], value: Decimal::from(v),
/// };
/// let units = vec![unit(2, "А", "Энск", 8), unit(3, "Б", "Энск", 10), unit(4, "В", "Тмуск", 8)];
/// let options = RatingOptions { measure: "total".into(), direction: Direction::More,
///     relative: true, context: vec![], bands: 4 };
/// let r = rate(&units, &options).unwrap();
/// let places: Vec<(&str, usize)> = r.units.iter().map(|u| (u.school.as_str(), u.place)).collect();
/// assert_eq!(places, vec![("Б", 1), ("А", 2), ("В", 2)]);
/// assert_eq!(r.units[1].points.unwrap().to_string(), "80.00");
/// assert_eq!(r.municipalities[0].municipality, "Энск");
/// assert_eq!(r.municipalities[0].value.to_string(), "9.00");
/// ```
pub fn rate(units: &[Unit], options: &RatingOptions) -> Result<Rating> {
    if units.is_empty() {
        return Err(Error::EmptyInput {
            what: crate::error::InputKind::Table,
        });
    }
    if options.bands == 0 {
        return Err(wrong(
            Location::Argument("bands".into()),
            "at least 1 band".into(),
            "не меньше 1 группы (квантиля)".into(),
        ));
    }
    let direction = options.direction;
    let values: Vec<Decimal> = units.iter().map(|u| u.value).collect();
    let points = if options.relative {
        Some(relative(&values, direction, ("value", "значение"))?)
    } else {
        None
    };
    let place = places(&values, direction);
    let municipalities: Vec<Option<String>> =
        units.iter().map(|u| u.municipality.clone()).collect();
    let in_municipality = places_within(&municipalities, &values, direction);
    let Grouping {
        labels: group,
        index,
    } = groups(units, options)?;
    let in_group = places_within(&group, &values, direction);
    let n = units.len();
    let mut rated: Vec<UnitRating> = units
        .iter()
        .enumerate()
        .map(|(i, u)| {
            let p = place.get(i).copied().unwrap_or(n);
            UnitRating {
                school: u.school.clone(),
                municipality: u.municipality.clone(),
                region: u.region.clone(),
                value: u.value.normalize(),
                points: points.as_ref().and_then(|p| p.get(i).copied()),
                place: p,
                place_in_municipality: in_municipality.get(i).copied().flatten(),
                place_in_group: in_group.get(i).copied().flatten(),
                group: group.get(i).cloned().flatten(),
                percentile: percentile(p, n),
            }
        })
        .collect();
    rated.sort_by(|a, b| a.place.cmp(&b.place).then_with(|| a.school.cmp(&b.school)));
    let resilient = match index {
        Some((column, bands)) => resilient(units, &values, column, &bands, options),
        None => Vec::new(),
    };
    Ok(Rating {
        measure: options.measure.clone(),
        units: rated,
        municipalities: municipal(units, direction, options.relative)?,
        regions: regional(units, direction, options.relative)?,
        resilient,
    })
}

/// Schools in the lowest band of the context index whose value is in the top band.
fn resilient(
    units: &[Unit],
    values: &[Decimal],
    index_column: usize,
    index_bands: &[usize],
    options: &RatingOptions,
) -> Vec<Resilient> {
    // Band N is the best: for "less is better" the values are banded from the worst end.
    let oriented: Vec<Decimal> = match options.direction {
        Direction::More => values.to_vec(),
        Direction::Less => values.iter().map(|v| -*v).collect(),
    };
    let result_bands = band_of(&oriented, options.bands);
    let mut out: Vec<(Decimal, Resilient)> = units
        .iter()
        .zip(index_bands)
        .zip(&result_bands)
        .filter(|((_, ib), rb)| **ib == 1 && **rb == options.bands)
        .map(|((u, _), _)| {
            let key = match options.direction {
                Direction::More => -u.value,
                Direction::Less => u.value,
            };
            (
                key,
                Resilient {
                    school: u.school.clone(),
                    municipality: u.municipality.clone(),
                    context: u.context.get(index_column).cloned().unwrap_or_default(),
                    value: u.value.normalize(),
                },
            )
        })
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.school.cmp(&b.1.school)));
    out.into_iter().map(|(_, r)| r).collect()
}

/// Units' values pooled by a key (a municipality, a region): the exact means, in key order.
fn means<'a>(keys: impl Iterator<Item = (&'a str, Decimal)>) -> (Vec<&'a str>, Vec<Decimal>) {
    let mut sums: BTreeMap<&str, (Decimal, usize)> = BTreeMap::new();
    for (k, v) in keys {
        let e = sums.entry(k).or_insert((Decimal::ZERO, 0));
        e.0 += v;
        e.1 += 1;
    }
    let names = sums.keys().copied().collect();
    let means = sums
        .values()
        .map(|(sum, n)| *sum / Decimal::from(*n))
        .collect();
    (names, means)
}

/// Municipalities by the exact mean of their schools, each with its region and its place
/// among the municipalities of that region.
fn municipal(
    units: &[Unit],
    direction: Direction,
    relative_points: bool,
) -> Result<Vec<MunicipalityRating>> {
    let mut region_of: BTreeMap<&str, (Option<&str>, &Unit)> = BTreeMap::new();
    for u in units {
        let Some(m) = &u.municipality else { continue };
        let region = u.region.as_deref();
        match region_of.get(m.as_str()) {
            Some((first, by)) if *first != region => {
                return Err(wrong(
                    Location::Row(u.row),
                    format!(
                        "the region of municipality {m:?} as row {} gives it ({:?}), not {:?}",
                        by.row,
                        first.unwrap_or(""),
                        region.unwrap_or("")
                    ),
                    format!(
                        "регион муниципалитета «{m}» как в строке {} («{}»), а не «{}»",
                        by.row,
                        first.unwrap_or(""),
                        region.unwrap_or("")
                    ),
                ));
            }
            Some(_) => {}
            None => {
                region_of.insert(m, (region, u));
            }
        }
    }
    let (names, means) = means(
        units
            .iter()
            .filter_map(|u| Some((u.municipality.as_deref()?, u.value))),
    );
    if names.is_empty() {
        return Ok(Vec::new());
    }
    let points = if relative_points {
        Some(relative(&means, direction, ("mean", "среднее"))?)
    } else {
        None
    };
    let place = places(&means, direction);
    let regions: Vec<Option<String>> = names
        .iter()
        .map(|n| region_of.get(n).and_then(|(r, _)| r.map(str::to_string)))
        .collect();
    let in_region = places_within(&regions, &means, direction);
    let mut out: Vec<MunicipalityRating> = names
        .iter()
        .enumerate()
        .map(|(i, name)| MunicipalityRating {
            municipality: (*name).to_string(),
            region: regions.get(i).cloned().flatten(),
            value: two_places(means.get(i).copied().unwrap_or_default()),
            points: points.as_ref().and_then(|p| p.get(i).copied()),
            place: place.get(i).copied().unwrap_or(0),
            place_in_region: in_region.get(i).copied().flatten(),
        })
        .collect();
    out.sort_by(|a, b| {
        a.place
            .cmp(&b.place)
            .then_with(|| a.municipality.cmp(&b.municipality))
    });
    Ok(out)
}

/// Regions by the exact mean of their schools.
fn regional(
    units: &[Unit],
    direction: Direction,
    relative_points: bool,
) -> Result<Vec<RegionRating>> {
    let (names, means) = means(
        units
            .iter()
            .filter_map(|u| Some((u.region.as_deref()?, u.value))),
    );
    if names.is_empty() {
        return Ok(Vec::new());
    }
    let points = if relative_points {
        Some(relative(&means, direction, ("mean", "среднее"))?)
    } else {
        None
    };
    let place = places(&means, direction);
    let mut out: Vec<RegionRating> = names
        .iter()
        .enumerate()
        .map(|(i, name)| RegionRating {
            region: (*name).to_string(),
            value: two_places(means.get(i).copied().unwrap_or_default()),
            points: points.as_ref().and_then(|p| p.get(i).copied()),
            place: place.get(i).copied().unwrap_or(0),
        })
        .collect();
    out.sort_by(|a, b| a.place.cmp(&b.place).then_with(|| a.region.cmp(&b.region)));
    Ok(out)
}
