//! Parse + validate of the bundled example specs. Goal: under 200 µs per spec.

use std::hint::black_box;

use akplan_core::{Format, check};
use criterion::{Criterion, criterion_group, criterion_main};

const EXAMPLES: [(&str, &str); 3] = [
    ("minimal", include_str!("../../examples/minimal.yaml")),
    (
        "agent-kernel",
        include_str!("../../examples/agent-kernel.yaml"),
    ),
    ("llm-proxy", include_str!("../../examples/llm-proxy.yaml")),
];

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
