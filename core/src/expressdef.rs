//! ECS Express Mode service inputs: `aws ecs create-express-gateway-service --cli-input-json`
//! files, checked against the ECS API model (`CreateExpressGatewayService`) and the rules the
//! API reference documents:
//! <https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_CreateExpressGatewayService.html>.

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
    if let Some(path) = def.get("healthCheckPath").and_then(Value::as_str)
        && !path.starts_with('/')
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
    let number = |key: &str| def.get(key)?.as_str()?.trim().parse::<u32>().ok();
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
    #[test]
    fn hints_keep_the_path() {
        assert_eq!(super::as_path("health"), "/health");
        assert_eq!(super::as_path("https://docs.example.com/health"), "/health");
        assert_eq!(super::as_path("http://host"), "/");
    }
}
