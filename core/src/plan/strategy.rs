//! ECS-native traffic-shifting deployments (blue/green, linear, canary) through their lifecycle
//! stages, and the phases of a rolling one.
//!
//! Stages, from the ECS developer guide
//! (<https://docs.aws.amazon.com/AmazonECS/latest/developerguide/deployment-type-blue-green.html>,
//! `deployment-type-linear.html`, `deployment-type-canary.html`): PRE_SCALE_UP → SCALE_UP (the
//! new tasks to 100% of desired: the peak is twice the desired count) → POST_SCALE_UP →
//! TEST_TRAFFIC_SHIFT → POST_TEST_TRAFFIC_SHIFT → PRODUCTION_TRAFFIC_SHIFT (once; at every step
//! of a linear deployment; canary then the rest) → POST_PRODUCTION_TRAFFIC_SHIFT → BAKE_TIME →
//! CLEAN_UP (the old tasks stop). A stage waits for all its hooks, so it lasts as long as its
//! slowest hook's expected time. On rollback, traffic moves back to the old tasks, which are
//! still running, and the traffic-shift hooks run again.

use serde::Serialize;

use super::deploy::{self, Deployment};
use crate::model::{Hook, HookStage, Strategy};

/// One phase of a deployment.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct Phase {
    /// `scale_up`, `test_traffic_shift`, `production_traffic_shift`, `bake`, `clean_up`, ...
    pub name: String,
    /// Seconds from the deployment's start.
    pub start_seconds: u32,
    /// When it ends.
    pub end_seconds: u32,
    /// Share of production traffic on the new version during the phase, %.
    pub traffic_new_percent: f64,
}

/// What a traffic-shifting deployment needs to know.
#[derive(Debug, Clone, Copy)]
pub struct ShiftInput<'a> {
    /// Desired tasks.
    pub desired: u32,
    /// Seconds from launch to healthy.
    pub time_to_healthy: u32,
    /// Seconds for an old task to drain and stop.
    pub time_to_stop: u32,
    /// Sustained launch rate, tasks per second.
    pub launch_per_second: f64,
    /// The strategy (blue/green, linear or canary).
    pub strategy: Strategy,
    /// Lifecycle hooks.
    pub hooks: &'a [Hook],
}

/// A simulated traffic-shifting deployment.
#[derive(Debug, Clone, PartialEq)]
pub struct Shift {
    /// Its phases, in order.
    pub phases: Vec<Phase>,
    /// Total, s.
    pub duration_seconds: u32,
    /// When the last new task is launched, s.
    pub launch_seconds: u32,
    /// When all production traffic is on the new version, s.
    pub all_traffic_new_seconds: u32,
    /// Most tasks at once: the old and the new set.
    pub peak_tasks: u32,
    /// Seconds the peak lasts (from the first new task to the old set stopped).
    pub peak_seconds: u32,
    /// From a detected failure to all traffic on the old version, s.
    pub rollback_seconds: u32,
}

/// Seconds a stage waits for its hooks: its slowest hook's expected time.
fn hooks_seconds(hooks: &[Hook], stage: HookStage) -> u32 {
    hooks
        .iter()
        .filter(|h| h.stage == stage)
        .map(|h| h.expected_minutes.saturating_mul(60))
        .max()
        .unwrap_or(0)
}

/// Rounds a computed time up to whole seconds.
fn whole(seconds: f64) -> u32 {
    // Launch times are small and non-negative.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let s = seconds.max(0.0).ceil() as u32;
    s
}

/// The production shifts: (share after the shift, bake after it, s).
fn shifts(strategy: Strategy) -> Vec<(f64, u32)> {
    match strategy {
        Strategy::Linear {
            step_percent,
            step_bake_minutes,
            ..
        } => {
            let step = step_percent.clamp(0.1, 100.0);
            // At most 1,000 steps (0.1% each); none after 100%.
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            let n = (100.0 / step).ceil().min(1000.0) as u32;
            (1..=n)
                .map(|i| {
                    let share = (f64::from(i) * step).min(100.0);
                    let bake = if i < n { step_bake_minutes * 60 } else { 0 };
                    (share, bake)
                })
                .collect()
        }
        Strategy::Canary {
            percent,
            canary_bake_minutes,
            ..
        } if percent < 100.0 => vec![(percent, canary_bake_minutes * 60), (100.0, 0)],
        _ => vec![(100.0, 0)],
    }
}

/// Runs a blue/green, linear or canary deployment through its stages.
#[must_use]
pub fn simulate(input: ShiftInput<'_>) -> Shift {
    let mut phases: Vec<Phase> = Vec::new();
    let mut t = 0u32;
    let mut phase = |name: &str, seconds: u32, traffic: f64, t: &mut u32| {
        phases.push(Phase {
            name: name.to_owned(),
            start_seconds: *t,
            end_seconds: t.saturating_add(seconds),
            traffic_new_percent: traffic,
        });
        *t = t.saturating_add(seconds);
    };
    let hooks = |stage| hooks_seconds(input.hooks, stage);
    if hooks(HookStage::PreScaleUp) > 0 {
        phase("pre_scale_up", hooks(HookStage::PreScaleUp), 0.0, &mut t);
    }
    let scale_up_start = t;
    let launch = whole(deploy::launch_seconds(
        input.desired,
        input.launch_per_second,
    ));
    phase(
        "scale_up",
        launch.saturating_add(input.time_to_healthy),
        0.0,
        &mut t,
    );
    if hooks(HookStage::PostScaleUp) > 0 {
        phase("post_scale_up", hooks(HookStage::PostScaleUp), 0.0, &mut t);
    }
    phase(
        "test_traffic_shift",
        hooks(HookStage::TestTrafficShift),
        0.0,
        &mut t,
    );
    if hooks(HookStage::PostTestTrafficShift) > 0 {
        let s = hooks(HookStage::PostTestTrafficShift);
        phase("post_test_traffic_shift", s, 0.0, &mut t);
    }
    if hooks(HookStage::PreProductionTrafficShift) > 0 {
        let s = hooks(HookStage::PreProductionTrafficShift);
        phase("pre_production_traffic_shift", s, 0.0, &mut t);
    }
    for (share, bake) in shifts(input.strategy) {
        let s = hooks(HookStage::ProductionTrafficShift);
        phase("production_traffic_shift", s, share, &mut t);
        if bake > 0 {
            phase("step_bake", bake, share, &mut t);
        }
    }
    let all_traffic_new = t;
    if hooks(HookStage::PostProductionTrafficShift) > 0 {
        let s = hooks(HookStage::PostProductionTrafficShift);
        phase("post_production_traffic_shift", s, 100.0, &mut t);
    }
    let bake = input.strategy.bake_minutes().saturating_mul(60);
    if bake > 0 {
        phase("bake", bake, 100.0, &mut t);
    }
    phase("clean_up", input.time_to_stop, 100.0, &mut t);
    Shift {
        phases,
        duration_seconds: t,
        launch_seconds: scale_up_start.saturating_add(launch),
        all_traffic_new_seconds: all_traffic_new,
        peak_tasks: input.desired.saturating_mul(2),
        peak_seconds: t.saturating_sub(scale_up_start),
        rollback_seconds: hooks(HookStage::TestTrafficShift)
            .saturating_add(hooks(HookStage::ProductionTrafficShift)),
    }
}

/// The phases of a rolling deployment: its waves, then the drain of the last old tasks.
#[must_use]
pub fn rolling_phases(d: &Deployment, desired: u32) -> Vec<Phase> {
    let mut phases = Vec::new();
    let mut replaced = 0u32;
    for (i, b) in d.batches.iter().enumerate() {
        replaced = replaced.saturating_add(b.tasks);
        phases.push(Phase {
            name: format!("wave_{}", i + 1),
            start_seconds: b.start_seconds,
            end_seconds: b.end_seconds,
            traffic_new_percent: if desired == 0 {
                100.0
            } else {
                (f64::from(replaced.min(desired)) * 100.0 / f64::from(desired)).round()
            },
        });
    }
    let last = phases.last().map_or(0, |p| p.end_seconds);
    if d.duration_seconds > last {
        phases.push(Phase {
            name: "clean_up".to_owned(),
            start_seconds: last,
            end_seconds: d.duration_seconds,
            traffic_new_percent: 100.0,
        });
    }
    phases
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(strategy: Strategy, hooks: &[Hook]) -> ShiftInput<'_> {
        ShiftInput {
            desired: 10,
            time_to_healthy: 90,
            time_to_stop: 330,
            launch_per_second: deploy::launch_rate(true, 0),
            strategy,
            hooks,
        }
    }

    #[test]
    fn blue_green_scales_up_shifts_once_bakes_and_cleans_up() {
        let s = simulate(input(Strategy::BlueGreen { bake_minutes: 10 }, &[]));
        let names: Vec<&str> = s.phases.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "scale_up",
                "test_traffic_shift",
                "production_traffic_shift",
                "bake",
                "clean_up"
            ]
        );
        // 10 tasks launch at once (the burst), healthy after 90 s; 10 min bake; 330 s clean-up.
        assert_eq!(s.all_traffic_new_seconds, 90);
        assert_eq!(s.duration_seconds, 90 + 600 + 330);
        assert_eq!(s.peak_tasks, 20);
        assert_eq!(s.rollback_seconds, 0);
    }

    #[test]
    fn linear_shifts_in_steps_with_a_bake_between_them() {
        let s = simulate(input(
            Strategy::Linear {
                step_percent: 25.0,
                step_bake_minutes: 6,
                bake_minutes: 0,
            },
            &[],
        ));
        let shifts: Vec<f64> = s
            .phases
            .iter()
            .filter(|p| p.name == "production_traffic_shift")
            .map(|p| p.traffic_new_percent)
            .collect();
        assert_eq!(shifts, [25.0, 50.0, 75.0, 100.0]);
        // Three bakes of 6 min between four steps, none after the last.
        assert_eq!(s.all_traffic_new_seconds, 90 + 3 * 360);
        assert_eq!(s.duration_seconds, 90 + 3 * 360 + 330);
    }

    #[test]
    fn canary_then_the_rest_and_hooks_take_their_time() {
        let hooks = [Hook {
            stage: HookStage::PostTestTrafficShift,
            function: None,
            expected_minutes: 15,
            timeout_minutes: 60,
            rollback_on_timeout: true,
        }];
        let s = simulate(input(
            Strategy::Canary {
                percent: 5.0,
                canary_bake_minutes: 10,
                bake_minutes: 5,
            },
            &hooks,
        ));
        assert_eq!(s.all_traffic_new_seconds, 90 + 900 + 600);
        assert_eq!(s.duration_seconds, 90 + 900 + 600 + 300 + 330);
        let canary = s
            .phases
            .iter()
            .find(|p| p.name == "step_bake")
            .map(|p| p.traffic_new_percent);
        assert_eq!(canary, Some(5.0));
    }

    proptest::proptest! {
        /// Phases follow each other without gaps, traffic only grows and ends at 100%, and the
        /// deployment ends when its last phase does.
        #[test]
        fn phases_are_contiguous_and_traffic_only_grows(
            desired in 1u32..2000,
            kind in 0u8..3,
            step in 30u32..=1000,
            bake in 0u32..1440,
            step_bake in 0u32..60,
            hook_minutes in 0u32..120,
        ) {
            let strategy = match kind {
                0 => Strategy::BlueGreen { bake_minutes: bake },
                1 => Strategy::Linear { step_percent: f64::from(step) / 10.0, step_bake_minutes: step_bake, bake_minutes: bake },
                _ => Strategy::Canary { percent: f64::from(step) / 10.0, canary_bake_minutes: step_bake, bake_minutes: bake },
            };
            let hooks = [Hook {
                stage: HookStage::ProductionTrafficShift,
                function: None,
                expected_minutes: hook_minutes,
                timeout_minutes: 1440,
                rollback_on_timeout: true,
            }];
            let s = simulate(ShiftInput { desired, ..input(strategy, &hooks) });
            let mut end = 0;
            let mut traffic = 0.0;
            for p in &s.phases {
                proptest::prop_assert_eq!(p.start_seconds, end);
                proptest::prop_assert!(p.end_seconds >= p.start_seconds);
                proptest::prop_assert!(p.traffic_new_percent >= traffic);
                end = p.end_seconds;
                traffic = p.traffic_new_percent;
            }
            proptest::prop_assert_eq!(traffic, 100.0);
            proptest::prop_assert_eq!(s.duration_seconds, end);
            proptest::prop_assert!(s.all_traffic_new_seconds <= s.duration_seconds);
            proptest::prop_assert_eq!(s.peak_tasks, desired * 2);
        }
    }
}
