//! AWS Copilot manifests (Load Balanced Web Service, Backend Service, Worker Service) into spec
//! services. Copilot reached end of support on 2026-06-12; its manifests are documented at
//! <https://aws.github.io/copilot-cli/docs/manifest/overview/>.
//!
//! Scheduled Jobs are ECS tasks started on a schedule and Request-Driven Web Services run on App
//! Runner: neither is an ECS service, so neither is imported (the error says so).

use serde_json::{Map, Value, json};

use super::draft::Draft;

/// The manifest types that are ECS services.
const SERVICE_TYPES: [&str; 3] = [
    "Load Balanced Web Service",
    "Backend Service",
    "Worker Service",
];

/// Whether `value` is a Copilot manifest (any type).
#[must_use]
pub fn detect(value: &Value) -> bool {
    value.get("name").is_some_and(Value::is_string)
        && value.get("type").and_then(Value::as_str).is_some_and(|t| {
            SERVICE_TYPES.contains(&t)
                || matches!(
                    t,
                    "Scheduled Job" | "Request-Driven Web Service" | "Static Site"
                )
        })
}

/// A Copilot duration (`10s`, `1m30s`, `2m`) in seconds.
fn seconds(v: &Value) -> Option<u64> {
    if let Some(n) = v.as_u64() {
        return Some(n);
    }
    let text = v.as_str()?.trim();
    let mut total = 0u64;
    let mut digits = String::new();
    for c in text.chars() {
        match c {
            '0'..='9' => digits.push(c),
            'h' | 'm' | 's' => {
                let n: u64 = digits.parse().ok()?;
                digits.clear();
                total += n * match c {
                    'h' => 3600,
                    'm' => 60,
                    _ => 1,
                };
            }
            _ => return None,
        }
    }
    digits.is_empty().then_some(total)
}

/// The variables whose values are plain text, numbers or booleans. Copilot's `from_cfn` (a value
/// another stack exports, read at deploy time) cannot be known from the files: it is listed as
/// not mapped, never copied as a mapping (which the spec rejects).
fn plain_variables(
    draft: &mut Draft,
    vars: &Map<String, Value>,
    origin: &str,
) -> Map<String, Value> {
    let mut out = Map::new();
    for (name, value) in vars {
        match value {
            Value::String(_) | Value::Number(_) | Value::Bool(_) => {
                out.insert(name.clone(), value.clone());
            }
            Value::Object(m) if m.contains_key("from_cfn") => draft.skip(
                format!("{origin}.{name}"),
                format!(
                    "`from_cfn: {}` is another stack's export, read by Copilot at deploy time: set the value in the spec",
                    m.get("from_cfn").and_then(Value::as_str).unwrap_or("?")
                ),
            ),
            _ => draft.skip(
                format!("{origin}.{name}"),
                "not a plain value: set it in the spec",
            ),
        }
    }
    out
}

/// `environments.<env>` merged over the manifest, as Copilot applies it.
/// The environments a manifest overrides (`environments.<name>`).
pub fn environments(manifest: &Value) -> Vec<&str> {
    manifest
        .get("environments")
        .and_then(Value::as_object)
        .map(|m| m.keys().map(String::as_str).collect())
        .unwrap_or_default()
}

fn with_environment(manifest: &Value, env: Option<&str>) -> Result<Value, String> {
    let Some(env) = env else {
        return Ok(manifest.clone());
    };
    // A service without overrides for the environment deploys its base configuration there;
    // `import_with` refuses an environment that no manifest names (a typo).
    let Some(overrides) = manifest.pointer(&format!("/environments/{env}")) else {
        return Ok(manifest.clone());
    };
    let mut merged = manifest.clone();
    merge(&mut merged, overrides);
    Ok(merged)
}

fn merge(base: &mut Value, over: &Value) {
    match (base, over) {
        (Value::Object(b), Value::Object(o)) => {
            for (k, v) in o {
                match b.get_mut(k) {
                    Some(existing) if existing.is_object() && v.is_object() => merge(existing, v),
                    _ => {
                        b.insert(k.clone(), v.clone());
                    }
                }
            }
        }
        (b, o) => *b = o.clone(),
    }
}

/// Imports one manifest read from `file` (with `environments.<env>` applied).
///
/// # Errors
/// A manifest type that is not an ECS service, or an unknown environment.
pub fn import(
    draft: &mut Draft,
    file: &str,
    manifest: &Value,
    env: Option<&str>,
) -> Result<(), String> {
    let kind = manifest
        .get("type")
        .and_then(Value::as_str)
        .unwrap_or_default();
    match kind {
        "Scheduled Job" => {
            return Err(format!(
                "{file}: a Scheduled Job is an ECS task started on a schedule, not a service: akplan plans services (keep it in Copilot's output or an EventBridge rule)"
            ));
        }
        "Request-Driven Web Service" => {
            return Err(format!(
                "{file}: a Request-Driven Web Service runs on AWS App Runner, not ECS: akplan plans ECS services"
            ));
        }
        "Static Site" => {
            return Err(format!(
                "{file}: a Static Site is S3 and CloudFront, not ECS"
            ));
        }
        _ => {}
    }
    let m = with_environment(manifest, env)?;
    let name = m
        .get("name")
        .and_then(Value::as_str)
        .unwrap_or("svc")
        .to_owned();
    let from = |f: &str| format!("{file} {f}");
    let set = |draft: &mut Draft, field: &str, value: Value, origin: String| {
        let mut path = vec!["services", name.as_str()];
        path.extend(field.split('/'));
        draft.set(&path, value, origin);
    };
    if !draft.has(&["version"]) {
        draft.set(&["version"], json!(1), "akplan's spec format");
        draft.set(
            &["app"],
            json!(name),
            format!("{file} name (Copilot's application name is not in the manifest)"),
        );
        draft.set(
            &["region"],
            json!("us-east-1"),
            "assumed: not in a Copilot manifest, check it",
        );
        draft.set(
            &["availability_zones"],
            json!(2),
            "Copilot's default environment (two Availability Zones)",
        );
    }
    // Copilot places tasks in public subnets with public IPs unless `network.vpc.placement` is
    // `private`, where they reach out through the environment's NAT gateways, one per zone
    // (https://aws.github.io/copilot-cli/docs/manifest/lb-web-service/#network-vpc-placement).
    if !draft.has(&["nat_gateways"]) {
        match m.pointer("/network/vpc/placement").and_then(Value::as_str) {
            Some("private") => draft.set(
                &["nat_gateways"],
                json!(2),
                from("network.vpc.placement private: the environment's NAT gateways, one per zone of its two"),
            ),
            _ => draft.set(
                &["nat_gateways"],
                json!(0),
                from("network.vpc.placement (public, Copilot's default): tasks with public IPs, no NAT gateway"),
            ),
        }
    }
    // Image.
    match (m.pointer("/image/location"), m.pointer("/image/build")) {
        (Some(location), _) => set(draft, "image", location.clone(), from("image.location")),
        (None, Some(_)) => {
            set(draft, "image", json!("<IMAGE>"), from("image.build"));
            draft.skip(
                from("image.build"),
                "Copilot builds the image: put the pushed image's URI in `image`",
            );
        }
        (None, None) => set(
            draft,
            "image",
            json!("<IMAGE>"),
            format!("{file}: no image"),
        ),
    }
    let load_balanced = kind == "Load Balanced Web Service";
    // `network.connect`: Service Connect in the environment's namespace (`<env>.<app>.local`,
    // the cluster's default), `alias` the name clients call
    // (https://aws.github.io/copilot-cli/docs/manifest/backend-service/#network-connect).
    let connect = match m.pointer("/network/connect") {
        Some(Value::Bool(on)) => *on,
        Some(Value::Object(c)) => c.get("enabled").and_then(Value::as_bool) != Some(false),
        _ => false,
    };
    if connect {
        set(draft, "service_connect", json!({}), from("network.connect"));
        if let (Some(alias), Some(port)) = (
            m.pointer("/network/connect/alias").and_then(Value::as_str),
            m.pointer("/image/port").and_then(Value::as_u64),
        ) {
            set(
                draft,
                "service_connect/client_aliases",
                json!([{ "port": port, "dns_name": alias }]),
                from("network.connect.alias"),
            );
        }
    }
    if let Some(port) = m.pointer("/image/port").and_then(Value::as_u64) {
        if load_balanced {
            set(draft, "port", json!(port), from("image.port"));
        } else if connect {
            set(
                draft,
                "service_connect/port",
                json!(port),
                from("image.port"),
            );
        } else {
            draft.skip(
                from("image.port"),
                format!("port {port} of a {kind}: akplan's `port` means behind a load balancer"),
            );
        }
    }
    for field in ["cpu", "memory"] {
        let value = m
            .get(field)
            .cloned()
            .unwrap_or(json!(if field == "cpu" { 256 } else { 512 }));
        let origin = if m.get(field).is_some() {
            from(field)
        } else {
            format!("Copilot's default {field}")
        };
        set(draft, field, value, origin);
    }
    if let Some(platform) = m.get("platform").and_then(|p| {
        p.as_str()
            .or_else(|| p.pointer("/osfamily").and_then(Value::as_str))
    }) {
        if platform.contains("arm") {
            set(draft, "arch", json!("arm64"), from("platform"));
        }
        if platform.starts_with("windows") {
            set(draft, "os", json!("windows"), from("platform"));
        }
    }
    count(draft, &m, file, &name, &set);
    http(draft, &m, file, load_balanced, &set);
    if let Some(h) = m.pointer("/image/healthcheck") {
        let mut check = Map::new();
        if let Some(cmd) = h.get("command") {
            check.insert("command".into(), cmd.clone());
        }
        for (k, to) in [
            ("interval", "interval"),
            ("timeout", "timeout"),
            ("start_period", "start_period"),
        ] {
            if let Some(s) = h.get(k).and_then(seconds) {
                check.insert(to.into(), json!(s));
            }
        }
        if let Some(r) = h.get("retries").and_then(Value::as_u64) {
            check.insert("retries".into(), json!(r));
        }
        set(
            draft,
            "container_health_check",
            Value::Object(check),
            from("image.healthcheck"),
        );
    }
    if let Some(exec) = m.get("exec").and_then(Value::as_bool).filter(|e| *e) {
        set(draft, "exec", json!(exec), from("exec"));
    }
    if let Some(vars) = m
        .get("variables")
        .and_then(Value::as_object)
        .map(|v| plain_variables(draft, v, &from("variables")))
        .filter(|v| !v.is_empty())
    {
        set(draft, "environment", Value::Object(vars), from("variables"));
    }
    if let Some(secrets) = m
        .get("secrets")
        .and_then(Value::as_object)
        .filter(|s| !s.is_empty())
    {
        set(
            draft,
            "secrets",
            Value::Object(secret_refs(secrets)),
            from("secrets"),
        );
    }
    if let Some(gib) = m.pointer("/storage/ephemeral").and_then(Value::as_u64) {
        set(
            draft,
            "ephemeral_storage",
            json!(gib),
            from("storage.ephemeral"),
        );
    }
    if let Some(volumes) = m.pointer("/storage/volumes").and_then(Value::as_object) {
        let mut paths = Map::new();
        for (v, spec) in volumes {
            if let Some(p) = spec.get("path") {
                paths.insert(v.clone(), p.clone());
            }
            match spec.get("efs") {
                Some(Value::Object(efs)) if efs.get("id").is_some_and(Value::is_string) => {
                    if let Some(p) = spec.get("path") {
                        paths.insert(v.clone(), copilot_efs(p, efs));
                    }
                }
                Some(_) => draft.skip(
                    from(&format!("storage.volumes.{v}.efs")),
                    "an EFS file system Copilot creates (`efs: true` or `uid`/`gid`): its id is known only once deployed; add `efs.file_system_id` to the volume",
                ),
                None => {}
            }
        }
        if !paths.is_empty() {
            set(
                draft,
                "volumes",
                Value::Object(paths),
                from("storage.volumes"),
            );
        }
    }
    if let Some(sidecars) = m.get("sidecars").and_then(Value::as_object) {
        for (s, spec) in sidecars {
            let at = |f: &str| format!("containers/{s}/{f}");
            set(
                draft,
                &at("image"),
                spec.get("image").cloned().unwrap_or(json!("<IMAGE>")),
                from(&format!("sidecars.{s}.image")),
            );
            if let Some(p) = spec.get("port").and_then(|p| {
                p.as_u64()
                    .or_else(|| p.as_str()?.split('/').next()?.parse().ok())
            }) {
                set(
                    draft,
                    &at("port"),
                    json!(p),
                    from(&format!("sidecars.{s}.port")),
                );
            }
            if let Some(e) = spec.get("essential").and_then(Value::as_bool) {
                set(
                    draft,
                    &at("essential"),
                    json!(e),
                    from(&format!("sidecars.{s}.essential")),
                );
            }
            if let Some(vars) = spec
                .get("variables")
                .and_then(Value::as_object)
                .map(|v| plain_variables(draft, v, &from(&format!("sidecars.{s}.variables"))))
                .filter(|v| !v.is_empty())
            {
                set(
                    draft,
                    &at("environment"),
                    Value::Object(vars),
                    from(&format!("sidecars.{s}.variables")),
                );
            }
            if let Some(secrets) = spec.get("secrets").and_then(Value::as_object) {
                set(
                    draft,
                    &at("secrets"),
                    Value::Object(secret_refs(secrets)),
                    from(&format!("sidecars.{s}.secrets")),
                );
            }
        }
    }
    if let Some(rolling) = m.pointer("/deployment/rolling").and_then(Value::as_str)
        && rolling == "recreate"
    {
        set(
            draft,
            "deployment/strategy",
            json!("recreate"),
            from("deployment.rolling"),
        );
    }
    // Copilot deploys every service with the circuit breaker and rollback on.
    let default = "Copilot's default (circuit breaker with rollback)".to_owned();
    set(
        draft,
        "deployment/circuit_breaker",
        json!(true),
        default.clone(),
    );
    set(draft, "deployment/rollback", json!(true), default);
    if let Some(days) = m.pointer("/logging/retention").and_then(Value::as_u64) {
        set(
            draft,
            "logs/retention_days",
            json!(days),
            from("logging.retention"),
        );
    }
    for (k, why) in [
        (
            "network",
            "security groups are not part of the spec (`vpc.placement` and `connect` are read)",
        ),
        (
            "subscribe",
            "SNS/SQS subscriptions are not part of the spec",
        ),
        ("publish", "SNS topics are not part of the spec"),
        ("observability", "tracing is not part of the spec"),
        (
            "taskdef_overrides",
            "raw task-definition overrides are not part of the spec",
        ),
        ("entrypoint", ""),
        ("command", ""),
    ] {
        if let Some(v) = m.get(k) {
            if k == "entrypoint" || k == "command" {
                let list = match v {
                    Value::String(s) => json!(s.split_whitespace().collect::<Vec<_>>()),
                    other => other.clone(),
                };
                set(
                    draft,
                    if k == "command" {
                        "command"
                    } else {
                        "entry_point"
                    },
                    list,
                    from(k),
                );
            } else {
                draft.skip(from(k), why);
            }
        }
    }
    Ok(())
}

/// Copilot secrets: an SSM parameter name, `{secretsmanager: name[:key...]}` or an ARN.
/// A Copilot `efs` volume with an existing file system (`id`, `root_dir`, `auth`) as the spec's
/// `{path, efs}` (https://aws.github.io/copilot-cli/docs/manifest/lb-web-service/#storage-volumes);
/// Copilot always turns transit encryption on, the spec's default.
fn copilot_efs(path: &Value, efs: &Map<String, Value>) -> Value {
    let mut out = Map::new();
    out.insert("file_system_id".into(), efs["id"].clone());
    if let Some(ap) = efs.get("auth").and_then(|a| a.get("access_point_id")) {
        out.insert("access_point".into(), ap.clone());
    }
    if let Some(root) = efs.get("root_dir").filter(|r| r.as_str() != Some("/")) {
        out.insert("root_directory".into(), root.clone());
    }
    if let Some(iam) = efs.get("auth").and_then(|a| a.get("iam")) {
        out.insert("iam".into(), iam.clone());
    }
    json!({ "path": path, "efs": out })
}

fn secret_refs(secrets: &Map<String, Value>) -> Map<String, Value> {
    secrets
        .iter()
        .map(|(k, v)| {
            let reference = match v {
                Value::String(s) if s.starts_with("arn:") => s.clone(),
                Value::String(s) => format!("ssm:{s}"),
                other => match other.get("secretsmanager").and_then(Value::as_str) {
                    Some(sm) if sm.starts_with("arn:") => sm.to_owned(),
                    Some(sm) => format!("secretsmanager:{}", sm.trim_end_matches(':')),
                    None => other
                        .get("from_cfn")
                        .and_then(Value::as_str)
                        .map_or_else(|| "<SECRET>".to_owned(), |c| format!("<{c}>")),
                },
            };
            (k.clone(), Value::from(reference))
        })
        .collect()
}

type Set<'a> = dyn Fn(&mut Draft, &str, Value, String) + 'a;

/// `count`: a number, or `range` with scaling targets and `spot_from`.
fn count(draft: &mut Draft, m: &Value, file: &str, _name: &str, set: &Set<'_>) {
    let from = |f: &str| format!("{file} {f}");
    match m.get("count") {
        Some(Value::Number(n)) => set(
            draft,
            "capacity/base_count",
            Value::Number(n.clone()),
            from("count"),
        ),
        Some(Value::Object(c)) => {
            let range = c.get("range");
            let (min, max) = match range {
                Some(Value::String(r)) => {
                    let mut parts = r.split('-').map(|p| p.trim().parse::<u64>().ok());
                    (parts.next().flatten(), parts.next().flatten())
                }
                Some(Value::Object(r)) => (
                    r.get("min").and_then(Value::as_u64),
                    r.get("max").and_then(Value::as_u64),
                ),
                _ => (None, None),
            };
            if let Some(min) = min {
                set(
                    draft,
                    "capacity/base_count",
                    json!(min),
                    from("count.range (its minimum)"),
                );
                set(draft, "capacity/min", json!(min), from("count.range"));
            }
            if let Some(max) = max {
                set(draft, "capacity/max", json!(max), from("count.range"));
            }
            for (k, to) in [
                ("cpu_percentage", "cpu_target"),
                ("memory_percentage", "memory_target"),
                ("requests", "requests_per_target"),
            ] {
                if let Some(v) = c
                    .get(k)
                    .and_then(|v| v.as_f64().or_else(|| v.get("value")?.as_f64()))
                {
                    set(
                        draft,
                        &format!("autoscaling/{to}"),
                        json!(v),
                        from(&format!("count.{k}")),
                    );
                }
            }
            if let Some(rt) = c.get("response_time") {
                draft.skip(
                    from("count.response_time"),
                    format!("{rt}: akplan scales on CPU, memory or requests"),
                );
            }
            if let Some(spot) = c.get("spot") {
                draft.skip(
                    from("count.spot"),
                    format!(
                        "{spot} tasks on Spot: the spec has a Spot share (`capacity.spot_percent`)"
                    ),
                );
            }
            if let Some(spot) = c.get("spot_from") {
                draft.skip(from("count.spot_from"), format!("{spot}: the spec has a Spot share (`capacity.spot_percent`), not a threshold"));
            }
            if let Some(Value::Object(r)) = range
                && let Some(spot) = r.get("spot_from")
            {
                draft.skip(from("count.range.spot_from"), format!("{spot}: the spec has a Spot share (`capacity.spot_percent`), not a threshold"));
            }
        }
        _ => set(
            draft,
            "capacity/base_count",
            json!(1),
            "Copilot's default count".to_owned(),
        ),
    }
}

/// `http`: the load balancer's path, health check and deregistration delay.
fn http(draft: &mut Draft, m: &Value, file: &str, load_balanced: bool, set: &Set<'_>) {
    let from = |f: &str| format!("{file} {f}");
    if load_balanced {
        // Copilot gives load-balanced services a 60 s grace period unless told otherwise.
        set(
            draft,
            "health_check/grace_period",
            json!(60),
            "Copilot's default grace period".to_owned(),
        );
    }
    let Some(h) = m.get("http").filter(|h| !h.is_boolean()) else {
        return;
    };
    if !load_balanced {
        draft.skip(
            from("http"),
            "an internal load balancer of a Backend Service: akplan plans one internet-facing ALB",
        );
        return;
    }
    if let Some(path) = h.get("path").and_then(Value::as_str).filter(|p| *p != "/") {
        draft.skip(
            from("http.path"),
            format!("`{path}`: akplan routes the first service at /* and the others at /<name>/*"),
        );
    }
    match h.get("healthcheck") {
        Some(Value::String(path)) => set(
            draft,
            "health_check/path",
            json!(path),
            from("http.healthcheck"),
        ),
        Some(Value::Object(c)) => {
            if let Some(p) = c.get("path") {
                set(
                    draft,
                    "health_check/path",
                    p.clone(),
                    from("http.healthcheck.path"),
                );
            }
            for (k, to) in [
                ("healthy_threshold", "healthy_threshold"),
                ("unhealthy_threshold", "unhealthy_threshold"),
            ] {
                if let Some(n) = c.get(k).and_then(Value::as_u64) {
                    set(
                        draft,
                        &format!("health_check/{to}"),
                        json!(n),
                        from(&format!("http.healthcheck.{k}")),
                    );
                }
            }
            for (k, to) in [
                ("interval", "interval"),
                ("timeout", "timeout"),
                ("grace_period", "grace_period"),
            ] {
                if let Some(s) = c.get(k).and_then(seconds) {
                    set(
                        draft,
                        &format!("health_check/{to}"),
                        json!(s),
                        from(&format!("http.healthcheck.{k}")),
                    );
                }
            }
            if let Some(codes) = c.get("success_codes").and_then(Value::as_str) {
                set(
                    draft,
                    "health_check/matcher",
                    json!(codes),
                    from("http.healthcheck.success_codes"),
                );
            }
        }
        _ => {}
    }
    if let Some(s) = h.get("deregistration_delay").and_then(seconds) {
        set(
            draft,
            "deployment/deregistration_delay",
            json!(s),
            from("http.deregistration_delay"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        assert_eq!(seconds(&json!("10s")), Some(10));
        assert_eq!(seconds(&json!("1m30s")), Some(90));
        assert_eq!(seconds(&json!("2h")), Some(7200));
        assert_eq!(seconds(&json!(5)), Some(5));
        assert_eq!(seconds(&json!("soon")), None);
    }

    #[test]
    fn environments_override_the_manifest() {
        let m = json!({"name": "api", "type": "Backend Service", "count": 1, "cpu": 256,
            "environments": {"prod": {"count": 3, "cpu": 1024}}});
        let merged = with_environment(&m, Some("prod")).unwrap_or_default();
        assert_eq!(merged["count"], 3);
        assert_eq!(merged["cpu"], 1024);
        // No `dev` overrides: the base configuration deploys there (`import_with` refuses an
        // environment that no manifest of the import names).
        assert_eq!(with_environment(&m, Some("dev")).ok(), Some(m.clone()));
        assert_eq!(environments(&m), vec!["prod"]);
        let text = m.to_string();
        let sources = [crate::Source {
            name: "copilot/api/manifest.yml",
            text: &text,
        }];
        let refused = crate::import(&sources, Some("dev"))
            .err()
            .unwrap_or_default();
        assert!(
            refused.contains("no manifest has an environment `dev`"),
            "{refused}"
        );
        assert!(crate::import(&sources, Some("prod")).is_ok());
    }
}
