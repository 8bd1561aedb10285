//! Where in the input a problem is.

use std::fmt;

/// Where in the input a problem is.
///
/// ```
/// use vsoko::reason::Location;
/// assert_eq!(Location::Row(7).to_string(), "row 7");
/// assert_eq!(Location::Row(7).ru(), "строка 7");
/// assert_eq!(Location::Column(28).to_string(), "column AB (28)");
/// let school = Location::Heading { column: 2, name: "Школа".into() };
/// assert_eq!((school.to_string(), school.ru()), ("column B \"Школа\"".into(), "столбец B «Школа»".into()));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Location {
    /// A JSON document position.
    Json {
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
    },
    /// A row of a table: the file's line or the sheet's row number, 1-based.
    Row(usize),
    /// A column of a table, 1-based (shown with its spreadsheet letter).
    Column(usize),
    /// A spreadsheet cell such as `B2`.
    Cell(String),
    /// A named field of a document (`methodology`, `values`).
    Field(String),
    /// An argument of a function call in a binding (`options`, `name`).
    Argument(String),
    /// A file.
    File(String),
    /// A table's header row.
    Header,
    /// A position in a list of values.
    Position(usize),
    /// A column of a table with its heading: `column B "school"`.
    Heading {
        /// 1-based column (shown with its spreadsheet letter).
        column: usize,
        /// The heading as written in the header row.
        name: String,
    },
}

/// The spreadsheet letters of a 1-based column number: 1 → `A`, 28 → `AB`.
///
/// ```
/// assert_eq!(vsoko::reason::column_letters(16384), "XFD");
/// ```
pub fn column_letters(mut n: usize) -> String {
    let mut out = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        out.push(char::from(b'A' + u8::try_from(rem).unwrap_or(0)));
        n = (n - 1) / 26;
    }
    out.iter().rev().collect()
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Location::Json { line, column } => write!(f, "line {line} column {column}"),
            Location::Row(r) => write!(f, "row {r}"),
            Location::Column(c) => write!(f, "column {} ({c})", column_letters(*c)),
            Location::Cell(c) => write!(f, "cell {c}"),
            Location::Field(name) => write!(f, "{name}"),
            Location::Argument(name) => write!(f, "argument {name}"),
            Location::File(path) => write!(f, "file {path}"),
            Location::Header => f.write_str("header"),
            Location::Position(p) => write!(f, "position {p}"),
            Location::Heading { column, name } => {
                write!(f, "column {} \"{name}\"", column_letters(*column))
            }
        }
    }
}

impl Location {
    /// The location in Russian.
    pub fn ru(&self) -> String {
        match self {
            Location::Json { line, column } => format!("строка {line}, позиция {column}"),
            Location::Row(r) => format!("строка {r}"),
            Location::Column(c) => format!("столбец {} ({c})", column_letters(*c)),
            Location::Cell(c) => format!("ячейка {c}"),
            Location::Field(name) => format!("поле «{name}»"),
            Location::Argument(name) => format!("аргумент {name}"),
            Location::File(path) => format!("файл «{path}»"),
            Location::Header => "строка заголовка".into(),
            Location::Position(p) => format!("позиция {p}"),
            Location::Heading { column, name } => {
                format!("столбец {} «{name}»", column_letters(*column))
            }
        }
    }
}
