//! The one call into the core per edit: validate, plan, emit. No planning logic lives here.

use akplan_core::emit::{self, Artifact, Target};
use akplan_core::examples::EXAMPLES;
use akplan_core::plan::{self, Model, Plan};
use akplan_core::pricing::Prices;
use akplan_core::{Checked, Format, check_spec};
use wasm_bindgen::prelude::wasm_bindgen;

/// Everything the panels show for one spec text.
#[derive(Debug, Clone, PartialEq)]
pub struct Analysis {
    /// Diagnostics (and the spec when it has no errors).
    pub checked: Checked,
    /// The plan, when the spec is valid.
    pub plan: Option<Plan>,
    /// Every generated file, when the spec is valid.
    pub files: Vec<Artifact>,
}

/// Validates, plans and emits `text` (a YAML or JSON spec).
#[must_use]
pub fn analyze(text: &str) -> Analysis {
    let checked = check_spec(text, Format::Yaml);
    let (plan, files) = match &checked.spec {
        Some(spec) => {
            let plan = plan::plan(spec, Model::default(), &Prices::builtin(&spec.region));
            let files = Target::ALL
                .iter()
                .flat_map(|&t| emit::emit(spec, &plan, t))
                .collect();
            (Some(plan), files)
        }
        None => (None, Vec::new()),
    };
    Analysis {
        checked,
        plan,
        files,
    }
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
