//! The one call into the core per edit: validate, plan, emit the ECS API inputs. No planning
//! logic lives here.

use akplan_core::{Assumptions, EXAMPLES, Format};
use wasm_bindgen::prelude::wasm_bindgen;

pub use akplan_core::Analysis;

/// Validates, plans and emits the ECS API inputs of `text` (a YAML or JSON spec) through the
/// core's front door; the Terraform and CDK tabs come from the second module (`extras`).
#[must_use]
pub fn analyze(text: &str) -> Analysis {
    akplan_core::analyze_api_inputs(text, Format::Yaml, Assumptions::default())
}

/// Benchmark hook for `bench/web.py`: the mean milliseconds of `edits` re-analyses of the largest
/// example, each after a one-character edit, timed with `performance.now()`.
#[wasm_bindgen]
pub fn bench(edits: u32) -> f64 {
    let Some(performance) = web_sys::window().and_then(|w| w.performance()) else {
        return f64::NAN;
    };
    let largest = EXAMPLES
        .iter()
        .map(|(_, t)| *t)
        .max_by_key(|t| t.len())
        .unwrap_or_default();
    let start = performance.now();
    let mut sink = 0usize;
    for i in 0..edits.max(1) {
        let text = largest.replacen("base_count: 6", &format!("base_count: {}", 6 + i % 4), 1);
        sink += analyze(&text).files.len();
    }
    let took = performance.now() - start;
    std::hint::black_box(sink);
    took / f64::from(edits.max(1))
}
