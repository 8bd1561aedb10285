//! Russian numerals and numbers as people read them: the noun form a count takes (1 группа,
//! 2 группы, 5 групп, 11 групп, 21 группа), the decimal comma (`79,5`), a non-breaking space
//! before `%` and in thousands (`40 003`). Machine formats (JSON, CSV) keep the dot; these are
//! for tables, pages and documents.

use rust_decimal::Decimal;

/// A non-breaking space: between a number and `%`, and between groups of thousands.
pub const NBSP: char = '\u{a0}';

/// The form of a noun after `n`: `forms` are for 1, for 2–4 and for 5–20 (`группа`, `группы`,
/// `групп`).
///
/// ```
/// use vsoko::output::russian::plural;
/// let forms = ["группа", "группы", "групп"];
/// let got: Vec<&str> = [1, 2, 5, 11, 12, 14, 21, 22, 25, 101, 111].iter().map(|n| plural(*n, forms)).collect();
/// assert_eq!(got, ["группа", "группы", "групп", "групп", "групп", "групп", "группа", "группы", "групп", "группа", "групп"]);
/// ```
pub fn plural(n: u64, forms: [&'static str; 3]) -> &'static str {
    let [one, few, many] = forms;
    match (n % 10, n % 100) {
        (_, 11..=14) => many,
        (1, _) => one,
        (2..=4, _) => few,
        _ => many,
    }
}

/// Schools, after a number: 1 школа, 2 школы, 5 школ.
pub const SCHOOLS: [&str; 3] = ["школа", "школы", "школ"];
/// Teachers: 1 педагог, 2 педагога, 5 педагогов.
pub const TEACHERS: [&str; 3] = ["педагог", "педагога", "педагогов"];
/// Respondents: 1 респондент, 2 респондента, 5 респондентов.
pub const RESPONDENTS: [&str; 3] = ["респондент", "респондента", "респондентов"];
/// Schools in the genitive, after «у», «из», «для»: у 1 школы, у 2 школ, у 5 школ.
pub const SCHOOLS_GENITIVE: [&str; 3] = ["школы", "школ", "школ"];
/// Municipalities: 1 муниципалитет, 2 муниципалитета, 5 муниципалитетов.
pub const MUNICIPALITIES: [&str; 3] = ["муниципалитет", "муниципалитета", "муниципалитетов"];
/// Plan items: 1 пункт, 2 пункта, 5 пунктов.
pub const ITEMS: [&str; 3] = ["пункт", "пункта", "пунктов"];
/// Indicators: 1 показатель, 2 показателя, 5 показателей.
pub const INDICATORS: [&str; 3] = ["показатель", "показателя", "показателей"];
/// Pupils: 1 ученик, 2 ученика, 5 учеников.
pub const PUPILS: [&str; 3] = ["ученик", "ученика", "учеников"];

/// A decimal as people read it in Russian: a decimal comma, and the integer part of 10 000 and
/// more in groups of three split by a non-breaking space. The digits are the decimal's own
/// (`2.50` stays `2,50`): nothing is rounded here.
///
/// ```
/// use rust_decimal::Decimal;
/// use vsoko::output::russian::number;
/// assert_eq!(number(Decimal::new(795, 1)), "79,5");
/// assert_eq!(number(Decimal::new(-35, 1)), "-3,5");
/// assert_eq!(number(Decimal::new(1234567, 2)), "12\u{a0}345,67");
/// assert_eq!(number(Decimal::from(9999)), "9999");
/// ```
pub fn number(d: Decimal) -> String {
    let text = d.to_string();
    let (sign, digits) = text
        .strip_prefix('-')
        .map_or(("", text.as_str()), |rest| ("-", rest));
    let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
    let mut grouped = String::new();
    if int.len() > 4 {
        for (i, c) in int.chars().enumerate() {
            if i > 0 && (int.len() - i) % 3 == 0 {
                grouped.push(NBSP);
            }
            grouped.push(c);
        }
    } else {
        grouped.push_str(int);
    }
    if frac.is_empty() {
        format!("{sign}{grouped}")
    } else {
        format!("{sign}{grouped},{frac}")
    }
}

/// A percentage as people read it: `79,5 %` with a non-breaking space; `—` when there is none.
///
/// ```
/// use rust_decimal::Decimal;
/// assert_eq!(vsoko::output::russian::percent(Some(Decimal::new(795, 1))), "79,5\u{a0}%");
/// assert_eq!(vsoko::output::russian::percent(None), "—");
/// ```
pub fn percent(p: Option<Decimal>) -> String {
    p.map_or_else(|| "—".to_string(), |p| format!("{}{NBSP}%", number(p)))
}

/// Points with their noun: `1 балл`, `3 балла`, `143 балла`, `5 баллов`, and a fraction takes
/// `балла` (`7,5 балла`).
///
/// ```
/// use rust_decimal::Decimal;
/// use vsoko::output::russian::points;
/// assert_eq!(points(Decimal::from(143)), "143 балла");
/// assert_eq!(points(Decimal::from(110)), "110 баллов");
/// assert_eq!(points(Decimal::new(75, 1)), "7,5 балла");
/// ```
pub fn points(d: Decimal) -> String {
    let noun = if d.fract().is_zero() {
        plural(whole(d), ["балл", "балла", "баллов"])
    } else {
        "балла"
    };
    format!("{} {noun}", number(d))
}

/// Points after «из» (the genitive): `из 1 балла`, `из 21 балла`, `из 143 баллов`, `из 7,5
/// балла`.
///
/// ```
/// use rust_decimal::Decimal;
/// use vsoko::output::russian::of_points;
/// assert_eq!(of_points(Decimal::from(143)), "143 баллов");
/// assert_eq!(of_points(Decimal::from(21)), "21 балла");
/// assert_eq!(of_points(Decimal::new(25, 1)), "2,5 балла");
/// ```
pub fn of_points(d: Decimal) -> String {
    let noun = if d.fract().is_zero() {
        plural(whole(d), ["балла", "баллов", "баллов"])
    } else {
        "балла"
    };
    format!("{} {noun}", number(d))
}

/// The whole part of `d` as a count (its absolute value; a count past `u64` reads as many).
fn whole(d: Decimal) -> u64 {
    use rust_decimal::prelude::ToPrimitive;
    d.abs().trunc().to_u64().unwrap_or(u64::MAX)
}

/// The text with its first letter in upper case (`предмет` → `Предмет`).
///
/// ```
/// assert_eq!(vsoko::output::russian::capitalized("предмет"), "Предмет");
/// ```
pub fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}

/// A count with its noun: `2 группы`.
///
/// ```
/// assert_eq!(vsoko::output::russian::count(6, ["показатель", "показателя", "показателей"]), "6 показателей");
/// ```
pub fn count(n: usize, forms: [&'static str; 3]) -> String {
    format!(
        "{n} {}",
        plural(u64::try_from(n).unwrap_or(u64::MAX), forms)
    )
}

/// A name with a non-breaking space after «№», so «№ 4» never breaks across lines.
///
/// ```
/// assert_eq!(vsoko::output::russian::unbroken_numero("СОШ № 4"), "СОШ №\u{a0}4");
/// ```
pub fn unbroken_numero(name: &str) -> String {
    name.replace("№ ", "№\u{a0}")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The rule as grammars state it, written apart from [`plural`]: the last two digits 11–14
    /// take the third form; otherwise a last digit of 1 the first, of 2–4 the second, the rest
    /// the third.
    fn by_the_grammar(n: u64) -> usize {
        let tens = (n / 10) % 10;
        let last = n % 10;
        if tens == 1 {
            2
        } else if last == 1 {
            0
        } else if (2..=4).contains(&last) {
            1
        } else {
            2
        }
    }

    #[test]
    fn every_count_from_0_to_200_takes_the_grammars_form() {
        for n in 0..=200u64 {
            let want = SCHOOLS.get(by_the_grammar(n)).copied();
            assert_eq!(Some(plural(n, SCHOOLS)), want, "{n}");
        }
        let spot: Vec<String> = [0, 1, 2, 5, 11, 12, 14, 21, 22, 25, 111, 112, 121]
            .iter()
            .map(|&n| count(n, PUPILS))
            .collect();
        assert_eq!(
            spot,
            [
                "0 учеников",
                "1 ученик",
                "2 ученика",
                "5 учеников",
                "11 учеников",
                "12 учеников",
                "14 учеников",
                "21 ученик",
                "22 ученика",
                "25 учеников",
                "111 учеников",
                "112 учеников",
                "121 ученик"
            ]
        );
    }
}
