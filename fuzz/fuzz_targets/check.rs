//! The whole validation on arbitrary text: every diagnostic points inside the text.
#![no_main]

use akplan_core::{Format, check};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    for format in [Format::Yaml, Format::Json] {
        for d in check(&text, format).diagnostics {
            assert!(d.span.start <= text.len() && d.span.end <= text.len());
        }
    }
});
