//! Existing ECS task definitions (`aws ecs register-task-definition --cli-input-json` format, or
//! `describe-task-definition` output) checked as AWS would check them, and read into the same
//! [`Task`] the spec rules check.
//!
//! Files are read as they live in repositories ([`normalize`]): `null`s and read-only fields are
//! set aside with one warning each, template placeholders pass every check of a value's form.
//! The structure is checked against the ECS API model ([`crate::ecs_api`]); the launch type is
//! decided as ECS decides it ([`launch_of`]), so Fargate's rules are errors only for files that
//! are for Fargate.

pub mod normalize;

use serde_json::Value;

use crate::diagnostic::{Code, Finding};
use crate::ecs_api::{self, Operation, Relax};
use crate::model::{self, App};
use crate::pointer::Pointer;
use crate::task::{
    Arch, Condition, Container, ContainerHealthCheck, Dependency, Efs, Launch, Located,
    NetworkMode, Os, PlatformVersion, PortMapping, Task, Volume,
};
use crate::{facts, names, placeholder, rules, units};

/// Where the task definition object sits in the file, if the file is one, and whether it is
/// wrapped (`{"taskDefinition": {...}}`, the raw `describe-task-definition` output).
#[must_use]
pub fn detect(json: &Value) -> Option<Pointer> {
    if json
        .get("containerDefinitions")
        .is_some_and(Value::is_array)
    {
        return Some(Pointer::root());
    }
    json.get("taskDefinition")
        .and_then(|t| t.get("containerDefinitions"))
        .is_some_and(Value::is_array)
        .then(|| Pointer::root().join("taskDefinition"))
}

/// Members that only a container definition has among lists of objects with a `name` and an
/// `image` (a web app's product list has those two too).
const CONTAINER_ONLY: [&str; 16] = [
    "essential",
    "portMappings",
    "memory",
    "memoryReservation",
    "logConfiguration",
    "mountPoints",
    "dependsOn",
    "secrets",
    "healthCheck",
    "entryPoint",
    "linuxParameters",
    "dockerLabels",
    "firelensConfiguration",
    "repositoryCredentials",
    "volumesFrom",
    "ulimits",
];

/// Whether `json` is a bare list of container definitions: the file `aws ecs
/// register-task-definition --container-definitions file://...` reads, or the one a Terraform
/// `aws_ecs_task_definition` reads with `file()`: a non-empty array of objects, each with a
/// `name` and an `image`, and either a member only containers have or nothing else.
#[must_use]
pub fn is_container_list(json: &Value) -> bool {
    let Some(items) = json.as_array().filter(|items| !items.is_empty()) else {
        return false;
    };
    let objects: Vec<&serde_json::Map<String, Value>> =
        items.iter().filter_map(Value::as_object).collect();
    objects.len() == items.len()
        && objects
            .iter()
            .all(|c| c.contains_key("name") && c.contains_key("image"))
        && (objects
            .iter()
            .any(|c| CONTAINER_ONLY.iter().any(|k| c.contains_key(*k)))
            || objects.iter().all(|c| c.len() == 2))
}

/// Checks a bare list of container definitions. Its task-level fields live elsewhere (the
/// Terraform resource, the command line), so they are taken to be whatever the containers need
/// (a size, an execution role, the volumes they mount; `awsvpc` when `--launch-type fargate`
/// says Fargate) and only what the containers themselves say is judged: findings about the task
/// are dropped, the others point into the list.
#[must_use]
pub fn check_containers(json: &Value, forced: Option<ForcedLaunch>) -> Vec<(Finding, bool)> {
    let mounted: std::collections::BTreeSet<&str> = json
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|c| c.get("mountPoints")?.as_array())
        .flatten()
        .filter_map(|m| m.get("sourceVolume")?.as_str())
        .collect();
    let mut task = serde_json::json!({
        "family": "${family}",
        "cpu": "${task_cpu}",
        "memory": "${task_memory}",
        "executionRoleArn": "${execution_role_arn}",
        "containerDefinitions": json,
    });
    if !mounted.is_empty() {
        task["volumes"] = mounted
            .iter()
            .map(|name| serde_json::json!({ "name": name }))
            .collect();
    }
    if forced == Some(ForcedLaunch::Fargate) {
        task["networkMode"] = "awsvpc".into();
    }
    let list = Pointer::root().join("containerDefinitions");
    check(&task, &Pointer::root(), forced)
        .0
        .into_iter()
        .filter(|(f, _)| f.path.starts_with(&list))
        .map(|(mut f, at_key)| {
            f.path = Pointer::root().join_all(f.path.tokens().skip(1));
            (f, at_key)
        })
        .collect()
}

/// A launch type named on the command line (`--launch-type`), overriding the file's own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ForcedLaunch {
    /// Check as Fargate whatever the file says.
    Fargate,
    /// Check as EC2.
    Ec2,
    /// Check as ECS Anywhere.
    External,
}

/// Checks the task definition at `root` of `json`: every finding, and whether it is shown at
/// the key (`true`) or the value; and the model of a Fargate task definition (kept only when no
/// finding is an error).
#[must_use]
pub fn check(
    json: &Value,
    root: &Pointer,
    forced: Option<ForcedLaunch>,
) -> (Vec<(Finding, bool)>, Option<App>) {
    let raw = root
        .tokens()
        .fold(json, |v, t| v.get(t).unwrap_or(&Value::Null));
    let wrapped = root != &Pointer::root();
    let normalized = normalize::normalize(raw, root, &normalize::READ_ONLY, wrapped);
    let td = &normalized.value;
    let mut out: Vec<(Finding, bool)> =
        normalized.findings.into_iter().map(|f| (f, true)).collect();
    out.extend(
        ecs_api::check(
            td,
            Operation::RegisterTaskDefinition,
            root,
            Relax::default(),
        )
        .into_iter()
        .map(|f| (f.finding, f.at_key)),
    );
    let (task, findings) = read(td, root, forced);
    out.extend(findings.into_iter().map(|f| (f, false)));
    let mut rule_findings = Vec::new();
    rules::check_task(
        &task,
        rules::secrets::RefStyle::TaskDefinition,
        &mut rule_findings,
    );
    out.extend(rule_findings.into_iter().map(|f| (f, false)));
    let family = td.get("family").and_then(Value::as_str).unwrap_or("task");
    let region = td
        .pointer("/containerDefinitions/0/logConfiguration/options/awslogs-region")
        .and_then(Value::as_str)
        .filter(|r| !placeholder::contains(r));
    (out, model::from_task(&task, family, region))
}

/// Which launch type's rules apply to `td`, and whether the file (or the command line) said so.
/// Source: `requiresCompatibilities` in
/// https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_RegisterTaskDefinition.html
/// ("If no value is specified, it will default to EC2").
#[must_use]
pub fn launch_of(td: &Value, forced: Option<ForcedLaunch>) -> (Launch, bool) {
    match forced {
        Some(ForcedLaunch::Fargate) => return (Launch::Fargate, true),
        Some(ForcedLaunch::Ec2) => return (Launch::Ec2, true),
        Some(ForcedLaunch::External) => return (Launch::External, true),
        None => {}
    }
    let Some(declared) = td.get("requiresCompatibilities").and_then(Value::as_array) else {
        return (Launch::Ec2, false);
    };
    let named = |name: &str| declared.iter().any(|v| v.as_str() == Some(name));
    if declared.iter().any(placeholder::is_templated) || named("FARGATE") {
        (Launch::Fargate, true)
    } else if named("EXTERNAL") && !named("EC2") {
        (Launch::External, true)
    } else if named("MANAGED_INSTANCES") && !named("EC2") {
        (Launch::ManagedInstances, true)
    } else {
        (Launch::Ec2, !declared.is_empty())
    }
}

/// A task definition's volume: its name and, for EFS, its configuration.
fn volume(v: &Value, at: &Pointer) -> Option<Volume> {
    let name = v.get("name")?.as_str()?;
    let efs = v.get("efsVolumeConfiguration").map(|e| {
        let path = at.join("efsVolumeConfiguration");
        let text = |p: &Pointer, key: &str| {
            e.pointer(key)
                .and_then(Value::as_str)
                .map(|t| Located::new(t.to_owned(), p.clone()))
        };
        let auth = path.join("authorizationConfig");
        let flag = |p: Pointer, key: &str| {
            Located::new(e.pointer(key).and_then(Value::as_str) == Some("ENABLED"), p)
        };
        Efs {
            file_system_id: e
                .get("fileSystemId")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_owned(),
            access_point: text(
                &auth.join("accessPointId"),
                "/authorizationConfig/accessPointId",
            ),
            root_directory: text(&path.join("rootDirectory"), "/rootDirectory"),
            transit_encryption: flag(path.join("transitEncryption"), "/transitEncryption"),
            iam: flag(auth.join("iam"), "/authorizationConfig/iam"),
            size_gb: None,
            path,
        }
    });
    Some(Volume {
        name: Located::new(name.to_owned(), at.join("name")),
        efs,
    })
}

/// What in `td` shows it is for EC2 or ECS Anywhere, not Fargate, in the file's own words.
fn ec2_evidence(td: &Value) -> Option<String> {
    if let Some(mode @ ("bridge" | "host" | "none")) = td.get("networkMode").and_then(Value::as_str)
    {
        return Some(format!("`networkMode: {mode}`"));
    }
    let volumes = td.get("volumes").and_then(Value::as_array);
    // Fargate has bind mounts (`"host": {}`) but no host paths or Docker volume drivers.
    if volumes.into_iter().flatten().any(|v| {
        v.pointer("/host/sourcePath").is_some() || v.get("dockerVolumeConfiguration").is_some()
    }) {
        return Some("host paths or Docker volumes".to_owned());
    }
    let non_empty = |key: &str| {
        td.get(key)
            .and_then(Value::as_array)
            .is_some_and(|a| !a.is_empty())
    };
    if non_empty("placementConstraints") || td.get("ipcMode").is_some() {
        return Some("placement constraints or `ipcMode`".to_owned());
    }
    let containers = td.get("containerDefinitions").and_then(Value::as_array);
    for c in containers.into_iter().flatten() {
        if c.pointer("/linuxParameters/devices").is_some() {
            return Some("devices".to_owned());
        }
        let gpu = c
            .get("resourceRequirements")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .any(|r| r.get("type").and_then(Value::as_str) == Some("GPU"));
        if gpu {
            return Some("GPUs".to_owned());
        }
        if c.get("privileged").and_then(Value::as_bool) == Some(true) || c.get("links").is_some() {
            return Some("privileged containers or links".to_owned());
        }
    }
    None
}

/// Reads the (normalised) task definition; findings cover the launch type's task-level
/// requirements.
#[must_use]
pub fn read(td: &Value, root: &Pointer, forced: Option<ForcedLaunch>) -> (Task, Vec<Finding>) {
    let at = |field: &str| root.join(field);
    let mut findings = Vec::new();
    let (launch, declared) = launch_of(td, forced);
    let templated = |field: &str| td.get(field).is_some_and(placeholder::is_templated);
    let size = |field: &str, parse: fn(&str) -> Result<u32, String>| {
        let text = match td.get(field)? {
            Value::String(s) => s.clone(),
            Value::Number(n) => n.to_string(),
            _ => return None,
        };
        parse(&text).ok().map(|v| Located::new(v, at(field)))
    };
    let cpu = size("cpu", units::parse_cpu);
    let memory = size("memory", units::parse_memory);
    let network = Located::new(
        NetworkMode::parse(td.get("networkMode").and_then(Value::as_str)),
        at("networkMode"),
    );
    let platform = td.get("runtimePlatform");
    let arch_text = platform
        .and_then(|p| p.get("cpuArchitecture"))
        .and_then(Value::as_str);
    let os_text = platform
        .and_then(|p| p.get("operatingSystemFamily"))
        .and_then(Value::as_str);
    let platform_path = at("runtimePlatform");
    let task = Task {
        path: root.clone(),
        region: None,
        zone_ids: Vec::new(),
        os: Located::new(
            if os_text.is_some_and(|o| o.starts_with("WINDOWS")) {
                Os::Windows
            } else {
                Os::Linux
            },
            platform_path.join("operatingSystemFamily"),
        ),
        arch: Located::new(
            if arch_text == Some("ARM64") {
                Arch::Arm64
            } else {
                Arch::X86_64
            },
            platform_path.join("cpuArchitecture"),
        ),
        cpu,
        memory,
        ephemeral_gib: Located::new(
            td.get("ephemeralStorage")
                .and_then(|e| e.get("sizeInGiB"))
                .and_then(Value::as_u64)
                .and_then(|v| u32::try_from(v).ok())
                .unwrap_or(facts::EPHEMERAL_INCLUDED_GIB),
            at("ephemeralStorage").join("sizeInGiB"),
        ),
        platform: Located::new(PlatformVersion::LATEST, root.clone()),
        containers: td
            .get("containerDefinitions")
            .and_then(Value::as_array)
            .map(|defs| {
                defs.iter()
                    .enumerate()
                    .map(|(i, c)| container(c, &at("containerDefinitions").join(i)))
                    .collect()
            })
            .unwrap_or_default(),
        volumes: td
            .get("volumes")
            .and_then(Value::as_array)
            .map(|vols| {
                vols.iter()
                    .enumerate()
                    .filter_map(|(i, v)| volume(v, &at("volumes").join(i)))
                    .collect()
            })
            .unwrap_or_default(),
        launch,
        network,
        execution_role: td.get("executionRoleArn").is_some(),
    };
    if let Some(family) = td.get("family").and_then(Value::as_str)
        && !names::is_valid(names::Kind::Family, family)
    {
        findings.push(Finding::new(
            Code::InvalidName,
            &at("family"),
            format!("the task definition family `{family}` breaks ECS's naming rule"),
            format!("use {}", names::Kind::Family.rule()),
        ));
    }
    // What Fargate needs at task level, said once.
    let mut missing = Vec::new();
    // An unknown value is the API model's to report (AKP102), not a second problem here.
    let mode_unknown = td
        .get("networkMode")
        .is_some_and(|m| m.is_string() && task.network.value == NetworkMode::Unset);
    if task.network.value != NetworkMode::Awsvpc && !mode_unknown {
        missing.push("`networkMode: \"awsvpc\"`".to_owned());
    }
    for (field, value) in [("cpu", &task.cpu), ("memory", &task.memory)] {
        if value.is_none() && !templated(field) {
            missing.push(format!("task-level `{field}`"));
        }
    }
    match launch {
        Launch::Fargate if !missing.is_empty() => findings.push(Finding::new(
            Code::NotFargate,
            root,
            format!(
                "this task definition is for Fargate but lacks {}",
                missing.join(", ")
            ),
            "add them; Fargate runs only `awsvpc` tasks with a task-level size",
        )),
        Launch::Ec2 if !declared && ec2_evidence(td).is_none() => {
            let mut reasons = Vec::new();
            if !missing.is_empty() {
                reasons.push(format!("it lacks {}", missing.join(", ")));
            }
            let mut fargate_only = Vec::new();
            rules::sizing::fargate(&task, &mut fargate_only);
            reasons.extend(fargate_only.into_iter().map(|f| f.message));
            if !reasons.is_empty() {
                findings.push(Finding::new(
                    Code::LaunchTypeUndeclared,
                    root,
                    format!(
                        "no `requiresCompatibilities`, so ECS registers this for EC2; on Fargate it would be refused: {}",
                        reasons.join("; ")
                    ),
                    "if it is for Fargate, add `\"requiresCompatibilities\": [\"FARGATE\"]` (or check with `--launch-type fargate`)",
                ));
            }
        }
        _ => {}
    }
    // Managed Instances runs no task definition without a network mode: "You must specify a
    // network mode in the task definition."
    // Source: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/managed-instance-networking.html
    if launch == Launch::ManagedInstances && td.get("networkMode").is_none() {
        findings.push(Finding::new(
            Code::NetworkModeForLaunchType,
            root,
            "no `networkMode`: ECS Managed Instances does not run a task definition without one",
            "add `\"networkMode\": \"awsvpc\"` (or `host`)",
        ));
    }
    if matches!(launch, Launch::Ec2 | Launch::External)
        && task.memory.is_none()
        && !templated("memory")
    {
        for c in &task.containers {
            if c.reserved_memory().is_none() && !c.memory_templated {
                findings.push(Finding::new(
                    Code::ContainerMemoryMissing,
                    &c.name.path,
                    format!(
                        "container `{}` has neither `memory` nor `memoryReservation`, and the task has no `memory`",
                        c.name.value
                    ),
                    "set `memoryReservation` (a soft limit) or `memory` on the container, or task-level `memory`",
                ));
            }
        }
    }
    (task, findings)
}

fn container(c: &Value, path: &Pointer) -> Container {
    let text = |field: &str| {
        c.get(field)
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned()
    };
    let number = |field: &str| {
        c.get(field)
            .and_then(Value::as_u64)
            .and_then(|v| u32::try_from(v).ok())
            .map(|v| Located::new(v, path.join(field)))
    };
    let list = |field: &str| {
        c.get(field)
            .and_then(Value::as_array)
            .map(|a| a.iter().enumerate().collect::<Vec<_>>())
            .unwrap_or_default()
    };
    let strings = |field: &str| -> Vec<String> {
        c.get(field)
            .and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .filter_map(|s| s.as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default()
    };
    // The pointer of `field[i].key`.
    let item = |field: &str, i: usize, key: &str| path.join(field).join(i).join(key);
    let str_of = |v: &Value, key: &str| v.get(key).and_then(Value::as_str).map(str::to_owned);
    let port = |m: &Value, i: usize, key: &str| {
        let n = u32::try_from(m.get(key)?.as_u64()?).ok()?;
        Some(Located::new(n, item("portMappings", i, key)))
    };
    let needs_execution_role = if !list("secrets").is_empty() {
        Some(path.join("secrets"))
    } else if c.pointer("/logConfiguration/secretOptions").is_some() {
        Some(path.join_all(["logConfiguration", "secretOptions"]))
    } else if c.get("repositoryCredentials").is_some() {
        Some(path.join("repositoryCredentials"))
    } else {
        None
    };
    Container {
        name: Located::new(text("name"), path.join("name")),
        image: Located::new(text("image"), path.join("image")),
        essential: Located::new(
            c.get("essential").and_then(Value::as_bool).unwrap_or(true),
            path.join("essential"),
        ),
        entry_point: strings("entryPoint"),
        command: strings("command"),
        ports: list("portMappings")
            .into_iter()
            .filter_map(|(i, m)| {
                Some(PortMapping {
                    container: port(m, i, "containerPort")?,
                    host: port(m, i, "hostPort"),
                })
            })
            .collect(),
        environment: list("environment")
            .into_iter()
            .filter_map(|(i, e)| {
                let name = str_of(e, "name")?;
                let value = str_of(e, "value").unwrap_or_default();
                Some((Located::new(name, item("environment", i, "name")), value))
            })
            .collect(),
        secrets: list("secrets")
            .into_iter()
            .filter_map(|(i, s)| {
                let from = Located::new(str_of(s, "valueFrom")?, item("secrets", i, "valueFrom"));
                Some((str_of(s, "name")?, from))
            })
            .collect(),
        depends_on: list("dependsOn")
            .into_iter()
            .filter_map(|(i, d)| {
                let condition = match d.get("condition")?.as_str()? {
                    "START" => Condition::Start,
                    "COMPLETE" => Condition::Complete,
                    "SUCCESS" => Condition::Success,
                    "HEALTHY" => Condition::Healthy,
                    _ => return None,
                };
                let name = str_of(d, "containerName")?;
                Some(Dependency {
                    container: Located::new(name, item("dependsOn", i, "containerName")),
                    condition,
                })
            })
            .collect(),
        mounts: list("mountPoints")
            .into_iter()
            .filter_map(|(i, m)| {
                let volume = str_of(m, "sourceVolume")?;
                let target = str_of(m, "containerPath").unwrap_or_default();
                Some((
                    Located::new(volume, item("mountPoints", i, "sourceVolume")),
                    target,
                ))
            })
            .collect(),
        health_check: c
            .get("healthCheck")
            // Without its required `command` the API model reports it (AKP104); there is no
            // health check to judge further.
            .filter(|h| h.get("command").is_some())
            .map(|h| health_check(h, &path.join("healthCheck"))),
        stop_timeout: number("stopTimeout"),
        cpu: number("cpu"),
        memory: number("memory"),
        memory_reservation: number("memoryReservation"),
        memory_templated: ["memory", "memoryReservation"]
            .iter()
            .any(|f| c.get(*f).is_some_and(placeholder::is_templated)),
        log_driver: c
            .pointer("/logConfiguration/logDriver")
            .and_then(Value::as_str)
            .map(str::to_owned),
        needs_execution_role,
    }
}

fn health_check(h: &Value, path: &Pointer) -> ContainerHealthCheck {
    use facts::container_health as d;
    let number = |field: &str, default: u32| {
        Located::new(
            h.get(field)
                .and_then(Value::as_u64)
                .and_then(|v| u32::try_from(v).ok())
                .unwrap_or(default),
            path.join(field),
        )
    };
    ContainerHealthCheck {
        path: path.clone(),
        command: h
            .get("command")
            .and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .filter_map(|s| s.as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default(),
        interval: number("interval", d::DEFAULT_INTERVAL),
        timeout: number("timeout", d::DEFAULT_TIMEOUT),
        retries: number("retries", d::DEFAULT_RETRIES),
        start_period: number("startPeriod", 0),
    }
}

#[cfg(test)]
mod list_tests {
    #[test]
    fn container_lists_are_told_from_other_lists() {
        let yes =
            |text: &str| super::is_container_list(&serde_json::from_str(text).unwrap_or_default());
        assert!(yes(
            r#"[{"name": "web", "image": "nginx:1.27", "essential": true}]"#
        ));
        assert!(yes(r#"[{"name": "web", "image": "nginx:1.27"}]"#));
        assert!(yes(
            r#"[{"name": "a", "image": "x", "enviroment": []}, {"name": "b", "image": "y", "memory": 64}]"#
        ));
        // A shop's product list, an empty list, a list of strings: not containers.
        assert!(!yes(
            r#"[{"name": "Shoe", "image": "/img/shoe.png", "price": 40}]"#
        ));
        assert!(!yes("[]"));
        assert!(!yes(r#"["web"]"#));
        assert!(!yes(r#"[{"name": "web", "essential": true}]"#));
    }
}
