//! The spec schema seen from a place in a spec: what an editor shows on hover and offers on
//! completion (the language server's and the page's one source for field documentation).

use serde_json::Value;

use super::{resolve_ref, spec_schema};
use crate::pointer::Pointer;

/// A field of the spec, as its schema describes it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Field {
    /// The field's description.
    pub description: Option<&'static str>,
    /// The values it allows when they are a closed list, each with its description.
    pub values: Vec<Choice>,
    /// The keys of the mapping it holds, each with its description (empty for scalars and maps
    /// of names such as `services`).
    pub keys: Vec<Choice>,
    /// Whether it holds a mapping of free names (`services`, `containers`).
    pub named_map: bool,
}

/// One allowed key or value and what it means.
#[derive(Debug, Clone, PartialEq)]
pub struct Choice {
    /// The key or value as written.
    pub name: &'static str,
    /// Its description.
    pub description: Option<&'static str>,
}

/// The schema node at `path` of an instance, before `$ref` resolution, if the schema has one.
fn node_at(path: &Pointer) -> Option<&'static Value> {
    let root = spec_schema();
    let mut node = root;
    for token in path.tokens() {
        let here = resolve_ref(root, node);
        node = here
            .get("properties")
            .and_then(|p| p.get(token))
            .or_else(|| here.get("additionalProperties").filter(|a| a.is_object()))
            .or_else(|| here.get("items"))?;
    }
    Some(node)
}

/// The field at `path` (e.g. `/services/api/arch`), or `None` where the spec has no such field.
#[must_use]
pub fn field(path: &Pointer) -> Option<Field> {
    let root = spec_schema();
    let node = node_at(path)?;
    let resolved = resolve_ref(root, node);
    let description = node
        .get("description")
        .or_else(|| resolved.get("description"))
        .and_then(Value::as_str);
    let values = choices(resolved);
    let keys = resolved
        .get("properties")
        .and_then(Value::as_object)
        .map(|props| {
            props
                .iter()
                .map(|(k, v)| Choice {
                    name: k.as_str(),
                    description: v.get("description").and_then(Value::as_str),
                })
                .collect()
        })
        .unwrap_or_default();
    let named_map = resolved
        .get("additionalProperties")
        .is_some_and(Value::is_object);
    Some(Field {
        description,
        values,
        keys,
        named_map,
    })
}

/// The closed list of values of a node: `enum`, or `oneOf`/`anyOf` branches that are `const`.
fn choices(node: &'static Value) -> Vec<Choice> {
    if let Some(list) = node.get("enum").and_then(Value::as_array) {
        return list
            .iter()
            .filter_map(Value::as_str)
            .map(|name| Choice {
                name,
                description: None,
            })
            .collect();
    }
    ["oneOf", "anyOf"]
        .iter()
        .filter_map(|k| node.get(*k).and_then(Value::as_array))
        .flatten()
        .filter_map(|branch| {
            Some(Choice {
                name: branch.get("const")?.as_str()?,
                description: branch.get("description").and_then(Value::as_str),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_have_their_documentation_and_values() {
        let arch = field(&Pointer::parse("/services/api/arch")).unwrap_or_default();
        assert!(arch.description.is_some_and(|d| d.contains("arm64")));
        let names: Vec<&str> = arch.values.iter().map(|c| c.name).collect();
        assert_eq!(names, ["arm64", "x86_64"]);
        let service = field(&Pointer::parse("/services/api")).unwrap_or_default();
        assert!(service.keys.iter().any(|k| k.name == "cpu"));
        assert!(field(&Pointer::parse("/services")).is_some_and(|f| f.named_map));
        assert!(field(&Pointer::parse("/nothing")).is_none());
    }
}
