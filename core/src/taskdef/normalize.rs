//! Task and service definitions as they live in repositories: `null`s from console exports and
//! read-only fields from `describe-task-definition` output.
//!
//! The AWS CLI rejects both; aws-actions/amazon-ecs-deploy-task-definition strips both before
//! registering (https://github.com/aws-actions/amazon-ecs-deploy-task-definition). akplan reads
//! the file as the deploy action would, and says once per file what it set aside.

use serde_json::Value;

use crate::diagnostic::{Code, Finding, Fix, FixEdit};
use crate::pointer::Pointer;

/// Top-level members that `DescribeTaskDefinition` reports and `RegisterTaskDefinition` does not
/// accept. Source: https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_TaskDefinition.html
pub const READ_ONLY: [&str; 9] = [
    "taskDefinitionArn",
    "revision",
    "status",
    "requiresAttributes",
    "compatibilities",
    "registeredAt",
    "registeredBy",
    "deregisteredAt",
    "deleteRequestedAt",
];

/// A definition with `null`s and read-only members removed, and what was removed.
#[derive(Debug, Clone)]
pub struct Normalized {
    /// The definition as the deploy action would register it.
    pub value: Value,
    /// The findings about what was removed (at most one per kind), shown at the key.
    pub findings: Vec<Finding>,
}

/// Removes `null` members everywhere and, when `read_only` is given, those top-level members.
/// `wrapped` says the definition sat inside a `{"taskDefinition": ...}` wrapper.
#[must_use]
pub fn normalize(value: &Value, root: &Pointer, read_only: &[&str], wrapped: bool) -> Normalized {
    let mut value = value.clone();
    let mut nulls = Vec::new();
    strip_nulls(&mut value, root, &mut nulls);
    let mut findings = Vec::new();
    if let Some(first) = nulls.first() {
        findings.push(Finding::new(
            Code::NullValues,
            first,
            format!(
                "{} `null` value{} (first: `{}`); akplan reads them as absent",
                nulls.len(),
                if nulls.len() == 1 { "" } else { "s" },
                first.last().unwrap_or_default()
            ),
            "the AWS CLI rejects `null`s (the deploy action drops them): remove them, e.g. `jq 'del(..|nulls)'`",
        )
        .with_fix(|| removal("Remove the `null` values", &nulls)));
    }
    let mut removed = Vec::new();
    if let Value::Object(map) = &mut value {
        for key in read_only {
            if map.shift_remove(*key).is_some() {
                removed.push(*key);
            }
        }
    }
    if !removed.is_empty() || wrapped {
        let at = match removed.first() {
            Some(key) => root.join(key),
            None => root.clone(),
        };
        let what = if removed.is_empty() {
            "`describe-task-definition` output".to_owned()
        } else {
            let names: Vec<String> = removed.iter().map(|k| format!("`{k}`")).collect();
            format!(
                "{}describe output field{} {}",
                if wrapped {
                    "wrapped `describe-task-definition` output with read-only "
                } else {
                    "read-only "
                },
                if removed.len() == 1 { "" } else { "s" },
                names.join(", ")
            )
        };
        findings.push(Finding::new(
            Code::ReadOnlyFields,
            &at,
            format!("{what}: `register-task-definition` does not accept them"),
            "the deploy action strips them; for the AWS CLI, keep only the task definition's input members",
        )
        .with_fixes(|| {
            let paths: Vec<Pointer> = removed.iter().map(|k| root.join(k)).collect();
            if paths.is_empty() {
                Vec::new()
            } else {
                vec![removal("Remove the read-only fields", &paths)]
            }
        }));
    }
    Normalized { value, findings }
}

/// What the deploy action does, as a safe fix: remove these members.
fn removal(title: &str, paths: &[Pointer]) -> Fix {
    Fix {
        title: title.to_owned(),
        safe: true,
        edits: paths
            .iter()
            .map(|p| FixEdit::Remove { path: p.clone() })
            .collect(),
    }
}

/// Removes `null` object members, depth first, collecting their pointers in file order.
fn strip_nulls(value: &mut Value, path: &Pointer, nulls: &mut Vec<Pointer>) {
    match value {
        Value::Object(map) => {
            for (key, child) in map.iter_mut() {
                if child.is_null() {
                    nulls.push(path.join(key));
                } else {
                    strip_nulls(child, &path.join(key), nulls);
                }
            }
            map.retain(|_, v| !v.is_null());
        }
        Value::Array(items) => {
            for (i, item) in items.iter_mut().enumerate() {
                strip_nulls(item, &path.join(i), nulls);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn nulls_and_read_only_fields_are_removed_and_counted() {
        let td = json!({"family": "a", "revision": 3, "status": "ACTIVE", "cpu": null,
            "containerDefinitions": [{"name": "a", "healthCheck": null, "command": null}]});
        let n = normalize(&td, &Pointer::root(), &READ_ONLY, false);
        assert_eq!(
            n.value,
            json!({"family": "a", "containerDefinitions": [{"name": "a"}]})
        );
        let codes: Vec<Code> = n.findings.iter().map(|f| f.code).collect();
        assert_eq!(codes, vec![Code::NullValues, Code::ReadOnlyFields]);
        assert!(n.findings[0].message.starts_with("3 `null` values"));
        assert_eq!(n.findings[1].path.to_string(), "/revision");
    }
}
