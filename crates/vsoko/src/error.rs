//! The one error type of the core: what went wrong, with a stable code and the indicator it concerns.
//!
//! Variants carry data, not pre-formatted text. [`Error::code`] is a stable snake_case
//! identifier that tests, bindings and other programs match on; the English message
//! ([`std::fmt::Display`]) and the Russian one ([`Error::message_ru`]) are for people.

use crate::reason::{DateReason, InputReason, Location, Problem, TitleProblem, ValueReason};
use rust_decimal::Decimal;

/// Everything that can go wrong in the core.
///
/// # Example
/// ```
/// let err = vsoko::Methodology::builtin("index-2025").unwrap_err();
/// assert_eq!(err.code(), "unknown_methodology");
/// assert!(err.to_string().contains("index-2023"));
/// ```
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// No built-in methodology has this name.
    #[error("unknown methodology \"{name}\"; built-in ones are: {}", known.join(", "))]
    UnknownMethodology {
        /// The name asked for.
        name: String,
        /// The built-in names.
        known: Vec<String>,
    },
    /// A methodology description is inconsistent; every problem found is listed.
    #[error("invalid methodology: {}", join_problems(problems))]
    InvalidMethodology {
        /// All problems, not only the first.
        problems: Vec<Problem>,
    },
    /// The text is not well-formed JSON.
    #[error("{}", json_en(*line, *column, message))]
    Json {
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What the parser saw.
        message: String,
    },
    /// The input is empty (no bytes, or only white space).
    #[error("the input is empty{}", what.expected())]
    EmptyInput {
        /// What kind of input was expected.
        what: InputKind,
    },
    /// The input has the wrong shape outside the indicator values.
    #[error("invalid input at {at}: {reason}")]
    InvalidInput {
        /// Where the problem is.
        at: Location,
        /// What is wrong.
        reason: InputReason,
    },
    /// A value names an indicator the methodology does not have.
    #[error("unknown indicator \"{id}\"{}", suggestion_text(suggestion.as_deref()))]
    UnknownIndicator {
        /// The id as given.
        id: String,
        /// The nearest known id, if one is close.
        suggestion: Option<String>,
    },
    /// The same indicator is given twice in one object.
    #[error("indicator \"{id}\" is given more than once; keep one value")]
    DuplicateIndicator {
        /// The repeated id.
        id: String,
    },
    /// The value is not a decimal number (or `"n/a"`).
    #[error("indicator \"{id}\": invalid value: {reason}")]
    InvalidValue {
        /// The indicator.
        id: String,
        /// What was found instead of a number.
        reason: ValueReason,
    },
    /// The value is a number outside `0..=cap`.
    #[error("indicator \"{id}\": value {value} is out of range {min}..{max}")]
    ValueOutOfRange {
        /// The indicator.
        id: String,
        /// The value given.
        value: Decimal,
        /// The least allowed value.
        min: Decimal,
        /// The cap of the indicator.
        max: Decimal,
    },
    /// `"n/a"` was given for an indicator that applies to every organisation.
    #[error(
        "indicator \"{id}\" applies to every organisation and cannot be \"n/a\"; give 0..cap points"
    )]
    NotApplicableForbidden {
        /// The indicator.
        id: String,
    },
    /// A date is not a real calendar date in the form `YYYY-MM-DD`.
    #[error("\"{field}\": \"{value}\": {reason}")]
    InvalidDate {
        /// The field, e.g. `stages.review`.
        field: String,
        /// The text found.
        value: String,
        /// Why it is not a date.
        reason: DateReason,
    },
    /// A self-examination section id that order No. 462 does not have.
    #[error("unknown section \"{id}\"; the sections are: {}", known.join(", "))]
    UnknownSection {
        /// The id as given.
        id: String,
        /// The section ids of order No. 462.
        known: Vec<String>,
    },
    /// A self-examination section given twice.
    #[error("section \"{id}\" is given more than once")]
    DuplicateSection {
        /// The repeated id.
        id: String,
    },
    /// A spreadsheet cell that cannot be read as the text or number it should be (a formula
    /// saved without its value, an error value); code `invalid_value`.
    #[error("column {column}: {reason}")]
    InvalidCell {
        /// The column: its letter, and its heading when known (`B «Сроки»`).
        column: String,
        /// What is wrong (names the cell).
        reason: ValueReason,
    },
    /// Strict mode: an indicator has no value.
    #[error("indicator \"{id}\" has no value (strict mode requires every indicator)")]
    MissingIndicator {
        /// The first missing indicator.
        id: String,
        /// How many are missing in all.
        count: usize,
    },
    /// A school named twice in one batch (same municipality and period): the later row is
    /// not scored, so no school is counted or ranked twice.
    #[error(
        "school \"{school}\"{} is given twice, in rows {first} and {row}; row {row} is not scored",
        period.as_deref().map_or_else(String::new, |p| format!(" (period \"{p}\")"))
    )]
    DuplicateSchool {
        /// The school's name as written.
        school: String,
        /// The period, when the table has one.
        period: Option<String>,
        /// The row of this occurrence.
        row: usize,
        /// The row of the first occurrence.
        first: usize,
    },
    /// A row with no school name where the input names schools.
    #[error("no school name at {at}; expected the school's name, the row is not scored")]
    EmptySchool {
        /// The school's column (or document field).
        at: Location,
    },
    /// Points computed from the values need more digits than a decimal holds (a mean of
    /// thirds, a weighted sum of long weights), and the methodology declares no rounding at
    /// that place: vsoko never rounds on its own.
    #[error(
        "{what} \"{id}\": the points ({value}…) need more significant digits than a decimal holds (28); declare rounding for {} in the methodology",
        what.en_plural()
    )]
    InexactResult {
        /// An indicator or a group.
        what: ResultLevel,
        /// Its id.
        id: String,
        /// The points cut to a decimal's digits.
        value: Decimal,
    },
    /// A titles file (names for a methodology's groups, indicators and inputs) has problems;
    /// every one found is listed, and nothing is renamed.
    #[error("invalid titles file: {}", join_problems(problems))]
    InvalidTitles {
        /// All problems, not only the first.
        problems: Vec<TitleProblem>,
    },
}

/// Where a computed result belongs: an indicator's points or a group's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResultLevel {
    /// An indicator's points, from its rule.
    Indicator,
    /// A group's points, from its aggregation.
    Group,
}

impl ResultLevel {
    fn en_plural(self) -> &'static str {
        match self {
            ResultLevel::Indicator => "indicators (\"at\": [\"indicators\"])",
            ResultLevel::Group => "groups (\"at\": [\"groups\"])",
        }
    }
}

impl std::fmt::Display for ResultLevel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            ResultLevel::Indicator => "indicator",
            ResultLevel::Group => "group",
        })
    }
}

/// The core's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// `invalid_input` for an id that is not one of `ids` (a view, a format), at the argument
    /// `argument`, naming the ids there are.
    pub(crate) fn one_of(argument: &str, ids: &[&str]) -> Error {
        let list = ids.join(", ");
        Error::InvalidInput {
            at: Location::Argument(argument.into()),
            reason: InputReason::WrongArgument {
                expected: format!("one of {list}"),
                expected_ru: format!("одно из: {list}"),
            },
        }
    }

    /// A stable snake_case code, the same in Rust, Python, JS and the CLI.
    ///
    /// ```
    /// use vsoko::Error;
    /// assert_eq!(Error::DuplicateIndicator { id: "1.1.1".into() }.code(), "duplicate_indicator");
    /// ```
    pub fn code(&self) -> &'static str {
        match self {
            Error::UnknownMethodology { .. } => "unknown_methodology",
            Error::InvalidMethodology { .. } => "invalid_methodology",
            Error::InvalidTitles { .. } => "invalid_titles",
            Error::Json { .. } => "invalid_json",
            Error::EmptyInput { .. } => "empty_input",
            Error::InvalidInput { .. } => "invalid_input",
            Error::UnknownIndicator { .. } => "unknown_indicator",
            Error::DuplicateIndicator { .. } => "duplicate_indicator",
            Error::InvalidValue { .. } | Error::InvalidCell { .. } => "invalid_value",
            Error::ValueOutOfRange { .. } => "value_out_of_range",
            Error::NotApplicableForbidden { .. } => "not_applicable_forbidden",
            Error::MissingIndicator { .. } => "missing_indicator",
            Error::InvalidDate { .. } => "invalid_date",
            Error::UnknownSection { .. } => "unknown_section",
            Error::DuplicateSection { .. } => "duplicate_section",
            Error::DuplicateSchool { .. } => "duplicate_school",
            Error::EmptySchool { .. } => "empty_school",
            Error::InexactResult { .. } => "inexact_result",
        }
    }

    /// Every code [`Error::code`] can return, for documentation and exhaustive tests.
    pub const CODES: &'static [&'static str] = &[
        "unknown_methodology",
        "invalid_methodology",
        "invalid_json",
        "empty_input",
        "invalid_input",
        "unknown_indicator",
        "duplicate_indicator",
        "invalid_value",
        "value_out_of_range",
        "not_applicable_forbidden",
        "missing_indicator",
        "invalid_date",
        "unknown_section",
        "duplicate_section",
        "duplicate_school",
        "empty_school",
        "inexact_result",
        "invalid_titles",
    ];

    /// The indicator this error concerns, where there is one.
    ///
    /// ```
    /// use vsoko::Error;
    /// let e = Error::NotApplicableForbidden { id: "1.1.2".into() };
    /// assert_eq!(e.indicator(), Some("1.1.2"));
    /// ```
    pub fn indicator(&self) -> Option<&str> {
        match self {
            Error::UnknownIndicator { id, .. }
            | Error::DuplicateIndicator { id }
            | Error::InvalidValue { id, .. }
            | Error::ValueOutOfRange { id, .. }
            | Error::NotApplicableForbidden { id }
            | Error::MissingIndicator { id, .. } => Some(id),
            _ => None,
        }
    }

    /// The message in Russian, for the people who fill in the form.
    ///
    /// ```
    /// use vsoko::Error;
    /// let e = Error::MissingIndicator { id: "2.1.1".into(), count: 3 };
    /// assert!(e.message_ru().contains("2.1.1"));
    /// ```
    pub fn message_ru(&self) -> String {
        match self {
            Error::UnknownMethodology { name, known } => format!(
                "неизвестная методика «{name}»; встроенные: {}",
                known.join(", ")
            ),
            Error::InvalidTitles { problems } => titles_ru(problems),
            Error::InvalidMethodology { problems } => format!(
                "описание методики содержит ошибки ({}): {}",
                problems.len(),
                problems
                    .iter()
                    .map(Problem::ru)
                    .collect::<Vec<_>>()
                    .join("; ")
            ),
            Error::Json {
                line,
                column,
                message,
            } if too_deep(message) => format!(
                "вложенность JSON глубже {JSON_DEPTH} уровней (строка {line}, позиция {column}): столько vsoko не читает; уменьшите вложенность"
            ),
            Error::Json { line, column, .. } => format!(
                "файл не является корректным JSON: ошибка в строке {line}, позиция {column}"
            ),
            Error::EmptyInput { what } => what.empty_ru().into(),
            Error::InvalidInput { at, reason } => {
                format!("неверные входные данные ({}): {}", at.ru(), reason.ru())
            }
            Error::UnknownIndicator { id, suggestion } => match suggestion {
                Some(s) => {
                    format!("показателя «{id}» нет в методике; возможно, имелся в виду «{s}»")
                }
                None => format!("показателя «{id}» нет в методике"),
            },
            Error::DuplicateIndicator { id } => {
                format!("показатель «{id}» указан несколько раз; оставьте одно значение")
            }
            Error::InvalidValue { id, reason } => {
                format!("показатель «{id}»: {}", reason.ru())
            }
            Error::ValueOutOfRange {
                id,
                value,
                min,
                max,
            } => format!(
                "показатель «{id}»: значение {value} вне допустимого диапазона от {min} до {max} баллов"
            ),
            Error::NotApplicableForbidden { id } => format!(
                "показатель «{id}» применим ко всем организациям: укажите баллы, «н/п» недопустимо"
            ),
            Error::MissingIndicator { id, count } => format!(
                "не заполнен показатель «{id}» (всего не заполнено: {count}); в строгом режиме нужны все"
            ),
            Error::InvalidDate {
                field,
                value,
                reason,
            } => format!("поле «{field}»: «{value}»: {}", reason.ru()),
            Error::UnknownSection { id, known } => format!(
                "раздела «{id}» нет в отчёте о самообследовании (приказ № 462); допустимые: {}",
                known.join(", ")
            ),
            Error::DuplicateSection { id } => {
                format!("раздел «{id}» указан несколько раз; оставьте один")
            }
            Error::InvalidCell { column, reason } => {
                format!("столбец {column}: {}", reason.ru())
            }
            Error::DuplicateSchool {
                school,
                period,
                row,
                first,
            } => format!(
                "школа «{school}»{} указана дважды: в строках {first} и {row}; строка {row} не учтена",
                period
                    .as_deref()
                    .map_or_else(String::new, |p| format!(" (период «{p}»)"))
            ),
            Error::InexactResult { what, id, value } => format!(
                "{} «{id}»: баллы ({value}…) не помещаются в 28 значащих цифр десятичного числа, а округление {} методикой не задано; vsoko не округляет сам — задайте округление в описании методики",
                match what {
                    ResultLevel::Indicator => "показатель",
                    ResultLevel::Group => "группа",
                },
                match what {
                    ResultLevel::Indicator => "показателей",
                    ResultLevel::Group => "групп",
                }
            ),
            Error::EmptySchool { at } => format!(
                "не указана школа ({}); ожидается название школы, строка не учтена",
                at.ru()
            ),
        }
    }
}

/// What kind of input a reader expected, so that an empty one is named for what it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum InputKind {
    /// A JSON input document with `values`.
    Document,
    /// A JSON object of values.
    Values,
    /// A methodology description.
    Methodology,
    /// A table (CSV, XLSX) with a header row.
    Table,
    /// A self-examination report.
    SelfExam,
    /// A ВСОКО plan (a table or JSON).
    Plan,
}

impl InputKind {
    fn expected(self) -> &'static str {
        match self {
            InputKind::Document => ": expected a JSON object with \"values\"",
            InputKind::Values => ": expected a JSON object of indicator values",
            InputKind::Methodology => ": expected a methodology description in JSON",
            InputKind::Table => ": expected a header row (school and indicator ids) and rows",
            InputKind::SelfExam => ": expected a self-examination report in JSON",
            InputKind::Plan => ": expected a plan (a table with a header row, or JSON)",
        }
    }

    fn empty_ru(self) -> &'static str {
        match self {
            InputKind::Document => "файл пуст: ожидается JSON-объект с полем «values»",
            InputKind::Values => "пустой ввод: ожидается JSON-объект со значениями показателей",
            InputKind::Methodology => "файл пуст: ожидается описание методики в формате JSON",
            InputKind::Table => {
                "таблица пуста: ожидаются строка заголовка (школа и коды показателей) и строки школ"
            }
            InputKind::SelfExam => "файл пуст: ожидается отчёт о самообследовании в формате JSON",
            InputKind::Plan => {
                "файл пуст: ожидается план ВСОКО (таблица со строкой заголовка или JSON)"
            }
        }
    }
}

fn titles_ru(problems: &[TitleProblem]) -> String {
    let list: Vec<String> = problems.iter().map(TitleProblem::ru).collect();
    format!(
        "файл названий содержит ошибки ({}), названия не применены: {}",
        problems.len(),
        list.join("; ")
    )
}

fn join_problems<T: std::fmt::Display>(problems: &[T]) -> String {
    problems
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("; ")
}

/// How deep JSON may nest (serde_json's recursion limit).
pub const JSON_DEPTH: usize = 128;

/// Whether the JSON parser stopped at its nesting limit.
fn too_deep(message: &str) -> bool {
    message.starts_with("recursion limit exceeded")
}

fn json_en(line: usize, column: usize, message: &str) -> String {
    if too_deep(message) {
        format!(
            "the JSON nests deeper than {JSON_DEPTH} levels at line {line}, column {column}; vsoko reads at most {JSON_DEPTH}"
        )
    } else {
        format!("invalid JSON at line {line}, column {column}: {message}")
    }
}

fn suggestion_text(suggestion: Option<&str>) -> String {
    suggestion.map_or_else(String::new, |s| format!("; did you mean \"{s}\"?"))
}

impl From<serde_json::Error> for Error {
    fn from(e: serde_json::Error) -> Self {
        Error::Json {
            line: e.line(),
            column: e.column(),
            message: strip_position(&e.to_string()),
        }
    }
}

/// serde_json appends " at line L column C"; the variant carries those as fields.
fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message.get(..i).unwrap_or(message).to_string(),
        None => message.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_list_matches_variants() {
        let samples = [
            Error::UnknownMethodology {
                name: "x".into(),
                known: vec![],
            },
            Error::InvalidMethodology { problems: vec![] },
            Error::Json {
                line: 1,
                column: 1,
                message: String::new(),
            },
            Error::EmptyInput {
                what: InputKind::Table,
            },
            Error::InvalidInput {
                at: Location::Row(2),
                reason: InputReason::NotUtf8,
            },
            Error::UnknownIndicator {
                id: "9".into(),
                suggestion: None,
            },
            Error::DuplicateIndicator { id: "1".into() },
            Error::InvalidValue {
                id: "1".into(),
                reason: ValueReason::Infinite,
            },
            Error::ValueOutOfRange {
                id: "1".into(),
                value: Decimal::TEN,
                min: Decimal::ZERO,
                max: Decimal::ONE,
            },
            Error::NotApplicableForbidden { id: "1".into() },
            Error::MissingIndicator {
                id: "1".into(),
                count: 1,
            },
            Error::InvalidDate {
                field: "published_on".into(),
                value: "2024-02-30".into(),
                reason: DateReason::Format,
            },
            Error::UnknownSection {
                id: "x".into(),
                known: Vec::new(),
            },
            Error::DuplicateSection {
                id: "staffing".into(),
            },
            Error::DuplicateSchool {
                school: "Школа № 1".into(),
                period: None,
                row: 5,
                first: 2,
            },
            Error::EmptySchool {
                at: Location::Heading {
                    column: 1,
                    name: "school".into(),
                },
            },
            Error::InexactResult {
                what: ResultLevel::Group,
                id: "1".into(),
                value: Decimal::ONE,
            },
            Error::InvalidTitles {
                problems: Vec::new(),
            },
        ];
        let codes: Vec<_> = samples.iter().map(Error::code).collect();
        assert_eq!(codes, Error::CODES);
        for e in &samples {
            assert!(!e.message_ru().is_empty());
        }
    }

    #[test]
    fn nesting_past_the_limit_has_its_own_message() {
        let deep = format!("{}1{}", "[".repeat(200), "]".repeat(200));
        let err: Error = serde_json::from_str::<serde_json::Value>(&deep)
            .unwrap_err()
            .into();
        assert_eq!(err.code(), "invalid_json");
        assert!(
            err.to_string()
                .starts_with("the JSON nests deeper than 128 levels"),
            "{err}"
        );
        assert!(
            err.message_ru()
                .starts_with("вложенность JSON глубже 128 уровней")
        );
    }

    #[test]
    fn json_error_keeps_position_out_of_message() {
        let err: Error = serde_json::from_str::<serde_json::Value>("{\n  \"a\": }")
            .unwrap_err()
            .into();
        match err {
            Error::Json {
                line,
                column,
                message,
            } => {
                assert_eq!(line, 2);
                assert_eq!(column, 8);
                assert!(!message.contains("at line"), "{message}");
            }
            other => panic!("unexpected {other:?}"),
        }
    }
}
