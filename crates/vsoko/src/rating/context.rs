//! Similar conditions: a group from the context columns — a categorical column by its value,
//! a numeric one by its quantile band.

use rust_decimal::Decimal;

/// The band (1..=`bands`) of each value among all `values`, ascending: value at sorted position
/// `i` (its first occurrence, so equal values share a band) is in band ⌊i × bands ÷ n⌋ + 1.
///
/// ```
/// use rust_decimal::Decimal;
/// let v = [5, 1, 3, 3, 9, 7].map(Decimal::from);
/// assert_eq!(vsoko::rating::band_of(&v, 2), vec![2, 1, 1, 1, 2, 2]);
/// assert_eq!(vsoko::rating::band_of(&v, 4), vec![3, 1, 1, 1, 4, 3]);
/// ```
pub fn band_of(values: &[Decimal], bands: usize) -> Vec<usize> {
    let n = values.len();
    let mut sorted = values.to_vec();
    sorted.sort();
    values
        .iter()
        .map(|v| {
            let i = sorted.partition_point(|s| s < v);
            i * bands.max(1) / n.max(1) + 1
        })
        .collect()
}

/// A column's values as numbers when every one of them reads as a decimal (a dot or a comma).
pub(super) fn numeric(values: &[&str]) -> Option<Vec<Decimal>> {
    values
        .iter()
        .map(|v| crate::decimal::parse_decimal(v.trim()).ok())
        .collect()
}
