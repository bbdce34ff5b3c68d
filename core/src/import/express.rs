//! ECS Express Mode services (`create-express-gateway-service` input, or a CloudFormation
//! `AWS::ECS::ExpressGatewayService`'s properties) as the task and service definitions Express
//! creates, so they import through the ECS mapping like every other source; then what only the
//! Express input says (health check path, scaling target), and Express's defaults named as such.
//!
//! Defaults, from the API reference: container port 80, health check path `/ping`, `cpu` "256",
//! `memory` "512", scaling on average CPU at 60%, the `default` cluster.
//! Source: https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_CreateExpressGatewayService.html

use serde_json::{Map, Value, json};

/// What an Express input becomes.
#[derive(Debug, Clone, PartialEq)]
pub struct FromExpress {
    /// The task definition Express builds from `primaryContainer` (`None` when the input names
    /// its own with `taskDefinitionArn`: that file is imported beside it).
    pub task: Option<Value>,
    /// The service.
    pub service: Value,
    /// Spec fields (relative to the service) with their value and where each came from (a
    /// member of the input, or Express's default).
    pub extras: Vec<(&'static str, Value, String)>,
    /// The service's name.
    pub name: String,
    /// The app (the cluster) and where it came from.
    pub app: (String, String),
}

fn text(v: &Value, key: &str) -> Option<String> {
    match v.get(key)? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// The ECS files an Express input stands for.
#[must_use]
pub fn ecs_files(input: &Value) -> FromExpress {
    let name = text(input, "serviceName").unwrap_or_else(|| "express".to_owned());
    let mut extras: Vec<(&'static str, Value, String)> = Vec::new();
    let default = |extras: &mut Vec<(&'static str, Value, String)>,
                   field: &'static str,
                   v: Value,
                   what: &str| {
        extras.push((field, v, format!("Express's default {what}")));
    };
    let container = input.get("primaryContainer");
    let port = container
        .and_then(|c| c.get("containerPort"))
        .filter(|p| !p.is_null())
        .cloned();
    let task = container.map(|c| {
        let mut main = Map::new();
        main.insert("name".into(), json!("Main"));
        main.insert("essential".into(), json!(true));
        for key in crate::expressdef::SHARED_CONTAINER_MEMBERS {
            if let Some(v) = c.get(key).filter(|v| !v.is_null()) {
                main.insert(key.into(), v.clone());
            }
        }
        main.insert(
            "portMappings".into(),
            json!([{ "containerPort": port.clone().unwrap_or(json!(80)), "protocol": "tcp" }]),
        );
        if let Some(logs) = c.get("awsLogsConfiguration") {
            main.insert(
                "logConfiguration".into(),
                json!({ "logDriver": "awslogs", "options": {
                    "awslogs-group": logs.get("logGroup"),
                    "awslogs-stream-prefix": logs.get("logStreamPrefix"),
                }}),
            );
        }
        let mut td = Map::new();
        td.insert("family".into(), json!(name));
        td.insert("requiresCompatibilities".into(), json!(["FARGATE"]));
        td.insert("networkMode".into(), json!("awsvpc"));
        td.insert(
            "cpu".into(),
            json!(text(input, "cpu").unwrap_or_else(|| "256".to_owned())),
        );
        td.insert(
            "memory".into(),
            json!(text(input, "memory").unwrap_or_else(|| "512".to_owned())),
        );
        for key in ["executionRoleArn", "taskRoleArn"] {
            if let Some(v) = input.get(key) {
                td.insert(key.into(), v.clone());
            }
        }
        if let Some(arch) = input.get("cpuArchitecture").and_then(Value::as_str) {
            td.insert(
                "runtimePlatform".into(),
                json!({ "cpuArchitecture": arch, "operatingSystemFamily": "LINUX" }),
            );
        }
        td.insert("containerDefinitions".into(), json!([main]));
        Value::Object(td)
    });
    if let Some(c) = container {
        if let Some(image) = c.get("image").filter(|v| v.is_string()) {
            extras.push(("image", image.clone(), "primaryContainer.image".into()));
        }
        if let Some(p) = &port {
            extras.push(("port", p.clone(), "primaryContainer.containerPort".into()));
        }
    }
    if task.is_some() {
        if port.is_none() {
            default(&mut extras, "port", json!(80), "container port 80");
        }
        if input.get("cpu").is_none() {
            default(&mut extras, "cpu", json!(256), "cpu \"256\"");
        }
        if input.get("memory").is_none() {
            default(&mut extras, "memory", json!(512), "memory \"512\"");
        }
    }
    let family = input
        .get("taskDefinitionArn")
        .and_then(|_| crate::expressdef::named_family(input))
        .unwrap_or_else(|| name.clone());
    let scaling = input.get("scalingTarget");
    let min = scaling
        .and_then(|s| s.get("minTaskCount"))
        .filter(|v| v.is_u64());
    match min {
        Some(m) => extras.push((
            "capacity/base_count",
            m.clone(),
            "scalingTarget.minTaskCount (the count Express starts with)".into(),
        )),
        None => extras.push((
            "capacity/base_count",
            json!(1),
            "Express's default: one task until it scales".into(),
        )),
    }
    let app = match text(input, "cluster") {
        Some(c) => (
            c.rsplit('/').next().unwrap_or(&c).to_owned(),
            "cluster".to_owned(),
        ),
        None => (
            "default".to_owned(),
            "Express's default cluster `default`".to_owned(),
        ),
    };
    let mut service = Map::new();
    service.insert("serviceName".into(), json!(name));
    service.insert("taskDefinition".into(), json!(family));
    service.insert(
        "cluster".into(),
        json!(text(input, "cluster").unwrap_or_else(|| "default".to_owned())),
    );
    service.insert("launchType".into(), json!("FARGATE"));
    service.insert("desiredCount".into(), min.cloned().unwrap_or(json!(1)));
    // Express's load balancer reaches the `Main` container: on the port Express gives it, or,
    // for a task definition of your own, on that container's one named port.
    let lb_port = match (&task, &port) {
        (_, Some(p)) => Some(p.clone()),
        (Some(_), None) => Some(json!(80)),
        (None, None) => None,
    };
    service.insert(
        "loadBalancers".into(),
        json!([{ "containerName": "Main", "containerPort": lb_port }]),
    );
    if let Some(subnets) = input.pointer("/networkConfiguration/subnets") {
        service.insert(
            "networkConfiguration".into(),
            json!({ "awsvpcConfiguration": { "subnets": subnets } }),
        );
    }
    match input.get("healthCheckPath").and_then(Value::as_str) {
        Some(path) => extras.push(("health_check/path", json!(path), "healthCheckPath".into())),
        None => extras.push((
            "health_check/path",
            json!("/ping"),
            "Express's default health check path /ping".into(),
        )),
    }
    if let Some(s) = scaling {
        for (key, field) in [
            ("minTaskCount", "capacity/min"),
            ("maxTaskCount", "capacity/max"),
        ] {
            if let Some(v) = s.get(key).filter(|v| v.is_u64()) {
                extras.push((field, v.clone(), format!("scalingTarget.{key}")));
            }
        }
    }
    let metric = scaling
        .and_then(|s| s.get("autoScalingMetric"))
        .and_then(Value::as_str);
    let target = scaling
        .and_then(|s| s.get("autoScalingTargetValue"))
        .filter(|v| v.is_number())
        .cloned();
    let field = match metric.unwrap_or("AVERAGE_CPU") {
        "AVERAGE_MEMORY" => Some("autoscaling/memory_target"),
        "REQUEST_COUNT_PER_TARGET" => Some("autoscaling/requests_per_target"),
        "AVERAGE_CPU" => Some("autoscaling/cpu_target"),
        _ => None,
    };
    if let Some(field) = field {
        let origin = match (metric, &target) {
            (Some(_), Some(_)) => {
                "scalingTarget.autoScalingMetric and autoScalingTargetValue".to_owned()
            }
            (None, Some(_)) => {
                "scalingTarget.autoScalingTargetValue (Express's default metric: average CPU)"
                    .to_owned()
            }
            _ => "Express's default scaling: average CPU at 60".to_owned(),
        };
        extras.push((field, target.unwrap_or(json!(60)), origin));
    }
    FromExpress {
        task,
        service: Value::Object(service),
        extras,
        name,
        app,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_express_input_is_the_task_and_service_express_creates() {
        let input = json!({
            "serviceName": "orders-api",
            "infrastructureRoleArn": "arn:aws:iam::1:role/infra",
            "primaryContainer": { "image": "example/orders:1", "containerPort": 8080 },
            "scalingTarget": { "minTaskCount": 2, "maxTaskCount": 6 }
        });
        let f = ecs_files(&input);
        let task = f.task.unwrap_or_default();
        assert_eq!(task["cpu"], "256");
        assert_eq!(task["containerDefinitions"][0]["name"], "Main");
        assert_eq!(
            task["containerDefinitions"][0]["portMappings"][0]["containerPort"],
            8080
        );
        assert_eq!(f.service["desiredCount"], 2);
        let fields: Vec<&str> = f.extras.iter().map(|e| e.0).collect();
        assert!(fields.contains(&"autoscaling/cpu_target") && fields.contains(&"capacity/max"));
        let own = ecs_files(
            &json!({ "serviceName": "web", "taskDefinitionArn": "arn:aws:ecs:us-east-1:1:task-definition/web-td:4" }),
        );
        assert!(own.task.is_none());
        assert_eq!(own.service["taskDefinition"], "web-td");
    }
}
