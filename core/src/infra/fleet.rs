//! A fleet's cells as infrastructure: each cell of each Region is the app's infrastructure again,
//! under its own cluster name, at the cell's counts, with zonal services (one ECS service per
//! zone, so a release can reach one zone at a time). Every name and count comes from here and
//! from the fleet plan; the printers only print (docs/fleet.md).

use super::Infra;
use super::build::build_with;
use crate::facts;
use crate::model::App;
use crate::plan::fleet::FleetPlan;

/// One cell's infrastructure.
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    /// Region code.
    pub region: String,
    /// `cell-1`, `cell-2`...
    pub name: String,
    /// The cell's resources; `app` is its cluster name.
    pub infra: Infra,
}

/// The cluster (and name prefix) of a cell: `<app>-<zone prefix of the Region>-c<n>`, e.g.
/// `orders-use1-c1`, unique per Region and cell, since IAM role names are global to the account.
#[must_use]
pub fn cluster_name(app: &str, region: &str, cell: usize) -> String {
    let short = facts::REGIONS
        .iter()
        .find(|(r, _)| *r == region)
        .map_or_else(|| region.replace('-', ""), |(_, p)| (*p).to_owned());
    format!("{app}-{short}-c{cell}")
}

/// Every cell of `fleet`, in the fleet's order (Regions, then cells).
#[must_use]
pub fn cells(app: &App, fleet: &FleetPlan) -> Vec<Cell> {
    let mut out = Vec::new();
    for region in &fleet.regions {
        for (i, cell) in region.cells.iter().enumerate() {
            let copy = App {
                name: cluster_name(&app.name, &region.region, i + 1),
                region: region.region.clone(),
                fleet: None,
                release: None,
                ..app.clone()
            };
            let mut infra = build_with(&copy, |svc| {
                fleet
                    .services
                    .iter()
                    .find(|s| s.service == svc.name)
                    .map_or(0, |s| s.tasks)
            });
            for s in &mut infra.services {
                s.service.zonal = fleet
                    .services
                    .iter()
                    .find(|z| z.service == s.name)
                    .map(|z| z.zones.clone());
                // A cell runs its pre-scaled counts; per-zone autoscaling is not emitted.
                s.scaling = None;
            }
            out.push(Cell {
                region: region.region.clone(),
                name: cell.name.clone(),
                infra,
            });
        }
    }
    out
}
