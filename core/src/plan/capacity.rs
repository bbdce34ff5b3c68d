//! Task counts: base, pre-scaled target, the spread over zones, and the 2..6 zone trade-off.

use serde::Serialize;

use crate::model::prescaled;

/// Tasks per zone when `total` tasks are spread over `zones` as evenly as possible.
#[must_use]
pub fn spread(total: u32, zones: u32) -> Vec<u32> {
    let zones = zones.max(1);
    (0..zones)
        .map(|i| total / zones + u32::from(i < total % zones))
        .collect()
}

/// Whether losing any one zone still leaves at least `base` tasks (computed, not assumed).
#[must_use]
pub fn survives_zone_loss(per_zone: &[u32], base: u32) -> bool {
    let total: u32 = per_zone.iter().sum();
    per_zone.len() >= 2 && per_zone.iter().all(|lost| total - lost >= base)
}

/// One row of the zone-count comparison.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct ZoneOption {
    /// Zones.
    pub azs: u32,
    /// Pre-scaled task count.
    pub target: u32,
    /// Tasks above the base, % of the base.
    pub over_provisioning_percent: f64,
    /// Monthly cost of the target count, USD (the chosen architecture, on-demand).
    pub monthly_usd: f64,
}

/// The 2..6 zone comparison for `base` tasks costing `task_monthly_usd` each.
#[must_use]
pub fn by_zone_count(base: u32, task_monthly_usd: f64) -> Vec<ZoneOption> {
    crate::present::COMPARED_ZONE_COUNTS
        .map(|azs| {
            let target = prescaled(base, azs);
            ZoneOption {
                azs,
                target,
                over_provisioning_percent: if base == 0 {
                    0.0
                } else {
                    round2(f64::from(target - base) * 100.0 / f64::from(base))
                },
                monthly_usd: round2(f64::from(target) * task_monthly_usd),
            }
        })
        .collect()
}

/// Rounds to cents (and percent hundredths) for stable output.
#[must_use]
pub fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn the_seeds_worked_examples() {
        assert_eq!(spread(9, 3), vec![3, 3, 3]);
        assert!(survives_zone_loss(&spread(9, 3), 6));
        assert!(!survives_zone_loss(&spread(8, 3), 6));
        let rows = by_zone_count(600, 1.0);
        assert_eq!((rows[1].azs, rows[1].target), (3, 900));
        assert_eq!((rows[4].azs, rows[4].target), (6, 720));
        assert!((rows[4].over_provisioning_percent - 20.0).abs() < 1e-9);
    }

    proptest! {
        #[test]
        fn prescaled_spreads_always_survive_losing_a_zone(base in 1u32..5000, zones in 2u32..=6) {
            let per = spread(prescaled(base, zones), zones);
            prop_assert!(survives_zone_loss(&per, base));
            let max = per.iter().max().copied().unwrap_or(0);
            let min = per.iter().min().copied().unwrap_or(0);
            prop_assert!(max - min <= 1);
        }
    }
}
