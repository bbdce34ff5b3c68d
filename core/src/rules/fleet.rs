//! The fleet's and the release's rules: Regions, shuffle sharding and waves (docs/fleet.md).
//! All warnings: AWS sees none of this; the plan corrects what it can and says so.

use crate::diagnostic::{Code, Finding};
use crate::facts;
use crate::model::Scope;
use crate::plan::sharding::choose;
use crate::pointer::Pointer;
use crate::spec::Spec;
use crate::spec::fleet::{FleetSpec, ReleaseSpec};

/// Cells below which one plain cell holds more than a tenth of the customers.
const FEW_CELLS: u32 = 10;

/// Runs the fleet's rules.
pub fn check(spec: &Spec, out: &mut Vec<Finding>) {
    let Some(fleet) = &spec.fleet else {
        return;
    };
    regions(spec, fleet, out);
    sharding(fleet, out);
    for svc in &spec.services {
        let strategy = svc.deployment.strategy.name();
        if strategy != crate::model::StrategyName::Rolling {
            out.push(Finding::new(
                Code::FleetTrafficShifting,
                &svc.path.join("deployment").join("strategy"),
                format!(
                    "`{}` in a fleet: the zonal services of a cell share one listener rule, which this strategy moves",
                    strategy.as_str()
                ),
                "use `strategy: rolling`; the release's waves and bakes do the careful part",
            ));
        }
        if svc
            .service_connect
            .as_ref()
            .is_some_and(|sc| sc.publish.is_some())
        {
            out.push(Finding::new(
                Code::FleetServiceConnect,
                &svc.path.join("service_connect"),
                "Service Connect publishes one discovery name per namespace, and a fleet runs this service as one ECS service per cell and zone",
                "keep only `namespace` (the service as a client), or publish it behind its load balancer",
            ));
        }
    }
    if let Some(release) = &spec.release {
        waves(spec, fleet, release, out);
    }
}

fn regions(spec: &Spec, fleet: &FleetSpec, out: &mut Vec<Finding>) {
    for (i, r) in fleet.regions.iter().enumerate() {
        if fleet.regions[..i].iter().any(|e| e.value == r.value) {
            out.push(Finding::new(
                Code::FleetRegionRepeated,
                &r.path,
                format!(
                    "`{}` is listed twice: the fleet has one copy in it",
                    r.value
                ),
                "remove the repeat",
            ));
        } else if fleet.regions_written
            && r.value != spec.region
            && !facts::REGIONS.iter().any(|(known, _)| *known == r.value)
        {
            out.push(Finding::new(
                Code::UnknownRegion,
                &r.path,
                format!("akplan does not know the Region `{}`", r.value),
                "check the spelling (e.g. `eu-west-1`); prices fall back to us-east-1's",
            ));
        }
    }
    if fleet.regions_written && !fleet.regions.iter().any(|r| r.value == spec.region) {
        out.push(Finding::new(
            Code::HomeRegionOutsideFleet,
            &fleet.path.join("regions"),
            format!(
                "the spec's region `{}` is not one of the fleet's Regions",
                spec.region
            ),
            format!("add `{}` to `fleet.regions`, first", spec.region),
        ));
    }
    if fleet.survive_region && fleet.distinct_regions().len() < 2 {
        out.push(Finding::new(
            Code::RegionSurvivalAlone,
            &fleet.path.join("survive"),
            "`survive: [region]` with one Region: no other Region takes over its traffic",
            "add a Region to `fleet.regions`, or remove `region` from `survive`",
        ));
    }
}

fn sharding(fleet: &FleetSpec, out: &mut Vec<Finding>) {
    let (n, k) = (fleet.cells, fleet.cells_per_customer);
    let k_path = fleet.path.join("cells_per_customer");
    if k > n {
        out.push(Finding::new(
            Code::ShardLargerThanFleet,
            &k_path,
            format!(
                "{k} cells per customer out of {n}: the plan uses {n}, every customer on every cell"
            ),
            format!(
                "use `cells_per_customer: {}` or more cells",
                n.saturating_sub(1).max(1)
            ),
        ));
    }
    if k == 1 && (2..FEW_CELLS).contains(&n) {
        out.push(Finding::new(
            Code::FewPlainCells,
            &k_path,
            format!(
                "{n} cells, one per customer: a bad cell takes down {}% of the customers",
                (100.0 / f64::from(n)).round()
            ),
            format!(
                "`cells_per_customer: 2` gives {} combinations and leaves every customer a cell when one fails",
                choose(n, 2).unwrap_or(0)
            ),
        ));
    }
    let k = k.min(n);
    if let (Some(customers), Some(c)) = (fleet.customers, choose(n, k))
        && k >= 2
        && customers < c
    {
        out.push(Finding::new(
            Code::EmptyCombinations,
            &fleet.path.join("customers"),
            format!(
                "{customers} customers for {c} combinations of {k} of {n} cells: {} stay empty",
                c - customers
            ),
            "assign combinations so no two customers share all their cells, or lower `cells_per_customer`",
        ));
    }
}

fn waves(spec: &Spec, fleet: &FleetSpec, release: &ReleaseSpec, out: &mut Vec<Finding>) {
    let r_count = u32::try_from(fleet.distinct_regions().len()).unwrap_or(u32::MAX);
    let (cells, zones) = (fleet.cells, spec.zones.count.max(1));
    let mut done = vec![false; (r_count * cells * zones) as usize];
    for wave in &release.waves {
        let w = wave.value;
        for (scope, field, available) in [
            (w.regions, "regions", r_count),
            (w.cells, "cells", cells),
            (w.zones, "zones", zones),
        ] {
            if let Scope::First(asked) = scope
                && asked > available
            {
                out.push(Finding::new(
                    Code::WaveBeyondFleet,
                    &wave.path.join(field),
                    format!("{asked} {field}, and the fleet has {available}"),
                    format!("write `{field}: all` (or {available})"),
                ));
            }
        }
        let mut added = false;
        for r in 0..w.regions.of(r_count) {
            for c in 0..w.cells.of(cells) {
                for z in 0..w.zones.of(zones) {
                    let unit = &mut done[((r * cells + c) * zones + z) as usize];
                    added |= !*unit;
                    *unit = true;
                }
            }
        }
        if !added {
            out.push(Finding::new(
                Code::WaveAddsNothing,
                &wave.path,
                "every Region, cell and zone of this wave was released by the waves before it",
                "widen the wave or remove it",
            ));
        }
    }
    let left = done.iter().filter(|d| !**d).count();
    if left > 0 {
        out.push(Finding::new(
            Code::ReleaseIncomplete,
            &Pointer::root().join("release").join("waves"),
            format!(
                "after the last wave, {left} of {} cell-zones still run the old version",
                done.len()
            ),
            "end with `{ regions: all, cells: all, zones: all }`",
        ));
    }
}
