//! The infrastructure a validated app needs, decided once for every emitter.
//!
//! [`build`] turns the model and its plan into the AWS resources of each service: task
//! definition, ECS service, scaling target and policies, IAM roles and what they may read,
//! load-balancer pieces, log group and session table, with every name, ARN and number decided
//! here. The JSON, Terraform and CDK printers in [`crate::emit`] only print it, each in its own
//! syntax, so the targets cannot disagree.

mod arn;
mod build;
pub(crate) mod express;
mod fleet;
mod pipeline;

pub use arn::{Account, Arn, PLACEHOLDER_ACCOUNT_ID, Reference};
pub use build::build;
pub use fleet::{Cell, cells};
pub use pipeline::{Pipeline, pipeline};

pub use crate::model::{
    Arch, Condition, HealthCommand, LbHealthCheck, Mount, Os, SecretRef, StrategyName,
};

/// Everything generated for one app.
#[derive(Debug, Clone, PartialEq)]
pub struct Infra {
    /// Application name: the cluster's name and the `app` tag.
    pub app: String,
    /// Region.
    pub region: String,
    /// Whose account ARNs name.
    pub account: Account,
    /// Availability Zones (at least one): subnets, and the new VPC's zones.
    pub zones: u32,
    /// NAT gateways of a VPC the emitter creates: the spec's count. With none the tasks run in
    /// public subnets with public IPs ([`Infra::public_tasks`]), which the plan bills as IPv4
    /// addresses; with some they run in private subnets behind them.
    pub new_vpc_nat_gateways: u32,
    /// Whether the cluster has Container Insights (any service asks for it).
    pub container_insights: bool,
    /// Whether any service runs on Fargate Spot (the cluster needs the capacity providers).
    pub spot: bool,
    /// Services in file order.
    pub services: Vec<ServiceInfra>,
}

impl Infra {
    /// Whether a service uses Service Connect without naming a namespace: the generated code
    /// then creates an HTTP namespace named after the cluster and makes it the cluster's default.
    #[must_use]
    pub fn creates_namespace(&self) -> bool {
        self.services.iter().any(|s| {
            s.service
                .service_connect
                .as_ref()
                .is_some_and(|sc| sc.namespace.is_none())
        })
    }

    /// Whether the tasks run in public subnets with public IPs: the spec has no NAT gateway, and
    /// tasks must reach ECR, Secrets Manager and CloudWatch Logs some way (the one design every
    /// emitter and the bill share; docs/spec.md, `nat_gateways`).
    #[must_use]
    pub fn public_tasks(&self) -> bool {
        self.new_vpc_nat_gateways == 0
    }

    /// Whether any service sits behind the load balancer.
    #[must_use]
    pub fn load_balanced(&self) -> bool {
        self.services.iter().any(|s| s.load_balancer.is_some())
    }
}

/// The resources of one service.
#[derive(Debug, Clone, PartialEq)]
pub struct ServiceInfra {
    /// Service name.
    pub name: String,
    /// Task definition family, `<app>-<service>`: also the prefix of every other name.
    pub family: String,
    /// Its CloudWatch Logs group.
    pub log_group: LogGroup,
    /// The task definition.
    pub task_definition: TaskDefinition,
    /// The execution role: pulls images, writes logs, reads exactly the secrets referenced.
    pub execution_role: Role,
    /// The IAM resources the execution role reads secrets from.
    pub secret_reads: SecretReads,
    /// The task role: what the application itself may do.
    pub task_role: Role,
    /// EFS file systems mounted with IAM authorization: the task role may mount and write them.
    pub efs_mounts: Vec<Arn>,
    /// Whether the task role may open ECS Exec sessions.
    pub exec: bool,
    /// The DynamoDB session table, if sessions live there (the task role may use it).
    pub session_table: Option<SessionTable>,
    /// The ECS service.
    pub service: EcsService,
    /// Load balancer pieces, for a service with a port.
    pub load_balancer: Option<LoadBalancer>,
    /// Autoscaling, if any.
    pub scaling: Option<Scaling>,
}

/// A log group.
#[derive(Debug, Clone, PartialEq)]
pub struct LogGroup {
    /// `/ecs/<app>/<service>`.
    pub name: String,
    /// Retention, days; `None` keeps logs forever.
    pub retention_days: Option<u32>,
}

/// An IAM role.
#[derive(Debug, Clone, PartialEq)]
pub struct Role {
    /// Role name.
    pub name: String,
    /// Its ARN.
    pub arn: Arn,
}

/// What the execution role may read, deduplicated, in first-use order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SecretReads {
    /// SSM parameters (`ssm:GetParameters`).
    pub ssm: Vec<Reference>,
    /// Secrets Manager secrets (`secretsmanager:GetSecretValue`), as IAM resource patterns.
    pub secrets_manager: Vec<Reference>,
}

/// The AWS-managed policy every execution role gets.
pub const EXECUTION_ROLE_POLICY: &str =
    "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy";

/// A `RegisterTaskDefinition` in resolved form.
#[derive(Debug, Clone, PartialEq)]
pub struct TaskDefinition {
    /// Family.
    pub family: String,
    /// CPU units.
    pub cpu: u32,
    /// Memory, MiB.
    pub memory: u32,
    /// Architecture.
    pub arch: Arch,
    /// Operating system.
    pub os: Os,
    /// Ephemeral storage, GiB, when above the 20 GiB Fargate includes.
    pub ephemeral_gib: Option<u32>,
    /// Containers, the main one first.
    pub containers: Vec<ContainerDefinition>,
    /// Volumes (EFS ones with their file system).
    pub volumes: Vec<crate::model::Volume>,
}

impl ServiceInfra {
    /// The container port Service Connect publishes, when the service publishes one: other
    /// tasks of the VPC reach it there, so its security group lets them in.
    #[must_use]
    pub fn published_port(&self) -> Option<u32> {
        let sc = self.service.service_connect.as_ref()?;
        sc.publish.as_ref().map(|p| p.port)
    }
}

/// One container definition.
#[derive(Debug, Clone, PartialEq)]
pub struct ContainerDefinition {
    /// Name.
    pub name: String,
    /// Image reference, as written.
    pub image: String,
    /// The ECR repository, when the image is in one (CDK grants the pull through it).
    pub ecr: Option<EcrImage>,
    /// Essential.
    pub essential: bool,
    /// Entry point.
    pub entry_point: Vec<String>,
    /// Command.
    pub command: Vec<String>,
    /// TCP container ports.
    pub ports: Vec<u32>,
    /// A named port mapping (the one Service Connect publishes): port and name.
    pub named_port: Option<(u32, String)>,
    /// CPU units reserved for it.
    pub cpu: Option<u32>,
    /// Hard memory limit, MiB.
    pub memory: Option<u32>,
    /// Soft memory limit, MiB.
    pub memory_reservation: Option<u32>,
    /// Environment.
    pub environment: Vec<(String, String)>,
    /// Secrets: variable, typed reference and the `valueFrom` ECS reads.
    pub secrets: Vec<SecretDefinition>,
    /// Dependencies on other containers of the task.
    pub depends_on: Vec<(String, Condition)>,
    /// Mount points.
    pub mounts: Vec<Mount>,
    /// Health check.
    pub health_check: Option<HealthCommand>,
    /// Stop timeout, s.
    pub stop_timeout: Option<u32>,
    /// `awslogs` configuration.
    pub logs: AwsLogs,
}

/// An image in ECR: `<account>.dkr.ecr.<region>.amazonaws.com/<repository>[:tag|@digest]`.
#[derive(Debug, Clone, PartialEq)]
pub struct EcrImage {
    /// Account.
    pub account: String,
    /// Region.
    pub region: String,
    /// Repository.
    pub repository: String,
    /// Tag or digest (`latest` when none is given).
    pub tag: String,
}

/// One secret of a container.
#[derive(Debug, Clone, PartialEq)]
pub struct SecretDefinition {
    /// Environment variable.
    pub variable: String,
    /// The reference as the model typed it.
    pub reference: SecretRef,
    /// What ECS's `valueFrom` receives.
    pub value_from: Reference,
}

/// The `awslogs` driver's options.
#[derive(Debug, Clone, PartialEq)]
pub struct AwsLogs {
    /// Log group.
    pub group: String,
    /// Region.
    pub region: String,
    /// Stream prefix (the container's name).
    pub stream_prefix: String,
}

/// The DynamoDB table sessions live in.
#[derive(Debug, Clone, PartialEq)]
pub struct SessionTable {
    /// Table name.
    pub name: String,
}

/// Partition key, sort key and TTL attribute of the session table.
pub const SESSION_KEYS: (&str, &str, &str) = ("session_id", "key", "expires_at");

/// The actions the task role gets on the session table.
pub const SESSION_TABLE_ACTIONS: [&str; 6] = [
    "dynamodb:GetItem",
    "dynamodb:PutItem",
    "dynamodb:UpdateItem",
    "dynamodb:DeleteItem",
    "dynamodb:Query",
    "dynamodb:BatchWriteItem",
];

/// The actions ECS Exec needs on the task role. Source:
/// <https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-exec.html>.
pub const EXEC_ACTIONS: [&str; 4] = [
    "ssmmessages:CreateControlChannel",
    "ssmmessages:CreateDataChannel",
    "ssmmessages:OpenControlChannel",
    "ssmmessages:OpenDataChannel",
];

/// The actions the task role gets on an EFS file system mounted with IAM authorization (read and
/// write; the spec's mounts are not read-only). Source:
/// <https://docs.aws.amazon.com/efs/latest/ug/iam-access-control-nfs-efs.html>.
pub const EFS_CLIENT_ACTIONS: [&str; 2] = [
    "elasticfilesystem:ClientMount",
    "elasticfilesystem:ClientWrite",
];

/// How the service deploys, as every target writes it.
#[derive(Debug, Clone, PartialEq)]
pub struct DeploymentSettings {
    /// The strategy (recreate is written as ROLLING with 0/100 bounds).
    pub strategy: StrategyName,
    /// Bake time, minutes, for blue/green, linear and canary (always written: CloudFormation's
    /// documented default exceeds the API's maximum).
    pub bake_minutes: Option<u32>,
    /// Linear steps: share per step, %, and minutes between steps.
    pub linear: Option<(f64, u32)>,
    /// Canary: share, %, and minutes before the rest moves.
    pub canary: Option<(f64, u32)>,
    /// Lifecycle hooks.
    pub hooks: Vec<HookDefinition>,
    /// CloudWatch alarms that roll back.
    pub alarms: Vec<String>,
}

/// A lifecycle hook as the API takes it.
#[derive(Debug, Clone, PartialEq)]
pub struct HookDefinition {
    /// `PRE_SCALE_UP`, ... (the API's spelling).
    pub stage: &'static str,
    /// The Lambda function; `None`: a `PAUSE` hook.
    pub function: Option<String>,
    /// The role ECS invokes the function with (Lambda hooks).
    pub role: Option<Role>,
    /// Minutes before it times out.
    pub timeout_minutes: u32,
    /// `ROLLBACK` or `CONTINUE` on timeout.
    pub on_timeout: &'static str,
}

/// A `CreateService` in resolved form.
#[derive(Debug, Clone, PartialEq)]
pub struct EcsService {
    /// Service name.
    pub name: String,
    /// Desired count: the plan's target.
    pub desired: u32,
    /// On demand, or a Spot mix.
    pub capacity: CapacityMix,
    /// `minimumHealthyPercent`.
    pub minimum_healthy_percent: u32,
    /// `maximumPercent`.
    pub maximum_percent: u32,
    /// Circuit breaker.
    pub circuit_breaker: bool,
    /// Rollback on failure.
    pub rollback: bool,
    /// ECS Exec.
    pub exec: bool,
    /// Placeholder subnets, one per zone (the user replaces them).
    pub subnets: Vec<String>,
    /// Zonal services (a fleet's cell): one ECS service per zone, `<name>-z<n>`, pinned to that
    /// zone's subnet, with these desired counts; they share the service's task definition,
    /// target group and listener rule. `None`: one service over every zone.
    pub zonal: Option<Vec<u32>>,
    /// Strategy, bakes, hooks and alarms.
    pub deployment: DeploymentSettings,
    /// ECS Service Connect, when the service uses it.
    pub service_connect: Option<crate::model::ServiceConnect>,
}

/// How the tasks are placed on Fargate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CapacityMix {
    /// `launchType: FARGATE`.
    OnDemand,
    /// A capacity provider strategy, in order (`FARGATE`, then `FARGATE_SPOT`).
    Providers(Vec<ProviderItem>),
}

/// One item of a capacity provider strategy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ProviderItem {
    /// `FARGATE` or `FARGATE_SPOT`.
    pub provider: &'static str,
    /// Tasks placed on it first.
    pub base: u32,
    /// Relative share beyond the base.
    pub weight: u32,
}

/// The load-balancer pieces of one service.
#[derive(Debug, Clone, PartialEq)]
pub struct LoadBalancer {
    /// The container that receives traffic (the main one).
    pub container: String,
    /// Its port.
    pub port: u32,
    /// Target group name (at most 32 letters, digits and hyphens).
    pub target_group_name: String,
    /// A placeholder target group ARN for the service JSON.
    pub target_group_arn: Arn,
    /// Health check.
    pub health_check: LbHealthCheck,
    /// Deregistration delay, s.
    pub deregistration_delay: u32,
    /// ECS health check grace period, s.
    pub grace_period: u32,
    /// Listener rule priority (100, 101, ... in file order).
    pub listener_priority: u32,
    /// Default listener path pattern: `/*` for the first service, `/<name>/*` after.
    pub path_pattern: String,
    /// The second target group and what ECS needs to shift traffic to it (blue/green, linear,
    /// canary).
    pub alternate: Option<AlternateTarget>,
}

/// What an ECS-native traffic-shifting deployment needs beside the service's target group.
/// Source: <https://docs.aws.amazon.com/AmazonECS/latest/developerguide/alb-resources-for-blue-green.html>.
#[derive(Debug, Clone, PartialEq)]
pub struct AlternateTarget {
    /// The alternate target group's name.
    pub target_group_name: String,
    /// Its placeholder ARN (service JSON).
    pub target_group_arn: Arn,
    /// A placeholder ARN of the production listener rule (service JSON).
    pub production_listener_rule_arn: Arn,
    /// The role ECS uses to change the listener rules
    /// (`AmazonECSInfrastructureRolePolicyForLoadBalancers`).
    pub role: Role,
}

/// The AWS-managed policy of the role ECS shifts load-balancer traffic with.
pub const LOAD_BALANCER_ROLE_POLICY: &str =
    "arn:aws:iam::aws:policy/AmazonECSInfrastructureRolePolicyForLoadBalancers";

/// Scaling target and target-tracking policies.
#[derive(Debug, Clone, PartialEq)]
pub struct Scaling {
    /// Minimum tasks.
    pub min: u32,
    /// Maximum tasks.
    pub max: u32,
    /// One policy per metric.
    pub policies: Vec<ScalingPolicy>,
}

/// One target-tracking policy.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ScalingPolicy {
    /// The metric.
    pub metric: Metric,
    /// Target value.
    pub target: f64,
    /// Scale-in cooldown, s.
    pub scale_in_cooldown: u32,
    /// Scale-out cooldown, s.
    pub scale_out_cooldown: u32,
}

/// A predefined target-tracking metric.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Metric {
    /// Average CPU, %.
    Cpu,
    /// Average memory, %.
    Memory,
    /// ALB requests per target per minute.
    Requests,
}

impl Metric {
    /// Application Auto Scaling's predefined metric type.
    #[must_use]
    pub fn predefined(self) -> &'static str {
        match self {
            Self::Cpu => "ECSServiceAverageCPUUtilization",
            Self::Memory => "ECSServiceAverageMemoryUtilization",
            Self::Requests => "ALBRequestCountPerTarget",
        }
    }

    /// A short name for resource names (`<family>-cpu`).
    #[must_use]
    pub fn suffix(self) -> &'static str {
        match self {
            Self::Cpu => "cpu",
            Self::Memory => "memory",
            Self::Requests => "requests",
        }
    }
}
