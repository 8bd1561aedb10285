//! `vsoko.document`: the documents a school signs, made by the core from JSON and returned as
//! bytes (DOCX) or text bytes (HTML, Markdown).

use crate::errors::{guard, to_py};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::PyBytes;
use vsoko::document::{Kind, School, from_json};

/// A document of `kind` (`score-report`, `objectivity-report`, `order`, `plan`, `selfexam`)
/// from the JSON of what it is made from, with the school's requisites (JSON) if given, in
/// `format` (`docx`, `html` or `md`).
#[pyfunction]
#[pyo3(signature = (kind, source_json, school_json = None, format = "docx"))]
pub fn _document<'py>(
    py: Python<'py>,
    kind: &str,
    source_json: &str,
    school_json: Option<&str>,
    format: &str,
) -> PyResult<Bound<'py, PyBytes>> {
    guard(|| {
        let kind = Kind::from_id(kind).ok_or_else(|| {
            PyValueError::new_err(format!(
                "unknown document {kind:?}; expected one of: {}",
                Kind::ALL.map(Kind::id).join(", ")
            ))
        })?;
        let school = match school_json {
            Some(text) => School::from_json(text).map_err(|e| to_py(py, &e, None))?,
            None => School::default(),
        };
        let doc = from_json(kind, source_json, &school).map_err(|e| to_py(py, &e, None))?;
        let bytes = match format {
            "docx" => doc
                .to_docx()
                .map_err(|e| PyValueError::new_err(e.to_string()))?,
            "html" => doc.to_html().into_bytes(),
            "md" | "markdown" => doc.to_markdown().into_bytes(),
            other => {
                return Err(PyValueError::new_err(format!(
                    "unknown format {other:?}; expected docx, html or md"
                )));
            }
        };
        Ok(PyBytes::new(py, &bytes))
    })
}

/// The rows of a Word document's tables (the title lines above the first table first), each
/// with its number, as the plan importer reads them.
#[pyfunction]
pub fn _docx_tables(py: Python<'_>, data: &[u8]) -> PyResult<Vec<(usize, Vec<String>)>> {
    guard(|| vsoko::document::read::tables(data, "docx").map_err(|e| to_py(py, &e, None)))
}
