//! A checker for the part of JSON Schema 2020-12 that the spec schema uses.
//!
//! The web page cannot afford the `jsonschema` crate: with its regex engines it was most of the
//! page's download. This checker covers exactly the keywords schemars generates for the spec
//! types, refuses a schema with any other keyword (so a new schemars version cannot silently
//! weaken it), and is tested to report what the `jsonschema` crate reports.

use std::borrow::Cow;
use std::collections::BTreeMap;

use regex_lite::Regex;
use serde_json::{Map, Number, Value};

use super::violation::{Kind, Violation, meant_branch};
use crate::pointer::Pointer;

/// Keywords that only annotate: they never fail a value.
const ANNOTATIONS: &[&str] = &[
    "$schema",
    "$id",
    "$comment",
    "title",
    "description",
    "default",
    "examples",
    "format",
    "deprecated",
    "readOnly",
    "writeOnly",
];

/// Keywords that [`Subset::check`] evaluates.
const ASSERTIONS: &[&str] = &[
    "$ref",
    "$defs",
    "type",
    "const",
    "enum",
    "anyOf",
    "oneOf",
    "minimum",
    "maximum",
    "minLength",
    "maxLength",
    "pattern",
    "items",
    "minItems",
    "maxItems",
    "properties",
    "required",
    "additionalProperties",
    "minProperties",
    "propertyNames",
];

/// A compiled schema: the schema itself and its patterns, ready to check values against.
#[derive(Debug)]
pub struct Subset<'s> {
    root: &'s Value,
    patterns: BTreeMap<&'s str, Regex>,
}

impl<'s> Subset<'s> {
    /// Compiles `root`.
    ///
    /// # Errors
    /// The first keyword outside the subset, a `$ref` that does not resolve, or a pattern that
    /// does not compile, as a message naming its schema path.
    pub fn compile(root: &'s Value) -> Result<Self, String> {
        let mut subset = Self {
            root,
            patterns: BTreeMap::new(),
        };
        subset.prepare(root, "")?;
        Ok(subset)
    }

    fn prepare(&mut self, node: &'s Value, at: &str) -> Result<(), String> {
        let map = match node {
            Value::Bool(_) => return Ok(()),
            Value::Object(map) => map,
            _ => return Err(format!("{at}: a schema must be an object or a boolean")),
        };
        for (keyword, value) in map {
            let here = format!("{at}/{keyword}");
            match keyword.as_str() {
                "properties" | "$defs" => {
                    for (name, sub) in value.as_object().into_iter().flatten() {
                        self.prepare(sub, &format!("{here}/{name}"))?;
                    }
                }
                "anyOf" | "oneOf" => {
                    for (i, sub) in value.as_array().into_iter().flatten().enumerate() {
                        self.prepare(sub, &format!("{here}/{i}"))?;
                    }
                }
                "items" | "additionalProperties" | "propertyNames" => self.prepare(value, &here)?,
                "$ref" => {
                    self.resolve(value)
                        .ok_or_else(|| format!("{here}: unresolvable reference {value}"))?;
                }
                "pattern" => {
                    let pattern = value
                        .as_str()
                        .ok_or_else(|| format!("{here}: not a string"))?;
                    let regex = Regex::new(pattern).map_err(|e| format!("{here}: {e}"))?;
                    self.patterns.insert(pattern, regex);
                }
                k if ASSERTIONS.contains(&k) || ANNOTATIONS.contains(&k) => {}
                other => return Err(format!("{at}: keyword `{other}` is not supported")),
            }
        }
        Ok(())
    }

    fn resolve(&self, reference: &Value) -> Option<&'s Value> {
        let target = reference.as_str()?.strip_prefix('#')?;
        self.root.pointer(target)
    }

    /// Every violation of the schema by `instance`.
    #[must_use]
    pub fn violations<'i>(&self, instance: &'i Value) -> Vec<Violation<'s, 'i>> {
        let mut out = Vec::new();
        self.check(self.root, Cow::Borrowed(instance), &Trail::Root, &mut out);
        out
    }

    fn is_valid(&self, node: &'s Value, instance: &Value) -> bool {
        let mut out = Vec::new();
        self.check(node, Cow::Borrowed(instance), &Trail::Root, &mut out);
        out.is_empty()
    }

    fn check<'i>(
        &self,
        node: &'s Value,
        instance: Cow<'i, Value>,
        path: &Trail<'_>,
        out: &mut Vec<Violation<'s, 'i>>,
    ) {
        let map = match node {
            Value::Object(map) => map,
            Value::Bool(true) => return,
            _ => {
                out.push(self.violation(
                    node,
                    &instance,
                    path,
                    Kind::Other(format!("False schema does not allow {instance}")),
                ));
                return;
            }
        };
        if let Some(target) = map.get("$ref").and_then(|r| self.resolve(r)) {
            self.check(target, instance.clone(), path, out);
        }
        for kind in self.own_keywords(map, &instance) {
            out.push(self.violation(node, &instance, path, kind));
        }
        if let Some(branches) = map.get("anyOf").and_then(Value::as_array)
            && !branches.iter().any(|b| self.is_valid(b, &instance))
        {
            match meant_branch(self.root, branches, &instance) {
                Some(i) => self.check(&branches[i], instance.clone(), path, out),
                None => out.push(self.violation(node, &instance, path, Kind::AnyOf)),
            }
        }
        // Only borrowed values have members: an owned one is a `propertyNames` key.
        match instance {
            Cow::Borrowed(Value::Array(items)) => {
                if let Some(item_schema) = map.get("items") {
                    for (i, item) in items.iter().enumerate() {
                        self.check(
                            item_schema,
                            Cow::Borrowed(item),
                            &Trail::Index(path, i),
                            out,
                        );
                    }
                }
            }
            Cow::Borrowed(whole @ Value::Object(object)) => {
                self.check_members(node, map, whole, object, path, out);
            }
            _ => {}
        }
    }

    /// `properties`, `additionalProperties` and `propertyNames`: they descend into the members.
    fn check_members<'i>(
        &self,
        node: &'s Value,
        map: &'s Map<String, Value>,
        whole: &'i Value,
        object: &'i Map<String, Value>,
        path: &Trail<'_>,
        out: &mut Vec<Violation<'s, 'i>>,
    ) {
        let properties = map.get("properties").and_then(Value::as_object);
        let mut unknown = Vec::new();
        for (key, value) in object {
            if let Some(schema) = properties.and_then(|p| p.get(key)) {
                self.check(schema, Cow::Borrowed(value), &Trail::Key(path, key), out);
                continue;
            }
            match map.get("additionalProperties") {
                Some(Value::Bool(false)) => unknown.push(key.clone()),
                Some(schema @ Value::Object(_)) => {
                    self.check(schema, Cow::Borrowed(value), &Trail::Key(path, key), out);
                }
                _ => {}
            }
        }
        if !unknown.is_empty() {
            out.push(Violation {
                path: path.pointer(),
                node,
                instance: Cow::Borrowed(whole),
                key: false,
                kind: Kind::Unknown(unknown),
            });
        }
        if let Some(names) = map.get("propertyNames") {
            for key in object.keys() {
                let mut about_key = Vec::new();
                let name = Cow::Owned(Value::String(key.clone()));
                self.check(names, name, &Trail::Key(path, key), &mut about_key);
                out.extend(about_key.into_iter().map(|v| Violation { key: true, ..v }));
            }
        }
    }

    /// The keywords of `node` that judge `instance` as a whole (`anyOf` aside: it may descend).
    /// One pass over the node's few keywords, rather than a lookup for each keyword known.
    fn own_keywords(&self, map: &Map<String, Value>, instance: &Value) -> Vec<Kind> {
        let mut kinds = Vec::new();
        for (keyword, value) in map {
            if keyword == "required" {
                if let Value::Object(object) = instance {
                    let missing = value
                        .as_array()
                        .into_iter()
                        .flatten()
                        .filter_map(Value::as_str)
                        .filter(|name| !object.contains_key(*name));
                    kinds.extend(missing.map(|name| Kind::Required(name.to_owned())));
                }
            } else if let Some(kind) = self.keyword(keyword, value, instance) {
                kinds.push(kind);
            }
        }
        kinds
    }

    /// One keyword's verdict on `instance`, if it fails.
    fn keyword(&self, keyword: &str, value: &Value, instance: &Value) -> Option<Kind> {
        let count = |n: usize| n as u64;
        let fails = match (keyword, instance) {
            ("type", _) => !has_type(value, instance),
            ("const", _) => !equal(value, instance),
            ("enum", _) => !value
                .as_array()
                .is_some_and(|o| o.iter().any(|option| equal(option, instance))),
            ("oneOf", _) => {
                let branches = value.as_array()?;
                return match branches
                    .iter()
                    .filter(|b| self.is_valid(b, instance))
                    .count()
                {
                    0 => Some(Kind::OneOfNone),
                    1 => None,
                    _ => Some(Kind::OneOfMany),
                };
            }
            ("minimum", Value::Number(n)) => compare(n, value.as_number()?).is_lt(),
            ("maximum", Value::Number(n)) => compare(n, value.as_number()?).is_gt(),
            ("minLength", Value::String(s)) => count(s.chars().count()) < value.as_u64()?,
            ("maxLength", Value::String(s)) => count(s.chars().count()) > value.as_u64()?,
            ("pattern", Value::String(s)) => !self
                .patterns
                .get(value.as_str()?)
                .is_some_and(|r| r.is_match(s)),
            ("minItems", Value::Array(items)) => count(items.len()) < value.as_u64()?,
            ("maxItems", Value::Array(items)) => count(items.len()) > value.as_u64()?,
            ("minProperties", Value::Object(o)) => count(o.len()) < value.as_u64()?,
            _ => false,
        };
        if !fails {
            return None;
        }
        let limit = || value.as_u64().unwrap_or_default();
        Some(match keyword {
            "type" => Kind::Type,
            "const" => Kind::Const(value.clone()),
            "enum" => Kind::Enum(value.clone()),
            "minimum" => Kind::Minimum(value.clone()),
            "maximum" => Kind::Maximum(value.clone()),
            "minLength" => Kind::MinLength(limit()),
            "maxLength" => Kind::MaxLength(limit()),
            "pattern" => Kind::Pattern(value.as_str().unwrap_or_default().to_owned()),
            "minItems" => Kind::MinItems(limit()),
            "maxItems" => Kind::MaxItems(limit()),
            _ => Kind::MinProperties(limit()),
        })
    }

    fn violation<'i>(
        &self,
        node: &'s Value,
        instance: &Cow<'i, Value>,
        path: &Trail<'_>,
        kind: Kind,
    ) -> Violation<'s, 'i> {
        Violation {
            path: path.pointer(),
            node,
            instance: instance.clone(),
            key: false,
            kind,
        }
    }
}

/// Where the checker is in the instance: built on the stack as it descends, and turned into a
/// [`Pointer`] only for a violation (most values have none).
enum Trail<'a> {
    Root,
    Key(&'a Trail<'a>, &'a str),
    Index(&'a Trail<'a>, usize),
}

impl Trail<'_> {
    fn pointer(&self) -> Pointer {
        match self {
            Trail::Root => Pointer::root(),
            Trail::Key(parent, key) => parent.pointer().join(key),
            Trail::Index(parent, i) => parent.pointer().join(i),
        }
    }
}

/// The `type` keyword: one name or a list of names.
fn has_type(types: &Value, instance: &Value) -> bool {
    let is = |name: &str| match (name, instance) {
        ("null", Value::Null)
        | ("boolean", Value::Bool(_))
        | ("object", Value::Object(_))
        | ("array", Value::Array(_))
        | ("number", Value::Number(_))
        | ("string", Value::String(_)) => true,
        ("integer", Value::Number(n)) => is_integer(n),
        _ => false,
    };
    match types {
        Value::String(name) => is(name),
        Value::Array(names) => names.iter().filter_map(Value::as_str).any(is),
        _ => true,
    }
}

/// In 2020-12, `1.0` is an integer: what counts is the value, not how it was written.
fn is_integer(n: &Number) -> bool {
    n.is_i64() || n.is_u64() || n.as_f64().is_some_and(|f| f.fract() == 0.0)
}

/// JSON equality with numbers compared by value (`1` equals `1.0`).
fn equal(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => compare(x, y).is_eq(),
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| equal(p, q))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| equal(v, w)))
        }
        _ => a == b,
    }
}

/// Numbers compared exactly: integers as integers, and an integer against a float without
/// rounding the integer first.
fn compare(a: &Number, b: &Number) -> std::cmp::Ordering {
    use std::cmp::Ordering;
    let int = |n: &Number| {
        n.as_i64()
            .map(i128::from)
            .or_else(|| n.as_u64().map(i128::from))
    };
    match (int(a), int(b)) {
        (Some(x), Some(y)) => x.cmp(&y),
        (Some(x), None) => int_vs_float(x, b.as_f64().unwrap_or(f64::NAN)),
        (None, Some(y)) => int_vs_float(y, a.as_f64().unwrap_or(f64::NAN)).reverse(),
        (None, None) => {
            let (x, y) = (a.as_f64().unwrap_or(0.0), b.as_f64().unwrap_or(0.0));
            x.partial_cmp(&y).unwrap_or(Ordering::Equal)
        }
    }
}

fn int_vs_float(int: i128, float: f64) -> std::cmp::Ordering {
    use std::cmp::Ordering;
    // Every i64/u64 lies strictly inside ±2^65, so a float outside that range decides alone;
    // inside it, the float's floor is an exact i128 and the fraction breaks ties.
    const BOUND: f64 = 36_893_488_147_419_103_232.0; // 2^65
    if float.is_nan() {
        return Ordering::Equal;
    }
    if float >= BOUND {
        return Ordering::Less;
    }
    if float <= -BOUND {
        return Ordering::Greater;
    }
    let floor = float.floor();
    #[allow(clippy::cast_possible_truncation)] // in range: checked above
    let whole = floor as i128;
    match int.cmp(&whole) {
        Ordering::Equal if float > floor => Ordering::Less,
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integers_compare_exactly_against_floats() {
        let n = |text: &str| serde_json::from_str::<Number>(text).expect("number");
        assert!(compare(&n("9007199254740993"), &n("9007199254740992.0")).is_gt());
        assert!(compare(&n("1"), &n("1.0")).is_eq());
        assert!(compare(&n("-1"), &n("-0.5")).is_lt());
        assert!(compare(&n("18446744073709551615"), &n("1e300")).is_lt());
        assert!(compare(&n("0.5"), &n("0")).is_gt());
    }

    #[test]
    fn keywords_outside_the_subset_are_refused() {
        let schema = serde_json::json!({"type": "object", "if": {"type": "string"}});
        let err = Subset::compile(&schema).expect_err("`if` is not in the subset");
        assert!(err.contains("`if`"), "{err}");
    }
}
