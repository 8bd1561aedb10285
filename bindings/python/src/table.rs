//! Scoring a table given column by column (a pandas frame, one chunk of rows at a time): the
//! columns cross as Python lists or NumPy array bytes; the results go back as `Decimal` lists or
//! Arrow `decimal128` buffers.

use crate::arrays::Kind;
use crate::convert::{Bad, cell_value, decimal};
use crate::errors::{self, guard, to_py as error};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyList, PyString};
use std::collections::HashMap;
use vsoko::Options;

/// Rows converted per step of `score_table` before scoring them without the GIL.
const TABLE_CHUNK: usize = 4096;

/// The cells of one column of `score_table`: Python objects, or a NumPy array's bytes.
pub(crate) enum Cells<'py> {
    /// A list of Python values (object and string columns).
    List(Bound<'py, PyList>),
    /// A numeric array (see [`Kind`]) of `rows` rows, read without the GIL: element
    /// `k · stride + offset` is row `k` (a block of several columns shares one buffer, row- or
    /// column-major; a lone column has stride 1 and offset 0).
    Array(Kind, Bound<'py, PyBytes>, usize, usize, usize),
}

impl Cells<'_> {
    /// Cells in the column.
    pub(crate) fn len(&self) -> usize {
        match self {
            Cells::List(l) => l.len(),
            Cells::Array(.., rows) => *rows,
        }
    }

    /// Cell `k` of the column of indicator `id` (read as float32 when `f32`).
    pub(crate) fn value(&self, id: &str, f32: bool, k: usize) -> Result<vsoko::Value, Bad> {
        match self {
            Cells::List(l) => cell_value(id, &l.get_item(k).map_err(Bad::Type)?, f32),
            Cells::Array(kind, b, stride, offset, _) => kind
                .value(b.as_bytes(), k * stride + offset)
                .map_err(|reason| {
                    Bad::Value(vsoko::Error::InvalidValue {
                        id: id.to_string(),
                        reason,
                    })
                }),
        }
    }
}

/// One column of `score_table`: indicator position, id, float32 or not, and its cells.
pub(crate) type Column<'py> = (usize, String, bool, Cells<'py>);

/// The columns of `score_table`, each mapped to its indicator once (a repeated column first,
/// then an unknown one, is an error).
pub(crate) fn table_columns<'py>(
    py: Python<'py>,
    m: &vsoko::Methodology,
    columns: &Bound<'py, PyAny>,
    float32: &Bound<'py, PyAny>,
) -> PyResult<Vec<Column<'py>>> {
    let narrow: Vec<String> = float32
        .try_iter()?
        .map(|id| id.and_then(|id| id.extract::<String>()))
        .collect::<PyResult<_>>()?;
    let pairs: Vec<(String, Bound<'py, PyAny>)> = match columns.cast::<PyDict>() {
        Ok(d) => d
            .iter()
            .map(|(k, v)| Ok((k.extract::<String>()?, v)))
            .collect::<PyResult<_>>()?,
        Err(_) => columns
            .try_iter()?
            .map(|pair| pair.and_then(|p| p.extract::<(String, Bound<'py, PyAny>)>()))
            .collect::<PyResult<_>>()?,
    };
    // The core maps the columns to input positions once (a repeated column is reported before
    // an unknown one, by name); no id is copied per cell.
    let ids: Vec<&str> = pairs.iter().map(|(id, _)| id.as_str()).collect();
    let mapped = vsoko::batch::Columns::from_ids(m, &ids).map_err(|e| error(py, &e, None))?;
    let positions: Vec<usize> = mapped.inputs().map(|(_, _, pos)| pos).collect();
    pairs
        .into_iter()
        .zip(positions)
        .map(|((id, v), pos)| {
            let f32 = narrow.contains(&id);
            let cells = match v.cast_into::<PyList>() {
                Ok(list) => Cells::List(list),
                Err(e) => {
                    let bad = || {
                        PyTypeError::new_err(format!(
                            "column '{id}' must be a list of cells, (kind, bytes) of an array \
                             or (kind, bytes, stride, offset, rows) of a block"
                        ))
                    };
                    let v = e.into_inner();
                    let (name, bytes, stride, offset, rows) =
                        match v.extract::<(String, Bound<'py, PyBytes>)>() {
                            Ok((name, bytes)) => (name, bytes, 1, 0, None),
                            Err(_) => v
                                .extract::<(String, Bound<'py, PyBytes>, usize, usize, usize)>()
                                .map(|(n, b, s, o, r)| (n, b, s, o, Some(r)))
                                .map_err(|_| bad())?,
                        };
                    let kind = Kind::of(&name).ok_or_else(|| {
                        PyValueError::new_err(format!("column '{id}': unknown array kind {name:?}"))
                    })?;
                    let elements = kind.len(bytes.as_bytes());
                    let rows = rows.unwrap_or(elements);
                    // The last row's element must lie inside the buffer.
                    let last = (rows.max(1) - 1)
                        .checked_mul(stride)
                        .and_then(|e| e.checked_add(offset));
                    let fits = rows == 0 || last.is_some_and(|e| e < elements);
                    if stride == 0 || !fits {
                        return Err(bad());
                    }
                    Cells::Array(kind, bytes, stride, offset, rows)
                }
            };
            Ok((pos, id, f32, cells))
        })
        .collect::<PyResult<_>>()
}

/// Scores a table given as columns ``[(indicator id, [values...]), ...]`` (or a dict of them; a
/// pandas frame's columns, one chunk of rows at a time); returns
/// the core's result columns ``{"total": [...], "max": [...], "share": [...], "level": [...],
/// "level_title": [...], <group id>: [...]}``. `None` and NaN cells are missing;
/// columns named in `float32` read their floats as float32. A bad cell's error names its row:
/// ``.index`` is `offset` plus its position, and the message shows its label from `labels`.
#[expect(
    clippy::too_many_arguments,
    reason = "mirrors the Python keyword arguments"
)]
pub fn score_table<'py>(
    py: Python<'py>,
    m: &vsoko::Methodology,
    columns: &Bound<'py, PyAny>,
    strict: bool,
    float32: &Bound<'py, PyAny>,
    offset: usize,
    labels: Option<&Bound<'py, PyAny>>,
    arrow: bool,
) -> PyResult<Bound<'py, PyDict>> {
    guard(|| {
        let cols = table_columns(py, m, columns, float32)?;
        let rows = cols.first().map_or(0, |(_, _, _, c)| c.len());
        if let Some((_, id, _, c)) = cols.iter().find(|(_, _, _, c)| c.len() != rows) {
            return Err(PyValueError::new_err(format!(
                "column '{id}' has {} rows, the first one {rows}",
                c.len()
            )));
        }
        let at_row = |e: &vsoko::Error, k: usize| {
            let label = labels
                .and_then(|l| l.get_item(k).ok())
                .and_then(|l| {
                    // A text label quoted ('Б'), any other plainly (41, not np.int64(41)).
                    if l.is_instance_of::<PyString>() {
                        l.repr().ok()
                    } else {
                        l.str().ok()
                    }
                })
                .map(|r| r.to_string());
            errors::at_row(py, e, offset + k, label.as_deref())
        };
        let options = Options::new().strict(strict);
        let arrays: Vec<Array<'_>> = cols
            .iter()
            .filter_map(|(pos, id, _, col)| match col {
                Cells::Array(kind, bytes, stride, offset, _) => {
                    Some((*pos, id.as_str(), *kind, bytes.as_bytes(), *stride, *offset))
                }
                Cells::List(_) => None,
            })
            .collect();
        // Arrays are read and rows scored without the GIL, on both cores; `fill` reads a row
        // the general way whenever that is needed.
        let fill = |k: usize, row: &mut Vec<(usize, vsoko::Value)>| {
            for (pos, id, kind, bytes, stride, offset) in &arrays {
                match kind.value(bytes, k * stride + offset) {
                    Ok(vsoko::Value::Missing) => {}
                    Ok(v) => row.push((*pos, v)),
                    Err(reason) => {
                        let id = (*id).to_string();
                        return Err(vsoko::Error::InvalidValue { id, reason });
                    }
                }
            }
            Ok(())
        };
        // When every column is a float64 or int64 array, a plain methodology adds the numbers up
        // a column at a time without a decimal per cell, all rows in one go (the caller bounds
        // them).
        if arrays.len() == cols.len() && arrays.iter().all(|a| matches!(a.2, Kind::F64 | Kind::I64))
        {
            let scores = py
                .detach(|| number_lane(m, &arrays, rows, options, fill))
                .map_err(|(k, e)| at_row(&e, k))?;
            return results(py, m, &scores, arrow);
        }
        let mut scores = vsoko::scoring::TableScores {
            groups: m.groups().len(),
            ..Default::default()
        };
        // Convert a chunk of rows with the GIL, score it without, so memory stays small.
        let lists = cols.len() - arrays.len();
        let mut start = 0;
        while start < rows {
            let end = (start + TABLE_CHUNK).min(rows);
            // Cells of object columns are read with the GIL.
            let mut chunk: Vec<Vec<(usize, vsoko::Value)>> =
                (start..end).map(|_| Vec::with_capacity(lists)).collect();
            for (pos, id, f32, col) in &cols {
                let Cells::List(list) = col else { continue };
                for (k, row) in chunk.iter_mut().enumerate() {
                    let cell = list.get_item(start + k)?;
                    match cell_value(id, &cell, *f32) {
                        Ok(vsoko::Value::Missing) => {}
                        Ok(v) => row.push((*pos, v)),
                        Err(Bad::Type(e)) => return Err(e),
                        Err(Bad::Value(e)) => return Err(at_row(&e, start + k)),
                    }
                }
            }
            let fill_chunk = |k: usize, row: &mut Vec<(usize, vsoko::Value)>| {
                row.extend_from_slice(chunk.get(k).map_or(&[][..], Vec::as_slice));
                fill(start + k, row)
            };
            let part = py.detach(|| m.score_table(chunk.len(), options, fill_chunk));
            let part = part.map_err(|(k, e)| at_row(&e, start + k))?;
            scores.group_points.extend(part.group_points);
            scores.total.extend(part.total);
            scores.max.extend(part.max);
            start = end;
        }
        results(py, m, &scores, arrow)
    })
}

/// An array column as `score_table` reads it: input position, id, kind, bytes, stride, offset.
type Array<'a> = (usize, &'a str, Kind, &'a [u8], usize, usize);

/// Scores rows given only as float64 and int64 arrays through
/// [`vsoko::Methodology::score_table_floats`]: the numbers a column run at a time, `fill` for
/// a row read the general way.
fn number_lane<F>(
    m: &vsoko::Methodology,
    arrays: &[Array<'_>],
    rows: usize,
    options: Options,
    fill: F,
) -> Result<vsoko::scoring::TableScores, (usize, vsoko::Error)>
where
    F: Fn(usize, &mut Vec<(usize, vsoko::Value)>) -> vsoko::Result<()> + Sync,
{
    let mut by_input = vec![None; m.inputs().len()];
    for &(pos, _, kind, bytes, stride, offset) in arrays {
        if let Some(slot) = by_input.get_mut(pos) {
            *slot = Some((kind, bytes, stride, offset));
        }
    }
    let floats = |input: usize, first: usize, cells: &mut [f64]| {
        if let Some(Some((kind, bytes, stride, offset))) = by_input.get(input) {
            crate::arrays::read_floats(*kind, bytes, *stride, first * stride + offset, cells);
        }
    };
    m.score_table_floats(rows, options, floats, fill)
}

/// The result columns, as Arrow buffers or as `Decimal` lists.
fn results<'py>(
    py: Python<'py>,
    m: &vsoko::Methodology,
    scores: &vsoko::scoring::TableScores,
    arrow: bool,
) -> PyResult<Bound<'py, PyDict>> {
    if arrow {
        return arrow_columns(py, m, scores);
    }
    object_columns(py, m, scores)
}

/// The result columns of a table, in the core's order ([`vsoko::batch::result_columns`]):
/// everything but the school's name (the frame's index) and the labels (copied by Python).
fn value_columns(m: &vsoko::Methodology) -> Vec<vsoko::batch::ResultColumn> {
    use vsoko::batch::Field;
    vsoko::batch::result_columns(m, vsoko::batch::Shape::default())
        .into_iter()
        .filter(|c| !matches!(c.field, Field::School | Field::Municipality | Field::Period))
        .collect()
}

/// Each row's share of its maximum (as [`vsoko::batch::Field::Share`] is worked out).
fn shares(scores: &vsoko::scoring::TableScores) -> Vec<Option<rust_decimal::Decimal>> {
    scores
        .total
        .iter()
        .zip(&scores.max)
        .map(|(&t, &m)| vsoko::decimal::share(t, m))
        .collect()
}

/// The result columns as lists of `decimal.Decimal` (and level ids and titles), for pandas
/// without pyarrow.
fn object_columns<'py>(
    py: Python<'py>,
    m: &vsoko::Methodology,
    scores: &vsoko::scoring::TableScores,
) -> PyResult<Bound<'py, PyDict>> {
    use vsoko::batch::Field;
    // Few distinct numbers occur in a batch: make each Decimal object once.
    let mut made: HashMap<rust_decimal::Decimal, Bound<'py, PyAny>> = HashMap::new();
    let mut dec = |d: rust_decimal::Decimal| -> PyResult<Bound<'py, PyAny>> {
        if let Some(o) = made.get(&d) {
            return Ok(o.clone());
        }
        let o = decimal(py, d)?;
        made.insert(d, o.clone());
        Ok(o)
    };
    let out = PyDict::new(py);
    let levels: Vec<Option<&vsoko::LevelBand>> =
        scores.total.iter().map(|&t| m.level_of(t)).collect();
    for column in value_columns(m) {
        let list = PyList::empty(py);
        match column.field {
            Field::Total | Field::Max => {
                let values = if column.field == Field::Total {
                    &scores.total
                } else {
                    &scores.max
                };
                for &d in values {
                    list.append(dec(d)?)?;
                }
            }
            Field::Share => {
                for share in shares(scores) {
                    match share {
                        Some(d) => list.append(dec(d)?)?,
                        None => list.append(py.None())?,
                    }
                }
            }
            Field::Level => {
                for level in &levels {
                    list.append(level.map(|l| l.id.as_str()))?;
                }
            }
            Field::LevelTitle => {
                for level in &levels {
                    list.append(level.map(|l| l.title.as_str()))?;
                }
            }
            Field::Group(g) => {
                for p in scores.group(g) {
                    list.append(dec(p)?)?;
                }
            }
            _ => continue,
        }
        out.set_item(&column.id, list)?;
    }
    Ok(out)
}

/// The result columns for Arrow: each decimal column as `(scale, bytes, validity)`, the
/// little-endian 128-bit unscaled values of a `decimal128(38, scale)` array at the column's
/// largest scale (exact: a value is only ever padded with zeros) and, when some row has no
/// value (a share of a zero maximum), Arrow's validity bitmap, else `None`; the levels as
/// `(codes, ids)` and their titles as `(codes, titles)`: per row the position of its level as a
/// native-endian int32, -1 for none. The buffers are made without the GIL, the group columns on
/// a second thread.
fn arrow_columns<'py>(
    py: Python<'py>,
    m: &vsoko::Methodology,
    scores: &vsoko::scoring::TableScores,
) -> PyResult<Bound<'py, PyDict>> {
    use vsoko::batch::Field;
    let (numbers, groups, codes, validity) = py.detach(|| {
        std::thread::scope(|scope| {
            // The group columns in two halves, one on each core; the rest beside.
            let (points, groups) = (&scores.group_points, scores.groups);
            let first = scope.spawn(move || decimal_buffers(points, groups, 0..groups / 2));
            // Each total's band, by position.
            let codes: Vec<u8> = scores
                .total
                .iter()
                .flat_map(|&t| {
                    m.level_index(t)
                        .and_then(|i| i32::try_from(i).ok())
                        .unwrap_or(-1)
                        .to_ne_bytes()
                })
                .collect();
            let shares = shares(scores);
            let validity = shares.iter().any(Option::is_none).then(|| {
                let mut bits = vec![0u8; shares.len().div_ceil(8)];
                for (i, s) in shares.iter().enumerate() {
                    if let (Some(_), Some(byte)) = (s, bits.get_mut(i / 8)) {
                        *byte |= 1 << (i % 8);
                    }
                }
                bits
            });
            let share: Vec<rust_decimal::Decimal> =
                shares.into_iter().map(Option::unwrap_or_default).collect();
            let numbers = [&scores.total, &scores.max, &share]
                .map(|values| decimal_buffers(values, 1, 0..1).map(|mut b| b.remove(0)));
            let second = decimal_buffers(points, groups, groups / 2..groups);
            let first = first
                .join()
                .unwrap_or_else(|e| std::panic::resume_unwind(e));
            let groups = first.and_then(|mut a| {
                a.extend(second?);
                Ok(a)
            });
            (numbers, groups, codes, validity)
        })
    });
    let too_wide = |id: &str| {
        PyValueError::new_err(format!(
            "column '{id}' needs more than 38 digits as an Arrow decimal128 column; \
             score without pyarrow for Decimal objects"
        ))
    };
    let [total, max, share] = numbers;
    let total = total.map_err(|_| too_wide("total"))?;
    let max = max.map_err(|_| too_wide("max"))?;
    let share = share.map_err(|_| too_wide("share"))?;
    let groups = groups.map_err(|g| too_wide(m.groups().get(g).map_or("", |g| g.id.as_str())))?;
    let out = PyDict::new(py);
    let column = |(scale, bytes): &(u32, Vec<u8>), validity: Option<&Vec<u8>>| {
        (
            *scale,
            PyBytes::new(py, bytes),
            validity.map(|v| PyBytes::new(py, v)),
        )
    };
    let codes = PyBytes::new(py, &codes);
    for c in value_columns(m) {
        match c.field {
            Field::Total => out.set_item(&c.id, column(&total, None))?,
            Field::Max => out.set_item(&c.id, column(&max, None))?,
            Field::Share => out.set_item(&c.id, column(&share, validity.as_ref()))?,
            Field::Level => {
                let ids: Vec<&str> = m.levels().iter().map(|l| l.id.as_str()).collect();
                out.set_item(&c.id, (&codes, ids))?;
            }
            Field::LevelTitle => {
                let titles: Vec<&str> = m.levels().iter().map(|l| l.title.as_str()).collect();
                out.set_item(&c.id, (&codes, titles))?;
            }
            Field::Group(g) => {
                if let Some(buffer) = groups.get(g) {
                    out.set_item(&c.id, column(buffer, None))?;
                }
            }
            _ => {}
        }
    }
    Ok(out)
}

/// Powers of ten up to the largest scale of a decimal.
#[expect(
    clippy::indexing_slicing,
    reason = "k runs below 29, checked when compiled"
)]
const POWERS: [i128; 29] = {
    let mut p = [1i128; 29];
    let mut k = 1;
    while k < 29 {
        p[k] = p[k - 1] * 10;
        k += 1;
    }
    p
};

/// The largest unscaled value of a `decimal128(38, s)` column: 38 digits.
const DIGITS_38: i128 = 99_999_999_999_999_999_999_999_999_999_999_999_999;

/// `columns` decimal columns given row after row, as Arrow buffers: per column its largest
/// scale and the 128-bit little-endian unscaled values at that scale. Widening a scale
/// multiplies the mantissa by a power of ten, which is exact; a value that then needs more
/// than 38 digits (a column mixing 28 places with ten-digit whole parts) is refused: `Err`
/// with the column's position.
fn decimal_buffers(
    values: &[rust_decimal::Decimal],
    columns: usize,
    which: std::ops::Range<usize>,
) -> Result<Vec<(u32, Vec<u8>)>, usize> {
    let columns = columns.max(1);
    let which = which.start.min(columns)..which.end.min(columns);
    let mut scales = vec![0u32; which.len()];
    for row in values.chunks_exact(columns) {
        for (s, d) in scales
            .iter_mut()
            .zip(row.get(which.clone()).unwrap_or_default())
        {
            *s = (*s).max(d.scale());
        }
    }
    let rows = values.len() / columns;
    let mut out: Vec<(u32, Vec<u8>)> = scales.iter().map(|&s| (s, vec![0; rows * 16])).collect();
    for (r, row) in values.chunks_exact(columns).enumerate() {
        let row = row.get(which.clone()).unwrap_or_default();
        for (c, ((scale, bytes), d)) in out.iter_mut().zip(row).enumerate() {
            let widened = POWERS
                .get((*scale - d.scale()) as usize)
                .and_then(|&up| d.mantissa().checked_mul(up))
                .filter(|m| m.unsigned_abs() <= DIGITS_38.unsigned_abs())
                .ok_or(which.start + c)?;
            if let Some(cell) = bytes.get_mut(r * 16..r * 16 + 16) {
                cell.copy_from_slice(&widened.to_le_bytes());
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::decimal_buffers;
    use rust_decimal::Decimal;

    #[test]
    fn decimal_columns_widen_to_their_largest_scale_or_are_refused() {
        let d = |m: i64, s: u32| Decimal::new(m, s);
        // Two columns, row after row: (1.5, 7), (2, 0.125), (0.25, -3).
        let values = [d(15, 1), d(7, 0), d(2, 0), d(125, 3), d(25, 2), d(-3, 0)];
        let out = decimal_buffers(&values, 2, 0..2).unwrap();
        let read = |bytes: &[u8]| -> Vec<i128> {
            bytes
                .chunks_exact(16)
                .map(|b| i128::from_le_bytes(b.try_into().unwrap()))
                .collect()
        };
        assert_eq!((out[0].0, read(&out[0].1)), (2, vec![150, 200, 25]));
        assert_eq!((out[1].0, read(&out[1].1)), (3, vec![7000, 125, -3000]));
        // 28 places beside a ten-digit whole part needs 39 digits: refused, not wrapped.
        let wide = [d(1, 28), d(10_000_000_000, 0)];
        assert_eq!(decimal_buffers(&wide, 1, 0..1), Err(0));
        assert_eq!(
            decimal_buffers(&values, 2, 1..2).unwrap()[0].0,
            3,
            "the second column alone"
        );
        assert_eq!(
            decimal_buffers(&[d(1, 28), d(9_999_999_999, 0)], 1, 0..1).map(|v| v.len()),
            Ok(1)
        );
    }
}
