//! Parse + validate of the bundled example specs. Goal: under 200 µs per spec.

use std::hint::black_box;

use akplan_core::examples::EXAMPLES;
use akplan_core::{Format, check};
use criterion::{Criterion, criterion_group, criterion_main};

fn validate(c: &mut Criterion) {
    let mut group = c.benchmark_group("parse_and_validate");
    for (name, text) in EXAMPLES {
        group.bench_function(name, |b| {
            b.iter(|| check(black_box(text), Format::Yaml));
        });
    }
    group.finish();
}

criterion_group!(benches, validate);
criterion_main!(benches);
