//! `vsoko objectivity FILE...`: pupil tables in (long CSV/XLSX, or the school export
//! «Индивидуальные результаты»), the comparison table, the signs and the index out. The page
//! (`--format html`) is the core's `Objectivity::to_html`.

mod read;
mod run;
mod split;
mod spreadsheet;
mod terminal;

pub use run::{ObjectivityArgs, result_of, run};
