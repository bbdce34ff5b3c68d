//! The document parser on arbitrary text, as YAML and as JSON: errors, never panics or hangs.
#![no_main]

use akplan_core::Format;
use akplan_core::document::Document;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let _ = Document::parse(&text, Format::Yaml);
    let _ = Document::parse(&text, Format::Json);
});
