//! The spec's JSON Schema, generated from [`crate::spec::raw`], and structural validation with it.
//!
//! Generating the schema from the Rust types means the two cannot drift; a test compares the
//! committed `schema/akplan.schema.json` with [`spec_schema_json`].

use std::sync::OnceLock;

use serde_json::Value;

use crate::diagnostic::{Code, Finding};
use crate::pointer::Pointer;

pub mod at;
#[cfg(feature = "jsonschema")]
pub mod full;
pub mod subset;
pub mod violation;

use violation::{Kind, Violation};

/// Where editors find the schema (docs/cli.md, Editor support).
pub const SCHEMA_URL: &str =
    "https://raw.githubusercontent.com/akplan/akplan/main/schema/akplan.schema.json";

/// The spec's JSON Schema (draft 2020-12) as a value.
///
/// Generated from the types where `schemars` is built in (the CLI); the page instead parses the
/// committed `schema/akplan.schema.json`, the same bytes (CI diffs the two), so it carries no
/// schema generator: `schemars` and its derived code were about 100 KB of the page's wasm.
#[must_use]
pub fn spec_schema() -> &'static Value {
    static SCHEMA: OnceLock<Value> = OnceLock::new();
    SCHEMA.get_or_init(|| {
        #[cfg(feature = "schemars")]
        {
            let schema = schemars::schema_for!(crate::spec::raw::RawSpec);
            let mut value = serde_json::to_value(&schema).unwrap_or(Value::Null);
            hover_own_descriptions(&mut value);
            value
        }
        #[cfg(not(feature = "schemars"))]
        {
            serde_json::from_str(COMMITTED_SPEC_SCHEMA).unwrap_or(Value::Null)
        }
    })
}

/// The committed spec schema, for builds without the generator.
#[cfg(not(feature = "schemars"))]
const COMMITTED_SPEC_SCHEMA: &str = include_str!("../../schema/akplan.schema.json");

/// Editors (VS Code, yaml-language-server) show the description of the `anyOf` branch a value
/// matches rather than the property's own: `cpu: 1024` showed "CPU units or MiB." from the shared
/// size type. The branches of such shared value types say nothing the property does not, so
/// their descriptions go and each property's own description is what a hover shows.
#[cfg(feature = "schemars")]
fn hover_own_descriptions(schema: &mut Value) {
    let Some(defs) = schema.get_mut("$defs").and_then(Value::as_object_mut) else {
        return;
    };
    for def in defs.values_mut() {
        if let Some(branches) = def.get_mut("anyOf").and_then(Value::as_array_mut) {
            for branch in branches {
                if let Some(map) = branch.as_object_mut() {
                    map.shift_remove("description");
                }
            }
        }
    }
}

/// The schema as pretty JSON with a trailing newline: the bytes of `schema/akplan.schema.json`.
#[must_use]
pub fn spec_schema_json() -> String {
    let mut text = serde_json::to_string_pretty(spec_schema()).unwrap_or_default();
    text.push('\n');
    text
}

/// The JSON Schema of `akplan plan --format json`: the bytes of `schema/akplan-plan.schema.json`.
#[cfg(feature = "schemars")]
#[must_use]
pub fn plan_schema_json() -> String {
    let schema = schemars::schema_for!(crate::plan::Plan);
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    text
}

/// The JSON Schema of `akplan diff --format json`.
#[cfg(feature = "schemars")]
#[must_use]
pub fn diff_schema_json() -> String {
    let schema = schemars::schema_for!(crate::diff::Diff);
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    text
}

/// A structural problem: where it is and whether the span should be the key rather than the value.
#[derive(Debug, Clone, PartialEq)]
pub struct SchemaFinding {
    /// The finding.
    pub finding: Finding,
    /// Point at the key of `finding.path` (unknown fields) instead of its value.
    pub at_key: bool,
    /// An unknown field: dropping it leaves a valid document, so later stages still run.
    pub unknown_field: bool,
}

/// "Rename `key` to `to`", the fix of a "did you mean" hint for a key.
pub(crate) fn rename_fix(path: &Pointer, to: &str) -> crate::diagnostic::Fix {
    crate::diagnostic::Fix {
        title: format!("Rename to `{to}`"),
        safe: false,
        edits: vec![crate::diagnostic::FixEdit::Rename {
            path: path.clone(),
            to: to.to_owned(),
        }],
    }
}

/// "Change to `value`", the fix of a "did you mean" hint for a value.
pub(crate) fn set_fix(path: &Pointer, value: &str) -> crate::diagnostic::Fix {
    crate::diagnostic::Fix {
        title: format!("Change to `{value}`"),
        safe: false,
        edits: vec![crate::diagnostic::FixEdit::Set {
            path: path.clone(),
            value: crate::diagnostic::Scalar::Text(value.to_owned()),
        }],
    }
}

/// Checks `instance` against the spec schema; every violation becomes a finding.
///
/// With the `jsonschema` feature (the CLI) the `jsonschema` crate checks; without it (the web
/// page, where that crate would be most of the download) [`subset`] does. Both report the same
/// violations, and [`findings`] words them, so the page and the CLI say the same thing.
#[must_use]
pub fn validate(instance: &Value) -> Vec<SchemaFinding> {
    #[cfg(feature = "jsonschema")]
    let violations = full::violations(spec_schema(), instance);
    #[cfg(not(feature = "jsonschema"))]
    let violations = subset_checker().map(|checker| checker.violations(instance));
    match violations {
        Some(violations) => findings(violations),
        None => vec![SchemaFinding {
            finding: Finding::new(
                Code::Schema,
                &Pointer::root(),
                "internal error: the spec schema does not compile",
                "report this as a bug in akplan",
            ),
            at_key: false,
            unknown_field: false,
        }],
    }
}

/// The spec schema compiled for [`subset`], once.
#[must_use]
pub fn subset_checker() -> Option<&'static subset::Subset<'static>> {
    static CHECKER: OnceLock<Option<subset::Subset<'static>>> = OnceLock::new();
    CHECKER
        .get_or_init(|| subset::Subset::compile(spec_schema()).ok())
        .as_ref()
}

/// Words violations as findings, in one order whichever checker found them.
#[must_use]
pub fn findings(mut violations: Vec<Violation<'_, '_>>) -> Vec<SchemaFinding> {
    violations.sort_by_cached_key(Violation::sort_key);
    let mut out = Vec::new();
    for violation in &violations {
        finding(violation, &mut out);
    }
    out
}

fn finding(violation: &Violation<'_, '_>, out: &mut Vec<SchemaFinding>) {
    let Violation {
        path,
        node,
        instance,
        key,
        kind,
    } = violation;
    let own_doc = node
        .get("description")
        .and_then(Value::as_str)
        .map(first_sentence);
    let field_doc = own_doc
        .clone()
        .or_else(|| doc_at(spec_schema(), path).map(first_sentence));
    let plain = |message: String, hint: String| SchemaFinding {
        finding: Finding::new(Code::Schema, path, message, hint),
        at_key: *key,
        unknown_field: false,
    };
    match kind {
        Kind::Unknown(unexpected) => {
            let allowed: Vec<String> = node
                .get("properties")
                .and_then(Value::as_object)
                .map(|p| p.keys().cloned().collect())
                .unwrap_or_default();
            for key in unexpected {
                let hint = match closest(key, &allowed) {
                    Some(near) => format!("did you mean `{near}`?"),
                    None => format!("known fields here: {}", allowed.join(", ")),
                };
                let at = path.join(key);
                // Built only where fixes are (the closure is never called on the page).
                let fixes = || {
                    closest(key, &allowed)
                        .map(|n| rename_fix(&at, n))
                        .into_iter()
                        .collect()
                };
                out.push(SchemaFinding {
                    finding: Finding::new(
                        Code::Schema,
                        &at,
                        format!("unknown field `{key}`"),
                        hint,
                    )
                    .with_fixes(fixes),
                    at_key: true,
                    unknown_field: true,
                });
            }
        }
        Kind::Required(name) => {
            let doc = node
                .get("properties")
                .and_then(|p| p.get(name))
                .and_then(|p| p.get("description"))
                .and_then(Value::as_str)
                .map(first_sentence)
                .unwrap_or_default();
            out.push(SchemaFinding {
                finding: Finding::new(
                    Code::Schema,
                    path,
                    format!("missing required field `{name}`"),
                    format!("add `{name}`: {doc}"),
                ),
                at_key: !path.to_string().is_empty(),
                unknown_field: false,
            });
        }
        Kind::Enum(_) | Kind::OneOfNone if choices(violation).is_some() => {
            let options = choices(violation).unwrap_or_default();
            let hint = match instance.as_str().and_then(|s| closest(s, &options)) {
                Some(near) => format!("did you mean `{near}`?"),
                None => format!("use one of: {}", options.join(", ")),
            };
            let mut found = plain(
                format!("{} is not one of: {}", short(instance), options.join(", ")),
                hint,
            );
            found.finding.add_fixes(|| {
                instance
                    .as_str()
                    .and_then(|s| closest(s, &options))
                    .map(|n| set_fix(path, n))
                    .into_iter()
                    .collect()
            });
            out.push(found);
        }
        Kind::Type | Kind::AnyOf | Kind::OneOfNone | Kind::OneOfMany => {
            let expected = own_doc.unwrap_or_else(|| expected_types(node));
            let shown = short(instance);
            let what = if shown.is_empty() {
                kind_of(instance).to_owned()
            } else {
                format!("{} {shown}", kind_of(instance))
            };
            out.push(plain(
                format!("{what} is not allowed here"),
                format!("expected: {expected}"),
            ));
        }
        _ => {
            let hint = field_doc.map_or_else(
                || "see `akplan schema` for the allowed values".to_owned(),
                |d| format!("expected: {d}"),
            );
            out.push(plain(violation.value_message(), hint));
        }
    }
}

/// The definition a schema node refers to: its `$ref`, or the `$ref` branch of an `anyOf` (how
/// schemars writes an optional field), into the root's `$defs`; the node itself otherwise.
#[must_use]
pub fn resolve_ref<'a>(root: &'a Value, node: &'a Value) -> &'a Value {
    let reference = node.get("$ref").or_else(|| {
        node.get("anyOf")?
            .as_array()?
            .iter()
            .find_map(|branch| branch.get("$ref"))
    });
    reference
        .and_then(Value::as_str)
        .and_then(|r| r.strip_prefix("#/$defs/"))
        .and_then(|name| root.get("$defs")?.get(name))
        .unwrap_or(node)
}

/// The description of the property at `path` of an instance (the nearest one up the path): what
/// a hover shows, and the best hint for a value that a shared value type rejects.
fn doc_at<'a>(schema: &'a Value, path: &Pointer) -> Option<&'a str> {
    let resolve = |node: &'a Value| resolve_ref(schema, node);
    let mut node = schema;
    let mut doc = None;
    for token in path.tokens() {
        let here = resolve(node);
        let next = here
            .get("properties")
            .and_then(|p| p.get(token))
            .or_else(|| here.get("additionalProperties").filter(|a| a.is_object()))
            .or_else(|| here.get("items"))?;
        doc = next.get("description").and_then(Value::as_str).or(doc);
        node = next;
    }
    doc
}

/// The allowed strings of an `enum`, or of a `oneOf` whose branches are all `const` strings (how
/// schemars writes an enum whose variants have doc comments).
fn choices(violation: &Violation<'_, '_>) -> Option<Vec<String>> {
    let values: Vec<&Value> = match &violation.kind {
        Kind::Enum(options) => options.as_array()?.iter().collect(),
        Kind::OneOfNone => violation
            .node
            .get("oneOf")?
            .as_array()?
            .iter()
            .map(|branch| branch.get("const"))
            .collect::<Option<_>>()?,
        _ => return None,
    };
    values
        .into_iter()
        .map(|v| v.as_str().map(str::to_owned))
        .collect()
}

/// What an undocumented schema node accepts, from its `type`.
fn expected_types(node: &Value) -> String {
    let names: Vec<&str> = match node.get("type") {
        Some(Value::String(name)) => vec![name.as_str()],
        Some(Value::Array(names)) => names.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    };
    if names.is_empty() {
        "one of the forms `akplan schema` describes here".to_owned()
    } else {
        format!("a value of type {}", names.join(" or "))
    }
}

/// The closest candidate by edit distance, if close enough to be a likely typo.
#[must_use]
pub fn closest<'a>(word: &str, candidates: &'a [String]) -> Option<&'a str> {
    candidates
        .iter()
        .map(|c| (strsim::jaro_winkler(word, c), c))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c.as_str())
}

fn first_sentence(doc: &str) -> String {
    let doc = doc.replace('\n', " ");
    doc.trim().trim_end_matches('.').to_owned()
}

fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "the boolean",
        Value::Number(_) => "the number",
        Value::String(_) => "the string",
        Value::Array(_) => "a list",
        Value::Object(_) => "a mapping",
    }
}

fn short(value: &Value) -> String {
    match value {
        Value::Array(_) | Value::Object(_) | Value::Null => String::new(),
        other => {
            let text = other.to_string();
            if text.chars().count() > 40 {
                format!("{}…", text.chars().take(40).collect::<String>())
            } else {
                text
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What an editor shows on hover comes from the property, and no internal type name shows.
    #[test]
    fn hovers_show_each_fields_own_description() {
        let schema = spec_schema();
        let defs = schema["$defs"].as_object().cloned().unwrap_or_default();
        for (name, def) in &defs {
            assert!(!name.starts_with("Raw"), "internal type name {name}");
            for branch in def["anyOf"].as_array().into_iter().flatten() {
                assert!(branch.get("description").is_none(), "{name}: {branch}");
            }
        }
        let cpu = &schema["$defs"]["Service"]["properties"]["cpu"];
        assert!(
            cpu["description"]
                .as_str()
                .is_some_and(|d| d.starts_with("Task CPU"))
        );
        assert!(schema["properties"]["$schema"].is_object());
    }

    #[test]
    fn the_schema_compiles_and_names_the_contract_fields() {
        assert!(
            subset_checker().is_some(),
            "{:?}",
            subset::Subset::compile(spec_schema())
        );
        let text = spec_schema_json();
        for field in [
            "availability_zones",
            "static_stability",
            "deregistration_delay",
            "session_store",
            "requests_per_target",
        ] {
            assert!(text.contains(field), "{field}");
        }
    }

    #[test]
    fn unknown_fields_get_a_suggestion() {
        let spec = serde_json::json!({
            "version": 1, "app": "a", "region": "us-east-1",
            "services": {"api": {"image": "x:1", "cpu": 256, "memory": 512, "prot": 80}}
        });
        let found = validate(&spec);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].finding.path.to_string(), "/services/api/prot");
        assert_eq!(found[0].finding.hint, "did you mean `port`?");
    }

    #[test]
    fn a_typo_inside_an_optional_section_is_named_not_the_whole_section() {
        let spec = serde_json::json!({
            "version": 1, "app": "a", "region": "us-east-1",
            "services": {"api": {"image": "x:1", "cpu": 256, "memory": 512,
                                 "capacity": {"base_cont": 3}, "arch": "arm"}}
        });
        let found = validate(&spec);
        let said: Vec<(String, &str, bool)> = found
            .iter()
            .map(|f| {
                (
                    f.finding.path.to_string(),
                    f.finding.hint.as_str(),
                    f.unknown_field,
                )
            })
            .collect();
        assert_eq!(
            said,
            [
                (
                    "/services/api/arch".to_owned(),
                    "did you mean `arm64`?",
                    false
                ),
                (
                    "/services/api/capacity/base_cont".to_owned(),
                    "did you mean `base_count`?",
                    true
                ),
            ]
        );
    }
}
