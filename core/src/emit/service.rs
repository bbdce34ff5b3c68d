//! ECS services in the `aws ecs create-service --cli-input-json` format, with the plan's numbers.

use serde_json::{Map, Value, json};

use super::{Artifact, json_file, names};
use crate::plan::Plan;
use crate::spec::{Service, Spec};

/// One `service/<service>.json` per service.
#[must_use]
pub fn emit(spec: &Spec, plan: &Plan) -> Vec<Artifact> {
    spec.services
        .iter()
        .map(|svc| {
            let desired = super::desired(spec, plan, svc);
            json_file(
                format!("service/{}.json", names::file_stem(svc)),
                &create_service(spec, svc, desired),
            )
        })
        .collect()
}

/// Subnet placeholders, one per zone: docs/cli.md says to replace them.
#[must_use]
pub fn subnet_placeholders(zones: u32) -> Vec<String> {
    (1..=zones.max(1))
        .map(|i| format!("subnet-REPLACE_ME_{i}"))
        .collect()
}

/// Splits the Spot share into capacity provider weights (smallest whole numbers).
#[must_use]
pub fn spot_weights(spot_percent: u32) -> (u32, u32) {
    let spot = spot_percent.min(100);
    let on_demand = 100 - spot;
    let gcd = (1..=100)
        .rev()
        .find(|&d| on_demand.is_multiple_of(d) && spot.is_multiple_of(d))
        .unwrap_or(1);
    (on_demand / gcd, spot / gcd)
}

/// The `CreateService` input of one service with `desired` tasks.
#[must_use]
pub fn create_service(spec: &Spec, svc: &Service, desired: u32) -> Value {
    let d = &svc.deployment;
    let mut out = Map::new();
    out.insert("cluster".into(), json!(spec.app));
    out.insert("serviceName".into(), json!(svc.name));
    out.insert("taskDefinition".into(), json!(names::family(spec, svc)));
    out.insert("desiredCount".into(), json!(desired));
    if svc.capacity.spot_percent == 0 {
        out.insert("launchType".into(), json!("FARGATE"));
    } else {
        let (on_demand, spot) = spot_weights(svc.capacity.spot_percent);
        let mut strategy = Vec::new();
        if on_demand > 0 {
            strategy.push(json!({ "capacityProvider": "FARGATE", "weight": on_demand, "base": 0 }));
        }
        strategy.push(json!({ "capacityProvider": "FARGATE_SPOT", "weight": spot, "base": 0 }));
        out.insert("capacityProviderStrategy".into(), Value::Array(strategy));
    }
    out.insert("platformVersion".into(), json!("LATEST"));
    out.insert(
        "deploymentConfiguration".into(),
        json!({
            "deploymentCircuitBreaker": { "enable": d.circuit_breaker, "rollback": d.rollback },
            "maximumPercent": d.maximum_percent,
            "minimumHealthyPercent": d.minimum_healthy_percent,
        }),
    );
    if let Some(port) = svc.port {
        out.insert(
            "loadBalancers".into(),
            json!([{
                "targetGroupArn": names::target_group_arn(spec, svc),
                "containerName": svc.name,
                "containerPort": port,
            }]),
        );
        out.insert(
            "healthCheckGracePeriodSeconds".into(),
            json!(svc.health_check.grace_period),
        );
    }
    out.insert(
        "networkConfiguration".into(),
        json!({ "awsvpcConfiguration": {
            "subnets": subnet_placeholders(spec.zones.count),
            "securityGroups": ["sg-REPLACE_ME"],
            "assignPublicIp": "DISABLED",
        }}),
    );
    out.insert("enableExecuteCommand".into(), json!(svc.exec));
    out.insert("enableECSManagedTags".into(), json!(true));
    out.insert("propagateTags".into(), json!("SERVICE"));
    out.insert(
        "tags".into(),
        json!([{ "key": "app", "value": spec.app }, { "key": "managed-by", "value": "akplan" }]),
    );
    Value::Object(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spot_weights_are_reduced() {
        assert_eq!(spot_weights(50), (1, 1));
        assert_eq!(spot_weights(25), (3, 1));
        assert_eq!(spot_weights(100), (0, 1));
        assert_eq!(spot_weights(33), (67, 33));
    }
}
