//! CloudFormation templates (YAML or JSON, `cdk synth` output included) into spec services: the
//! ECS task definitions and services through the same mapping as the ECS API's files (the
//! properties are the API's members with a capital letter), then what only the template has:
//! target group health checks and deregistration delay, scaling targets and policies, log
//! retention, Container Insights, NAT gateways.
//!
//! Intrinsic functions are resolved where they are literals (`Fn::Join` of strings, `Ref` to a
//! parameter with a default, `AWS::URLSuffix` and `AWS::Partition`); anything else becomes a
//! `<Name>` placeholder (`<AWS_AccountId>`, `<Fn_GetAtt>`). YAML short forms (`!Ref X`) arrive as the bare name and are resolved
//! the same way, and `!Join [sep, [parts]]` (untagged: a string and a list) is joined.

use serde_json::{Map, Value, json};

use super::draft::Draft;
use super::ecs::{self, EcsFile};
use crate::pointer::Pointer;

/// Whether `json` is a template with ECS resources.
#[must_use]
pub fn detect(json: &Value) -> bool {
    json.get("Resources")
        .and_then(Value::as_object)
        .is_some_and(|r| {
            r.values().any(|res| {
                res.get("Type")
                    .and_then(Value::as_str)
                    .is_some_and(|t| t.starts_with("AWS::ECS::"))
            })
        })
}

struct Template<'a> {
    resources: &'a Map<String, Value>,
    parameters: Option<&'a Map<String, Value>>,
    mappings: Option<&'a Map<String, Value>>,
}

impl Template<'_> {
    fn of_type(&self, kind: &str) -> Vec<(&String, &Value)> {
        self.resources
            .iter()
            .filter(|(_, r)| r.get("Type").and_then(Value::as_str) == Some(kind))
            .collect()
    }

    fn props<'b>(&'b self, id: &str) -> Option<&'b Value> {
        self.resources.get(id)?.get("Properties")
    }

    /// The logical id a value refers to (`{"Ref": X}`, `{"Fn::GetAtt": [X, ...]}` or a bare name).
    fn target(&self, v: &Value) -> Option<String> {
        let id = match v {
            Value::Object(m) => m
                .get("Ref")
                .and_then(Value::as_str)
                .or_else(|| m.get("Fn::GetAtt")?.get(0)?.as_str())
                .map(str::to_owned),
            // `!GetAtt X.Attr` arrives as the bare `X.Attr`.
            Value::String(s) => Some(s.split('.').next().unwrap_or(s).to_owned()),
            _ => None,
        }?;
        (self.resources.contains_key(&id) || self.parameters.is_some_and(|p| p.contains_key(&id)))
            .then_some(id)
    }

    /// `v` with intrinsics resolved where they are literal; otherwise `<Ref:Name>` placeholders.
    fn resolve(&self, v: &Value, depth: usize) -> Value {
        if depth > 32 {
            return json!("<unresolved>");
        }
        match v {
            Value::Object(m)
                if m.len() == 1 && m.keys().all(|k| k == "Ref" || k.starts_with("Fn::")) =>
            {
                self.intrinsic(m, depth)
            }
            Value::Object(m) => Value::Object(
                m.iter()
                    .map(|(k, v)| (k.clone(), self.resolve(v, depth + 1)))
                    .collect(),
            ),
            // `!Join [sep, [parts]]` arrives untagged: a string and a list of parts.
            Value::Array(items)
                if items.len() == 2 && items[0].is_string() && items[1].is_array() =>
            {
                let mut join = Map::new();
                join.insert("Fn::Join".into(), v.clone());
                self.intrinsic(&join, depth)
            }
            // `!FindInMap [Map, Top, Second]` arrives untagged: three names, the first a mapping.
            Value::Array(items)
                if items.len() == 3
                    && items[0]
                        .as_str()
                        .is_some_and(|m| self.mappings.is_some_and(|ms| ms.contains_key(m))) =>
            {
                self.find_in_map(items, depth)
                    .unwrap_or_else(|| json!("<Fn_FindInMap>"))
            }
            Value::Array(items) => {
                Value::Array(items.iter().map(|i| self.resolve(i, depth + 1)).collect())
            }
            // `!Ref Name` arrives as the bare name: a parameter or a pseudo parameter.
            Value::String(name) if self.default(name).is_some() || name.starts_with("AWS::") => {
                let mut reference = Map::new();
                reference.insert("Ref".into(), json!(name));
                self.intrinsic(&reference, depth)
            }
            // `!Sub "...${Name}..."` arrives as the bare text.
            Value::String(text) if text.contains("${") => json!(self.substitute(text, None)),
            other => other.clone(),
        }
    }

    /// The `Default` of parameter `name`.
    fn default(&self, name: &str) -> Option<&Value> {
        self.parameters?.get(name)?.get("Default")
    }

    /// `Fn::Sub`: `${Name}` of a parameter with a default, a variable of `vars`, or a pseudo
    /// parameter replaced; anything else (a resource's `${X.Arn}`, a literal `${!X}`) left as a
    /// placeholder or as written.
    fn substitute(&self, text: &str, vars: Option<&Map<String, Value>>) -> String {
        let text_of = |v: &Value| match v {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        super::interpolate(text, |name| {
            if let Some(v) = vars
                .and_then(|v| v.get(name))
                .or_else(|| self.default(name))
            {
                return Some(text_of(v));
            }
            if let Some(literal) = name.strip_prefix('!') {
                return Some(format!("${{{literal}}}"));
            }
            (name.starts_with("AWS::") || self.target(&json!(name)).is_some()).then(|| {
                let mut reference = Map::new();
                reference.insert("Ref".into(), json!(name));
                text_of(&self.intrinsic(&reference, 0))
            })
        })
    }

    fn intrinsic(&self, m: &Map<String, Value>, depth: usize) -> Value {
        if let Some(name) = m.get("Ref").and_then(Value::as_str) {
            if let Some(default) = self.default(name) {
                return default.clone();
            }
            // Pseudo parameters with one value in the commercial partition.
            match name {
                "AWS::URLSuffix" => return json!("amazonaws.com"),
                "AWS::Partition" => return json!("aws"),
                _ => {}
            }
            return json!(placeholder(name));
        }
        if let Some(Value::Array(parts)) = m.get("Fn::Join") {
            let sep = parts.first().and_then(Value::as_str).unwrap_or_default();
            let items: Vec<Value> = parts
                .get(1)
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .map(|i| self.resolve(i, depth + 1))
                .collect();
            // A part that names a parameter is an untagged `!Ref` (YAML short form).
            let default = |name: &str| {
                self.parameters
                    .and_then(|p| p.get(name))
                    .and_then(|p| p.get("Default"))
                    .and_then(Value::as_str)
                    .map(str::to_owned)
            };
            let texts: Vec<String> = items
                .iter()
                .map(|i| match i {
                    Value::String(s) => default(s).unwrap_or_else(|| s.clone()),
                    other => other.to_string(),
                })
                .collect();
            return json!(texts.join(sep));
        }
        // `Fn::Sub` in JSON: a string, or `[string, {variables}]`.
        match m.get("Fn::Sub") {
            Some(Value::String(text)) => return json!(self.substitute(text, None)),
            Some(Value::Array(parts)) => {
                if let Some(text) = parts.first().and_then(Value::as_str) {
                    let vars: Option<Map<String, Value>> =
                        parts.get(1).and_then(Value::as_object).map(|v| {
                            v.iter()
                                .map(|(k, x)| (k.clone(), self.resolve(x, depth + 1)))
                                .collect()
                        });
                    return json!(self.substitute(text, vars.as_ref()));
                }
            }
            _ => {}
        }
        // `Fn::FindInMap`: [map, top key, second key], the keys literal or parameters.
        if let Some(Value::Array(keys)) = m.get("Fn::FindInMap")
            && let Some(found) = self.find_in_map(keys, depth)
        {
            return found;
        }
        let (name, _) = m
            .iter()
            .next()
            .map_or(("?", &Value::Null), |(k, v)| (k.as_str(), v));
        json!(format!("<{name}>"))
    }
}

impl Template<'_> {
    fn find_in_map(&self, keys: &[Value], depth: usize) -> Option<Value> {
        let key = |i: usize| -> Option<String> {
            match self.resolve(keys.get(i)?, depth + 1) {
                Value::String(s) if !s.starts_with('<') => Some(s),
                Value::Number(n) => Some(n.to_string()),
                _ => None,
            }
        };
        let (map, top, second) = (key(0)?, key(1)?, key(2)?);
        self.mappings?.get(&map)?.get(&top)?.get(&second).cloned()
    }
}

/// `<AWS_AccountId>` for `AWS::AccountId`: a placeholder without `:`, which ARNs split on.
fn placeholder(name: &str) -> String {
    format!("<{}>", name.replace("::", "_").replace(':', "_"))
}

/// The API's member name of a CloudFormation property: the first letter in lower case.
fn lower_first(key: &str) -> String {
    let mut chars = key.chars();
    chars.next().map_or_else(String::new, |c| {
        c.to_ascii_lowercase().to_string() + chars.as_str()
    })
}

/// CloudFormation properties as the ECS API's members, recursively, except inside maps whose
/// keys are data (log options, Docker labels).
fn api_shape(v: &Value) -> Value {
    match v {
        Value::Object(m) => Value::Object(
            m.iter()
                .map(|(k, v)| {
                    let inner =
                        if matches!(k.as_str(), "Options" | "DockerLabels" | "SystemControls") {
                            v.clone()
                        } else {
                            api_shape(v)
                        };
                    (lower_first(k), inner)
                })
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(api_shape).collect()),
        other => other.clone(),
    }
}

fn number(v: &Value) -> Option<u64> {
    match v {
        Value::Number(n) => n.as_u64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// Imports the ECS resources of the template in `file`.
pub fn import(draft: &mut Draft, file: &str, json: &Value) {
    let Some(resources) = json.get("Resources").and_then(Value::as_object) else {
        return;
    };
    let t = Template {
        resources,
        parameters: json.get("Parameters").and_then(Value::as_object),
        mappings: json.get("Mappings").and_then(Value::as_object),
    };
    let at = |id: &str| {
        Pointer::root()
            .join("Resources")
            .join(id)
            .join("Properties")
    };
    let family_of = |id: &str| -> String {
        t.props(id)
            .and_then(|p| p.get("Family"))
            .map(|f| t.resolve(f, 0))
            .and_then(|f| f.as_str().map(str::to_owned))
            .unwrap_or_else(|| id.to_owned())
    };
    let tasks: Vec<EcsFile<'_>> = t
        .of_type("AWS::ECS::TaskDefinition")
        .into_iter()
        .map(|(id, r)| {
            let mut value = api_shape(&t.resolve(r.get("Properties").unwrap_or(&Value::Null), 0));
            if let Value::Object(m) = &mut value {
                m.insert("family".into(), json!(family_of(id)));
            }
            EcsFile {
                name: file,
                root: at(id),
                value,
            }
        })
        .collect();
    let clusters = t.of_type("AWS::ECS::Cluster");
    let services: Vec<EcsFile<'_>> = t
        .of_type("AWS::ECS::Service")
        .into_iter()
        .map(|(id, r)| {
            let props = r.get("Properties").unwrap_or(&Value::Null);
            let mut value = api_shape(&t.resolve(props, 0));
            if let Value::Object(m) = &mut value {
                if let Some(td) = props.get("TaskDefinition").and_then(|v| t.target(v)) {
                    m.insert("taskDefinition".into(), json!(family_of(&td)));
                }
                let cluster = props
                    .get("Cluster")
                    .and_then(|v| t.target(v))
                    .and_then(|c| t.props(&c)?.get("ClusterName").cloned())
                    .or_else(|| {
                        clusters
                            .first()
                            .and_then(|(_, c)| c.pointer("/Properties/ClusterName").cloned())
                    })
                    .map(|c| t.resolve(&c, 0));
                match cluster {
                    Some(c) => {
                        m.insert("cluster".into(), c);
                    }
                    None => {
                        m.remove("cluster");
                    }
                }
                if !m.contains_key("serviceName") {
                    m.insert("serviceName".into(), json!(id));
                }
                if let Some(lbs) = m.get_mut("loadBalancers").and_then(Value::as_array_mut) {
                    for lb in lbs {
                        if let Some(o) = lb.as_object_mut() {
                            o.remove("targetGroupArn");
                        }
                    }
                }
                m.remove("deploymentController");
            }
            EcsFile {
                name: file,
                root: at(id),
                value,
            }
        })
        .collect();
    ecs::import(draft, &tasks, &services);
    extras(draft, file, &t);
}

/// What only the template says: target groups, scaling, logs, Container Insights, NAT gateways.
fn extras(draft: &mut Draft, file: &str, t: &Template<'_>) {
    let from = |id: &str, field: &str| format!("{file} /Resources/{id}/Properties/{field}");
    for (id, svc) in t.of_type("AWS::ECS::Service") {
        let props = svc.get("Properties").unwrap_or(&Value::Null);
        let name = props
            .get("ServiceName")
            .map(|n| t.resolve(n, 0))
            .and_then(|n| n.as_str().map(str::to_owned))
            .unwrap_or_else(|| id.clone());
        let name = super::ecs::spec_name(&name);
        let set = |draft: &mut Draft, field: &str, value: Value, origin: String| {
            let mut path = vec!["services", name.as_str()];
            path.extend(field.split('/'));
            draft.set(&path, value, origin);
        };
        if let Some(tg) = props
            .pointer("/LoadBalancers/0/TargetGroupArn")
            .and_then(|v| t.target(v))
            && let Some(p) = t.props(&tg)
        {
            for (cfn, to) in [
                ("HealthCheckPath", "health_check/path"),
                ("HealthCheckIntervalSeconds", "health_check/interval"),
                ("HealthCheckTimeoutSeconds", "health_check/timeout"),
                ("HealthyThresholdCount", "health_check/healthy_threshold"),
                (
                    "UnhealthyThresholdCount",
                    "health_check/unhealthy_threshold",
                ),
            ] {
                if let Some(v) = p.get(cfn).map(|v| t.resolve(v, 0)) {
                    let value = number(&v).map_or(v, |n| json!(n));
                    set(draft, to, value, from(&tg, cfn));
                }
            }
            if let Some(code) = p.pointer("/Matcher/HttpCode").map(|v| t.resolve(v, 0)) {
                set(
                    draft,
                    "health_check/matcher",
                    code,
                    from(&tg, "Matcher/HttpCode"),
                );
            }
            let delay = p
                .get("TargetGroupAttributes")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .find(|a| {
                    a.get("Key").and_then(Value::as_str)
                        == Some("deregistration_delay.timeout_seconds")
                })
                .and_then(|a| a.get("Value"))
                .and_then(number);
            if let Some(d) = delay {
                set(
                    draft,
                    "deployment/deregistration_delay",
                    json!(d),
                    from(&tg, "TargetGroupAttributes"),
                );
            }
        }
        scaling(draft, file, t, id, &set);
        logs(draft, file, t, props, &set);
    }
    for (id, c) in t.of_type("AWS::ECS::Cluster") {
        let insights = c
            .pointer("/Properties/ClusterSettings")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .any(|s| {
                s.get("Name").and_then(Value::as_str) == Some("containerInsights")
                    && s.get("Value")
                        .and_then(Value::as_str)
                        .is_some_and(|v| v == "enabled" || v == "enhanced")
            });
        if insights {
            draft.set_on_every_service(
                "container_insights",
                &json!(true),
                &from(id, "ClusterSettings"),
            );
        }
    }
    let nats = t.of_type("AWS::EC2::NatGateway").len();
    if nats > 0 {
        draft.set(
            &["nat_gateways"],
            json!(nats),
            format!("{file}: {nats} AWS::EC2::NatGateway resources"),
        );
    }
}

fn scaling(
    draft: &mut Draft,
    file: &str,
    t: &Template<'_>,
    service: &str,
    set: &dyn Fn(&mut Draft, &str, Value, String),
) {
    // `{"Ref": "Svc"}`, `["Svc", "Name"]` (GetAtt) or an untagged `Svc.Name`.
    let mentions = |v: &Value| {
        let text = v.to_string();
        text.contains(&format!("\"{service}\"")) || text.contains(&format!("\"{service}."))
    };
    let from = |id: &str, field: &str| format!("{file} /Resources/{id}/Properties/{field}");
    let Some((target_id, target)) = t
        .of_type("AWS::ApplicationAutoScaling::ScalableTarget")
        .into_iter()
        .find(|(_, r)| r.pointer("/Properties/ResourceId").is_some_and(mentions))
    else {
        return;
    };
    for (cfn, to) in [
        ("MinCapacity", "capacity/min"),
        ("MaxCapacity", "capacity/max"),
    ] {
        if let Some(n) = target
            .pointer(&format!("/Properties/{cfn}"))
            .and_then(number)
        {
            set(draft, to, json!(n), from(target_id, cfn));
        }
    }
    for (id, policy) in t.of_type("AWS::ApplicationAutoScaling::ScalingPolicy") {
        let Some(p) = policy.get("Properties") else {
            continue;
        };
        if p.get("ScalingTargetId")
            .and_then(|v| t.target(v))
            .as_deref()
            != Some(target_id.as_str())
        {
            continue;
        }
        let Some(c) = p.get("TargetTrackingScalingPolicyConfiguration") else {
            continue;
        };
        let metric = c
            .pointer("/PredefinedMetricSpecification/PredefinedMetricType")
            .and_then(Value::as_str)
            .unwrap_or_default();
        let field = match metric {
            "ECSServiceAverageCPUUtilization" => "cpu_target",
            "ECSServiceAverageMemoryUtilization" => "memory_target",
            "ALBRequestCountPerTarget" => "requests_per_target",
            other => {
                draft.skip(
                    from(id, "TargetTrackingScalingPolicyConfiguration"),
                    format!("metric `{other}`: akplan scales on CPU, memory or requests"),
                );
                continue;
            }
        };
        if let Some(v) = c.get("TargetValue").and_then(Value::as_f64) {
            set(
                draft,
                &format!("autoscaling/{field}"),
                json!(v),
                from(id, "TargetTrackingScalingPolicyConfiguration/TargetValue"),
            );
        }
        for (cfn, to) in [
            ("ScaleInCooldown", "scale_in_cooldown"),
            ("ScaleOutCooldown", "scale_out_cooldown"),
        ] {
            if let Some(n) = c.get(cfn).and_then(number) {
                set(draft, &format!("autoscaling/{to}"), json!(n), from(id, cfn));
            }
        }
    }
}

fn logs(
    draft: &mut Draft,
    file: &str,
    t: &Template<'_>,
    service: &Value,
    set: &dyn Fn(&mut Draft, &str, Value, String),
) {
    let Some(td) = service.get("TaskDefinition").and_then(|v| t.target(v)) else {
        return;
    };
    let group = t
        .props(&td)
        .and_then(|p| p.pointer("/ContainerDefinitions/0/LogConfiguration/Options/awslogs-group"))
        .and_then(|g| t.target(g));
    if let Some(g) = group
        && let Some(days) = t
            .props(&g)
            .and_then(|p| p.get("RetentionInDays"))
            .and_then(number)
    {
        set(
            draft,
            "logs/retention_days",
            json!(days),
            format!("{file} /Resources/{g}/Properties/RetentionInDays"),
        );
    }
}
