//! What a spec file says: the serde/schemars types the JSON Schema is generated from.
//!
//! These types describe structure only (names, types, allowed words). Ranges and relations are
//! ECS rules with their own codes, checked on the resolved [`super::Spec`], so a value out of range
//! gets an explanation and a hint instead of a bare schema error.

use indexmap::IndexMap;
use serde::Deserialize;

/// An akplan spec: one application of ECS Fargate services.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schemars", schemars(title = "akplan spec, version 1"))]
// `$schema` and `version` are read by serde and described by the schema; nothing else needs them.
#[allow(dead_code)]
pub struct RawSpec {
    /// The JSON Schema this file follows, for editors (JSON specs); akplan ignores it.
    #[serde(default, rename = "$schema")]
    pub schema: Option<String>,
    /// Spec format version: always `1`.
    #[cfg_attr(feature = "schemars", schemars(extend("const" = 1)))]
    pub version: u32,
    /// Application name. Names the ECS cluster and prefixes every generated resource.
    #[cfg_attr(
        feature = "schemars",
        schemars(pattern(r"^[A-Za-z][A-Za-z0-9_-]{0,62}$"))
    )]
    pub app: String,
    /// AWS Region code, e.g. `us-east-1`.
    #[cfg_attr(
        feature = "schemars",
        schemars(pattern(r"^[a-z]{2}(-gov)?-[a-z]+-[0-9]$"))
    )]
    pub region: String,
    /// Availability Zones to spread tasks over: a count (1-6) or a list of zone names
    /// (`us-east-1a`) or zone IDs (`use1-az1`). Default: 3.
    #[serde(default)]
    pub availability_zones: Option<AvailabilityZones>,
    /// 12-digit AWS account id used to build ARNs in generated code. Default: a placeholder
    /// (`123456789012`) to replace (docs/cli.md, akplan emit).
    #[serde(default)]
    #[cfg_attr(feature = "schemars", schemars(pattern(r"^[0-9]{12}$")))]
    pub account_id: Option<String>,
    /// NAT gateways the app's private subnets use for outbound traffic (priced per hour in the
    /// plan). Default: 0, which means no private subnets: the tasks run in public subnets with
    /// public IPs (every emitter sets `assignPublicIp`; the plan bills an IPv4 address per task).
    #[serde(default)]
    #[cfg_attr(feature = "schemars", schemars(range(max = 6)))]
    pub nat_gateways: Option<u32>,
    /// GB a month the tasks send out through the NAT gateways (priced as NAT data processing in
    /// the plan), 0-1,000,000,000. Default: not priced.
    #[serde(default)]
    #[cfg_attr(feature = "schemars", schemars(range(min = 0.0, max = 1e9)))]
    pub egress_gb_per_month: Option<f64>,
    /// GB a month that crosses between Availability Zones (priced in the plan),
    /// 0-1,000,000,000. Default: not priced.
    #[serde(default)]
    #[cfg_attr(feature = "schemars", schemars(range(min = 0.0, max = 1e9)))]
    pub cross_az_gb_per_month: Option<f64>,
    /// The services of the application, by name (the ECS service name).
    #[cfg_attr(feature = "schemars", schemars(extend("minProperties" = 1, "propertyNames" = {"description": "A service name: a letter, then up to 62 letters, digits, `_` or `-`", "pattern": "^[A-Za-z][A-Za-z0-9_-]{0,62}$"})))]
    pub services: IndexMap<String, RawService>,
    /// A fleet: every Region a full copy of every service, each Region split into cells
    /// (docs/fleet.md). Without it the spec is one copy in `region`.
    #[serde(default)]
    pub fleet: Option<RawFleet>,
    /// How a change reaches the fleet: waves of Regions, cells and zones, each baked before the
    /// next (docs/fleet.md). Needs `fleet`.
    #[serde(default)]
    pub release: Option<RawRelease>,
}

/// The Regions and cells the services run in, and the faults they are pre-scaled for.
#[derive(Debug, Clone, Default, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schemars", schemars(rename = "Fleet"))]
pub struct RawFleet {
    /// The Regions, each a full, independent copy of every service (1-12, no repeats).
    /// Default: the spec's `region` alone.
    #[serde(default)]
    #[cfg_attr(feature = "schemars", schemars(length(min = 1, max = 12)))]
    pub regions: Option<Vec<String>>,
    /// The faults to pre-scale for, one at a time: `zone` (an Availability Zone of a cell) and
    /// `region` (a whole Region, whose share the other Regions take). Default: `[zone]`.
    #[serde(default)]
    pub survive: Option<Vec<RawFault>>,
    /// Cells per Region (1-64), each its own cluster, services and load balancer. Default: 1.
    #[serde(default)]
    #[cfg_attr(feature = "schemars", schemars(range(min = 1, max = 64)))]
    pub cells: Option<u32>,
    /// Customers (tenants) the cells serve, 1-1,000,000,000. Default: not modelled.
    #[serde(default)]
    #[cfg_attr(feature = "schemars", schemars(range(min = 1, max = 1_000_000_000)))]
    pub customers: Option<u64>,
    /// Shuffle sharding: each customer is served by this many of a Region's cells (1-64; 1 =
    /// plain cells). Default: 1.
    #[serde(default)]
    #[cfg_attr(feature = "schemars", schemars(range(min = 1, max = 64)))]
    pub cells_per_customer: Option<u32>,
}

/// A fault the fleet is pre-scaled for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "schemars", schemars(rename = "Fault"))]
pub enum RawFault {
    /// The loss of one Availability Zone of a cell.
    Zone,
    /// The loss of one whole Region: the others carry its share.
    Region,
}

/// The waves a change is released in.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schemars", schemars(rename = "Release"))]
pub struct RawRelease {
    /// In order (1-20); each deploys to the units not yet released, one zone of a Region at a
    /// time, then bakes watching its alarms.
    #[cfg_attr(feature = "schemars", schemars(length(min = 1, max = 20)))]
    pub waves: Vec<RawWave>,
}

/// One wave: how far a change goes, counted from the start of the fleet's order.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schemars", schemars(rename = "Wave"))]
pub struct RawWave {
    /// The first this many Regions of `fleet.regions`, or `all`. Default: `all`.
    #[serde(default)]
    pub regions: Option<RawScope>,
    /// The first this many cells of each of those Regions, or `all`. Default: `all`.
    #[serde(default)]
    pub cells: Option<RawScope>,
    /// The first this many zones of each of those cells, or `all`. Default: `all`.
    #[serde(default)]
    pub zones: Option<RawScope>,
    /// Minutes each step of the wave bakes, watching its alarms, before the next step (0-10080).
    /// Default: 0.
    #[serde(default)]
    #[cfg_attr(feature = "schemars", schemars(range(max = 10080)))]
    pub bake_minutes: Option<u32>,
}

/// How many of something a wave covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(untagged)]
#[cfg_attr(feature = "schemars", schemars(rename = "Scope"))]
pub enum RawScope {
    /// The first this many (1-64).
    Count(#[cfg_attr(feature = "schemars", schemars(range(min = 1, max = 64)))] u32),
    /// Every one.
    All(RawAll),
}

/// The word `all`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "schemars", schemars(rename = "All"))]
pub enum RawAll {
    /// Every one.
    All,
}

/// A zone count or zone names.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(untagged)]
pub enum AvailabilityZones {
    /// How many zones (1-6).
    Count(#[cfg_attr(feature = "schemars", schemars(range(min = 1, max = 6)))] u8),
    /// The zones, by name or ID.
    Names(#[cfg_attr(feature = "schemars", schemars(length(min = 1, max = 6)))] Vec<String>),
}

/// A size written as a number of base units or as text with a unit.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(untagged)]
pub enum Size {
    /// CPU units or MiB.
    Number(u64),
    /// `"1 vCPU"`, `"0.25 vCPU"`, `"2 GB"`, `"512 MiB"`.
    Text(String),
}

/// An environment value: ECS passes every value as a string; numbers and booleans are converted.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(untagged)]
pub enum EnvValue {
    /// Text.
    Text(String),
    /// A boolean, passed as `true`/`false`.
    Bool(bool),
    /// An integer.
    Int(i64),
    /// Another number.
    Float(f64),
}

/// CPU architecture.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "schemars", schemars(rename = "Arch"))]
pub enum RawArch {
    /// Graviton, about 20% cheaper.
    Arm64,
    /// Intel/AMD.
    X86_64,
}

/// Operating system family.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "schemars", schemars(rename = "Os"))]
pub enum RawOs {
    /// Linux.
    Linux,
    /// Windows Server (x86_64 only, on-demand only).
    Windows,
}

/// One ECS service: its task (main container plus extra containers) and how it runs.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schemars", schemars(rename = "Service"))]
pub struct RawService {
    /// Container image of the main container, ideally pinned to a version tag or digest.
    #[cfg_attr(feature = "schemars", schemars(length(min = 1)))]
    pub image: String,
    /// CPU architecture: `arm64` or `x86_64`. Default: `x86_64` (AWS's default).
    #[serde(default)]
    pub arch: Option<RawArch>,
    /// Operating system: `linux` or `windows`. Default: `linux` (AWS's default).
    #[serde(default)]
    pub os: Option<RawOs>,
    /// Task CPU: CPU units (`1024`) or vCPU (`"1 vCPU"`, `"0.25 vCPU"`).
    pub cpu: Size,
    /// Task memory: MiB (`2048`) or with a unit (`"2 GB"`, `"512 MiB"`; GB = 1024 MiB).
    pub memory: Size,
    /// Ephemeral storage, GiB. Default: 20 (included in the price); 21-200 to raise it.
    #[serde(default)]
    pub ephemeral_storage: Option<u32>,
    /// Fargate platform version (`LATEST`, `1.4.0`, `1.3.0`). Default: `LATEST`.
    #[serde(default)]
    #[cfg_attr(
        feature = "schemars",
        schemars(pattern(r"^(LATEST|[0-9]+\.[0-9]+\.[0-9]+)$"))
    )]
    pub platform_version: Option<String>,
    /// Container port of the main container. A service with a port sits behind an Application
    /// Load Balancer. Default: none (a worker without a load balancer).
    #[serde(default)]
    #[cfg_attr(feature = "schemars", schemars(range(min = 1, max = 65535)))]
    pub port: Option<u32>,
    /// Whether `port` sits behind an Application Load Balancer. Default: true. `false`: the main
    /// container listens on `port` with no load balancer in front (reached through Service
    /// Connect, Cloud Map or the VPC), as an imported task definition without one says.
    #[serde(default)]
    pub load_balancer: Option<bool>,
    /// Command of the main container (overrides the image's CMD).
    #[serde(default)]
    pub command: Option<Vec<String>>,
    /// Entry point of the main container (overrides the image's ENTRYPOINT).
    #[serde(default)]
    pub entry_point: Option<Vec<String>>,
    /// How many tasks to run.
    #[serde(default)]
    pub capacity: Option<RawCapacity>,
    /// The load balancer's health check of the main container's port.
    #[serde(default)]
    pub health_check: Option<RawLbHealthCheck>,
    /// A health check command run inside the main container (`HEALTHCHECK`).
    #[serde(default)]
    pub container_health_check: Option<RawContainerHealthCheck>,
    /// How a new version rolls out.
    #[serde(default)]
    pub deployment: Option<RawDeployment>,
    /// Target-tracking autoscaling between `capacity.min` and `capacity.max`.
    #[serde(default)]
    pub autoscaling: Option<RawAutoscaling>,
    /// Plain environment variables of the main container. Never put secrets here.
    #[serde(default)]
    pub environment: IndexMap<String, EnvValue>,
    /// Secrets of the main container: variable name to a reference (`ssm:/path`,
    /// `secretsmanager:name`, or an ARN), never the secret's value.
    #[serde(default)]
    pub secrets: IndexMap<String, String>,
    /// Extra containers of the same task (init containers, sidecars), by name.
    #[serde(default)]
    #[cfg_attr(feature = "schemars", schemars(extend("propertyNames" = {"description": "A container name: 1-255 letters, digits, `_` or `-` (ECS's rule)", "pattern": "^[A-Za-z0-9_-]{1,255}$"})))]
    pub containers: IndexMap<String, RawContainer>,
    /// Containers the main container waits for, with the condition
    /// (`start`, `complete`, `success`, `healthy`).
    #[serde(default)]
    #[cfg_attr(feature = "schemars", schemars(extend("propertyNames" = {"description": "A container name: 1-255 letters, digits, `_` or `-` (ECS's rule)", "pattern": "^[A-Za-z0-9_-]{1,255}$"})))]
    pub depends_on: IndexMap<String, RawCondition>,
    /// Shared task volumes: name to mount path (a task volume on the task's own storage), or to
    /// `{path, efs}` for an existing Amazon EFS file system, `efs` being `{file_system_id,
    /// access_point, root_directory (default /), transit_encryption (default true), iam (default
    /// false), size_gb}`; its mount targets must admit NFS (TCP 2049) from the tasks (the
    /// generated code does not change the file system), and with `iam` the generated task role
    /// may mount and write it. The main
    /// container mounts every volume; an extra container mounts those it lists in its own
    /// `volumes`.
    #[serde(default)]
    #[cfg_attr(feature = "schemars", schemars(extend("propertyNames" = {"description": "A volume name: 1-255 letters, digits, `_` or `-` (ECS's rule)", "pattern": "^[A-Za-z0-9_-]{1,255}$"})))]
    pub volumes: IndexMap<String, RawVolume>,
    /// ECS Service Connect: the Cloud Map namespace the service joins, and how it publishes its
    /// `port` (or `service_connect.port`) there; with neither, the service is a client only.
    /// Default: none.
    #[serde(default)]
    pub service_connect: Option<RawServiceConnect>,
    /// Where the application keeps sessions. Default: none (sessions are lost with a task).
    #[serde(default)]
    pub session_store: Option<RawSessionStore>,
    /// ECS Exec (`aws ecs execute-command`). Default: false (AWS's default).
    #[serde(default)]
    pub exec: Option<bool>,
    /// CloudWatch Container Insights for the cluster. Default: false (AWS's default).
    #[serde(default)]
    pub container_insights: Option<bool>,
    /// CloudWatch Logs settings.
    #[serde(default)]
    pub logs: Option<RawLogs>,
}

/// A task volume: a mount path, or a mount path on an EFS file system.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(untagged)]
#[cfg_attr(feature = "schemars", schemars(rename = "Volume"))]
pub enum RawVolume {
    /// The path the containers mount it at (storage of the task, gone with it).
    Path(#[cfg_attr(feature = "schemars", schemars(length(min = 1)))] String),
    /// A volume with its source.
    Full(RawVolumeSource),
}

impl RawVolume {
    /// Where the containers mount it.
    #[must_use]
    pub fn path(&self) -> &str {
        match self {
            Self::Path(p) => p,
            Self::Full(v) => &v.path,
        }
    }
}

/// A volume with its source.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schemars", schemars(rename = "VolumeSource"))]
pub struct RawVolumeSource {
    /// The path the containers mount it at.
    #[cfg_attr(feature = "schemars", schemars(length(min = 1)))]
    pub path: String,
    /// An Amazon EFS file system (needs platform version 1.4.0 or later).
    pub efs: RawEfs,
}

/// An Amazon EFS volume of an existing file system. Its mount targets must admit NFS (TCP 2049)
/// from the tasks' security group (the generated code leaves the file system alone); with `iam`
/// the generated task role may `ClientMount` and `ClientWrite` it. Source: the ECS API's `EFSVolumeConfiguration`,
/// https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_EFSVolumeConfiguration.html
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schemars", schemars(rename = "Efs"))]
pub struct RawEfs {
    /// The file system's id (`fs-0123456789abcdef0`).
    #[cfg_attr(feature = "schemars", schemars(length(min = 1)))]
    pub file_system_id: String,
    /// An EFS access point id (`fsap-...`); it sets the directory, so `root_directory` stays `/`.
    #[serde(default)]
    #[cfg_attr(feature = "schemars", schemars(length(min = 1)))]
    pub access_point: Option<String>,
    /// The directory of the file system mounted as the volume's root. Default: `/`.
    #[serde(default)]
    #[cfg_attr(feature = "schemars", schemars(length(min = 1, max = 4096)))]
    pub root_directory: Option<String>,
    /// Encrypt data between the task and EFS (TLS). Default: true (akplan's; AWS's is false);
    /// an access point or IAM authorization needs it.
    #[serde(default)]
    pub transit_encryption: Option<bool>,
    /// Mount with the task role's IAM identity (EFS IAM authorization). Default: false.
    #[serde(default)]
    pub iam: Option<bool>,
    /// GB stored, for the bill: EFS Standard storage per GB-month (the plan's "EFS storage"
    /// line, once per file system). Default: not billed.
    #[serde(default)]
    #[cfg_attr(feature = "schemars", schemars(range(min = 0.0, max = 1_000_000.0)))]
    pub size_gb: Option<f64>,
}

/// ECS Service Connect. Source:
/// https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-connect.html
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schemars", schemars(rename = "ServiceConnect"))]
pub struct RawServiceConnect {
    /// The Cloud Map namespace (its name or ARN). Default: the cluster's default namespace.
    #[serde(default)]
    #[cfg_attr(feature = "schemars", schemars(length(min = 1, max = 1024)))]
    pub namespace: Option<String>,
    /// The main container's port Service Connect publishes, for a service without a load
    /// balancer (no `port`). Default: `port`.
    #[serde(default)]
    #[cfg_attr(feature = "schemars", schemars(range(min = 1, max = 65535)))]
    pub port: Option<u32>,
    /// The name of the main container's port mapping. Default: the service's name in lower
    /// case.
    #[serde(default)]
    #[cfg_attr(
        feature = "schemars",
        schemars(pattern(r"^[a-z0-9_][a-z0-9_-]{0,63}$"))
    )]
    pub port_name: Option<String>,
    /// The Cloud Map service ECS creates, unique in the namespace. Default: the port name.
    #[serde(default)]
    #[cfg_attr(
        feature = "schemars",
        schemars(pattern(r"^[a-z0-9_][a-z0-9_-]{0,63}$"))
    )]
    pub discovery_name: Option<String>,
    /// The name and port clients call (ECS takes one). Default: the discovery name, at `port`.
    #[serde(default)]
    #[cfg_attr(feature = "schemars", schemars(length(max = 1)))]
    pub client_aliases: Vec<RawClientAlias>,
}

/// A Service Connect endpoint clients call.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schemars", schemars(rename = "ClientAlias"))]
pub struct RawClientAlias {
    /// The port clients call.
    #[cfg_attr(feature = "schemars", schemars(range(min = 1, max = 65535)))]
    pub port: u32,
    /// The DNS name clients call. Default: the discovery name.
    #[serde(default)]
    #[cfg_attr(feature = "schemars", schemars(length(min = 1, max = 255)))]
    pub dns_name: Option<String>,
}

/// How many tasks a service runs.
#[derive(Debug, Clone, Default, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schemars", schemars(rename = "Capacity"))]
pub struct RawCapacity {
    /// Tasks needed at peak. Default: 1 (CloudFormation's default desired count), unless derived
    /// from `peak_rps` and `rps_per_task`.
    #[serde(default)]
    pub base_count: Option<u32>,
    /// Peak requests per second of the whole service (with `rps_per_task`), 0-1,000,000,000.
    #[serde(default)]
    #[cfg_attr(feature = "schemars", schemars(range(min = 0.0, max = 1e9)))]
    pub peak_rps: Option<f64>,
    /// Requests per second one task serves at its target utilisation (with `peak_rps`),
    /// 0.001-1,000,000.
    #[serde(default)]
    #[cfg_attr(feature = "schemars", schemars(range(min = 0.001, max = 1e6)))]
    pub rps_per_task: Option<f64>,
    /// Pre-scale so that losing one zone still leaves `base_count` tasks:
    /// target = ceil(base × AZ / (AZ − 1)). Default: false.
    #[serde(default)]
    pub static_stability: Option<bool>,
    /// Minimum task count for autoscaling. Default: the target count.
    #[serde(default)]
    pub min: Option<u32>,
    /// Maximum task count for autoscaling. Default: the larger of the target count and `min`.
    #[serde(default)]
    pub max: Option<u32>,
    /// Share of tasks on Fargate Spot, 0-100: shorthand for `providers` with weights and no
    /// base. Default: 0.
    #[serde(default)]
    #[cfg_attr(feature = "schemars", schemars(range(max = 100)))]
    pub spot_percent: Option<u32>,
    /// The capacity provider strategy, instead of `spot_percent`: ECS places `base` tasks on the
    /// provider that has one, then the rest in proportion to the weights, e.g.
    /// `{FARGATE: {base: 2, weight: 1}, FARGATE_SPOT: {weight: 3}}`.
    #[serde(default)]
    pub providers: Option<RawProviders>,
    /// Average requests per second over the month, for the load balancer's capacity units,
    /// 0-1,000,000,000. Default: `peak_rps` (an upper bound).
    #[serde(default)]
    #[cfg_attr(feature = "schemars", schemars(range(min = 0.0, max = 1e9)))]
    pub average_rps: Option<f64>,
    /// How the month is lived, for a bill between `min` and `max` (the plan shows all three):
    /// `{peak_hours_per_day: 8}` (at `max` that many hours a day, at `min` the rest) or
    /// `{average_tasks: 14}`. Default: the planned count all month.
    #[serde(default)]
    pub profile: Option<RawProfile>,
}

/// A capacity provider strategy over Fargate's two providers
/// (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-capacity-providers.html).
#[derive(Debug, Clone, Default, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schemars", schemars(rename = "Providers"))]
pub struct RawProviders {
    /// On-demand Fargate.
    #[serde(default, rename = "FARGATE")]
    pub fargate: Option<RawProvider>,
    /// Fargate Spot: the same tasks at a discount, interrupted with two minutes' notice.
    #[serde(default, rename = "FARGATE_SPOT")]
    pub fargate_spot: Option<RawProvider>,
}

/// One provider of a strategy
/// (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_CapacityProviderStrategyItem.html).
#[derive(Debug, Clone, Default, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schemars", schemars(rename = "Provider"))]
pub struct RawProvider {
    /// Tasks placed on this provider first, 0-100,000; only one provider may have a base.
    /// Default: 0.
    #[serde(default)]
    #[cfg_attr(feature = "schemars", schemars(range(max = 100_000)))]
    pub base: Option<u32>,
    /// Relative share of the tasks beyond the base, 0-1,000. Default: 0 (ECS's default).
    #[serde(default)]
    #[cfg_attr(feature = "schemars", schemars(range(max = 1000)))]
    pub weight: Option<u32>,
}

/// A service's load over the month.
#[derive(Debug, Clone, Default, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schemars", schemars(rename = "Profile"))]
pub struct RawProfile {
    /// Hours a day at `max`, 0-24; the rest of the day at `min`.
    #[serde(default)]
    #[cfg_attr(feature = "schemars", schemars(range(min = 0.0, max = 24.0)))]
    pub peak_hours_per_day: Option<f64>,
    /// Average tasks over the month, 0-1,000,000 (kept between `min` and `max`); wins over
    /// `peak_hours_per_day`.
    #[serde(default)]
    #[cfg_attr(feature = "schemars", schemars(range(min = 0.0, max = 1e6)))]
    pub average_tasks: Option<f64>,
}

/// The load balancer's target group health check.
#[derive(Debug, Clone, Default, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schemars", schemars(rename = "LbHealthCheck"))]
pub struct RawLbHealthCheck {
    /// HTTP path. Default: `/`.
    #[serde(default)]
    pub path: Option<String>,
    /// Seconds between checks, 5-300. Default: 30.
    #[serde(default)]
    pub interval: Option<u32>,
    /// Seconds before a check fails, 2-120, less than `interval`. Default: 5.
    #[serde(default)]
    pub timeout: Option<u32>,
    /// Passing checks before a target is healthy, 2-10. Default: 5.
    #[serde(default)]
    pub healthy_threshold: Option<u32>,
    /// Failing checks before a target is unhealthy, 2-10. Default: 2.
    #[serde(default)]
    pub unhealthy_threshold: Option<u32>,
    /// HTTP codes that count as healthy. Default: `200`.
    #[serde(default)]
    pub matcher: Option<String>,
    /// Seconds ECS ignores failing checks of a new task (`healthCheckGracePeriodSeconds`),
    /// 0-2,147,483,647 (the API's range). Default: 0.
    #[serde(default)]
    #[cfg_attr(feature = "schemars", schemars(range(max = 2_147_483_647)))]
    pub grace_period: Option<u32>,
}

/// A health check command run inside a container.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schemars", schemars(rename = "ContainerHealthCheck"))]
pub struct RawContainerHealthCheck {
    /// The command, e.g. `["CMD-SHELL", "curl -f http://localhost:8080/health || exit 1"]`.
    #[cfg_attr(feature = "schemars", schemars(length(min = 1)))]
    pub command: Vec<String>,
    /// Seconds between checks, 5-300. Default: 30.
    #[serde(default)]
    pub interval: Option<u32>,
    /// Seconds before a check fails, 2-60. Default: 5.
    #[serde(default)]
    pub timeout: Option<u32>,
    /// Failures before the container is unhealthy, 1-10. Default: 3.
    #[serde(default)]
    pub retries: Option<u32>,
    /// Seconds of start-up during which failures do not count, 0-300. Default: 0.
    #[serde(default)]
    pub start_period: Option<u32>,
}

/// Deployment strategy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "schemars", schemars(rename = "Strategy"))]
pub enum RawStrategy {
    /// ECS rolling update within the percent bounds (defaults 100/200).
    Rolling,
    /// Stop everything, then start the new version: rolling with 0/100 as defaults.
    Recreate,
    /// ECS blue/green: a full new (green) set of tasks, one production traffic shift, a bake time,
    /// then the old (blue) tasks stop.
    BlueGreen,
    /// Green scaled up fully, then traffic shifted in equal steps with a bake after each.
    Linear,
    /// Green scaled up fully, a canary share of traffic, a bake, then the rest.
    Canary,
}

/// Linear traffic shifting (`strategy: linear`).
#[derive(Debug, Clone, Default, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schemars", schemars(rename = "LinearShift"))]
pub struct RawLinear {
    /// Share of traffic moved per step, %, 3-100 in steps of 0.1. Default: 10 (the API's).
    #[serde(default)]
    #[cfg_attr(feature = "schemars", schemars(range(min = 3.0, max = 100.0)))]
    pub step_percent: Option<f64>,
    /// Minutes between steps, 0-1440. Default: 6 (the API's).
    #[serde(default)]
    #[cfg_attr(feature = "schemars", schemars(range(max = 1440)))]
    pub step_bake_minutes: Option<u32>,
}

/// Canary traffic shifting (`strategy: canary`).
#[derive(Debug, Clone, Default, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schemars", schemars(rename = "CanaryShift"))]
pub struct RawCanary {
    /// Share of traffic the canary gets first, %, 0.1-100 in steps of 0.1. Default: 5 (the API's).
    #[serde(default)]
    #[cfg_attr(feature = "schemars", schemars(range(min = 0.1, max = 100.0)))]
    pub percent: Option<f64>,
    /// Minutes the canary runs before the rest moves, 0-1440. Default: 10 (the API's).
    #[serde(default)]
    #[cfg_attr(feature = "schemars", schemars(range(max = 1440)))]
    pub bake_minutes: Option<u32>,
}

/// A deployment lifecycle stage a hook runs at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "schemars", schemars(rename = "HookStage"))]
pub enum RawHookStage {
    /// Before the deployment starts, with several active revisions.
    ReconcileService,
    /// Before the new tasks are started.
    PreScaleUp,
    /// After the new tasks are running and healthy.
    PostScaleUp,
    /// While test traffic moves to the new tasks.
    TestTrafficShift,
    /// After test traffic has moved.
    PostTestTrafficShift,
    /// Before production traffic moves.
    PreProductionTrafficShift,
    /// While production traffic moves (at every step of `linear`).
    ProductionTrafficShift,
    /// After production traffic has moved.
    PostProductionTrafficShift,
}

/// What a hook runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "schemars", schemars(rename = "HookType"))]
pub enum RawHookType {
    /// Waits until someone continues the deployment (`ContinueServiceDeployment`).
    Pause,
    /// Calls a Lambda function (`function`) until it answers SUCCEEDED or FAILED.
    Lambda,
}

/// What a hook that times out does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "schemars", schemars(rename = "HookTimeoutAction"))]
pub enum RawOnTimeout {
    /// Roll the deployment back (the API's default).
    Rollback,
    /// Carry on.
    Continue,
}

/// A deployment lifecycle hook, and how long the planner assumes it takes.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schemars", schemars(rename = "Hook"))]
pub struct RawHook {
    /// The stage it runs at.
    pub stage: RawHookStage,
    /// `pause` or `lambda`.
    #[serde(rename = "type")]
    pub kind: RawHookType,
    /// The Lambda function's ARN (`type: lambda`).
    #[serde(default)]
    pub function: Option<String>,
    /// Minutes the planner assumes the hook takes, 0-20160. Default: 0 (Lambda) or 15 (pause).
    #[serde(default)]
    #[cfg_attr(feature = "schemars", schemars(range(max = 20160)))]
    pub expected_minutes: Option<u32>,
    /// Minutes before the hook times out, 1-20160. Default: 1440 (the API's).
    #[serde(default)]
    #[cfg_attr(feature = "schemars", schemars(range(min = 1, max = 20160)))]
    pub timeout_minutes: Option<u32>,
    /// `rollback` (default) or `continue` when the hook times out.
    #[serde(default)]
    pub on_timeout: Option<RawOnTimeout>,
}

/// How a new version rolls out.
#[derive(Debug, Clone, Default, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schemars", schemars(rename = "Deployment"))]
pub struct RawDeployment {
    /// `rolling` (default), `recreate` (0/100 bounds), `blue_green`, `linear` or `canary`.
    #[serde(default)]
    pub strategy: Option<RawStrategy>,
    /// `blue_green`, `linear`, `canary`: minutes after the last production traffic shift before
    /// the old tasks stop (alarms are watched), 0-1440. Default: 0.
    #[serde(default)]
    #[cfg_attr(feature = "schemars", schemars(range(max = 1440)))]
    pub bake_minutes: Option<u32>,
    /// Steps of a `linear` deployment.
    #[serde(default)]
    pub linear: Option<RawLinear>,
    /// The canary of a `canary` deployment.
    #[serde(default)]
    pub canary: Option<RawCanary>,
    /// Lifecycle hooks (`blue_green`, `linear`, `canary`).
    #[serde(default)]
    #[cfg_attr(feature = "schemars", schemars(length(max = 100)))]
    pub hooks: Vec<RawHook>,
    /// CloudWatch alarm names that roll a deployment back when they fire (every strategy).
    #[serde(default)]
    #[cfg_attr(feature = "schemars", schemars(length(max = 100)))]
    pub alarms: Vec<String>,
    /// Lower bound of healthy tasks during a deployment, % of desired (rounded up). Default: 100
    /// (0 for `recreate`).
    #[serde(default)]
    #[cfg_attr(feature = "schemars", schemars(range(max = 100)))]
    pub minimum_healthy_percent: Option<u32>,
    /// Upper bound of running tasks during a deployment, % of desired (rounded down). Default:
    /// 200 (100 for `recreate`).
    #[serde(default)]
    pub maximum_percent: Option<u32>,
    /// Stop a deployment whose tasks fail to start or pass health checks. Default: false (AWS's
    /// default; akplan warns).
    #[serde(default)]
    pub circuit_breaker: Option<bool>,
    /// Roll back a deployment the circuit breaker stopped. Default: false.
    #[serde(default)]
    pub rollback: Option<bool>,
    /// Seconds the load balancer drains an old task, 0-3600. Default: 300.
    #[serde(default)]
    pub deregistration_delay: Option<u32>,
    /// Seconds between SIGTERM and SIGKILL, at most 120. Default: 30.
    #[serde(default)]
    pub stop_timeout: Option<u32>,
    /// Your estimate of provisioning + image pull + app start, seconds, 0-3600. Default: 60.
    #[serde(default)]
    #[cfg_attr(feature = "schemars", schemars(range(max = 3600)))]
    pub task_start_seconds: Option<u32>,
}

/// Target-tracking autoscaling.
#[derive(Debug, Clone, Default, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schemars", schemars(rename = "Autoscaling"))]
pub struct RawAutoscaling {
    /// Target average CPU utilisation, %. Default: none.
    #[serde(default)]
    pub cpu_target: Option<f64>,
    /// Target average memory utilisation, %. Default: none.
    #[serde(default)]
    pub memory_target: Option<f64>,
    /// Target requests per task per minute (`ALBRequestCountPerTarget`). Default: none.
    #[serde(default)]
    pub requests_per_target: Option<f64>,
    /// Seconds after a scale-in before another. Default: 300.
    #[serde(default)]
    pub scale_in_cooldown: Option<u32>,
    /// Seconds after a scale-out before another. Default: 300.
    #[serde(default)]
    pub scale_out_cooldown: Option<u32>,
}

/// An extra container of the task.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schemars", schemars(rename = "Container"))]
pub struct RawContainer {
    /// Container image.
    #[cfg_attr(feature = "schemars", schemars(length(min = 1)))]
    pub image: String,
    /// Whether the task stops when this container exits. Default: true (AWS's default); set
    /// false for init containers.
    #[serde(default)]
    pub essential: Option<bool>,
    /// Command (overrides the image's CMD).
    #[serde(default)]
    pub command: Option<Vec<String>>,
    /// Entry point (overrides the image's ENTRYPOINT).
    #[serde(default)]
    pub entry_point: Option<Vec<String>>,
    /// Container port, if it listens on one.
    #[serde(default)]
    #[cfg_attr(feature = "schemars", schemars(range(min = 1, max = 65535)))]
    pub port: Option<u32>,
    /// Plain environment variables.
    #[serde(default)]
    pub environment: IndexMap<String, EnvValue>,
    /// Secrets, by reference.
    #[serde(default)]
    pub secrets: IndexMap<String, String>,
    /// Containers this one waits for, with the condition.
    #[serde(default)]
    #[cfg_attr(feature = "schemars", schemars(extend("propertyNames" = {"description": "A container name: 1-255 letters, digits, `_` or `-` (ECS's rule)", "pattern": "^[A-Za-z0-9_-]{1,255}$"})))]
    pub depends_on: IndexMap<String, RawCondition>,
    /// CPU units reserved for this container (out of the task's `cpu`). Default: none (it
    /// shares the task's CPU).
    #[serde(default)]
    #[cfg_attr(feature = "schemars", schemars(range(min = 0, max = 196_608)))]
    pub cpu: Option<u32>,
    /// This container's hard memory limit, MiB: it is stopped above it. Default: none (the
    /// task's memory).
    #[serde(default)]
    #[cfg_attr(feature = "schemars", schemars(range(min = 6, max = 1_048_576)))]
    pub memory: Option<u32>,
    /// MiB reserved for this container (a soft limit, below `memory`). Default: none.
    #[serde(default)]
    #[cfg_attr(feature = "schemars", schemars(range(min = 6, max = 1_048_576)))]
    pub memory_reservation: Option<u32>,
    /// Names of the service's `volumes` this container mounts.
    #[serde(default)]
    #[cfg_attr(
        feature = "schemars",
        schemars(inner(pattern(r"^[A-Za-z0-9_-]{1,255}$")))
    )]
    pub volumes: Vec<String>,
    /// A health check command run inside this container.
    #[serde(default)]
    pub health_check: Option<RawContainerHealthCheck>,
}

/// A container dependency condition.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "schemars", schemars(rename = "Condition"))]
pub enum RawCondition {
    /// The dependency has started.
    Start,
    /// The dependency has exited (any exit code).
    Complete,
    /// The dependency has exited with code 0.
    Success,
    /// The dependency's health check passes.
    Healthy,
}

/// Where sessions live.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
#[cfg_attr(feature = "schemars", schemars(rename = "SessionStore"))]
pub enum RawSessionStore {
    /// A DynamoDB table (hash key `session_id`, range key `key`), continuous multi-AZ durability.
    Dynamodb {
        /// Table name.
        #[cfg_attr(feature = "schemars", schemars(pattern(r"^[A-Za-z0-9_.-]{3,255}$")))]
        table: String,
        /// Seconds a session lives (DynamoDB TTL). Default: 3600.
        #[serde(default)]
        ttl: Option<u32>,
    },
    /// A Redis (ElastiCache) endpoint.
    Redis {
        /// `redis://` or `rediss://` URL, or a secret reference to one.
        url: String,
    },
    /// No shared store: sessions are lost with their task.
    None,
}

/// CloudWatch Logs settings.
#[derive(Debug, Clone, Default, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schemars", schemars(rename = "Logs"))]
pub struct RawLogs {
    /// Days to keep logs (a CloudWatch Logs retention value). Default: keep forever.
    #[serde(default)]
    pub retention_days: Option<u32>,
    /// GB of logs the service writes a month (priced as ingestion in the plan),
    /// 0-1,000,000,000. Default: not priced.
    #[serde(default)]
    #[cfg_attr(feature = "schemars", schemars(range(min = 0.0, max = 1e9)))]
    pub gb_per_month: Option<f64>,
}
