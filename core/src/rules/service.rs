//! Service rules of a spec: load balancer health check, deployment bounds, availability,
//! Spot, autoscaling and logs.

use crate::diagnostic::{Code, Finding};
use crate::facts::{self, lb_health};
use crate::model::Base;
use crate::pointer::Pointer;
use crate::spec::{Service, Spec};
use crate::task::Os;

/// Checks one service of `spec`.
pub fn check(spec: &Spec, svc: &Service, out: &mut Vec<Finding>) {
    health_check(svc, out);
    deployment(spec, svc, out);
    super::strategy::check(svc, out);
    availability(spec, svc, out);
    autoscaling(svc, out);
    let retention_path = svc.path.join_all(["logs", "retention_days"]);
    if let Some(days) = svc.log_retention_days
        && !facts::LOG_RETENTION_DAYS.contains(&days)
    {
        let nearest = facts::LOG_RETENTION_DAYS
            .iter()
            .min_by_key(|d| d.abs_diff(days))
            .copied()
            .unwrap_or(7);
        out.push(Finding::new(
            Code::LogRetention,
            &retention_path,
            format!("CloudWatch Logs cannot keep logs for {days} days"),
            format!("the nearest allowed value is {nearest}"),
        ));
    }
}

fn health_check(svc: &Service, out: &mut Vec<Finding>) {
    let hc = &svc.health_check;
    let at = |field: &str| svc.path.join_all(["health_check", field]);
    if svc.port.is_none() {
        if svc.health_check_written {
            out.push(Finding::new(
                Code::HealthCheckWithoutPort,
                &svc.path.join("health_check"),
                "`health_check` is set but the service has no `port`, so no load balancer checks it",
                "add `port`, or use `container_health_check` for a worker",
            ));
        }
    } else {
        for (value, range, field) in [
            (hc.interval, lb_health::INTERVAL, "interval"),
            (hc.timeout, lb_health::TIMEOUT, "timeout"),
            (
                hc.healthy_threshold,
                lb_health::THRESHOLD,
                "healthy_threshold",
            ),
            (
                hc.unhealthy_threshold,
                lb_health::THRESHOLD,
                "unhealthy_threshold",
            ),
        ] {
            if !(range.0..=range.1).contains(&value) {
                out.push(Finding::new(
                    Code::HealthCheckRange,
                    &at(field),
                    format!("health check {field} {value} is out of range"),
                    format!("use {}-{}", range.0, range.1),
                ));
            }
        }
        if !hc.path.starts_with('/') {
            out.push(Finding::new(
                Code::HealthCheckRange,
                &at("path"),
                format!("health check path `{}` does not start with `/`", hc.path),
                format!("write `/{}`", hc.path),
            ));
        }
        if hc.timeout >= hc.interval {
            out.push(Finding::new(
                Code::HealthCheckTimeout,
                &at("timeout"),
                format!(
                    "timeout {} s is not shorter than interval {} s",
                    hc.timeout, hc.interval
                ),
                "lower `timeout` or raise `interval`",
            ));
        }
        let start = svc.deployment.task_start_seconds;
        if hc.grace_period < start {
            out.push(Finding::new(
                Code::GracePeriod,
                &at("grace_period"),
                format!(
                    "grace period {} s is shorter than the task start time of {start} s",
                    hc.grace_period
                ),
                format!("set `grace_period: {start}` or more"),
            ));
        }
    }
    let delay = svc.deployment.deregistration_delay;
    if !(facts::DEREGISTRATION_DELAY.0..=facts::DEREGISTRATION_DELAY.1).contains(&delay) {
        out.push(Finding::new(
            Code::DeregistrationDelay,
            &svc.path.join_all(["deployment", "deregistration_delay"]),
            format!("deregistration delay {delay} s is out of range"),
            format!(
                "use {}-{} s; APIs with sub-second responses need only a few seconds",
                facts::DEREGISTRATION_DELAY.0,
                facts::DEREGISTRATION_DELAY.1
            ),
        ));
    }
}

/// The tasks ECS may run and must keep healthy during a deployment of `desired` tasks.
/// Source: [DG23] service_definition_parameters.md (maximum rounds down, minimum rounds up).
#[must_use]
pub fn deployment_bounds(desired: u32, minimum_percent: u32, maximum_percent: u32) -> (u32, u32) {
    let desired = u64::from(desired);
    let most = desired * u64::from(maximum_percent) / 100;
    let least = (desired * u64::from(minimum_percent)).div_ceil(100);
    (
        u32::try_from(least).unwrap_or(u32::MAX),
        u32::try_from(most).unwrap_or(u32::MAX),
    )
}

fn deployment(spec: &Spec, svc: &Service, out: &mut Vec<Finding>) {
    let d = &svc.deployment;
    let at = |field: &str| svc.path.join_all(["deployment", field]);
    let desired = svc.counts(spec.zones.count).target;
    let (least, most) = deployment_bounds(desired, d.minimum_healthy_percent, d.maximum_percent);
    if desired > 0 && most <= desired && least >= desired {
        out.push(Finding::new(
            Code::DeploymentStuck,
            &at("maximum_percent"),
            format!(
                "with {desired} tasks, {}% / {}% lets ECS run at most {most} and keep at least {least}: a deployment can neither start nor stop a task",
                d.minimum_healthy_percent, d.maximum_percent
            ),
            format!(
                "raise `maximum_percent` to at least {} or lower `minimum_healthy_percent` to at most {}",
                (u64::from(desired) + 1).saturating_mul(100).div_ceil(u64::from(desired)),
                u64::from(desired - 1) * 100 / u64::from(desired)
            ),
        ));
    }
    if d.minimum_healthy_percent == 0 && svc.port.is_some() {
        out.push(Finding::new(
            Code::Downtime,
            &at("minimum_healthy_percent"),
            "minimum_healthy_percent 0 lets a deployment stop every task behind the load balancer",
            "use 100 (production) or 50 (development) with maximum_percent 200",
        ));
    }
    if !d.circuit_breaker && !d.strategy.shifts_traffic() {
        out.push(Finding::new(
            Code::CircuitBreakerOff,
            &at("circuit_breaker"),
            "the deployment circuit breaker is off: a broken deployment retries forever",
            "set `circuit_breaker: true` and `rollback: true`",
        ));
        if d.rollback {
            out.push(Finding::new(
                Code::RollbackWithoutBreaker,
                &at("rollback"),
                "`rollback` does nothing while `circuit_breaker` is false",
                "set `circuit_breaker: true`",
            ));
        }
    }
}

fn availability(spec: &Spec, svc: &Service, out: &mut Vec<Finding>) {
    let cap = &svc.capacity;
    let at = |field: &str| svc.path.join_all(["capacity", field]);
    let zones = spec.zones.count;
    let base = cap.base.count();
    let target = svc.counts(zones).target;
    if let Base::Load { rps_per_task, .. } = cap.base
        && rps_per_task <= 0.0
    {
        out.push(Finding::new(
            Code::CapacityBase,
            &at("rps_per_task"),
            "rps_per_task must be above 0",
            "give the requests per second one task serves",
        ));
    }
    if target < 2 {
        out.push(Finding::new(
            Code::TooFewTasks,
            &at("base_count"),
            format!(
                "the service runs {target} task{}: one failure takes it down",
                if target == 1 { "" } else { "s" }
            ),
            "run at least 2 tasks (3 or more recommended)",
        ));
    } else if target < zones {
        out.push(Finding::new(
            Code::FewerTasksThanAzs,
            &at("base_count"),
            format!("{target} tasks cannot cover {zones} Availability Zones"),
            format!("run at least {zones} tasks, or use {target} zones"),
        ));
    }
    if cap.static_stability && zones < 2 {
        out.push(Finding::new(
            Code::StaticStabilityOneAz,
            &at("static_stability"),
            "static stability needs at least 2 Availability Zones",
            "use `availability_zones: 3`, or turn `static_stability` off",
        ));
    }
    if cap.static_stability
        && let Some(min) = cap.min
        && min < target
    {
        out.push(Finding::new(
            Code::MinBelowTarget,
            &at("min"),
            format!(
                "min {min} is below the {target} tasks needed to survive losing one of {zones} zones (base {base})"
            ),
            format!("set `min: {target}`"),
        ));
    }
    if let Some(max) = cap.max
        && max < target
    {
        out.push(Finding::new(
            Code::MaxBelowTarget,
            &at("max"),
            format!("max {max} is below the {target} tasks the service needs"),
            format!("set `max: {target}` or more"),
        ));
    }
    if let (Some(min), Some(max)) = (cap.min, cap.max)
        && max < min
    {
        out.push(Finding::new(
            Code::MaxBelowMin,
            &at("max"),
            format!("max {max} is below min {min}"),
            "make `max` at least `min`",
        ));
    }
    let most = cap.max.unwrap_or(0).max(target).max(cap.min.unwrap_or(0));
    let (quota, why) = if svc.service_connect.is_some() {
        (
            facts::MAX_TASKS_SERVICE_CONNECT,
            "a Service Connect service runs",
        )
    } else {
        (
            facts::MAX_TASKS_PER_SERVICE,
            "an ECS service runs by default",
        )
    };
    if most > quota {
        out.push(Finding::new(
            Code::TaskQuota,
            &at(if cap.max.is_some() {
                "max"
            } else {
                "base_count"
            }),
            format!("{most} tasks is over the {quota} tasks {why}"),
            "request a quota increase before deploying, or split the service",
        ));
    }
    if cap.static_stability && spec.nat_gateways > 0 && spec.nat_gateways < zones {
        out.push(Finding::new(
            Code::NatPerZone,
            &Pointer::root().join("nat_gateways"),
            format!(
                "{} NAT gateway{} for {zones} zones: losing a NAT gateway's zone cuts the outbound access of the tasks routed through it, whatever the pre-scaling",
                spec.nat_gateways,
                if spec.nat_gateways == 1 { "" } else { "s" }
            ),
            format!(
                "use `nat_gateways: {zones}` (one per zone, about {} a month each in us-east-1)",
                crate::present::usd(facts::REGIONAL_RATES[0].nat_hourly * facts::HOURS_PER_MONTH)
            ),
        ));
    }
    // Where the Spot share is said: the strategy when the spec gives one.
    let spot_field = if cap.providers.is_some() {
        "providers"
    } else {
        "spot_percent"
    };
    let counts = svc.counts(zones);
    let all_spot = counts.spot_share(target) >= 1.0 - 1e-9 && target > 0;
    let any_spot = match cap.providers {
        Some(p) => p.spot.is_some_and(|s| s.base > 0 || s.weight > 0),
        None => cap.spot_percent > 0,
    };
    if all_spot && cap.static_stability && svc.port.is_some() {
        out.push(Finding::new(
            Code::AllSpotStatic,
            &at(spot_field),
            "every task is on Fargate Spot: an interruption can take them all at once, in every zone",
            "keep the base load on demand, e.g. `spot_percent: 50` or a `FARGATE` base",
        ));
    }
    if any_spot && svc.task.os.value == Os::Windows {
        out.push(Finding::new(
            Code::SpotWindows,
            &at(spot_field),
            "Fargate Spot does not run Windows tasks",
            "run on `FARGATE` only (`spot_percent: 0`, no `FARGATE_SPOT`)",
        ));
    }
    if cap.providers.is_some() && cap.spot_percent > 0 {
        out.push(Finding::new(
            Code::SpotTwice,
            &at("spot_percent"),
            "`spot_percent` and `providers` both say where the tasks run",
            "keep `providers` (the strategy) and remove `spot_percent`",
        ));
    }
    if let Some(p) = cap.providers {
        let providers = at("providers");
        if let (Some(od), Some(sp)) = (p.fargate, p.spot) {
            if od.base > 0 && sp.base > 0 {
                out.push(Finding::new(
                    Code::ProviderBases,
                    &providers.join("FARGATE_SPOT").join("base"),
                    format!(
                        "a base on both providers (FARGATE {}, FARGATE_SPOT {}): ECS takes one",
                        od.base, sp.base
                    ),
                    "keep the base on one provider, usually `FARGATE`",
                ));
            }
            if od.weight == 0 && sp.weight == 0 {
                out.push(Finding::new(
                    Code::ProviderWeights,
                    &providers,
                    "both providers at weight 0 (the default when none is given)",
                    "give one provider a weight, e.g. `FARGATE: {weight: 1}`",
                ));
            }
        }
    }
}

fn autoscaling(svc: &Service, out: &mut Vec<Finding>) {
    let Some(a) = &svc.autoscaling else { return };
    let at = |field: &str| svc.path.join_all(["autoscaling", field]);
    for (value, field) in [
        (a.cpu_target, "cpu_target"),
        (a.memory_target, "memory_target"),
    ] {
        if let Some(v) = value
            && !(v > 0.0 && v <= 100.0)
        {
            out.push(Finding::new(
                Code::ScalingRange,
                &at(field),
                format!("{field} {v} is not a percentage"),
                "use a target utilisation between 1 and 100 (70 is common)",
            ));
        }
    }
    if let Some(v) = a.requests_per_target {
        if v < 1.0 {
            out.push(Finding::new(
                Code::ScalingRange,
                &at("requests_per_target"),
                format!("requests_per_target {v} is below 1"),
                "give the requests per task per minute one task should serve",
            ));
        }
        if svc.port.is_none() {
            out.push(Finding::new(
                Code::RequestScalingWithoutLb,
                &at("requests_per_target"),
                "requests_per_target needs a load balancer, and the service has no `port`",
                "add `port`, or scale on `cpu_target`",
            ));
        }
    }
    for (value, field) in [
        (a.scale_in_cooldown, "scale_in_cooldown"),
        (a.scale_out_cooldown, "scale_out_cooldown"),
    ] {
        if value > facts::SCALING_COOLDOWN_MAX {
            out.push(Finding::new(
                Code::ScalingRange,
                &at(field),
                format!("{field} {value} s is over a day"),
                format!(
                    "use 0-{} s (300 is the default)",
                    facts::SCALING_COOLDOWN_MAX
                ),
            ));
        }
    }
    if a.cpu_target.is_none() && a.memory_target.is_none() && a.requests_per_target.is_none() {
        out.push(Finding::new(
            Code::ScalingWithoutMetric,
            &svc.path.join("autoscaling"),
            "autoscaling has no target, so nothing scales",
            "add `cpu_target: 70` (or `requests_per_target`), or remove the block",
        ));
    }
}

/// Checks the zones of the spec against its Region.
pub fn check_zones(spec: &Spec, out: &mut Vec<Finding>) {
    if !spec.region_known() {
        out.push(Finding::new(
            Code::UnknownRegion,
            &Pointer::root().join("region"),
            format!("akplan does not know the Region `{}`", spec.region),
            "check the spelling (e.g. `us-east-1`); prices fall back to us-east-1's",
        ));
        return;
    }
    zones_in(&spec.region, spec.zones.count, &spec.zones.path, out);
    if let Some(fleet) = &spec.fleet {
        for r in fleet.regions.iter().filter(|r| r.value != spec.region) {
            zones_in(&r.value, spec.zones.count, &r.path, out);
        }
    }
    let prefix = facts::REGIONS
        .iter()
        .find(|(r, _)| *r == spec.region)
        .map_or("", |(_, p)| *p);
    for zone in &spec.zones.names {
        let name = zone.value.as_str();
        let by_name = name
            .strip_prefix(spec.region.as_str())
            .is_some_and(|rest| rest.len() == 1 && rest.bytes().all(|b| b.is_ascii_lowercase()));
        let by_id = name
            .strip_prefix(prefix)
            .and_then(|rest| rest.strip_prefix("-az"))
            .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
        if !by_name && !by_id {
            out.push(Finding::new(
                Code::AzName,
                &zone.path,
                format!("`{name}` is not a zone of {}", spec.region),
                format!(
                    "write `{}a` or `{prefix}-az1`, or give a count",
                    spec.region
                ),
            ));
        }
    }
}

/// Warns when `region` has fewer zones than `count`, or fewer for many accounts.
fn zones_in(region: &str, count: u32, path: &Pointer, out: &mut Vec<Finding>) {
    let Some((zones, seen)) = facts::zones_of(region) else {
        return;
    };
    if count > zones {
        out.push(Finding::new(
            Code::ZonesBeyondRegion,
            path,
            format!("{count} zones, and {region} has {zones}"),
            format!("use `availability_zones: {zones}` or fewer"),
        ));
    } else if let Some(seen) = seen
        && count > seen
    {
        out.push(Finding::new(
            Code::ZonesBeyondRegion,
            path,
            format!(
                "{count} zones in {region}: many older accounts see only {seen} there"
            ),
            format!(
                "check `aws ec2 describe-availability-zones --region {region}`; with {seen} zones, use `availability_zones: {seen}`"
            ),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounds_round_as_ecs_does() {
        assert_eq!(deployment_bounds(6, 100, 200), (6, 12));
        assert_eq!(deployment_bounds(2, 75, 100), (2, 2));
        assert_eq!(deployment_bounds(3, 100, 125), (3, 3));
        assert_eq!(deployment_bounds(3, 50, 150), (2, 4));
    }
}
