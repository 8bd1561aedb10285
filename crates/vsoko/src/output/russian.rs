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
