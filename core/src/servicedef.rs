//! ECS service definitions: `create-service` / `update-service` input (what `akplan emit
//! service` writes) and the service files deploy tools keep (ecspresso's `ecs-service-def.json`),
//! checked against the ECS API model and the deployment rules.

use serde_json::Value;

use crate::diagnostic::{Code, Finding};
use crate::ecs_api::{self, Operation, Relax};
use crate::pointer::Pointer;
use crate::rules::service::deployment_bounds;
use crate::taskdef::normalize;

/// Members that only a service definition has (a task definition or spec has none of them).
const SERVICE_MEMBERS: [&str; 12] = [
    "serviceName",
    "desiredCount",
    "deploymentConfiguration",
    "loadBalancers",
    "networkConfiguration",
    "launchType",
    "capacityProviderStrategy",
    "schedulingStrategy",
    "healthCheckGracePeriodSeconds",
    "deploymentController",
    "serviceRegistries",
    "enableExecuteCommand",
];

/// Fields of `describe-services` output that `create-service` does not accept. Source:
/// https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_Service.html
const READ_ONLY: [&str; 12] = [
    "serviceArn",
    "clusterArn",
    "status",
    "runningCount",
    "pendingCount",
    "events",
    "deployments",
    "createdAt",
    "createdBy",
    "roleArn",
    "taskSets",
    "currentServiceDeployment",
];

/// Whether `json` is a service definition: an object with at least two service-only members
/// (or `serviceName` and one more), and no `containerDefinitions`.
#[must_use]
pub fn detect(json: &Value) -> bool {
    let Some(map) = json.as_object() else {
        return false;
    };
    if map.contains_key("containerDefinitions") {
        return false;
    }
    let hits = SERVICE_MEMBERS
        .iter()
        .filter(|m| map.contains_key(**m))
        .count();
    hits >= 2 || (map.contains_key("service") && hits >= 1)
}

/// Checks a service definition; each finding says whether it is shown at the key.
#[must_use]
pub fn check(json: &Value) -> Vec<(Finding, bool)> {
    let root = Pointer::root();
    let operation = if json.get("service").is_some() && json.get("serviceName").is_none() {
        Operation::UpdateService
    } else {
        Operation::CreateService
    };
    let normalized = normalize::normalize(json, &root, &READ_ONLY, false);
    let def = &normalized.value;
    let mut out: Vec<(Finding, bool)> =
        normalized.findings.into_iter().map(|f| (f, true)).collect();
    // Deploy tools (ecspresso, Copilot's overrides) supply the name themselves.
    let relax = Relax {
        optional_top: &["serviceName"],
    };
    out.extend(
        ecs_api::check(def, operation, &root, relax)
            .into_iter()
            .map(|f| (f.finding, f.at_key)),
    );
    // An update changes only what it names.
    if operation == Operation::CreateService || def.get("deploymentConfiguration").is_some() {
        out.extend(deployment(def).into_iter().map(|f| (f, false)));
    }
    out
}

/// The deployment rules a service definition can be held to on its own.
fn deployment(def: &Value) -> Vec<Finding> {
    let mut out = Vec::new();
    let config = Pointer::root().join("deploymentConfiguration");
    let number = |key: &str| {
        def.pointer(&format!("/deploymentConfiguration/{key}"))?
            .as_u64()
    };
    let rolling = def
        .pointer("/deploymentConfiguration/strategy")
        .and_then(Value::as_str)
        .is_none_or(|s| s == "ROLLING")
        && def
            .pointer("/deploymentController/type")
            .and_then(Value::as_str)
            .is_none_or(|t| t == "ECS");
    if !rolling || def.get("schedulingStrategy").and_then(Value::as_str) == Some("DAEMON") {
        return out;
    }
    let minimum = number("minimumHealthyPercent").unwrap_or(100);
    let maximum = number("maximumPercent").unwrap_or(200);
    if let Some(desired) = def.get("desiredCount").and_then(Value::as_u64)
        && let (Ok(desired), Ok(min32), Ok(max32)) = (
            u32::try_from(desired),
            u32::try_from(minimum),
            u32::try_from(maximum),
        )
    {
        let (least, most) = deployment_bounds(desired, min32, max32);
        if desired > 0 && most <= desired && least >= desired {
            out.push(Finding::new(
                Code::DeploymentStuck,
                &config.join("maximumPercent"),
                format!(
                    "with {desired} tasks, {minimum}% / {maximum}% lets ECS run at most {most} and keep at least {least}: a deployment can neither start nor stop a task"
                ),
                "raise `maximumPercent` (200 is the default) or lower `minimumHealthyPercent`",
            ));
        }
    }
    let balanced = def
        .get("loadBalancers")
        .and_then(Value::as_array)
        .is_some_and(|l| !l.is_empty());
    if balanced && minimum == 0 {
        out.push(Finding::new(
            Code::Downtime,
            &config.join("minimumHealthyPercent"),
            "`minimumHealthyPercent: 0` lets a deployment stop every task behind the load balancer",
            "use 100 (or 50 in development)",
        ));
    }
    let breaker = def.pointer("/deploymentConfiguration/deploymentCircuitBreaker");
    let enabled = breaker
        .and_then(|b| b.get("enable"))
        .and_then(Value::as_bool)
        .unwrap_or(false);
    let rollback = breaker
        .and_then(|b| b.get("rollback"))
        .and_then(Value::as_bool)
        .unwrap_or(false);
    if !enabled && rollback {
        out.push(Finding::new(
            Code::RollbackWithoutBreaker,
            &config.join_all(["deploymentCircuitBreaker", "rollback"]),
            "`rollback` is set but the circuit breaker is not enabled, so nothing rolls back",
            "set `\"enable\": true`",
        ));
    } else if !enabled {
        let at = match breaker {
            Some(_) => config.join_all(["deploymentCircuitBreaker", "enable"]),
            None => config.clone(),
        };
        out.push(Finding::new(
            Code::CircuitBreakerOff,
            &at,
            "the deployment circuit breaker is off: a release that never gets healthy retries forever",
            "add `\"deploymentCircuitBreaker\": {\"enable\": true, \"rollback\": true}`",
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn service_definitions_are_recognised() {
        assert!(detect(
            &json!({"serviceName": "api", "desiredCount": 2, "taskDefinition": "api:3"})
        ));
        assert!(detect(
            &json!({"desiredCount": 2, "launchType": "FARGATE", "loadBalancers": []})
        ));
        assert!(detect(&json!({"service": "api", "desiredCount": 3})));
        assert!(!detect(&json!({"family": "a", "containerDefinitions": []})));
        assert!(!detect(&json!({"name": "pkg", "version": "1.0.0"})));
    }

    #[test]
    fn stuck_bounds_and_unknown_members_are_found() {
        let def = json!({"serviceName": "api", "desiredCount": 2, "launchTyp": "FARGATE",
            "deploymentConfiguration": {"minimumHealthyPercent": 100, "maximumPercent": 100,
            "deploymentCircuitBreaker": {"enable": true, "rollback": true}}});
        let codes: Vec<Code> = check(&def).into_iter().map(|(f, _)| f.code).collect();
        assert_eq!(codes, vec![Code::ApiUnknownMember, Code::DeploymentStuck]);
    }
}
