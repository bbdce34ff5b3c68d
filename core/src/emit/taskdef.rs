//! ECS task definitions in the `aws ecs register-task-definition --cli-input-json` format.

use serde_json::{Map, Value, json};

use super::{Artifact, json_file, names};
use crate::facts;
use crate::spec::{Service, Spec};
use crate::task::Container;

/// One `taskdef/<service>.json` per service.
#[must_use]
pub fn emit(spec: &Spec) -> Vec<Artifact> {
    spec.services
        .iter()
        .map(|svc| {
            json_file(
                format!("taskdef/{}.json", names::file_stem(svc)),
                &task_definition(spec, svc),
            )
        })
        .collect()
}

/// The `RegisterTaskDefinition` input of one service.
#[must_use]
pub fn task_definition(spec: &Spec, svc: &Service) -> Value {
    let task = &svc.task;
    let mut td = Map::new();
    td.insert("family".into(), json!(names::family(spec, svc)));
    td.insert(
        "taskRoleArn".into(),
        json!(names::role_arn(spec, svc, "task")),
    );
    td.insert(
        "executionRoleArn".into(),
        json!(names::role_arn(spec, svc, "execution")),
    );
    td.insert("networkMode".into(), json!("awsvpc"));
    td.insert("requiresCompatibilities".into(), json!(["FARGATE"]));
    td.insert(
        "cpu".into(),
        json!(task.cpu.as_ref().map_or(0, |c| c.value).to_string()),
    );
    td.insert(
        "memory".into(),
        json!(task.memory.as_ref().map_or(0, |m| m.value).to_string()),
    );
    td.insert(
        "runtimePlatform".into(),
        json!({
            "cpuArchitecture": task.arch.value.ecs_name(),
            "operatingSystemFamily": task.os.value.ecs_name(),
        }),
    );
    if task.ephemeral_gib.value > facts::EPHEMERAL_INCLUDED_GIB {
        td.insert(
            "ephemeralStorage".into(),
            json!({ "sizeInGiB": task.ephemeral_gib.value }),
        );
    }
    let containers: Vec<Value> = task
        .containers
        .iter()
        .map(|c| container(spec, svc, c))
        .collect();
    td.insert("containerDefinitions".into(), Value::Array(containers));
    if !task.volumes.is_empty() {
        let volumes: Vec<Value> = task
            .volumes
            .iter()
            .map(|v| json!({ "name": v.value }))
            .collect();
        td.insert("volumes".into(), Value::Array(volumes));
    }
    td.insert(
        "tags".into(),
        json!([{ "key": "app", "value": spec.app }, { "key": "managed-by", "value": "akplan" }]),
    );
    Value::Object(td)
}

fn container(spec: &Spec, svc: &Service, c: &Container) -> Value {
    let mut out = Map::new();
    out.insert("name".into(), json!(c.name.value));
    out.insert("image".into(), json!(c.image.value));
    out.insert("essential".into(), json!(c.essential.value));
    if !c.entry_point.is_empty() {
        out.insert("entryPoint".into(), json!(c.entry_point));
    }
    if !c.command.is_empty() {
        out.insert("command".into(), json!(c.command));
    }
    if !c.ports.is_empty() {
        let ports: Vec<Value> = c
            .ports
            .iter()
            .map(|p| json!({ "containerPort": p.container.value, "protocol": "tcp" }))
            .collect();
        out.insert("portMappings".into(), Value::Array(ports));
    }
    if !c.environment.is_empty() {
        let env: Vec<Value> = c
            .environment
            .iter()
            .map(|(name, value)| json!({ "name": name.value, "value": value }))
            .collect();
        out.insert("environment".into(), Value::Array(env));
    }
    if !c.secrets.is_empty() {
        let secrets: Vec<Value> = c
            .secrets
            .iter()
            .map(|(name, reference)| {
                json!({ "name": name, "valueFrom": names::secret_arn(spec, &reference.value) })
            })
            .collect();
        out.insert("secrets".into(), Value::Array(secrets));
    }
    if !c.depends_on.is_empty() {
        let deps: Vec<Value> = c
            .depends_on
            .iter()
            .map(|d| json!({ "containerName": d.container.value, "condition": d.condition.as_ecs() }))
            .collect();
        out.insert("dependsOn".into(), Value::Array(deps));
    }
    if !c.mounts.is_empty() {
        let mounts: Vec<Value> = c
            .mounts
            .iter()
            .map(|(volume, path)| json!({ "sourceVolume": volume.value, "containerPath": path, "readOnly": false }))
            .collect();
        out.insert("mountPoints".into(), Value::Array(mounts));
    }
    if let Some(h) = &c.health_check {
        out.insert(
            "healthCheck".into(),
            json!({
                "command": h.command,
                "interval": h.interval.value,
                "timeout": h.timeout.value,
                "retries": h.retries.value,
                "startPeriod": h.start_period.value,
            }),
        );
    }
    if let Some(stop) = &c.stop_timeout {
        out.insert("stopTimeout".into(), json!(stop.value));
    }
    out.insert(
        "logConfiguration".into(),
        json!({
            "logDriver": "awslogs",
            "options": {
                "awslogs-group": names::log_group(spec, svc),
                "awslogs-region": spec.region,
                "awslogs-stream-prefix": c.name.value,
            },
        }),
    );
    Value::Object(out)
}
