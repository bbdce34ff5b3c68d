//! ECS Express Mode for a spec that fits it (`akplan emit express`): per service, the
//! `aws ecs create-express-gateway-service --cli-input-json` file, one CloudFormation template
//! with an `AWS::ECS::ExpressGatewayService` per service, and the same as Terraform
//! (`express/main.tf`, `aws_ecs_express_gateway_service`).
//!
//! Built from the task definition akplan emits (the one place a container's image, port,
//! environment, secrets, roles and size are decided): its main container becomes Express's
//! `primaryContainer`; a service with more containers (sidecars, init containers) gets that task
//! definition, its main container renamed `Main` with a named TCP port, through
//! `taskDefinitionArn` (Express accepts one since 2026-06-17).
//! Source: https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_CreateExpressGatewayService.html
//! and https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ecs-expressgatewayservice.html

use serde_json::{Map, Value, json};

use super::hcl::{self, Block, Expr};
use super::{Artifact, json_file, names, taskdef};
use crate::infra::Infra;
use crate::infra::express::ExpressService;

/// The account of an ARN (`arn:aws:iam::123456789012:role/x` → `123456789012`).
fn account(arn: Option<&Value>) -> String {
    arn.and_then(Value::as_str)
        .and_then(|a| a.split(':').nth(4))
        .filter(|a| !a.is_empty())
        .unwrap_or("<ACCOUNT_ID>")
        .to_owned()
}

/// The Express input of one service, and the task definition it names when it needs its own.
fn input(region: &str, svc: &ExpressService, td: &Value) -> (Value, Option<Value>) {
    let mut input = Map::new();
    input.insert("serviceName".into(), json!(svc.name));
    input.insert("cluster".into(), json!(svc.cluster));
    let account = account(td.get("executionRoleArn"));
    // The role Express manages the load balancer, security groups and scaling with; the name the
    // console creates (replace it with yours).
    input.insert(
        "infrastructureRoleArn".into(),
        json!(format!(
            "arn:aws:iam::{account}:role/ecsInfrastructureRoleForExpressServices"
        )),
    );
    input.insert("healthCheckPath".into(), json!(svc.health_check_path));
    let containers = td
        .get("containerDefinitions")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let main = containers.first().cloned().unwrap_or(Value::Null);
    let own = if containers.len() > 1 {
        // Sidecars or init containers: Express runs akplan's task definition, `Main` first.
        let mut td = td.clone();
        let old = main
            .get("name")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned();
        if let Some(cs) = td
            .get_mut("containerDefinitions")
            .and_then(Value::as_array_mut)
        {
            for c in cs.iter_mut() {
                if let Some(deps) = c.get_mut("dependsOn").and_then(Value::as_array_mut) {
                    for d in deps {
                        if d.get("containerName").and_then(Value::as_str) == Some(old.as_str()) {
                            d["containerName"] = json!("Main");
                        }
                    }
                }
            }
            if let Some(first) = cs.first_mut() {
                first["name"] = json!("Main");
                if let Some(p) = first.pointer_mut("/portMappings/0") {
                    p["name"] = json!("http");
                    p["protocol"] = json!("tcp");
                }
            }
        }
        let family = td.get("family").and_then(Value::as_str).unwrap_or_default();
        input.insert(
            "taskDefinitionArn".into(),
            json!(format!(
                "arn:aws:ecs:{region}:{account}:task-definition/{family}"
            )),
        );
        Some(td)
    } else {
        let mut primary = Map::new();
        for key in crate::expressdef::SHARED_CONTAINER_MEMBERS {
            if let Some(v) = main.get(key) {
                primary.insert(key.into(), v.clone());
            }
        }
        if let Some(port) = main.pointer("/portMappings/0/containerPort") {
            primary.insert("containerPort".into(), port.clone());
        }
        if let Some(options) = main.pointer("/logConfiguration/options") {
            primary.insert(
                "awsLogsConfiguration".into(),
                json!({
                    "logGroup": options.get("awslogs-group"),
                    "logStreamPrefix": options.get("awslogs-stream-prefix"),
                }),
            );
        }
        input.insert("primaryContainer".into(), Value::Object(primary));
        for key in ["executionRoleArn", "taskRoleArn", "cpu", "memory"] {
            if let Some(v) = td.get(key) {
                input.insert(key.into(), v.clone());
            }
        }
        None
    };
    let mut scaling = Map::new();
    scaling.insert("minTaskCount".into(), json!(svc.min_tasks));
    scaling.insert("maxTaskCount".into(), json!(svc.max_tasks));
    if let Some((metric, target)) = svc.metric {
        scaling.insert("autoScalingMetric".into(), json!(metric));
        scaling.insert("autoScalingTargetValue".into(), json!(target));
    }
    input.insert("scalingTarget".into(), Value::Object(scaling));
    (Value::Object(input), own)
}

/// `serviceName` → `ServiceName`, recursively: CloudFormation's names for the API's members.
fn capitalised(v: &Value) -> Value {
    match v {
        Value::Object(m) => Value::Object(
            m.iter()
                .map(|(k, v)| {
                    let mut c = k.chars();
                    let key = c
                        .next()
                        .map_or_else(String::new, |f| f.to_uppercase().chain(c).collect());
                    (key, capitalised(v))
                })
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(capitalised).collect()),
        other => other.clone(),
    }
}

/// One Express input as the AWS provider's `aws_ecs_express_gateway_service` (6.23.0+): the
/// API's members in snake_case, objects as nested blocks, `environment` and `secrets` as repeated
/// `environment` and `secret` blocks, tags as a map, and the scaling metric in the provider's
/// words (`CPU`, `MEMORY`, `REQUEST_COUNT_PER_TARGET`). Source: the provider's
/// `website/docs/r/ecs_express_gateway_service.html.markdown`.
fn terraform_resource(label: &str, input: &Value) -> Block {
    fn body(mut block: Block, map: &Map<String, Value>) -> Block {
        for (k, v) in map {
            match (k.as_str(), v) {
                ("tags", Value::Array(tags)) => {
                    let pairs = tags
                        .iter()
                        .filter_map(|t| {
                            Some((
                                t.get("key")?.as_str()?.to_owned(),
                                Expr::s(t.get("value")?.as_str()?),
                            ))
                        })
                        .collect();
                    block = block.attr("tags", Expr::Object(pairs));
                }
                (key @ ("environment" | "secrets"), Value::Array(items)) => {
                    let kind = if key == "secrets" {
                        "secret"
                    } else {
                        "environment"
                    };
                    for item in items.iter().filter_map(Value::as_object) {
                        block = block.block(body(Block::new(kind, &[]), item));
                    }
                }
                ("autoScalingMetric", Value::String(m)) => {
                    let m = m.strip_prefix("AVERAGE_").unwrap_or(m);
                    block = block.attr("auto_scaling_metric", Expr::s(m));
                }
                (_, Value::Object(inner)) => {
                    block = block.block(body(Block::new(&crate::names::snake_case(k), &[]), inner));
                }
                (_, other) => {
                    block = block.attr(&crate::names::snake_case(k), hcl::from_json(other))
                }
            }
        }
        block
    }
    let map = input.as_object().cloned().unwrap_or_default();
    body(
        Block::new("resource", &["aws_ecs_express_gateway_service", label]),
        &map,
    )
}

/// The Express files of every service, or what keeps the spec from Express.
///
/// # Errors
/// A service Express cannot run, with every reason.
pub fn emit(
    services: &[ExpressService],
    infra: &Infra,
    region: &str,
    app: &str,
) -> Result<Vec<Artifact>, String> {
    let misfits: Vec<String> = services
        .iter()
        .flat_map(|s| {
            s.misfits
                .iter()
                .map(move |why| format!("`{}`: {why}", s.name))
        })
        .collect();
    if !misfits.is_empty() {
        return Err(format!(
            "this spec does not fit ECS Express Mode: {}",
            misfits.join("; ")
        ));
    }
    let mut out = Vec::new();
    let mut resources = Map::new();
    // `aws_ecs_express_gateway_service` arrived in the AWS provider 6.23.0.
    let mut terraform = vec![super::terraform::requiring(">= 6.23.0")];
    for (svc, infra_svc) in services.iter().zip(&infra.services) {
        let td = taskdef::task_definition(infra, infra_svc);
        let (express, own) = input(region, svc, &td);
        let stem = names::file_stem(&svc.name);
        if let Some(own) = own {
            out.push(json_file(format!("express/{stem}.taskdef.json"), &own));
        }
        let logical: String = svc
            .name
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(|w| {
                let mut c = w.chars();
                c.next()
                    .map_or_else(String::new, |f| f.to_uppercase().chain(c).collect())
            })
            .collect();
        resources.insert(
            format!("{logical}Express"),
            json!({ "Type": "AWS::ECS::ExpressGatewayService", "Properties": capitalised(&express) }),
        );
        terraform.push(terraform_resource(
            &super::terraform::label(&svc.name),
            &express,
        ));
        out.push(json_file(format!("express/{stem}.json"), &express));
    }
    let mut main_tf = format!(
        "# ECS Express Mode services of {}, generated by akplan. Needs the AWS provider 6.23.0 or\n# later (`aws_ecs_express_gateway_service`).\n\n",
        app.replace(['\n', '\r'], " ")
    );
    main_tf.push_str(&hcl::file(&terraform));
    out.push(Artifact {
        path: "express/main.tf".to_owned(),
        contents: main_tf,
    });
    out.push(json_file(
        "express/template.json".to_owned(),
        &json!({
            "AWSTemplateFormatVersion": "2010-09-09",
            "Description": format!("ECS Express Mode services of {app}, generated by akplan"),
            "Resources": resources,
        }),
    ));
    Ok(out)
}
