//! ECS Express Mode service inputs: `aws ecs create-express-gateway-service --cli-input-json`
//! files, checked against the ECS API model (`CreateExpressGatewayService`) and the rules the
//! API reference documents:
//! <https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_CreateExpressGatewayService.html>.

pub mod cfn;
#[cfg(feature = "terraform")]
pub mod terraform;

use serde_json::Value;

use crate::diagnostic::{Code, Finding};
use crate::ecs_api::{self, Operation, Relax};
use crate::facts;
use crate::pointer::Pointer;
use crate::present::{memory as mib, vcpu};
use crate::rules::sizing::nearest_hint;
use crate::task::Arch;
use crate::taskdef::normalize;

/// Members only an Express input has: any one of them, without `containerDefinitions`, makes a
/// file an Express input (a service definition has none of them).
const EXPRESS_MEMBERS: [&str; 3] = ["infrastructureRoleArn", "primaryContainer", "scalingTarget"];

/// The members an Express `primaryContainer` shares with an ECS container definition, under the
/// same names: what import and `emit express` carry across.
pub const SHARED_CONTAINER_MEMBERS: [&str; 5] = [
    "image",
    "command",
    "environment",
    "secrets",
    "repositoryCredentials",
];

/// What `taskDefinitionArn` replaces: the API rejects them beside it (since 2026-06-17).
const REPLACED_BY_TASK_DEFINITION: [&str; 5] = [
    "primaryContainer",
    "executionRoleArn",
    "taskRoleArn",
    "cpu",
    "memory",
];

/// Fields of `describe-express-gateway-service` output that the create call does not take.
const READ_ONLY: [&str; 5] = [
    "serviceArn",
    "status",
    "createdAt",
    "updatedAt",
    "activeConfigurations",
];

/// Whether `json` is an Express service input.
#[must_use]
pub fn detect(json: &Value) -> bool {
    json.as_object().is_some_and(|map| {
        !map.contains_key("containerDefinitions")
            && EXPRESS_MEMBERS.iter().any(|m| map.contains_key(*m))
    })
}

/// Checks an Express input; each finding says whether it is shown at the key.
#[must_use]
pub fn check(json: &Value) -> Vec<(Finding, bool)> {
    let root = Pointer::root();
    let normalized = normalize::normalize(json, &root, &READ_ONLY, false);
    let def = &normalized.value;
    let mut out: Vec<(Finding, bool)> =
        normalized.findings.into_iter().map(|f| (f, true)).collect();
    out.extend(
        ecs_api::check(
            def,
            Operation::CreateExpressGatewayService,
            &root,
            Relax { optional_top: &[] },
        )
        .into_iter()
        .map(|f| (f.finding, f.at_key)),
    );
    let has = |key: &str| def.get(key).is_some();
    if has("taskDefinitionArn") {
        for key in REPLACED_BY_TASK_DEFINITION.iter().filter(|k| has(k)) {
            out.push((
                Finding::new(
                    Code::ExpressTaskDefinitionConflict,
                    &root.join(key),
                    format!(
                        "`{key}` beside `taskDefinitionArn`: the task definition already says it"
                    ),
                    format!("remove `{key}` (or `taskDefinitionArn`)"),
                ),
                true,
            ));
        }
    } else if !has("primaryContainer") {
        out.push((
            Finding::new(
                Code::ExpressNoContainer,
                &root,
                "neither `primaryContainer` nor `taskDefinitionArn`: the Express service has nothing to run",
                "add `\"primaryContainer\": {\"image\": \"...\"}`, or `taskDefinitionArn`",
            ),
            false,
        ));
    }
    // A template placeholder (`${HEALTH_PATH}`, a Terraform reference) is filled in later.
    if let Some(path) = def.get("healthCheckPath").and_then(Value::as_str)
        && !path.starts_with('/')
        && !crate::placeholder::contains(path)
    {
        out.push((
            Finding::new(
                Code::ExpressHealthCheckPath,
                &root.join("healthCheckPath"),
                format!("health check path `{path}` does not start with `/`"),
                format!("write `{}`", as_path(path)),
            ),
            false,
        ));
    }
    out.extend(size(def).into_iter().map(|f| (f, false)));
    out
}

/// The family an Express input's `taskDefinitionArn` names (`arn:...:task-definition/web:3`,
/// `web:3` or `web`), if any.
#[must_use]
pub fn named_family(json: &Value) -> Option<String> {
    let arn = json.get("taskDefinitionArn")?.as_str()?;
    let tail = arn.rsplit('/').next().unwrap_or(arn);
    let family = tail.split(':').next().unwrap_or(tail);
    (!family.is_empty() && !crate::placeholder::is_templated(&Value::String(family.to_owned())))
        .then(|| family.to_owned())
}

/// What a task definition needs to run under Express (`taskDefinitionArn`): `FARGATE`
/// compatibility, a container named `Main` with exactly one named TCP port mapping. `root` is
/// where the definition sits in its file.
#[must_use]
pub fn task_for_express(td: &Value, root: &Pointer) -> Vec<Finding> {
    let mut out = Vec::new();
    let finding = |path: &Pointer, message: String, hint: &str| {
        Finding::new(Code::ExpressTaskDefinitionShape, path, message, hint)
    };
    let fargate = td
        .get("requiresCompatibilities")
        .and_then(Value::as_array)
        .is_some_and(|c| {
            c.iter()
                .any(|v| v.as_str() == Some("FARGATE") || crate::placeholder::is_templated(v))
        });
    if !fargate {
        out.push(finding(
            &root.join("requiresCompatibilities"),
            "an Express service names this task definition, which is not compatible with `FARGATE`"
                .to_owned(),
            "add `\"requiresCompatibilities\": [\"FARGATE\"]`",
        ));
    }
    let containers = td.get("containerDefinitions").and_then(Value::as_array);
    let main = containers.and_then(|cs| {
        cs.iter()
            .position(|c| c.get("name").and_then(Value::as_str) == Some("Main"))
    });
    let Some(i) = main else {
        out.push(finding(
            &root.join("containerDefinitions"),
            "an Express service names this task definition, which has no container named `Main`"
                .to_owned(),
            "name the container Express puts behind its load balancer `Main`",
        ));
        return out;
    };
    let at = root.join("containerDefinitions").join(i);
    let ports: Vec<&Value> = containers
        .and_then(|cs| cs[i].get("portMappings"))
        .and_then(Value::as_array)
        .map(|p| p.iter().collect())
        .unwrap_or_default();
    match ports.as_slice() {
        [p] => {
            let tcp = p
                .get("protocol")
                .and_then(Value::as_str)
                .is_none_or(|proto| proto == "tcp");
            if p.get("name").and_then(Value::as_str).is_none_or(str::is_empty) || !tcp {
                out.push(finding(
                    &at.join("portMappings").join(0),
                    "the `Main` container's port mapping must be named and TCP for Express".to_owned(),
                    "add `\"name\": \"http\"` (and `\"protocol\": \"tcp\"`)",
                ));
            }
        }
        _ => out.push(finding(
            &at.join("portMappings"),
            format!(
                "the `Main` container has {} port mappings; Express needs exactly one, named and TCP",
                ports.len()
            ),
            "keep the one port the load balancer should reach, with a `name`",
        )),
    }
    out
}

/// The path part of what was written: `health` → `/health`, a full URL → its path.
fn as_path(written: &str) -> String {
    match written.split_once("://") {
        Some((_, rest)) => rest
            .find('/')
            .map_or_else(|| "/".to_owned(), |i| rest[i..].to_owned()),
        None => format!("/{written}"),
    }
}

/// Express runs Fargate tasks: a `cpu` and `memory` given together must be a Fargate size.
fn size(def: &Value) -> Option<Finding> {
    // A string as the API takes it, or a number (Terraform's `cpu = 1024`).
    let number = |key: &str| {
        let v = def.get(key)?;
        v.as_str()
            .and_then(|t| t.trim().parse::<u32>().ok())
            .or_else(|| v.as_u64().and_then(|n| u32::try_from(n).ok()))
    };
    let (cpu, memory) = (number("cpu")?, number("memory")?);
    let valid = facts::cpu_size(cpu).is_some_and(|s| s.allows(memory));
    let arch = match def.get("cpuArchitecture").and_then(Value::as_str) {
        Some("ARM64") => Arch::Arm64,
        _ => Arch::X86_64,
    };
    (!valid).then(|| {
        Finding::new(
            Code::InvalidCpuMemory,
            &Pointer::root().join("memory"),
            format!(
                "{cpu} CPU units ({}) with {} is not a Fargate task size",
                vcpu(cpu),
                mib(memory)
            ),
            nearest_hint("us-east-1", arch, cpu, memory),
        )
    })
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn a_task_definition_for_express_needs_fargate_main_and_one_named_tcp_port() {
        let td = |compat: &str, ports: serde_json::Value| {
            json!({
                "family": "web",
                "requiresCompatibilities": [compat],
                "containerDefinitions": [{ "name": "Main", "image": "x:1", "portMappings": ports }]
            })
        };
        let codes = |v: &serde_json::Value| {
            task_for_express(v, &Pointer::root())
                .iter()
                .map(|f| f.path.to_string())
                .collect::<Vec<_>>()
        };
        let named = json!([{ "name": "http", "containerPort": 80 }]);
        assert!(codes(&td("FARGATE", named.clone())).is_empty());
        assert_eq!(codes(&td("EC2", named)), ["/requiresCompatibilities"]);
        assert_eq!(
            codes(&td("FARGATE", json!([{ "containerPort": 80 }]))),
            ["/containerDefinitions/0/portMappings/0"]
        );
        assert_eq!(
            codes(&td(
                "FARGATE",
                json!([{ "name": "dns", "containerPort": 53, "protocol": "udp" }])
            )),
            ["/containerDefinitions/0/portMappings/0"]
        );
        assert_eq!(
            codes(&td(
                "FARGATE",
                json!([{ "name": "a", "containerPort": 80 }, { "name": "b", "containerPort": 81 }])
            )),
            ["/containerDefinitions/0/portMappings"]
        );
        assert_eq!(
            named_family(
                &json!({ "taskDefinitionArn": "arn:aws:ecs:us-east-1:1:task-definition/web:3" })
            ),
            Some("web".to_owned())
        );
        assert_eq!(
            named_family(&json!({ "taskDefinitionArn": "web" })),
            Some("web".to_owned())
        );
    }

    #[test]
    fn hints_keep_the_path() {
        assert_eq!(super::as_path("health"), "/health");
        assert_eq!(super::as_path("https://docs.example.com/health"), "/health");
        assert_eq!(super::as_path("http://host"), "/");
    }
}
