//! A Fargate task definition without errors, as the validated model: one service named after
//! its family, with the ECS API's defaults for everything a task definition does not say (one
//! task, no load balancer, the default rolling deployment).

use super::from_spec::{container, volume};
use super::{
    App, Base, Counts, Deployment, LbHealthCheck, Service, SessionStore, Strategy, TaskSize,
};
use crate::facts;
use crate::secret_ref::RefStyle;
use crate::task::{Launch, Task};

/// The Region a task definition is planned in when its log configuration names none: the
/// Region akplan's price table is calibrated on.
pub const DEFAULT_REGION: &str = "us-east-1";

/// The model of a Fargate task definition `task` of `family`, planned in `region`; `None` for
/// other launch types or a size that is not given (a templated one).
pub(crate) fn from_task(task: &Task, family: &str, region: Option<&str>) -> Option<App> {
    if task.launch != Launch::Fargate {
        return None;
    }
    let size = TaskSize {
        cpu: task.cpu.as_ref()?.value,
        memory: task.memory.as_ref()?.value,
    };
    let stop_timeout = task
        .containers
        .first()
        .and_then(|c| c.stop_timeout.as_ref())
        .map_or(facts::STOP_TIMEOUT_DEFAULT, |s| s.value);
    let service = Service {
        name: family.to_owned(),
        path: task.path.clone(),
        size,
        arch: task.arch.value,
        os: task.os.value,
        ephemeral_gib: task.ephemeral_gib.value,
        platform: task.platform.value,
        containers: task
            .containers
            .iter()
            .map(|c| container(c, RefStyle::TaskDefinition))
            .collect(),
        volumes: task.volumes.iter().map(volume).collect(),
        port: None,
        counts: Counts::new(Base::Count(1), false, 1, (None, None), 0),
        health_check: default_lb_health_check(),
        health_check_written: false,
        deployment: Deployment {
            minimum_healthy_percent: facts::MIN_HEALTHY_PERCENT_DEFAULT,
            maximum_percent: facts::MAX_PERCENT_DEFAULT,
            circuit_breaker: false,
            rollback: false,
            deregistration_delay: facts::DEREGISTRATION_DELAY_DEFAULT,
            stop_timeout,
            task_start_seconds: facts::TASK_START_SECONDS_DEFAULT,
            strategy: Strategy::Rolling,
            hooks: Vec::new(),
            alarms: Vec::new(),
        },
        autoscaling: None,
        session_store: SessionStore::None,
        exec: false,
        container_insights: false,
        log_retention_days: None,
        logs_gb_per_month: None,
        average_rps: None,
        profile: None,
        service_connect: None,
    };
    Some(App {
        name: family.to_owned(),
        region: region.unwrap_or(DEFAULT_REGION).to_owned(),
        account_id: None,
        zones: 1,
        nat_gateways: 0,
        egress_gb_per_month: None,
        cross_az_gb_per_month: None,
        services: vec![service],
        fleet: None,
        release: None,
    })
}

/// Elastic Load Balancing's target group defaults.
fn default_lb_health_check() -> LbHealthCheck {
    use facts::lb_health as d;
    LbHealthCheck {
        path: d::DEFAULT_PATH.to_owned(),
        interval: d::DEFAULT_INTERVAL,
        timeout: d::DEFAULT_TIMEOUT,
        healthy_threshold: d::DEFAULT_HEALTHY,
        unhealthy_threshold: d::DEFAULT_UNHEALTHY,
        matcher: "200".to_owned(),
        grace_period: facts::GRACE_PERIOD_DEFAULT,
    }
}
