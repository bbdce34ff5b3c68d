//! The language server's benchmark (docs/benchmarks.md), not a timed test: how long after an
//! edit the diagnostics of a 50-service spec arrive, how long a hover takes, and whether memory
//! stays flat over 10,000 edits. The server runs on its own thread over an in-memory connection,
//! as over stdio without the pipe.
//!
//!     cargo run --release -p akplan-lsp --example lsp_bench

#![allow(clippy::print_stdout, clippy::cast_precision_loss)] // a benchmark prints its figures

use std::time::{Duration, Instant};

use lsp_server::{Connection, Message, Notification, Request, RequestId};
use serde_json::{Value, json};

const SERVICES: usize = 50;
const ROUNDS: usize = 300;
const EDITS: usize = 10_000;

fn spec() -> String {
    let mut s = String::from(
        "version: 1\napp: bench\nregion: us-east-1\navailability_zones: 3\nservices:\n",
    );
    for i in 0..SERVICES {
        s.push_str(&format!(
            "  svc{i:02}:\n    image: example/svc{i:02}:1.0.0\n    cpu: 1024\n    memory: 2048\n    port: 8080\n    capacity:\n      base_count: 3\n      min: 3\n      max: 12\n    health_check:\n      path: /health\n      grace_period: 60\n    deployment:\n      circuit_breaker: true\n      rollback: true\n    autoscaling:\n      cpu_target: 70\n"
        ));
    }
    s
}

fn rss_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .unwrap_or_default()
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i]
}

fn summary(name: &str, mut times: Vec<Duration>) {
    times.sort();
    println!(
        "{name}: median {:.2} ms, p95 {:.2} ms, max {:.2} ms ({} runs)",
        percentile(&times, 0.5).as_secs_f64() * 1e3,
        percentile(&times, 0.95).as_secs_f64() * 1e3,
        times.last().copied().unwrap_or_default().as_secs_f64() * 1e3,
        times.len()
    );
}

fn main() {
    let (server, client) = Connection::memory();
    let thread =
        std::thread::spawn(move || akplan_lsp::serve(&server, akplan_lsp::builtin_options()));
    let send = |m: Message| client.sender.send(m).expect("server alive");
    let mut id = 0;
    let mut request = |method: &str, params: Value| -> Value {
        id += 1;
        send(Request::new(RequestId::from(id), method.to_owned(), params).into());
        loop {
            match client.receiver.recv().expect("answer") {
                Message::Response(r) if r.id == RequestId::from(id) => {
                    return r.response_result.unwrap_or(Value::Null);
                }
                _ => {}
            }
        }
    };
    request("initialize", json!({ "capabilities": {} }));
    let uri = "file:///bench/akplan.yaml";
    let text = spec();
    send(
        Notification::new(
            "textDocument/didOpen".into(),
            json!({
                "textDocument": { "uri": uri, "languageId": "yaml", "version": 1, "text": text }
            }),
        )
        .into(),
    );
    let wait_diagnostics = || loop {
        if let Message::Notification(n) = client.receiver.recv().expect("diagnostics")
            && n.method == "textDocument/publishDiagnostics"
        {
            return n;
        }
    };
    wait_diagnostics();
    // The first service's base_count toggles 3 <-> 4: a real edit, a re-plan every time.
    let line = text
        .lines()
        .position(|l| l.contains("base_count: 3"))
        .expect("line") as u32;
    let mut version = 1;
    let mut edit = |n: usize| {
        version += 1;
        let value = if n.is_multiple_of(2) { "4" } else { "3" };
        send(Notification::new("textDocument/didChange".into(), json!({
            "textDocument": { "uri": uri, "version": version },
            "contentChanges": [{ "range": { "start": { "line": line, "character": 18 }, "end": { "line": line, "character": 19 } }, "text": value }]
        })).into());
    };
    let mut times = Vec::new();
    for n in 0..ROUNDS {
        let start = Instant::now();
        edit(n);
        wait_diagnostics();
        times.push(start.elapsed());
    }
    summary(
        &format!(
            "diagnostics after an edit ({SERVICES} services, {} lines)",
            text.lines().count()
        ),
        times,
    );

    let mut times = Vec::new();
    for _ in 0..ROUNDS {
        let start = Instant::now();
        let hover = request(
            "textDocument/hover",
            json!({ "textDocument": { "uri": uri }, "position": { "line": 5, "character": 3 } }),
        );
        times.push(start.elapsed());
        assert!(
            hover["contents"]["value"]
                .as_str()
                .is_some_and(|v| v.contains("per zone"))
        );
    }
    summary("hover on a service (its plan)", times);
    let mut times = Vec::new();
    for _ in 0..ROUNDS {
        let start = Instant::now();
        request(
            "textDocument/hover",
            json!({ "textDocument": { "uri": uri }, "position": { "line": 7, "character": 5 } }),
        );
        times.push(start.elapsed());
    }
    summary("hover on cpu (priced sizes)", times);

    let mut samples = Vec::new();
    for n in 0..=EDITS {
        if n.is_multiple_of(2_000) {
            samples.push((n, rss_kib()));
        }
        edit(n);
        wait_diagnostics();
    }
    let shown: Vec<String> = samples
        .iter()
        .map(|(n, kib)| format!("{n}: {:.1} MiB", *kib as f64 / 1024.0))
        .collect();
    println!("resident memory over {EDITS} edits: {}", shown.join(", "));
    request("shutdown", Value::Null);
    send(Notification::new("exit".into(), Value::Null).into());
    let _ = thread.join();
}
