//! Objectivity for Python: the two halves of the work, so that Dask (or any map-reduce) runs
//! the first on each partition of pupils (partitioned by school) and the second once.

use crate::arrays::Kind;
use crate::errors::{guard, to_py};
use crate::summaries::{FlagColumns, SummaryColumns};
use pyo3::prelude::*;
use pyo3::types::PyBytes;
use vsoko::Value;
use vsoko::objectivity::{
    Analysis, Cell, FileContext, ObjectivityOptions, PupilColumns, combine, table_order,
};
use vsoko::reason::{InputReason, Location};

// The Python signatures write the core's default as a literal (a text signature needs one).
const _: () = assert!(vsoko::objectivity::MIN_COMPARED_FOR_SPEARMAN == 10);

fn options(min_compared: usize) -> ObjectivityOptions {
    ObjectivityOptions {
        min_compared,
        ..ObjectivityOptions::default()
    }
}

/// One column of a partition as it crosses from pandas without a Python object per cell: a
/// numeric field as the raw bytes of an `int64` or `float64` array (see [`Kind`]), any other
/// column as `pandas.factorize` codes (`int64` bytes, −1 for missing) and the texts they stand for.
enum Column<'a> {
    Array(Kind, &'a [u8]),
    Codes { codes: &'a [u8], texts: Vec<String> },
}

impl Column<'_> {
    fn rows(&self) -> usize {
        match self {
            Column::Array(kind, b) => kind.len(b),
            Column::Codes { codes, .. } => Kind::I64.len(codes),
        }
    }

    fn cell(&self, row: usize, column: usize) -> vsoko::Result<Cell<'_>> {
        let not_a_number = |reason| vsoko::Error::InvalidInput {
            at: Location::Column(column + 1),
            reason: InputReason::NotANumber { reason },
        };
        Ok(match self {
            Column::Array(kind, b) => match kind.value(b, row).map_err(not_a_number)? {
                Value::Points(d) => Cell::Number(d),
                _ => Cell::Text(""),
            },
            Column::Codes { codes, texts } => {
                let code = match Kind::I64.value(codes, row) {
                    Ok(Value::Points(d)) => usize::try_from(d).ok(),
                    _ => None,
                };
                Cell::Text(code.and_then(|c| texts.get(c)).map_or("", String::as_str))
            }
        })
    }
}

fn column<'a>(kind: &str, data: &'a [u8], texts: Vec<String>) -> Option<Column<'a>> {
    if kind == "codes" {
        return Some(Column::Codes { codes: data, texts });
    }
    Kind::of(kind).map(|k| Column::Array(k, data))
}

/// Which columns of a header hold numeric fields (the rest cross as text codes).
#[pyfunction]
#[expect(
    clippy::needless_pass_by_value,
    reason = "pyo3 extracts owned lists from Python"
)]
pub fn _pupil_numeric_columns(py: Python<'_>, header: Vec<String>) -> PyResult<Vec<bool>> {
    let cols = PupilColumns::from_header(&header, FileContext::default())
        .map_err(|e| to_py(py, &e, None))?;
    Ok((0..header.len()).map(|i| cols.is_numeric(i)).collect())
}

/// Summaries (JSON text) of one partition of pupils given column by column as
/// `(kind, bytes, texts)` (see [`Column`]); a bad row raises with its position in `.index`.
#[pyfunction]
#[pyo3(signature = (header, columns, min_compared = 10))]
#[expect(
    clippy::needless_pass_by_value,
    reason = "pyo3 extracts owned lists from Python"
)]
pub fn _objectivity_summaries(
    py: Python<'_>,
    header: Vec<String>,
    columns: Vec<(String, Bound<'_, PyBytes>, Vec<String>)>,
    min_compared: usize,
) -> PyResult<SummaryColumns> {
    guard(|| {
        let cols = PupilColumns::from_header(&header, FileContext::default())
            .map_err(|e| to_py(py, &e, None))?;
        let mut data = Vec::with_capacity(columns.len());
        for (kind, bytes, texts) in &columns {
            data.push(
                column(kind, bytes.as_bytes(), texts.clone()).ok_or_else(|| {
                    pyo3::exceptions::PyValueError::new_err(format!("unknown column kind {kind:?}"))
                })?,
            );
        }
        let rows = data.first().map_or(0, Column::rows);
        if data.iter().any(|c| c.rows() != rows) {
            return Err(pyo3::exceptions::PyValueError::new_err(
                "columns of different lengths",
            ));
        }
        let result = py.detach(|| {
            let mut analysis = Analysis::new();
            let mut cells: Vec<Cell<'_>> = Vec::with_capacity(data.len());
            for i in 0..rows {
                cells.clear();
                for (c, column) in data.iter().enumerate() {
                    cells.push(column.cell(i, c).map_err(|e| (i, e))?);
                }
                match cols.row_cells(&cells) {
                    Ok(Some(p)) => analysis.add_ref(p).map_err(|e| (i, e))?,
                    Ok(None) => {}
                    Err(e) => return Err((i, e)),
                }
            }
            Ok(analysis.summaries(options(min_compared)))
        });
        let summaries = result.map_err(|(i, e)| to_py(py, &e, Some(i)))?;
        Ok(SummaryColumns::from_rows(summaries))
    })
}

/// The comparison table's order (positions of the summaries given), the flags (columns) and
/// the index for the input and per municipality (JSON text), from the summaries of every part
/// (columns, as `_objectivity_summaries` gives them). The table is the summaries themselves in
/// that order, so they do not cross back.
#[pyfunction]
#[pyo3(signature = (summaries, min_compared = 10))]
pub fn _objectivity_combine(
    py: Python<'_>,
    summaries: SummaryColumns,
    min_compared: usize,
) -> PyResult<(Vec<usize>, FlagColumns, String)> {
    guard(|| {
        let rows = summaries.into_rows().map_err(|detail| {
            let e = vsoko::Error::InvalidInput {
                at: vsoko::reason::Location::Argument("summaries".into()),
                reason: vsoko::reason::InputReason::Shape { detail },
            };
            to_py(py, &e, None)
        })?;
        let (order, result) =
            py.detach(|| (table_order(&rows), combine(rows, options(min_compared))));
        let indices = serde_json::json!({
            "summary": result.summary,
            "municipalities": result.municipalities,
        });
        Ok((
            order,
            FlagColumns::from_rows(result.flags),
            indices.to_string(),
        ))
    })
}
