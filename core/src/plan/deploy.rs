//! A discrete-event simulation of ECS's rolling update of one service.
//!
//! The scheduler starts new tasks within `maximum_percent` (rounded down) and the Fargate launch
//! rates, waits for them to be healthy, and stops old tasks while `minimum_healthy_percent`
//! (rounded up) of the desired count stays healthy (Best Practices Guide: start, wait, stop,
//! repeat). Old tasks drain for the deregistration delay, then get up to `stop_timeout`.
//!
//! Launches follow AWS's measurements rather than the quotas: a burst of
//! [`facts::launch::BURST`] tasks at once, then the sustained rate measured for 1,000-task
//! services ([`launch_rate`]). Each service is planned as if it deploys alone (the quotas are
//! account-wide).

use serde::Serialize;

use crate::facts;

/// What the simulation needs to know about one service.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DeployInput {
    /// Desired task count.
    pub desired: u32,
    /// Lower bound, %.
    pub minimum_healthy_percent: u32,
    /// Upper bound, %.
    pub maximum_percent: u32,
    /// Seconds from launch to a new task being healthy.
    pub time_to_healthy: u32,
    /// Seconds from the decision to stop an old task to its being gone.
    pub time_to_stop: u32,
    /// Tasks launched per second once the burst is spent ([`launch_rate`]).
    pub launch_per_second: f64,
}

/// The sustained launch rate of a service, tasks per second, calibrated so that the simulation
/// reproduces AWS's 1,000-task measurements: on-demand without a public IP (akplan's tasks get
/// none) 199 s, behind a load balancer 252 s, Spot 353 s. Spot capacity launches at its own rate
/// beside on-demand, so a mix is bound by the slower of the two streams (50/50: 199 s, AWS
/// measured 213 s). Source: AWS containers blog, "Under the hood: Amazon ECS and AWS Fargate
/// increase task launch rates",
/// <https://aws.amazon.com/blogs/containers/under-the-hood-amazon-elastic-container-service-and-aws-fargate-increase-task-launch-rates/>.
#[must_use]
pub fn launch_rate(load_balanced: bool, spot_percent: u32) -> f64 {
    use facts::launch as l;
    let after_burst = l::MEASURED_TASKS - l::BURST;
    let service = after_burst
        / if load_balanced {
            l::MEASURED_LOAD_BALANCED_SECONDS
        } else {
            l::MEASURED_ON_DEMAND_SECONDS
        };
    let spot = after_burst / l::MEASURED_SPOT_SECONDS;
    let share = f64::from(spot_percent.min(100)) / 100.0;
    if share > 0.0 {
        service.min(spot / share)
    } else {
        service
    }
}

/// Seconds until the `n`-th task (counting from 1) of a deployment is launched.
#[must_use]
pub fn launch_seconds(n: u32, per_second: f64) -> f64 {
    let after_burst = (f64::from(n) - facts::launch::BURST).max(0.0);
    if per_second > 0.0 {
        after_burst / per_second
    } else {
        0.0
    }
}

/// One wave of new tasks started at the same moment.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct Batch {
    /// Seconds from the deployment's start.
    pub start_seconds: u32,
    /// When its tasks are healthy.
    pub end_seconds: u32,
    /// How many new tasks.
    pub tasks: u32,
}

/// One moment of the timeline.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct Step {
    /// Seconds from the start.
    pub at_seconds: u32,
    /// Old tasks serving.
    pub old: u32,
    /// Old tasks draining or stopping.
    pub stopping: u32,
    /// New tasks starting.
    pub starting: u32,
    /// New tasks serving.
    pub new: u32,
}

/// The simulated deployment.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Deployment {
    /// Total duration, s.
    pub duration_seconds: u32,
    /// The waves of new tasks.
    pub batches: Vec<Batch>,
    /// Most tasks running at once (what the surge costs).
    pub peak_tasks: u32,
    /// Fewest healthy tasks at any moment.
    pub min_healthy_tasks: u32,
    /// Whether the bounds let the deployment finish.
    pub completes: bool,
    /// When the last new task was launched, s.
    pub launch_seconds: u32,
    /// The state after every event.
    pub steps: Vec<Step>,
}

/// The launch bucket: [`facts::launch::BURST`] tasks at once (it starts full: an idle account),
/// refilled at the service's sustained rate.
struct Launches {
    tokens: f64,
    per_second: f64,
    at: f64,
}

impl Launches {
    fn refill(&mut self, now: f64) {
        let dt = now - self.at;
        self.tokens = (self.tokens + dt * self.per_second).min(facts::launch::BURST);
        self.at = now;
    }

    fn available(&self) -> u32 {
        // Non-negative and small; flooring is the point.
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let n = self.tokens.max(0.0).floor() as u32;
        n
    }

    fn take(&mut self, n: u32) {
        self.tokens -= f64::from(n);
    }

    /// Seconds until one more launch is allowed.
    fn wait_for_one(&self) -> f64 {
        ((1.0 - self.tokens).max(0.0) / self.per_second.max(1e-6)).max(0.001)
    }
}

/// Simulates one rolling deployment from all-old to all-new.
#[must_use]
pub fn simulate(input: DeployInput) -> Deployment {
    let n = input.desired;
    let least = (u64::from(n) * u64::from(input.minimum_healthy_percent)).div_ceil(100);
    let most = u64::from(n) * u64::from(input.maximum_percent) / 100;
    let (least, most) = (
        u32::try_from(least).unwrap_or(u32::MAX),
        u32::try_from(most).unwrap_or(u32::MAX),
    );
    let mut old = n;
    let mut new = 0u32;
    let mut starting: Vec<(f64, u32)> = Vec::new(); // (ready at, count)
    let mut stopping: Vec<(f64, u32)> = Vec::new(); // (gone at, count)
    let mut launches = Launches {
        tokens: facts::launch::BURST,
        per_second: input.launch_per_second,
        at: 0.0,
    };
    let mut now = 0.0f64;
    let mut wave_open = false;
    let mut out = Deployment {
        duration_seconds: 0,
        batches: Vec::new(),
        peak_tasks: n,
        min_healthy_tasks: n,
        completes: true,
        launch_seconds: 0,
        steps: Vec::new(),
    };
    let secs = |t: f64| {
        // Simulation times are small and non-negative.
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let s = t.ceil() as u32;
        s
    };
    for _ in 0..1_000_000 {
        launches.refill(now);
        // Tasks that became healthy or finished stopping by now.
        new += starting
            .iter()
            .filter(|(t, _)| *t <= now)
            .map(|(_, c)| c)
            .sum::<u32>();
        starting.retain(|(t, _)| *t > now);
        stopping.retain(|(t, _)| *t > now);
        // Stop old tasks while enough stay healthy.
        let healthy = old + new;
        let stop = old.min(healthy.saturating_sub(least));
        if stop > 0 {
            old -= stop;
            stopping.push((now + f64::from(input.time_to_stop), stop));
            wave_open = false;
        }
        // Start new tasks within the maximum and the launch rate.
        let pending: u32 = starting.iter().map(|(_, c)| c).sum();
        let draining: u32 = stopping.iter().map(|(_, c)| c).sum();
        let total = old + draining + pending + new;
        let room = u32::try_from(u64::from(most).saturating_sub(u64::from(total))).unwrap_or(0);
        let start = (n - new - pending).min(room).min(launches.available());
        if start > 0 {
            launches.take(start);
            out.launch_seconds = secs(now);
            let ready = now + f64::from(input.time_to_healthy);
            starting.push((ready, start));
            // Launches between two rounds of stopping old tasks form one batch (start, wait,
            // stop, repeat); the launch rate only spreads a batch's starts over time.
            match out.batches.last_mut() {
                Some(batch) if wave_open => {
                    batch.tasks += start;
                    batch.end_seconds = secs(ready);
                }
                _ => out.batches.push(Batch {
                    start_seconds: secs(now),
                    end_seconds: secs(ready),
                    tasks: start,
                }),
            }
            wave_open = true;
        }
        let pending: u32 = starting.iter().map(|(_, c)| c).sum();
        let draining: u32 = stopping.iter().map(|(_, c)| c).sum();
        out.peak_tasks = out.peak_tasks.max(old + draining + pending + new);
        out.min_healthy_tasks = out.min_healthy_tasks.min(old + new);
        out.steps.push(Step {
            at_seconds: secs(now),
            old,
            stopping: draining,
            starting: pending,
            new,
        });
        if new == n && old == 0 && stopping.is_empty() {
            out.duration_seconds = secs(now);
            return out;
        }
        // The next event: a task ready, a task gone, or (when blocked only by the rate) a token.
        let next_task = starting
            .iter()
            .chain(stopping.iter())
            .map(|(t, _)| *t)
            .fold(f64::INFINITY, f64::min);
        let rate_blocked = n - new - pending > 0 && room > start && launches.available() == 0;
        let next_token = if rate_blocked {
            now + launches.wait_for_one()
        } else {
            f64::INFINITY
        };
        let next = next_task.min(next_token);
        if !next.is_finite() {
            break;
        }
        now = next;
    }
    out.completes = false;
    out.duration_seconds = secs(now);
    out
}

/// At most `limit` steps, evenly spaced, the first and last always kept (for charts and JSON).
#[must_use]
pub fn sample_steps(steps: &[Step], limit: usize) -> Vec<Step> {
    if steps.len() <= limit || limit < 2 {
        return steps.to_vec();
    }
    let last = steps.len() - 1;
    (0..limit)
        .map(|i| steps[i * last / (limit - 1)].clone())
        .collect()
}

/// Most rows the timeline text shows.
const TIMELINE_ROWS: usize = 24;

/// The seed's picture: one row per step, `a` old serving, `b` new serving, `+` new starting,
/// `-` old draining or stopping. Large services are scaled to at most 40 symbols a row; rows
/// that look like the one before are dropped, and long timelines are sampled to
/// [`TIMELINE_ROWS`] rows (the first and last always shown).
#[must_use]
pub fn timeline_text(d: &Deployment) -> String {
    let widest = d
        .steps
        .iter()
        .map(|s| s.old + s.stopping + s.starting + s.new)
        .max()
        .unwrap_or(1)
        .max(1);
    let scale = widest.div_ceil(40).max(1);
    let symbols = |n: u32, c: &'static str| std::iter::repeat_n(c, n.div_ceil(scale) as usize);
    let mut rows: Vec<(u32, String)> = Vec::new();
    for s in &d.steps {
        let row: Vec<&str> = symbols(s.old, "a")
            .chain(symbols(s.stopping, "-"))
            .chain(symbols(s.starting, "+"))
            .chain(symbols(s.new, "b"))
            .collect();
        let row = row.join(" ");
        if rows.last().is_none_or(|(_, last)| *last != row) {
            rows.push((s.at_seconds, row));
        }
    }
    if rows.len() > TIMELINE_ROWS {
        let last = rows.len() - 1;
        rows = (0..TIMELINE_ROWS)
            .map(|i| rows[i * last / (TIMELINE_ROWS - 1)].clone())
            .collect();
    }
    let mut out = String::new();
    for (at, row) in rows {
        out.push_str(&format!("{:>3}:{:02}  {row}\n", at / 60, at % 60));
    }
    if scale > 1 {
        out.push_str(&format!("(one symbol = up to {scale} tasks)\n"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(desired: u32, min: u32, max: u32) -> DeployInput {
        DeployInput {
            desired,
            minimum_healthy_percent: min,
            maximum_percent: max,
            time_to_healthy: 90,
            time_to_stop: 330,
            launch_per_second: launch_rate(true, 0),
        }
    }

    #[test]
    fn six_tasks_at_100_200_replace_in_one_wave() {
        let d = simulate(input(6, 100, 200));
        assert!(d.completes);
        assert_eq!(d.batches.len(), 1);
        assert_eq!(d.peak_tasks, 12);
        assert_eq!(d.min_healthy_tasks, 6);
        assert_eq!(d.duration_seconds, 90 + 330);
    }

    #[test]
    fn rate_limited_launches_form_one_batch_and_a_short_timeline() {
        let d = simulate(DeployInput {
            time_to_healthy: 210,
            time_to_stop: 330,
            ..input(600, 100, 200)
        });
        assert_eq!(d.batches.len(), 1);
        assert_eq!(d.batches[0].tasks, 600);
        assert!(timeline_text(&d).lines().count() <= TIMELINE_ROWS + 1);
        let d = simulate(input(6, 50, 150));
        assert_eq!(d.batches.iter().map(|b| b.tasks).sum::<u32>(), 6);
        assert!(d.batches.len() >= 2);
    }

    #[test]
    fn recreate_shows_downtime() {
        let d = simulate(input(4, 0, 100));
        assert!(d.completes);
        assert_eq!(d.min_healthy_tasks, 0);
        assert_eq!(d.peak_tasks, 4);
        assert_eq!(d.duration_seconds, 330 + 90);
    }

    /// AWS launched 1,000 Fargate tasks in 199 s (on-demand, no public IP), 252 s (behind a load
    /// balancer), 353 s (Spot) and 213 s (half Spot); the model must stay within 15%.
    #[test]
    fn a_thousand_tasks_launch_as_fast_as_aws_measured() {
        use facts::launch as l;
        for (load_balanced, spot, measured) in [
            (false, 0, l::MEASURED_ON_DEMAND_SECONDS),
            (true, 0, l::MEASURED_LOAD_BALANCED_SECONDS),
            (false, 100, l::MEASURED_SPOT_SECONDS),
            (false, 50, l::MEASURED_HALF_SPOT_SECONDS),
        ] {
            let d = simulate(DeployInput {
                time_to_healthy: 60,
                time_to_stop: 35,
                launch_per_second: launch_rate(load_balanced, spot),
                ..input(1000, 100, 200)
            });
            assert!(d.completes);
            let error = (f64::from(d.launch_seconds) - measured).abs() / measured;
            assert!(
                error <= 0.15,
                "lb {load_balanced}, spot {spot}%: {} s vs {measured} s",
                d.launch_seconds
            );
        }
    }

    proptest::proptest! {
        #[test]
        fn invariants_hold_for_random_settings(
            desired in 1u32..300,
            min in 0u32..=100,
            max in 100u32..=200,
            healthy in 1u32..400,
            stop in 0u32..500,
        ) {
            let input = DeployInput { desired, minimum_healthy_percent: min, maximum_percent: max, time_to_healthy: healthy, time_to_stop: stop, launch_per_second: launch_rate(false, 0) };
            let least = (u64::from(desired) * u64::from(min)).div_ceil(100);
            let most = u64::from(desired) * u64::from(max) / 100;
            let d = simulate(input);
            let movable = most > u64::from(desired) || least < u64::from(desired);
            proptest::prop_assert_eq!(d.completes, movable);
            for s in &d.steps {
                let total = u64::from(s.old + s.stopping + s.starting + s.new);
                proptest::prop_assert!(total <= most.max(u64::from(desired)), "{} > {}", total, most);
                if least > 0 && d.completes {
                    proptest::prop_assert!(u64::from(s.old + s.new) >= least);
                }
            }
            if d.completes {
                let last = d.steps.last().cloned();
                proptest::prop_assert_eq!(last.map(|s| (s.old, s.stopping, s.starting, s.new)), Some((0, 0, 0, desired)));
            }
        }
    }

    #[test]
    fn stuck_bounds_do_not_complete() {
        let d = simulate(input(2, 75, 100));
        assert!(!d.completes);
    }
}
