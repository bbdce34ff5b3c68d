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
    conditions: Option<&'a Map<String, Value>>,
    /// `--parameter Key=Value`: values over the parameters' defaults, as
    /// `aws cloudformation deploy --parameter-overrides` gives them.
    overrides: &'a Map<String, Value>,
}

impl Template<'_> {
    fn of_type(&self, kind: &str) -> Vec<(&String, &Value)> {
        self.resources
            .iter()
            .filter(|(_, r)| r.get("Type").and_then(Value::as_str) == Some(kind))
            .collect()
    }

    /// A service's name: `ServiceName`, else its load-balanced container's name (CloudFormation
    /// would generate one from the stack's), else the resource's logical id.
    fn service_name(&self, id: &str, props: &Value) -> String {
        ["/ServiceName", "/LoadBalancers/0/ContainerName"]
            .iter()
            .filter_map(|p| props.pointer(p))
            .map(|v| self.resolve(v, 0))
            .filter_map(|v| v.as_str().map(str::to_owned))
            .find(|n| !n.is_empty() && !crate::placeholder::contains(n))
            .unwrap_or_else(|| id.to_owned())
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
            // `!If [Condition, then, else]` arrives untagged: three items, the first a condition.
            Value::Array(items)
                if items.len() == 3 && items[0].as_str().is_some_and(|c| self.is_condition(c)) =>
            {
                self.pick(items, depth)
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
            // A parameter without a default (given at deploy time) becomes its placeholder.
            Value::String(name)
                if self.default(name).is_some()
                    || name.starts_with("AWS::")
                    || self.parameters.is_some_and(|p| p.contains_key(name)) =>
            {
                let mut reference = Map::new();
                reference.insert("Ref".into(), json!(name));
                self.intrinsic(&reference, depth)
            }
            // `!Sub "...${Name}..."` arrives as the bare text.
            Value::String(text) if text.contains("${") => json!(self.substitute(text, None)),
            other => other.clone(),
        }
    }

    /// The value of parameter `name`: the override given, else its `Default`.
    fn default(&self, name: &str) -> Option<&Value> {
        if let Some(v) = self.overrides.get(name)
            && self.parameters.is_some_and(|p| p.contains_key(name))
        {
            return Some(v);
        }
        self.parameters?.get(name)?.get("Default")
    }

    /// Whether `name` is one of the template's conditions.
    fn is_condition(&self, name: &str) -> bool {
        self.conditions.is_some_and(|c| c.contains_key(name))
    }

    /// A condition's truth where its operands resolve to literals; `None` where they do not
    /// (a resource attribute, a parameter without default). Short forms arrive untagged:
    /// `!Equals [a, b]` as a two-item list, `!Not [c]` as a one-item list, a condition's name
    /// as a string.
    fn truth(&self, c: &Value, depth: usize) -> Option<bool> {
        if depth > 16 {
            return None;
        }
        let literal = |v: &Value| -> Option<String> {
            match self.resolve(v, depth + 1) {
                Value::String(s) if s.starts_with('<') => None,
                Value::String(s) => Some(s),
                Value::Number(n) => Some(n.to_string()),
                Value::Bool(b) => Some(b.to_string()),
                _ => None,
            }
        };
        match c {
            Value::String(name) if self.is_condition(name) => {
                self.truth(self.conditions?.get(name)?, depth + 1)
            }
            Value::Object(m) if m.len() == 1 => {
                let (k, v) = m.iter().next()?;
                let items = v.as_array();
                match k.as_str() {
                    "Condition" => self.truth(v, depth + 1),
                    "Fn::Equals" => {
                        let items = items?;
                        Some(literal(items.first()?)? == literal(items.get(1)?)?)
                    }
                    "Fn::Not" => Some(!self.truth(items?.first()?, depth + 1)?),
                    "Fn::And" => items?
                        .iter()
                        .map(|i| self.truth(i, depth + 1))
                        .try_fold(true, |a, b| Some(a && b?)),
                    "Fn::Or" => items?
                        .iter()
                        .map(|i| self.truth(i, depth + 1))
                        .try_fold(false, |a, b| Some(a || b?)),
                    _ => None,
                }
            }
            Value::Array(items) if items.len() == 2 => {
                Some(literal(&items[0])? == literal(&items[1])?)
            }
            Value::Array(items) if items.len() == 1 => Some(!self.truth(&items[0], depth + 1)?),
            _ => None,
        }
    }

    /// `Fn::If [condition, then, else]`: the branch the condition picks, or a placeholder.
    fn pick(&self, items: &[Value], depth: usize) -> Value {
        let (Some(cond), Some(yes), Some(no)) = (items.first(), items.get(1), items.get(2)) else {
            return json!("<Fn_If>");
        };
        match self.truth(cond, depth + 1) {
            Some(true) => self.resolve(yes, depth + 1),
            Some(false) => self.resolve(no, depth + 1),
            None => json!(format!("<Fn_If:{}>", cond.as_str().unwrap_or("?"))),
        }
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
                "AWS::NoValue" => return Value::Null,
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
                self.default(name)
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
        if let Some(Value::Array(items)) = m.get("Fn::If") {
            return self.pick(items, depth);
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

/// Every value that a parameter gave (by `Ref`, or inside a `Fn::Sub`) gets the parameter named
/// in its comment, with the value it took: `(parameter Env: --parameter Env=staging)` or
/// `(parameter Cpu, default 1024)`.
fn name_parameters(draft: &mut Draft, file: &str, t: &Template<'_>) {
    let mut found: Vec<(String, String)> = Vec::new();
    for kind in ["AWS::ECS::TaskDefinition", "AWS::ECS::Service"] {
        for (id, r) in t.of_type(kind) {
            let root = Pointer::root()
                .join("Resources")
                .join(id)
                .join("Properties");
            if let Some(props) = r.get("Properties") {
                parameter_refs(t, props, &root, &mut found);
            }
        }
    }
    for (_, origin) in &mut draft.origins {
        let Some(at) = origin.strip_prefix(&format!("{file} ")) else {
            continue;
        };
        let names: Vec<&String> = found
            .iter()
            .filter(|(p, _)| p == at)
            .map(|(_, n)| n)
            .collect();
        if names.is_empty() {
            continue;
        }
        let said: Vec<String> = names
            .iter()
            .map(|n| match (t.overrides.get(n.as_str()), t.default(n)) {
                (Some(v), _) => format!("parameter {n}: --parameter {n}={}", plain(v)),
                (None, Some(d)) => format!("parameter {n}, default {}", plain(d)),
                (None, None) => format!("parameter {n}, no default"),
            })
            .collect();
        origin.push_str(&format!(" ({})", said.join("; ")));
    }
}

fn plain(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// The parameters `v` (at `path`, in the API's member names) takes its value from.
fn parameter_refs(t: &Template<'_>, v: &Value, path: &Pointer, out: &mut Vec<(String, String)>) {
    let is_param = |n: &str| t.parameters.is_some_and(|p| p.contains_key(n));
    let in_sub = |text: &str, out: &mut Vec<(String, String)>| {
        let mut rest = text;
        while let Some(i) = rest.find("${") {
            let after = &rest[i + 2..];
            let Some(j) = after.find('}') else { break };
            let name = &after[..j];
            if is_param(name) {
                out.push((path.to_string(), name.to_owned()));
            }
            rest = &after[j + 1..];
        }
    };
    match v {
        Value::Object(m) if m.len() == 1 && m.contains_key("Ref") => {
            if let Some(n) = m.get("Ref").and_then(Value::as_str).filter(|n| is_param(n)) {
                out.push((path.to_string(), n.to_owned()));
            }
        }
        Value::Object(m) if m.len() == 1 && m.contains_key("Fn::Sub") => match m.get("Fn::Sub") {
            Some(Value::String(text)) => in_sub(text, out),
            Some(Value::Array(parts)) => {
                if let Some(text) = parts.first().and_then(Value::as_str) {
                    in_sub(text, out);
                }
            }
            _ => {}
        },
        Value::Object(m) if m.len() == 1 && m.keys().all(|k| k.starts_with("Fn::")) => {
            for inner in m.values() {
                parameter_refs(t, inner, path, out);
            }
        }
        Value::Object(m) => {
            for (k, inner) in m {
                parameter_refs(t, inner, &path.join(lower_first(k)), out);
            }
        }
        Value::Array(items) => {
            for (i, inner) in items.iter().enumerate() {
                parameter_refs(t, inner, &path.join(i), out);
            }
        }
        Value::String(n) if is_param(n) => out.push((path.to_string(), n.clone())),
        Value::String(text) if text.contains("${") => in_sub(text, out),
        _ => {}
    }
}

/// The API's member name of a CloudFormation property: the first letter in lower case, except
/// where CloudFormation spells a member its own way (`EFSVolumeConfiguration.FilesystemId`,
/// `AuthorizationConfig.IAM`; AWS::ECS::TaskDefinition's reference).
fn lower_first(key: &str) -> String {
    match key {
        "EFSVolumeConfiguration" => return "efsVolumeConfiguration".to_owned(),
        "FilesystemId" => return "fileSystemId".to_owned(),
        "IAM" => return "iam".to_owned(),
        _ => {}
    }
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

/// Imports the ECS resources of the template in `file`, with `overrides` over its parameters'
/// defaults.
pub fn import(draft: &mut Draft, file: &str, json: &Value, overrides: &Map<String, Value>) {
    let Some(resources) = json.get("Resources").and_then(Value::as_object) else {
        return;
    };
    let t = Template {
        resources,
        parameters: json.get("Parameters").and_then(Value::as_object),
        mappings: json.get("Mappings").and_then(Value::as_object),
        conditions: json.get("Conditions").and_then(Value::as_object),
        overrides,
    };
    let at = |id: &str| {
        Pointer::root()
            .join("Resources")
            .join(id)
            .join("Properties")
    };
    // Without `Family`, CloudFormation names the family after the stack; the first container's
    // name says more of the service than the resource's logical id.
    let family_of = |id: &str| -> String {
        let named = |key: &str, p: &Value| {
            p.get(key)
                .map(|f| t.resolve(f, 0))
                .and_then(|f| f.as_str().map(str::to_owned))
                .filter(|f| !f.is_empty() && !crate::placeholder::contains(f))
        };
        t.props(id)
            .and_then(|p| {
                named("Family", p).or_else(|| {
                    p.pointer("/ContainerDefinitions/0")
                        .and_then(|c| named("Name", c))
                })
            })
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
                    m.insert("serviceName".into(), json!(t.service_name(id, props)));
                }
                if let Some(lbs) = m.get_mut("loadBalancers").and_then(Value::as_array_mut) {
                    for lb in lbs {
                        if let Some(o) = lb.as_object_mut() {
                            o.remove("targetGroupArn");
                        }
                    }
                }
                // ECS's own controller is what akplan writes (CDK always spells it out); CodeDeploy
                // or an external controller stays, for the "not mapped" list.
                if m.get("deploymentController")
                    .and_then(|c| c.get("type"))
                    .is_none_or(|t| t.as_str() == Some("ECS"))
                {
                    m.remove("deploymentController");
                }
            }
            EcsFile {
                name: file,
                root: at(id),
                value,
            }
        })
        .collect();
    // `AWS::ECS::ExpressGatewayService`: its properties are the Express input, capitalised.
    let expresses: Vec<(String, super::express::FromExpress)> = t
        .of_type("AWS::ECS::ExpressGatewayService")
        .into_iter()
        .map(|(id, r)| {
            let mut input = api_shape(&t.resolve(r.get("Properties").unwrap_or(&Value::Null), 0));
            // A name CloudFormation makes up (`!Sub ${AWS::StackName}-web`): the resource's id.
            let made_up = input
                .get("serviceName")
                .and_then(Value::as_str)
                .is_none_or(|n| n.contains(['$', '<', ':']));
            if made_up && let Value::Object(m) = &mut input {
                m.insert("serviceName".into(), json!(id));
            }
            (id.clone(), super::express::ecs_files(&input))
        })
        .collect();
    let (mut tasks, mut services) = (tasks, services);
    for (id, e) in &expresses {
        if let Some(task) = &e.task {
            tasks.push(EcsFile {
                name: file,
                root: at(id),
                value: task.clone(),
            });
        }
        services.push(EcsFile {
            name: file,
            root: at(id),
            value: e.service.clone(),
        });
    }
    ecs::import(draft, &tasks, &services);
    name_parameters(draft, file, &t);
    for (id, e) in &expresses {
        super::express_extras(draft, &format!("{file} {id}"), e);
    }
    extras(draft, file, &t);
}

/// What only the template says: target groups, scaling, logs, Container Insights, NAT gateways.
fn extras(draft: &mut Draft, file: &str, t: &Template<'_>) {
    let from = |id: &str, field: &str| format!("{file} /Resources/{id}/Properties/{field}");
    for (id, svc) in t.of_type("AWS::ECS::Service") {
        let props = svc.get("Properties").unwrap_or(&Value::Null);
        let name = super::ecs::spec_name(&t.service_name(id, props));
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_form_conditions_and_overrides_decide_fn_if() {
        let template = json!({
            "Parameters": { "Env": { "Default": "prod" }, "Size": { "Default": "big" } },
            "Conditions": {
                "IsProd": { "Fn::Equals": [{ "Ref": "Env" }, "prod"] },
                "Big": { "Fn::Equals": [{ "Ref": "Size" }, "big"] },
                "ProdAndBig": { "Fn::And": [{ "Condition": "IsProd" }, { "Condition": "Big" }] },
                "Unknown": { "Fn::Equals": [{ "Ref": "AWS::AccountId" }, "123"] }
            },
            "Resources": {}
        });
        let no = Map::new();
        let t = |overrides| Template {
            resources: template["Resources"].as_object().unwrap_or(&no),
            parameters: template["Parameters"].as_object(),
            mappings: None,
            conditions: template["Conditions"].as_object(),
            overrides,
        };
        let pick = |c: &str| json!({ "Fn::If": [c, 4096, 1024] });
        assert_eq!(t(&no).resolve(&pick("ProdAndBig"), 0), json!(4096));
        let staging: Map<String, Value> =
            [("Env".to_owned(), json!("staging"))].into_iter().collect();
        assert_eq!(t(&staging).resolve(&pick("ProdAndBig"), 0), json!(1024));
        assert_eq!(
            t(&no).resolve(&pick("Unknown"), 0),
            json!("<Fn_If:Unknown>")
        );
    }
}
