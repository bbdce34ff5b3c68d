//! A small static file server for `dist/` on 127.0.0.1 (for trying the page; any static host works).

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::path::Path;

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("js") => "text/javascript; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("wasm") => "application/wasm",
        _ => "application/octet-stream",
    }
}

/// Serves `dir` on `127.0.0.1:port` until stopped.
pub fn serve(dir: &Path, port: u16) -> Result<(), String> {
    if !dir.join("index.html").exists() {
        return Err(format!(
            "{} has no index.html: run `cargo xtask web` first",
            dir.display()
        ));
    }
    let listener =
        TcpListener::bind(("127.0.0.1", port)).map_err(|e| format!("port {port}: {e}"))?;
    println!(
        "serving {} at http://127.0.0.1:{port}/ (Ctrl-C stops)",
        dir.display()
    );
    for stream in listener.incoming().flatten() {
        let mut stream = stream;
        let mut reader = BufReader::new(&stream);
        let mut line = String::new();
        if reader.read_line(&mut line).is_err() {
            continue;
        }
        // The headers, for Accept-Encoding: static hosts gzip text, and so does this server,
        // so the page is measured as it travels (docs/web.md).
        let mut gzip = false;
        let mut header = String::new();
        while reader.read_line(&mut header).is_ok_and(|n| n > 2) {
            let lower = header.to_ascii_lowercase();
            if lower.starts_with("accept-encoding:") && lower.contains("gzip") {
                gzip = true;
            }
            header.clear();
        }
        let path = line.split_whitespace().nth(1).unwrap_or("/");
        let path = path
            .split(['?', '#'])
            .next()
            .unwrap_or("/")
            .trim_start_matches('/');
        let path = if path.is_empty() { "index.html" } else { path };
        let file = dir.join(path);
        let safe = !path.contains("..");
        let response = match (safe, std::fs::read(&file)) {
            (true, Ok(body)) => {
                let kind = content_type(&file);
                let (body, encoding) = if gzip && kind.starts_with("text/") {
                    (gzipped(&body), "Content-Encoding: gzip\r\n")
                } else {
                    (body, "")
                };
                let mut head = format!(
                    "HTTP/1.1 200 OK\r\nContent-Type: {kind}\r\n{encoding}Content-Length: {}\r\nConnection: close\r\n\r\n",
                    body.len()
                )
                .into_bytes();
                head.extend(body);
                head
            }
            _ => {
                b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".to_vec()
            }
        };
        let _ = stream.write_all(&response);
    }
    Ok(())
}

/// `body` gzipped at the best compression (static hosts pre-compress at that level).
fn gzipped(body: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    if encoder.write_all(body).is_err() {
        return body.to_vec();
    }
    encoder.finish().unwrap_or_else(|_| body.to_vec())
}
