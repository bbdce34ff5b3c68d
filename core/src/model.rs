//! The validated model: what [`crate::check`] proves about a file, in types the planner and the
//! emitters trust.
//!
//! Everything downstream needs is resolved here once and is never optional: task sizes,
//! architecture, counts (base, pre-scaled target, autoscaling bounds), typed secret references,
//! health checks and deployment settings with their defaults. Containers are one type; the main
//! container is simply the first. Specs ([`from_spec`]) and task definitions ([`from_task`]) both
//! land here. Nothing after this stage reads text again.

mod fleet;
mod from_spec;
mod from_task;

pub use fleet::{Fleet, Release, Scope, Wave};

pub(crate) use from_spec::from_spec;
pub(crate) use from_task::from_task;

use crate::pointer::Pointer;
pub use crate::secret_ref::SecretRef;
pub use crate::task::{Arch, Condition, Os, PlatformVersion};

/// Minutes a `pause` hook is assumed to take when the spec does not say: someone has to look.
pub const PAUSE_EXPECTED_MINUTES_DEFAULT: u32 = 15;
/// A hook's timeout when the spec does not say, minutes. Source: the ECS API,
/// `DeploymentLifecycleHook.timeoutConfiguration` (default 1440).
pub const HOOK_TIMEOUT_MINUTES_DEFAULT: u32 = 1440;

/// A validated application: one or more services in one Region.
#[derive(Debug, Clone, PartialEq)]
pub struct App {
    /// Application name (the cluster's name).
    pub name: String,
    /// Region code.
    pub region: String,
    /// Account id, when the file gives one.
    pub account_id: Option<String>,
    /// How many Availability Zones the services spread over.
    pub zones: u32,
    /// NAT gateways (their hourly charge is in the bill).
    pub nat_gateways: u32,
    /// GB a month out through the NAT gateways, when the file says.
    pub egress_gb_per_month: Option<f64>,
    /// GB a month between zones, when the file says.
    pub cross_az_gb_per_month: Option<f64>,
    /// Services in file order.
    pub services: Vec<Service>,
    /// The Regions and cells the services run in; `None`: one copy in `region`.
    pub fleet: Option<Fleet>,
    /// How a change reaches the fleet; `None` without a `release` (or without a fleet).
    pub release: Option<Release>,
}

/// One validated service.
#[derive(Debug, Clone, PartialEq)]
pub struct Service {
    /// Service name.
    pub name: String,
    /// Where the service is written (`/services/<name>` in a spec, the root of a task
    /// definition): the plan's suggested edits point below it.
    pub path: Pointer,
    /// Task size, in CPU units and MiB: a valid Fargate combination.
    pub size: TaskSize,
    /// CPU architecture.
    pub arch: Arch,
    /// Operating system.
    pub os: Os,
    /// Ephemeral storage, GiB.
    pub ephemeral_gib: u32,
    /// Fargate platform version (`LATEST` resolved).
    pub platform: PlatformVersion,
    /// Containers; the first is the main one (the service's own name in a spec).
    pub containers: Vec<Container>,
    /// Task volumes.
    pub volumes: Vec<Volume>,
    /// The main container's port behind the load balancer; `None`: no load balancer.
    pub port: Option<u32>,
    /// Task counts.
    pub counts: Counts,
    /// Load balancer health check, defaults applied (used when `port` is set).
    pub health_check: LbHealthCheck,
    /// Whether the file wrote the health check (else AWS's defaults were applied).
    pub health_check_written: bool,
    /// Deployment settings, defaults applied.
    pub deployment: Deployment,
    /// Target-tracking autoscaling, if any.
    pub autoscaling: Option<Autoscaling>,
    /// Where sessions live.
    pub session_store: SessionStore,
    /// ECS Exec.
    pub exec: bool,
    /// Container Insights.
    pub container_insights: bool,
    /// Log retention, days; `None` keeps logs forever.
    pub log_retention_days: Option<u32>,
    /// GB of logs a month, when the file says.
    pub logs_gb_per_month: Option<f64>,
    /// Average requests per second, when the file says.
    pub average_rps: Option<f64>,
    /// The load over the month, when the spec says.
    pub profile: Option<Profile>,
    /// ECS Service Connect, when the file sets it.
    pub service_connect: Option<ServiceConnect>,
}

/// A task volume.
#[derive(Debug, Clone, PartialEq)]
pub struct Volume {
    /// Name, unique in the task.
    pub name: String,
    /// Its EFS file system; `None`: storage of the task.
    pub efs: Option<Efs>,
}

/// An EFS volume (the ECS API's `EFSVolumeConfiguration`).
#[derive(Debug, Clone, PartialEq)]
pub struct Efs {
    /// File system id.
    pub file_system_id: String,
    /// Access point id.
    pub access_point: Option<String>,
    /// Directory mounted as the root, when not `/`.
    pub root_directory: Option<String>,
    /// TLS between task and EFS.
    pub transit_encryption: bool,
    /// Mount with the task role's IAM identity.
    pub iam: bool,
    /// GB stored, when the file says (priced per GB-month).
    pub size_gb: Option<f64>,
}

/// ECS Service Connect, defaults applied.
#[derive(Debug, Clone, PartialEq)]
pub struct ServiceConnect {
    /// Cloud Map namespace; `None`: the cluster's default.
    pub namespace: Option<String>,
    /// What the service publishes; `None`: a client only.
    pub publish: Option<Published>,
}

/// The endpoint a Service Connect service publishes.
#[derive(Debug, Clone, PartialEq)]
pub struct Published {
    /// The main container's port it publishes.
    pub port: u32,
    /// That port mapping's name.
    pub port_name: String,
    /// The Cloud Map service name, when it is not the port name.
    pub discovery_name: Option<String>,
    /// The alias clients call: port and DNS name (`None`: the discovery name).
    pub alias: (u32, Option<String>),
}

/// A service's load over the month (`capacity.profile`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Profile {
    /// Hours a day at `max`, the rest at `min`.
    PeakHoursPerDay(f64),
    /// Average tasks over the month.
    AverageTasks(f64),
}

impl Profile {
    /// Average tasks over the month between `min` and `max`.
    #[must_use]
    pub fn average(self, min: u32, max: u32) -> f64 {
        let (lo, hi) = (f64::from(min.min(max)), f64::from(max.max(min)));
        match self {
            Self::PeakHoursPerDay(h) => lo + (hi - lo) * h.clamp(0.0, 24.0) / 24.0,
            Self::AverageTasks(t) => t.clamp(lo, hi),
        }
    }
}

/// A task size Fargate accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TaskSize {
    /// CPU units (1024 = 1 vCPU).
    pub cpu: u32,
    /// Memory, MiB.
    pub memory: u32,
}

/// How the base task count is given.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Base {
    /// A count.
    Count(u32),
    /// Derived from load: ceil(peak_rps / rps_per_task).
    Load {
        /// Peak requests per second.
        peak_rps: f64,
        /// Requests per second one task serves.
        rps_per_task: f64,
    },
}

impl Base {
    /// The base task count (at least one).
    #[must_use]
    pub fn count(&self) -> u32 {
        match *self {
            Self::Count(n) => n,
            Self::Load {
                peak_rps,
                rps_per_task,
            } => {
                if rps_per_task <= 0.0 || !peak_rps.is_finite() || !rps_per_task.is_finite() {
                    return 1;
                }
                let n = (peak_rps / rps_per_task)
                    .ceil()
                    .clamp(1.0, f64::from(u32::MAX));
                // Clamped to the u32 range just above.
                #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
                let n = n as u32;
                n
            }
        }
    }
}

/// Task counts, decided here and nowhere else.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Counts {
    /// How the base is given (the page's knobs edit it in the same terms).
    pub base_from: Base,
    /// Tasks needed at peak.
    pub base: u32,
    /// Whether the count is pre-scaled for the loss of one zone.
    pub static_stability: bool,
    /// Tasks to run: the base, pre-scaled when static stability is on ([`prescaled`]).
    pub target: u32,
    /// Autoscaling minimum (the target unless given).
    pub min: u32,
    /// Autoscaling maximum (the larger of target and minimum unless given).
    pub max: u32,
    /// Share of the tasks on Fargate Spot by weight, % (the base aside: [`Counts::spot_share`]).
    pub spot_percent: u32,
    /// How the tasks split between Fargate and Fargate Spot.
    pub spot: Spot,
}

/// How a service's tasks split between Fargate and Fargate Spot.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Spot {
    /// `capacity.spot_percent`: a share, emitted as weights with no base.
    Percent(u32),
    /// `capacity.providers`: ECS's strategy, the base first, then by weight.
    Providers(Providers),
}

impl From<u32> for Spot {
    fn from(percent: u32) -> Self {
        Spot::Percent(percent.min(100))
    }
}

/// A capacity provider strategy over `FARGATE` and `FARGATE_SPOT` (a provider absent is not in
/// the strategy).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Providers {
    /// `FARGATE`.
    pub fargate: Option<Provider>,
    /// `FARGATE_SPOT`.
    pub spot: Option<Provider>,
}

/// One provider's base and weight.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Provider {
    /// Tasks placed on it first.
    pub base: u32,
    /// Relative share of the tasks beyond the bases.
    pub weight: u32,
}

impl Providers {
    /// Tasks on Spot, on average, of `tasks` running: the bases first, then the rest in
    /// proportion to the weights (ECS's placement, docs above). With every weight 0 (which AWS
    /// refuses for two providers: AKP133) the rest goes to the only provider, or half each.
    #[must_use]
    pub fn spot_tasks(&self, tasks: u32) -> f64 {
        let (od, sp) = (
            self.fargate.unwrap_or_default(),
            self.spot.unwrap_or_default(),
        );
        let od_base = od.base.min(tasks);
        let sp_base = sp.base.min(tasks - od_base);
        let rest = f64::from(tasks - od_base - sp_base);
        let rest_on_spot = match (od.weight, sp.weight) {
            (0, 0) => match (self.fargate, self.spot) {
                (None, Some(_)) => rest,
                (Some(_), None) | (None, None) => 0.0,
                (Some(_), Some(_)) => rest / 2.0,
            },
            (o, s) => rest * f64::from(s) / f64::from(o + s),
        };
        f64::from(sp_base) + rest_on_spot
    }

    /// The share of the weights on Spot, % (rounded).
    #[must_use]
    pub fn spot_weight_percent(&self) -> u32 {
        let (o, s) = (
            self.fargate.map_or(0, |p| p.weight),
            self.spot.map_or(0, |p| p.weight),
        );
        match (o + s, self.spot.is_some(), self.fargate.is_some()) {
            (0, true, false) => 100,
            (0, _, _) => 0,
            (total, _, _) => (s * 100 + total / 2) / total,
        }
    }
}

impl Counts {
    /// The share of `tasks` running tasks on Fargate Spot, 0-1.
    #[must_use]
    pub fn spot_share(&self, tasks: u32) -> f64 {
        match self.spot {
            Spot::Percent(p) => f64::from(p.min(100)) / 100.0,
            Spot::Providers(p) if tasks > 0 => p.spot_tasks(tasks) / f64::from(tasks),
            Spot::Providers(p) => f64::from(p.spot_weight_percent()) / 100.0,
        }
    }
    /// The counts of `base`, spread over `zones`, with the autoscaling bounds the file gives.
    #[must_use]
    pub fn new(
        base_from: Base,
        static_stability: bool,
        zones: u32,
        bounds: (Option<u32>, Option<u32>),
        spot: impl Into<Spot>,
    ) -> Self {
        let spot = spot.into();
        let base = base_from.count();
        let target = if static_stability && zones >= 2 {
            prescaled(base, zones)
        } else {
            base
        };
        let min = bounds.0.unwrap_or(target);
        let max = bounds.1.unwrap_or(target.max(min));
        Self {
            base_from,
            base,
            static_stability,
            target,
            min,
            max,
            spot_percent: match spot {
                Spot::Percent(p) => p.min(100),
                Spot::Providers(p) => p.spot_weight_percent(),
            },
            spot,
        }
    }
}

/// ceil(base × zones / (zones − 1)): the count that survives losing one of `zones` zones.
/// Source: AWS containers blog, "resilience and availability on ECS" (6 on 3 AZs → 9),
/// <https://aws.amazon.com/blogs/containers/>.
#[must_use]
pub fn prescaled(base: u32, zones: u32) -> u32 {
    if zones < 2 {
        return base;
    }
    let num = u64::from(base) * u64::from(zones);
    let den = u64::from(zones - 1);
    u32::try_from(num.div_ceil(den)).unwrap_or(u32::MAX)
}

/// Load balancer health check with defaults applied.
#[derive(Debug, Clone, PartialEq)]
pub struct LbHealthCheck {
    /// HTTP path.
    pub path: String,
    /// Seconds between checks.
    pub interval: u32,
    /// Seconds before a check fails.
    pub timeout: u32,
    /// Passes to become healthy.
    pub healthy_threshold: u32,
    /// Failures to become unhealthy.
    pub unhealthy_threshold: u32,
    /// Healthy HTTP codes.
    pub matcher: String,
    /// ECS health check grace period, s.
    pub grace_period: u32,
}

/// Deployment settings with defaults applied.
#[derive(Debug, Clone, PartialEq)]
pub struct Deployment {
    /// Lower bound, % of the desired count.
    pub minimum_healthy_percent: u32,
    /// Upper bound, % of the desired count.
    pub maximum_percent: u32,
    /// Deployment circuit breaker.
    pub circuit_breaker: bool,
    /// Roll back when the circuit breaker trips.
    pub rollback: bool,
    /// Target group deregistration delay, s.
    pub deregistration_delay: u32,
    /// Stop timeout of the main container, s.
    pub stop_timeout: u32,
    /// Estimated seconds from launch to the app answering.
    pub task_start_seconds: u32,
    /// How the new version replaces the old.
    pub strategy: Strategy,
    /// Lifecycle hooks (blue/green, linear and canary).
    pub hooks: Vec<Hook>,
    /// CloudWatch alarms that roll a deployment back.
    pub alarms: Vec<String>,
}

/// A deployment strategy, with the settings only it has.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Strategy {
    /// ECS rolling update within the percent bounds.
    Rolling,
    /// Rolling with 0/100 bounds: everything stops, then the new version starts.
    Recreate,
    /// ECS blue/green: green scaled up fully, one production shift, a bake, blue stopped.
    BlueGreen {
        /// Minutes after the shift before blue stops.
        bake_minutes: u32,
    },
    /// Green scaled up fully, traffic shifted in equal steps.
    Linear {
        /// Share per step, %.
        step_percent: f64,
        /// Minutes between steps.
        step_bake_minutes: u32,
        /// Minutes after the last step before blue stops.
        bake_minutes: u32,
    },
    /// Green scaled up fully, a canary share first, then the rest.
    Canary {
        /// The canary's share, %.
        percent: f64,
        /// Minutes the canary runs alone.
        canary_bake_minutes: u32,
        /// Minutes after the last shift before blue stops.
        bake_minutes: u32,
    },
}

/// A strategy's name, as the spec and the plan's JSON write it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum StrategyName {
    /// `rolling`.
    Rolling,
    /// `recreate`.
    Recreate,
    /// `blue_green`.
    BlueGreen,
    /// `linear`.
    Linear,
    /// `canary`.
    Canary,
}

impl StrategyName {
    /// The spec's word.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Rolling => "rolling",
            Self::Recreate => "recreate",
            Self::BlueGreen => "blue_green",
            Self::Linear => "linear",
            Self::Canary => "canary",
        }
    }

    /// ECS's `deploymentConfiguration.strategy` (recreate is a rolling update).
    #[must_use]
    pub fn ecs_name(self) -> &'static str {
        match self {
            Self::Rolling | Self::Recreate => "ROLLING",
            Self::BlueGreen => "BLUE_GREEN",
            Self::Linear => "LINEAR",
            Self::Canary => "CANARY",
        }
    }
}

impl Strategy {
    /// Its name.
    #[must_use]
    pub fn name(&self) -> StrategyName {
        match self {
            Self::Rolling => StrategyName::Rolling,
            Self::Recreate => StrategyName::Recreate,
            Self::BlueGreen { .. } => StrategyName::BlueGreen,
            Self::Linear { .. } => StrategyName::Linear,
            Self::Canary { .. } => StrategyName::Canary,
        }
    }

    /// Whether ECS shifts traffic between two full sets of tasks (blue/green, linear, canary).
    #[must_use]
    pub fn shifts_traffic(&self) -> bool {
        !matches!(self, Self::Rolling | Self::Recreate)
    }

    /// Minutes after the last production shift before the old tasks stop.
    #[must_use]
    pub fn bake_minutes(&self) -> u32 {
        match *self {
            Self::Rolling | Self::Recreate => 0,
            Self::BlueGreen { bake_minutes }
            | Self::Linear { bake_minutes, .. }
            | Self::Canary { bake_minutes, .. } => bake_minutes,
        }
    }
}

/// A lifecycle stage of an ECS-native deployment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HookStage {
    /// `RECONCILE_SERVICE`.
    ReconcileService,
    /// `PRE_SCALE_UP`.
    PreScaleUp,
    /// `POST_SCALE_UP`.
    PostScaleUp,
    /// `TEST_TRAFFIC_SHIFT`.
    TestTrafficShift,
    /// `POST_TEST_TRAFFIC_SHIFT`.
    PostTestTrafficShift,
    /// `PRE_PRODUCTION_TRAFFIC_SHIFT` (in the API model since 2025).
    PreProductionTrafficShift,
    /// `PRODUCTION_TRAFFIC_SHIFT` (every step of a linear deployment).
    ProductionTrafficShift,
    /// `POST_PRODUCTION_TRAFFIC_SHIFT`.
    PostProductionTrafficShift,
}

impl HookStage {
    /// The ECS API's spelling.
    #[must_use]
    pub fn ecs_name(self) -> &'static str {
        match self {
            Self::ReconcileService => "RECONCILE_SERVICE",
            Self::PreScaleUp => "PRE_SCALE_UP",
            Self::PostScaleUp => "POST_SCALE_UP",
            Self::TestTrafficShift => "TEST_TRAFFIC_SHIFT",
            Self::PostTestTrafficShift => "POST_TEST_TRAFFIC_SHIFT",
            Self::PreProductionTrafficShift => "PRE_PRODUCTION_TRAFFIC_SHIFT",
            Self::ProductionTrafficShift => "PRODUCTION_TRAFFIC_SHIFT",
            Self::PostProductionTrafficShift => "POST_PRODUCTION_TRAFFIC_SHIFT",
        }
    }
}

/// A deployment lifecycle hook.
#[derive(Debug, Clone, PartialEq)]
pub struct Hook {
    /// Where it runs.
    pub stage: HookStage,
    /// The Lambda function it calls; `None`: a pause, continued by hand.
    pub function: Option<String>,
    /// Minutes the planner assumes it takes.
    pub expected_minutes: u32,
    /// Minutes before it times out.
    pub timeout_minutes: u32,
    /// Whether a timeout rolls back (else the deployment continues).
    pub rollback_on_timeout: bool,
}

/// Target-tracking autoscaling with defaults applied.
#[derive(Debug, Clone, PartialEq)]
pub struct Autoscaling {
    /// CPU target, %.
    pub cpu_target: Option<f64>,
    /// Memory target, %.
    pub memory_target: Option<f64>,
    /// Requests per target per minute (load-balanced services only).
    pub requests_per_target: Option<f64>,
    /// Scale-in cooldown, s.
    pub scale_in_cooldown: u32,
    /// Scale-out cooldown, s.
    pub scale_out_cooldown: u32,
}

/// Where sessions live.
#[derive(Debug, Clone, PartialEq)]
pub enum SessionStore {
    /// Nowhere shared: a failed task loses its sessions.
    None,
    /// A DynamoDB table.
    Dynamodb {
        /// Table name.
        table: String,
        /// Time to live, s.
        ttl: u32,
    },
    /// Redis (URL or reference).
    Redis {
        /// URL.
        url: String,
    },
}

/// One container of a task.
#[derive(Debug, Clone, PartialEq)]
pub struct Container {
    /// Name, unique in the task.
    pub name: String,
    /// Image reference.
    pub image: String,
    /// Whether its exit stops the task.
    pub essential: bool,
    /// Container ports (TCP).
    pub ports: Vec<u32>,
    /// Entry point; empty means the image's.
    pub entry_point: Vec<String>,
    /// Command; empty means the image's.
    pub command: Vec<String>,
    /// Environment: name and the string ECS receives.
    pub environment: Vec<(String, String)>,
    /// Secrets by reference, never by value.
    pub secrets: Vec<Secret>,
    /// Containers it waits for, and for what.
    pub depends_on: Vec<(String, Condition)>,
    /// Volumes it mounts.
    pub mounts: Vec<Mount>,
    /// Its health check command, if any.
    pub health_check: Option<HealthCommand>,
    /// Its stop timeout, s, if set.
    pub stop_timeout: Option<u32>,
    /// CPU units reserved for it, if set.
    pub cpu: Option<u32>,
    /// Its hard memory limit, MiB, if set.
    pub memory: Option<u32>,
    /// MiB reserved for it (soft limit), if set.
    pub memory_reservation: Option<u32>,
}

/// One secret of a container: the variable and where ECS reads its value.
#[derive(Debug, Clone, PartialEq)]
pub struct Secret {
    /// Environment variable name.
    pub variable: String,
    /// The reference, parsed once.
    pub reference: SecretRef,
}

/// One mount point.
#[derive(Debug, Clone, PartialEq)]
pub struct Mount {
    /// Task volume name.
    pub volume: String,
    /// Path inside the container.
    pub path: String,
}

/// A health check command run in a container, defaults applied.
#[derive(Debug, Clone, PartialEq)]
pub struct HealthCommand {
    /// The command (`CMD-SHELL ...` or `CMD ...`).
    pub command: Vec<String>,
    /// Seconds between checks.
    pub interval: u32,
    /// Seconds before a check fails.
    pub timeout: u32,
    /// Failures before unhealthy.
    pub retries: u32,
    /// Seconds of grace at start.
    pub start_period: u32,
}

impl Service {
    /// The main container: the service's own (a spec's) or the first (a task definition's).
    #[must_use]
    pub fn main_container(&self) -> Option<&Container> {
        self.containers.first()
    }

    /// The `cpu`/`memory` pairs Fargate offers this task (its OS and platform version allow).
    #[must_use]
    pub fn fargate_sizes(&self) -> Vec<(u32, u32)> {
        crate::rules::sizing::sizes(self.os, self.platform)
    }
}

#[cfg(test)]
mod tests {
    /// ECS places the base first, then the rest by weight: the Spot tasks of a strategy.
    #[test]
    fn a_strategy_puts_the_base_first_then_splits_by_weight() {
        let p = Providers {
            fargate: Some(Provider { base: 2, weight: 1 }),
            spot: Some(Provider { base: 0, weight: 3 }),
        };
        assert!((p.spot_tasks(9) - 5.25).abs() < 1e-9);
        assert!((p.spot_tasks(2)).abs() < 1e-9);
        assert!((p.spot_tasks(1)).abs() < 1e-9);
        assert_eq!(p.spot_weight_percent(), 75);
        let only_spot = Providers {
            fargate: None,
            spot: Some(Provider { base: 0, weight: 0 }),
        };
        assert!((only_spot.spot_tasks(4) - 4.0).abs() < 1e-9);
        let spot_base = Providers {
            fargate: Some(Provider { base: 0, weight: 1 }),
            spot: Some(Provider { base: 3, weight: 1 }),
        };
        assert!((spot_base.spot_tasks(5) - 4.0).abs() < 1e-9);
        let c = Counts::new(Base::Count(9), false, 3, (None, None), Spot::Providers(p));
        assert!((c.spot_share(9) - 5.25 / 9.0).abs() < 1e-9);
    }

    proptest::proptest! {
        /// Whatever the strategy, Spot holds between none and all of the tasks.
        #[test]
        fn spot_tasks_stay_within_the_count(
            tasks in 0u32..10_000,
            od in proptest::option::of((0u32..200, 0u32..1000)),
            sp in proptest::option::of((0u32..200, 0u32..1000)),
        ) {
            let p = Providers {
                fargate: od.map(|(base, weight)| Provider { base, weight }),
                spot: sp.map(|(base, weight)| Provider { base, weight }),
            };
            let s = p.spot_tasks(tasks);
            proptest::prop_assert!((0.0..=f64::from(tasks) + 1e-9).contains(&s));
        }
    }

    use super::*;

    #[test]
    fn the_seeds_worked_examples_come_out_exactly() {
        assert_eq!(prescaled(6, 3), 9);
        assert_eq!(prescaled(600, 3), 900);
        assert_eq!(prescaled(600, 6), 720);
    }

    #[test]
    fn counts_default_their_bounds_to_the_target() {
        let c = Counts::new(Base::Count(6), true, 3, (None, None), 0);
        assert_eq!((c.base, c.target, c.min, c.max), (6, 9, 9, 9));
        let c = Counts::new(Base::Count(6), false, 3, (Some(2), None), 150);
        assert_eq!((c.target, c.min, c.max, c.spot_percent), (6, 2, 6, 100));
        let c = Counts::new(Base::Count(2), false, 1, (Some(4), None), 0);
        assert_eq!((c.target, c.min, c.max), (2, 4, 4));
    }
}
