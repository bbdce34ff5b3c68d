//! Editing a spec's text in place, keeping its comments and layout: the page's knobs write
//! through this, so the text stays the single source of truth.

use crate::document::{Document, Format, Value};
use crate::pointer::Pointer;

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
}
