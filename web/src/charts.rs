//! SVG geometry for the charts: plain functions from plan data to coordinates and paths.

use akplan_core::Step;

/// Chart width and height, in SVG units (the SVG scales to its box).
pub const W: f64 = 600.0;
/// See [`W`].
pub const H: f64 = 160.0;

/// One bar: x, y, width, height.
pub type Bar = (f64, f64, f64, f64);

/// Where the tallest bar ends: room above it for the axis label.
const BAR_TOP: f64 = 22.0;

/// Bars for `counts`, scaled so `max` fills the height, in a band `x0..x0+width`.
#[must_use]
pub fn bars(counts: &[u32], max: u32, x0: f64, width: f64) -> Vec<Bar> {
    let n = counts.len().max(1) as f64;
    let slot = width / n;
    let max = f64::from(max.max(1));
    counts
        .iter()
        .enumerate()
        .map(|(i, &c)| {
            let h = f64::from(c) / max * (H - 20.0 - BAR_TOP);
            (
                x0 + i as f64 * slot + slot * 0.15,
                H - 20.0 - h,
                slot * 0.7,
                h,
            )
        })
        .collect()
}

/// The y of `value` on the bar scale of `max`.
#[must_use]
pub fn level(value: u32, max: u32) -> f64 {
    H - 20.0 - f64::from(value) / f64::from(max.max(1)) * (H - 20.0 - BAR_TOP)
}

/// The y of `tasks` on the deployment chart, whose top (10 units down) is `peak` tasks.
#[must_use]
pub fn tasks_level(tasks: u32, peak: u32) -> f64 {
    H - f64::from(tasks) / f64::from(peak.max(1)) * (H - 10.0)
}

/// Stacked step areas of a deployment: one closed path per layer (old, stopping, starting, new),
/// bottom to top, over `0..duration` seconds.
#[must_use]
pub fn deployment_layers(steps: &[Step], duration: u32) -> [String; 4] {
    let peak = steps
        .iter()
        .map(|s| s.old + s.stopping + s.starting + s.new)
        .max()
        .unwrap_or(1)
        .max(1);
    let x = |t: u32| f64::from(t) / f64::from(duration.max(1)) * W;
    let y = |v: u32| H - f64::from(v) / f64::from(peak) * (H - 10.0);
    let cumulative = |s: &Step, layer: usize| -> u32 {
        [s.old, s.stopping, s.starting, s.new][..layer].iter().sum()
    };
    let mut out: [String; 4] = Default::default();
    for (layer, path) in out.iter_mut().enumerate() {
        let mut top = Vec::new();
        let mut bottom = Vec::new();
        for (i, s) in steps.iter().enumerate() {
            let end = steps.get(i + 1).map_or(duration, |n| n.at_seconds);
            for t in [s.at_seconds, end] {
                top.push((x(t), y(cumulative(s, layer + 1))));
                bottom.push((x(t), y(cumulative(s, layer))));
            }
        }
        let points: Vec<String> = top
            .iter()
            .chain(bottom.iter().rev())
            .map(|(px, py)| format!("{px:.1},{py:.1}"))
            .collect();
        if !points.is_empty() {
            *path = format!("M{}Z", points.join("L"));
        }
    }
    out
}

/// The middle height of `layer` (0 old … 3 new) in the first or the last step drawn before
/// `duration` (a step at the very end has no width): the y of its direct label, or `None` when
/// the layer is empty there.
#[must_use]
pub fn layer_middle(steps: &[Step], duration: u32, layer: usize, last: bool) -> Option<f64> {
    let peak = steps
        .iter()
        .map(|s| s.old + s.stopping + s.starting + s.new)
        .max()?
        .max(1);
    let s = if last {
        steps.iter().rev().find(|s| s.at_seconds < duration)?
    } else {
        steps.first()?
    };
    let counts = [s.old, s.stopping, s.starting, s.new];
    let below: u32 = counts[..layer].iter().sum();
    let own = *counts.get(layer)?;
    (own > 0).then(|| {
        let middle = f64::from(below) + f64::from(own) / 2.0;
        H - middle / f64::from(peak) * (H - 10.0)
    })
}

/// The share of production traffic on the new version over the deployment, 0% at the bottom and
/// 100% at the top: an open step path through the phases.
#[must_use]
pub fn traffic_line(phases: &[akplan_core::Phase], duration: u32) -> String {
    let x = |t: u32| f64::from(t) / f64::from(duration.max(1)) * W;
    let y = |percent: f64| H - percent.clamp(0.0, 100.0) / 100.0 * (H - 10.0);
    let mut points = vec![(x(0), y(0.0))];
    for p in phases {
        points.push((x(p.start_seconds), y(p.traffic_new_percent)));
        points.push((x(p.end_seconds), y(p.traffic_new_percent)));
    }
    let text: Vec<String> = points
        .iter()
        .map(|(px, py)| format!("{px:.1},{py:.1}"))
        .collect();
    format!("M{}", text.join("L"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_scale_to_the_maximum() {
        let b = bars(&[3, 3, 3], 3, 0.0, 300.0);
        assert_eq!(b.len(), 3);
        assert!((b[0].3 - (H - 20.0 - BAR_TOP)).abs() < 1e-9);
        assert!((b[0].1 - BAR_TOP).abs() < 1e-9);
        assert!((level(0, 3) - (H - 20.0)).abs() < 1e-9);
    }

    #[test]
    fn the_traffic_line_climbs_with_the_shifts() {
        let phase = |start, end, traffic| akplan_core::Phase {
            name: "production_traffic_shift".into(),
            start_seconds: start,
            end_seconds: end,
            traffic_new_percent: traffic,
        };
        let line = traffic_line(&[phase(0, 50, 0.0), phase(50, 100, 100.0)], 100);
        assert!(line.starts_with("M0.0,160.0"), "{line}");
        assert!(line.ends_with("600.0,10.0"), "{line}");
    }

    #[test]
    fn layers_are_closed_paths() {
        let steps = vec![
            Step {
                at_seconds: 0,
                old: 2,
                stopping: 0,
                starting: 2,
                new: 0,
            },
            Step {
                at_seconds: 10,
                old: 0,
                stopping: 2,
                starting: 0,
                new: 2,
            },
        ];
        // Old is whole at the start, new at the end: their labels sit inside them.
        assert_eq!(
            layer_middle(&steps, 20, 0, false),
            Some(H - 0.25 * (H - 10.0))
        );
        assert_eq!(
            layer_middle(&steps, 20, 3, true),
            Some(H - 0.75 * (H - 10.0))
        );
        assert_eq!(layer_middle(&steps, 20, 3, false), None);
        // A step at the very end is not drawn: the label goes where the layer is seen.
        assert_eq!(layer_middle(&steps, 10, 3, true), None);
        let layers = deployment_layers(&steps, 20);
        assert!(
            layers
                .iter()
                .all(|p| p.starts_with('M') && p.ends_with('Z'))
        );
    }
}
