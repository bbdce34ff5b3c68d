//! The language server over a sequence of edits and requests: the first chunk is the document,
//! each further chunk (split at 0xFF) an incremental edit, a whole-text replacement or a probe
//! (hover, completion, code actions, code lenses) at positions taken from its bytes. The server
//! must stop cleanly and answer no request with an internal error (a caught panic).
#![no_main]

use akplan_lsp::replay::{Step, run};
use libfuzzer_sys::fuzz_target;
use lsp_server::{ErrorCode, Message};
use lsp_types::{Position, Range};

fn position(bytes: &[u8]) -> Position {
    let b = |i: usize| u32::from(bytes.get(i).copied().unwrap_or(0));
    Position::new(b(0) % 64, b(1))
}

fuzz_target!(|data: &[u8]| {
    let mut chunks = data.split(|&b| b == 0xFF);
    let text = String::from_utf8_lossy(chunks.next().unwrap_or_default()).into_owned();
    let steps: Vec<Step> = chunks
        .take(32)
        .map(|chunk| {
            let (head, rest) = chunk.split_at(chunk.len().min(5));
            let new = String::from_utf8_lossy(rest).into_owned();
            match head.first().copied().unwrap_or(0) % 4 {
                0 | 1 => Step::Edit(Range::new(position(&head[1.min(head.len())..]), position(&head[3.min(head.len())..])), new),
                2 => Step::Probe(position(&head[1.min(head.len())..])),
                _ => Step::Replace(new),
            }
        })
        .collect();
    let (stop, answers) = run(akplan_lsp::builtin_options(), "file:///fuzz/akplan.yaml", &text, &steps);
    assert_eq!(stop, akplan_lsp::Stop::Clean);
    for m in answers {
        if let Message::Response(r) = m {
            let code = r.response_result.err().map(|e| e.code);
            assert_ne!(code, Some(ErrorCode::InternalError as i32));
        }
    }
});
