//! ECS task definitions (plain or `describe-task-definition` output) and service definitions
//! (`CreateService` input or `describe-services` output) into spec services.

use serde_json::{Map, Value, json};

use super::draft::Draft;
use crate::pointer::Pointer;
use crate::taskdef::normalize::{READ_ONLY, normalize};

/// Task-definition members the import maps (the rest is listed as not mapped).
const TASK_MAPPED: [&str; 9] = [
    "family",
    "containerDefinitions",
    "cpu",
    "memory",
    "networkMode",
    "requiresCompatibilities",
    "runtimePlatform",
    "ephemeralStorage",
    "volumes",
];
/// Members akplan generates itself: not mapped, and said why.
const TASK_GENERATED: [(&str, &str); 3] = [
    (
        "taskRoleArn",
        "akplan generates the task role (`<app>-<service>-task`)",
    ),
    ("executionRoleArn", "akplan generates the execution role"),
    (
        "tags",
        "akplan tags what it generates with `app` and `managed-by`",
    ),
];
/// Container members the import maps.
const CONTAINER_MAPPED: [&str; 13] = [
    "name",
    "image",
    "essential",
    "portMappings",
    "command",
    "entryPoint",
    "environment",
    "secrets",
    "dependsOn",
    "mountPoints",
    "healthCheck",
    "stopTimeout",
    "logConfiguration",
];
/// Service members the import maps.
const SERVICE_MAPPED: [&str; 13] = [
    "cluster",
    "serviceName",
    "taskDefinition",
    "desiredCount",
    "launchType",
    "capacityProviderStrategy",
    "platformVersion",
    "deploymentConfiguration",
    "loadBalancers",
    "healthCheckGracePeriodSeconds",
    "networkConfiguration",
    "enableExecuteCommand",
    "serviceConnectConfiguration",
];

/// One ECS file read for import.
pub struct EcsFile<'a> {
    /// Its name, for origins.
    pub name: &'a str,
    /// Where the definition sits in it.
    pub root: Pointer,
    /// The definition.
    pub value: Value,
}

fn origin(file: &str, at: &Pointer) -> String {
    format!("{file} {at}")
}

/// The smallest Fargate (Linux) size that holds `containers`' cpu and memory (the hard limit,
/// else the reservation): (task cpu, task memory, containers' cpu, containers' memory); `None`
/// when the containers state no size at all or none fits.
fn fargate_fit(containers: &[&Value]) -> Option<(u32, u32, u32, u32)> {
    let sum = |key: &dyn Fn(&Value) -> Option<u64>| -> u64 {
        containers.iter().filter_map(|c| key(c)).sum()
    };
    let cpu = sum(&|c| c.get("cpu").and_then(number));
    let memory = sum(&|c| {
        c.get("memory")
            .and_then(number)
            .or_else(|| c.get("memoryReservation").and_then(number))
    });
    if cpu == 0 && memory == 0 {
        return None;
    }
    let (cpu, memory) = (u32::try_from(cpu).ok()?, u32::try_from(memory).ok()?);
    crate::facts::CPU_SIZES
        .iter()
        .filter(|s| s.cpu >= cpu)
        .find_map(|s| {
            s.memories()
                .find(|m| *m >= memory)
                .map(|m| (s.cpu, m, cpu, memory))
        })
}

fn number(v: &Value) -> Option<u64> {
    match v {
        Value::Number(n) => n.as_u64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// The family a service's `taskDefinition` names (`family`, `family:3` or an ARN).
fn family_of(reference: &str) -> &str {
    let name = reference.rsplit('/').next().unwrap_or(reference);
    name.split(':').next().unwrap_or(name)
}

/// The name a spec can use: ECS allows characters the spec's names do not; anything else
/// becomes `-`, and a leading digit gets a letter before it.
pub fn spec_name(text: &str) -> String {
    let mut out: String = text
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' || c == '-' {
                c
            } else {
                '-'
            }
        })
        .take(63)
        .collect();
    if !out.starts_with(|c: char| c.is_ascii_alphabetic()) {
        out.insert(0, 's');
        out.truncate(63);
    }
    out
}

/// Imports each task definition, paired with the service that runs it when one is given.
pub fn import(draft: &mut Draft, tasks: &[EcsFile<'_>], services: &[EcsFile<'_>]) {
    for (i, td) in tasks.iter().enumerate() {
        let family = td
            .value
            .get("family")
            .and_then(Value::as_str)
            .unwrap_or("task");
        let service = services
            .iter()
            .find(|s| {
                s.value
                    .get("taskDefinition")
                    .and_then(Value::as_str)
                    .is_some_and(|r| family_of(r) == family)
            })
            .or_else(|| (tasks.len() == 1 && services.len() == 1).then(|| &services[0]));
        task(draft, td, service, i);
    }
    for s in services {
        let used = tasks.iter().any(|td| {
            let family = td
                .value
                .get("family")
                .and_then(Value::as_str)
                .unwrap_or("task");
            s.value
                .get("taskDefinition")
                .and_then(Value::as_str)
                .is_some_and(|r| family_of(r) == family)
        }) || (tasks.len() == 1 && services.len() == 1);
        if !used {
            draft.skip(
                origin(s.name, &s.root),
                "a service without its task definition: import them together",
            );
        }
    }
}

fn task(draft: &mut Draft, td: &EcsFile<'_>, service: Option<&EcsFile<'_>>, index: usize) {
    let normalized = normalize(&td.value, &td.root, &READ_ONLY, td.root != Pointer::root());
    let v = &normalized.value;
    let at = |field: &str| origin(td.name, &td.root.join_all(field.split('/')));
    let family = v.get("family").and_then(Value::as_str).unwrap_or("task");
    let svc_value = service.map(|s| &s.value);
    let cluster = svc_value
        .and_then(|s| s.get("cluster"))
        .and_then(Value::as_str)
        .map(|c| c.rsplit('/').next().unwrap_or(c));
    // akplan names families `<app>-<service>`: a cluster prefix is the app.
    let name = svc_value
        .and_then(|s| s.get("serviceName"))
        .and_then(Value::as_str)
        .map(str::to_owned)
        .or_else(|| {
            cluster
                .and_then(|c| family.strip_prefix(&format!("{c}-")))
                .map(str::to_owned)
        })
        .unwrap_or_else(|| family.to_owned());
    let name = spec_name(&name);
    if index == 0 {
        let app = cluster.unwrap_or(family);
        let origin_app = match service {
            Some(s) if cluster.is_some() => origin(s.name, &s.root.join("cluster")),
            _ => at("family"),
        };
        draft.set(&["version"], json!(1), "akplan's spec format");
        draft.set(&["app"], json!(spec_name(app)), origin_app);
    }
    let containers: Vec<&Value> = v
        .get("containerDefinitions")
        .and_then(Value::as_array)
        .map(|a| a.iter().collect())
        .unwrap_or_default();
    // A region-agnostic template (`cdk synth` without an environment) names none.
    let region = containers.iter().find_map(|c| {
        c.pointer("/logConfiguration/options/awslogs-region")
            .and_then(Value::as_str)
            .filter(|r| !r.contains('<'))
    });
    if !draft.has(&["region"]) {
        match (region, region_named(&containers)) {
            (Some(r), _) => draft.set(
                &["region"],
                json!(r),
                at("containerDefinitions/0/logConfiguration/options/awslogs-region"),
            ),
            (None, Some((r, i, field))) => draft.set(
                &["region"],
                json!(r),
                format!(
                    "{} (the Region it names)",
                    at(&format!("containerDefinitions/{i}/{field}"))
                ),
            ),
            (None, None) => draft.set(
                &["region"],
                json!("us-east-1"),
                "assumed: in none of the files, check it",
            ),
        }
    }
    let lb = svc_value
        .and_then(|s| s.get("loadBalancers"))
        .and_then(Value::as_array)
        .and_then(|a| a.first());
    let lb_container = lb
        .and_then(|l| l.get("containerName"))
        .and_then(Value::as_str);
    let main = containers
        .iter()
        .position(|c| {
            c.get("name").and_then(Value::as_str) == lb_container && lb_container.is_some()
        })
        .or_else(|| {
            containers
                .iter()
                .position(|c| c.get("essential").and_then(Value::as_bool) != Some(false))
        })
        .unwrap_or(0);
    let s = |field: &str| -> Vec<String> { vec!["services".into(), name.clone(), field.into()] };
    let set = |draft: &mut Draft, path: Vec<String>, value: Value, from: String| {
        let refs: Vec<&str> = path.iter().map(String::as_str).collect();
        draft.set(&refs, value, from);
    };
    task_said(draft, v, &at, &name);
    if let Some(c) = containers.get(main) {
        let cat = |f: &str| at(&format!("containerDefinitions/{main}/{f}"));
        set(
            draft,
            s("image"),
            c.get("image").cloned().unwrap_or(json!("<IMAGE>")),
            cat("image"),
        );
    }
    let task_size = (
        v.get("cpu").and_then(number),
        v.get("memory").and_then(number),
    );
    // An EC2 task definition often sizes only its containers: the smallest Fargate size that
    // holds them, said as an assumption (a spec plans Fargate).
    let fitted = match task_size {
        (Some(_), Some(_)) => None,
        _ => fargate_fit(&containers),
    };
    for (field, given, fit) in [
        ("cpu", task_size.0, fitted.map(|f| f.0)),
        ("memory", task_size.1, fitted.map(|f| f.1)),
    ] {
        match (given, fit) {
            (Some(n), _) => set(draft, s(field), json!(n), at(field)),
            (None, Some(n)) => set(
                draft,
                s(field),
                json!(n),
                format!(
                    "assumed: the smallest Fargate size holding the containers' {} (task {} {}, {} network mode); check it",
                    if field == "cpu" {
                        format!("cpu ({} units)", fitted.map_or(0, |f| f.2))
                    } else {
                        format!("memory ({} MiB)", fitted.map_or(0, |f| f.3))
                    },
                    v.get("family")
                        .and_then(Value::as_str)
                        .unwrap_or("definition"),
                    if v.get("requiresCompatibilities").is_some() {
                        "as declared"
                    } else {
                        "for EC2, ECS's default launch type"
                    },
                    v.get("networkMode")
                        .and_then(Value::as_str)
                        .unwrap_or("bridge"),
                ),
            ),
            (None, None) => draft.skip(
                at(field),
                "not given (Fargate needs it): set it in the spec",
            ),
        }
    }
    if let Some(p) = v.get("runtimePlatform") {
        if p.get("cpuArchitecture").and_then(Value::as_str) == Some("ARM64") {
            set(
                draft,
                s("arch"),
                json!("arm64"),
                at("runtimePlatform/cpuArchitecture"),
            );
        }
        if p.get("operatingSystemFamily")
            .and_then(Value::as_str)
            .is_some_and(|o| o.starts_with("WINDOWS"))
        {
            set(
                draft,
                s("os"),
                json!("windows"),
                at("runtimePlatform/operatingSystemFamily"),
            );
        }
    }
    if let Some(gib) = v.pointer("/ephemeralStorage/sizeInGiB").and_then(number) {
        set(
            draft,
            s("ephemeral_storage"),
            json!(gib),
            at("ephemeralStorage/sizeInGiB"),
        );
    }
    if let (Some(port), Some(l)) = (
        lb.and_then(|l| l.get("containerPort")).and_then(number),
        service,
    ) {
        set(
            draft,
            s("port"),
            json!(port),
            origin(
                l.name,
                &l.root.join_all(["loadBalancers", "0", "containerPort"]),
            ),
        );
    }
    // A Service Connect service without a load balancer: the named port it publishes.
    if let Some(svc) = service
        && draft_port_missing(draft, &name)
        && let Some(port_name) = svc
            .value
            .pointer("/serviceConnectConfiguration/services/0/portName")
            .and_then(Value::as_str)
        && let Some(main_container) = containers.get(main)
        && let Some((i, port)) = main_container
            .get("portMappings")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .enumerate()
            .find(|(_, m)| m.get("name").and_then(Value::as_str) == Some(port_name))
            .and_then(|(i, m)| Some((i, m.get("containerPort").and_then(number)?)))
    {
        draft.set(
            &["services", &name, "service_connect", "port"],
            json!(port),
            at(&format!(
                "containerDefinitions/{main}/portMappings/{i}/containerPort"
            )),
        );
    }
    let published = svc_value
        .and_then(|s| s.pointer("/serviceConnectConfiguration/services/0/portName"))
        .and_then(Value::as_str);
    containers_into(draft, td, &containers, (main, published), &name);
    for (k, _) in v.as_object().into_iter().flatten() {
        if let Some((_, why)) = TASK_GENERATED.iter().find(|(g, _)| g == k) {
            draft.skip(at(k), *why);
        } else if !TASK_MAPPED.contains(&k.as_str()) {
            draft.skip(at(k), "the spec has no field for it");
        }
    }
    if let Some(svc) = service {
        service_into(draft, svc, &name);
    }
}

/// The containers: the main one's fields on the service, the others under `containers`.
fn containers_into(
    draft: &mut Draft,
    td: &EcsFile<'_>,
    containers: &[&Value],
    (main, published): (usize, Option<&str>),
    name: &str,
) {
    let volumes: Vec<(String, String, usize)> = containers
        .iter()
        .enumerate()
        .flat_map(|(i, c)| {
            c.get("mountPoints")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(move |m| {
                    Some((
                        m.get("sourceVolume")?.as_str()?.to_owned(),
                        m.get("containerPath")?.as_str()?.to_owned(),
                        i,
                    ))
                })
        })
        .collect();
    for (i, c) in containers.iter().enumerate() {
        let cat = |f: &str| {
            let mut at = td.root.join("containerDefinitions").join(i);
            at = at.join_all(f.split('/'));
            origin(td.name, &at)
        };
        let cname = c.get("name").and_then(Value::as_str).unwrap_or("app");
        let base: Vec<String> = if i == main {
            vec!["services".into(), name.into()]
        } else {
            vec![
                "services".into(),
                name.into(),
                "containers".into(),
                spec_name(cname),
            ]
        };
        let set = |draft: &mut Draft, field: &str, value: Value, from: String| {
            let mut path: Vec<&str> = base.iter().map(String::as_str).collect();
            path.push(field);
            draft.set(&path, value, from);
        };
        if i != main {
            set(
                draft,
                "image",
                c.get("image").cloned().unwrap_or(json!("<IMAGE>")),
                cat("image"),
            );
            if let Some(e) = c.get("essential").and_then(Value::as_bool).filter(|e| !e) {
                set(draft, "essential", json!(e), cat("essential"));
            }
            if let Some(p) = c.pointer("/portMappings/0/containerPort").and_then(number) {
                set(draft, "port", json!(p), cat("portMappings/0/containerPort"));
            }
        } else if draft_port_missing(draft, name)
            && !draft.has(&["services", name, "service_connect", "port"])
            && let Some(p) = c.pointer("/portMappings/0/containerPort").and_then(number)
        {
            // The port the container listens on, with no load balancer in the files: kept, and
            // said so (`load_balancer: false`), rather than planned behind an ALB nobody wrote.
            set(draft, "port", json!(p), cat("portMappings/0/containerPort"));
            set(
                draft,
                "load_balancer",
                json!(false),
                format!(
                    "{}: no load balancer in the files; remove it if the service sits behind one",
                    cat("portMappings/0/containerPort")
                ),
            );
        }
        port_mappings_said(draft, c, &cat, (i == main).then_some(published), name);
        let spec_container = if i == main {
            name.to_owned()
        } else {
            spec_name(cname)
        };
        if cname != spec_container {
            draft.skip(
                cat("name"),
                if i == main {
                    format!("the main container is named after the service: `{spec_container}`")
                } else {
                    format!("the spec names it `{spec_container}` (letters, digits, `-`)")
                },
            );
        }
        log_options_said(draft, c, &cat, name, &spec_container);
        for (m, mount) in c
            .get("mountPoints")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .enumerate()
        {
            if mount.get("readOnly").and_then(Value::as_bool) == Some(true) {
                draft.skip(
                    cat(&format!("mountPoints/{m}/readOnly")),
                    "the spec mounts volumes read-write",
                );
            }
        }
        for (field, key) in [("command", "command"), ("entryPoint", "entry_point")] {
            if let Some(a) = c
                .get(field)
                .filter(|a| a.as_array().is_some_and(|a| !a.is_empty()))
            {
                set(draft, key, a.clone(), cat(field));
            }
        }
        let pairs = |field: &str, value_key: &str| -> Map<String, Value> {
            c.get(field)
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(|e| {
                    Some((
                        e.get("name")?.as_str()?.to_owned(),
                        e.get(value_key)?.clone(),
                    ))
                })
                .collect()
        };
        // An entry without a value (a template's `AWS::NoValue` removed it): listed, not guessed.
        for field in ["environment", "secrets"] {
            let value_key = if field == "secrets" {
                "valueFrom"
            } else {
                "value"
            };
            for (k, e) in c
                .get(field)
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .enumerate()
            {
                if e.get("name").is_some() && e.get(value_key).is_none_or(Value::is_null) {
                    draft.skip(
                        cat(&format!("{field}/{k}")),
                        format!("{}: no `{value_key}`", e["name"]),
                    );
                }
            }
        }
        // ecspresso's template functions: `{{ ssm "/p" }}` and `{{ secretsmanager_arn "s" }}`
        // are secrets (never plain environment values), `{{ env "X" "default" }}` its default.
        let mut env = Map::new();
        let mut from_templates = Map::new();
        for (k, v) in pairs("environment", "value") {
            match v.as_str().map(ecspresso_value) {
                Some(Templated::Secret(reference)) => {
                    from_templates.insert(k, Value::from(reference));
                }
                Some(Templated::Plain(text)) => {
                    env.insert(k, Value::from(text));
                }
                None => {
                    env.insert(k, v);
                }
            }
        }
        if !env.is_empty() {
            set(draft, "environment", Value::Object(env), cat("environment"));
        }
        let region = draft
            .get(&["region"])
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned();
        let mut secrets: Map<String, Value> = pairs("secrets", "valueFrom")
            .into_iter()
            .map(|(k, v)| {
                let reference = match v.as_str().map(ecspresso_value) {
                    Some(Templated::Secret(r)) => r,
                    _ => secret_reference(v.as_str().unwrap_or_default(), &region),
                };
                (k, Value::from(reference))
            })
            .collect();
        secrets.extend(from_templates);
        if !secrets.is_empty() {
            set(draft, "secrets", Value::Object(secrets), cat("secrets"));
        }
        let deps: Map<String, Value> = c
            .get("dependsOn")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(|d| {
                Some((
                    spec_name(d.get("containerName")?.as_str()?),
                    Value::from(d.get("condition")?.as_str()?.to_ascii_lowercase()),
                ))
            })
            .collect();
        if !deps.is_empty() {
            set(draft, "depends_on", Value::Object(deps), cat("dependsOn"));
        }
        let mine: Vec<&(String, String, usize)> =
            volumes.iter().filter(|(_, _, c)| *c == i).collect();
        if i == main && !volumes.is_empty() {
            let map: Map<String, Value> = volumes
                .iter()
                .filter(|(_, _, c)| *c == main)
                .map(|(v, p, _)| (v.clone(), volume_value(draft, td, v, p)))
                .collect();
            if !map.is_empty() {
                set(draft, "volumes", Value::Object(map), cat("mountPoints"));
            }
        } else if i != main && !mine.is_empty() {
            let names: Vec<Value> = mine
                .iter()
                .map(|(v, _, _)| Value::from(v.clone()))
                .collect();
            set(draft, "volumes", Value::Array(names), cat("mountPoints"));
            for (v, p, _) in &mine {
                let main_path = volumes
                    .iter()
                    .find(|(mv, _, c)| mv == v && *c == main)
                    .map(|(_, p, _)| p);
                if main_path != Some(p) {
                    draft.skip(
                        cat("mountPoints"),
                        format!("volume `{v}` at {p}: the spec mounts a volume at one path, the main container's"),
                    );
                }
            }
        }
        if let Some(h) = c.get("healthCheck") {
            let mut check = Map::new();
            if let Some(cmd) = h.get("command") {
                check.insert("command".into(), cmd.clone());
            }
            for (from, to) in [
                ("interval", "interval"),
                ("timeout", "timeout"),
                ("retries", "retries"),
                ("startPeriod", "start_period"),
            ] {
                if let Some(n) = h.get(from).and_then(number) {
                    check.insert(to.into(), json!(n));
                }
            }
            let key = if i == main {
                "container_health_check"
            } else {
                "health_check"
            };
            set(draft, key, Value::Object(check), cat("healthCheck"));
        }
        if let Some(stop) = c.get("stopTimeout").and_then(number) {
            if i == main {
                let mut path: Vec<&str> = base.iter().map(String::as_str).collect();
                path.extend(["deployment", "stop_timeout"]);
                draft.set(&path, json!(stop), cat("stopTimeout"));
            } else {
                draft.skip(
                    cat("stopTimeout"),
                    "the spec has a stop timeout for the main container only",
                );
            }
        }
        if let Some(driver) = c
            .pointer("/logConfiguration/logDriver")
            .and_then(Value::as_str)
            && driver != "awslogs"
        {
            draft.skip(
                cat("logConfiguration"),
                format!("log driver `{driver}`: akplan writes `awslogs`"),
            );
        }
        if i != main {
            for (from, to) in [
                ("cpu", "cpu"),
                ("memory", "memory"),
                ("memoryReservation", "memory_reservation"),
            ] {
                if let Some(n) = c.get(from).and_then(number).filter(|n| *n > 0) {
                    set(draft, to, json!(n), cat(from));
                }
            }
        }
        for (k, _) in c.as_object().into_iter().flatten() {
            if i == main && ["cpu", "memory", "memoryReservation"].contains(&k.as_str()) {
                draft.skip(
                    cat(k),
                    "the spec sizes the main container by the task's size",
                );
            } else if ["cpu", "memory", "memoryReservation"].contains(&k.as_str()) {
            } else if !CONTAINER_MAPPED.contains(&k.as_str()) {
                draft.skip(cat(k), "the spec has no field for it");
            }
        }
    }
}

/// The Region a container's ECR image (`<account>.dkr.ecr.<region>.amazonaws.com/...`) or a
/// secret's ARN names, when the definition says it nowhere else: the container's index and the
/// member's pointer below it.
fn region_named(containers: &[&Value]) -> Option<(String, usize, String)> {
    let plausible = |r: &str| {
        r.len() <= 20
            && r.split('-').count() >= 3
            && r.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    };
    for (i, c) in containers.iter().enumerate() {
        if let Some(r) = c
            .get("image")
            .and_then(Value::as_str)
            .and_then(|image| image.split('/').next())
            .and_then(|host| host.split(".dkr.ecr.").nth(1))
            .and_then(|rest| rest.split('.').next())
            .filter(|r| plausible(r))
        {
            return Some((r.to_owned(), i, "image".to_owned()));
        }
        for (k, secret) in c
            .get("secrets")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .enumerate()
        {
            if let Some(r) = secret
                .get("valueFrom")
                .and_then(Value::as_str)
                .and_then(|arn| arn.strip_prefix("arn:"))
                .and_then(|rest| rest.split(':').nth(2))
                .filter(|r| plausible(r))
            {
                return Some((r.to_owned(), i, format!("secrets/{k}/valueFrom")));
            }
        }
    }
    None
}

/// The family akplan's emitters give service `name`'s task definition: `<app>-<service>`
/// (`infra::build`), with the app the draft has so far.
fn emitted_family(draft: &Draft, name: &str) -> String {
    let app = draft
        .get(&["app"])
        .and_then(Value::as_str)
        .unwrap_or_default();
    format!("{app}-{name}")
}

/// Lists what of the task definition's own members a spec writes its own way: the family
/// (`<app>-<service>`), a network mode and launch types other than Fargate's, a Windows version
/// other than the one the spec runs, and EC2-only volume sources.
fn task_said(draft: &mut Draft, v: &Value, at: &dyn Fn(&str) -> String, name: &str) {
    let family = emitted_family(draft, name);
    if let Some(f) = v.get("family").and_then(Value::as_str)
        && f != family
    {
        draft.skip(
            at("family"),
            format!("`{f}`: akplan names the family after the app and the service, `{family}`"),
        );
    }
    if let Some(mode) = v
        .get("networkMode")
        .and_then(Value::as_str)
        .filter(|m| *m != "awsvpc")
    {
        draft.skip(
            at("networkMode"),
            format!("`{mode}`: a spec plans Fargate, which runs `awsvpc`"),
        );
    }
    for (i, c) in v
        .get("requiresCompatibilities")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .enumerate()
    {
        if c.as_str() != Some("FARGATE") {
            draft.skip(
                at(&format!("requiresCompatibilities/{i}")),
                format!("{c}: a spec plans Fargate only"),
            );
        }
    }
    if let Some(os) = v
        .pointer("/runtimePlatform/operatingSystemFamily")
        .and_then(Value::as_str)
        .filter(|o| o.starts_with("WINDOWS") && *o != "WINDOWS_SERVER_2022_CORE")
    {
        draft.skip(
            at("runtimePlatform/operatingSystemFamily"),
            format!("`{os}`: a spec's Windows runs WINDOWS_SERVER_2022_CORE"),
        );
    }
    for (i, vol) in v
        .get("volumes")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .enumerate()
    {
        for key in [
            "host",
            "dockerVolumeConfiguration",
            "fsxWindowsFileServerVolumeConfiguration",
            "configuredAtLaunch",
        ] {
            if vol
                .get(key)
                .is_some_and(|h| h.as_object().is_none_or(|m| !m.is_empty()))
            {
                draft.skip(
                    at(&format!("volumes/{i}/{key}")),
                    "a spec's volume is task storage or EFS",
                );
            }
        }
    }
}

/// Lists what of a container's port mappings the spec does not hold: every mapping but the
/// ones the spec keeps (a sidecar's first; the main container's load-balanced port and the port
/// Service Connect publishes), and in those, members other than the port, a `hostPort` equal to
/// it (`awsvpc`) and `tcp` (and the name Service Connect publishes).
fn port_mappings_said(
    draft: &mut Draft,
    c: &Value,
    cat: &dyn Fn(&str) -> String,
    main: Option<Option<&str>>,
    name: &str,
) {
    // `Some(published)` for the main container, with the port name Service Connect publishes.
    let (published, main) = (main.flatten(), main.is_some());
    let held_port = |path: &[&str]| draft.get(path).and_then(number);
    let lb = held_port(&["services", name, "port"]);
    let connect = held_port(&["services", name, "service_connect", "port"]);

    let mappings = c.get("portMappings").and_then(Value::as_array);
    let mut said = Vec::new();
    for (i, m) in mappings.into_iter().flatten().enumerate() {
        let port = m.get("containerPort").and_then(number);
        let held = if main {
            port.is_some() && (port == lb || port == connect)
        } else {
            i == 0
        };
        if !held {
            // The main container's unheld ports are listed once, by the caller, when none is held.
            if !main || lb.is_some() || connect.is_some() {
                said.push((
                    format!("portMappings/{i}"),
                    "the spec holds one port per container".to_owned(),
                ));
            }
            continue;
        }
        for (k, v) in m.as_object().into_iter().flatten() {
            let kept = match k.as_str() {
                "containerPort" => true,
                "hostPort" => number(v) == port,
                "protocol" => v.as_str() == Some("tcp"),
                "name" => main && v.as_str().is_some() && v.as_str() == published,
                _ => false,
            };
            if !kept {
                said.push((
                    format!("portMappings/{i}/{k}"),
                    format!("{v}: the spec has no field for it"),
                ));
            }
        }
    }
    for (at, why) in said {
        draft.skip(cat(&at), why);
    }
}

/// Lists an `awslogs` configuration's options that akplan writes its own way: the log group
/// `/ecs/<app>/<service>` and the container's name as the stream prefix (the Region is kept).
fn log_options_said(
    draft: &mut Draft,
    c: &Value,
    cat: &dyn Fn(&str) -> String,
    service: &str,
    container: &str,
) {
    if c.pointer("/logConfiguration/logDriver")
        .and_then(Value::as_str)
        != Some("awslogs")
    {
        return;
    }
    let app = draft
        .value
        .get("app")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned();
    let group = format!("/ecs/{app}/{service}");
    for (k, v) in c
        .pointer("/logConfiguration/options")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
    {
        let ours = match k.as_str() {
            "awslogs-region" => true,
            "awslogs-group" => v.as_str() == Some(group.as_str()),
            "awslogs-stream-prefix" => v.as_str() == Some(container),
            _ => false,
        };
        if !ours {
            draft.skip(
                cat(&format!("logConfiguration/options/{k}")),
                format!("{v}: akplan writes awslogs to `{group}`, stream prefix `{container}`"),
            );
        }
    }
}

/// A volume of the main container as the spec writes it: its mount path, or `{path, efs}` for
/// an EFS volume of the task definition.
fn volume_value(draft: &mut Draft, td: &EcsFile<'_>, name: &str, path: &str) -> Value {
    let found = td
        .value
        .get("volumes")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .enumerate()
        .find(|(_, v)| v.get("name").and_then(Value::as_str) == Some(name));
    let Some((i, efs)) = found.and_then(|(i, v)| Some((i, v.get("efsVolumeConfiguration")?)))
    else {
        return Value::from(path);
    };
    let at = td
        .root
        .join_all(["volumes", &i.to_string(), "efsVolumeConfiguration"]);
    let mut out = Map::new();
    if let Some(id) = efs.get("fileSystemId") {
        out.insert("file_system_id".into(), id.clone());
    }
    if let Some(ap) = efs.pointer("/authorizationConfig/accessPointId") {
        out.insert("access_point".into(), ap.clone());
    }
    if let Some(root) = efs.get("rootDirectory").filter(|r| r.as_str() != Some("/")) {
        out.insert("root_directory".into(), root.clone());
    }
    // The spec's default is on; ECS's is off.
    if efs.get("transitEncryption").and_then(Value::as_str) != Some("ENABLED") {
        out.insert("transit_encryption".into(), json!(false));
    }
    if efs
        .pointer("/authorizationConfig/iam")
        .and_then(Value::as_str)
        == Some("ENABLED")
    {
        out.insert("iam".into(), json!(true));
    }
    if efs.get("transitEncryptionPort").is_some() {
        draft.skip(
            origin(td.name, &at.join("transitEncryptionPort")),
            "the spec leaves the TLS port to the EFS mount helper",
        );
    }
    json!({ "path": path, "efs": out })
}

/// What an ecspresso template value stands for.
#[derive(Debug, PartialEq, Eq)]
enum Templated {
    /// A secret reference in the spec's form (`ssm:/path`, `secretsmanager:name`).
    Secret(String),
    /// A plain value (`env`'s default).
    Plain(String),
}

/// Reads `{{ ssm "/path" }}`, `{{ secretsmanager_arn "name" }}` and `{{ env "X" "default" }}`
/// (ecspresso's template functions, https://github.com/kayac/ecspresso#template-syntax); any other
/// value as written.
fn ecspresso_value(text: &str) -> Templated {
    let inner = text
        .trim()
        .strip_prefix("{{")
        .and_then(|t| t.strip_suffix("}}"))
        .map(str::trim);
    let Some(inner) = inner else {
        return Templated::Plain(text.to_owned());
    };
    let mut words = inner.split_whitespace();
    let function = words.next().unwrap_or_default();
    let args: Vec<String> = words
        .map(|w| w.trim_matches(|c| c == '"' || c == '`').to_owned())
        .collect();
    match (function, args.as_slice()) {
        ("ssm", [path, ..]) => Templated::Secret(format!("ssm:{path}")),
        ("secretsmanager_arn", [name]) => Templated::Secret(format!("secretsmanager:{name}")),
        ("env", [_, default]) => Templated::Plain(default.clone()),
        _ => Templated::Plain(text.to_owned()),
    }
}

/// A `valueFrom` as the spec writes it: an ARN in the placeholder account (one akplan generated)
/// and the spec's `region` back to `ssm:/name` or `secretsmanager:name[:key...]`, other ARNs as
/// they are (the reference form would move one of another Region to the spec's), a plain SSM
/// parameter name as `ssm:name`.
fn secret_reference(value_from: &str, region: &str) -> String {
    let Some(rest) = value_from.strip_prefix("arn:") else {
        return format!("ssm:{value_from}");
    };
    let parts: Vec<&str> = rest.splitn(5, ':').collect();
    // The placeholder account, or a template's own (`AWS::AccountId`): references akplan writes.
    let ours = |account: &str| {
        account == crate::infra::PLACEHOLDER_ACCOUNT_ID || account == "<AWS_AccountId>"
    };
    let here = |r: &str| r == region || r == "<AWS_Region>";
    match parts[..] {
        [_, "ssm", r, account, resource] if ours(account) && here(r) => resource
            .strip_prefix("parameter")
            .map_or_else(|| value_from.to_owned(), |name| format!("ssm:{name}")),
        [
            _,
            "secretsmanager",
            r,
            crate::infra::PLACEHOLDER_ACCOUNT_ID,
            resource,
        ] if here(r) => {
            let secret = resource.strip_prefix("secret:").unwrap_or(resource);
            format!("secretsmanager:{}", secret.trim_end_matches(':'))
        }
        _ => value_from.to_owned(),
    }
}

fn draft_port_missing(draft: &Draft, name: &str) -> bool {
    !draft.has(&["services", name, "port"])
}

/// `serviceConnectConfiguration`: the namespace, and the one endpoint the spec publishes.
fn service_connect_into(draft: &mut Draft, sc: &Value, at: &dyn Fn(&str) -> String, name: &str) {
    // A client of the cluster's default namespace is `service_connect: {}`.
    if !draft.has(&["services", name, "service_connect"]) {
        draft.set(
            &["services", name, "service_connect"],
            json!({}),
            at("enabled"),
        );
    }
    let mut set = |f: &str, value: Value, from: String| {
        draft.set(&["services", name, "service_connect", f], value, from);
    };
    if let Some(ns) = sc.get("namespace") {
        set("namespace", ns.clone(), at("namespace"));
    }
    let services = sc.get("services").and_then(Value::as_array);
    if let Some(first) = services.and_then(|s| s.first()) {
        if let Some(port_name) = first
            .get("portName")
            .filter(|p| p.as_str() != Some(name.to_ascii_lowercase().as_str()))
        {
            set("port_name", port_name.clone(), at("services/0/portName"));
        }
        if let Some(d) = first.get("discoveryName") {
            set("discovery_name", d.clone(), at("services/0/discoveryName"));
        }
        if let Some(alias) = first.pointer("/clientAliases/0") {
            let mut out = Map::new();
            if let Some(p) = alias.get("port") {
                out.insert("port".into(), p.clone());
            }
            if let Some(d) = alias.get("dnsName") {
                out.insert("dns_name".into(), d.clone());
            }
            set(
                "client_aliases",
                json!([out]),
                at("services/0/clientAliases"),
            );
        }
        for (k, _) in first.as_object().into_iter().flatten() {
            if !["portName", "discoveryName", "clientAliases"].contains(&k.as_str()) {
                draft.skip(
                    at(&format!("services/0/{k}")),
                    "the spec has no field for it",
                );
            }
        }
    }
    for (i, _) in services.into_iter().flatten().enumerate().skip(1) {
        draft.skip(
            at(&format!("services/{i}")),
            "the spec publishes one endpoint per service",
        );
    }
    for (k, _) in sc.as_object().into_iter().flatten() {
        if !["enabled", "namespace", "services"].contains(&k.as_str()) {
            draft.skip(at(k), "the spec has no field for it");
        }
    }
}

/// The service's counts, deployment, load balancer grace period and network.
fn service_into(draft: &mut Draft, svc: &EcsFile<'_>, name: &str) {
    let v = &svc.value;
    let at = |field: &str| origin(svc.name, &svc.root.join_all(field.split('/')));
    let set = |draft: &mut Draft, field: &str, value: Value, from: String| {
        let mut path = vec!["services", name];
        path.extend(field.split('/'));
        draft.set(&path, value, from);
    };
    if let Some(n) = v.get("desiredCount").and_then(number) {
        set(draft, "capacity/base_count", json!(n), at("desiredCount"));
    }
    // The strategy as it is (base and weight per provider), so nothing of it is lost; other
    // providers (EC2 capacity providers) are not Fargate and stay in the "not mapped" list.
    if let Some(strategy) = v.get("capacityProviderStrategy").and_then(Value::as_array) {
        for (i, item) in strategy.iter().enumerate() {
            let from = at(&format!("capacityProviderStrategy/{i}"));
            match item.get("capacityProvider").and_then(Value::as_str) {
                Some(p @ ("FARGATE" | "FARGATE_SPOT")) => {
                    let base = item.get("base").and_then(number).unwrap_or(0);
                    let weight = item.get("weight").and_then(number).unwrap_or(0);
                    let field = format!("capacity/providers/{p}");
                    if base > 0 {
                        set(draft, &format!("{field}/base"), json!(base), from.clone());
                    }
                    set(draft, &format!("{field}/weight"), json!(weight), from);
                }
                _ => draft.skip(from, "not a Fargate capacity provider"),
            }
        }
    }
    if let Some(sc) = v
        .get("serviceConnectConfiguration")
        .filter(|sc| sc.get("enabled").and_then(Value::as_bool) == Some(true))
    {
        service_connect_into(
            draft,
            sc,
            &|f| at(&format!("serviceConnectConfiguration/{f}")),
            name,
        );
    }
    if let Some(p) = v
        .get("platformVersion")
        .and_then(Value::as_str)
        .filter(|p| *p != "LATEST")
    {
        set(draft, "platform_version", json!(p), at("platformVersion"));
    }
    if let Some(n) = v.get("healthCheckGracePeriodSeconds").and_then(number) {
        set(
            draft,
            "health_check/grace_period",
            json!(n),
            at("healthCheckGracePeriodSeconds"),
        );
    }
    if let Some(e) = v
        .get("enableExecuteCommand")
        .and_then(Value::as_bool)
        .filter(|e| *e)
    {
        set(draft, "exec", json!(e), at("enableExecuteCommand"));
    }
    if let Some(subnets) = v
        .pointer("/networkConfiguration/awsvpcConfiguration/subnets")
        .and_then(Value::as_array)
        .filter(|s| (1..=6).contains(&s.len()))
        && !draft.has(&["availability_zones"])
    {
        draft.set(
            &["availability_zones"],
            json!(subnets.len()),
            format!(
                "{} (one subnet per zone assumed)",
                at("networkConfiguration/awsvpcConfiguration/subnets")
            ),
        );
    }
    // akplan's design: no NAT gateway means tasks with public IPs (docs/spec.md); so tasks
    // without one (`assignPublicIp` defaults to DISABLED in the ECS API) reach ECR and the
    // internet through NAT, one gateway per zone assumed (AWS's advice for zone independence).
    if let Some(subnets) = v
        .pointer("/networkConfiguration/awsvpcConfiguration/subnets")
        .and_then(Value::as_array)
        .filter(|s| (1..=6).contains(&s.len()))
        && !draft.has(&["nat_gateways"])
    {
        let public = v
            .pointer("/networkConfiguration/awsvpcConfiguration/assignPublicIp")
            .and_then(Value::as_str)
            == Some("ENABLED");
        let from = at("networkConfiguration/awsvpcConfiguration/assignPublicIp");
        if public {
            draft.set(
                &["nat_gateways"],
                json!(0),
                format!("{from} ENABLED: tasks with public IPs, no NAT gateway"),
            );
        } else {
            draft.set(
                &["nat_gateways"],
                json!(subnets.len()),
                format!(
                    "{from} DISABLED (the default): private tasks reach out through NAT, one gateway per zone assumed"
                ),
            );
        }
    }
    if let Some(d) = v.get("deploymentConfiguration") {
        deployment_into(
            draft,
            d,
            &|f| at(&format!("deploymentConfiguration/{f}")),
            name,
        );
    }
    service_said(draft, v, &at, name);
    for (k, _) in v.as_object().into_iter().flatten() {
        if !SERVICE_MAPPED.contains(&k.as_str())
            && k != "tags"
            && k != "propagateTags"
            && k != "enableECSManagedTags"
        {
            draft.skip(at(k), "the spec has no field for it");
        }
    }
}

/// Lists the service definition's members that akplan writes its own way: the task definition's
/// revision, the target group and network it creates or leaves to fill in, and its tagging.
fn service_said(draft: &mut Draft, v: &Value, at: &dyn Fn(&str) -> String, name: &str) {
    let family = emitted_family(draft, name);
    if let Some(td) = v.get("taskDefinition").and_then(Value::as_str) {
        if td.contains(':') {
            draft.skip(
                at("taskDefinition"),
                format!("`{td}`: akplan registers the task definition and names it by its family"),
            );
        } else if td != family {
            draft.skip(
                at("taskDefinition"),
                format!("`{td}`: akplan names the task definition's family `{family}`"),
            );
        }
    }
    // The load balancer targets the main container, which akplan names after the service.
    if let Some(c) = v
        .pointer("/loadBalancers/0/containerName")
        .and_then(Value::as_str)
        .filter(|c| *c != name)
    {
        draft.skip(
            at("loadBalancers/0/containerName"),
            format!(
                "`{c}`: the load balancer targets the main container, which akplan names `{name}`"
            ),
        );
    }
    for (i, lb) in v
        .get("loadBalancers")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .enumerate()
    {
        if i > 0 {
            draft.skip(
                at(&format!("loadBalancers/{i}")),
                "the spec has one load balancer per service",
            );
            continue;
        }
        for key in ["targetGroupArn", "loadBalancerName"] {
            if lb.get(key).is_some() {
                draft.skip(
                    at(&format!("loadBalancers/0/{key}")),
                    "akplan creates the load balancer's target group",
                );
            }
        }
    }
    // A public IP setting without subnets to count zones by sets no `nat_gateways` (above).
    let counted = v
        .pointer("/networkConfiguration/awsvpcConfiguration/subnets")
        .and_then(Value::as_array)
        .is_some_and(|s| (1..=6).contains(&s.len()));
    if let Some(p) = v
        .pointer("/networkConfiguration/awsvpcConfiguration/assignPublicIp")
        .filter(|_| !counted)
    {
        draft.skip(
            at("networkConfiguration/awsvpcConfiguration/assignPublicIp"),
            format!("{p}: the spec's `nat_gateways` decides it (0: tasks with public IPs)"),
        );
    }
    for key in ["subnets", "securityGroups"] {
        if v.pointer(&format!("/networkConfiguration/awsvpcConfiguration/{key}"))
            .is_some()
        {
            draft.skip(
                at(&format!("networkConfiguration/awsvpcConfiguration/{key}")),
                "akplan writes the subnets to fill in (one per zone) and creates the tasks' security group",
            );
        }
    }
    if v.get("tags").is_some() {
        draft.skip(
            at("tags"),
            "akplan tags what it generates with `app` and `managed-by`",
        );
    }
    if let Some(p) = v
        .get("propagateTags")
        .filter(|p| p.as_str() != Some("SERVICE"))
    {
        draft.skip(
            at("propagateTags"),
            format!("{p}: akplan propagates the service's tags"),
        );
    }
    if v.get("enableECSManagedTags").and_then(Value::as_bool) == Some(false) {
        draft.skip(
            at("enableECSManagedTags"),
            "akplan turns ECS managed tags on",
        );
    }
}

/// `deploymentConfiguration`: bounds, circuit breaker, strategy, bakes, hooks and alarms.
pub fn deployment_into(draft: &mut Draft, d: &Value, at: &dyn Fn(&str) -> String, name: &str) {
    let set = |draft: &mut Draft, field: &str, value: Value, from: String| {
        let mut path = vec!["services", name, "deployment"];
        path.extend(field.split('/'));
        draft.set(&path, value, from);
    };
    let strategy = d
        .get("strategy")
        .and_then(Value::as_str)
        .unwrap_or("ROLLING");
    let word = match strategy {
        "BLUE_GREEN" => Some("blue_green"),
        "LINEAR" => Some("linear"),
        "CANARY" => Some("canary"),
        _ => None,
    };
    if let Some(w) = word {
        set(draft, "strategy", json!(w), at("strategy"));
    }
    let (min, max) = (
        d.get("minimumHealthyPercent").and_then(number),
        d.get("maximumPercent").and_then(number),
    );
    if min != Some(100) || max != Some(200) {
        if let Some(m) = min {
            set(
                draft,
                "minimum_healthy_percent",
                json!(m),
                at("minimumHealthyPercent"),
            );
        }
        if let Some(m) = max {
            set(draft, "maximum_percent", json!(m), at("maximumPercent"));
        }
    }
    if let Some(cb) = d.get("deploymentCircuitBreaker") {
        for (from, to) in [("enable", "circuit_breaker"), ("rollback", "rollback")] {
            if let Some(b) = cb.get(from).and_then(Value::as_bool).filter(|b| *b) {
                set(
                    draft,
                    to,
                    json!(b),
                    at(&format!("deploymentCircuitBreaker/{from}")),
                );
            }
        }
    }
    if let Some(bake) = d
        .get("bakeTimeInMinutes")
        .and_then(number)
        .filter(|_| word.is_some())
    {
        set(draft, "bake_minutes", json!(bake), at("bakeTimeInMinutes"));
    }
    if let Some(l) = d.get("linearConfiguration") {
        if let Some(p) = l.get("stepPercent").and_then(Value::as_f64) {
            set(
                draft,
                "linear/step_percent",
                json!(p),
                at("linearConfiguration/stepPercent"),
            );
        }
        if let Some(b) = l.get("stepBakeTimeInMinutes").and_then(number) {
            set(
                draft,
                "linear/step_bake_minutes",
                json!(b),
                at("linearConfiguration/stepBakeTimeInMinutes"),
            );
        }
    }
    if let Some(c) = d.get("canaryConfiguration") {
        if let Some(p) = c.get("canaryPercent").and_then(Value::as_f64) {
            set(
                draft,
                "canary/percent",
                json!(p),
                at("canaryConfiguration/canaryPercent"),
            );
        }
        if let Some(b) = c.get("canaryBakeTimeInMinutes").and_then(number) {
            set(
                draft,
                "canary/bake_minutes",
                json!(b),
                at("canaryConfiguration/canaryBakeTimeInMinutes"),
            );
        }
    }
    if let Some(names) = d
        .pointer("/alarms/alarmNames")
        .and_then(Value::as_array)
        .filter(|a| !a.is_empty())
    {
        set(
            draft,
            "alarms",
            Value::Array(names.clone()),
            at("alarms/alarmNames"),
        );
    }
    let hooks: Vec<Value> = d
        .get("lifecycleHooks")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .flat_map(|h| {
            let lambda = h.get("targetType").and_then(Value::as_str) != Some("PAUSE");
            let stages: Vec<String> = h
                .get("lifecycleStages")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(|s| s.as_str().map(str::to_ascii_lowercase))
                .collect();
            stages.into_iter().map(move |stage| {
                let mut hook = Map::new();
                hook.insert("stage".into(), json!(stage));
                hook.insert(
                    "type".into(),
                    json!(if lambda { "lambda" } else { "pause" }),
                );
                if let Some(f) = h.get("hookTargetArn").filter(|_| lambda) {
                    hook.insert("function".into(), f.clone());
                }
                if let Some(t) = h
                    .pointer("/timeoutConfiguration/timeoutInMinutes")
                    .and_then(number)
                {
                    hook.insert("timeout_minutes".into(), json!(t));
                }
                if h.pointer("/timeoutConfiguration/action")
                    .and_then(Value::as_str)
                    == Some("CONTINUE")
                {
                    hook.insert("on_timeout".into(), json!("continue"));
                }
                Value::Object(hook)
            })
        })
        .collect();
    if !hooks.is_empty() {
        set(draft, "hooks", Value::Array(hooks), at("lifecycleHooks"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ecspresso_template_functions_are_read() {
        use super::{Templated, ecspresso_value};
        assert_eq!(
            ecspresso_value("{{ ssm `/myapp/db/password` }}"),
            Templated::Secret("ssm:/myapp/db/password".into())
        );
        assert_eq!(
            ecspresso_value("{{ secretsmanager_arn \"myapp/api-key\" }}"),
            Templated::Secret("secretsmanager:myapp/api-key".into())
        );
        assert_eq!(
            ecspresso_value("{{ env `LOG_LEVEL` `info` }}"),
            Templated::Plain("info".into())
        );
        assert_eq!(
            ecspresso_value("{{ must_env `IMAGE` }}"),
            Templated::Plain("{{ must_env `IMAGE` }}".into())
        );
        assert_eq!(ecspresso_value("plain"), Templated::Plain("plain".into()));
    }

    #[test]
    fn secret_references_come_back_to_the_specs_form() {
        let sm = "arn:aws:secretsmanager:us-east-1:123456789012:secret:db:password::";
        let here = "us-east-1";
        assert_eq!(secret_reference(sm, here), "secretsmanager:db:password");
        let ssm = "arn:aws:ssm:us-east-1:123456789012:parameter/a/b";
        assert_eq!(secret_reference(ssm, here), "ssm:/a/b");
        assert_eq!(secret_reference(ssm, "eu-west-1"), ssm, "another Region's");
        let theirs = "arn:aws:ssm:us-east-1:210987654321:parameter/a";
        assert_eq!(secret_reference(theirs, here), theirs);
        assert_eq!(secret_reference("/plain/name", here), "ssm:/plain/name");
    }

    #[test]
    fn names_and_families() {
        assert_eq!(
            family_of("arn:aws:ecs:us-east-1:1:task-definition/shop-web:7"),
            "shop-web"
        );
        assert_eq!(family_of("shop-web:7"), "shop-web");
        assert_eq!(spec_name("9lives.api"), "s9lives-api");
    }
}
