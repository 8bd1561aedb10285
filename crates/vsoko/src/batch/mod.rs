//! Many schools against one methodology: a table header mapped once, rows turned into values
//! one at a time (so memory does not grow with the number of rows), a running summary and ranks.
//!
//! The core reads no files: the CLI and the bindings hand it cells as text, whatever the file
//! format (CSV, JSON Lines, XLSX).

mod rank;
mod row;
mod summary;

pub use rank::{Rank, ranks};
pub use row::{Field, ResultCell, ResultColumn, ResultRow, Shape, heading, result_columns};
pub use summary::{GroupShare, LevelCount, MEAN_DECIMALS, Summary, SummaryBuilder, WEAKEST};

use crate::error::{Error, InputKind, Result};
use crate::input::{Value, is_not_applicable};
use crate::methodology::Methodology;
use crate::reason::{InputReason, Location};

/// Header names that are not indicators.
pub const SCHOOL_COLUMN: &str = "school";
/// Optional period column.
pub const PERIOD_COLUMN: &str = "period";
/// Optional municipality column.
pub const MUNICIPALITY_COLUMN: &str = "municipality";

/// The label columns and the header names each is read under (any letter case, surrounding
/// spaces and a byte-order mark ignored), for every front end.
pub const LABEL_NAMES: [(&str, &[&str]); 3] = [
    (SCHOOL_COLUMN, &[SCHOOL_COLUMN, "школа", "организация"]),
    (
        MUNICIPALITY_COLUMN,
        &[MUNICIPALITY_COLUMN, "муниципалитет", "мо"],
    ),
    (PERIOD_COLUMN, &[PERIOD_COLUMN, "период"]),
];

/// The label column a header cell names (`school`, `municipality` or `period`), if any.
///
/// ```
/// assert_eq!(vsoko::batch::label_of(" МО "), Some("municipality"));
/// assert_eq!(vsoko::batch::label_of("\u{feff}Школа"), Some("school"));
/// assert_eq!(vsoko::batch::label_of("1.1"), None);
/// ```
pub fn label_of(heading: &str) -> Option<&'static str> {
    let name = heading.trim_start_matches('\u{feff}').trim().to_lowercase();
    LABEL_NAMES
        .iter()
        .find(|(_, names)| names.contains(&name.as_str()))
        .map(|(label, _)| *label)
}

/// Which column holds what, decided once from the header row.
///
/// ```
/// use vsoko::batch::Columns;
/// let m = vsoko::Methodology::builtin("nocko-1547").unwrap();
/// let cols = Columns::from_header(m, &["\u{feff}school", "1.1", "2.7"]).unwrap();
/// let row = cols.row(&["Школа № 5", "7,5", "n/a"]).unwrap();
/// assert_eq!(row.school.as_deref(), Some("Школа № 5"));
/// let card = m.evaluate_row(&row.cells, vsoko::Options::default()).unwrap();
/// assert_eq!((card.total.to_string(), card.max.to_string()), ("7.5".into(), "100".into()));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Columns {
    school: Option<usize>,
    /// The school column's heading as written (for messages).
    school_heading: String,
    period: Option<usize>,
    municipality: Option<usize>,
    /// (column, input id, input position).
    indicators: Vec<(usize, String, usize)>,
    /// Columns with an empty header cell: ignored while their cells are empty too.
    unnamed: Vec<usize>,
    /// The header's width without its trailing empty cells.
    width: usize,
}

/// One row turned into an input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// The school's name, when there is a `school` column.
    pub school: Option<String>,
    /// The period, when there is a `period` column.
    pub period: Option<String>,
    /// The municipality, when there is a `municipality` column.
    pub municipality: Option<String>,
    /// The row's values by input position (see [`Methodology::position`]; empty cells are
    /// missing), ready for [`Methodology::evaluate_row`] with no id copied per cell.
    pub cells: Vec<(usize, Value)>,
}

impl Columns {
    /// Maps a header row: `school`, optional `period` and `municipality` (`муниципалитет`,
    /// `МО`), then input ids (for a version-1 methodology, indicator ids) in any order.
    /// A UTF-8 byte-order mark and surrounding spaces are ignored; so are columns whose header
    /// cell is empty, as long as their cells are empty too (Excel writes `school;1.1.1;;;`).
    ///
    /// # Errors
    /// [`Error::EmptyInput`] for an empty header, [`Error::UnknownIndicator`] naming a column
    /// that is not an indicator of the methodology, [`Error::DuplicateIndicator`] for a column
    /// given twice, [`Error::InvalidInput`] when no column is an indicator or a header cell
    /// holds a number (a spreadsheet turned an id such as `1.1.1` into a date), naming the column.
    pub fn from_header<S: AsRef<str>>(m: &Methodology, header: &[S]) -> Result<Columns> {
        let clean = |c: &S| c.as_ref().trim_start_matches('\u{feff}').trim().to_string();
        let width = header
            .iter()
            .rposition(|c| !clean(c).is_empty())
            .map_or(0, |i| i + 1);
        if width == 0 {
            return Err(Error::EmptyInput {
                what: InputKind::Table,
            });
        }
        let mut cols = Columns {
            school: None,
            school_heading: String::new(),
            period: None,
            municipality: None,
            indicators: Vec::new(),
            unnamed: Vec::new(),
            width,
        };
        let mut seen = vec![false; m.inputs().len()];
        for (i, cell) in header.iter().enumerate().take(width) {
            let name = clean(cell);
            let name = name.as_str();
            let field = match label_of(name) {
                Some(SCHOOL_COLUMN) => Some(&mut cols.school),
                Some(PERIOD_COLUMN) => Some(&mut cols.period),
                Some(MUNICIPALITY_COLUMN) => Some(&mut cols.municipality),
                _ => None,
            };
            if let Some(field) = field {
                if field.replace(i).is_some() {
                    return Err(Error::InvalidInput {
                        at: Location::Column(i + 1),
                        reason: InputReason::DuplicateColumn { name: name.into() },
                    });
                }
                continue;
            }
            if name.is_empty() {
                cols.unnamed.push(i);
                continue;
            }
            let Some(pos) = m.position(name) else {
                if looks_like_a_date(name) {
                    return Err(Error::InvalidInput {
                        at: Location::Column(i + 1),
                        reason: InputReason::HeaderIsDate { found: name.into() },
                    });
                }
                return Err(Error::UnknownIndicator {
                    id: name.to_string(),
                    suggestion: m.suggest(name).map(ToString::to_string),
                });
            };
            if seen.get(pos).copied().unwrap_or(false) {
                return Err(Error::DuplicateIndicator {
                    id: name.to_string(),
                });
            }
            if let Some(s) = seen.get_mut(pos) {
                *s = true;
            }
            cols.indicators.push((i, name.to_string(), pos));
        }
        if let Some(cell) = cols.school.and_then(|i| header.get(i)) {
            cols.school_heading = clean(cell);
        }
        if cols.indicators.is_empty() {
            return Err(Error::InvalidInput {
                at: Location::Header,
                reason: InputReason::NoIndicatorColumns {
                    methodology: m.id().to_string(),
                    example: m
                        .inputs()
                        .first()
                        .map_or_else(String::new, |i| i.id.clone()),
                },
            });
        }
        Ok(cols)
    }

    /// Maps columns given by input id alone (a data frame's value columns, its label columns
    /// already taken out): column `i` is `ids[i]`, taken as written (no trimming, no label
    /// names). A repeated id is reported before an unknown one, whatever their order, so a
    /// frame with a column twice is told so by name.
    ///
    /// ```
    /// let m = vsoko::Methodology::builtin("nocko-1547").unwrap();
    /// let cols = vsoko::batch::Columns::from_ids(m, &["2.7", "1.1"]).unwrap();
    /// let inputs: Vec<(usize, &str)> = cols.inputs().map(|(c, id, _)| (c, id)).collect();
    /// assert_eq!(inputs, [(0, "2.7"), (1, "1.1")]);
    /// let e = vsoko::batch::Columns::from_ids(m, &["1.1", "9.9", "1.1"]).unwrap_err();
    /// assert_eq!(e.code(), "duplicate_indicator");
    /// ```
    ///
    /// # Errors
    /// [`Error::DuplicateIndicator`] for an id given twice, then [`Error::UnknownIndicator`]
    /// (with a suggestion) for one that is not an input of the methodology.
    pub fn from_ids<S: AsRef<str>>(m: &Methodology, ids: &[S]) -> Result<Columns> {
        let mut seen = std::collections::HashSet::with_capacity(ids.len());
        if let Some(id) = ids.iter().map(AsRef::as_ref).find(|id| !seen.insert(*id)) {
            return Err(Error::DuplicateIndicator { id: id.to_string() });
        }
        let indicators = ids
            .iter()
            .enumerate()
            .map(|(i, id)| {
                let id = id.as_ref();
                m.position(id)
                    .map(|pos| (i, id.to_string(), pos))
                    .ok_or_else(|| Error::UnknownIndicator {
                        id: id.to_string(),
                        suggestion: m.suggest(id).map(ToString::to_string),
                    })
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(Columns {
            school: None,
            school_heading: String::new(),
            period: None,
            municipality: None,
            indicators,
            unnamed: Vec::new(),
            width: ids.len(),
        })
    }

    /// The input columns: (column, input id, input position in [`Methodology::inputs`]),
    /// in column order.
    pub fn inputs(&self) -> impl Iterator<Item = (usize, &str, usize)> {
        self.indicators
            .iter()
            .map(|(c, id, pos)| (*c, id.as_str(), *pos))
    }

    /// Turns one row of cells into an input. Cells may use a decimal comma (`2,5`) as Russian
    /// spreadsheets write it; `n/a` (`н/п`) is not applicable; an empty cell is missing.
    ///
    /// # Errors
    /// [`Error::EmptySchool`] naming the school column when the table has one and the row's
    /// cell there is empty (a nameless row is never scored or ranked);
    /// [`Error::InvalidValue`] naming the indicator whose cell is not a number;
    /// [`Error::InvalidInput`] naming the column when the row has data past the header or
    /// under an empty header cell, or when it has fewer cells than the header (a short row
    /// is never read as missing values).
    pub fn row<S: AsRef<str>>(&self, cells: &[S]) -> Result<Row> {
        if let Some(extra) = cells
            .iter()
            .skip(self.width)
            .position(|c| !c.as_ref().trim().is_empty())
        {
            return Err(Error::InvalidInput {
                at: Location::Column(self.width + extra + 1),
                reason: InputReason::RowTooLong {
                    cells: cells.len(),
                    columns: self.width,
                },
            });
        }
        if cells.len() < self.width {
            return Err(Error::InvalidInput {
                at: Location::Column(cells.len() + 1),
                reason: InputReason::RowTooShort {
                    cells: cells.len(),
                    columns: self.width,
                },
            });
        }
        if let Some(&i) = self
            .unnamed
            .iter()
            .find(|&&i| cells.get(i).is_some_and(|c| !c.as_ref().trim().is_empty()))
        {
            return Err(Error::InvalidInput {
                at: Location::Column(i + 1),
                reason: InputReason::EmptyHeaderCell,
            });
        }
        let text = |i: Option<usize>| {
            i.and_then(|i| cells.get(i))
                .map(|c| c.as_ref().trim().to_string())
                .filter(|s| !s.is_empty())
        };
        let school = text(self.school);
        if let (Some(column), None) = (self.school, &school) {
            return Err(Error::EmptySchool {
                at: Location::Heading {
                    column: column + 1,
                    name: self.school_heading.clone(),
                },
            });
        }
        let mut values = Vec::with_capacity(self.indicators.len());
        for (col, id, pos) in &self.indicators {
            let cell = cells.get(*col).map_or("", AsRef::as_ref);
            match parse_cell(cell) {
                Ok(Value::Missing) => {}
                Ok(v) => values.push((*pos, v)),
                Err(reason) => {
                    return Err(Error::InvalidValue {
                        id: id.clone(),
                        reason,
                    });
                }
            }
        }
        Ok(Row {
            school,
            period: text(self.period),
            municipality: text(self.municipality),
            cells: values,
        })
    }

    /// Whether the header has a `school` column.
    pub fn has_school(&self) -> bool {
        self.school.is_some()
    }

    /// The columns (0-based) of the school, the period and the municipality, under any of
    /// their names (`school` / `школа` / `организация`, `period` / `период`, `municipality` /
    /// `муниципалитет` / `МО`), so every front end reads a table's header the same way.
    ///
    /// ```
    /// let m = vsoko::Methodology::builtin("nocko-1547").unwrap();
    /// let cols = vsoko::batch::Columns::from_header(m, &["1.1", "Школа", "МО"]).unwrap();
    /// assert_eq!(cols.label_columns(), (Some(1), None, Some(2)));
    /// ```
    pub fn label_columns(&self) -> (Option<usize>, Option<usize>, Option<usize>) {
        (self.school, self.period, self.municipality)
    }

    /// The indicator id of a column (0-based), if that column is an indicator.
    ///
    /// ```
    /// let m = vsoko::Methodology::builtin("nocko-1547").unwrap();
    /// let cols = vsoko::batch::Columns::from_header(m, &["school", "1.1"]).unwrap();
    /// assert_eq!((cols.indicator_at(1), cols.indicator_at(0)), (Some("1.1"), None));
    /// ```
    pub fn indicator_at(&self, column: usize) -> Option<&str> {
        self.indicators
            .iter()
            .find(|(c, ..)| *c == column)
            .map(|(_, id, _)| id.as_str())
    }

    /// Whether the header has a `period` column (then results carry it too).
    pub fn has_period(&self) -> bool {
        self.period.is_some()
    }
}

/// The schools of one batch so far, to refuse a school given twice: the same name (as written,
/// without surrounding spaces) in the same municipality and period. The first row is scored;
/// every later one is an error naming both rows.
///
/// ```
/// let mut seen = vsoko::batch::SchoolRows::default();
/// assert!(seen.check(2, "Школа № 1", None, None).is_ok());
/// assert!(seen.check(3, "Школа № 1", Some("Тверь"), None).is_ok());
/// let e = seen.check(7, " Школа № 1 ", None, None).unwrap_err();
/// assert_eq!(e.code(), "duplicate_school");
/// assert_eq!(e.to_string(), "school \"Школа № 1\" is given twice, in rows 2 and 7; row 7 is not scored");
/// ```
///
/// Memory stays small for a whole region: a school is kept as a 128-bit digest of its
/// municipality, period and name (two independent 64-bit hashes) and the row of its first
/// occurrence, not as its text; two different schools share a digest with a chance below
/// 10⁻²⁵ in a batch of millions.
#[derive(Debug, Default)]
pub struct SchoolRows {
    /// Digest of (municipality, period, school) → the row of the first occurrence.
    first: std::collections::HashMap<[u64; 2], u32, std::hash::BuildHasherDefault<Digested>>,
}

/// The hasher of a map whose keys are already digests: a key's first half is its hash (an
/// array hashes its length, then its bytes; the last eight bytes written in a call win).
#[derive(Debug, Default)]
struct Digested(u64);

impl std::hash::Hasher for Digested {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes.iter().take(8) {
            self.0 = (self.0 << 8) | u64::from(b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        // One half of the digest is hash enough.
        self.0 = n;
    }
}

/// A 128-bit digest of the parts (each followed by a byte no UTF-8 text holds).
fn digest(parts: [&str; 3]) -> [u64; 2] {
    use std::hash::Hasher as _;
    let mut sip = std::hash::DefaultHasher::new();
    // FNV-1a, independent of SipHash.
    let mut fnv: u64 = 0xcbf2_9ce4_8422_2325;
    for p in parts {
        sip.write(p.as_bytes());
        sip.write_u8(0xFF);
        for &b in p.as_bytes().iter().chain(&[0xFF]) {
            fnv = (fnv ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
    [sip.finish(), fnv]
}

impl SchoolRows {
    /// Notes a school's row.
    ///
    /// # Errors
    /// [`Error::DuplicateSchool`] when the school is already in the batch for the same
    /// municipality and period.
    pub fn check(
        &mut self,
        row: usize,
        school: &str,
        municipality: Option<&str>,
        period: Option<&str>,
    ) -> Result<()> {
        fn trimmed(s: Option<&str>) -> Option<&str> {
            s.map(str::trim).filter(|s| !s.is_empty())
        }
        let school = school.trim();
        let period = trimmed(period);
        let key = digest([
            trimmed(municipality).unwrap_or_default(),
            period.unwrap_or_default(),
            school,
        ]);
        match self.first.entry(key) {
            std::collections::hash_map::Entry::Occupied(e) => Err(Error::DuplicateSchool {
                school: school.to_string(),
                period: period.map(String::from),
                row,
                first: usize::try_from(*e.get()).unwrap_or(usize::MAX),
            }),
            std::collections::hash_map::Entry::Vacant(e) => {
                e.insert(u32::try_from(row).unwrap_or(u32::MAX));
                Ok(())
            }
        }
    }
}

/// Whether a header cell that is not an indicator id is a number or a date: what LibreOffice
/// and Excel make of `1.1.1` (a date, shown as `01.01.2001` or stored as the serial 36892).
fn looks_like_a_date(name: &str) -> bool {
    let all_digits = |t: &str, n: std::ops::RangeInclusive<usize>| {
        n.contains(&t.len()) && t.bytes().all(|b| b.is_ascii_digit())
    };
    let day_first: Vec<&str> = name.split(['.', '/']).collect();
    let iso: Vec<&str> = name
        .split(['T', ' '])
        .next()
        .unwrap_or_default()
        .split('-')
        .collect();
    // A serial day number of the years 1927..2173, as a sheet stores a date.
    all_digits(name, 5..=5)
        || matches!(day_first.as_slice(), [d, m, y]
            if all_digits(d, 1..=2) && all_digits(m, 1..=2) && all_digits(y, 4..=4))
        || matches!(iso.as_slice(), [y, m, d]
            if all_digits(y, 4..=4) && all_digits(m, 1..=2) && all_digits(d, 1..=2))
}

/// Reads a spreadsheet cell: like [`Value::parse`], and also a decimal comma (`2,5`) with
/// no point in it, as Russian Excel writes numbers.
///
/// # Errors
/// A [`crate::reason::ValueReason`] when the cell is not a number, `n/a` or empty.
///
/// ```
/// use vsoko::{Value, batch::parse_cell};
/// assert_eq!(parse_cell("2,5").unwrap().to_string(), "2.5");
/// assert_eq!(parse_cell("н/п"), Ok(Value::NotApplicable));
/// assert!(parse_cell("1,2,3").is_err());
/// ```
pub fn parse_cell(cell: &str) -> Result<Value, crate::reason::ValueReason> {
    let t = cell.trim();
    if t.is_empty() {
        return Ok(Value::Missing);
    }
    if let Some(d) = crate::decimal::plain(t) {
        return Ok(Value::Points(d));
    }
    if is_not_applicable(t) {
        return Ok(Value::NotApplicable);
    }
    if t.matches(',').count() == 1 && !t.contains('.') {
        return Value::parse(&t.replace(',', "."));
    }
    Value::parse(t)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index() -> &'static Methodology {
        Methodology::builtin("index-2023").unwrap()
    }

    #[test]
    fn header_errors_name_the_column() {
        let e = Columns::from_header(index(), &["school", "1.1.1", "1.1.18"]).unwrap_err();
        assert_eq!(
            (e.code(), e.indicator()),
            ("unknown_indicator", Some("1.1.18"))
        );
        let e = Columns::from_header(index(), &["school", "1.1.1", " 1.1.1 "]).unwrap_err();
        assert_eq!(e.code(), "duplicate_indicator");
        let e = Columns::from_header(index(), &["school"]).unwrap_err();
        assert_eq!(e.code(), "invalid_input");
        let e = Columns::from_header(index(), &[""]).unwrap_err();
        assert_eq!(e.code(), "empty_input");
        for date in ["36892", "01.01.2001", "2001-01-01", "2001-01-01T00:00:00"] {
            let e = Columns::from_header(index(), &["school", "1.1.2", date]).unwrap_err();
            assert_eq!(
                e,
                Error::InvalidInput {
                    at: Location::Column(3),
                    reason: InputReason::HeaderIsDate { found: date.into() }
                }
            );
        }
    }

    #[test]
    fn trailing_empty_header_cells_are_ignored_while_empty() {
        let cols = Columns::from_header(index(), &["school", "1.1.1", "", "", ""]).unwrap();
        assert!(cols.row(&["A", "1", "", "", ""]).is_ok());
        assert!(cols.row(&["A", "1"]).is_ok());
        let e = cols.row(&["A", "1", "", "7", ""]).unwrap_err();
        assert_eq!(
            e,
            Error::InvalidInput {
                at: Location::Column(4),
                reason: InputReason::RowTooLong {
                    cells: 5,
                    columns: 2
                }
            }
        );
        let cols = Columns::from_header(index(), &["school", "", "1.1.1"]).unwrap();
        assert!(cols.row(&["A", " ", "1"]).is_ok());
        let e = cols.row(&["A", "x", "1"]).unwrap_err();
        assert_eq!(
            e,
            Error::InvalidInput {
                at: Location::Column(2),
                reason: InputReason::EmptyHeaderCell
            }
        );
    }

    #[test]
    fn an_empty_school_name_is_an_error_naming_the_column() {
        let cols = Columns::from_header(index(), &["1.1.1", " Школа "]).unwrap();
        let e = cols.row(&["1", "  "]).unwrap_err();
        assert_eq!(
            e,
            Error::EmptySchool {
                at: Location::Heading {
                    column: 2,
                    name: "Школа".into()
                }
            }
        );
        assert_eq!(
            e.message_ru(),
            "не указана школа (столбец B «Школа»); ожидается название школы, строка не учтена"
        );
        // Without a school column rows are not named, and not refused for it.
        let cols = Columns::from_header(index(), &["1.1.1"]).unwrap();
        assert!(cols.row(&["1"]).is_ok());
    }

    #[test]
    fn a_school_twice_names_both_rows() {
        let mut seen = SchoolRows::default();
        seen.check(2, "Гимназия", Some("Энск"), Some("2024"))
            .unwrap();
        seen.check(3, "Гимназия", Some("Энск"), Some("2023"))
            .unwrap();
        seen.check(4, "Гимназия", Some("Тверь"), Some("2024"))
            .unwrap();
        let e = seen
            .check(9, "Гимназия", Some(" Энск"), Some("2024"))
            .unwrap_err();
        assert_eq!(
            e,
            Error::DuplicateSchool {
                school: "Гимназия".into(),
                period: Some("2024".into()),
                row: 9,
                first: 2
            }
        );
        assert_eq!(
            e.message_ru(),
            "школа «Гимназия» (период «2024») указана дважды: в строках 2 и 9; строка 9 не учтена"
        );
    }

    #[test]
    fn short_rows_are_errors_not_missing_values() {
        let cols = Columns::from_header(index(), &["school", "1.1.1", "1.1.2"]).unwrap();
        let e = cols.row(&["A", "1"]).unwrap_err();
        assert_eq!(
            e,
            Error::InvalidInput {
                at: Location::Column(3),
                reason: InputReason::RowTooShort {
                    cells: 2,
                    columns: 3
                }
            }
        );
    }

    #[test]
    fn rows_read_cells_like_a_spreadsheet() {
        let cols = Columns::from_header(index(), &["1.1.2", "school", "1.1.1"]).unwrap();
        let row = cols.row(&[" 2,5 ", "Гимназия", ""]).unwrap();
        assert_eq!(row.school.as_deref(), Some("Гимназия"));
        assert_eq!(row.cells.len(), 1);
        let e = cols.row(&["abc", "x", "1"]).unwrap_err();
        assert_eq!((e.code(), e.indicator()), ("invalid_value", Some("1.1.2")));
        assert_eq!(
            cols.row(&["1", "x", "1", "9"]).unwrap_err().code(),
            "invalid_input"
        );
        assert!(cols.row(&["1", "x", "1", ""]).is_ok());
    }
}
