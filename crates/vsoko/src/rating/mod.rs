//! Ratings as the motivating monitoring makes them (DOMAIN §8): relative points (the best unit
//! gets 100), places with ties shared, horizontal (all schools) and vertical (within each
//! municipality), within groups of similar conditions, municipalities by the mean of their
//! schools, and resilient schools (a result in the top band despite the lowest band of a
//! context index).
//!
//! - `measure`: what is rated (the total, a group, one indicator) and which way is better;
//! - `places`: competition places and percentiles;
//! - `context`: similar-conditions groups and quantile bands;
//! - `relative`: relative points and totals over indicators' points;
//! - `rate`: the rating itself;
//! - `rater`: scored schools collected and rated (what every front end does).

mod context;
mod measure;
mod places;
mod rate;
mod rater;
mod relative;

pub use context::band_of;
pub use measure::Measure;
pub use places::{percentile, places};
pub use rate::{
    MunicipalityRating, Rating, RatingOptions, RegionRating, Resilient, Unit, UnitRating, rate,
};
pub use rater::Rater;
pub use relative::{PointsTotal, relative_total};
