//! Why a value or an input was rejected, and where: typed data with an English text for logs
//! ([`std::fmt::Display`]) and a Russian one for people (`ru()`), never mixed in one message.

use rust_decimal::Decimal;
use std::fmt;

/// Why one indicator's value is not a number of points.
///
/// ```
/// use vsoko::reason::ValueReason;
/// let r = ValueReason::NotANumber { text: "abc".into() };
/// assert_eq!(r.to_string(), "\"abc\" is not a decimal number (use a point: 2.5)");
/// assert!(r.ru().contains("не является числом"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ValueReason {
    /// Text that is not a decimal number.
    NotANumber {
        /// The text as given.
        text: String,
    },
    /// `NaN`, in any spelling or as a float.
    NotANumberNan,
    /// An infinite value.
    Infinite,
    /// A number a 96-bit decimal cannot hold exactly (too many digits, too large, too small).
    NotExact {
        /// The number as written.
        text: String,
    },
    /// `true` / `false`.
    YesNo(bool),
    /// A count that is not a whole number.
    NotWhole {
        /// The value.
        value: Decimal,
    },
    /// A number below the input's lower bound.
    Below {
        /// The value.
        value: Decimal,
        /// The bound.
        min: Decimal,
    },
    /// A number above the input's upper bound.
    Above {
        /// The value.
        value: Decimal,
        /// The bound.
        max: Decimal,
    },
    /// A number other than 0 or 1 for a yes/no input.
    NotYesNo {
        /// The value.
        value: Decimal,
    },
    /// A value that falls into none of a rule's bands.
    NoBand {
        /// The value (for a share: the scaled share).
        value: Decimal,
    },
    /// A list.
    List,
    /// An object.
    Object,
    /// A value of some other type (a date, bytes…), named in English.
    WrongType {
        /// What was found.
        found: String,
    },
    /// A spreadsheet cell formatted as a date or time.
    DateCell {
        /// The cell, e.g. `B2`.
        cell: String,
    },
    /// A spreadsheet formula whose value was never computed (saved without a cached value).
    FormulaWithoutValue {
        /// The cell, e.g. `B2`.
        cell: String,
    },
    /// A spreadsheet error value such as `#DIV/0!`.
    CellError {
        /// The cell, e.g. `B2`.
        cell: String,
        /// The error as the spreadsheet shows it.
        error: String,
    },
}

impl fmt::Display for ValueReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ValueReason::NotANumber { text } => {
                write!(f, "\"{text}\" is not a decimal number (use a point: 2.5)")
            }
            ValueReason::NotANumberNan => f.write_str("NaN is not a number"),
            ValueReason::Infinite => f.write_str("an infinite value is not a number of points"),
            ValueReason::NotExact { text } => write!(
                f,
                "{text} cannot be held exactly by a decimal (28 digits at most); it is not rounded"
            ),
            ValueReason::YesNo(b) => write!(f, "{b} is a yes/no value, not a number of points"),
            ValueReason::NotWhole { value } => write!(f, "{value} is not a whole number"),
            ValueReason::Below { value, min } => {
                write!(f, "{value} is below the least allowed {min}")
            }
            ValueReason::Above { value, max } => {
                write!(f, "{value} is above the most allowed {max}")
            }
            ValueReason::NotYesNo { value } => {
                write!(f, "{value} is not a yes/no value (1 or 0, yes or no)")
            }
            ValueReason::NoBand { value } => write!(f, "{value} falls into no band of the rule"),
            ValueReason::List => f.write_str("a list is not a number of points"),
            ValueReason::Object => f.write_str("an object is not a number of points"),
            ValueReason::WrongType { found } => write!(f, "{found} is not a number of points"),
            ValueReason::DateCell { cell } => write!(
                f,
                "cell {cell} is a date or time, not a number of points (check the cell format)"
            ),
            ValueReason::FormulaWithoutValue { cell } => write!(
                f,
                "cell {cell} holds a formula with no saved value; open and save the file in Excel or LibreOffice"
            ),
            ValueReason::CellError { cell, error } => {
                write!(f, "cell {cell} holds the error {error}")
            }
        }
    }
}

impl ValueReason {
    /// The reason in Russian.
    pub fn ru(&self) -> String {
        match self {
            ValueReason::NotANumber { text } => {
                format!(
                    "«{text}» не является числом (дробную часть отделяйте точкой или запятой: 2,5)"
                )
            }
            ValueReason::NotANumberNan => "NaN не является числом".into(),
            ValueReason::Infinite => "бесконечность не является числом баллов".into(),
            ValueReason::NotExact { text } => format!(
                "число {text} нельзя сохранить точно (не более 28 значащих цифр); округление не выполняется"
            ),
            ValueReason::YesNo(b) => format!(
                "логическое значение ({}) не является числом баллов",
                if *b { "да" } else { "нет" }
            ),
            ValueReason::NotWhole { value } => format!("{value} не является целым числом"),
            ValueReason::Below { value, min } => {
                format!("{value} меньше наименьшего допустимого значения {min}")
            }
            ValueReason::Above { value, max } => {
                format!("{value} больше наибольшего допустимого значения {max}")
            }
            ValueReason::NotYesNo { value } => {
                format!("{value} не является ответом да/нет (1 или 0, «да» или «нет»)")
            }
            ValueReason::NoBand { value } => {
                format!("{value} не попадает ни в один диапазон правила")
            }
            ValueReason::List => "список не является числом баллов".into(),
            ValueReason::Object => "объект не является числом баллов".into(),
            ValueReason::WrongType { .. } => "значение этого типа не является числом баллов".into(),
            ValueReason::DateCell { cell } => format!(
                "в ячейке {cell} дата или время, а не число баллов (проверьте формат ячейки)"
            ),
            ValueReason::FormulaWithoutValue { cell } => format!(
                "в ячейке {cell} формула без сохранённого значения; откройте и сохраните файл в Excel или LibreOffice"
            ),
            ValueReason::CellError { cell, error } => {
                format!("в ячейке {cell} ошибка {error}")
            }
        }
    }
}

/// Where in the input a problem is.
///
/// ```
/// use vsoko::reason::Location;
/// assert_eq!(Location::Row(7).to_string(), "row 7");
/// assert_eq!(Location::Row(7).ru(), "строка 7");
/// assert_eq!(Location::Column(28).to_string(), "column AB (28)");
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
        }
    }
}

/// Why an input (a document, a table, an argument) has the wrong shape.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum InputReason {
    /// The document's structure is wrong; the parser's own English text is kept for logs.
    Shape {
        /// The parser's message (English).
        detail: String,
    },
    /// A document field that the format does not have.
    UnknownField {
        /// The field as given.
        name: String,
    },
    /// A column of the header appears twice.
    DuplicateColumn {
        /// The column name.
        name: String,
    },
    /// No column of the header is an indicator.
    NoIndicatorColumns {
        /// The methodology id.
        methodology: String,
        /// An indicator id to show as an example.
        example: String,
    },
    /// A header cell is empty but its column holds data.
    EmptyHeaderCell,
    /// A header cell holds a number a spreadsheet made from an id (`1.1.1` → a date serial).
    HeaderIsDate {
        /// The number found.
        found: String,
    },
    /// A row has more cells with data than the header has columns.
    RowTooLong {
        /// Cells in the row.
        cells: usize,
        /// Columns in the header.
        columns: usize,
    },
    /// A row has fewer cells than the header has columns.
    RowTooShort {
        /// Cells in the row.
        cells: usize,
        /// Columns in the header.
        columns: usize,
    },
    /// A quoted field runs past the end of its line (an unbalanced quote or a line break).
    QuoteRunsPastLine {
        /// The line where the quote opened.
        opened: usize,
    },
    /// The CSV file is not UTF-8.
    NotUtf8,
    /// A JSON Lines line names another methodology.
    OtherMethodology {
        /// The line's methodology.
        found: String,
        /// The batch's methodology.
        expected: String,
    },
    /// The file is not a readable workbook.
    NotAWorkbook {
        /// The reader's message (English).
        detail: String,
    },
    /// The workbook has no sheet.
    NoSheets,
    /// A position past the methodology's indicators.
    NoSuchPosition {
        /// The methodology id.
        methodology: String,
        /// How many indicators it has.
        count: usize,
    },
    /// A binding's argument has the wrong type.
    WrongArgument {
        /// What the argument must be (English).
        expected: String,
        /// The same in Russian.
        expected_ru: String,
    },
    /// A self-examination file is not the result of scoring.
    NotAScoreReport,
    /// A plan table column whose heading is not a plan field.
    UnknownPlanColumn {
        /// The heading.
        name: String,
        /// The header's row.
        row: usize,
    },
    /// No row of the table looks like a plan header.
    NoPlanHeader,
    /// The academic year is neither given nor named in the title.
    NoAcademicYear,
    /// No month is left in the plan's year for an action and its re-control.
    NoMonthLeft {
        /// The date asked.
        as_of: String,
        /// The academic year.
        year: String,
    },
    /// A pupil table column whose heading is not a known field.
    UnknownPupilColumn {
        /// The heading.
        name: String,
    },
    /// A column the table needs is absent.
    MissingColumn {
        /// The column (English id / Russian heading).
        name: String,
    },
    /// A cell that must be a number is not one.
    NotANumber {
        /// Why.
        reason: ValueReason,
    },
    /// A number outside its range.
    OutOfRange {
        /// The number found.
        found: String,
        /// The least allowed.
        min: String,
        /// The most allowed.
        max: String,
    },
    /// A pupil code given twice in one group.
    DuplicatePupil {
        /// The code.
        pupil: String,
    },
    /// A sum left the decimal range.
    Overflow,
    /// No built-in plan template has this name.
    UnknownTemplate {
        /// The name asked for.
        name: String,
        /// The built-in names.
        known: String,
    },
    /// Two plan items have the same id.
    DuplicateItem {
        /// The id.
        id: String,
        /// The row (or position) of the first one.
        first: usize,
    },
}

impl fmt::Display for InputReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            InputReason::Shape { detail } => f.write_str(detail),
            InputReason::UnknownField { name } => write!(f, "unknown field \"{name}\""),
            InputReason::DuplicateColumn { name } => write!(f, "column \"{name}\" appears twice"),
            InputReason::NoIndicatorColumns {
                methodology,
                example,
            } => write!(
                f,
                "no column is an indicator of {methodology}; expected \"school\" and ids such as \"{example}\""
            ),
            InputReason::EmptyHeaderCell => {
                f.write_str("the header cell is empty but the column holds data")
            }
            InputReason::HeaderIsDate { found } => write!(
                f,
                "the header cell holds {found}: a spreadsheet turned an indicator id into a date; format the header as text"
            ),
            InputReason::RowTooLong { cells, columns } => {
                write!(f, "{cells} cells but the header has {columns} columns")
            }
            InputReason::RowTooShort { cells, columns } => {
                write!(f, "only {cells} cells but the header has {columns} columns")
            }
            InputReason::QuoteRunsPastLine { opened } => write!(
                f,
                "a quoted field opened on line {opened} runs past the end of its line (unbalanced quote or line break inside a cell)"
            ),
            InputReason::NotUtf8 => {
                f.write_str("the file is not UTF-8; save it from Excel as \"CSV UTF-8\"")
            }
            InputReason::OtherMethodology { found, expected } => write!(
                f,
                "the line is for \"{found}\" but the batch scores {expected}"
            ),
            InputReason::NotAWorkbook { detail } => {
                write!(f, "not a readable XLSX workbook: {detail}")
            }
            InputReason::NoSheets => f.write_str("the workbook has no sheets"),
            InputReason::NoSuchPosition { methodology, count } => {
                write!(f, "{methodology} has {count} indicators")
            }
            InputReason::WrongArgument { expected, .. } => write!(f, "expected {expected}"),
            InputReason::NotAScoreReport => {
                f.write_str("not a result of `vsoko score --format json`")
            }
            InputReason::UnknownPlanColumn { name, row } => write!(
                f,
                "the heading \"{name}\" (row {row}) is not a plan column; known: month/срок, mechanism, content, object of control, method, responsible, result, indicator"
            ),
            InputReason::NoPlanHeader => f.write_str(
                "no header row found: expected headings such as «Содержание», «Сроки», «Ответственные», «Результат»",
            ),
            InputReason::NoAcademicYear => f.write_str(
                "the academic year is not named in the title; give it (--year 2023/24)",
            ),
            InputReason::DuplicateItem { id, first } => {
                write!(f, "item \"{id}\" is already used (first at {first})")
            }
            InputReason::UnknownPupilColumn { name } => write!(
                f,
                "the heading \"{name}\" is not a column of a pupil table (school, pupil, score, mark, journal_mark…)"
            ),
            InputReason::MissingColumn { name } => write!(f, "the column {name} is missing"),
            InputReason::NotANumber { reason } => write!(f, "{reason}"),
            InputReason::OutOfRange { found, min, max } => {
                write!(f, "{found} is outside {min}..{max}")
            }
            InputReason::DuplicatePupil { pupil } => {
                write!(f, "pupil \"{pupil}\" is given twice in one procedure, subject, grade and year")
            }
            InputReason::Overflow => f.write_str("a sum leaves the decimal range"),
            InputReason::UnknownTemplate { name, known } => {
                write!(f, "unknown plan template \"{name}\"; built-in ones are: {known}")
            }
            InputReason::NoMonthLeft { as_of, year } => write!(
                f,
                "as of {as_of} no month is left in the academic year {year} for an action and its re-control (they run until June)"
            ),
        }
    }
}

impl InputReason {
    /// The reason in Russian.
    pub fn ru(&self) -> String {
        match self {
            InputReason::Shape { .. } => "неверная структура документа".into(),
            InputReason::UnknownField { name } => format!("неизвестное поле «{name}»"),
            InputReason::DuplicateColumn { name } => {
                format!("столбец «{name}» встречается дважды")
            }
            InputReason::NoIndicatorColumns {
                methodology,
                example,
            } => format!(
                "ни один столбец не является показателем методики {methodology}; нужны столбец «school» (школа) и коды показателей, например «{example}»"
            ),
            InputReason::EmptyHeaderCell => {
                "в заголовке пустая ячейка, а в столбце есть данные".into()
            }
            InputReason::HeaderIsDate { found } => format!(
                "в заголовке число {found}: таблица превратила код показателя в дату; задайте заголовку текстовый формат"
            ),
            InputReason::RowTooLong { cells, columns } => format!(
                "в строке есть данные за пределами заголовка (ячеек в строке: {cells}, столбцов в заголовке: {columns})"
            ),
            InputReason::RowTooShort { cells, columns } => format!(
                "в строке меньше ячеек, чем столбцов в заголовке (ячеек: {cells}, столбцов: {columns})"
            ),
            InputReason::QuoteRunsPastLine { opened } => format!(
                "поле в кавычках, открытое в строке {opened}, не закрыто до конца строки (непарная кавычка или перенос строки в ячейке)"
            ),
            InputReason::NotUtf8 => {
                "файл не в кодировке UTF-8; сохраните его из Excel как «CSV UTF-8»".into()
            }
            InputReason::OtherMethodology { found, expected } => format!(
                "строка относится к методике «{found}», а пакет считается по методике «{expected}»"
            ),
            InputReason::NotAWorkbook { .. } => "файл не является книгой Excel (XLSX)".into(),
            InputReason::NoSheets => "в книге нет ни одного листа".into(),
            InputReason::NoSuchPosition { methodology, count } => {
                format!("в методике {methodology} всего {count} показателей")
            }
            InputReason::WrongArgument { expected_ru, .. } => format!("ожидается {expected_ru}"),
            InputReason::NotAScoreReport => {
                "это не результат расчёта `vsoko score --format json`".into()
            }
            InputReason::UnknownPlanColumn { name, row } => format!(
                "заголовок «{name}» (строка {row}) не является столбцом плана; известные: месяц или срок, механизм, содержание, объект контроля, методы, ответственные, результат, показатель"
            ),
            InputReason::NoPlanHeader => {
                "не найдена строка заголовка: ожидаются столбцы «Содержание», «Сроки», «Ответственные», «Результат»".into()
            }
            InputReason::NoAcademicYear => {
                "учебный год не указан в заголовке документа; укажите его (--year 2023/24)".into()
            }
            InputReason::DuplicateItem { id, first } => {
                format!("пункт «{id}» уже есть в плане (впервые: {first})")
            }
            InputReason::UnknownPupilColumn { name } => format!(
                "заголовок «{name}» не является столбцом таблицы участников (ОО, код участника, первичный балл, отметка, отметка по журналу…)"
            ),
            InputReason::MissingColumn { name } => format!("нет столбца {name}"),
            InputReason::NotANumber { reason } => reason.ru(),
            InputReason::OutOfRange { found, min, max } => {
                format!("значение {found} вне допустимого диапазона от {min} до {max}")
            }
            InputReason::DuplicatePupil { pupil } => format!(
                "участник «{pupil}» указан дважды в одной процедуре, предмете, параллели и году"
            ),
            InputReason::Overflow => "сумма выходит за пределы десятичного диапазона".into(),
            InputReason::UnknownTemplate { name, known } => {
                format!("неизвестный шаблон плана «{name}»; встроенные: {known}")
            }
            InputReason::NoMonthLeft { as_of, year } => format!(
                "на {as_of} в {year} учебном году не осталось месяцев для мер и повторного контроля (они планируются до июня)"
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_letters_follow_spreadsheets() {
        assert_eq!(column_letters(1), "A");
        assert_eq!(column_letters(26), "Z");
        assert_eq!(column_letters(27), "AA");
        assert_eq!(column_letters(702), "ZZ");
        assert_eq!(column_letters(703), "AAA");
    }

    #[test]
    fn russian_texts_have_no_latin_words() {
        let values = [
            ValueReason::Infinite,
            ValueReason::List,
            ValueReason::Object,
            ValueReason::YesNo(true),
            ValueReason::WrongType {
                found: "a date".into(),
            },
        ];
        for v in values {
            assert!(
                !v.ru().chars().any(|c| c.is_ascii_lowercase()),
                "{}",
                v.ru()
            );
        }
        let shape = InputReason::Shape {
            detail: "invalid type: string, expected a map".into(),
        };
        assert!(!shape.ru().contains("expected"));
    }
}
