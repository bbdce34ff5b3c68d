//! The validated spec: what the planner and emitters use, with every default applied.
//!
//! [`resolve`] turns the structurally valid [`raw::RawSpec`] into a [`Spec`]. Values that cannot
//! be read (a CPU of `"1.3 vCPU"`) become findings and leave the field empty.

pub mod fleet;
pub mod raw;

use crate::diagnostic::{Code, Finding};
use crate::facts;
use crate::model::{
    Autoscaling, Base, Counts, Deployment, HOOK_TIMEOUT_MINUTES_DEFAULT, Hook, HookStage,
    LbHealthCheck, PAUSE_EXPECTED_MINUTES_DEFAULT, SessionStore, Strategy,
};
use crate::pointer::Pointer;
use crate::task::{
    Arch, Condition, Container, ContainerHealthCheck, Dependency, Efs, Launch, Located,
    NetworkMode, Os, PlatformVersion, PortMapping, Task, Volume,
};
use crate::units;
use raw::{
    AvailabilityZones, EnvValue, RawCondition, RawContainer, RawContainerHealthCheck,
    RawDeployment, RawHook, RawHookStage, RawHookType, RawOnTimeout, RawService, RawSessionStore,
    RawSpec, RawStrategy, Size,
};

/// Default zone count: the seeds recommend three.
pub const DEFAULT_AZ_COUNT: u32 = 3;

/// A spec after validation.
#[derive(Debug, Clone, PartialEq)]
pub struct Spec {
    /// Application name.
    pub app: String,
    /// Region code.
    pub region: String,
    /// Zones.
    pub zones: Zones,
    /// Account id, if given.
    pub account_id: Option<String>,
    /// NAT gateways.
    pub nat_gateways: u32,
    /// GB a month out through the NAT gateways, if given.
    pub egress_gb_per_month: Option<f64>,
    /// GB a month between zones, if given.
    pub cross_az_gb_per_month: Option<f64>,
    /// Services in file order.
    pub services: Vec<Service>,
    /// `fleet` (or the one-cell fleet a `release` implies).
    pub fleet: Option<fleet::FleetSpec>,
    /// `release`.
    pub release: Option<fleet::ReleaseSpec>,
}

/// The zones a spec spreads over.
#[derive(Debug, Clone, PartialEq)]
pub struct Zones {
    /// How many.
    pub count: u32,
    /// Their names, if the spec lists them.
    pub names: Vec<Located<String>>,
    /// Where the spec says it.
    pub path: Pointer,
}

/// One service after validation.
#[derive(Debug, Clone, PartialEq)]
pub struct Service {
    /// Service name.
    pub name: String,
    /// `/services/<name>`.
    pub path: Pointer,
    /// The task.
    pub task: Task,
    /// Main container port; `Some` means the service sits behind a load balancer.
    pub port: Option<u32>,
    /// Task count settings.
    pub capacity: Capacity,
    /// Load balancer health check (used when `port` is set).
    pub health_check: LbHealthCheck,
    /// Whether the spec wrote a `health_check` block.
    pub health_check_written: bool,
    /// Deployment settings.
    pub deployment: Deployment,
    /// Which strategy-specific settings the spec wrote (they belong to one strategy each).
    pub written: Written,
    /// Autoscaling, if any.
    pub autoscaling: Option<Autoscaling>,
    /// Session store.
    pub session_store: SessionStore,
    /// ECS Exec.
    pub exec: bool,
    /// Container Insights.
    pub container_insights: bool,
    /// Log retention, days; `None` keeps logs forever.
    pub log_retention_days: Option<u32>,
    /// GB of logs a month, if given.
    pub logs_gb_per_month: Option<f64>,
    /// Average requests per second, if given.
    pub average_rps: Option<f64>,
    /// The load over the month, if given.
    pub profile: Option<crate::model::Profile>,
    /// ECS Service Connect, defaults applied.
    pub service_connect: Option<crate::model::ServiceConnect>,
}

/// Strategy-specific deployment settings the spec wrote, whatever its strategy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Written {
    /// `deployment.linear`.
    pub linear: bool,
    /// `deployment.canary`.
    pub canary: bool,
    /// `deployment.bake_minutes`.
    pub bake: bool,
}

/// Task count settings with defaults applied.
#[derive(Debug, Clone, PartialEq)]
pub struct Capacity {
    /// The base count.
    pub base: Base,
    /// Pre-scale for the loss of one zone.
    pub static_stability: bool,
    /// Autoscaling minimum, if given.
    pub min: Option<u32>,
    /// Autoscaling maximum, if given.
    pub max: Option<u32>,
    /// Share on Fargate Spot, %.
    pub spot_percent: u32,
    /// The capacity provider strategy, when the spec gives one (instead of `spot_percent`).
    pub providers: Option<crate::model::Providers>,
}

/// Resolves a structurally valid spec; unreadable values become findings.
#[must_use]
pub fn resolve(raw: &RawSpec) -> (Spec, Vec<Finding>) {
    let mut findings = Vec::new();
    let zones_path = Pointer::root().join("availability_zones");
    let zones = match &raw.availability_zones {
        None => Zones {
            count: DEFAULT_AZ_COUNT,
            names: Vec::new(),
            path: zones_path,
        },
        Some(AvailabilityZones::Count(n)) => Zones {
            count: u32::from(*n),
            names: Vec::new(),
            path: zones_path,
        },
        Some(AvailabilityZones::Names(names)) => Zones {
            count: u32::try_from(names.len()).unwrap_or(u32::MAX),
            names: names
                .iter()
                .enumerate()
                .map(|(i, n)| Located::new(n.clone(), zones_path.join(i)))
                .collect(),
            path: zones_path,
        },
    };
    let services = raw
        .services
        .iter()
        .map(|(name, svc)| resolve_service(raw, &zones, name, svc, &mut findings))
        .collect();
    let (fleet, release) = fleet::resolve(raw);
    let spec = Spec {
        app: raw.app.clone(),
        region: raw.region.clone(),
        zones,
        account_id: raw.account_id.clone(),
        nat_gateways: raw.nat_gateways.unwrap_or(0),
        egress_gb_per_month: raw.egress_gb_per_month,
        cross_az_gb_per_month: raw.cross_az_gb_per_month,
        services,
        fleet,
        release,
    };
    (spec, findings)
}

fn resolve_service(
    raw: &RawSpec,
    zones: &Zones,
    name: &str,
    svc: &RawService,
    findings: &mut Vec<Finding>,
) -> Service {
    let path = Pointer::root().join("services").join(name);
    let at = |field: &str| path.join(field);
    let size = |field: &str, value: &Size, parse: fn(&str) -> Result<u32, String>| {
        let text = match value {
            Size::Number(n) => n.to_string(),
            Size::Text(t) => t.clone(),
        };
        parse(&text).map(|v| Located::new(v, at(field)))
    };
    let cpu = size("cpu", &svc.cpu, units::parse_cpu);
    let memory = size("memory", &svc.memory, units::parse_memory);
    for (field, result) in [("cpu", &cpu), ("memory", &memory)] {
        if let Err(why) = result {
            findings.push(Finding::new(
                Code::UnreadableSize,
                &at(field),
                format!("cannot read {field}: {why}"),
                if field == "cpu" {
                    "write CPU units (`1024`) or vCPU (`\"1 vCPU\"`, `\"0.25 vCPU\"`)"
                } else {
                    "write MiB (`2048`) or a size with a unit (`\"2 GB\"`, `\"512 MiB\"`)"
                },
            ));
        }
    }
    let deployment_raw = svc.deployment.clone().unwrap_or_default();
    let recreate = deployment_raw.strategy == Some(RawStrategy::Recreate);
    let strategy = strategy(&deployment_raw);
    let deployment = Deployment {
        minimum_healthy_percent: deployment_raw
            .minimum_healthy_percent
            .unwrap_or(if recreate {
                0
            } else {
                facts::MIN_HEALTHY_PERCENT_DEFAULT
            }),
        maximum_percent: deployment_raw.maximum_percent.unwrap_or(if recreate {
            100
        } else {
            facts::MAX_PERCENT_DEFAULT
        }),
        circuit_breaker: deployment_raw.circuit_breaker.unwrap_or(false),
        rollback: deployment_raw.rollback.unwrap_or(false),
        deregistration_delay: deployment_raw
            .deregistration_delay
            .unwrap_or(facts::DEREGISTRATION_DELAY_DEFAULT),
        stop_timeout: deployment_raw
            .stop_timeout
            .unwrap_or(facts::STOP_TIMEOUT_DEFAULT),
        task_start_seconds: deployment_raw
            .task_start_seconds
            .unwrap_or(facts::TASK_START_SECONDS_DEFAULT),
        strategy,
        hooks: deployment_raw.hooks.iter().map(hook).collect(),
        alarms: deployment_raw.alarms.clone(),
    };
    let written = Written {
        linear: deployment_raw.linear.is_some(),
        canary: deployment_raw.canary.is_some(),
        bake: deployment_raw.bake_minutes.is_some(),
    };
    let platform_text = svc.platform_version.as_deref().unwrap_or("LATEST");
    let platform = Located::new(
        PlatformVersion::parse(platform_text).unwrap_or(PlatformVersion::LATEST),
        at("platform_version"),
    );
    let main = Container {
        name: Located::new(name.to_owned(), path.clone()),
        image: Located::new(svc.image.clone(), at("image")),
        essential: Located::new(true, path.clone()),
        ports: {
            // The load balancer's port, then the one Service Connect publishes (if another).
            let published = svc.service_connect.as_ref().and_then(|sc| sc.port);
            let connect_at = at("service_connect").join("port");
            svc.port
                .map(|p| (p, at("port")))
                .into_iter()
                .chain(
                    published
                        .filter(|p| Some(*p) != svc.port)
                        .map(|p| (p, connect_at)),
                )
                .map(|(p, path)| PortMapping {
                    container: Located::new(p, path),
                    host: None,
                })
                .collect()
        },
        entry_point: svc.entry_point.clone().unwrap_or_default(),
        command: svc.command.clone().unwrap_or_default(),
        environment: env_vars(&at("environment"), &svc.environment),
        secrets: secrets(&at("secrets"), &svc.secrets),
        depends_on: dependencies(&at("depends_on"), &svc.depends_on),
        mounts: svc
            .volumes
            .iter()
            .map(|(v, p)| {
                let at = Located::new(v.clone(), at("volumes").join(v));
                (at, p.path().to_owned())
            })
            .collect(),
        health_check: svc
            .container_health_check
            .as_ref()
            .map(|h| container_health(&at("container_health_check"), h)),
        stop_timeout: Some(Located::new(
            deployment.stop_timeout,
            at("deployment").join("stop_timeout"),
        )),
        cpu: None,
        memory: None,
        memory_reservation: None,
        memory_templated: false,
        log_driver: Some("awslogs".to_owned()),
        needs_execution_role: None,
    };
    let mut containers = vec![main];
    containers.extend(
        svc.containers.iter().map(|(cname, c)| {
            extra_container(&at("containers").join(cname), cname, c, &svc.volumes)
        }),
    );
    let task = Task {
        path: path.clone(),
        region: Some(raw.region.clone()),
        zone_ids: zones
            .names
            .iter()
            .filter(|z| z.value.contains("-az"))
            .cloned()
            .collect(),
        os: Located::new(
            match svc.os {
                Some(raw::RawOs::Windows) => Os::Windows,
                _ => Os::Linux,
            },
            at("os"),
        ),
        arch: Located::new(
            match svc.arch {
                Some(raw::RawArch::Arm64) => Arch::Arm64,
                _ => Arch::X86_64,
            },
            at("arch"),
        ),
        cpu: cpu.ok(),
        memory: memory.ok(),
        ephemeral_gib: Located::new(
            svc.ephemeral_storage
                .unwrap_or(facts::EPHEMERAL_INCLUDED_GIB),
            at("ephemeral_storage"),
        ),
        platform,
        containers,
        volumes: svc
            .volumes
            .iter()
            .map(|(v, raw)| volume(&at("volumes").join(v), v, raw))
            .collect(),
        launch: Launch::Fargate,
        network: Located::new(NetworkMode::Awsvpc, path.clone()),
        execution_role: true,
    };
    let cap = svc.capacity.clone().unwrap_or_default();
    check_base(
        &at("capacity"),
        cap.base_count.is_some(),
        cap.peak_rps.is_some(),
        cap.rps_per_task.is_some(),
        findings,
    );
    let base = match (cap.peak_rps, cap.rps_per_task) {
        (Some(peak_rps), Some(rps_per_task)) if cap.base_count.is_none() => Base::Load {
            peak_rps,
            rps_per_task,
        },
        _ => Base::Count(cap.base_count.unwrap_or(1)),
    };
    let service_connect = svc
        .service_connect
        .as_ref()
        .map(|sc| service_connect(&at("service_connect"), name, svc.port, sc, findings));
    let hc = svc.health_check.clone().unwrap_or_default();
    let scaling = svc.autoscaling.as_ref().map(|a| Autoscaling {
        cpu_target: a.cpu_target,
        memory_target: a.memory_target,
        requests_per_target: a.requests_per_target,
        scale_in_cooldown: a
            .scale_in_cooldown
            .unwrap_or(facts::SCALING_COOLDOWN_DEFAULT),
        scale_out_cooldown: a
            .scale_out_cooldown
            .unwrap_or(facts::SCALING_COOLDOWN_DEFAULT),
    });
    Service {
        name: name.to_owned(),
        path: path.clone(),
        task,
        // `load_balancer: false`: the container's port, with no load balancer in front.
        port: svc.port.filter(|_| svc.load_balancer != Some(false)),
        capacity: Capacity {
            base,
            static_stability: cap.static_stability.unwrap_or(false),
            min: cap.min,
            max: cap.max,
            spot_percent: cap.spot_percent.unwrap_or(0),
            providers: cap.providers.as_ref().map(|p| {
                let one = |r: &raw::RawProvider| crate::model::Provider {
                    base: r.base.unwrap_or(0),
                    weight: r.weight.unwrap_or(0),
                };
                crate::model::Providers {
                    fargate: p.fargate.as_ref().map(one),
                    spot: p.fargate_spot.as_ref().map(one),
                }
            }),
        },
        health_check: LbHealthCheck {
            path: hc
                .path
                .unwrap_or_else(|| facts::lb_health::DEFAULT_PATH.to_owned()),
            interval: hc.interval.unwrap_or(facts::lb_health::DEFAULT_INTERVAL),
            timeout: hc.timeout.unwrap_or(facts::lb_health::DEFAULT_TIMEOUT),
            healthy_threshold: hc
                .healthy_threshold
                .unwrap_or(facts::lb_health::DEFAULT_HEALTHY),
            unhealthy_threshold: hc
                .unhealthy_threshold
                .unwrap_or(facts::lb_health::DEFAULT_UNHEALTHY),
            matcher: hc.matcher.unwrap_or_else(|| "200".to_owned()),
            grace_period: hc.grace_period.unwrap_or(facts::GRACE_PERIOD_DEFAULT),
        },
        health_check_written: svc.health_check.is_some(),
        deployment,
        written,
        autoscaling: scaling,
        session_store: match &svc.session_store {
            None | Some(RawSessionStore::None) => SessionStore::None,
            Some(RawSessionStore::Dynamodb { table, ttl }) => SessionStore::Dynamodb {
                table: table.clone(),
                ttl: ttl.unwrap_or(facts::SESSION_TTL_DEFAULT),
            },
            Some(RawSessionStore::Redis { url }) => SessionStore::Redis { url: url.clone() },
        },
        exec: svc.exec.unwrap_or(false),
        container_insights: svc.container_insights.unwrap_or(false),
        log_retention_days: svc.logs.as_ref().and_then(|l| l.retention_days),
        logs_gb_per_month: svc.logs.as_ref().and_then(|l| l.gb_per_month),
        average_rps: cap.average_rps,
        profile: cap
            .profile
            .as_ref()
            .and_then(|p| match (p.average_tasks, p.peak_hours_per_day) {
                (Some(t), _) if t.is_finite() && (0.0..=1e6).contains(&t) => {
                    Some(crate::model::Profile::AverageTasks(t))
                }
                (_, Some(h)) if h.is_finite() && (0.0..=24.0).contains(&h) => {
                    Some(crate::model::Profile::PeakHoursPerDay(h))
                }
                _ => None,
            }),
        service_connect,
    }
}

/// Service Connect with its defaults: the port name is the service's name in lower case (port
/// names take lower case only), the discovery name is the port name, the alias is the
/// discovery name at `port`. Source:
/// https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ServiceConnectService.html
fn service_connect(
    path: &Pointer,
    name: &str,
    port: Option<u32>,
    sc: &raw::RawServiceConnect,
    out: &mut Vec<Finding>,
) -> crate::model::ServiceConnect {
    let publishes =
        sc.port_name.is_some() || sc.discovery_name.is_some() || !sc.client_aliases.is_empty();
    let port = sc.port.or(port);
    if port.is_none() && publishes {
        let field = if sc.port_name.is_some() {
            "port_name"
        } else if sc.discovery_name.is_some() {
            "discovery_name"
        } else {
            "client_aliases"
        };
        out.push(Finding::new(
            Code::ServiceConnectWithoutPort,
            &path.join(field),
            "Service Connect publishes a port mapping, and this service has no `port`",
            "add `port` (behind a load balancer) or `service_connect.port`, or keep only `namespace` (a client of the namespace)",
        ));
    }
    let publish = port.map(|port| {
        let alias = sc.client_aliases.first();
        crate::model::Published {
            port,
            port_name: sc
                .port_name
                .clone()
                .unwrap_or_else(|| name.to_ascii_lowercase()),
            discovery_name: sc.discovery_name.clone(),
            alias: (
                alias.map_or(port, |a| a.port),
                alias.and_then(|a| a.dns_name.clone()),
            ),
        }
    });
    crate::model::ServiceConnect {
        namespace: sc.namespace.clone(),
        publish,
    }
}

/// The strategy with the API's defaults: linear 10% steps every 6 minutes, a 5% canary for 10
/// minutes, no bake. Source: the ECS API, `DeploymentConfiguration`
/// (<https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_DeploymentConfiguration.html>).
fn strategy(d: &RawDeployment) -> Strategy {
    let bake_minutes = d.bake_minutes.unwrap_or(0);
    match d.strategy {
        None | Some(RawStrategy::Rolling) => Strategy::Rolling,
        Some(RawStrategy::Recreate) => Strategy::Recreate,
        Some(RawStrategy::BlueGreen) => Strategy::BlueGreen { bake_minutes },
        Some(RawStrategy::Linear) => {
            let l = d.linear.clone().unwrap_or_default();
            Strategy::Linear {
                step_percent: l.step_percent.unwrap_or(10.0),
                step_bake_minutes: l.step_bake_minutes.unwrap_or(6),
                bake_minutes,
            }
        }
        Some(RawStrategy::Canary) => {
            let c = d.canary.clone().unwrap_or_default();
            Strategy::Canary {
                percent: c.percent.unwrap_or(5.0),
                canary_bake_minutes: c.bake_minutes.unwrap_or(10),
                bake_minutes,
            }
        }
    }
}

fn hook(h: &RawHook) -> Hook {
    let pause = h.kind == RawHookType::Pause;
    Hook {
        stage: match h.stage {
            RawHookStage::ReconcileService => HookStage::ReconcileService,
            RawHookStage::PreScaleUp => HookStage::PreScaleUp,
            RawHookStage::PostScaleUp => HookStage::PostScaleUp,
            RawHookStage::TestTrafficShift => HookStage::TestTrafficShift,
            RawHookStage::PostTestTrafficShift => HookStage::PostTestTrafficShift,
            RawHookStage::PreProductionTrafficShift => HookStage::PreProductionTrafficShift,
            RawHookStage::ProductionTrafficShift => HookStage::ProductionTrafficShift,
            RawHookStage::PostProductionTrafficShift => HookStage::PostProductionTrafficShift,
        },
        function: if pause {
            None
        } else {
            Some(h.function.clone().unwrap_or_default())
        },
        expected_minutes: h.expected_minutes.unwrap_or(if pause {
            PAUSE_EXPECTED_MINUTES_DEFAULT
        } else {
            0
        }),
        timeout_minutes: h.timeout_minutes.unwrap_or(HOOK_TIMEOUT_MINUTES_DEFAULT),
        rollback_on_timeout: h.on_timeout != Some(RawOnTimeout::Continue),
    }
}

/// Checks the base count is given once: `base_count`, or `peak_rps` with `rps_per_task`.
fn check_base(
    path: &Pointer,
    base_count: bool,
    peak_rps: bool,
    rps_per_task: bool,
    out: &mut Vec<Finding>,
) {
    let message = match (base_count, peak_rps, rps_per_task) {
        (true, true, _) | (true, _, true) => {
            "give either `base_count` or `peak_rps` with `rps_per_task`, not both"
        }
        (false, true, false) => "`peak_rps` needs `rps_per_task`",
        (false, false, true) => "`rps_per_task` needs `peak_rps`",
        _ => return,
    };
    out.push(Finding::new(
        Code::CapacityBase,
        path,
        message,
        "base = ceil(peak_rps / rps_per_task); or write `base_count` alone",
    ));
}

fn extra_container(
    path: &Pointer,
    name: &str,
    c: &RawContainer,
    volumes: &indexmap::IndexMap<String, raw::RawVolume>,
) -> Container {
    Container {
        name: Located::new(name.to_owned(), path.clone()),
        image: Located::new(c.image.clone(), path.join("image")),
        essential: Located::new(c.essential.unwrap_or(true), path.join("essential")),
        ports: c
            .port
            .map(|p| PortMapping {
                container: Located::new(p, path.join("port")),
                host: None,
            })
            .into_iter()
            .collect(),
        entry_point: c.entry_point.clone().unwrap_or_default(),
        command: c.command.clone().unwrap_or_default(),
        environment: env_vars(&path.join("environment"), &c.environment),
        secrets: secrets(&path.join("secrets"), &c.secrets),
        depends_on: dependencies(&path.join("depends_on"), &c.depends_on),
        mounts: c
            .volumes
            .iter()
            .enumerate()
            .map(|(i, v)| {
                let at = Located::new(v.clone(), path.join("volumes").join(i));
                let mount = volumes.get(v).map(raw::RawVolume::path).unwrap_or_default();
                (at, mount.to_owned())
            })
            .collect(),
        health_check: c
            .health_check
            .as_ref()
            .map(|h| container_health(&path.join("health_check"), h)),
        stop_timeout: None,
        cpu: c.cpu.map(|n| Located::new(n, path.join("cpu"))),
        memory: c.memory.map(|n| Located::new(n, path.join("memory"))),
        memory_reservation: c
            .memory_reservation
            .map(|n| Located::new(n, path.join("memory_reservation"))),
        memory_templated: false,
        log_driver: Some("awslogs".to_owned()),
        needs_execution_role: None,
    }
}

/// A spec volume as the task holds it.
fn volume(path: &Pointer, name: &str, raw: &raw::RawVolume) -> Volume {
    let efs = match raw {
        raw::RawVolume::Path(_) => None,
        raw::RawVolume::Full(full) => {
            let e = &full.efs;
            let path = path.join("efs");
            Some(Efs {
                file_system_id: e.file_system_id.clone(),
                access_point: e
                    .access_point
                    .as_ref()
                    .map(|a| Located::new(a.clone(), path.join("access_point"))),
                root_directory: e
                    .root_directory
                    .as_ref()
                    .map(|r| Located::new(r.clone(), path.join("root_directory"))),
                transit_encryption: Located::new(
                    e.transit_encryption.unwrap_or(true),
                    path.join("transit_encryption"),
                ),
                iam: Located::new(e.iam.unwrap_or(false), path.join("iam")),
                size_gb: e.size_gb,
                path,
            })
        }
    };
    Volume {
        name: Located::new(name.to_owned(), path.clone()),
        efs,
    }
}

fn env_vars(
    path: &Pointer,
    env: &indexmap::IndexMap<String, EnvValue>,
) -> Vec<(Located<String>, String)> {
    env.iter()
        .map(|(k, v)| (Located::new(k.clone(), path.join(k)), env_string(v)))
        .collect()
}

fn secrets(
    path: &Pointer,
    secrets: &indexmap::IndexMap<String, String>,
) -> Vec<(String, Located<String>)> {
    secrets
        .iter()
        .map(|(k, v)| (k.clone(), Located::new(v.clone(), path.join(k))))
        .collect()
}

fn dependencies(
    path: &Pointer,
    deps: &indexmap::IndexMap<String, RawCondition>,
) -> Vec<Dependency> {
    deps.iter()
        .map(|(name, cond)| Dependency {
            container: Located::new(name.clone(), path.join(name)),
            condition: match cond {
                RawCondition::Start => Condition::Start,
                RawCondition::Complete => Condition::Complete,
                RawCondition::Success => Condition::Success,
                RawCondition::Healthy => Condition::Healthy,
            },
        })
        .collect()
}

fn container_health(path: &Pointer, h: &RawContainerHealthCheck) -> ContainerHealthCheck {
    use facts::container_health as d;
    ContainerHealthCheck {
        path: path.clone(),
        command: h.command.clone(),
        interval: Located::new(
            h.interval.unwrap_or(d::DEFAULT_INTERVAL),
            path.join("interval"),
        ),
        timeout: Located::new(
            h.timeout.unwrap_or(d::DEFAULT_TIMEOUT),
            path.join("timeout"),
        ),
        retries: Located::new(
            h.retries.unwrap_or(d::DEFAULT_RETRIES),
            path.join("retries"),
        ),
        start_period: Located::new(h.start_period.unwrap_or(0), path.join("start_period")),
    }
}

/// The string ECS receives for an environment value.
#[must_use]
pub fn env_string(value: &EnvValue) -> String {
    match value {
        EnvValue::Text(s) => s.clone(),
        EnvValue::Bool(b) => b.to_string(),
        EnvValue::Int(i) => i.to_string(),
        EnvValue::Float(f) => f.to_string(),
    }
}

impl Spec {
    /// Whether `region` is one akplan knows.
    #[must_use]
    pub fn region_known(&self) -> bool {
        facts::REGIONS.iter().any(|(r, _)| *r == self.region)
    }
}

impl Service {
    /// The service's task counts over `zones` zones (decided by [`Counts::new`]).
    #[must_use]
    pub fn counts(&self, zones: u32) -> Counts {
        let c = &self.capacity;
        Counts::new(
            c.base,
            c.static_stability,
            zones,
            (c.min, c.max),
            match c.providers {
                Some(p) => crate::model::Spot::Providers(p),
                None => crate::model::Spot::Percent(c.spot_percent),
            },
        )
    }
}
