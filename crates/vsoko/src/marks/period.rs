//! The periods marks are given for: quarters, halves, the year and the final mark, read from
//! the ways journals write them and kept with their Russian names.

/// A period of marks.
///
/// ```
/// use vsoko::marks::Period;
/// assert_eq!(Period::parse("I четверть"), Some(Period::Quarter(1)));
/// assert_eq!(Period::parse("2 четв."), Some(Period::Quarter(2)));
/// assert_eq!(Period::parse("2 пол."), Some(Period::Half(2)));
/// assert_eq!(Period::parse("Год"), Some(Period::Year));
/// assert_eq!(Period::parse("итоговая"), Some(Period::Final));
/// assert_eq!(Period::parse("q3"), Some(Period::Quarter(3)));
/// assert_eq!(Period::Quarter(1).id(), "q1");
/// assert_eq!(Period::Quarter(1).ru(), "I четверть");
/// assert_eq!(Period::parse("1-я четверть"), Some(Period::Quarter(1)));
/// assert_eq!(Period::parse("5 четверть"), None);
/// // Summary sheets write them shorter:
/// assert_eq!(Period::parse("1 четв."), Some(Period::Quarter(1)));
/// assert_eq!(Period::parse("1ч."), Some(Period::Quarter(1)));
/// assert_eq!(Period::parse("Год."), Some(Period::Year));
/// assert_eq!(Period::parse("Итог"), Some(Period::Final));
/// assert_eq!(Period::parse("II полугод."), Some(Period::Half(2)));
/// // and titles in other cases: «за 1-ю четверть», «по итогам 2 полугодия».
/// assert_eq!(Period::parse("1-ю четверть"), Some(Period::Quarter(1)));
/// assert_eq!(Period::parse("2 полугодия"), Some(Period::Half(2)));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Period {
    /// A quarter, 1–4.
    Quarter(u8),
    /// A half-year, 1–2.
    Half(u8),
    /// The year mark.
    Year,
    /// The final mark (in the certificate).
    Final,
}

impl Period {
    /// Reads a period: `q1`…`q4`, `h1`, `h2`, `year`, `final`, or the Russian forms («1
    /// четверть», «I четв.», «1 ч.», «2 полугодие», «II пол.», «год», «годовая», «итог»,
    /// «итоговая»; summary sheets' «1ч.», «Год.», «Итог.»).
    pub fn parse(text: &str) -> Option<Period> {
        let t = text.trim().to_lowercase().replace('ё', "е");
        match t.trim_end_matches('.') {
            "q1" => return Some(Period::Quarter(1)),
            "q2" => return Some(Period::Quarter(2)),
            "q3" => return Some(Period::Quarter(3)),
            "q4" => return Some(Period::Quarter(4)),
            "h1" => return Some(Period::Half(1)),
            "h2" => return Some(Period::Half(2)),
            "year" | "год" | "годовая" | "годовая отметка" | "за год" | "годовые" =>
            {
                return Some(Period::Year);
            }
            "final" | "итог" | "итоговая" | "итоговая отметка" => {
                return Some(Period::Final);
            }
            _ => {}
        }
        // «1 четв.», «1-я четверть», or the number and the word written together («1ч», «IIп/г»).
        let split = t.find(|c: char| !matches!(c, '0'..='9' | 'i' | 'v' | '-' | 'я' | ' '));
        let glued = split.filter(|&at| at > 0 && !t.contains(' '));
        let (number, word) = match glued {
            Some(at) => (t.get(..at).unwrap_or(""), t.get(at..).unwrap_or("")),
            None => t.split_once(' ').unwrap_or((t.as_str(), "")),
        };
        let number = number.trim();
        let number = ["-я", "-ю", "-й", "-ое", "-е"]
            .iter()
            .find_map(|end| number.strip_suffix(end))
            .unwrap_or(number);
        let word = word.trim();
        let n = match number {
            "1" | "i" => 1,
            "2" | "ii" => 2,
            "3" | "iii" => 3,
            "4" | "iv" => 4,
            _ => return None,
        };
        let word = word.trim_end_matches('.');
        if ["четверть", "четверти", "четв", "ч"].contains(&word) {
            Some(Period::Quarter(n))
        } else if ["полугодие", "полугодия", "пол", "п/г", "полуг", "полугод"].contains(&word)
            && n <= 2
        {
            Some(Period::Half(n))
        } else {
            None
        }
    }

    /// The id on the wire: `q1`…`q4`, `h1`, `h2`, `year`, `final`.
    pub fn id(self) -> &'static str {
        match self {
            Period::Quarter(1) => "q1",
            Period::Quarter(2) => "q2",
            Period::Quarter(3) => "q3",
            Period::Quarter(_) => "q4",
            Period::Half(1) => "h1",
            Period::Half(_) => "h2",
            Period::Year => "year",
            Period::Final => "final",
        }
    }

    /// The Russian name: «I четверть», «II полугодие», «год», «итоговая».
    pub fn ru(self) -> &'static str {
        match self {
            Period::Quarter(1) => "I четверть",
            Period::Quarter(2) => "II четверть",
            Period::Quarter(3) => "III четверть",
            Period::Quarter(_) => "IV четверть",
            Period::Half(1) => "I полугодие",
            Period::Half(_) => "II полугодие",
            Period::Year => "год",
            Period::Final => "итоговая",
        }
    }
}
