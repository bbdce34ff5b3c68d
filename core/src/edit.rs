//! Editing a spec's text in place, keeping its comments and layout: the page's knobs write
//! through this, so the text stays the single source of truth.

use crate::diagnostic::{Fix, FixEdit, Scalar};
use crate::document::{Document, Format, Node, Value};
use crate::pointer::Pointer;

/// Applies every edit of `fix` to `text`, in order, and returns the new text.
///
/// # Errors
/// When the text does not parse, or an edit's place is gone (the text changed since the fix was
/// made) or cannot be edited in place.
pub fn apply_fix(text: &str, format: Format, fix: &Fix) -> Result<String, String> {
    let mut out = text.to_owned();
    for edit in &fix.edits {
        out = apply_edit(&out, format, edit)?;
    }
    Ok(out)
}

fn apply_edit(text: &str, format: Format, edit: &FixEdit) -> Result<String, String> {
    let (doc, _) = Document::parse(text, format).map_err(|_| "fix the syntax first".to_owned())?;
    match edit {
        FixEdit::Set { path, value } => {
            let old = doc.get(path);
            let written = scalar_text(format, value, old);
            set_value(text, format, path, &written)
        }
        FixEdit::Remove { path } => remove(text, &doc, path),
        FixEdit::Rename { path, to } => {
            let (parent, key) = parent_entry(&doc, path)?;
            let entries = entries_of(parent)?;
            let entry = &entries[key];
            let quoted = text[entry.key_span.start..].starts_with('"');
            let new_key = if quoted || format == Format::Json {
                json_string(to)
            } else {
                yaml_text(to)
            };
            let mut out = text.to_owned();
            out.replace_range(entry.key_span.start..entry.key_span.end, &new_key);
            Ok(out)
        }
    }
}

/// How `value` is written where `old` stands: task definitions keep `"1024"` as strings.
fn scalar_text(format: Format, value: &Scalar, old: Option<&Node>) -> String {
    match value {
        Scalar::Number(n) => match old.map(|n| &n.value) {
            Some(Value::String(_)) if format == Format::Json => format!("\"{n}\""),
            _ => n.to_string(),
        },
        Scalar::Text(t) if format == Format::Json => json_string(t),
        Scalar::Text(t) => yaml_text(t),
    }
}

fn json_string(text: &str) -> String {
    serde_json::Value::String(text.to_owned()).to_string()
}

/// Plain where YAML reads it back as the same string, else double-quoted (JSON's escapes are
/// YAML's).
fn yaml_text(text: &str) -> String {
    let plain = text.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '/'))
        && !matches!(
            text.to_ascii_lowercase().as_str(),
            "true" | "false" | "null" | "yes" | "no" | "on" | "off" | "y" | "n"
        );
    if plain {
        text.to_owned()
    } else {
        json_string(text)
    }
}

fn parent_entry<'d>(doc: &'d Document, path: &Pointer) -> Result<(&'d Node, usize), String> {
    let (Some(parent), Some(key)) = (path.parent(), path.last()) else {
        return Err("nothing to edit".to_owned());
    };
    let node = doc
        .get(&parent)
        .ok_or_else(|| format!("{path} is no longer there"))?;
    let index = entries_of(node)?
        .iter()
        .position(|e| e.key == key)
        .ok_or_else(|| format!("{path} is no longer there"))?;
    Ok((node, index))
}

fn entries_of(node: &Node) -> Result<&[crate::document::Entry], String> {
    match &node.value {
        Value::Map(entries) => Ok(entries),
        _ => Err("only a mapping's members can be edited".to_owned()),
    }
}

/// Removes a mapping member with its key: in JSON and `{ }` mappings with one comma, in block
/// YAML with its lines.
fn remove(text: &str, doc: &Document, path: &Pointer) -> Result<String, String> {
    let (parent, index) = parent_entry(doc, path)?;
    let entries = entries_of(parent)?;
    let entry = &entries[index];
    let flow = text[parent.span.start..].starts_with('{');
    let range = if flow {
        match (index.checked_sub(1), entries.get(index + 1)) {
            (_, Some(next)) => entry.key_span.start..next.key_span.start,
            (Some(previous), None) => entries[previous].value.span.end..entry.value.span.end,
            (None, None) => entry.key_span.start..entry.value.span.end,
        }
    } else {
        let line_start = text[..entry.key_span.start]
            .rfind('\n')
            .map_or(0, |i| i + 1);
        if !text[line_start..entry.key_span.start].trim().is_empty() {
            return Err(format!("{path} shares its line; edit the text"));
        }
        let end = entry.value.span.end.max(entry.key_span.end);
        let line_end = text[end..].find('\n').map_or(text.len(), |i| end + i + 1);
        line_start..line_end
    };
    let mut out = text.to_owned();
    out.replace_range(range, "");
    Ok(out)
}

/// Sets the value at `pointer` to `value` (a YAML scalar as written, e.g. `3`, `arm64`,
/// `"1 vCPU"`). An existing scalar is replaced where it stands; a missing key is added under its
/// nearest existing block mapping, with the indentation of its siblings.
///
/// # Errors
/// When the text does not parse, or the place cannot be edited (a flow mapping, a list, a
/// mapping where a scalar is expected).
pub fn set_value(
    text: &str,
    format: Format,
    pointer: &Pointer,
    value: &str,
) -> Result<String, String> {
    let (doc, _) = Document::parse(text, format).map_err(|_| "fix the syntax first".to_owned())?;
    if let Some(node) = doc.get(pointer) {
        if matches!(node.value, Value::Map(_) | Value::Seq(_)) {
            return Err(format!("{pointer} is not a single value"));
        }
        let mut out = text.to_owned();
        out.replace_range(node.span.start..node.span.end, value);
        return Ok(out);
    }
    // The deepest ancestor that exists, and the keys still missing below it.
    let tokens: Vec<&str> = pointer.tokens().collect();
    let mut depth = tokens.len();
    let parent = loop {
        depth = depth.checked_sub(1).ok_or("nothing to edit")?;
        let at = Pointer::root().join_all(tokens[..depth].iter().copied());
        if let Some(node) = doc.get(&at) {
            break node;
        }
    };
    let Value::Map(entries) = &parent.value else {
        return Err("only mappings can get new keys".to_owned());
    };
    if text[parent.span.start..].starts_with('{') {
        return Err("cannot add keys to a `{ ... }` mapping; edit the text".to_owned());
    }
    let line_start = |offset: usize| text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let indent = match entries.first() {
        Some(first) => first.key_span.start - line_start(first.key_span.start),
        None => 0,
    };
    let insert_at = match text[parent.span.end..].find('\n') {
        Some(i) => parent.span.end + i + 1,
        None => text.len(),
    };
    let mut lines = String::new();
    if insert_at == text.len() && !text.ends_with('\n') && !text.is_empty() {
        lines.push('\n');
    }
    let missing = &tokens[depth..];
    for (i, key) in missing.iter().enumerate() {
        let pad = " ".repeat(indent + 2 * i);
        if i + 1 == missing.len() {
            lines.push_str(&format!("{pad}{key}: {value}\n"));
        } else {
            lines.push_str(&format!("{pad}{key}:\n"));
        }
    }
    let mut out = text.to_owned();
    out.insert_str(insert_at, &lines);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SPEC: &str = "version: 1 # v\napp: a\nservices:\n  api:\n    cpu: 256   # small\n    logs: { retention_days: 7 }\n";

    fn set(pointer: &str, value: &str) -> Result<String, String> {
        set_value(SPEC, Format::Yaml, &Pointer::parse(pointer), value)
    }

    #[test]
    fn replaces_values_in_place_keeping_comments() {
        let out = set("/services/api/cpu", "\"1 vCPU\"");
        assert_eq!(
            out.as_deref(),
            Ok(SPEC.replace("256", "\"1 vCPU\"").as_str())
        );
        let out = set("/services/api/logs/retention_days", "14");
        assert!(out.is_ok_and(|t| t.contains("{ retention_days: 14 }")));
    }

    #[test]
    fn adds_missing_keys_with_the_siblings_indentation() {
        let out = set("/services/api/deployment/deregistration_delay", "30").unwrap_or_default();
        assert!(out.contains("    cpu: 256   # small\n"), "{out}");
        assert!(
            out.ends_with("    deployment:\n      deregistration_delay: 30\n"),
            "{out}"
        );
        let (doc, _) = Document::parse(&out, Format::Yaml).unwrap_or_else(|_| panic!("{out}"));
        assert!(
            doc.get(&Pointer::parse(
                "/services/api/deployment/deregistration_delay"
            ))
            .is_some()
        );
        let out = set("/region", "eu-west-1").unwrap_or_default();
        assert!(out.ends_with("region: eu-west-1\n"), "{out}");
        assert!(set("/services/api/logs/extra", "1").is_err());
        assert!(set("/services", "1").is_err());
    }

    fn fix(edits: Vec<FixEdit>) -> Fix {
        Fix {
            title: String::new(),
            safe: true,
            edits,
        }
    }

    #[test]
    fn fixes_remove_rename_and_set_as_the_format_writes_them() {
        let json = "{\n  \"family\": \"web\",\n  \"cpu\": \"1000\",\n  \"revision\": 3,\n  \"status\": null\n}\n";
        let out = apply_fix(
            json,
            Format::Json,
            &fix(vec![
                FixEdit::Remove {
                    path: Pointer::parse("/revision"),
                },
                FixEdit::Remove {
                    path: Pointer::parse("/status"),
                },
                FixEdit::Set {
                    path: Pointer::parse("/cpu"),
                    value: Scalar::Number(1024),
                },
                FixEdit::Rename {
                    path: Pointer::parse("/family"),
                    to: "Family".to_owned(),
                },
            ]),
        );
        assert_eq!(
            out.as_deref(),
            Ok("{\n  \"Family\": \"web\",\n  \"cpu\": \"1024\"\n}\n")
        );
        let yaml = "app: a\nservices:\n  api:\n    archh: arm64   # typo\n    cpu: 1 vCPU\n    memory: 9 GB\n";
        let out = apply_fix(
            yaml,
            Format::Yaml,
            &fix(vec![
                FixEdit::Rename {
                    path: Pointer::parse("/services/api/archh"),
                    to: "arch".to_owned(),
                },
                FixEdit::Set {
                    path: Pointer::parse("/services/api/memory"),
                    value: Scalar::Number(8192),
                },
                FixEdit::Set {
                    path: Pointer::parse("/services/api/os"),
                    value: Scalar::Text("true".to_owned()),
                },
            ]),
        );
        assert_eq!(
            out.as_deref(),
            Ok(
                "app: a\nservices:\n  api:\n    arch: arm64   # typo\n    cpu: 1 vCPU\n    memory: 8192\n    os: \"true\"\n"
            )
        );
        let out = apply_fix(
            yaml,
            Format::Yaml,
            &fix(vec![FixEdit::Remove {
                path: Pointer::parse("/services/api/cpu"),
            }]),
        );
        assert_eq!(
            out.as_deref(),
            Ok("app: a\nservices:\n  api:\n    archh: arm64   # typo\n    memory: 9 GB\n")
        );
        // A place that is gone is an error, not a wrong edit.
        assert!(
            apply_fix(
                yaml,
                Format::Yaml,
                &fix(vec![FixEdit::Remove {
                    path: Pointer::parse("/nope/x")
                }])
            )
            .is_err()
        );
    }
}
