//! Parse + validate of the bundled example specs (goal: under 200 µs per spec), and the two
//! structure checkers side by side: the `jsonschema` crate (CLI) and `schema::subset` (web page).

use std::hint::black_box;

use akplan_core::schema::subset_checker;
use akplan_core::{Document, EXAMPLES};
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

fn structure(c: &mut Criterion) {
    let mut group = c.benchmark_group("structure");
    let subset = subset_checker().expect("the spec schema is inside the subset");
    for (name, text) in EXAMPLES {
        let Ok((doc, _)) = Document::parse(text, Format::Yaml) else {
            continue;
        };
        let json = doc.to_json();
        #[cfg(feature = "jsonschema")]
        group.bench_function(format!("jsonschema/{name}"), |b| {
            b.iter(|| {
                akplan_core::schema::full::violations(
                    akplan_core::schema::spec_schema(),
                    black_box(&json),
                )
            });
        });
        group.bench_function(format!("subset/{name}"), |b| {
            b.iter(|| subset.violations(black_box(&json)));
        });
    }
    group.finish();
}

criterion_group!(benches, validate, structure);
criterion_main!(benches);
