//! How the binding holds a methodology: a built-in one for the whole process, a custom one
//! shared; and the text it pickles as (a built-in name, or a custom one's JSON).

use crate::errors::to_py as error;
use pyo3::prelude::*;
use std::sync::Arc;

/// A built-in methodology lives for the whole process; a custom one is shared.
#[derive(Clone)]
pub enum Held {
    Builtin(&'static vsoko::Methodology),
    Custom(Arc<vsoko::Methodology>),
}

impl std::ops::Deref for Held {
    type Target = vsoko::Methodology;
    fn deref(&self) -> &vsoko::Methodology {
        match self {
            Held::Builtin(m) => m,
            Held::Custom(m) => m,
        }
    }
}

impl Held {
    /// A built-in methodology by name.
    pub fn builtin(py: Python<'_>, name: &str) -> PyResult<Held> {
        vsoko::Methodology::builtin(name)
            .map(Held::Builtin)
            .map_err(|e| error(py, &e, None))
    }

    /// What it pickles as: `(true, name)` for a built-in, `(false, json)` for a custom one.
    pub fn state(&self) -> (bool, String) {
        match self {
            Held::Builtin(m) => (true, m.id().to_string()),
            Held::Custom(m) => (false, m.to_json()),
        }
    }

    /// The inverse of [`Held::state`].
    pub fn from_state(py: Python<'_>, builtin: bool, text: &str) -> PyResult<Held> {
        if builtin {
            return Held::builtin(py, text);
        }
        vsoko::Methodology::from_json(text)
            .map(|m| Held::Custom(Arc::new(m)))
            .map_err(|e| error(py, &e, None))
    }
}
