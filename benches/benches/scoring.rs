//! Scoring one school: from parsed values (the engine alone), to a full report, and from JSON text.

#![expect(
    clippy::expect_used,
    reason = "a benchmark with a broken fixture should stop loudly"
)]

use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use vsoko::{Methodology, Options, ScoreInput};
use vsoko_benches::{FULL_SCHOOL, NOCKO_SCHOOL, SCHOOL_42};

fn scoring(c: &mut Criterion) {
    let index = Methodology::builtin("index-2023").expect("built in");
    let nocko = Methodology::builtin("nocko-1547").expect("built in");
    for (name, m, text) in [
        ("index-2023/gymnasium_high", index, FULL_SCHOOL),
        ("index-2023/school_42", index, SCHOOL_42),
        ("nocko-1547/with_not_applicable", nocko, NOCKO_SCHOOL),
    ] {
        let input = ScoreInput::from_json(text).expect("fixture parses");
        c.bench_function(&format!("evaluate/{name}"), |b| {
            b.iter(|| m.evaluate(black_box(&input.values), Options::default()));
        });
        c.bench_function(&format!("report/{name}"), |b| {
            b.iter(|| m.score(black_box(&input.values), Options::default()));
        });
        c.bench_function(&format!("json_parse_and_score/{name}"), |b| {
            b.iter(|| vsoko::json::score_document(black_box(text), Some(m), Options::default()));
        });
    }
}

criterion_group!(benches, scoring);
criterion_main!(benches);
