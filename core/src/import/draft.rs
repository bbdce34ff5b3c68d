//! The spec being imported: values in the spec's shape, where each came from, and what could not
//! be mapped. Written out as YAML with a `# from ...` comment on every imported value.

use serde_json::{Map, Value};

use crate::pointer::Pointer;

/// A spec under construction.
#[derive(Debug, Clone, Default)]
pub struct Draft {
    /// The spec so far, keys in the order they were set.
    pub value: Map<String, Value>,
    /// Where values came from: (pointer into the spec, `file pointer`).
    pub origins: Vec<(String, String)>,
    /// What was not mapped: `file pointer: why`.
    pub unmapped: Vec<String>,
    /// The ECS definitions an import read other formats as ([`super::Imported::ecs_views`]).
    pub ecs_views: Vec<(String, String, Value)>,
}

impl Draft {
    /// Sets the value at `path` (creating objects on the way), noting where it came from.
    pub fn set(&mut self, path: &[&str], value: Value, origin: impl Into<String>) {
        let Some((last, parents)) = path.split_last() else {
            return;
        };
        let mut node = &mut self.value;
        for p in parents {
            let entry = node
                .entry((*p).to_owned())
                .or_insert_with(|| Value::Object(Map::new()));
            if !entry.is_object() {
                *entry = Value::Object(Map::new());
            }
            let Value::Object(next) = entry else { return };
            node = next;
        }
        node.insert((*last).to_owned(), value);
        let pointer = Pointer::root().join_all(path.iter().copied()).to_string();
        self.origins.retain(|(p, _)| *p != pointer);
        self.origins.push((pointer, origin.into()));
    }

    /// Sets `field` of every service imported so far (a cluster-wide setting, such as Container
    /// Insights, that the spec keeps per service).
    pub fn set_on_every_service(&mut self, field: &str, value: &Value, origin: &str) {
        let names: Vec<String> = self
            .value
            .get("services")
            .and_then(Value::as_object)
            .map(|m| m.keys().cloned().collect())
            .unwrap_or_default();
        for name in names {
            self.set(&["services", &name, field], value.clone(), origin);
        }
    }

    /// Whether a value is set at `path`.
    #[must_use]
    pub fn has(&self, path: &[&str]) -> bool {
        self.get(path).is_some()
    }

    /// The value set at `path`.
    #[must_use]
    pub fn get(&self, path: &[&str]) -> Option<&Value> {
        let (last, parents) = path.split_last()?;
        let mut node = Some(&self.value);
        for p in parents {
            node = node.and_then(|n| n.get(*p)).and_then(Value::as_object);
        }
        node.and_then(|n| n.get(*last))
    }

    /// Notes something not mapped.
    pub fn skip(&mut self, origin: impl Into<String>, why: impl Into<String>) {
        self.unmapped
            .push(format!("{}: {}", origin.into(), why.into()));
    }

    /// The spec as YAML: a header naming the sources, every imported value with its origin, and
    /// what was not mapped as comments at the end.
    #[must_use]
    pub fn to_yaml(&self, sources: &[String]) -> String {
        let mut out = format!(
            "# Imported by akplan from {}. Check every value, then run `akplan plan` on it.\n",
            comment(&sources.join(", "))
        );
        // The spec's own order at the top, services last.
        let order = [
            "version",
            "app",
            "region",
            "availability_zones",
            "account_id",
            "nat_gateways",
        ];
        let mut top: Vec<(&String, &Value)> = self.value.iter().collect();
        top.sort_by_key(|(k, _)| order.iter().position(|o| o == k).unwrap_or(order.len()));
        let top: Map<String, Value> = top
            .into_iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        write_map(&mut out, &top, 0, &Pointer::root(), &self.origins);
        if !self.unmapped.is_empty() {
            out.push_str("\n# Not mapped (reported as warnings when imported):\n");
            for u in &self.unmapped {
                out.push_str(&format!("# - {}\n", comment(u)));
            }
        }
        out
    }
}

/// Text made safe to end a YAML line as a comment: line breaks become spaces, and every other
/// control character (YAML refuses them even in comments) and the Unicode line and paragraph
/// separators are written as escapes (`\u{0}`), so a hostile file cannot break the spec.
fn comment(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\n' | '\r' => " ".to_owned(),
            c if c.is_control() || matches!(c, '\u{2028}' | '\u{2029}' | '\u{feff}') => {
                c.escape_unicode().to_string()
            }
            c => c.to_string(),
        })
        .collect()
}

/// A key as YAML writes it: bare when it is plain, else JSON-quoted.
fn key(k: &str) -> String {
    let plain = !k.is_empty()
        && k.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-' || c == '$')
        && !k.starts_with('-');
    if plain {
        k.to_owned()
    } else {
        serde_json::to_string(k).unwrap_or_default()
    }
}

/// A scalar or a list of scalars on one line; JSON's syntax is YAML's flow syntax.
fn inline(v: &Value) -> Option<String> {
    match v {
        Value::Array(items) if items.iter().all(|i| !i.is_object() && !i.is_array()) => {
            serde_json::to_string(v).ok().map(|s| s.replace(",", ", "))
        }
        Value::Object(m) if m.is_empty() => Some("{}".to_owned()),
        Value::Array(_) | Value::Object(_) => None,
        _ => serde_json::to_string(v).ok(),
    }
}

fn origin_of<'a>(origins: &'a [(String, String)], at: &Pointer) -> Option<&'a str> {
    let at = at.to_string();
    origins
        .iter()
        .find(|(p, _)| *p == at)
        .map(|(_, o)| o.as_str())
}

fn write_map(
    out: &mut String,
    map: &Map<String, Value>,
    indent: usize,
    at: &Pointer,
    origins: &[(String, String)],
) {
    let pad = "  ".repeat(indent);
    for (k, v) in map {
        let here = at.join(k.as_str());
        let note = origin_of(origins, &here)
            .map(|o| match o.strip_prefix("assumed: ") {
                Some(why) => format!("  # assumed: {}", comment(why)),
                None => format!("  # from {}", comment(o)),
            })
            .unwrap_or_default();
        match (inline(v), v) {
            (Some(text), _) => out.push_str(&format!("{pad}{}: {text}{note}\n", key(k))),
            (None, Value::Object(inner)) => {
                out.push_str(&format!("{pad}{}:{note}\n", key(k)));
                write_map(out, inner, indent + 1, &here, origins);
            }
            (None, Value::Array(items)) => {
                out.push_str(&format!("{pad}{}:{note}\n", key(k)));
                for (i, item) in items.iter().enumerate() {
                    let item_at = here.join(i);
                    match item {
                        Value::Object(inner) => {
                            let mut text = String::new();
                            write_map(&mut text, inner, indent + 2, &item_at, origins);
                            let trimmed = text.trim_start_matches(' ');
                            out.push_str(&format!("{pad}  - {trimmed}"));
                        }
                        other => {
                            let text = inline(other).unwrap_or_default();
                            out.push_str(&format!("{pad}  - {text}\n"));
                        }
                    }
                }
            }
            (None, _) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Format, check_spec};

    /// What a hostile file's names and values put in a comment stays one line of valid YAML.
    #[test]
    fn comments_escape_control_characters_and_line_breaks() {
        let text = comment("a\u{0}b\nservices: evil\r\u{85}\u{2028}\u{7f}\tz");
        assert!(
            !text.chars().any(|c| c.is_control() || c == '\u{2028}'),
            "{text:?}"
        );
        assert!(
            text.contains("\\u{0}") && text.contains("services: evil"),
            "{text:?}"
        );
    }

    #[test]
    fn the_yaml_reads_back_as_the_same_value() {
        let mut d = Draft::default();
        d.set(&["version"], Value::from(1), "x");
        d.set(&["app"], Value::from("shop"), "service.json cluster");
        d.set(&["region"], Value::from("us-east-1"), "a\nb");
        d.set(
            &["services", "web", "image"],
            Value::from("nginx:1.27"),
            "td.json /image",
        );
        d.set(&["services", "web", "cpu"], Value::from(256), "td");
        d.set(&["services", "web", "memory"], Value::from(512), "td");
        d.set(
            &["services", "web", "command"],
            serde_json::json!(["a b", "c\"d"]),
            "td",
        );
        d.set(
            &["services", "web", "environment"],
            serde_json::json!({"A B": "x: y # z", "N": "1"}),
            "td",
        );
        d.set(
            &["services", "web", "deployment", "hooks"],
            serde_json::json!([{"stage": "post_scale_up", "type": "pause"}]),
            "svc",
        );
        d.skip("td.json taskRoleArn", "akplan generates roles\n# injected");
        let yaml = d.to_yaml(&["td.json".to_owned()]);
        let (doc, _) = crate::document::Document::parse(&yaml, Format::Yaml)
            .unwrap_or_else(|e| panic!("{e:?}\n{yaml}"));
        assert_eq!(doc.to_json(), Value::Object(d.value.clone()), "{yaml}");
        assert!(
            check_spec(&yaml, Format::Yaml)
                .diagnostics
                .iter()
                .all(|x| !x.is_error()),
            "{yaml}"
        );
    }
}
