//! One problem of a methodology description: a stable code, where it is, and the data of what
//! is wrong. English for logs ([`std::fmt::Display`]), Russian for people ([`Problem::ru`]).

use crate::measure::MeasureKind;
use rust_decimal::Decimal;
use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};
use std::fmt;

/// What can be wrong with a list of bands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BandFlaw {
    /// No band at all.
    None,
    /// `from >= to`.
    Empty {
        /// Lower bound.
        from: Decimal,
        /// Upper bound.
        to: Decimal,
    },
    /// A band other than the lowest has no lower bound.
    OpenBelow,
    /// A band other than the highest has no upper bound.
    OpenAbove,
    /// The band starts below the end of the previous one.
    Overlaps {
        /// Its lower bound.
        from: Decimal,
        /// The previous band's upper bound.
        previous_to: Decimal,
    },
    /// The band starts above the end of the previous one: values between fall into no band.
    Gap {
        /// The previous band's upper bound.
        previous_to: Decimal,
        /// Its lower bound.
        from: Decimal,
    },
}

/// A problem found in a methodology.
///
/// ```
/// let text = r#"{"format_version": 1, "id": "m", "title": "М",
///   "groups": [{"id": "A", "kind": "criterion", "title": null,
///               "indicators": [{"id": "A.1", "title": null, "cap": "0"}]}]}"#;
/// let vsoko::Error::InvalidMethodology { problems } = vsoko::Methodology::from_json(text).unwrap_err()
///     else { unreachable!() };
/// assert_eq!(problems[0].code(), "cap_not_positive");
/// assert_eq!(problems[0].to_string(), "indicator A.1: the cap must be greater than 0, found 0");
/// assert_eq!(problems[0].ru(), "показатель A.1: максимум должен быть больше 0, указано 0");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Where it is.
    pub at: Place,
    /// What is wrong.
    pub flaw: Flaw,
}

/// Where in a methodology a problem is.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Place {
    /// A top-level field (`format_version`, `id`, `max`, `rounding`, …).
    Field(&'static str),
    /// A group by id.
    Group(String),
    /// An indicator by id.
    Indicator(String),
    /// A declared input by id.
    Input(String),
    /// A level band by position and id.
    Level {
        /// 0-based position in `levels`.
        index: usize,
        /// Its id.
        id: String,
    },
    /// A band of an indicator's rule.
    RuleBand {
        /// The indicator.
        indicator: String,
        /// 0-based position in `bands`.
        index: usize,
    },
    /// A dotted path in another data file (`methodologies.index-2023.default`).
    Path(String),
    /// A position in the JSON text.
    Json {
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
    },
}

/// What is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Flaw {
    /// The JSON has the wrong shape (serde's English text).
    Shape(String),
    /// A format version this crate does not read.
    UnsupportedVersion {
        /// The version found.
        found: u32,
        /// The newest version read (versions 1 to this one are read).
        newest: u32,
    },
    /// A text field that must not be empty.
    EmptyField(&'static str),
    /// An id is empty or has surrounding spaces.
    BadId(String),
    /// An id is used twice.
    DuplicateId,
    /// A title is empty (write `null` when the source gives none).
    EmptyTitle,
    /// No groups.
    NoGroups,
    /// A group with neither sub-groups nor indicators.
    EmptyGroup,
    /// A group with both.
    MixedGroup,
    /// A cap not above 0.
    CapNotPositive(Decimal),
    /// Maxima add up past the decimal range.
    Overflow,
    /// A declared maximum differs from the computed one.
    MaxMismatch {
        /// Declared.
        declared: Decimal,
        /// Computed from the parts.
        computed: Decimal,
    },
    /// A band list is wrong.
    Band(BandFlaw),
    /// A field of version 2 in a version-1 file.
    NeedsVersion2(&'static str),
    /// A rule reads an input that is not declared.
    UnknownInput(String),
    /// A rule reads an input of a kind it cannot use.
    WrongInputKind {
        /// The input.
        input: String,
        /// Its kind.
        kind: MeasureKind,
        /// The rule type.
        rule: &'static str,
    },
    /// A rule field that this rule type does not have.
    FieldNotAllowed {
        /// The field.
        field: &'static str,
        /// The rule or aggregation type.
        kind: &'static str,
    },
    /// A field this rule or aggregation type needs.
    FieldMissing {
        /// The field.
        field: &'static str,
        /// The rule or aggregation type.
        kind: &'static str,
    },
    /// A number that must be above 0.
    NotPositive {
        /// The field.
        field: &'static str,
        /// The value found.
        value: Decimal,
    },
    /// A weighted sum has no weight for a child.
    WeightMissing(String),
    /// A weight names no child of the group.
    WeightUnknown(String),
    /// A band gives more points than the cap.
    OverCap {
        /// The points.
        points: Decimal,
        /// The cap.
        cap: Decimal,
    },
    /// A share's scale differs from the cap (without bands).
    ScaleNotCap {
        /// The scale.
        scale: Decimal,
        /// The cap.
        cap: Decimal,
    },
    /// An input's bounds are reversed.
    BoundsReversed {
        /// Lower bound.
        min: Decimal,
        /// Upper bound.
        max: Decimal,
    },
    /// A bound this input kind does not take, or a `points` input without a maximum.
    BadBound(&'static str),
    /// More than 28 decimal places.
    TooManyPlaces(u32),
}

impl Problem {
    /// A stable snake_case code.
    pub fn code(&self) -> &'static str {
        match &self.flaw {
            Flaw::Shape(_) => "shape",
            Flaw::UnsupportedVersion { .. } => "unsupported_version",
            Flaw::EmptyField(_) => "empty_field",
            Flaw::BadId(_) => "bad_id",
            Flaw::DuplicateId => "duplicate_id",
            Flaw::EmptyTitle => "empty_title",
            Flaw::NoGroups => "no_groups",
            Flaw::EmptyGroup => "empty_group",
            Flaw::MixedGroup => "mixed_group",
            Flaw::CapNotPositive(_) => "cap_not_positive",
            Flaw::Overflow => "overflow",
            Flaw::MaxMismatch { .. } => "max_mismatch",
            Flaw::Band(_) => "bad_bands",
            Flaw::NeedsVersion2(_) => "needs_version_2",
            Flaw::UnknownInput(_) => "unknown_input",
            Flaw::WrongInputKind { .. } => "wrong_input_kind",
            Flaw::FieldNotAllowed { .. } => "field_not_allowed",
            Flaw::FieldMissing { .. } => "field_missing",
            Flaw::NotPositive { .. } => "not_positive",
            Flaw::WeightMissing(_) => "weight_missing",
            Flaw::WeightUnknown(_) => "weight_unknown",
            Flaw::OverCap { .. } => "over_cap",
            Flaw::ScaleNotCap { .. } => "scale_not_cap",
            Flaw::BoundsReversed { .. } => "bounds_reversed",
            Flaw::BadBound(_) => "bad_bound",
            Flaw::TooManyPlaces(_) => "too_many_places",
        }
    }

    /// The problem in Russian.
    pub fn ru(&self) -> String {
        format!("{}: {}", self.at.ru(), self.flaw.ru())
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.at, self.flaw)
    }
}

impl Serialize for Problem {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("Problem", 4)?;
        st.serialize_field("code", self.code())?;
        st.serialize_field("path", &self.at.to_string())?;
        st.serialize_field("message", &self.flaw.to_string())?;
        st.serialize_field("message_ru", &self.ru())?;
        st.end()
    }
}

impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Place::Field(name) => f.write_str(name),
            Place::Group(id) => write!(f, "group {id}"),
            Place::Indicator(id) => write!(f, "indicator {id}"),
            Place::Input(id) => write!(f, "input {id}"),
            Place::Level { index, id } => write!(f, "levels[{index}] ({id})"),
            Place::RuleBand { indicator, index } => {
                write!(f, "indicator {indicator}, bands[{index}]")
            }
            Place::Path(path) => f.write_str(path),
            Place::Json { line, column } => write!(f, "line {line} column {column}"),
        }
    }
}

impl Place {
    /// The place in Russian.
    pub fn ru(&self) -> String {
        match self {
            Place::Field(name) => format!("поле {name}"),
            Place::Group(id) => format!("группа {id}"),
            Place::Indicator(id) => format!("показатель {id}"),
            Place::Input(id) => format!("входные данные {id}"),
            Place::Level { index, id } => format!("уровень {} ({id})", index + 1),
            Place::RuleBand { indicator, index } => {
                format!("показатель {indicator}, диапазон {}", index + 1)
            }
            Place::Path(path) => format!("раздел {path}"),
            Place::Json { line, column } => format!("строка {line}, позиция {column}"),
        }
    }
}

impl fmt::Display for Flaw {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Flaw::Shape(text) => f.write_str(text),
            Flaw::UnsupportedVersion { found, newest } => write!(
                f,
                "format_version {found} is not supported; this library reads 1 to {newest}"
            ),
            Flaw::EmptyField(field) => write!(f, "{field} must not be empty"),
            Flaw::BadId(id) => write!(
                f,
                "the id \"{id}\" must be non-empty and have no surrounding spaces"
            ),
            Flaw::DuplicateId => f.write_str("this id is used more than once"),
            Flaw::EmptyTitle => {
                f.write_str("the title is empty; write null when the source gives none")
            }
            Flaw::NoGroups => f.write_str("a methodology needs at least one group"),
            Flaw::EmptyGroup => f.write_str("the group has neither groups nor indicators"),
            Flaw::MixedGroup => {
                f.write_str("a group holds either sub-groups or indicators, not both")
            }
            Flaw::CapNotPositive(cap) => write!(f, "the cap must be greater than 0, found {cap}"),
            Flaw::Overflow => {
                f.write_str("the maxima of its parts add up past the decimal range (about 7.9e28)")
            }
            Flaw::MaxMismatch { declared, computed } => write!(
                f,
                "declared maximum {declared} differs from the maximum of its parts, {computed}"
            ),
            Flaw::Band(b) => band_en(f, b),
            Flaw::NeedsVersion2(field) => {
                write!(f, "\"{field}\" needs format_version 2")
            }
            Flaw::UnknownInput(id) => {
                write!(f, "the rule reads input \"{id}\", which is not declared")
            }
            Flaw::WrongInputKind { input, kind, rule } => write!(
                f,
                "a {rule} rule cannot read input \"{input}\" of kind {}",
                kind.as_str()
            ),
            Flaw::FieldNotAllowed { field, kind } => {
                write!(f, "\"{field}\" is not a field of type \"{kind}\"")
            }
            Flaw::FieldMissing { field, kind } => write!(f, "type \"{kind}\" needs \"{field}\""),
            Flaw::NotPositive { field, value } => {
                write!(f, "{field} must be greater than 0, found {value}")
            }
            Flaw::WeightMissing(child) => {
                write!(f, "the weighted sum has no weight for \"{child}\"")
            }
            Flaw::WeightUnknown(child) => {
                write!(f, "the weight for \"{child}\" names no child of the group")
            }
            Flaw::OverCap { points, cap } => {
                write!(f, "{points} points is more than the cap {cap}")
            }
            Flaw::ScaleNotCap { scale, cap } => write!(
                f,
                "the share's scale {scale} differs from the cap {cap} (give bands to map a share to other points)"
            ),
            Flaw::BoundsReversed { min, max } => write!(f, "min {min} is above max {max}"),
            Flaw::BadBound(what) => f.write_str(what),
            Flaw::TooManyPlaces(p) => write!(f, "{p} decimal places; a decimal holds at most 28"),
        }
    }
}

fn band_en(f: &mut fmt::Formatter<'_>, b: &BandFlaw) -> fmt::Result {
    match b {
        BandFlaw::None => f.write_str("no bands are given"),
        BandFlaw::Empty { from, to } => {
            write!(f, "the band is empty: from {from} is not below to {to}")
        }
        BandFlaw::OpenBelow => f.write_str("only the lowest band may have no lower bound"),
        BandFlaw::OpenAbove => f.write_str("only the highest band may have no upper bound"),
        BandFlaw::Overlaps { from, previous_to } => write!(
            f,
            "bands must be ordered lowest first and must not overlap: it starts at {from}, below the end {previous_to} of the previous band"
        ),
        BandFlaw::Gap { previous_to, from } => write!(
            f,
            "bands must follow each other without a gap: the previous band ends at {previous_to} (exclusive) and this one starts at {from}, so values from {previous_to} up to {from} fall into no band"
        ),
    }
}

impl Flaw {
    /// The flaw in Russian.
    pub fn ru(&self) -> String {
        match self {
            Flaw::Shape(_) => "структура JSON не соответствует формату методики".into(),
            Flaw::UnsupportedVersion { found, newest } => {
                format!(
                    "версия формата {found} не поддерживается; поддерживаются версии с 1 по {newest}"
                )
            }
            Flaw::EmptyField(field) => format!("поле «{field}» не должно быть пустым"),
            Flaw::BadId(id) => format!("идентификатор «{id}» пуст или окружён пробелами"),
            Flaw::DuplicateId => "идентификатор использован более одного раза".into(),
            Flaw::EmptyTitle => "название пустое; если в источнике его нет, укажите null".into(),
            Flaw::NoGroups => "в методике нет ни одной группы".into(),
            Flaw::EmptyGroup => "в группе нет ни подгрупп, ни показателей".into(),
            Flaw::MixedGroup => {
                "группа содержит либо подгруппы, либо показатели, но не то и другое".into()
            }
            Flaw::CapNotPositive(cap) => format!("максимум должен быть больше 0, указано {cap}"),
            Flaw::Overflow => {
                "сумма максимумов выходит за пределы десятичного числа (около 7,9·10²⁸)".into()
            }
            Flaw::MaxMismatch { declared, computed } => format!(
                "указанный максимум {declared} не совпадает с вычисленным по составу, {computed}"
            ),
            Flaw::Band(b) => band_ru(b),
            Flaw::NeedsVersion2(field) => format!("поле «{field}» требует format_version 2"),
            Flaw::UnknownInput(id) => {
                format!("правило читает входные данные «{id}», которые не объявлены")
            }
            Flaw::WrongInputKind { input, kind, rule } => format!(
                "правило «{rule}» не может читать входные данные «{input}» вида «{}»",
                kind.ru()
            ),
            Flaw::FieldNotAllowed { field, kind } => format!("у типа «{kind}» нет поля «{field}»"),
            Flaw::FieldMissing { field, kind } => format!("для типа «{kind}» нужно поле «{field}»"),
            Flaw::NotPositive { field, value } => {
                format!("значение поля «{field}» должно быть больше 0, указано {value}")
            }
            Flaw::WeightMissing(child) => format!("во взвешенной сумме нет веса для «{child}»"),
            Flaw::WeightUnknown(child) => {
                format!("вес указан для «{child}», которого нет в группе")
            }
            Flaw::OverCap { points, cap } => format!("{points} баллов больше максимума {cap}"),
            Flaw::ScaleNotCap { scale, cap } => format!(
                "шкала доли {scale} не совпадает с максимумом {cap} (чтобы перевести долю в другие баллы, задайте диапазоны)"
            ),
            Flaw::BoundsReversed { min, max } => {
                format!("нижняя граница {min} больше верхней {max}")
            }
            Flaw::BadBound(_) => "недопустимая граница для этого вида входных данных".into(),
            Flaw::TooManyPlaces(p) => {
                format!(
                    "{} после запятой; десятичное число хранит не более 28",
                    crate::output::russian::count(
                        usize::try_from(*p).unwrap_or(usize::MAX),
                        ["знак", "знака", "знаков"]
                    )
                )
            }
        }
    }
}

fn band_ru(b: &BandFlaw) -> String {
    match b {
        BandFlaw::None => "диапазоны не заданы".into(),
        BandFlaw::Empty { from, to } => {
            format!("пустой диапазон: начало {from} не меньше конца {to}")
        }
        BandFlaw::OpenBelow => "без нижней границы может быть только первый диапазон".into(),
        BandFlaw::OpenAbove => "без верхней границы может быть только последний диапазон".into(),
        BandFlaw::Overlaps { from, previous_to } => format!(
            "диапазоны должны идти по возрастанию без пересечений: начало {from} меньше конца предыдущего, {previous_to}"
        ),
        BandFlaw::Gap { previous_to, from } => format!(
            "между диапазонами разрыв: предыдущий заканчивается на {previous_to} (не включая), этот начинается с {from}, и значения от {previous_to} до {from} не попадают ни в один"
        ),
    }
}
