//! `--format sarif`: SARIF 2.1.0, as GitHub code scanning uploads it.

use serde_json::{Value, json};

use akplan_core::{Code, Severity};

use super::slash_path;
use crate::validate::FileReport;

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "note",
    }
}

/// Renders one SARIF log with one run; every code is a rule with its explanation.
#[must_use]
pub fn render(reports: &[FileReport]) -> String {
    let rules: Vec<Value> = Code::ALL
        .iter()
        .map(|c| {
            json!({
                "id": c.as_str(),
                "name": c.title(),
                "shortDescription": { "text": c.title() },
                "fullDescription": { "text": c.explanation() },
                "help": { "text": c.explanation() },
                "defaultConfiguration": { "level": level(c.severity()) },
            })
        })
        .collect();
    let mut results = Vec::new();
    for r in reports {
        let uri = slash_path(r);
        let uri = uri.strip_prefix("./").unwrap_or(&uri).to_owned();
        for d in &r.checked.diagnostics {
            let (Some(start), Some(end)) = (d.start, d.end) else {
                continue;
            };
            let index = Code::ALL.iter().position(|c| *c == d.code).unwrap_or(0);
            let end_column = if end.line == start.line && end.column <= start.column {
                start.column + 1
            } else {
                end.column
            };
            results.push(json!({
                "ruleId": d.code.as_str(),
                "ruleIndex": index,
                "level": level(d.severity),
                "message": { "text": format!("{} (help: {})", d.message, d.hint) },
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": { "uri": uri, "uriBaseId": "%SRCROOT%" },
                        "region": {
                            "startLine": start.line,
                            "startColumn": start.column,
                            "endLine": end.line.max(start.line),
                            "endColumn": end_column,
                        },
                    },
                    "logicalLocations": [{ "fullyQualifiedName": d.path.to_string() }],
                }],
                "partialFingerprints": {
                    "akplan/v1": format!("{}:{}:{}", d.code, uri, d.path),
                },
            }));
        }
    }
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "akplan",
                "version": env!("CARGO_PKG_VERSION"),
                "informationUri": "https://github.com/akplan/akplan",
                "rules": rules,
            }},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    });
    let mut text = serde_json::to_string_pretty(&log).unwrap_or_default();
    text.push('\n');
    text
}
