//! `--format sarif`: SARIF 2.1.0, as GitHub code scanning uploads it. Checked in the tests by the
//! SARIF multitool (npm `@microsoft/sarif-multitool`): URIs relative to the repository root and
//! percent-encoded under `%SRCROOT%`, identifier-like rule names, help text and links, and the
//! `precision` and `problem.severity` properties GitHub reads.

use serde_json::{Value, json};

use akplan_core::{Code, Severity};

use crate::repo::Root;
use crate::validate::FileReport;

/// The project's page, for rules whose source is akplan's own spec format.
const HOME: &str = "https://github.com/akplan/akplan";

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "note",
    }
}

/// GitHub's `problem.severity`: how it sorts and filters alerts.
fn problem_severity(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "recommendation",
    }
}

/// How often a finding of `code` is right: API-model and documented-rule checks are exact;
/// name-based secret detection and tag hygiene are heuristics.
fn precision(code: Code) -> &'static str {
    match code {
        Code::SecretInEnvironment => "medium",
        Code::MutableImageTag | Code::LaunchTypeUndeclared | Code::GracePeriod => "high",
        _ => "very-high",
    }
}

/// The first URL of the code's `Source:`, or the project's page.
fn help_uri(code: Code) -> String {
    code.source_url().unwrap_or(HOME).to_owned()
}

fn rule(code: Code) -> Value {
    let severity = code.severity();
    json!({
        "id": code.as_str(),
        "name": code.name(),
        "shortDescription": { "text": code.title() },
        "fullDescription": { "text": code.explanation() },
        "help": {
            "text": code.explanation(),
            "markdown": format!("**{}** ({})\n\n{}\n\n[Source]({})", code.title(), severity, code.explanation(), help_uri(code)),
        },
        "helpUri": help_uri(code),
        "defaultConfiguration": { "level": level(severity) },
        "properties": {
            "precision": precision(code),
            "problem.severity": problem_severity(severity),
            "tags": ["ecs", "aws", severity.to_string()],
        },
    })
}

/// Renders one SARIF log with one run; every code is a rule with its explanation.
#[must_use]
pub fn render(reports: &[FileReport], root: &Root) -> String {
    let rules: Vec<Value> = Code::ALL.iter().map(|c| rule(*c)).collect();
    let mut results = Vec::new();
    for r in reports {
        let mut artifact = json!({ "uri": r.location.uri() });
        if r.location.inside {
            artifact["uriBaseId"] = json!("%SRCROOT%");
        }
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
                        "artifactLocation": artifact,
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
                    "akplan/v1": format!("{}:{}:{}", d.code, r.location.path, d.path),
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
                "informationUri": HOME,
                "rules": rules,
            }},
            "originalUriBaseIds": { "%SRCROOT%": { "uri": root.uri() } },
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    });
    let mut text = serde_json::to_string_pretty(&log).unwrap_or_default();
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_links_its_source() {
        for code in Code::ALL {
            let uri = help_uri(*code);
            assert!(uri.starts_with("https://"), "{code}: {uri}");
            assert!(!uri.ends_with('.'), "{code}: {uri}");
            assert!(code.name().chars().all(|c| c.is_ascii_alphanumeric()));
        }
        assert!(help_uri(Code::InvalidCpuMemory).contains("fargate-tasks-services"));
    }
}
