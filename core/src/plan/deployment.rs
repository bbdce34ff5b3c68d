//! The deployment of one service: its timeline under the spec's strategy, how fast a broken
//! release is caught, the same service under every strategy, and faster settings.

use super::cost::{self, Shape};
use super::deploy::{self, Batch, DeployInput, Step};
use super::strategy::{self, Phase, ShiftInput};
use super::{Assumptions, DeploymentPlan, NewTargetChecks, SpecEdit, StrategyOption, WhatIf};
use crate::facts;
use crate::model::{Service, Strategy, StrategyName};
use crate::present::duration;
use crate::pricing::Prices;

/// How one deployment under one strategy goes.
#[derive(Debug, Clone)]
struct Outcome {
    phases: Vec<Phase>,
    duration_seconds: u32,
    launch_seconds: u32,
    all_traffic_new_seconds: u32,
    rollback_seconds: u32,
    peak_tasks: u32,
    /// Tasks above the desired count and for how long, for the surge's cost.
    surge: (u32, u32),
    completes: bool,
    /// Seconds with no healthy task (recreate).
    downtime_seconds: u32,
    sim: deploy::Deployment,
}

/// Seconds during which no task is healthy.
fn downtime(sim: &deploy::Deployment) -> u32 {
    sim.steps
        .windows(2)
        .filter(|w| w[0].old + w[0].new == 0)
        .map(|w| w[1].at_seconds.saturating_sub(w[0].at_seconds))
        .sum()
}

/// Seconds from launch to a healthy new task: the app's start, then one passing load balancer
/// check (or `healthy_threshold`, see [`NewTargetChecks`]), one container check, or ECS's wait
/// for a task without checks.
fn time_to_healthy(svc: &Service, model: Assumptions) -> u32 {
    let d = &svc.deployment;
    let hc = &svc.health_check;
    if svc.port.is_some() {
        let checks = match model.new_target_checks {
            NewTargetChecks::HealthyThreshold => hc.healthy_threshold,
            NewTargetChecks::One => 1,
        };
        d.task_start_seconds + hc.interval * checks
    } else if let Some(check) = svc.main_container().and_then(|c| c.health_check.as_ref()) {
        d.task_start_seconds + check.interval
    } else {
        d.task_start_seconds + facts::HEALTHY_WITHOUT_CHECKS_SECONDS
    }
}

/// Seconds from the decision to stop an old task to its being gone: the load balancer's drain,
/// then the stop timeout.
fn time_to_stop(svc: &Service) -> u32 {
    let drain = if svc.port.is_some() {
        svc.deployment.deregistration_delay
    } else {
        0
    };
    drain + svc.deployment.stop_timeout
}

fn launch_rate(svc: &Service) -> f64 {
    deploy::launch_rate(svc.port.is_some(), svc.counts.spot_percent)
}

/// The rolling simulation's input; recreate uses 0/100 unless the spec's strategy is recreate
/// (whose own bounds already default to 0/100).
fn rolling_input(svc: &Service, strategy: Strategy, model: Assumptions) -> DeployInput {
    let d = &svc.deployment;
    let own = svc.deployment.strategy.name();
    let (least, most) = match (strategy.name(), own) {
        (StrategyName::Recreate, StrategyName::Recreate)
        | (StrategyName::Rolling, StrategyName::Rolling) => {
            (d.minimum_healthy_percent, d.maximum_percent)
        }
        (StrategyName::Recreate, _) => (0, 100),
        _ => (
            facts::MIN_HEALTHY_PERCENT_DEFAULT,
            facts::MAX_PERCENT_DEFAULT,
        ),
    };
    DeployInput {
        desired: svc.counts.target,
        minimum_healthy_percent: least,
        maximum_percent: most,
        time_to_healthy: time_to_healthy(svc, model),
        time_to_stop: time_to_stop(svc),
        launch_per_second: launch_rate(svc),
    }
}

/// The deployment of `svc` under `strategy`.
fn outcome(svc: &Service, strategy: Strategy, model: Assumptions) -> Outcome {
    let desired = svc.counts.target;
    if !strategy.shifts_traffic() {
        let sim = deploy::simulate(rolling_input(svc, strategy, model));
        let all_new = sim.batches.last().map_or(0, |b| b.end_seconds);
        return Outcome {
            phases: strategy::rolling_phases(&sim, desired),
            duration_seconds: sim.duration_seconds,
            launch_seconds: sim.launch_seconds,
            all_traffic_new_seconds: all_new,
            // Rolling back is another rolling deployment, to the old version.
            rollback_seconds: sim.duration_seconds,
            peak_tasks: sim.peak_tasks,
            surge: (sim.peak_tasks.saturating_sub(desired), sim.duration_seconds),
            completes: sim.completes,
            downtime_seconds: downtime(&sim),
            sim,
        };
    }
    let shift = strategy::simulate(ShiftInput {
        desired,
        time_to_healthy: time_to_healthy(svc, model),
        time_to_stop: time_to_stop(svc),
        launch_per_second: launch_rate(svc),
        strategy,
        hooks: &svc.deployment.hooks,
    });
    let scale_up = shift.phases.iter().find(|p| p.name == "scale_up");
    let (up_start, up_end) = scale_up.map_or((0, 0), |p| (p.start_seconds, p.end_seconds));
    let clean_up = shift
        .phases
        .last()
        .map_or(shift.duration_seconds, |p| p.start_seconds);
    let step = |at_seconds, old, stopping, starting, new| Step {
        at_seconds,
        old,
        stopping,
        starting,
        new,
    };
    let sim = deploy::Deployment {
        duration_seconds: shift.duration_seconds,
        batches: vec![Batch {
            start_seconds: up_start,
            end_seconds: up_end,
            tasks: desired,
        }],
        peak_tasks: shift.peak_tasks,
        min_healthy_tasks: desired,
        completes: true,
        launch_seconds: shift.launch_seconds,
        steps: vec![
            step(0, desired, 0, 0, 0),
            step(up_start, desired, 0, desired, 0),
            step(up_end, desired, 0, 0, desired),
            step(clean_up, 0, desired, 0, desired),
            step(shift.duration_seconds, 0, 0, 0, desired),
        ],
    };
    Outcome {
        duration_seconds: shift.duration_seconds,
        launch_seconds: shift.launch_seconds,
        all_traffic_new_seconds: shift.all_traffic_new_seconds,
        rollback_seconds: shift.rollback_seconds,
        peak_tasks: shift.peak_tasks,
        surge: (desired, shift.peak_seconds),
        completes: true,
        downtime_seconds: 0,
        phases: shift.phases,
        sim,
    }
}

/// A broken release (its tasks never get healthy) under the circuit breaker: ECS fails the
/// deployment after 0.5 × desired failed tasks (at least 3, at most 200); each round of new tasks
/// fails after the app's start and the checks that find it unhealthy. Source:
/// <https://docs.aws.amazon.com/AmazonECS/latest/developerguide/deployment-circuit-breaker.html>.
fn circuit_breaker_seconds(svc: &Service, input: &DeployInput) -> Option<u32> {
    let d = &svc.deployment;
    if !d.circuit_breaker || d.strategy.shifts_traffic() {
        return None;
    }
    let desired = input.desired;
    let threshold = desired.div_ceil(2).clamp(3, 200);
    let fails_after = d.task_start_seconds
        + if svc.port.is_some() {
            svc.health_check.interval * svc.health_check.unhealthy_threshold
        } else {
            svc.main_container()
                .and_then(|c| c.health_check.as_ref())
                .map_or(0, |h| h.interval * h.retries)
        };
    let most = u64::from(desired) * u64::from(input.maximum_percent) / 100;
    let room = u32::try_from(most.saturating_sub(u64::from(desired)))
        .unwrap_or(u32::MAX)
        .max(1);
    let rounds = threshold.div_ceil(room);
    let launch = deploy::launch_seconds(threshold, input.launch_per_second);
    Some(rounds * fails_after + launch.ceil().max(0.0).min(f64::from(u32::MAX)) as u32)
}

/// The strategies compared for a service: its own settings where it has them, the API's
/// defaults otherwise.
fn candidates(own: Strategy) -> [Strategy; 5] {
    let bake_minutes = own.bake_minutes();
    let linear = match own {
        Strategy::Linear { .. } => own,
        _ => Strategy::Linear {
            step_percent: 10.0,
            step_bake_minutes: 6,
            bake_minutes,
        },
    };
    let canary = match own {
        Strategy::Canary { .. } => own,
        _ => Strategy::Canary {
            percent: 5.0,
            canary_bake_minutes: 10,
            bake_minutes,
        },
    };
    [
        Strategy::Rolling,
        Strategy::Recreate,
        Strategy::BlueGreen { bake_minutes },
        linear,
        canary,
    ]
}

/// The signed difference of two durations, as people read it: `+10 min`, `−45 s`.
fn delta(after: u32, before: u32) -> String {
    if after >= before {
        format!("+{}", duration(after - before))
    } else {
        format!("−{}", duration(before - after))
    }
}

/// `blue_green instead of rolling: +10 min, 8 tasks at the peak for 17 min, rollback in 0 s
/// instead of 7 min`.
fn trade_off(name: StrategyName, own: StrategyName, o: &Outcome, this: &Outcome) -> String {
    let peak = if o.surge.0 == 0 {
        "no extra tasks".to_owned()
    } else {
        format!(
            "{} tasks at the peak for {}",
            o.peak_tasks,
            duration(o.surge.1)
        )
    };
    let gap = if o.downtime_seconds > 0 {
        format!(", no healthy task for {}", duration(o.downtime_seconds))
    } else {
        String::new()
    };
    format!(
        "{} instead of {}: {}, {peak}{gap}, rollback in {} instead of {}",
        name.as_str(),
        own.as_str(),
        delta(o.duration_seconds, this.duration_seconds),
        duration(o.rollback_seconds),
        duration(this.rollback_seconds)
    )
}

/// Plans the deployment of `svc` under its strategy, and compares the others.
pub(super) fn plan(
    svc: &Service,
    model: Assumptions,
    prices: &Prices,
    shape: Shape,
) -> DeploymentPlan {
    let own = svc.deployment.strategy;
    let surge_usd = |o: &Outcome| cost::surge_usd(prices, svc.arch, shape, o.surge.0, o.surge.1);
    let this = outcome(svc, own, model);
    let strategies = candidates(own)
        .into_iter()
        .map(|candidate| {
            let o = if candidate.name() == own.name() {
                this.clone()
            } else {
                outcome(svc, candidate, model)
            };
            let name = candidate.name();
            let same = name == own.name();
            StrategyOption {
                strategy: name,
                duration_seconds: o.duration_seconds,
                peak_tasks: o.peak_tasks,
                surge_per_deployment_usd: surge_usd(&o),
                rollback_seconds: o.rollback_seconds,
                downtime_seconds: o.downtime_seconds,
                trade_off: if same {
                    String::new()
                } else {
                    trade_off(name, own.name(), &o, &this)
                },
                edits: if same {
                    Vec::new()
                } else {
                    vec![SpecEdit {
                        path: svc.path.join_all(["deployment", "strategy"]).to_string(),
                        value: name.as_str().to_owned(),
                    }]
                },
            }
        })
        .collect();
    let input = rolling_input(svc, own, model);
    DeploymentPlan {
        strategy: own.name(),
        phases: this.phases.clone(),
        duration_seconds: this.duration_seconds,
        launch_seconds: this.launch_seconds,
        time_to_all_traffic_new_seconds: this.all_traffic_new_seconds,
        rollback_seconds: this.rollback_seconds,
        circuit_breaker_seconds: circuit_breaker_seconds(svc, &input),
        strategies,
        batches: this.sim.batches.len(),
        peak_tasks: this.peak_tasks,
        min_healthy_tasks: this.sim.min_healthy_tasks,
        time_to_healthy_seconds: time_to_healthy(svc, model),
        time_to_stop_seconds: time_to_stop(svc),
        completes: this.completes,
        timeline: deploy::timeline_text(&this.sim),
        steps: deploy::sample_steps(&this.sim.steps, 200),
        what_ifs: what_ifs(svc, model, this.duration_seconds),
        batch_list: this.sim.batches,
    }
}

/// Re-simulates with the values AWS's guidance suggests, one at a time.
fn what_ifs(svc: &Service, model: Assumptions, baseline: u32) -> Vec<WhatIf> {
    let mut out = Vec::new();
    // `fields` are (path below the service, value): the spec edit and the model change in one.
    let mut try_change = |change: String, why: &'static str, fields: &[(&[&str], u32)]| {
        let mut changed = svc.clone();
        for (path, value) in fields {
            let v = *value;
            match *path {
                ["deployment", "deregistration_delay"] => {
                    changed.deployment.deregistration_delay = v
                }
                ["deployment", "stop_timeout"] => changed.deployment.stop_timeout = v,
                ["deployment", "minimum_healthy_percent"] => {
                    changed.deployment.minimum_healthy_percent = v
                }
                ["health_check", "interval"] => changed.health_check.interval = v,
                ["health_check", "healthy_threshold"] => changed.health_check.healthy_threshold = v,
                ["health_check", "timeout"] => changed.health_check.timeout = v,
                _ => {}
            }
        }
        let sim = outcome(&changed, changed.deployment.strategy, model);
        if sim.completes && sim.duration_seconds < baseline {
            out.push(WhatIf {
                change,
                edits: fields
                    .iter()
                    .map(|(path, value)| SpecEdit {
                        path: svc.path.join_all(path.iter().copied()).to_string(),
                        value: value.to_string(),
                    })
                    .collect(),
                seconds_saved: baseline - sim.duration_seconds,
                why,
            });
        }
    };
    let d = &svc.deployment;
    let hc = &svc.health_check;
    if svc.port.is_some() && d.deregistration_delay > 30 {
        try_change(
            format!("deregistration_delay {} → 30", d.deregistration_delay),
            "AWS suggests a short drain (down to 5 s) for APIs that answer in under a second",
            &[(&["deployment", "deregistration_delay"], 30)],
        );
    }
    let threshold_counts = model.new_target_checks == NewTargetChecks::HealthyThreshold;
    if svc.port.is_some() && (hc.interval > 5 || (threshold_counts && hc.healthy_threshold > 2)) {
        let mut parts = Vec::new();
        let mut fields: Vec<(&[&str], u32)> = Vec::new();
        if hc.interval > 5 {
            parts.push(format!("interval {} → 5", hc.interval));
            fields.push((&["health_check", "interval"], 5));
            if hc.timeout > 4 {
                fields.push((&["health_check", "timeout"], 4));
            }
        }
        if threshold_counts && hc.healthy_threshold > 2 {
            parts.push(format!("healthy_threshold {} → 2", hc.healthy_threshold));
            fields.push((&["health_check", "healthy_threshold"], 2));
        }
        try_change(
            format!("health_check {}", parts.join(", ")),
            "ECS guide and Peck: 5 s × 2 checks makes a new target healthy in 10 s instead of 150 s",
            &fields,
        );
    }
    if d.stop_timeout > 2 {
        try_change(
            format!("stop_timeout {} → 2", d.stop_timeout),
            "an app that handles SIGTERM exits in a few seconds (Peck)",
            &[(&["deployment", "stop_timeout"], 2)],
        );
    }
    if d.minimum_healthy_percent > 50 {
        try_change(
            format!(
                "minimum_healthy_percent {} → 50 (development only)",
                d.minimum_healthy_percent
            ),
            "CON311: 50/200 for development speed, 100/200 for production availability",
            &[(&["deployment", "minimum_healthy_percent"], 50)],
        );
    }
    out
}
