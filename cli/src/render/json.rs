//! `--format json`: one document with every file and diagnostic. A stable contract.

use serde_json::{Value, json};

use super::{counts, slash_path};
use crate::validate::FileReport;

/// Renders the JSON document (pretty, with a trailing newline).
#[must_use]
pub fn render(reports: &[FileReport]) -> String {
    let files: Vec<Value> = reports
        .iter()
        .map(|r| {
            let diagnostics: Vec<Value> = r
                .checked
                .diagnostics
                .iter()
                .map(|d| {
                    let start = d.start.unwrap_or(akplan_core::Position {
                        line: 1,
                        column: 1,
                        utf16_column: 1,
                    });
                    let end = d.end.unwrap_or(start);
                    json!({
                        "code": d.code,
                        "severity": d.severity,
                        "message": d.message,
                        "hint": d.hint,
                        "path": d.path,
                        "line": start.line,
                        "column": start.column,
                        "end_line": end.line,
                        "end_column": end.column,
                        "span": { "start": d.span.start, "end": d.span.end },
                    })
                })
                .collect();
            json!({
                "path": slash_path(r),
                "kind": r.checked.kind,
                "diagnostics": diagnostics,
            })
        })
        .collect();
    let (errors, warnings) = counts(reports);
    let doc = json!({
        "version": 1,
        "files": files,
        "summary": { "files": reports.len(), "errors": errors, "warnings": warnings },
    });
    let mut text = serde_json::to_string_pretty(&doc).unwrap_or_default();
    text.push('\n');
    text
}
