//! ECS services in the `aws ecs create-service --cli-input-json` format, with the plan's numbers.

use serde_json::{Map, Value, json};

use super::{Artifact, json_file, names, taskdef};
use crate::infra::{CapacityMix, EcsService, Infra, ServiceInfra};
use crate::model::ServiceConnect;

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

/// `deploymentConfiguration`: the bounds and circuit breaker, and for blue/green, linear and
/// canary the strategy, bake time, shifting and hooks; alarms for every strategy. Source:
/// <https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_DeploymentConfiguration.html>.
fn deployment_configuration(s: &EcsService) -> Value {
    let d = &s.deployment;
    let mut out = json!({
        "deploymentCircuitBreaker": { "enable": s.circuit_breaker, "rollback": s.rollback },
        "maximumPercent": s.maximum_percent,
        "minimumHealthyPercent": s.minimum_healthy_percent,
    });
    if let Some(bake) = d.bake_minutes {
        out["strategy"] = json!(d.strategy.ecs_name());
        out["bakeTimeInMinutes"] = json!(bake);
    }
    if let Some((step, bake)) = d.linear {
        out["linearConfiguration"] = json!({ "stepPercent": step, "stepBakeTimeInMinutes": bake });
    }
    if let Some((percent, bake)) = d.canary {
        out["canaryConfiguration"] =
            json!({ "canaryPercent": percent, "canaryBakeTimeInMinutes": bake });
    }
    if !d.hooks.is_empty() {
        let hooks: Vec<Value> = d
            .hooks
            .iter()
            .map(|h| {
                let mut hook = json!({
                    "targetType": if h.function.is_some() { "AWS_LAMBDA" } else { "PAUSE" },
                    "lifecycleStages": [h.stage],
                    "timeoutConfiguration": {
                        "timeoutInMinutes": h.timeout_minutes,
                        "action": h.on_timeout,
                    },
                });
                if let Some(f) = &h.function {
                    hook["hookTargetArn"] = json!(f);
                }
                if let Some(role) = &h.role {
                    hook["roleArn"] = json!(role.arn.text());
                }
                hook
            })
            .collect();
        out["lifecycleHooks"] = Value::Array(hooks);
    }
    if !d.alarms.is_empty() {
        out["alarms"] = json!({ "alarmNames": d.alarms, "enable": true, "rollback": true });
    }
    out
}

/// `serviceConnectConfiguration`; without a namespace, the one named after the cluster (which
/// akplan's Terraform and CDK create).
fn service_connect(sc: &ServiceConnect, cluster: &str) -> Value {
    let mut out = json!({
        "enabled": true,
        "namespace": sc.namespace.as_deref().unwrap_or(cluster),
    });
    if let Some(p) = &sc.publish {
        let mut alias = json!({ "port": p.alias.0 });
        if let Some(dns) = &p.alias.1 {
            alias["dnsName"] = json!(dns);
        }
        let mut service = json!({ "portName": p.port_name, "clientAliases": [alias] });
        if let Some(d) = &p.discovery_name {
            service["discoveryName"] = json!(d);
        }
        out["services"] = json!([service]);
    }
    out
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
    match &s.capacity {
        CapacityMix::OnDemand => {
            out.insert("launchType".into(), json!("FARGATE"));
        }
        CapacityMix::Providers(items) => {
            let strategy = items
                .iter()
                .map(|i| json!({ "capacityProvider": i.provider, "weight": i.weight, "base": i.base }))
                .collect();
            out.insert("capacityProviderStrategy".into(), Value::Array(strategy));
        }
    }
    out.insert("platformVersion".into(), json!("LATEST"));
    out.insert(
        "deploymentConfiguration".into(),
        deployment_configuration(s),
    );
    if let Some(lb) = &svc.load_balancer {
        let mut target = json!({
            "targetGroupArn": lb.target_group_arn.text(),
            "containerName": lb.container,
            "containerPort": lb.port,
        });
        if let Some(alt) = &lb.alternate {
            target["advancedConfiguration"] = json!({
                "alternateTargetGroupArn": alt.target_group_arn.text(),
                "productionListenerRule": alt.production_listener_rule_arn.text(),
                "roleArn": alt.role.arn.text(),
            });
        }
        out.insert("loadBalancers".into(), json!([target]));
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
            // No NAT gateway in the spec: the tasks reach ECR and the rest by public IPs.
            "assignPublicIp": if infra.public_tasks() { "ENABLED" } else { "DISABLED" },
        }}),
    );
    if let Some(sc) = &s.service_connect {
        out.insert(
            "serviceConnectConfiguration".into(),
            service_connect(sc, &infra.app),
        );
    }
    out.insert("enableExecuteCommand".into(), json!(s.exec));
    out.insert("enableECSManagedTags".into(), json!(true));
    out.insert("propagateTags".into(), json!("SERVICE"));
    out.insert("tags".into(), taskdef::tags(infra));
    Value::Object(out)
}
