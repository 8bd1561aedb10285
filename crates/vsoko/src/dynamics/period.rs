//! Period labels as schools write them: a year (`2024`) or an academic year (`2023/24`,
//! `2023/2024`, `2023-2024`). One input uses one form; periods sort by their first year.

/// The written form of a period label.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PeriodForm {
    /// `2024`.
    Year,
    /// `2023/24`, `2023/2024`, `2023-24`, `2023-2024`.
    AcademicYear,
    /// Anything else (`I полугодие 2024`): compared as text, sorted after the known forms.
    Other,
}

impl PeriodForm {
    /// The form of a label, with the year it starts in when it has one.
    ///
    /// ```
    /// use vsoko::dynamics::PeriodForm;
    /// assert_eq!(PeriodForm::of("2024"), (PeriodForm::Year, Some(2024)));
    /// assert_eq!(PeriodForm::of("2023/24"), (PeriodForm::AcademicYear, Some(2023)));
    /// assert_eq!(PeriodForm::of("весна"), (PeriodForm::Other, None));
    /// ```
    pub fn of(label: &str) -> (PeriodForm, Option<u32>) {
        let t = label.trim();
        let year = |s: &str| {
            (s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit()))
                .then(|| s.parse::<u32>().ok())
                .flatten()
        };
        if let Some(y) = year(t) {
            return (PeriodForm::Year, Some(y));
        }
        if let Some((a, b)) = t.split_once(['/', '-'])
            && let Some(start) = year(a.trim())
        {
            let b = b.trim();
            let next = (start + 1).to_string();
            if b == next || (b.len() == 2 && next.ends_with(b)) {
                return (PeriodForm::AcademicYear, Some(start));
            }
        }
        (PeriodForm::Other, None)
    }

    /// The form in Russian, for messages.
    pub fn ru(self) -> &'static str {
        match self {
            PeriodForm::Year => "год (2024)",
            PeriodForm::AcademicYear => "учебный год (2023/24)",
            PeriodForm::Other => "произвольная подпись",
        }
    }

    /// The form in English, for logs.
    pub fn en(self) -> &'static str {
        match self {
            PeriodForm::Year => "a year (2024)",
            PeriodForm::AcademicYear => "an academic year (2023/24)",
            PeriodForm::Other => "free text",
        }
    }
}

/// What identifies a period: the forms of one academic year (`2023/24`, `2023/2024`,
/// `2023-24`) are one period; any other label is itself.
pub(crate) fn key(label: &str) -> String {
    match PeriodForm::of(label) {
        (PeriodForm::AcademicYear, Some(start)) => format!("{start}/{}", start + 1),
        _ => label.trim().to_string(),
    }
}

/// Sorts period labels (given in order of first appearance): by first year; labels without a
/// year (`весна`, `осень`: one file per period given in order) keep the order they came in.
pub(crate) fn sort(periods: &mut [String]) {
    // A stable sort: equal keys keep their order of appearance.
    periods.sort_by_key(|p| PeriodForm::of(p).1.unwrap_or(u32::MAX));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn academic_years_need_consecutive_years() {
        assert_eq!(PeriodForm::of("2023-2024").0, PeriodForm::AcademicYear);
        assert_eq!(PeriodForm::of("2023/2025").0, PeriodForm::Other);
        let mut p = vec![
            "2024".to_string(),
            "осень".into(),
            "весна".into(),
            "2023".into(),
        ];
        sort(&mut p);
        assert_eq!(p, ["2023", "2024", "осень", "весна"]);
    }

    #[test]
    fn forms_of_one_academic_year_have_one_key() {
        let keys: Vec<String> = ["2023/24", "2023/2024", "2023-24", "2023 - 2024"]
            .iter()
            .map(|l| key(l))
            .collect();
        assert_eq!(keys, ["2023/2024"; 4]);
        assert_ne!(key("2024/25"), key("2023/24"));
        assert_eq!(key("2024"), "2024");
        assert_eq!(key("весна"), "весна");
    }
}
