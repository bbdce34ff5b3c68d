//! A full plan of the example specs (goal < 1 ms) and of a 1,000-task service, whose deployment
//! simulation dominates (goal < 5 ms).

use std::hint::black_box;

use akplan_core::{Assumptions, EXAMPLES, Format, Prices, check};
use criterion::{Criterion, criterion_group, criterion_main};

const THOUSAND_TASKS: &str = "version: 1\napp: big\nregion: us-east-1\nservices:\n  api:\n    image: example/api:1.0.0\n    cpu: 1024\n    memory: 2048\n    port: 8080\n    capacity: { base_count: 1000 }\n";

fn plan(c: &mut Criterion) {
    let mut group = c.benchmark_group("plan");
    let specs = EXAMPLES
        .iter()
        .copied()
        .chain([("plan_1000_tasks", THOUSAND_TASKS)]);
    for (name, text) in specs {
        let Some(app) = check(text, Format::Yaml).model else {
            continue;
        };
        group.bench_function(name, |b| {
            let prices = Prices::builtin(&app.region);
            b.iter(|| akplan_core::plan(black_box(&app), Assumptions::default(), &prices));
        });
    }
    group.finish();
}

criterion_group!(benches, plan);
criterion_main!(benches);
