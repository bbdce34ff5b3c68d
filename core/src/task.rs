//! The Fargate task as the ECS rules see it, whether it came from a spec or a task definition.
//!
//! Every field keeps the JSON pointer of where the file says it (or of the nearest ancestor when
//! a default applies), so one rule reports at the right place in either format.

use crate::pointer::Pointer;

/// A value and where the file says it.
#[derive(Debug, Clone, PartialEq)]
pub struct Located<T> {
    /// The value.
    pub value: T,
    /// Its JSON pointer.
    pub path: Pointer,
}

impl<T> Located<T> {
    /// `value` at `path`.
    pub fn new(value: T, path: Pointer) -> Self {
        Self { value, path }
    }
}

/// CPU architecture.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Arch {
    /// Graviton.
    Arm64,
    /// Intel/AMD.
    X86_64,
}

impl Arch {
    /// The spec's word for it, as the plan's JSON writes it.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Arch::Arm64 => "arm64",
            Arch::X86_64 => "x86_64",
        }
    }

    /// ECS's `runtimePlatform.cpuArchitecture` (also the CDK enum member's name).
    #[must_use]
    pub fn ecs_name(self) -> &'static str {
        match self {
            Arch::Arm64 => "ARM64",
            Arch::X86_64 => "X86_64",
        }
    }
}

/// Operating system family.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Os {
    /// Linux.
    Linux,
    /// Windows Server.
    Windows,
}

impl Os {
    /// ECS's `runtimePlatform.operatingSystemFamily` (also the CDK enum member's name). Windows
    /// is Server 2022 Core, the family akplan generates for.
    #[must_use]
    pub fn ecs_name(self) -> &'static str {
        match self {
            Os::Linux => "LINUX",
            Os::Windows => "WINDOWS_SERVER_2022_CORE",
        }
    }
}

/// A Fargate platform version: `LATEST` or `major.minor.patch`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct PlatformVersion(pub u32, pub u32, pub u32);

impl PlatformVersion {
    /// What `LATEST` resolves to on Linux. Source: [DG23] platform-linux-fargate.md.
    pub const LATEST: Self = Self(1, 4, 0);
    /// The version 8/16 vCPU, ARM64 and extra ephemeral storage need.
    pub const V1_4_0: Self = Self(1, 4, 0);
    /// The version `stopTimeout` needs.
    pub const V1_3_0: Self = Self(1, 3, 0);

    /// Reads `LATEST` or `1.4.0`.
    #[must_use]
    pub fn parse(text: &str) -> Option<Self> {
        if text.eq_ignore_ascii_case("latest") {
            return Some(Self::LATEST);
        }
        let mut parts = text.split('.').map(str::parse::<u32>);
        match (parts.next(), parts.next(), parts.next(), parts.next()) {
            (Some(Ok(a)), Some(Ok(b)), Some(Ok(c)), None) => Some(Self(a, b, c)),
            _ => None,
        }
    }
}

/// Which launch type's rules a task is held to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Launch {
    /// Fargate: sizes, platform versions and `awsvpc` are required (specs, and task definitions
    /// that name `FARGATE`).
    Fargate,
    /// EC2, or a task definition that names no launch type (the API's default is EC2).
    Ec2,
    /// ECS Anywhere (`EXTERNAL`) only.
    External,
    /// ECS Managed Instances (`MANAGED_INSTANCES`) only: instances ECS runs for you, any task
    /// size from 128 CPU units, `awsvpc` or `host` networking.
    ManagedInstances,
}

/// A task's network mode. Source: the ECS API reference, `RegisterTaskDefinition.networkMode`
/// ("If no network mode is specified, the default is bridge" on EC2 Linux).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NetworkMode {
    /// One elastic network interface per task (Fargate's only mode).
    Awsvpc,
    /// Docker's bridge, with dynamic host ports.
    Bridge,
    /// The host's network stack.
    Host,
    /// No external connectivity.
    None,
    /// Not given, or a template placeholder.
    Unset,
}

impl NetworkMode {
    /// Reads the API's spelling; anything else (a placeholder, a typo the API model reports) is
    /// [`NetworkMode::Unset`].
    #[must_use]
    pub fn parse(text: Option<&str>) -> Self {
        match text {
            Some("awsvpc") => Self::Awsvpc,
            Some("bridge") => Self::Bridge,
            Some("host") => Self::Host,
            Some("none") => Self::None,
            _ => Self::Unset,
        }
    }

    /// Whether the task's containers share one network stack, so a container port is the task's
    /// port (`awsvpc` and `host`).
    #[must_use]
    pub fn shares_ports(self) -> bool {
        matches!(self, Self::Awsvpc | Self::Host)
    }
}

/// One port mapping of a container.
#[derive(Debug, Clone, PartialEq)]
pub struct PortMapping {
    /// The container port.
    pub container: Located<u32>,
    /// The host port, when given.
    pub host: Option<Located<u32>>,
}

/// A container dependency condition.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Condition {
    /// Started.
    Start,
    /// Exited.
    Complete,
    /// Exited with 0.
    Success,
    /// Health check passes.
    Healthy,
}

impl Condition {
    /// The ECS API spelling.
    #[must_use]
    pub fn as_ecs(self) -> &'static str {
        match self {
            Self::Start => "START",
            Self::Complete => "COMPLETE",
            Self::Success => "SUCCESS",
            Self::Healthy => "HEALTHY",
        }
    }
}

/// A health check command run inside a container, with defaults applied.
#[derive(Debug, Clone, PartialEq)]
pub struct ContainerHealthCheck {
    /// Where the check is written.
    pub path: Pointer,
    /// The command.
    pub command: Vec<String>,
    /// Seconds between checks.
    pub interval: Located<u32>,
    /// Seconds before a check fails.
    pub timeout: Located<u32>,
    /// Failures before unhealthy.
    pub retries: Located<u32>,
    /// Seconds of grace at start.
    pub start_period: Located<u32>,
}

/// One dependency of a container on another.
#[derive(Debug, Clone, PartialEq)]
pub struct Dependency {
    /// The container waited for.
    pub container: Located<String>,
    /// The condition.
    pub condition: Condition,
}

/// One container of a task.
#[derive(Debug, Clone, PartialEq)]
pub struct Container {
    /// Name, unique in the task.
    pub name: Located<String>,
    /// Image reference.
    pub image: Located<String>,
    /// Whether its exit stops the task.
    pub essential: Located<bool>,
    /// Port mappings.
    pub ports: Vec<PortMapping>,
    /// Entry point; empty means the image's.
    pub entry_point: Vec<String>,
    /// Command; empty means the image's.
    pub command: Vec<String>,
    /// Environment variables: the located name and the value ECS receives.
    pub environment: Vec<(Located<String>, String)>,
    /// Secrets: variable name and the reference, located at the reference.
    pub secrets: Vec<(String, Located<String>)>,
    /// What it waits for.
    pub depends_on: Vec<Dependency>,
    /// The volumes it mounts (located name) and where (container path).
    pub mounts: Vec<(Located<String>, String)>,
    /// Its health check, if any.
    pub health_check: Option<ContainerHealthCheck>,
    /// Its stop timeout, if set.
    pub stop_timeout: Option<Located<u32>>,
    /// Container-level CPU units, if set (task definitions only).
    pub cpu: Option<Located<u32>>,
    /// Container-level hard memory limit, MiB, if set (task definitions only).
    pub memory: Option<Located<u32>>,
    /// Container-level soft memory limit (`memoryReservation`), MiB, if set.
    pub memory_reservation: Option<Located<u32>>,
    /// Whether a container memory value is a template placeholder (filled in at deploy time).
    pub memory_templated: bool,
    /// The log driver, when the container has a log configuration.
    pub log_driver: Option<String>,
    /// Whether the container needs the execution role for something other than its log driver and
    /// image: `secrets`, `secretOptions` or `repositoryCredentials`.
    pub needs_execution_role: Option<Pointer>,
}

impl Container {
    /// The memory the container reserves: its soft limit, or else its hard limit.
    #[must_use]
    pub fn reserved_memory(&self) -> Option<&Located<u32>> {
        self.memory_reservation.as_ref().or(self.memory.as_ref())
    }
}

/// A task volume.
#[derive(Debug, Clone, PartialEq)]
pub struct Volume {
    /// Its name, located.
    pub name: Located<String>,
    /// Its EFS file system, when it is one.
    pub efs: Option<Efs>,
}

/// An EFS volume's configuration (the ECS API's `EFSVolumeConfiguration`).
#[derive(Debug, Clone, PartialEq)]
pub struct Efs {
    /// Where it is written.
    pub path: Pointer,
    /// File system id.
    pub file_system_id: String,
    /// Access point id, located.
    pub access_point: Option<Located<String>>,
    /// Root directory, located.
    pub root_directory: Option<Located<String>>,
    /// Transit encryption, located.
    pub transit_encryption: Located<bool>,
    /// IAM authorization, located.
    pub iam: Located<bool>,
    /// GB stored, when the spec says (for the bill).
    pub size_gb: Option<f64>,
}

/// A Fargate task: size, platform and containers.
#[derive(Debug, Clone, PartialEq)]
pub struct Task {
    /// Where the task is written (a service, or the task definition's root).
    pub path: Pointer,
    /// Region, when the file says it (specs do; task definitions do not).
    pub region: Option<String>,
    /// Zone IDs named, when the file says them.
    pub zone_ids: Vec<Located<String>>,
    /// Operating system.
    pub os: Located<Os>,
    /// Architecture.
    pub arch: Located<Arch>,
    /// Task CPU units, when readable.
    pub cpu: Option<Located<u32>>,
    /// Task memory, MiB, when readable.
    pub memory: Option<Located<u32>>,
    /// Ephemeral storage, GiB.
    pub ephemeral_gib: Located<u32>,
    /// Platform version.
    pub platform: Located<PlatformVersion>,
    /// Containers, the main (or first) one first.
    pub containers: Vec<Container>,
    /// Declared volumes.
    pub volumes: Vec<Volume>,
    /// Which launch type's rules apply.
    pub launch: Launch,
    /// The network mode, located.
    pub network: Located<NetworkMode>,
    /// Whether the task has an execution role (akplan's emitted tasks always do).
    pub execution_role: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_archs_word_is_its_json_name() {
        for arch in [Arch::Arm64, Arch::X86_64] {
            assert_eq!(serde_json::to_value(arch).ok(), Some(arch.as_str().into()));
        }
    }
}
