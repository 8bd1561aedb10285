//! Objectivity (DOMAIN §5): pupils' marks in external procedures (ВПР, ОГЭ) against their
//! journal marks, Rosobrnadzor's signs of biased results, and the objectivity index, from one
//! school to a whole country (per-school summaries are the unit of work: see [`combine`]).
//!
//! | sign | a school is flagged when |
//! |---|---|
//! | `inflated_mean` | its 95 % interval of the mean primary score (mean ± 1.96·s/√m) lies wholly above the region's (all pupils of the input for the same procedure × subject × grade × year) |
//! | `mark_mismatch` | Spearman's correlation of journal marks and primary scores is negative (from [`MIN_COMPARED_FOR_SPEARMAN`] compared pupils) |
//! | `cohort_drop` / `cohort_rise` | K = completion in grade N, year Y ÷ completion in grade N+1, year Y+1 is above Q75 + 3·IQR / below Q25 − 3·IQR over the schools with both years (at least [`MIN_SCHOOLS_FOR_COHORT`]) |
//!
//! The objectivity index is 100 − the percentage of schools flagged by at least one sign, over
//! the schools with at least one participant; with none it is `null`, never 100. A school
//! whose pupils were all absent is counted apart (`not_assessed`).
//!
//! | finding | when |
//! |---|---|
//! | `school_spelling` | two school names of one municipality differ only in case, spaces, `ё` or Latin look-alike letters (kept apart) |
//!
//! Procedures and subjects that differ only in case and spaces are one, shown as first seen.
//! In a journal mark, «н» and «осв» mean no mark: the pupil is not compared, the score counts.
//! No threshold on the shares of «понизили» / «повысили» is federal, so none is applied.
//! [`Objectivity::to_html`] is the result as a page for people.

mod analysis;
mod cells;
mod columns;
mod page;
mod pupil;
mod signs;
mod stats;

pub use crate::finding::Finding;
pub use analysis::{
    Analysis, GroupKey, GroupSummary, MIN_COMPARED_FOR_SPEARMAN, MIN_SCHOOLS_FOR_COHORT,
    ObjectivityOptions,
};
pub use pupil::{Cell, FileContext, Pupil, PupilColumns, PupilRef, PupilTable, is_header};
pub use signs::{Flag, IndexSummary, MunicipalityIndex, Objectivity, Sign, combine, table_order};
pub use stats::{Moments, RHO_PLACES, T95, quantile, ranks, spearman};
