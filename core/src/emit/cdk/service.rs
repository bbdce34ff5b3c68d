//! One service in the CDK stack: log group, task definition and containers, session table,
//! service (load-balanced or not) and autoscaling.

use std::fmt::Write as _;

use super::{camel, lit, seconds, unique_idents};
use crate::infra::{
    CapacityMix, Condition, ContainerDefinition, Metric, SecretDefinition, SecretRef, ServiceInfra,
};

/// Where CDK reads a secret from (which module the stack imports for it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum SecretSource {
    /// `ecs.Secret.fromSsmParameter`.
    Ssm,
    /// `ecs.Secret.fromSecretsManager`.
    SecretsManager,
}

/// Where `reference` is read from.
pub(super) fn secret_source(reference: &SecretRef) -> SecretSource {
    match reference {
        SecretRef::SsmName(_) => SecretSource::Ssm,
        SecretRef::Arn(arn) if arn.service == "ssm" => SecretSource::Ssm,
        _ => SecretSource::SecretsManager,
    }
}

/// `logs.RetentionDays` member of a retention in days (the values CloudWatch Logs accepts).
fn retention(days: u32) -> &'static str {
    match days {
        1 => "ONE_DAY",
        3 => "THREE_DAYS",
        5 => "FIVE_DAYS",
        7 => "ONE_WEEK",
        14 => "TWO_WEEKS",
        30 => "ONE_MONTH",
        60 => "TWO_MONTHS",
        90 => "THREE_MONTHS",
        120 => "FOUR_MONTHS",
        150 => "FIVE_MONTHS",
        180 => "SIX_MONTHS",
        365 => "ONE_YEAR",
        400 => "THIRTEEN_MONTHS",
        545 => "EIGHTEEN_MONTHS",
        731 => "TWO_YEARS",
        1096 => "THREE_YEARS",
        1827 => "FIVE_YEARS",
        2192 => "SIX_YEARS",
        2557 => "SEVEN_YEARS",
        2922 => "EIGHT_YEARS",
        3288 => "NINE_YEARS",
        3653 => "TEN_YEARS",
        _ => "INFINITE",
    }
}

/// The container image: ECR images through `fromEcrRepository`, so CDK grants the execution
/// role the pull permissions; any other registry through `fromRegistry`.
fn image(svc: &ServiceInfra, c: &ContainerDefinition) -> String {
    match &c.ecr {
        Some(ecr) => format!(
            "ecs.ContainerImage.fromEcrRepository(ecr.Repository.fromRepositoryArn(this, {}, {}), {})",
            lit(&format!("{}-{}-repository", svc.name, c.name)),
            lit(&format!(
                "arn:aws:ecr:{}:{}:repository/{}",
                ecr.region, ecr.account, ecr.repository
            )),
            lit(&ecr.tag)
        ),
        None => format!("ecs.ContainerImage.fromRegistry({})", lit(&c.image)),
    }
}

/// The secret of one variable; its construct id is unique in the stack.
fn secret_expr(svc: &ServiceInfra, container: &str, secret: &SecretDefinition) -> String {
    let id = lit(&format!("{}-{container}-{}-secret", svc.name, secret.variable).replace('/', "_"));
    let ssm = |name: &str| {
        format!(
            "ecs.Secret.fromSsmParameter(ssm.StringParameter.fromSecureStringParameterAttributes(this, {id}, {{ parameterName: {} }}))",
            lit(name)
        )
    };
    match &secret.reference {
        SecretRef::SsmName(name) => ssm(name),
        SecretRef::Arn(arn) if arn.service == "ssm" => {
            ssm(arn.resource.strip_prefix("parameter").unwrap_or_default())
        }
        SecretRef::SecretsManagerName { name, json_key, .. } => {
            let secret = format!(
                "secretsmanager.Secret.fromSecretNameV2(this, {id}, {})",
                lit(name)
            );
            match json_key {
                Some(k) => format!("ecs.Secret.fromSecretsManager({secret}, {})", lit(k)),
                None => format!("ecs.Secret.fromSecretsManager({secret})"),
            }
        }
        SecretRef::Arn(_) | SecretRef::Verbatim(_) => format!(
            "ecs.Secret.fromSecretsManager(secretsmanager.Secret.fromSecretPartialArn(this, {id}, {}))",
            lit(&secret.value_from.text())
        ),
    }
}

fn list(items: &[String]) -> String {
    items.iter().map(|a| lit(a)).collect::<Vec<_>>().join(", ")
}

fn container(s: &mut String, svc: &ServiceInfra, c: &ContainerDefinition, var: &str, td: &str) {
    let logs = format!("{}Logs", camel(&svc.name, false));
    let _ = writeln!(
        s,
        "    const {var} = {td}.addContainer({}, {{",
        lit(&c.name)
    );
    let _ = writeln!(s, "      containerName: {},", lit(&c.name));
    let _ = writeln!(s, "      image: {},", image(svc, c));
    let _ = writeln!(s, "      essential: {},", c.essential);
    for (key, value) in [
        ("cpu", c.cpu),
        ("memoryLimitMiB", c.memory),
        ("memoryReservationMiB", c.memory_reservation),
    ] {
        if let Some(n) = value {
            let _ = writeln!(s, "      {key}: {n},");
        }
    }
    if !c.entry_point.is_empty() {
        let _ = writeln!(s, "      entryPoint: [{}],", list(&c.entry_point));
    }
    if !c.command.is_empty() {
        let _ = writeln!(s, "      command: [{}],", list(&c.command));
    }
    if !c.ports.is_empty() {
        let ports: Vec<String> = c
            .ports
            .iter()
            .map(|p| match &c.named_port {
                Some((port, name)) if port == p => {
                    format!("{{ containerPort: {p}, name: {} }}", lit(name))
                }
                _ => format!("{{ containerPort: {p} }}"),
            })
            .collect();
        let _ = writeln!(s, "      portMappings: [{}],", ports.join(", "));
    }
    if !c.environment.is_empty() {
        s.push_str("      environment: {\n");
        for (name, value) in &c.environment {
            let _ = writeln!(s, "        {}: {},", lit(name), lit(value));
        }
        s.push_str("      },\n");
    }
    if !c.secrets.is_empty() {
        s.push_str("      secrets: {\n");
        for secret in &c.secrets {
            let expr = secret_expr(svc, &c.name, secret);
            let _ = writeln!(s, "        {}: {expr},", lit(&secret.variable));
        }
        s.push_str("      },\n");
    }
    if let Some(h) = &c.health_check {
        let _ = writeln!(
            s,
            "      healthCheck: {{ command: [{}], interval: {}, timeout: {}, retries: {}, startPeriod: {} }},",
            list(&h.command),
            seconds(h.interval),
            seconds(h.timeout),
            h.retries,
            seconds(h.start_period)
        );
    }
    if let Some(stop) = c.stop_timeout {
        let _ = writeln!(s, "      stopTimeout: {},", seconds(stop));
    }
    let _ = writeln!(
        s,
        "      logging: ecs.LogDrivers.awsLogs({{ logGroup: {logs}, streamPrefix: {} }}),",
        lit(&c.logs.stream_prefix)
    );
    s.push_str("    });\n");
    for m in &c.mounts {
        let _ = writeln!(
            s,
            "    {var}.addMountPoints({{ sourceVolume: {}, containerPath: {}, readOnly: false }});",
            lit(&m.volume),
            lit(&m.path)
        );
    }
}

/// The log group and task definition with its containers and their dependencies.
fn task_definition(s: &mut String, svc: &ServiceInfra) {
    let name = camel(&svc.name, false);
    let id = camel(&svc.name, true);
    let task = &svc.task_definition;
    let td = format!("{name}Task");
    let _ = writeln!(s, "\n    // Service {}", svc.name);
    let _ = writeln!(
        s,
        "    const {name}Logs = new logs.LogGroup(this, {}, {{ logGroupName: {}, retention: logs.RetentionDays.{} }});",
        lit(&format!("{id}Logs")),
        lit(&svc.log_group.name),
        svc.log_group.retention_days.map_or("INFINITE", retention)
    );
    let _ = writeln!(
        s,
        "    const {td} = new ecs.FargateTaskDefinition(this, {}, {{",
        lit(&format!("{id}Task"))
    );
    let _ = writeln!(s, "      family: {},", lit(&task.family));
    let _ = writeln!(s, "      cpu: {},", task.cpu);
    let _ = writeln!(s, "      memoryLimitMiB: {},", task.memory);
    if let Some(gib) = task.ephemeral_gib {
        let _ = writeln!(s, "      ephemeralStorageGiB: {gib},");
    }
    let _ = writeln!(
        s,
        "      runtimePlatform: {{\n        cpuArchitecture: ecs.CpuArchitecture.{},\n        operatingSystemFamily: ecs.OperatingSystemFamily.{},\n      }},",
        task.arch.ecs_name(),
        task.os.ecs_name()
    );
    s.push_str("    });\n");
    for v in &task.volumes {
        match &v.efs {
            None => {
                let _ = writeln!(s, "    {td}.addVolume({{ name: {} }});", lit(&v.name));
            }
            Some(efs) => {
                let enabled = |on: bool| lit(if on { "ENABLED" } else { "DISABLED" });
                let _ = writeln!(s, "    {td}.addVolume({{");
                let _ = writeln!(s, "      name: {},", lit(&v.name));
                s.push_str("      efsVolumeConfiguration: {\n");
                let _ = writeln!(s, "        fileSystemId: {},", lit(&efs.file_system_id));
                if let Some(root) = &efs.root_directory {
                    let _ = writeln!(s, "        rootDirectory: {},", lit(root));
                }
                let _ = writeln!(
                    s,
                    "        transitEncryption: {},",
                    enabled(efs.transit_encryption)
                );
                if efs.access_point.is_some() || efs.iam {
                    s.push_str("        authorizationConfig: {\n");
                    if let Some(ap) = &efs.access_point {
                        let _ = writeln!(s, "          accessPointId: {},", lit(ap));
                    }
                    let _ = writeln!(s, "          iam: {},", enabled(efs.iam));
                    s.push_str("        },\n");
                }
                s.push_str("      },\n    });\n");
            }
        }
    }
    for arn in &svc.efs_mounts {
        // The file system's ARN in the deployer's account unless the spec names one.
        let resource = match arn.account {
            crate::infra::Account::Given(_) => lit(&arn.text()),
            crate::infra::Account::Deployer => {
                let (before, after) = arn.around_account();
                format!("{} + cdk.Aws.ACCOUNT_ID + {}", lit(&before), lit(&after))
            }
        };
        let _ = writeln!(
            s,
            "    {td}.addToTaskRolePolicy(new iam.PolicyStatement({{\n      actions: [{}],\n      resources: [{resource}],\n    }}));",
            list(&crate::infra::EFS_CLIENT_ACTIONS.map(str::to_owned))
        );
    }
    let vars = unique_idents(task.containers.iter().map(|c| {
        format!(
            "{}Container",
            camel(&format!("{}-{}", svc.name, c.name), false)
        )
    }));
    for (c, var) in task.containers.iter().zip(&vars) {
        container(s, svc, c, var, &td);
    }
    for (c, var) in task.containers.iter().zip(&vars) {
        for (dep, condition) in &c.depends_on {
            let Some(i) = task.containers.iter().position(|o| &o.name == dep) else {
                continue;
            };
            let condition = match condition {
                Condition::Start => "START",
                Condition::Complete => "COMPLETE",
                Condition::Success => "SUCCESS",
                Condition::Healthy => "HEALTHY",
            };
            let _ = writeln!(
                s,
                "    {var}.addContainerDependencies({{ container: {}, condition: ecs.ContainerDependencyCondition.{condition} }});",
                vars[i]
            );
        }
    }
}

/// Everything of one service; `public`: its tasks run in public subnets with public IPs.
/// `joins`: the service whose load balancer (and listener) this one shares.
pub(super) fn service(s: &mut String, svc: &ServiceInfra, public: bool, joins: Option<&str>) {
    let name = camel(&svc.name, false);
    let id = camel(&svc.name, true);
    let td = format!("{name}Task");
    task_definition(s, svc);
    if let Some(table) = &svc.session_table {
        let (partition, sort, ttl) = crate::infra::SESSION_KEYS;
        let _ = writeln!(
            s,
            "    const {name}Sessions = new dynamodb.Table(this, {}, {{\n      tableName: {},\n      partitionKey: {{ name: {}, type: dynamodb.AttributeType.STRING }},\n      sortKey: {{ name: {}, type: dynamodb.AttributeType.STRING }},\n      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,\n      timeToLiveAttribute: {},\n      pointInTimeRecoverySpecification: {{ pointInTimeRecoveryEnabled: true }},\n    }});\n    {name}Sessions.grantReadWriteData({td}.taskRole);",
            lit(&format!("{id}Sessions")),
            lit(&table.name),
            lit(partition),
            lit(sort),
            lit(ttl)
        );
    }
    let services = ecs_services(s, svc, (&name, &id), &td, (public, joins));
    for (i, (var, expr)) in services.iter().enumerate() {
        strategy(s, svc, &name, &id, (var, expr), i == 0);
    }
    if let Some(sc) = &svc.service.service_connect {
        for (_, expr) in &services {
            service_connect(s, sc, expr);
            if let Some(port) = svc.published_port() {
                // Service Connect clients anywhere in the VPC call the published port.
                let _ = writeln!(
                    s,
                    "    {expr}.connections.allowFrom(ec2.Peer.ipv4(vpc.vpcCidrBlock), ec2.Port.tcp({port}), \"Service Connect clients in the VPC\");"
                );
            }
        }
    }
    if let [(_, expr)] = services.as_slice() {
        scaling(s, svc, &name, expr);
    }
}

/// `enableServiceConnect`: the spec's namespace, or the cluster's default that the stack creates.
fn service_connect(s: &mut String, sc: &crate::model::ServiceConnect, expr: &str) {
    let mut props = Vec::new();
    if let Some(ns) = &sc.namespace {
        props.push(format!("namespace: {}", lit(ns)));
    }
    if let Some(p) = &sc.publish {
        let mut service = vec![format!("portMappingName: {}", lit(&p.port_name))];
        if let Some(d) = &p.discovery_name {
            service.push(format!("discoveryName: {}", lit(d)));
        }
        if let Some(dns) = &p.alias.1 {
            service.push(format!("dnsName: {}", lit(dns)));
        }
        service.push(format!("port: {}", p.alias.0));
        props.push(format!("services: [{{ {} }}]", service.join(", ")));
    }
    let _ = writeln!(
        s,
        "    {expr}.enableServiceConnect({{ {} }});",
        props.join(", ")
    );
}

/// A CloudFormation value as TypeScript: JSON is valid TypeScript, and strings in it escaped.
fn cfn(value: &serde_json::Value) -> String {
    serde_json::to_string(value).unwrap_or_else(|_| "null".to_owned())
}

/// Strategy, bakes, hooks, alarms and the alternate target, through `CfnService` property
/// overrides: the patterns take no deployment strategy, and PAUSE hooks and hook timeouts have
/// no L2 form. Property names: `AWS::ECS::Service DeploymentConfiguration` and
/// `LoadBalancer.AdvancedConfiguration` in the CloudFormation reference. `var` names the ECS
/// service's variables; the hooks' role and the alternate target are created with the `first`
/// service and shared by a cell's zonal services (they share the listener rule).
fn strategy(
    s: &mut String,
    svc: &ServiceInfra,
    name: &str,
    id: &str,
    (var, ecs_service): (&str, &str),
    first: bool,
) {
    let d = &svc.service.deployment;
    let alternate = svc
        .load_balancer
        .as_ref()
        .and_then(|lb| lb.alternate.as_ref().map(|alt| (lb, alt)));
    if d.bake_minutes.is_none() && d.alarms.is_empty() && alternate.is_none() {
        return;
    }
    let cfn_service = format!("{var}Cfn");
    let _ = writeln!(
        s,
        "    const {cfn_service} = {ecs_service}.node.defaultChild as ecs.CfnService;"
    );
    let set = |s: &mut String, path: &str, value: String| {
        let _ = writeln!(
            s,
            "    {cfn_service}.addPropertyOverride({}, {value});",
            lit(path)
        );
    };
    if let Some(bake) = d.bake_minutes {
        set(
            s,
            "DeploymentConfiguration.Strategy",
            lit(d.strategy.ecs_name()),
        );
        set(
            s,
            "DeploymentConfiguration.BakeTimeInMinutes",
            bake.to_string(),
        );
    }
    if let Some((step, bake)) = d.linear {
        let value = serde_json::json!({ "StepPercent": step, "StepBakeTimeInMinutes": bake });
        set(
            s,
            "DeploymentConfiguration.LinearConfiguration",
            cfn(&value),
        );
    }
    if let Some((percent, bake)) = d.canary {
        let value =
            serde_json::json!({ "CanaryPercent": percent, "CanaryBakeTimeInMinutes": bake });
        set(
            s,
            "DeploymentConfiguration.CanaryConfiguration",
            cfn(&value),
        );
    }
    if !d.alarms.is_empty() {
        let value = serde_json::json!({ "AlarmNames": d.alarms, "Enable": true, "Rollback": true });
        set(s, "DeploymentConfiguration.Alarms", cfn(&value));
    }
    hooks(s, svc, name, id, first, &set);
    if let Some((lb, alt)) = alternate {
        if first {
            alternate_target(s, name, id, lb, alt);
        }
        set(
            s,
            "LoadBalancers.0.AdvancedConfiguration",
            format!(
                "{{ AlternateTargetGroupArn: {name}Alternate.targetGroupArn, ProductionListenerRule: {name}Rule.listenerRuleArn, RoleArn: {name}LoadBalancersRole.roleArn }}"
            ),
        );
    }
}

/// Lifecycle hooks; Lambda hooks get a role ECS invokes them with (created with the `first`
/// service).
fn hooks(
    s: &mut String,
    svc: &ServiceInfra,
    name: &str,
    id: &str,
    first: bool,
    set: &dyn Fn(&mut String, &str, String),
) {
    let d = &svc.service.deployment;
    if d.hooks.is_empty() {
        return;
    }
    let functions: Vec<&str> = d
        .hooks
        .iter()
        .filter_map(|h| h.function.as_deref())
        .collect();
    let role = format!("{name}HooksRole");
    if first && !functions.is_empty() {
        let _ = writeln!(
            s,
            "    const {role} = new iam.Role(this, {}, {{ assumedBy: new iam.ServicePrincipal(\"ecs.amazonaws.com\") }});\n    {role}.addToPolicy(new iam.PolicyStatement({{ actions: [\"lambda:InvokeFunction\"], resources: [{}] }}));",
            lit(&format!("{id}HooksRole")),
            list(
                &functions
                    .iter()
                    .map(|f| (*f).to_owned())
                    .collect::<Vec<_>>()
            )
        );
    }
    // CloudFormation's resource schema (as cfn-lint 1.51 knows it) takes Lambda hooks only, with
    // no timeout: PAUSE hooks and timeouts are left to the ECS API, and said so in the code.
    let pauses: Vec<&str> = d
        .hooks
        .iter()
        .filter(|h| h.function.is_none())
        .map(|h| h.stage)
        .collect();
    if first && (!pauses.is_empty() || d.hooks.iter().any(|h| h.function.is_some())) {
        let _ = writeln!(
            s,
            "    // Hook timeouts{} have no CloudFormation property: set them with the ECS API or the console.",
            if pauses.is_empty() {
                String::new()
            } else {
                format!(" and PAUSE hooks ({})", pauses.join(", "))
            }
        );
    }
    let items: Vec<String> = d
        .hooks
        .iter()
        .filter_map(|h| {
            let f = h.function.as_ref()?;
            Some(format!(
                "{{ HookTargetArn: {}, RoleArn: {role}.roleArn, LifecycleStages: [{}] }}",
                lit(f),
                lit(h.stage)
            ))
        })
        .collect();
    if !items.is_empty() {
        set(
            s,
            "DeploymentConfiguration.LifecycleHooks",
            format!("[{}]", items.join(", ")),
        );
    }
}

/// The alternate target group, a listener rule ECS shifts the weights of, and the role it does
/// it with.
fn alternate_target(
    s: &mut String,
    name: &str,
    id: &str,
    lb: &crate::infra::LoadBalancer,
    alt: &crate::infra::AlternateTarget,
) {
    let hc = &lb.health_check;
    let _ = writeln!(
        s,
        "    const {name}Alternate = new elbv2.ApplicationTargetGroup(this, {}, {{\n      vpc,\n      targetGroupName: {},\n      port: {},\n      protocol: elbv2.ApplicationProtocol.HTTP,\n      targetType: elbv2.TargetType.IP,\n      deregistrationDelay: {},\n      healthCheck: {{ path: {}, interval: {}, timeout: {}, healthyThresholdCount: {}, unhealthyThresholdCount: {}, healthyHttpCodes: {} }},\n    }});",
        lit(&format!("{id}Alternate")),
        lit(&alt.target_group_name),
        lb.port,
        seconds(lb.deregistration_delay),
        lit(&hc.path),
        seconds(hc.interval),
        seconds(hc.timeout),
        hc.healthy_threshold,
        hc.unhealthy_threshold,
        lit(&hc.matcher)
    );
    let _ = writeln!(
        s,
        "    const {name}Rule = new elbv2.ApplicationListenerRule(this, {}, {{\n      listener: {name}.listener,\n      priority: {},\n      conditions: [elbv2.ListenerCondition.pathPatterns([{}])],\n      action: elbv2.ListenerAction.weightedForward([\n        {{ targetGroup: {name}.targetGroup, weight: 100 }},\n        {{ targetGroup: {name}Alternate, weight: 0 }},\n      ]),\n    }});",
        lit(&format!("{id}Rule")),
        lb.listener_priority,
        lit(&lb.path_pattern)
    );
    let _ = writeln!(
        s,
        "    const {name}LoadBalancersRole = new iam.Role(this, {}, {{\n      assumedBy: new iam.ServicePrincipal(\"ecs.amazonaws.com\"),\n      managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName(\"AmazonECSInfrastructureRolePolicyForLoadBalancers\")],\n    }});",
        lit(&format!("{id}LoadBalancersRole"))
    );
}

/// The service, load-balanced or not, or a cell's zonal services (one per zone, `<name>-z<n>`,
/// in that zone's subnets, all behind the one target group); returns each `FargateService`'s
/// variable prefix and expression.
fn ecs_services(
    s: &mut String,
    svc: &ServiceInfra,
    (name, id): (&str, &str),
    td: &str,
    (public, joins): (bool, Option<&str>),
) -> Vec<(String, String)> {
    let e = &svc.service;
    let strategy = match &e.capacity {
        CapacityMix::OnDemand => String::new(),
        CapacityMix::Providers(items) => {
            let items: Vec<String> = items
                .iter()
                .map(|i| {
                    let base = if i.base > 0 {
                        format!(", base: {}", i.base)
                    } else {
                        String::new()
                    };
                    format!(
                        "{{ capacityProvider: \"{}\"{base}, weight: {} }}",
                        i.provider, i.weight
                    )
                })
                .collect();
            format!(
                "      capacityProviderStrategies: [{}],\n",
                items.join(", ")
            )
        }
    };
    // The subnets of the tasks: the VPC's public ones when they get public IPs, in one zone for
    // a zonal service; the default (private) ones otherwise.
    let selection = |zone: Option<usize>| {
        let mut parts = Vec::new();
        if public {
            parts.push("subnetType: ec2.SubnetType.PUBLIC".to_owned());
        }
        if let Some(z) = zone {
            parts.push(format!("availabilityZones: [vpc.availabilityZones[{z}]]"));
        }
        (!parts.is_empty()).then(|| format!("{{ {} }}", parts.join(", ")))
    };
    // (service name, desired count, subnet selection) of each ECS service.
    let units: Vec<(String, u32, Option<String>)> = match &e.zonal {
        Some(counts) => counts
            .iter()
            .enumerate()
            .map(|(z, n)| (format!("{}-z{}", e.name, z + 1), *n, selection(Some(z))))
            .collect(),
        None => vec![(e.name.clone(), e.desired, selection(None))],
    };
    let public_ip = if public {
        "      assignPublicIp: true,\n"
    } else {
        ""
    };
    let common = |service_name: &str, desired: u32| {
        format!(
            "      cluster,\n      taskDefinition: {td},\n      serviceName: {},\n      desiredCount: {desired},\n      minHealthyPercent: {},\n      maxHealthyPercent: {},\n      circuitBreaker: {{ enable: {}, rollback: {} }},\n      enableExecuteCommand: {},\n{strategy}{public_ip}",
            lit(service_name),
            e.minimum_healthy_percent,
            e.maximum_percent,
            e.circuit_breaker,
            e.rollback,
            e.exec,
        )
    };
    let mut out = Vec::new();
    for (z, (service_name, desired, subnets)) in units.iter().enumerate() {
        let (var, cid) = if e.zonal.is_some() && z > 0 {
            (format!("{name}Z{}", z + 1), format!("{id}Z{}", z + 1))
        } else {
            (name.to_owned(), id.to_owned())
        };
        let common = common(service_name, *desired);
        let Some(lb) = &svc.load_balancer else {
            let placement = subnets
                .as_ref()
                .map(|sel| format!("      vpcSubnets: {sel},\n"))
                .unwrap_or_default();
            let _ = writeln!(
                s,
                "    const {var} = new ecs.FargateService(this, {}, {{\n{common}{placement}    }});",
                lit(&cid)
            );
            out.push((var.clone(), var));
            continue;
        };
        if z > 0 {
            // Zones after the first: plain services registered with the first one's target group.
            let _ = writeln!(
                s,
                "    const {var} = new ecs.FargateService(this, {}, {{\n{common}      vpcSubnets: {},\n      healthCheckGracePeriod: {},\n    }});\n    {name}.targetGroup.addTarget({var});",
                lit(&cid),
                subnets.as_deref().unwrap_or("{}"),
                seconds(lb.grace_period)
            );
            out.push((var.clone(), var));
            continue;
        }
        let placement = subnets
            .as_ref()
            .map(|sel| format!("      taskSubnets: {sel},\n"))
            .unwrap_or_default();
        let hc = &lb.health_check;
        match joins {
            None => {
                let _ = writeln!(
                    s,
                    "    const {name} = new ecsPatterns.ApplicationLoadBalancedFargateService(this, {}, {{\n{common}{placement}      publicLoadBalancer: true,\n      listenerPort: 80,\n      healthCheckGracePeriod: {},\n    }});",
                    lit(id),
                    seconds(lb.grace_period)
                );
            }
            Some(first) => {
                // The app's one load balancer (the plan bills one): a rule on the first service's
                // listener, by path, as the Terraform writes it; the same members as the pattern.
                let subnets = subnets
                    .as_ref()
                    .map(|sel| format!("      vpcSubnets: {sel},\n"))
                    .unwrap_or_default();
                let _ = writeln!(
                    s,
                    "    const {name}Service = new ecs.FargateService(this, {}, {{\n{common}{subnets}      healthCheckGracePeriod: {},\n    }});\n    const {name}Targets = {first}.listener.addTargets({}, {{\n      priority: {},\n      conditions: [elbv2.ListenerCondition.pathPatterns([{}])],\n      port: {},\n      protocol: elbv2.ApplicationProtocol.HTTP,\n      targets: [{name}Service],\n    }});\n    const {name} = {{ service: {name}Service, targetGroup: {name}Targets, listener: {first}.listener, loadBalancer: {first}.loadBalancer }};",
                    lit(&format!("{id}Service")),
                    seconds(lb.grace_period),
                    lit(&format!("{id}Targets")),
                    lb.listener_priority,
                    lit(&lb.path_pattern),
                    lb.port,
                );
            }
        }
        let _ = writeln!(
            s,
            "    {name}.targetGroup.configureHealthCheck({{\n      path: {},\n      interval: {},\n      timeout: {},\n      healthyThresholdCount: {},\n      unhealthyThresholdCount: {},\n      healthyHttpCodes: {},\n    }});\n    {name}.targetGroup.setAttribute(\"deregistration_delay.timeout_seconds\", {});",
            lit(&hc.path),
            seconds(hc.interval),
            seconds(hc.timeout),
            hc.healthy_threshold,
            hc.unhealthy_threshold,
            lit(&hc.matcher),
            lit(&lb.deregistration_delay.to_string())
        );
        out.push((name.to_owned(), format!("{name}.service")));
    }
    out
}

fn scaling(s: &mut String, svc: &ServiceInfra, name: &str, ecs_service: &str) {
    let Some(scaling) = &svc.scaling else {
        return;
    };
    let _ = writeln!(
        s,
        "    const {name}Scaling = {ecs_service}.autoScaleTaskCount({{ minCapacity: {}, maxCapacity: {} }});",
        scaling.min, scaling.max
    );
    for p in &scaling.policies {
        let cooldowns = format!(
            "scaleInCooldown: {}, scaleOutCooldown: {}",
            seconds(p.scale_in_cooldown),
            seconds(p.scale_out_cooldown)
        );
        let t = p.target;
        let _ = match p.metric {
            Metric::Cpu => writeln!(
                s,
                "    {name}Scaling.scaleOnCpuUtilization(\"Cpu\", {{ targetUtilizationPercent: {t}, {cooldowns} }});"
            ),
            Metric::Memory => writeln!(
                s,
                "    {name}Scaling.scaleOnMemoryUtilization(\"Memory\", {{ targetUtilizationPercent: {t}, {cooldowns} }});"
            ),
            Metric::Requests => writeln!(
                s,
                "    {name}Scaling.scaleOnRequestCount(\"Requests\", {{ requestsPerTarget: {t}, targetGroup: {name}.targetGroup, {cooldowns} }});"
            ),
        };
    }
}
