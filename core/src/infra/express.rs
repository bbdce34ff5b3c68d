//! What an ECS Express Mode service is given for each of the spec's services, decided here from
//! the model, so the Express printer (`emit::express`) only prints: the fit (what Express cannot
//! run), the health check path and the scaling target.
//! Source: https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_CreateExpressGatewayService.html

use crate::model::{App, Os, Service, Strategy};

/// One service as Express takes it.
#[derive(Debug, Clone, PartialEq)]
pub struct ExpressService {
    /// The service's name.
    pub name: String,
    /// The cluster: the app.
    pub cluster: String,
    /// The load balancer's health check path.
    pub health_check_path: String,
    /// Tasks at least ...
    pub min_tasks: u32,
    /// ... and at most.
    pub max_tasks: u32,
    /// Express's one scaling metric and its whole-number target, from the spec's first
    /// autoscaling target (CPU, else memory, else requests).
    pub metric: Option<(&'static str, i64)>,
    /// What keeps Express from running it, one reason each.
    pub misfits: Vec<String>,
}

fn misfits(svc: &Service) -> Vec<String> {
    let mut out = Vec::new();
    if svc.port.is_none() {
        out.push("it has no `port`: Express runs web services behind its load balancer".to_owned());
    }
    if svc.os == Os::Windows {
        out.push("it runs Windows: Express runs Linux tasks".to_owned());
    }
    if matches!(
        svc.deployment.strategy,
        Strategy::BlueGreen { .. } | Strategy::Linear { .. } | Strategy::Recreate
    ) {
        out.push(format!(
            "its deployment strategy is `{}`: Express deploys with canary",
            svc.deployment.strategy.name().as_str()
        ));
    }
    // `CreateExpressGatewayService` has neither a capacity provider strategy nor Service Connect.
    if svc.counts.spot_share(svc.counts.target) > 0.0 {
        out.push(
            "it runs tasks on Fargate Spot: Express takes no capacity provider strategy".to_owned(),
        );
    }
    if svc.service_connect.is_some() {
        out.push(
            "it uses Service Connect: Express takes no Service Connect configuration".to_owned(),
        );
    }
    out
}

/// Every service of `app` as Express takes it.
#[must_use]
pub fn services(app: &App) -> Vec<ExpressService> {
    app.services
        .iter()
        .map(|svc| {
            let metric = svc.autoscaling.as_ref().and_then(|a| {
                [
                    ("AVERAGE_CPU", a.cpu_target),
                    ("AVERAGE_MEMORY", a.memory_target),
                    ("REQUEST_COUNT_PER_TARGET", a.requests_per_target),
                ]
                .into_iter()
                .find_map(|(m, t)| {
                    // The API takes a whole number (`BoxedInteger` in botocore's model).
                    #[allow(clippy::cast_possible_truncation)] // percents and request counts
                    t.map(|t| (m, t.round() as i64))
                })
            });
            ExpressService {
                name: svc.name.clone(),
                cluster: app.name.clone(),
                health_check_path: svc.health_check.path.clone(),
                min_tasks: svc.counts.min.max(1),
                max_tasks: svc.counts.max.max(svc.counts.min).max(1),
                metric,
                misfits: misfits(svc),
            }
        })
        .collect()
}
