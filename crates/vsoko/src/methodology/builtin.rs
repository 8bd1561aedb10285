//! The built-in methodologies, embedded as JSON and parsed once on first use.

use super::Methodology;
use crate::error::{Error, Result};
use std::sync::LazyLock;

/// Names of the built-in methodologies.
pub const BUILTIN: &[&str] = &["index-2023", "nocko-1547", "nok-2019"];

static INDEX_2023: LazyLock<Result<Methodology>> =
    LazyLock::new(|| Methodology::from_json(include_str!("../../data/index_2023.json")));
static NOK_2019: LazyLock<Result<Methodology>> =
    LazyLock::new(|| Methodology::from_json(include_str!("../../data/nok_2019.json")));
static NOCKO_1547: LazyLock<Result<Methodology>> =
    LazyLock::new(|| Methodology::from_json(include_str!("../../data/nocko_1547.json")));

pub(super) fn get(name: &str) -> Result<&'static Methodology> {
    let cell = match name {
        "index-2023" => &INDEX_2023,
        "nocko-1547" => &NOCKO_1547,
        "nok-2019" => &NOK_2019,
        _ => {
            return Err(Error::UnknownMethodology {
                name: name.to_string(),
                known: BUILTIN.iter().map(ToString::to_string).collect(),
            });
        }
    };
    // The embedded files are validated by the unit test below; an error here would be a
    // packaging bug, still reported as a typed error rather than a panic.
    cell.as_ref().map_err(Clone::clone)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_builtin_parses_and_validates() {
        for name in BUILTIN {
            let m = get(name).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(m.id(), *name);
        }
    }
}
