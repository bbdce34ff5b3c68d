//! Emitting every target for the example specs. Goal: under 2 ms per spec in core.

use std::hint::black_box;

use akplan_core::emit::{Target, emit};
use akplan_core::examples::EXAMPLES;
use akplan_core::plan::{Model, plan};
use akplan_core::pricing::Prices;
use akplan_core::{Format, check};
use criterion::{Criterion, criterion_group, criterion_main};

fn emit_all(c: &mut Criterion) {
    let mut group = c.benchmark_group("emit_all_targets");
    for (name, text) in EXAMPLES {
        let Some(spec) = check(text, Format::Yaml).spec else {
            continue;
        };
        let planned = plan(&spec, Model::default(), &Prices::builtin(&spec.region));
        group.bench_function(name, |b| {
            b.iter(|| {
                Target::ALL
                    .iter()
                    .map(|&t| emit(black_box(&spec), &planned, t).len())
                    .sum::<usize>()
            });
        });
    }
    group.finish();
}

criterion_group!(benches, emit_all);
criterion_main!(benches);
