//! The one call into the core per edit: validate, plan, emit the ECS API inputs. No planning
//! logic lives here.

use std::cell::RefCell;

use akplan_core::{Assumptions, EXAMPLES, Format, PriceFile};
use wasm_bindgen::prelude::wasm_bindgen;

pub use akplan_core::Analysis;

/// Validates, plans and emits the ECS API inputs of `text` (a YAML or JSON spec) through the
/// core's front door; the Terraform and CDK tabs come from the second module (`extras`).
#[must_use]
pub fn analyze(text: &str) -> Analysis {
    let ready = READY.with(|r| r.borrow_mut().take_if(|(t, _)| t == text));
    match ready {
        Some((_, analysis)) => analysis,
        None => PRICES.with(|p| match &*p.borrow() {
            Some((file, _)) => akplan_core::analyze_api_inputs_priced(
                text,
                Format::Yaml,
                Assumptions::default(),
                file,
            ),
            None => akplan_core::analyze_api_inputs(text, Format::Yaml, Assumptions::default()),
        }),
    }
}

thread_local! {
    /// The prices file dropped on the page (and its text, for the second module), kept in
    /// storage (`state::PRICES_KEY`); none: akplan's table.
    static PRICES: RefCell<Option<(PriceFile, String)>> = const { RefCell::new(None) };
}

/// Prices the page's next analyses with `json` (akplan's prices file), or akplan's table.
///
/// # Errors
/// When `json` is not a prices file.
pub fn set_prices(json: Option<&str>) -> Result<(), String> {
    let parsed = match json {
        Some(text) => Some((PriceFile::parse(text)?, text.to_owned())),
        None => None,
    };
    PRICES.with(|p| *p.borrow_mut() = parsed);
    Ok(())
}

/// The page's prices file as text (empty: akplan's table), for the second module's reports.
#[must_use]
pub fn prices_json() -> String {
    PRICES.with(|p| {
        p.borrow()
            .as_ref()
            .map(|(_, t)| t.clone())
            .unwrap_or_default()
    })
}

thread_local! {
    /// The boot's analysis of the spec the page opens with, taken by the page's first
    /// [`analyze`], so mounting the page does not also analyse (each boot task stays short).
    static READY: RefCell<Option<(String, Analysis)>> = const { RefCell::new(None) };
}

/// Analyses `text` now, for the page's first [`analyze`] of the same text.
pub fn prepare(text: String) {
    let analysis = analyze(&text);
    READY.with(|r| *r.borrow_mut() = Some((text, analysis)));
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
