//! Why a value or an input was rejected, and where: typed data with an English text for logs
//! ([`std::fmt::Display`]) and a Russian one for people (`ru()`), never mixed in one message.

mod date;
mod input;
mod location;
mod problem;
mod title;
mod value;

pub use date::DateReason;
pub use input::InputReason;
pub use location::{Location, column_letters};
pub use problem::{BandFlaw, Flaw, Place, Problem};
pub use title::{TitleFlaw, TitleProblem};
pub use value::ValueReason;

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
