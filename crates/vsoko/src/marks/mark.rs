//! The mark vocabulary of Russian e-journals (DOMAIN §7).

/// One mark as a journal writes it.
///
/// ```
/// use vsoko::marks::Mark;
/// assert_eq!(Mark::parse("5"), Some(Mark::Grade(5)));
/// assert_eq!(Mark::parse(" Н/А "), Some(Mark::NotAttested));
/// assert_eq!(Mark::parse("осв."), Some(Mark::Exempt));
/// assert_eq!(Mark::parse("незач"), Some(Mark::Fail));
/// assert_eq!(Mark::parse("—"), Some(Mark::None));
/// assert_eq!(Mark::parse("6"), None);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Mark {
    /// A numeric mark, 5 to 1 (a 1 counts as unsatisfactory with 2).
    Grade(u8),
    /// «н/а»: not attested; in the denominator, failing.
    NotAttested,
    /// «осв»: exempt from the subject; out of the denominator.
    Exempt,
    /// «зач»: passed (a pass/fail subject).
    Pass,
    /// «незач»: failed a pass/fail subject (academic debt).
    Fail,
    /// Empty or «—»: no mark; out of the denominator, counted.
    None,
}

impl Mark {
    /// Reads a journal's mark; `None` for anything outside the vocabulary.
    pub fn parse(text: &str) -> Option<Mark> {
        let t = text.trim().to_lowercase().replace('ё', "е");
        let t = t.trim_end_matches('.');
        Some(match t {
            "5" => Mark::Grade(5),
            "4" => Mark::Grade(4),
            "3" => Mark::Grade(3),
            "2" => Mark::Grade(2),
            "1" => Mark::Grade(1),
            "н/а" | "на" | "н\\а" | "н/a" => Mark::NotAttested,
            "осв" | "освоб" | "освобожден" | "освобождена" => {
                Mark::Exempt
            }
            "зач" | "зачет" | "зачтено" => Mark::Pass,
            "незач" | "незачет" | "не зачтено" => Mark::Fail,
            "" | "—" | "-" | "–" => Mark::None,
            _ => return None,
        })
    }

    /// Whether the mark means academic debt (a 2 or 1, «н/а», «незач»).
    pub fn is_failing(self) -> bool {
        matches!(self, Mark::Grade(0..=2) | Mark::NotAttested | Mark::Fail)
    }
}
