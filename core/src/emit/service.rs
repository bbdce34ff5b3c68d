//! ECS services in the `aws ecs create-service --cli-input-json` format, with the plan's numbers.

use serde_json::{Map, Value, json};

use super::{Artifact, json_file, names, taskdef};
use crate::infra::{CapacityMix, Infra, ServiceInfra};

/// One `service/<service>.json` per service.
#[must_use]
pub fn emit(infra: &Infra) -> Vec<Artifact> {
    infra
        .services
        .iter()
        .map(|svc| {
            json_file(
                format!("service/{}.json", names::file_stem(&svc.name)),
                &create_service(infra, svc),
            )
        })
        .collect()
}

/// The `CreateService` input of one service.
#[must_use]
pub fn create_service(infra: &Infra, svc: &ServiceInfra) -> Value {
    let s = &svc.service;
    let mut out = Map::new();
    out.insert("cluster".into(), json!(infra.app));
    out.insert("serviceName".into(), json!(s.name));
    out.insert("taskDefinition".into(), json!(svc.family));
    out.insert("desiredCount".into(), json!(s.desired));
    match s.capacity {
        CapacityMix::OnDemand => {
            out.insert("launchType".into(), json!("FARGATE"));
        }
        CapacityMix::Providers { on_demand, spot } => {
            let mut strategy = Vec::new();
            if on_demand > 0 {
                strategy
                    .push(json!({ "capacityProvider": "FARGATE", "weight": on_demand, "base": 0 }));
            }
            strategy.push(json!({ "capacityProvider": "FARGATE_SPOT", "weight": spot, "base": 0 }));
            out.insert("capacityProviderStrategy".into(), Value::Array(strategy));
        }
    }
    out.insert("platformVersion".into(), json!("LATEST"));
    out.insert(
        "deploymentConfiguration".into(),
        json!({
            "deploymentCircuitBreaker": { "enable": s.circuit_breaker, "rollback": s.rollback },
            "maximumPercent": s.maximum_percent,
            "minimumHealthyPercent": s.minimum_healthy_percent,
        }),
    );
    if let Some(lb) = &svc.load_balancer {
        out.insert(
            "loadBalancers".into(),
            json!([{
                "targetGroupArn": lb.target_group_arn.text(),
                "containerName": lb.container,
                "containerPort": lb.port,
            }]),
        );
        out.insert(
            "healthCheckGracePeriodSeconds".into(),
            json!(lb.grace_period),
        );
    }
    out.insert(
        "networkConfiguration".into(),
        json!({ "awsvpcConfiguration": {
            "subnets": s.subnets,
            "securityGroups": ["sg-REPLACE_ME"],
            "assignPublicIp": "DISABLED",
        }}),
    );
    out.insert("enableExecuteCommand".into(), json!(s.exec));
    out.insert("enableECSManagedTags".into(), json!(true));
    out.insert("propagateTags".into(), json!("SERVICE"));
    out.insert("tags".into(), taskdef::tags(infra));
    Value::Object(out)
}
