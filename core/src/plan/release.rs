//! A release across a fleet: the spec's waves expanded into steps of units (Region, cell, zone)
//! deployed in parallel, each baked before the next.
//!
//! The rule, from AWS's guide for ECS ("Automated safe hands-off deployments"): a change starts
//! in one Region, one zone and one cell, and never reaches more than one zone of a Region at a
//! time. So a step holds at most one zone of each Region: a wave over several zones becomes one
//! step per zone, and the Regions of one wave go in parallel, each one zone at a time. See
//! <https://docs.aws.amazon.com/whitepapers/latest/advanced-multi-az-resilience-patterns/>.

use serde::Serialize;

use super::capacity::round2;
use super::sharding::untouched_probability;
use crate::model::Release;

/// One zonal service group: a cell's services in one zone of one Region.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct Unit {
    /// Region code.
    pub region: String,
    /// Cell number in the Region, from 1.
    pub cell: u32,
    /// Zone number in the cell, from 1 (the Region's zones in order).
    pub zone: u32,
}

/// One step: units deployed together, then baked.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct ReleaseStep {
    /// The wave it belongs to, from 1.
    pub wave: u32,
    /// The units deployed in parallel.
    pub units: Vec<Unit>,
    /// When it starts, s from the release's start.
    pub start_seconds: u32,
    /// The slowest unit's deployment (every service of a cell-zone, simulated as one ECS
    /// service of that zone's tasks), s.
    pub deploy_seconds: u32,
    /// Bake, watching the alarms, s.
    pub bake_seconds: u32,
    /// When it ends, s.
    pub end_seconds: u32,
    /// Tasks on the new version once it is deployed, % of the fleet's.
    pub exposure_percent: f64,
    /// Customers with at least one of their cells touched, % (shuffle sharding, the same cell
    /// numbers in every Region).
    pub customers_exposed_percent: f64,
    /// A bad change noticed only when this step's bake ends: how long these customers are
    /// exposed, from this step's start through its rollback, s.
    pub worst_case_exposed_seconds: u32,
}

/// The release plan.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct ReleasePlan {
    /// The steps, in order.
    pub steps: Vec<ReleaseStep>,
    /// Until the last step ends, s.
    pub total_seconds: u32,
    /// Of which baking, s.
    pub bake_seconds: u32,
    /// Until the first Region has every unit on the new version, s; `None` if it never does.
    pub first_region_seconds: Option<u32>,
    /// Tasks on the new version when the first wave's bake ends, %.
    pub exposure_after_first_wave_percent: f64,
    /// Customers exposed when the first wave's bake ends, %.
    pub customers_exposed_after_first_wave_percent: f64,
    /// Units in the fleet (Regions × cells × zones).
    pub units: u32,
    /// Units the waves reach (fewer when the last wave does not cover the fleet).
    pub units_released: u32,
    /// Worst case from a detected failure to every unit back on the old version, s (the
    /// slowest service's rollback).
    pub rollback_seconds: u32,
}

/// What the release needs to know about the fleet.
#[derive(Debug, Clone, PartialEq)]
pub struct Layout<'a> {
    /// Regions, in the fleet's order.
    pub regions: &'a [String],
    /// Cells per Region.
    pub cells: u32,
    /// Tasks of one cell in each zone (every service), the same in each cell and Region.
    pub zone_tasks: &'a [u32],
    /// Deployment seconds of one cell-zone, per zone.
    pub zone_deploy_seconds: &'a [u32],
    /// Rollback seconds of one cell-zone.
    pub rollback_seconds: u32,
    /// Cells per customer (k).
    pub cells_per_customer: u32,
}

/// Expands `release` over `layout`.
#[must_use]
pub fn plan(release: &Release, layout: &Layout<'_>) -> ReleasePlan {
    let r_count = u32::try_from(layout.regions.len()).unwrap_or(u32::MAX);
    let zones = u32::try_from(layout.zone_tasks.len()).unwrap_or(u32::MAX);
    let n = layout.cells;
    let per_region: u64 =
        u64::from(n) * layout.zone_tasks.iter().map(|&t| u64::from(t)).sum::<u64>();
    let fleet_tasks = (per_region * u64::from(r_count)).max(1);
    // done[r][c][z]
    let mut done = vec![vec![vec![false; zones as usize]; n as usize]; r_count as usize];
    let mut touched_cells = vec![false; n as usize];
    let mut steps = Vec::new();
    let (mut clock, mut deployed_tasks) = (0u32, 0u64);
    let mut first_wave = None;
    let mut first_region_seconds = None;
    for (w, wave) in release.waves.iter().enumerate() {
        let (rs, cs, zs) = (
            wave.regions.of(r_count),
            wave.cells.of(n),
            wave.zones.of(zones),
        );
        // Each Region's pending zones, in order, with their pending cells.
        let pending: Vec<Vec<(u32, Vec<u32>)>> = (0..rs)
            .map(|r| {
                (0..zs)
                    .filter_map(|z| {
                        let cells: Vec<u32> = (0..cs)
                            .filter(|&c| !done[r as usize][c as usize][z as usize])
                            .collect();
                        (!cells.is_empty()).then_some((z, cells))
                    })
                    .collect()
            })
            .collect();
        let rounds = pending.iter().map(Vec::len).max().unwrap_or(0);
        for round in 0..rounds {
            let mut units = Vec::new();
            let mut deploy = 0;
            for (r, zones_left) in pending.iter().enumerate() {
                let Some((z, cells)) = zones_left.get(round) else {
                    continue;
                };
                let zi = *z as usize;
                deploy = deploy.max(layout.zone_deploy_seconds.get(zi).copied().unwrap_or(0));
                for &c in cells {
                    done[r][c as usize][zi] = true;
                    touched_cells[c as usize] = true;
                    deployed_tasks += u64::from(layout.zone_tasks[zi]);
                    units.push(Unit {
                        region: layout.regions[r].clone(),
                        cell: c + 1,
                        zone: z + 1,
                    });
                }
            }
            let bake = wave.bake_minutes.saturating_mul(60);
            let start = clock;
            clock = clock.saturating_add(deploy).saturating_add(bake);
            let touched = u32::try_from(touched_cells.iter().filter(|t| **t).count()).unwrap_or(n);
            #[allow(clippy::cast_precision_loss)] // task counts far below 2^52
            let exposure = round2(100.0 * deployed_tasks as f64 / fleet_tasks as f64);
            let customers = round2(
                100.0 * (1.0 - untouched_probability(n, layout.cells_per_customer, touched)),
            );
            if first_region_seconds.is_none()
                && done
                    .first()
                    .is_some_and(|cells| cells.iter().flatten().all(|d| *d))
            {
                first_region_seconds = Some(clock);
            }
            steps.push(ReleaseStep {
                wave: u32::try_from(w + 1).unwrap_or(u32::MAX),
                units,
                start_seconds: start,
                deploy_seconds: deploy,
                bake_seconds: bake,
                end_seconds: clock,
                exposure_percent: exposure,
                customers_exposed_percent: customers,
                worst_case_exposed_seconds: deploy
                    .saturating_add(bake)
                    .saturating_add(layout.rollback_seconds),
            });
        }
        if first_wave.is_none() && rounds > 0 {
            first_wave = steps
                .last()
                .map(|s| (s.exposure_percent, s.customers_exposed_percent));
        }
    }
    let (first_exposure, first_customers) = first_wave.unwrap_or((0.0, 0.0));
    ReleasePlan {
        total_seconds: clock,
        bake_seconds: steps.iter().map(|s| s.bake_seconds).sum(),
        first_region_seconds,
        exposure_after_first_wave_percent: first_exposure,
        customers_exposed_after_first_wave_percent: first_customers,
        units: r_count * n * zones,
        units_released: u32::try_from(done.iter().flatten().flatten().filter(|d| **d).count())
            .unwrap_or(u32::MAX),
        rollback_seconds: layout.rollback_seconds,
        steps,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Scope, Wave};
    use proptest::prelude::*;

    fn wave(regions: Scope, cells: Scope, zones: Scope, bake_minutes: u32) -> Wave {
        Wave {
            regions,
            cells,
            zones,
            bake_minutes,
        }
    }

    fn scope() -> impl Strategy<Value = Scope> {
        prop_oneof![Just(Scope::All), (1u32..6).prop_map(Scope::First)]
    }

    proptest! {
        /// Never two zones of one Region in a step; exposure only rises; a release whose last
        /// wave covers everything ends at 100%; the clock adds up.
        #[test]
        fn steps_keep_the_rules(
            regions in 1usize..4,
            cells in 1u32..6,
            zone_tasks in prop::collection::vec(1u32..50, 1..5),
            waves in prop::collection::vec((scope(), scope(), scope(), 0u32..90), 1..5),
            k in 1u32..6,
        ) {
            let names: Vec<String> = (0..regions).map(|i| format!("r{i}")).collect();
            let deploy: Vec<u32> = zone_tasks.iter().map(|t| 60 + t * 3).collect();
            let mut waves: Vec<Wave> = waves.into_iter().map(|(r, c, z, b)| wave(r, c, z, b)).collect();
            waves.push(wave(Scope::All, Scope::All, Scope::All, 5));
            let layout = Layout {
                regions: &names,
                cells,
                zone_tasks: &zone_tasks,
                zone_deploy_seconds: &deploy,
                rollback_seconds: 100,
                cells_per_customer: k.min(cells),
            };
            let p = plan(&Release { waves }, &layout);
            let mut previous = 0.0;
            let mut clock = 0;
            for s in &p.steps {
                prop_assert!(!s.units.is_empty());
                for region in &names {
                    let mut zones: Vec<u32> = s.units.iter().filter(|u| &u.region == region).map(|u| u.zone).collect();
                    zones.dedup();
                    prop_assert!(zones.len() <= 1, "two zones of {region} in one step: {:?}", s.units);
                }
                prop_assert!(s.exposure_percent > previous);
                previous = s.exposure_percent;
                prop_assert_eq!(s.start_seconds, clock);
                prop_assert_eq!(s.end_seconds, s.start_seconds + s.deploy_seconds + s.bake_seconds);
                clock = s.end_seconds;
            }
            prop_assert!((previous - 100.0).abs() < 1e-9);
            prop_assert_eq!(p.total_seconds, clock);
            prop_assert_eq!(p.units_released, p.units);
            let unit_count: usize = p.steps.iter().map(|s| s.units.len()).sum();
            prop_assert_eq!(unit_count as u32, p.units);
            prop_assert!(p.first_region_seconds.is_some_and(|t| t <= p.total_seconds));
        }
    }
}
