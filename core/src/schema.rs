//! The spec's JSON Schema, generated from [`crate::spec::raw`], and structural validation with it.
//!
//! Generating the schema from the Rust types means the two cannot drift; a test compares the
//! committed `schema/akplan.schema.json` with [`spec_schema_json`].

use std::sync::OnceLock;

use jsonschema::error::ValidationErrorKind;
use serde_json::Value;

use crate::diagnostic::{Code, Finding};
use crate::pointer::Pointer;
use crate::spec::raw::RawSpec;

/// Where editors and the README find the schema.
pub const SCHEMA_URL: &str =
    "https://raw.githubusercontent.com/akplan/akplan/main/schema/akplan.schema.json";

/// The spec's JSON Schema (draft 2020-12) as a value.
#[must_use]
pub fn spec_schema() -> &'static Value {
    static SCHEMA: OnceLock<Value> = OnceLock::new();
    SCHEMA.get_or_init(|| {
        let schema = schemars::schema_for!(RawSpec);
        serde_json::to_value(&schema).unwrap_or(Value::Null)
    })
}

/// The schema as pretty JSON with a trailing newline: the bytes of `schema/akplan.schema.json`.
#[must_use]
pub fn spec_schema_json() -> String {
    let mut text = serde_json::to_string_pretty(spec_schema()).unwrap_or_default();
    text.push('\n');
    text
}

/// The JSON Schema of `akplan plan --format json`: the bytes of `schema/akplan-plan.schema.json`.
#[must_use]
pub fn plan_schema_json() -> String {
    let schema = schemars::schema_for!(crate::plan::Plan);
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    text
}

fn validator() -> Option<&'static jsonschema::Validator> {
    static VALIDATOR: OnceLock<Option<jsonschema::Validator>> = OnceLock::new();
    VALIDATOR
        .get_or_init(|| jsonschema::validator_for(spec_schema()).ok())
        .as_ref()
}

/// A structural problem: where it is and whether the span should be the key rather than the value.
#[derive(Debug, Clone)]
pub struct SchemaFinding {
    /// The finding.
    pub finding: Finding,
    /// Point at the key of `finding.path` (unknown fields) instead of its value.
    pub at_key: bool,
    /// An unknown field: dropping it leaves a valid document, so later stages still run.
    pub unknown_field: bool,
}

/// Checks `instance` against the spec schema; every violation becomes a finding.
#[must_use]
pub fn validate(instance: &Value) -> Vec<SchemaFinding> {
    let Some(validator) = validator() else {
        return vec![SchemaFinding {
            finding: Finding::new(
                Code::Schema,
                &Pointer::root(),
                "internal error: the spec schema does not compile",
                "report this as a bug in akplan",
            ),
            at_key: false,
            unknown_field: false,
        }];
    };
    let schema = spec_schema();
    let mut out = Vec::new();
    for error in validator.iter_errors(instance) {
        let path = Pointer::parse(error.instance_path().as_str());
        let schema_path: Vec<String> = error
            .schema_path()
            .as_str()
            .split('/')
            .skip(1)
            .map(|t| t.replace("~1", "/").replace("~0", "~"))
            .collect();
        let keyword_parent = &schema_path[..schema_path.len().saturating_sub(1)];
        let field_doc = schema_node(schema, keyword_parent)
            .and_then(|n| n.get("description"))
            .and_then(Value::as_str)
            .map(first_sentence);
        let instance_value = error.instance();
        match error.kind() {
            ValidationErrorKind::AdditionalProperties { unexpected } => {
                let allowed: Vec<String> = schema_node(schema, keyword_parent)
                    .and_then(|n| n.get("properties"))
                    .and_then(Value::as_object)
                    .map(|p| p.keys().cloned().collect())
                    .unwrap_or_default();
                for key in unexpected {
                    let hint = match closest(key, &allowed) {
                        Some(near) => format!("did you mean `{near}`?"),
                        None => format!("known fields here: {}", allowed.join(", ")),
                    };
                    out.push(SchemaFinding {
                        finding: Finding::new(
                            Code::Schema,
                            &path.join(key),
                            format!("unknown field `{key}`"),
                            hint,
                        ),
                        at_key: true,
                        unknown_field: true,
                    });
                }
            }
            ValidationErrorKind::Required { property } => {
                let name = property.as_str().unwrap_or_default();
                let doc = schema_node(schema, keyword_parent)
                    .and_then(|n| n.get("properties"))
                    .and_then(|p| p.get(name))
                    .and_then(|p| p.get("description"))
                    .and_then(Value::as_str)
                    .map(first_sentence)
                    .unwrap_or_default();
                out.push(SchemaFinding {
                    finding: Finding::new(
                        Code::Schema,
                        &path,
                        format!("missing required field `{name}`"),
                        format!("add `{name}`: {doc}"),
                    ),
                    at_key: !path.to_string().is_empty(),
                    unknown_field: false,
                });
            }
            ValidationErrorKind::Enum { options } => {
                let options: Vec<String> = options
                    .as_array()
                    .map(|a| {
                        a.iter()
                            .filter_map(|o| o.as_str().map(str::to_owned))
                            .collect()
                    })
                    .unwrap_or_default();
                let shown = short(instance_value);
                let hint = match instance_value.as_str().and_then(|s| closest(s, &options)) {
                    Some(near) => format!("did you mean `{near}`?"),
                    None => format!("use one of: {}", options.join(", ")),
                };
                out.push(SchemaFinding {
                    finding: Finding::new(
                        Code::Schema,
                        &path,
                        format!("{shown} is not one of: {}", options.join(", ")),
                        hint,
                    ),
                    at_key: false,
                    unknown_field: false,
                });
            }
            ValidationErrorKind::Type { .. }
            | ValidationErrorKind::AnyOf { .. }
            | ValidationErrorKind::OneOfNotValid { .. }
            | ValidationErrorKind::OneOfMultipleValid { .. } => {
                let expected = field_doc.unwrap_or_else(|| error.to_string());
                out.push(SchemaFinding {
                    finding: Finding::new(
                        Code::Schema,
                        &path,
                        format!(
                            "{} {} is not allowed here",
                            kind_of(instance_value),
                            short(instance_value)
                        ),
                        format!("expected: {expected}"),
                    ),
                    at_key: false,
                    unknown_field: false,
                });
            }
            _ => {
                let hint = field_doc.map_or_else(
                    || "see `akplan schema` for the allowed values".to_owned(),
                    |d| format!("expected: {d}"),
                );
                out.push(SchemaFinding {
                    finding: Finding::new(Code::Schema, &path, error.to_string(), hint),
                    at_key: false,
                    unknown_field: false,
                });
            }
        }
    }
    out
}

/// Follows a schema path through `$ref`s to the schema object it names.
fn schema_node<'a>(schema: &'a Value, path: &[String]) -> Option<&'a Value> {
    let mut node = schema;
    for token in path {
        node = if token == "$ref" {
            let target = node.get("$ref")?.as_str()?.strip_prefix('#')?;
            schema.pointer(target)?
        } else {
            match node {
                Value::Object(map) => map.get(token)?,
                Value::Array(items) => items.get(token.parse::<usize>().ok()?)?,
                _ => return None,
            }
        };
    }
    Some(node)
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

    #[test]
    fn the_schema_compiles_and_names_the_contract_fields() {
        assert!(validator().is_some());
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
}
