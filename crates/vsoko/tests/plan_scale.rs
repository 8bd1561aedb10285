//! Plan import, check and views are linear in the size of the table: 100,000 rows (20,000 in a
//! debug build) and a 1 MB title cell, timed and printed (no time is asserted: the machine
//! varies; `cargo test --release -p vsoko --test plan_scale -- --nocapture` shows the figures,
//! and `benches/benches/plan.rs` measures 1,000,000 rows).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::print_stdout,
    clippy::indexing_slicing
)]

use std::time::Instant;
use vsoko::plan::{CheckOptions, Plan};

const MONTHS: [&str; 10] = [
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

/// A title row, the header, then `n` item rows with distinct numbers and a thousand mechanisms.
fn rows(n: usize, title: String) -> Vec<(usize, Vec<String>)> {
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
    for i in 0..n {
        out.push((
            i + 3,
            vec![
                (i + 1).to_string(),
                MONTHS[i % MONTHS.len()].to_string(),
                format!("Механизм {}", i % 1000),
                format!("Анализ ВПР, пункт {i}"),
                format!("Заместитель директора {}", i % 50),
                "Справка, рекомендации".to_string(),
            ],
        ));
    }
    out
}

#[test]
fn import_check_and_show_grow_linearly() {
    let n = if cfg!(debug_assertions) {
        20_000
    } else {
        100_000
    };
    let table = rows(n, "План ВСОКО на 2023/24 учебный год".into());
    let t = Instant::now();
    let mut plan = Plan::from_rows(&table, None).unwrap();
    let import = t.elapsed();
    assert_eq!(plan.items.len(), n);
    assert_eq!(plan.mechanisms.len(), 1000);
    // Every other item re-controls the one before it.
    for i in (1..n).step_by(2) {
        let prev = plan.items[i - 1].id.clone();
        plan.items[i].follows_up = Some(prev);
    }
    let t = Instant::now();
    let check = plan.check(CheckOptions::default());
    let checked = t.elapsed();
    assert!(check.findings.iter().any(|f| f.code == "no_recontrol"));
    let t = Instant::now();
    let c = plan.cyclogram();
    let shown = t.elapsed();
    assert_eq!(c.rows.len(), 1000);
    let t = Instant::now();
    let agenda = plan.agenda("директора 7");
    let agenda_time = t.elapsed();
    assert_eq!(agenda.items.len(), n / 50);
    let t = Instant::now();
    let back = Plan::from_json(&plan.to_json()).unwrap();
    let json = t.elapsed();
    assert_eq!(back.items.len(), n);
    println!(
        "{n} rows: import {import:?}, check {checked:?}, cyclogram {shown:?}, agenda {agenda_time:?}, JSON round trip {json:?}"
    );
}

#[test]
fn a_one_megabyte_title_is_read_in_one_pass() {
    let mut title = "Приказ 1234 от 01.09, пункт 5678/9; ".repeat(30_000);
    title.push_str("План ВСОКО на 2023/ 2024 учебный год");
    assert!(title.len() >= 1_000_000);
    let table = rows(10, title);
    let t = Instant::now();
    let plan = Plan::from_rows(&table, None).unwrap();
    let took = t.elapsed();
    assert_eq!(plan.academic_year.start(), 2023);
    println!("a {} byte title: import {took:?}", table[0].1[0].len());
}
