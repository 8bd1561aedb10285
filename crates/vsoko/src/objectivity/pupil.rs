//! Pupil rows of external procedures (ВПР, ОГЭ) and the header of the tables they come in: the
//! long table (one pupil per row, English ids or the Russian headers of the federal exports) and
//! the school export «Индивидуальные результаты» (title row, meta rows, then the header).

pub use super::cells::Cell;
use super::cells::{AsCell, RowCells, missing};
use super::columns::{COLS, Col, col_of};
use crate::decimal::parse_decimal;
use crate::error::{Error, Result};
use crate::reason::{InputReason, Location};
use rust_decimal::Decimal;

/// One pupil's result in one procedure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pupil {
    /// The school (its code or login).
    pub school: String,
    /// The municipality, when known.
    pub municipality: Option<String>,
    /// The year of the procedure.
    pub year: i32,
    /// ВПР, ОГЭ…
    pub procedure: String,
    /// The subject.
    pub subject: String,
    /// The grade, 1..=11.
    pub grade: u8,
    /// The class (`4А`), when given.
    pub class: Option<String>,
    /// The anonymous pupil code.
    pub pupil: String,
    /// The primary score; `None` for an absent pupil.
    pub score: Option<Decimal>,
    /// The maximum primary score.
    pub max_score: Decimal,
    /// The mark of the procedure, 2..=5; `None` for an absent pupil.
    pub mark: Option<u8>,
    /// The journal mark (the previous term's), 2..=5; `None` when missing.
    pub journal_mark: Option<u8>,
}

/// A pupil's row borrowed from its cells (no allocation): what [`crate::objectivity::Analysis`]
/// reads when it streams millions of rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PupilRef<'a> {
    /// See [`Pupil::school`].
    pub school: &'a str,
    /// See [`Pupil::municipality`].
    pub municipality: Option<&'a str>,
    /// See [`Pupil::year`].
    pub year: i32,
    /// See [`Pupil::procedure`].
    pub procedure: &'a str,
    /// See [`Pupil::subject`].
    pub subject: &'a str,
    /// See [`Pupil::grade`].
    pub grade: u8,
    /// See [`Pupil::class`].
    pub class: Option<&'a str>,
    /// See [`Pupil::pupil`].
    pub pupil: &'a str,
    /// See [`Pupil::score`].
    pub score: Option<Decimal>,
    /// See [`Pupil::max_score`].
    pub max_score: Decimal,
    /// See [`Pupil::mark`].
    pub mark: Option<u8>,
    /// See [`Pupil::journal_mark`].
    pub journal_mark: Option<u8>,
}

impl PupilRef<'_> {
    /// The owned row.
    pub fn to_owned(self) -> Pupil {
        Pupil {
            school: self.school.to_string(),
            municipality: self.municipality.map(ToString::to_string),
            year: self.year,
            procedure: self.procedure.to_string(),
            subject: self.subject.to_string(),
            grade: self.grade,
            class: self.class.map(ToString::to_string),
            pupil: self.pupil.to_string(),
            score: self.score,
            max_score: self.max_score,
            mark: self.mark,
            journal_mark: self.journal_mark,
        }
    }

    /// Absent: no score and no mark.
    pub fn is_absent(&self) -> bool {
        self.score.is_none() && self.mark.is_none()
    }
}

impl Pupil {
    /// The row as borrowed fields.
    pub fn as_ref(&self) -> PupilRef<'_> {
        PupilRef {
            school: &self.school,
            municipality: self.municipality.as_deref(),
            year: self.year,
            procedure: &self.procedure,
            subject: &self.subject,
            grade: self.grade,
            class: self.class.as_deref(),
            pupil: &self.pupil,
            score: self.score,
            max_score: self.max_score,
            mark: self.mark,
            journal_mark: self.journal_mark,
        }
    }

    /// Absent: no score and no mark (or «отсутствовал» in the variant column).
    pub fn is_absent(&self) -> bool {
        self.score.is_none() && self.mark.is_none()
    }
}

/// What a file tells about all its rows (the title of a school export: «ВПР 2024 Математика 4
/// класс»; its «Максимальный первичный балл» meta row).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FileContext {
    /// The procedure, when the title names it.
    pub procedure: Option<String>,
    /// The year.
    pub year: Option<i32>,
    /// The subject.
    pub subject: Option<String>,
    /// The grade.
    pub grade: Option<u8>,
    /// The maximum primary score.
    pub max_score: Option<Decimal>,
}

impl FileContext {
    /// Reads a title such as «ВПР 2024 Математика 4 класс» (procedure, year, subject, grade).
    ///
    /// ```
    /// let c = vsoko::objectivity::FileContext::from_title("ВПР 2024 Русский язык 5 класс").unwrap();
    /// assert_eq!((c.procedure.as_deref(), c.year, c.subject.as_deref(), c.grade),
    ///            (Some("ВПР"), Some(2024), Some("Русский язык"), Some(5)));
    /// ```
    pub fn from_title(title: &str) -> Option<FileContext> {
        let words: Vec<&str> = title.split_whitespace().collect();
        let (procedure, rest) = words.split_first()?;
        let (year, rest) = rest.split_first()?;
        let year: i32 = year.parse().ok().filter(|y| (1990..=2200).contains(y))?;
        let class_at = rest
            .iter()
            .rposition(|w| w.to_lowercase().starts_with("класс"))?;
        let grade: u8 = rest.get(class_at.checked_sub(1)?)?.parse().ok()?;
        let subject = rest.get(..class_at - 1)?.join(" ");
        (!subject.is_empty() && (1..=11).contains(&grade)).then(|| FileContext {
            procedure: Some((*procedure).to_string()),
            year: Some(year),
            subject: Some(subject),
            grade: Some(grade),
            max_score: None,
        })
    }

    /// Reads a meta row such as «Максимальный первичный балл: 15» into the context.
    pub fn read_meta(&mut self, cells: &[&str]) {
        let text = cells.join(" ");
        let lower = text.to_lowercase();
        if lower.contains("максимальный первичный балл") {
            let digits: String = lower
                .rsplit(|c: char| !(c.is_ascii_digit() || c == '.' || c == ','))
                .find(|p| !p.is_empty())
                .unwrap_or_default()
                .replace(',', ".");
            if let Ok(d) = parse_decimal(&digits) {
                self.max_score = Some(d);
            }
        }
    }
}

/// Which column holds what, decided once from the header row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PupilColumns {
    cols: Vec<Option<Col>>,
    /// The headings as written, for messages.
    headings: Vec<String>,
    /// The column of each field (by `Col as usize`).
    at: [Option<usize>; COLS],
    context: FileContext,
}

/// Whether a row of cells is the header of a pupil table (it names the pupil code and a mark).
pub fn is_header<S: AsRef<str>>(cells: &[S]) -> bool {
    let cols: Vec<Option<Col>> = cells.iter().map(|c| col_of(c.as_ref())).collect();
    cols.contains(&Some(Col::Pupil)) && cols.contains(&Some(Col::Mark))
}

impl PupilColumns {
    /// Maps a header; what the header lacks (procedure, year, subject, grade, maximum) must come
    /// from the file's context.
    ///
    /// # Errors
    /// [`Error::InvalidInput`] naming a column no field has, a field given twice, or a field
    /// missing from both the header and the context.
    pub fn from_header<S: AsRef<str>>(header: &[S], context: FileContext) -> Result<PupilColumns> {
        let width = header
            .iter()
            .rposition(|c| !c.as_ref().trim().is_empty())
            .map_or(0, |i| i + 1);
        let mut cols = Vec::with_capacity(width);
        let mut headings = Vec::with_capacity(width);
        for (i, cell) in header.iter().take(width).enumerate() {
            let name = cell.as_ref().trim();
            headings.push(name.trim_start_matches('\u{feff}').to_string());
            let col = col_of(name);
            if col.is_none() && !name.is_empty() {
                return Err(Error::InvalidInput {
                    at: Location::Column(i + 1),
                    reason: InputReason::UnknownPupilColumn { name: name.into() },
                });
            }
            if let Some(c) = col
                && c != Col::Task
                && cols.contains(&Some(c))
            {
                return Err(Error::InvalidInput {
                    at: Location::Column(i + 1),
                    reason: InputReason::DuplicateColumn { name: name.into() },
                });
            }
            cols.push(col);
        }
        let have = |c: Col| cols.contains(&Some(c));
        let required = [
            (Col::School, true, "school / ОО"),
            (Col::Pupil, true, "pupil / Код участника"),
            (Col::Score, true, "score / Первичный балл"),
            (Col::Mark, true, "mark / Отметка"),
            (Col::JournalMark, true, "journal_mark / Отметка по журналу"),
            (Col::Year, context.year.is_none(), "year / Год"),
            (
                Col::Procedure,
                context.procedure.is_none(),
                "procedure / Процедура",
            ),
            (Col::Subject, context.subject.is_none(), "subject / Предмет"),
            (Col::Grade, context.grade.is_none(), "grade / Параллель"),
            (
                Col::MaxScore,
                context.max_score.is_none(),
                "max_score / Максимальный первичный балл",
            ),
        ];
        if let Some((_, _, name)) = required.iter().find(|(c, needed, _)| *needed && !have(*c)) {
            return Err(Error::InvalidInput {
                at: Location::Header,
                reason: InputReason::MissingColumn {
                    name: (*name).into(),
                },
            });
        }
        if let Some(max) = context.max_score.filter(|d| *d <= Decimal::ZERO)
            && !have(Col::MaxScore)
        {
            return Err(Error::InvalidInput {
                at: Location::Header,
                reason: InputReason::MaxScoreNotPositive {
                    found: max.normalize().to_string(),
                },
            });
        }
        let mut at = [None; COLS];
        for (i, c) in cols.iter().enumerate() {
            if let Some(c) = c
                && *c != Col::Task
                && let Some(slot) = at.get_mut(*c as usize)
            {
                *slot = Some(i);
            }
        }
        Ok(PupilColumns {
            cols,
            headings,
            at,
            context,
        })
    }

    /// Whether column `i` holds a numeric field (year, grade, scores, marks), so that a
    /// columnar frame may give it as numbers; every other column is text.
    ///
    /// ```
    /// use vsoko::objectivity::{FileContext, PupilColumns};
    /// let header = ["school", "year", "procedure", "subject", "grade", "pupil", "score",
    ///               "max_score", "mark", "journal_mark"];
    /// let cols = PupilColumns::from_header(&header, FileContext::default()).unwrap();
    /// assert_eq!((cols.is_numeric(0), cols.is_numeric(1), cols.is_numeric(5)), (false, true, false));
    /// ```
    pub fn is_numeric(&self, i: usize) -> bool {
        matches!(
            self.cols.get(i),
            Some(Some(
                Col::Year | Col::Grade | Col::Score | Col::MaxScore | Col::Mark | Col::JournalMark
            ))
        )
    }

    /// Reads one row. `Ok(None)` for a row with no pupil code (a blank or summary row).
    ///
    /// # Errors
    /// [`Error::InvalidInput`] naming the column: a mark outside 2–5, a score below 0 or above
    /// the maximum, a grade outside 1–11, a cell that is not a number, data past the header.
    pub fn row<S: AsRef<str>>(&self, cells: &[S]) -> Result<Option<Pupil>> {
        let texts: Vec<&str> = cells.iter().map(AsRef::as_ref).collect();
        Ok(self.row_ref(&texts)?.map(PupilRef::to_owned))
    }

    /// [`PupilColumns::row`] without allocating: the row borrows its cells.
    ///
    /// # Errors
    /// As [`PupilColumns::row`].
    pub fn row_ref<'a>(&'a self, cells: &'a [&'a str]) -> Result<Option<PupilRef<'a>>> {
        self.row_of(cells)
    }

    /// [`PupilColumns::row_ref`] over typed cells: numbers from a columnar frame are taken as
    /// they are; every check of a text cell applies to them too.
    ///
    /// ```
    /// use rust_decimal::Decimal;
    /// use vsoko::objectivity::{Cell, FileContext, PupilColumns};
    /// let header = ["school", "year", "procedure", "subject", "grade", "pupil", "score",
    ///               "max_score", "mark", "journal_mark"];
    /// let cols = PupilColumns::from_header(&header, FileContext::default()).unwrap();
    /// let n = |x: i64| Cell::Number(Decimal::from(x));
    /// let row = [Cell::Text("S1"), n(2024), Cell::Text("ВПР"), Cell::Text("Математика"), n(4),
    ///            Cell::Text("17"), n(12), n(20), n(4), n(5)];
    /// let p = cols.row_cells(&row).unwrap().unwrap();
    /// assert_eq!((p.grade, p.mark, p.journal_mark), (4, Some(4), Some(5)));
    /// let bad = [Cell::Text("S1"), n(2024), Cell::Text("ВПР"), Cell::Text("Математика"), n(4),
    ///            Cell::Text("17"), n(12), n(20), n(7), n(5)];
    /// assert_eq!(cols.row_cells(&bad).unwrap_err().code(), "invalid_input");
    /// ```
    ///
    /// # Errors
    /// As [`PupilColumns::row`]; a number in a text field (school, pupil…) is an error naming
    /// the column.
    pub fn row_cells<'a>(&'a self, cells: &'a [Cell<'a>]) -> Result<Option<PupilRef<'a>>> {
        self.row_of(cells)
    }

    fn row_of<'a, C: AsCell<'a>>(&'a self, cells: &'a [C]) -> Result<Option<PupilRef<'a>>> {
        if let Some(extra) = cells
            .iter()
            .skip(self.cols.len())
            .position(|c| !c.cell().is_blank())
        {
            return Err(Error::InvalidInput {
                at: Location::Column(self.cols.len() + extra + 1),
                reason: InputReason::RowTooLong {
                    cells: cells.len(),
                    columns: self.cols.len(),
                },
            });
        }
        let r = RowCells {
            at: &self.at,
            cells,
            headings: &self.headings,
        };
        let Some(pupil) = r.text(Col::Pupil)? else {
            return Ok(None);
        };
        let year = match r.whole(Col::Year, 1990, 2200)? {
            Some(y) => i32::try_from(y).unwrap_or_default(),
            None => self.context.year.ok_or_else(|| missing("year / Год"))?,
        };
        let grade = match r.whole(Col::Grade, 1, 11)? {
            Some(g) => u8::try_from(g).unwrap_or_default(),
            None => self
                .context
                .grade
                .ok_or_else(|| missing("grade / Параллель"))?,
        };
        let max_score = match r.number(Col::MaxScore)? {
            Some((i, d)) if d <= Decimal::ZERO => {
                return Err(Error::InvalidInput {
                    at: r.location(i),
                    reason: InputReason::MaxScoreNotPositive {
                        found: d.normalize().to_string(),
                    },
                });
            }
            Some((_, d)) => d,
            None => self
                .context
                .max_score
                .ok_or_else(|| missing("max_score / Максимальный первичный балл"))?,
        };
        let score = match r.number(Col::Score)? {
            Some((i, d)) if d < Decimal::ZERO || d > max_score => {
                return Err(r.out_of_range(i, d, "0", &max_score.normalize().to_string()));
            }
            other => other.map(|(_, d)| d),
        };
        let mark = r.mark(Col::Mark, false)?;
        let journal_mark = r.mark(Col::JournalMark, true)?;
        let absent = r
            .text(Col::Variant)?
            .is_some_and(|v| v.starts_with("отсутств") || v.starts_with("Отсутств"));
        let (score, mark) = if absent { (None, None) } else { (score, mark) };
        Ok(Some(PupilRef {
            school: r.text(Col::School)?.ok_or_else(|| missing("school / ОО"))?,
            municipality: r.text(Col::Municipality)?,
            year,
            procedure: r
                .text(Col::Procedure)?
                .or(self.context.procedure.as_deref())
                .unwrap_or_default(),
            subject: r
                .text(Col::Subject)?
                .or(self.context.subject.as_deref())
                .unwrap_or_default(),
            grade,
            class: r.text(Col::Class)?,
            pupil,
            score,
            max_score,
            mark,
            journal_mark,
        }))
    }
}

/// A pupil table read top to bottom: rows above the header give the file's context (the title
/// «ВПР 2024 Математика 4 класс», the meta row «Максимальный первичный балл: 16»), the first row
/// that names the pupil code and a mark is the header, and every row after it is a pupil.
///
/// ```
/// use vsoko::objectivity::PupilTable;
/// let mut t = PupilTable::default();
/// assert!(t.take_preamble(&["ВПР 2024 Математика 4 класс"]).unwrap());
/// assert!(t.take_preamble(&["Максимальный первичный балл: 16"]).unwrap());
/// let header = ["ОО", "Код участника", "Первичный балл", "Отметка", "Отметка по журналу"];
/// assert!(t.take_preamble(&header).unwrap());
/// assert!(!t.take_preamble(&["sch1", "1", "12", "4", "5"]).unwrap());
/// let p = t.columns().unwrap().row_ref(&["sch1", "1", "12", "4", "5"]).unwrap().unwrap();
/// assert_eq!((p.subject, p.grade, p.max_score.to_string().as_str()), ("Математика", 4, "16"));
/// ```
#[derive(Debug, Clone, Default)]
pub struct PupilTable {
    context: FileContext,
    columns: Option<PupilColumns>,
}

impl PupilTable {
    /// Takes a row that comes before the pupils (a title, a meta row, the header): `Ok(true)`
    /// when it was one, `Ok(false)` once the header has been read (the row is a pupil's).
    ///
    /// # Errors
    /// As [`PupilColumns::from_header`], for the header row.
    pub fn take_preamble(&mut self, cells: &[&str]) -> Result<bool> {
        if self.columns.is_some() {
            return Ok(false);
        }
        if is_header(cells) {
            self.columns = Some(PupilColumns::from_header(cells, self.context.clone())?);
            return Ok(true);
        }
        let texts: Vec<&str> = cells
            .iter()
            .copied()
            .filter(|c| !c.trim().is_empty())
            .collect();
        if self.context.procedure.is_none()
            && let Some(c) = texts.first().and_then(|t| FileContext::from_title(t))
        {
            self.context = FileContext {
                max_score: self.context.max_score,
                ..c
            };
        }
        self.context.read_meta(&texts);
        Ok(true)
    }

    /// The columns, once the header has been read.
    pub fn columns(&self) -> Option<&PupilColumns> {
        self.columns.as_ref()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_maximum_of_zero_in_the_meta_rows_is_its_own_error() {
        let mut t = PupilTable::default();
        t.take_preamble(&["ВПР 2024 Математика 4 класс"]).unwrap();
        t.take_preamble(&["Максимальный первичный балл: 0"])
            .unwrap();
        let header = [
            "ОО",
            "Код участника",
            "Первичный балл",
            "Отметка",
            "Отметка по журналу",
        ];
        let e = t.take_preamble(&header).unwrap_err();
        assert_eq!(
            e,
            Error::InvalidInput {
                at: Location::Header,
                reason: InputReason::MaxScoreNotPositive { found: "0".into() }
            }
        );
    }

    #[test]
    fn journal_marks_without_a_mark_and_marks_with_a_sign() {
        let header = [
            "ОО",
            "Код участника",
            "Первичный балл",
            "Отметка",
            "Отметка по журналу",
        ];
        let context = FileContext::from_title("ВПР 2024 Математика 4 класс").map(|c| FileContext {
            max_score: Some(Decimal::TEN),
            ..c
        });
        let cols = PupilColumns::from_header(&header, context.unwrap()).unwrap();
        for no_mark in ["н", "Н", "осв", "осв."] {
            let p = cols.row(&["s", "1", "7", "4", no_mark]).unwrap().unwrap();
            assert_eq!((p.score, p.journal_mark), (Some(Decimal::from(7)), None));
        }
        // «н» is no mark only in the journal column.
        assert!(cols.row(&["s", "1", "7", "н", "4"]).is_err());
        let e = cols.row(&["s", "1", "7", "4", "5-"]).unwrap_err();
        assert_eq!(
            e,
            Error::InvalidInput {
                at: Location::Heading {
                    column: 5,
                    name: "Отметка по журналу".into()
                },
                reason: InputReason::MarkWithSign { found: "5-".into() }
            }
        );
        assert!(!e.message_ru().contains("запят"), "{}", e.message_ru());
    }
}
