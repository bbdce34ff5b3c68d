//! The plan of a validated spec: capacity, AZ pre-scaling, the rolling-deployment timeline,
//! recovery time and monthly cost, per service and for the whole app.

pub mod bill;
pub mod capacity;
pub mod cost;
pub mod deploy;
mod deployment;
pub mod express;
pub mod fleet;
pub mod release;
pub mod sharding;
pub mod strategy;

use serde::Serialize;

use crate::facts;
use crate::model::{App, Service, SessionStore, StrategyName};
use crate::pricing::Prices;
use crate::task::Arch;
use capacity::{ZoneOption, by_zone_count, round2, spread, survives_zone_loss};
use cost::{ByArch, Shape};
use deploy::Batch;
use strategy::Phase;

/// How many passing load balancer checks a new target needs before ECS counts it healthy.
///
/// The ALB user guide says a newly registered target must pass **one** health check; the healthy
/// threshold applies when an unhealthy target recovers
/// (<https://docs.aws.amazon.com/elasticloadbalancing/latest/application/target-group-health-checks.html>).
/// Older material (AWS re:Invent CON311, and a later paragraph of the ECS guide's
/// load-balancer-healthcheck page) counts `healthy_threshold` checks. A model parameter, not a
/// hidden constant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NewTargetChecks {
    /// One passing check (the ALB guide's rule, the default).
    #[default]
    One,
    /// `healthy_threshold` checks (5 × 30 s = 150 s with AWS's defaults).
    HealthyThreshold,
}

/// The planner's assumptions where sources disagree: parameters, not hidden constants.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Assumptions {
    /// See [`NewTargetChecks`].
    pub new_target_checks: NewTargetChecks,
}

/// The plan of a whole spec.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct Plan {
    /// Application name.
    pub app: String,
    /// Region.
    pub region: String,
    /// When the price table is from, and whether the Region has its own row.
    pub prices: PriceNote,
    /// Per service.
    pub services: Vec<ServicePlan>,
    /// The whole app, as one copy in `region` (with a fleet, `fleet.monthly_usd` is the bill).
    pub total: Total,
    /// With `fleet` (or `release`) in the spec: Regions, cells, tasks per zone, sharding and
    /// cost.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fleet: Option<fleet::FleetPlan>,
    /// With `release` in the spec: its steps across the fleet.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub release: Option<release::ReleasePlan>,
    /// The same app under ECS Express Mode (`akplan emit express`): its load balancers and
    /// alarms against the plain bill. Absent for an app without a load-balanced service.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub express: Option<express::ExpressPlan>,
}

/// Where prices come from.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct PriceNote {
    /// akplan's table or the user's offer file.
    pub source: String,
    /// When the prices are from.
    pub as_of: String,
    /// `high`, `medium` or `low`.
    pub confidence: facts::Confidence,
    /// Figures the source lacked, filled in or derived ("estimated" in reports).
    pub estimated: Vec<&'static str>,
    /// When the prices are older than 90 days on the day of the plan (the front end gives the
    /// day), what to do about it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub warning: Option<String>,
    /// Every figure in use with its source, SKU and publication date.
    pub figures: Vec<crate::pricing::Origin>,
}

/// The plan of one service.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
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
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct CapacityPlan {
    /// Tasks needed at peak.
    pub base: u32,
    /// Tasks to run (pre-scaled when static stability is on).
    pub target: u32,
    /// Tasks per zone.
    pub per_az: Vec<u32>,
    /// Whether losing any one zone leaves at least `base` tasks, and their egress
    /// (`egress_survives_az_loss`).
    pub survives_az_loss: bool,
    /// Whether the tasks keep their NAT egress when a zone is lost: false under static stability
    /// with NAT gateways in fewer zones than the tasks.
    pub egress_survives_az_loss: bool,
    /// Whether the target is pre-scaled for the loss of a zone (`static_stability`).
    pub static_stability: bool,
    /// The 2..6 zone trade-off, every row pre-scaled for the loss of a zone (it equals the plan
    /// only when `static_stability` is on).
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

/// The simulated deployment.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct DeploymentPlan {
    /// The spec's strategy.
    pub strategy: StrategyName,
    /// Its phases, in order: rolling waves, or the stages of blue/green, linear and canary.
    pub phases: Vec<Phase>,
    /// Total duration, s.
    pub duration_seconds: u32,
    /// Until the last new task is launched, s (the calibrated launch rate).
    pub launch_seconds: u32,
    /// Until all production traffic reaches the new version, s (rolling: the last new task is
    /// healthy).
    pub time_to_all_traffic_new_seconds: u32,
    /// Worst case from a detected failure to all traffic on the old version, s: a whole rolling
    /// deployment back for rolling and recreate; the traffic shift back (and its hooks) for
    /// blue/green, linear and canary, whose old tasks still run.
    pub rollback_seconds: u32,
    /// A release whose tasks never get healthy: seconds until the circuit breaker fails it
    /// (threshold 0.5 × desired, 3..200); `None` without the circuit breaker.
    pub circuit_breaker_seconds: Option<u32>,
    /// The same service under every strategy, for the choice.
    pub strategies: Vec<StrategyOption>,
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

/// The service under one strategy.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct StrategyOption {
    /// The strategy.
    pub strategy: StrategyName,
    /// Total duration, s.
    pub duration_seconds: u32,
    /// Most tasks at once.
    pub peak_tasks: u32,
    /// What the tasks above the desired count cost per deployment, USD.
    pub surge_per_deployment_usd: f64,
    /// Worst case from a detected failure to all traffic on the old version, s.
    pub rollback_seconds: u32,
    /// Seconds with no healthy task (recreate stops everything first).
    pub downtime_seconds: u32,
    /// E.g. `blue_green instead of rolling: +10 min, 2× tasks for 14 min, rollback in 0 s instead
    /// of 7 min` (empty for the spec's own strategy).
    pub trade_off: String,
    /// The edit that switches the spec to it (none for its own).
    pub edits: Vec<SpecEdit>,
}

/// One change to the spec's text: the value at a JSON pointer.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct SpecEdit {
    /// JSON pointer into the spec.
    pub path: String,
    /// The new value, as YAML.
    pub value: String,
}

/// One what-if: a setting AWS's guidance suggests and the time it saves per deployment.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
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
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct Recovery {
    /// Until a hung task is noticed by its health check, s (0 without one: see
    /// `hung_detection_seconds`).
    pub detection_seconds: u32,
    /// Until a replacement is healthy, s.
    pub replacement_seconds: u32,
    /// A hung task: detection plus replacement, s.
    pub rto_seconds: u32,
    /// A crashed task: ECS sees its essential container exit at once and replaces it, s.
    pub crashed_rto_seconds: u32,
    /// Until a hung task (alive, not answering) is noticed; `None`: never, the service has no
    /// load balancer or container health check.
    pub hung_detection_seconds: Option<u32>,
    /// Whether a hung task is replaced within Agent Kernel's "< 2 minutes for most failures"
    /// (false when it is never detected).
    pub within_two_minutes: bool,
    /// Session data at risk.
    pub rpo: &'static str,
}

/// Monthly cost of one service.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
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
    /// Compute Savings Plans (no upfront, 1 and 3 years) over the steady tasks.
    pub savings_plans: cost::SavingsPlans,
    /// The bill at `min`, at the load profile and at `max`.
    pub month: cost::Month,
}

/// The whole app.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct Total {
    /// Services plus the ALB, both architectures.
    pub monthly_usd: ByArch,
    /// The shared ALB's hourly charge per month (0 without load-balanced services).
    pub alb_monthly_usd: f64,
    /// The NAT gateways' hourly charge per month (`nat_gateways` in the spec).
    pub nat_monthly_usd: f64,
    /// Public IPv4 addresses, load balancer capacity units, NAT data, logs and traffic between
    /// zones, each with what it assumes (included in `monthly_usd`).
    pub line_items: Vec<bill::LineItem>,
    /// The whole bill with each service's steady tasks on a Compute Savings Plan, no upfront.
    pub savings_plans: TotalSavings,
    /// The whole bill with every service at `min`, at its load profile (its planned count
    /// where it has none) and at `max`.
    pub month: TotalMonth,
}

/// [`Total`] under Savings Plans.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct TotalSavings {
    /// 1 year.
    pub one_year_monthly_usd: ByArch,
    /// 3 years.
    pub three_years_monthly_usd: ByArch,
}

/// [`Total`] over the month as it is lived.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct TotalMonth {
    /// Every service at `min`.
    pub at_min_monthly_usd: ByArch,
    /// Every service at its profile, or its planned count without one.
    pub profile_monthly_usd: ByArch,
    /// Every service at `max`.
    pub at_max_monthly_usd: ByArch,
}

/// Plans every service of a validated model with `prices`.
#[must_use]
pub fn plan(app: &App, model: Assumptions, prices: &Prices) -> Plan {
    plan_in_regions(app, model, prices, &[])
}

/// [`plan`] with the prices of a fleet's other Regions as the front end has them (the CLI's
/// Price List cache); a fleet Region without them is priced from akplan's table.
#[must_use]
pub fn plan_in_regions(app: &App, model: Assumptions, prices: &Prices, others: &[Prices]) -> Plan {
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
    let tasks: u32 = services.iter().map(|s| s.capacity.target).sum();
    let line_items = bill::line_items(app, prices, tasks);
    let extra: f64 = line_items.iter().map(|i| i.monthly_usd).sum();
    let (fleet, release) = match &app.fleet {
        Some(f) => {
            let (fp, rp) = fleet::plan(app, f, app.release.as_ref(), model, (prices, others));
            (Some(fp), rp)
        }
        None => (None, None),
    };
    let shared = alb + nat + extra;
    let total_of = |part: &dyn Fn(&ServicePlan) -> ByArch| ByArch {
        x86_64: round2(services.iter().map(|s| part(s).x86_64).sum::<f64>() + shared),
        arm64: round2(services.iter().map(|s| part(s).arm64).sum::<f64>() + shared),
    };
    let sum = |f: fn(&ByArch) -> f64| {
        round2(services.iter().map(|s| f(&s.cost.monthly_usd)).sum::<f64>() + shared)
    };
    let savings_plans = TotalSavings {
        one_year_monthly_usd: total_of(&|s| s.cost.savings_plans.one_year_monthly_usd),
        three_years_monthly_usd: total_of(&|s| s.cost.savings_plans.three_years_monthly_usd),
    };
    // The month at each count bills the line items at that count too (a public IPv4 address
    // per task when the tasks run in public subnets).
    let shared_at = |tasks: u32| {
        alb + nat
            + bill::line_items(app, prices, tasks)
                .iter()
                .map(|i| i.monthly_usd)
                .sum::<f64>()
    };
    let month_of = |part: &dyn Fn(&ServicePlan) -> ByArch, tasks: u32| {
        let shared = shared_at(tasks);
        ByArch {
            x86_64: round2(services.iter().map(|s| part(s).x86_64).sum::<f64>() + shared),
            arm64: round2(services.iter().map(|s| part(s).arm64).sum::<f64>() + shared),
        }
    };
    let count = |f: &dyn Fn(&ServicePlan) -> f64| -> u32 {
        // The services' tasks summed, as a whole number.
        services
            .iter()
            .map(f)
            .sum::<f64>()
            .round()
            .clamp(0.0, f64::from(u32::MAX)) as u32
    };
    let month = TotalMonth {
        at_min_monthly_usd: month_of(
            &|s| s.cost.month.at_min_monthly_usd,
            count(&|s| f64::from(s.capacity.min)),
        ),
        profile_monthly_usd: month_of(
            &|s| {
                s.cost
                    .month
                    .profile_monthly_usd
                    .unwrap_or(s.cost.monthly_usd)
            },
            count(&|s| {
                s.cost
                    .month
                    .profile_average_tasks
                    .unwrap_or(f64::from(s.capacity.target))
            }),
        ),
        at_max_monthly_usd: month_of(
            &|s| s.cost.month.at_max_monthly_usd,
            count(&|s| f64::from(s.capacity.max)),
        ),
    };
    let monthly_usd = ByArch {
        x86_64: sum(|c| c.x86_64),
        arm64: sum(|c| c.arm64),
    };
    let express = app
        .services
        .iter()
        .any(|s| s.port.is_some())
        .then(|| express::plan(app, prices, monthly_usd, alb));
    Plan {
        app: app.name.clone(),
        region: app.region.clone(),
        prices: PriceNote {
            source: prices.source.clone(),
            as_of: prices.as_of.clone(),
            confidence: prices.confidence,
            estimated: prices.estimated.clone(),
            warning: prices.staleness(),
            figures: prices.origins.clone(),
        },
        total: Total {
            monthly_usd,
            alb_monthly_usd: alb,
            nat_monthly_usd: nat,
            line_items,
            savings_plans,
            month,
        },
        services,
        fleet,
        release,
        express,
    }
}

fn plan_service(app: &App, svc: &Service, model: Assumptions, prices: &Prices) -> ServicePlan {
    let counts = svc.counts;
    let (base, target) = (counts.base, counts.target);
    let per_az = spread(target, app.zones);
    let (cpu, memory) = (svc.size.cpu, svc.size.memory);
    let arch = svc.arch;
    let shape = shape(svc);
    let task_usd = cost::task_monthly(prices, arch, shape);
    let deployment = deployment::plan(svc, model, prices, shape);
    ServicePlan {
        name: svc.name.clone(),
        capacity: CapacityPlan {
            base,
            target,
            survives_az_loss: survives_zone_loss(&per_az, base)
                && nat_survives_zone_loss(app, counts.static_stability),
            egress_survives_az_loss: nat_survives_zone_loss(app, counts.static_stability),
            per_az,
            static_stability: counts.static_stability,
            by_az_count: by_zone_count(base, task_usd),
            min: counts.min,
            max: counts.max,
            min_holds_target: counts.min >= target,
        },
        recovery: recovery(svc, deployment.time_to_healthy_seconds),
        cost: CostPlan {
            monthly_usd: cost::by_arch(prices, target, shape),
            chosen_arch: arch,
            spot_percent: (shape.spot_share * 100.0).round() as u32,
            on_demand_monthly_usd: cost::by_arch(
                prices,
                target,
                Shape {
                    spot_share: 0.0,
                    ..shape
                },
            ),
            prescaling_monthly_usd: round2(f64::from(target - base) * task_usd),
            surge_per_deployment_usd: deployment
                .strategies
                .iter()
                .find(|o| o.strategy == deployment.strategy)
                .map_or(0.0, |o| o.surge_per_deployment_usd),
            right_size: cost::right_size(prices, arch, shape.os, cpu, memory),
            savings_plans: cost::savings_plans(prices, target, counts.min, shape, arch),
            month: cost::month(
                prices,
                (counts.min, counts.max),
                svc.profile.map(|p| p.average(counts.min, counts.max)),
                shape,
            ),
        },
        deployment,
    }
}

/// What one task of `svc` is, for pricing.
/// Every Fargate size `svc` could have, with what the service would cost a month at its planned
/// task count on each architecture, cheapest first: what an editor offers beside `cpu` and
/// `memory`. Priced exactly as [`plan`] prices the service.
#[must_use]
pub fn size_options(svc: &Service, prices: &Prices) -> Vec<SizeOption> {
    let mut options: Vec<SizeOption> = crate::rules::sizing::sizes(svc.os, svc.platform)
        .into_iter()
        .map(|(cpu, memory)| {
            let monthly = cost::by_arch(
                prices,
                svc.counts.target,
                Shape {
                    cpu,
                    memory,
                    ..shape(svc)
                },
            );
            SizeOption {
                cpu,
                memory,
                monthly_usd: monthly,
            }
        })
        .collect();
    options.sort_by(|a, b| {
        (a.monthly_usd.of(svc.arch))
            .total_cmp(&b.monthly_usd.of(svc.arch))
            .then(a.cpu.cmp(&b.cpu))
    });
    options
}

/// One size a service could have and its monthly cost at its planned count.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SizeOption {
    /// CPU units.
    pub cpu: u32,
    /// Memory, MiB.
    pub memory: u32,
    /// The service's monthly cost at this size, USD, per architecture.
    pub monthly_usd: ByArch,
}

fn shape(svc: &Service) -> Shape {
    Shape {
        os: svc.os,
        cpu: svc.size.cpu,
        memory: svc.size.memory,
        ephemeral_gib: svc.ephemeral_gib,
        spot_share: svc.counts.spot_share(svc.counts.target),
    }
}

/// Whether the app's egress survives losing a zone: with NAT gateways in fewer zones than the
/// tasks, losing a NAT gateway's zone cuts every task in the zones that route through it.
/// Source: <https://docs.aws.amazon.com/vpc/latest/userguide/vpc-nat-gateway.html> ("create a NAT
/// gateway in each Availability Zone").
fn nat_survives_zone_loss(app: &App, static_stability: bool) -> bool {
    !static_stability || app.nat_gateways == 0 || app.nat_gateways >= app.zones
}

/// Recovery from a crashed task (ECS sees its essential container exit at once) and a hung one
/// (only a health check notices; without one, never).
fn recovery(svc: &Service, time_to_healthy: u32) -> Recovery {
    let hc = &svc.health_check;
    let hung_detection = if svc.port.is_some() {
        Some(hc.interval * hc.unhealthy_threshold + hc.timeout)
    } else {
        svc.main_container()
            .and_then(|c| c.health_check.as_ref())
            .map(|check| check.interval * check.retries + check.timeout)
    };
    let detection = hung_detection.unwrap_or(0);
    let rto = detection + time_to_healthy;
    Recovery {
        detection_seconds: detection,
        replacement_seconds: time_to_healthy,
        rto_seconds: rto,
        crashed_rto_seconds: time_to_healthy,
        hung_detection_seconds: hung_detection,
        within_two_minutes: hung_detection.is_some() && rto < facts::SEED_RTO_SECONDS,
        rpo: match svc.session_store {
            SessionStore::Dynamodb { .. } => "continuous (DynamoDB, multi-AZ replication)",
            SessionStore::Redis { .. } => "under 1 s (Redis with automatic failover)",
            SessionStore::None => "sessions on a failed task are lost (no session store)",
        },
    }
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
                        c.left_after_losing_a_zone() >= c.base && c.egress_survives_az_loss,
                        "{name}/{}",
                        s.name
                    );
                }
            }
        }
    }
}
