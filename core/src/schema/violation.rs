//! What a schema check reports, independent of which checker found it.
//!
//! Both checkers (the `jsonschema` crate, and [`super::subset`] in the web page) produce these, and
//! one function turns them into findings, so the CLI and the page say exactly the same thing.

use std::borrow::Cow;

use serde_json::Value;

use crate::pointer::Pointer;

/// One broken schema keyword.
#[derive(Debug, Clone, PartialEq)]
pub struct Violation<'s, 'i> {
    /// Where in the instance.
    pub path: Pointer,
    /// The schema object holding the keyword (after following `$ref`): its `description`,
    /// `properties` and `type` word the message.
    pub node: &'s Value,
    /// The offending value (for `propertyNames`, the key as a string).
    pub instance: Cow<'i, Value>,
    /// About the key at `path` (`propertyNames`), not its value.
    pub key: bool,
    /// Which keyword, with what the message needs.
    pub kind: Kind,
}

/// The keywords of JSON Schema 2020-12 that the spec schema uses.
#[derive(Debug, Clone, PartialEq)]
pub enum Kind {
    /// `type`.
    Type,
    /// `anyOf`: no branch matched.
    AnyOf,
    /// `oneOf`: no branch matched.
    OneOfNone,
    /// `oneOf`: more than one branch matched.
    OneOfMany,
    /// `const`.
    Const(Value),
    /// `enum`, with its options.
    Enum(Value),
    /// `additionalProperties: false`, with the unexpected keys in document order.
    Unknown(Vec<String>),
    /// `required`, one per missing property.
    Required(String),
    /// `minimum`.
    Minimum(Value),
    /// `maximum`.
    Maximum(Value),
    /// `minLength`.
    MinLength(u64),
    /// `maxLength`.
    MaxLength(u64),
    /// `minItems`.
    MinItems(u64),
    /// `maxItems`.
    MaxItems(u64),
    /// `minProperties`.
    MinProperties(u64),
    /// `pattern`.
    Pattern(String),
    /// A keyword outside the subset; only the `jsonschema` checker can report one, and a test
    /// keeps the spec schema inside the subset.
    Other(String),
}

/// The one `anyOf` branch that could have been meant for `instance`, judged by JSON type alone:
/// for `anyOf: [{$ref: Capacity}, {type: null}]` and a mapping, the `Capacity` branch. Both
/// checkers then report that branch's own violations (a typo deep inside `capacity`) instead of
/// "not valid under any of the schemas".
#[must_use]
pub fn meant_branch(root: &Value, branches: &[Value], instance: &Value) -> Option<usize> {
    let mut admitting = branches
        .iter()
        .enumerate()
        .filter(|(_, branch)| admits(root, branch, instance, 0));
    match (admitting.next(), admitting.next()) {
        (Some((i, _)), None) => Some(i),
        _ => None,
    }
}

/// Whether `node` accepts values of `instance`'s JSON type (any number counts for `integer`).
fn admits(root: &Value, node: &Value, instance: &Value, depth: usize) -> bool {
    let Some(map) = node.as_object() else {
        return node.as_bool().unwrap_or(true);
    };
    // Deep enough for any real schema; a `$ref` cycle just stops deciding.
    if depth > 32 {
        return true;
    }
    if let Some(target) = map
        .get("$ref")
        .and_then(Value::as_str)
        .and_then(|r| r.strip_prefix('#'))
        .and_then(|pointer| root.pointer(pointer))
        && !admits(root, target, instance, depth + 1)
    {
        return false;
    }
    for keyword in ["anyOf", "oneOf"] {
        if let Some(branches) = map.get(keyword).and_then(Value::as_array)
            && !branches
                .iter()
                .any(|b| admits(root, b, instance, depth + 1))
        {
            return false;
        }
    }
    let name = match instance {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    };
    let named = |t: &str| t == name || (t == "integer" && name == "number");
    match map.get("type") {
        Some(Value::String(t)) => named(t),
        Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).any(named),
        _ => true,
    }
}

impl Violation<'_, '_> {
    /// The message for keywords whose wording is about the value itself; the words follow the
    /// `jsonschema` crate's, so they read the same whichever checker ran.
    #[must_use]
    pub fn value_message(&self) -> String {
        let value = &*self.instance;
        let plural =
            |n: u64, one: &'static str, many: &'static str| if n == 1 { one } else { many };
        match &self.kind {
            Kind::Minimum(limit) => format!("{value} is less than the minimum of {limit}"),
            Kind::Maximum(limit) => format!("{value} is greater than the maximum of {limit}"),
            Kind::MinLength(n) => {
                format!(
                    "{value} is shorter than {n} character{}",
                    plural(*n, "", "s")
                )
            }
            Kind::MaxLength(n) => {
                format!(
                    "{value} is longer than {n} character{}",
                    plural(*n, "", "s")
                )
            }
            Kind::MinItems(n) => format!("{value} has less than {n} item{}", plural(*n, "", "s")),
            Kind::MaxItems(n) => format!("{value} has more than {n} item{}", plural(*n, "", "s")),
            Kind::MinProperties(n) => {
                format!(
                    "{value} has less than {n} propert{}",
                    plural(*n, "y", "ies")
                )
            }
            Kind::Pattern(pattern) => format!("{value} does not match \"{pattern}\""),
            Kind::Const(expected) => format!("{expected} was expected"),
            Kind::Other(message) => message.clone(),
            Kind::Type
            | Kind::AnyOf
            | Kind::OneOfNone
            | Kind::OneOfMany
            | Kind::Enum(_)
            | Kind::Unknown(_)
            | Kind::Required(_) => format!("{value} is not allowed here"),
        }
    }

    /// A total order, so findings come out the same whichever checker ran (their iteration
    /// orders differ).
    pub(crate) fn sort_key(&self) -> (String, String, String) {
        (
            self.path.to_string(),
            format!("{:?}", self.kind),
            self.instance.to_string(),
        )
    }
}
