//! The fleet: the same services copied into every Region and cell, each cell pre-scaled for the
//! faults the spec names, priced at each Region's prices; and the release across it.
//!
//! A layer over the service plan, not a second planner: a cell's services in one zone are
//! planned as one ECS service of that zone's tasks by the same deployment model a single
//! service gets, and the fleet adds them up (docs/fleet.md).
//!
//! Sizing, one fault at a time (a modelling choice, stated in docs/fleet.md): `base_count` is
//! the fleet's peak, in equal shares over Regions and a Region's cells. A cell survives the loss
//! of a zone with ceil(base × Z / (Z − 1)) (as a single service does); with `region` in
//! `survive`, each Region also carries its share after the largest other Region is lost,
//! base / (R − 1) with equal shares (AWS multi-Region fundamentals: "each [Region] should be able
//! to operate independently",
//! <https://docs.aws.amazon.com/whitepapers/latest/aws-multi-region-fundamentals/multi-region-fundamental-3-understanding-your-workload-dependencies.html>).
//! A cell's target is the larger of the two.

use std::collections::BTreeMap;

use serde::Serialize;

use super::capacity::{round2, spread};
use super::release::{self, ReleasePlan};
use super::sharding::{Sharding, sharding};
use super::{Assumptions, cost, deployment, shape};
use crate::model::{App, Counts, Fleet, Release, Service, prescaled};
use crate::pricing::Prices;

/// What sets a cell's task count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum SetBy {
    /// The peak share alone (no fault pre-scaled for, or it needs no more).
    Peak,
    /// The loss of a zone of the cell.
    Zone,
    /// The loss of another Region.
    Region,
}

/// One service's numbers in every cell.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct CellSizing {
    /// Service name.
    pub service: String,
    /// The fleet's peak need (`base_count`).
    pub fleet_base: u32,
    /// A Region's share of it.
    pub region_base: u32,
    /// A cell's share of that.
    pub cell_base: u32,
    /// What a cell needs to survive the loss of a zone (its base when not pre-scaled).
    pub zone_loss_tasks: u32,
    /// What a cell needs when another Region is lost (0 without `region` in `survive`).
    pub region_loss_tasks: u32,
    /// Tasks per cell: the largest of the above.
    pub tasks: u32,
    /// Which fault sets `tasks`.
    pub set_by: SetBy,
    /// Tasks per zone in each cell.
    pub zones: Vec<u32>,
}

/// A cell of a Region.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct CellPlan {
    /// `cell-1`, `cell-2`…
    pub name: String,
    /// Tasks of every service.
    pub tasks: u32,
    /// Tasks per zone, every service.
    pub zones: Vec<u32>,
}

/// A Region of the fleet.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct RegionPlan {
    /// Region code.
    pub region: String,
    /// Tasks in the Region.
    pub tasks: u32,
    /// Tasks (each service on its architecture, with its Spot mix), a load balancer per cell
    /// with a load-balanced service and the NAT gateways of the Region's VPC, at the Region's
    /// prices, USD a month.
    pub monthly_usd: f64,
    /// Figures the Region's price table lacks (filled in from us-east-1's).
    pub estimated: Vec<&'static str>,
    /// Where this Region's prices come from (akplan's table or a Price List file) ...
    pub prices_source: String,
    /// ... and their date.
    pub prices_as_of: String,
    /// Its cells.
    pub cells: Vec<CellPlan>,
}

/// What the fleet costs and what each of its choices adds, USD a month.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct FleetCost {
    /// One copy: one cell in the home Region, pre-scaled for a zone only.
    pub single_copy_monthly_usd: f64,
    /// What the other Regions add (one cell each, zone only).
    pub regions_add_monthly_usd: f64,
    /// What splitting each Region into cells adds (load balancers, rounding up per cell).
    pub cells_add_monthly_usd: f64,
    /// What pre-scaling for the loss of a Region adds.
    pub region_survival_adds_monthly_usd: f64,
}

/// The fleet plan.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct FleetPlan {
    /// Per Region, in the fleet's order.
    pub regions: Vec<RegionPlan>,
    /// Tasks in the whole fleet.
    pub tasks: u32,
    /// The whole fleet, USD a month (line items such as logs and traffic are not included).
    pub monthly_usd: f64,
    /// The faults each cell is pre-scaled for: `zone`, `region`.
    pub survive: Vec<&'static str>,
    /// Per service: how a cell is sized.
    pub services: Vec<CellSizing>,
    /// Shuffle sharding.
    pub sharding: Sharding,
    /// What the choices cost.
    pub cost: FleetCost,
}

/// The fleet and release plans of `app`; `prices` are the home Region's, `others` those the
/// front end has for other Regions (the CLI's Price List cache); a Region with neither uses
/// akplan's table.
#[must_use]
pub fn plan(
    app: &App,
    fleet: &Fleet,
    release: Option<&Release>,
    model: Assumptions,
    (prices, others): (&Prices, &[Prices]),
) -> (FleetPlan, Option<ReleasePlan>) {
    let by_region: Vec<Prices> = fleet
        .regions
        .iter()
        .map(|r| {
            if *r == prices.region {
                prices.clone()
            } else {
                others
                    .iter()
                    .find(|p| p.region == *r)
                    .cloned()
                    .unwrap_or_else(|| Prices::builtin(r))
            }
        })
        .collect();
    let sizing: Vec<CellSizing> = app.services.iter().map(|s| size(app, fleet, s)).collect();
    let zones = app.zones.max(1) as usize;
    let mut zone_tasks = vec![0u32; zones];
    for s in &sizing {
        for (z, t) in s.zones.iter().enumerate() {
            zone_tasks[z] += t;
        }
    }
    let cell_tasks: u32 = zone_tasks.iter().sum();
    let regions = fleet
        .regions
        .iter()
        .zip(&by_region)
        .map(|(region, p)| RegionPlan {
            region: region.clone(),
            tasks: cell_tasks * fleet.cells,
            monthly_usd: region_monthly(app, &sizing, fleet.cells, p),
            estimated: p.estimated.clone(),
            prices_source: p.source.clone(),
            prices_as_of: p.as_of.clone(),
            cells: (1..=fleet.cells)
                .map(|c| CellPlan {
                    name: format!("cell-{c}"),
                    tasks: cell_tasks,
                    zones: zone_tasks.clone(),
                })
                .collect(),
        })
        .collect::<Vec<_>>();
    let monthly = round2(regions.iter().map(|r| r.monthly_usd).sum());
    let release = release.map(|r| release_plan(app, fleet, r, &sizing, &zone_tasks, model, prices));
    let plan = FleetPlan {
        tasks: regions.iter().map(|r| r.tasks).sum(),
        monthly_usd: monthly,
        survive: [
            (fleet.survive_zone, "zone"),
            (fleet.survive_region, "region"),
        ]
        .into_iter()
        .filter_map(|(on, name)| on.then_some(name))
        .collect(),
        sharding: sharding(fleet.cells, fleet.cells_per_customer, fleet.customers),
        cost: what_it_adds(app, fleet, &by_region, monthly),
        services: sizing,
        regions,
    };
    (plan, release)
}

/// How one service is sized in every cell (the only place a cell's count is decided).
fn size(app: &App, fleet: &Fleet, svc: &Service) -> CellSizing {
    let r = u32::try_from(fleet.regions.len())
        .unwrap_or(u32::MAX)
        .max(1);
    let n = fleet.cells.max(1);
    let base = svc.counts.base;
    let region_base = base.div_ceil(r);
    let cell_base = region_base.div_ceil(n);
    let zone_loss = if fleet.survive_zone && svc.counts.static_stability {
        prescaled(cell_base, app.zones)
    } else {
        cell_base
    };
    let region_loss = if fleet.survive_region && r >= 2 {
        base.div_ceil(r - 1).div_ceil(n)
    } else {
        0
    };
    let tasks = cell_base.max(zone_loss).max(region_loss);
    let set_by = if region_loss == tasks && region_loss > zone_loss {
        SetBy::Region
    } else if zone_loss == tasks && zone_loss > cell_base {
        SetBy::Zone
    } else {
        SetBy::Peak
    };
    CellSizing {
        service: svc.name.clone(),
        fleet_base: base,
        region_base,
        cell_base,
        zone_loss_tasks: zone_loss,
        region_loss_tasks: region_loss,
        tasks,
        set_by,
        zones: spread(tasks, app.zones),
    }
}

/// A Region's bill: every cell's tasks, a load balancer per cell when a service has a port, and
/// the Region's NAT gateways (one VPC per Region, shared by its cells).
fn region_monthly(app: &App, sizing: &[CellSizing], cells: u32, prices: &Prices) -> f64 {
    let tasks: f64 = app
        .services
        .iter()
        .zip(sizing)
        .map(|(svc, s)| cost::by_arch(prices, s.tasks * cells, shape(svc)).of(svc.arch))
        .sum();
    let albs = if app.services.iter().any(|s| s.port.is_some()) {
        f64::from(cells) * cost::alb_monthly(prices)
    } else {
        0.0
    };
    round2(tasks + albs + cost::nat_monthly(prices, app.nat_gateways))
}

/// The fleet's bill under simpler fleets, so the plan can say what each choice adds.
fn what_it_adds(app: &App, fleet: &Fleet, by_region: &[Prices], monthly: f64) -> FleetCost {
    let bill = |f: &Fleet, prices: &[Prices]| -> f64 {
        let sizing: Vec<CellSizing> = app.services.iter().map(|s| size(app, f, s)).collect();
        prices
            .iter()
            .map(|p| region_monthly(app, &sizing, f.cells, p))
            .sum()
    };
    let zone_only = Fleet {
        survive_region: false,
        ..fleet.clone()
    };
    let one_cell = Fleet {
        cells: 1,
        cells_per_customer: 1,
        ..zone_only.clone()
    };
    let single = Fleet {
        regions: fleet.regions.iter().take(1).cloned().collect(),
        ..one_cell.clone()
    };
    let single_copy = bill(&single, &by_region[..by_region.len().min(1)]);
    let regions = bill(&one_cell, by_region);
    let cells = bill(&zone_only, by_region);
    FleetCost {
        single_copy_monthly_usd: round2(single_copy),
        regions_add_monthly_usd: round2(regions - single_copy),
        cells_add_monthly_usd: round2(cells - regions),
        region_survival_adds_monthly_usd: round2(monthly - cells),
    }
}

/// The release: each zone's units deploy as one ECS service per service of that zone's tasks,
/// simulated by the deployment model a single service gets.
fn release_plan(
    app: &App,
    fleet: &Fleet,
    release: &Release,
    sizing: &[CellSizing],
    zone_tasks: &[u32],
    model: Assumptions,
    prices: &Prices,
) -> ReleasePlan {
    // (service index, tasks) → (deploy, rollback) seconds; zones differ by one task at most.
    let mut memo: BTreeMap<(usize, u32), (u32, u32)> = BTreeMap::new();
    let mut zonal = |i: usize, tasks: u32| {
        *memo.entry((i, tasks)).or_insert_with(|| {
            let svc = &app.services[i];
            let one = zonal_service(svc, tasks);
            let d = deployment::plan(&one, model, prices, shape(&one));
            (d.duration_seconds, d.rollback_seconds)
        })
    };
    let mut deploy = vec![0u32; zone_tasks.len()];
    let mut rollback = 0;
    for (i, s) in sizing.iter().enumerate() {
        for (z, &tasks) in s.zones.iter().enumerate() {
            let (d, r) = zonal(i, tasks);
            deploy[z] = deploy[z].max(d);
            rollback = rollback.max(r);
        }
    }
    release::plan(
        release,
        &release::Layout {
            regions: &fleet.regions,
            cells: fleet.cells,
            zone_tasks,
            zone_deploy_seconds: &deploy,
            rollback_seconds: rollback,
            cells_per_customer: fleet.cells_per_customer,
        },
    )
}

/// `svc` as the zonal ECS service of one cell and zone: `tasks` tasks, in one zone, no
/// pre-scaling of its own (the cell's count already holds it).
fn zonal_service(svc: &Service, tasks: u32) -> Service {
    Service {
        counts: Counts::new(
            crate::model::Base::Count(tasks),
            false,
            1,
            (Some(tasks), Some(tasks)),
            svc.counts.spot,
        ),
        ..svc.clone()
    }
}
