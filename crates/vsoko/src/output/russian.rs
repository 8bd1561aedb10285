//! Russian numerals: the noun form a count takes (1 группа, 2 группы, 5 групп, 11 групп,
//! 21 группа).

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
