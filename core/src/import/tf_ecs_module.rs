//! The inputs of terraform-aws-modules/ecs, the most used ECS module, as the ECS task and service
//! definitions it would register: its `modules/service` submodule (one service per `module`
//! block) and its root module (`services = { name = {...} }`).
//!
//! An input that is absent takes the module's default, and the spec's comment says so. The
//! defaults are the module's `variables.tf` (v5 and v6 agree on these): `cpu = 1024`,
//! `memory = 2048`, `desired_count = 1`, `deployment_minimum_healthy_percent = 66`,
//! `deployment_maximum_percent = 200`, `launch_type = "FARGATE"`, `network_mode = "awsvpc"`,
//! `requires_compatibilities = ["FARGATE"]`, `runtime_platform = { LINUX, X86_64 }`,
//! `enable_autoscaling = true` with `autoscaling_min_capacity = 1`, `autoscaling_max_capacity =
//! 10` and target tracking on CPU and memory at `target_value = 75`.
//! Source: https://github.com/terraform-aws-modules/terraform-aws-ecs/blob/master/modules/service/variables.tf
//! Container definitions are written in the API's camelCase (v6) or the module's snake_case
//! (v5: `port_mappings`, `readonly_root_filesystem`); both are read.

use serde_json::{Map, Value, json};

/// Which part of the module a `source` names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// `//modules/service`: one service.
    Service,
    /// The root module: a cluster and its `services` map.
    Root,
    /// `//modules/container-definition`: one container, used by a task definition through its
    /// `container_definition` output (`jsonencode([module.app.container_definition])`).
    ContainerDefinition,
}

/// The part of terraform-aws-modules/ecs a module `source` names, if it is that module
/// (registry `terraform-aws-modules/ecs/aws`, or its GitHub repository).
#[must_use]
pub fn part(source: &str) -> Option<Part> {
    let s = source.trim();
    let (base, sub) = s.split_once("//").map_or((s, ""), |(b, sub)| {
        // `git::https://github.com/...//modules/service?ref=v5` and `github.com/...`.
        if b.ends_with(':') {
            let rest = &s[b.len() + 2..];
            rest.split_once("//").map_or((s, ""), |(_, sub)| (s, sub))
        } else {
            (b, sub)
        }
    });
    let ours = base.contains("terraform-aws-modules/ecs/aws")
        || base.contains("terraform-aws-modules/terraform-aws-ecs");
    if !ours {
        return None;
    }
    let sub = sub
        .split('?')
        .next()
        .unwrap_or_default()
        .trim_end_matches('/');
    match sub {
        "" => Some(Part::Root),
        "modules/service" => Some(Part::Service),
        "modules/container-definition" => Some(Part::ContainerDefinition),
        _ => None,
    }
}

/// One service the module would create.
#[derive(Debug, Clone, PartialEq)]
pub struct ModuleService {
    /// The task definition it registers.
    pub task: Value,
    /// The service (`None` with `create_service = false`).
    pub service: Option<Value>,
    /// Inputs left to the module's default: the spec field (relative to the service), the value,
    /// and the input's name.
    pub defaults: Vec<(&'static str, Value, &'static str)>,
    /// Autoscaling: the spec field, the value, and the input (or default) it came from.
    pub scaling: Vec<(&'static str, Value, String)>,
    /// Inputs akplan does not carry, with why.
    pub unmapped: Vec<(String, String)>,
}

/// The inputs [`service`] reads, and Terraform's meta-arguments (nothing to import).
const READ_INPUTS: [&str; 30] = [
    "name",
    "family",
    "cpu",
    "memory",
    "network_mode",
    "requires_compatibilities",
    "runtime_platform",
    "ephemeral_storage",
    "container_definitions",
    "volume",
    "create_service",
    "desired_count",
    "capacity_provider_strategy",
    "launch_type",
    "platform_version",
    "health_check_grace_period_seconds",
    "enable_execute_command",
    "deployment_minimum_healthy_percent",
    "deployment_maximum_percent",
    "deployment_circuit_breaker",
    "load_balancer",
    "service_connect_configuration",
    "subnet_ids",
    "enable_autoscaling",
    "autoscaling_min_capacity",
    "autoscaling_max_capacity",
    "autoscaling_policies",
    "source",
    "version",
    "depends_on",
];

fn get<'a>(inputs: &'a Map<String, Value>, key: &str) -> Option<&'a Value> {
    inputs.get(key).filter(|v| !v.is_null())
}

/// `"3"` → 3: HCL numbers written as strings, which the ECS mapping reads as numbers.
fn numeric(v: &Value) -> Value {
    match v {
        Value::String(s) => s
            .trim()
            .parse::<u64>()
            .map_or_else(|_| v.clone(), |n| json!(n)),
        _ => v.clone(),
    }
}

/// `port_mappings` → `portMappings`.
pub(super) fn camel(key: &str) -> String {
    let mut out = String::with_capacity(key.len());
    let mut upper = false;
    for c in key.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// Keys whose values are the user's own maps (label and option names), kept as written.
const USER_MAPS: [&str; 2] = ["options", "dockerLabels"];

/// A container definition as the API writes it: keys in camelCase, except inside user maps.
fn api_keys(v: &Value) -> Value {
    match v {
        Value::Object(map) => Value::Object(
            map.iter()
                .map(|(k, v)| {
                    let key = camel(k);
                    let value = if USER_MAPS.contains(&key.as_str()) {
                        v.clone()
                    } else {
                        api_keys(v)
                    };
                    (key, value)
                })
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(api_keys).collect()),
        other => other.clone(),
    }
}

/// Inputs of the module's container definitions that configure the module, not the container.
pub(super) fn module_only(key: &str) -> bool {
    matches!(
        key,
        "create" | "operating_system_family" | "tags" | "service" | "enable_cloudwatch_logging"
    ) || key.starts_with("cloudwatch_log_group")
        || key.starts_with("create_cloudwatch_log_group")
}

fn containers(
    defs: Option<&Value>,
    scaling: &mut Vec<(&'static str, Value, String)>,
) -> Vec<Value> {
    let Some(Value::Object(defs)) = defs else {
        return Vec::new();
    };
    defs.iter()
        .filter_map(|(key, def)| {
            let Value::Object(def) = def else { return None };
            let mut own = Map::new();
            for (k, v) in def {
                if k == "cloudwatch_log_group_retention_in_days" && !v.is_null() {
                    scaling.push((
                        "logs/retention_days",
                        numeric(v),
                        format!("container_definitions.{key}.{k}"),
                    ));
                }
                if !module_only(k) && !v.is_null() {
                    own.insert(k.clone(), v.clone());
                }
            }
            let mut c = match api_keys(&Value::Object(own)) {
                Value::Object(m) => m,
                _ => Map::new(),
            };
            if !c.contains_key("name") {
                c.insert("name".into(), json!(key));
            }
            Some(Value::Object(c))
        })
        .collect()
}

/// The container definition `//modules/container-definition` called as `label` with `inputs`
/// builds: its inputs in the API's camelCase (v5's snake_case read too), the module's own
/// settings (log group creation, tags) left out, `name` the label when not given.
#[must_use]
pub fn container_definition(label: &str, inputs: &Map<String, Value>) -> Value {
    let own: Map<String, Value> = inputs
        .iter()
        .filter(|(k, v)| {
            !v.is_null() && !module_only(k) && !matches!(k.as_str(), "source" | "version")
        })
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    let mut scaling = Vec::new();
    let mut defs = Map::new();
    defs.insert(label.to_owned(), Value::Object(own));
    containers(Some(&Value::Object(defs)), &mut scaling)
        .into_iter()
        .next()
        .unwrap_or_default()
}

/// Whether `source` is Cloud Posse's container definition module
/// (`cloudposse/ecs-container-definition/aws`, or its GitHub repository).
#[must_use]
pub fn is_cloudposse_container(source: &str) -> bool {
    source.contains("cloudposse/ecs-container-definition/aws")
        || source.contains("cloudposse/terraform-aws-ecs-container-definition")
}

/// Cloud Posse's inputs with a name of their own, as the API's members; the other inputs are
/// the API's in snake_case (`port_mappings`, `readonly_root_filesystem`).
const CLOUDPOSSE_NAMES: [(&str, &str); 6] = [
    ("container_name", "name"),
    ("container_image", "image"),
    ("container_cpu", "cpu"),
    ("container_memory", "memory"),
    ("container_memory_reservation", "memoryReservation"),
    ("container_depends_on", "dependsOn"),
];

/// Inputs of Cloud Posse's module that configure the module, not the container.
pub(super) fn cloudposse_only(key: &str) -> bool {
    matches!(
        key,
        "source" | "version" | "map_environment" | "map_secrets" | "container_definition"
    )
}

/// The container definition Cloud Posse's `ecs-container-definition` module builds from
/// `inputs` (its outputs `json_map_object`, `json_map_encoded` and `json_map_encoded_list`).
#[must_use]
pub fn cloudposse_container(inputs: &Map<String, Value>) -> Value {
    let mut c = Map::new();
    for (k, v) in inputs {
        if v.is_null() || cloudposse_only(k) {
            continue;
        }
        let key = CLOUDPOSSE_NAMES
            .iter()
            .find(|(from, _)| from == k)
            .map_or_else(|| camel(k), |(_, to)| (*to).to_owned());
        c.insert(key, api_keys(v));
    }
    // `map_environment = { KEY = "value" }`: the list of name/value pairs it stands for.
    if let Some(Value::Object(env)) = inputs.get("map_environment") {
        let list: Vec<Value> = env
            .iter()
            .map(|(name, value)| json!({ "name": name, "value": value }))
            .collect();
        c.entry("environment").or_insert(Value::Array(list));
    }
    Value::Object(c)
}

/// The load balancer input: a map of blocks (v5, v6) or a list (v4).
fn load_balancers(v: Option<&Value>) -> Option<Value> {
    let blocks: Vec<&Value> = match v? {
        Value::Object(m) => m.values().collect(),
        Value::Array(items) => items.iter().collect(),
        _ => return None,
    };
    let list: Vec<Value> = blocks
        .into_iter()
        .map(|b| {
            let mut lb = Map::new();
            for (tf, api) in [
                ("container_name", "containerName"),
                ("container_port", "containerPort"),
                ("target_group_arn", "targetGroupArn"),
            ] {
                if let Some(x) = b.get(tf).filter(|x| !x.is_null()) {
                    lb.insert(api.into(), numeric(x));
                }
            }
            Value::Object(lb)
        })
        .collect();
    (!list.is_empty()).then_some(Value::Array(list))
}

/// The target tracking policies: the module's default (CPU and memory at 75) unless
/// `autoscaling_policies` is given.
fn policies(inputs: &Map<String, Value>, scaling: &mut Vec<(&'static str, Value, String)>) {
    let Some(given) = get(inputs, "autoscaling_policies") else {
        scaling.push((
            "autoscaling/cpu_target",
            json!(75),
            "the module's default autoscaling_policies (CPU target 75)".into(),
        ));
        scaling.push((
            "autoscaling/memory_target",
            json!(75),
            "the module's default autoscaling_policies (memory target 75)".into(),
        ));
        return;
    };
    let Value::Object(given) = given else { return };
    for (name, p) in given {
        let Some(c) = p.get("target_tracking_scaling_policy_configuration") else {
            continue;
        };
        let metric = c
            .pointer("/predefined_metric_specification/predefined_metric_type")
            .and_then(Value::as_str);
        let field = match metric {
            Some("ECSServiceAverageCPUUtilization") => "autoscaling/cpu_target",
            Some("ECSServiceAverageMemoryUtilization") => "autoscaling/memory_target",
            Some("ALBRequestCountPerTarget") => "autoscaling/requests_per_target",
            _ => continue,
        };
        let target = c.get("target_value").filter(|v| !v.is_null());
        let origin = match target {
            Some(_) => format!("autoscaling_policies.{name}.target_value"),
            None => {
                format!("autoscaling_policies.{name}.target_value not set: the module's default 75")
            }
        };
        scaling.push((field, target.map_or(json!(75), numeric), origin));
        for (tf, to) in [
            ("scale_in_cooldown", "autoscaling/scale_in_cooldown"),
            ("scale_out_cooldown", "autoscaling/scale_out_cooldown"),
        ] {
            if let Some(v) = c.get(tf).filter(|v| !v.is_null()) {
                scaling.push((to, numeric(v), format!("autoscaling_policies.{name}.{tf}")));
            }
        }
    }
}

/// The module's `service_connect_configuration` as the API's: `service` is one object (v5) or
/// a list (v6), its `client_alias` one object or a list; `enabled` defaults to true.
fn service_connect(sc: &Value) -> Value {
    let as_list = |v: Option<&Value>| match v {
        Some(Value::Array(items)) => items.clone(),
        Some(Value::Null) | None => Vec::new(),
        Some(one) => vec![one.clone()],
    };
    let services: Vec<Value> = as_list(sc.get("service"))
        .iter()
        .map(|svc| {
            let mut out = match api_keys(svc) {
                Value::Object(m) => m,
                _ => Map::new(),
            };
            out.remove("clientAlias");
            let aliases: Vec<Value> = as_list(svc.get("client_alias"))
                .iter()
                .map(api_keys)
                .collect();
            if !aliases.is_empty() {
                out.insert("clientAliases".into(), Value::Array(aliases));
            }
            Value::Object(out)
        })
        .collect();
    let mut out = Map::new();
    out.insert(
        "enabled".into(),
        sc.get("enabled").cloned().unwrap_or(json!(true)),
    );
    if let Some(ns) = sc.get("namespace").filter(|v| !v.is_null()) {
        out.insert("namespace".into(), ns.clone());
    }
    if !services.is_empty() {
        out.insert("services".into(), Value::Array(services));
    }
    Value::Object(out)
}

/// The service that a `modules/service` block (or one entry of the root module's `services`)
/// with `inputs` creates; `label` is the block's label (or the entry's key).
#[must_use]
pub fn service(label: &str, inputs: &Map<String, Value>) -> ModuleService {
    let mut defaults = Vec::new();
    let mut scaling = Vec::new();
    // A literal cluster ARN names the cluster (the app); a reference to a cluster module does not.
    let cluster_arn = get(inputs, "cluster_arn")
        .and_then(Value::as_str)
        .filter(|a| a.starts_with("arn:") && a.contains(":cluster/"));
    // Every other input is listed: nothing the module block says is dropped silently.
    let unmapped: Vec<(String, String)> = inputs
        .iter()
        .filter(|(k, v)| !v.is_null() && !READ_INPUTS.contains(&k.as_str()))
        .filter(|(k, _)| *k != "cluster_arn" || cluster_arn.is_none())
        .map(|(k, _)| {
            (
                k.clone(),
                "an input of the module akplan does not read".to_owned(),
            )
        })
        .collect();
    let name = get(inputs, "name")
        .and_then(Value::as_str)
        .filter(|n| !n.is_empty())
        .unwrap_or(label)
        .to_owned();
    let family = get(inputs, "family")
        .and_then(Value::as_str)
        .unwrap_or(&name)
        .to_owned();
    let or_default =
        |key: &'static str, field: &'static str, default: Value, defaults: &mut Vec<_>| {
            get(inputs, key).cloned().unwrap_or_else(|| {
                if !field.is_empty() {
                    defaults.push((field, default.clone(), key));
                }
                default
            })
        };
    let mut task = Map::new();
    task.insert("family".into(), json!(family));
    task.insert(
        "cpu".into(),
        or_default("cpu", "cpu", json!(1024), &mut defaults),
    );
    task.insert(
        "memory".into(),
        or_default("memory", "memory", json!(2048), &mut defaults),
    );
    task.insert(
        "networkMode".into(),
        or_default("network_mode", "", json!("awsvpc"), &mut defaults),
    );
    task.insert(
        "requiresCompatibilities".into(),
        or_default(
            "requires_compatibilities",
            "",
            json!(["FARGATE"]),
            &mut defaults,
        ),
    );
    let platform = get(inputs, "runtime_platform").filter(|p| p.is_object());
    task.insert(
        "runtimePlatform".into(),
        json!({
            "cpuArchitecture": platform.and_then(|p| p.get("cpu_architecture")).filter(|v| !v.is_null()).cloned().unwrap_or(json!("X86_64")),
            "operatingSystemFamily": platform.and_then(|p| p.get("operating_system_family")).filter(|v| !v.is_null()).cloned().unwrap_or(json!("LINUX")),
        }),
    );
    if let Some(size) = get(inputs, "ephemeral_storage").and_then(|e| e.get("size_in_gib")) {
        task.insert(
            "ephemeralStorage".into(),
            json!({ "sizeInGiB": numeric(size) }),
        );
    }
    task.insert(
        "containerDefinitions".into(),
        Value::Array(containers(
            get(inputs, "container_definitions"),
            &mut scaling,
        )),
    );
    // `volume`: a map of volumes by name (the key, unless the entry says `name`), each with its
    // `efs_volume_configuration` in snake_case.
    if let Some(volumes) = get(inputs, "volume").and_then(Value::as_object) {
        let list: Vec<Value> = volumes
            .iter()
            .map(|(key, v)| {
                let mut out = match api_keys(v) {
                    Value::Object(m) => m,
                    _ => Map::new(),
                };
                out.entry("name").or_insert_with(|| json!(key));
                Value::Object(out)
            })
            .collect();
        task.insert("volumes".into(), Value::Array(list));
    }

    let create_service = get(inputs, "create_service").and_then(Value::as_bool) != Some(false);
    let service = create_service.then(|| {
        let mut s = Map::new();
        s.insert("serviceName".into(), json!(name));
        if let Some(arn) = cluster_arn {
            s.insert("cluster".into(), json!(arn));
        }
        s.insert("taskDefinition".into(), json!(family));
        s.insert(
            "desiredCount".into(),
            numeric(&or_default(
                "desired_count",
                "capacity/base_count",
                json!(1),
                &mut defaults,
            )),
        );
        if let Some(strategy) = get(inputs, "capacity_provider_strategy").and_then(Value::as_object)
        {
            let list: Vec<Value> = strategy
                .values()
                .map(|c| {
                    json!({
                        "capacityProvider": c.get("capacity_provider"),
                        "weight": c.get("weight").map(numeric),
                        "base": c.get("base").map(numeric),
                    })
                })
                .collect();
            s.insert("capacityProviderStrategy".into(), Value::Array(list));
        } else {
            s.insert(
                "launchType".into(),
                or_default("launch_type", "", json!("FARGATE"), &mut defaults),
            );
        }
        for (tf, api) in [
            ("platform_version", "platformVersion"),
            (
                "health_check_grace_period_seconds",
                "healthCheckGracePeriodSeconds",
            ),
            ("enable_execute_command", "enableExecuteCommand"),
        ] {
            if let Some(v) = get(inputs, tf) {
                s.insert(api.into(), numeric(v));
            }
        }
        let mut dc = Map::new();
        dc.insert(
            "minimumHealthyPercent".into(),
            numeric(&or_default(
                "deployment_minimum_healthy_percent",
                "deployment/minimum_healthy_percent",
                json!(66),
                &mut defaults,
            )),
        );
        dc.insert(
            "maximumPercent".into(),
            numeric(&or_default(
                "deployment_maximum_percent",
                "deployment/maximum_percent",
                json!(200),
                &mut defaults,
            )),
        );
        if let Some(cb) = get(inputs, "deployment_circuit_breaker") {
            dc.insert(
                "deploymentCircuitBreaker".into(),
                json!({ "enable": cb.get("enable"), "rollback": cb.get("rollback") }),
            );
        }
        s.insert("deploymentConfiguration".into(), Value::Object(dc));
        if let Some(lb) = load_balancers(get(inputs, "load_balancer")) {
            s.insert("loadBalancers".into(), lb);
        }
        if let Some(sc) = get(inputs, "service_connect_configuration").filter(|v| v.is_object()) {
            s.insert("serviceConnectConfiguration".into(), service_connect(sc));
        }
        // The subnets whatever they are (a `module.vpc.private_subnets` included): the mapping
        // reads a literal list and lists the rest.
        if let Some(subnets) = get(inputs, "subnet_ids") {
            s.insert(
                "networkConfiguration".into(),
                json!({ "awsvpcConfiguration": { "subnets": subnets } }),
            );
        }
        Value::Object(s)
    });
    if create_service && get(inputs, "enable_autoscaling").and_then(Value::as_bool) != Some(false) {
        for (key, field, default) in [
            ("autoscaling_min_capacity", "capacity/min", 1),
            ("autoscaling_max_capacity", "capacity/max", 10),
        ] {
            match get(inputs, key) {
                Some(v) => scaling.push((field, numeric(v), key.to_owned())),
                None => scaling.push((
                    field,
                    json!(default),
                    format!("the module's default {key} = {default}"),
                )),
            }
        }
        policies(inputs, &mut scaling);
    }
    ModuleService {
        task: Value::Object(task),
        service,
        defaults,
        scaling,
        unmapped,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sources_name_the_module_and_its_part() {
        assert_eq!(
            part("terraform-aws-modules/ecs/aws//modules/service"),
            Some(Part::Service)
        );
        assert_eq!(part("terraform-aws-modules/ecs/aws"), Some(Part::Root));
        assert_eq!(
            part(
                "git::https://github.com/terraform-aws-modules/terraform-aws-ecs.git//modules/service?ref=v5.12.1"
            ),
            Some(Part::Service)
        );
        assert_eq!(part("terraform-aws-modules/ecs/aws//modules/cluster"), None);
        assert_eq!(part("./modules/service"), None);
    }

    #[test]
    fn absent_inputs_take_the_modules_defaults_and_v5_keys_become_the_apis() {
        let inputs: Map<String, Value> = serde_json::from_value(json!({
            "name": "orders",
            "cpu": "512",
            "container_definitions": {
                "app": {
                    "image": "example/orders:1.2.0",
                    "port_mappings": [{ "name": "http", "containerPort": 8080, "protocol": "tcp" }],
                    "readonly_root_filesystem": false,
                    "docker_labels": { "team_name": "core" },
                    "enable_cloudwatch_logging": true,
                    "cloudwatch_log_group_retention_in_days": 30
                }
            }
        }))
        .unwrap_or_default();
        let s = service("ecs_service", &inputs);
        assert_eq!(s.task["cpu"], "512");
        assert_eq!(s.task["memory"], 2048);
        let c = &s.task["containerDefinitions"][0];
        assert_eq!(c["name"], "app");
        assert_eq!(c["portMappings"][0]["containerPort"], 8080);
        assert_eq!(c["readonlyRootFilesystem"], false);
        assert_eq!(c["dockerLabels"]["team_name"], "core", "user keys stay");
        assert!(c.get("enableCloudwatchLogging").is_none());
        let svc = s.service.unwrap_or_default();
        assert_eq!(svc["desiredCount"], 1);
        assert_eq!(svc["deploymentConfiguration"]["minimumHealthyPercent"], 66);
        let fields: Vec<&str> = s.defaults.iter().map(|d| d.0).collect();
        assert_eq!(
            fields,
            [
                "memory",
                "capacity/base_count",
                "deployment/minimum_healthy_percent",
                "deployment/maximum_percent"
            ]
        );
        let scaling: Vec<(&str, Value)> =
            s.scaling.iter().map(|(f, v, _)| (*f, v.clone())).collect();
        assert!(scaling.contains(&("capacity/max", json!(10))));
        assert!(scaling.contains(&("autoscaling/cpu_target", json!(75))));
        assert!(scaling.contains(&("logs/retention_days", json!(30))));
    }
}
