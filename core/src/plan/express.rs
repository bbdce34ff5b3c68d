//! The same app as ECS Express Mode would run it, beside the plain ECS services akplan emits:
//! what Express creates that akplan's own code does not (a load balancer per 25 services, a
//! deployment alarm per service) and what that changes in the bill.
//! Source: <https://docs.aws.amazon.com/AmazonECS/latest/developerguide/express-service-work.html>
//! ("What Express Mode creates": the shared HTTPS Application Load Balancer, the metric alarm
//! that watches deployments).

use serde::Serialize;

use super::capacity::round2;
use super::cost::{self, ByArch};
use crate::facts;
use crate::infra::express;
use crate::model::App;
use crate::pricing::Prices;

/// The app under Express, against the plain ECS bill.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct ExpressPlan {
    /// Whether every service fits Express (`akplan emit express` writes it only then).
    pub fits: bool,
    /// What does not fit, one line per service and reason.
    pub misfits: Vec<String>,
    /// What ECS creates for the app, with the values the spec decides and Express's defaults
    /// where it decides none: the shared load balancer, then one line per service.
    pub creates: Vec<String>,
    /// Services that move to Express (those that fit; the others stay plain ECS services).
    pub services: u32,
    /// Load balancers Express shares among them: one per 25 services of a cluster and VPC.
    pub load_balancers: u32,
    /// Their hourly charge per month.
    pub alb_monthly_usd: f64,
    /// One metric alarm per Express service, watching its deployments.
    pub alarms: u32,
    /// Their charge per month (standard resolution; CloudWatch's 10 free alarms per account are
    /// not counted, since other resources use them).
    pub alarm_monthly_usd: f64,
    /// The whole bill under Express: the plain bill with Express's load balancers and alarms.
    pub monthly_usd: ByArch,
    /// Express minus the plain bill, per month.
    pub difference_monthly_usd: f64,
}

/// `app` under Express, given the plain bill (`plain`) and the plain ALB charge in it. A service
/// that does not fit Express stays a plain ECS service (and keeps the plain load balancer when it
/// has a port), so the figures are those of the services that move.
#[must_use]
pub fn plan(app: &App, prices: &Prices, plain: ByArch, plain_alb: f64) -> ExpressPlan {
    let services = express::services(app);
    let misfits: Vec<String> = services
        .iter()
        .flat_map(|s| s.misfits.iter().map(move |m| format!("{}: {m}", s.name)))
        .collect();
    let moving: Vec<_> = services
        .iter()
        .zip(&app.services)
        .filter(|(e, _)| e.misfits.is_empty())
        .collect();
    let count = u32::try_from(moving.len()).unwrap_or(u32::MAX);
    let load_balancers = count.div_ceil(facts::EXPRESS_SERVICES_PER_ALB);
    let alb = round2(f64::from(load_balancers) * cost::alb_monthly(prices));
    let alarms = round2(f64::from(count) * facts::CLOUDWATCH_ALARM_MONTHLY);
    let plain_alb_stays = services
        .iter()
        .zip(&app.services)
        .any(|(e, s)| !e.misfits.is_empty() && s.port.is_some());
    let delta = alb + alarms - if plain_alb_stays { 0.0 } else { plain_alb };
    let mut creates = vec![format!(
        "{load_balancers} internet-facing HTTPS Application Load Balancer{} shared by up to {} services of the cluster (a 443 listener with an ACM certificate, a rule and a target group per service) and their security groups",
        if load_balancers == 1 { "" } else { "s" },
        facts::EXPRESS_SERVICES_PER_ALB
    )];
    for (e, svc) in moving {
        let scaling = match e.metric {
            Some((metric, target)) => format!("{metric} at {target}"),
            None => "AVERAGE_CPU at 60 (Express's default)".to_owned(),
        };
        creates.push(format!(
            "{}: a Fargate service in cluster `{}`{}, health check `{}`, {}..{} tasks by target tracking on {scaling}, canary deployments, a log group and an alarm on failed deployments",
            e.name,
            e.cluster,
            svc.port.map_or(String::new(), |p| format!(", port {p}")),
            e.health_check_path,
            e.min_tasks,
            e.max_tasks,
        ));
    }
    ExpressPlan {
        fits: misfits.is_empty(),
        misfits,
        creates,
        services: count,
        load_balancers,
        alb_monthly_usd: alb,
        alarms: count,
        alarm_monthly_usd: alarms,
        monthly_usd: ByArch {
            x86_64: round2(plain.x86_64 + delta),
            arm64: round2(plain.arm64 + delta),
        },
        difference_monthly_usd: round2(delta),
    }
}

#[cfg(test)]
mod tests {
    use std::fmt::Write as _;

    use crate::pricing::Prices;
    use crate::{Assumptions, Format, check_spec};

    fn spec(services: u32) -> String {
        let mut s = String::from("version: 1\napp: shop\nregion: us-east-1\nservices:\n");
        for i in 0..services {
            let _ = write!(
                s,
                "  s{i}:\n    image: example/s{i}:1.0.0\n    cpu: 256\n    memory: 512\n    port: 8080\n    capacity: {{ base_count: 2 }}\n    deployment: {{ strategy: canary }}\n"
            );
        }
        s
    }

    /// A 26th service in the cluster gets a second load balancer under Express; akplan's own
    /// code shares one. Every service adds its deployment alarm.
    #[test]
    fn express_adds_a_load_balancer_per_25_services_and_an_alarm_each() {
        let prices = Prices::builtin("us-east-1");
        for (n, lbs) in [(1, 1), (25, 1), (26, 2), (51, 3)] {
            let text = spec(n);
            let app = check_spec(&text, Format::Yaml)
                .model
                .unwrap_or_else(|| panic!("{n} services: valid"));
            let plan = crate::plan(&app, Assumptions::default(), &prices);
            let Some(e) = plan.express else {
                panic!("{n} load-balanced services have an Express plan")
            };
            assert!(e.fits, "{:?}", e.misfits);
            assert_eq!((e.services, e.load_balancers, e.alarms), (n, lbs, n));
            assert_eq!(e.creates.len(), n as usize + 1);
            assert!(
                e.creates[1].contains("port 8080, health check `/")
                    && e.creates[1].contains("AVERAGE_CPU at 60 (Express's default)"),
                "{}",
                e.creates[1]
            );
            let alb = super::cost::alb_monthly(&prices);
            let expected = f64::from(lbs - 1) * alb + f64::from(n) * 0.10;
            assert!(
                (e.difference_monthly_usd - expected).abs() < 0.011,
                "{n}: {} vs {expected}",
                e.difference_monthly_usd
            );
            assert!(
                (e.monthly_usd.x86_64 - plan.total.monthly_usd.x86_64 - expected).abs() < 0.011
            );
        }
    }

    #[test]
    fn a_worker_only_app_has_no_express_plan_and_a_misfit_is_named() {
        let worker = "version: 1\napp: shop\nregion: us-east-1\nservices:\n  w:\n    image: example/w:1.0.0\n    cpu: 256\n    memory: 512\n    capacity: { base_count: 1 }\n";
        let app = check_spec(worker, Format::Yaml).model;
        let plan =
            app.map(|a| crate::plan(&a, Assumptions::default(), &Prices::builtin("us-east-1")));
        assert!(plan.is_some_and(|p| p.express.is_none()));
        let mixed = format!(
            "{}  w:\n    image: example/w:1.0.0\n    cpu: 256\n    memory: 512\n    capacity: {{ base_count: 1 }}\n",
            spec(1)
        );
        let app = check_spec(&mixed, Format::Yaml).model;
        let e = app
            .map(|a| crate::plan(&a, Assumptions::default(), &Prices::builtin("us-east-1")))
            .and_then(|p| p.express);
        assert!(e.is_some_and(|e| {
            !e.fits
                && e.misfits
                    .iter()
                    .any(|m| m.starts_with("w: it has no `port`"))
        }),);
    }
}
