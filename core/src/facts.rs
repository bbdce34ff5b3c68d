//! Every AWS number akplan uses, once, with its public source next to it.
//!
//! Rules, the planner and the emitters read these constants; none of them repeats a number.

mod prices;

pub use prices::*;

/// Hours in the month AWS's calculators and infracost bill (24 × 365 / 12).
pub const HOURS_PER_MONTH: f64 = 730.0;

/// One Fargate CPU size and the memory it allows. Source: [DG23] AWS_Fargate.md.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CpuSize {
    /// CPU units (1024 = 1 vCPU).
    pub cpu: u32,
    /// Smallest memory, MiB.
    pub min_memory: u32,
    /// Largest memory, MiB.
    pub max_memory: u32,
    /// Memory step, MiB (256 CPU lists 512, 1024 and 2048 explicitly: see [`CpuSize::memories`]).
    pub step: u32,
    /// Whether Windows runs at this size.
    pub windows: bool,
    /// Whether this size needs Linux platform version 1.4.0 or later.
    pub needs_platform_1_4: bool,
}

impl CpuSize {
    /// Every memory value this size allows, ascending.
    pub fn memories(&self) -> impl Iterator<Item = u32> + '_ {
        let explicit: &[u32] = match self.cpu {
            256 => &[512, 1024, 2048],
            32768 => &MEMORIES_32_VCPU,
            _ => &[],
        };
        let stepped = explicit
            .is_empty()
            .then(|| (self.min_memory..=self.max_memory).step_by(self.step as usize))
            .into_iter()
            .flatten();
        explicit.iter().copied().chain(stepped)
    }

    /// Whether `memory` MiB is allowed at this size.
    #[must_use]
    pub fn allows(&self, memory: u32) -> bool {
        self.memories().any(|m| m == memory)
    }
}

const GIB: u32 = 1024;

/// The 32 vCPU size takes exactly 60, 120 or 244 GB, Linux only. Source: the task size table,
/// https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html#task_size
/// (cfn-lint added the tier on 2026-09-01, aws-cloudformation/cfn-lint PR #4668).
const MEMORIES_32_VCPU: [u32; 3] = [60 * GIB, 120 * GIB, 244 * GIB];

/// The eight Fargate CPU sizes. Source: [DG23] AWS_Fargate.md (Windows: 1, 2, 4 vCPU only;
/// 8 and 16 vCPU need Linux platform version 1.4.0) and, for 32 vCPU (Linux, 60/120/244 GB),
/// https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html#task_size
#[rustfmt::skip]
pub const CPU_SIZES: [CpuSize; 8] = [
    CpuSize { cpu: 256, min_memory: 512, max_memory: 2 * GIB, step: 512, windows: false, needs_platform_1_4: false },
    CpuSize { cpu: 512, min_memory: GIB, max_memory: 4 * GIB, step: GIB, windows: false, needs_platform_1_4: false },
    CpuSize { cpu: 1024, min_memory: 2 * GIB, max_memory: 8 * GIB, step: GIB, windows: true, needs_platform_1_4: false },
    CpuSize { cpu: 2048, min_memory: 4 * GIB, max_memory: 16 * GIB, step: GIB, windows: true, needs_platform_1_4: false },
    CpuSize { cpu: 4096, min_memory: 8 * GIB, max_memory: 30 * GIB, step: GIB, windows: true, needs_platform_1_4: false },
    CpuSize { cpu: 8192, min_memory: 16 * GIB, max_memory: 60 * GIB, step: 4 * GIB, windows: false, needs_platform_1_4: true },
    CpuSize { cpu: 16384, min_memory: 32 * GIB, max_memory: 120 * GIB, step: 8 * GIB, windows: false, needs_platform_1_4: true },
    CpuSize { cpu: 32768, min_memory: 60 * GIB, max_memory: 244 * GIB, step: 60 * GIB, windows: false, needs_platform_1_4: true },
];

/// The size entry for `cpu` units, if Fargate has one.
#[must_use]
pub fn cpu_size(cpu: u32) -> Option<&'static CpuSize> {
    CPU_SIZES.iter().find(|s| s.cpu == cpu)
}

/// Ephemeral storage included with every task, GiB. Source: ECS API reference, EphemeralStorage.
pub const EPHEMERAL_INCLUDED_GIB: u32 = 20;
/// Largest ephemeral storage, GiB. Source: same. (`sizeInGiB` accepts 21–200.)
pub const EPHEMERAL_MAX_GIB: u32 = 200;

/// Fargate's largest stop timeout, s; the default is 30. Source: [DG23] task_definition_parameters.md.
pub const STOP_TIMEOUT_MAX: u32 = 120;
/// Default stop timeout, s. Source: same.
pub const STOP_TIMEOUT_DEFAULT: u32 = 30;

/// Target group health check limits and defaults (ip targets). Source: ALB user guide,
/// `doc_source/target-group-health-checks.md`.
pub mod lb_health {
    /// Interval range, s.
    pub const INTERVAL: (u32, u32) = (5, 300);
    /// Timeout range, s.
    pub const TIMEOUT: (u32, u32) = (2, 120);
    /// Healthy/unhealthy threshold range.
    pub const THRESHOLD: (u32, u32) = (2, 10);
    /// Default interval, s.
    pub const DEFAULT_INTERVAL: u32 = 30;
    /// Default timeout, s.
    pub const DEFAULT_TIMEOUT: u32 = 5;
    /// Default healthy threshold.
    pub const DEFAULT_HEALTHY: u32 = 5;
    /// Default unhealthy threshold.
    pub const DEFAULT_UNHEALTHY: u32 = 2;
    /// Default path.
    pub const DEFAULT_PATH: &str = "/";
}

/// Deregistration delay range and default, s. Source: ELBv2 `TargetGroupAttribute`.
pub const DEREGISTRATION_DELAY: (u32, u32) = (0, 3600);
/// Default deregistration delay, s. Source: same; re:Invent 2022 CON311.
pub const DEREGISTRATION_DELAY_DEFAULT: u32 = 300;

/// Container health check limits and defaults. Source: [DG23] task_definition_parameters.md.
pub mod container_health {
    /// Interval range, s.
    pub const INTERVAL: (u32, u32) = (5, 300);
    /// Timeout range, s.
    pub const TIMEOUT: (u32, u32) = (2, 60);
    /// Retries range.
    pub const RETRIES: (u32, u32) = (1, 10);
    /// Start period range, s.
    pub const START_PERIOD: (u32, u32) = (0, 300);
    /// Default interval, s.
    pub const DEFAULT_INTERVAL: u32 = 30;
    /// Default timeout, s.
    pub const DEFAULT_TIMEOUT: u32 = 5;
    /// Default retries.
    pub const DEFAULT_RETRIES: u32 = 3;
}

/// Rolling deployment defaults (REPLICA). Source: [DG23] service_definition_parameters.md.
pub const MIN_HEALTHY_PERCENT_DEFAULT: u32 = 100;
/// Source: same.
pub const MAX_PERCENT_DEFAULT: u32 = 200;
/// `healthCheckGracePeriodSeconds` default. Source: same.
pub const GRACE_PERIOD_DEFAULT: u32 = 0;

/// Default scale-in/scale-out cooldown, s. Source: CDK `BaseTargetTrackingProps`.
pub const SCALING_COOLDOWN_DEFAULT: u32 = 300;
/// akplan's sanity bound on cooldowns, s (one day).
pub const SCALING_COOLDOWN_MAX: u32 = 86_400;

/// Tasks per service. Source: [DG23] service-quotas.md @4d9b316.
pub const MAX_TASKS_PER_SERVICE: u32 = 5_000;
/// Tasks per service that uses Service Connect (or Cloud Map). Source: same
/// (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-quotas.html).
pub const MAX_TASKS_SERVICE_CONNECT: u32 = 1_000;
/// Containers per task definition. Source: same.
pub const MAX_CONTAINERS_PER_TASK: usize = 10;

/// Fargate task launches as AWS measured them (1,000 tasks per service) and the burst the
/// quotas allow. Source: AWS containers blog, "Under the hood: Amazon ECS and AWS Fargate increase
/// task launch rates" (measurements), and the Fargate service quotas (burst), 2024–2025:
/// <https://aws.amazon.com/blogs/containers/under-the-hood-amazon-elastic-container-service-and-aws-fargate-increase-task-launch-rates/>,
/// <https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-quotas.html>.
pub mod launch {
    /// Tasks launched at once before the sustained rate applies.
    pub const BURST: f64 = 100.0;
    /// The size of AWS's measured deployments.
    pub const MEASURED_TASKS: f64 = 1000.0;
    /// On-demand, no load balancer, no public IP: 199 s (5 tasks/s).
    pub const MEASURED_ON_DEMAND_SECONDS: f64 = 199.0;
    /// On-demand behind a load balancer: 252 s (4 tasks/s).
    pub const MEASURED_LOAD_BALANCED_SECONDS: f64 = 252.0;
    /// Fargate Spot, no load balancer: 353 s (2.8 tasks/s).
    pub const MEASURED_SPOT_SECONDS: f64 = 353.0;
    /// Half on-demand, half Spot: 213 s (4.7 tasks/s); predicted, not calibrated on.
    #[cfg(test)]
    pub const MEASURED_HALF_SPOT_SECONDS: f64 = 213.0;
}
/// A new task without load balancer or container health check counts as healthy this long
/// after RUNNING, s. Source: CloudFormation `DeploymentConfiguration`,
/// <https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-ecs-service-deploymentconfiguration.html>.
pub const HEALTHY_WITHOUT_CHECKS_SECONDS: u32 = 40;
/// Windows/x86 on Fargate, us-east-1, per vCPU-hour, without the OS licence. Source:
/// <https://aws.amazon.com/fargate/pricing/> (Windows/X86), vantage.sh.
pub const WINDOWS_VCPU_HOUR_USE1: f64 = 0.09148;
/// The Windows Server OS licence, USD per vCPU-hour, billed on top of the Windows compute price
/// (the Price List's `Fargate-Windows-OS-Hours:perCPU`). Source:
/// <https://aws.amazon.com/fargate/pricing/> ("OS license fee"), us-east-1, 2026.
pub const WINDOWS_LICENCE_VCPU_HOUR: f64 = 0.046;
/// Windows/x86 on Fargate, us-east-1, per GB-hour. Source: vantage.sh.
pub const WINDOWS_GB_HOUR_USE1: f64 = 0.01005;
/// A public IPv4 address, USD per hour, every Region (including those of NAT gateways and
/// internet-facing load balancers). Source: <https://aws.amazon.com/vpc/pricing/> (Public IPv4
/// Address), since 2024-02-01.
pub const PUBLIC_IPV4_HOURLY: f64 = 0.005;
/// Data between Availability Zones of a Region, USD per GB: $0.01 out of one zone and $0.01 into
/// the other. Source: <https://aws.amazon.com/ec2/pricing/on-demand/> (Data Transfer within the
/// same AWS Region).
pub const CROSS_AZ_GB: f64 = 0.02;
/// Services one ECS Express Mode load balancer serves; a 26th in the same cluster and VPC gets
/// another. Source: <https://docs.aws.amazon.com/AmazonECS/latest/developerguide/express-service-work.html>
/// ("shared by up to 25 services").
pub const EXPRESS_SERVICES_PER_ALB: u32 = 25;
/// A standard-resolution CloudWatch metric alarm, USD per month (the first 10 per account are
/// free). Source: <https://aws.amazon.com/cloudwatch/pricing/> (Alarms, "$0.10 per alarm metric
/// month"), the same in us-east-1 and eu-west-2's Price List (`CW:AlarmMonitorUsage`).
pub const CLOUDWATCH_ALARM_MONTHLY: f64 = 0.10;
/// New connections per second one ALB Load Balancer Capacity Unit covers (the dimension a
/// request-per-connection load uses). Source:
/// <https://aws.amazon.com/elasticloadbalancing/pricing/> (LCU details).
pub const ALB_NEW_CONNECTIONS_PER_LCU: f64 = 25.0;

/// Agent Kernel's figure for total recovery from most failures, s ("< 2 minutes").
pub const SEED_RTO_SECONDS: u32 = 120;

/// Default time from launch to a started app, s: the user's estimate, defaulting to the upper end
/// of Agent Kernel's "task replacement: 30-60 seconds".
pub const TASK_START_SECONDS_DEFAULT: u32 = 60;

/// Default `ttl` of a DynamoDB session store, s. Source: Agent Kernel docs (`AK_SESSION__DYNAMODB__TTL=3600`).
pub const SESSION_TTL_DEFAULT: u32 = 3600;

/// Retention values CloudWatch Logs accepts, days. Source: CloudWatch Logs API, PutRetentionPolicy.
pub const LOG_RETENTION_DAYS: [u32; 22] = [
    1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922,
    3288, 3653,
];

/// Regions where ARM64 Fargate is not offered. Source: [DG23] ecs-arm64.md.
pub const ARM64_UNAVAILABLE_REGIONS: [&str; 9] = [
    "ap-south-2",
    "ap-southeast-4",
    "eu-central-2",
    "af-south-1",
    "me-central-1",
    "me-south-1",
    "cn-north-1",
    "cn-northwest-1",
    "us-gov-east-1",
];
/// Zone IDs where ARM64 Fargate is not offered. Source: same.
pub const ARM64_UNAVAILABLE_ZONE_IDS: [&str; 1] = ["use1-az3"];

/// Commercial, China and GovCloud Regions akplan knows, with their zone-ID prefix.
pub const REGIONS: [(&str, &str); 33] = [
    ("us-east-1", "use1"),
    ("us-east-2", "use2"),
    ("us-west-1", "usw1"),
    ("us-west-2", "usw2"),
    ("af-south-1", "afs1"),
    ("ap-east-1", "ape1"),
    ("ap-south-1", "aps1"),
    ("ap-south-2", "aps2"),
    ("ap-southeast-1", "apse1"),
    ("ap-southeast-2", "apse2"),
    ("ap-southeast-3", "apse3"),
    ("ap-southeast-4", "apse4"),
    ("ap-northeast-1", "apne1"),
    ("ap-northeast-2", "apne2"),
    ("ap-northeast-3", "apne3"),
    ("ca-central-1", "cac1"),
    ("ca-west-1", "caw1"),
    ("eu-central-1", "euc1"),
    ("eu-central-2", "euc2"),
    ("eu-west-1", "euw1"),
    ("eu-west-2", "euw2"),
    ("eu-west-3", "euw3"),
    ("eu-south-1", "eus1"),
    ("eu-south-2", "eus2"),
    ("eu-north-1", "eun1"),
    ("il-central-1", "ilc1"),
    ("me-south-1", "mes1"),
    ("me-central-1", "mec1"),
    ("sa-east-1", "sae1"),
    ("cn-north-1", "cnn1"),
    ("cn-northwest-1", "cnnw1"),
    ("us-gov-east-1", "usge1"),
    ("us-gov-west-1", "usgw1"),
];

/// Availability Zones per Region: (Region, zones, zones many accounts see when fewer). Source:
/// AWS Regions and Availability Zones, "AWS Availability Zones" (the AZ IDs per Region),
/// https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-availability-zones.html,
/// read 2026-12; us-west-1 and ap-northeast-1 have a zone that older accounts cannot use
/// ("Regions with independently mapped Availability Zones", az-ids.html). Regions not listed
/// are not checked.
pub const ZONES_PER_REGION: [(&str, u32, Option<u32>); 20] = [
    ("us-east-1", 6, None),
    ("us-east-2", 3, None),
    ("us-west-1", 3, Some(2)),
    ("us-west-2", 4, None),
    ("ca-central-1", 3, None),
    ("eu-west-1", 3, None),
    ("eu-west-2", 3, None),
    ("eu-west-3", 3, None),
    ("eu-central-1", 3, None),
    ("eu-north-1", 3, None),
    ("eu-south-1", 3, None),
    ("ap-northeast-1", 4, Some(3)),
    ("ap-northeast-2", 4, None),
    ("ap-northeast-3", 3, None),
    ("ap-southeast-1", 3, None),
    ("ap-southeast-2", 3, None),
    ("ap-south-1", 3, None),
    ("sa-east-1", 3, None),
    ("af-south-1", 3, None),
    ("me-south-1", 3, None),
];

/// The zones of `region` and what many accounts see, when akplan knows them.
#[must_use]
pub fn zones_of(region: &str) -> Option<(u32, Option<u32>)> {
    ZONES_PER_REGION
        .iter()
        .find(|(r, _, _)| *r == region)
        .map(|(_, n, seen)| (*n, *seen))
}

/// Task-level CPU units on EC2, ECS Anywhere and Managed Instances: 128 (0.125 vCPU) ...
/// Source: https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_TaskDefinition.html
/// (`cpu`: "between 128 CPU units (0.125 vCPUs) and 196608 CPU units (192 vCPUs)"), 2026-12.
pub const TASK_CPU_MIN: u32 = 128;
/// ... to 196,608 (192 vCPU).
pub const TASK_CPU_MAX: u32 = 196_608;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_size_table_matches_the_developer_guide() {
        let counts: Vec<usize> = CPU_SIZES.iter().map(|s| s.memories().count()).collect();
        assert_eq!(counts, [3, 4, 7, 13, 23, 12, 12, 3]);
        assert!(cpu_size(32768).is_some_and(|s| s.allows(249_856) && !s.allows(180 * 1024)));
        assert!(cpu_size(4096).is_some_and(|s| s.allows(30 * 1024)));
        assert!(!cpu_size(8192).is_some_and(|s| s.allows(18 * 1024)));
    }

    #[test]
    fn infracost_monthly_figures_are_reproduced() {
        let (p, _) = fargate_price("us-east-1");
        let vcpu = 2.0 * p.x86_vcpu * HOURS_PER_MONTH;
        let gb = 4.0 * p.x86_gb * HOURS_PER_MONTH;
        assert_eq!(format!("{vcpu:.2}/{gb:.2}"), "59.10/12.98");
    }
}
