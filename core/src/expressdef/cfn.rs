//! `AWS::ECS::ExpressGatewayService` resources in CloudFormation templates, checked by the same
//! rules as the API's input: the resource's properties are the API's members with a capital
//! letter (`InfrastructureRoleArn`, `PrimaryContainer.Image`).
//! Source: https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ecs-expressgatewayservice.html
//!
//! Values in templates are often intrinsic functions (`!GetAtt Role.Arn`, `!Ref Port`, `!Sub`),
//! which YAML's short forms hand over untagged: a value's type or form is not known until
//! CloudFormation resolves it. So only what does not depend on a value's resolution is an
//! error here: members the API does not know, required members, members that exclude each other,
//! and rules on values written as plain literals.

use serde_json::{Map, Value};

use crate::diagnostic::{Code, Finding};
use crate::pointer::Pointer;

const TYPE: &str = "AWS::ECS::ExpressGatewayService";

/// Whether `json` is a template with at least one Express service resource.
#[must_use]
pub fn detect(json: &Value) -> bool {
    resources(json).next().is_some()
}

fn resources(json: &Value) -> impl Iterator<Item = (&String, &Value)> {
    json.get("Resources")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
        .filter(|(_, r)| r.get("Type").and_then(Value::as_str) == Some(TYPE))
}

/// `InfrastructureRoleArn` → `infrastructureRoleArn`, recursively; values as written, except
/// that an intrinsic function (`{"Ref": ...}`, `{"Fn::...": ...}`) becomes a placeholder string,
/// which every check of a value's form accepts.
fn api_view(v: &Value) -> Value {
    match v {
        Value::Object(m)
            if m.len() == 1 && m.keys().all(|k| k == "Ref" || k.starts_with("Fn::")) =>
        {
            Value::String("${CloudFormation}".to_owned())
        }
        Value::Object(m) => Value::Object(
            m.iter()
                .map(|(k, v)| (lower_first(k), api_view(v)))
                .collect::<Map<String, Value>>(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(api_view).collect()),
        other => other.clone(),
    }
}

fn lower_first(key: &str) -> String {
    let mut chars = key.chars();
    chars
        .next()
        .map_or_else(String::new, |c| c.to_lowercase().chain(chars).collect())
}

/// The template's pointer for a pointer into the API view: each member back to the key as the
/// template writes it.
fn template_path(props: &Value, api_path: &Pointer, base: &Pointer) -> Pointer {
    let mut out = base.clone();
    let mut node = Some(props);
    for token in api_path.tokens() {
        let written = node
            .and_then(Value::as_object)
            .and_then(|m| m.keys().find(|k| lower_first(k) == token))
            .cloned()
            .unwrap_or_else(|| {
                // A member the template lacks (a required one): the API's name, capitalised.
                let mut c = token.chars();
                c.next()
                    .map_or_else(String::new, |f| f.to_uppercase().chain(c).collect())
            });
        node = node.and_then(|n| match n {
            Value::Object(m) => m.get(&written),
            Value::Array(items) => token.parse::<usize>().ok().and_then(|i| items.get(i)),
            _ => None,
        });
        let token = if node.is_some() || out == *base {
            written
        } else {
            token.to_owned()
        };
        out = out.join(token);
    }
    out
}

/// Checks every Express service resource of the template.
#[must_use]
pub fn check(json: &Value) -> Vec<(Finding, bool)> {
    let mut out = Vec::new();
    for (id, resource) in resources(json) {
        let base = Pointer::root()
            .join("Resources")
            .join(id)
            .join("Properties");
        let props = resource
            .get("Properties")
            .cloned()
            .unwrap_or(Value::Object(Map::new()));
        let view = api_view(&props);
        for (finding, at_key) in super::check(&view) {
            // Only what holds whatever the intrinsics resolve to.
            let keep = match finding.code {
                Code::ApiUnknownMember
                | Code::ApiRequired
                | Code::ExpressTaskDefinitionConflict
                | Code::ExpressNoContainer => true,
                Code::ExpressHealthCheckPath | Code::InvalidCpuMemory | Code::ApiEnum => {
                    literal(json, &view, &finding.path)
                }
                _ => false,
            };
            if keep {
                let mut f = finding;
                let api_path = f.path.clone();
                f.path = template_path(&props, &api_path, &base);
                // Say it in the template's words: `InfrastructureRoleArn`, resource `Api`.
                for (api, written) in api_path
                    .tokens()
                    .zip(f.path.tokens().skip(base.tokens().count()))
                {
                    let (from, to) = (format!("`{api}`"), format!("`{written}`"));
                    f.message = f.message.replace(&from, &to);
                    f.hint = f.hint.replace(&from, &to);
                }
                f.message = f.message.replace("the file", &format!("resource `{id}`"));
                out.push((f, at_key));
            }
        }
    }
    out
}

/// Whether the value at `path` (and, for a size, both `cpu` and `memory`) is a plain literal:
/// not a placeholder for an intrinsic, and not what a YAML short form leaves behind untagged
/// (`!Ref Name` as the bare name of a parameter or resource, `!GetAtt Res.Attr`, `!Sub`'s `${}`).
fn literal(template: &Value, view: &Value, path: &Pointer) -> bool {
    let names = |section: &str| {
        template
            .get(section)
            .and_then(Value::as_object)
            .map(|m| m.keys().cloned().collect::<Vec<_>>())
            .unwrap_or_default()
    };
    let (parameters, resources) = (names("Parameters"), names("Resources"));
    let plain = |v: Option<&Value>| match v {
        Some(Value::String(s)) => {
            let head = s.split('.').next().unwrap_or(s);
            !s.contains("${")
                && !s.starts_with("AWS::")
                && !parameters.iter().any(|p| p == s)
                && !resources.iter().any(|r| r == head)
        }
        Some(Value::Number(_)) => true,
        _ => false,
    };
    if path.last() == Some("memory") {
        return plain(view.get("cpu")) && plain(view.get("memory"));
    }
    plain(view.pointer(&path.to_string()))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn template_checks_keep_what_intrinsics_cannot_change() {
        let template = json!({
            "Resources": {
                "Web": {
                    "Type": TYPE,
                    "Properties": {
                        "ExecutionRoleArn": { "Fn::GetAtt": ["ExecRole", "Arn"] },
                        "PrimaryContainer": { "Image": { "Fn::Sub": "${Repo}:1" }, "ContainerPort": { "Ref": "Port" } },
                        "HealthCheckPath": "health",
                        "ScalingTarget": { "MinTaskCount": 1, "MaxTaskCount": 4, "AutoScalingMetrik": "AVERAGE_CPU" }
                    }
                }
            }
        });
        assert!(detect(&template));
        let found: Vec<(String, String)> = check(&template)
            .into_iter()
            .map(|(f, _)| (f.code.to_string(), f.path.to_string()))
            .collect();
        assert!(
            found.contains(&(
                "AKP104".into(),
                "/Resources/Web/Properties/InfrastructureRoleArn".into()
            )),
            "{found:?}"
        );
        assert!(
            found.contains(&(
                "AKP127".into(),
                "/Resources/Web/Properties/HealthCheckPath".into()
            )),
            "{found:?}"
        );
        assert!(
            found.contains(&(
                "AKP100".into(),
                "/Resources/Web/Properties/ScalingTarget/AutoScalingMetrik".into()
            )),
            "{found:?}"
        );
        assert_eq!(
            found.len(),
            3,
            "no error from a value an intrinsic gives: {found:?}"
        );
    }
}
