//! Existing ECS task definitions (`aws ecs register-task-definition --cli-input-json` format, or
//! `describe-task-definition` output) read into the same [`Task`] the spec rules check.
//!
//! Only what the rules need is read; fields of the wrong type are skipped (botocore's parameter
//! validation is the tool for the API's full structure).

use serde_json::Value;

use crate::diagnostic::{Code, Finding};
use crate::pointer::Pointer;
use crate::task::{
    Arch, Condition, Container, ContainerHealthCheck, Dependency, Located, Os, PlatformVersion,
    Task,
};
use crate::{facts, units};

/// Where the task definition object sits in the file, if the file is one.
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

/// Reads the task definition at `root`; findings cover what keeps it off Fargate.
#[must_use]
pub fn read(json: &Value, root: &Pointer) -> (Task, Vec<Finding>) {
    let td = root
        .tokens()
        .fold(json, |v, t| v.get(t).unwrap_or(&Value::Null));
    let at = |field: &str| root.join(field);
    let mut findings = Vec::new();
    let compat: Vec<&str> = td
        .get("requiresCompatibilities")
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    // Files that say they are for EC2 or EXTERNAL only get the container rules, not Fargate's.
    let fargate = compat.is_empty() || compat.contains(&"FARGATE");
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
    if fargate {
        let mut missing = Vec::new();
        if td.get("networkMode").and_then(Value::as_str) != Some("awsvpc") {
            missing.push("`networkMode: \"awsvpc\"`");
        }
        if cpu.is_none() {
            missing.push("task-level `cpu`");
        }
        if memory.is_none() {
            missing.push("task-level `memory`");
        }
        if !compat.contains(&"FARGATE") {
            missing.push("`requiresCompatibilities: [\"FARGATE\"]`");
        }
        if !missing.is_empty() {
            findings.push(Finding::new(
                Code::NotFargate,
                root,
                format!("this task definition cannot run on Fargate: it lacks {}", missing.join(", ")),
                "add them, or set `requiresCompatibilities` to `[\"EC2\"]` if it is not meant for Fargate",
            ));
        }
    }
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
        cpu: if fargate { cpu } else { None },
        memory: if fargate { memory } else { None },
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
                    .filter_map(|(i, v)| {
                        let name = v.get("name")?.as_str()?;
                        Some(Located::new(
                            name.to_owned(),
                            at("volumes").join(i).join("name"),
                        ))
                    })
                    .collect()
            })
            .unwrap_or_default(),
    };
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
    let name = text("name");
    Container {
        name: Located::new(name, path.join("name")),
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
                let port = u32::try_from(m.get("containerPort")?.as_u64()?).ok()?;
                Some(Located::new(port, item("portMappings", i, "containerPort")))
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
            .map(|h| health_check(h, &path.join("healthCheck"))),
        stop_timeout: number("stopTimeout"),
        cpu: number("cpu"),
        memory: number("memory").or_else(|| number("memoryReservation")),
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
