//! Emitting every target for the example specs. Goal: under 2 ms per spec in core.

use std::hint::black_box;

use akplan_core::{Assumptions, EXAMPLES, Format, Prices, Target, check, emit, plan};
use criterion::{Criterion, criterion_group, criterion_main};

fn emit_all(c: &mut Criterion) {
    let mut group = c.benchmark_group("emit_all_targets");
    for (name, text) in EXAMPLES {
        let Some(app) = check(text, Format::Yaml).model else {
            continue;
        };
        let planned = plan(&app, Assumptions::default(), &Prices::builtin(&app.region));
        group.bench_function(name, |b| {
            b.iter(|| emit(black_box(&app), &planned, &Target::ALL).len());
        });
    }
    group.finish();
}

criterion_group!(benches, emit_all);
criterion_main!(benches);
