//! Inputs for the benchmarks, embedded from `fixtures/` so every run measures the same thing.

/// A medium-level school with fractional values and missing indicators (index-2023).
pub const SCHOOL_42: &str = include_str!("../../fixtures/schools/index-2023/school_42.json");

/// A school with every indicator given (index-2023).
pub const FULL_SCHOOL: &str = include_str!("../../fixtures/schools/index-2023/gymnasium_high.json");

/// An order-1547 school with "n/a" values.
pub const NOCKO_SCHOOL: &str =
    include_str!("../../fixtures/schools/nocko-1547/with_not_applicable.json");

/// The custom methodology fixture.
pub const CUSTOM_METHODOLOGY: &str =
    include_str!("../../fixtures/methodologies/school_custom.json");

/// Periods as the rows of a generated plan write them.
const PLAN_PERIODS: [&str; 10] = [
    "сентябрь",
    "октябрь",
    "ноябрь",
    "декабрь",
    "январь",
    "февраль",
    "март",
    "апрель",
    "май",
    "с 01.09 по 31.12",
];

/// A plan table in memory: a title row, the header, then `n` item rows with distinct numbers,
/// a thousand mechanisms and fifty people, the way [`vsoko::plan::Plan::from_rows`] takes it.
pub fn plan_rows(n: usize, title: String) -> Vec<(usize, Vec<String>)> {
    let mut out = vec![
        (1, vec![title]),
        (
            2,
            [
                "№",
                "Сроки",
                "Механизм",
                "Содержание",
                "Ответственные",
                "Результат",
            ]
            .map(String::from)
            .to_vec(),
        ),
    ];
    out.reserve(n);
    for i in 0..n {
        out.push((
            i + 3,
            vec![
                (i + 1).to_string(),
                PLAN_PERIODS
                    .get(i % PLAN_PERIODS.len())
                    .copied()
                    .unwrap_or_default()
                    .to_string(),
                format!("Механизм {}", i % 1000),
                format!("Анализ ВПР, пункт {i}"),
                format!("Заместитель директора {}", i % 50),
                "Справка, рекомендации".to_string(),
            ],
        ));
    }
    out
}

/// A title cell of about `bytes` bytes of order numbers and dates, naming its year at the end.
pub fn long_title(bytes: usize) -> String {
    let filler = "Приказ 1234 от 01.09, пункт 5678/9; ";
    let mut title = filler.repeat(bytes / filler.len() + 1);
    title.push_str("План ВСОКО на 2023/ 2024 учебный год");
    title
}
