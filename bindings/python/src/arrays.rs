//! NumPy arrays as they cross from Python: the raw bytes of a contiguous `int64`, `float64` or
//! `float32` array (`ndarray.tobytes()`), read here without a Python object per cell.

use vsoko::Value;
use vsoko::reason::ValueReason;

/// The element type of an array's bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `int64`.
    I64,
    /// `float64` (NaN is an empty cell).
    F64,
    /// `float32` (NaN is an empty cell; read through its own shortest text).
    F32,
}

impl Kind {
    /// The kind named by the Python side (`"i8"`, `"f8"`, `"f4"`, NumPy's codes).
    pub fn of(name: &str) -> Option<Kind> {
        match name {
            "i8" => Some(Kind::I64),
            "f8" => Some(Kind::F64),
            "f4" => Some(Kind::F32),
            _ => None,
        }
    }

    /// Bytes per element.
    pub fn width(self) -> usize {
        match self {
            Kind::I64 | Kind::F64 => 8,
            Kind::F32 => 4,
        }
    }

    /// Elements in `bytes`.
    pub fn len(self, bytes: &[u8]) -> usize {
        bytes.len() / self.width()
    }

    /// Element `row` as a value: a number, or missing for NaN. Infinity is the core's
    /// reason why it is not a number.
    pub fn value(self, bytes: &[u8], row: usize) -> Result<Value, ValueReason> {
        let w = self.width();
        let cell = bytes.get(row * w..row * w + w).unwrap_or_default();
        match self {
            Kind::I64 => Ok(Value::Points(rust_decimal::Decimal::from(
                i64::from_ne_bytes(cell.try_into().unwrap_or_default()),
            ))),
            Kind::F64 => {
                let x = f64::from_ne_bytes(cell.try_into().unwrap_or_default());
                if x.is_nan() {
                    return Ok(Value::Missing);
                }
                vsoko::decimal::from_f64(x).map(Value::Points)
            }
            Kind::F32 => {
                let x = f32::from_ne_bytes(cell.try_into().unwrap_or_default());
                if x.is_nan() {
                    return Ok(Value::Missing);
                }
                vsoko::decimal::from_f32(x).map(Value::Points)
            }
        }
    }
}

/// Copies cells of an `int64` or `float64` array's native-endian bytes into `cells` as floats
/// (for the float lane): element `at + k · stride` is cell `k`; a cell past the end stays as it
/// is. An int64 becomes the nearest float, exact below 2^53; a larger one is over every cap, so
/// the lane sends its row the general way, which reads the int exactly. `float32` has no lane
/// form (its decimal is its own text, not the widened float's): nothing is copied.
pub fn read_floats(kind: Kind, bytes: &[u8], stride: usize, at: usize, cells: &mut [f64]) {
    #[expect(
        clippy::cast_precision_loss,
        reason = "exact below 2^53; above, over every cap (see the doc)"
    )]
    let float = |b: [u8; 8]| match kind {
        Kind::I64 => i64::from_ne_bytes(b) as f64,
        Kind::F64 | Kind::F32 => f64::from_ne_bytes(b),
    };
    if kind == Kind::F32 {
        return;
    }
    let element = |e: usize| {
        bytes
            .get(e * 8..e * 8 + 8)
            .and_then(|b| b.try_into().ok())
            .map(float)
    };
    if stride == 1
        && let Some(run) = bytes.get(at * 8..(at + cells.len()) * 8)
    {
        for (cell, b) in cells.iter_mut().zip(run.chunks_exact(8)) {
            let mut x = [0; 8];
            x.copy_from_slice(b);
            *cell = float(x);
        }
        return;
    }
    for (k, cell) in cells.iter_mut().enumerate() {
        if let Some(x) = element(at + k * stride) {
            *cell = x;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{Kind, read_floats};
    use vsoko::Value;

    #[test]
    fn reads_each_kind() {
        let f: Vec<u8> = [0.1f64, f64::NAN, 7.5]
            .iter()
            .flat_map(|x| x.to_ne_bytes())
            .collect();
        let text = |v: Value| match v {
            Value::Points(d) => d.to_string(),
            other => format!("{other:?}"),
        };
        assert_eq!(Kind::F64.len(&f), 3);
        assert_eq!(text(Kind::F64.value(&f, 0).unwrap()), "0.1");
        assert_eq!(Kind::F64.value(&f, 1).unwrap(), Value::Missing);
        assert_eq!(text(Kind::F64.value(&f, 2).unwrap()), "7.5");
        let inf: Vec<u8> = f64::INFINITY.to_ne_bytes().to_vec();
        assert!(Kind::F64.value(&inf, 0).is_err());
        let g: Vec<u8> = 0.1f32.to_ne_bytes().to_vec();
        assert_eq!(text(Kind::F32.value(&g, 0).unwrap()), "0.1");
        let i: Vec<u8> = (-3i64).to_ne_bytes().to_vec();
        assert_eq!(text(Kind::I64.value(&i, 0).unwrap()), "-3");
    }

    #[test]
    #[expect(clippy::float_cmp, reason = "whole numbers copied, exact")]
    fn reads_runs_and_strided_floats() {
        let block: Vec<u8> = (0..12).flat_map(|k| f64::from(k).to_ne_bytes()).collect();
        let mut cells = [f64::NAN; 3];
        read_floats(Kind::F64, &block, 1, 4, &mut cells);
        assert_eq!(cells, [4.0, 5.0, 6.0]);
        read_floats(Kind::F64, &block, 4, 1, &mut cells);
        assert_eq!(cells, [1.0, 5.0, 9.0]);
        let mut cells = [f64::NAN; 3];
        read_floats(Kind::F64, &block, 5, 3, &mut cells);
        assert_eq!(cells[..2], [3.0, 8.0]);
        assert!(cells[2].is_nan(), "past the end: left as it is");
        let ints: Vec<u8> = [7i64, -2, i64::MAX]
            .iter()
            .flat_map(|k| k.to_ne_bytes())
            .collect();
        read_floats(Kind::I64, &ints, 1, 0, &mut cells);
        assert_eq!(cells, [7.0, -2.0, 9_223_372_036_854_775_807.0]);
        let mut narrow = [f64::NAN; 1];
        read_floats(Kind::F32, &ints, 1, 0, &mut narrow);
        assert!(narrow[0].is_nan(), "float32 has no lane form");
    }
}
