//! Names for a methodology's groups, indicators and inputs from a titles file (id; title).
//!
//! The sources of the 72-indicator index do not give the indicators' official names, so a
//! region or a school may keep its own list. [`Titles`] reads such a list (CSV with `;`, tab or
//! `,`, optionally under a header row) and [`Methodology::with_titles`] overlays it, after
//! checking every row: an id the methodology does not have, a repeated id, an empty title or
//! a cell that would be lost is an error ([`Error::InvalidTitles`]), all of them at once, and
//! nothing is renamed.

use super::{GroupSpec, Methodology};
use crate::error::{Error, Result};
use crate::reason::{TitleFlaw, TitleProblem};
use std::collections::HashMap;

/// One row of a titles file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TitleRow {
    /// 1-based row of the file.
    pub row: usize,
    /// Group, indicator or input id.
    pub id: String,
    /// Its Russian title.
    pub title: String,
    /// Further cells of the row, if any (each must be empty).
    pub rest: Vec<String>,
}

/// The rows of a titles file, read but not yet checked against a methodology.
///
/// ```
/// let t = vsoko::methodology::Titles::parse("Код;Название\n1.1.1;Доля выпускников…\n").unwrap();
/// assert_eq!(t.rows()[0].id, "1.1.1");
/// assert_eq!(t.rows()[0].row, 2);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Titles {
    rows: Vec<TitleRow>,
}

/// First cells that mark a header row (compared in lower case).
const HEADER_IDS: &[&str] = &["id", "код", "код показателя", "№", "номер", "показатель"];

impl Titles {
    /// Rows given as they are (a spreadsheet read by a front end).
    pub fn from_rows(rows: Vec<TitleRow>) -> Titles {
        Titles { rows }
    }

    /// Pairs (id, title) given in memory; rows are numbered from 1.
    pub fn from_pairs<I, K, V>(pairs: I) -> Titles
    where
        I: IntoIterator<Item = (K, V)>,
        K: Into<String>,
        V: Into<String>,
    {
        let rows = pairs
            .into_iter()
            .enumerate()
            .map(|(i, (id, title))| TitleRow {
                row: i + 1,
                id: id.into(),
                title: title.into(),
                rest: Vec::new(),
            })
            .collect();
        Titles { rows }
    }

    /// Reads delimited text: UTF-8 (a BOM is skipped), the delimiter told as every reader of
    /// the project tells it ([`crate::delimited::delimiter`]), `"` quotes with `""` inside (a
    /// quoted cell may span lines). A first row whose first cell is `id`, `код`, `№`… is a header.
    /// Blank lines are skipped.
    ///
    /// # Errors
    /// [`Error::InvalidTitles`] when a quote is not closed.
    pub fn parse(text: &str) -> Result<Titles> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let delimiter = char::from(crate::delimited::delimiter(text.as_bytes()));
        let records =
            crate::delimited::records(text, delimiter).map_err(|row| Error::InvalidTitles {
                problems: vec![TitleProblem {
                    row,
                    id: String::new(),
                    flaw: TitleFlaw::UnclosedQuote,
                }],
            })?;
        Ok(Titles::from_table(records))
    }

    /// The rows of a table read by a front end (each with its 1-based row and its cells, as a
    /// CSV or a workbook gives them): blank rows are skipped, and so is the first non-blank
    /// row when its first cell is `id`, `код`, `№`… (a header).
    ///
    /// ```
    /// use vsoko::methodology::Titles;
    /// let rows = vec![(1, vec![]), (2, vec!["Код".into(), "Название".into()]), (3, vec!["1.1.1".into(), "А".into()])];
    /// let t = Titles::from_table(rows);
    /// assert_eq!((t.rows()[0].row, t.rows()[0].id.as_str()), (3, "1.1.1"));
    /// ```
    pub fn from_table(table: Vec<(usize, Vec<String>)>) -> Titles {
        let mut rows = Vec::new();
        let mut first = true;
        for (row, cells) in table {
            if cells.iter().all(|c| c.trim().is_empty()) {
                continue;
            }
            let mut cells = cells.into_iter();
            let id = cells.next().unwrap_or_default().trim().to_string();
            let header = first && HEADER_IDS.contains(&id.to_lowercase().as_str());
            first = false;
            if header {
                continue;
            }
            let title = cells.next().unwrap_or_default().trim().to_string();
            rows.push(TitleRow {
                row,
                id,
                title,
                rest: cells.collect(),
            });
        }
        Titles { rows }
    }

    /// The rows.
    pub fn rows(&self) -> &[TitleRow] {
        &self.rows
    }
}

impl Methodology {
    /// This methodology with the titles of a titles file in place of its own: groups,
    /// indicators and inputs are named by id (an id that is both an indicator and its input
    /// renames both). Everything else — caps, rules, levels, the id — stays, so results are
    /// the same; only names change.
    ///
    /// ```
    /// use vsoko::methodology::Titles;
    /// let m = vsoko::Methodology::builtin("index-2023").unwrap();
    /// let titled = m.with_titles(&Titles::parse("1.1.1;Результаты ГИА по математике").unwrap()).unwrap();
    /// assert_eq!(titled.catalog().indicators[0].title.as_deref(), Some("Результаты ГИА по математике"));
    ///
    /// let bad = Titles::parse("1.1.1;А\n1.1.1;Б\n9.9;В\n1.1.2;\n").unwrap();
    /// let vsoko::Error::InvalidTitles { problems } = m.with_titles(&bad).unwrap_err() else { panic!() };
    /// let codes: Vec<_> = problems.iter().map(|p| p.code()).collect();
    /// assert_eq!(codes, ["duplicate_id", "unknown_id", "empty_title"]);
    /// ```
    ///
    /// # Errors
    /// [`Error::InvalidTitles`] listing every problem; nothing is renamed then.
    pub fn with_titles(&self, titles: &Titles) -> Result<Methodology> {
        let mut spec = self.spec().clone();
        let known: Vec<&str> = self
            .groups()
            .iter()
            .map(|g| g.id.as_str())
            .chain(self.indicators().iter().map(|i| i.id.as_str()))
            .chain(self.inputs().iter().map(|i| i.id.as_str()))
            .collect();
        let mut problems = Vec::new();
        let mut first: HashMap<&str, usize> = HashMap::new();
        let mut names: HashMap<&str, &str> = HashMap::new();
        for r in titles.rows() {
            let problem = |flaw| TitleProblem {
                row: r.row,
                id: r.id.clone(),
                flaw,
            };
            if let Some(column) = r.rest.iter().position(|c| !c.trim().is_empty()) {
                problems.push(problem(TitleFlaw::ExtraCell { column: column + 3 }));
            }
            if r.id.is_empty() {
                problems.push(problem(TitleFlaw::EmptyId));
                continue;
            }
            if !known.contains(&r.id.as_str()) {
                let nearest = crate::suggest::nearest(&r.id, known.iter().copied());
                problems.push(problem(TitleFlaw::UnknownId {
                    nearest: nearest.map(str::to_string),
                }));
                continue;
            }
            if let Some(&row) = first.get(r.id.as_str()) {
                problems.push(problem(TitleFlaw::DuplicateId { first: row }));
                continue;
            }
            first.insert(&r.id, r.row);
            if r.title.trim().is_empty() {
                problems.push(problem(TitleFlaw::EmptyTitle));
                continue;
            }
            names.insert(&r.id, r.title.trim());
        }
        if !problems.is_empty() {
            return Err(Error::InvalidTitles { problems });
        }
        let title_of = |id: &str| names.get(id).map(|t| (*t).to_string());
        rename(&mut spec.groups, &title_of);
        for input in &mut spec.inputs {
            if let Some(t) = title_of(&input.id) {
                input.title = Some(t);
            }
        }
        if !names.is_empty() {
            spec.notes.push(format!(
                "{} titles are taken from a titles file, not from the source.",
                names.len()
            ));
        }
        Methodology::from_spec(spec)
    }
}

fn rename(groups: &mut [GroupSpec], named: &impl Fn(&str) -> Option<String>) {
    for g in groups {
        if let Some(t) = named(&g.id) {
            g.title = Some(t);
        }
        for i in &mut g.indicators {
            if let Some(t) = named(&i.id) {
                i.title = Some(t);
            }
        }
        rename(&mut g.groups, named);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delimiters_quotes_header_and_blank_lines() {
        let t = Titles::parse(
            "\u{feff}id,title\r\n1.1.1,\"Доля, в %\"\r\n\r\n1.1.2,\"Строка\nвторая, с \"\"кавычками\"\"\"\n",
        )
        .unwrap();
        let rows: Vec<_> = t
            .rows()
            .iter()
            .map(|r| (r.row, r.id.as_str(), r.title.as_str()))
            .collect();
        assert_eq!(
            rows,
            [
                (2, "1.1.1", "Доля, в %"),
                (4, "1.1.2", "Строка\nвторая, с \"кавычками\"")
            ]
        );
        let tab = Titles::parse("1.1.1\tА, Б\n").unwrap();
        assert_eq!(tab.rows()[0].title, "А, Б");
        let err = Titles::parse("1.1.1;\"открыта\n").unwrap_err();
        assert_eq!(err.code(), "invalid_titles");
        assert!(err.message_ru().contains("строка 1: кавычка не закрыта"));
    }

    #[test]
    fn every_problem_at_once_and_nothing_renamed() {
        let m = Methodology::builtin("index-2023").unwrap();
        let t = Titles::parse("1.1.1;А;лишнее\n;Б\n1.1.l;В\n").unwrap();
        let Err(Error::InvalidTitles { problems }) = m.with_titles(&t) else {
            panic!("expected invalid titles");
        };
        let got: Vec<_> = problems.iter().map(|p| (p.row, p.code())).collect();
        assert_eq!(got, [(1, "extra_cell"), (2, "empty_id"), (3, "unknown_id")]);
        assert!(problems[2].ru().contains("возможно, «1.1.1»"));
        // A short row (an id alone) has no title: reported, not taken as an empty name.
        let short = Titles::parse("1.1.1\n").unwrap();
        let Err(Error::InvalidTitles { problems }) = m.with_titles(&short) else {
            panic!("expected invalid titles");
        };
        assert_eq!(problems[0].code(), "empty_title");
    }

    #[test]
    fn titles_rename_groups_indicators_and_inputs_and_keep_results() {
        let m = Methodology::builtin("nok-2019").unwrap();
        let input = m.inputs()[0].id.clone();
        let t = Titles::from_pairs([("1", "Открытость"), (input.as_str(), "Стенды")]);
        let titled = m.with_titles(&t).unwrap();
        let c = titled.catalog();
        assert_eq!(c.groups[0].title.as_deref(), Some("Открытость"));
        assert_eq!(c.inputs[0].title.as_deref(), Some("Стенды"));
        assert_eq!(titled.max(), m.max());
        assert_eq!(titled.id(), m.id());
    }
}
