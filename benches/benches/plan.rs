//! The ВСОКО plan at scale: import (`Plan::from_rows`), check and show (the cyclogram) of
//! 1,000,000 rows built in memory, and the import of a table whose title cell is 1 MB. A first
//! timed pass prints the figures side by side; criterion then measures each (ten samples, so
//! a run takes under two minutes). `VSOKO_PLAN_ROWS` changes the number of rows.

#![expect(
    clippy::expect_used,
    clippy::print_stdout,
    reason = "a benchmark with a broken fixture should stop loudly; it prints its figures"
)]

use criterion::{Criterion, SamplingMode, criterion_group, criterion_main};
use std::hint::black_box;
use std::time::{Duration, Instant};
use vsoko::plan::{CheckOptions, Plan};
use vsoko_benches::{long_title, plan_rows};

fn rows_wanted() -> usize {
    std::env::var("VSOKO_PLAN_ROWS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(1_000_000)
}

fn plan(c: &mut Criterion) {
    let n = rows_wanted();
    let table = plan_rows(n, "План ВСОКО на 2023/24 учебный год".into());
    let titled = plan_rows(10, long_title(1 << 20));

    // One pass of each, printed side by side.
    let t = Instant::now();
    let p = Plan::from_rows(&table, None).expect("the generated table imports");
    let import = t.elapsed();
    let t = Instant::now();
    let check = p.check(CheckOptions::default());
    let checked = t.elapsed();
    let t = Instant::now();
    let cyclogram = p.cyclogram();
    let page = cyclogram.to_html();
    let shown = t.elapsed();
    let t = Instant::now();
    let small = Plan::from_rows(&titled, None).expect("the titled table imports");
    let title = t.elapsed();
    // The budgets: 1,000,000 items ≤ 10 s for each step, a 1 MB title ≤ 1 s.
    let of = |d: Duration, budget: f64| d.as_secs_f64() / budget;
    println!(
        "plan, {n} rows: import {import:.2?} ({:.2}× of 10 s) | check {checked:.2?} ({:.2}×; {} findings) | show {shown:.2?} ({:.2}×; {} cyclogram rows, {} KB of HTML) || 1 MB title: import {title:.2?} ({:.3}× of 1 s; year {})",
        of(import, 10.0),
        of(checked, 10.0),
        check.findings.len(),
        of(shown, 10.0),
        cyclogram.rows.len(),
        page.len() / 1024,
        of(title, 1.0),
        small.academic_year
    );

    let mut group = c.benchmark_group("plan");
    group
        .sample_size(10)
        .sampling_mode(SamplingMode::Flat)
        .warm_up_time(Duration::from_millis(1))
        .measurement_time(Duration::from_secs(1));
    group.bench_function(format!("import/{n}_rows"), |b| {
        b.iter(|| Plan::from_rows(black_box(&table), None));
    });
    group.bench_function(format!("check/{n}_rows"), |b| {
        b.iter(|| black_box(&p).check(CheckOptions::default()));
    });
    group.bench_function(format!("show/{n}_rows"), |b| {
        b.iter(|| black_box(&p).cyclogram());
    });
    group.bench_function("import/1mb_title", |b| {
        b.iter(|| Plan::from_rows(black_box(&titled), None));
    });
    group.finish();
}

criterion_group!(benches, plan);
criterion_main!(benches);
