//! Planning whatever validates: no panic, no NaN or infinity in the plan.
#![no_main]

use akplan_core::plan::{Model, plan};
use akplan_core::pricing::Prices;
use akplan_core::{Format, check};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Some(spec) = check(&text, Format::Yaml).spec {
        let p = plan(&spec, Model::default(), &Prices::builtin(&spec.region));
        for s in &p.services {
            assert!(s.cost.monthly_usd.x86_64.is_finite() && s.cost.monthly_usd.arm64.is_finite());
        }
    }
});
