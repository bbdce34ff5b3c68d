//! `akplan lsp` over the protocol: an in-memory connection for the server's answers, and the
//! real binary over stdio for the transport. Diagnostics must equal `akplan validate --format
//! json` over the same files; every quick fix must fix what it says when re-validated.

mod common;

use std::collections::VecDeque;
use std::path::Path;
use std::thread;
use std::time::Duration;

use akplan_core::{Code, Format, check};
use akplan_lsp::text::{Encoding, LineIndex};
use lsp_server::{Connection, Message, Notification, Request, RequestId, Response};
use serde_json::{Value, json};

/// An editor's end of the connection, with the server on a thread.
struct Client {
    conn: Connection,
    server: Option<thread::JoinHandle<akplan_lsp::Stop>>,
    next: i32,
    inbox: VecDeque<Notification>,
}

const WAIT: Duration = Duration::from_secs(20);

impl Client {
    fn start(capabilities: Value) -> Self {
        let (server_end, client_end) = Connection::memory();
        let server =
            thread::spawn(move || akplan_lsp::serve(&server_end, akplan_lsp::builtin_options()));
        let mut client = Self {
            conn: client_end,
            server: Some(server),
            next: 0,
            inbox: VecDeque::new(),
        };
        let init = client.request(
            "initialize",
            json!({ "processId": null, "rootUri": null, "capabilities": capabilities }),
        );
        assert!(init.response_result.is_ok(), "{init:?}");
        client.notify("initialized", json!({}));
        client
    }

    fn send(&self, message: Message) {
        self.conn
            .sender
            .send(message)
            .unwrap_or_else(|e| panic!("send: {e}"));
    }

    fn request(&mut self, method: &str, params: Value) -> Response {
        self.next += 1;
        let id = RequestId::from(self.next);
        self.send(Request::new(id.clone(), method.to_owned(), params).into());
        loop {
            match self.conn.receiver.recv_timeout(WAIT) {
                Ok(Message::Response(r)) if r.id == id => return r,
                Ok(Message::Notification(n)) => self.inbox.push_back(n),
                Ok(_) => {}
                Err(e) => panic!("no answer to {method}: {e}"),
            }
        }
    }

    fn result(&mut self, method: &str, params: Value) -> Value {
        let r = self.request(method, params);
        r.response_result
            .unwrap_or_else(|e| panic!("{method}: {e:?}"))
    }

    fn notify(&self, method: &str, params: Value) {
        self.send(Notification::new(method.to_owned(), params).into());
    }

    /// The next diagnostics published for `uri`.
    fn diagnostics(&mut self, uri: &str) -> Vec<Value> {
        loop {
            if let Some(i) = self.inbox.iter().position(|n| {
                n.method == "textDocument/publishDiagnostics" && n.params["uri"] == uri
            }) {
                let n = self.inbox.remove(i).unwrap_or_else(|| unreachable!());
                return n.params["diagnostics"]
                    .as_array()
                    .cloned()
                    .unwrap_or_default();
            }
            match self.conn.receiver.recv_timeout(WAIT) {
                Ok(Message::Notification(n)) => self.inbox.push_back(n),
                Ok(_) => {}
                Err(e) => panic!("no diagnostics for {uri}: {e}"),
            }
        }
    }

    /// Whether anything is published for `uri` within a short wait (the server publishes for
    /// a file it does not handle only to clear earlier diagnostics).
    fn anything_for(&mut self, uri: &str) -> bool {
        let _ = self.request(
            "textDocument/codeLens",
            json!({ "textDocument": { "uri": uri } }),
        );
        self.inbox.iter().any(|n| n.params["uri"] == uri)
    }

    fn open(&self, uri: &str, text: &str) {
        let language = if uri.ends_with(".json") {
            "json"
        } else {
            "yaml"
        };
        self.notify(
            "textDocument/didOpen",
            json!({ "textDocument": { "uri": uri, "languageId": language, "version": 1, "text": text } }),
        );
    }

    fn stop(mut self) -> akplan_lsp::Stop {
        let r = self.request("shutdown", Value::Null);
        assert!(r.response_result.is_ok());
        self.notify("exit", Value::Null);
        self.server
            .take()
            .map(|h| h.join().unwrap_or_else(|_| panic!("the server panicked")))
            .unwrap_or(akplan_lsp::Stop::Abrupt)
    }
}

fn uri_of(path: &Path) -> String {
    let absolute = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    format!("file://{}", absolute.display())
}

/// Applies LSP text edits (non-overlapping) to `text`.
fn apply(text: &str, edits: &[Value]) -> String {
    let index = LineIndex::new(text, Encoding::Utf16);
    let mut spans: Vec<(usize, usize, String)> = edits
        .iter()
        .map(|e| {
            let pos = |p: &Value| {
                index.offset(lsp_types::Position::new(
                    u32::try_from(p["line"].as_u64().unwrap_or(0)).unwrap_or(0),
                    u32::try_from(p["character"].as_u64().unwrap_or(0)).unwrap_or(0),
                ))
            };
            (
                pos(&e["range"]["start"]),
                pos(&e["range"]["end"]),
                e["newText"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect();
    spans.sort_by_key(|s| std::cmp::Reverse(s.0));
    let mut out = text.to_owned();
    for (start, end, new) in spans {
        out.replace_range(start..end, &new);
    }
    out
}

fn edits_of(action: &Value, uri: &str) -> Vec<Value> {
    action["edit"]["changes"][uri]
        .as_array()
        .cloned()
        .unwrap_or_default()
}

fn position(text: &str, needle: &str, plus: usize) -> Value {
    let offset = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle} not in text"))
        + plus;
    let p = LineIndex::new(text, Encoding::Utf16).position(offset);
    json!({ "line": p.line, "character": p.character })
}

#[test]
fn diagnostics_equal_validate_json_for_every_rule_fixture() {
    let dir = common::fixtures("rules");
    let relative = dir
        .strip_prefix(common::root())
        .unwrap_or(&dir)
        .to_string_lossy()
        .into_owned();
    let out = common::akplan(&["validate", "--format", "json", &relative]);
    let report: Value = serde_json::from_str(&common::stdout(&out))
        .unwrap_or_else(|e| panic!("validate --format json: {e}"));
    let mut expected = std::collections::BTreeMap::new();
    for f in report["files"].as_array().into_iter().flatten() {
        let name = f["path"]
            .as_str()
            .unwrap_or_default()
            .rsplit('/')
            .next()
            .unwrap_or_default();
        let list: Vec<(String, String, String, u64, u64, u64, u64)> = f["diagnostics"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|d| {
                (
                    d["code"].as_str().unwrap_or_default().to_owned(),
                    d["severity"].as_str().unwrap_or_default().to_owned(),
                    d["message"].as_str().unwrap_or_default().to_owned(),
                    d["line"].as_u64().unwrap_or(0) - 1,
                    d["column"].as_u64().unwrap_or(0) - 1,
                    d["end_line"].as_u64().unwrap_or(0) - 1,
                    d["end_column"].as_u64().unwrap_or(0) - 1,
                )
            })
            .collect();
        expected.insert(name.to_owned(), list);
    }
    assert!(expected.len() > 150, "{}", expected.len());

    let mut client = Client::start(json!({}));
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{e}"))
        .filter_map(Result::ok)
        .map(|e| e.path())
        .collect();
    files.sort();
    let mut compared = 0;
    for path in files {
        let name = path
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        let uri = uri_of(&path);
        client.open(&uri, &text);
        let Some(want) = expected.get(&name) else {
            assert!(
                !client.anything_for(&uri),
                "{name}: validate does not report it, the server did"
            );
            continue;
        };
        let got: Vec<(String, String, String, u64, u64, u64, u64)> = client
            .diagnostics(&uri)
            .iter()
            .map(|d| {
                let severity = match d["severity"].as_u64() {
                    Some(1) => "error",
                    Some(2) => "warning",
                    _ => "note",
                };
                let at = |k: &str, f: &str| d["range"][k][f].as_u64().unwrap_or(0);
                (
                    d["code"].as_str().unwrap_or_default().to_owned(),
                    severity.to_owned(),
                    d["message"].as_str().unwrap_or_default().to_owned(),
                    at("start", "line"),
                    at("start", "character"),
                    at("end", "line"),
                    at("end", "character"),
                )
            })
            .collect();
        assert_eq!(&got, want, "{name}");
        compared += 1;
    }
    assert!(compared > 150, "{compared}");
    assert_eq!(client.stop(), akplan_lsp::Stop::Clean);
}

#[test]
fn every_quick_fix_fixes_its_fixture_when_revalidated() {
    let dir = common::fixtures("rules");
    let mut client = Client::start(json!({}));
    let mut fixed = Vec::new();
    for code in Code::ALL {
        let path = ["yaml", "json"]
            .iter()
            .map(|ext| dir.join(format!("{code}.fail.{ext}")))
            .find(|p| p.exists());
        let Some(path) = path else { continue };
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        let uri = uri_of(&path);
        client.open(&uri, &text);
        // Files `akplan validate` would not report (a syntax error in a file named like no
        // spec or definition) get nothing to fix.
        if !client.anything_for(&uri) {
            continue;
        }
        let diagnostics = client.diagnostics(&uri);
        for d in diagnostics.iter().filter(|d| d["code"] == code.as_str()) {
            let actions = client.result(
                "textDocument/codeAction",
                json!({
                    "textDocument": { "uri": uri },
                    "range": d["range"],
                    "context": { "diagnostics": [d], "only": ["quickfix"] }
                }),
            );
            let own = |a: &&Value| a["diagnostics"][0]["code"] == code.as_str();
            for action in actions.as_array().into_iter().flatten().filter(own) {
                let title = action["title"].as_str().unwrap_or_default();
                let new = apply(&text, &edits_of(action, &uri));
                assert_ne!(new, text, "{code}: {title} changes nothing");
                let format = Format::from_name(&path.to_string_lossy());
                let after = check(&new, format);
                let pointer = d["data"]["pointer"].as_str().unwrap_or_default();
                let still = after
                    .diagnostics
                    .iter()
                    .any(|a| a.code == *code && a.path.to_string() == pointer);
                assert!(!still, "{code}: `{title}` leaves it:\n{new}");
                assert!(
                    !after.diagnostics.iter().any(|a| a.code == Code::Syntax),
                    "{code}: `{title}` breaks the syntax:\n{new}"
                );
                if !title.starts_with("Ignore") {
                    fixed.push(format!("{code}: {title}"));
                }
            }
        }
    }
    // The fixes the core offers today, by code: sizes, typos in keys and values, null and
    // read-only members.
    for want in ["AKP010: Use", "AKP093: Remove", "AKP094: Remove"] {
        assert!(
            fixed.iter().any(|f| f.starts_with(want)),
            "no `{want}` fix among {fixed:#?}"
        );
    }
    assert!(fixed.iter().any(|f| f.contains("Rename to")), "{fixed:#?}");
    client.stop();
}

#[test]
fn incremental_edits_hover_completion_lens_what_ifs_and_fix_all() {
    let text = std::fs::read_to_string(common::root().join("examples/agent-kernel.yaml"))
        .unwrap_or_default();
    let uri = "file:///nowhere/agent.akplan.yaml";
    let mut client = Client::start(json!({}));
    client.open(uri, &text);
    let clean = client.diagnostics(uri);
    assert!(
        clean.iter().all(|d| d["severity"] != 1),
        "the example has no error: {clean:#?}"
    );

    // An incremental edit: memory 2048 -> 1000 is not a Fargate size.
    let start = position(&text, "memory: 2048", 8);
    let end = position(&text, "memory: 2048", 12);
    client.notify(
        "textDocument/didChange",
        json!({
            "textDocument": { "uri": uri, "version": 2 },
            "contentChanges": [{ "range": { "start": start, "end": end }, "text": "1000" }]
        }),
    );
    let broken = client.diagnostics(uri);
    let akp010 = broken
        .iter()
        .find(|d| d["code"] == "AKP010")
        .unwrap_or_else(|| panic!("{broken:#?}"));
    assert!(
        akp010["codeDescription"]["href"]
            .as_str()
            .is_some_and(|h| h.starts_with("https://"))
    );
    assert!(
        akp010["relatedInformation"][0]["message"]
            .as_str()
            .is_some_and(|m| m.contains("nearest valid sizes"))
    );
    // Back as it was.
    let end = position(&text, "memory: 2048", 12);
    client.notify(
        "textDocument/didChange",
        json!({
            "textDocument": { "uri": uri, "version": 3 },
            "contentChanges": [{ "range": { "start": start, "end": end }, "text": "2048" }]
        }),
    );
    assert!(
        !client
            .diagnostics(uri)
            .iter()
            .any(|d| d["code"] == "AKP010")
    );

    let hover = |client: &mut Client, at: Value| {
        client.result(
            "textDocument/hover",
            json!({ "textDocument": { "uri": uri }, "position": at }),
        )["contents"]["value"]
            .as_str()
            .unwrap_or_default()
            .to_owned()
    };
    let service = text
        .lines()
        .skip_while(|l| !l.starts_with("services:"))
        .nth(1)
        .unwrap_or_default()
        .trim()
        .trim_end_matches(':')
        .to_owned();
    let on_service = hover(&mut client, position(&text, &format!("  {service}:"), 3));
    assert!(
        on_service.contains("per zone")
            && on_service.contains("deployment:")
            && on_service.contains("/month on arm64"),
        "{on_service}"
    );
    let on_cpu = hover(&mut client, position(&text, "cpu: 1024", 1));
    assert!(
        on_cpu.contains("Memory that 1024 CPU units allow") && on_cpu.contains("(this)"),
        "{on_cpu}"
    );
    let on_region = hover(&mut client, position(&text, "region:", 1));
    assert!(on_region.contains("Region"), "{on_region}");

    // Completion of keys in a service, and of a value.
    let lenses = client.result(
        "textDocument/codeLens",
        json!({ "textDocument": { "uri": uri } }),
    );
    let lens = lenses[0]["command"]["title"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    assert!(
        lens.contains(" tasks · ") && lens.ends_with("/month"),
        "{lens}"
    );

    let actions = client.result(
        "textDocument/codeAction",
        json!({
            "textDocument": { "uri": uri },
            "range": { "start": position(&text, &format!("  {service}:"), 2), "end": position(&text, &format!("  {service}:"), 2) },
            "context": { "diagnostics": [] }
        }),
    );
    let what_ifs: Vec<&Value> = actions
        .as_array()
        .into_iter()
        .flatten()
        .filter(|a| a["kind"] == "refactor.rewrite")
        .collect();
    for w in &what_ifs {
        let new = apply(&text, &edits_of(w, uri));
        assert!(!check(&new, Format::Yaml).has_errors(), "{}", w["title"]);
    }
    client.stop();
}

#[test]
fn completion_offers_keys_values_sizes_and_codes() {
    let text = "version: 1\napp: shop\nregion: eu-west-1\nservices:\n  api:\n    image: example/api:1.0.0\n    cpu: 512\n    memory: 1024\n    arch: \n    \n";
    let uri = "file:///nowhere/akplan.yaml";
    let mut client = Client::start(json!({}));
    client.open(uri, text);
    let _ = client.diagnostics(uri);
    let labels = |client: &mut Client, line: u32, character: u32| -> Vec<String> {
        let r = client.result(
            "textDocument/completion",
            json!({ "textDocument": { "uri": uri }, "position": { "line": line, "character": character } }),
        );
        r.as_array()
            .into_iter()
            .flatten()
            .map(|i| i["label"].as_str().unwrap_or_default().to_owned())
            .collect()
    };
    let keys = labels(&mut client, 9, 4);
    assert!(
        keys.contains(&"port".to_owned()) && keys.contains(&"deployment".to_owned()),
        "{keys:?}"
    );
    assert!(
        !keys.contains(&"cpu".to_owned()),
        "written keys are not offered again: {keys:?}"
    );
    let arch = labels(&mut client, 8, 10);
    assert_eq!(arch, ["arm64", "x86_64"]);
    let top = labels(&mut client, 3, 0);
    assert!(
        top.is_empty() || top.contains(&"fleet".to_owned()),
        "{top:?}"
    );
    let cpu = labels(&mut client, 6, 9);
    assert!(
        cpu.first().is_some_and(|l| l == "256 CPU / 512 MiB"),
        "cheapest first: {cpu:?}"
    );
    let memory = labels(&mut client, 7, 12);
    assert!(
        memory.contains(&"4 GB".to_owned()) && !memory.contains(&"8 GB".to_owned()),
        "{memory:?}"
    );
    let region = labels(&mut client, 2, 10);
    assert!(region.contains(&"ap-southeast-2".to_owned()), "{region:?}");

    let with_comment = format!("{text}# akplan: ignore[AK\n");
    client.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": uri, "version": 2 }, "contentChanges": [{ "text": with_comment }] }),
    );
    let codes = labels(&mut client, 10, 20);
    assert!(codes.contains(&"AKP010".to_owned()), "{codes:?}");
    client.stop();
}

#[test]
fn fix_all_and_suppressions_on_real_shaped_files() {
    let dir = common::fixtures("rules");
    let mut client = Client::start(json!({}));
    for code in ["AKP093", "AKP094"] {
        let path = dir.join(format!("{code}.fail.json"));
        let path = if path.exists() {
            path
        } else {
            dir.join(format!("{code}.fail.yaml"))
        };
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        let uri = uri_of(&path);
        client.open(&uri, &text);
        let _ = client.diagnostics(&uri);
        let actions = client.result(
            "textDocument/codeAction",
            json!({
                "textDocument": { "uri": uri },
                "range": { "start": { "line": 0, "character": 0 }, "end": { "line": 0, "character": 0 } },
                "context": { "diagnostics": [], "only": ["source.fixAll"] }
            }),
        );
        let all = actions
            .as_array()
            .and_then(|a| a.first())
            .unwrap_or_else(|| panic!("{code}: no fix-all"));
        let new = apply(&text, &edits_of(all, &uri));
        let after = check(&new, Format::from_name(&path.to_string_lossy()));
        assert!(
            !after
                .diagnostics
                .iter()
                .any(|d| matches!(d.code.as_str(), "AKP093" | "AKP094")),
            "{code}: {new}"
        );
    }

    // A YAML suppression silences the code on that line.
    let text = "version: 1\napp: demo\nregion: us-east-1\nservices:\n  api:\n    image: example/api:1.0.0\n    cpu: 1024\n    memory: 9 GB\n";
    let uri = "file:///nowhere/x.akplan.yaml";
    client.open(uri, text);
    let d = client
        .diagnostics(uri)
        .into_iter()
        .find(|d| d["code"] == "AKP010")
        .unwrap_or_else(|| panic!("no AKP010"));
    let actions = client.result(
        "textDocument/codeAction",
        json!({ "textDocument": { "uri": uri }, "range": d["range"], "context": { "diagnostics": [d] } }),
    );
    let ignore = actions
        .as_array()
        .into_iter()
        .flatten()
        .find(|a| {
            a["title"]
                .as_str()
                .is_some_and(|t| t.starts_with("Ignore AKP010"))
        })
        .unwrap_or_else(|| panic!("{actions:#}"));
    let new = apply(text, &edits_of(ignore, uri));
    assert!(
        new.contains("memory: 9 GB  # akplan: ignore[AKP010]"),
        "{new}"
    );
    assert!(
        !check(&new, Format::Yaml)
            .diagnostics
            .iter()
            .any(|d| d.code == Code::InvalidCpuMemory)
    );
    client.stop();
}

#[test]
fn bad_requests_get_errors_and_the_server_goes_on() {
    let mut client = Client::start(json!({}));
    let r = client.request("textDocument/hover", json!({ "nonsense": true }));
    assert_eq!(
        r.response_result.err().map(|e| e.code),
        Some(lsp_server::ErrorCode::InvalidParams as i32)
    );
    let r = client.request("akplan/unknown", json!({}));
    assert_eq!(
        r.response_result.err().map(|e| e.code),
        Some(lsp_server::ErrorCode::MethodNotFound as i32)
    );
    // Requests about documents never opened answer null.
    let r = client.result(
        "textDocument/hover",
        json!({ "textDocument": { "uri": "file:///none.yaml" }, "position": { "line": 0, "character": 0 } }),
    );
    assert_eq!(r, Value::Null);
    assert_eq!(client.stop(), akplan_lsp::Stop::Clean);
}

#[test]
fn the_binary_answers_malformed_frames_and_serves_over_stdio() {
    use std::io::{BufRead, BufReader, Read, Write};
    use std::process::{Command, Stdio};
    let mut child = Command::new(common::binary())
        .arg("lsp")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .env(
            "XDG_CACHE_HOME",
            common::root().join("target/test-scratch/no-price-cache"),
        )
        .spawn()
        .unwrap_or_else(|e| panic!("{e}"));
    let mut stdin = child.stdin.take().unwrap_or_else(|| unreachable!());
    let frame = |body: &str| format!("Content-Length: {}\r\n\r\n{body}", body.len());
    let init = json!({ "jsonrpc": "2.0", "id": 1, "method": "initialize", "params": { "capabilities": {} } });
    let input = [
        frame("{not json"),
        frame(&init.to_string()),
        frame(r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#),
        frame(r#"{"jsonrpc":"2.0","id":2,"method":"shutdown"}"#),
        frame(r#"{"jsonrpc":"2.0","method":"exit"}"#),
    ]
    .concat();
    stdin
        .write_all(input.as_bytes())
        .unwrap_or_else(|e| panic!("{e}"));
    drop(stdin);
    let mut out = BufReader::new(child.stdout.take().unwrap_or_else(|| unreachable!()));
    let mut answers: Vec<Value> = Vec::new();
    while answers.len() < 3 {
        let mut length = 0;
        loop {
            let mut line = String::new();
            if out.read_line(&mut line).unwrap_or(0) == 0 {
                break;
            }
            if let Some(n) = line.strip_prefix("Content-Length: ") {
                length = n.trim().parse().unwrap_or(0);
            }
            if line == "\r\n" {
                break;
            }
        }
        if length == 0 {
            break;
        }
        let mut body = vec![0; length];
        out.read_exact(&mut body).unwrap_or_else(|e| panic!("{e}"));
        answers.push(serde_json::from_slice(&body).unwrap_or_default());
    }
    let status = child.wait().unwrap_or_else(|e| panic!("{e}"));
    assert!(status.success(), "{status}");
    assert_eq!(answers.len(), 3, "{answers:#?}");
    assert_eq!(answers[0]["error"]["code"], -32700, "{answers:#?}");
    assert_eq!(answers[1]["result"]["serverInfo"]["name"], "akplan");
    assert_eq!(
        answers[1]["result"]["capabilities"]["textDocumentSync"]["change"],
        2
    );
    assert_eq!(answers[2]["id"], 2);
}

mod any_edits {
    use akplan_core::{CheckOptions, EXAMPLES, FileKind, Format, check_with};
    use akplan_lsp::replay::{Step, run};
    use akplan_lsp::text::{Encoding, apply_change};
    use lsp_server::{ErrorCode, Message};
    use lsp_types::{Position, Range};
    use proptest::prelude::*;

    fn position() -> impl Strategy<Value = Position> {
        (0u32..60, 0u32..90).prop_map(|(l, c)| Position::new(l, c))
    }

    fn step() -> impl Strategy<Value = Step> {
        prop_oneof![
            6 => (position(), position(), "[a-z0-9 :\\n\\-\\[\\]{}\"'#,.é𝄞]{0,12}")
                .prop_map(|(a, b, t)| Step::Edit(Range::new(a, b), t)),
            3 => position().prop_map(Step::Probe),
            1 => "[ -~\\n]{0,40}".prop_map(Step::Replace),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

        /// Any sequence of edits and requests is served to a clean shutdown, no request fails
        /// inside the server, and the diagnostics published after the last edit are the core's
        /// for the text the client has.
        #[test]
        fn any_edit_sequence_is_served(
            example in 0..EXAMPLES.len(),
            mut steps in proptest::collection::vec(step(), 0..14),
        ) {
            let uri = "file:///nowhere/akplan.yaml";
            let mut text = EXAMPLES[example].1.to_owned();
            steps.push(Step::Probe(Position::new(0, 0)));
            let (stop, answers) = run(akplan_lsp::builtin_options(), uri, &text, &steps);
            prop_assert_eq!(stop, akplan_lsp::Stop::Clean);
            for step in &steps {
                match step {
                    Step::Edit(range, new) => apply_change(&mut text, Some(*range), new, Encoding::Utf16),
                    Step::Replace(new) => new.clone_into(&mut text),
                    Step::Probe(_) => {}
                }
            }
            let mut last = None;
            for m in &answers {
                match m {
                    Message::Response(r) => {
                        let failed = r.response_result.as_ref().err().map(|e| e.code);
                        prop_assert_ne!(failed, Some(ErrorCode::InternalError as i32), "{:?}", r);
                    }
                    Message::Notification(n) if n.method == "textDocument/publishDiagnostics" => {
                        last = Some(n.params["diagnostics"].clone());
                    }
                    _ => {}
                }
            }
            let options = CheckOptions { kind: Some(FileKind::Spec), launch: None };
            let want: Vec<String> = check_with(&text, Format::Yaml, options)
                .diagnostics
                .iter()
                .map(|d| d.code.to_string())
                .collect();
            let got: Vec<String> = last
                .as_ref()
                .and_then(|l| l.as_array())
                .into_iter()
                .flatten()
                .map(|d| d["code"].as_str().unwrap_or_default().to_owned())
                .collect();
            prop_assert_eq!(got, want, "{}", text);
        }
    }
}

#[test]
fn a_changed_akplan_toml_is_read_again() {
    let dir = common::scratch("lsp-config");
    let spec = dir.join("service.akplan.yaml");
    let text = "version: 1\napp: demo\nregion: us-east-1\nservices:\n  api:\n    image: example/api:latest\n    cpu: 256\n    memory: 512\n";
    std::fs::write(&spec, text).unwrap_or_else(|e| panic!("{e}"));
    let config = dir.join("akplan.toml");
    let _ = std::fs::remove_file(&config);
    let mut client = Client::start(json!({
        "workspace": { "didChangeWatchedFiles": { "dynamicRegistration": true } }
    }));
    let uri = uri_of(&spec);
    client.open(&uri, text);
    let codes = |ds: &[Value]| -> Vec<String> {
        ds.iter()
            .map(|d| d["code"].as_str().unwrap_or_default().to_owned())
            .collect()
    };
    let before = codes(&client.diagnostics(&uri));
    let first = before
        .first()
        .cloned()
        .unwrap_or_else(|| panic!("no diagnostics"));
    std::fs::write(&config, format!("ignore = [\"{first}\"]\n")).unwrap_or_else(|e| panic!("{e}"));
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [{ "uri": uri_of(&config), "type": 1 }] }),
    );
    let after = codes(&client.diagnostics(&uri));
    assert!(!after.contains(&first), "{first} still reported: {after:?}");
    assert_eq!(
        after.len() + before.iter().filter(|c| **c == first).count(),
        before.len()
    );
    // A broken akplan.toml is said once, and every code is reported again.
    std::fs::write(&config, "ignore = [\"AKP999\"]\n").unwrap_or_else(|e| panic!("{e}"));
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [{ "uri": uri_of(&config), "type": 2 }] }),
    );
    assert_eq!(codes(&client.diagnostics(&uri)), before);
    assert!(
        client.inbox.iter().any(|n| n.method == "window/showMessage"
            && n.params["message"]
                .as_str()
                .is_some_and(|m| m.contains("AKP999"))),
        "{:?}",
        client.inbox
    );
    let _ = std::fs::remove_file(&config);
    client.stop();
}

#[test]
fn a_task_definitions_size_is_priced_on_hover() {
    let path = common::fixtures("real-world").join("ok-console-export-nulls.json");
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    let uri = uri_of(&path);
    let mut client = Client::start(json!({}));
    client.open(&uri, &text);
    let _ = client.diagnostics(&uri);
    let at = position(&text, "\n  \"cpu\": \"1024\"", 4);
    let hover = client.result(
        "textDocument/hover",
        json!({ "textDocument": { "uri": uri }, "position": at }),
    );
    let value = hover["contents"]["value"].as_str().unwrap_or_default();
    assert!(
        value.contains("Memory that 1024 CPU units allow") && value.contains("(this)"),
        "{value}"
    );
    client.stop();
}

#[test]
fn an_open_express_input_holds_the_task_definition_it_names_to_express() {
    let dir = common::fixtures("express-pair/bad");
    let (td_path, ex_path) = (
        dir.join("catalog-taskdef.json"),
        dir.join("express-service.json"),
    );
    let (td_uri, ex_uri) = (uri_of(&td_path), uri_of(&ex_path));
    let mut client = Client::start(json!({}));
    client.open(
        &td_uri,
        &std::fs::read_to_string(&td_path).unwrap_or_default(),
    );
    assert!(
        client.diagnostics(&td_uri).is_empty(),
        "alone, a good Fargate task definition"
    );
    client.open(
        &ex_uri,
        &std::fs::read_to_string(&ex_path).unwrap_or_default(),
    );
    let mut paired = Vec::new();
    for _ in 0..2 {
        // The task definition is published again, now paired (its order beside the input's
        // own publication is not fixed).
        paired = client.diagnostics(&td_uri);
        if !paired.is_empty() {
            break;
        }
    }
    assert!(paired.iter().any(|d| d["code"] == "AKP130"), "{paired:#?}");
    client.notify(
        "textDocument/didClose",
        json!({ "textDocument": { "uri": ex_uri } }),
    );
    let _ = client.request(
        "textDocument/codeLens",
        json!({ "textDocument": { "uri": td_uri } }),
    );
    let last = client
        .inbox
        .iter()
        .rev()
        .find(|n| n.params["uri"] == td_uri.as_str())
        .map(|n| n.params["diagnostics"].clone())
        .unwrap_or_default();
    assert_eq!(last, json!([]), "closing the Express input unpairs them");
    client.stop();
}

#[test]
fn task_definition_keys_complete_from_the_ecs_api_model() {
    let uri = "file:///nowhere/web-taskdef.json";
    let text = "{\n  \"family\": \"web\",\n  \"requiresCompatibilities\": [\"FARGATE\"],\n  \"networkMode\": \"awsvpc\",\n  \"cpu\": \"256\",\n  \"memory\": \"512\",\n  \"containerDefinitions\": [{ \"name\": \"web\", \"image\": \"nginx:1.27\" }]\n}\n";
    let mut client = Client::start(json!({}));
    client.open(uri, text);
    let _ = client.diagnostics(uri);
    // Half-typed: a new key's opening quote inside the first container.
    let typing = text.replace(
        "\"image\": \"nginx:1.27\" }",
        "\"image\": \"nginx:1.27\", \"po }",
    );
    client.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": uri, "version": 2 }, "contentChanges": [{ "text": typing }] }),
    );
    let at = position(&typing, "\"po", 3);
    let items = client.result(
        "textDocument/completion",
        json!({ "textDocument": { "uri": uri }, "position": at }),
    );
    let labels: Vec<&str> = items
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|i| i["label"].as_str())
        .collect();
    assert!(labels.contains(&"portMappings"), "{labels:?}");
    assert!(
        !labels.contains(&"image"),
        "keys already there are not offered: {labels:?}"
    );
    client.stop();
}
