//! The catalog of diagnostic codes: each code's severity, title and `akplan explain` text.
//!
//! Codes are a contract (CI configs and suppressions name them): never renumber, only add.

use std::fmt;

use serde::{Serialize, Serializer};

/// How bad a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth a look; fails only with `--deny-warnings`.
    Warning,
    /// ECS or the spec format would reject this, or it breaks the service.
    Error,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Warning => "warning",
            Self::Error => "error",
        })
    }
}

macro_rules! catalog {
    ($( $variant:ident = $code:literal, $severity:ident, $title:literal, $doc:literal; )*) => {
        /// A stable diagnostic code.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code {
            $( #[doc = $title] $variant, )*
        }

        impl Code {
            /// Every code, in order.
            pub const ALL: &'static [Code] = &[$(Code::$variant),*];

            /// The code as users write it, e.g. `AKP010`.
            #[must_use]
            pub fn as_str(self) -> &'static str {
                match self { $(Code::$variant => $code,)* }
            }

            /// The severity every diagnostic of this code has.
            #[must_use]
            pub fn severity(self) -> Severity {
                match self { $(Code::$variant => Severity::$severity,)* }
            }

            /// A one-line title.
            #[must_use]
            pub fn title(self) -> &'static str {
                match self { $(Code::$variant => $title,)* }
            }

            /// The long explanation `akplan explain` prints: why it matters, how to fix it, and
            /// the source of the fact behind the rule.
            #[must_use]
            pub fn explanation(self) -> &'static str {
                match self { $(Code::$variant => $doc,)* }
            }
        }
    };
}

impl Code {
    /// Looks a code up by its text, case-insensitively (`akp010` works).
    #[must_use]
    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL
            .iter()
            .copied()
            .find(|c| c.as_str().eq_ignore_ascii_case(text.trim()))
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Code {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

catalog! {
    Syntax = "AKP001", Error, "The file is not valid YAML or JSON",
        "The file could not be read as YAML (or, for `.json` files, as strict JSON). Nothing else is \
checked until it parses. Fix the syntax at the position shown: in YAML, indentation and the \
placement of `:` matter; in JSON, comments and trailing commas are not allowed. A file must hold \
one document only.";
    InputLimit = "AKP002", Error, "The input exceeds akplan's safety limits",
        "akplan reads at most 4 MiB, 64 levels of nesting and 250,000 values (counting every alias \
expansion). Real specs are a few KiB and a few levels deep; anything larger is almost certainly the \
wrong file, or an alias bomb built to exhaust memory. Split the file or write the aliased values out.";
    DuplicateKey = "AKP003", Error, "A mapping has the same key twice",
        "YAML and JSON keys must be unique within a mapping. Parsers disagree on which copy wins, so \
the file means different things to different tools. akplan keeps the first and reports the second: \
remove one of them.";
    Schema = "AKP004", Error, "The spec does not match the akplan spec schema",
        "The spec's structure (field names, types, allowed values) is checked against the JSON \
Schema printed by `akplan schema` (committed as `schema/akplan.schema.json`). Unknown fields are \
errors so that a typo never silently falls back to a default. Point your editor at the schema to \
get completion: see the README.";
    NotRecognised = "AKP005", Error, "The file is neither an akplan spec nor an ECS task definition",
        "`akplan validate` reads akplan specs (`version: 1` with `services`) and ECS task \
definitions in the `aws ecs register-task-definition --cli-input-json` format (a JSON object with \
`containerDefinitions`). A file named on the command line that is neither is an error; files found \
while walking a directory are skipped instead.";
    InvalidCpuMemory = "AKP010", Error, "The CPU and memory pair is not a Fargate task size",
        "Fargate runs only these task sizes (CPU units: memory): 256: 512 MiB, 1 GB, 2 GB; 512: 1-4 GB \
in 1 GB steps; 1024: 2-8 GB in 1 GB steps; 2048: 4-16 GB in 1 GB steps; 4096: 8-30 GB in 1 GB \
steps; 8192: 16-60 GB in 4 GB steps; 16384: 32-120 GB in 8 GB steps. Any other pair is rejected by \
RegisterTaskDefinition. The hint names the nearest valid sizes and how their monthly price differs. \
Source: ECS Developer Guide, AWS_Fargate.md.";
    PlatformVersion = "AKP011", Error, "The feature needs a newer Fargate platform version",
        "8 and 16 vCPU tasks, ARM64 and ephemeral storage above 20 GiB need Linux platform version \
1.4.0 or later; `stopTimeout` needs 1.3.0 or later. Use `platform_version: LATEST` (which resolves \
to 1.4.0) or name 1.4.0. Source: ECS Developer Guide, AWS_Fargate.md, platform-linux-fargate.md.";
    WindowsSize = "AKP012", Error, "Windows tasks need at least 1 vCPU and at most 4 vCPU",
        "Fargate Windows containers run with 1, 2 or 4 vCPU only (1024, 2048 or 4096 CPU units). Raise \
the CPU to at least 1024, or run the service on Linux. Source: ECS Developer Guide, AWS_Fargate.md.";
    EphemeralStorage = "AKP013", Error, "Ephemeral storage is out of range",
        "Fargate gives every task 20 GiB of ephemeral storage; `ephemeral_storage` (`sizeInGiB`) can \
raise it to 21-200 GiB. Storage above 20 GiB is billed per GB-hour. Source: ECS API reference, \
EphemeralStorage.";
    WindowsArm64 = "AKP014", Error, "Windows does not run on ARM64",
        "Fargate Windows containers are x86_64 only. Set `arch: x86_64` or `os: linux`. Source: ECS \
Developer Guide, AWS_Fargate.md.";
    SpotWindows = "AKP015", Error, "Fargate Spot does not run Windows",
        "Fargate Spot supports Linux tasks only. Set `spot_percent: 0` for Windows services. Source: \
ECS Developer Guide, fargate-capacity-providers.md.";
    Arm64Region = "AKP016", Error, "ARM64 Fargate is not available in this Region or zone",
        "ARM64 (Graviton) Fargate tasks are not offered in ap-south-2 (Hyderabad), ap-southeast-4 \
(Melbourne), eu-central-2 (Zurich), af-south-1 (Cape Town), me-central-1 (UAE), me-south-1 \
(Bahrain), the China Regions and us-gov-east-1, nor in the zone use1-az3. Use `arch: x86_64` there, \
or another Region. Source: ECS Developer Guide, ecs-arm64.md.";
    UnreadableSize = "AKP017", Error, "A CPU or memory value cannot be read",
        "CPU is given in CPU units (`1024`) or vCPU (`\"1 vCPU\"`, `\"0.25 vCPU\"`); memory in MiB \
(`2048`) or with a unit (`\"2 GB\"`, `\"512 MiB\"`, `\"2 GiB\"`). As in AWS's Fargate tables, GB means \
1024 MiB. The value must come to a whole number of CPU units or MiB.";
    ContainerSize = "AKP018", Error, "The containers ask for more CPU or memory than the task has",
        "The sum of the containers' `cpu` and of their `memory` / `memoryReservation` must fit in the \
task-level size, or RegisterTaskDefinition fails. Lower the container values or raise the task size.";
    HealthCheckRange = "AKP020", Error, "A load balancer health check setting is out of range",
        "Target group health checks accept an interval of 5-300 s, a timeout of 2-120 s, healthy and \
unhealthy thresholds of 2-10, and a path that starts with `/`. Defaults: 30 s, 5 s, 5, 2. Source: \
ALB user guide, target-group-health-checks.md.";
    HealthCheckTimeout = "AKP021", Error, "The health check timeout is not shorter than its interval",
        "The load balancer rejects a health check whose timeout is not less than its interval: each \
check must end before the next one starts. Lower `timeout` or raise `interval`. Source: ALB user \
guide, target-group-health-checks.md.";
    DeregistrationDelay = "AKP022", Error, "The deregistration delay is out of range",
        "`deregistration_delay.timeout_seconds` accepts 0-3600 s (default 300). Every deployment waits \
this long per batch of old tasks, so 300 s is often far more than an API with sub-second responses \
needs (AWS suggests as little as 5 s). Source: ELBv2 TargetGroupAttribute; ECS guide, \
load-balancer-connection-draining.";
    StopTimeout = "AKP023", Error, "The stop timeout is out of range",
        "On Fargate, `stopTimeout` (the time between SIGTERM and SIGKILL) is at most 120 s; the \
default is 30 s. Source: ECS Developer Guide, task_definition_parameters.md.";
    ContainerHealthCheckRange = "AKP024", Error, "A container health check setting is out of range",
        "Container health checks accept an interval of 5-300 s, a timeout of 2-60 s, 1-10 retries and \
a start period of 0-300 s, and need a command (`[\"CMD-SHELL\", \"...\"]` or `[\"CMD\", ...]`). No \
outside tool checks these, so akplan does. Source: ECS Developer Guide, task_definition_parameters.md.";
    ContainerHealthCheckTimeout = "AKP025", Error, "The container health check timeout is not shorter than its interval",
        "A container health check whose timeout is not less than its interval overlaps with the next \
check. Lower `timeout` or raise `interval`.";
    GracePeriod = "AKP026", Warning, "The health check grace period is shorter than the task's start time",
        "While a new task starts, the load balancer's failing checks count against it unless the \
grace period covers its start. With `grace_period` below `task_start_seconds`, ECS may stop tasks \
that were only starting, and a deployment can loop. Raise `grace_period` to at least the start \
time. Source: ECS Developer Guide, service_definition_parameters.md.";
    HealthCheckWithoutPort = "AKP027", Warning, "A load balancer health check is set but the service has no port",
        "akplan puts a service behind the load balancer only when it has a `port`. Without one the \
`health_check` block is unused. Add `port`, or remove `health_check` (and use a container health \
check instead).";
    DeploymentStuck = "AKP030", Error, "The deployment bounds leave the scheduler no room to move",
        "During a rolling deployment ECS may run at most floor(desired x maximum_percent / 100) tasks \
and must keep ceil(desired x minimum_healthy_percent / 100) healthy. If the first is not above the \
desired count and the second is not below it, ECS can neither start a new task nor stop an old one, \
and the deployment never progresses (e.g. 75%/100% with 2 tasks, or 100%/125% with 3). Source: ECS \
Developer Guide, deployment-type-ecs.md.";
    Downtime = "AKP031", Warning, "minimum_healthy_percent 0 takes a load-balanced service down during deployments",
        "With a minimum of 0%, ECS may stop every old task before new ones are healthy: the load \
balancer has no target and clients get errors. Use 100/200 in production (50/200 in development). \
Source: re:Invent 2022 CON311.";
    CircuitBreakerOff = "AKP032", Warning, "The deployment circuit breaker is off",
        "Without the circuit breaker, a deployment whose tasks never become healthy retries forever. \
AWS recommends it as a default safeguard; turn on `circuit_breaker` and `rollback`. Source: \
re:Invent 2022 CON311; ECS Developer Guide, deployment-circuit-breaker.md.";
    RollbackWithoutBreaker = "AKP033", Warning, "rollback is set but the circuit breaker is off",
        "ECS rolls back only deployments that the circuit breaker has failed, so `rollback: true` does \
nothing while `circuit_breaker` is false. Turn the circuit breaker on.";
    TooFewTasks = "AKP040", Warning, "Fewer than 2 tasks",
        "One task is a single point of failure: a failed task, a deployment or an AZ outage takes the \
service down. Run at least 2 tasks (3 or more recommended). Source: Agent Kernel docs, ECS Fargate \
deployment.";
    FewerTasksThanAzs = "AKP041", Warning, "Fewer tasks than Availability Zones",
        "With fewer tasks than zones, some zones run no task, and the service does not use the spread \
it pays for. Run at least one task per zone or use fewer zones.";
    MinBelowTarget = "AKP042", Error, "The minimum capacity is below the pre-scaled task count",
        "With `static_stability`, the service needs ceil(base x AZ / (AZ - 1)) tasks so that losing one \
zone still leaves the base count. A `min` below that lets autoscaling scale in past the point of \
static stability. Raise `min` to the target. Source: AWS containers blog, resilience and \
availability on ECS.";
    MaxBelowTarget = "AKP043", Error, "The maximum capacity is below the needed task count",
        "`max` caps autoscaling; below the (pre-scaled) task count the service can never reach the \
capacity it needs at peak. Raise `max`.";
    MaxBelowMin = "AKP044", Error, "max is below min",
        "Application Auto Scaling rejects a scalable target whose maximum capacity is below its \
minimum. Swap or fix the values.";
    CapacityBase = "AKP045", Error, "The base task count is given twice or half",
        "Give either `base_count`, or both `peak_rps` and `rps_per_task` (base = ceil(peak_rps / \
rps_per_task)), not both and not one half of the pair.";
    StaticStabilityOneAz = "AKP046", Error, "Static stability needs at least 2 Availability Zones",
        "Pre-scaling for the loss of one zone needs another zone to carry the load: with one zone, \
losing it loses everything. Use 2 or more zones (3 recommended), or turn `static_stability` off.";
    TaskQuota = "AKP047", Error, "More tasks than an ECS service may run",
        "An ECS service runs at most 5,000 tasks (1,000 with Service Connect or Cloud Map). Split the \
service or lower `max`. Source: ECS Developer Guide, service-quotas.md.";
    AzName = "AKP048", Error, "An Availability Zone is not in the spec's Region",
        "Zone names are the Region name plus a letter (`us-east-1a`), or zone IDs (`use1-az1`). A zone \
of another Region cannot host this service's tasks. List zones of the spec's Region, or give a \
count.";
    SecretInEnvironment = "AKP050", Error, "A secret-looking variable is in plain environment",
        "Environment values end up in plain text in the task definition, the console and the IaC repo. \
A variable whose name looks like a credential (`*KEY`, `*TOKEN`, `*SECRET`, `*PASSWORD`, ...) \
belongs in `secrets`, as a reference to SSM Parameter Store or Secrets Manager. Source: Agent \
Kernel docs; opncrafter CDK guide.";
    MalformedSecretRef = "AKP051", Error, "A secret reference is malformed",
        "A secret is a reference, never a value: `ssm:/path/name` (or `ssm:name`), \
`secretsmanager:name` (optionally `secretsmanager:name:json-key`), or a full ARN \
(`arn:aws:ssm:REGION:ACCOUNT:parameter/...`, `arn:aws:secretsmanager:REGION:ACCOUNT:secret:...`). \
Anything else, such as the secret's value itself, is rejected. No outside tool checks this.";
    SecretRegion = "AKP052", Error, "A secret ARN is in another Region",
        "ECS reads secrets for a task in the task's Region; an ARN of another Region fails when the \
task starts unless the secret is replicated there. Use the ARN of the spec's Region.";
    EnvironmentSecretClash = "AKP053", Error, "A variable is both in environment and in secrets",
        "A container variable can come from `environment` or from `secrets`, not both: ECS rejects the \
task definition. Remove one of them.";
    UnknownDependency = "AKP060", Error, "depends_on names a container that does not exist",
        "Every `depends_on` entry (task definition: `dependsOn.containerName`) must name a container \
of the same task. No outside tool checks this. Fix the name or add the container.";
    DependencyCycle = "AKP061", Error, "Containers depend on each other in a cycle",
        "ECS starts containers in dependency order; a cycle means none of them can start. Break the \
cycle.";
    NoEssential = "AKP062", Error, "The task has no essential container",
        "A task needs at least one essential container: its exit stops the task. Mark the main \
container `essential: true` (the default).";
    DuplicateContainer = "AKP063", Error, "Two containers have the same name",
        "Container names are unique in a task. In a spec, the main container takes the service's name, \
so an extra container may not use it.";
    PortClash = "AKP064", Error, "Two containers use the same port",
        "All containers of an `awsvpc` task share one network interface, so each port may be used by \
one container only.";
    MutableImageTag = "AKP065", Warning, "The image has no tag or the tag `latest`",
        "A moving tag makes deployments unrepeatable: two tasks of the same revision may run different \
code, and a rollback may not roll back. Pin a version tag or a digest (`@sha256:...`).";
    UnknownVolume = "AKP066", Error, "A container mounts a volume that is not declared",
        "Every mount must name a volume of the task (`volumes` in the spec). Declare it or fix the \
name.";
    HealthyWithoutCheck = "AKP067", Error, "A HEALTHY dependency on a container without a health check",
        "The `healthy` condition waits for the container's health check to pass; without one it never \
does and the task never starts. Add a container health check or use `start`.";
    TooManyContainers = "AKP068", Error, "More than 10 containers in one task",
        "A task definition holds at most 10 containers. Source: ECS Developer Guide, service-quotas.md.";
    ScalingRange = "AKP070", Error, "An autoscaling target or cooldown is out of range",
        "CPU and memory targets are percentages (1-100); `requests_per_target` is requests per target \
per minute (at least 1); cooldowns are 0-86,400 s. Source: Application Auto Scaling, \
TargetTrackingScalingPolicyConfiguration.";
    ScalingWithoutMetric = "AKP071", Warning, "autoscaling has no target metric",
        "An `autoscaling` block without `cpu_target`, `memory_target` or `requests_per_target` does \
not scale anything. Add a target or remove the block.";
    RequestScalingWithoutLb = "AKP072", Error, "requests_per_target needs a load balancer",
        "`ALBRequestCountPerTarget` counts requests of the service's target group; a service without a \
`port` has none. Source: Application Auto Scaling, predefined metrics.";
    LogRetention = "AKP080", Error, "The log retention is not a value CloudWatch Logs accepts",
        "CloudWatch Logs accepts these retention days: 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, \
400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653. Leave it out to keep logs forever (the \
default). Source: CloudWatch Logs API reference, PutRetentionPolicy.";
    NotFargate = "AKP090", Error, "The task definition cannot run on Fargate",
        "A Fargate task definition needs `requiresCompatibilities: [\"FARGATE\"]`, `networkMode: \
\"awsvpc\"` and task-level `cpu` and `memory`. Source: ECS Developer Guide, AWS_Fargate.md.";
    UnknownRegion = "AKP091", Warning, "akplan does not know this Region",
        "The Region is not in akplan's list, so Region-specific checks (ARM64 availability, zone \
names) and prices fall back to defaults. Check the spelling (`us-east-1`).";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_ordered_and_documented() {
        let mut previous = "";
        for code in Code::ALL {
            assert!(code.as_str() > previous, "{code} out of order");
            previous = code.as_str();
            assert!(
                code.explanation().len() > 80,
                "{code} needs a real explanation"
            );
            assert_eq!(Code::parse(&code.as_str().to_lowercase()), Some(*code));
        }
    }
}
