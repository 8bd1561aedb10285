//! Many schools' answers in one table, as a municipality collects them: `school`, optional
//! `municipality` and `variant`, then one column per indicator id, a row per school.

use super::definition::Definition;
use super::diagnosis::{Answers, Diagnosis, diagnose};
use crate::error::{Error, Result};
use crate::reason::{InputReason, Location};
use std::collections::{BTreeMap, HashSet};

/// Where the columns of an answers table are.
#[derive(Debug, Clone)]
pub struct AnswerTable {
    school: usize,
    municipality: Option<usize>,
    variant: Option<usize>,
    /// Column position and indicator id.
    indicators: Vec<(usize, String)>,
}

const SCHOOL: [&str; 3] = ["school", "школа", "организация"];
const MUNICIPALITY: [&str; 3] = ["municipality", "муниципалитет", "мо"];
const VARIANT: [&str; 2] = ["variant", "вариант"];

fn heading(column: usize, name: &str) -> Location {
    Location::Heading {
        column: column + 1,
        name: name.to_string(),
    }
}

impl AnswerTable {
    /// Maps a header: the school column (`school`/`Школа`), optional `municipality` and
    /// `variant`, and indicator ids of the definition.
    ///
    /// # Errors
    /// [`Error::InvalidInput`] for no school column, a column given twice, or a heading that
    /// is none of these (naming the column).
    ///
    /// ```
    /// let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../fixtures/selfdiag/example.json")).unwrap();
    /// let d = vsoko::selfdiag::Definition::from_json(&text).unwrap();
    /// let header = ["Школа", "K1", "K2"].map(String::from);
    /// assert!(vsoko::selfdiag::AnswerTable::from_header(&d, &header).is_ok());
    /// let bad = ["Школа", "K9"].map(String::from);
    /// assert!(vsoko::selfdiag::AnswerTable::from_header(&d, &bad).is_err());
    /// ```
    pub fn from_header(d: &Definition, header: &[String]) -> Result<AnswerTable> {
        let ids: HashSet<&str> = d
            .directions
            .iter()
            .flat_map(|dir| dir.indicators.iter().map(|i| i.id.as_str()))
            .collect();
        let (mut school, mut municipality, mut variant) = (None, None, None);
        let mut indicators = Vec::new();
        let mut seen = HashSet::new();
        for (i, h) in header.iter().enumerate() {
            let name = h.trim_start_matches('\u{feff}').trim();
            let key = name.to_lowercase();
            if !seen.insert(key.clone()) {
                return Err(Error::InvalidInput {
                    at: heading(i, name),
                    reason: InputReason::DuplicateColumn {
                        name: name.to_string(),
                    },
                });
            }
            if SCHOOL.contains(&key.as_str()) {
                school = Some(i);
            } else if MUNICIPALITY.contains(&key.as_str()) {
                municipality = Some(i);
            } else if VARIANT.contains(&key.as_str()) {
                variant = Some(i);
            } else if ids.contains(name) {
                indicators.push((i, name.to_string()));
            } else if !name.is_empty() {
                return Err(Error::InvalidInput {
                    at: heading(i, name),
                    reason: InputReason::WrongArgument {
                        expected: format!(
                            "school, municipality, variant or an indicator id of {}",
                            d.id
                        ),
                        expected_ru: format!(
                            "школа, муниципалитет, вариант или код показателя самодиагностики {}",
                            d.id
                        ),
                    },
                });
            }
        }
        let Some(school) = school else {
            return Err(Error::InvalidInput {
                at: Location::Header,
                reason: InputReason::MissingColumn {
                    name: "school / Школа".into(),
                },
            });
        };
        Ok(AnswerTable {
            school,
            municipality,
            variant,
            indicators,
        })
    }

    /// A row's answers (empty cells are no answer).
    pub fn answers(&self, cells: &[String]) -> Answers {
        let cell = |i: usize| {
            cells
                .get(i)
                .map(|s| s.trim())
                .filter(|s| !s.is_empty())
                .map(str::to_string)
        };
        Answers {
            school: cell(self.school),
            municipality: self.municipality.and_then(cell),
            variant: self.variant.and_then(cell),
            answers: self
                .indicators
                .iter()
                .filter_map(|(i, id)| {
                    // The answer as written: the comparison ignores case and outer spaces.
                    let v = cells.get(*i).filter(|s| !s.trim().is_empty())?;
                    Some((id.clone(), v.clone()))
                })
                .collect::<BTreeMap<_, _>>(),
        }
    }

    /// Scores one row; an answer that is no option, or a missing one, is named by its
    /// column and `row`.
    ///
    /// # Errors
    /// [`Error::EmptySchool`] for a row without a school; otherwise as [`diagnose`], with the
    /// indicator's column (or the header, when the table has no column for it) as the place.
    pub fn diagnose(&self, d: &Definition, row: usize, cells: &[String]) -> Result<Diagnosis> {
        let answers = self.answers(cells);
        if answers.school.is_none() {
            return Err(Error::EmptySchool {
                at: Location::Row(row),
            });
        }
        diagnose(d, &answers).map_err(|e| match e {
            Error::InvalidInput {
                at: Location::Field(id),
                reason,
            } => Error::InvalidInput {
                at: match self.indicators.iter().find(|(_, x)| *x == id) {
                    Some((i, _)) => heading(*i, &id),
                    None => Location::Field(id),
                },
                reason,
            },
            other => other,
        })
    }
}
