//! A full plan of the example specs (goal < 1 ms) and a 1,000-task deployment simulation
//! (goal < 5 ms).

use std::hint::black_box;

use akplan_core::examples::EXAMPLES;
use akplan_core::plan::{Model, deploy};
use akplan_core::{Format, check};
use criterion::{Criterion, criterion_group, criterion_main};

fn plan(c: &mut Criterion) {
    let mut group = c.benchmark_group("plan");
    for (name, text) in EXAMPLES {
        let Some(spec) = check(text, Format::Yaml).spec else {
            continue;
        };
        group.bench_function(name, |b| {
            let prices = akplan_core::pricing::Prices::builtin(&spec.region);
            b.iter(|| akplan_core::plan::plan(black_box(&spec), Model::default(), &prices));
        });
    }
    group.bench_function("simulate_1000_tasks", |b| {
        b.iter(|| {
            deploy::simulate(black_box(deploy::DeployInput {
                desired: 1000,
                minimum_healthy_percent: 100,
                maximum_percent: 200,
                time_to_healthy: 210,
                time_to_stop: 330,
            }))
        });
    });
    group.finish();
}

criterion_group!(benches, plan);
criterion_main!(benches);
