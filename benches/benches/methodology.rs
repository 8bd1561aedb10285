//! Loading methodologies: built-in lookup and parsing plus validating a custom one.

#![expect(
    clippy::expect_used,
    reason = "a benchmark with a broken fixture should stop loudly"
)]

use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use vsoko::Methodology;
use vsoko_benches::CUSTOM_METHODOLOGY;

fn methodology(c: &mut Criterion) {
    c.bench_function("builtin_lookup/index-2023", |b| {
        b.iter(|| Methodology::builtin(black_box("index-2023")));
    });
    let index_json = Methodology::builtin("index-2023")
        .expect("built in")
        .to_json();
    c.bench_function("parse_and_validate/index-2023", |b| {
        b.iter(|| Methodology::from_json(black_box(&index_json)));
    });
    c.bench_function("parse_and_validate/custom", |b| {
        b.iter(|| Methodology::from_json(black_box(CUSTOM_METHODOLOGY)));
    });
}

criterion_group!(benches, methodology);
criterion_main!(benches);
