//! Structural checking with the `jsonschema` crate: the complete JSON Schema implementation the
//! CLI uses. Its errors are turned into the same [`Violation`]s as [`super::subset`]'s.

use std::borrow::Cow;
use std::sync::OnceLock;

use jsonschema::ValidationError;
use jsonschema::error::ValidationErrorKind;
use serde_json::Value;

use super::violation::{Kind, Violation, meant_branch};
use crate::pointer::Pointer;

fn validator(schema: &Value) -> Option<&'static jsonschema::Validator> {
    static VALIDATOR: OnceLock<Option<jsonschema::Validator>> = OnceLock::new();
    VALIDATOR
        .get_or_init(|| jsonschema::validator_for(schema).ok())
        .as_ref()
}

/// Every violation of `schema` (always the spec schema: the compiled validator is cached) by
/// `instance`, or `None` if the schema does not compile.
#[must_use]
pub fn violations<'s, 'i>(
    schema: &'s Value,
    instance: &'i Value,
) -> Option<Vec<Violation<'s, 'i>>> {
    let validator = validator(schema)?;
    let mut out = Vec::new();
    for error in validator.iter_errors(instance) {
        convert(schema, &error, &mut out);
    }
    Some(out)
}

fn convert<'s, 'i>(
    schema: &'s Value,
    error: &ValidationError<'i>,
    out: &mut Vec<Violation<'s, 'i>>,
) {
    let mut path = Pointer::parse(error.instance_path().as_str());
    // `propertyNames` wraps the error about the key: report the key itself.
    let (error, instance, key): (&ValidationError<'_>, Cow<'i, Value>, bool) = match error.kind() {
        ValidationErrorKind::PropertyNames { error: inner } => {
            let name = inner.instance().clone().into_owned();
            path = path.join(name.as_str().unwrap_or_default());
            (&**inner, Cow::Owned(name), true)
        }
        _ => (error, error.instance().clone(), false),
    };
    let kind = error.kind();
    let schema_path: Vec<String> = error
        .schema_path()
        .as_str()
        .split('/')
        .skip(1)
        .map(|t| t.replace("~1", "/").replace("~0", "~"))
        .collect();
    let keyword_parent = &schema_path[..schema_path.len().saturating_sub(1)];
    let node = schema_node(schema, keyword_parent).unwrap_or(schema);
    if let ValidationErrorKind::AnyOf { context } = kind
        && let Some(branches) = node.get("anyOf").and_then(Value::as_array)
        && let Some(i) = meant_branch(schema, branches, &instance)
        && let Some(errors) = context.get(i)
    {
        for nested in errors {
            convert(schema, nested, out);
        }
        return;
    }
    let kind = match kind {
        ValidationErrorKind::Type { .. } => Kind::Type,
        ValidationErrorKind::AnyOf { .. } => Kind::AnyOf,
        ValidationErrorKind::OneOfNotValid { .. } => Kind::OneOfNone,
        ValidationErrorKind::OneOfMultipleValid { .. } => Kind::OneOfMany,
        ValidationErrorKind::Constant { expected_value } => Kind::Const((**expected_value).clone()),
        ValidationErrorKind::Enum { options } => Kind::Enum((**options).clone()),
        ValidationErrorKind::AdditionalProperties { unexpected } => {
            Kind::Unknown(unexpected.clone())
        }
        ValidationErrorKind::Required { property } => {
            Kind::Required(property.as_str().unwrap_or_default().to_owned())
        }
        ValidationErrorKind::Minimum { limit } => Kind::Minimum(limit.clone()),
        ValidationErrorKind::Maximum { limit } => Kind::Maximum(limit.clone()),
        ValidationErrorKind::MinLength { limit } => Kind::MinLength(*limit),
        ValidationErrorKind::MaxLength { limit } => Kind::MaxLength(*limit),
        ValidationErrorKind::MinItems { limit } => Kind::MinItems(*limit),
        ValidationErrorKind::MaxItems { limit } => Kind::MaxItems(*limit),
        ValidationErrorKind::MinProperties { limit } => Kind::MinProperties(*limit),
        ValidationErrorKind::Pattern { pattern } => Kind::Pattern(pattern.clone()),
        _ => Kind::Other(error.to_string()),
    };
    out.push(Violation {
        path,
        node,
        instance,
        key,
        kind,
    });
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
