//! Every emitter on whatever validates: no panic, no NaN or infinity in the files.
#![no_main]

use akplan_core::emit::{Target, emit};
use akplan_core::plan::{Model, plan};
use akplan_core::pricing::Prices;
use akplan_core::{Format, check};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Some(spec) = check(&text, Format::Yaml).spec {
        let p = plan(&spec, Model::default(), &Prices::builtin(&spec.region));
        for target in Target::ALL {
            for artifact in emit(&spec, &p, target) {
                assert!(!artifact.contents.contains("NaN"));
            }
        }
    }
});
