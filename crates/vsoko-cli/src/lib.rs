//! The file side of the `vsoko` command line: reading batch tables (CSV, JSON Lines, XLSX),
//! rendering reports for people, and how a command fails. A library so that fuzz targets and tests drive the same readers as the
//! binary; every rule about values lives in the `vsoko` crate.

pub mod dialect;
pub mod failure;
pub mod lines;
pub mod records;
pub mod render;
#[cfg(feature = "serve")]
pub mod server;
pub mod sheets;
pub mod tables;
pub mod titles;
pub mod xlsx;
