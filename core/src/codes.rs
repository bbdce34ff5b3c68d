//! The catalog of diagnostic codes: each code's severity, title and `akplan explain` text.
//!
//! Codes are a contract (CI configs and suppressions name them): never renumber, only add.

use std::fmt;

use serde::{Serialize, Serializer};

/// How bad a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Information that may explain later results; never fails a run.
    Note,
    /// A risk or a best practice: AWS accepts it. Fails only with `--deny-warnings`.
    Warning,
    /// AWS rejects it (API, registration, deployment), it fails at run time by a documented
    /// rule, or akplan cannot read the spec.
    Error,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Note => "note",
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

            /// The code's name as an identifier (`InvalidCpuMemory`), for SARIF's rule names.
            #[must_use]
            pub fn name(self) -> &'static str {
                match self { $(Code::$variant => stringify!($variant),)* }
            }

            /// The severity a diagnostic of this code has by default (a rule may lower it where
            /// the same finding means less, e.g. a secret-looking name in a task definition).
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

impl Code {
    /// The first URL of the explanation's `Source:`: the public page the rule stands on (SARIF's
    /// `helpUri`, the language server's `codeDescription`).
    #[must_use]
    pub fn source_url(self) -> Option<&'static str> {
        let source = self.explanation().split("Source:").nth(1)?;
        source
            .split_whitespace()
            .find(|w| w.starts_with("https://"))
            .map(|w| w.trim_end_matches(['.', ',', ';', ')']))
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
one document only. A file that looks like a task definition, service definition or spec (by its \
name, or because it mentions `containerDefinitions`) is reported even when found by walking a \
directory, since a templating slip must not pass silently. Source: https://yaml.org/spec/1.2.2/ and \
https://www.rfc-editor.org/rfc/rfc8259";
    InputLimit = "AKP002", Error, "The input exceeds akplan's safety limits",
        "akplan reads at most 4 MiB, 64 levels of nesting and 250,000 values (counting every alias \
expansion). Real specs are a few KiB and a few levels deep; anything larger is almost certainly the \
wrong file, or an alias bomb built to exhaust memory. Split the file or write the aliased values out. \
A task definition is limited to 64 KiB by ECS itself. Source: \
https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-quotas.html";
    DuplicateKey = "AKP003", Error, "A mapping has the same key twice",
        "YAML and JSON keys must be unique within a mapping. Parsers disagree on which copy wins, so \
the file means different things to different tools. akplan keeps the first and reports the second: \
remove one of them. Source: https://yaml.org/spec/1.2.2/#mapping (keys are unique) and \
https://www.rfc-editor.org/rfc/rfc8259#section-4";
    Schema = "AKP004", Error, "The spec does not match the akplan spec schema",
        "The spec's structure (field names, types, allowed values) is checked against the JSON \
Schema printed by `akplan schema` (committed as `schema/akplan.schema.json`). Unknown fields are \
errors so that a typo never silently falls back to a default. Point your editor at the schema to \
get completion: see docs/cli.md, Editor support. Source: akplan's spec format, schema/akplan.schema.json.";
    NotRecognised = "AKP005", Error, "The file is neither an akplan spec nor an ECS task, container or service definition",
        "`akplan validate` reads akplan specs (`version: 1` with `services`), ECS task definitions \
in the `aws ecs register-task-definition --cli-input-json` format (a JSON object with \
`containerDefinitions`, or `describe-task-definition` output), lists of container definitions \
(the `--container-definitions` file, or Terraform's `file()`: an array of objects with `name` \
and `image`) and ECS service definitions \
(`create-service` / `update-service` input). A file named on the command line that is none of these \
is an error; other files found while walking a directory are skipped. Source: \
https://docs.aws.amazon.com/cli/latest/reference/ecs/register-task-definition.html";
    NotFinite = "AKP006", Error, "A number is not finite",
        "`.nan`, `.inf` and numbers too large for a 64-bit float (`1e400`) are valid YAML but no \
valid value for any field of a spec or an ECS definition. akplan reports them where they are \
instead of reading them as \"not set\", which would silently plan with a default. Source: \
https://yaml.org/spec/1.2.2/#1022-tag-resolution (core schema floats) and akplan's spec format \
(docs/spec.md).";
    Unreadable = "AKP007", Warning, "A file found while walking cannot be read",
        "A file found while walking a directory could not be read: its permissions, a dangling \
symbolic link, or it is not a regular file. akplan reports it and checks the rest: as a warning, or \
as an error when its name says it is a task or service definition or a spec (`taskdef.json`, \
`akplan.yaml`, ...), so such a file never passes unread. A file named on the command line that \
cannot be read stops the run instead (exit 2). Source: akplan's own behaviour (docs/cli.md).";
    InvalidCpuMemory = "AKP010", Error, "The CPU and memory pair is not a Fargate task size",
        "Fargate runs only these task sizes (CPU units: memory): 256: 512 MiB, 1 GB, 2 GB; 512: 1-4 GB \
in 1 GB steps; 1024: 2-8 GB in 1 GB steps; 2048: 4-16 GB in 1 GB steps; 4096: 8-30 GB in 1 GB \
steps; 8192: 16-60 GB in 4 GB steps; 16384: 32-120 GB in 8 GB steps; 32768 (Linux): 60, 120 or \
244 GB. Any other pair is rejected by RegisterTaskDefinition for a Fargate task definition. The \
hint names the nearest valid sizes and how their monthly price differs. Source: \
https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-tasks-services.html#fargate-tasks-size \
and, for 32 vCPU, \
https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html#task_size";
    PlatformVersion = "AKP011", Error, "The feature needs a newer Fargate platform version",
        "8, 16 and 32 vCPU tasks, ARM64 and ephemeral storage above 20 GiB need Linux platform version \
1.4.0 or later; `stopTimeout` needs 1.3.0 or later. Use `platform_version: LATEST` (which resolves \
to 1.4.0) or name 1.4.0. Source: \
https://docs.aws.amazon.com/AmazonECS/latest/developerguide/platform-linux-fargate.html";
    WindowsSize = "AKP012", Error, "Windows tasks need at least 1 vCPU and at most 4 vCPU",
        "Fargate Windows containers run with 1, 2 or 4 vCPU only (1024, 2048 or 4096 CPU units). Raise \
the CPU to at least 1024, or run the service on Linux. Source: \
https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-tasks-services.html#fargate-tasks-size";
    EphemeralStorage = "AKP013", Error, "Ephemeral storage is out of range",
        "Fargate gives every task 20 GiB of ephemeral storage; `ephemeral_storage` (`sizeInGiB`) can \
raise it to 21-200 GiB. Storage above 20 GiB is billed per GB-hour. Source: \
https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_EphemeralStorage.html";
    WindowsArm64 = "AKP014", Error, "Windows does not run on ARM64",
        "Fargate Windows containers are x86_64 only. Set `arch: x86_64` or `os: linux`. Source: \
https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-arm64.html";
    SpotWindows = "AKP015", Error, "Fargate Spot does not run Windows",
        "Fargate Spot supports Linux tasks only. Set `spot_percent: 0` for Windows services. Source: \
https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-capacity-providers.html";
    Arm64Region = "AKP016", Error, "ARM64 Fargate is not available in this Region or zone",
        "ARM64 (Graviton) Fargate tasks are not offered in ap-south-2 (Hyderabad), ap-southeast-4 \
(Melbourne), eu-central-2 (Zurich), af-south-1 (Cape Town), me-central-1 (UAE), me-south-1 \
(Bahrain), the China Regions and us-gov-east-1, nor in the zone use1-az3: tasks fail to start there. \
Use `arch: x86_64` there, or another Region. Source: \
https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-arm64.html";
    UnreadableSize = "AKP017", Error, "A CPU or memory value cannot be read",
        "CPU is given in CPU units (`1024`) or vCPU (`\"1 vCPU\"`, `\"0.25 vCPU\"`); memory in MiB \
(`2048`) or with a unit (`\"2 GB\"`, `\"512 MiB\"`, `\"2 GiB\"`). As in AWS's Fargate tables, GB means \
1024 MiB. The value must come to a whole number of CPU units or MiB; ECS rejects anything else. \
Source: https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_RegisterTaskDefinition.html";
    ContainerSize = "AKP018", Error, "The containers ask for more CPU or memory than the task has",
        "The sum of the containers' `cpu` and of their `memory` / `memoryReservation` must fit in the \
task-level size, or RegisterTaskDefinition fails. Lower the container values or raise the task size. \
Source: https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ContainerDefinition.html";
    HealthCheckRange = "AKP020", Error, "A load balancer health check setting is out of range",
        "Target group health checks accept an interval of 5-300 s, a timeout of 2-120 s, healthy and \
unhealthy thresholds of 2-10, and a path that starts with `/`. Defaults: 30 s, 5 s, 5, 2. Source: \
https://docs.aws.amazon.com/elasticloadbalancing/latest/application/target-group-health-checks.html";
    HealthCheckTimeout = "AKP021", Error, "The health check timeout is not shorter than its interval",
        "Elastic Load Balancing rejects a target group whose health check timeout is not less than its \
interval: each check must end before the next one starts. Lower `timeout` or raise `interval`. \
Source: https://docs.aws.amazon.com/elasticloadbalancing/latest/application/target-group-health-checks.html";
    DeregistrationDelay = "AKP022", Error, "The deregistration delay is out of range",
        "`deregistration_delay.timeout_seconds` accepts 0-3600 s (default 300). Every deployment waits \
this long per batch of old tasks, so 300 s is often far more than an API with sub-second responses \
needs (AWS suggests as little as 5 s). Source: \
https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_TargetGroupAttribute.html and \
https://docs.aws.amazon.com/AmazonECS/latest/developerguide/load-balancer-connection-draining.html";
    StopTimeout = "AKP023", Error, "The stop timeout is out of range",
        "On Fargate, `stopTimeout` (the time between SIGTERM and SIGKILL) is at most 120 s; the \
default is 30 s. EC2 task definitions are not limited this way. Source: \
https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ContainerDefinition.html";
    ContainerHealthCheckRange = "AKP024", Error, "A container health check setting is out of range",
        "Container health checks accept an interval of 5-300 s, a timeout of 2-60 s, 1-10 retries and \
a start period of 0-300 s, and need a command (`[\"CMD-SHELL\", \"...\"]` or `[\"CMD\", ...]`). No \
outside tool checks these, so akplan does. A `\"healthCheck\": null` (common in console exports) is \
no health check at all, not an empty one. Source: \
https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_HealthCheck.html";
    ContainerHealthCheckTimeout = "AKP025", Warning, "The container health check timeout is not shorter than its interval",
        "A container health check whose timeout is not less than its interval may still be running \
when the next check starts. ECS accepts it (no documented rule forbids it, and the ECS agent's own \
tests register such checks), so this is a warning: it usually means the two values were swapped. \
Source: https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_HealthCheck.html";
    GracePeriod = "AKP026", Warning, "The health check grace period is shorter than the task's start time",
        "While a new task starts, the load balancer's failing checks count against it unless the \
grace period covers its start. With `grace_period` below `task_start_seconds`, ECS may stop tasks \
that were only starting, and a deployment can loop. Raise `grace_period` to at least the start \
time. Source: \
https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service_definition_parameters.html";
    HealthCheckWithoutPort = "AKP027", Warning, "A load balancer health check is set but the service has no port",
        "akplan puts a service behind the load balancer only when it has a `port`. Without one the \
`health_check` block is unused. Add `port`, or remove `health_check` (and use a container health \
check instead). Source: akplan's spec format (docs/spec.md).";
    DeploymentStuck = "AKP030", Error, "The deployment bounds leave the scheduler no room to move",
        "During a rolling deployment ECS may run at most floor(desired x maximum_percent / 100) tasks \
and must keep ceil(desired x minimum_healthy_percent / 100) healthy. If the first is not above the \
desired count and the second is not below it, ECS can neither start a new task nor stop an old one, \
and the deployment never progresses (e.g. 75%/100% with 2 tasks, or 100%/125% with 3). Source: \
https://docs.aws.amazon.com/AmazonECS/latest/developerguide/deployment-type-ecs.html";
    Downtime = "AKP031", Warning, "minimum_healthy_percent 0 takes a load-balanced service down during deployments",
        "With a minimum of 0%, ECS may stop every old task before new ones are healthy: the load \
balancer has no target and clients get errors. Use 100/200 in production (50/200 in development). \
Source: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/deployment-type-ecs.html";
    CircuitBreakerOff = "AKP032", Warning, "The deployment circuit breaker is off",
        "Without the circuit breaker, a deployment whose tasks never become healthy retries forever. \
AWS recommends it as a default safeguard; turn on `circuit_breaker` and `rollback`. Source: \
https://docs.aws.amazon.com/AmazonECS/latest/developerguide/deployment-circuit-breaker.html";
    RollbackWithoutBreaker = "AKP033", Warning, "rollback is set but the circuit breaker is off",
        "ECS rolls back only deployments that the circuit breaker has failed, so `rollback: true` does \
nothing while `circuit_breaker` is false. Turn the circuit breaker on. Source: \
https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_DeploymentCircuitBreaker.html";
    TooFewTasks = "AKP040", Warning, "Fewer than 2 tasks",
        "One task is a single point of failure: a failed task, a deployment or an AZ outage takes the \
service down. Run at least 2 tasks (3 or more recommended). Source: \
https://aws.amazon.com/blogs/containers/a-deep-dive-into-resilience-and-availability-on-amazon-elastic-container-service/";
    FewerTasksThanAzs = "AKP041", Warning, "Fewer tasks than Availability Zones",
        "With fewer tasks than zones, some zones run no task, and the service does not use the spread \
it pays for. Run at least one task per zone or use fewer zones. Source: \
https://aws.amazon.com/blogs/containers/a-deep-dive-into-resilience-and-availability-on-amazon-elastic-container-service/";
    MinBelowTarget = "AKP042", Error, "The minimum capacity is below the pre-scaled task count",
        "With `static_stability`, the service needs ceil(base x AZ / (AZ - 1)) tasks so that losing one \
zone still leaves the base count. A `min` below that lets autoscaling scale in past the point of \
static stability, which contradicts the spec's own `static_stability`: akplan cannot plan both. \
Raise `min` to the target. Source: \
https://aws.amazon.com/blogs/containers/a-deep-dive-into-resilience-and-availability-on-amazon-elastic-container-service/";
    MaxBelowTarget = "AKP043", Error, "The maximum capacity is below the needed task count",
        "`max` caps autoscaling; below the (pre-scaled) task count the service can never reach the \
capacity the spec asks for, which akplan cannot plan. Raise `max`. Source: \
https://docs.aws.amazon.com/autoscaling/application/APIReference/API_RegisterScalableTarget.html";
    MaxBelowMin = "AKP044", Error, "max is below min",
        "Application Auto Scaling rejects a scalable target whose maximum capacity is below its \
minimum. Swap or fix the values. Source: \
https://docs.aws.amazon.com/autoscaling/application/APIReference/API_RegisterScalableTarget.html";
    CapacityBase = "AKP045", Error, "The base task count is given twice or half",
        "Give either `base_count`, or both `peak_rps` and `rps_per_task` (base = ceil(peak_rps / \
rps_per_task)), not both and not one half of the pair. Source: akplan's spec format (docs/spec.md).";
    StaticStabilityOneAz = "AKP046", Error, "Static stability needs at least 2 Availability Zones",
        "Pre-scaling for the loss of one zone needs another zone to carry the load: with one zone, \
losing it loses everything. Use 2 or more zones (3 recommended), or turn `static_stability` off. \
Source: https://aws.amazon.com/blogs/containers/a-deep-dive-into-resilience-and-availability-on-amazon-elastic-container-service/";
    TaskQuota = "AKP047", Warning, "More tasks than an ECS service runs by default",
        "An ECS service runs at most 5,000 tasks by default (1,000 with Service Connect or Cloud Map). \
The quota is adjustable: request an increase before deploying, or split the service or lower \
`max`. Source: \
https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-quotas.html";
    AzName = "AKP048", Error, "An Availability Zone is not in the spec's Region",
        "Zone names are the Region name plus a letter (`us-east-1a`), or zone IDs (`use1-az1`). A zone \
of another Region cannot host this service's tasks. List zones of the spec's Region, or give a \
count. Source: https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/using-regions-availability-zones.html";
    SecretInEnvironment = "AKP050", Error, "A secret-looking variable is in plain environment",
        "Environment values end up in plain text in the task definition, the console and the IaC repo. \
A variable whose name looks like a credential (`*KEY`, `*TOKEN`, `*SECRET`, `*PASSWORD`, ...) \
belongs in `secrets`, as a reference to SSM Parameter Store or Secrets Manager. In an akplan spec \
this is an error, because akplan would write the value into every generated file; in a task \
definition, which AWS accepts as it is, it is a warning. Source: \
https://docs.aws.amazon.com/AmazonECS/latest/developerguide/specifying-sensitive-data.html";
    MalformedSecretRef = "AKP051", Error, "A secret reference is malformed",
        "A secret is a reference, never a value: `ssm:/path/name` (or `ssm:name`), \
`secretsmanager:name` (optionally `secretsmanager:name:json-key`), or a full ARN \
(`arn:aws:ssm:REGION:ACCOUNT:parameter/...`, `arn:aws:secretsmanager:REGION:ACCOUNT:secret:...`). \
In a task definition, `valueFrom` is an ARN or an SSM parameter name; anything else fails when the \
task starts. No outside tool checks this. Source: \
https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_Secret.html";
    SecretRegion = "AKP052", Error, "A secret ARN is in another Region",
        "ECS reads secrets for a task in the task's Region; an ARN of another Region fails when the \
task starts unless the secret is replicated there. Use the ARN of the spec's Region. Source: \
https://docs.aws.amazon.com/AmazonECS/latest/developerguide/secrets-envvar-secrets-manager.html";
    EnvironmentSecretClash = "AKP053", Error, "A variable is both in environment and in secrets",
        "A container variable can come from `environment` or from `secrets`, not both: ECS rejects the \
task definition. Remove one of them. Source: \
https://docs.aws.amazon.com/AmazonECS/latest/developerguide/specifying-sensitive-data.html";
    SecretValue = "AKP054", Error, "A value looks like a credential",
        "A value in plain text (an environment value, `command`, `entry_point` or the image \
reference) has the form of a credential: an AWS access key ID (`AKIA`/`ASIA` + 16 characters), a \
PEM private key, a JSON Web Token, a URL with a password, registry credentials in an image \
reference, a `--password=`/`--api-key` argument, a token with an issuer's documented prefix \
(GitHub `ghp_`/`github_pat_`, Slack `xox?-`, Stripe `sk_live_`, OpenAI `sk-`, Anthropic `sk-ant-`, \
Google `AIza`, npm `npm_`), or a long random-looking string. Plain values are stored in the task \
definition, the console and the IaC repository. Move it to `secrets` as a reference and rotate it. \
Template placeholders (`${KEY}`, `<KEY>`, `{{ key }}`) are never taken for credentials. The message \
shows only the kind, the first characters and the length. An error in a spec (akplan would write \
it into every generated file), a warning in a task definition (AWS accepts it). Source: \
https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html (access key IDs), \
https://github.blog/2021-04-05-behind-githubs-new-authentication-token-formats/, \
https://api.slack.com/authentication/token-types, https://docs.stripe.com/keys, RFC 7519 (JWT), \
RFC 7468 (PEM), RFC 3986 section 3.2.1 (userinfo), and the rules of gitleaks \
(https://github.com/gitleaks/gitleaks).";
    UnknownDependency = "AKP060", Error, "depends_on names a container that does not exist",
        "Every `depends_on` entry (task definition: `dependsOn.containerName`) must name a container \
of the same task; ECS rejects the task definition otherwise. No outside tool checks this. Fix the \
name or add the container. Source: \
https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ContainerDependency.html";
    DependencyCycle = "AKP061", Error, "Containers depend on each other in a cycle",
        "ECS starts containers in dependency order; a cycle means none of them can start. Break the \
cycle. Source: https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ContainerDependency.html";
    NoEssential = "AKP062", Error, "The task has no essential container",
        "A task needs at least one essential container: its exit stops the task. ECS rejects a task \
definition without one. Mark the main container `essential: true` (the default). Source: \
https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ContainerDefinition.html";
    DuplicateContainer = "AKP063", Error, "Two containers have the same name",
        "Container names are unique in a task. In a spec, the main container takes the service's name, \
so an extra container may not use it. Source: \
https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ContainerDefinition.html";
    PortClash = "AKP064", Error, "Two port mappings use the same port",
        "In `awsvpc` and `host` network mode all containers of a task share one network stack, so a \
container port may be mapped once in the whole task; ECS also refuses the same container port for \
two protocols. In `bridge` mode only fixed host ports clash (host port 0 or none is dynamic). \
Source: https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_PortMapping.html";
    MutableImageTag = "AKP065", Warning, "The image has no tag or the tag `latest`",
        "A moving tag makes deployments unrepeatable: two tasks of the same revision may run different \
code, and a rollback may not roll back. Pin a version tag or a digest (`@sha256:...`). Template \
placeholders (`<IMAGE1_NAME>`, `${IMAGE_URI}`, `{{ image }}`) are left alone: the deploy step \
fills them in. Source: \
https://docs.aws.amazon.com/AmazonECS/latest/developerguide/deployment-type-ecs.html (a \
deployment resolves the tag once; see also \
https://docs.aws.amazon.com/AmazonECS/latest/developerguide/container-considerations.html)";
    UnknownVolume = "AKP066", Error, "A container mounts a volume that is not declared",
        "Every mount must name a volume of the task (`volumes` in the spec); ECS rejects the task \
definition otherwise. Declare it or fix the name. Source: \
https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_MountPoint.html";
    HealthyWithoutCheck = "AKP067", Error, "A HEALTHY dependency on a container without a health check",
        "The `HEALTHY` condition waits for the container's health check to pass; without one it never \
does and the task never starts. Add a container health check or use `START`. Source: \
https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ContainerDependency.html";
    TooManyContainers = "AKP068", Error, "More than 10 containers in one task",
        "A task definition holds at most 10 containers. Source: \
https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-quotas.html";
    InvalidName = "AKP069", Error, "A name breaks ECS's naming rule",
        "Task definition families, container names and volume names are 1-255 letters, digits, \
`_` or `-`; RegisterTaskDefinition rejects anything else (a `.` or a space included). Template \
placeholders are left to the deploy step. In a spec the schema checks the same rule. Source: \
https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ContainerDefinition.html (name) and \
https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_RegisterTaskDefinition.html (family)";
    ScalingRange = "AKP070", Error, "An autoscaling target or cooldown is out of range",
        "CPU and memory targets are percentages (1-100); `requests_per_target` is requests per target \
per minute (at least 1); cooldowns are 0-86,400 s. Source: \
https://docs.aws.amazon.com/autoscaling/application/APIReference/API_TargetTrackingScalingPolicyConfiguration.html";
    ScalingWithoutMetric = "AKP071", Warning, "autoscaling has no target metric",
        "An `autoscaling` block without `cpu_target`, `memory_target` or `requests_per_target` does \
not scale anything. Add a target or remove the block. Source: akplan's spec format (docs/spec.md).";
    RequestScalingWithoutLb = "AKP072", Error, "requests_per_target needs a load balancer",
        "`ALBRequestCountPerTarget` counts requests of the service's target group; a service without a \
`port` has none. Source: \
https://docs.aws.amazon.com/autoscaling/application/APIReference/API_PredefinedMetricSpecification.html";
    LogRetention = "AKP080", Error, "The log retention is not a value CloudWatch Logs accepts",
        "CloudWatch Logs accepts these retention days: 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, \
400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653. Leave it out to keep logs forever (the \
default). Source: \
https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutRetentionPolicy.html";
    NotFargate = "AKP090", Error, "The task definition cannot run on Fargate",
        "A task definition that names `FARGATE` in `requiresCompatibilities` (or is checked with \
`--launch-type fargate`) needs `networkMode: \"awsvpc\"` and task-level `cpu` and `memory`; \
RegisterTaskDefinition rejects it otherwise. Source: \
https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-tasks-services.html";
    UnknownRegion = "AKP091", Warning, "akplan does not know this Region",
        "The Region is not in akplan's list, so Region-specific checks (ARM64 availability, zone \
names) and prices fall back to defaults. Check the spelling (`us-east-1`). Source: \
https://docs.aws.amazon.com/general/latest/gr/ecs-service.html";
    LaunchTypeUndeclared = "AKP092", Note, "The task definition does not say where it runs, and as written it cannot run on Fargate",
        "Without `requiresCompatibilities`, RegisterTaskDefinition treats a task definition as EC2 \
(\"If no value is specified, it will default to EC2\"), and ECS marks it Fargate-compatible only when \
it meets Fargate's requirements. akplan then checks it as EC2 and says once what would keep it off \
Fargate. If it is meant for Fargate, add `\"requiresCompatibilities\": [\"FARGATE\"]` (or run \
`akplan validate --launch-type fargate`) to get Fargate's rules as errors. Source: \
https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_RegisterTaskDefinition.html";
    NullValues = "AKP093", Warning, "The file holds null values",
        "Console exports and `describe-task-definition` output are full of `null`s. The AWS CLI \
rejects them (`Invalid type for parameter ...: None`); aws-actions/amazon-ecs-deploy-task-definition \
drops them before registering. akplan treats a `null` as absent, checks the rest, and says once per \
file how many it found. Remove them to register the file with the CLI. Source: \
https://docs.aws.amazon.com/cli/latest/reference/ecs/register-task-definition.html and \
https://github.com/aws-actions/amazon-ecs-deploy-task-definition";
    ReadOnlyFields = "AKP094", Warning, "The file holds describe-task-definition output fields",
        "`taskDefinitionArn`, `revision`, `status`, `requiresAttributes`, `compatibilities`, \
`registeredAt`, `registeredBy` and `deregisteredAt` are what ECS reports about a registered task \
definition, not input: the AWS CLI rejects them as unknown parameters, and the deploy action strips \
them. A `{\"taskDefinition\": {...}}` wrapper (the raw `describe-task-definition` output) is read from \
inside. Remove them (`jq 'del(.taskDefinitionArn, .revision, ...)'`) to register the file with the \
CLI. Source: https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_DescribeTaskDefinition.html \
and https://github.com/aws-actions/amazon-ecs-deploy-task-definition";
    ContainerMemoryMissing = "AKP095", Error, "A container has no memory limit and the task has no memory",
        "For the EC2 and EXTERNAL launch types, each container needs `memory` or `memoryReservation` \
unless the task sets task-level `memory`; RegisterTaskDefinition rejects it otherwise. Source: \
https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ContainerDefinition.html (memory)";
    MemoryReservationAboveMemory = "AKP096", Error, "memoryReservation is not below memory",
        "A container's soft limit (`memoryReservation`) must be lower than its hard limit (`memory`) \
when both are given: \"memory must be greater than memoryReservation\". Source: \
https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ContainerDefinition.html (memory)";
    ExecutionRoleMissing = "AKP097", Error, "The task needs an execution role",
        "ECS pulls private images, sends `awslogs` logs and fetches `secrets` with the task execution \
role. On Fargate, RegisterTaskDefinition fails without `executionRoleArn` when a container uses the \
`awslogs` driver (\"Fargate requires task definition to have execution role ARN to support log \
driver awslogs\") or an ECR image; with `secrets` or `repositoryCredentials` it is needed on every \
launch type. Add `executionRoleArn`. Source: \
https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_execution_IAM_role.html";
    HostPortMismatch = "AKP098", Error, "hostPort differs from containerPort in awsvpc or host mode",
        "In `awsvpc` and `host` network mode a container's port is the task's port: `hostPort` must be \
left out or equal `containerPort`. Source: \
https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_PortMapping.html";
    PortMappingsWithoutNetwork = "AKP099", Error, "Port mappings in network mode none",
        "A task in `none` network mode has no external connectivity, and ECS refuses port mappings \
in it. Remove `portMappings` or use another network mode. Source: \
https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ContainerDefinition.html (portMappings)";
    ApiUnknownMember = "AKP100", Error, "A member the ECS API does not know",
        "The ECS API rejects unknown members (`Unknown parameter in input`), and a typo such as \
`memmory` would otherwise silently leave the real member unset. Checked against the input shapes of \
RegisterTaskDefinition, CreateService and UpdateService in botocore's ECS model \
(botocore/data/ecs/2014-11-13/service-2.json), generated into core/data/ecs-api.json. Source: \
https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_RegisterTaskDefinition.html";
    ApiType = "AKP101", Error, "A value of the wrong type for the ECS API",
        "Each member of the ECS API has one JSON type: task-level `cpu` and `memory` are strings, \
`containerPort` is a number, `tags` is a list of `{\"key\", \"value\"}` objects. The AWS CLI rejects \
other types (`Invalid type for parameter`). Template placeholders are accepted anywhere. Source: \
botocore's ECS model, and https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_Types.html";
    ApiEnum = "AKP102", Error, "A value the ECS API does not allow",
        "Members such as `networkMode`, `protocol`, `requiresCompatibilities`, `logDriver` and \
`dependsOn.condition` take one of a fixed set of values, case-sensitively; the API rejects anything \
else. Source: botocore's ECS model, and \
https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_Types.html";
    ApiRange = "AKP103", Error, "A value or list outside the ECS API's range",
        "Some members have a documented range: ports 0-65535, at most 50 tags, capacity provider \
weights 0-1000, task `cpu` 128-196608 units on ECS Managed Instances. botocore checks minimums; the service enforces maximums too. Source: botocore's ECS \
model, and https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_Types.html";
    ApiRequired = "AKP104", Error, "A member the ECS API requires is missing",
        "The API rejects input without its required members: `family` and `containerDefinitions` for a \
task definition, `command` for a health check, `logDriver` for a log configuration, `subnets` for a \
network configuration. Source: botocore's ECS model, and \
https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_RegisterTaskDefinition.html";
    ApiDeprecated = "AKP105", Warning, "A deprecated member of the ECS API",
        "The member is marked deprecated in the ECS API model (for example `inferenceAccelerators`: \
\"This feature is no longer available\"). Remove it. Source: botocore's ECS model, and \
https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_RegisterTaskDefinition.html";
    NetworkModeForLaunchType = "AKP106", Error, "The network mode is not available for this launch type or OS",
        "ECS Anywhere (`EXTERNAL`) tasks run in `bridge`, `host` or `none` mode, not `awsvpc`; tasks on \
EC2 Windows instances use the default mode or `awsvpc`, not `bridge`, `host` or `none`; Fargate needs \
`awsvpc` (AKP090); ECS Managed Instances (`MANAGED_INSTANCES`) runs `awsvpc` and `host` tasks, not \
`bridge`, and no task definition without a `networkMode`. Source: \
https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_RegisterTaskDefinition.html (networkMode), \
https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-anywhere.html and \
https://docs.aws.amazon.com/AmazonECS/latest/developerguide/managed-instance-networking.html";
    StrategySettingsMismatch = "AKP107", Warning, "Deployment settings of another strategy",
        "`deployment.linear` belongs to `strategy: linear` and `deployment.canary` to `strategy: \
canary`: the ECS API accepts `linearConfiguration` and `canaryConfiguration` only with the matching \
strategy (and the CDK checks it at synth), so akplan plans and emits without the block. Remove it or \
change the strategy. Source: \
https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_DeploymentConfiguration.html";
    StrategySettingIgnored = "AKP108", Warning, "A deployment setting does nothing with this strategy",
        "`bake_minutes` and lifecycle `hooks` act only in ECS-native blue/green, linear and canary \
deployments; the circuit breaker is documented for rolling deployments in the API reference. With \
another strategy the setting is ignored, so the plan does not count it. Source: \
https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_DeploymentConfiguration.html and \
https://docs.aws.amazon.com/AmazonECS/latest/developerguide/deployment-circuit-breaker.html";
    NoTrafficToShift = "AKP109", Warning, "A traffic-shifting strategy without a load balancer",
        "Blue/green, linear and canary deployments shift traffic through an Application or Network \
Load Balancer, Service Connect or VPC Lattice. A service without a `port` has none: ECS still \
replaces the tasks in one step, but no traffic is shifted, tested or baked. Give the service a port \
or use `rolling`. Source: \
https://docs.aws.amazon.com/AmazonECS/latest/developerguide/deployment-type-blue-green.html";
    CloudFormationDeploymentLimit = "AKP110", Warning, "CloudFormation cannot wait this long for the deployment",
        "CloudFormation refuses LINEAR deployments whose bake time plus the step bakes (bake + \
step_bake x (ceil(100 / step_percent) - 1)) exceed 33 hours, and CANARY deployments whose bake plus \
canary bake do; the generated CDK app deploys through CloudFormation. Shorten the bakes or use the \
ECS API or Terraform. Source: \
https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-ecs-service-deploymentconfiguration.html";
    RequestScalingWithBlueGreen = "AKP111", Warning, "Request-count scaling with a traffic-shifting deployment",
        "Scaling on `ALBRequestCountPerTarget` is documented as not supported with blue/green \
deployments: during a deployment the request count is split between two target groups. Scale on \
CPU or memory, or deploy with `rolling`. Source: \
https://docs.aws.amazon.com/AmazonECS/latest/developerguide/deployment-type-blue-green.html";
    HookTarget = "AKP112", Error, "A lifecycle hook without a valid target",
        "A `lambda` hook needs `function`, the ARN of a Lambda function (`arn:aws:lambda:REGION:ACCOUNT:\
function:NAME`): the API requires `hookTargetArn` for Lambda hooks, and only Lambda functions are \
supported. A `pause` hook takes no function. Source: \
https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_DeploymentLifecycleHook.html";
    ShiftPercentStep = "AKP113", Error, "A traffic share that is not a multiple of 0.1",
        "The API takes `stepPercent` (3.0-100.0) and `canaryPercent` (0.1-100.0) in steps of 0.1. \
Round the value to one decimal. Source: \
https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_LinearConfiguration.html and \
https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_CanaryConfiguration.html";
    NatPerZone = "AKP114", Warning, "Fewer NAT gateways than Availability Zones under static stability",
        "Static stability pre-scales the tasks so that losing one zone leaves enough of them, but the \
tasks of every zone whose route goes through a NAT gateway in the lost zone lose their outbound \
access (image pulls, secrets, logs, external APIs). AWS recommends one NAT gateway per zone. The \
plan reports `egress_survives_az_loss: false`. Source: \
https://docs.aws.amazon.com/vpc/latest/userguide/vpc-nat-gateway.html";
    AllSpotStatic = "AKP115", Warning, "A statically stable load-balanced service entirely on Spot",
        "Fargate Spot tasks can be interrupted with two minutes' warning whenever AWS needs the \
capacity back, in every zone at once: pre-scaling for a zone's loss does not protect against it. \
Keep a share on demand (`spot_percent` below 100) for the base load. Source: \
https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-capacity-providers.html";
    FleetRegionRepeated = "AKP116", Warning, "A Region listed twice in the fleet",
        "Every Region of `fleet.regions` runs one full copy of every service; a Region listed twice \
is still one copy, so the plan counts it once and its shares of the peak are larger than the list \
suggests. Remove the repeat. Source: akplan's spec format (docs/fleet.md).";
    HomeRegionOutsideFleet = "AKP117", Warning, "The spec's region is not one of the fleet's Regions",
        "`region` is the home Region: generated code and the plan's single-copy figures use it. A \
fleet whose `regions` leave it out plans Regions other than the one the rest of the spec is written \
for. Add it to `fleet.regions` (usually first: releases start in the first Region) or change \
`region`. Source: akplan's spec format (docs/fleet.md).";
    RegionSurvivalAlone = "AKP118", Warning, "Pre-scaling for a Region's loss with one Region",
        "`survive: [region]` sizes every Region to carry the share of a lost one, which needs at least \
two Regions: with one, nothing takes over and the setting does nothing. Add a Region or remove \
`region` from `survive`. Source: AWS multi-Region fundamentals, \
https://docs.aws.amazon.com/whitepapers/latest/aws-multi-region-fundamentals/multi-region-fundamental-3-understanding-your-workload-dependencies.html";
    FewPlainCells = "AKP119", Warning, "Few cells without shuffle sharding",
        "With one cell per customer (`cells_per_customer: 1`) and n cells, a bad cell or a bad \
customer takes down 1/n of all customers (a third with three cells). Shuffle sharding gives each \
customer k of the n cells, so one cell's loss leaves every customer with k − 1 cells and two \
customers share all their cells with probability 1/C(n, k). Set `cells_per_customer: 2`, or use \
ten or more cells. Source: AWS Well-Architected REL10-BP04, \
https://docs.aws.amazon.com/wellarchitected/latest/framework/rel10-bp04.html";
    ShardLargerThanFleet = "AKP120", Warning, "More cells per customer than cells",
        "`cells_per_customer` (k) cannot exceed `cells` (n): a customer can be served by at most every \
cell, and then every customer shares every cell, which isolates nothing. The plan uses k = n. \
Lower `cells_per_customer` or add cells. Source: AWS Well-Architected REL10-BP04, \
https://docs.aws.amazon.com/wellarchitected/latest/framework/rel10-bp04.html";
    EmptyCombinations = "AKP121", Warning, "Fewer customers than shuffle-shard combinations",
        "With fewer customers than C(n, k) combinations of cells, some combinations stay empty and the \
isolation figures (1/C(n, k) overlap) are better than any real placement: assign combinations so \
that no two customers share all their cells, or use fewer cells per customer. Source: AWS \
Architecture Blog, Shuffle Sharding, and Well-Architected REL10-BP04, \
https://docs.aws.amazon.com/wellarchitected/latest/framework/rel10-bp04.html";
    WaveBeyondFleet = "AKP122", Warning, "A release wave counts more than the fleet has",
        "A wave's `regions`, `cells` or `zones` count is larger than the fleet's: the plan takes them \
all, which is what `all` says. Write `all`, or the number the fleet has. Source: akplan's spec \
format (docs/fleet.md).";
    ReleaseIncomplete = "AKP123", Warning, "The release never reaches the whole fleet",
        "After the last wave some Regions, cells or zones still run the old version: the plan's \
exposure stops below 100%. End with a wave of `{ regions: all, cells: all, zones: all }`. Source: \
AWS's guide for ECS, automated safe hands-off deployments (a release ends with every Region), \
https://aws.amazon.com/builders-library/automating-safe-hands-off-deployments/";
    WaveAddsNothing = "AKP124", Warning, "A release wave reaches nothing new",
        "Every Region, cell and zone this wave covers was released by earlier waves, so it deploys \
nothing and bakes nothing. Widen it or remove it. Source: akplan's spec format (docs/fleet.md).";
    ExpressTaskDefinitionConflict = "AKP125", Error, "An Express service names a task definition and what it replaces",
        "Since 2026-06-17 an Express service can run a task definition of your own \
(`taskDefinitionArn`); it then takes the container, roles and size from it, and the API rejects \
`primaryContainer`, `executionRoleArn`, `taskRoleArn`, `cpu` and `memory` beside it. Remove them, \
or remove `taskDefinitionArn` to let Express build the task from `primaryContainer`. Source: \
https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_CreateExpressGatewayService.html";
    ExpressNoContainer = "AKP126", Error, "An Express service without a container",
        "An Express service runs either `primaryContainer` (its `image`, port, command, environment \
and secrets) or the task definition named by `taskDefinitionArn`: with neither there is nothing to \
run and the API rejects the request. Add `primaryContainer: {image: ...}` or `taskDefinitionArn`. \
Source: https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_CreateExpressGatewayService.html";
    ExpressHealthCheckPath = "AKP127", Error, "An Express health check path that does not start with `/`",
        "Express configures the load balancer's health check with `healthCheckPath` (default `/ping`), \
an HTTP path, which must start with `/`. Write `/healthz`, not `healthz` or a full URL. Source: \
https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_CreateExpressGatewayService.html";
    ZonesBeyondRegion = "AKP128", Warning, "More Availability Zones than the Region offers",
        "The plan spreads the tasks over `availability_zones` zones and pre-scales for losing one of \
them; a Region with fewer zones cannot hold that spread (the generated code asks for one private \
subnet per zone), and in us-west-1 and ap-northeast-1 many older accounts see one zone fewer than \
the Region has (`aws ec2 describe-availability-zones` shows yours). Plan with the zones your \
account has. Source: \
https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-availability-zones.html";
    FleetTrafficShifting = "AKP129", Warning, "A traffic-shifting strategy in a fleet released zone by zone",
        "A fleet releases one zone at a time with one ECS service per cell and zone, and those zonal \
services share their service's target group and listener rule. Blue/green, linear and canary \
deployments move the production listener rule to the new tasks, so the first zone's deployment \
would send the whole cell's traffic to that zone's new tasks. Use `strategy: rolling` for a fleet \
(the release's waves and bakes are the canary). Source: \
https://docs.aws.amazon.com/AmazonECS/latest/developerguide/deployment-type-blue-green.html";
    ExpressTaskDefinitionShape = "AKP130", Error, "A task definition an Express service names does not fit Express",
        "An Express service given `taskDefinitionArn` (since 2026-06-17) runs that task definition on \
Fargate behind its load balancer: the task definition must be compatible with `FARGATE`, have a \
container named `Main`, and that container exactly one port mapping, named and TCP, which the load \
balancer targets. `akplan validate` checks a task definition this way when an Express input in the \
same run names its family. Source: \
https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_CreateExpressGatewayService.html \
(taskDefinitionArn)";
    SpotTwice = "AKP131", Error, "Both `spot_percent` and `providers`",
        "`capacity.spot_percent` is shorthand for a capacity provider strategy with weights and no \
base; `capacity.providers` is the strategy itself. A service with both says two different things \
about where its tasks run, and akplan cannot emit both: keep one. Source: \
https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-capacity-providers.html";
    ProviderBases = "AKP132", Error, "A base on both capacity providers",
        "ECS places a strategy's `base` tasks on one provider before it splits the rest by weight, \
and only one provider of a strategy may have a base: CreateService and UpdateService refuse a \
strategy with a base on both `FARGATE` and `FARGATE_SPOT`. Source: \
https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_CapacityProviderStrategyItem.html \
(base)";
    ProviderWeights = "AKP133", Error, "Every capacity provider at weight 0",
        "With more than one provider in a strategy, at least one must have a weight above 0, and a \
provider at weight 0 gets no task beyond its base; the ECS API refuses a strategy whose providers \
are all at 0 (the default weight when none is given). Source: \
https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_CapacityProviderStrategyItem.html \
(weight)";
    ServiceConnectWithoutPort = "AKP134", Error, "Service Connect publishes a port the service does not have",
        "A Service Connect service publishes one of the task's named port mappings (`portName` is \
required and must name a port mapping of the task definition); a service without a `port` can only \
be a client of the namespace. Source: \
https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ServiceConnectService.html";
    EfsNeedsTransitEncryption = "AKP135", Error, "An EFS access point or IAM authorization without transit encryption",
        "ECS mounts an EFS volume through an access point, or with IAM authorization, only over TLS: \
`transitEncryption` must be ENABLED with either, and ECS refuses the task definition otherwise. \
Source: https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_EFSVolumeConfiguration.html \
and https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_EFSAuthorizationConfig.html";
    EfsRootWithAccessPoint = "AKP136", Error, "An EFS root directory beside an access point",
        "An access point sets the directory the task sees; with one, `rootDirectory` must be omitted \
or `/`. Source: https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_EFSVolumeConfiguration.html \
(rootDirectory)";
    FleetServiceConnect = "AKP137", Error, "A fleet's service publishes through Service Connect",
        "A fleet runs each service as one ECS service per cell and zone (`<name>-z<n>`), and a Service \
Connect discovery name must be unique within its Cloud Map namespace: the second zonal service \
would publish the name the first already holds, and ECS refuses it. A fleet's service can be a \
Service Connect client (`namespace` only). Source: \
https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ServiceConnectService.html \
(discoveryName)";
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
            let source = code
                .explanation()
                .split("Source:")
                .nth(1)
                .unwrap_or_default();
            assert!(
                source.contains("https://")
                    || source.contains("akplan's spec format")
                    || source.contains("akplan's own behaviour"),
                "{code} must cite its public source"
            );
            assert_eq!(Code::parse(&code.as_str().to_lowercase()), Some(*code));
        }
    }
}
