//! The plan of a validated spec: capacity, AZ pre-scaling, the rolling-deployment timeline,
//! recovery time and monthly cost, per service and for the whole app.

pub mod capacity;
pub mod cost;
pub mod deploy;

use schemars::JsonSchema;
use serde::Serialize;

use crate::facts;
use crate::model::{App, Service, SessionStore};
use crate::pricing::Prices;
use crate::task::Arch;
use capacity::{ZoneOption, by_zone_count, round2, spread, survives_zone_loss};
use cost::{ByArch, Shape};
use deploy::{Batch, DeployInput};

/// How many passing load balancer checks a new target needs before ECS counts it healthy.
/// Sources disagree: the current ECS guide says one; the ALB docs, CON311 and Peck's timings use
/// `healthy_threshold`. A model parameter, not a hidden constant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NewTargetChecks {
    /// `healthy_threshold` checks (the conservative default: 5 × 30 s = 150 s with AWS defaults).
    #[default]
    HealthyThreshold,
    /// One passing check.
    One,
}

/// The planner's assumptions where sources disagree: parameters, not hidden constants.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Assumptions {
    /// See [`NewTargetChecks`].
    pub new_target_checks: NewTargetChecks,
}

/// The plan of a whole spec.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Plan {
    /// Application name.
    pub app: String,
    /// Region.
    pub region: String,
    /// When the price table is from, and whether the Region has its own row.
    pub prices: PriceNote,
    /// Per service.
    pub services: Vec<ServicePlan>,
    /// The whole app.
    pub total: Total,
}

/// Where prices come from.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct PriceNote {
    /// akplan's table or the user's offer file.
    pub source: String,
    /// When the prices are from.
    pub as_of: String,
    /// `high`, `medium` or `low`.
    pub confidence: facts::Confidence,
    /// Figures the source lacked, filled in or derived ("estimated" in reports).
    pub estimated: Vec<&'static str>,
}

/// The plan of one service.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct ServicePlan {
    /// Service name.
    pub name: String,
    /// Task counts.
    pub capacity: CapacityPlan,
    /// The rolling deployment.
    pub deployment: DeploymentPlan,
    /// Recovery from a failed task.
    pub recovery: Recovery,
    /// Monthly cost.
    pub cost: CostPlan,
}

/// Task counts and their spread.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct CapacityPlan {
    /// Tasks needed at peak.
    pub base: u32,
    /// Tasks to run (pre-scaled when static stability is on).
    pub target: u32,
    /// Tasks per zone.
    pub per_az: Vec<u32>,
    /// Whether losing any one zone leaves at least `base`.
    pub survives_az_loss: bool,
    /// The 2..6 zone trade-off.
    pub by_az_count: Vec<ZoneOption>,
    /// Autoscaling minimum and maximum in effect.
    pub min: u32,
    /// See `min`.
    pub max: u32,
    /// Whether the minimum holds the target (autoscaling cannot scale in past it).
    pub min_holds_target: bool,
}

impl CapacityPlan {
    /// The tasks left when the zone with the most tasks is lost: the figure `survives_az_loss`
    /// compares with the base, for front ends to show.
    #[must_use]
    pub fn left_after_losing_a_zone(&self) -> u32 {
        self.target
            .saturating_sub(self.per_az.iter().copied().max().unwrap_or(0))
    }
}

/// The simulated rolling deployment.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct DeploymentPlan {
    /// Total duration, s.
    pub duration_seconds: u32,
    /// How many waves of new tasks.
    pub batches: usize,
    /// The waves.
    pub batch_list: Vec<Batch>,
    /// Most tasks at once.
    pub peak_tasks: u32,
    /// Fewest healthy tasks at once.
    pub min_healthy_tasks: u32,
    /// Seconds from launch to healthy, as modelled.
    pub time_to_healthy_seconds: u32,
    /// Seconds from stop decision to gone, as modelled.
    pub time_to_stop_seconds: u32,
    /// Whether the deployment completes.
    pub completes: bool,
    /// The `a a a b b` picture.
    pub timeline: String,
    /// The state over time for charts (old, stopping, starting, new tasks), at most 200 steps.
    pub steps: Vec<deploy::Step>,
    /// Faster settings and what they save.
    pub what_ifs: Vec<WhatIf>,
}

/// One change to the spec's text: the value at a JSON pointer.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct SpecEdit {
    /// JSON pointer into the spec.
    pub path: String,
    /// The new value, as YAML.
    pub value: String,
}

/// One what-if: a setting AWS's guidance suggests and the time it saves per deployment.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct WhatIf {
    /// E.g. `deregistration_delay 300 → 30`.
    pub change: String,
    /// The edits that apply it to the spec (the page's "apply" button uses them).
    pub edits: Vec<SpecEdit>,
    /// Seconds saved per deployment.
    pub seconds_saved: u32,
    /// Why the value is suggested.
    pub why: &'static str,
}

/// Recovery from one failed task.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Recovery {
    /// Until the failure is noticed, s.
    pub detection_seconds: u32,
    /// Until a replacement is healthy, s.
    pub replacement_seconds: u32,
    /// Total, s.
    pub rto_seconds: u32,
    /// Whether it meets Agent Kernel's "< 2 minutes for most failures".
    pub within_two_minutes: bool,
    /// Session data at risk.
    pub rpo: &'static str,
}

/// Monthly cost of one service.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct CostPlan {
    /// Target count, both architectures (with the Spot mix).
    pub monthly_usd: ByArch,
    /// The spec's architecture.
    pub chosen_arch: Arch,
    /// Share of the tasks on Fargate Spot, % (`capacity.spot_percent`); `monthly_usd` includes it.
    pub spot_percent: u32,
    /// The same tasks all on demand: what the Spot mix saves is the difference to `monthly_usd`.
    pub on_demand_monthly_usd: ByArch,
    /// What pre-scaling above the base costs on the chosen architecture.
    pub prescaling_monthly_usd: f64,
    /// What one deployment's surge costs, USD.
    pub surge_per_deployment_usd: f64,
    /// The cheapest valid Fargate size that meets the spec's cpu and memory.
    pub right_size: Option<cost::Size>,
}

/// The whole app.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Total {
    /// Services plus the ALB, both architectures.
    pub monthly_usd: ByArch,
    /// The shared ALB's hourly charge per month (0 without load-balanced services).
    pub alb_monthly_usd: f64,
    /// The NAT gateways' hourly charge per month (`nat_gateways` in the spec).
    pub nat_monthly_usd: f64,
}

/// Plans every service of a validated model with `prices`.
#[must_use]
pub fn plan(app: &App, model: Assumptions, prices: &Prices) -> Plan {
    let services: Vec<ServicePlan> = app
        .services
        .iter()
        .map(|s| plan_service(app, s, model, prices))
        .collect();
    let alb = if app.services.iter().any(|s| s.port.is_some()) {
        cost::alb_monthly(prices)
    } else {
        0.0
    };
    let nat = cost::nat_monthly(prices, app.nat_gateways);
    let sum = |f: fn(&ByArch) -> f64| {
        round2(services.iter().map(|s| f(&s.cost.monthly_usd)).sum::<f64>() + alb + nat)
    };
    Plan {
        app: app.name.clone(),
        region: app.region.clone(),
        prices: PriceNote {
            source: prices.source.clone(),
            as_of: prices.as_of.clone(),
            confidence: prices.confidence,
            estimated: prices.estimated.clone(),
        },
        total: Total {
            monthly_usd: ByArch {
                x86_64: sum(|c| c.x86_64),
                arm64: sum(|c| c.arm64),
            },
            alb_monthly_usd: alb,
            nat_monthly_usd: nat,
        },
        services,
    }
}

/// The deployment timing inputs of a service.
fn deploy_input(svc: &Service, desired: u32, model: Assumptions) -> DeployInput {
    let d = &svc.deployment;
    let hc = &svc.health_check;
    let time_to_healthy = if svc.port.is_some() {
        let checks = match model.new_target_checks {
            NewTargetChecks::HealthyThreshold => hc.healthy_threshold,
            NewTargetChecks::One => 1,
        };
        d.task_start_seconds + hc.interval * checks
    } else if let Some(check) = svc.main_container().and_then(|c| c.health_check.as_ref()) {
        d.task_start_seconds + check.interval
    } else {
        d.task_start_seconds + facts::HEALTHY_WITHOUT_CHECKS_SECONDS
    };
    let drain = if svc.port.is_some() {
        d.deregistration_delay
    } else {
        0
    };
    DeployInput {
        desired,
        minimum_healthy_percent: d.minimum_healthy_percent,
        maximum_percent: d.maximum_percent,
        time_to_healthy,
        time_to_stop: drain + d.stop_timeout,
    }
}

fn plan_service(app: &App, svc: &Service, model: Assumptions, prices: &Prices) -> ServicePlan {
    let counts = svc.counts;
    let (base, target) = (counts.base, counts.target);
    let per_az = spread(target, app.zones);
    let (cpu, memory) = (svc.size.cpu, svc.size.memory);
    let arch = svc.arch;
    let shape = Shape {
        os: svc.os,
        cpu,
        memory,
        ephemeral_gib: svc.ephemeral_gib,
        spot_percent: counts.spot_percent,
    };
    let task_usd = cost::task_monthly(prices, arch, shape);
    let (min, max) = (counts.min, counts.max);

    let input = deploy_input(svc, target, model);
    let sim = deploy::simulate(input);
    let what_ifs = what_ifs(svc, target, model, sim.duration_seconds);

    let hc = &svc.health_check;
    let (detection, replacement) = if svc.port.is_some() {
        (
            hc.interval * hc.unhealthy_threshold + hc.timeout,
            input.time_to_healthy,
        )
    } else if let Some(check) = svc.main_container().and_then(|c| c.health_check.as_ref()) {
        (
            check.interval * check.retries + check.timeout,
            input.time_to_healthy,
        )
    } else {
        (0, input.time_to_healthy)
    };
    let rto = detection + replacement;
    let surge = sim.peak_tasks.saturating_sub(target);
    ServicePlan {
        name: svc.name.clone(),
        capacity: CapacityPlan {
            base,
            target,
            survives_az_loss: survives_zone_loss(&per_az, base),
            per_az,
            by_az_count: by_zone_count(base, task_usd),
            min,
            max,
            min_holds_target: min >= target,
        },
        deployment: DeploymentPlan {
            duration_seconds: sim.duration_seconds,
            batches: sim.batches.len(),
            peak_tasks: sim.peak_tasks,
            min_healthy_tasks: sim.min_healthy_tasks,
            time_to_healthy_seconds: input.time_to_healthy,
            time_to_stop_seconds: input.time_to_stop,
            completes: sim.completes,
            timeline: deploy::timeline_text(&sim),
            steps: deploy::sample_steps(&sim.steps, 200),
            batch_list: sim.batches,
            what_ifs,
        },
        recovery: Recovery {
            detection_seconds: detection,
            replacement_seconds: replacement,
            rto_seconds: rto,
            within_two_minutes: rto < facts::SEED_RTO_SECONDS,
            rpo: match svc.session_store {
                SessionStore::Dynamodb { .. } => "continuous (DynamoDB, multi-AZ replication)",
                SessionStore::Redis { .. } => "under 1 s (Redis with automatic failover)",
                SessionStore::None => "sessions on a failed task are lost (no session store)",
            },
        },
        cost: CostPlan {
            monthly_usd: cost::by_arch(prices, target, shape),
            chosen_arch: arch,
            spot_percent: shape.spot_percent,
            on_demand_monthly_usd: cost::by_arch(
                prices,
                target,
                Shape {
                    spot_percent: 0,
                    ..shape
                },
            ),
            prescaling_monthly_usd: round2(f64::from(target - base) * task_usd),
            surge_per_deployment_usd: cost::surge_usd(
                prices,
                arch,
                shape,
                surge,
                sim.duration_seconds,
            ),
            right_size: cost::right_size(prices, arch, shape.os, cpu, memory),
        },
    }
}

/// Re-simulates with the values AWS's guidance suggests, one at a time.
fn what_ifs(svc: &Service, desired: u32, model: Assumptions, baseline: u32) -> Vec<WhatIf> {
    let mut out = Vec::new();
    // `fields` are (path below the service, value): the spec edit and the model change in one.
    let mut try_change = |change: String, why: &'static str, fields: &[(&[&str], u32)]| {
        let mut changed = svc.clone();
        for (path, value) in fields {
            let v = *value;
            match *path {
                ["deployment", "deregistration_delay"] => {
                    changed.deployment.deregistration_delay = v
                }
                ["deployment", "stop_timeout"] => changed.deployment.stop_timeout = v,
                ["deployment", "minimum_healthy_percent"] => {
                    changed.deployment.minimum_healthy_percent = v
                }
                ["health_check", "interval"] => changed.health_check.interval = v,
                ["health_check", "healthy_threshold"] => changed.health_check.healthy_threshold = v,
                ["health_check", "timeout"] => changed.health_check.timeout = v,
                _ => {}
            }
        }
        let sim = deploy::simulate(deploy_input(&changed, desired, model));
        if sim.completes && sim.duration_seconds < baseline {
            out.push(WhatIf {
                change,
                edits: fields
                    .iter()
                    .map(|(path, value)| SpecEdit {
                        path: svc.path.join_all(path.iter().copied()).to_string(),
                        value: value.to_string(),
                    })
                    .collect(),
                seconds_saved: baseline - sim.duration_seconds,
                why,
            });
        }
    };
    let d = &svc.deployment;
    let hc = &svc.health_check;
    if svc.port.is_some() && d.deregistration_delay > 30 {
        try_change(
            format!("deregistration_delay {} → 30", d.deregistration_delay),
            "AWS suggests a short drain (down to 5 s) for APIs that answer in under a second",
            &[(&["deployment", "deregistration_delay"], 30)],
        );
    }
    if svc.port.is_some() && (hc.interval > 5 || hc.healthy_threshold > 2) {
        let mut parts = Vec::new();
        let mut fields: Vec<(&[&str], u32)> = Vec::new();
        if hc.interval > 5 {
            parts.push(format!("interval {} → 5", hc.interval));
            fields.push((&["health_check", "interval"], 5));
            if hc.timeout > 4 {
                fields.push((&["health_check", "timeout"], 4));
            }
        }
        if hc.healthy_threshold > 2 {
            parts.push(format!("healthy_threshold {} → 2", hc.healthy_threshold));
            fields.push((&["health_check", "healthy_threshold"], 2));
        }
        try_change(
            format!("health_check {}", parts.join(", ")),
            "ECS guide and Peck: 5 s × 2 checks makes a new target healthy in 10 s instead of 150 s",
            &fields,
        );
    }
    if d.stop_timeout > 2 {
        try_change(
            format!("stop_timeout {} → 2", d.stop_timeout),
            "an app that handles SIGTERM exits in a few seconds (Peck)",
            &[(&["deployment", "stop_timeout"], 2)],
        );
    }
    if d.minimum_healthy_percent > 50 {
        try_change(
            format!(
                "minimum_healthy_percent {} → 50 (development only)",
                d.minimum_healthy_percent
            ),
            "CON311: 50/200 for development speed, 100/200 for production availability",
            &[(&["deployment", "minimum_healthy_percent"], 50)],
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::examples::EXAMPLES;
    use crate::pricing::Prices;
    use crate::{Format, check_spec};

    /// The figure front ends show is the one `survives_az_loss` is decided on.
    #[test]
    fn the_zone_loss_figure_agrees_with_the_verdict() {
        for (name, text) in EXAMPLES {
            let app = check_spec(text, Format::Yaml)
                .model
                .unwrap_or_else(|| panic!("{name} is valid"));
            let plan = super::plan(
                &app,
                super::Assumptions::default(),
                &Prices::builtin(&app.region),
            );
            for s in &plan.services {
                let c = &s.capacity;
                if c.per_az.len() >= 2 {
                    assert_eq!(
                        c.survives_az_loss,
                        c.left_after_losing_a_zone() >= c.base,
                        "{name}/{}",
                        s.name
                    );
                }
            }
        }
    }
}
