//! Terraform (AWS provider) in the files a Terraform user expects: `versions.tf`, `variables.tf`,
//! `main.tf`, `outputs.tf`. The text is already canonical (`terraform fmt -check` passes).
//!
//! Container definitions come from the same data as the task-definition JSON target, through
//! `jsonencode`, so the two targets cannot disagree.

use serde_json::Value;

use super::hcl::{Block, Expr, file, from_json, quote};
use super::{Artifact, names, taskdef};
use crate::plan::Plan;
use crate::spec::{Service, SessionStore, Spec};

/// The four files.
#[must_use]
pub fn emit(spec: &Spec, plan: &Plan) -> Vec<Artifact> {
    let artifact = |name: &str, blocks: Vec<Block>| Artifact {
        path: format!("terraform/{name}"),
        contents: file(&blocks),
    };
    vec![
        artifact("versions.tf", versions()),
        artifact("variables.tf", variables(spec)),
        artifact("main.tf", main(spec, plan)),
        artifact("outputs.tf", outputs(spec)),
    ]
}

fn has_lb(spec: &Spec) -> bool {
    spec.services.iter().any(|s| s.port.is_some())
}

fn versions() -> Vec<Block> {
    vec![
        Block::new("terraform", &[])
            .attr("required_version", Expr::s(">= 1.5"))
            .block(Block::new("required_providers", &[]).attr(
                "aws",
                Expr::Object(vec![
                    ("source".into(), Expr::s("hashicorp/aws")),
                    ("version".into(), Expr::s(">= 5.0")),
                ]),
            )),
    ]
}

fn variable(name: &str, kind: &str, description: &str, default: Option<Expr>) -> Block {
    let mut b = Block::new("variable", &[name])
        .attr("description", Expr::s(description))
        .attr("type", Expr::r(kind));
    if let Some(d) = default {
        b = b.attr("default", d);
    }
    b
}

fn variables(spec: &Spec) -> Vec<Block> {
    let mut out = vec![
        variable(
            "aws_region",
            "string",
            "Region to deploy to.",
            Some(Expr::s(&spec.region)),
        ),
        variable(
            "vpc_id",
            "string",
            "VPC of the tasks and target groups.",
            None,
        ),
        variable(
            "private_subnet_ids",
            "list(string)",
            &format!(
                "Private subnets for the tasks, one per Availability Zone ({}).",
                spec.zones.count
            ),
            None,
        ),
    ];
    if has_lb(spec) {
        out.push(variable(
            "alb_listener_arn",
            "string",
            "Listener of the existing Application Load Balancer.",
            None,
        ));
        out.push(variable(
            "alb_security_group_id",
            "string",
            "Security group of the load balancer (allowed into the tasks).",
            None,
        ));
        for (i, svc) in spec
            .services
            .iter()
            .filter(|s| s.port.is_some())
            .enumerate()
        {
            let default = if i == 0 {
                "/*".to_owned()
            } else {
                format!("/{}/*", svc.name)
            };
            out.push(variable(
                &format!("{}_path_patterns", id(svc)),
                "list(string)",
                &format!("Listener rule paths routed to {}.", svc.name),
                Some(Expr::strings(&[default])),
            ));
        }
    }
    out
}

/// The Terraform name of a service's resources: the one way a name becomes an HCL label. Any
/// input gives `[A-Za-z_][A-Za-z0-9_]*` (a validated service name only has its `-` turned into
/// `_`), so a label can never break out of its quotes or a reference.
fn id(svc: &Service) -> String {
    label(&svc.name)
}

fn label(name: &str) -> String {
    let mut out: String = name
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    if !out.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_') {
        out.insert(0, '_');
    }
    out
}

/// A `"..."` template that interpolates `local.account_id` where the account id would go.
fn arn_template(spec: &Spec, arn: &str) -> Expr {
    let quoted = quote(arn);
    if spec.account_id.is_some() {
        return Expr::r(quoted);
    }
    let placeholder = format!(":{}:", names::account(spec));
    Expr::r(quoted.replacen(&placeholder, ":${local.account_id}:", 1))
}

/// Replaces every `secrets[].valueFrom` of the container JSON with an account-interpolating template.
fn containers(spec: &Spec, svc: &Service) -> Expr {
    let td = taskdef::task_definition(spec, svc);
    let defs = td
        .get("containerDefinitions")
        .cloned()
        .unwrap_or(Value::Null);
    let Expr::List(items) = from_json(&defs) else {
        return Expr::List(Vec::new());
    };
    let items = items
        .into_iter()
        .map(|c| match c {
            Expr::Object(entries) => Expr::Object(
                entries
                    .into_iter()
                    .map(|(k, v)| match (k.as_str(), v) {
                        ("secrets", Expr::List(secrets)) => (
                            k,
                            Expr::List(
                                secrets.into_iter().map(|s| secret_entry(spec, s)).collect(),
                            ),
                        ),
                        (_, v) => (k, v),
                    })
                    .collect(),
            ),
            other => other,
        })
        .collect();
    Expr::Call("jsonencode", Box::new(Expr::List(items)))
}

fn secret_entry(spec: &Spec, secret: Expr) -> Expr {
    let Expr::Object(entries) = secret else {
        return secret;
    };
    Expr::Object(
        entries
            .into_iter()
            .map(|(k, v)| match (k.as_str(), v) {
                ("valueFrom", Expr::Str(arn)) => (k, arn_template(spec, &arn)),
                (_, v) => (k, v),
            })
            .collect(),
    )
}

fn statement(actions: &[&str], resources: Vec<Expr>) -> Expr {
    Expr::Object(vec![
        ("Effect".into(), Expr::s("Allow")),
        ("Action".into(), Expr::strings(actions)),
        ("Resource".into(), Expr::List(resources)),
    ])
}

fn policy(statements: Vec<Expr>) -> Expr {
    Expr::Call(
        "jsonencode",
        Box::new(Expr::Object(vec![
            ("Version".into(), Expr::s("2012-10-17")),
            ("Statement".into(), Expr::List(statements)),
        ])),
    )
}

fn resource(kind: &str, name: &str) -> Block {
    Block::new("resource", &[kind, name])
}

fn main(spec: &Spec, plan: &Plan) -> Vec<Block> {
    let insights = spec.services.iter().any(|s| s.container_insights);
    let spot = spec.services.iter().any(|s| s.capacity.spot_percent > 0);
    let mut out = vec![
        Block::new("provider", &["aws"])
            .attr("region", Expr::r("var.aws_region"))
            .block(Block::new("default_tags", &[]).attr(
                "tags",
                Expr::Object(vec![
                    ("app".into(), Expr::s(&spec.app)),
                    ("managed-by".into(), Expr::s("akplan")),
                ]),
            )),
        Block::new("data", &["aws_caller_identity", "current"]),
    ];
    let locals = Block::new("locals", &[])
        .attr(
            "account_id",
            Expr::r("data.aws_caller_identity.current.account_id"),
        )
        .attr(
            "ecs_tasks_assume_role",
            policy(vec![Expr::Object(vec![
                ("Effect".into(), Expr::s("Allow")),
                ("Action".into(), Expr::s("sts:AssumeRole")),
                (
                    "Principal".into(),
                    Expr::Object(vec![("Service".into(), Expr::s("ecs-tasks.amazonaws.com"))]),
                ),
            ])]),
        );
    out.push(locals);
    if has_lb(spec) {
        out.push(
            Block::new("data", &["aws_lb_listener", "this"])
                .attr("arn", Expr::r("var.alb_listener_arn")),
        );
        out.push(Block::new("data", &["aws_lb", "this"]).attr(
            "arn",
            Expr::r("data.aws_lb_listener.this.load_balancer_arn"),
        ));
    }
    out.push(
        resource("aws_ecs_cluster", "this")
            .attr("name", Expr::s(&spec.app))
            .block(
                Block::new("setting", &[])
                    .attr("name", Expr::s("containerInsights"))
                    .attr(
                        "value",
                        Expr::s(if insights { "enabled" } else { "disabled" }),
                    ),
            ),
    );
    if spot {
        out.push(
            resource("aws_ecs_cluster_capacity_providers", "this")
                .attr("cluster_name", Expr::r("aws_ecs_cluster.this.name"))
                .attr(
                    "capacity_providers",
                    Expr::strings(&["FARGATE", "FARGATE_SPOT"]),
                ),
        );
    }
    let mut priority = 100;
    for svc in &spec.services {
        let desired = super::desired(spec, plan, svc);
        out.extend(service_blocks(spec, svc, desired, priority, spot));
        if svc.port.is_some() {
            priority += 1;
        }
    }
    out
}

#[allow(clippy::too_many_lines)]
fn service_blocks(
    spec: &Spec,
    svc: &Service,
    desired: u32,
    priority: u32,
    cluster_spot: bool,
) -> Vec<Block> {
    let id = id(svc);
    let family = names::family(spec, svc);
    let task = &svc.task;
    let mut out = Vec::new();

    let mut logs = resource("aws_cloudwatch_log_group", &id)
        .attr("name", Expr::s(names::log_group(spec, svc)));
    if let Some(days) = svc.log_retention_days {
        logs = logs.attr("retention_in_days", Expr::n(days));
    }
    out.push(logs);

    // Execution role: pull images, write logs, read exactly the secrets referenced.
    let execution = format!("{id}_execution");
    out.push(
        resource("aws_iam_role", &execution)
            .attr("name", Expr::s(format!("{family}-execution")))
            .attr("assume_role_policy", Expr::r("local.ecs_tasks_assume_role")),
    );
    out.push(
        resource("aws_iam_role_policy_attachment", &execution)
            .attr("role", Expr::r(format!("aws_iam_role.{execution}.name")))
            .attr(
                "policy_arn",
                Expr::s("arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"),
            ),
    );
    let refs: Vec<String> = task
        .containers
        .iter()
        .flat_map(|c| {
            c.secrets
                .iter()
                .map(|(_, r)| names::secret_arn(spec, &r.value))
        })
        .collect();
    let mut ssm: Vec<Expr> = Vec::new();
    let mut secrets: Vec<Expr> = Vec::new();
    for arn in dedup(refs) {
        if arn.contains(":ssm:") {
            ssm.push(arn_template(spec, &arn));
        } else {
            // Secrets Manager ARNs end in a random suffix, and JSON keys follow the name.
            let base = arn.split(':').take(7).collect::<Vec<_>>().join(":");
            let pattern = if arn.split(':').count() > 7
                || !base.ends_with(|c: char| c.is_ascii_alphanumeric())
            {
                base
            } else {
                format!("{base}-*")
            };
            secrets.push(arn_template(spec, &pattern));
        }
    }
    if !ssm.is_empty() || !secrets.is_empty() {
        let mut statements = Vec::new();
        if !ssm.is_empty() {
            statements.push(statement(&["ssm:GetParameters"], ssm));
        }
        if !secrets.is_empty() {
            statements.push(statement(&["secretsmanager:GetSecretValue"], secrets));
        }
        out.push(
            resource("aws_iam_role_policy", &format!("{execution}_secrets"))
                .attr("name", Expr::s("read-secrets"))
                .attr("role", Expr::r(format!("aws_iam_role.{execution}.id")))
                .attr("policy", policy(statements)),
        );
    }

    // Task role: what the application itself may do.
    let task_role = format!("{id}_task");
    out.push(
        resource("aws_iam_role", &task_role)
            .attr("name", Expr::s(format!("{family}-task")))
            .attr("assume_role_policy", Expr::r("local.ecs_tasks_assume_role")),
    );
    let mut task_statements = Vec::new();
    if let SessionStore::Dynamodb { table, ttl } = &svc.session_store {
        let _ = ttl;
        out.push(
            resource("aws_dynamodb_table", &format!("{id}_sessions"))
                .attr("name", Expr::s(table))
                .attr("billing_mode", Expr::s("PAY_PER_REQUEST"))
                .attr("hash_key", Expr::s("session_id"))
                .attr("range_key", Expr::s("key"))
                .block(
                    Block::new("attribute", &[])
                        .attr("name", Expr::s("session_id"))
                        .attr("type", Expr::s("S")),
                )
                .block(
                    Block::new("attribute", &[])
                        .attr("name", Expr::s("key"))
                        .attr("type", Expr::s("S")),
                )
                .block(
                    Block::new("ttl", &[])
                        .attr("attribute_name", Expr::s("expires_at"))
                        .attr("enabled", Expr::Bool(true)),
                )
                .block(Block::new("point_in_time_recovery", &[]).attr("enabled", Expr::Bool(true)))
                .block(Block::new("server_side_encryption", &[]).attr("enabled", Expr::Bool(true))),
        );
        task_statements.push(statement(
            &[
                "dynamodb:GetItem",
                "dynamodb:PutItem",
                "dynamodb:UpdateItem",
                "dynamodb:DeleteItem",
                "dynamodb:Query",
                "dynamodb:BatchWriteItem",
            ],
            vec![Expr::r(format!("aws_dynamodb_table.{id}_sessions.arn"))],
        ));
    }
    if svc.exec {
        task_statements.push(statement(
            &[
                "ssmmessages:CreateControlChannel",
                "ssmmessages:CreateDataChannel",
                "ssmmessages:OpenControlChannel",
                "ssmmessages:OpenDataChannel",
            ],
            vec![Expr::s("*")],
        ));
    }
    if !task_statements.is_empty() {
        out.push(
            resource("aws_iam_role_policy", &task_role)
                .attr("name", Expr::s("task"))
                .attr("role", Expr::r(format!("aws_iam_role.{task_role}.id")))
                .attr("policy", policy(task_statements)),
        );
    }

    // Task definition.
    let mut td = resource("aws_ecs_task_definition", &id)
        .attr("family", Expr::s(&family))
        .attr("requires_compatibilities", Expr::strings(&["FARGATE"]))
        .attr("network_mode", Expr::s("awsvpc"))
        .attr(
            "cpu",
            Expr::s(task.cpu.as_ref().map_or(0, |c| c.value).to_string()),
        )
        .attr(
            "memory",
            Expr::s(task.memory.as_ref().map_or(0, |m| m.value).to_string()),
        )
        .attr(
            "execution_role_arn",
            Expr::r(format!("aws_iam_role.{execution}.arn")),
        )
        .attr(
            "task_role_arn",
            Expr::r(format!("aws_iam_role.{task_role}.arn")),
        )
        .attr("container_definitions", containers(spec, svc))
        .block(
            Block::new("runtime_platform", &[])
                .attr("cpu_architecture", Expr::s(task.arch.value.ecs_name()))
                .attr("operating_system_family", Expr::s(task.os.value.ecs_name())),
        );
    if task.ephemeral_gib.value > crate::facts::EPHEMERAL_INCLUDED_GIB {
        td = td.block(
            Block::new("ephemeral_storage", &[])
                .attr("size_in_gib", Expr::n(task.ephemeral_gib.value)),
        );
    }
    for v in &task.volumes {
        td = td.block(Block::new("volume", &[]).attr("name", Expr::s(&v.value)));
    }
    out.push(td);

    // Network: the tasks' security group; the load balancer may reach the port.
    let mut sg = resource("aws_security_group", &id)
        .attr("name", Expr::s(format!("{family}-tasks")))
        .attr("description", Expr::s(format!("Tasks of {family}")))
        .attr("vpc_id", Expr::r("var.vpc_id"));
    if let Some(port) = svc.port {
        sg = sg.block(
            Block::new("ingress", &[])
                .attr("description", Expr::s("From the load balancer"))
                .attr("from_port", Expr::n(port))
                .attr("to_port", Expr::n(port))
                .attr("protocol", Expr::s("tcp"))
                .attr(
                    "security_groups",
                    Expr::List(vec![Expr::r("var.alb_security_group_id")]),
                ),
        );
    }
    sg = sg.block(
        Block::new("egress", &[])
            .attr(
                "description",
                Expr::s("Outbound: image pulls, secrets, logs, app calls"),
            )
            .attr("from_port", Expr::n(0))
            .attr("to_port", Expr::n(0))
            .attr("protocol", Expr::s("-1"))
            .attr("cidr_blocks", Expr::strings(&["0.0.0.0/0"])),
    );
    out.push(sg);

    let hc = &svc.health_check;
    if let Some(port) = svc.port {
        out.push(
            resource("aws_lb_target_group", &id)
                .attr("name", Expr::s(names::target_group_name(spec, svc)))
                .attr("port", Expr::n(port))
                .attr("protocol", Expr::s("HTTP"))
                .attr("target_type", Expr::s("ip"))
                .attr("vpc_id", Expr::r("var.vpc_id"))
                .attr(
                    "deregistration_delay",
                    Expr::s(svc.deployment.deregistration_delay.to_string()),
                )
                .block(
                    Block::new("health_check", &[])
                        .attr("path", Expr::s(&hc.path))
                        .attr("interval", Expr::n(hc.interval))
                        .attr("timeout", Expr::n(hc.timeout))
                        .attr("healthy_threshold", Expr::n(hc.healthy_threshold))
                        .attr("unhealthy_threshold", Expr::n(hc.unhealthy_threshold))
                        .attr("matcher", Expr::s(&hc.matcher)),
                ),
        );
        out.push(
            resource("aws_lb_listener_rule", &id)
                .attr("listener_arn", Expr::r("var.alb_listener_arn"))
                .attr("priority", Expr::n(priority))
                .block(
                    Block::new("action", &[])
                        .attr("type", Expr::s("forward"))
                        .attr(
                            "target_group_arn",
                            Expr::r(format!("aws_lb_target_group.{id}.arn")),
                        ),
                )
                .block(
                    Block::new("condition", &[]).block(
                        Block::new("path_pattern", &[])
                            .attr("values", Expr::r(format!("var.{id}_path_patterns"))),
                    ),
                ),
        );
    }

    // The service.
    let d = &svc.deployment;
    let mut service = resource("aws_ecs_service", &id)
        .attr("name", Expr::s(&svc.name))
        .attr("cluster", Expr::r("aws_ecs_cluster.this.id"))
        .attr(
            "task_definition",
            Expr::r(format!("aws_ecs_task_definition.{id}.arn")),
        )
        .attr("desired_count", Expr::n(desired))
        .attr("platform_version", Expr::s("LATEST"))
        .attr(
            "deployment_minimum_healthy_percent",
            Expr::n(d.minimum_healthy_percent),
        )
        .attr("deployment_maximum_percent", Expr::n(d.maximum_percent))
        .attr("enable_execute_command", Expr::Bool(svc.exec))
        .attr("enable_ecs_managed_tags", Expr::Bool(true))
        .attr("propagate_tags", Expr::s("SERVICE"));
    if svc.port.is_some() {
        service = service.attr(
            "health_check_grace_period_seconds",
            Expr::n(hc.grace_period),
        );
    }
    if svc.capacity.spot_percent == 0 {
        service = service.attr("launch_type", Expr::s("FARGATE"));
    } else {
        let (on_demand, spot) = super::service::spot_weights(svc.capacity.spot_percent);
        if on_demand > 0 {
            service = service.block(
                Block::new("capacity_provider_strategy", &[])
                    .attr("capacity_provider", Expr::s("FARGATE"))
                    .attr("weight", Expr::n(on_demand)),
            );
        }
        service = service.block(
            Block::new("capacity_provider_strategy", &[])
                .attr("capacity_provider", Expr::s("FARGATE_SPOT"))
                .attr("weight", Expr::n(spot)),
        );
    }
    service = service
        .block(
            Block::new("deployment_circuit_breaker", &[])
                .attr("enable", Expr::Bool(d.circuit_breaker))
                .attr("rollback", Expr::Bool(d.rollback)),
        )
        .block(
            Block::new("network_configuration", &[])
                .attr("subnets", Expr::r("var.private_subnet_ids"))
                .attr(
                    "security_groups",
                    Expr::List(vec![Expr::r(format!("aws_security_group.{id}.id"))]),
                )
                .attr("assign_public_ip", Expr::Bool(false)),
        );
    let mut depends = Vec::new();
    if let Some(port) = svc.port {
        service = service.block(
            Block::new("load_balancer", &[])
                .attr(
                    "target_group_arn",
                    Expr::r(format!("aws_lb_target_group.{id}.arn")),
                )
                .attr("container_name", Expr::s(&svc.name))
                .attr("container_port", Expr::n(port)),
        );
        depends.push(Expr::r(format!("aws_lb_listener_rule.{id}")));
    }
    if cluster_spot {
        depends.push(Expr::r("aws_ecs_cluster_capacity_providers.this"));
    }
    if !depends.is_empty() {
        service = service.attr("depends_on", Expr::List(depends));
    }
    if svc.autoscaling.is_some() {
        service = service.block(
            Block::new("lifecycle", &[])
                .attr("ignore_changes", Expr::List(vec![Expr::r("desired_count")])),
        );
    }
    out.push(service);

    // Autoscaling: one target-tracking policy per metric.
    if let Some(a) = &svc.autoscaling {
        let min = svc.capacity.min.unwrap_or(desired);
        let max = svc.capacity.max.unwrap_or(desired.max(min));
        out.push(
            resource("aws_appautoscaling_target", &id)
                .attr("min_capacity", Expr::n(min))
                .attr("max_capacity", Expr::n(max))
                .attr(
                    "resource_id",
                    Expr::r(format!(
                        "\"service/${{aws_ecs_cluster.this.name}}/${{aws_ecs_service.{id}.name}}\""
                    )),
                )
                .attr("scalable_dimension", Expr::s("ecs:service:DesiredCount"))
                .attr("service_namespace", Expr::s("ecs")),
        );
        let metrics = [
            ("cpu", a.cpu_target, "ECSServiceAverageCPUUtilization"),
            (
                "memory",
                a.memory_target,
                "ECSServiceAverageMemoryUtilization",
            ),
            (
                "requests",
                a.requests_per_target,
                "ALBRequestCountPerTarget",
            ),
        ];
        for (suffix, target, metric) in metrics {
            let Some(target) = target else { continue };
            let mut spec_block = Block::new("predefined_metric_specification", &[])
                .attr("predefined_metric_type", Expr::s(metric));
            if suffix == "requests" {
                spec_block = spec_block.attr(
                    "resource_label",
                    Expr::r(format!("\"${{data.aws_lb.this.arn_suffix}}/${{aws_lb_target_group.{id}.arn_suffix}}\"")),
                );
            }
            out.push(
                resource("aws_appautoscaling_policy", &format!("{id}_{suffix}"))
                    .attr("name", Expr::s(format!("{family}-{suffix}")))
                    .attr("policy_type", Expr::s("TargetTrackingScaling"))
                    .attr(
                        "resource_id",
                        Expr::r(format!("aws_appautoscaling_target.{id}.resource_id")),
                    )
                    .attr(
                        "scalable_dimension",
                        Expr::r(format!("aws_appautoscaling_target.{id}.scalable_dimension")),
                    )
                    .attr(
                        "service_namespace",
                        Expr::r(format!("aws_appautoscaling_target.{id}.service_namespace")),
                    )
                    .block(
                        Block::new("target_tracking_scaling_policy_configuration", &[])
                            .attr("target_value", Expr::Num(target))
                            .attr("scale_in_cooldown", Expr::n(a.scale_in_cooldown))
                            .attr("scale_out_cooldown", Expr::n(a.scale_out_cooldown))
                            .block(spec_block),
                    ),
            );
        }
    }
    out
}

fn dedup(items: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for item in items {
        if !out.contains(&item) {
            out.push(item);
        }
    }
    out
}

fn outputs(spec: &Spec) -> Vec<Block> {
    let output = |name: String, value: Expr, description: String| {
        Block::new("output", &[&name])
            .attr("description", Expr::s(description))
            .attr("value", value)
    };
    let mut out = vec![output(
        "cluster_name".into(),
        Expr::r("aws_ecs_cluster.this.name"),
        "ECS cluster".into(),
    )];
    for svc in &spec.services {
        let id = id(svc);
        out.push(output(
            format!("{id}_service_name"),
            Expr::r(format!("aws_ecs_service.{id}.name")),
            format!("ECS service {}", svc.name),
        ));
        out.push(output(
            format!("{id}_task_definition_arn"),
            Expr::r(format!("aws_ecs_task_definition.{id}.arn")),
            format!("Task definition of {}", svc.name),
        ));
        if svc.port.is_some() {
            out.push(output(
                format!("{id}_target_group_arn"),
                Expr::r(format!("aws_lb_target_group.{id}.arn")),
                format!("Target group of {}", svc.name),
            ));
        }
    }
    out
}

#[cfg(test)]
mod label_tests {
    use super::label;

    proptest::proptest! {
        /// Whatever a name holds, its label is a plain HCL identifier.
        #[test]
        fn any_name_becomes_a_plain_label(name in ".{0,40}") {
            let l = label(&name);
            let mut chars = l.chars();
            let first = chars.next().unwrap_or('0');
            proptest::prop_assert!(first.is_ascii_alphabetic() || first == '_', "{l}");
            proptest::prop_assert!(chars.all(|c| c.is_ascii_alphanumeric() || c == '_'), "{l}");
        }
    }

    #[test]
    fn valid_service_names_keep_their_shape() {
        assert_eq!(label("llm-proxy"), "llm_proxy");
        assert_eq!(label("api"), "api");
        assert_eq!(label("x\"}; bad"), "x____bad");
    }
}
