//! Scripted sessions without threads: messages are queued on an in-memory connection, the
//! server reads them to `exit` on the caller's thread, and its answers are returned. The fuzz
//! target, the property tests and the benchmark drive the server through this, over the same
//! loop an editor talks to.

use lsp_server::{Connection, Message, Notification, Request, RequestId};
use lsp_types::{Position, Range};
use serde_json::{Value, json};

use crate::server::{Options, Stop, serve};

/// One step of a script after the document is opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// Replace `range` with `text` (an incremental `didChange`).
    Edit(Range, String),
    /// Replace the whole text.
    Replace(String),
    /// Ask for hover, completion, code actions and code lenses at a position.
    Probe(Position),
}

/// Runs `initialize`, opens `uri` with `text`, plays `steps`, then `shutdown` and `exit`.
/// Returns how the server stopped and every message it sent.
#[must_use]
pub fn run(options: Options, uri: &str, text: &str, steps: &[Step]) -> (Stop, Vec<Message>) {
    let mut messages = vec![
        request(1, "initialize", json!({ "capabilities": {} })),
        notification("initialized", json!({})),
        notification(
            "textDocument/didOpen",
            json!({ "textDocument": { "uri": uri, "languageId": "yaml", "version": 1, "text": text } }),
        ),
    ];
    let mut id = 1;
    let mut version = 1;
    let document = json!({ "uri": uri });
    for step in steps {
        match step {
            Step::Edit(range, new) => {
                version += 1;
                messages.push(notification(
                    "textDocument/didChange",
                    json!({
                        "textDocument": { "uri": uri, "version": version },
                        "contentChanges": [{ "range": range, "text": new }]
                    }),
                ));
            }
            Step::Replace(new) => {
                version += 1;
                messages.push(notification(
                    "textDocument/didChange",
                    json!({
                        "textDocument": { "uri": uri, "version": version },
                        "contentChanges": [{ "text": new }]
                    }),
                ));
            }
            Step::Probe(at) => {
                let here = json!({ "textDocument": document, "position": at });
                let range = json!({ "start": at, "end": at });
                for (method, params) in [
                    ("textDocument/hover", here.clone()),
                    ("textDocument/completion", here),
                    (
                        "textDocument/codeAction",
                        json!({ "textDocument": document, "range": range, "context": { "diagnostics": [] } }),
                    ),
                    ("textDocument/codeLens", json!({ "textDocument": document })),
                ] {
                    id += 1;
                    messages.push(request(id, method, params));
                }
            }
        }
    }
    messages.push(request(id + 1, "shutdown", Value::Null));
    messages.push(notification("exit", Value::Null));
    play(options, messages)
}

/// Serves `messages` (which should end with `exit`) on this thread; returns the answers.
#[must_use]
pub fn play(options: Options, messages: Vec<Message>) -> (Stop, Vec<Message>) {
    let (server, client) = Connection::memory();
    for m in messages {
        // The channel is unbounded and the server's end is alive: this cannot fail.
        let _ = client.sender.send(m);
    }
    let stop = serve(&server, options);
    drop(server);
    (stop, client.receiver.try_iter().collect())
}

fn request(id: i32, method: &str, params: Value) -> Message {
    Request::new(RequestId::from(id), method.to_owned(), params).into()
}

fn notification(method: &str, params: Value) -> Message {
    Notification::new(method.to_owned(), params).into()
}
