//! ECS task definitions in the `aws ecs register-task-definition --cli-input-json` format.

use serde_json::{Map, Value, json};

use super::{Artifact, json_file, names};
use crate::infra::{ContainerDefinition, Infra, ServiceInfra};
use crate::model::Volume;

/// One `taskdef/<service>.json` per service.
#[must_use]
pub fn emit(infra: &Infra) -> Vec<Artifact> {
    infra
        .services
        .iter()
        .map(|svc| {
            json_file(
                format!("taskdef/{}.json", names::file_stem(&svc.name)),
                &task_definition(infra, svc),
            )
        })
        .collect()
}

/// The `RegisterTaskDefinition` input of one service.
#[must_use]
pub fn task_definition(infra: &Infra, svc: &ServiceInfra) -> Value {
    let task = &svc.task_definition;
    let mut td = Map::new();
    td.insert("family".into(), json!(task.family));
    td.insert("taskRoleArn".into(), json!(svc.task_role.arn.text()));
    td.insert(
        "executionRoleArn".into(),
        json!(svc.execution_role.arn.text()),
    );
    td.insert("networkMode".into(), json!("awsvpc"));
    td.insert("requiresCompatibilities".into(), json!(["FARGATE"]));
    td.insert("cpu".into(), json!(task.cpu.to_string()));
    td.insert("memory".into(), json!(task.memory.to_string()));
    td.insert(
        "runtimePlatform".into(),
        json!({
            "cpuArchitecture": task.arch.ecs_name(),
            "operatingSystemFamily": task.os.ecs_name(),
        }),
    );
    if let Some(gib) = task.ephemeral_gib {
        td.insert("ephemeralStorage".into(), json!({ "sizeInGiB": gib }));
    }
    td.insert(
        "containerDefinitions".into(),
        Value::Array(container_definitions(svc)),
    );
    if !task.volumes.is_empty() {
        let volumes: Vec<Value> = task.volumes.iter().map(volume).collect();
        td.insert("volumes".into(), Value::Array(volumes));
    }
    td.insert("tags".into(), tags(infra));
    Value::Object(td)
}

/// A task volume; an EFS one with its `efsVolumeConfiguration`, every setting written out.
fn volume(v: &Volume) -> Value {
    let Some(efs) = &v.efs else {
        return json!({ "name": v.name });
    };
    let enabled = |on: bool| if on { "ENABLED" } else { "DISABLED" };
    let mut config = Map::new();
    config.insert("fileSystemId".into(), json!(efs.file_system_id));
    if let Some(root) = &efs.root_directory {
        config.insert("rootDirectory".into(), json!(root));
    }
    config.insert(
        "transitEncryption".into(),
        json!(enabled(efs.transit_encryption)),
    );
    if efs.access_point.is_some() || efs.iam {
        let mut auth = Map::new();
        if let Some(ap) = &efs.access_point {
            auth.insert("accessPointId".into(), json!(ap));
        }
        auth.insert("iam".into(), json!(enabled(efs.iam)));
        config.insert("authorizationConfig".into(), Value::Object(auth));
    }
    json!({ "name": v.name, "efsVolumeConfiguration": config })
}

/// The tags every resource gets.
pub(super) fn tags(infra: &Infra) -> Value {
    json!([{ "key": "app", "value": infra.app }, { "key": "managed-by", "value": "akplan" }])
}

/// The `containerDefinitions` of a service (also what Terraform's `jsonencode` receives).
#[must_use]
pub fn container_definitions(svc: &ServiceInfra) -> Vec<Value> {
    svc.task_definition
        .containers
        .iter()
        .map(container)
        .collect()
}

fn container(c: &ContainerDefinition) -> Value {
    let mut out = Map::new();
    out.insert("name".into(), json!(c.name));
    out.insert("image".into(), json!(c.image));
    out.insert("essential".into(), json!(c.essential));
    for (key, value) in [
        ("cpu", c.cpu),
        ("memory", c.memory),
        ("memoryReservation", c.memory_reservation),
    ] {
        if let Some(n) = value {
            out.insert(key.into(), json!(n));
        }
    }
    if !c.entry_point.is_empty() {
        out.insert("entryPoint".into(), json!(c.entry_point));
    }
    if !c.command.is_empty() {
        out.insert("command".into(), json!(c.command));
    }
    let list = |items: Vec<Value>| Value::Array(items);
    if !c.ports.is_empty() {
        let ports = c
            .ports
            .iter()
            .map(|p| match &c.named_port {
                Some((port, name)) if port == p => {
                    json!({ "name": name, "containerPort": p, "protocol": "tcp" })
                }
                _ => json!({ "containerPort": p, "protocol": "tcp" }),
            })
            .collect();
        out.insert("portMappings".into(), list(ports));
    }
    if !c.environment.is_empty() {
        let env = c
            .environment
            .iter()
            .map(|(name, value)| json!({ "name": name, "value": value }))
            .collect();
        out.insert("environment".into(), list(env));
    }
    if !c.secrets.is_empty() {
        let secrets = c
            .secrets
            .iter()
            .map(|s| json!({ "name": s.variable, "valueFrom": s.value_from.text() }))
            .collect();
        out.insert("secrets".into(), list(secrets));
    }
    if !c.depends_on.is_empty() {
        let deps = c
            .depends_on
            .iter()
            .map(|(name, condition)| json!({ "containerName": name, "condition": condition.as_ecs() }))
            .collect();
        out.insert("dependsOn".into(), list(deps));
    }
    if !c.mounts.is_empty() {
        let mounts = c
            .mounts
            .iter()
            .map(
                |m| json!({ "sourceVolume": m.volume, "containerPath": m.path, "readOnly": false }),
            )
            .collect();
        out.insert("mountPoints".into(), list(mounts));
    }
    if let Some(h) = &c.health_check {
        out.insert(
            "healthCheck".into(),
            json!({
                "command": h.command,
                "interval": h.interval,
                "timeout": h.timeout,
                "retries": h.retries,
                "startPeriod": h.start_period,
            }),
        );
    }
    if let Some(stop) = c.stop_timeout {
        out.insert("stopTimeout".into(), json!(stop));
    }
    out.insert(
        "logConfiguration".into(),
        json!({
            "logDriver": "awslogs",
            "options": {
                "awslogs-group": c.logs.group,
                "awslogs-region": c.logs.region,
                "awslogs-stream-prefix": c.logs.stream_prefix,
            },
        }),
    );
    Value::Object(out)
}
