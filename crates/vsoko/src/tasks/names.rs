//! Names of subjects, procedures and pupils as they are compared: case, `ё` and spaces aside.

/// A name as compared: lower case, `ё` as `е`, spaces collapsed.
pub(super) fn name_key(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
        .replace('ё', "е")
}
