//! Why one value is not what its input takes.

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
    /// A share's part above its whole (16 satisfied of 15 respondents).
    OverTheWhole {
        /// The part.
        value: Decimal,
        /// The whole.
        of: Decimal,
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
            ValueReason::OverTheWhole { value, of } => {
                write!(f, "{value} is more than the whole it is a share of, {of}")
            }
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
            ValueReason::OverTheWhole { value, of } => {
                format!("{value} больше общего числа, от которого берётся доля ({of})")
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
