//! Inputs for the benchmarks, embedded from `fixtures/` so every run measures the same thing.

/// A medium-level school with fractional values and missing indicators (index-2023).
pub const SCHOOL_42: &str = include_str!("../../fixtures/schools/index-2023/school_42.json");

/// A school with every indicator given (index-2023).
pub const FULL_SCHOOL: &str = include_str!("../../fixtures/schools/index-2023/gymnasium_high.json");

/// An order-1547 school with "n/a" values.
pub const NOCKO_SCHOOL: &str =
    include_str!("../../fixtures/schools/nocko-1547/with_not_applicable.json");

/// The custom methodology fixture.
pub const CUSTOM_METHODOLOGY: &str =
    include_str!("../../fixtures/methodologies/school_custom.json");
