//! From the validated model and its plan to the resources of each service.

use super::arn::{self, Account, Arn};
use super::{
    AlternateTarget, AwsLogs, CapacityMix, ContainerDefinition, DeploymentSettings, EcrImage,
    EcsService, HookDefinition, Infra, LoadBalancer, LogGroup, Metric, ProviderItem, Role, Scaling,
    ScalingPolicy, SecretDefinition, SecretReads, ServiceInfra, SessionTable, TaskDefinition,
};
use crate::facts;
use crate::model::{App, Container, Service, SessionStore, Spot, Strategy};
use crate::plan::Plan;

/// The first listener rule priority; each further load-balanced service takes the next.
const FIRST_LISTENER_PRIORITY: u32 = 100;

/// Builds the infrastructure of `app` with the desired counts of `plan`.
#[must_use]
pub fn build(app: &App, plan: &Plan) -> Infra {
    build_with(app, |svc| {
        plan.services
            .iter()
            .find(|p| p.name == svc.name)
            .map_or(svc.counts.target, |p| p.capacity.target)
    })
}

/// The infrastructure of `app` with each service's desired count from `desired` (the plan's
/// target, or a cell's count from the fleet plan).
pub(super) fn build_with(app: &App, desired: impl Fn(&Service) -> u32) -> Infra {
    let account = app
        .account_id
        .clone()
        .map_or(Account::Deployer, Account::Given);
    let mut lb_index = 0;
    let services = app
        .services
        .iter()
        .map(|svc| {
            let out = service(app, &account, svc, desired(svc), lb_index);
            if out.load_balancer.is_some() {
                lb_index += 1;
            }
            out
        })
        .collect();
    Infra {
        app: app.name.clone(),
        region: app.region.clone(),
        account,
        zones: app.zones.max(1),
        new_vpc_nat_gateways: app.nat_gateways,
        container_insights: app.services.iter().any(|s| s.container_insights),
        spot: app
            .services
            .iter()
            .any(|s| capacity_mix(s.counts.spot) != CapacityMix::OnDemand),
        services,
    }
}

fn service(
    app: &App,
    account: &Account,
    svc: &Service,
    desired: u32,
    lb_index: u32,
) -> ServiceInfra {
    let family = format!("{}-{}", app.name, svc.name);
    let log_group = format!("/ecs/{}/{}", app.name, svc.name);
    let role = |kind: &str| role(app, account, &family, kind);
    let mut containers: Vec<ContainerDefinition> = svc
        .containers
        .iter()
        .map(|c| container(app, account, &log_group, c))
        .collect();
    let published = svc
        .service_connect
        .as_ref()
        .and_then(|sc| sc.publish.as_ref());
    if let (Some(p), Some(main)) = (published, containers.first_mut()) {
        main.named_port = Some((p.port, p.port_name.clone()));
    }
    let d = &svc.deployment;
    ServiceInfra {
        name: svc.name.clone(),
        log_group: LogGroup {
            name: log_group.clone(),
            retention_days: svc.log_retention_days,
        },
        secret_reads: secret_reads(&containers),
        task_definition: TaskDefinition {
            family: family.clone(),
            cpu: svc.size.cpu,
            memory: svc.size.memory,
            arch: svc.arch,
            os: svc.os,
            ephemeral_gib: (svc.ephemeral_gib > facts::EPHEMERAL_INCLUDED_GIB)
                .then_some(svc.ephemeral_gib),
            containers,
            volumes: svc.volumes.clone(),
        },
        execution_role: role("execution"),
        task_role: role("task"),
        efs_mounts: svc
            .volumes
            .iter()
            .filter_map(|v| v.efs.as_ref().filter(|e| e.iam))
            .map(|e| Arn {
                partition: arn::partition(&app.region).to_owned(),
                service: "elasticfilesystem".to_owned(),
                region: app.region.clone(),
                account: account.clone(),
                resource: format!("file-system/{}", e.file_system_id),
            })
            .collect(),
        exec: svc.exec,
        session_table: match &svc.session_store {
            SessionStore::Dynamodb { table, .. } => Some(SessionTable {
                name: table.clone(),
            }),
            SessionStore::None | SessionStore::Redis { .. } => None,
        },
        service: EcsService {
            name: svc.name.clone(),
            desired,
            capacity: capacity_mix(svc.counts.spot),
            minimum_healthy_percent: d.minimum_healthy_percent,
            maximum_percent: d.maximum_percent,
            circuit_breaker: d.circuit_breaker,
            rollback: d.rollback,
            exec: svc.exec,
            subnets: (1..=app.zones.max(1))
                .map(|i| format!("subnet-REPLACE_ME_{i}"))
                .collect(),
            zonal: None,
            deployment: deployment(app, account, svc, &family),
            service_connect: svc.service_connect.clone(),
        },
        load_balancer: load_balancer(app, account, svc, &family, lb_index),
        scaling: scaling(svc),
        family,
    }
}

/// The IAM role `<family>-<kind>`.
fn role(app: &App, account: &Account, family: &str, kind: &str) -> Role {
    Role {
        name: format!("{family}-{kind}"),
        arn: Arn {
            partition: arn::partition(&app.region).to_owned(),
            service: "iam".to_owned(),
            region: String::new(),
            account: account.clone(),
            resource: format!("role/{family}-{kind}"),
        },
    }
}

/// The alternate target group's name: the primary's, shortened to leave room for `-alt`.
fn alternate_name(primary: &str) -> String {
    let base: String = primary.chars().take(28).collect();
    format!("{}-alt", base.trim_end_matches('-'))
}

/// Strategy, bakes, hooks and alarms as every target writes them.
fn deployment(app: &App, account: &Account, svc: &Service, family: &str) -> DeploymentSettings {
    let d = &svc.deployment;
    let strategy = d.strategy;
    DeploymentSettings {
        strategy: strategy.name(),
        bake_minutes: strategy.shifts_traffic().then(|| strategy.bake_minutes()),
        linear: match strategy {
            Strategy::Linear {
                step_percent,
                step_bake_minutes,
                ..
            } => Some((step_percent, step_bake_minutes)),
            _ => None,
        },
        canary: match strategy {
            Strategy::Canary {
                percent,
                canary_bake_minutes,
                ..
            } => Some((percent, canary_bake_minutes)),
            _ => None,
        },
        hooks: if strategy.shifts_traffic() {
            d.hooks
                .iter()
                .map(|h| HookDefinition {
                    stage: h.stage.ecs_name(),
                    function: h.function.clone(),
                    role: h
                        .function
                        .is_some()
                        .then(|| role(app, account, family, "ecs-hooks")),
                    timeout_minutes: h.timeout_minutes,
                    on_timeout: if h.rollback_on_timeout {
                        "ROLLBACK"
                    } else {
                        "CONTINUE"
                    },
                })
                .collect()
        } else {
            Vec::new()
        },
        alarms: d.alarms.clone(),
    }
}

fn load_balancer(
    app: &App,
    account: &Account,
    svc: &Service,
    family: &str,
    lb_index: u32,
) -> Option<LoadBalancer> {
    let port = svc.port?;
    let target_group_name = target_group_name(family);
    let alternate_name = alternate_name(&target_group_name);
    Some(LoadBalancer {
        container: svc
            .main_container()
            .map_or_else(|| svc.name.clone(), |c| c.name.clone()),
        port,
        target_group_arn: Arn {
            partition: arn::partition(&app.region).to_owned(),
            service: "elasticloadbalancing".to_owned(),
            region: app.region.clone(),
            account: account.clone(),
            resource: format!("targetgroup/{target_group_name}/0123456789abcdef"),
        },
        target_group_name,
        health_check: svc.health_check.clone(),
        deregistration_delay: svc.deployment.deregistration_delay,
        grace_period: svc.health_check.grace_period,
        listener_priority: FIRST_LISTENER_PRIORITY + lb_index,
        alternate: svc.deployment.strategy.shifts_traffic().then(|| {
            AlternateTarget {
                target_group_arn: Arn {
                    partition: arn::partition(&app.region).to_owned(),
                    service: "elasticloadbalancing".to_owned(),
                    region: app.region.clone(),
                    account: account.clone(),
                    resource: format!("targetgroup/{alternate_name}/0123456789abcdef"),
                },
                production_listener_rule_arn: Arn {
                    partition: arn::partition(&app.region).to_owned(),
                    service: "elasticloadbalancing".to_owned(),
                    region: app.region.clone(),
                    account: account.clone(),
                    resource: "listener-rule/app/REPLACE_ME/0123456789abcdef/0123456789abcdef/0123456789abcdef".to_owned(),
                },
                target_group_name: alternate_name,
                role: role(app, account, family, "ecs-load-balancers"),
            }
        }),
        path_pattern: if lb_index == 0 {
            "/*".to_owned()
        } else {
            format!("/{}/*", svc.name)
        },
    })
}

/// The scaling target and one policy per metric given (requests only behind the load balancer).
fn scaling(svc: &Service) -> Option<Scaling> {
    let a = svc.autoscaling.as_ref()?;
    let metrics = [
        (Metric::Cpu, a.cpu_target),
        (Metric::Memory, a.memory_target),
        (
            Metric::Requests,
            a.requests_per_target.filter(|_| svc.port.is_some()),
        ),
    ];
    Some(Scaling {
        min: svc.counts.min,
        max: svc.counts.max,
        policies: metrics
            .into_iter()
            .filter_map(|(metric, target)| {
                Some(ScalingPolicy {
                    metric,
                    target: target?,
                    scale_in_cooldown: a.scale_in_cooldown,
                    scale_out_cooldown: a.scale_out_cooldown,
                })
            })
            .collect(),
    })
}

fn container(app: &App, account: &Account, log_group: &str, c: &Container) -> ContainerDefinition {
    ContainerDefinition {
        name: c.name.clone(),
        image: c.image.clone(),
        ecr: ecr_image(&c.image),
        essential: c.essential,
        entry_point: c.entry_point.clone(),
        command: c.command.clone(),
        ports: c.ports.clone(),
        named_port: None,
        cpu: c.cpu,
        memory: c.memory,
        memory_reservation: c.memory_reservation,
        environment: c.environment.clone(),
        secrets: c
            .secrets
            .iter()
            .map(|s| SecretDefinition {
                variable: s.variable.clone(),
                value_from: arn::value_from(&s.reference, &app.region, account),
                reference: s.reference.clone(),
            })
            .collect(),
        depends_on: c.depends_on.clone(),
        mounts: c.mounts.clone(),
        health_check: c.health_check.clone(),
        stop_timeout: c.stop_timeout,
        logs: AwsLogs {
            group: log_group.to_owned(),
            region: app.region.clone(),
            stream_prefix: c.name.clone(),
        },
    }
}

fn secret_reads(containers: &[ContainerDefinition]) -> SecretReads {
    let mut reads = SecretReads::default();
    for s in containers.iter().flat_map(|c| &c.secrets) {
        let resource = arn::read_resource(&s.reference, &s.value_from);
        let list = if s.reference.is_ssm() {
            &mut reads.ssm
        } else {
            &mut reads.secrets_manager
        };
        if !list.contains(&resource) {
            list.push(resource);
        }
    }
    reads
}

/// The capacity provider strategy of `spot`: the spec's `providers` as given, or a Spot share
/// split into weights (smallest whole numbers, no base; `FARGATE` left out at weight 0).
#[must_use]
pub fn capacity_mix(spot: Spot) -> CapacityMix {
    let item = |provider, (base, weight)| ProviderItem {
        provider,
        base,
        weight,
    };
    match spot {
        Spot::Percent(0) => CapacityMix::OnDemand,
        Spot::Percent(percent) => {
            let spot = percent.min(100);
            let on_demand = 100 - spot;
            let gcd = (1..=100)
                .rev()
                .find(|&d| on_demand.is_multiple_of(d) && spot.is_multiple_of(d))
                .unwrap_or(1);
            let mut items = Vec::new();
            if on_demand > 0 {
                items.push(item("FARGATE", (0, on_demand / gcd)));
            }
            items.push(item("FARGATE_SPOT", (0, spot / gcd)));
            CapacityMix::Providers(items)
        }
        Spot::Providers(p) => {
            let items: Vec<ProviderItem> = [("FARGATE", p.fargate), ("FARGATE_SPOT", p.spot)]
                .into_iter()
                .filter_map(|(name, given)| given.map(|g| item(name, (g.base, g.weight))))
                .collect();
            if items.is_empty() {
                CapacityMix::OnDemand
            } else {
                CapacityMix::Providers(items)
            }
        }
    }
}

/// Target group names are at most 32 characters of letters, digits and hyphens. Source:
/// <https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_CreateTargetGroup.html>.
fn target_group_name(family: &str) -> String {
    let name: String = family
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .take(32)
        .collect();
    name.trim_end_matches('-').to_owned()
}

/// An ECR image's parts, or `None` for any other registry.
fn ecr_image(image: &str) -> Option<EcrImage> {
    let (host, rest) = image.split_once('/')?;
    let mut parts = host.split('.');
    let (account, dkr, ecr, region) = (parts.next()?, parts.next()?, parts.next()?, parts.next()?);
    if dkr != "dkr" || ecr != "ecr" || !host.ends_with(".amazonaws.com") {
        return None;
    }
    let (repository, tag) = match rest.split_once('@') {
        Some((repo, digest)) => (repo, digest),
        None => rest.rsplit_once(':').unwrap_or((rest, "latest")),
    };
    Some(EcrImage {
        account: account.to_owned(),
        region: region.to_owned(),
        repository: repository.to_owned(),
        tag: tag.to_owned(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spot_weights_are_reduced() {
        let weight = |items: &[ProviderItem], name: &str| {
            items
                .iter()
                .find(|i| i.provider == name)
                .map_or(0, |i| i.weight)
        };
        let w = |p: u32| match capacity_mix(Spot::Percent(p)) {
            CapacityMix::Providers(items) => {
                (weight(&items, "FARGATE"), weight(&items, "FARGATE_SPOT"))
            }
            CapacityMix::OnDemand => (1, 0),
        };
        assert_eq!(w(0), (1, 0));
        assert_eq!(w(50), (1, 1));
        assert_eq!(w(25), (3, 1));
        assert_eq!(w(100), (0, 1));
        assert_eq!(w(33), (67, 33));
    }

    #[test]
    fn a_strategy_is_emitted_as_given() {
        use crate::model::{Provider, Providers};
        let p = Providers {
            fargate: Some(Provider { base: 2, weight: 1 }),
            spot: Some(Provider { base: 0, weight: 3 }),
        };
        assert_eq!(
            capacity_mix(Spot::Providers(p)),
            CapacityMix::Providers(vec![
                ProviderItem {
                    provider: "FARGATE",
                    base: 2,
                    weight: 1
                },
                ProviderItem {
                    provider: "FARGATE_SPOT",
                    base: 0,
                    weight: 3
                },
            ])
        );
        assert_eq!(
            capacity_mix(Spot::Providers(Providers::default())),
            CapacityMix::OnDemand
        );
    }

    #[test]
    fn ecr_images() {
        let parts = |i| ecr_image(i).map(|e| (e.account, e.region, e.repository, e.tag));
        assert_eq!(
            parts("123456789012.dkr.ecr.us-east-1.amazonaws.com/agent:1.4.2"),
            Some((
                "123456789012".into(),
                "us-east-1".into(),
                "agent".into(),
                "1.4.2".into()
            ))
        );
        assert_eq!(
            parts("123456789012.dkr.ecr.eu-west-1.amazonaws.com/a/b@sha256:ab"),
            Some((
                "123456789012".into(),
                "eu-west-1".into(),
                "a/b".into(),
                "sha256:ab".into()
            ))
        );
        assert_eq!(parts("public.ecr.aws/nginx/nginx:1.27"), None);
        assert_eq!(parts("nginx:1.27"), None);
    }
}
