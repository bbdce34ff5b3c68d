//! The share-link decoder on arbitrary fragments: bounded output, never a panic; what it decodes
//! is checked like any spec.
#![no_main]

use akplan_core::{Format, check, share};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let fragment = String::from_utf8_lossy(data);
    if let Ok(text) = share::decode(&fragment) {
        let _ = check(&text, Format::Yaml);
    }
});
